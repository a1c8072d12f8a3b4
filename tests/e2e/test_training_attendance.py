"""Journey: a programme officer opens the attendance sheet of the demo training on a tablet, ticks a
person present (saved at once, without reloading) and finds the tick still there after a reload."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

SLUG = "demo-working-time-wages-training"


def test_an_officer_ticks_attendance_on_a_tablet(page: Any, live_url: str, login: Any) -> None:
    page.set_viewport_size({"width": 820, "height": 1180})
    login("officer")
    page.goto(f"{live_url}/training/manage/{SLUG}/attendance/")
    assert page.locator("table.attendance-sheet").count() == 1
    empty = page.locator("button.tick[aria-pressed=false]").first
    registration, day = empty.get_attribute("data-registration"), empty.get_attribute("data-day")
    url_before = page.url
    empty.click()
    selector = f"button.tick[data-registration='{registration}'][data-day='{day}']"
    page.wait_for_selector(f"{selector}[aria-pressed=true]")
    assert page.url == url_before  # htmx swapped the cell in place
    page.reload()
    assert page.locator(selector).get_attribute("aria-pressed") == "true"
    page.locator(selector).click()
    page.wait_for_selector(f"{selector}[aria-pressed=false]")


def test_the_officer_issues_certificates_and_anyone_can_verify_one(
    page: Any, live_url: str, login: Any
) -> None:
    login("officer")
    page.goto(f"{live_url}/training/manage/{SLUG}/certificates/")
    code = page.locator("td code").first.inner_text()
    page.goto(f"{live_url}/training/verify/")
    page.fill("#code", code.lower())
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-verified=true]").count() == 1
