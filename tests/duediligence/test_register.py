from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from rsca.compliance.models import ComplianceCheck
from rsca.duediligence.models import AuditReport, RiskEntry, RiskSnapshot
from rsca.duediligence.risk import risk_assess
from rsca.duediligence.services import risk_register_compute
from rsca.grievances.services import grievance_submit
from rsca.supplychain.models import Facility, SupplyRelationship

pytestmark = pytest.mark.django_db


@pytest.fixture
def garment(org_a, org_b):
    facility = Facility.objects.create(
        name="Dongguan Garment One",
        address="1 Garment Road, Dongguan",
        country_id="CN",
        division_id="441900",
        claimed_by=org_b,
        number_of_workers=300,
    )
    facility.sectors.add("14")
    SupplyRelationship.objects.create(buyer=org_a, facility=facility, tier=1)
    return facility


@pytest.fixture
def electronics(org_a):
    facility = Facility.objects.create(
        name="Suzhou Boards Two", address="2 Chip Road, Suzhou", country_id="CN", division_id="320500"
    )
    facility.sectors.add("26")
    SupplyRelationship.objects.create(buyer=org_a, facility=facility, tier=2)
    return facility


def shared_check(facility, org, *, shared=True, codes=None):
    return ComplianceCheck.objects.create(
        facility=facility,
        organisation=org,
        jurisdiction="CN-441900",
        status=ComplianceCheck.Status.DONE,
        worker_count=100,
        finding_count=40,
        shared_with_buyers=shared,
        period_end=datetime.date(2026, 3, 31),
        summary={
            "workers": 100,
            "workers_with_findings": 40,
            "by_code": codes or {"below_minimum_wage": {"workers": 30, "findings": 30}},
        },
    )


def test_inherent_risk_names_the_sector_guidance_and_the_unratified_conventions(org_a, garment):
    assessment = risk_assess(organisation=org_a)[0]
    foa = assessment.issues["freedom-of-association"]
    kinds = {r["kind"] for r in foa.reasons}
    assert {"sector", "not_ratified"} <= kinds
    assert any(r.get("convention") == "ILO-C087" for r in foa.reasons)
    assert any("OECD-DDG-GARMENT" in r.get("source", "") for r in foa.reasons)
    assert foa.severity > 0 and foa.likelihood > 0
    assert {r["kind"] for r in assessment.reasons} == {"no_evidence"}


def test_a_shared_payroll_finding_is_an_actual_impact_and_raises_the_facility_to_high(
    org_a, org_b, garment, electronics
):
    shared_check(garment, org_b)
    ranked = risk_assess(organisation=org_a)
    assert ranked[0].facility_id == garment.pk and ranked[0].priority == 1
    wages = ranked[0].issues["wages"]
    assert wages.actual and wages.likelihood == 5.0
    assert wages.scope == 3.0  # 30 of 100 workers
    assert ranked[0].level == "high"


def test_an_unshared_check_is_not_evidence_for_the_buyer(org_a, org_b, garment):
    shared_check(garment, org_b, shared=False)
    assessment = risk_assess(organisation=org_a)[0]
    assert not assessment.issues["wages"].actual


def test_audit_reports_count_with_their_auditor_and_date_and_old_ones_count_half(org_a, org_b, garment):
    today = timezone.localdate()
    AuditReport.objects.create(
        facility=garment,
        organisation=org_b,
        auditor="Recent Audits Ltd",
        audit_date=today - datetime.timedelta(days=30),
        findings=[{"issue": "osh", "severity": "medium", "text": "blocked exit"}],
    )
    AuditReport.objects.create(
        facility=garment,
        organisation=org_b,
        auditor="Old Audits Ltd",
        audit_date=today - datetime.timedelta(days=800),
        findings=[{"issue": "gender", "severity": "medium", "text": "no policy"}],
    )
    issues = risk_assess(organisation=org_a)[0].issues
    osh = [r for r in issues["osh"].reasons if r["kind"] == "audit"][0]
    gender = [r for r in issues["gender"].reasons if r["kind"] == "audit"][0]
    assert osh["auditor"] == "Recent Audits Ltd" and osh["points"] == 2.0
    assert gender["old"] and gender["points"] == 1.0


def test_grievances_count_without_their_text(org_a, garment):
    grievance_submit(
        facility_public_id=garment.public_id,
        category="harassment",
        description="The line leader touches workers; nobody dares to complain.",
        language="en",
        retaliation=True,
    )
    gender = risk_assess(organisation=org_a)[0].issues["gender"]
    assert [r["cases"] for r in gender.reasons if r["kind"] == "grievance"] == [1]
    assert any(r["kind"] == "retaliation" for r in gender.reasons)
    assert "line leader" not in json.dumps(gender.reasons)


def test_recomputing_stores_the_register_and_a_snapshot_per_run(org_a, org_b, garment, electronics):
    risk_register_compute(organisation=org_a)
    shared_check(garment, org_b)
    risk_register_compute(organisation=org_a)
    assert RiskEntry.objects.filter(organisation=org_a).count() == 2
    snapshots = list(RiskSnapshot.objects.filter(organisation=org_a))
    assert len(snapshots) == 2
    assert snapshots[1].scores[str(garment.pk)] > snapshots[0].scores[str(garment.pk)]


def test_cli_prints_the_register_as_json_and_filters_by_tier(org_a, garment, electronics):
    out = io.StringIO()
    call_command("risk-register", "--organisation", org_a.name, "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert {f["facility_id"] for f in data["facilities"]} == {garment.public_id, electronics.public_id}
    row = data["facilities"][0]
    assert set(row) >= {"facility_id", "name", "score", "level", "issues", "reasons"}
    assert row["reasons"] and all(isinstance(r, str) for r in row["reasons"])
    out = io.StringIO()
    call_command("risk-register", "--organisation", org_a.name, "--format", "json", "--tier", "2", stdout=out)
    assert [f["facility_id"] for f in json.loads(out.getvalue())["facilities"]] == [electronics.public_id]


def test_the_register_page_and_api_show_only_the_members_own_register(client, org_a, user_a, user_b, garment):
    client.force_login(user_a)
    page = client.get("/due-diligence/")
    assert page.status_code == 200 and "Dongguan Garment One" in page.content.decode()
    api = client.get("/api/v1/duediligence/register?org=org-a")
    assert api.status_code == 200 and api.json()["facilities"][0]["facility_id"] == garment.public_id
    client.force_login(user_b)
    assert client.get("/api/v1/duediligence/register?org=org-a").status_code == 404
    assert "Dongguan Garment One" not in client.get("/due-diligence/?org=org-a").content.decode()


def test_a_refresh_recomputes_only_the_facilities_with_new_evidence_and_reranks(
    org_a, org_b, garment, electronics
):
    from rsca.duediligence.services import risk_register_refresh

    risk_register_compute(organisation=org_a)
    before = {e.facility_id: e for e in RiskEntry.objects.filter(organisation=org_a)}
    assert risk_register_refresh(organisation=org_a) is None  # nothing new
    shared_check(electronics, org_b, codes={"child_labour": {"workers": 2}})
    risk_register_refresh(organisation=org_a)
    after = {e.facility_id: e for e in RiskEntry.objects.filter(organisation=org_a)}
    assert after[garment.pk].computed_at == before[garment.pk].computed_at  # untouched
    assert after[electronics.pk].score > before[electronics.pk].score
    assert after[electronics.pk].priority == 1 and after[garment.pk].priority == 2
    assert RiskSnapshot.objects.filter(organisation=org_a).count() == 2


def test_a_buyer_adds_an_audit_report_from_the_register_page(client, org_a, user_a, garment):
    from rsca.core.models import Membership

    Membership.objects.filter(user=user_a).update(role="editor")
    risk_register_compute(organisation=org_a)
    entry = RiskEntry.objects.get(organisation=org_a, facility=garment)
    client.force_login(user_a)
    response = client.post(
        f"/due-diligence/facility/{entry.pk}/audit/",
        {
            "auditor": "Field Audits Co.",
            "audit_date": "2026-10-01",
            "issue-1": "osh",
            "severity-1": "high",
            "text-1": "Locked exit on floor 2",
        },
    )
    assert response.status_code == 302
    report = AuditReport.objects.get(facility=garment)
    assert report.findings == [{"issue": "osh", "severity": "high", "text": "Locked exit on floor 2"}]
    page = client.get(
        f"/due-diligence/facility/{entry.pk}/"
    ).content.decode()  # refreshed on the register read
    client.get("/due-diligence/")
    osh = [i for i in RiskEntry.objects.get(facility=garment).issues if i["issue"] == "osh"][0]
    assert osh["actual"] and "Field Audits Co." in page
    entry = RiskEntry.objects.get(organisation=org_a, facility=garment)  # recomputed rows are new rows
    bad = client.post(
        f"/due-diligence/facility/{entry.pk}/audit/", {"auditor": "X", "audit_date": "2099-01-01"}
    )
    assert bad.status_code == 302 and AuditReport.objects.count() == 1


def test_out_of_range_filters_are_refused_not_a_server_error(client, org_a, user_a, garment):
    client.force_login(user_a)
    assert client.get("/api/v1/duediligence/register?org=org-a&tier=99999999999999999999").status_code == 422
    assert (
        client.get("/api/v1/duediligence/register?org=org-a&offset=99999999999999999999").status_code == 200
    )
    assert client.get("/due-diligence/?tier=99999999999999999999").status_code == 200
