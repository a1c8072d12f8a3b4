"""Stored XSS: names typed by one tenant (a facility, a place, a result's breakdown) reach other people's charts.

A facility, the provinces, countries and result breakdowns are renamed to an `<img onerror>` payload; then every
chart tooltip on the graph, the map and every chart page is opened. Nothing may run, no markup may be injected
(checked apart from the CSP, which would also block the handler) and the tooltip shows the name as text.
"""

from __future__ import annotations

from typing import Any

import pytest

PAYLOAD = '<img src=x onerror="window.__xss=(window.__xss||0)+1">'

RECORDER = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sample || ""));
});
"""

# Opens the tooltip of every data item (up to 60 a series) of every ECharts instance on the page and returns
# the tooltips' text as they were shown.
SHOW_EVERY_TOOLTIP = """
() => {
  if (typeof echarts === "undefined") { return {charts: 0, texts: []}; }
  const holders = Array.from(document.querySelectorAll("[_echarts_instance_]"));
  const texts = [];
  for (const el of holders) {
    const chart = echarts.getInstanceByDom(el);
    if (!chart) { continue; }
    (chart.getOption().series || []).forEach((series, si) => {
      const n = Math.min((series.data || []).length, 60);
      for (let i = 0; i < n; i++) {
        chart.dispatchAction({type: "showTip", seriesIndex: si, dataIndex: i});
        el.querySelectorAll("div").forEach((d) => {
          if (d.style.position === "absolute" && d.style.display !== "none" && d.textContent) { texts.push(d.textContent); }
        });
      }
    });
  }
  return {charts: holders.length, texts: texts};
}
"""


def _poison() -> dict[str, str]:
    """Renames what the charts show; returns the URLs of the chart pages (by who may see them)."""
    from django.core.cache import cache
    from django.db.models import CharField, Value
    from django.db.models.functions import Cast, Concat

    from rsca.core.models import Country, Division, Organisation
    from rsca.programme.models import Disaggregation, Project
    from rsca.supplychain.models import Facility

    Facility.objects.update(name=PAYLOAD)
    Division.objects.update(name_en=PAYLOAD, name_zh=PAYLOAD)
    Country.objects.filter(is_rsca=True).update(name_en=PAYLOAD, name_zh=PAYLOAD)
    Organisation.objects.exclude(slug__isnull=True).filter(memberships__isnull=True).update(name_zh=PAYLOAD)
    Disaggregation.objects.update(value_label=Concat(Value(PAYLOAD), Cast("pk", CharField())))
    cache.clear()
    project = (
        Project.objects.filter(results__indicators__periods__disaggregations__isnull=False).first()
        or Project.objects.filter(results__indicators__isnull=False).first()
    )
    assert project is not None
    return {"project": project.slug}


def _visit(page: Any, url: str) -> dict[str, Any]:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)  # the map reads its outlines, the results page its chart data, then draws
    shown = page.evaluate(SHOW_EVERY_TOOLTIP)
    injected = page.evaluate(
        "() => Array.from(document.images).filter((i) => i.getAttribute('src') === 'x').length"
    )
    return {
        "charts": shown["charts"],
        "texts": shown["texts"],
        "injected": injected,
        "ran": page.evaluate("() => window.__xss || 0"),
        "csp": page.evaluate("() => window.__csp"),
    }


@pytest.mark.django_db(transaction=True)
def test_names_typed_by_users_run_nothing_in_any_chart(
    browser: Any, live_url: str, login: Any, page: Any
) -> None:
    targets = _poison()
    page.add_init_script(RECORDER)

    login("buyer")
    for url in ("/supplychain/graph/", "/supplychain/map/"):
        seen = _visit(page, live_url + url)
        assert seen["charts"] >= 1, url
        assert any("<img src=x" in text for text in seen["texts"]), f"{url}: the name is shown as text"
        assert (seen["ran"], seen["injected"], seen["csp"]) == (0, 0, []), url

    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.add_init_script(RECORDER)
    login(page, "admin")
    chart_pages = [
        f"/projects/{targets['project']}/results/",
        "/training/results/",
        "/standards/countries/CN/",
        "/zh-hans/supplychain/map/",
    ]
    from rsca.compliance.models import ComplianceCheck

    check = ComplianceCheck.objects.order_by("pk").first()
    if check is not None:
        chart_pages.append(f"/compliance/checks/{check.pk}/")
    drawn = 0
    for url in chart_pages:
        seen = _visit(page, live_url + url)
        drawn += seen["charts"]
        assert (seen["ran"], seen["injected"], seen["csp"]) == (0, 0, []), url
    context.close()
    assert drawn >= 4
