"""Standards journeys in a real browser: search the knowledge base, read the coherence map in Chinese,
see a country's minimum-wage chart drawn by ECharts, and look up the applicable standard."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_a_researcher_searches_and_follows_a_provision_to_its_topic(page, live_url):
    page.goto(f"{live_url}/standards/")
    page.fill("#q", "overtime")
    page.click("form[role=search] button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "art. 41" in page.content()
    page.click("a.badge:has-text('Working time') >> nth=0")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Working time"
    assert "RBA A3" not in page.locator("h1").inner_text()
    assert page.locator("article.provision").count() > 5


def test_the_coherence_map_in_chinese_highlights_gaps_and_offers_exports(page, live_url):
    page.goto(f"{live_url}/zh-hans/standards/coherence/")
    assert page.locator("h1").inner_text() == "政策一致性图"
    assert page.locator("td.gap").count() > 0
    assert "中国尚未批准第87号和第98号公约" in page.content()
    with page.expect_download() as download:
        page.click("text=下载XLSX")
    assert download.value.suggested_filename.endswith(".xlsx")


def test_a_country_profile_draws_the_minimum_wage_history_chart(page, live_url):
    page.goto(f"{live_url}/standards/countries/CN/")
    page.wait_for_selector("#wage-chart canvas")
    assert page.locator("#wage-chart canvas").count() >= 1
    page.select_option("#buyer", "rba")
    page.click("form:has(#buyer) button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "Buyer code" in page.content()
    assert page.locator("td.strictest-cell").count() > 5


def test_the_applicable_standard_for_shenzhen_shows_inherited_and_own_values(page, live_url):
    page.goto(f"{live_url}/standards/applicable/")
    page.fill("#id_jurisdiction", "CN-440300")
    page.fill("#id_on", "2025-08-01")
    page.select_option("#id_buyer_code", "rba")
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    content = page.content()
    assert "inherited from CN" in content
    assert "2,520 CNY per month" in content
    page.fill("#id_jurisdiction", "XX-9")
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "Unknown jurisdiction" in page.locator("[role=alert]").inner_text()
