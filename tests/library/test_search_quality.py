"""Search quality: how people type Chinese and English queries, and queries that look like FTS syntax."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rsca.core.models import Country
from rsca.library import selectors, services

pytestmark = pytest.mark.django_db


def search(user, **params):
    return selectors.resource_search(user=user, filters=selectors.Filters.from_params(params))


@pytest.fixture
def study(staff_user):
    return services.resource_save(
        kind="research",
        title_en="Working hours in electronics factories",
        title_zh="电子行业工时研究",
        summary_en="A survey of hours of work.",
        summary_zh="本研究调查了东莞电子工厂的超时加班和工资拖欠问题。",
        date=datetime.date(2024, 2, 1),
        by=staff_user,
    )


@pytest.mark.parametrize(
    "query",
    [
        "超时加班",
        "超时 加班",
        "超时　加班",
        "超时，加班",
        "超时,加班",
        "“超时”、加班。",
        "（超时）加班！",
        "电子工厂的超时加班",
    ],
)
def test_chinese_queries_match_with_or_without_spaces_and_any_punctuation(study, query):
    results = search(None, q=query)
    assert [h.resource.pk for h in results.hits] == [study.pk]
    assert "<mark>超时</mark>" in results.hits[0].snippet


def test_a_word_only_in_the_chinese_summary_is_found_and_shown_on_an_english_page(study):
    results = search(None, q="拖欠")
    assert [h.resource.pk for h in results.hits] == [study.pk]
    assert "<mark>拖欠</mark>" in results.hits[0].snippet  # the English summary does not have it


def test_mixed_english_and_chinese_queries_need_both_words(study):
    assert search(None, q="electronics 东莞").total == 1
    assert search(None, q="Electronics，东莞").total == 1
    assert search(None, q="electronics 苏州").total == 0


def test_english_plurals_and_case_are_folded(study):
    assert search(None, q="FACTORY").total == search(None, q="factories").total == 1
    assert search(None, q="Hours").total == search(None, q="hour").total


def test_a_last_english_word_being_typed_matches_as_a_prefix_only_when_nothing_matches_exactly(study, client):
    typed = search(None, q="survey electr")  # "survey" is in the study only, not in the seeded library
    assert [h.resource.pk for h in typed.hits] == [study.pk] and typed.prefix == "electr"
    assert "<mark>electronics</mark>" in typed.hits[0].title
    assert search(None, q="work").prefix == ""  # "work" is a word: no prefix matching of it
    assert search(None, q="factor").total == 0 or search(None, q="factor").prefix == "factor"
    assert search(None, q="el").total == 0  # too short to be a prefix
    assert search(None, q="zzzzqx").prefix == "" and search(None, q="zzzzqx").total == 0
    assert search(None, q="electr 超时").total == 0  # only an English last word is taken as a prefix
    page = client.get("/library/?q=working+electr").content.decode()
    assert "showing words starting with “electr”" in page
    assert client.get("/api/v1/library/resources?q=electr").json()["terms"] == ["electr*"]


def test_facet_counts_are_those_of_the_rows_the_user_may_see(org_a, user_a, user_b, staff_user, study):
    china = Country.objects.get(iso2="CN")
    services.resource_save(
        kind="case_study",
        title_en="Overtime remediation in electronics",
        date=datetime.date(2023, 5, 1),
        country_codes=[china.pk],
        owner_id=org_a.pk,
        is_public=False,
        by=user_a,
    )
    services.resource_save(
        kind="case_study",
        title_en="Overtime audit in electronics",
        date=datetime.date(2022, 5, 1),
        country_codes=[china.pk],
        by=staff_user,
    )
    for user in (None, user_a, user_b):
        results = search(user, q="electronics")
        shown = selectors.resource_search(
            user=user, filters=selectors.Filters(query="electronics"), per_page=100
        )
        rows = [h.resource for h in shown.hits]
        assert results.total == len(rows)
        kinds = {f.value: f.count for f in results.facets["kind"]}
        assert kinds == {k: sum(r.kind == k for r in rows) for k in {r.kind for r in rows}}
        years = {f.value: f.count for f in results.facets["year"]}
        assert years == {str(y): sum(r.date.year == y for r in rows) for y in {r.date.year for r in rows}}
    china_count = {
        user: {f.value: f.count for f in search(user, q="electronics").facets["country"]}["CN"]
        for user in (None, user_a, user_b)
    }
    assert china_count[user_a] == china_count[user_b] + 1 == china_count[None] + 1


def test_browsing_facets_count_every_visible_resource_and_follow_filters(org_a, user_a, user_b):
    services.resource_save(
        kind="video",
        title_en="Private video",
        date=datetime.date(2024, 3, 1),
        owner_id=org_a.pk,
        is_public=False,
        by=user_a,
    )
    for user, extra in ((user_a, 1), (user_b, 0), (None, 0)):
        results = search(user)
        assert sum(f.count for f in results.facets["kind"]) == results.total
        assert {f.value: f.count for f in results.facets["kind"]}.get("video", 0) == search(
            user, kind="video"
        ).total
        assert search(user, kind="video").total == search(None, kind="video").total + extra
    news = search(None, kind="news", year="2018")
    assert [f.value for f in news.facets["kind"]] == ["news"] and news.facets["kind"][0].count == news.total


FTS_PIECES = [
    *"\"*:^-+()[]{}.,;!?'`~/\\|&<>= \t\n\u3000，。“”（）《》é🙂",
    "NEAR",
    "NEAR(",
    "AND",
    "OR",
    "NOT",
    "near",
    "and",
    "or",
    "not",
    "rscameta",
    "rscametakindnews",
    "supply",
    "chains",
    "供应链",
    "东莞",
    "加班",
    "\x00",
]
QUERY_TEXT = st.lists(st.sampled_from(FTS_PIECES), max_size=20).map("".join) | st.text(max_size=80)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=QUERY_TEXT, kind=st.sampled_from(["", "news", "bogus"]), year=st.sampled_from(["", "2018", "x"]))
def test_any_query_string_gives_results_never_an_error(db, query, kind, year):
    results = search(None, q=query, kind=kind, year=year)
    assert results.total >= len(results.hits) >= 0
    assert all(f.count > 0 for values in results.facets.values() for f in values)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=QUERY_TEXT.filter(lambda q: "\x00" not in q))
def test_any_query_string_through_the_api_is_answered(client, query):
    response = client.get("/api/v1/library/resources", {"q": query})
    assert response.status_code == 200 and response.json()["total"] >= 0
