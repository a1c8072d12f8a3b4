"""The XLSX workbook of a check: findings (with provisions), workers, facility figures and the rule set."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.translation import gettext as _

from rsca.compliance.engine import CHECK_CODES
from rsca.compliance.models import CODE_LABELS, ComplianceCheck, Finding, WorkerSummary


def _provisions(items: list[dict[str, str]]) -> str:
    return "; ".join(f"{p.get('instrument', '')} {p.get('reference', '')}".strip() for p in items or [])


def check_workbook(
    *, check: ComplianceCheck, findings: Iterable[Finding], workers: Iterable[WorkerSummary]
) -> dict[str, tuple[Sequence[str], Iterable[Sequence[Any]]]]:
    summary = check.summary or {}
    items = findings.iterator() if hasattr(findings, "iterator") else findings
    finding_rows = (
        (
            f.code,
            str(CODE_LABELS.get(f.code, f.code)),
            f.detail_label,
            f.worker,
            f.department,
            f.period_start.isoformat() if f.period_start else "",
            f.period_end.isoformat() if f.period_end else "",
            f.measured,
            f.limit,
            f.unit,
            f.standard_label,
            f.severity,
            f.shortfall or None,
            _provisions(f.provisions),
        )
        for f in items
    )
    worker_rows = (
        (
            w.worker,
            w.department,
            w.days_worked,
            w.total_hours,
            w.overtime_hours,
            w.max_week_hours,
            w.longest_run,
            w.finding_count,
            w.underpayment,
        )
        for w in workers
    )
    figures = [
        (_("Facility"), check.facility.name),
        (_("Jurisdiction"), check.jurisdiction),
        (_("Buyer code"), check.buyer_code or "-"),
        (_("Records from"), str(check.period_start or "")),
        (_("Records until"), str(check.period_end or "")),
        (_("Workers"), check.worker_count),
        (_("Worker-days"), check.worker_days),
        (_("Findings"), check.finding_count),
        (_("Maximum weekly hours"), summary.get("max_weekly_hours")),
        (_("Longest run without a rest day (days)"), summary.get("longest_run_without_rest")),
        (_("Underpayment (estimate)"), (summary.get("underpayment") or {}).get("total")),
    ]
    for code in CHECK_CODES:
        share = (summary.get("by_code", {}).get(code) or {}).get("share", 0.0)
        figures.append((str(CODE_LABELS[code]) + " · " + _("share of workers"), share))
    rule_rows = []
    for name, item in (summary.get("rule_set", {}).get("parameters") or {}).items():
        others = "; ".join(f"{a['standard']}: {a['value']}" for a in item.get("alternatives", []))
        rule_rows.append(
            (
                name,
                item.get("value"),
                item.get("unit"),
                item.get("standard"),
                item.get("source"),
                _provisions(item.get("provisions", [])),
                others,
            )
        )
    for period in summary.get("rule_set", {}).get("minimum_wage") or []:
        rule_rows.append(
            (
                "minimum_wage_monthly",
                period.get("monthly"),
                period.get("currency"),
                period.get("standard"),
                f"{period.get('from')} – {period.get('until') or ''}",
                _provisions(period.get("provisions", [])),
                "",
            )
        )
    return {
        _("Findings"): (
            [
                _("code"),
                _("check"),
                _("detail"),
                _("worker (pseudonym)"),
                _("department"),
                _("from"),
                _("until"),
                _("measured"),
                _("limit"),
                _("unit"),
                _("standard"),
                _("severity"),
                _("underpayment"),
                _("provisions"),
            ],
            finding_rows,
        ),
        _("Workers"): (
            [
                _("worker (pseudonym)"),
                _("department"),
                _("days worked"),
                _("hours"),
                _("overtime hours"),
                _("longest week (hours)"),
                _("longest run without rest"),
                _("findings"),
                _("underpayment"),
            ],
            worker_rows,
        ),
        _("Facility"): ([_("figure"), _("value")], figures),
        _("Rule set"): (
            [
                _("parameter"),
                _("value"),
                _("unit"),
                _("standard"),
                _("source"),
                _("provisions"),
                _("other standards"),
            ],
            rule_rows,
        ),
    }
