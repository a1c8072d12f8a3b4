"""Corrective actions: planning one per finding code, status changes with history, verification by a later
check or by a buyer, scoping (a buyer sees them only once the supplier shares the check), pages and API."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from rsca.compliance import selectors, services
from rsca.compliance.models import ComplianceCheck, CorrectiveAction, Finding
from rsca.core.errors import Conflict, Forbidden, InvalidInput

D = datetime.date


@pytest.fixture
def facility(org_a):
    from rsca.supplychain.models import Facility

    return Facility.objects.create(
        name="Remediation Test Garments",
        address="3 Dongguan Road, Dongguan",
        country_id="CN",
        division_id="441900",
        claimed_by=org_a,
    )


@pytest.fixture
def buyer(facility, org_b):
    from rsca.supplychain.models import SupplyRelationship

    SupplyRelationship.objects.create(buyer=org_b, facility=facility, tier=1)
    return org_b


def make_check(
    facility: Any,
    organisation: Any,
    *,
    month: int,
    codes: dict[str, list[str]],
    skipped: dict[str, str] | None = None,
    shared: bool = False,
) -> ComplianceCheck:
    from django.utils import timezone

    start = D(2025, month, 1)
    end = D(2025, month, 28)
    check = ComplianceCheck.objects.create(
        facility=facility,
        organisation=organisation,
        jurisdiction="CN-441900",
        status=ComplianceCheck.Status.DONE,
        period_start=start,
        period_end=end,
        completed_at=timezone.now(),
        shared_with_buyers=shared,
        finding_count=sum(len(w) for w in codes.values()),
        summary={
            "checks_skipped": skipped or {},
            "by_code": {},
            "period": {"start": str(start), "end": str(end)},
        },
    )
    for code, workers in codes.items():
        for worker in workers:
            Finding.objects.create(
                upload=check, code=code, worker=worker, severity="high", period_start=start, period_end=end
            )
    return check


def plan(check: ComplianceCheck, code: str, by: Any, **extra: Any) -> CorrectiveAction:
    values = {
        "root_cause": "Peak-season orders planned without extra staff",
        "action": "Hire seasonal workers; cap overtime in the scheduling system",
        "responsible": "HR manager",
        "due_date": D(2025, 6, 30),
        **extra,
    }
    return services.corrective_action_create(check=check, finding_code=code, by=by, **values)


def test_supplier_plans_one_action_per_finding_code_with_what_it_covers(facility, org_a, user_a):
    check = make_check(
        facility,
        org_a,
        month=3,
        codes={"weekly_hours_over_60": ["W1", "W1", "W2"], "below_minimum_wage": ["W3"]},
    )
    action = plan(check, "weekly_hours_over_60", user_a)
    assert (action.findings_covered, action.workers_covered, action.status) == (3, 2, "open")
    assert [e.status for e in action.events.all()] == ["open"]
    assert selectors.finding_codes_without_action(check=check) == ["below_minimum_wage"]
    with pytest.raises(Conflict):
        plan(check, "weekly_hours_over_60", user_a)
    with pytest.raises(InvalidInput) as error:
        plan(check, "child_labour", user_a)
    assert error.value.details[0]["column"] == "finding_code"
    with pytest.raises(InvalidInput) as error:
        plan(check, "below_minimum_wage", user_a, responsible="  ", root_cause="")
    assert {d["column"] for d in error.value.details} == {"responsible", "root_cause"}
    assert not CorrectiveAction.objects.filter(finding_code="below_minimum_wage").exists()


def test_only_supplier_or_uploader_plan_and_change_and_verified_is_not_set_by_hand(
    facility, org_a, user_a, buyer, user_b
):
    check = make_check(facility, org_a, month=3, codes={"no_rest_day_in_7": ["W1"]}, shared=True)
    with pytest.raises(Forbidden):
        plan(check, "no_rest_day_in_7", user_b)
    action = plan(check, "no_rest_day_in_7", user_a)
    services.corrective_action_update(
        corrective_action=action, by=user_a, status="in_progress", note="Started"
    )
    services.corrective_action_update(
        corrective_action=action, by=user_a, status="done", evidence_note="New rota posted"
    )
    assert [e.status for e in action.events.all()] == ["open", "in_progress", "done"]
    with pytest.raises(InvalidInput):
        services.corrective_action_update(corrective_action=action, by=user_a, status="verified")
    with pytest.raises(Forbidden):
        services.corrective_action_update(corrective_action=action, by=user_b, status="open")
    with pytest.raises(Forbidden):
        services.corrective_action_confirm(corrective_action=action, by=user_a)  # the supplier cannot confirm
    services.corrective_action_confirm(corrective_action=action, by=user_b, note="Seen on site visit")
    action.refresh_from_db()
    assert (action.status, action.verification, action.verified_by) == ("verified", "confirmed", user_b)
    with pytest.raises(Conflict):
        services.corrective_action_update(corrective_action=action, by=user_a, responsible="Someone else")


def test_buyer_sees_and_confirms_only_once_the_check_is_shared(facility, org_a, user_a, buyer, user_b):
    check = make_check(facility, org_a, month=3, codes={"no_rest_day_in_7": ["W1"]})
    action = plan(check, "no_rest_day_in_7", user_a)
    assert not selectors.corrective_actions(user=user_b, check=check).exists()
    assert not selectors.can_confirm_actions(user=user_b, check=check)
    services.compliance_check_share(check=check, shared=True, by=user_a)
    assert list(selectors.corrective_actions(user=user_b, check=check)) == [action]
    assert selectors.can_confirm_actions(user=user_b, check=check)


def test_a_later_check_without_the_finding_verifies_the_action_and_one_still_showing_it_does_not(
    facility, org_a, user_a
):
    first = make_check(
        facility,
        org_a,
        month=3,
        codes={
            "weekly_hours_over_60": ["W1"],
            "below_minimum_wage": ["W2"],
            "social_insurance_missing": ["W3"],
        },
    )
    hours = plan(first, "weekly_hours_over_60", user_a)
    wage = plan(first, "below_minimum_wage", user_a)
    insurance = plan(first, "social_insurance_missing", user_a)
    # The later check still finds an underpaid worker (another one), and could not test social insurance.
    later = make_check(
        facility,
        org_a,
        month=5,
        codes={"below_minimum_wage": ["W9"]},
        skipped={"social_insurance_missing": "no_insurance_column"},
    )
    assert services.corrective_actions_verify_from_check(check=later) == 1
    for action in (hours, wage, insurance):
        action.refresh_from_db()
    assert (hours.status, hours.verification, hours.verifying_check) == ("verified", "later_check", later)
    assert wage.status == "open" and wage.events.filter(related_check=later).count() == 1
    assert insurance.status == "open"
    assert services.corrective_actions_verify_from_check(check=later) == 0  # idempotent
    assert wage.events.filter(related_check=later).count() == 1
    # an earlier upload (older records) never verifies a newer action
    older = make_check(facility, org_a, month=1, codes={})
    assert services.corrective_actions_verify_from_check(check=older) == 0


def test_indicators_count_facilities_assessed_and_actions_verified_by_province_and_sector(
    facility, org_a, user_a, buyer, user_b
):
    facility.sectors.set(["14"])
    first = make_check(facility, org_a, month=3, codes={"weekly_hours_over_60": ["W1", "W2"]}, shared=True)
    make_check(facility, org_a, month=4, codes={})
    action = plan(first, "weekly_hours_over_60", user_a)
    figures = selectors.compliance_indicators()
    assert figures["facilities_assessed"] >= 1
    assert figures["facilities_by_province"].get("440000", 0) >= 1  # Dongguan is in Guangdong
    assert figures["actions_verified"] == 0
    services.corrective_action_confirm(corrective_action=action, by=user_b)
    figures = selectors.compliance_indicators()
    assert figures["actions_verified"] == 1
    assert (figures["findings_remediated"], figures["workers_remediated"]) == (2, 2)
    assert figures["actions_by_sector"] == {"14": 1}
    assert selectors.compliance_indicators(date_to=D(2000, 1, 1))["actions_verified"] == 0


def test_pages_plan_change_and_confirm(client, facility, org_a, user_a, buyer, user_b):
    check = make_check(facility, org_a, month=3, codes={"no_rest_day_in_7": ["W1"]}, shared=True)
    client.force_login(user_a)
    page = client.get(reverse("compliance:check_detail", args=[check.pk]))
    assert page.status_code == 200 and "Plan an action" in page.content.decode()
    url = reverse("compliance:action_create", args=[check.pk])
    response = client.post(
        url,
        {
            "finding_code": "no_rest_day_in_7",
            "root_cause": "",
            "action": "Rota",
            "responsible": "HR",
            "due_date": "2025-07-01",
        },
    )
    assert response.status_code == 422
    response = client.post(
        url,
        {
            "finding_code": "no_rest_day_in_7",
            "root_cause": "No rota",
            "action": "Rota",
            "responsible": "HR",
            "due_date": "2025-07-01",
        },
    )
    assert response.status_code == 302
    action = CorrectiveAction.objects.get(compliance_check=check)
    detail = reverse("compliance:action_detail", args=[action.pk])
    response = client.post(
        detail,
        {
            "root_cause": "No rota",
            "action": "Rota",
            "responsible": "HR",
            "due_date": "2025-07-01",
            "status": "done",
            "note": "Posted",
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "done"
    client.force_login(user_b)
    page = client.get(detail)
    assert (
        "Confirm the correction" in page.content.decode() and 'id="action-form"' not in page.content.decode()
    )
    assert client.post(detail, {"status": "open"}).status_code == 404  # a buyer cannot edit
    client.post(reverse("compliance:action_confirm", args=[action.pk]), {"note": "Audit visit"})
    action.refresh_from_db()
    assert action.status == "verified"


def test_api_create_change_confirm_and_scoping(client, facility, org_a, user_a, buyer, user_b):
    check = make_check(facility, org_a, month=3, codes={"daily_overtime_exceeded": ["W1"]})
    client.force_login(user_a)
    base = f"/api/v1/compliance/checks/{check.pk}/actions"
    response = client.post(
        base,
        {
            "finding_code": "daily_overtime_exceeded",
            "root_cause": "Rush orders",
            "action": "Plan capacity",
            "responsible": "Plant manager",
            "due_date": "2025-08-01",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    action_id = response.json()["id"]
    response = client.patch(
        f"/api/v1/compliance/actions/{action_id}", {"status": "verified"}, content_type="application/json"
    )
    assert response.status_code == 422 and response.json()["code"] == "invalid_status"
    response = client.patch(
        f"/api/v1/compliance/actions/{action_id}",
        {"status": "in_progress", "note": "Go"},
        content_type="application/json",
    )
    assert response.json()["status"] == "in_progress" and len(response.json()["history"]) == 2
    client.force_login(user_b)
    assert client.get(f"/api/v1/compliance/actions/{action_id}").status_code == 404  # not shared yet
    assert client.get(base).status_code == 404
    check.shared_with_buyers = True
    check.save()
    assert client.get(base).json()[0]["id"] == action_id
    response = client.post(
        f"/api/v1/compliance/actions/{action_id}/confirm", {"note": "ok"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["verification"] == "confirmed"


def test_a_later_upload_that_no_longer_shows_the_finding_verifies_the_action_when_its_check_runs(
    tmp_path, facility, org_a, user_a
):
    """End to end through the engine: March has 12-hour days, May does not."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.compliance.builders import day, pay, workdays, worker, write_inputs

    def upload(month: int, hours: float) -> ComplianceCheck:
        days = workdays(D(2025, month, 1), D(2025, month, 28))
        files = write_inputs(
            tmp_path / str(month),
            [worker("E-1")],
            [day("E-1", d, hours) for d in days],
            [pay("E-1", f"2025-{month:02d}-01", f"2025-{month:02d}-28", 4000, 1200)],
        )
        check = services.compliance_check_create(
            facility=facility,
            organisation=org_a,
            by=user_a,
            jurisdiction="CN-440300",
            label=f"month {month}",
            **{kind: SimpleUploadedFile(f"{kind}.csv", path.read_bytes()) for kind, path in files.items()},
        )
        check.refresh_from_db()
        assert check.status == "done", check.error_message
        return check

    org_a.enterprise_role = "supplier"
    org_a.save()
    (tmp_path / "3").mkdir()
    (tmp_path / "5").mkdir()
    march = upload(3, 12)
    codes = set(march.findings.values_list("code", flat=True))
    assert "daily_overtime_exceeded" in codes
    action = plan(march, "daily_overtime_exceeded", user_a)
    may = upload(5, 8)
    assert not may.findings.filter(code="daily_overtime_exceeded").exists()
    action.refresh_from_db()
    assert (action.status, action.verification, action.verifying_check_id) == (
        "verified",
        "later_check",
        may.pk,
    )
