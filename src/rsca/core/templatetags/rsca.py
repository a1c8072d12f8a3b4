"""Template helpers available in every template (registered as builtins)."""

from __future__ import annotations

import json
from typing import Any

from django import template
from django.urls import translate_url
from django.utils.html import json_script
from django.utils.safestring import SafeString

from rsca.core.i18n import localised

register = template.Library()


@register.filter
def loc(obj: Any, field: str) -> str:
    """`{{ project|loc:"title" }}`: the bilingual field in the active language."""
    return localised(obj, field)


@register.simple_tag(takes_context=True)
def url_in_language(context: dict[str, Any], language: str) -> str:
    """The current page's address in another language, for the language switcher."""
    request = context.get("request")
    if request is None:
        return "/"
    return translate_url(request.get_full_path(), language)


@register.filter
def chart_data(value: Any, element_id: str) -> SafeString:
    """Embed chart data as a JSON script tag, escaped for HTML."""
    return json_script(json.loads(json.dumps(value, default=str)), element_id)


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key) if isinstance(mapping, dict) else None
