"""Traditional Chinese queries find simplified text and the other way round (OpenCC t2s on both sides)."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rsca.library import search as fts
from rsca.library import selectors, services
from rsca.library.models import Resource

pytestmark = pytest.mark.django_db


def search(**params):
    return selectors.resource_search(user=None, filters=selectors.Filters.from_params(params))


@pytest.fixture
def simplified(staff_user):
    return services.resource_save(
        kind="research",
        title_en="Overtime in Dongguan",
        title_zh="东莞电子工厂工时研究",
        summary_en="Hours of work.",
        summary_zh="调查了供应链中的超时加班和工资拖欠问题。",
        date=datetime.date(2024, 2, 1),
        by=staff_user,
    )


@pytest.fixture
def traditional(staff_user):
    return services.resource_save(
        kind="case_study",
        title_en="Due diligence in Taiwan",
        title_zh="臺灣紡織業的盡責管理",
        summary_en="A case study.",
        summary_zh="負責任商業行為與勞動關係的實踐經驗。",
        date=datetime.date(2023, 5, 1),
        by=staff_user,
    )


@pytest.mark.parametrize("query", ["東莞", "东莞", "供應鏈", "超時加班", "工資拖欠", "東莞 供应链"])
def test_traditional_or_simplified_query_finds_simplified_text(simplified, traditional, query):
    found = {h.resource.pk for h in search(q=query).hits}  # the seeded library may match too
    assert simplified.pk in found and traditional.pk not in found


@pytest.mark.parametrize("query", ["纺织", "紡織", "尽责管理", "盡責管理", "负责任", "勞動關係"])
def test_simplified_or_traditional_query_finds_traditional_text(simplified, traditional, query):
    found = {h.resource.pk for h in search(q=query).hits}
    assert traditional.pk in found and simplified.pk not in found


def test_snippet_of_traditional_text_marks_the_original_characters(simplified, traditional):
    hit = next(h for h in search(q="劳动关系").hits if h.resource.pk == traditional.pk)
    assert "勞動關係" in hit.snippet and "<mark>" in hit.snippet
    assert "劳动" not in hit.snippet  # the text is shown as written, not converted


def test_reindex_folds_text_saved_before_the_conversion(simplified):
    Resource.objects.filter(pk=simplified.pk).update(search_text="東莞 rscametakindresearch")
    assert services.resources_reindex() >= 1
    assert "东莞" in Resource.objects.get(pk=simplified.pk).search_text
    assert simplified.pk in {h.resource.pk for h in search(q="東莞").hits}


_SIMPLIFIED_TO_TRADITIONAL = {
    "东": "東",
    "莞": "莞",
    "供": "供",
    "应": "應",
    "链": "鏈",
    "劳": "勞",
    "动": "動",
    "关": "關",
    "系": "係",
    "纺": "紡",
    "织": "織",
    "资": "資",
    "时": "時",
    "电": "電",
}


@given(st.text(alphabet=sorted(_SIMPLIFIED_TO_TRADITIONAL) + list("工厂加班 ab,"), max_size=30))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_text_and_its_traditional_spelling_segment_alike(text):
    traditional_text = "".join(_SIMPLIFIED_TO_TRADITIONAL.get(ch, ch) for ch in text)
    assert fts.segment(traditional_text) == fts.segment(text)


@given(st.text(max_size=60))
@settings(max_examples=100, deadline=None)
def test_folding_is_idempotent_and_leaves_ascii_alone(text):
    folded = fts.fold_chinese(text)
    assert fts.fold_chinese(folded) == folded
    if text.isascii():
        assert folded == text


def test_a_capped_total_is_shown_as_more_than_and_asks_for_the_exact_count(client, simplified, monkeypatch):
    real = selectors.resource_search

    def capped(**kwargs):  # PostgreSQL caps the count; SQLite (the test database) counts exactly
        results = real(**kwargs)
        results.total_capped, results.facets_sampled = True, True
        return results

    monkeypatch.setattr(selectors, "resource_search", capped)
    english = client.get("/library/", {"q": "东莞"}).content.decode()
    assert "More than 1 results for “东莞”" in english and "Counts among 1000 of the matches." in english
    assert 'hx-get="/library/search/count/?q=%E4%B8%9C%E8%8E%9E"' in english
    assert "“东莞”的结果超过 1 条" in client.get("/zh-hans/library/", {"q": "东莞"}).content.decode()
    assert client.get("/api/v1/library/resources", {"q": "东莞"}).json()["total_capped"] is True
    exact = client.get(
        "/library/search/count/", {"q": "东莞"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert "1 result for “东莞”" in exact and "<html" not in exact
    assert (
        "“东莞”共有 1 条结果" in client.get("/zh-hans/library/search/count/", {"q": "东莞"}).content.decode()
    )
