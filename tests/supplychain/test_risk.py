"""Facility risk from compliance checks: levels, the sharing rule, the filter and the pages."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from rsca.compliance.models import ComplianceCheck
from rsca.supplychain import selectors
from rsca.supplychain.models import Facility, SupplyRelationship


def _check(
    facility: Facility,
    organisation: Any,
    *,
    codes: dict[str, int],
    workers: int = 100,
    affected: int | None = None,
    shared: bool = False,
    day: int = 1,
) -> ComplianceCheck:
    by_code = {code: {"findings": n, "workers": n, "share": n / workers} for code, n in codes.items()}
    check = ComplianceCheck.objects.create(
        facility=facility,
        organisation=organisation,
        jurisdiction="CN-440300",
        status=ComplianceCheck.Status.DONE,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 1, 28),
        completed_at=timezone.now(),
        shared_with_buyers=shared,
        worker_count=workers,
        finding_count=sum(codes.values()),
        summary={
            "workers": workers,
            "by_code": by_code,
            "workers_with_findings": sum(codes.values()) if affected is None else affected,
        },
    )
    ComplianceCheck.objects.filter(pk=check.pk).update(
        created_at=timezone.now() + datetime.timedelta(days=day)
    )
    return check


@pytest.fixture
def chain(org_a, org_b):
    """org_a buys from two facilities; org_b is the supplier that claims the first one."""
    first = Facility.objects.create(
        name="Risky Electronics Co., Ltd.",
        address="1 Risk Road, Shenzhen",
        country_id="CN",
        division_id="440300",
        claimed_by=org_b,
    )
    second = Facility.objects.create(
        name="Calm Textiles Co., Ltd.", address="2 Calm Road, Suzhou", country_id="CN", division_id="320500"
    )
    for facility in (first, second):
        SupplyRelationship.objects.create(buyer=org_a, facility=facility, tier=1)
    return first, second


@pytest.mark.parametrize(
    ("codes", "affected", "level"),
    [
        ({"below_minimum_wage": 1}, None, "high"),
        ({"weekly_hours_over_60": 30}, 30, "high"),  # a medium finding for at least a quarter of the workers
        ({"weekly_hours_over_60": 10}, 10, "medium"),
        ({"data_inconsistent": 5}, 5, "low"),
        ({}, 0, "low"),
    ],
)
def test_levels_follow_severity_and_share_of_workers(chain, org_a, user_a, codes, affected, level):
    _check(chain[0], org_a, codes=codes, affected=affected)
    risks = selectors.facility_risks(user=user_a, facility_ids=[chain[0].pk], organisation=org_a)
    assert risks[chain[0].pk].level == level
    assert chain[1].pk not in risks  # no check: unknown


def test_the_latest_check_decides(chain, org_a, user_a):
    _check(chain[0], org_a, codes={"child_labour": 1}, day=1)
    _check(chain[0], org_a, codes={}, day=2)
    assert selectors.facility_risk(user=user_a, facility=chain[0]).level == "low"


def test_a_buyer_learns_nothing_from_a_check_the_supplier_has_not_shared(chain, org_a, org_b, user_a, user_b):
    unshared = _check(chain[0], org_b, codes={"child_labour": 2}, day=1)
    risks = selectors.facility_risks(user=user_a, facility_ids=[chain[0].pk], organisation=org_a)
    assert risks == {}
    filtered = selectors.supplier_list(
        user=user_a, organisation=org_a, filters=selectors.SupplierFilters(risk="high")
    )
    assert list(filtered) == []
    unknown = selectors.supplier_list(
        user=user_a, organisation=org_a, filters=selectors.SupplierFilters(risk="unknown")
    )
    assert {r.facility_id for r in unknown} == {chain[0].pk, chain[1].pk}
    # the supplier itself sees its check
    assert selectors.facility_risk(user=user_b, facility=chain[0]).level == "high"
    ComplianceCheck.objects.filter(pk=unshared.pk).update(shared_with_buyers=True)
    filtered = selectors.supplier_list(
        user=user_a, organisation=org_a, filters=selectors.SupplierFilters(risk="high")
    )
    assert [r.facility_id for r in filtered] == [chain[0].pk]


def test_pages_show_risk_link_findings_and_filter(client_a, chain, org_a, org_b):
    check = _check(chain[0], org_b, codes={"below_minimum_wage": 3}, shared=True)
    url = reverse("supplychain:supplier_list")
    body = client_a.get(url + "?risk=high").content.decode()
    assert "Risky Electronics" in body and "Calm Textiles" not in body
    assert reverse("compliance:check_detail", args=[check.pk]) in body
    assert "How the risk level is derived" in body
    body = client_a.get(url + "?risk=unknown").content.decode()
    assert "Calm Textiles" in body and "Risky Electronics" not in body
    profile = client_a.get(reverse("supplychain:facility_detail", args=[chain[0].public_id])).content.decode()
    assert "risk-high" in profile and "Below the minimum wage" in profile
    graph = selectors.supply_chain_graph(user=_user(client_a), organisation=org_a)
    assert {n.get("risk") for n in graph["nodes"] if n.get("public_id")} == {"high", "unknown"}
    data = selectors.supply_chain_map(user=_user(client_a), organisation=org_a)
    guangdong = next(p for p in data["provinces"] if p["code"] == "440000")
    assert guangdong["worst"] == "high" and guangdong["risk"]["high"] == 1
    assert {p["code"] for p in data["all_provinces"]} >= {"440000", "320000"}


def test_an_anonymous_visitor_sees_no_risk_on_the_public_profile(client, chain, org_b):
    _check(chain[0], org_b, codes={"child_labour": 1}, shared=True)
    body = client.get(reverse("supplychain:facility_detail", args=[chain[0].public_id])).content.decode()
    assert "risk-high" not in body and "Child labour" not in body


def _user(client: Any) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=client.session["_auth_user_id"])


def test_the_api_gives_a_facilitys_risk_as_the_caller_may_know_it(
    client, chain, org_a, org_b, user_a, user_b
):
    check = _check(chain[0], org_b, codes={"child_labour": 2, "weekly_hours_over_60": 5}, affected=6)
    url = f"/api/v1/supplychain/facilities/{chain[0].public_id}/risk"
    client.force_login(user_a)  # the buyer: the supplier has not shared the check
    unknown = client.get(url).json()
    assert unknown["level"] == "unknown" and unknown["check_id"] is None and unknown["findings"] == []
    ComplianceCheck.objects.filter(pk=check.pk).update(shared_with_buyers=True)
    shared = client.get(url).json()
    assert (shared["level"], shared["check_id"], shared["workers"], shared["workers_with_findings"]) == (
        "high",
        check.pk,
        100,
        6,
    )
    assert shared["high_codes"] == ["child_labour"] and shared["medium_codes"] == ["weekly_hours_over_60"]
    assert shared["share_with_findings"] == 0.06 and shared["checked_on"] == "2026-01-28"
    assert len(shared["findings"]) == 2 and "25%" in shared["rule_en"] and "child labour" in shared["rule_en"]
    assert "25%" in shared["rule_zh"] and "童工" in shared["rule_zh"]
    client.logout()
    assert client.get(url).status_code == 401


def test_the_api_lists_a_buyers_suppliers_with_risk_and_filters_by_it(
    client, chain, org_a, org_b, user_a, user_b
):
    _check(chain[0], org_a, codes={"below_minimum_wage": 1})
    _check(chain[1], org_a, codes={})
    client.force_login(user_a)
    listed = client.get("/api/v1/supplychain/suppliers", {"org": org_a.slug}).json()
    assert listed["count"] == 2
    assert {i["facility_name"]: i["risk"]["level"] for i in listed["items"]} == {
        "Risky Electronics Co., Ltd.": "high",
        "Calm Textiles Co., Ltd.": "low",
    }
    high = client.get("/api/v1/supplychain/suppliers", {"org": org_a.slug, "risk": "high"}).json()
    assert [i["facility_id"] for i in high["items"]] == [chain[0].public_id] and high["count"] == 1
    paged = client.get("/api/v1/supplychain/suppliers", {"org": org_a.slug, "page_size": 1, "page": 2}).json()
    assert paged["count"] == 2 and len(paged["items"]) == 1
    client.force_login(user_b)  # not a member of the buyer
    assert client.get("/api/v1/supplychain/suppliers", {"org": org_a.slug}).status_code == 404


def test_the_supplier_api_reads_a_page_in_a_fixed_number_of_queries(
    client, chain, org_a, user_a, django_assert_max_num_queries
):
    client.force_login(user_a)
    client.get("/api/v1/supplychain/suppliers", {"org": org_a.slug})  # session, user and memberships
    with django_assert_max_num_queries(12) as few:
        client.get("/api/v1/supplychain/suppliers", {"org": org_a.slug})
    for i in range(8):
        facility = Facility.objects.create(
            name=f"Extra Supplier {i} Co., Ltd.",
            address=f"{i} Extra Road",
            country_id="CN",
            division_id="440300",
        )
        SupplyRelationship.objects.create(buyer=org_a, facility=facility, tier=2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/api/v1/supplychain/suppliers", {"org": org_a.slug}).json()["count"] == 10
