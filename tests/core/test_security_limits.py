"""Limits and identity: API rate limits, throttled public forms, a bad credential of any kind is 401 on every
endpoint, and unique schema names in the OpenAPI document."""

from __future__ import annotations

import inspect
import re
from importlib import import_module

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.cache import cache
from django.test import Client
from ninja import Schema

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def _operations() -> list[tuple[str, str]]:
    from rsca.api.router import api

    schema = api.get_openapi_schema()
    found = []
    for path, operations in schema["paths"].items():
        for method in operations:
            found.append((method, re.sub(r"\{[^}]+\}", "1", path)))
    return found


BAD_CREDENTIALS = {
    "bearer": {"HTTP_AUTHORIZATION": "Bearer not-a-token"},
    "x-api-token": {"HTTP_X_API_TOKEN": "not-a-token"},
    # sent with every request (the answer to a bad session deletes the cookie in the test client's jar)
    "session": {"HTTP_COOKIE": f"{django_settings.SESSION_COOKIE_NAME}=no-such-session-0123456789abcdef"},
}


@pytest.mark.parametrize("kind", BAD_CREDENTIALS)
def test_a_bad_credential_is_401_on_every_endpoint(kind: str) -> None:
    client = Client()
    headers = BAD_CREDENTIALS[kind]
    operations = _operations()
    assert len(operations) > 30
    answers = {
        f"{method.upper()} {path}": getattr(client, method)(path, **headers).status_code
        for method, path in operations
    }
    assert {operation: status for operation, status in answers.items() if status != 401} == {}


def test_a_good_session_or_none_still_reads_public_endpoints(user_a) -> None:
    assert Client().get("/api/v1/reference/sectors").status_code == 200
    client = Client()
    client.force_login(user_a)
    assert client.get("/api/v1/reference/sectors").status_code == 200
    assert client.get("/api/v1/me").json()["username"] == user_a.username


def test_the_api_refuses_calls_over_the_burst_limit_per_caller(settings, user_a) -> None:
    settings.API_THROTTLE_RATES = {"burst": "3/m", "day": "1000/d"}
    anonymous = Client()
    assert [anonymous.get("/api/v1/reference/sectors").status_code for _ in range(3)] == [200, 200, 200]
    refused = anonymous.get("/api/v1/reference/sectors")
    assert refused.status_code == 429
    assert refused.json()["code"] == "throttled" and set(refused.json()) == {"code", "message", "details"}
    signed_in = Client()
    signed_in.force_login(user_a)  # a user has a quota of their own
    assert signed_in.get("/api/v1/reference/sectors").status_code == 200
    other_machine = Client(REMOTE_ADDR="10.9.8.7")
    assert other_machine.get("/api/v1/reference/sectors").status_code == 200


def test_the_daily_limit_holds_too(settings) -> None:
    settings.API_THROTTLE_RATES = {"burst": "100/m", "day": "2/d"}
    client = Client()
    assert [client.get("/api/v1/reference/sectors").status_code for _ in range(3)] == [200, 200, 429]


def test_password_reset_is_throttled_per_address_and_per_machine(settings) -> None:
    from tests.factories import UserFactory

    UserFactory(username="reset-me", email="reset-me@example.org")
    settings.FORM_THROTTLES = {"password_reset": {"ip": "4/h", "field:email": "2/h"}}
    client = Client()
    statuses = [
        client.post("/account/password-reset/", {"email": "Reset-Me@example.org"}).status_code
        for _ in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert len(mail.outbox) == 2
    assert client.post("/account/password-reset/", {"email": "someone-else@example.org"}).status_code == 302
    assert (
        client.post("/account/password-reset/", {"email": "third@example.org"}).status_code == 429
    )  # 5th post
    assert (
        Client(REMOTE_ADDR="10.1.1.1")
        .post("/account/password-reset/", {"email": "fourth@example.org"})
        .status_code
        == 302
    )


def test_a_forwarded_address_is_not_trusted_without_a_proxy(settings) -> None:
    settings.FORM_THROTTLES = {"password_reset": {"ip": "1/h"}}
    client = Client()
    assert (
        client.post(
            "/account/password-reset/", {"email": "a@example.org"}, HTTP_X_FORWARDED_FOR="1.2.3.4"
        ).status_code
        == 302
    )
    assert (
        client.post(
            "/account/password-reset/", {"email": "b@example.org"}, HTTP_X_FORWARDED_FOR="5.6.7.8"
        ).status_code
        == 429
    )


def test_every_api_schema_has_a_name_of_its_own() -> None:
    modules = ["rsca.api.core_api"] + [
        f"{app}.api" for app in django_settings.DOMAIN_APPS if app != "rsca.core"
    ]
    names: dict[str, str] = {}
    clashes = []
    for module_name in modules:
        try:
            module = import_module(module_name)
        except ModuleNotFoundError:
            continue
        for name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, Schema) and value.__module__ == module_name:
                if name in names:
                    clashes.append(f"{name}: {names[name]} and {module_name}")
                names[name] = module_name
    assert clashes == []
