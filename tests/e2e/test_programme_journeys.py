"""Browse the programme in both languages: home → projects → a project → results, and the downloads."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_visitor_browses_home_projects_and_resources_in_english_and_chinese(page, live_url):
    page.goto(f"{live_url}/")
    assert page.locator("h1").first.inner_text() == "Responsible Supply Chains in Asia"
    assert page.locator("text=Four areas of intervention").count() == 1
    assert page.locator(".area-card").count() == 4
    page.click("nav.main-nav summary:has-text('Programme')")
    page.click("nav.main-nav >> text=Projects")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/projects/")
    page.click("text=Responsible Supply Chains in Asia - China")
    page.wait_for_load_state("networkidle")
    assert "/projects/rsca-china/" in page.url
    # a provisional IATI identifier is not shown until the ILO registers the real one
    assert "XM-DAC-41302-RSCA-CHN" not in page.content()
    page.click("nav.main-nav summary:has-text('Programme')")
    page.click("nav.main-nav >> text=Resources and news")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/library/")
    page.click("a[hreflang=zh-Hans]")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/zh-hans/library/")
    assert page.locator("h1").inner_text() == "资源与新闻"
    page.goto(f"{live_url}/zh-hans/")
    assert page.locator("h1").first.inner_text() == "亚洲负责任供应链"
    assert page.locator("text=四大干预领域").count() == 1
    page.click("nav.main-nav summary:has-text('项目')")
    page.click("nav.main-nav >> text=项目组合")
    page.wait_for_load_state("networkidle")
    assert "/zh-hans/projects/" in page.url and page.locator("text=亚洲负责任供应链——中国").count() >= 1


def test_the_results_dashboard_draws_its_charts(page, live_url):
    page.goto(f"{live_url}/projects/rsca-china/results/")
    page.wait_for_load_state("networkidle")
    assert page.locator("text=Logframe").count() >= 1
    page.wait_for_selector("[data-indicator] svg")
    assert page.locator("[data-indicator] svg").count() >= 1


def test_the_donor_report_downloads_as_pdf_and_xlsx(page, live_url, login):
    login("officer")  # an unpublished report: programme staff and the project's partners
    page.goto(f"{live_url}/projects/rsca-china/report/?year=2019")
    with page.expect_download() as pdf:
        page.click("text=Download PDF")
    assert pdf.value.suggested_filename.endswith(".pdf")
    with page.expect_download() as xlsx:
        page.click("text=Download XLSX")
    assert xlsx.value.suggested_filename.endswith(".xlsx")


def test_charts_below_the_first_screen_fetch_their_data_as_they_scroll_into_view(page, live_url):
    fetched = []
    page.on("request", lambda request: fetched.append(request.url) if "charts.json" in request.url else None)
    page.set_viewport_size({"width": 1280, "height": 500})  # a first screen that shows only the inline charts
    page.goto(f"{live_url}/projects/rsca-china/results/")
    page.wait_for_load_state("networkidle")
    charts = page.locator("[data-indicator], [data-indicator-dims]")
    total = charts.count()
    assert total > 4  # more than the page carries (views.CHARTS_INLINE)
    assert not fetched  # the first screen is drawn from the page's own data
    for index in range(total):
        charts.nth(index).scroll_into_view_if_needed()
    # (no string predicates: the Content-Security-Policy forbids eval, which wait_for_function uses)
    expect(
        page.locator("[data-indicator]:not(:has(svg)), [data-indicator-dims]:not(:has(svg))")
    ).to_have_count(0)
    assert fetched and all("ids=" in url and "v=" in url for url in fetched)
