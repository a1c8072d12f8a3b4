"""Turning resolved values and the coherence map into text, chart data and export rows."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from rsca.standards.parameters import PARAMETERS, Unit
from rsca.standards.selectors import CoherenceMap, ResolvedThreshold, WageSeries, plain_decimal


def unit_label(unit: str) -> str:
    labels = {
        Unit.YEARS.value: _("years"),
        Unit.HOURS_PER_DAY.value: _("h/day"),
        Unit.HOURS_PER_WEEK.value: _("h/week"),
        Unit.HOURS_PER_MONTH.value: _("h/month"),
        Unit.HOURS_PER_YEAR.value: _("h/year"),
        Unit.DAYS_PER_WEEK.value: _("day(s)/week"),
        Unit.PERCENT.value: "%",
        Unit.MONEY_PER_MONTH.value: _("per month"),
        Unit.MONEY_PER_DAY.value: _("per day"),
        Unit.MONEY_PER_HOUR.value: _("per hour"),
        Unit.DAYS.value: _("days"),
    }
    return labels.get(unit, unit)


def value_text(value: ResolvedThreshold | None) -> str:
    """“2,740 CNY per month”, “36 h/month”, “150 %”."""
    if value is None:
        return ""
    number = number_format(plain_decimal(value.value), force_grouping=True)
    if value.currency:
        return f"{number} {value.currency} {unit_label(value.unit)}"
    if value.unit == Unit.PERCENT.value:
        return f"{number} %"
    return f"{number} {unit_label(value.unit)}"


def wage_chart_data(series: list[WageSeries]) -> dict[str, Any]:
    """One step line per region, for ECharts: [[date, value], …] plus the currency.

    Monthly, daily and hourly wages differ by orders of magnitude, so the chart shows the kind of wage
    most regions have (the table beside it lists every kind).
    """
    counts: dict[str, int] = {}
    for item in series:
        counts[item.parameter] = counts.get(item.parameter, 0) + len(item.points)
    shown = max(counts, key=lambda name: (counts[name], name == "minimum_wage_monthly")) if counts else ""
    lines = []
    for item in (i for i in series if i.parameter == shown):
        points = [[p.effective_from.isoformat(), float(p.value)] for p in item.points]
        last = item.points[-1] if item.points else None
        if last is not None:  # draw the last value to its end, or to today while it is still in force
            end = last.effective_until or max(timezone.localdate(), last.effective_from)
            points.append([end.isoformat(), float(last.value)])
        lines.append(
            {
                "name": item.jurisdiction.name,
                "code": item.jurisdiction.code,
                "parameter": item.parameter,
                "currency": item.points[0].currency if item.points else "",
                "points": points,
            }
        )
    return {"series": lines, "parameter": shown, "label": str(PARAMETERS[shown].label) if shown else ""}


def coherence_rows_for_export(
    result: CoherenceMap,
) -> tuple[list[str], list[list[Any]], list[str], list[list[Any]]]:
    headers = [_("Topic")] + [label for _code, label in result.columns]
    rows: list[list[Any]] = []
    gap_rows: list[list[Any]] = []
    labels = dict(result.columns)
    for row in result.rows:
        cells: list[Any] = [row.topic.name]
        for cell in row.cells:
            lines = [f"{p.instrument.code} {p.reference}: {p.title}" for p in cell.provisions]
            if not cell.provisions:
                lines.append(_("GAP: no provision on this topic"))
            for gap in cell.gaps:
                lines.append(f"{gap.get_severity_display().upper()}: {gap.note}")
            cells.append("\n".join(lines))
            for gap in cell.gaps:
                gap_rows.append(
                    [
                        row.topic.name,
                        labels.get(cell.column, cell.column),
                        gap.get_severity_display(),
                        gap.note,
                        "; ".join(f"{p.instrument.code} {p.reference}" for p in gap.provisions.all()),
                    ]
                )
        rows.append(cells)
    gap_headers = [_("Topic"), _("Standards"), _("Kind"), _("Finding"), _("Provisions compared")]
    return headers, rows, gap_headers, gap_rows
