"""Public pages in English and Chinese, the indicator form, the import page and the API."""

from __future__ import annotations

import datetime

import pytest

from rsca.programme.models import IndicatorPeriod
from tests.programme.factories import make_indicator, make_project

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "english", "chinese"),
    [
        ("/", "Four areas of intervention", "亚洲负责任供应链"),
        ("/about/", "National and provincial", "国家级和省级"),
        ("/projects/", "Responsible Supply Chains in Asia - China", "亚洲负责任供应链——中国"),
        (
            "/projects/rsca-china/",
            "not published to IATI",
            "欧洲联盟",
        ),  # provisional identifiers are not shown
    ],
)
def test_public_pages_render_in_both_languages(client, url, english, chinese):
    response = client.get(url)
    assert response.status_code == 200 and english in response.content.decode()
    response = client.get(f"/zh-hans{url}")
    assert response.status_code == 200 and chinese in response.content.decode()


def test_home_presents_objectives_areas_and_partners(client):
    text = client.get("/").content.decode()
    for expected in (
        "Create a policy environment conducive",
        "Policy advocacy",
        "Training",
        "Ministry of Human Resources and Social Security",
        "China Enterprise Confederation",
        "All-China Federation of Trade Unions",
        "EUR 9,000,000",
        "December 2017 – December 2020",
    ):
        assert expected in text


def test_projects_can_be_filtered_by_country(client):
    text = client.get("/projects/?country=MN").content.decode()
    assert "Mongolia Phase 2" in text and "Cotton Supply Chain" not in text


def test_navigation_lists_the_programme_pages(client):
    text = client.get("/").content.decode()
    assert 'href="/projects/"' in text and 'href="/about/"' in text and 'href="/library/"' in text


def test_editor_adds_a_period_through_the_form_and_sees_errors_next_to_fields(client_a, org_a):
    project = make_project(owner=org_a)
    indicator = make_indicator(project=project, measure="2")
    url = f"/indicators/{indicator.pk}/"
    response = client_a.post(url, {"start": "2024-01-01", "end": "2024-12-31", "target": "150"})
    assert response.status_code == 422 and "between 0 and 100" in response.content.decode()
    response = client_a.post(
        url,
        {
            "start": "2024-01-01",
            "end": "2024-12-31",
            "target": "60",
            "actual": "55",
            "evidence_en": "Survey of 40 firms",
        },
    )
    assert response.status_code == 302
    assert IndicatorPeriod.objects.get(indicator=indicator).actual == 55


def test_others_cannot_post_values(client, org_a, user_b):
    project = make_project(owner=org_a)
    indicator = make_indicator(project=project)
    client.force_login(user_b)
    response = client.post(
        f"/indicators/{indicator.pk}/", {"start": "2024-01-01", "end": "2024-12-31", "target": "1"}
    )
    assert response.status_code == 404 and not IndicatorPeriod.objects.filter(indicator=indicator).exists()


def test_import_page_previews_then_commits(client_a, org_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    project = make_project(owner=org_a)
    make_indicator(project=project)
    csv = b"indicator,period_start,period_end,target\nI1,2024-01-01,2024-12-31,12\n"
    url = f"/projects/{project.slug}/results/import/"
    response = client_a.post(url, {"file": SimpleUploadedFile("v.csv", csv, content_type="text/csv")})
    assert (
        response.status_code == 200
        and not IndicatorPeriod.objects.filter(indicator__node__project=project).exists()
    )
    token = response.context["token"]
    response = client_a.post(url, {"token": token})
    assert response.status_code == 302
    assert IndicatorPeriod.objects.get(indicator__node__project=project).target == 12
    bad = client_a.post(url, {"file": SimpleUploadedFile("v.txt", b"hello", content_type="text/plain")})
    assert bad.status_code == 422 and "csv" in bad.content.decode().lower()


def test_api_programme_and_results(client):
    data = client.get("/api/v1/programme/programme").json()
    assert data["funding_amount"] == "9000000.00" or float(data["funding_amount"]) == 9000000
    assert {p["organisation_slug"] for p in data["partners"]} >= {"mohrss", "cec", "acftu"}
    results = client.get("/api/v1/programme/projects/rsca-china/results").json()
    assert [r["code"] for r in results if r["level"] == "objective"] == ["O1", "O2", "O3"]


def test_api_period_creation_needs_an_editor(client, client_a, org_a):
    project = make_project(owner=org_a, slug="api-project")
    indicator = make_indicator(project=project, dimensions=["sex"])
    url = f"/api/v1/programme/indicators/{indicator.pk}/periods"
    payload = {
        "start": "2024-01-01",
        "end": "2024-12-31",
        "target": 10,
        "actual": "8",
        "evidence_en": "list",
        "actual_disaggregation": {"sex": {"female": 5, "male": 3}},
    }
    response = client_a.post(url, payload, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["actual"] in ("8.00", 8, 8.0, "8")
    bad = client_a.post(
        url,
        {**payload, "start": "2024-06-01", "end": "2025-05-31", "target": "x"},
        content_type="application/json",
    )
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_indicator_value"
    client.logout()
    assert client.post(url, payload, content_type="application/json").status_code == 401
    assert datetime.date(2024, 1, 1) == IndicatorPeriod.objects.get(indicator=indicator).start


def test_absurd_page_numbers_are_refused_not_a_server_error(client):
    for path in ("/api/v1/programme/projects", "/api/v1/library/resources"):
        response = client.get(path, {"page": 184467440737095518})
        assert response.status_code == 422 and response.json()["code"] == "invalid_input"
    assert client.get("/library/", {"page": "184467440737095518"}).status_code == 200
    assert client.get("/projects/", {"page": "99999999999999999999"}).status_code == 200
