"""Uploading records for a facility, the background check, privacy, sharing with buyers, export and API."""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from rsca.compliance.models import ComplianceCheck, Finding, WorkerSummary
from rsca.compliance.services import incoming_dir
from tests.compliance.builders import day, pay, workdays, worker, write_inputs

D = datetime.date


@pytest.fixture
def facility(org_a):
    from rsca.supplychain.models import Facility

    org_a.enterprise_role = "supplier"
    org_a.save()
    return Facility.objects.create(
        name="Shenzhen Test Electronics",
        address="8 Xingye Road, Bao'an, Shenzhen",
        country_id="CN",
        division_id="440300",
        claimed_by=org_a,
    )


@pytest.fixture
def buyer_relationship(facility, org_b):
    from rsca.supplychain.models import SupplyRelationship

    return SupplyRelationship.objects.create(buyer=org_b, facility=facility, tier=1)


def record_files(tmp_path: Path, *, month: int = 3, bad_hours: bool = False) -> dict[str, Path]:
    days = workdays(D(2025, month, 1), D(2025, month, 28))
    roster = [
        worker("王芳-001", department="SMT"),
        worker("李伟-002", department="Assembly", enrolled="false"),
    ]
    time = [day("王芳-001", d, 12) for d in days] + [day("李伟-002", d, 8) for d in days]
    if bad_hours:
        time[3]["hours"] = -4
    payroll = [
        pay("王芳-001", f"2025-{month:02d}-01", f"2025-{month:02d}-28", 2600, 200),
        pay("李伟-002", f"2025-{month:02d}-01", f"2025-{month:02d}-28", 1500),
    ]
    return write_inputs(tmp_path, roster, time, payroll)


def uploads(files: dict[str, Path]) -> dict[str, Any]:
    return {
        kind: SimpleUploadedFile(f"{kind}.csv", path.read_bytes(), content_type="text/csv")
        for kind, path in files.items()
    }


def post_upload(client: Any, facility: Any, organisation: Any, files: dict[str, Path], **extra: Any) -> Any:
    data = {
        "organisation": organisation.pk,
        "jurisdiction": "CN-440300",
        "buyer_code": "rba",
        "label": "March",
        **uploads(files),
        **extra,
    }
    return client.post(reverse("compliance:upload", args=[facility.pk]), data)


def test_supplier_uploads_records_and_gets_pseudonymised_findings(client_a, facility, org_a, tmp_path):
    response = post_upload(client_a, facility, org_a, record_files(tmp_path))
    check = ComplianceCheck.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/compliance/checks/{check.pk}/")
    assert check.status == ComplianceCheck.Status.DONE, check.error_message
    assert check.worker_count == 2 and check.finding_count == Finding.objects.count() > 0
    workers = set(Finding.objects.values_list("worker", flat=True)) | set(
        WorkerSummary.objects.values_list("worker", flat=True)
    )
    assert workers and all(w.startswith("W-") for w in workers)
    stored = (
        repr(list(Finding.objects.values()))
        + repr(list(WorkerSummary.objects.values()))
        + repr(check.summary)
    )
    assert "王芳" not in stored and "李伟" not in stored
    assert not any(incoming_dir().iterdir())  # raw files deleted
    codes = set(Finding.objects.values_list("code", flat=True))
    assert {"below_minimum_wage", "monthly_overtime_cap_exceeded", "social_insurance_missing"} <= codes
    assert all(f.provisions for f in Finding.objects.all())
    assert check.progress.status == "done"
    page = client_a.get(reverse("compliance:check_detail", args=[check.pk]))
    text = page.content.decode()
    assert page.status_code == 200 and "Below the minimum wage" in text and "compliance-charts" in text
    assert "CN-MINIMUM-WAGE-2004" in text


def test_pages_render_in_chinese(client_a, facility, org_a, tmp_path):
    post_upload(client_a, facility, org_a, record_files(tmp_path))
    check = ComplianceCheck.objects.get()
    worker_id = WorkerSummary.objects.filter(upload=check).first().worker
    for url in (
        reverse("compliance:index"),
        reverse("compliance:formats"),
        reverse("compliance:upload", args=[facility.pk]),
        reverse("compliance:check_detail", args=[check.pk]),
        reverse("compliance:worker_detail", args=[check.pk, worker_id]),
    ):
        assert client_a.get(url).status_code == 200, url
        response = client_a.get("/zh-hans" + url)
        assert response.status_code == 200, url
        assert 'lang="zh-Hans"' in response.content.decode()
    chinese = client_a.get(f"/zh-hans/compliance/checks/{check.pk}/").content.decode()
    assert "低于最低工资" in chinese and "适用的规则集" in chinese


def test_bad_file_fails_the_check_with_file_row_column_and_no_findings(client_a, facility, org_a, tmp_path):
    post_upload(client_a, facility, org_a, record_files(tmp_path, bad_hours=True))
    check = ComplianceCheck.objects.get()
    assert check.status == ComplianceCheck.Status.FAILED
    assert check.errors == [
        {
            "file": "time.csv",
            "row": 4,
            "column": "hours",
            "message": "hours must be a number from 0 to 24 (“-4”)",
        }
    ]
    assert Finding.objects.count() == 0 and WorkerSummary.objects.count() == 0
    assert not any(incoming_dir().iterdir())
    text = client_a.get(reverse("compliance:check_detail", args=[check.pk])).content.decode()
    assert "time.csv" in text and "hours must be a number" in text


def test_wrong_file_type_is_refused_at_upload(client_a, facility, org_a, tmp_path):
    files = uploads(record_files(tmp_path))
    files["roster"] = SimpleUploadedFile("roster.exe", b"MZ\x00\x00", content_type="application/octet-stream")
    data = {"organisation": org_a.pk, "jurisdiction": "CN-440300", **files}
    response = client_a.post(reverse("compliance:upload", args=[facility.pk]), data)
    assert response.status_code == 422 and "CSV or XLSX" in response.content.decode()
    assert ComplianceCheck.objects.count() == 0


def test_unknown_jurisdiction_is_refused_at_upload(client_a, facility, org_a, tmp_path):
    response = post_upload(client_a, facility, org_a, record_files(tmp_path), jurisdiction="XX-000")
    assert response.status_code == 422 and ComplianceCheck.objects.count() == 0


def test_buyer_sees_results_only_once_the_supplier_shares_them(
    client_a, facility, org_a, user_b, buyer_relationship, tmp_path
):
    post_upload(client_a, facility, org_a, record_files(tmp_path))
    check = ComplianceCheck.objects.get()
    client = Client()
    client.force_login(user_b)
    detail = reverse("compliance:check_detail", args=[check.pk])
    assert client.get(detail).status_code == 404
    assert client.get(f"/api/v1/compliance/checks/{check.pk}").status_code == 404
    assert client.get("/api/v1/compliance/checks").json()["count"] == 0
    # the buyer cannot share on the supplier's behalf
    client.post(reverse("compliance:check_share", args=[check.pk]), {"shared": "on"})
    check.refresh_from_db()
    assert not check.shared_with_buyers
    client_a.post(reverse("compliance:check_share", args=[check.pk]), {"shared": "on"})
    check.refresh_from_db()
    assert check.shared_with_buyers
    assert client.get(detail).status_code == 200
    assert client.get(reverse("compliance:check_export", args=[check.pk])).status_code == 200
    assert client.get(f"/api/v1/compliance/checks/{check.pk}/findings").json()["count"] == check.finding_count
    client_a.post(reverse("compliance:check_share", args=[check.pk]), {})
    assert client.get(detail).status_code == 404


def test_buyer_with_a_relationship_may_upload_and_the_supplier_sees_it(
    client_a, facility, org_b, user_b, buyer_relationship, tmp_path
):
    client = Client()
    client.force_login(user_b)
    post_upload(client, facility, org_b, record_files(tmp_path))
    check = ComplianceCheck.objects.get()
    assert check.organisation == org_b and check.status == "done"
    assert client.get(reverse("compliance:check_detail", args=[check.pk])).status_code == 200
    assert client_a.get(reverse("compliance:check_detail", args=[check.pk])).status_code == 200


def test_organisations_without_a_link_to_the_facility_cannot_upload(
    client, facility, org_b, user_b, tmp_path
):
    client.force_login(user_b)
    assert client.get(reverse("compliance:upload", args=[facility.pk])).status_code == 404
    response = post_upload(client, facility, org_b, record_files(tmp_path))
    assert response.status_code == 404 and ComplianceCheck.objects.count() == 0


def test_viewer_role_cannot_upload(client, facility, org_a):
    from tests.factories import MembershipFactory, UserFactory

    viewer = UserFactory(username="viewer")
    MembershipFactory(user=viewer, organisation=org_a, role="viewer")
    client.force_login(viewer)
    assert client.get(reverse("compliance:upload", args=[facility.pk])).status_code == 404


def test_second_upload_is_compared_with_the_previous_one(client_a, facility, org_a, tmp_path):
    first, second = tmp_path / "1", tmp_path / "2"
    first.mkdir()
    second.mkdir()
    post_upload(client_a, facility, org_a, record_files(first, month=3))
    post_upload(client_a, facility, org_a, record_files(second, month=4))
    older, newer = ComplianceCheck.objects.order_by("created_at", "id")
    assert newer.comparison["previous_id"] == older.pk
    assert newer.comparison["by_code"]["below_minimum_wage"] == {"share": 0.5, "previous": 0.5, "change": 0.0}
    # the same worker keeps the same pseudonym from one upload to the next
    assert set(older.workers.values_list("worker", flat=True)) == set(
        newer.workers.values_list("worker", flat=True)
    )


def test_xlsx_export_lists_findings_with_provisions(client_a, facility, org_a, tmp_path):
    from python_calamine import CalamineWorkbook

    post_upload(client_a, facility, org_a, record_files(tmp_path))
    check = ComplianceCheck.objects.get()
    response = client_a.get(reverse("compliance:check_export", args=[check.pk]))
    assert response.status_code == 200
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    assert workbook.sheet_names == ["Findings", "Workers", "Facility", "Rule set"]
    rows = workbook.get_sheet_by_name("Findings").to_python()
    assert len(rows) == check.finding_count + 1
    header = rows[0]
    provisions = [row[header.index("provisions")] for row in rows[1:]]
    assert all(provisions)


def test_worker_drill_down_shows_weekly_hours_and_findings(client_a, facility, org_a, tmp_path):
    post_upload(client_a, facility, org_a, record_files(tmp_path))
    check = ComplianceCheck.objects.get()
    summary = WorkerSummary.objects.filter(upload=check).order_by("-max_week_hours").first()
    assert summary.max_week_hours == 60.0  # five 12-hour days
    response = client_a.get(reverse("compliance:worker_detail", args=[check.pk, summary.worker]))
    assert response.status_code == 200 and "worker-chart" in response.content.decode()
    api = client_a.get(f"/api/v1/compliance/checks/{check.pk}/workers/{summary.worker}").json()
    assert api["max_week_hours"] == 60.0 and api["findings"]
    assert all(f["worker_id"] == summary.worker for f in api["findings"])


def test_api_upload_runs_the_check(client_a, facility, tmp_path):
    files = uploads(record_files(tmp_path))
    response = client_a.post(
        f"/api/v1/compliance/facilities/{facility.pk}/checks", {"jurisdiction": "CN-440300", **files}
    )
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["status"] in ("queued", "done") and body["progress_id"]
    check = ComplianceCheck.objects.get(pk=body["id"])
    assert check.status == "done"
    detail = client_a.get(f"/api/v1/compliance/checks/{check.pk}").json()
    assert detail["summary"]["workers"] == 2
    findings = client_a.get(f"/api/v1/compliance/checks/{check.pk}/findings?code=below_minimum_wage").json()
    assert findings["count"] == 1 and findings["items"][0]["provisions"]


def test_api_requires_a_user(client):
    assert client.get("/api/v1/compliance/checks").status_code == 401


def test_an_unexpected_engine_error_fails_the_check_instead_of_leaving_it_running(
    client_a, facility, org_a, tmp_path, monkeypatch
):
    from rsca.compliance import services

    def broken(**kwargs):
        raise RuntimeError("engine exploded")

    monkeypatch.setattr(services, "payroll_check", broken)
    post_upload(client_a, facility, org_a, record_files(tmp_path))
    check = ComplianceCheck.objects.get()
    assert check.status == ComplianceCheck.Status.FAILED and "unexpectedly" in check.error_message
    assert check.progress.status == "failed"
    assert not any(incoming_dir().iterdir())
