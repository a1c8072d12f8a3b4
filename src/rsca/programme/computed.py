"""Indicators computed from platform data.

Each computation reads one app's aggregates for a period (aggregates only, no personal data):

* training: `rsca.training.selectors.training_indicators(date_from=, date_to=)` — people trained (by sex,
  constituent, province, sector), enterprises reached, knowledge gain, satisfaction;
* compliance: `rsca.compliance.selectors.compliance_indicators(date_from=, date_to=)` — suppliers assessed
  (facilities with a compliance check completed in the period) and violations remediated (findings covered by
  corrective actions verified in the period, or the number of those actions), by province and sector;
* supplychain: `rsca.supplychain.selectors.supply_chain_indicators(date_from=, date_to=)` — facilities mapped
  (supplier facilities whose first link to a buyer was created in the period), by province and sector.

The apps are imported lazily, so the programme keeps working (computed actuals simply stay empty) on an
installation without one of them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from importlib import import_module
from typing import Any

from rsca.programme.models import Indicator

C = Indicator.Computation
PLACE = {"province": "by_province", "sector": "by_sector"}

# computation -> (source app, key of its figures, {dimension: key of its breakdown})
COMPUTATIONS: dict[str, tuple[str, str, dict[str, str]]] = {
    C.PARTICIPANTS: (
        "training",
        "participants",
        {"sex": "by_sex", "constituent": "by_constituent", "province": "by_province", "sector": "by_sector"},
    ),
    C.ENTERPRISES: ("training", "enterprises", {}),
    C.KNOWLEDGE_GAIN: ("training", "knowledge_gain", {}),
    C.SATISFACTION: ("training", "satisfaction", {}),
    C.FACILITIES_ASSESSED: (
        "compliance",
        "facilities_assessed",
        {"province": "facilities_by_province", "sector": "facilities_by_sector"},
    ),
    C.FINDINGS_REMEDIATED: (
        "compliance",
        "findings_remediated",
        {"province": "findings_by_province", "sector": "findings_by_sector"},
    ),
    C.ACTIONS_VERIFIED: (
        "compliance",
        "actions_verified",
        {"province": "actions_by_province", "sector": "actions_by_sector"},
    ),
    C.FACILITIES_MAPPED: (
        "supplychain",
        "facilities_mapped",
        {"province": "mapped_by_province", "sector": "mapped_by_sector"},
    ),
}

# What a computed indicator counts, in both languages: the definition an indicator of that computation carries
# (the seed copies it; the indicator page shows it).
DEFINITIONS: dict[str, tuple[str, str]] = {
    C.FACILITIES_MAPPED: (
        "Enterprises in buyers' mapped supply chains: distinct supplier facilities recorded in the platform's "
        "supply-chain map whose first link to a buyer (or, if younger, the facility record itself) was created in "
        "the period. A facility linked to several buyers counts once, in the period of its first link; a facility "
        "no buyer has linked, or one merged into another record, does not count. By the facility's province and "
        "ISIC sector (a facility in two sectors counts in each).",
        "买方供应链图谱中的企业：在该期间首次与某一买方建立关联（若工厂记录晚于该关联，则以工厂记录的创建为准）并记录在平台"
        "供应链图谱中的不重复供应商工厂数。与多个买方关联的工厂只计一次，计入其首次关联所在期间；尚无买方关联的工厂或已并入"
        "其他记录的工厂不计。按工厂所在省份和ISIC行业分列（属于两个行业的工厂在每个行业各计一次）。",
    ),
}

# Computations whose per-period values are averages rather than counts (they are not summed over periods).
AVERAGED = {C.KNOWLEDGE_GAIN, C.SATISFACTION}


def computations_of(source: str) -> list[str]:
    return [str(code) for code, (app, _key, _dims) in COMPUTATIONS.items() if app == source]


def _app_figures(
    module: str, function: str, *, date_from: datetime.date, date_to: datetime.date
) -> dict[str, Any] | None:
    """`module.function(date_from=, date_to=)`: an app's aggregates for a period, or None when that app is not
    installed."""
    try:
        read = getattr(import_module(module), function)
    except (ImportError, AttributeError):
        return None
    result: dict[str, Any] = read(date_from=date_from, date_to=date_to)
    return result


def training_figures(*, date_from: datetime.date, date_to: datetime.date) -> dict[str, Any] | None:
    return _app_figures(
        "rsca.training.selectors", "training_indicators", date_from=date_from, date_to=date_to
    )


def compliance_figures(*, date_from: datetime.date, date_to: datetime.date) -> dict[str, Any] | None:
    return _app_figures(
        "rsca.compliance.selectors", "compliance_indicators", date_from=date_from, date_to=date_to
    )


def supplychain_figures(*, date_from: datetime.date, date_to: datetime.date) -> dict[str, Any] | None:
    return _app_figures(
        "rsca.supplychain.selectors", "supply_chain_indicators", date_from=date_from, date_to=date_to
    )


SOURCES: dict[str, Callable[..., dict[str, Any] | None]] = {
    "training": training_figures,
    "compliance": compliance_figures,
    "supplychain": supplychain_figures,
}


def source_of(indicator: Indicator) -> str:
    return COMPUTATIONS.get(indicator.computation, ("", "", {}))[0]


def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        return None


def computed_actual(
    indicator: Indicator, figures: dict[str, Any]
) -> tuple[Decimal | None, dict[tuple[str, str], Decimal]]:
    """(actual, {(dimension, value): n}) of a computed indicator from one period's figures of its source app."""
    _source, key, breakdowns = COMPUTATIONS.get(indicator.computation, ("", "", {}))
    actual = _decimal(figures.get(key)) if key else None
    disaggregation: dict[tuple[str, str], Decimal] = {}
    for dimension in indicator.dimensions or []:
        breakdown = figures.get(breakdowns.get(dimension, ""))
        if not isinstance(breakdown, dict):
            continue
        for label, count in breakdown.items():
            value = _decimal(count)
            if value is not None and value != 0:
                disaggregation[(dimension, str(label)[:100])] = value
    return actual, disaggregation
