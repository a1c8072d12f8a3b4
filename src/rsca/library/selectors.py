"""Scoped reads of the library: search with facets and snippets, one resource, feeds."""

from __future__ import annotations

import datetime
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import QuerySet
from django.utils.safestring import SafeString

from rsca.core.errors import NotFound
from rsca.core.i18n import is_chinese, localised
from rsca.core.models import Country, Sector
from rsca.core.scoping import is_platform_staff, user_organisation_ids, visible_to
from rsca.library import search
from rsca.library.models import Resource, ResourceIndex, Topic
from rsca.library.search import highlight, query_terms

PER_PAGE = 20
RANK_LIMIT = 2000  # rank by relevance up to this many matches; newest first beyond
FACET_SAMPLE = 1000  # facets are exact up to this many matches, counted over this many of them beyond
# PostgreSQL: totals are exact up to this many matches, shown as "more than 1,000" beyond (the exact figure
# follows from `resource_count`, which the page asks for once the results are shown). Counting every match
# reads every matching row of the index table (35,000 rows: 40-90 ms); the first 1,001 take 2-3 ms.
COUNT_CAP = 1_000


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
    facets_sampled: bool = False
    total_capped: bool = False  # PostgreSQL: more than COUNT_CAP matches; `total` is COUNT_CAP
    prefix: str = ""  # the last query word, matched as the beginning of words (nothing had the exact words)


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
        qs = qs.filter(
            date__gte=datetime.date(filters.year, 1, 1), date__lte=datetime.date(filters.year, 12, 31)
        )
    return qs


_FACET_SQL = " UNION ALL ".join(
    [
        "SELECT 'kind', kind, COUNT(*) FROM library_resource WHERE id {ids} GROUP BY kind",
        "SELECT 'year', {year}, COUNT(*) FROM library_resource WHERE id {ids} GROUP BY {year}",
        "SELECT 'topic', CAST(topic_id AS TEXT), COUNT(*) FROM library_resource_topics WHERE resource_id {ids} "
        "GROUP BY topic_id",
        "SELECT 'country', country_id, COUNT(*) FROM library_resource_countries WHERE resource_id {ids} "
        "GROUP BY country_id",
        "SELECT 'sector', sector_id, COUNT(*) FROM library_resource_sectors WHERE resource_id {ids} "
        "GROUP BY sector_id",
    ]
)
_YEAR_SQL = {"sqlite": "substr(date, 1, 4)", "postgresql": "to_char(date, 'YYYY')"}
# A list of ids as one bound parameter (a thousand-element IN list costs more to build than to run).
# PostgreSQL: `= ANY(array)` is read through the primary key and link-table indexes; `IN (SELECT unnest(...))`
# made the planner guess ten ids and hash-join whole link tables (3.5x slower for 1,000 ids).
_ID_SET_SQL = {"sqlite": "IN (SELECT value FROM json_each(%s))", "postgresql": "= ANY(%s::bigint[])"}
FacetCounts = dict[str, dict[str, int]]  # facet -> counted value -> number of resources


def _facet_counts(ids: list[int]) -> FacetCounts:
    """Facet counts over the resources `ids` (the matches, or FACET_SAMPLE of them): one statement of five
    grouped reads, each by primary key or an index of a link table.

    `ids` come from a scoped match (the index's visibility tokens, or `visible_to`), never from input; the
    statement is fixed text with the ids as one bound parameter.
    """
    counts: FacetCounts = {"kind": {}, "year": {}, "topic": {}, "country": {}, "sector": {}}
    vendor = connection.vendor  # SQLite or PostgreSQL
    ids = [int(i) for i in ids]
    id_param: Any = json.dumps(ids) if vendor == "sqlite" else ids
    with connection.cursor() as cursor:
        cursor.execute(_FACET_SQL.format(ids=_ID_SET_SQL[vendor], year=_YEAR_SQL[vendor]), [id_param] * 5)
        for facet, value, n in cursor.fetchall():
            counts[facet][str(value)] = n
    return counts


def _facet_counts_of_rows(rows: list[tuple[Any, ...]]) -> FacetCounts:
    """Facet counts over rows of PostgreSQL's index table (id, kind, date, topics, countries, sectors)."""
    counters: dict[str, Counter[str]] = {
        facet: Counter() for facet in ("kind", "year", "topic", "country", "sector")
    }
    for _id, kind, date, topics, countries, sectors in rows:
        counters["kind"][kind] += 1
        counters["year"][str(date.year)] += 1
        counters["topic"].update(topics)
        counters["country"].update(countries)
        counters["sector"].update(sectors)
    return {facet: dict(counter) for facet, counter in counters.items()}


def _labelled(counts: FacetCounts) -> dict[str, list[FacetValue]]:
    """Facet values with their labels, in display order (years newest first, others by count)."""
    kinds = dict(Resource.Kind.choices)
    topics = Topic.objects.filter(pk__in=[int(k) for k in counts["topic"]]).values_list(
        "pk", "slug", "name_en", "name_zh"
    )
    countries = Country.objects.filter(pk__in=counts["country"]).values_list("iso2", "name_en", "name_zh")
    sectors = Sector.objects.filter(pk__in=counts["sector"]).values_list("code", "name_en", "name_zh")
    chinese = is_chinese()

    def name(english: str, chinese_name: str) -> str:
        return (chinese_name or english) if chinese else (english or chinese_name)

    labels: dict[str, dict[str, tuple[str, str]]] = {  # facet -> counted value -> (parameter value, label)
        "kind": {k: (k, str(kinds.get(k, k))) for k in counts["kind"]},
        "year": {y: (y, y) for y in counts["year"]},
        "topic": {str(pk): (slug, name(en, zh)) for pk, slug, en, zh in topics},
        "country": {code: (code, name(en, zh)) for code, en, zh in countries},
        "sector": {code: (code, name(en, zh)) for code, en, zh in sectors},
    }
    facets: dict[str, list[FacetValue]] = {}
    for facet, values in counts.items():
        found = [FacetValue(*labels[facet][v], n) for v, n in values.items() if v in labels[facet]]
        found.sort(key=(lambda f: -int(f.value)) if facet == "year" else (lambda f: (-f.count, f.label)))
        facets[facet] = found
    return facets


class _Matches:
    """What the paginator pages through: a total and the rows of one slice, in result order."""

    def __init__(self, total: int, fetch: Callable[[int, int], list[Resource]]) -> None:
        self.total, self.fetch = total, fetch

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, window: slice) -> list[Resource]:
        start, stop = window.start or 0, window.stop if window.stop is not None else self.total
        return self.fetch(start, stop) if stop > start else []


def _in_order(user: Any, ids: list[int]) -> list[Resource]:
    """The rows of `ids` the user may see, read through visible_to, in the order of `ids`."""
    rows = {r.pk: r for r in visible_to(user, Resource.objects.filter(pk__in=ids)).only(*LIST_FIELDS)}
    return [rows[i] for i in ids if i in rows]


LIST_FIELDS = (
    "id",
    "slug",
    "kind",
    "date",
    "title_en",
    "title_zh",
    "summary_en",
    "summary_zh",
    "url",
    "file",
    "file_type",
    "is_public",
    "owner_id",
)


def _filter_tokens(filters: Filters) -> list[str] | None:
    """The index tokens a resource must carry to pass the filters; None when a filter names no topic."""
    tokens = []
    if filters.kind:
        tokens.append(search.token("kind", filters.kind))
    if filters.year:
        tokens.append(search.token("year", filters.year))
    if filters.topic:
        topic = Topic.objects.filter(slug=filters.topic).first()
        if topic is None:
            return None
        tokens.append(search.token("topic", topic.pk))
    if filters.country:
        tokens.append(search.token("country", filters.country))
    if filters.sector:
        tokens.append(search.token("sector", filters.sector))
    return tokens


class _SqliteIndexQuery:
    """Counting and paging with the SQLite FTS5 index alone (see search.py for the index tokens)."""

    def __init__(self, user: Any, filters: Filters, terms: list[str]) -> None:
        tokens = _filter_tokens(filters)
        self.impossible = tokens is None
        self.required = [*terms, *(tokens or [])]
        self.hidden = search.fts5_hidden(None if is_platform_staff(user) else user_organisation_ids(user))

    def _index(self) -> QuerySet[ResourceIndex]:
        return ResourceIndex.objects.filter(
            search_text__fts_match=search.fts5_expression(self.required, self.hidden)
        )

    def count(self) -> int:
        return 0 if self.impossible else self._index().count()

    def ids(self, start: int, stop: int, *, ranked: bool) -> Any:
        """The ids of matches start..stop, as a subquery (evaluate with list())."""
        if self.impossible:
            return ResourceIndex.objects.none().values_list("resource_id", flat=True)
        order = "rank" if ranked else "-resource_id"
        return self._index().order_by(order).values_list("resource_id", flat=True)[start:stop]


class _PostgresIndexQuery:
    """Counting, ranking and paging with PostgreSQL's narrow index table alone (`fulltext.POSTGRES_INSTALL`).

    The words and the filters' index tokens are one tsquery answered by the GIN index; visibility is the
    table's own `is_public` / `owner_id` columns (the scope of `Resource.scope_q`). Every statement is fixed
    text with bound parameters; the words are \\w+ only (see `search.tsquery_expression`).
    """

    def __init__(self, user: Any, filters: Filters, terms: list[str]) -> None:
        tokens = _filter_tokens(filters)
        self.impossible = tokens is None
        self.terms = terms
        required = [*terms, *(tokens or [])]
        self.where: list[str] = []
        self.params: list[Any] = []
        if required:
            self.where.append("search_text @@ to_tsquery('simple'::regconfig, %s)")
            self.params.append(search.tsquery_expression(required))
        if not is_platform_staff(user):
            self.where.append("(is_public OR owner_id = ANY(%s::bigint[]))")
            self.params.append(sorted(user_organisation_ids(user)))

    def _select(self, sql: str, extra: list[Any], *, whole_rows: bool = False) -> list[Any]:
        where = " AND ".join(self.where) or "TRUE"
        with connection.cursor() as cursor:
            cursor.execute(sql.format(where=where), [*self.params, *extra])
            return cursor.fetchall() if whole_rows else [row[0] for row in cursor.fetchall()]

    def count(self) -> int:
        """The exact number of matches."""
        return (
            0
            if self.impossible
            else int(self._select("SELECT COUNT(*) FROM library_resource_fts WHERE {where}", [])[0])
        )

    def ids(self, start: int, stop: int, *, ranked: bool) -> list[int]:
        if self.impossible:
            return []
        if ranked and self.terms:
            return self._select(
                "SELECT rowid FROM library_resource_fts WHERE {where} ORDER BY "
                "ts_rank(search_text, to_tsquery('simple'::regconfig, %s)) DESC, date DESC, rowid DESC "
                "LIMIT %s OFFSET %s",
                [search.tsquery_expression(self.terms), stop - start, start],
            )
        return self._select(
            "SELECT rowid FROM library_resource_fts WHERE {where} ORDER BY date DESC, rowid DESC "
            "LIMIT %s OFFSET %s",
            [stop - start, start],
        )

    def sample(self, n: int) -> list[tuple[Any, ...]]:
        """Id, kind, date, topics, countries and sectors of n matches, in whatever order is cheapest: the
        count and the facets without reading anything else."""
        if self.impossible:
            return []
        return self._select(
            "SELECT rowid, kind, date, topics, countries, sectors FROM library_resource_fts "
            "WHERE {where} LIMIT %s",
            [n],
            whole_rows=True,
        )


_Match = tuple[int, Callable[[int, int], Any], Callable[[int], FacetCounts]]


def _match(user: Any, filters: Filters, terms: list[str]) -> _Match:
    """The number of matches, how to fetch the ids of matches start..stop in result order, and how to count
    the facets of n matches taken in whatever order is cheapest."""
    if filters.query and not terms:  # only stop words
        return 0, lambda start, stop: [], lambda n: _facet_counts([])
    required = search.required_terms(terms)
    if connection.vendor == "postgresql":  # one read of up to COUNT_CAP + 1 matches: the total and the sample
        pg_index = _PostgresIndexQuery(user, filters, required)
        first = pg_index.sample(COUNT_CAP + 1)
        ranked = len(first) <= min(RANK_LIMIT, COUNT_CAP)  # a capped total may hide tens of thousands
        return (
            len(first),
            lambda start, stop: pg_index.ids(start, stop, ranked=ranked),
            lambda n: _facet_counts_of_rows(first[:n]),
        )
    if connection.vendor == "sqlite" and terms:
        index = _SqliteIndexQuery(user, filters, required)
        total = index.count()
        ranked = total <= RANK_LIMIT
        return (
            total,
            lambda start, stop: index.ids(start, stop, ranked=ranked),
            lambda n: _facet_counts(list(index.ids(0, n, ranked=False))),
        )
    qs = apply_match(_filtered(user, filters), required)
    total = qs.count()
    ordered: Any = qs.order_by("-date", "-id")
    return (
        total,
        lambda start, stop: ordered.values_list("id", flat=True)[start:stop],
        lambda n: _facet_counts(list(qs.order_by().values_list("id", flat=True)[:n])),
    )


def resource_search(
    *,
    user: Any,
    filters: Filters,
    page: int | str | None = 1,
    per_page: int = PER_PAGE,
    with_facets: bool = True,
) -> SearchResults:
    """Resources the user may see that contain every word of the query, with facets and snippets.

    Up to RANK_LIMIT matches are ordered by relevance, more by recency (most recently added first on
    SQLite, by date elsewhere); without a query, newest first by date. When the exact words find nothing,
    the last one is tried as the beginning of a word (`search.prefix_terms`, `prefix`). Facets are exact
    up to FACET_SAMPLE matches and otherwise counted over FACET_SAMPLE of them, taken in the order the
    database finds cheapest (most recently added first on SQLite; `facets_sampled`), in one grouped query
    over those ids. Matching, counting and paging use the full-text index alone (SQLite's FTS5 table,
    PostgreSQL's index table); the rows shown are read through `visible_to`. On PostgreSQL the total is
    counted up to COUNT_CAP (`total_capped` beyond, and only that many matches are paged: the facets narrow
    them; `resource_count` gives the exact figure) and only uncapped results are ranked.
    """
    terms = query_terms(filters.query) if filters.query else []
    total, fetch_ids, facet_counts = _match(user, filters, terms)
    prefixed = search.prefix_terms(terms) if terms and not total else None
    if prefixed:  # nothing has the exact words: the last one may be a word still being typed
        prefix_match = _match(user, filters, prefixed)
        if prefix_match[0]:
            terms, (total, fetch_ids, facet_counts) = prefixed, prefix_match
        else:
            prefixed = None
    capped = connection.vendor == "postgresql" and total > COUNT_CAP
    total = min(total, COUNT_CAP) if capped else total
    matches: Any = _Matches(total, lambda a, b: _in_order(user, list(fetch_ids(a, b))))
    current: Page[Any] = Paginator(matches, per_page).get_page(page)
    facets: dict[str, list[FacetValue]] = {}
    sampled = False
    if with_facets and total:
        sampled = capped or total > FACET_SAMPLE
        facets = _labelled(facet_counts(FACET_SAMPLE))
    return SearchResults(
        filters=filters,
        terms=terms,
        page=current,
        hits=_hits(list(current.object_list), terms),
        total=total,
        facets=facets,
        facets_sampled=sampled,
        total_capped=capped,
        prefix=terms[-1].removesuffix(search.PREFIX) if prefixed else "",
    )


def resource_count(*, user: Any, filters: Filters) -> int:
    """The exact number of resources the user may see that match (what `resource_search` counts up to
    COUNT_CAP on PostgreSQL). A query whose words all matched nowhere counts 0 (no prefix fallback: a capped
    search always had exact matches)."""
    terms = query_terms(filters.query) if filters.query else []
    if connection.vendor == "postgresql" and not (filters.query and not terms):
        return _PostgresIndexQuery(user, filters, search.required_terms(terms)).count()
    return _match(user, filters, terms)[0]


def apply_match(queryset: QuerySet[Resource], terms: list[str]) -> QuerySet[Resource]:
    """Restrict Resources to those containing every term, by scanning `search_text` (databases without a
    full-text index of their own; SQLite and PostgreSQL answer from theirs)."""
    for term in terms:
        word = re.escape(term.removesuffix(search.PREFIX)) + (r"\w*" if term.endswith(search.PREFIX) else "")
        queryset = queryset.filter(search_text__regex=rf"(^| ){word}( |$)")
    return queryset


def _hits(resources: list[Resource], terms: list[str]) -> list[Hit]:
    chinese = is_chinese()
    hits = []
    for resource in resources:
        snippet = highlight(localised(resource, "summary"), terms)
        if terms and "<mark>" not in snippet:
            other_summary = resource.summary_en if chinese else resource.summary_zh
            other_title = resource.title_en if chinese else resource.title_zh
            for candidate in (other_summary, other_title):
                marked = highlight(candidate, terms) if candidate else None
                if marked is not None and "<mark>" in marked:
                    snippet = marked
                    break
        hits.append(
            Hit(
                resource=resource,
                title=highlight(localised(resource, "title"), terms, width=300),
                snippet=snippet,
            )
        )
    return hits


def resource_get(*, user: Any, slug: str) -> Resource:
    resource = (
        visible_to(user, Resource.objects.all())
        .filter(slug=slug)
        .prefetch_related("topics", "sectors", "countries")
        .first()
    )
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
