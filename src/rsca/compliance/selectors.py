"""Reads for compliance checks, findings and worker summaries, scoped to what the user may see."""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

from django.db.models import Q, QuerySet

from rsca.compliance.models import (
    ComplianceCheck,
    CorrectiveAction,
    CorrectiveActionEvent,
    Finding,
    WorkerSummary,
)
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


def check_findings(
    *,
    user: Any,
    check: ComplianceCheck,
    code: str | None = None,
    worker: str | None = None,
    severity: str | None = None,
) -> QuerySet[Finding]:
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
        ComplianceCheck.objects.filter(
            facility_id=check.facility_id,
            organisation_id=check.organisation_id,
            status=ComplianceCheck.Status.DONE,
            created_at__lt=check.created_at,
        )
        .exclude(pk=check.pk)
        .order_by("-created_at", "-id")
        .first()
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


# --- corrective actions -----------------------------------------------------------------------------------


def can_edit_actions(*, user: Any, check: ComplianceCheck) -> bool:
    """The facility's supplier and the organisation that uploaded the records (editors, admins) plan actions."""
    if is_platform_staff(user):
        return True
    mine = user_organisation_ids(user, roles=WRITE_ROLES)
    return bool(
        check.organisation_id in mine
        or (check.facility.claimed_by_id and check.facility.claimed_by_id in mine)
    )


def can_confirm_actions(*, user: Any, check: ComplianceCheck) -> bool:
    """A buyer of the facility that may see the check (shared with buyers), or platform staff, confirms actions.

    The supplier never confirms its own corrections.
    """
    from rsca.supplychain.models import SupplyRelationship

    if is_platform_staff(user):
        return True
    if not check.shared_with_buyers and check.organisation_id not in user_organisation_ids(
        user, roles=WRITE_ROLES
    ):
        return False
    buyers = set(
        SupplyRelationship.objects.filter(facility_id=check.facility_id).values_list("buyer_id", flat=True)
    )
    buyers.discard(check.facility.claimed_by_id)
    return bool(buyers & user_organisation_ids(user, roles=WRITE_ROLES))


def corrective_actions(*, user: Any, check: ComplianceCheck) -> QuerySet[CorrectiveAction]:
    return (
        visible_to(user, CorrectiveAction.objects.filter(compliance_check=check))
        .select_related("verifying_check")
        .order_by("due_date", "finding_code", "id")
    )


def corrective_action_get(*, user: Any, action_id: int) -> CorrectiveAction:
    if not getattr(user, "is_authenticated", False):
        raise NotFound("No such corrective action.")
    action = (
        visible_to(user, CorrectiveAction.objects.filter(pk=action_id))
        .select_related("compliance_check__facility", "compliance_check__organisation", "verifying_check")
        .first()
    )
    if action is None:
        raise NotFound("No such corrective action.")
    return action


def corrective_action_events(*, user: Any, action: CorrectiveAction) -> QuerySet[CorrectiveActionEvent]:
    """The action's history; a note about a later check that the user may not see is left out (except the
    verification itself, which is part of the action)."""
    visible_checks = visible_to(
        user, ComplianceCheck.objects.filter(facility_id=action.compliance_check.facility_id)
    )
    return (
        visible_to(user, CorrectiveActionEvent.objects.filter(corrective_action=action))
        .filter(
            Q(related_check__isnull=True)
            | Q(related_check__in=visible_checks.values("pk"))
            | Q(status=CorrectiveAction.Status.VERIFIED)
        )
        .select_related("by", "related_check")
    )


def finding_codes_without_action(*, check: ComplianceCheck) -> list[str]:
    """The check's finding codes that have no corrective action yet (in the engine's order when known)."""
    found = set(Finding.objects.filter(upload=check).values_list("code", flat=True).distinct())
    planned = set(
        CorrectiveAction.objects.filter(compliance_check=check).values_list("finding_code", flat=True)
    )
    return sorted(found - planned)


UNKNOWN = "unknown"


def compliance_indicators(
    *, date_from: datetime.date | None = None, date_to: datetime.date | None = None
) -> dict[str, Any]:
    """Aggregates for the programme's results framework (no personal data, so callers need no scoping).

    `facilities_assessed`: distinct facilities with at least one compliance check completed (status done) in
    the period, by the facility's province (GB/T 2260 code) and ISIC sector (a facility in two sectors counts
    in both; "unknown" when not recorded). `actions_verified`: corrective actions verified in the period (a
    later check no longer showed the finding, or a buyer or the programme confirmed it), i.e. types of
    violation remediated at a facility, by province and sector of the facility; `findings_remediated` and
    `workers_remediated`: the findings and distinct workers those actions covered in their original check.
    """
    checks = ComplianceCheck.objects.filter(status=ComplianceCheck.Status.DONE, completed_at__isnull=False)
    actions = CorrectiveAction.objects.filter(
        status=CorrectiveAction.Status.VERIFIED, verified_at__isnull=False
    )
    if date_from is not None:
        checks = checks.filter(completed_at__date__gte=date_from)
        actions = actions.filter(verified_at__date__gte=date_from)
    if date_to is not None:
        checks = checks.filter(completed_at__date__lte=date_to)
        actions = actions.filter(verified_at__date__lte=date_to)
    assessed = set(checks.values_list("facility_id", flat=True).distinct())
    verified = list(
        actions.values_list("compliance_check__facility_id", "findings_covered", "workers_covered")
    )
    from rsca.supplychain.selectors import facility_places

    places = facility_places(assessed | {facility for facility, _f, _w in verified})
    by_province: Counter[str] = Counter()
    by_sector: Counter[str] = Counter()
    for facility in assessed:
        province, sectors = places.get(facility, (UNKNOWN, [UNKNOWN]))
        by_province[province] += 1
        by_sector.update(sectors)
    actions_by_province: Counter[str] = Counter()
    actions_by_sector: Counter[str] = Counter()
    findings_by_province: Counter[str] = Counter()
    findings_by_sector: Counter[str] = Counter()
    for facility, findings, _workers in verified:
        province, sectors = places.get(facility, (UNKNOWN, [UNKNOWN]))
        actions_by_province[province] += 1
        findings_by_province[province] += findings
        for sector in sectors:
            actions_by_sector[sector] += 1
            findings_by_sector[sector] += findings
    return {
        "facilities_assessed": len(assessed),
        "facilities_by_province": dict(sorted(by_province.items())),
        "facilities_by_sector": dict(sorted(by_sector.items())),
        "actions_verified": len(verified),
        "actions_by_province": dict(sorted(actions_by_province.items())),
        "actions_by_sector": dict(sorted(actions_by_sector.items())),
        "findings_remediated": sum(f for _facility, f, _w in verified),
        "findings_by_province": dict(sorted(findings_by_province.items())),
        "findings_by_sector": dict(sorted(findings_by_sector.items())),
        "workers_remediated": sum(w for _facility, _f, w in verified),
    }
