"""The donor progress report as PDF (WeasyPrint, bundled CJK font) and XLSX."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from rsca.core.exports import xlsx_response
from rsca.core.i18n import localised
from rsca.core.pdf import pdf_response, render_pdf
from rsca.programme.selectors import DonorReport


def report_pdf(report: DonorReport, *, request: HttpRequest | None, filename: str) -> HttpResponse:
    content = render_pdf("programme/report_pdf.html", {"report": report, "project": report.project}, request=request)
    return pdf_response(content, filename)


def _breakdown_text(breakdown: dict[str, dict[str, Any]]) -> str:
    return "; ".join(f"{dimension}: " + ", ".join(f"{label} {value:g}" for label, value in values.items())
                     for dimension, values in breakdown.items())


def report_xlsx(report: DonorReport, *, filename: str) -> HttpResponse:
    project = report.project
    result_headers = [_("Level"), _("Result"), _("Indicator"), _("Unit"), _("Measure"), _("Data source"),
                      _("Baseline"), _("Target"), _("Actual"), _("Achievement (%)"), _("Disaggregation"),
                      _("Evidence")]
    result_rows = []
    for row in report.rows:
        evidence = " | ".join(localised(p, "evidence") for p in row.periods if localised(p, "evidence"))
        result_rows.append([
            row.node.get_level_display(), f"{row.node.code} {row.node.title}", f"{row.indicator.code} "
            f"{row.indicator.title}", localised(row.indicator, "unit"), row.indicator.get_measure_display(),
            row.indicator.get_source_display(), row.indicator.baseline_value, row.target, row.actual,
            row.achievement, _breakdown_text(row.breakdown), evidence,
        ])
    period_headers = [_("Indicator"), _("Period start"), _("Period end"), _("Target"), _("Actual"), _("Dimension"),
                      _("Dimension value"), _("Disaggregated actual")]
    period_rows: list[list[Any]] = []
    for row in report.rows:
        for period in row.periods:
            period_rows.append([row.indicator.code, period.start.isoformat(), period.end.isoformat(), period.target,
                                period.actual, "", "", None])
            for d in period.disaggregations.all():
                if d.kind == "actual":
                    period_rows.append([row.indicator.code, period.start.isoformat(), period.end.isoformat(), None,
                                        None, d.get_dimension_display(), d.value_label, d.value])
    finance_headers = [_("Item"), _("Type"), _("From"), _("To"), _("Amount"), _("Currency")]
    finance_rows: list[list[Any]] = [
        [_("Budget"), b.get_type_display(), b.period_start.isoformat(), b.period_end.isoformat(), b.value, b.currency]
        for b in report.budgets]
    finance_rows += [[_("Transaction"), t.get_type_display(), t.date.isoformat(), "", t.value, t.currency]
                     for t in report.transactions]
    summary_rows = [
        [_("Project"), project.title], [_("IATI identifier"), project.iati_identifier],
        [_("Reporting period"), f"{report.start.isoformat()} – {report.end.isoformat()}"],
        [_("Generated"), report.generated.strftime("%Y-%m-%d %H:%M")],
    ]
    return xlsx_response({
        _("Summary"): ([_("Field"), _("Value")], summary_rows),
        _("Results"): (result_headers, result_rows),
        _("Periods"): (period_headers, period_rows),
        _("Finance"): (finance_headers, finance_rows),
    }, filename)
