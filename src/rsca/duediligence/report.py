"""The due-diligence report of a buyer for a year (OECD DDG step 5; CSDDD art. 16; ESRS S2), one section per OECD
step, each naming the CSDDD articles and ESRS S2 disclosure requirements it answers (`data/frameworks.yaml`).

No worker identity enters the report: grievances appear as counts (by category, outcome, time limits kept),
never with their text, contact or case code; payroll findings as counts of workers, never pseudonyms.
"""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

from django.db.models import Avg
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rsca.compliance.models import ComplianceCheck, CorrectiveAction
from rsca.core.exports import xlsx_bytes
from rsca.core.models import Organisation
from rsca.core.pdf import render_pdf
from rsca.duediligence.method import frameworks, method_version
from rsca.duediligence.models import ActionItem, AuditReport, QuestionnaireRequest, RiskEntry, RiskSnapshot
from rsca.duediligence.reasons import issue_label
from rsca.duediligence.risk import register_facilities
from rsca.grievances.models import Grievance
from rsca.grievances.selectors import grievance_statistics, grievances_of_facilities


def _year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    tz = timezone.get_current_timezone()
    return (datetime.datetime(year, 1, 1, tzinfo=tz), datetime.datetime(year + 1, 1, 1, tzinfo=tz))


def _step_data(organisation: Organisation, year: int) -> dict[int, dict[str, Any]]:
    start, end = _year_bounds(year)
    org_q = {organisation.pk}
    relationships = register_facilities(organisation)
    facility_ids = relationships.values("facility_id")
    tiers = Counter(relationships.values_list("tier", flat=True))
    requests = QuestionnaireRequest.objects.filter(requested_by=organisation)
    entries = RiskEntry.objects.filter(organisation=organisation)
    levels = Counter(entries.values_list("level", flat=True))
    issue_counts: Counter[str] = Counter()
    for codes in entries.values_list("issue_codes", flat=True):
        issue_counts.update(c for c in codes.strip(",").split(",") if c)
    top = [
        {
            "priority": e.priority,
            "facility_id": e.facility.public_id,
            "facility": e.facility.name,
            "score": e.score,
            "level": e.level,
            "issues": [issue_label(i["issue"]) for i in e.issues if i["level"] != "low"][:4],
        }
        for e in entries.select_related("facility").order_by("priority")[:10]
    ]
    items = ActionItem.objects.filter(organisation=organisation, created_at__lt=end)
    items_year = items.filter(created_at__gte=start)
    payroll_actions = CorrectiveAction.objects.filter(
        CorrectiveAction.scope_q(user=None, org_ids=org_q), compliance_check__facility_id__in=facility_ids
    )
    closed = [i for i in items if i.closed_at is not None and start <= i.closed_at < end]
    commitments = [
        {"facility": i.facility.name, "issue": issue_label(i.issue), "commitment": i.buyer_commitment}
        for i in items.select_related("facility")
        if i.buyer_commitment
    ][:20]
    checks = ComplianceCheck.objects.filter(
        ComplianceCheck.scope_q(user=None, org_ids=org_q),
        status=ComplianceCheck.Status.DONE,
        facility_id__in=facility_ids,
        created_at__gte=start,
        created_at__lt=end,
    )
    snapshots = RiskSnapshot.objects.filter(organisation=organisation, taken_at__lt=end).order_by("taken_at")
    cases = grievances_of_facilities(organisation_id=organisation.pk, facility_ids=facility_ids).filter(
        created_at__gte=start, created_at__lt=end
    )
    stats = grievance_statistics(cases)
    audits = AuditReport.objects.filter(
        AuditReport.scope_q(user=None, org_ids=org_q), facility_id__in=facility_ids, audit_date__year=year
    )
    return {
        1: {
            "suppliers": relationships.values("facility_id").distinct().count(),
            "suppliers_by_tier": {str(k): v for k, v in sorted(tiers.items())},
            "questionnaires_sent": requests.count(),
            "questionnaires_answered": requests.filter(status=QuestionnaireRequest.Status.SUBMITTED).count(),
            "questionnaire_templates": sorted(
                {
                    f"{r.questionnaire.code} {r.questionnaire.version}"
                    for r in requests.select_related("questionnaire")
                }
            ),
        },
        2: {
            "facilities_assessed": entries.count(),
            "by_level": {k: levels.get(k, 0) for k in ("high", "medium", "low")},
            "facilities_by_issue": {issue_label(k): v for k, v in issue_counts.most_common()},
            "priorities": top,
            "method_version": method_version(),
            "audit_reports": audits.count(),
        },
        3: {
            "actions_opened": items_year.count(),
            "actions_by_source": dict(Counter(items_year.values_list("source", flat=True))),
            "payroll_corrective_actions": payroll_actions.filter(
                created_at__gte=start, created_at__lt=end
            ).count(),
            "buyer_commitments": commitments,
        },
        4: {
            "actions_closed": len(closed),
            "actions_closed_on_time": sum(1 for i in closed if i.closed_on_time),
            "actions_overdue": sum(1 for i in items if i.is_overdue()),
            "actions_verified": items.filter(status=ActionItem.Status.VERIFIED).count(),
            "payroll_actions_verified": payroll_actions.filter(
                status=CorrectiveAction.Status.VERIFIED
            ).count(),
            "payroll_checks": checks.count(),
            "questionnaire_mean_score": round(
                requests.filter(score__isnull=False).aggregate(m=Avg("score"))["m"] or 0, 1
            )
            if requests.filter(score__isnull=False).exists()
            else None,
            "register_trend": [{"date": s.taken_at.date().isoformat(), **s.counts} for s in snapshots][-12:],
        },
        5: {
            "report_languages": ["en", "zh-hans"],
            "formats": ["html", "pdf", "xlsx", "json"],
            "frameworks_version": frameworks()["version"],
        },
        6: {
            "grievances": {k: v for k, v in stats.items()},
            "grievance_categories": {
                str(dict(Grievance.Category.choices).get(k, k)): v for k, v in stats["by_category"].items()
            },
            "remedies_recorded": stats["by_outcome"].get("remedied", 0),
        },
    }


def _text(step: int, data: dict[str, Any], organisation: Organisation, year: int) -> str:
    if step == 1:
        return _(
            "%(org)s maps %(n)d supplier facilities and sets its expectations through self-assessment "
            "questionnaires built on the ILO MNE Declaration, the OECD Guidelines and the sector guidance: "
            "%(sent)d sent, %(answered)d answered."
        ) % {
            "org": organisation.display_name,
            "n": data["suppliers"],
            "sent": data["questionnaires_sent"],
            "answered": data["questionnaires_answered"],
        }
    if step == 2:
        return _(
            "All %(n)d facilities were assessed by issue, with severity (scale, scope, irremediable character) "
            "and likelihood kept apart and priorities set by severity and likelihood (method %(version)s): "
            "%(high)d high, %(medium)d medium, %(low)d low."
        ) % {"n": data["facilities_assessed"], "version": data["method_version"], **data["by_level"]}
    if step == 3:
        return _(
            "%(n)d corrective actions were opened in %(year)d from self-assessment gaps, grievances and audit "
            "findings, plus %(payroll)d from payroll checks; the buyer recorded %(c)d commitments of its own "
            "(responsible purchasing)."
        ) % {
            "n": data["actions_opened"],
            "year": year,
            "payroll": data["payroll_corrective_actions"],
            "c": len(data["buyer_commitments"]),
        }
    if step == 4:
        return _(
            "%(closed)d actions were closed in the year, %(on_time)d on time; %(overdue)d are overdue and "
            "escalated. %(checks)d payroll checks were run."
        ) % {
            "closed": data["actions_closed"],
            "on_time": data["actions_closed_on_time"],
            "overdue": data["actions_overdue"],
            "checks": data["payroll_checks"],
        }
    if step == 5:
        return _(
            "This report is produced from the platform's records in English and Chinese, as HTML, PDF and "
            "spreadsheet, with each section naming the CSDDD articles and ESRS S2 disclosures it answers."
        )
    stats = data["grievances"]
    return _(
        "Workers of the supplier facilities can raise concerns anonymously through a channel per facility "
        "(QR code). %(total)d cases were received in the year; %(ack)d acknowledged on time; %(remedied)d "
        "closed with a remedy. No worker is identified in this report."
    ) % {"total": stats["total"], "ack": stats["acknowledged_on_time"], "remedied": data["remedies_recorded"]}


def dd_report(*, organisation: Organisation, year: int, language: str = "en") -> dict[str, Any]:
    """The report as data: `{"organisation", "year", "steps": [{"step", "title", "text", "references", "data"}]}`."""
    with translation.override(language):
        data = _step_data(organisation, year)
        spec = frameworks()
        steps = []
        for step in spec["steps"]:
            number = int(step["step"])
            steps.append(
                {
                    "step": number,
                    "title": step["title_zh"] if language.startswith("zh") else step["title_en"],
                    "text": _text(number, data[number], organisation, year),
                    "references": {
                        "oecd": step["oecd"],
                        "csddd": [f"CSDDD {a}" for a in step["csddd"]],
                        "esrs_s2": list(step["esrs_s2"]),
                    },
                    "data": data[number],
                }
            )
        return {
            "organisation": organisation.name,
            "year": year,
            "language": language,
            "frameworks_version": spec["version"],
            "method_version": method_version(),
            "generated_at": timezone.now().isoformat(timespec="seconds"),
            "steps": steps,
        }


def _flatten(prefix: str, value: Any) -> list[tuple[str, Any]]:
    if isinstance(value, dict):
        return [row for k, v in value.items() for row in _flatten(f"{prefix}.{k}" if prefix else str(k), v)]
    if isinstance(value, list):
        if all(not isinstance(v, dict | list) for v in value):
            return [(prefix, ", ".join(str(v) for v in value))]
        return [row for n, v in enumerate(value, start=1) for row in _flatten(f"{prefix}[{n}]", v)]
    return [(prefix, value)]


def dd_report_xlsx(report: dict[str, Any]) -> bytes:
    overview = [
        (
            s["step"],
            s["title"],
            s["text"],
            s["references"]["oecd"],
            ", ".join(s["references"]["csddd"]),
            ", ".join(s["references"]["esrs_s2"]),
        )
        for s in report["steps"]
    ]
    sheets: dict[str, tuple[Any, Any]] = {
        "Report": (["step", "title", "text", "OECD", "CSDDD", "ESRS S2"], overview)
    }
    for step in report["steps"]:
        sheets[f"Step {step['step']}"] = (["item", "value"], _flatten("", step["data"]))
    return xlsx_bytes(sheets)


def dd_report_pdf(report: dict[str, Any]) -> bytes:
    with translation.override(report["language"]):
        return render_pdf("duediligence/report_pdf.html", {"report": report})
