from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from rsca.core.scoping import is_platform_staff

# The main menu groups the apps' entries by what a visitor comes for; an app not listed here gets
# a group of its own, so a new app still shows up. Group order is menu order.
NAV_GROUPS: tuple[tuple[str, Any, tuple[str, ...]], ...] = (
    ("programme", _("Programme"), ("programme", "library")),
    ("standards", _("Standards"), ("standards",)),
    ("supply", _("Supply chains"), ("supplychain", "compliance")),
    ("training", _("Training"), ("training",)),
    ("dialogue", _("Dialogue"), ("outreach", "core")),
)

# Entries the core app contributes (it has no AppConfig.nav_items of its own to keep core generic).
CORE_NAV_ITEMS: tuple[tuple[str, Any, str], ...] = (
    ("core:organisation_list", _("Organisations"), "public"),
    ("core:audit_log", _("Audit log"), "staff"),
)


def _visible(audience: str, user: Any) -> bool:
    if audience == "staff":
        return is_platform_staff(user)
    if audience == "member":
        return bool(getattr(user, "is_authenticated", False))
    return True


def _app_items(app_label: str, request: HttpRequest) -> list[dict[str, Any]]:
    user = getattr(request, "user", None)
    entries = (
        CORE_NAV_ITEMS if app_label == "core" else getattr(apps.get_app_config(app_label), "nav_items", ())
    )
    items = []
    for url_name, label, audience in entries:
        if not _visible(audience, user):
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": label, "active": request.path.startswith(url) and url != "/"})
    return items


def navigation(request: HttpRequest) -> list[dict[str, Any]]:
    """Main menu: groups of the domain apps' `nav_items` (url name, label, who sees it); empty groups dropped."""
    installed = [name.rsplit(".", 1)[-1] for name in settings.DOMAIN_APPS]
    grouped = {label for _key, _label, labels in NAV_GROUPS for label in labels}
    groups = [(key, title, [a for a in labels if a in installed]) for key, title, labels in NAV_GROUPS]
    groups += [(a, apps.get_app_config(a).verbose_name, [a]) for a in installed if a not in grouped]
    menu = []
    for key, title, labels in groups:
        items = [item for label in labels for item in _app_items(label, request)]
        if items:
            menu.append(
                {"key": key, "label": title, "items": items, "active": any(i["active"] for i in items)}
            )
    return menu


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "nav_groups": navigation(request),
        "is_platform_staff": is_platform_staff(getattr(request, "user", None)),
    }
