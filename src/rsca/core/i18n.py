"""Bilingual model fields: prose is stored as `<field>_en` and `<field>_zh`, shown in the active language."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language


def is_chinese(language: str | None = None) -> bool:
    return (language or get_language() or "en").lower().startswith("zh")


def localised(obj: Any, field: str, language: str | None = None) -> str:
    """The value of `field` in the active language, falling back to English when there is no Chinese."""
    english = getattr(obj, f"{field}_en", "") or ""
    if is_chinese(language):
        return getattr(obj, f"{field}_zh", "") or english
    return english or getattr(obj, f"{field}_zh", "") or ""
