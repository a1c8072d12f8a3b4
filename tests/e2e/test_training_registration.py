"""Journey: a person finds the upcoming workshop in the calendar, registers online, gets a confirmation
and a private page; once the places are taken, the next person joins the waiting list — in English and Chinese."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

SLUG = "demo-osh-workshop"


def _register(page: Any, live_url: str, name: str, email: str, prefix: str = "") -> None:
    page.goto(f"{live_url}{prefix}/training/activities/{SLUG}/")
    page.fill("#id_full_name", name)
    page.fill("#id_email", email)
    page.select_option("#id_sex", "female")
    page.fill("#id_organisation_name", "Demo Supplier Ltd")
    page.select_option("#id_constituent_type", "enterprise")
    page.select_option("#id_province", "440000")
    page.check("#id_consent")
    page.click("section.register button[type=submit]")
    page.wait_for_load_state("networkidle")


def test_a_person_registers_from_the_calendar_and_the_fourth_joins_the_waiting_list(
    page: Any, live_url: str
) -> None:
    from django.core import mail

    page.goto(f"{live_url}/training/")
    page.click(f"a[href='/training/activities/{SLUG}/']")
    page.wait_for_load_state("networkidle")
    assert "3 places left" in page.content()
    _register(page, live_url, "Chen Li", "chen.li@example.org")
    assert "/training/registrations/" in page.url
    assert page.locator("[data-status]").get_attribute("data-status") == "confirmed"
    assert any("chen.li@example.org" in message.to for message in mail.outbox)
    _register(page, live_url, "Guo Ying", "guo.ying@example.org")
    _register(page, live_url, "He Na", "he.na@example.org")
    _register(page, live_url, "Hu Jing", "hu.jing@example.org")
    assert page.locator("[data-status]").get_attribute("data-status") == "waitlisted"
    page.goto(f"{live_url}/training/activities/{SLUG}/")
    assert "waiting list" in page.content()


def test_the_form_works_in_chinese_and_refuses_a_second_registration(page: Any, live_url: str) -> None:
    _register(page, live_url, "林娜", "lin.na@example.org", prefix="/zh-hans")
    assert "/zh-hans/training/registrations/" in page.url
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert page.locator("[data-status]").get_attribute("data-status") == "confirmed"
    _register(page, live_url, "林娜", "LIN.NA@example.org", prefix="/zh-hans")
    assert "/activities/" in page.url  # stays on the form, with the reason
    assert page.locator(".errorlist, .error").count() >= 1
