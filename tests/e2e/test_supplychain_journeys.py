"""A buyer uploads a messy bilingual list, previews it, resolves a review, imports it and browses the chain."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

MESSY_LIST = Path(__file__).resolve().parents[1] / "supplychain" / "data" / "messy_list.csv"


def test_buyer_uploads_previews_reviews_and_imports_a_list(page, live_url, login):
    login("buyer")
    page.goto(f"{live_url}/supplychain/lists/")
    page.set_input_files("#id_file", str(MESSY_LIST))
    page.click("text=Upload and preview")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "messy_list.csv"
    assert page.locator(".badge.review").count() >= 1
    assert page.locator(".badge.matched").count() >= 3
    # Resolve the first review in place (htmx swaps the row).
    review_row = page.locator("tr", has=page.locator(".badge.review")).first
    row_id = review_row.get_attribute("id")
    review_row.locator("button", has_text="None of these: a new facility").click()
    page.wait_for_selector(f"#{row_id} .badge.new")
    page.click("text=Import this list")
    page.wait_for_selector(".message.success")
    assert "new facilities were added" in page.locator(".messages").inner_text()
    assert "committed" in page.locator("main").inner_text()
    page.goto(f"{live_url}/supplychain/?province=320000")
    assert "Kunshan Hengtai Electrical" in page.content()
    assert "Shenzhen Huayang" not in page.locator("table").inner_text()


def test_buyer_sees_graph_and_map_drawn_by_echarts(page, live_url, login):
    login("buyer")
    page.goto(f"{live_url}/supplychain/graph/")
    page.wait_for_selector("#sc-graph canvas")
    page.goto(f"{live_url}/zh-hans/supplychain/map/")
    page.wait_for_selector("#sc-map canvas")
    assert "广东省" in page.locator("table").inner_text()
    # The vendored China outline is loaded and drawn (not the scatter fallback), and can be coloured by risk.
    page.wait_for_selector("#sc-map[data-ready='map']")
    page.click("[data-map-mode='risk']")
    assert page.get_attribute("[data-map-mode='risk']", "aria-pressed") == "true"
    assert (
        page.evaluate(
            "() => echarts.getInstanceByDom(document.getElementById('sc-map')).getOption().series[0].type"
        )
        == "map"
    )
    assert (
        page.evaluate(
            "() => echarts.getInstanceByDom(document.getElementById('sc-map')).getOption().visualMap[0].type"
        )
        == "piecewise"
    )


def test_supplier_list_filters_by_risk_and_explains_it(page, live_url, login):
    login("buyer")
    page.goto(f"{live_url}/supplychain/")
    page.select_option("#risk", "unknown")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "risk=unknown" in page.url
    page.click("text=How the risk level is derived")
    assert "latest finished compliance check" in page.locator("details.sc-risk-explained").inner_text()


def test_supplier_edits_its_claimed_facility_profile(page, live_url, login):
    login("supplier")
    page.goto(f"{live_url}/supplychain/facilities/?q=华阳精密")
    page.click("text=Shenzhen Huayang Precision Electronics Co., Ltd.")
    page.click("text=Edit the profile")
    page.fill("#id_number_of_workers", "1900")
    page.click("button:has-text('Save')")
    page.wait_for_load_state("networkidle")
    assert "1900" in page.locator("dl.facts").inner_text()
