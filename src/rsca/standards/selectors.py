"""Reads of the standards knowledge base, and the resolution rules the compliance engine relies on.

Resolution: the value of a parameter in force on a date for a jurisdiction is the jurisdiction's own
value if it has one in force, else the nearest ancestor's (city → province → country). A value is in
force from its `effective_from` until the day before the next value of the same owner starts, or until
its own `effective_until`, whichever is earlier.
"""

from __future__ import annotations

import contextvars
import datetime
import functools
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Literal, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.db import connections, router
from django.db.models import Count, Max, Prefetch, Q, QuerySet, Value
from django.utils.translation import gettext as _

from rsca.core.errors import InvalidInput, NotFound
from rsca.core.models import RSCA_COUNTRIES, Country
from rsca.core.scoping import visible_to
from rsca.standards.models import (
    CoherenceGap,
    Column,
    Instrument,
    Jurisdiction,
    Provision,
    Ratification,
    Threshold,
    Topic,
)
from rsca.standards.parameters import KEY_PARAMETERS, PARAMETERS

ANONYMOUS = AnonymousUser()

# Buyer-code identifiers accepted by `applicable_standard` → instrument codes.
BUYER_CODES: dict[str, str] = {
    "rba": "RBA",
    "amfori": "AMFORI-BSCI",
    "amfori-bsci": "AMFORI-BSCI",
    "bsci": "AMFORI-BSCI",
}
ILO_ALIAS = "ILO"

_CITY_CODE = re.compile(r"^([A-Z]{2})-(\d{6})$")


@dataclass(frozen=True)
class ProvisionRef:
    instrument: str
    reference: str
    title: str
    url: str


@dataclass(frozen=True)
class ResolvedThreshold:
    parameter: str
    value: Decimal
    unit: str
    currency: str
    jurisdiction: str
    requested: str
    inherited: bool
    standard: str
    effective_from: date
    effective_until: date | None
    provisions: tuple[ProvisionRef, ...]
    source_url: str
    checked_on: date | None
    confirmed: bool = True
    variant: str = ""
    note: str = ""


StrictestSide = Literal["national", "ilo", "buyer"]


@dataclass(frozen=True)
class StandardRow:
    parameter: str
    national: ResolvedThreshold | None
    ilo: ResolvedThreshold | None
    buyer: ResolvedThreshold | None
    strictest: StrictestSide | None

    def __getitem__(self, key: str) -> Any:  # rows read like the documented dicts: row["national"]
        return getattr(self, key)

    def get(self, key: str, default: Any = None) -> Any:
        return getattr(self, key, default)


@dataclass(frozen=True)
class ApplicableStandard:
    jurisdiction: str
    on: date
    buyer_code: str | None
    rows: list[StandardRow] = field(default_factory=list)

    def row(self, parameter: str) -> StandardRow | None:
        return next((r for r in self.rows if r.parameter == parameter), None)


# ---------------------------------------------------------------- the in-memory snapshot used for resolution
#
# Thresholds are few (hundreds) and read constantly by the compliance engine, so resolution works on an
# in-memory snapshot of all of them. Every call checks a cheap version (row count and latest `updated_at`
# of thresholds, provisions and instruments); any staff edit, seed or rollback changes it and the snapshot
# is rebuilt, in this process and in every other one.


@dataclass(frozen=True)
class _Snapshot:
    version: tuple[Any, ...]
    national: dict[tuple[int, str], list[tuple[Threshold, date | None]]]
    by_instrument: dict[tuple[int, str], list[tuple[Threshold, date | None]]]
    instruments: dict[str, Instrument]
    jurisdictions: dict[str, Jurisdiction]
    by_division: dict[tuple[str, str], Jurisdiction]


_snapshot_lock = threading.Lock()
_current_snapshot: _Snapshot | None = None


_version_sql: dict[str, tuple[str, tuple[Any, ...]]] = {}


def _data_version() -> tuple[Any, ...]:
    """Row count and latest change of every table resolution reads, in one query.

    The query is built by the ORM once per database alias and its compiled SQL reused: building the
    queryset costs far more than running it, and this runs on every resolution call. It has no inputs.
    """
    alias = router.db_for_read(Threshold)
    compiled = _version_sql.get(alias)
    if compiled is None:
        models: tuple[type[Any], ...] = (Threshold, Provision, Instrument, Jurisdiction)
        parts = [
            model.objects.order_by()
            .annotate(k=Value(index))
            .values("k")
            .annotate(n=Count("id"), at=Max("updated_at"))
            .values_list("k", "n", "at")
            for index, model in enumerate(models)
        ]
        query = parts[0].union(*parts[1:], all=True).query
        sql, params = query.get_compiler(using=alias).as_sql()
        compiled = _version_sql[alias] = (sql, tuple(params))
    with connections[alias].cursor() as cursor:
        cursor.execute(*compiled)
        return tuple(sorted(tuple(row) for row in cursor.fetchall()))


def _load_jurisdictions() -> tuple[dict[str, Jurisdiction], dict[tuple[str, str], Jurisdiction]]:
    places = {j.pk: j for j in visible_to(ANONYMOUS, Jurisdiction.objects.all())}
    for place in places.values():  # link parents in memory so chains need no further queries
        place.parent = places.get(place.parent_id) if place.parent_id else None  # type: ignore[arg-type]
    by_code = {j.code: j for j in places.values()}
    by_division = {
        (j.country_id, j.division_id): j for j in places.values() if j.country_id and j.division_id
    }
    return by_code, by_division  # type: ignore[return-value]


_call_snapshot: contextvars.ContextVar[_Snapshot | None] = contextvars.ContextVar(
    "standards_snapshot", default=None
)

F = TypeVar("F", bound=Callable[..., Any])


def _one_snapshot(function: F) -> F:
    """Within one public call (and the calls it makes), check the data version once, not per lookup."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if _call_snapshot.get() is not None:
            return function(*args, **kwargs)
        token = _call_snapshot.set(_snapshot())
        try:
            return function(*args, **kwargs)
        finally:
            _call_snapshot.reset(token)

    return wrapper  # type: ignore[return-value]


def _snapshot() -> _Snapshot:
    global _current_snapshot
    within_call = _call_snapshot.get()
    if within_call is not None:
        return within_call
    version = _data_version()
    current = _current_snapshot
    if current is not None and current.version == version:
        return current
    with _snapshot_lock:
        by_code, by_division = _load_jurisdictions()
        national: dict[tuple[int, str], list[Threshold]] = {}
        by_instrument: dict[tuple[int, str], list[Threshold]] = {}
        for row in _threshold_qs():
            if row.jurisdiction_id is not None:
                national.setdefault((row.jurisdiction_id, row.parameter), []).append(row)
            elif row.instrument_id is not None:
                by_instrument.setdefault((row.instrument_id, row.parameter), []).append(row)
        snapshot = _Snapshot(
            version=version,
            national={key: _implied_periods(rows) for key, rows in national.items()},
            by_instrument={key: _implied_periods(rows) for key, rows in by_instrument.items()},
            instruments={i.code: i for i in visible_to(ANONYMOUS, Instrument.objects.all())},
            jurisdictions=by_code,
            by_division=by_division,
        )
        _current_snapshot = snapshot
        return snapshot


# ---------------------------------------------------------------- jurisdictions


def _normalise_code(code: str) -> str:
    return (code or "").strip().upper().replace("_", "-")


@_one_snapshot
def jurisdiction_resolve(*, code: str) -> Jurisdiction:
    """The jurisdiction for a code such as `CN`, `CN-GD`, `CN-440300` (or `CN-440000` for a province).

    The returned object (and its `.parent` chain) is shared, read-only reference data: do not modify it.
    """
    wanted = _normalise_code(code)
    snapshot = _snapshot()
    found = snapshot.jurisdictions.get(wanted)
    if found is None:
        match = _CITY_CODE.match(wanted)
        if match:  # a division code written as country + six digits: also find provinces by their code
            found = snapshot.by_division.get((match.group(1), match.group(2)))
    if found is None:
        raise NotFound(
            _("Unknown jurisdiction “%(code)s”.") % {"code": code},
            code="unknown_jurisdiction",
            details={"jurisdiction": code},
        )
    return found


def jurisdiction_list(*, country: str | None = None, level: str | None = None) -> QuerySet[Jurisdiction]:
    qs = visible_to(ANONYMOUS, Jurisdiction.objects.select_related("parent"))
    if country:
        qs = qs.filter(country_id=_normalise_code(country))
    if level:
        qs = qs.filter(level=level)
    return qs


# ---------------------------------------------------------------- thresholds


def _check_parameter(parameter: str) -> None:
    if parameter not in PARAMETERS:
        raise InvalidInput(
            _("Unknown parameter “%(parameter)s”; known parameters: %(known)s.")
            % {"parameter": parameter, "known": ", ".join(PARAMETERS)},
            code="unknown_parameter",
            details={"parameter": parameter, "known": list(PARAMETERS)},
        )


def _threshold_qs() -> QuerySet[Threshold]:
    return visible_to(
        ANONYMOUS, Threshold.objects.select_related("jurisdiction", "instrument")
    ).prefetch_related(
        Prefetch(
            "provisions", queryset=Provision.objects.select_related("instrument").order_by("order", "id")
        )
    )


def _implied_periods(rows: Iterable[Threshold]) -> list[tuple[Threshold, date | None]]:
    """Each value with the last day it is in force: its own end date, or the day before its successor starts."""
    ordered = sorted(rows, key=lambda t: t.effective_from)
    result: list[tuple[Threshold, date | None]] = []
    for index, row in enumerate(ordered):
        until = row.effective_until
        if index + 1 < len(ordered):
            successor_start = ordered[index + 1].effective_from - timedelta(days=1)
            until = successor_start if until is None else min(until, successor_start)
        result.append((row, until))
    return result


def _in_force(periods: list[tuple[Threshold, date | None]], on: date) -> tuple[Threshold, date | None] | None:
    for row, until in reversed(periods):
        if row.effective_from <= on and (until is None or on <= until):
            return row, until
    return None


def plain_decimal(value: Decimal) -> Decimal:
    """4.0000 → 4 and 2740.0000 → 2740 (never 2.74E+3); 1.2500 → 1.25."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _window(
    periods: dict[int, list[tuple[Threshold, date | None]]],
    closer: list[Jurisdiction],
    row: Threshold,
    until: date | None,
    day: date,
) -> tuple[date, date | None]:
    """When `row` (in force on `day`, set at some level of the chain) applies to the requested jurisdiction:
    from its start, or the day after a closer level's own value ended; until its own end, or the day before
    a closer level's own value starts."""
    closer_periods = [item for node in closer for item in periods.get(node.pk, [])]
    start = row.effective_from
    for _other, other_until in sorted(closer_periods, key=lambda item: item[1] or date.max):
        if other_until is not None and start <= other_until < day:
            start = other_until + timedelta(days=1)
    end = until
    later_starts = [other.effective_from for other, _u in closer_periods if other.effective_from > day]
    if later_starts:
        cut = min(later_starts) - timedelta(days=1)
        end = cut if end is None else min(end, cut)
    return start, end


def _resolved(
    row: Threshold, until: date | None, *, requested: str, inherited: bool, effective_from: date | None = None
) -> ResolvedThreshold:
    return ResolvedThreshold(
        parameter=row.parameter,
        value=plain_decimal(row.value),
        unit=row.unit,
        currency=row.currency,
        jurisdiction=row.owner_code,
        requested=requested,
        inherited=inherited,
        standard=row.standard,
        effective_from=effective_from or row.effective_from,
        effective_until=until,
        provisions=tuple(
            ProvisionRef(instrument=p.instrument.code, reference=p.reference, title=p.title, url=p.link)
            for p in row.provisions.all()
        ),
        source_url=row.source_url,
        checked_on=row.checked_on,
        confirmed=row.confirmed,
        variant=row.variant,
        note=row.note,
    )


def _periods_by_owner(
    jurisdictions: list[Jurisdiction], parameter: str
) -> dict[int, list[tuple[Threshold, date | None]]]:
    snapshot = _snapshot()
    return {
        j.pk: snapshot.national[(j.pk, parameter)]
        for j in jurisdictions
        if (j.pk, parameter) in snapshot.national
    }


@_one_snapshot
def threshold_in_force(*, jurisdiction: str, parameter: str, on: date) -> ResolvedThreshold:
    """The national-law value in force on `on`: the jurisdiction's own, else the nearest ancestor's."""
    _check_parameter(parameter)
    place = jurisdiction_resolve(code=jurisdiction)
    chain = place.chain()
    periods = _periods_by_owner(chain, parameter)
    for level, node in enumerate(chain):
        hit = _in_force(periods.get(node.pk, []), on)
        if hit is not None:
            _start, until = _window(periods, chain[:level], hit[0], hit[1], on)
            return _resolved(hit[0], until, requested=place.code, inherited=level > 0)
    raise NotFound(
        _("No value of %(parameter)s is in force for %(jurisdiction)s (or %(ancestors)s) on %(on)s.")
        % {
            "parameter": parameter,
            "jurisdiction": place.code,
            "ancestors": ", ".join(j.code for j in chain[1:]) or _("any parent"),
            "on": on.isoformat(),
        },
        code="no_value_in_force",
        details={"jurisdiction": place.code, "parameter": parameter, "on": on.isoformat()},
    )


@_one_snapshot
def threshold_periods(
    *, jurisdiction: str, parameter: str, start: date, end: date
) -> list[ResolvedThreshold]:
    """Every value (own or inherited) that applied at some point in [start, end], in date order.

    Each item's `effective_from`/`effective_until` is the window in which the value applied to the
    requested jurisdiction: an inherited value is cut where a closer level's own value takes over (and
    resumes after it ends), so consecutive items never overlap. Windows are not clipped to [start, end].
    """
    _check_parameter(parameter)
    if end < start:
        raise InvalidInput(
            _("The period ends (%(end)s) before it starts (%(start)s).")
            % {"start": start.isoformat(), "end": end.isoformat()},
            code="invalid_period",
        )
    place = jurisdiction_resolve(code=jurisdiction)
    chain = place.chain()
    periods = _periods_by_owner(chain, parameter)
    result: list[ResolvedThreshold] = []
    day = start
    while day <= end:
        hit: tuple[Threshold, date | None] | None = None
        level_found = 0
        for level, node in enumerate(chain):
            hit = _in_force(periods.get(node.pk, []), day)
            if hit is not None:
                level_found = level
                break
        if hit is None:
            # jump to the next day any value in the chain starts
            starts = [
                row.effective_from
                for items in periods.values()
                for row, _u in items
                if row.effective_from > day
            ]
            if not starts:
                break
            day = min(starts)
            continue
        row, until = hit
        window_start, window_end = _window(periods, chain[:level_found], row, until, day)
        result.append(
            _resolved(
                row, window_end, requested=place.code, inherited=level_found > 0, effective_from=window_start
            )
        )
        if window_end is None:
            break
        day = window_end + timedelta(days=1)
    if not result:
        raise NotFound(
            _("No value of %(parameter)s is in force for %(jurisdiction)s between %(start)s and %(end)s.")
            % {
                "parameter": parameter,
                "jurisdiction": place.code,
                "start": start.isoformat(),
                "end": end.isoformat(),
            },
            code="no_value_in_force",
            details={"jurisdiction": place.code, "parameter": parameter},
        )
    return result


@_one_snapshot
def instrument_threshold(*, instrument: str, parameter: str, on: date) -> ResolvedThreshold | None:
    """The value an ILO instrument (or "ILO" for any) or a buyer code sets for `parameter`, or None."""
    _check_parameter(parameter)
    code = _normalise_code(instrument)
    code = BUYER_CODES.get(code.lower(), code)
    snapshot = _snapshot()
    if code == ILO_ALIAS:
        owners = [i.pk for i in snapshot.instruments.values() if i.kind == Instrument.Kind.ILO_CONVENTION]
    elif code in snapshot.instruments:
        owners = [snapshot.instruments[code].pk]
    else:
        raise NotFound(
            _("Unknown instrument “%(code)s”.") % {"code": instrument},
            code="unknown_instrument",
            details={"instrument": instrument},
        )
    candidates = [
        hit for owner in owners if (hit := _in_force(snapshot.by_instrument.get((owner, parameter), []), on))
    ]
    if not candidates:
        return None
    spec = PARAMETERS[parameter]
    best = candidates[0]
    for candidate in candidates[1:]:  # several ILO conventions may set the same parameter: the strictest
        if spec.stricter(candidate[0].value, best[0].value):
            best = candidate
    return _resolved(best[0], best[1], requested=code, inherited=False)


@_one_snapshot
def buyer_code_instrument(buyer_code: str) -> str:
    """The instrument code for a buyer-code identifier ("rba", "amfori"); InvalidInput when unknown."""
    code = BUYER_CODES.get((buyer_code or "").strip().lower())
    if code is None:
        known = Instrument.objects.filter(kind=Instrument.Kind.BUYER_CODE).values_list("code", flat=True)
        upper = (buyer_code or "").strip().upper()
        if upper in set(known):
            return upper
        raise InvalidInput(
            _("Unknown buyer code “%(code)s”; use “rba” or “amfori”.") % {"code": buyer_code},
            code="unknown_buyer_code",
            details={"buyer_code": buyer_code},
        )
    return code


def _strictest(parameter: str, sides: dict[StrictestSide, ResolvedThreshold | None]) -> StrictestSide | None:
    spec = PARAMETERS[parameter]
    best: tuple[StrictestSide, ResolvedThreshold] | None = None
    for side, value in sides.items():
        if value is None or value.unit != spec.unit.value:
            continue
        if best is not None and value.currency != best[1].currency:
            continue
        if best is None or spec.stricter(value.value, best[1].value):
            best = (side, value)
    return best[0] if best else None


@_one_snapshot
def applicable_standard(
    *, jurisdiction: str, on: date, buyer_code: str | None = None, parameters: Iterable[str] | None = None
) -> ApplicableStandard:
    """National law, the ILO standard and (optionally) a buyer code side by side, the strictest marked.

    A tie goes to national law, then ILO: the first side holding the strictest value is named.
    """
    place = jurisdiction_resolve(code=jurisdiction)
    buyer_instrument = buyer_code_instrument(buyer_code) if buyer_code else None
    rows: list[StandardRow] = []
    for parameter in parameters or PARAMETERS:
        _check_parameter(parameter)
        try:
            national: ResolvedThreshold | None = threshold_in_force(
                jurisdiction=place.code, parameter=parameter, on=on
            )
        except NotFound:
            national = None
        ilo = instrument_threshold(instrument=ILO_ALIAS, parameter=parameter, on=on)
        buyer = (
            instrument_threshold(instrument=buyer_instrument, parameter=parameter, on=on)
            if buyer_instrument
            else None
        )
        if national is None and ilo is None and buyer is None:
            continue
        strictest = _strictest(parameter, {"national": national, "ilo": ilo, "buyer": buyer})
        rows.append(
            StandardRow(parameter=parameter, national=national, ilo=ilo, buyer=buyer, strictest=strictest)
        )
    return ApplicableStandard(jurisdiction=place.code, on=on, buyer_code=buyer_instrument, rows=rows)


@_one_snapshot
def threshold_history(*, jurisdiction: str, parameter: str) -> list[ResolvedThreshold]:
    """Every own value a jurisdiction has had for a parameter, oldest first (for charts and tables)."""
    _check_parameter(parameter)
    place = jurisdiction_resolve(code=jurisdiction)
    rows = _threshold_qs().filter(jurisdiction=place, parameter=parameter)
    return [
        _resolved(row, until, requested=place.code, inherited=False) for row, until in _implied_periods(rows)
    ]


def threshold_list(
    *, jurisdiction: str | None = None, parameter: str | None = None, standard: str | None = None
) -> QuerySet[Threshold]:
    qs = _threshold_qs()
    if jurisdiction:
        place = jurisdiction_resolve(code=jurisdiction)
        qs = qs.filter(jurisdiction=place)
    if parameter:
        _check_parameter(parameter)
        qs = qs.filter(parameter=parameter)
    if standard:
        qs = qs.filter(standard=standard)
    return qs


# ---------------------------------------------------------------- instruments, provisions, topics


def topic_list() -> QuerySet[Topic]:
    return visible_to(ANONYMOUS, Topic.objects.all())


def topic_get(*, code: str) -> Topic:
    topic = topic_list().filter(code=code).first()
    if topic is None:
        raise NotFound(
            _("Unknown topic “%(code)s”.") % {"code": code}, code="unknown_topic", details={"topic": code}
        )
    return topic


def instrument_list(
    *, kind: str | None = None, column: str | None = None, query: str | None = None
) -> QuerySet[Instrument]:
    qs = visible_to(ANONYMOUS, Instrument.objects.select_related("jurisdiction"))
    if kind:
        qs = qs.filter(kind=kind)
    if column:
        qs = qs.filter(column=column)
    if query:
        qs = qs.filter(
            Q(code__icontains=query)
            | Q(title_en__icontains=query)
            | Q(title_zh__icontains=query)
            | Q(short_title_en__icontains=query)
            | Q(short_title_zh__icontains=query)
        )
    return qs


def instrument_get(*, code: str) -> Instrument:
    instrument = instrument_list().filter(code=_normalise_code(code)).first()
    if instrument is None:
        raise NotFound(
            _("Unknown instrument “%(code)s”.") % {"code": code},
            code="unknown_instrument",
            details={"instrument": code},
        )
    return instrument


def provision_list(
    *,
    topic: str | None = None,
    instrument: str | None = None,
    jurisdiction: str | None = None,
    query: str | None = None,
) -> QuerySet[Provision]:
    """Provisions filtered by topic code, instrument code and jurisdiction (its instruments and its ancestors')."""
    qs = visible_to(ANONYMOUS, Provision.objects.select_related("instrument")).prefetch_related("topics")
    if topic:
        qs = qs.filter(topics=topic_get(code=topic))
    if instrument:
        qs = qs.filter(instrument=instrument_get(code=instrument))
    if jurisdiction:
        place = jurisdiction_resolve(code=jurisdiction)
        qs = qs.filter(instrument__jurisdiction__in=place.chain())
    if query:
        words = query.split()[:8]
        for word in words:
            qs = qs.filter(
                Q(reference__icontains=word)
                | Q(title_en__icontains=word)
                | Q(title_zh__icontains=word)
                | Q(summary_en__icontains=word)
                | Q(summary_zh__icontains=word)
                | Q(instrument__code__icontains=word)
                | Q(instrument__title_en__icontains=word)
                | Q(instrument__title_zh__icontains=word)
            )
    return qs.distinct()


# ---------------------------------------------------------------- ratifications


FUNDAMENTAL_CONVENTIONS = (
    "ILO-C029",
    "ILO-C087",
    "ILO-C098",
    "ILO-C100",
    "ILO-C105",
    "ILO-C111",
    "ILO-C138",
    "ILO-C182",
    "ILO-C155",
    "ILO-C187",
)


@dataclass(frozen=True)
class RatificationRow:
    convention: str  # "C029"
    instrument: Instrument
    ratified: bool | None  # None: no record
    date: datetime.date | None
    year: int | None
    confirmed: bool
    note: str
    source_url: str
    checked_on: datetime.date | None


def ratification_list(*, country: str) -> list[RatificationRow]:
    """The ten fundamental conventions for a country, in a fixed order, with what we know of each."""
    iso = _normalise_code(country)
    if not Country.objects.filter(iso2=iso).exists():
        raise NotFound(
            _("Unknown country “%(code)s”.") % {"code": country},
            code="unknown_country",
            details={"country": country},
        )
    conventions = {i.code: i for i in instrument_list().filter(code__in=FUNDAMENTAL_CONVENTIONS)}
    records = {
        r.convention.code: r
        for r in visible_to(ANONYMOUS, Ratification.objects.select_related("convention")).filter(
            country_id=iso
        )
    }
    rows: list[RatificationRow] = []
    for code in FUNDAMENTAL_CONVENTIONS:
        instrument = conventions.get(code)
        if instrument is None:
            continue
        record = records.get(code)
        rows.append(
            RatificationRow(
                convention=code.removeprefix("ILO-"),
                instrument=instrument,
                ratified=record.ratified if record else None,
                date=record.ratified_on if record else None,
                year=record.year if record else None,
                confirmed=record.confirmed if record else False,
                note=record.note if record else "",
                source_url=record.source_url if record else "",
                checked_on=record.checked_on if record else None,
            )
        )
    return rows


# ---------------------------------------------------------------- coherence map

MAP_COLUMNS = (Column.ILO, Column.MNE, Column.OECD, Column.CN_LAW, Column.EU, Column.RBA, Column.AMFORI)


@dataclass
class CoherenceCell:
    column: str
    provisions: list[Provision]
    gaps: list[CoherenceGap]

    @property
    def is_gap(self) -> bool:
        return not self.provisions or any(g.severity == CoherenceGap.Severity.GAP for g in self.gaps)

    @property
    def has_difference(self) -> bool:
        return any(g.severity == CoherenceGap.Severity.DIFFERENCE for g in self.gaps)


@dataclass
class CoherenceRow:
    topic: Topic
    cells: list[CoherenceCell]


@dataclass
class CoherenceMap:
    columns: list[tuple[str, str]]
    rows: list[CoherenceRow]


def coherence_map() -> CoherenceMap:
    """Topics × families of standards: the provisions of each family on each topic and the curated gaps."""
    topics = list(topic_list())
    provisions = list(
        visible_to(ANONYMOUS, Provision.objects.select_related("instrument"))
        .prefetch_related("topics")
        .filter(instrument__column__in=MAP_COLUMNS)
    )
    by_cell: dict[tuple[int, str], list[Provision]] = {}
    for provision in provisions:
        for topic in provision.topics.all():
            by_cell.setdefault((topic.pk, provision.instrument.column), []).append(provision)
    gaps: dict[tuple[int, str], list[CoherenceGap]] = {}
    for gap in visible_to(ANONYMOUS, CoherenceGap.objects.prefetch_related("provisions__instrument")):
        gaps.setdefault((gap.topic_id, gap.column), []).append(gap)
    rows = [
        CoherenceRow(
            topic=topic,
            cells=[
                CoherenceCell(
                    column=str(column),
                    provisions=by_cell.get((topic.pk, column), []),
                    gaps=gaps.get((topic.pk, column), []),
                )
                for column in MAP_COLUMNS
            ],
        )
        for topic in topics
    ]
    return CoherenceMap(columns=[(str(c.value), str(c.label)) for c in MAP_COLUMNS], rows=rows)


# ---------------------------------------------------------------- country profiles


@dataclass
class WageSeries:
    jurisdiction: Jurisdiction
    parameter: str
    points: list[ResolvedThreshold]


@dataclass
class CountryProfile:
    country: Country
    jurisdiction: Jurisdiction
    ratifications: list[RatificationRow]
    key_thresholds: ApplicableStandard
    wage_series: list[WageSeries]
    instruments: list[Instrument]


@_one_snapshot
def country_profile(*, country: str, on: date) -> CountryProfile:
    iso = _normalise_code(country)
    if iso not in RSCA_COUNTRIES:
        raise NotFound(
            _("No profile for “%(code)s”: profiles cover %(codes)s.")
            % {"code": country, "codes": ", ".join(RSCA_COUNTRIES)},
            code="unknown_country",
            details={"country": country},
        )
    place = jurisdiction_resolve(code=iso)
    wage_params = ("minimum_wage_monthly", "minimum_wage_daily", "minimum_wage_hourly")
    rows = (
        _threshold_qs()
        .filter(parameter__in=wage_params, jurisdiction__country_id=iso)
        .order_by("jurisdiction__code", "parameter", "effective_from")
    )
    grouped: dict[tuple[int, str], list[Threshold]] = {}
    places: dict[int, Jurisdiction] = {}
    for row in rows:
        grouped.setdefault((row.jurisdiction_id, row.parameter), []).append(row)  # type: ignore[arg-type]
        places[row.jurisdiction_id] = row.jurisdiction  # type: ignore[index,assignment]
    series = [
        WageSeries(
            jurisdiction=places[jid],
            parameter=param,
            points=[
                _resolved(r, u, requested=places[jid].code, inherited=False)
                for r, u in _implied_periods(items)
            ],
        )
        for (jid, param), items in grouped.items()
    ]
    return CountryProfile(
        country=place.country,  # type: ignore[arg-type]
        jurisdiction=place,
        ratifications=ratification_list(country=iso),
        key_thresholds=applicable_standard(jurisdiction=iso, on=on, parameters=KEY_PARAMETERS),
        wage_series=series,
        instruments=list(instrument_list().filter(jurisdiction=place)),
    )
