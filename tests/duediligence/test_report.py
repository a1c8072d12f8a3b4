from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from rsca.duediligence.report import dd_report, dd_report_pdf, dd_report_xlsx
from rsca.duediligence.services import risk_register_compute
from rsca.grievances.services import grievance_close, grievance_submit
from rsca.supplychain.models import Facility, SupplyRelationship

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle(org_a, user_a):
    from rsca.core.models import Membership

    Membership.objects.filter(user=user_a).update(role="editor")
    facility = Facility.objects.create(
        name="Report Garment Factory", address="9 Road, Dongguan", country_id="CN", division_id="441900"
    )
    facility.sectors.add("14")
    SupplyRelationship.objects.create(buyer=org_a, facility=facility)
    grievance, _secret = grievance_submit(
        facility_public_id=facility.public_id,
        category="wages",
        description="Overtime was not paid, says worker Li Hua.",
        language="en",
        contact="li.hua@example.org",
    )
    grievance_close(
        grievance=grievance,
        by=user_a,
        outcome="remedied",
        remedy="Back pay for March was paid to all workers of line 3.",
    )
    risk_register_compute(organisation=org_a)
    return grievance


def test_the_report_has_six_steps_each_naming_its_csddd_articles_and_esrs_s2_disclosures(org_a, cycle):
    report = dd_report(organisation=org_a, year=timezone.localdate().year)
    assert [s["step"] for s in report["steps"]] == [1, 2, 3, 4, 5, 6]
    by_step = {s["step"]: s for s in report["steps"]}
    assert "CSDDD art. 9" in by_step[2]["references"]["csddd"]
    assert by_step[6]["references"]["esrs_s2"] == ["S2-3"]
    assert "CSDDD art. 14" in by_step[6]["references"]["csddd"]
    assert by_step[6]["data"]["remedies_recorded"] == 1
    assert by_step[2]["data"]["priorities"][0]["facility"] == "Report Garment Factory"


def test_no_worker_identity_enters_the_report_in_any_format(org_a, cycle):
    report = dd_report(organisation=org_a, year=timezone.localdate().year)
    text = json.dumps(report, ensure_ascii=False)
    for secret in ("Li Hua", "li.hua@example.org", "line 3", cycle.case_code):
        assert secret not in text
    workbook = dd_report_xlsx(report)
    assert workbook[:2] == b"PK" and b"li.hua" not in workbook


def test_the_report_renders_in_chinese_as_pdf(org_a, cycle):
    report = dd_report(organisation=org_a, year=timezone.localdate().year, language="zh-hans")
    assert report["steps"][0]["title"] == "将负责任商业行为纳入政策和管理体系"
    assert dd_report_pdf(report)[:5] == b"%PDF-"


def test_cli_writes_json_and_files(org_a, cycle, tmp_path):
    out = io.StringIO()
    call_command("dd-report", "--organisation", org_a.name, "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["organisation"] == org_a.name and len(data["steps"]) == 6
    target = tmp_path / "report.xlsx"
    call_command(
        "dd-report",
        "--organisation",
        org_a.name,
        "--format",
        "xlsx",
        "--output",
        str(target),
        stderr=io.StringIO(),
    )
    assert target.read_bytes()[:2] == b"PK"
