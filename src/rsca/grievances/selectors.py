"""Reads of grievance cases, scoped to the parties the worker chose; statistics carry no personal data."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from rsca.core.errors import NotFound
from rsca.core.scoping import is_platform_staff, user_organisation_ids
from rsca.grievances.contact import contact_decrypt
from rsca.grievances.models import Grievance, GrievanceMessage
from rsca.supplychain.models import Facility


def grievance_cases(*, user: Any) -> QuerySet[Grievance]:
    """Cases the user may see: as a member of a party the worker chose; platform staff only the cases the worker
    opened to the programme (staff do not see every case, unlike other data)."""
    if not getattr(user, "is_authenticated", False):
        return Grievance.objects.none()
    q = Grievance.scope_q(user=user, org_ids=user_organisation_ids(user))
    if is_platform_staff(user):
        q |= Q(visible_to_programme=True)
    return Grievance.objects.filter(q).select_related("facility", "facility__country")


def grievance_get(*, user: Any, pk: int) -> Grievance:
    grievance = grievance_cases(user=user).filter(pk=pk).first()
    if grievance is None:
        raise NotFound("No such case.")
    return grievance


def grievance_messages(*, grievance: Grievance) -> QuerySet[GrievanceMessage]:
    """The messages of a case the caller already holds (through `grievance_get` or `services.grievance_track`)."""
    return grievance.messages.select_related("organisation").order_by("created_at", "id")


def grievance_contact(*, user: Any, grievance: Grievance) -> str | None:
    """The decrypted contact details for someone who may see the case ("" when none; None when unreadable)."""
    grievance_get(user=user, pk=grievance.pk)
    return contact_decrypt(grievance.contact_encrypted)


def facility_for_channel(*, public_id: str) -> Facility:
    """The facility whose public grievance page this is (facility profiles are public)."""
    facility = (
        Facility.objects.filter(public_id=(public_id or "").strip().upper()[:15], merged_into__isnull=True)
        .select_related("country")
        .first()
    )
    if facility is None:
        raise NotFound("No such facility.")
    return facility


@dataclass
class GrievanceFilters:
    status: str = ""
    category: str = ""
    facility_id: int | None = None


def grievance_list(*, user: Any, filters: GrievanceFilters | None = None) -> QuerySet[Grievance]:
    qs = grievance_cases(user=user)
    filters = filters or GrievanceFilters()
    if filters.status in Grievance.Status.values:
        qs = qs.filter(status=filters.status)
    if filters.category in Grievance.Category.values:
        qs = qs.filter(category=filters.category)
    if filters.facility_id:
        qs = qs.filter(facility_id=filters.facility_id)
    return qs.order_by("-created_at", "-id")


def grievance_statistics(cases: Any, *, now: datetime.datetime | None = None) -> dict[str, Any]:
    """Counts only (no text, no contact, no case code): by category, status and outcome, time limits kept,
    retaliation reported, median days to acknowledgement and to closing."""
    now = now or timezone.now()
    rows = list(
        cases.values_list(
            "category",
            "status",
            "outcome",
            "retaliation",
            "created_at",
            "acknowledge_due",
            "respond_due",
            "acknowledged_at",
            "responded_at",
            "closed_at",
        )
    )
    by_category: Counter[str] = Counter()
    by_status: Counter[str] = Counter()
    by_outcome: Counter[str] = Counter()
    ack_days: list[float] = []
    close_days: list[float] = []
    ack_on_time = respond_on_time = ack_late = respond_late = retaliation = 0
    for category, status, outcome, retal, created, ack_due, resp_due, acked, responded, closed in rows:
        by_category[category] += 1
        by_status[status] += 1
        if outcome:
            by_outcome[outcome] += 1
        retaliation += bool(retal)
        if acked is not None:
            ack_days.append((acked - created).total_seconds() / 86400)
        if acked is not None and acked <= ack_due:
            ack_on_time += 1
        elif (acked or now) > ack_due:
            ack_late += 1
        if responded is not None and responded <= resp_due:
            respond_on_time += 1
        elif (responded or now) > resp_due:
            respond_late += 1
        if closed is not None:
            close_days.append((closed - created).total_seconds() / 86400)
    return {
        "total": len(rows),
        "by_category": dict(by_category),
        "by_status": dict(by_status),
        "by_outcome": dict(by_outcome),
        "retaliation": retaliation,
        "acknowledged_on_time": ack_on_time,
        "acknowledged_late": ack_late,
        "responded_on_time": respond_on_time,
        "responded_late": respond_late,
        "median_days_to_acknowledge": _median(ack_days),
        "median_days_to_close": _median(close_days),
    }


def _median(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    value = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return round(value, 1)


def grievances_of_facilities(
    *, organisation_id: int, facility_ids: Any, since: datetime.datetime | None = None
) -> QuerySet[Grievance]:
    """Cases of these facilities that a member of `organisation_id` may see (for the risk register and report)."""
    qs = Grievance.objects.filter(
        Grievance.scope_q(user=None, org_ids={organisation_id}), facility_id__in=facility_ids
    )
    if since is not None:
        qs = qs.filter(created_at__gte=since)
    return qs
