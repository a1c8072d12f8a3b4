"""Scoped reads of the library: search with facets and snippets, one resource, feeds."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Max, Min, Q, QuerySet
from django.utils.safestring import SafeString

from rsca.core.errors import NotFound
from rsca.core.i18n import is_chinese, localised
from rsca.core.models import Country, Sector
from rsca.core.scoping import visible_to
from rsca.library.models import Resource, Topic
from rsca.library.search import apply_match, highlight, query_terms

PER_PAGE = 20


@dataclass
class Filters:
    query: str = ""
    kind: str = ""
    topic: str = ""
    country: str = ""
    sector: str = ""
    year: int | None = None

    @classmethod
    def from_params(cls, params: Any) -> Filters:
        year = (params.get("year") or "").strip()
        return cls(
            query=(params.get("q") or "").strip()[:200],
            kind=(params.get("kind") or "").strip()[:16],
            topic=(params.get("topic") or "").strip()[:80],
            country=(params.get("country") or "").strip()[:2].upper(),
            sector=(params.get("sector") or "").strip()[:4],
            year=int(year) if year.isdigit() and 1900 < int(year) < 2200 else None,
        )


@dataclass
class FacetValue:
    value: str
    label: str
    count: int


@dataclass
class Hit:
    resource: Resource
    title: SafeString
    snippet: SafeString


@dataclass
class SearchResults:
    filters: Filters
    terms: list[str]
    page: Page[Any]
    hits: list[Hit]
    total: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)


def _filtered(user: Any, filters: Filters) -> QuerySet[Resource]:
    qs = visible_to(user, Resource.objects.all())
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.topic:
        qs = qs.filter(topics__slug=filters.topic)
    if filters.country:
        qs = qs.filter(countries__iso2=filters.country)
    if filters.sector:
        qs = qs.filter(sectors__code=filters.sector)
    if filters.year:
        qs = qs.filter(date__gte=datetime.date(filters.year, 1, 1), date__lte=datetime.date(filters.year, 12, 31))
    return qs


def _facets(qs: QuerySet[Resource]) -> dict[str, list[FacetValue]]:
    base = qs.order_by()
    kinds = dict(Resource.Kind.choices)
    facets: dict[str, list[FacetValue]] = {
        "kind": [FacetValue(row["kind"], str(kinds.get(row["kind"], row["kind"])), row["n"])
                 for row in base.values("kind").annotate(n=Count("id")).order_by("-n", "kind")],
    }
    bounds = base.aggregate(first=Min("date"), last=Max("date"))
    if bounds["first"] is not None:
        span = range(bounds["last"].year, bounds["first"].year - 1, -1)
        counts = base.aggregate(**{f"y{y}": Count("id", filter=Q(date__gte=datetime.date(y, 1, 1),
                                                                    date__lte=datetime.date(y, 12, 31)))
                                   for y in span})
        facets["year"] = [FacetValue(str(y), str(y), counts[f"y{y}"]) for y in span if counts[f"y{y}"]]
    else:
        facets["year"] = []
    topic_counts = dict(base.filter(topics__isnull=False).values_list("topics").annotate(n=Count("id")))
    facets["topic"] = [FacetValue(t.slug, str(t), topic_counts[t.pk])
                       for t in Topic.objects.filter(pk__in=topic_counts)]
    country_counts = dict(base.filter(countries__isnull=False).values_list("countries").annotate(n=Count("id")))
    facets["country"] = [FacetValue(c.iso2, c.name, country_counts[c.iso2])
                         for c in Country.objects.filter(pk__in=country_counts)]
    sector_counts = dict(base.filter(sectors__isnull=False).values_list("sectors").annotate(n=Count("id")))
    facets["sector"] = [FacetValue(s.code, s.name, sector_counts[s.code])
                        for s in Sector.objects.filter(pk__in=sector_counts)]
    for key in ("topic", "country", "sector"):
        facets[key].sort(key=lambda v: (-v.count, v.label))
    return facets


def resource_search(*, user: Any, filters: Filters, page: int | str | None = 1, per_page: int = PER_PAGE,
                    with_facets: bool = True) -> SearchResults:
    """Resources the user may see that contain every word of the query, best first, with facets and snippets."""
    qs = _filtered(user, filters)
    terms = query_terms(filters.query) if filters.query else []
    if filters.query and not terms:
        qs = qs.none()  # only stop words or punctuation
    qs = apply_match(qs, terms)
    if not terms:
        qs = qs.order_by("-date", "-id")
    paginator = Paginator(qs.only("id", "slug", "kind", "date", "title_en", "title_zh", "summary_en", "summary_zh",
                                  "url", "file", "file_type", "is_public"), per_page)
    current = paginator.get_page(page)
    chinese = is_chinese()
    hits = []
    for resource in current.object_list:
        text = localised(resource, "summary")
        snippet = highlight(text, terms)
        if terms and "<mark>" not in snippet:
            other_summary = resource.summary_en if chinese else resource.summary_zh
            other_title = resource.title_en if chinese else resource.title_zh
            for candidate in (other_summary, other_title):
                marked = highlight(candidate, terms) if candidate else None
                if marked is not None and "<mark>" in marked:
                    snippet = marked
                    break
        hits.append(Hit(resource=resource, title=highlight(localised(resource, "title"), terms, width=300),
                        snippet=snippet))
    return SearchResults(filters=filters, terms=terms, page=current, hits=hits, total=paginator.count,
                         facets=_facets(qs) if with_facets else {})


def resource_get(*, user: Any, slug: str) -> Resource:
    resource = (visible_to(user, Resource.objects.all()).filter(slug=slug)
                .prefetch_related("topics", "sectors", "countries").first())
    if resource is None:
        raise NotFound("No such resource.")
    return resource


def resource_latest(*, user: Any, limit: int = 30, kind: str | None = None) -> QuerySet[Resource]:
    qs = visible_to(user, Resource.objects.all())
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-date", "-id")[:limit]


def topic_list() -> QuerySet[Topic]:
    return Topic.objects.all()
