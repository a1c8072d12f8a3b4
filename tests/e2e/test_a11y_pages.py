"""Accessibility: axe-core (axe-playwright-python) over the main pages in both languages, signed out and as a
buyer: no serious or critical violation."""

from __future__ import annotations

from typing import Any

import pytest

PUBLIC = [
    "/",
    "/about/",
    "/projects/",
    "/standards/",
    "/standards/coherence/",
    "/library/",
    "/training/",
    "/account/login/",
]
BUYER = ["/supplychain/", "/supplychain/graph/", "/supplychain/map/", "/account/"]


def _serious(page: Any, url: str) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(url)
    page.wait_for_load_state("networkidle")
    results = Axe().run(page)
    return [
        f"{url}: {v['id']} ({v['impact']}) {len(v['nodes'])}x: {v['help']}"
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]


@pytest.mark.django_db(transaction=True)
def test_main_pages_have_no_serious_accessibility_violation(browser: Any, live_url: str, login: Any) -> None:
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    found: list[str] = []
    for path in PUBLIC:
        for prefix in ("", "/zh-hans"):
            found += _serious(page, live_url + prefix + path)
    login(page, "buyer")
    for path in BUYER:
        for prefix in ("", "/zh-hans"):
            found += _serious(page, live_url + prefix + path)
    context.close()
    assert found == []


def test_the_check_finds_a_critical_violation_when_there_is_one(browser: Any) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context()
    page = context.new_page()
    page.set_content(
        '<html lang="en"><head><title>t</title></head><body><main><img src="data:,"></main></body></html>'
    )
    impacts = {v["id"]: v["impact"] for v in Axe().run(page).response["violations"]}
    context.close()
    assert impacts.get("image-alt") == "critical"
