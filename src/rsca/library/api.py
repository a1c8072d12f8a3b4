"""Library API: search (with facets and highlighted snippets), one resource, topics."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from rsca.core.i18n import localised
from rsca.library import selectors

PREFIX = "library"
router = Router(tags=["library"])


class FacetOut(Schema):
    value: str
    label: str
    count: int


class HitOut(Schema):
    slug: str
    kind: str
    date: datetime.date
    title_en: str
    title_zh: str
    title_html: str
    snippet_html: str
    url: str
    page: str


class SearchOut(Schema):
    query: str
    terms: list[str]
    total: int
    page: int
    pages: int
    results: list[HitOut]
    facets: dict[str, list[FacetOut]]
    facets_sampled: bool
    total_capped: bool  # PostgreSQL: more than `total` matches (counted up to 1,000; see /resources/count)


class CountOut(Schema):
    query: str
    total: int


class ResourceOut(Schema):
    slug: str
    kind: str
    date: datetime.date
    title_en: str
    title_zh: str
    summary_en: str
    summary_zh: str
    body_en: str
    body_zh: str
    url: str
    file: str | None
    topics: list[str]
    sectors: list[str]
    countries: list[str]
    source: str


class LibraryTopicOut(Schema):  # not TopicOut: standards has one (OpenAPI names must be unique)
    slug: str
    name_en: str
    name_zh: str


def _filters(
    *, q: str, kind: str, topic: str, country: str, sector: str, year: int | None
) -> selectors.Filters:
    return selectors.Filters.from_params(
        {"q": q, "kind": kind, "topic": topic, "country": country, "sector": sector, "year": str(year or "")}
    )


@router.get("/resources", response=SearchOut)
def resource_search(
    request: HttpRequest,
    q: str = "",
    kind: str = "",
    topic: str = "",
    country: str = "",
    sector: str = "",
    year: int | None = None,
    page: int = Query(1, ge=1, le=100_000),
) -> dict[str, Any]:
    filters = _filters(q=q, kind=kind, topic=topic, country=country, sector=sector, year=year)
    results = selectors.resource_search(user=request.user, filters=filters, page=page)
    return {
        "query": filters.query,
        "terms": results.terms,
        "total": results.total,
        "page": results.page.number,
        "pages": results.page.paginator.num_pages,
        "results": [
            {
                "slug": h.resource.slug,
                "kind": h.resource.kind,
                "date": h.resource.date,
                "title_en": h.resource.title_en,
                "title_zh": h.resource.title_zh,
                "title_html": str(h.title),
                "snippet_html": str(h.snippet),
                "url": h.resource.url,
                "page": h.resource.get_absolute_url(),
            }
            for h in results.hits
        ],
        "facets": {name: [vars(v) for v in values] for name, values in results.facets.items()},
        "facets_sampled": results.facets_sampled,
        "total_capped": results.total_capped,
    }


@router.get("/resources/count", response=CountOut)
def resource_count(
    request: HttpRequest,
    q: str = "",
    kind: str = "",
    topic: str = "",
    country: str = "",
    sector: str = "",
    year: int | None = None,
) -> dict[str, Any]:
    """The exact number of matches of a search (`total` of /resources stops counting at 1,000 on PostgreSQL)."""
    filters = _filters(q=q, kind=kind, topic=topic, country=country, sector=sector, year=year)
    return {"query": filters.query, "total": selectors.resource_count(user=request.user, filters=filters)}


@router.get("/resources/{slug}", response=ResourceOut)
def resource_get(request: HttpRequest, slug: str) -> dict[str, Any]:
    resource = selectors.resource_get(user=request.user, slug=slug)
    return {
        **{
            f: getattr(resource, f)
            for f in (
                "slug",
                "kind",
                "date",
                "title_en",
                "title_zh",
                "summary_en",
                "summary_zh",
                "body_en",
                "body_zh",
                "url",
                "source",
            )
        },
        "file": resource.file.url if resource.file else None,
        "topics": [t.slug for t in resource.topics.all()],
        "sectors": [s.code for s in resource.sectors.all()],
        "countries": [c.iso2 for c in resource.countries.all()],
    }


@router.get("/topics", response=list[LibraryTopicOut])
def topic_list(request: HttpRequest) -> Any:
    return [
        {"slug": t.slug, "name_en": t.name_en, "name_zh": t.name_zh or localised(t, "name")}
        for t in selectors.topic_list()
    ]
