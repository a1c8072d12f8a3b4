"""The Content-Security-Policy holds on the main pages: walking them (in both languages, signed out and as each
kind of user) reports no `securitypolicyviolation` event and no CSP error on the console.

The policy forbids inline scripts and handlers; a template that adds one (or a library that evals) fails here.
"""

from __future__ import annotations

from typing import Any

import pytest

RECORDER = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sample || ""));
});
"""

NAV_LINKS = """
() => Array.from(document.querySelectorAll("header a[href], nav a[href], footer a[href]"))
  .map((a) => a.getAttribute("href"))
  .filter((h) => h.startsWith("/") && !h.startsWith("//") && !/\\.(csv|xlsx|pdf|json)$/.test(h.split("?")[0]))
"""

EXTRA = [
    "/supplychain/graph/",
    "/supplychain/map/",
    "/standards/coherence/",
    "/standards/countries/CN/",
    "/training/results/",
    "/api/v1/docs",
    "/account/login/",
]


def _walk(page: Any, live_url: str, start: str, *, both_languages: bool) -> tuple[list[str], list[str]]:
    console: list[str] = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text)
            if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text
            else None
        ),
    )
    page.goto(live_url + start)
    urls = list(dict.fromkeys([start, *page.evaluate(NAV_LINKS), *EXTRA]))
    if both_languages:
        urls += [f"/zh-hans{u}" for u in urls if not u.startswith(("/zh-hans", "/api/"))]
    violations: list[str] = []
    for url in dict.fromkeys(urls):
        answer = page.goto(live_url + url)
        if answer is None or answer.status >= 400:
            continue  # pages a user may not see are another test's business
        page.wait_for_load_state("networkidle")
        violations += [f"{url}: {v}" for v in page.evaluate("() => window.__csp")]
    return violations, console


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("user", [None, "buyer", "admin"])
def test_main_pages_break_no_content_security_policy(
    browser: Any, live_url: str, login: Any, user: str | None
) -> None:
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.add_init_script(RECORDER)
    if user:
        login(page, user)
    violations, console = _walk(page, live_url, "/", both_languages=user is None)
    context.close()
    assert violations == []
    assert console == []


@pytest.mark.django_db(transaction=True)
def test_an_inline_script_is_reported_by_the_walk(browser: Any, live_url: str) -> None:
    """The recorder sees a violation when there is one (so an empty list above means something)."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(RECORDER)
    page.goto(live_url + "/")
    page.evaluate("""() => { const s = document.createElement("div");
        s.innerHTML = '<img src="data:," onerror="window.__ran = 1">'; document.body.append(s); }""")
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__ran") is None
    assert page.evaluate("() => window.__csp") != []
    context.close()
