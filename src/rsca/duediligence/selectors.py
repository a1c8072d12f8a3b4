"""Reads of the due-diligence workspace, scoped to what the asking user may see."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from rsca.core.errors import NotFound
from rsca.core.models import Organisation
from rsca.core.scoping import visible_to
from rsca.duediligence.models import (
    ActionItem,
    Answer,
    AuditReport,
    Questionnaire,
    QuestionnaireRequest,
    RiskEntry,
    RiskSnapshot,
)
from rsca.duediligence.reasons import issue_label, reason_text
from rsca.duediligence.risk import facility_filter_q, register_facilities
from rsca.grievances.selectors import grievances_of_facilities
from rsca.supplychain.models import SupplyRelationship
from rsca.supplychain.selectors import organisation_for_user
from rsca.training.selectors import activity_calendar


def register_organisation(*, user: Any, slug: str | None = None, name: str | None = None) -> Organisation:
    """The buyer whose register is shown: by slug (pages, API) or exact name (CLI), among those the user may see."""
    if name is not None:
        organisation = (
            Organisation.objects.filter(name=name).first() or Organisation.objects.filter(slug=name).first()
        )
        if organisation is None:
            raise NotFound(f"No organisation named {name!r}.")
        return organisation
    organisation = organisation_for_user(user=user, slug=slug)
    if organisation is None:
        raise NotFound("No organisation.")
    return organisation


@dataclass
class RegisterFilters:
    tier: int | None = None
    country: str = ""
    issue: str = ""
    level: str = ""


def register_entries(
    *, user: Any, organisation: Organisation, filters: RegisterFilters | None = None
) -> QuerySet[RiskEntry]:
    return _filtered(visible_to(user, RiskEntry.objects.filter(organisation=organisation)), filters)


def organisation_register(
    *, organisation: Organisation, filters: RegisterFilters | None = None
) -> QuerySet[RiskEntry]:
    """The stored register of an organisation for the operator's CLI (which runs with the platform's rights)."""
    return _filtered(RiskEntry.objects.filter(organisation=organisation), filters)


def _filtered(qs: QuerySet[RiskEntry], filters: RegisterFilters | None) -> QuerySet[RiskEntry]:
    filters = filters or RegisterFilters()
    qs = qs.filter(
        facility_filter_q(
            tier=filters.tier, country=filters.country, issue=filters.issue, level=filters.level
        )
    )
    return qs.select_related("facility").order_by("priority", "id")


def register_trend(*, user: Any, organisation: Organisation) -> QuerySet[RiskSnapshot]:
    return (
        visible_to(user, RiskSnapshot.objects.filter(organisation=organisation))
        .order_by("taken_at", "id")
        .only("id", "taken_at", "weights_version", "facilities", "counts", "by_issue", "mean_score")
    )


def entry_as_dict(entry: RiskEntry) -> dict[str, Any]:
    """The register row as the CLI and API give it (reasons in the active language)."""
    flagged = [i for i in entry.issues if i["level"] != "low"]
    return {
        "facility_id": entry.facility.public_id,
        "name": entry.facility.name,
        "score": entry.score,
        "level": entry.level,
        "priority": entry.priority,
        "tier": entry.tier,
        "country": entry.country_id,
        "severity": entry.severity,
        "likelihood": entry.likelihood,
        "issues": [
            {
                "issue": i["issue"],
                "label": issue_label(i["issue"]),
                "score": i["score"],
                "level": i["level"],
                "severity": i["severity"],
                "likelihood": i["likelihood"],
                "actual": i["actual"],
            }
            for i in flagged
        ],
        "reasons": [reason_text(r) for r in entry.reasons],
        "method_version": entry.weights_version,
    }


def register_size(*, organisation: Organisation) -> int:
    return register_facilities(organisation).count()


def register_entry_get(*, user: Any, entry_id: int) -> RiskEntry:
    entry = (
        visible_to(user, RiskEntry.objects.select_related("facility", "organisation"))
        .filter(pk=entry_id)
        .first()
    )
    if entry is None:
        raise NotFound("No such register entry.")
    return entry


def register_filter_choices(*, user: Any, organisation: Organisation) -> dict[str, list[Any]]:
    qs = visible_to(user, RiskEntry.objects.filter(organisation=organisation))
    return {
        "tiers": sorted(set(qs.values_list("tier", flat=True))),
        "countries": sorted(set(qs.values_list("country_id", flat=True))),
    }


def training_suggestions(*, user: Any, issues: list[str], limit: int = 5) -> list[Any]:
    """Upcoming published trainings on the facility's open issues (training as mitigation)."""
    if not issues:
        return []
    wanted = set(issues)
    found = []
    for activity in activity_calendar(user=user, upcoming=True)[:200]:
        if wanted & set(activity.topic_codes or []):
            found.append(activity)
            if len(found) >= limit:
                break
    return found


def questionnaire_list() -> QuerySet[Questionnaire]:
    return Questionnaire.objects.all().order_by("code", "-version")


def request_list(*, user: Any) -> QuerySet[QuestionnaireRequest]:
    return visible_to(
        user, QuestionnaireRequest.objects.select_related("questionnaire", "facility", "requested_by")
    ).order_by("-sent_at", "-id")


def request_get(*, user: Any, request_id: int) -> QuestionnaireRequest:
    found = request_list(user=user).filter(pk=request_id).first()
    if found is None:
        raise NotFound("No such questionnaire request.")
    return found


def request_answers(*, user: Any, request: QuestionnaireRequest) -> dict[int, Answer]:
    """question id -> the facility's answer, as far as the user may see it (the supplier: drafts too; a buyer:
    submitted answers shared with it)."""
    answers = visible_to(
        user, Answer.objects.filter(facility=request.facility, question__questionnaire=request.questionnaire)
    )
    return {a.question_id: a for a in answers.select_related("question")}


def sendable_facilities(*, user: Any, organisation: Organisation) -> QuerySet[SupplyRelationship]:
    return (
        visible_to(user, SupplyRelationship.objects.filter(buyer=organisation))
        .select_related("facility")
        .order_by("facility__name")
    )


def action_list(*, user: Any) -> QuerySet[ActionItem]:
    return visible_to(user, ActionItem.objects.select_related("facility", "organisation")).order_by(
        "deadline", "id"
    )


def action_get(*, user: Any, item_id: int) -> ActionItem:
    item = action_list(user=user).filter(pk=item_id).first()
    if item is None:
        raise NotFound("No such action.")
    return item


def tracking_indicators(*, user: Any, organisation: Organisation) -> dict[str, Any]:
    """Step 4 indicators over time for the buyer: register by level and by issue (snapshots), actions due and
    closed on time by month, grievances by month, questionnaire scores per facility."""
    snapshots = list(register_trend(user=user, organisation=organisation))
    issues = sorted({issue for s in snapshots for issue in s.by_issue})
    actions = list(action_list(user=user).filter(organisation=organisation))
    months = sorted({a.deadline.strftime("%Y-%m") for a in actions})
    due = Counter(a.deadline.strftime("%Y-%m") for a in actions)
    on_time = Counter(a.deadline.strftime("%Y-%m") for a in actions if a.closed_on_time)
    grievance_months = Counter(
        created.strftime("%Y-%m")
        for created in grievances_of_facilities(
            organisation_id=organisation.pk,
            facility_ids=register_facilities(organisation).values("facility_id"),
        ).values_list("created_at", flat=True)
    )
    scores = [
        (r.facility.name, r.questionnaire.code, r.score)
        for r in request_list(user=user).filter(requested_by=organisation, score__isnull=False)
    ]
    labels = [s.taken_at.strftime("%Y-%m-%d %H:%M") for s in snapshots]
    return {
        "chart-levels": {
            "labels": labels,
            "kind": "bar",
            "stack": True,
            "series": [
                {"name": level, "values": [s.counts.get(level, 0) for s in snapshots]}
                for level in ("high", "medium", "low")
            ],
        },
        "chart-issues": {
            "labels": labels,
            "series": [
                {"name": issue_label(issue), "values": [s.by_issue.get(issue, 0) for s in snapshots]}
                for issue in issues
            ],
        },
        "chart-actions": {
            "labels": months,
            "kind": "bar",
            "series": [
                {"name": "due", "values": [due[m] for m in months]},
                {"name": "closed on time", "values": [on_time[m] for m in months]},
            ],
        },
        "chart-grievances": {
            "labels": sorted(grievance_months),
            "kind": "bar",
            "series": [{"name": "cases", "values": [grievance_months[m] for m in sorted(grievance_months)]}],
        },
        "scores": scores,
    }


def facility_audits(*, user: Any, facility_id: int) -> QuerySet[AuditReport]:
    return visible_to(user, AuditReport.objects.filter(facility_id=facility_id)).order_by(
        "-audit_date", "-id"
    )
