"""The results page: its cached logframe and chart HTML follows every change at once, per language, and its
embedded chart data is valid JSON that cannot close the script element."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rsca.programme import services
from tests.programme.factories import make_indicator, make_project

pytestmark = pytest.mark.django_db
D = datetime.date


def chart_data(html: str) -> dict:
    found = re.search(r'<script id="dashboard-data" type="application/json">(.*?)</script>', html, re.S)
    assert found, "no dashboard data on the page"
    return json.loads(found.group(1))


def first_chart(data: dict) -> dict:
    item = data["charts"][data["ids"][0]]
    return {"periods": data["periods"][item["p"]], "targets": item["t"], "dimensions": item["d"]}


def test_results_page_follows_changes_and_language_and_escapes_chart_data(client, org_a, user_a):
    project = make_project(owner=org_a)
    indicator = make_indicator(project=project, dimensions=["sex"])
    indicator.title_en = "Workers </script><b>trained</b> & more"
    indicator.save()
    label = "f</script><b>x</b>&"
    period = services.indicator_period_save(
        indicator=indicator,
        start=D(2024, 1, 1),
        end=D(2024, 12, 31),
        target=10,
        actual=4,
        evidence_en="list",
        actual_breakdown={("sex", label): 3},
        by=user_a,
    )
    url = f"/projects/{project.slug}/results/"
    html = client.get(url).content.decode()
    data = chart_data(html)
    assert first_chart(data) == {
        "periods": ["2024-01-01"],
        "targets": [10],
        "dimensions": {"sex": {label: [3]}},
    }
    assert "Workers &lt;/script&gt;&lt;b&gt;trained&lt;/b&gt; &amp; more" in html  # the chart card's title
    assert (
        "<b>trained</b>" not in html and "<b>x</b>" not in html
    )  # escaped in the chart card and in the JSON
    assert chart_data(client.get(url).content.decode()) == data  # served again (from the cache)
    services.indicator_period_save(
        indicator=indicator,
        start=period.start,
        end=period.end,
        target=25,
        actual=4,
        evidence_en="list",
        period=period,
        by=user_a,
    )
    assert first_chart(chart_data(client.get(url).content.decode()))["targets"] == [25]
    chinese = client.get(f"/zh-hans{url}").content.decode()
    assert first_chart(chart_data(chinese))["dimensions"] == {"性别": {label: [3]}} and "成果框架" in chinese


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_the_logframe_amount_filter_shows_what_floatformat_minus_2_shows(value):
    from django.template.defaultfilters import floatformat

    from rsca.programme.templatetags.programme_numbers import amount

    assert amount(value) == floatformat(value, -2)


def test_the_amount_filter_leaves_missing_values_empty():
    from rsca.programme.templatetags.programme_numbers import amount

    assert [amount(None), amount(""), amount("n/a")] == ["", "", ""]


def test_dashboard_series_by_dimension_line_up_with_the_periods_and_leave_gaps_empty(org_a, user_a):
    from decimal import Decimal

    from rsca.programme import selectors
    from rsca.programme.models import Disaggregation, IndicatorPeriod

    project = make_project(owner=org_a)
    indicator = make_indicator(project=project, dimensions=["sex", "province"])
    other = make_indicator(project=project, code="I2", dimensions=["sex"])
    # created out of order: the series follow the periods' dates
    p3, p1, p2 = (
        IndicatorPeriod.objects.create(
            indicator=indicator, start=D(2024, m, 1), end=D(2024, m, 28), actual=Decimal(m)
        )
        for m in (3, 1, 2)
    )
    q1 = IndicatorPeriod.objects.create(indicator=other, start=D(2024, 1, 1), end=D(2024, 1, 31), actual=1)
    for period, kind, dimension, label, value in [
        (p1, "actual", "sex", "male", 2),
        (p1, "actual", "sex", "female", 3),
        (p3, "actual", "sex", "female", 5),
        (p2, "actual", "province", "Yunnan", 1),
        (p2, "target", "sex", "male", 9),
        (p1, "actual", "sector", "garments", 4),  # not one of the indicator's dimensions
        (q1, "actual", "sex", "female", 7),
    ]:
        Disaggregation.objects.create(
            period=period, kind=kind, dimension=dimension, value_label=label, value=value
        )
    first, second = selectors.results_dashboard(user=user_a, project=project)["indicators"]
    assert first["periods"] == ["2024-01", "2024-02", "2024-03"] and first["actuals"] == [1.0, 2.0, 3.0]
    assert first["dimensions"] == {
        "sex": {"female": [3.0, None, 5.0], "male": [2.0, None, None]},
        "province": {"Yunnan": [None, 1.0, None]},
    }
    assert list(first["dimensions"]["sex"]) == ["female", "male"]
    assert second["dimensions"] == {"sex": {"female": [7.0]}}
