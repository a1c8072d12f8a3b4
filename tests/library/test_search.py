"""Full-text search in English and Chinese (FTS5 on SQLite, tsvector on PostgreSQL), facets, snippets."""

from __future__ import annotations

import datetime

import pytest

from rsca.library import selectors, services
from rsca.library.models import Resource, Topic
from rsca.library.search import query_terms, segment

pytestmark = pytest.mark.django_db


def search(user, **params):
    return selectors.resource_search(user=user, filters=selectors.Filters.from_params(params))


def slugs(results):
    return [h.resource.slug for h in results.hits]


def test_every_seeded_resource_has_a_real_citation_and_its_date():
    from rsca.library.seed import RESOURCES, RETIRED

    seeded = Resource.objects.filter(slug__in=[spec["slug"] for spec in RESOURCES])
    assert seeded.count() == len(RESOURCES) >= 14
    for resource in seeded:  # a page of its own, or the document that cites or lists it; a publisher
        assert resource.url.startswith("https://www.ilo.org/") or resource.source.startswith(
            ("Cited in", "Listed in")
        )
        assert "seed" not in resource.source and resource.publisher_en and resource.publisher_zh
    assert not Resource.objects.filter(slug__in=RETIRED).exists()  # news without a document of its own
    score = Resource.objects.get(slug="2019-04-score-annual-report-2019")
    assert score.date == datetime.date(2019, 4, 5) and "85,583 workers" in score.summary_en
    assert "85583名工人" in score.summary_zh
    calss = Resource.objects.filter(kind="research", publisher_en__startswith="Chinese Academy of Labour")
    assert calss.count() == 2 and {r.date_display for r in calss} == {"2020"}


def test_chinese_words_are_segmented_for_the_index():
    assert "供应链" in segment("负责任供应链中的劳工权利") and "负责任" in segment("负责任供应链")
    assert query_terms("the supply chains") == ["supply", "chain"]


def test_english_words_find_documents(db):
    results = search(None, q="supply chains")
    assert "2019-03-china-to-benefit-from-rbc-in-supply-chains" in slugs(results)
    assert "<mark>" in results.hits[0].title


def test_chinese_words_find_documents_and_are_highlighted():
    results = search(None, q="供应链")
    assert "2019-03-china-to-benefit-from-rbc-in-supply-chains" in slugs(results)
    assert all(
        "<mark>供应链</mark>" in hit.snippet for hit in results.hits
    )  # from the Chinese on an English page
    research = search(None, q="研究报告", kind="research")
    assert set(slugs(research)) == {"calss-research-garment-sector", "calss-research-electronics-sector"}


def test_every_word_must_match_and_results_are_ranked():
    assert slugs(search(None, q="SCORE 2019")) == ["2019-04-score-annual-report-2019"]
    assert set(slugs(search(None, q="labour inspectors"))) >= {
        "2020-08-csr-labour-standards-training-returns"
    }
    assert slugs(search(None, q="garment research"))[0] == "calss-research-garment-sector"
    assert search(None, q="the and of").total == 0
    assert search(None, q='"; DROP TABLE library_resource; --').total == 0
    assert Resource.objects.count() >= 10


def test_facets_count_what_the_query_found_and_filter():
    results = search(None, q="国际劳工组织")
    kinds = {f.value: f.count for f in results.facets["kind"]}
    assert sum(kinds.values()) == results.total > 3
    assert {f.value for f in results.facets["year"]} <= {"2018", "2019", "2020"}
    news_2018 = search(None, q="国际劳工组织", kind="news", year="2018")
    assert all(h.resource.kind == "news" and h.resource.date.year == 2018 for h in news_2018.hits)
    topic = search(None, topic="child-forced-labour")
    assert slugs(topic) == ["key-messages-international-instruments"]


def test_private_resources_are_found_only_by_their_organisation(org_a, user_a, user_b):
    services.resource_save(
        kind="case_study",
        title_en="Confidential remediation case",
        title_zh="保密整改案例",
        date=datetime.date(2024, 1, 1),
        owner_id=org_a.pk,
        is_public=False,
        by=user_a,
    )
    assert search(user_a, q="整改").total == 1
    assert search(user_b, q="整改").total == 0
    assert search(None, q="remediation").total == 0


def test_the_index_follows_updates_and_deletes(staff_user):
    topic = Topic.objects.get(slug="csr-rbc")
    resource = services.resource_save(
        kind="research",
        title_en="Wage survey in Dongguan",
        date=datetime.date(2024, 2, 1),
        topics=[topic],
        by=staff_user,
    )
    assert slugs(search(None, q="Dongguan")) == [resource.slug]
    services.resource_save(
        kind="research",
        title_en="Working hours survey",
        title_zh="东莞工时调查",
        date=resource.date,
        resource=resource,
        by=staff_user,
    )
    assert search(None, q="Dongguan").total == 0 and slugs(search(None, q="工时")) == [resource.slug]
    services.resource_delete(resource=resource, by=staff_user)
    assert search(None, q="工时").total == 0


def test_search_page_and_api_in_both_languages(client):
    page = client.get("/zh-hans/library/?q=SCORE")
    assert page.status_code == 200 and "可持续竞争力和负责任企业" in page.content.decode()
    partial = client.get("/library/?q=SCORE", HTTP_HX_REQUEST="true")
    assert "<html" not in partial.content.decode() and "hits" in partial.content.decode()
    api = client.get("/api/v1/library/resources?q=供应链").json()
    assert (
        api["total"] == search(None, q="供应链").total > 1 and "<mark>" in api["results"][0]["snippet_html"]
    )
    assert {f["value"] for f in api["facets"]["kind"]} >= {"news", "research", "brochure"}


def test_text_cannot_pose_as_an_index_token(org_a, user_a, user_b):
    from rsca.library.search import PRIVATE, token

    services.resource_save(
        kind="news",
        title_en=f"Leaked {token('org', org_a.pk)} {PRIVATE} story",
        summary_en="rscametakindnews rscametayear1999",
        date=datetime.date(2024, 1, 2),
        owner_id=org_a.pk,
        is_public=False,
        by=user_a,
    )
    resource = Resource.objects.get(title_en__startswith="Leaked")
    words = resource.search_text.split()
    assert words.count(PRIVATE) == 1 and "rscametayear1999" not in words  # only the real tokens
    assert search(user_b, q="leaked").total == 0 and search(None, q="leaked").total == 0
    assert search(user_a, q="leaked").total == 1
    assert search(user_a, q=token("org", org_a.pk)).total == 0  # queries cannot use index tokens either


def test_facets_are_counted_over_a_sample_when_there_are_many_matches(monkeypatch):
    from rsca.library import selectors as library_selectors

    monkeypatch.setattr(library_selectors, "FACET_SAMPLE", 2)
    results = search(None, q="国际劳工组织")
    assert results.total > 2 and results.facets_sampled
    assert sum(f.count for f in results.facets["kind"]) == 2
    assert not search(None, q="SCORE 2019").facets_sampled


def test_large_result_sets_are_ordered_newest_first(monkeypatch):
    from rsca.library import selectors as library_selectors

    monkeypatch.setattr(library_selectors, "RANK_LIMIT", 1)
    from django.db import connection

    results = search(None, q="国际劳工组织")
    assert results.total > 1
    if connection.vendor == "sqlite":  # most recently added first: the FTS5 index pages without reading rows
        ids = [h.resource.pk for h in results.hits]
        assert ids == sorted(ids, reverse=True)
    else:
        dates = [h.resource.date for h in results.hits]
        assert dates == sorted(dates, reverse=True)


def test_browsing_without_a_query_lists_newest_first_with_facets(staff_user):
    results = search(staff_user)
    dates = [h.resource.date for h in results.hits]
    assert dates == sorted(dates, reverse=True) and results.total >= 10
    assert {f.value for f in results.facets["kind"]} >= {"news", "publication", "brochure"}


def test_reindex_command_rebuilds_search_text_and_index():
    import io

    from django.core.management import call_command

    Resource.objects.filter(slug="2019-03-the-ilo-in-china").update(search_text="")
    assert search(None, q="leaflet").total == 0
    out = io.StringIO()
    call_command("library_reindex", stdout=out)
    assert "1 resources re-segmented" in out.getvalue()
    assert slugs(search(None, q="leaflet")) == ["2019-03-the-ilo-in-china"]
