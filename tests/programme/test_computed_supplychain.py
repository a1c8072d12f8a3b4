"""The computed indicator "facilities mapped": distinct supplier facilities that entered a buyer's mapped supply
chain in the period (first link to a buyer, or the facility record if younger), by province and sector; counted
once whatever the number of buyers, from every buyer's links, and published as counts only."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from rsca.core.scoping import visible_to
from rsca.programme import services
from rsca.programme.computed import DEFINITIONS
from rsca.programme.models import Indicator
from rsca.supplychain.models import Facility, SupplyRelationship
from rsca.supplychain.selectors import supply_chain_indicators
from tests.programme.factories import make_indicator, make_project

pytestmark = pytest.mark.django_db
D = datetime.date


def at(*args: int) -> datetime.datetime:
    """A moment in the platform's local time (Asia/Shanghai): periods are counted in local dates."""
    return timezone.make_aware(datetime.datetime(*args))


def facility(
    name: str,
    *,
    created: datetime.datetime,
    division: str | None = "440300",
    sectors: tuple[str, ...] = ("26",),
) -> Facility:
    record = Facility.objects.create(
        name=name, address=f"1 {name} Road", country_id="CN", division_id=division
    )
    record.sectors.set(sectors)
    Facility.objects.filter(pk=record.pk).update(created_at=created)
    return record


def link(record: Facility, buyer: Any, *, created: datetime.datetime) -> SupplyRelationship:
    relationship = SupplyRelationship.objects.create(buyer=buyer, facility=record, tier=1)
    SupplyRelationship.objects.filter(pk=relationship.pk).update(created_at=created)
    return relationship


def test_facilities_are_counted_once_in_the_period_of_their_first_buyer_link(org_a, org_b):
    two_buyers = facility("Two Buyers Electronics", created=at(2024, 12, 1), sectors=("26", "13"))
    link(two_buyers, org_b, created=at(2024, 12, 31, 23, 59))  # last minute of 2024, local time
    link(two_buyers, org_a, created=at(2025, 3, 1))
    first_minute = facility("First Minute Textiles", created=at(2023, 6, 1), division="110000", sectors=())
    link(first_minute, org_a, created=at(2024, 1, 1, 0, 0))
    older_record = facility("Older Record Plastics", created=at(2023, 6, 1))
    link(older_record, org_b, created=at(2025, 1, 1, 0, 0))  # first minute of 2025: not in 2024
    younger_record = facility("Younger Record Metals", created=at(2025, 2, 1), division=None)
    link(younger_record, org_a, created=at(2024, 6, 1))  # a link older than its facility (moved by a merge)
    facility("Unlinked Supplier Own Profile", created=at(2024, 5, 1))  # no buyer: not in a buyer's map
    merged = facility("Merged Duplicate", created=at(2024, 5, 1))
    link(merged, org_a, created=at(2024, 5, 2))
    Facility.objects.filter(pk=merged.pk).update(merged_into=two_buyers)

    assert supply_chain_indicators(date_from=D(2024, 1, 1), date_to=D(2024, 12, 31)) == {
        "facilities_mapped": 2,
        "mapped_by_province": {"110000": 1, "440000": 1},
        "mapped_by_sector": {"13": 1, "26": 1, "unknown": 1},
    }
    assert supply_chain_indicators(date_from=D(2025, 1, 1), date_to=D(2025, 12, 31)) == {
        "facilities_mapped": 2,
        "mapped_by_province": {"440000": 1, "unknown": 1},
        "mapped_by_sector": {"26": 2},
    }
    assert (
        supply_chain_indicators(date_from=D(2024, 12, 31), date_to=D(2024, 12, 31))["facilities_mapped"] == 1
    )
    assert supply_chain_indicators()["facilities_mapped"] == 4  # the two buyers' facility once, over all time


def test_the_indicator_fills_itself_and_follows_a_new_buyer_link(org_a, org_b, user_a):
    today = timezone.localdate()
    project = make_project(owner=org_a)
    indicator = make_indicator(
        project=project,
        code="M",
        source="computed",
        computation="supplychain_facilities_mapped",
        dimensions=["province", "sector"],
    )
    services.indicator_period_save(
        indicator=indicator, start=D(today.year, 1, 1), end=D(today.year, 12, 31), by=user_a
    )
    services.indicator_actuals_refresh(project=project, force=True)
    period = indicator.periods.get()
    assert period.actual == 0
    record = Facility.objects.create(
        name="New Link Electronics", address="2 Keji Road", country_id="CN", division_id="440300"
    )
    record.sectors.set(["26"])
    SupplyRelationship.objects.create(buyer=org_b, facility=record, tier=1)
    SupplyRelationship.objects.create(buyer=org_a, facility=record, tier=2)
    assert (
        services.indicator_actuals_refresh(project=project) == 1
    )  # marked stale by the link: no force needed
    period.refresh_from_db()
    assert period.actual == 1
    assert {(d.dimension, d.value_label): d.value for d in period.disaggregations.filter(kind="actual")} == {
        ("province", "440000"): 1,
        ("sector", "26"): 1,
    }


def test_every_viewer_sees_the_same_counts_and_no_facility_or_buyer(client, org_a, org_b, user_a, user_b):
    today = timezone.localdate()
    record = facility("Hidden Buyer Supplier Works", created=timezone.now())
    link(record, org_b, created=timezone.now())  # org_b's private supply chain
    assert not visible_to(user_a, SupplyRelationship.objects.filter(facility=record)).exists()
    project = make_project(owner=org_a)
    indicator = make_indicator(
        project=project,
        code="M",
        source="computed",
        computation="supplychain_facilities_mapped",
        dimensions=["province"],
    )
    services.indicator_period_save(
        indicator=indicator, start=D(today.year, 1, 1), end=D(today.year, 12, 31), by=user_a
    )
    url = f"/api/v1/programme/projects/{project.slug}/dashboard"
    answers = []
    for user in (None, user_a, user_b):
        if user is not None:
            client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        text = response.content.decode()
        assert "Hidden Buyer" not in text and "Organisation B" not in text and record.public_id not in text
        answers.append(response.json()["indicators"])
    assert answers[0] == answers[1] == answers[2]
    assert answers[0][0]["actuals"] == [1.0] and answers[0][0]["dimensions"] == {
        "province": {"Guangdong": [1.0]}
    }


def test_the_seed_puts_facilities_mapped_under_outcome_oc3_with_its_definition():
    indicator = Indicator.objects.get(node__project__slug="rsca-china", code="I3.c")
    assert indicator.node.code == "OC3" and indicator.is_computed
    assert indicator.computation == "supplychain_facilities_mapped" and indicator.dimensions == [
        "province",
        "sector",
    ]
    assert (indicator.definition_en, indicator.definition_zh) == DEFINITIONS["supplychain_facilities_mapped"]
    assert not indicator.periods.filter(target__isnull=False).exists()  # the seed documents state no targets
