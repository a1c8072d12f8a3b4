"""Exact counts next to capped totals, and PostgreSQL's index table kept in step with the resources."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection

from rsca.library import selectors, services
from rsca.library.models import Resource, Topic

pytestmark = pytest.mark.django_db


def _filters(**params: str) -> selectors.Filters:
    return selectors.Filters.from_params(params)


def _save(by, title: str, *, owner_id=None, is_public=True, date=datetime.date(2024, 5, 1), kind="news"):
    return services.resource_save(
        kind=kind,
        title_en=title,
        summary_en="Quarterly bulletin.",
        date=date,
        owner_id=owner_id,
        is_public=is_public,
        by=by,
    )


@pytest.fixture
def bulletins(staff_user, org_a):
    made = [_save(staff_user, f"Zinnober bulletin {i}", date=datetime.date(2024, 1 + i, 1)) for i in range(5)]
    made.append(_save(staff_user, "Zinnober private notes", owner_id=org_a.pk, is_public=False))
    return made


def test_the_exact_count_is_what_a_user_may_see_with_the_filters(bulletins, user_a, user_b, staff_user):
    assert selectors.resource_count(user=None, filters=_filters(q="zinnober")) == 5
    assert selectors.resource_count(user=user_b, filters=_filters(q="zinnober")) == 5
    assert selectors.resource_count(user=user_a, filters=_filters(q="zinnober")) == 6
    assert selectors.resource_count(user=staff_user, filters=_filters(q="zinnober notes")) == 1
    assert selectors.resource_count(user=None, filters=_filters(q="zinnober", year="2024", kind="news")) == 5
    assert selectors.resource_count(user=None, filters=_filters(q="zinnober", kind="publication")) == 0
    assert selectors.resource_count(user=None, filters=_filters(q="zinnober", topic="no-such-topic")) == 0
    assert selectors.resource_count(user=None, filters=_filters(q="the of")) == 0


def test_the_count_api_and_the_count_fragment_agree_with_the_search(client, bulletins):
    assert client.get("/api/v1/library/resources/count", {"q": "Zinnober"}).json() == {
        "query": "Zinnober",
        "total": 5,
    }
    page = client.get("/library/search/count/", {"q": "Zinnober", "page": "3"}).content.decode()
    assert "5 results for “Zinnober”" in page
    assert client.get("/api/v1/library/resources/count", {"q": "Zinnober", "year": "1800"}).status_code == 200


def test_facets_count_topics_countries_and_sectors_of_the_matches(staff_user):
    topics = list(Topic.objects.order_by("pk")[:2])
    for i, (country, sector) in enumerate([("CN", "13"), ("CN", "26"), ("VN", "13")]):
        services.resource_save(
            kind="news",
            title_en=f"Saffron report {i}",
            date=datetime.date(2022, 3, 1 + i),
            topics=topics[: 1 + i % 2],
            country_codes=[country],
            sector_codes=[sector],
            by=staff_user,
        )
    facets = selectors.resource_search(user=None, filters=_filters(q="saffron")).facets
    counts = {name: {v.value: v.count for v in values} for name, values in facets.items()}
    assert counts["country"] == {"CN": 2, "VN": 1} and counts["sector"] == {"13": 2, "26": 1}
    assert counts["topic"] == {topics[0].slug: 3, topics[1].slug: 1}
    assert counts["kind"] == {"news": 3} and counts["year"] == {"2022": 3}


def test_a_capped_search_pages_newest_first_and_counts_among_the_sample(bulletins, monkeypatch):
    monkeypatch.setattr(selectors, "COUNT_CAP", 2)
    monkeypatch.setattr(selectors, "FACET_SAMPLE", 2)
    monkeypatch.setattr(selectors, "RANK_LIMIT", 1)  # SQLite ranks what it does not cap
    results = selectors.resource_search(user=None, filters=_filters(q="zinnober"), per_page=2)
    postgres = connection.vendor == "postgresql"
    assert results.total_capped is postgres and results.total == (2 if postgres else 5)
    assert results.facets_sampled and sum(f.count for f in results.facets["kind"]) == 2
    dates = [h.resource.date for h in results.hits]
    assert dates == sorted(dates, reverse=True)
    assert selectors.resource_count(user=None, filters=_filters(q="zinnober")) == 5


postgres_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'",
    reason="PostgreSQL's index table (SQLite's FTS5 table has its own tests)",
)


def _index_rows() -> dict[int, tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid, date, is_public, owner_id, search_text::text, kind, topics, countries, sectors "
            "FROM library_resource_fts"
        )
        return {row[0]: row[1:] for row in cursor.fetchall()}


@postgres_only
def test_the_index_table_follows_inserts_updates_and_deletes(staff_user, org_a):
    resource = _save(staff_user, "Vermilion survey")
    date, is_public, owner_id, vector, kind, topics, countries, sectors = _index_rows()[resource.pk]
    assert (date, is_public, owner_id, kind) == (datetime.date(2024, 5, 1), True, None, "news")
    assert "'vermilion'" in vector and (topics, countries, sectors) == ([], [], [])
    topic = Topic.objects.order_by("pk").first()
    services.resource_save(
        kind="research",
        title_en="Cobalt survey",
        date=datetime.date(2023, 1, 2),
        owner_id=org_a.pk,
        is_public=False,
        resource=resource,
        topics=[topic],
        country_codes=["CN", "VN"],
        sector_codes=["13"],
        by=staff_user,
    )
    date, is_public, owner_id, vector, kind, topics, countries, sectors = _index_rows()[resource.pk]
    assert (date, is_public, owner_id, kind) == (datetime.date(2023, 1, 2), False, org_a.pk, "research")
    assert (topics, sorted(countries), sectors) == ([str(topic.pk)], ["CN", "VN"], ["13"])
    assert "'cobalt'" in vector and "vermilion" not in vector
    Resource.objects.filter(pk=resource.pk).update(search_text="amber")  # bulk updates too
    assert _index_rows()[resource.pk][3] == "'amber':1" and _index_rows()[resource.pk][5:] == ([], [], [])
    Resource.objects.filter(pk=resource.pk).delete()
    assert resource.pk not in _index_rows()
    assert set(_index_rows()) == set(Resource.objects.values_list("pk", flat=True))


@postgres_only
def test_the_index_table_is_emptied_with_the_table_and_rebuilt_by_reindex(staff_user):
    _save(staff_user, "Vermilion survey")
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the test's transaction holds deferred FK checks
        cursor.execute("TRUNCATE library_resource CASCADE")  # what Django's flush does between browser tests
    assert _index_rows() == {}
    _save(staff_user, "Vermilion survey")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM library_resource_fts")
    assert selectors.resource_count(user=None, filters=_filters(q="vermilion")) == 0
    from django.core.management import call_command

    call_command("library_reindex", stdout=__import__("io").StringIO())
    assert set(_index_rows()) == set(Resource.objects.values_list("pk", flat=True))
    assert selectors.resource_count(user=None, filters=_filters(q="vermilion")) == 1
