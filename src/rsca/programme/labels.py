"""Display names of disaggregation values, in the reader's language.

Computed indicators store the platform's codes as dimension values (GB/T 2260 province codes, ISIC sector
codes, the training app's sex and constituent codes), which is what IATI exports carry; people reading a chart or a
report need the names instead. Values typed by hand may be names already ("Electronics", "female"): those are
recognised by their English or Chinese name and shown in the active language too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db.models import Q

from rsca.core.i18n import localised
from rsca.core.models import Division, Sector
from rsca.training.models import ConstituentType, Sex


def _choice_names(choices: type[Sex] | type[ConstituentType]) -> Callable[[list[str]], dict[str, str]]:
    def names(values: list[str]) -> dict[str, str]:
        labels = {str(value): str(label) for value, label in choices.choices}
        english = {str(value).replace("_", " ").casefold(): str(value) for value, _label in choices.choices}
        found = {}
        for value in values:
            code = value if value in labels else english.get(value.replace("_", " ").casefold())
            if code is not None:
                found[value] = labels[code]
        return found

    return names


def _record_names(model: type[Division] | type[Sector]) -> Callable[[list[str]], dict[str, str]]:
    def names(values: list[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for record in model._default_manager.filter(code__in=values):
            found[record.code] = record.name or record.code
        rest = [v for v in values if v not in found]
        if rest:
            query = Q(name_en__in=rest) | Q(name_zh__in=rest)
            if model is Sector:
                query |= Q(focus_label_en__in=rest) | Q(focus_label_zh__in=rest)
            for record in model._default_manager.filter(query):
                for label in (record.name_en, record.name_zh):
                    if label in rest:
                        found[label] = record.name or label
                for label in (getattr(record, "focus_label_en", ""), getattr(record, "focus_label_zh", "")):
                    if label and label in rest:
                        found[label] = localised(record, "focus_label") or record.name
        return found

    return names


NAMED_BY_CODE: dict[str, Callable[[list[str]], dict[str, str]]] = {
    "province": _record_names(Division),
    "sector": _record_names(Sector),
    "sex": _choice_names(Sex),
    "constituent": _choice_names(ConstituentType),
}


def dimension_value_names(dimension: str, values: Iterable[str]) -> dict[str, str]:
    """{stored value: name in the active language}; values that are neither codes nor known names keep their text."""
    values = list(values)
    names = {value: value for value in values}
    resolve = NAMED_BY_CODE.get(dimension)
    if resolve is None or not values:
        return names
    names.update(resolve(values))
    return names
