"""The donor progress report as HTML, PDF and XLSX, and the results dashboard."""

from __future__ import annotations

import datetime
import io
import time

import pytest
from openpyxl import load_workbook

from rsca.programme import selectors, services
from rsca.programme.models import Project
from tests.programme.factories import make_indicator, make_project

pytestmark = pytest.mark.django_db


def test_report_page_lists_indicators_with_evidence(client, staff_user):
    client.force_login(staff_user)  # the seeded report is not published: staff and partners
    response = client.get("/projects/rsca-china/report/?year=2018")
    text = response.content.decode()
    assert response.status_code == 200
    assert "I2.1.a" in text and "May 2018" in text  # the MoU with MOHRSS, entered with its evidence


def test_report_downloads_as_xlsx_with_results_and_periods(client, staff_user):
    client.force_login(staff_user)  # the seeded report is not published: staff and partners
    response = client.get("/projects/rsca-china/report.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Summary", "Results", "Periods", "Finance"]
    rows = list(workbook["Results"].iter_rows(values_only=True))
    research = next(r for r in rows if r[2] and str(r[2]).startswith("I1.1.a"))
    assert research[8] == 2  # actual: the two CALSS research reports


def test_report_downloads_as_pdf_in_chinese(client, staff_user):
    client.force_login(staff_user)  # the seeded report is not published: staff and partners
    response = client.get("/zh-hans/projects/rsca-china/report.pdf?year=2019")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].endswith('.pdf"')


def test_report_years_and_windows_select_periods(org_a, user_a):
    project = make_project(owner=org_a)
    indicator = make_indicator(project=project)
    for year, actual in ((2024, 10), (2025, 15)):
        services.indicator_period_save(
            indicator=indicator,
            start=datetime.date(year, 1, 1),
            end=datetime.date(year, 12, 31),
            target=20,
            actual=actual,
            evidence_en="register",
            by=user_a,
        )
    one = selectors.donor_report(
        user=user_a, project=project, start=datetime.date(2025, 1, 1), end=datetime.date(2025, 12, 31)
    )
    assert one.rows[0].actual == 15 and one.rows[0].achievement == 75
    both = selectors.donor_report(
        user=user_a, project=project, start=datetime.date(2024, 1, 1), end=datetime.date(2025, 12, 31)
    )
    assert both.rows[0].actual == 25 and both.rows[0].target == 40


def test_dashboard_data_has_targets_actuals_and_dimensions_per_period(org_a, user_a):
    project = make_project(owner=org_a)
    indicator = make_indicator(project=project, dimensions=["sex"])
    services.indicator_period_save(
        indicator=indicator,
        start=datetime.date(2024, 1, 1),
        end=datetime.date(2024, 1, 31),
        target=5,
        actual=4,
        evidence_en="list",
        actual_breakdown={("sex", "female"): 3},
        by=user_a,
    )
    data = selectors.results_dashboard(user=user_a, project=project)
    item = data["indicators"][0]
    assert item["periods"] == ["2024-01"] and item["targets"] == [5.0] and item["actuals"] == [4.0]
    assert item["dimensions"] == {"sex": {"female": [3.0]}}


def test_results_page_renders_the_logframe_and_charts_in_both_languages(client):
    for prefix in ("", "/zh-hans"):
        response = client.get(f"{prefix}/projects/rsca-china/results/")
        text = response.content.decode()
        assert response.status_code == 200
        assert "vendor/echarts/echarts.min.js" in text and 'id="dashboard-data"' in text
        assert "OC2" in text and "I1.2.a" in text
    assert (
        "营造有利于促进企业履行社会责任行为的政策环境"
        in client.get("/zh-hans/projects/rsca-china/results/").content.decode()
    )


def test_dashboard_with_many_indicators_stays_fast(org_a, user_a):
    from rsca.programme.models import Indicator, IndicatorPeriod, ResultNode

    project = make_project(owner=org_a, slug="big")
    node = ResultNode.objects.create(project=project, level="objective", code="O1", title_en="O")
    indicators = Indicator.objects.bulk_create(
        [Indicator(node=node, code=f"I{i}", title_en=f"I{i}") for i in range(20)]
    )
    IndicatorPeriod.objects.bulk_create(
        [
            IndicatorPeriod(
                indicator=ind,
                start=datetime.date(2020 + m // 12, m % 12 + 1, 1),
                end=datetime.date(2020 + m // 12, m % 12 + 1, 28),
                target=m,
                actual=m,
            )
            for ind in indicators
            for m in range(60)
        ]
    )
    started = time.perf_counter()
    data = selectors.results_dashboard(user=user_a, project=Project.objects.get(slug="big"))
    assert len(data["indicators"]) == 20 and len(data["indicators"][0]["periods"]) == 60
    assert time.perf_counter() - started < 2.0
