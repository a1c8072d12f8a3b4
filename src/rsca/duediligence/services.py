"""Writes of the due-diligence workspace: register recomputation, questionnaires, action items, audit reports."""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from rsca.core.audit import audit_record
from rsca.core.errors import Forbidden, InvalidInput
from rsca.core.models import Organisation
from rsca.core.scoping import can_edit_organisation
from rsca.duediligence.method import method_version, weights
from rsca.duediligence.models import (
    EVIDENCE_EXTENSIONS,
    EVIDENCE_MAX_BYTES,
    ActionItem,
    AuditReport,
    RiskEntry,
    RiskSnapshot,
)
from rsca.duediligence.risk import FacilityAssessment, priority_key, register_changed_facilities, risk_assess
from rsca.supplychain.models import Facility, SupplyRelationship


def _entry_reasons(assessment: FacilityAssessment) -> list[dict[str, Any]]:
    shown = assessment.flagged_issues() or [assessment.worst]
    reasons = [r for issue in shown for r in issue.reasons]
    return reasons + assessment.reasons


def _entry(
    organisation: Organisation, a: FacilityAssessment, version: str, now: datetime.datetime
) -> RiskEntry:
    return RiskEntry(
        organisation=organisation,
        facility_id=a.facility_id,
        tier=a.tier,
        country_id=a.country_id,
        score=a.score,
        level=a.level,
        severity=a.worst.severity,
        likelihood=a.worst.likelihood,
        priority=a.priority,
        issue_codes="," + ",".join(i.issue for i in a.flagged_issues()) + ",",
        issues=[i.as_dict() for i in a.ranked_issues()],
        reasons=_entry_reasons(a),
        weights_version=version,
        computed_at=now,
    )


def _rerank(organisation: Organisation) -> None:
    """Priorities over the whole register after some rows changed (only rows whose rank moved are written)."""
    rows = list(
        RiskEntry.objects.filter(organisation=organisation).values_list(
            "id", "priority", "score", "severity", "likelihood", "facility__name", "facility_id"
        )
    )
    rows.sort(key=lambda r: priority_key(r[2], r[3], r[4], r[5], r[6]))
    moved = [RiskEntry(pk=row[0], priority=rank) for rank, row in enumerate(rows, start=1) if row[1] != rank]
    RiskEntry.objects.bulk_update(moved, ["priority"], batch_size=500)


def _snapshot(organisation: Organisation, version: str, now: datetime.datetime) -> RiskSnapshot:
    rows = list(
        RiskEntry.objects.filter(organisation=organisation).values_list(
            "facility_id", "score", "level", "issue_codes"
        )
    )
    counts = Counter(level for _f, _s, level, _i in rows)
    by_issue: Counter[str] = Counter(
        code for *_rest, codes in rows for code in codes.strip(",").split(",") if code
    )
    return RiskSnapshot.objects.create(
        organisation=organisation,
        taken_at=now,
        weights_version=version,
        facilities=len(rows),
        counts={level: counts.get(level, 0) for level in ("high", "medium", "low")},
        by_issue=dict(by_issue),
        mean_score=round(sum(score for _f, score, *_rest in rows) / len(rows), 1) if rows else 0.0,
        scores={str(facility): score for facility, score, *_rest in rows},
    )


@transaction.atomic
def risk_register_compute(
    *, organisation: Organisation, now: datetime.datetime | None = None, facility_ids: list[int] | None = None
) -> RiskSnapshot:
    """Recompute the buyer's register from the evidence it may see (all facilities, or only `facility_ids` after
    new evidence about them), store the rows, re-rank priorities and keep a snapshot for the trend."""
    now = now or timezone.now()
    version = method_version()
    action_items_escalate(organisation=organisation)
    assessments = risk_assess(organisation=organisation, now=now, facility_ids=facility_ids)
    stale = RiskEntry.objects.filter(organisation=organisation)
    if facility_ids is not None:
        stale = stale.filter(facility_id__in=facility_ids)
    stale.delete()
    RiskEntry.objects.bulk_create(
        [_entry(organisation, a, version, now) for a in assessments], batch_size=500
    )
    if facility_ids is not None:
        _rerank(organisation)
    snapshot = _snapshot(organisation, version, now)
    audit_record(
        action="update",
        target=organisation,
        verb="risk_register_compute",
        changes={"facilities": len(assessments), "version": version},
    )
    return snapshot


def risk_register_refresh(*, organisation: Organisation) -> RiskSnapshot | None:
    """Recompute only the facilities with evidence newer than the last snapshot (a new check, grievance, audit,
    answer or action); None when nothing changed. The register page calls this, so a new check shows at once."""
    last = (
        RiskSnapshot.objects.filter(organisation=organisation)
        .order_by("-taken_at")
        .values_list("taken_at", "weights_version")
        .first()
    )
    if last is None or last[1] != method_version():
        return risk_register_compute(organisation=organisation)
    changed = register_changed_facilities(organisation=organisation, since=last[0])
    if not changed:
        return None
    return risk_register_compute(organisation=organisation, facility_ids=changed)


ACTION_TRANSITIONS: dict[str, set[str]] = {
    ActionItem.Status.OPEN: {ActionItem.Status.IN_PROGRESS, ActionItem.Status.DONE},
    ActionItem.Status.IN_PROGRESS: {ActionItem.Status.DONE},
    ActionItem.Status.DONE: {ActionItem.Status.IN_PROGRESS, ActionItem.Status.VERIFIED},
    ActionItem.Status.VERIFIED: set(),
}


def action_item_create(
    *,
    organisation: Organisation,
    facility: Facility,
    source: str,
    issue: str,
    description: str,
    owner: str,
    deadline: datetime.date,
    by: Any,
    source_ref: str = "",
    buyer_commitment: str = "",
) -> ActionItem:
    """A buyer opens a corrective-action plan item for one of its supplier facilities."""
    if not can_edit_organisation(by, organisation.pk):
        raise Forbidden(_("You may not open actions for this organisation."))
    if not SupplyRelationship.objects.filter(buyer=organisation, facility=facility).exists():
        raise InvalidInput(_("The facility is not one of your suppliers."), code="not_a_supplier")
    if source not in ActionItem.Source.values:
        raise InvalidInput(_("Unknown source."), code="invalid_source")
    if not description.strip() or not owner.strip():
        raise InvalidInput(_("Say what is to be done and who owns it."), code="incomplete")
    return ActionItem.objects.create(
        organisation=organisation,
        facility=facility,
        source=source,
        issue=issue,
        description=description.strip(),
        owner=owner.strip()[:200],
        deadline=deadline,
        source_ref=source_ref[:100],
        buyer_commitment=buyer_commitment.strip(),
    )


@transaction.atomic
def action_item_update(
    *,
    item: ActionItem,
    by: Any,
    status: str | None = None,
    evidence_note: str | None = None,
    buyer_commitment: str | None = None,
) -> ActionItem:
    """The supplier reports progress and evidence; the buyer records its own contribution and verifies."""
    is_buyer = can_edit_organisation(by, item.organisation_id)
    is_supplier = bool(item.facility.claimed_by_id and can_edit_organisation(by, item.facility.claimed_by_id))
    if not (is_buyer or is_supplier):
        raise Forbidden(_("You may not change this action."))
    if status and status != item.status:
        if status not in ACTION_TRANSITIONS.get(item.status, set()):
            raise InvalidInput(
                _("This change of status is not possible."),
                code="invalid_transition",
                details={"from": item.status, "to": status},
            )
        if status == ActionItem.Status.VERIFIED:
            if not is_buyer:
                raise Forbidden(_("Only the buyer (or a later check) verifies an action."))
            item.verified_at = timezone.now()
            item.verified_by = by
        if status in (ActionItem.Status.DONE, ActionItem.Status.VERIFIED) and item.closed_at is None:
            item.closed_at = timezone.now()
        if status == ActionItem.Status.IN_PROGRESS:
            item.closed_at = None
        item.status = status
    if evidence_note is not None:
        item.evidence_note = evidence_note.strip()
    if buyer_commitment is not None:
        if not is_buyer:
            raise Forbidden(_("Only the buyer records its own contribution."))
        item.buyer_commitment = buyer_commitment.strip()
    item.save()
    return item


def action_items_escalate(
    *, today: datetime.date | None = None, organisation: Organisation | None = None
) -> int:
    """Mark overdue open items as escalated (once), with an audit event each; returns how many."""
    today = today or timezone.localdate()
    overdue = ActionItem.objects.filter(
        *([] if organisation is None else [Q(organisation=organisation)]),
        status__in=[ActionItem.Status.OPEN, ActionItem.Status.IN_PROGRESS],
        deadline__lt=today,
        escalated_at__isnull=True,
    )
    count = 0
    for item in overdue:
        item.escalated_at = timezone.now()
        item.save(update_fields=["escalated_at"])
        audit_record(action="update", target=item, verb="escalate", changes={"deadline": str(item.deadline)})
        count += 1
    return count


AUDIT_SEVERITIES = ("high", "medium", "low")


def audit_report_add(
    *,
    organisation: Organisation,
    facility: Facility,
    by: Any,
    auditor: str,
    audit_date: datetime.date,
    scheme: str = "",
    file: Any = None,
    findings: list[dict[str, str]] | None = None,
) -> AuditReport:
    """A buyer (of the facility) or its supplier records a social audit: auditor, date, findings by issue, the file."""
    is_buyer = SupplyRelationship.objects.filter(buyer=organisation, facility=facility).exists()
    if not can_edit_organisation(by, organisation.pk) or not (
        is_buyer or facility.claimed_by_id == organisation.pk
    ):
        raise Forbidden(_("Only the facility's buyers or its supplier may add an audit report."))
    if not auditor.strip():
        raise InvalidInput(_("Name the auditor."), code="incomplete", details=[{"column": "auditor"}])
    if audit_date > timezone.localdate():
        raise InvalidInput(
            _("The audit date is in the future."),
            code="invalid_date",
            details=[{"column": "audit_date", "message": str(audit_date)}],
        )
    cleaned = []
    for row, finding in enumerate(findings or [], start=1):
        issue, severity = finding.get("issue", ""), finding.get("severity", "")
        if issue not in weights()["issues"] or severity not in AUDIT_SEVERITIES:
            raise InvalidInput(
                _("Each finding needs an issue and a severity."),
                code="invalid_finding",
                details=[{"row": row, "column": "issue/severity", "message": f"{issue}/{severity}"}],
            )
        cleaned.append({"issue": issue, "severity": severity, "text": finding.get("text", "").strip()[:500]})
    if file is not None:
        name = getattr(file, "name", "") or ""
        if (file.size or 0) > EVIDENCE_MAX_BYTES or name.rsplit(".", 1)[
            -1
        ].lower() not in EVIDENCE_EXTENSIONS:
            raise InvalidInput(
                _("The report must be a PDF, image, XLSX or DOCX file of at most 10 MB."),
                code="invalid_file",
                details=[{"file": name, "message": f"{file.size} bytes"}],
            )
    return AuditReport.objects.create(
        facility=facility,
        organisation=organisation,
        auditor=auditor.strip()[:200],
        audit_date=audit_date,
        scheme=scheme.strip()[:100],
        findings=cleaned,
        file=file or "",
    )
