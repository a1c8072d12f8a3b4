"""Reads for compliance checks, findings and worker summaries, scoped to what the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from rsca.compliance.models import ComplianceCheck, Finding, WorkerSummary
from rsca.core.errors import NotFound
from rsca.core.models import Organisation
from rsca.core.scoping import WRITE_ROLES, is_platform_staff, user_organisation_ids, visible_to


def check_list(*, user: Any, facility_id: int | None = None) -> QuerySet[ComplianceCheck]:
    qs = visible_to(user, ComplianceCheck.objects.all()).select_related("facility", "organisation")
    if facility_id is not None:
        qs = qs.filter(facility_id=facility_id)
    return qs.order_by("-created_at", "-id")


def check_get(*, user: Any, check_id: int) -> ComplianceCheck:
    if not getattr(user, "is_authenticated", False):
        raise NotFound("No such compliance check.")
    check = check_list(user=user).filter(pk=check_id).first()
    if check is None:
        raise NotFound("No such compliance check.")
    return check


def check_findings(*, user: Any, check: ComplianceCheck, code: str | None = None, worker: str | None = None,
                   severity: str | None = None) -> QuerySet[Finding]:
    qs = visible_to(user, Finding.objects.filter(upload=check))
    if code:
        qs = qs.filter(code=code)
    if worker:
        qs = qs.filter(worker=worker)
    if severity:
        qs = qs.filter(severity=severity)
    return qs.order_by("code", "worker", "period_start", "id")


def check_workers(*, user: Any, check: ComplianceCheck) -> QuerySet[WorkerSummary]:
    return visible_to(user, WorkerSummary.objects.filter(upload=check)).defer("weekly_hours")


def worker_get(*, user: Any, check: ComplianceCheck, worker: str) -> WorkerSummary:
    summary = visible_to(user, WorkerSummary.objects.filter(upload=check, worker=worker)).first()
    if summary is None:
        raise NotFound("No such worker in this check.")
    return summary


def previous_check(*, check: ComplianceCheck) -> ComplianceCheck | None:
    """The facility's last finished check by the same organisation before this one (for the comparison)."""
    return (
        ComplianceCheck.objects.filter(facility_id=check.facility_id, organisation_id=check.organisation_id,
                                       status=ComplianceCheck.Status.DONE, created_at__lt=check.created_at)
        .exclude(pk=check.pk).order_by("-created_at", "-id").first()
    )


def upload_organisations(*, user: Any, facility: Any) -> list[Organisation]:
    """The organisations the user may upload records for `facility` on behalf of: the claiming supplier, or a
    buyer with a supply relationship to it, in which the user is an editor or admin."""
    from rsca.supplychain.models import SupplyRelationship

    buyers = set(SupplyRelationship.objects.filter(facility=facility).values_list("buyer_id", flat=True))
    eligible = buyers | ({facility.claimed_by_id} if facility.claimed_by_id else set())
    if is_platform_staff(user):
        allowed = eligible
    else:
        allowed = eligible & user_organisation_ids(user, roles=WRITE_ROLES)
    return list(Organisation.objects.filter(pk__in=allowed).order_by("name"))


def uploadable_facilities(*, user: Any) -> list[tuple[Any, list[Organisation]]]:
    """Facilities the user may upload records for, each with the organisations they would act for."""
    from rsca.supplychain.selectors import facilities_of_organisation

    if not getattr(user, "is_authenticated", False):
        return []
    organisations = Organisation.objects.filter(pk__in=user_organisation_ids(user, roles=WRITE_ROLES))
    found: dict[int, tuple[Any, list[Organisation]]] = {}
    for organisation in organisations:
        for facility in facilities_of_organisation(organisation=organisation):
            found.setdefault(facility.pk, (facility, []))[1].append(organisation)
    return sorted(found.values(), key=lambda item: item[0].name)


def facility_for_upload(*, user: Any, facility_id: int) -> Any:
    from rsca.supplychain.models import Facility

    facility = Facility.objects.select_related("country", "division").filter(pk=facility_id).first()
    if facility is None or not upload_organisations(user=user, facility=facility):
        raise NotFound("No such facility, or you may not upload records for it.")
    return facility


def can_share(*, user: Any, check: ComplianceCheck) -> bool:
    """Only the supplier that claims the facility (its editors and admins) decides whether buyers see a check."""
    if is_platform_staff(user):
        return True
    claimed = check.facility.claimed_by_id
    return bool(claimed and claimed in user_organisation_ids(user, roles=WRITE_ROLES))


def default_jurisdiction(*, facility: Any) -> str:
    """The facility's city (`CN-440300`) when known, else its country; the standards resolve up the chain."""
    if facility.country_id == "CN" and facility.division_id:
        return f"CN-{facility.division_id}"
    return facility.country_id or ""
