from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from rsca.core.scoping import is_platform_staff


def navigation(request: HttpRequest) -> list[dict[str, Any]]:
    """Main navigation, collected from each domain app's `nav_items` (url name, label, who sees it)."""
    user = getattr(request, "user", None)
    items = []
    for app_name in settings.DOMAIN_APPS:
        config = apps.get_app_config(app_name.rsplit(".", 1)[-1])
        for url_name, label, audience in getattr(config, "nav_items", ()):
            if audience == "staff" and not is_platform_staff(user):
                continue
            if audience == "member" and not getattr(user, "is_authenticated", False):
                continue
            try:
                url = reverse(url_name)
            except NoReverseMatch:
                continue
            items.append({"url": url, "label": label, "active": request.path.startswith(url) and url != "/"})
    return items


def site(request: HttpRequest) -> dict[str, Any]:
    return {"nav_items": navigation(request), "is_platform_staff": is_platform_staff(getattr(request, "user", None))}
