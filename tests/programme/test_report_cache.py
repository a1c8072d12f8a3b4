"""The donor report is built and rendered once per results version, language, window and viewer scope: a second
request is served from the cache, any change to the figures (typed in or computed) or to the project's budgets
shows at once, and viewers of different organisations never share a cached report."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from rsca.programme import services, signals
from rsca.programme.models import Budget
from tests.programme.factories import make_indicator, make_project

pytestmark = pytest.mark.django_db
D = datetime.date
REPORT = "/projects/{slug}/report/?year=2024"
XLSX = "/projects/{slug}/report.xlsx?year=2024"


def fetch(client: Client, url: str) -> tuple[bytes, list[str]]:
    """The response body and the SQL it ran."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content, [q["sql"] for q in queries.captured_queries]


def built(sql: list[str]) -> bool:
    """Whether the request built the report (read the logframe) rather than took it from the cache."""
    return any('FROM "programme_resultnode"' in statement for statement in sql)


def xlsx_actuals(content: bytes) -> dict[str, Any]:
    sheet = load_workbook(io.BytesIO(content))["Results"]
    rows = list(sheet.iter_rows(values_only=True))
    return {row[2].split()[0]: row[8] for row in rows[1:]}


@pytest.fixture
def project(org_a, user_a):
    project = make_project(owner=org_a)
    indicator = make_indicator(project=project, dimensions=["sex"])
    services.indicator_period_save(
        indicator=indicator,
        start=D(2024, 1, 1),
        end=D(2024, 12, 31),
        target=10,
        actual=4,
        evidence_en="attendance lists",
        actual_breakdown={("sex", "female"): 3},
        by=user_a,
    )
    return project


@pytest.mark.parametrize("url", [REPORT, XLSX])
def test_a_second_request_is_served_from_the_cache(client, project, url, django_assert_max_num_queries):
    url = url.format(slug=project.slug)
    first, sql = fetch(client, url)
    assert built(sql)
    with django_assert_max_num_queries(
        10
    ):  # the project and its related lists, the stale check; no report query
        second, sql = fetch(client, url)
    assert not built(sql)
    if "xlsx" in url:
        assert second == first and xlsx_actuals(second) == {"I1": 4}
    else:
        assert second.decode().count("attendance lists") == 1 == first.decode().count("attendance lists")


def test_a_changed_period_value_or_budget_shows_at_once(client, project, user_a):
    url = XLSX.format(slug=project.slug)
    assert xlsx_actuals(fetch(client, url)[0]) == {"I1": 4}
    period = project.results.get().indicators.get().periods.get()
    services.indicator_period_save(
        indicator=period.indicator,
        start=period.start,
        end=period.end,
        target=10,
        actual=7,
        evidence_en="attendance lists",
        period=period,
        by=user_a,
    )
    content, sql = fetch(client, url)
    assert built(sql) and xlsx_actuals(content) == {"I1": 7}
    assert xlsx_actuals(fetch(client, url)[0]) == {"I1": 7}  # the new figure is cached in turn
    Budget.objects.create(
        project=project,
        period_start=D(2024, 1, 1),
        period_end=D(2024, 12, 31),
        value=Decimal("123456"),
        currency="EUR",
        value_date=D(2024, 1, 1),
    )
    assert "123456" in fetch(client, REPORT.format(slug=project.slug))[0].decode().replace(",", "")
    project.title_en = "Renamed project"
    project.save()
    assert "Renamed project" in fetch(client, REPORT.format(slug=project.slug))[0].decode()


def test_viewers_of_different_organisations_do_not_share_a_cached_report(project, user_a, user_b, staff_user):
    url = REPORT.format(slug=project.slug)
    clients = {}
    for name, user in (("a", user_a), ("b", user_b), ("staff", staff_user), ("anonymous", None)):
        clients[name] = Client()
        if user is not None:
            clients[name].force_login(user)
    assert built(fetch(clients["a"], url)[1])
    assert not built(fetch(clients["a"], url)[1])
    for name in ("b", "staff", "anonymous"):  # each builds its own entry, then reuses it
        assert built(fetch(clients[name], url)[1]), name
        assert not built(fetch(clients[name], url)[1]), name
    project.is_public = False
    project.save()
    assert clients["b"].get(url).status_code == 404  # the owner's cached report is never served to others
    assert clients["anonymous"].get(XLSX.format(slug=project.slug)).status_code == 404
    assert "attendance lists" in fetch(clients["a"], url)[0].decode()


def test_a_refresh_that_changes_a_computed_actual_invalidates_the_cached_report(
    client, org_a, user_a, monkeypatch
):
    figures = {"facilities_assessed": 2, "facilities_by_province": {"440000": 2}}
    monkeypatch.setattr(services, "compliance_figures", lambda **_: dict(figures))
    project = make_project(owner=org_a)
    indicator = make_indicator(
        project=project,
        code="C1",
        source="computed",
        computation="compliance_facilities_assessed",
        dimensions=["province"],
    )
    services.indicator_period_save(indicator=indicator, start=D(2024, 1, 1), end=D(2024, 12, 31), by=user_a)
    url = XLSX.format(slug=project.slug)
    assert xlsx_actuals(fetch(client, url)[0]) == {"C1": 2}
    assert not built(fetch(client, url)[1])
    figures.update(facilities_assessed=5, facilities_by_province={"440000": 5})
    signals.mark_stale("compliance")  # as a finished compliance check does
    content, sql = fetch(client, url)
    assert built(sql) and xlsx_actuals(content) == {"C1": 5}
    signals.mark_stale("compliance")  # recomputed, but nothing changed: the cached report stays
    assert not built(fetch(client, url)[1])
