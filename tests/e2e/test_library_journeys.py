"""Search the library in English and Chinese and follow a result."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_visitor_searches_in_chinese_and_english_and_opens_a_result(page, live_url):
    page.goto(f"{live_url}/library/")
    page.fill("#library-q", "供应链")
    page.press("#library-q", "Enter")
    page.wait_for_selector(".hit mark")
    assert page.locator(".hit").count() > 1
    page.fill("#library-q", "SCORE")
    page.press("#library-q", "Enter")
    expect(page.locator(".hit")).to_have_count(1)
    page.click(".hit >> nth=0 >> a")
    page.wait_for_load_state("networkidle")
    assert "SCORE" in page.locator("h1").inner_text()


def test_facets_narrow_the_list(page, live_url):
    page.goto(f"{live_url}/zh-hans/library/")
    page.click(".facet >> text=童工与强迫劳动")
    page.wait_for_load_state("networkidle")
    assert "topic=child-forced-labour" in page.url
    assert page.locator(".hit").count() == 1


def test_a_word_still_being_typed_finds_results_and_says_so(page, live_url):
    page.goto(f"{live_url}/library/")
    page.fill("#library-q", "electr")  # the live search runs while typing
    page.wait_for_selector(".hit mark")
    assert "electr" in page.locator(".hit mark").first.inner_text().lower()
    assert "starting with “electr”" in page.locator("#library-results").inner_text()


def test_a_capped_total_is_replaced_by_the_exact_count(page, live_url, monkeypatch):
    from rsca.library import selectors

    real = selectors.resource_search

    def capped(
        **kwargs,
    ):  # what PostgreSQL answers past COUNT_CAP matches (the live server runs in this process)
        results = real(**kwargs)
        results.total_capped = True
        return results

    monkeypatch.setattr(selectors, "resource_search", capped)
    counts = []
    page.on(
        "request", lambda request: counts.append(request.url) if "/search/count/" in request.url else None
    )
    page.goto(f"{live_url}/library/?q=SCORE")
    page.wait_for_load_state("networkidle")
    expect(page.locator("#library-results")).to_contain_text("1 result for “SCORE”")
    expect(page.locator("#library-results")).not_to_contain_text("More than")
    assert counts and all("q=SCORE" in url for url in counts)
