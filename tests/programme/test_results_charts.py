"""The results page carries the data of its first charts only; the others' data comes from a small JSON endpoint
(scoped like the page, cached by results version), in a compact form that draws the same figures."""

from __future__ import annotations

import datetime
import json
import re

import pytest

from rsca.programme import selectors, services, views
from rsca.programme.models import Project
from tests.programme.factories import make_indicator, make_project

pytestmark = pytest.mark.django_db
D = datetime.date


def page_data(html: str) -> dict:
    found = re.search(r'<script id="dashboard-data" type="application/json">(.*?)</script>', html, re.S)
    assert found
    return json.loads(found.group(1))


def drawn(data: dict, pk: str) -> dict:
    """One chart's figures as dashboard.js reads them."""
    item = data["charts"][pk]
    return {
        "periods": data["periods"][item["p"]],
        "targets": item["t"],
        "actuals": item["a"],
        "percentage": item["pct"],
        "dimensions": item["d"],
    }


@pytest.fixture
def project(org_a, user_a):
    project = make_project(owner=org_a, public=False)
    for n in range(7):
        indicator = make_indicator(
            project=project, code=f"I{n}", measure="2" if n == 3 else "1", dimensions=["sex"]
        )
        for month in (1, 2, 3):
            services.indicator_period_save(
                indicator=indicator,
                start=D(2024, month, 1),
                end=D(2024, month, 28),
                target=10 + n,
                actual="12.5" if n == 3 else n,
                evidence_en="list",
                actual_breakdown={("sex", "female"): n} if n != 3 else None,
                by=user_a,
            )
    return Project.objects.get(pk=project.pk)


def test_the_page_carries_the_first_charts_and_the_endpoint_the_others(client_a, project, user_a):
    html = client_a.get(f"/projects/{project.slug}/results/").content.decode()
    data = page_data(html)
    dashboard = selectors.results_dashboard(user=user_a, project=project)["indicators"]
    assert data["ids"] == [str(item["id"]) for item in dashboard]
    assert list(data["charts"]) == data["ids"][: views.CHARTS_INLINE]
    assert html.count('data-indicator="') == 7  # every card is on the page, drawn when it comes into view
    response = client_a.get(
        data["url"] + "&ids=" + ",".join(data["ids"][views.CHARTS_INLINE :] + ["999999", "x"])
    )
    assert response.status_code == 200 and response["Cache-Control"] == "private, max-age=3600"
    assert "Cookie" in response["Vary"]  # a browser keeps it per signed-in session
    fetched = response.json()
    assert list(fetched["charts"]) == data["ids"][views.CHARTS_INLINE :] and len(fetched["periods"]) == 1
    for item in dashboard:
        source = data if str(item["id"]) in data["charts"] else fetched
        assert drawn(source, str(item["id"])) == {
            "periods": ["2024-01", "2024-02", "2024-03"],
            "targets": item["targets"],
            "actuals": item["actuals"],
            "percentage": item["percentage"],
            "dimensions": item["dimensions"],
        }
    third = drawn(data, data["ids"][3])
    assert third["actuals"] == [12.5, 12.5, 12.5] and third["percentage"] and third["targets"] == [13, 13, 13]


def test_the_chart_data_follows_changes_and_the_date_filter(client_a, project, user_a):
    data = page_data(client_a.get(f"/projects/{project.slug}/results/").content.decode())
    indicator = project.results.get().indicators.get(code="I6")
    period = indicator.periods.get(start=D(2024, 2, 1))
    services.indicator_period_save(
        indicator=indicator, start=period.start, end=period.end, target=99, period=period, by=user_a
    )
    pk = str(indicator.pk)
    old = client_a.get(f"{data['url']}&ids={pk}")
    assert (
        old["Cache-Control"] == "private, no-cache"
    )  # asked for an old version: answered with the current one
    assert drawn(old.json(), pk)["targets"] == [16, 99, 16]
    newer = page_data(client_a.get(f"/projects/{project.slug}/results/").content.decode())
    assert newer["url"] != data["url"]  # a new address for the new version
    filtered = page_data(
        client_a.get(f"/projects/{project.slug}/results/?date_from=2024-02-01").content.decode()
    )
    answer = client_a.get(f"{filtered['url']}&ids={pk}").json()
    assert drawn(answer, pk)["targets"] == [99, 16] and drawn(answer, pk)["periods"] == ["2024-02", "2024-03"]


def test_the_chart_data_of_a_private_project_is_hidden_from_others(client, project, user_b):
    pk = str(project.results.get().indicators.first().pk)
    url = f"/projects/{project.slug}/results/charts.json?ids={pk}"
    assert client.get(url).status_code == 404
    client.force_login(user_b)
    assert client.get(url).status_code == 404
