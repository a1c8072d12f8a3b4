"""Public text is for the public: a crawl of every page an anonymous visitor reaches, in English and Chinese,
finds no internal working note (seed file names, "not stated in the source list", "from the reference file",
provisional-identifier reminders, repository paths) and no internal link that answers 404.

Notes that come from files other than those the content editors keep are listed in KNOWN_ELSEWHERE with the
file they come from; `test_no_working_note_at_all` is a strict expected failure until those are fixed, so it
turns red (XPASS) the day they are, and the list must then be emptied.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urldefrag

import pytest

pytestmark = pytest.mark.django_db

WORKING_NOTES = re.compile(
    r"\bseed (?:document )?0\d\d|\(seed\b|种子文件|not stated in the source|reference file|not re-verified"
    r"|临时标识|provisional: replace|maps/LICENSE|seeds?/0\d\d_",
    re.IGNORECASE,
)
# (pattern in the note, the file it comes from): kept by other parts of the platform.
KNOWN_ELSEWHERE: list[tuple[str, str]] = [
    ("seed document", "src/rsca/training/seed.py (activity sources)"),
    ("maps/LICENSE", "src/rsca/supplychain/templates/supplychain/map.html"),
]
SKIP = ("/static/", "/media/", "/admin", "/accounts/logout", "/logout", "/api/")
START = ("/", "/zh-hans/")
MAX_PAGES = 1500


def _links(html: str) -> Iterator[str]:
    for href in re.findall(r'href="([^"]+)"', html):
        href = urldefrag(href.replace("&amp;", "&"))[0]
        if href.startswith("/") and not href.startswith("//") and not href.startswith(SKIP):
            yield href


def _shape(url: str) -> str:
    """Pages of one shape (a list with another page number or filter) are crawled once."""
    path, _, query = url.partition("?")
    return path + ("?" + ",".join(sorted(k.split("=")[0] for k in query.split("&"))) if query else "")


def crawl(client: Any) -> dict[str, Any]:
    seen: set[str] = set()
    shapes: set[str] = set()
    todo = [(url, "") for url in START]
    notes: list[tuple[str, str]] = []
    broken: list[tuple[str, str, int]] = []
    while todo and len(seen) < MAX_PAGES:
        url, linked_from = todo.pop()
        if url in seen or (("?" in url) and _shape(url) in shapes):
            continue
        seen.add(url)
        shapes.add(_shape(url))
        response = client.get(url)
        if response.status_code in (301, 302):
            location = response["Location"]
            if location.startswith("/") and "/login" not in location:
                todo.append((location, url))
            continue
        if response.status_code != 200:
            broken.append((url, linked_from, response.status_code))
            continue
        if "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        for match in WORKING_NOTES.finditer(html):
            notes.append((url, html[max(0, match.start() - 60) : match.end() + 40]))
        todo.extend((link, url) for link in _links(html) if link not in seen)
    return {"pages": seen, "notes": notes, "broken": broken}


@pytest.fixture
def demo_content(db: Any) -> None:
    """The demo organisations, facilities and dialogue records (a public page once linked a supplier's page)."""
    from rsca.core import seed as core_seed
    from rsca.outreach import seed as outreach_seed
    from rsca.supplychain import seed as supplychain_seed

    class Quiet:
        def write(self, text: str) -> None:
            pass

    for module in (core_seed, supplychain_seed, outreach_seed):
        module.seed_demo(Quiet())


_CRAWL: dict[str, Any] = {}


@pytest.fixture
def public_crawl(client: Any, demo_content: None) -> dict[str, Any]:
    if not _CRAWL:
        _CRAWL.update(crawl(client))
    return _CRAWL


def _unexplained(notes: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [
        (url, text)
        for url, text in notes
        if not any(pattern.lower() in text.lower() for pattern, _file in KNOWN_ELSEWHERE)
    ]


def test_the_crawl_reaches_the_public_site_in_both_languages(public_crawl: dict[str, Any]) -> None:
    pages = public_crawl["pages"]
    assert len(pages) > 50
    assert any(p.startswith("/zh-hans/library/") for p in pages) and any(
        p.startswith("/library/") for p in pages
    )
    assert any(p.startswith("/zh-hans/projects/") for p in pages)


def test_public_pages_carry_no_working_note_of_the_content_editors(public_crawl: dict[str, Any]) -> None:
    found = _unexplained(public_crawl["notes"])
    assert not found, "\n".join(f"{url}: …{text}…" for url, text in found[:20])


@pytest.mark.xfail(
    strict=True, reason="notes kept in other files: " + "; ".join(f for _p, f in KNOWN_ELSEWHERE)
)
def test_no_working_note_at_all(public_crawl: dict[str, Any]) -> None:
    assert not public_crawl["notes"], public_crawl["notes"][:5]


def test_no_public_page_links_to_a_missing_page(public_crawl: dict[str, Any]) -> None:
    broken = public_crawl["broken"]
    assert not broken, "\n".join(
        f"{url} (linked from {source}): {status}" for url, source, status in broken[:20]
    )


def test_a_dialogue_naming_a_supplier_is_seen_by_staff_and_the_supplier_not_the_public(
    client: Any, demo_content: None
) -> None:
    from django.contrib.auth import get_user_model

    from rsca.outreach.models import Dialogue

    dialogue = Dialogue.objects.get(organisations__slug="huayang-precision")
    assert not dialogue.is_public
    url = f"/outreach/dialogues/{dialogue.pk}/"
    assert client.get(url).status_code == 404
    users = get_user_model().objects
    client.force_login(users.get(username="supplier"))  # a member of the supplier named in it
    page = client.get(url)
    assert page.status_code == 200 and 'href="/organisations/huayang-precision/"' not in page.content.decode()
    client.force_login(users.get(username="apparel"))  # another enterprise
    assert client.get(url).status_code == 404
    client.force_login(users.get(username="officer"))
    assert client.get(url).status_code == 200
