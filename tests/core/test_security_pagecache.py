"""Heavy public pages are cached whole for signed-out visitors, per language and data version, with a fresh CSP
nonce on every answer; signed-in visitors and pages with forms are never served from the cache."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def _nonces(answer) -> tuple[str, set[str]]:
    header = re.search(r"'nonce-([^']+)'", answer["Content-Security-Policy"])
    assert header is not None
    return header.group(1), set(re.findall(r'nonce="([^"]+)"', answer.content.decode()))


def test_second_signed_out_visit_of_the_home_page_is_served_from_the_cache_with_a_fresh_nonce() -> None:
    first, second = Client().get("/"), Client().get("/")
    assert (first.status_code, second.status_code) == (200, 200)
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    header_1, body_1 = _nonces(first)
    header_2, body_2 = _nonces(second)
    assert body_1 == {header_1} and body_2 == {header_2}  # every script's nonce is the header's
    assert header_1 != header_2
    assert first.content.replace(header_1.encode(), b"N") == second.content.replace(header_2.encode(), b"N")
    assert "csrftoken" not in second.cookies


def test_each_language_has_its_own_cached_page() -> None:
    client = Client()
    english, chinese = client.get("/"), client.get("/zh-hans/")
    assert client.get("/zh-hans/")["X-Page-Cache"] == "hit"
    assert 'lang="zh-Hans"' in client.get("/zh-hans/").content.decode()
    assert 'lang="en"' in client.get("/").content.decode()
    assert english.content != chinese.content


def test_a_change_to_the_data_is_seen_at_once() -> None:
    from rsca.core.models import AuditEvent

    client = Client()
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    AuditEvent.objects.create(action="update", target_type="test", target_id="1", target_repr="a change")
    cache.delete("rsca:pagecache:data-version")  # as after the one second it is kept
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_signed_in_visitors_and_queries_are_never_served_from_the_cache(user_a) -> None:
    Client().get("/")
    signed_in = Client()
    signed_in.force_login(user_a)
    answer = signed_in.get("/")
    assert "X-Page-Cache" not in answer
    assert user_a.username in answer.content.decode()
    assert "X-Page-Cache" not in Client().get("/?utm=1")


def test_pages_with_a_form_are_not_cached() -> None:
    client = Client()
    client.get("/account/login/")
    assert "X-Page-Cache" not in client.get("/account/login/")
