"""The results page's two long lists: `{% chart_cards dashboard.indicators %}` and `{% logframe framework %}`.

They write the HTML the chart-card loop and the recursive `_logframe_node.html` include used to write, byte for
byte, in plain Python: a logframe of 100 indicators was 9,000 template nodes, 100 `{% url %}` reversals and 200
`{% blocktranslate %}`, most of a cold results page. Here the indicator address is reversed once and formatted
per row, fixed texts are translated once per page, and every value from the database is escaped
(`conditional_escape`) as the template did; figures are localised (`formats.localize`) as `{{ value }}` does.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from rsca.core.i18n import localised
from rsca.programme.selectors import FrameworkNode
from rsca.programme.templatetags.programme_numbers import amount

register = template.Library()

_SENTINEL = 987654321987


def _iso(value: Any) -> str:
    """`{{ value.isoformat }}`: a date's ISO form, nothing for a missing one."""
    isoformat = getattr(value, "isoformat", None)
    return str(conditional_escape(isoformat())) if isoformat is not None else ""


class _Writer:
    def __init__(self) -> None:
        head, tail = reverse("programme:indicator", args=[_SENTINEL]).rsplit(str(_SENTINEL), 1)
        self.url_head, self.url_tail = str(conditional_escape(head)), str(conditional_escape(tail))
        headings = [
            (gettext("Indicator"), ""),
            (gettext("Source"), ""),
            (gettext("Baseline"), ' class="num"'),
            (gettext("Latest period"), ""),
            (gettext("Target"), ' class="num"'),
            (gettext("Actual"), ' class="num"'),
            (gettext("Periods"), ' class="num"'),
        ]
        self.table_head = (
            '\n<div class="table-scroll"><table class="indicator-table">\n  <thead><tr>'
            + "".join(f'<th scope="col"{css}>{conditional_escape(text)}</th>' for text, css in headings)
            + "</tr></thead>\n  <tbody>\n  "
        )
        self.by = str(conditional_escape(gettext("by")))
        self.computed = f'<span class="badge ok">{conditional_escape(gettext("computed"))}</span>'
        self.entered = f'<span class="badge">{conditional_escape(gettext("entered with evidence"))}</span>'
        self.no_periods = f'<td colspan="3">{conditional_escape(gettext("No periods yet."))}</td>'
        self.parts: list[str] = []

    def node(self, item: FrameworkNode) -> None:
        esc, out = conditional_escape, self.parts.append
        node = item.node
        out(
            f'<li class="node"><span class="level">{esc(node.get_level_display())}</span>'
            f'<span class="code">{esc(node.code)}</span>{esc(localised(node, "title"))}\n'
        )
        if item.indicators:
            out(self.table_head)
            for indicator in item.indicators:
                self.row(indicator)
            out("\n  </tbody>\n</table></div>\n")
        out("\n")
        if item.children:
            out("<ul>")
            for child in item.children:
                self.node(child)
            out("</ul>")
        out("\n</li>\n")

    def row(self, indicator: Any) -> None:
        esc = conditional_escape
        url = f"{self.url_head}{indicator.pk}{self.url_tail}"
        unit = localised(indicator, "unit")
        first = f'<a href="{url}">{esc(indicator.code)} {esc(localised(indicator, "title"))}</a>'
        if unit:
            first += f' <span class="muted">({esc(unit)})</span>'
        if indicator.dimensions:
            labels = ", ".join(str(esc(label)) for label in indicator.dimension_labels)
            first += f'<br><small class="muted">{self.by} {labels}</small>'
        count = getattr(indicator, "period_count", None)
        if count:
            actual = indicator.latest_actual
            latest = (
                f"<td>{_iso(indicator.latest_start)} – {_iso(indicator.latest_end)}</td>\n"
                f'    <td class="num">{esc(amount(indicator.latest_target)) or "—"}</td>\n'
                f'    <td class="num">{esc(amount(actual)) if actual is not None else "—"}</td>\n    '
            )
        else:
            latest = self.no_periods
        self.parts.append(
            f"\n  <tr>\n    <td>{first}</td>\n"
            f"    <td>{self.computed if indicator.is_computed else self.entered}</td>\n"
            f'    <td class="num">{esc(amount(indicator.baseline_value)) or "—"}</td>\n'
            f"    {latest}\n"
            f'    <td class="num"><a href="{url}">{count or 0}</a></td>\n  </tr>\n  '
        )


@register.simple_tag
def logframe(framework: list[FrameworkNode]) -> SafeString:
    """The logframe's `<li>` items (the caller writes the `<ul>`), in the active language."""
    writer = _Writer()
    for item in framework:
        writer.node(item)
    return mark_safe("".join(writer.parts))  # noqa: S308 (every value above is escaped)


@register.simple_tag
def chart_cards(indicators: list[dict[str, Any]]) -> SafeString:
    """One `<figure>` per indicator of the dashboard (`results_dashboard`), its charts drawn by dashboard.js."""
    esc = conditional_escape
    by_period = gettext("Targets and actuals of %(code)s by period")
    by_dimension = gettext("Actuals of %(code)s by dimension over time")
    latest_actual, target = esc(gettext("Latest actual:")), esc(gettext("target"))
    no_actual = esc(gettext("No actual recorded yet."))
    parts = ['<div class="chart-grid">\n  ']
    for index, item in enumerate(indicators):
        code = esc(item["code"])
        unit = f' <small class="muted">({esc(item["unit"])})</small>' if item["unit"] else ""
        dims = (
            (
                f'<div class="chart" data-indicator-dims="{index}" role="img" aria-label="'
                f'{by_dimension % {"code": code}}"></div>'
            )
            if item["dimensions"]
            else ""
        )
        if item["latest_actual"] is not None:
            caption = f"{latest_actual} {esc(localize(item['latest_actual']))}"
            if item["latest_target"] is not None:
                caption += f" / {target} {esc(localize(item['latest_target']))}"
        else:
            caption = str(no_actual)
        parts.append(
            f'\n  <figure class="chart-card">\n    <h3>{code} {esc(item["title"])}{unit}</h3>\n'
            f'    <div class="chart" data-indicator="{index}" role="img" aria-label="{by_period % {"code": code}}">'
            f'</div>\n    {dims}\n    <figcaption class="muted">{caption}</figcaption>\n  </figure>\n  '
        )
    parts.append("\n</div>")
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)
