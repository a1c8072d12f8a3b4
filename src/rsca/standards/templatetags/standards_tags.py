from __future__ import annotations

from typing import Any

from django import template

from rsca.standards.parameters import PARAMETERS
from rsca.standards.presenters import unit_label, value_text

register = template.Library()


@register.filter
def threshold_text(value: Any) -> str:
    """A resolved threshold as text: “2,740 CNY per month”."""
    return value_text(value)


@register.filter
def parameter_label(name: str) -> str:
    spec = PARAMETERS.get(name)
    return str(spec.label) if spec else name


@register.filter
def side(row: Any, name: str) -> Any:
    """`row|side:"national"`: one side of an applicable-standard row."""
    return getattr(row, name, None)


@register.filter
def unit_text(unit: str) -> str:
    """A unit in the active language: “h/week” / “小时/周”."""
    return unit_label(unit)
