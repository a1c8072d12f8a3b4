"""Supply-chain API: facilities (public), relationships, list uploads and rows, reviews and decisions (scoped)."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import paginate

from rsca.api.auth import AUTH_REQUIRED
from rsca.api.pagination import PageNumberPagination
from rsca.core.errors import Forbidden, NotFound
from rsca.core.models import Organisation
from rsca.core.scoping import can_edit_organisation, is_member, is_platform_staff
from rsca.supplychain import selectors, services

router = Router(tags=["supplychain"])
PREFIX = "supplychain"


class FacilityOut(Schema):
    facility_id: str
    name: str
    native_name: str
    address: str
    country: str
    division: str | None
    province: str | None
    latitude: float | None
    longitude: float | None
    sectors: list[str]
    product_type: str
    facility_type: str
    processing_type: str
    number_of_workers: int | None
    parent_company: str
    is_closed: bool
    claimed: bool
    merged_into: str | None

    @staticmethod
    def resolve_facility_id(obj: Any) -> str:
        return str(obj.public_id)

    @staticmethod
    def resolve_country(obj: Any) -> str:
        return str(obj.country_id)

    @staticmethod
    def resolve_division(obj: Any) -> str | None:
        return obj.division_id

    @staticmethod
    def resolve_province(obj: Any) -> str | None:
        return obj.province.code if obj.province else None

    @staticmethod
    def resolve_sectors(obj: Any) -> list[str]:
        return [s.code for s in obj.sectors.all()]

    @staticmethod
    def resolve_claimed(obj: Any) -> bool:
        return obj.claimed_by_id is not None

    @staticmethod
    def resolve_merged_into(obj: Any) -> str | None:
        return obj.merged_into.public_id if obj.merged_into_id else None


class RelationshipOut(Schema):
    id: int
    buyer: str
    buyer_name: str
    facility_id: str
    facility_name: str
    tier: int
    supplies_to: str | None
    products: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    volume_share: float | None


def _relationship_out(user: Any, relationship: Any) -> dict[str, Any]:
    private = selectors.sees_buyer_only_fields(user=user, relationship=relationship)
    return {
        "id": relationship.pk,
        "buyer": relationship.buyer.slug,
        "buyer_name": relationship.buyer.name,
        "facility_id": relationship.facility.public_id,
        "facility_name": relationship.facility.name,
        "tier": relationship.tier,
        "supplies_to": relationship.supplies_to.public_id if relationship.supplies_to else None,
        "products": relationship.products,
        "start_date": relationship.start_date,
        "end_date": relationship.end_date,
        "volume_share": float(relationship.volume_share)
        if private and relationship.volume_share is not None
        else None,
    }


class RiskOut(Schema):
    """A facility's risk as the caller may know it (see `selectors.FacilityRisk` for the rule)."""

    level: str  # high, medium, low or unknown
    check_id: int | None  # the latest finished compliance check the caller may see
    checked_on: datetime.date | None
    workers: int
    workers_with_findings: int
    share_with_findings: float
    high_codes: list[str]
    medium_codes: list[str]
    findings: list[str]  # names of the checks behind the level
    rule_en: str
    rule_zh: str


class SupplierOut(RelationshipOut):
    risk: RiskOut


def _risk_out(risk: selectors.FacilityRisk, rule: dict[str, str]) -> dict[str, Any]:
    checked_on = risk.checked_on.date() if isinstance(risk.checked_on, datetime.datetime) else risk.checked_on
    return {
        "level": risk.level,
        "check_id": risk.check_id,
        "checked_on": checked_on,
        "workers": risk.workers,
        "workers_with_findings": risk.workers_with_findings,
        "share_with_findings": round(risk.share, 4),
        "high_codes": list(risk.high_codes),
        "medium_codes": list(risk.medium_codes),
        "findings": selectors.risk_code_labels(risk),
        **rule,
    }


def _risk_rule() -> dict[str, str]:
    share = {"share": int(selectors.HIGH_SHARE * 100)}
    with translation.override("en"):
        english = _RISK_RULE % share
    with translation.override("zh-hans"):
        chinese = _RISK_RULE % share
    return {"rule_en": english, "rule_zh": chinese}


_RISK_RULE = _(
    "high: a high-severity finding (child labour, young workers on night or hazardous work, pay below the minimum "
    "wage, overtime premium underpaid) or at least %(share)s%% of the workers with a finding; medium: a "
    "medium-severity finding (hours, rest days, contracts, social insurance); low: a finished check with no "
    "finding or only low-severity ones; unknown: no finished check that you may see."
)


class _SuppliersWithRisk:
    """A buyer's suppliers for the paginator: risk is read for the requested page only, in one batch."""

    def __init__(self, user: Any, organisation: Organisation, relationships: Any) -> None:
        self.user, self.organisation, self.relationships = user, organisation, relationships

    def __len__(self) -> int:
        return int(self.relationships.count())

    def __getitem__(self, window: slice) -> list[dict[str, Any]]:
        page = list(self.relationships[window])
        risks = selectors.facility_risks(
            user=self.user, facility_ids=[r.facility_id for r in page], organisation=self.organisation
        )
        rule = _risk_rule()
        return [
            {
                **_relationship_out(self.user, r),
                "risk": _risk_out(risks.get(r.facility_id, selectors.FacilityRisk()), rule),
            }
            for r in page
        ]


class UploadOut(Schema):
    id: int
    organisation: str
    filename: str
    status: str
    tier: int
    row_count: int
    totals: dict[str, int]
    extra_columns: list[str]
    created_at: datetime.datetime
    committed_at: datetime.datetime | None
    progress_id: int | None
    error_message: str

    @staticmethod
    def resolve_organisation(obj: Any) -> str:
        return str(obj.organisation.slug)


class RowOut(Schema):
    id: int
    upload_id: int
    row: int
    status: str
    name: str
    native_name: str
    address: str
    country: str | None
    facility_id: str | None
    score: float | None
    candidates: list[dict[str, Any]]
    errors: list[dict[str, Any]]
    decided: bool

    @staticmethod
    def resolve_row(obj: Any) -> int:
        return int(obj.row_number)

    @staticmethod
    def resolve_country(obj: Any) -> str | None:
        return obj.country_id

    @staticmethod
    def resolve_facility_id(obj: Any) -> str | None:
        return obj.facility.public_id if obj.facility_id else None

    @staticmethod
    def resolve_candidates(obj: Any) -> list[dict[str, Any]]:
        return list(obj.candidates)


class ImportRowOut(Schema):
    row: int
    status: str
    facility_id: str | None
    score: float | None
    candidates: list[dict[str, Any]]
    errors: list[dict[str, Any]]


class ImportOut(Schema):
    file: str
    organisation: str
    committed: bool
    upload_id: int | None
    extra_columns: list[str]
    totals: dict[str, int]
    rows: list[ImportRowOut]


class DecisionIn(Schema):
    decision: str
    facility_id: str | None = None


class DecisionOut(Schema):
    organisation: str
    row_key: str
    decision: str
    facility_id: str | None
    row_name: str
    decided_at: datetime.datetime

    @staticmethod
    def resolve_organisation(obj: Any) -> str:
        return str(obj.organisation.slug)

    @staticmethod
    def resolve_facility_id(obj: Any) -> str | None:
        return obj.facility.public_id if obj.facility_id else None


class MergeIn(Schema):
    duplicate_id: str
    reason: str = ""


@router.get("/facilities", response=list[FacilityOut])
@paginate(PageNumberPagination)
def facility_list(
    request: HttpRequest, q: str = "", country: str = "", province: str = "", sector: str = ""
) -> Any:
    """Search the public register by name in either script (punctuation- and legal-form-tolerant) or by ID."""
    filters = selectors.FacilityFilters(
        query=q[:100], country=country[:2], province=province[:6], sector=sector[:4]
    )
    return (
        selectors.facility_search(user=request.user, filters=filters)
        .prefetch_related("sectors")
        .select_related("merged_into")
    )


@router.get("/facilities/{public_id}", response=FacilityOut)
def facility_get(request: HttpRequest, public_id: str) -> Any:
    return selectors.facility_get(user=request.user, public_id=public_id)


@router.get("/facilities/{public_id}/relationships", response=list[RelationshipOut], auth=AUTH_REQUIRED)
def facility_relationships(request: HttpRequest, public_id: str) -> Any:
    facility = selectors.facility_get(user=request.user, public_id=public_id)
    return [
        _relationship_out(request.user, r)
        for r in selectors.facility_relationships(user=request.user, facility=facility).select_related(
            "facility", "supplies_to"
        )
    ]


@router.get("/facilities/{public_id}/risk", response=RiskOut, auth=AUTH_REQUIRED)
def facility_risk(request: HttpRequest, public_id: str) -> Any:
    """The facility's risk from the latest finished compliance check the caller may see (unknown without one)."""
    facility = selectors.facility_get(user=request.user, public_id=public_id)
    return _risk_out(selectors.facility_risk(user=request.user, facility=facility), _risk_rule())


@router.get("/suppliers", response=list[SupplierOut], auth=AUTH_REQUIRED)
@paginate(PageNumberPagination)
def supplier_list(
    request: HttpRequest,
    org: str = "",
    country: str = "",
    province: str = "",
    sector: str = "",
    tier: int | None = None,
    q: str = "",
    risk: str = "",
) -> Any:
    """A buyer's suppliers with each facility's risk, filtered as on the supplier page (`org`: the buyer's slug;
    by default the caller's organisation with a supply chain). `risk`: high, medium, low or unknown."""
    organisation = selectors.organisation_for_user(user=request.user, slug=org or None)
    if organisation is None:
        raise NotFound("You belong to no organisation with a supply chain.")
    filters = selectors.SupplierFilters(
        country=country[:2],
        province=province[:6],
        sector=sector[:4],
        tier=tier if tier is not None and 1 <= tier <= 9 else None,
        query=q.strip()[:100],
        risk=risk if risk in selectors.RISK_LEVELS else "",
    )
    relationships = selectors.supplier_list(user=request.user, organisation=organisation, filters=filters)
    return _SuppliersWithRisk(request.user, organisation, relationships)


@router.post("/facilities/{public_id}/merge", response=FacilityOut, auth=AUTH_REQUIRED)
def facility_merge(request: HttpRequest, public_id: str, payload: MergeIn) -> Any:
    """Merge a duplicate into this facility (platform staff); the duplicate's ID keeps resolving."""
    if not is_platform_staff(request.user):
        raise Forbidden("Facilities are merged by programme staff.")
    kept = selectors.facility_get(user=request.user, public_id=public_id)
    duplicate = selectors.facility_get(user=request.user, public_id=payload.duplicate_id)
    services.facility_merge(kept=kept, merged=duplicate, by=request.user, reason=payload.reason)
    return kept


@router.get("/relationships", response=list[RelationshipOut], auth=AUTH_REQUIRED)
@paginate(PageNumberPagination)
def relationship_list(request: HttpRequest, buyer: str = "") -> Any:
    return [
        _relationship_out(request.user, r)
        for r in selectors.relationship_list(user=request.user, buyer_slug=buyer or None)
    ]


@router.get("/relationships/{relationship_id}", response=RelationshipOut, auth=AUTH_REQUIRED)
def relationship_get(request: HttpRequest, relationship_id: int) -> Any:
    return _relationship_out(
        request.user, selectors.relationship_get(user=request.user, relationship_id=relationship_id)
    )


@router.get("/uploads", response=list[UploadOut], auth=AUTH_REQUIRED)
@paginate(PageNumberPagination)
def upload_list(request: HttpRequest) -> Any:
    return selectors.upload_list(user=request.user)


@router.post("/uploads", response={201: ImportOut, 202: UploadOut}, auth=AUTH_REQUIRED)
def upload_create(
    request: HttpRequest,
    organisation: Form[str],
    file: File[UploadedFile],
    commit: Form[bool] = False,
    tier: Form[int] = 1,
) -> Any:
    """Upload a facility list (multipart: `file`, `organisation` slug, `commit`, `tier`); preview unless commit.

    A large file (see `services.runs_in_background`) is processed by a background task: the answer is 202 with
    the upload (status `processing`) and `progress_id` (`GET /api/v1/tasks/{progress_id}`); its rows are at
    `/uploads/{id}/rows` once the status is `preview` (or `committed`)."""
    target = Organisation.objects.filter(slug=organisation).first()
    if target is None or not is_member(request.user, target.pk):
        raise NotFound("No such organisation.")
    if not can_edit_organisation(request.user, target.pk):
        raise Forbidden("Only editors of the organisation can upload its facility lists.")
    if services.runs_in_background(size=file.size):
        queued = services.facility_list_upload_queue(
            organisation=target,
            upload_file=file,
            filename=file.name or "upload.csv",
            by=request.user,
            tier=max(1, min(9, tier)),
            commit=commit,
        )
        return 202, selectors.upload_get(user=request.user, upload_id=queued.pk)
    report = services.facility_list_import(
        organisation=target,
        source=file,
        filename=file.name or "upload.csv",
        by=request.user,
        commit=commit,
        tier=max(1, min(9, tier)),
    )
    return 201, report.as_dict()


@router.get("/uploads/{upload_id}", response=UploadOut, auth=AUTH_REQUIRED)
def upload_get(request: HttpRequest, upload_id: int) -> Any:
    return selectors.upload_get(user=request.user, upload_id=upload_id)


@router.get("/uploads/{upload_id}/rows", response=list[RowOut], auth=AUTH_REQUIRED)
@paginate(PageNumberPagination)
def upload_rows(request: HttpRequest, upload_id: int, status: str = "") -> Any:
    upload = selectors.upload_get(user=request.user, upload_id=upload_id)
    return selectors.upload_rows(user=request.user, upload=upload, status=status or None)


@router.post("/uploads/{upload_id}/commit", response={200: UploadOut, 202: UploadOut}, auth=AUTH_REQUIRED)
def upload_commit(request: HttpRequest, upload_id: int) -> Any:
    """Commit a previewed list (one transaction); a large list is committed by a background task (202, with
    `progress_id`)."""
    upload = selectors.upload_get(user=request.user, upload_id=upload_id)
    if services.runs_in_background(rows=upload.row_count):
        services.facility_list_commit_queue(upload=upload, by=request.user)
        return 202, selectors.upload_get(user=request.user, upload_id=upload_id)
    services.facility_list_commit(upload=upload, by=request.user)
    return 200, selectors.upload_get(user=request.user, upload_id=upload_id)


@router.get("/reviews", response=list[RowOut], auth=AUTH_REQUIRED)
@paginate(PageNumberPagination)
def review_list(request: HttpRequest) -> Any:
    return selectors.review_queue(user=request.user).select_related("facility")


@router.post("/rows/{row_id}/decision", response=RowOut, auth=AUTH_REQUIRED)
def row_decide(request: HttpRequest, row_id: int, payload: DecisionIn) -> Any:
    """Confirm a candidate (`confirmed` + `facility_id`) or reject all candidates (`rejected`)."""
    row = selectors.row_get(user=request.user, row_id=row_id)
    return services.facility_list_row_decide(
        row=row, decision=payload.decision, facility_public_id=payload.facility_id, by=request.user
    )


@router.get("/decisions", response=list[DecisionOut], auth=AUTH_REQUIRED)
@paginate(PageNumberPagination)
def decision_list(request: HttpRequest) -> Any:
    return selectors.decision_list(user=request.user)
