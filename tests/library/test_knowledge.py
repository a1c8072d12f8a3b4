"""One search across the knowledge: synonyms in either language (kept as data) reach provisions, instruments,
topics, country profiles, trainings and library items."""

from __future__ import annotations

from typing import Any

import pytest

from rsca.library.knowledge import expand, knowledge_search

pytestmark = pytest.mark.django_db


def found(query: str) -> dict[str, set[str]]:
    return {g.key: {h.url + " " + h.title for h in g.hits} for g in knowledge_search(user=None, query=query)}


@pytest.mark.parametrize(
    ("queries", "topic", "instruments"),
    [
        (
            ["童工", "child labour", "Child Labor", "C138", "c182", "未成年工"],
            "child-labour",
            {"ILO-C138", "ILO-C182"},
        ),
        (["加班", "overtime", "working time", "Working hours", "工作时间"], "working-time", {"ILO-C001"}),
        (
            ["forced labour", "强迫劳动", "C029", "C105", "debt bondage"],
            "forced-labour",
            {"ILO-C029", "ILO-C105"},
        ),
    ],
)
def test_synonyms_in_either_language_lead_to_the_same_knowledge(
    queries: list[str], topic: str, instruments: set[str]
) -> None:
    expansions = [expand(q) for q in queries]
    assert all(topic in e.topics and instruments <= e.instruments for e in expansions)
    results = [found(q) for q in queries]
    assert all(
        r["provisions"] == results[0]["provisions"] and r["topics"] == results[0]["topics"] for r in results
    )


def test_a_word_inside_another_is_not_a_synonym() -> None:
    assert expand("wagers").topics == set() and expand("C1380").instruments == set()
    assert expand("unrelated words").terms == {"unrelated words"}


def test_searching_童工_finds_provisions_conventions_topics_and_library_items(client: Any) -> None:
    page = client.get("/zh-hans/library/?q=童工").content.decode()
    assert "/standards/instruments/ILO-C138/" in page and "/standards/instruments/ILO-C182/" in page
    assert "/standards/topics/child-labour/" in page and "童工与未成年工" in page
    assert "/library/key-messages-international-instruments/" in page  # a document of the library
    assert "/library/?topic=child-forced-labour" in page
    english = client.get("/library/?q=child+labour").content.decode()
    assert "/standards/instruments/ILO-C138/" in english and "Across the knowledge base" in english
    assert "/library/key-messages-international-instruments/" in english


def test_overtime_finds_working_time_provisions_and_the_trainings_on_it(client: Any) -> None:
    results = found("加班")
    assert any("/standards/instruments/CN-WORKING-HOURS-1995/" in hit for hit in results["provisions"])
    assert results.get("trainings"), "the seeded trainings on working time"


def test_a_country_is_found_by_its_name_in_either_language() -> None:
    assert any("/standards/countries/VN/" in hit for hit in found("越南")["countries"])
    assert any("/standards/countries/TH/" in hit for hit in found("Thailand")["countries"])


def test_nothing_is_added_for_an_empty_or_one_letter_query(client: Any) -> None:
    assert knowledge_search(user=None, query="a") == []
    assert "Across the knowledge base" not in client.get("/library/").content.decode()
