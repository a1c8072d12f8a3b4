"""The donor report reads like one: yearly targets within the programme's period (marked illustrative in the demo),
actuals with their evidence, a finance sheet from budget data, a PDF laid out for print."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import load_workbook

from rsca.programme.models import IndicatorPeriod, Project

pytestmark = pytest.mark.django_db


class Quiet:
    def write(self, text: str) -> None:
        pass


@pytest.fixture
def demo(db: Any) -> Project:
    from rsca.programme import seed

    IndicatorPeriod.objects.create(
        indicator=Project.objects.get(slug="rsca-china").results.get(code="OC3").indicators.get(code="I3.a"),
        start=seed.DEMO_PERIOD[0],
        end=seed.DEMO_PERIOD[1],
    )
    seed.seed_demo(Quiet())
    return Project.objects.get(slug="rsca-china")


def test_the_demo_sets_yearly_targets_inside_the_programme_period_and_nothing_after_it(demo: Project) -> None:
    periods = IndicatorPeriod.objects.filter(indicator__node__project=demo)
    assert periods.filter(end__gt=demo.planned_end).count() == 0
    targets = periods.exclude(target=None)
    assert targets.count() >= 20 and all("Illustrative" in p.comment_en for p in targets)
    events = periods.get(indicator__code="I3.1.a", start__year=2019)
    assert events.target == 2 and events.actual == 2 and "Chengdu" in events.evidence_en


def test_the_report_shows_targets_actuals_evidence_and_the_regional_budget(
    client: Any, staff_user: Any, demo: Project
) -> None:
    client.force_login(staff_user)
    page = client.get("/projects/rsca-china/report/?year=2019").content.decode()
    assert "Illustrative target" in page and "Chengdu" in page and "Budget of the regional programme" in page
    assert "9,000,000.00" in page or "9000000.00" in page.replace(",", "")
    workbook = load_workbook(io.BytesIO(client.get("/projects/rsca-china/report.xlsx").content))
    finance = [row for row in workbook["Finance"].iter_rows(values_only=True)][1:]
    budgets = [row for row in finance if row[0] == "Budget of the regional programme"]
    assert len(budgets) == 3 and sum(Decimal(str(r[4])) for r in budgets) == Decimal("9000000")
    assert any(row[0] == "Total budget" and row[4] == 9000000 and row[5] == "EUR" for row in finance)


def test_the_pdf_keeps_rows_whole_and_sets_column_widths(client: Any, staff_user: Any, demo: Project) -> None:
    from django.template.loader import render_to_string

    css = render_to_string("programme/report_pdf.html", {"report": None})
    assert "break-inside: avoid" in css and "table-layout: fixed" in css and "c-indicator" in css
    client.force_login(staff_user)
    response = client.get("/zh-hans/projects/rsca-china/report.pdf?year=2019")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_a_report_is_seen_by_staff_and_partners_and_by_everyone_only_once_published(
    client: Any, staff_user: Any, user_a: Any, user_b: Any, org_a: Any
) -> None:
    from rsca.programme.models import Participation

    project = Project.objects.get(slug="rsca-china")
    url = "/projects/rsca-china/report.xlsx"
    assert (
        client.get(url).status_code == 404 and client.get("/projects/rsca-china/report/").status_code == 404
    )
    Participation.objects.create(project=project, organisation=org_a, role=Participation.Role.IMPLEMENTING)
    for user, status in ((staff_user, 200), (user_a, 200), (user_b, 404)):
        client.force_login(user)
        assert client.get(url).status_code == status, user
    client.logout()
    Project.objects.filter(pk=project.pk).update(report_is_public=True)
    assert client.get(url).status_code == 200
