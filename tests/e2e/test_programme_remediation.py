"""Remediation journey: the supplier plans a corrective action from its check's results and reports it done, the
buyer confirms it, and the programme's "violations remediated" indicator counts it on its next view."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def remediated(page, live_url: str) -> float:
    """The I3.b actual of the demo period, read from the indicator page."""
    page.goto(f"{live_url}/results/")
    page.click("a:has-text('I3.b')")
    page.wait_for_load_state("networkidle")
    row = page.locator("tr", has_text="2025-01-01").first
    return float(re.sub(r"[^0-9.]", "", row.locator("td").nth(2).inner_text().split("\n")[0]) or 0)


@pytest.mark.xfail(
    strict=True,
    reason="the programme seed no longer has a 2025 demo results period (moved inside 2017-12 - 2020-12, issue 16) "
    "while the demo compliance check is dated 2025: the indicator row this journey reads is gone; rewrite it against "
    "a period that holds the demo check",
)
def test_supplier_plans_and_finishes_an_action_the_buyer_confirms_and_the_indicator_counts_it(
    page, live_url, login, browser
):
    before = remediated(page, live_url)
    login("supplier")
    page.goto(f"{live_url}/compliance/")
    page.click("text=2025 (demo records)")
    page.wait_for_load_state("networkidle")
    assert page.locator("#actions tbody tr").count() == 2  # the demo's two actions, one verified
    page.locator("#actions a", has_text="Plan an action").first.click()
    page.wait_for_load_state("networkidle")
    page.fill("#id_root_cause", "Shift plan ignored the rest-day rule")
    page.fill("#id_action", "New rota with one rest day in seven, checked weekly")
    page.fill("#id_responsible", "Production manager")
    page.fill("#id_due_date", "2026-06-30")
    page.click("#action-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("#actions tbody tr").count() == 3
    page.locator("#actions a", has_text=re.compile(".")).nth(2).click()
    page.wait_for_load_state("networkidle")
    action_url = page.url
    page.select_option("#id_status", "done")
    page.fill("#id_note", "Rota posted on the notice board")
    page.click("#action-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("ol.history li").count() == 2

    buyer_context = browser.new_context(locale="en-GB")
    buyer = buyer_context.new_page()
    login(buyer, "buyer")
    buyer.goto(action_url)
    assert buyer.locator("#action-form").count() == 0  # a buyer does not edit the supplier's plan
    buyer.fill("#id_note", "Seen on the follow-up visit")
    buyer.click("text=Confirm: the correction is in place")
    buyer.wait_for_load_state("networkidle")
    assert "verified" in buyer.locator(".facts").inner_text()
    buyer_context.close()

    assert remediated(page, live_url) > before
