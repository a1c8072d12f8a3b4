from __future__ import annotations

from typing import Any

from django import template

from rsca.standards.parameters import PARAMETERS
from rsca.standards.presenters import value_text

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
