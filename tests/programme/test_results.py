"""Indicator values: validation with clear messages, computed actuals from trainings, spreadsheet import."""

from __future__ import annotations

import datetime
import secrets
from decimal import Decimal

import pytest

from rsca.core.errors import Forbidden, InvalidInput
from rsca.programme import computed, services
from rsca.programme.models import IndicatorPeriod, Project
from tests.programme.factories import make_indicator, make_project

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def project(org_a):
    return make_project(owner=org_a)


def test_a_value_that_is_not_a_number_is_refused_naming_the_field(project, user_a):
    indicator = make_indicator(project=project)
    with pytest.raises(InvalidInput) as error:
        services.indicator_period_save(
            indicator=indicator, start=D(2024, 1, 1), end=D(2024, 12, 31), target="about forty", by=user_a
        )
    assert error.value.details[0]["column"] == "target"
    assert "not a number" in error.value.details[0]["message"]
    assert not IndicatorPeriod.objects.filter(indicator=indicator).exists()


def test_percentages_over_100_are_refused(project, user_a):
    indicator = make_indicator(project=project, measure="2")
    with pytest.raises(InvalidInput, match="between 0 and 100"):
        services.indicator_period_save(
            indicator=indicator, start=D(2024, 1, 1), end=D(2024, 12, 31), target="120%", by=user_a
        )
    period = services.indicator_period_save(
        indicator=indicator,
        start=D(2024, 1, 1),
        end=D(2024, 12, 31),
        target="80%",
        actual="72.5",
        evidence_en="survey",
        by=user_a,
    )
    assert period.target == Decimal("80.00") and period.actual == Decimal("72.50")


def test_overlapping_periods_are_refused(project, user_a):
    indicator = make_indicator(project=project)
    services.indicator_period_save(
        indicator=indicator, start=D(2024, 1, 1), end=D(2024, 6, 30), target=5, by=user_a
    )
    with pytest.raises(InvalidInput, match="overlaps"):
        services.indicator_period_save(
            indicator=indicator, start=D(2024, 6, 1), end=D(2024, 12, 31), target=5, by=user_a
        )
    services.indicator_period_save(
        indicator=indicator, start=D(2024, 7, 1), end=D(2024, 12, 31), target=5, by=user_a
    )
    assert indicator.periods.count() == 2


def test_a_hand_entered_actual_needs_evidence_and_a_count_cannot_be_negative(project, user_a):
    indicator = make_indicator(project=project)
    with pytest.raises(InvalidInput) as error:
        services.indicator_period_save(
            indicator=indicator, start=D(2024, 1, 1), end=D(2024, 12, 31), actual="-3", by=user_a
        )
    messages = [d["message"] for d in error.value.details]
    assert any("negative" in m for m in messages)
    with pytest.raises(InvalidInput, match="evidence"):
        services.indicator_period_save(
            indicator=indicator, start=D(2024, 1, 1), end=D(2024, 12, 31), actual="3", by=user_a
        )


def test_disaggregations_cannot_add_up_to_more_than_the_total(project, user_a):
    indicator = make_indicator(project=project, dimensions=["sex"])
    with pytest.raises(InvalidInput, match="adds up to"):
        services.indicator_period_save(
            indicator=indicator,
            start=D(2024, 1, 1),
            end=D(2024, 12, 31),
            actual="10",
            evidence_en="list",
            actual_breakdown={("sex", "female"): "6", ("sex", "male"): "6"},
            by=user_a,
        )
    with pytest.raises(InvalidInput, match="not disaggregated"):
        services.indicator_period_save(
            indicator=indicator,
            start=D(2024, 1, 1),
            end=D(2024, 12, 31),
            actual="10",
            evidence_en="list",
            actual_breakdown={("province", "440000"): "6"},
            by=user_a,
        )
    period = services.indicator_period_save(
        indicator=indicator,
        start=D(2024, 1, 1),
        end=D(2024, 12, 31),
        actual="10",
        evidence_en="list",
        actual_breakdown={("sex", "female"): "6", ("sex", "male"): "4"},
        by=user_a,
    )
    assert {(d.value_label, d.value) for d in period.disaggregations.all()} == {
        ("female", Decimal(6)),
        ("male", Decimal(4)),
    }


def test_only_editors_of_the_owner_change_values(project, user_b):
    indicator = make_indicator(project=project)
    with pytest.raises(Forbidden):
        services.indicator_period_save(
            indicator=indicator, start=D(2024, 1, 1), end=D(2024, 12, 31), target=1, by=user_b
        )


def test_computed_actuals_cannot_be_typed_in(project, user_a):
    indicator = make_indicator(project=project, source="computed", computation="training_participants")
    with pytest.raises(InvalidInput, match="computed"):
        services.indicator_period_save(
            indicator=indicator, start=D(2024, 1, 1), end=D(2024, 12, 31), actual="5", by=user_a
        )


def test_computed_actuals_fill_and_refresh_themselves_from_training_figures(project, user_a, monkeypatch):
    indicator = make_indicator(
        project=project,
        source="computed",
        computation="training_participants",
        dimensions=["sex", "constituent"],
    )
    services.indicator_period_save(
        indicator=indicator, start=D(2024, 1, 1), end=D(2024, 12, 31), target=50, by=user_a
    )
    figures = {
        "participants": 12,
        "by_sex": {"female": 7, "male": 5, "other": 0},
        "by_constituent": {"government": 2, "enterprise": 10},
    }
    calls = []

    def fake(*, date_from, date_to):
        calls.append((date_from, date_to))
        return figures

    monkeypatch.setattr(computed, "training_figures", fake)
    monkeypatch.setattr(services, "training_figures", fake)
    assert services.indicator_actuals_refresh(project=project, today=D(2024, 6, 30)) == 1
    period = indicator.periods.get()
    assert period.actual == 12 and calls == [(D(2024, 1, 1), D(2024, 6, 30))]
    assert {(d.dimension, d.value_label): d.value for d in period.disaggregations.filter(kind="actual")} == {
        ("sex", "female"): 7,
        ("sex", "male"): 5,
        ("constituent", "government"): 2,
        ("constituent", "enterprise"): 10,
    }
    figures["participants"], figures["by_sex"] = 15, {"female": 9, "male": 6}
    assert (
        services.indicator_actuals_refresh(project=project, today=D(2024, 6, 30)) == 0
    )  # fresh: not recomputed
    assert services.indicator_actuals_refresh(project=project, today=D(2024, 6, 30), force=True) == 1
    period.refresh_from_db()
    assert period.actual == 15
    assert not period.disaggregations.filter(dimension="sex", value_label="other").exists()


def test_the_seeded_people_trained_indicator_counts_recorded_training_attendance(staff_user):
    training = pytest.importorskip("rsca.training.models")
    from rsca.core.models import Division

    project = Project.objects.get(slug="rsca-china")
    activity = training.Activity.objects.create(
        slug="test-csr-training-2019",
        kind="training",
        title_en="CSR training",
        start_date=D(2019, 10, 15),
        end_date=D(2019, 10, 17),
    )
    province = Division.objects.get(code="440000")
    for n, sex in enumerate(["female", "female", "male"]):
        person = training.Participant.objects.create(
            full_name=f"Person {n}",
            sex=sex,
            constituent_type="enterprise",
            organisation_name=f"Factory {n % 2}",
            province=province,
        )
        training.Registration.objects.create(
            activity=activity, participant=person, attended=True, token=secrets.token_urlsafe(32)
        )
    services.indicator_actuals_refresh(project=project, force=True)
    period = IndicatorPeriod.objects.get(
        indicator__node__project=project, indicator__code="I1.2.a", start=D(2019, 1, 1)
    )
    assert period.actual == 3
    by_sex = {d.value_label: d.value for d in period.disaggregations.filter(kind="actual", dimension="sex")}
    assert by_sex == {"female": 2, "male": 1}
    enterprises = IndicatorPeriod.objects.get(
        indicator__node__project=project, indicator__code="I1.2.b", start=D(2019, 1, 1)
    )
    assert enterprises.actual == 2
    other_year = IndicatorPeriod.objects.get(
        indicator__node__project=project, indicator__code="I1.2.a", start=D(2017, 12, 15)
    )
    assert other_year.actual in (None, 0)  # the 2019 attendance does not leak into the first year


CSV_OK = (
    "indicator,period_start,period_end,target,actual,evidence,dimension,dimension_value\n"
    "I1,2024-01-01,2024-12-31,40,30,Attendance sheets,,\n"
    "I1,2024-01-01,2024-12-31,,18,,sex,female\n"
    "I1,2024-01-01,2024-12-31,,12,,sex,male\n"
    "I1,2025-01-01,2025-12-31,60,,,,\n"
)


def test_spreadsheet_import_previews_then_saves_everything(project, user_a):
    make_indicator(project=project, dimensions=["sex"])
    preview = services.indicator_values_preview(
        project=project, source=CSV_OK.encode(), filename="values.csv", by=user_a
    )
    assert preview.ok and len(preview.periods) == 2
    assert not IndicatorPeriod.objects.filter(indicator__node__project=project).exists()
    assert (
        services.indicator_values_import(
            project=project, source=CSV_OK.encode(), filename="values.csv", by=user_a
        )
        == 2
    )
    period = IndicatorPeriod.objects.get(indicator__node__project=project, start=D(2024, 1, 1))
    assert (period.target, period.actual) == (40, 30)
    assert period.disaggregations.filter(kind="actual").count() == 2


def test_a_bad_row_names_file_row_and_column_and_nothing_is_saved(project, user_a):
    make_indicator(project=project)
    make_indicator(project=project, code="P1", measure="2")
    bad = (
        "indicator,period_start,period_end,target,actual,evidence\n"
        "I1,2024-01-01,2024-12-31,40,30,sheets\n"
        "P1,2024-01-01,2024-12-31,140,,\n"
        "I1,2024-06-01,2025-05-31,ten,,\n"
        "XX,2024-01-01,2024-12-31,1,,\n"
        "I1,31/12/2024,2025-12-31,1,,\n"
    )
    with pytest.raises(InvalidInput) as error:
        services.indicator_values_import(project=project, source=bad.encode(), filename="bad.csv", by=user_a)
    details = error.value.details
    where = {(d["row"], d["column"]) for d in details}
    # rows as the user sees them in Excel: the header is row 1 (issue 17: one error format in every importer)
    assert (3, "target") in where  # percentage over 100
    assert (4, "target") in where  # not a number
    assert (4, "start") in where  # overlaps the first row's period
    assert (5, "indicator") in where
    assert (6, "period_start") in where
    assert all(d["file"] == "bad.csv" for d in details)
    assert not IndicatorPeriod.objects.filter(indicator__node__project=project).exists()


def test_refresh_command_recomputes_computed_indicators(monkeypatch):
    import io

    from django.core.management import call_command

    monkeypatch.setattr(
        services,
        "training_figures",
        lambda *, date_from, date_to: {
            "participants": 7,
            "enterprises": 3,
            "by_sex": {"female": 4, "male": 3},
            "knowledge_gain": 12.5,
            "satisfaction": 4.2,
        },
    )
    out = io.StringIO()
    call_command("refresh-indicators", stdout=out)
    assert "indicator periods changed" in out.getvalue()
    period = IndicatorPeriod.objects.get(
        indicator__node__project__slug="rsca-china", indicator__code="I1.a", start=D(2019, 1, 1)
    )
    assert period.actual == Decimal("12.50")
