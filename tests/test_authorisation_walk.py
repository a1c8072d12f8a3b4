"""Walks every URL pattern and every API operation as anonymous, as a member of B and as a member of A.

Organisation A owns private records whose text contains a marker ("WALKSECRET-A…"). Nobody but A's
members and platform staff may ever receive a response containing a marker; nothing may answer 500.
New URL patterns and API operations are picked up automatically: a pattern with parameters needs
sample values, which each app provides in `tests/<app>/walk.py`:

    def walk_samples(*, org_a, user_a) -> dict:
        return {
            "params": {"<namespace:url_name>": {"<kwarg>": value}},       # pages
            "api_params": {"<api path template>": {"<param>": value}},     # API, e.g. "/api/v1/x/{id}"
            "markers": ["WALKSECRET-A-..."],                                # strings only A may see
            "public_writes": {"<api path template>"},                       # anonymous POST allowed
        }

A pattern without samples fails the walk, so nobody can add an endpoint and forget to scope it.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

import tests

ADMIN_AND_FRAMEWORK = ("admin", "i18n", "api")


def collect_samples(org_a: Any, user_a: Any) -> dict[str, Any]:
    merged: dict[str, Any] = {
        "params": {},
        "api_params": {},
        "markers": ["WALKSECRET-A"],
        "public_writes": set(),
    }
    for module_info in pkgutil.iter_modules(tests.__path__):
        if not module_info.ispkg:
            continue
        try:
            module = importlib.import_module(f"tests.{module_info.name}.walk")
        except ModuleNotFoundError:
            continue
        samples = module.walk_samples(org_a=org_a, user_a=user_a)
        merged["params"].update(samples.get("params", {}))
        merged["api_params"].update(samples.get("api_params", {}))
        merged["markers"].extend(samples.get("markers", []))
        merged["public_writes"].update(samples.get("public_writes", set()))
    return merged


def page_patterns() -> list[tuple[str, str, list[str]]]:
    """(url name, route template, parameter names) for every named page pattern outside admin/api."""
    found: list[tuple[str, str, list[str]]] = []

    def walk(entries: list[Any], prefix: str, namespace: str) -> None:
        for entry in entries:
            if isinstance(entry, URLResolver):
                route = str(entry.pattern)
                if route.startswith(ADMIN_AND_FRAMEWORK) or entry.namespace in ("admin", "api"):
                    continue
                ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                walk(entry.url_patterns, prefix + route, ns)
            elif isinstance(entry, URLPattern) and entry.name:
                route = prefix + str(entry.pattern)
                params = re.findall(r"<(?:\w+:)?(\w+)>", route)
                found.append((f"{namespace}{entry.name}", route, params))

    walk(get_resolver().url_patterns, "", "")
    return found


def api_operations() -> list[tuple[str, str]]:
    from rsca.api.router import api

    schema = api.get_openapi_schema()
    return [(path, method.upper()) for path, ops in schema["paths"].items() for method in ops]


def fill(template: str, values: dict[str, Any]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]), template)


def assert_no_leak(response: Any, markers: list[str], who: str, where: str) -> None:
    assert response.status_code < 500, f"{where} answered {response.status_code} to {who}"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8", "replace")
    for marker in markers:
        assert marker not in text, f"{where} leaked {marker!r} to {who}"


@pytest.mark.django_db
def test_every_page_and_api_operation_keeps_organisation_a_private(client, org_a, user_a, org_b, user_b):
    from django.urls import reverse

    samples = collect_samples(org_a, user_a)
    markers = samples["markers"]
    missing: list[str] = []
    targets: list[str] = []
    for name, route, params in page_patterns():
        if params:
            values = samples["params"].get(name)
            if values is None or not set(params) <= set(values):
                missing.append(f"page {name} ({route}) needs {params}")
                continue
            targets.append(reverse(name, kwargs={p: values[p] for p in params}))
        else:
            targets.append(reverse(name))
    operations = api_operations()
    for path, _method in operations:
        if "{" in path and path not in samples["api_params"]:
            missing.append(f"API {path}")
    assert not missing, "add samples to tests/<app>/walk.py for:\n" + "\n".join(sorted(set(missing)))

    for who, user in (("anonymous", None), ("member of B", user_b), ("member of A", user_a)):
        client.logout()
        if user is not None:
            client.force_login(user)
        for url in targets:
            response = client.get(url)
            if who == "member of A":
                assert response.status_code < 500, f"{url} answered {response.status_code} to A"
            else:
                assert_no_leak(response, markers, who, url)
        for path, method in operations:
            url = fill(path, samples["api_params"].get(path, {}))
            if method == "GET":
                response = client.get(url)
            else:
                response = client.generic(method, url, data="{}", content_type="application/json")
            if who == "member of A":
                assert response.status_code < 500, f"{method} {url} answered {response.status_code} to A"
                continue
            assert_no_leak(response, markers, who, f"{method} {url}")
            if method != "GET" and path not in samples["public_writes"]:
                assert response.status_code >= 400, f"{method} {url} accepted a write from {who}"


def operations_requiring_a_user() -> list[tuple[str, str]]:
    """(path, method) of every API operation whose authentication has no anonymous fallback."""
    from ninja.constants import NOT_SET

    from rsca.api.auth import _anonymous
    from rsca.api.router import api

    found = []
    for prefix, router in api._routers:
        for route, path_view in router.path_operations.items():
            for operation in path_view.operations:
                effective = operation.auth_param
                if effective is NOT_SET:
                    effective = router.auth if router.auth is not NOT_SET else api.auth
                if _anonymous not in (effective if isinstance(effective, list | tuple) else [effective]):
                    path = "/api/v1" + re.sub(r"//+", "/", f"/{prefix}/{route}").rstrip("/")
                    path = re.sub(r"\{(\w+):(\w+)\}", r"{\2}", path)
                    for method in operation.methods:
                        found.append((path, method))
    return found


@pytest.mark.django_db
def test_api_operations_that_need_a_user_refuse_anonymous_with_401(client):
    operations = operations_requiring_a_user()
    assert ("/api/v1/me", "GET") in operations
    for path, method in operations:
        url = re.sub(r"\{\w+\}", "1", path)
        response = client.generic(method, url, data="{}", content_type="application/json")
        assert response.status_code == 401, f"{method} {path}: {response.status_code}"
        assert response.json()["code"] == "unauthenticated"
