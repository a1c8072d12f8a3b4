"""Indicators computed from compliance data: suppliers assessed and violations remediated fill and refresh
themselves when a check completes or a corrective action is verified; dashboards are cached per results version."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from rsca.compliance import services as compliance
from rsca.compliance.models import ComplianceCheck, Finding
from rsca.programme import selectors, services
from rsca.programme.models import Project
from tests.programme.factories import make_indicator, make_project

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = timezone.localdate()
YEAR = (D(TODAY.year, 1, 1), D(TODAY.year, 12, 31))


@pytest.fixture
def facility(org_a):
    from rsca.supplychain.models import Facility

    facility = Facility.objects.create(
        name="Indicator Test Electronics",
        address="8 Xingye Road, Shenzhen",
        country_id="CN",
        division_id="440300",
        claimed_by=org_a,
    )
    facility.sectors.set(["26"])
    return facility


@pytest.fixture
def buyer(facility, org_b):
    from rsca.supplychain.models import SupplyRelationship

    SupplyRelationship.objects.create(buyer=org_b, facility=facility, tier=1)
    return org_b


def finished_check(facility: Any, organisation: Any, *, month: int, codes: dict[str, int]) -> ComplianceCheck:
    check = ComplianceCheck.objects.create(
        facility=facility, organisation=organisation, jurisdiction="CN-440300", shared_with_buyers=True
    )
    for code, n in codes.items():
        for i in range(n):
            Finding.objects.create(upload=check, code=code, worker=f"W{i}", severity="high")
    # as `compliance_check_run` does: the check is saved done, then earlier actions are verified
    check.status, check.completed_at = ComplianceCheck.Status.DONE, timezone.now()
    check.period_start, check.period_end = D(2025, month, 1), D(2025, month, 28)
    check.summary = {"checks_skipped": {}}
    check.save()
    compliance.corrective_actions_verify_from_check(check=check)
    return check


def actual(indicator: Any) -> Any:
    period = indicator.periods.get()
    return period.actual, {
        (d.dimension, d.value_label): d.value for d in period.disaggregations.filter(kind="actual")
    }


def test_suppliers_assessed_and_violations_remediated_fill_and_refresh_themselves(
    org_a, user_a, facility, buyer, user_b
):
    project = make_project(owner=org_a)
    assessed = make_indicator(
        project=project,
        code="A",
        source="computed",
        computation="compliance_facilities_assessed",
        dimensions=["province", "sector"],
    )
    remediated = make_indicator(
        project=project,
        code="B",
        source="computed",
        computation="compliance_findings_remediated",
        dimensions=["province"],
    )
    verified = make_indicator(
        project=project, code="C", source="computed", computation="compliance_actions_verified"
    )
    for indicator in (assessed, remediated, verified):
        services.indicator_period_save(indicator=indicator, start=YEAR[0], end=YEAR[1], by=user_a)
    services.indicator_actuals_refresh(project=project, force=True)
    assert actual(assessed)[0] == 0 and actual(remediated)[0] == 0

    first = finished_check(
        facility, org_a, month=3, codes={"weekly_hours_over_60": 3, "below_minimum_wage": 1}
    )
    # the finished check marked the periods stale: no force needed, well within COMPUTED_MAX_AGE
    assert services.indicator_actuals_refresh(project=project) >= 1
    assert actual(assessed) == (1, {("province", "440000"): 1, ("sector", "26"): 1})
    # stored as codes (IATI carries them); charts and reports name them in the reader's language
    from django.utils import translation

    from rsca.core.models import Sector
    from rsca.programme.selectors import donor_report, results_dashboard

    for language, province in (("en", "Guangdong"), ("zh-hans", "广东省")):
        with translation.override(language):
            chart = next(
                i for i in results_dashboard(user=user_a, project=project)["indicators"] if i["code"] == "A"
            )
            assert [list(values) for values in chart["dimensions"].values()] == [
                [province],
                [Sector.objects.get(code="26").name],
            ]
            report = donor_report(user=user_a, project=project, start=YEAR[0], end=YEAR[1])
            row = next(r for r in report.rows if r.indicator.code == "A")
            assert province in next(iter(row.breakdown.values()))

    hours = compliance.corrective_action_create(
        check=first,
        finding_code="weekly_hours_over_60",
        root_cause="Rush orders",
        action="Hire",
        responsible="HR",
        due_date=D(2025, 6, 30),
        by=user_a,
    )
    wage = compliance.corrective_action_create(
        check=first,
        finding_code="below_minimum_wage",
        root_cause="Old rates",
        action="Raise pay",
        responsible="Finance",
        due_date=D(2025, 6, 30),
        by=user_a,
    )
    services.indicator_actuals_refresh(project=project)
    assert actual(remediated)[0] == 0  # planned is not remediated

    compliance.corrective_action_confirm(corrective_action=wage, by=user_b)
    services.indicator_actuals_refresh(project=project)
    assert actual(remediated) == (1, {("province", "440000"): 1})
    assert actual(verified)[0] == 1

    finished_check(facility, org_a, month=5, codes={"below_minimum_wage": 1})  # no more weekly-hours finding
    hours.refresh_from_db()
    assert hours.verification == "later_check"
    services.indicator_actuals_refresh(project=project)
    assert actual(remediated)[0] == 4 and actual(verified)[0] == 2
    assert actual(assessed)[0] == 1  # the same facility, assessed twice


def test_a_dashboard_is_served_from_cache_until_its_results_change(org_a, user_a, django_assert_num_queries):
    project = make_project(owner=org_a)
    indicator = make_indicator(project=project)
    services.indicator_period_save(
        indicator=indicator, start=D(2024, 1, 1), end=D(2024, 12, 31), target=10, by=user_a
    )
    project = Project.objects.get(pk=project.pk)
    first = selectors.results_dashboard(user=user_a, project=project)
    assert first["indicators"][0]["targets"] == [10.0]
    with django_assert_num_queries(0):
        assert selectors.results_dashboard(user=user_a, project=project) == first
    version = project.results_version
    period = indicator.periods.get()
    services.indicator_period_save(
        indicator=indicator, start=period.start, end=period.end, target=12, period=period, by=user_a
    )
    project = Project.objects.get(pk=project.pk)
    assert project.results_version != version
    assert selectors.results_dashboard(user=user_a, project=project)["indicators"][0]["targets"] == [12.0]
    # a refresh that changes nothing keeps the version (and the cache)
    version = project.results_version
    services.indicator_actuals_refresh(project=project, force=True)
    assert Project.objects.get(pk=project.pk).results_version == version


def test_dashboard_api_shows_a_changed_value_at_once(client, org_a, user_a):
    project = make_project(owner=org_a)
    indicator = make_indicator(project=project)
    services.indicator_period_save(
        indicator=indicator, start=D(2024, 1, 1), end=D(2024, 12, 31), target=10, by=user_a
    )
    url = f"/api/v1/programme/projects/{project.slug}/dashboard"
    assert client.get(url).json()["indicators"][0]["targets"] == [10.0]
    client.force_login(user_a)
    response = client.post(
        f"/api/v1/programme/indicators/{indicator.pk}/periods",
        {"start": "2024-01-01", "end": "2024-12-31", "target": 20},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert client.get(url).json()["indicators"][0]["targets"] == [20.0]


def test_compliance_indicators_export_to_valid_iati_with_their_province_dimension(org_a, user_a, facility):
    from lxml import etree

    from rsca.programme.iati import activities_xml
    from tests.programme.test_iati import SCHEMA_DIR

    project = make_project(owner=org_a)
    assessed = make_indicator(
        project=project,
        code="A",
        source="computed",
        computation="compliance_facilities_assessed",
        dimensions=["province", "sector"],
    )
    services.indicator_period_save(indicator=assessed, start=YEAR[0], end=YEAR[1], by=user_a)
    finished_check(facility, org_a, month=3, codes={"no_rest_day_in_7": 1})
    services.indicator_actuals_refresh(project=project, force=True)
    tree = etree.fromstring(activities_xml([project]))
    schema = etree.XMLSchema(etree.parse(str(SCHEMA_DIR / "iati-activities-schema.xsd")))
    assert schema.validate(tree), schema.error_log
    dimensions = {(d.get("name"), d.get("value")) for d in tree.iter("dimension")}
    assert ("province", "440000") in dimensions and ("sector", "26") in dimensions


def version_updates(queries: Any) -> int:
    return sum(1 for q in queries.captured_queries if q["sql"].startswith('UPDATE "programme_project"'))


def test_deleting_an_indicator_gives_one_new_version_and_deleting_a_project_none(org_a, user_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    project = make_project(owner=org_a)
    indicator = make_indicator(project=project, dimensions=["sex"])
    for month in range(1, 13):
        services.indicator_period_save(
            indicator=indicator,
            start=D(2024, month, 1),
            end=D(2024, month, 28),
            target=10,
            target_breakdown={("sex", "female"): 6, ("sex", "male"): 4},
            by=user_a,
        )
    version = Project.objects.get(pk=project.pk).results_version
    with CaptureQueriesContext(connection) as queries:
        indicator.delete()
    assert Project.objects.get(pk=project.pk).results_version != version
    assert version_updates(queries) <= 2  # not one per period and disaggregation (36 rows)
    make_indicator(project=project, code="I2")
    with CaptureQueriesContext(connection) as queries:
        Project.objects.get(pk=project.pk).delete()
    assert version_updates(queries) == 0


def test_recorded_attendance_makes_the_training_indicators_recompute_at_once(org_a, user_a):
    import secrets

    training = pytest.importorskip("rsca.training.models")
    project = make_project(owner=org_a)
    people = make_indicator(project=project, code="P", source="computed", computation="training_participants")
    services.indicator_period_save(indicator=people, start=D(2019, 1, 1), end=D(2019, 12, 31), by=user_a)
    services.indicator_actuals_refresh(project=project, force=True)
    before = people.periods.get().actual
    activity = training.Activity.objects.create(
        slug="stale-test-training",
        kind="training",
        title_en="Training",
        start_date=D(2019, 5, 6),
        end_date=D(2019, 5, 7),
    )
    person = training.Participant.objects.create(
        full_name="Someone", sex="female", constituent_type="government"
    )
    training.Registration.objects.create(
        activity=activity, participant=person, attended=True, token=secrets.token_urlsafe(32)
    )
    services.indicator_actuals_refresh(project=project)  # no force: well within COMPUTED_MAX_AGE
    assert people.periods.get().actual == (before or 0) + 1
