"""Journey: a programme officer records a dialogue with a partner, adds a follow-up and marks it done
(saved in place with htmx); the public stakeholder directory then counts the dialogue."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_an_officer_records_a_dialogue_and_closes_its_follow_up(page: Any, live_url: str, login: Any) -> None:
    login("officer")
    page.goto(f"{live_url}/outreach/dialogues/new/")
    page.fill("#id_title_en", "Consultation on supplier training needs")
    page.fill("#id_title_zh", "供应商培训需求磋商")
    page.select_option("#id_kind", "consultation")
    page.fill("#id_held_on", "2025-11-04")
    page.select_option("#id_organisations", label="Shenzhen Huayang Precision Electronics Co., Ltd.")
    page.fill("#id_summary_en", "Suppliers asked for a session on overtime records.")
    page.check("#id_is_public")
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "/outreach/dialogues/" in page.url and "Consultation on supplier training needs" in page.content()
    page.fill("#id_action_en", "Schedule a session on overtime records")
    page.click("form[action$='/follow-ups/'] button[type=submit]")
    page.wait_for_load_state("networkidle")
    status = page.locator("select[name=status]").first
    url_before = page.url
    status.select_option("done")
    page.wait_for_selector("text=Schedule a session on overtime records")
    expect(page.locator("select[name=status]")).to_have_value("done")
    assert page.url == url_before
    page.reload()
    assert page.locator("select[name=status]").first.input_value() == "done"
    page.goto(f"{live_url}/outreach/?q=huayang")
    assert "Shenzhen Huayang" in page.content()
