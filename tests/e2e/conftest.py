"""Browser journeys: Playwright (Python) driving Debian's Chromium against pytest-django's live server.

No browser is downloaded: Playwright launches /usr/bin/chromium (override with RSCA_CHROMIUM).
The tests skip only when that binary is absent; `.ci/run` installs it so CI always runs them.
Browser tests are transactional (the live server runs in another thread), so each test seeds the
reference and demo data itself.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("RSCA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
DEMO_PASSWORD = "rsca-demo-2026"


def pytest_collection_modifyitems(items: list[Any]) -> None:
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def seeded(transactional_db: Any, settings: Any) -> None:
    from django.core.management import call_command

    settings.AXES_ENABLED = False
    call_command("seed", "--demo", stdout=io.StringIO())


@pytest.fixture
def live_url(live_server: Any, seeded: None) -> str:
    return str(live_server.url)


@pytest.fixture
def page(browser: Any, live_url: str) -> Iterator[Any]:
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def sign_in(page: Any, live_url: str, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto(f"{live_url}/account/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


@pytest.fixture
def login(page: Any, live_url: str) -> Any:
    """`login("buyer")` (or `login(other_page, "buyer")`) signs a demo user in; password defaults to the demo one."""

    def _login(*args: Any, password: str = DEMO_PASSWORD) -> None:
        target, username = (page, args[0]) if isinstance(args[0], str) else (args[0], args[1])
        if len(args) > (1 if isinstance(args[0], str) else 2):
            password = args[-1]
        sign_in(target, live_url, username, password)

    return _login
