"""The foundation's journeys: log in, switch language, see the account page, log out."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_demo_user_logs_in_sees_their_organisation_and_logs_out(page, live_url, login):
    login("buyer")
    page.goto(f"{live_url}/account/")
    assert page.locator("h1").inner_text() == "My account"
    assert "Example Electronics Brand" in page.content()
    page.click("text=Log out")
    page.wait_for_load_state("networkidle")
    assert page.locator("a", has_text="Log in").count() >= 1


def test_a_wrong_password_is_refused_with_a_message(page, live_url, login):
    login("buyer", "not-the-password")
    assert "/account/login/" in page.url
    assert page.locator("[role=alert]").count() == 1


def test_the_language_switcher_shows_the_same_page_in_chinese_and_back(page, live_url):
    page.goto(f"{live_url}/organisations/")
    page.click("a[hreflang=zh-Hans]")
    page.wait_for_load_state("networkidle")
    assert re.search(r"/zh-hans/organisations/$", page.url)
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert "机构" in page.locator("h1").inner_text()
    page.click("a[hreflang=en]")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/organisations/")
    assert page.locator("h1").inner_text() == "Organisations"


def test_keyboard_users_can_skip_to_the_content(page, live_url):
    page.goto(f"{live_url}/organisations/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert "Skip to content" in focused


def test_a_user_creates_and_revokes_an_api_token_in_the_profile(page, live_url, login):
    login("supplier")
    page.goto(f"{live_url}/account/")
    page.fill("#id_token_name", "nightly sync")
    page.click("text=Create token")
    secret = page.locator("code.secret").inner_text()
    assert secret.startswith("rsca_")
    assert api_me(live_url, secret) == (200, "supplier")
    page.click("text=Revoke")
    page.wait_for_selector("text=revoked")
    assert api_me(live_url, secret)[0] == 401


def api_me(live_url: str, secret: str) -> tuple[int, str]:
    """Call /api/v1/me from outside the browser, with the token only (no session cookie)."""
    request = urllib.request.Request(f"{live_url}/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())["username"]
    except urllib.error.HTTPError as error:
        return error.code, ""


def test_the_main_menu_opens_one_group_at_a_time_and_closes_with_escape(page, live_url):
    page.goto(f"{live_url}/")
    programme, training = (
        page.locator(f"nav.main-nav details[data-nav-group={key}]") for key in ("programme", "training")
    )
    assert not page.locator("nav.main-nav >> text=Projects").is_visible()
    programme.locator("summary").click()
    assert page.locator("nav.main-nav >> text=Projects").is_visible()
    training.locator("summary").click()
    # the browser fires "toggle" as a separate task: wait for the script to close the other group
    expect(page.locator("nav.main-nav details[data-nav-group=programme]")).not_to_have_attribute(
        "open", re.compile(".*")
    )
    assert training.get_attribute("open") is not None
    page.keyboard.press("Escape")
    assert training.get_attribute("open") is None
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.locator("nav.main-nav summary:has-text('Training')").click()
    page.click("nav.main-nav >> text=Trainings and events")
    page.wait_for_load_state("networkidle")
    assert page.locator("nav.main-nav summary.active:has-text('Training')").count() == 1
