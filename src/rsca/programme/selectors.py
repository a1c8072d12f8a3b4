"""Scoped reads: the programme profile, the portfolio, the results framework, the dashboard and the report."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import CharField, Count, FloatField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Cast

from rsca.core.errors import NotFound
from rsca.core.i18n import localised
from rsca.core.scoping import is_platform_staff, user_organisation_ids, visible_to
from rsca.programme.labels import NAMED_BY_CODE, dimension_value_names
from rsca.programme.models import (
    Budget,
    Disaggregation,
    Indicator,
    IndicatorPeriod,
    Participation,
    Programme,
    Project,
    ResultNode,
    Transaction,
)


def programme_get(*, user: Any, slug: str = "rsca") -> Programme:
    programme = (
        visible_to(user, Programme.objects.all())
        .filter(slug=slug)
        .select_related("donor", "regional_project", "country_project")
        .prefetch_related("countries", "sectors", "areas", "partners__organisation")
        .first()
    )
    if programme is None:
        raise NotFound("No such programme.")
    return programme


def programme_objectives(*, user: Any, programme: Programme) -> QuerySet[ResultNode]:
    """The objectives of the programme's country results framework, with their outcomes."""
    if programme.country_project_id is None:
        return ResultNode.objects.none()
    return visible_to(
        user, ResultNode.objects.filter(project_id=programme.country_project_id, level="objective")
    ).prefetch_related("children")


def project_list(
    *, user: Any, country: str | None = None, status: str | None = None, query: str | None = None
) -> QuerySet[Project]:
    qs = visible_to(user, Project.objects.all())
    if country:
        qs = qs.filter(countries__iso2=country.upper())
    if status:
        qs = qs.filter(status=status)
    if query:
        qs = qs.filter(
            Q(title_en__icontains=query)
            | Q(title_zh__icontains=query)
            | Q(description_en__icontains=query)
            | Q(description_zh__icontains=query)
        )
    return qs.distinct().prefetch_related(
        "countries", Prefetch("participations", queryset=Participation.objects.select_related("organisation"))
    )


def project_get(*, user: Any, slug: str) -> Project:
    project = (
        visible_to(user, Project.objects.all())
        .filter(slug=slug)
        .select_related("owner")
        .prefetch_related(
            "countries",
            "isic_sectors",
            "dac_sectors",
            "budgets",
            "documents",
            Prefetch("participations", queryset=Participation.objects.select_related("organisation")),
            Prefetch("transactions", queryset=Transaction.objects.select_related("provider", "receiver")),
        )
        .first()
    )
    if project is None:
        raise NotFound("No such project.")
    return project


def project_brief(*, user: Any, slug: str) -> Project:
    """A visible project without its related records (results pages and the dashboard need none of them)."""
    project = visible_to(user, Project.objects.all()).filter(slug=slug).first()
    if project is None:
        raise NotFound("No such project.")
    return project


def projects_for_export(*, user: Any, slug: str | None = None) -> list[Project]:
    qs = visible_to(user, Project.objects.all())
    if slug:
        qs = qs.filter(slug=slug)
    projects = list(
        qs.select_related("owner").prefetch_related(
            "countries",
            "dac_sectors",
            "budgets",
            "documents",
            "results",
            Prefetch("participations", queryset=Participation.objects.select_related("organisation")),
            Prefetch("transactions", queryset=Transaction.objects.select_related("provider", "receiver")),
        )
    )
    if slug and not projects:
        raise NotFound("No such project.")
    return projects


def indicator_get(*, user: Any, pk: int) -> Indicator:
    indicator = (
        visible_to(user, Indicator.objects.all())
        .filter(pk=pk)
        .select_related("node__project__owner")
        .prefetch_related("periods__disaggregations")
        .first()
    )
    if indicator is None:
        raise NotFound("No such indicator.")
    return indicator


@dataclass
class FrameworkNode:
    node: ResultNode
    indicators: list[Indicator] = field(default_factory=list)
    children: list[FrameworkNode] = field(default_factory=list)


def results_framework(
    *,
    user: Any,
    project: Project,
    periods: str = "all",
    window: tuple[datetime.date, datetime.date] | None = None,
) -> list[FrameworkNode]:
    """The logframe as a tree (objectives at the top), each node with its indicators.

    `periods="all"`: every period with its disaggregations (optionally only those ending within `window`);
    `periods="summary"`: no periods, but each indicator annotated with `period_count` and its latest
    period's `latest_start`, `latest_end`, `latest_target`, `latest_actual` (a page of a long logframe).
    """
    nodes = list(visible_to(user, ResultNode.objects.filter(project=project)))
    indicators = visible_to(user, Indicator.objects.filter(node__project=project))
    if periods == "summary":
        latest = IndicatorPeriod.objects.filter(indicator=OuterRef("pk")).order_by("-start")
        counted = (
            IndicatorPeriod.objects.filter(indicator=OuterRef("pk"))
            .order_by()
            .values("indicator")
            .annotate(n=Count("id"))
            .values("n")
        )
        indicators = indicators.annotate(
            period_count=Subquery(counted),
            latest_start=Subquery(latest.values("start")[:1]),
            latest_end=Subquery(latest.values("end")[:1]),
            latest_target=Subquery(latest.values("target")[:1]),
            latest_actual=Subquery(latest.values("actual")[:1]),
        )
    else:
        period_qs = IndicatorPeriod.objects.prefetch_related("disaggregations")
        if window is not None:
            period_qs = period_qs.filter(end__gte=window[0], end__lte=window[1])
        indicators = indicators.prefetch_related(Prefetch("periods", queryset=period_qs))
    wrapped = {n.pk: FrameworkNode(node=n) for n in nodes}
    for indicator in indicators:
        if indicator.node_id in wrapped:
            wrapped[indicator.node_id].indicators.append(indicator)
    roots: list[FrameworkNode] = []
    for n in nodes:
        if n.parent_id and n.parent_id in wrapped:
            wrapped[n.parent_id].children.append(wrapped[n.pk])
        else:
            roots.append(wrapped[n.pk])
    return roots


def viewer_scope(user: Any) -> str:
    """Who may share a cached rendering of scoped data with `user`: platform staff, or users of exactly the same
    organisations (anonymous visitors and users without any organisation share the public view)."""
    if is_platform_staff(user):
        return "staff"
    return "orgs:" + ",".join(str(pk) for pk in sorted(user_organisation_ids(user)))


def _overlaps(period: IndicatorPeriod, start: datetime.date | None, end: datetime.date | None) -> bool:
    return (start is None or period.end >= start) and (end is None or period.start <= end)


def _float(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def _rows(queryset: QuerySet[Any, Any]) -> list[tuple[Any, ...]]:
    """Run a values_list query as the ORM compiled it, without per-row converters.

    Only for columns the database already returns in their Python type (casts to float and text). A query the
    ORM knows to be empty (a filter `__in=[]`, e.g. a project without indicators) is no rows, not an error.
    """
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


DASHBOARD_CACHE_SECONDS = 24 * 3600


def results_dashboard(
    *,
    user: Any,
    project: Project,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> dict[str, Any]:
    """Chart-ready figures: per indicator, target and actual per period, and actuals by dimension over time.

    Cached under the project's `results_version` (bumped by any change to its results: `signals.py`) and the
    language; the figures depend on nothing else, because a user who may see the project sees all its results.
    Computing them takes five queries whatever the number of indicators and periods (two name the province
    and sector codes of computed breakdowns).
    """
    from django.core.cache import cache
    from django.utils.translation import get_language

    key = (
        f"programme:dashboard:{project.pk}:{project.results_version}:{get_language()}:"
        f"{date_from or ''}:{date_to or ''}"
    )
    indicators_out = cache.get(key)
    if indicators_out is None:
        indicators_out = _dashboard_indicators(
            user=user, project=project, date_from=date_from, date_to=date_to
        )
        cache.set(key, indicators_out, DASHBOARD_CACHE_SECONDS)
    return {"indicators": indicators_out, "date_from": date_from, "date_to": date_to}


def _dashboard_indicators(
    *, user: Any, project: Project, date_from: datetime.date | None, date_to: datetime.date | None
) -> list[dict[str, Any]]:
    indicators = list(
        visible_to(user, Indicator.objects.filter(node__project=project))
        .select_related("node")
        .order_by("node__order", "order", "code")
    )
    periods_qs = IndicatorPeriod.objects.filter(indicator__in=[i.pk for i in indicators])
    if date_from:
        periods_qs = periods_qs.filter(end__gte=date_from)
    if date_to:
        periods_qs = periods_qs.filter(start__lte=date_to)
    # Plain tuples, floats and ISO dates cast by the database: thousands of periods, no per-row conversion.
    Row = tuple[int, int, str, str, float | None, float | None]
    periods: dict[int, list[Row]] = defaultdict(list)
    position: dict[
        int, tuple[int, int]
    ] = {}  # period id -> (indicator id, its index in the indicator's periods)
    for row in _rows(
        periods_qs.order_by("indicator_id", "start")
        .annotate(  # the (indicator, start) index
            start_s=Cast("start", CharField()),
            end_s=Cast("end", CharField()),
            target_f=Cast("target", FloatField()),
            actual_f=Cast("actual", FloatField()),
        )
        .values_list("id", "indicator_id", "start_s", "end_s", "target_f", "actual_f")
    ):
        found = periods[row[1]]
        position[row[0]] = (row[1], len(found))
        found.append(row)
    # Each disaggregated actual goes straight into its series (one list per indicator, dimension and value,
    # aligned with the indicator's periods, None where a period has no figure for that value).
    series: dict[tuple[int, str, str], list[float | None]] = {}
    for period_id, dimension, label, value in _rows(
        Disaggregation.objects.filter(period__in=periods_qs.values("pk"), kind="actual")
        .annotate(value_f=Cast("value", FloatField()))
        .values_list("period_id", "dimension", "value_label", "value_f")
    ):
        indicator_id, index = position[period_id]
        key = (indicator_id, dimension, label)
        values = series.get(key)
        if values is None:
            values = series[key] = [None] * len(periods[indicator_id])
        values[index] = value
    labels_of: dict[tuple[int, str], list[str]] = defaultdict(list)
    for indicator_id, dimension, label in series:
        labels_of[indicator_id, dimension].append(label)
    out: list[dict[str, Any]] = []
    dimension_names = dict(Indicator.Dimension.choices)
    value_names = {
        dimension: dimension_value_names(dimension, {v for _i, d, v in series if d == dimension})
        for dimension in NAMED_BY_CODE
    }
    for indicator in indicators:
        rows = periods.get(indicator.pk, [])
        # a period within one calendar month is labelled by its month, any other by its start date
        labels = [
            start[:7] if start[:7] == end[:7] and start[8:10] == "01" else start[:10]
            for _id, _ind, start, end, _t, _a in rows
        ]
        dims: dict[str, dict[str, list[float | None]]] = {}
        for dimension in indicator.dimensions or []:
            values_of = sorted(labels_of.get((indicator.pk, dimension), ()))
            if values_of:
                names = value_names.get(dimension, {})
                dims[str(dimension_names.get(dimension, dimension))] = {
                    names.get(v, v): series[indicator.pk, dimension, v] for v in values_of
                }
        latest = next((r for r in reversed(rows) if r[5] is not None), None)
        out.append(
            {
                "id": indicator.pk,
                "code": indicator.code,
                "title": localised(indicator, "title"),
                "unit": localised(indicator, "unit"),
                "percentage": indicator.is_percentage,
                "computed": indicator.is_computed,
                "level": indicator.node.level,
                "node": indicator.node.code,
                "periods": labels,
                "targets": [r[4] for r in rows],
                "actuals": [r[5] for r in rows],
                "baseline": _float(indicator.baseline_value),
                "dimensions": dims,
                "latest_actual": latest[5] if latest else None,
                "latest_target": latest[4] if latest else None,
            }
        )
    return out


def _compact(values: list[float | None]) -> list[float | int | None]:
    """Whole numbers without their ".0" (most figures are counts): a third shorter as JSON."""
    return [int(v) if v is not None and v.is_integer() else v for v in values]


def results_charts(
    *,
    user: Any,
    project: Project,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> dict[str, Any]:
    """What the results page's charts draw, and nothing else, in a compact form, cached like `results_dashboard`.

    `{"periods": [[label, ...], ...], "charts": {"<indicator id>": {"p": index into periods, "t": targets,
    "a": actuals, "pct": is a percentage, "d": {dimension: {value: actuals}}}}}`: indicators with the same
    periods share one list of period labels (on a monthly logframe, all of them do).
    """
    from django.core.cache import cache
    from django.utils.translation import get_language

    key = (
        f"programme:charts:{project.pk}:{project.results_version}:{get_language()}:"
        f"{date_from or ''}:{date_to or ''}"
    )
    return cast(
        dict[str, Any],
        cache.get_or_set(
            key,
            lambda: charts_of(
                results_dashboard(user=user, project=project, date_from=date_from, date_to=date_to)[
                    "indicators"
                ]
            ),
            DASHBOARD_CACHE_SECONDS,
        ),
    )


def charts_of(indicators: list[dict[str, Any]]) -> dict[str, Any]:
    """The compact chart data (the form `results_charts` describes) of items of `results_dashboard`."""
    labels: dict[tuple[str, ...], int] = {}
    out: dict[str, Any] = {}
    for item in indicators:
        index = labels.setdefault(tuple(item["periods"]), len(labels))
        out[str(item["id"])] = {
            "p": index,
            "t": _compact(item["targets"]),
            "a": _compact(item["actuals"]),
            "pct": item["percentage"],
            "d": {
                dimension: {value: _compact(series) for value, series in values.items()}
                for dimension, values in item["dimensions"].items()
            },
        }
    return {"periods": [list(periods) for periods in labels], "charts": out}


def results_charts_of(charts: dict[str, Any], ids: list[str]) -> dict[str, Any]:
    """The part of `results_charts` that draws the charts of `ids` (unknown ids are left out), with only the
    period lists they use."""
    periods: dict[int, int] = {}
    out: dict[str, Any] = {}
    for pk in ids:
        item = charts["charts"].get(pk)
        if item is not None:
            out[pk] = {**item, "p": periods.setdefault(item["p"], len(periods))}
    return {"periods": [charts["periods"][index] for index in periods], "charts": out}


@dataclass
class ReportRow:
    indicator: Indicator
    node: ResultNode
    periods: list[IndicatorPeriod]
    target: Decimal | None
    actual: Decimal | None
    breakdown: dict[str, dict[str, Decimal]]

    @property
    def achievement(self) -> Decimal | None:
        if self.target in (None, 0) or self.actual is None:
            return None
        assert self.target is not None
        return (self.actual / self.target * 100).quantize(Decimal("0.1"))


@dataclass
class DonorReport:
    project: Project
    start: datetime.date
    end: datetime.date
    rows: list[ReportRow]
    budgets: list[Budget]
    transactions: list[Transaction]
    generated: datetime.datetime


def _combine(indicator: Indicator, values: list[Decimal]) -> Decimal | None:
    """Several periods in the report window: counts add up, percentages and ratings are averaged."""
    if not values:
        return None
    if indicator.is_percentage or indicator.computation in (
        Indicator.Computation.KNOWLEDGE_GAIN,
        Indicator.Computation.SATISFACTION,
    ):
        return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01"))
    return sum(values, Decimal(0))


def dimension_names() -> dict[str, str]:
    """Dimension code -> its name in the active language: what `Disaggregation.get_dimension_display()` says, looked
    up once (per disaggregation it was two thirds of building a year's report of 100 monthly indicators)."""
    return {str(code): str(name) for code, name in Indicator.Dimension.choices}


def donor_report(*, user: Any, project: Project, start: datetime.date, end: datetime.date) -> DonorReport:
    """Targets and actuals of every indicator for the periods that end within [start, end]."""
    from django.utils import timezone

    framework = results_framework(user=user, project=project, window=(start, end))
    rows: list[ReportRow] = []
    dimensions = dimension_names()
    # province and sector codes of computed indicators, named in the active language (one query each)
    value_names = {
        dimension: dimension_value_names(
            dimension,
            Disaggregation.objects.filter(period__indicator__node__project=project, dimension=dimension)
            .values_list("value_label", flat=True)
            .distinct(),
        )
        for dimension in NAMED_BY_CODE
    }

    def walk(items: list[FrameworkNode]) -> None:
        for item in items:
            for indicator in item.indicators:
                # A period is reported in the window where it ends (a first period starting in
                # December 2017 belongs to the 2018 report).
                periods = [p for p in indicator.periods.all() if start <= p.end <= end]
                targets = [p.target for p in periods if p.target is not None]
                actuals = [p.actual for p in periods if p.actual is not None]
                breakdown: dict[str, dict[str, Decimal]] = defaultdict(dict)
                if not indicator.is_percentage:
                    for p in periods:
                        for d in p.disaggregations.all():
                            if d.kind == "actual":
                                bucket = breakdown[dimensions.get(d.dimension, d.dimension)]
                                label = value_names.setdefault(d.dimension, {}).setdefault(
                                    d.value_label, d.value_label
                                )
                                bucket[label] = bucket.get(label, Decimal(0)) + d.value
                rows.append(
                    ReportRow(
                        indicator=indicator,
                        node=item.node,
                        periods=periods,
                        target=_combine(indicator, targets),
                        actual=_combine(indicator, actuals),
                        breakdown={k: dict(sorted(v.items())) for k, v in breakdown.items()},
                    )
                )
            walk(item.children)

    walk(framework)
    budgets = [b for b in project.budgets.all() if b.period_end >= start and b.period_start <= end]
    transactions = [t for t in project.transactions.all() if start <= t.date <= end]
    return DonorReport(
        project=project,
        start=start,
        end=end,
        rows=rows,
        budgets=budgets,
        transactions=transactions,
        generated=timezone.now(),
    )


def report_years(project: Project) -> list[int]:
    from django.core.cache import cache

    key = f"programme:report-years:{project.pk}:{project.results_version}"
    years: list[int] | None = cache.get(key)
    if years is None:
        starts = IndicatorPeriod.objects.filter(indicator__node__project=project).dates("start", "year")
        years = sorted({d.year for d in starts})
        cache.set(key, years, DASHBOARD_CACHE_SECONDS)
    if not years and project.planned_start and project.planned_end:
        years = list(range(project.planned_start.year, project.planned_end.year + 1))
    return years
