"""Shared fixtures: reference data, two tenant organisations (A and B) with a member each, and staff."""

from __future__ import annotations

import io
import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.AXES_ENABLED = False
    settings.API_THROTTLE_RATES = {}  # rate limits are tested on their own (tests/core/test_security_limits.py)
    settings.FORM_THROTTLES = {}
    settings.RSCA_STAFF_2FA_REQUIRED = (
        False  # staff fixtures sign in with a password only (tests/core/test_security_2fa.py)
    )
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from django.core.cache import cache
    from django.utils import translation

    cache.clear()  # rate-limit counters and cached pages of one test must not reach the next

    translation.activate("en")  # a test that switches language must not change the next test's messages
    yield
    translation.deactivate()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Reference data (countries, divisions, sectors, and every app's reference seed) once per session."""
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("seed", stdout=io.StringIO())


@pytest.fixture
def org_a(db):
    from tests.factories import OrganisationFactory

    return OrganisationFactory(name="Organisation A WALKSECRET-A", slug="org-a")


@pytest.fixture
def org_b(db):
    from tests.factories import OrganisationFactory

    return OrganisationFactory(name="Organisation B", slug="org-b")


@pytest.fixture
def user_a(org_a):
    from tests.factories import MembershipFactory, UserFactory

    user = UserFactory(username="alice")
    MembershipFactory(user=user, organisation=org_a)
    return user


@pytest.fixture
def user_b(org_b):
    from tests.factories import MembershipFactory, UserFactory

    user = UserFactory(username="bob")
    MembershipFactory(user=user, organisation=org_b)
    return user


@pytest.fixture
def staff_user(db):
    from tests.factories import UserFactory

    return UserFactory(username="staff", is_staff=True, is_superuser=True)


@pytest.fixture
def client_a(client, user_a):
    client.force_login(user_a)
    return client
