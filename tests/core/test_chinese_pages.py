"""Chinese is complete: walking the main pages in Chinese as a visitor and as each demo user finds no English
heading, label, table header, term or button, no raw code in the text, and no English unit.

Headings and labels that come from other parts of the platform and are not translated yet are listed in
KNOWN_ELSEWHERE with the file they come from; `test_no_english_at_all_on_chinese_pages` is a strict expected
failure until they are fixed (it then turns red and the list must be emptied).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from lxml import html

pytestmark = pytest.mark.django_db

LATIN = re.compile(r"[A-Za-z]{3,}")
CJK = re.compile(r"[\u4e00-\u9fff]")
# Text that is the same in both languages: acronyms and codes, addresses, brand and person names, file types.
SAME_IN_BOTH = re.compile(
    r"^(?:[A-Z0-9][A-Z0-9&./+\-– ()]*|[A-Za-z]+\d[\w.\-]*|https?://\S+|\S+@\S+|English|RSS|Atom|Excel|CSV|XLSX|PDF"
    r"|amfori BSCI|ECharts.*)$"
)
ELEMENTS = (
    "//main//h1|//main//h2|//main//h3|//main//th|//main//label|//main//button|//main//dt|//main//legend"
    "|//main//summary"
)
RAW_CODE = re.compile(r"\b[a-z]+_[a-z_]+\b")
ENGLISH_UNIT = re.compile(r"hours?/(?:day|week|month)|consecutive days|problem\(s\)")
KNOWN_ELSEWHERE: list[tuple[str, str]] = [
    ("Course", "src/rsca/training/templates (course label)"),
    ("hours/", "src/rsca/compliance/engine.py and standards/parameters.py (units)"),
    ("consecutive days", "src/rsca/compliance/engine.py (units)"),
    ("nrmlx_en", "src/rsca/standards/data (NORMLEX link text)"),
    ("_", "src/rsca/supplychain and training templates (column and type codes shown raw)"),
    ("Co., Ltd", "src/rsca/supplychain/templates (facility pages: the Chinese name first)"),
    ("Company Limited", "src/rsca/supplychain/templates (facility pages: the Chinese name first)"),
]
MINE = (
    "/zh-hans/about/",
    "/zh-hans/projects/",
    "/zh-hans/library/",
    "/zh-hans/outreach/",
    "/zh-hans/organisations/",
    "/zh-hans/account/",
    "/zh-hans/staff/",
)
USERS = [None, "admin", "officer", "buyer", "apparel", "supplier"]
MAX_PAGES = 120


def english(text: str) -> bool:
    text = " ".join(text.split())
    return bool(text) and not CJK.search(text) and bool(LATIN.search(text)) and not SAME_IN_BOTH.match(text)


def walk(client: Any, usernames: set[str]) -> list[tuple[str, str]]:
    seen: set[str] = set()
    todo = ["/zh-hans/"]
    found: list[tuple[str, str]] = []
    while todo and len(seen) < MAX_PAGES:
        url = todo.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        doc = html.fromstring(response.content)
        for element in doc.xpath(
            ELEMENTS
        ):  # a code shown as code (beside its name, or a staff log's field) is not prose
            text = " ".join("".join(element.xpath(".//text()[not(ancestor::code)]")).split())
            if english(text) and text not in usernames:
                found.append((url, text))
        for node in doc.xpath(
            "//main//text()[not(ancestor::script) and not(ancestor::code) and not(ancestor::style)"
            " and not(ancestor::pre)]"
        ):
            found += [(url, f"code {m}") for m in RAW_CODE.findall(node)]
            found += [(url, f"unit {m}") for m in ENGLISH_UNIT.findall(node)]
        for href in doc.xpath("//a/@href"):
            href = href.split("#")[0]
            if (
                href.startswith("/zh-hans/")
                and href not in seen
                and "logout" not in href
                and not re.search(r"\.(xml|pdf|xlsx|csv|json)$|upload-templates/.|\?page=", href)
            ):
                todo.append(href)
    return found


@pytest.fixture
def demo(db: Any) -> set[str]:
    from django.contrib.auth import get_user_model

    from rsca.core import seed as core_seed
    from rsca.outreach import seed as outreach_seed
    from rsca.supplychain import seed as supplychain_seed

    class Quiet:
        def write(self, text: str) -> None:
            pass

    for module in (core_seed, supplychain_seed, outreach_seed):
        module.seed_demo(Quiet())
    users = get_user_model().objects.filter(username__in=USERS[1:])
    return {u.username for u in users} | {u.get_full_name() for u in users} | {u.first_name for u in users}


_FOUND: dict[str, list[tuple[str, str]]] = {}


@pytest.fixture
def findings(client: Any, demo: set[str]) -> dict[str, list[tuple[str, str]]]:
    from django.contrib.auth import get_user_model

    if not _FOUND:
        for username in USERS:
            client.logout()
            if username:
                client.force_login(get_user_model().objects.get(username=username))
            _FOUND[username or "visitor"] = walk(client, demo)
    return _FOUND


def _known(text: str) -> bool:
    return any(pattern in text for pattern, _file in KNOWN_ELSEWHERE)


def test_the_walk_sees_the_main_pages_of_every_user(findings: dict[str, list[tuple[str, str]]]) -> None:
    assert set(findings) == {"visitor", "admin", "officer", "buyer", "apparel", "supplier"}


def test_chinese_pages_of_the_programme_library_outreach_and_core_show_no_english(
    findings: dict[str, list[tuple[str, str]]],
) -> None:
    mine = [
        (user, url, text)
        for user, items in findings.items()
        for url, text in items
        if (url == "/zh-hans/" or url.startswith(MINE)) and not _known(text)
    ]
    assert not mine, "\n".join(f"{user} {url}: {text}" for user, url, text in mine[:30])


def test_no_english_heading_label_or_button_anywhere_but_the_known_ones(
    findings: dict[str, list[tuple[str, str]]],
) -> None:
    rest = [(user, url, text) for user, items in findings.items() for url, text in items if not _known(text)]
    assert not rest, "\n".join(f"{user} {url}: {text}" for user, url, text in rest[:30])


@pytest.mark.xfail(strict=True, reason="; ".join(f for _p, f in KNOWN_ELSEWHERE))
def test_no_english_at_all_on_chinese_pages(findings: dict[str, list[tuple[str, str]]]) -> None:
    assert not [item for items in findings.values() for item in items]
