"""Public, read-only API of the standards knowledge base: /api/v1/standards/…

Every answer that states a normative value carries its provisions, source and the date it was checked;
an inherited value says where it is defined. Unknown jurisdictions, parameters, instruments or topics
and dates with no value in force answer 404/422 with a message naming what is missing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema

from rsca.core.errors import InvalidInput
from rsca.core.i18n import localised
from rsca.standards import selectors
from rsca.standards.models import Instrument, Provision, Topic
from rsca.standards.parameters import PARAMETERS

router = Router(tags=["standards"])
PREFIX = "standards"


class ProvisionRefOut(Schema):
    instrument: str
    reference: str
    title: str
    url: str


class ThresholdOut(Schema):
    parameter: str
    value: int | float
    unit: str
    currency: str
    jurisdiction: str
    requested: str
    inherited: bool
    inherited_from: str | None
    standard: str
    effective_from: datetime.date
    effective_until: datetime.date | None
    variant: str
    provisions: list[ProvisionRefOut]
    source_url: str
    checked_on: datetime.date | None
    confirmed: bool
    note: str


class StandardRowOut(Schema):
    parameter: str
    label: str
    national: ThresholdOut | None
    ilo: ThresholdOut | None
    buyer: ThresholdOut | None
    strictest: str | None


class ApplicableOut(Schema):
    jurisdiction: str
    on: datetime.date
    buyer_code: str | None
    rows: list[StandardRowOut]


class RatificationOut(Schema):
    convention: str
    title: str
    ratified: bool | None
    date: datetime.date | None
    year: int | None
    confirmed: bool
    note: str
    source_url: str
    checked_on: datetime.date | None


class ProvisionOut(Schema):
    instrument: str
    reference: str
    title_en: str
    title_zh: str
    summary_en: str
    summary_zh: str
    url: str
    topics: list[str]


class InstrumentOut(Schema):
    code: str
    kind: str
    column: str
    issuer: str
    jurisdiction: str | None
    title_en: str
    title_zh: str
    short_title_en: str
    short_title_zh: str
    adopted_on: datetime.date | None
    effective_from: datetime.date | None
    url: str
    checked_on: datetime.date | None


class InstrumentDetailOut(InstrumentOut):
    summary_en: str
    summary_zh: str
    provisions: list[ProvisionOut]


class TopicOut(Schema):
    code: str
    name_en: str
    name_zh: str
    description_en: str
    description_zh: str
    better_work_clusters: list[str]
    rba_sections: list[str]
    amfori_areas: list[str]
    oecd_garment_modules: list[str]
    mne_sections: list[str]


class JurisdictionOut(Schema):
    code: str
    level: str
    name_en: str
    name_zh: str
    parent: str | None
    country: str | None
    division: str | None


class JurisdictionDetailOut(JurisdictionOut):
    chain: list[str]


class ParameterOut(Schema):
    name: str
    unit: str
    stricter: str
    label: str


class CoherenceCellOut(Schema):
    column: str
    provisions: list[ProvisionRefOut]
    gap: bool
    notes: list[dict[str, Any]]


class CoherenceRowOut(Schema):
    topic: str
    name: str
    cells: list[CoherenceCellOut]


class CoherenceMapOut(Schema):
    columns: list[dict[str, str]]
    rows: list[CoherenceRowOut]


def threshold_out(value: selectors.ResolvedThreshold | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {
        "parameter": value.parameter,
        "value": json_number(value.value),
        "unit": value.unit,
        "currency": value.currency,
        "jurisdiction": value.jurisdiction,
        "requested": value.requested,
        "inherited": value.inherited,
        "inherited_from": value.jurisdiction if value.inherited else None,
        "standard": value.standard,
        "effective_from": value.effective_from,
        "effective_until": value.effective_until,
        "variant": value.variant,
        "provisions": [vars(p) for p in value.provisions],
        "source_url": value.source_url,
        "checked_on": value.checked_on,
        "confirmed": value.confirmed,
        "note": value.note,
    }


def json_number(value: Decimal) -> int | float:
    """Thresholds as JSON numbers: 2740, 1.25 (exact for every value we store: 4 decimal places)."""
    return int(value) if value == value.to_integral_value() else float(value)


def _required(**values: Any) -> None:
    missing = [name for name, value in values.items() if value in (None, "")]
    if missing:
        raise InvalidInput(
            _("Missing query parameter(s): %(names)s.") % {"names": ", ".join(missing)},
            code="missing_parameter",
            details={"missing": missing},
        )


def _provision_out(provision: Provision) -> dict[str, Any]:
    return {
        "instrument": provision.instrument.code,
        "reference": provision.reference,
        "title_en": provision.title_en,
        "title_zh": provision.title_zh,
        "summary_en": provision.summary_en,
        "summary_zh": provision.summary_zh,
        "url": provision.link,
        "topics": [t.code for t in provision.topics.all()],
    }


def _instrument_out(instrument: Instrument) -> dict[str, Any]:
    return {
        "code": instrument.code,
        "kind": instrument.kind,
        "column": instrument.column,
        "issuer": instrument.issuer,
        "jurisdiction": instrument.jurisdiction.code if instrument.jurisdiction else None,
        "title_en": instrument.title_en,
        "title_zh": instrument.title_zh,
        "short_title_en": instrument.short_title_en,
        "short_title_zh": instrument.short_title_zh,
        "adopted_on": instrument.adopted_on,
        "effective_from": instrument.effective_from,
        "url": instrument.url,
        "checked_on": instrument.checked_on,
    }


def _today() -> datetime.date:
    return timezone.localdate()


@router.get("/thresholds", response=ThresholdOut)
def threshold_get(
    request: HttpRequest,
    jurisdiction: str | None = None,
    parameter: str | None = None,
    on: datetime.date | None = None,
) -> Any:
    """The value of `parameter` in force in `jurisdiction` on `on` (default today), own or inherited."""
    _required(jurisdiction=jurisdiction, parameter=parameter)
    return threshold_out(
        selectors.threshold_in_force(
            jurisdiction=jurisdiction or "", parameter=parameter or "", on=on or _today()
        )
    )


@router.get("/thresholds/periods", response=list[ThresholdOut])
def threshold_periods(
    request: HttpRequest,
    jurisdiction: str | None = None,
    parameter: str | None = None,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> Any:
    """Every value in force at some time between `start` and `end` (e.g. a minimum wage raised mid-year)."""
    _required(jurisdiction=jurisdiction, parameter=parameter, start=start, end=end)
    assert start is not None and end is not None
    return [
        threshold_out(v)
        for v in selectors.threshold_periods(
            jurisdiction=jurisdiction or "", parameter=parameter or "", start=start, end=end
        )
    ]


@router.get("/thresholds/history", response=list[ThresholdOut])
def threshold_history(
    request: HttpRequest, jurisdiction: str | None = None, parameter: str | None = None
) -> Any:
    """Every value a jurisdiction itself has set for a parameter, oldest first."""
    _required(jurisdiction=jurisdiction, parameter=parameter)
    return [
        threshold_out(v)
        for v in selectors.threshold_history(jurisdiction=jurisdiction or "", parameter=parameter or "")
    ]


@router.get("/applicable", response=ApplicableOut)
def applicable(
    request: HttpRequest,
    jurisdiction: str | None = None,
    on: datetime.date | None = None,
    buyer_code: str | None = None,
) -> Any:
    """National law, the ILO standard and a buyer code ("rba" or "amfori") side by side, strictest marked.

    `jurisdiction` is a code (a county or district reads its prefecture's or province's rules) or a place's
    name in English or Chinese that names one place."""
    from rsca.standards.minimum_wages import jurisdiction_for, place_search

    _required(jurisdiction=jurisdiction)
    code = jurisdiction_for(jurisdiction or "")
    if code is None:
        matches = place_search(query=jurisdiction or "")
        if len(matches) == 1:
            code = jurisdiction_for(matches[0].code)
    result = selectors.applicable_standard(
        jurisdiction=code or jurisdiction or "", on=on or _today(), buyer_code=buyer_code or None
    )
    return {
        "jurisdiction": result.jurisdiction,
        "on": result.on,
        "buyer_code": result.buyer_code,
        "rows": [
            {
                "parameter": r.parameter,
                "label": str(PARAMETERS[r.parameter].label),
                "national": threshold_out(r.national),
                "ilo": threshold_out(r.ilo),
                "buyer": threshold_out(r.buyer),
                "strictest": r.strictest,
            }
            for r in result.rows
        ],
    }


@router.get("/parameters", response=list[ParameterOut])
def parameter_list(request: HttpRequest) -> Any:
    return [
        {"name": p.name, "unit": p.unit.value, "stricter": p.direction.value, "label": str(p.label)}
        for p in PARAMETERS.values()
    ]


@router.get("/ratifications", response=list[RatificationOut])
def ratification_list(request: HttpRequest, country: str | None = None) -> Any:
    """The ten fundamental ILO conventions for a country: ratified or not, with the date where known."""
    _required(country=country)
    return [
        {
            "convention": row.convention,
            "title": localised(row.instrument, "title"),
            "ratified": row.ratified,
            "date": row.date,
            "year": row.year,
            "confirmed": row.confirmed,
            "note": row.note,
            "source_url": row.source_url,
            "checked_on": row.checked_on,
        }
        for row in selectors.ratification_list(country=country or "")
    ]


@router.get("/instruments", response=list[InstrumentOut])
def instrument_list(
    request: HttpRequest, kind: str | None = None, column: str | None = None, q: str | None = None
) -> Any:
    return [
        _instrument_out(i) for i in selectors.instrument_list(kind=kind, column=column, query=(q or "")[:100])
    ]


@router.get("/instruments/{code}", response=InstrumentDetailOut)
def instrument_get(request: HttpRequest, code: str) -> Any:
    instrument = selectors.instrument_get(code=code)
    provisions = selectors.provision_list(instrument=instrument.code)
    return {
        **_instrument_out(instrument),
        "summary_en": instrument.summary_en,
        "summary_zh": instrument.summary_zh,
        "provisions": [_provision_out(p) for p in provisions],
    }


@router.get("/provisions", response=list[ProvisionOut])
def provision_list(
    request: HttpRequest,
    topic: str | None = None,
    instrument: str | None = None,
    jurisdiction: str | None = None,
    q: str | None = None,
) -> Any:
    """Provisions filtered by topic code, instrument code and/or jurisdiction (with its parents)."""
    return [
        _provision_out(p)
        for p in selectors.provision_list(
            topic=topic, instrument=instrument, jurisdiction=jurisdiction, query=(q or "")[:100] or None
        )
    ]


@router.get("/topics", response=list[TopicOut])
def topic_list(request: HttpRequest) -> Any:
    return list(selectors.topic_list())


@router.get("/topics/{code}", response=TopicOut)
def topic_get(request: HttpRequest, code: str) -> Topic:
    return selectors.topic_get(code=code)


def _jurisdiction_out(place: Any) -> dict[str, Any]:
    return {
        "code": place.code,
        "level": place.level,
        "name_en": place.name_en,
        "name_zh": place.name_zh,
        "parent": place.parent.code if place.parent else None,
        "country": place.country_id,
        "division": place.division_id,
    }


@router.get("/jurisdictions", response=list[JurisdictionOut])
def jurisdiction_list(request: HttpRequest, country: str | None = None, level: str | None = None) -> Any:
    return [_jurisdiction_out(j) for j in selectors.jurisdiction_list(country=country, level=level)]


@router.get("/jurisdictions/{code}", response=JurisdictionDetailOut)
def jurisdiction_get(request: HttpRequest, code: str) -> Any:
    place = selectors.jurisdiction_resolve(code=code)
    return {**_jurisdiction_out(place), "chain": [j.code for j in place.chain()]}


@router.get("/coherence-map", response=CoherenceMapOut)
def coherence_map(request: HttpRequest) -> Any:
    """Topics × families of standards with each cell's provisions and the gaps we have recorded."""
    result = selectors.coherence_map()
    return {
        "columns": [{"code": code, "label": label} for code, label in result.columns],
        "rows": [
            {
                "topic": row.topic.code,
                "name": row.topic.name,
                "cells": [
                    {
                        "column": cell.column,
                        "provisions": [
                            {
                                "instrument": p.instrument.code,
                                "reference": p.reference,
                                "title": p.title,
                                "url": p.link,
                            }
                            for p in cell.provisions
                        ],
                        "gap": cell.is_gap,
                        "notes": [{"key": g.key, "severity": g.severity, "note": g.note} for g in cell.gaps],
                    }
                    for cell in row.cells
                ],
            }
            for row in result.rows
        ],
    }


@router.get("/minimum-wage", response=dict)
def minimum_wage(request: HttpRequest, place: str | None = None, on: datetime.date | None = None) -> Any:
    """The minimum wage of a place (name in English or Chinese, or a division code) on `on` (default today):
    tier, monthly, hourly and daily amounts, currency and notice, or `known: false` with the reason; every
    tier of that period with its places; what counts toward the minimum; the history per tier. A name that
    fits several places answers with the candidates (`matches`)."""
    from rsca.standards.minimum_wages import minimum_wage_page

    _required(place=place)
    page = minimum_wage_page(query=place or "", on=on or _today())
    if page.place is None and not page.matches:
        raise InvalidInput(
            _("No place is known by “%(query)s”.") % {"query": place},
            code="unknown_place",
            details={"place": place},
        )
    components = page.components
    return {
        "query": page.query,
        "on": page.on.isoformat(),
        "matches": [
            {"code": p.code, "name_en": p.name_en, "name_zh": p.name_zh, "label": p.label}
            for p in page.matches
        ],
        "place": {
            "code": page.place.code,
            "name_en": page.place.name_en,
            "name_zh": page.place.name_zh,
            "label": page.place.label,
        }
        if page.place
        else None,
        "answer": page.answer.as_dict() if page.answer else None,
        "wage_components": {
            "effective_from": components.effective_from.isoformat(),
            "excludes": list(components.excludes),
            "social_insurance_included": components.social_insurance_included,
            "notice": components.notice.as_dict(),
        }
        if components
        else None,
        "tiers": [
            {
                "tier": row.tier,
                "monthly": _number(row.rate.monthly),
                "hourly": _number(row.rate.hourly),
                "daily": _number(row.rate.daily),
                "currency": row.rate.currency,
                "effective_from": row.rate.effective_from.isoformat(),
                "effective_until": row.rate.effective_until.isoformat() if row.rate.effective_until else None,
                "divisions": [p.code for p in row.places],
                "notice": row.rate.notice.as_dict(),
                "rate_id": row.rate.pk,
            }
            for row in page.tiers
        ],
        "history": page.chart,
    }


def _number(value: Decimal | None) -> int | float | None:
    return json_number(value) if value is not None else None
