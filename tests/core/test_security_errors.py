"""Results pages of every seeded project, the API's JSON error body in production mode, and the CSP header."""

from __future__ import annotations

import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_every_seeded_project_results_page_chart_data_and_dashboard_answer_200() -> None:
    from rsca.programme.models import Project

    projects = list(Project.objects.order_by("slug"))
    assert len(projects) >= 5, "the reference seed carries the programme's projects"
    client = Client()
    for project in projects:
        for url in (
            f"/projects/{project.slug}/results/",
            f"/projects/{project.slug}/results/charts.json",
            f"/api/v1/programme/projects/{project.slug}/dashboard",
        ):
            assert client.get(url).status_code == 200, url


def test_a_project_without_indicators_has_an_empty_dashboard() -> None:
    from rsca.programme.models import Project

    project = Project.objects.exclude(results__indicators__isnull=False).first()
    assert project is not None, "some seeded projects have no indicators yet"
    answer = Client().get(f"/api/v1/programme/projects/{project.slug}/dashboard")
    assert answer.status_code == 200
    assert isinstance(answer.json()["indicators"], list)


def test_unknown_api_path_answers_the_json_error_body_in_production(settings) -> None:
    settings.DEBUG = False
    answer = Client().get("/api/v1/no-such-endpoint/at-all")
    assert answer.status_code == 404
    assert answer["Content-Type"].startswith("application/json")
    assert answer.json()["code"] == "not_found"
    assert set(answer.json()) == {"code", "message", "details"}


def test_unexpected_api_error_answers_the_json_error_body_in_production(settings, monkeypatch) -> None:
    from rsca.core import selectors

    def broken() -> None:
        raise RuntimeError("a bug")

    settings.DEBUG = False
    monkeypatch.setattr(selectors, "sector_list", broken)
    answer = Client(raise_request_exception=False).get("/api/v1/reference/sectors")
    assert answer.status_code == 500
    body = json.loads(answer.content)
    assert body["code"] == "server_error" and "a bug" not in body["message"]
    assert set(body) == {"code", "message", "details"}


def test_pages_keep_their_html_error_page_in_production(settings) -> None:
    settings.DEBUG = False
    answer = Client().get("/no-such-page/")
    assert answer.status_code == 404
    assert answer["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("url", ["/", "/zh-hans/", "/api/v1/docs", "/account/login/"])
def test_every_page_carries_a_strict_content_security_policy(url: str) -> None:
    policy = Client().get(url)["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert (
        "'unsafe-inline'" not in directives["script-src"] and "'unsafe-eval'" not in directives["script-src"]
    )
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert all(source == "'self'" or source.startswith("'nonce-") for source in directives["script-src"])
