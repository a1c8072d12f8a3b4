"""The donor progress report as HTML, PDF (WeasyPrint, bundled CJK font) and XLSX, each cached.

Each rendering of the report (HTML body, PDF and XLSX bytes) is cached per project results version, language,
reporting window and viewer scope (`selectors.viewer_scope`): the version changes with any change to the project,
its results, budgets or transactions (`signals.py`), and with a refresh of computed actuals that changed a figure
(`services.indicator_actuals_refresh`, run by the view first). The renderings are cached rather than the built
`DonorReport`: pickled, its model instances (one year of 100 monthly indicators) took 772 KiB and 77 ms to store
and 57 ms to load, against 164 ms to build; the HTML body is 65 KiB and the XLSX 91 KiB.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from django.core.cache import cache
from django.http import Http404, HttpRequest
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from rsca.core.exports import xlsx_bytes
from rsca.core.i18n import localised
from rsca.core.pdf import render_pdf
from rsca.core.scoping import is_platform_staff, user_organisation_ids
from rsca.programme import selectors
from rsca.programme.models import Programme, Project
from rsca.programme.selectors import DonorReport


@dataclass
class FinanceLine:
    item: str
    kind: str
    start: datetime.date | None
    end: datetime.date | None
    amount: Decimal
    currency: str


def finance_lines(report: DonorReport) -> tuple[list[FinanceLine], str]:
    """The report's finance lines and where they come from: the project's own budgets and transactions or, for the
    country project of a programme that budgets regionally (RSCA China within RSCA), the regional budgets."""
    lines = [
        FinanceLine(_("Budget"), b.get_type_display(), b.period_start, b.period_end, b.value, b.currency)
        for b in report.budgets
    ]
    lines += [
        FinanceLine(str(t.get_type_display()), _("Transaction"), t.date, None, t.value, t.currency)
        for t in report.transactions
    ]
    if lines:
        return lines, ""
    programme = (
        Programme.objects.filter(country_project=report.project).select_related("regional_project").first()
    )
    if programme is None or programme.regional_project is None:
        return [], ""
    regional = programme.regional_project
    lines = [
        FinanceLine(
            _("Budget of the regional programme"),
            b.get_type_display(),
            b.period_start,
            b.period_end,
            b.value,
            b.currency,
        )
        for b in regional.budgets.order_by("period_start")
    ]
    note = _(
        "The project is funded within the regional programme “%(title)s”; its budget is set for the region "
        "as a whole."
    ) % {"title": regional.title}
    return lines, note


def finance_totals(lines: list[FinanceLine]) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = {}
    for line in lines:
        if line.kind != _("Transaction"):
            totals[line.currency] = totals.get(line.currency, Decimal(0)) + line.amount
    return totals


def _context(report: DonorReport) -> dict[str, Any]:
    lines, note = finance_lines(report)
    return {
        "report": report,
        "project": report.project,
        "finance": lines,
        "finance_note": note,
        "finance_totals": finance_totals(lines),
    }


def _report_key(kind: str, *, user: Any, project: Project, start: datetime.date, end: datetime.date) -> str:
    return (
        f"programme:report:{kind}:{project.pk}:{project.results_version}:{get_language()}:{start}:{end}:"
        f"{selectors.viewer_scope(user)}"
    )


def report_visible(*, user: Any, project: Project) -> bool:
    """A progress report is seen by platform staff and the project's partners (members of its reporting or of a
    participating organisation); by everyone only once published (`report_is_public`)."""
    if project.report_is_public and project.is_public:
        return True
    if is_platform_staff(user):
        return True
    partners = {project.owner_id, *project.participations.values_list("organisation_id", flat=True)}
    return bool(partners & user_organisation_ids(user))


def _require_visible(user: Any, project: Project) -> None:
    if not report_visible(user=user, project=project):
        raise Http404  # a page never tells whether a hidden report exists


def donor_report_html(
    *,
    user: Any,
    project: Project,
    start: datetime.date,
    end: datetime.date,
    request: HttpRequest | None = None,
) -> str:
    """The report's HTML body (`_report_body.html`), from the cache when it holds it (404 for whom may not see it)."""
    _require_visible(user, project)
    return cast(
        str,
        cache.get_or_set(
            _report_key("html", user=user, project=project, start=start, end=end),
            lambda: render_to_string(
                "programme/_report_body.html",
                _context(selectors.donor_report(user=user, project=project, start=start, end=end)),
                request=request,
            ),
            selectors.DASHBOARD_CACHE_SECONDS,
        ),
    )


def donor_report_file(
    *,
    fmt: str,
    user: Any,
    project: Project,
    start: datetime.date,
    end: datetime.date,
    request: HttpRequest | None = None,
) -> bytes:
    """The report as a PDF or XLSX file (`fmt`), from the cache when it holds it (404 for whom may not see it)."""
    _require_visible(user, project)

    def build() -> bytes:
        report = selectors.donor_report(user=user, project=project, start=start, end=end)
        if fmt == "pdf":
            return render_pdf("programme/report_pdf.html", _context(report), request=request)
        return report_xlsx_bytes(report)

    return cast(
        bytes,
        cache.get_or_set(
            _report_key(fmt, user=user, project=project, start=start, end=end),
            build,
            selectors.DASHBOARD_CACHE_SECONDS,
        ),
    )


def _breakdown_text(breakdown: dict[str, dict[str, Any]]) -> str:
    return "; ".join(
        f"{dimension}: " + ", ".join(f"{label} {value:g}" for label, value in values.items())
        for dimension, values in breakdown.items()
    )


def report_xlsx_bytes(report: DonorReport) -> bytes:
    project = report.project
    result_headers = [
        _("Level"),
        _("Result"),
        _("Indicator"),
        _("Unit"),
        _("Measure"),
        _("Data source"),
        _("Baseline"),
        _("Target"),
        _("Actual"),
        _("Achievement (%)"),
        _("Disaggregation"),
        _("Evidence"),
    ]
    result_rows = []
    for row in report.rows:
        evidence = " | ".join(localised(p, "evidence") for p in row.periods if localised(p, "evidence"))
        result_rows.append(
            [
                row.node.get_level_display(),
                f"{row.node.code} {row.node.title}",
                f"{row.indicator.code} {row.indicator.title}",
                localised(row.indicator, "unit"),
                row.indicator.get_measure_display(),
                row.indicator.get_source_display(),
                row.indicator.baseline_value,
                row.target,
                row.actual,
                row.achievement,
                _breakdown_text(row.breakdown),
                evidence,
            ]
        )
    period_headers = [
        _("Indicator"),
        _("Period start"),
        _("Period end"),
        _("Target"),
        _("Actual"),
        _("Dimension"),
        _("Dimension value"),
        _("Disaggregated actual"),
    ]
    period_rows: list[list[Any]] = []
    dimensions = selectors.dimension_names()
    for row in report.rows:
        for period in row.periods:
            period_rows.append(
                [
                    row.indicator.code,
                    period.start.isoformat(),
                    period.end.isoformat(),
                    period.target,
                    period.actual,
                    "",
                    "",
                    None,
                ]
            )
            for d in period.disaggregations.all():
                if d.kind == "actual":
                    period_rows.append(
                        [
                            row.indicator.code,
                            period.start.isoformat(),
                            period.end.isoformat(),
                            None,
                            None,
                            dimensions.get(d.dimension, d.dimension),
                            d.value_label,
                            d.value,
                        ]
                    )
    finance_headers = [_("Item"), _("Type"), _("From"), _("To"), _("Amount"), _("Currency")]
    lines, note = finance_lines(report)
    finance_rows: list[list[Any]] = [
        [
            line.item,
            line.kind,
            line.start.isoformat() if line.start else "",
            line.end.isoformat() if line.end else "",
            line.amount,
            line.currency,
        ]
        for line in lines
    ]
    finance_rows += [
        [_("Total budget"), "", "", "", total, currency] for currency, total in finance_totals(lines).items()
    ]
    if note:
        finance_rows.append([note, "", "", "", None, ""])
    summary_rows = [
        [_("Project"), project.title],
        [
            _("IATI identifier"),
            _("not published to IATI") if project.identifier_is_provisional else project.iati_identifier,
        ],
        [_("Reporting period"), f"{report.start.isoformat()} – {report.end.isoformat()}"],
        [_("Generated"), report.generated.strftime("%Y-%m-%d %H:%M")],
    ]
    return xlsx_bytes(
        {
            _("Summary"): ([_("Field"), _("Value")], summary_rows),
            _("Results"): (result_headers, result_rows),
            _("Periods"): (period_headers, period_rows),
            _("Finance"): (finance_headers, finance_rows),
        }
    )
