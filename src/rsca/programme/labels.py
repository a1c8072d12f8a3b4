"""Display names of disaggregation values.

Computed indicators store the platform's codes as dimension values (GB/T 2260 province codes, ISIC sector
codes), which is what IATI exports carry; people reading a chart or a report need the names instead.
"""

from __future__ import annotations

from collections.abc import Iterable

from rsca.core.models import Division, Sector

NAMED_BY_CODE: dict[str, type[Division] | type[Sector]] = {"province": Division, "sector": Sector}


def dimension_value_names(dimension: str, values: Iterable[str]) -> dict[str, str]:
    """{stored value: name in the active language}; values that are not codes keep their own text."""
    values = list(values)
    model = NAMED_BY_CODE.get(dimension)
    names = {value: value for value in values}
    if model is None or not values:
        return names
    for record in model._default_manager.filter(code__in=values):
        names[record.code] = record.name or record.code
    return names
