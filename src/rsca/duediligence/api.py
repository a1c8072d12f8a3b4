"""Due-diligence API: the buyer's risk register and its trend."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from rsca.api.auth import AUTH_REQUIRED
from rsca.core.errors import Forbidden, InvalidInput
from rsca.core.scoping import is_member
from rsca.duediligence import selectors, services

router = Router(tags=["due diligence"], auth=AUTH_REQUIRED)
PREFIX = "duediligence"
MAX_TIER = 10


class RegisterIssueOut(Schema):
    issue: str
    label: str
    score: float
    level: str
    severity: float
    likelihood: float
    actual: bool


class RegisterRowOut(Schema):
    facility_id: str
    name: str
    score: float
    level: str
    priority: int
    tier: int
    country: str
    severity: float
    likelihood: float
    issues: list[RegisterIssueOut]
    reasons: list[str]
    method_version: str


class RegisterOut(Schema):
    organisation: str
    facilities: list[RegisterRowOut]


class SnapshotOut(Schema):
    taken_at: datetime.datetime
    weights_version: str
    facilities: int
    counts: dict[str, int]
    by_issue: dict[str, int]
    mean_score: float


@router.get("/register", response=RegisterOut)
def register(
    request: HttpRequest,
    org: str | None = None,
    tier: int | None = None,
    country: str = "",
    issue: str = "",
    level: str = "",
    limit: int = 500,
    offset: int = 0,
) -> Any:
    """The register (facilities with evidence newer than the last computation are recomputed first); filter by
    tier, country, issue, level."""
    organisation = selectors.register_organisation(user=request.user, slug=org)
    if tier is not None and not 1 <= tier <= MAX_TIER:
        raise InvalidInput(
            f"tier must be between 1 and {MAX_TIER}.", details=[{"column": "tier", "message": tier}]
        )
    offset = min(max(offset, 0), 10**9)
    if is_member(request.user, organisation.pk):
        services.risk_register_refresh(organisation=organisation)  # only facilities with new evidence
    rows = selectors.register_entries(
        user=request.user,
        organisation=organisation,
        filters=selectors.RegisterFilters(tier=tier, country=country, issue=issue, level=level),
    )[offset : offset + min(max(limit, 1), 500)]
    return {"organisation": organisation.name, "facilities": [selectors.entry_as_dict(e) for e in rows]}


@router.post("/register/recompute", response=SnapshotOut)
def register_recompute(request: HttpRequest, org: str) -> Any:
    """Recompute the register of the organisation `org` (its slug) and store a snapshot for the trend."""
    organisation = selectors.register_organisation(user=request.user, slug=org)
    if not is_member(request.user, organisation.pk):
        raise Forbidden("Only the organisation's members may recompute its register.")
    return services.risk_register_compute(organisation=organisation)


@router.get("/register/trend", response=list[SnapshotOut])
def register_trend(request: HttpRequest, org: str | None = None) -> Any:
    organisation = selectors.register_organisation(user=request.user, slug=org)
    return list(selectors.register_trend(user=request.user, organisation=organisation))
