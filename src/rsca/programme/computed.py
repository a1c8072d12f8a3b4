"""Indicators computed from platform data.

The figures come from `rsca.training.selectors.training_indicators(date_from=, date_to=)`, which
returns aggregates only (no personal data). It is imported lazily, so the programme keeps working
(computed actuals simply stay empty) on an installation without the training app.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from rsca.programme.models import Indicator

# computation -> (key of the training figures, {dimension: key of its breakdown})
COMPUTATIONS: dict[str, tuple[str, dict[str, str]]] = {
    Indicator.Computation.PARTICIPANTS: ("participants", {
        "sex": "by_sex", "constituent": "by_constituent", "province": "by_province", "sector": "by_sector"}),
    Indicator.Computation.ENTERPRISES: ("enterprises", {}),
    Indicator.Computation.KNOWLEDGE_GAIN: ("knowledge_gain", {}),
    Indicator.Computation.SATISFACTION: ("satisfaction", {}),
}


def training_figures(*, date_from: datetime.date, date_to: datetime.date) -> dict[str, Any] | None:
    """The training app's aggregates for a period, or None when that app is not installed."""
    try:
        from rsca.training.selectors import training_indicators  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return None
    result: dict[str, Any] = training_indicators(date_from=date_from, date_to=date_to)
    return result


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
    """(actual, {(dimension, value): n}) of a computed indicator from one period's training figures."""
    key, breakdowns = COMPUTATIONS.get(indicator.computation, ("", {}))
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
