"""The minimum-wage page and API pick a place by name in either language and show its tier and sources."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.standards.test_minimum_wages import wages  # noqa: F401 - the fixture files, seeded

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wages")]


def test_page_by_chinese_county_name_shows_tier_notice_and_history(client: Client) -> None:
    from rsca.standards import minimum_wages

    minimum_wages.places_reset()
    response = client.get("/standards/minimum-wage/", {"place": "昆山", "on": "2025-02-01"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "320583" in text and "listed under 320500" in text
    assert "2490" in text and "js-2024" not in text  # the notice shows its title, not its key
    assert 'id="wage-data"' in text and "Tier 1" in text


def test_page_says_unknown_rather_than_another_place_s_value(client: Client) -> None:
    response = client.get("/standards/minimum-wage/", {"place": "CN-440500", "on": "2023-01-01"})
    text = response.content.decode()
    assert "is not known" in text and "1900" not in text.split('id="answer"')[1].split("</p>")[0]


def test_api_by_english_name(client: Client) -> None:
    from rsca.standards import minimum_wages

    minimum_wages.places_reset()
    body = client.get("/api/v1/standards/minimum-wage", {"place": "Dongguan", "on": "2023-05-01"}).json()
    assert body["place"]["code"] == "441900"
    assert (body["answer"]["tier"], body["answer"]["monthly"], body["answer"]["currency"]) == (2, 1900, "CNY")
    assert body["answer"]["notice"]["number"] == "粤府函〔2021〕334号"
    assert [t["tier"] for t in body["tiers"]] == [1, 2]


def test_api_unknown_place_is_a_clear_error(client: Client) -> None:
    response = client.get("/api/v1/standards/minimum-wage", {"place": "Atlantis-on-Sea"})
    assert response.status_code == 422


def test_applicable_standard_page_takes_a_county_by_name(client: Client) -> None:
    from rsca.standards import minimum_wages

    minimum_wages.places_reset()
    response = client.get("/standards/applicable/", {"jurisdiction": "昆山市"})
    text = response.content.decode()
    assert response.status_code == 200 and "CN-320500" in text  # Suzhou's rules apply to Kunshan
    assert "/standards/minimum-wage/?place=" in text


def test_applicable_api_takes_a_county_code() -> None:
    response = Client().get("/api/v1/standards/applicable", {"jurisdiction": "CN-320583"})
    assert response.status_code == 200 and response.json()["jurisdiction"] == "CN-320500"
