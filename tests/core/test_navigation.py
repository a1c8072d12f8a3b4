"""The main menu groups every app's entries and shows each visitor only what they may open."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from rsca.core.context_processors import navigation

pytestmark = pytest.mark.django_db


def _navigation(user=None, path="/"):
    request = RequestFactory().get(path)
    request.user = user or AnonymousUser()
    return navigation(request)


def _menu(user=None):
    return {group["key"]: [str(item["label"]) for item in group["items"]] for group in _navigation(user)}


def test_anonymous_visitors_see_public_entries_only():
    menu = _menu()
    assert "Projects" in menu["programme"] and "Resources and news" in menu["programme"]
    assert "Facilities" in menu["supply"] and "Supply chain" not in menu["supply"]
    assert "Audit log" not in menu["dialogue"] and "Organisations" in menu["dialogue"]


def test_members_see_their_entries_and_staff_the_audit_log(user_a, staff_user):
    assert "Hours & wages" in _menu(user_a)["supply"]
    assert "Audit log" not in _menu(user_a)["dialogue"]
    assert "Audit log" in _menu(staff_user)["dialogue"]


def test_the_group_holding_the_current_page_is_marked_active():
    active = [group["key"] for group in _navigation(path="/projects/") if group["active"]]
    assert active == ["programme"]


def test_every_page_renders_the_grouped_menu(client):
    text = client.get("/").content.decode()
    assert 'data-nav-group="programme"' in text and 'href="/projects/"' in text
