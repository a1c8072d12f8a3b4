"""Large lists are read, matched and committed by background tasks with progress; small ones stay in the request."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rsca.core.models import TaskProgress
from rsca.supplychain import services
from rsca.supplychain.models import Facility, FacilityListRow, FacilityListUpload, SupplyRelationship
from tests.supplychain.conftest import MESSY_CSV


@pytest.fixture
def background(monkeypatch):
    """Every upload and commit counts as large (the task backend of the tests runs tasks at once)."""
    monkeypatch.setattr(services, "SYNC_MAX_BYTES", 10)
    monkeypatch.setattr(services, "SYNC_MAX_ROWS", 1)


def _incoming() -> list[Path]:
    directory = Path(settings.MEDIA_ROOT) / "supplychain" / "incoming"
    return list(directory.iterdir()) if directory.exists() else []


def test_size_decides_where_an_upload_runs():
    assert not services.runs_in_background(size=services.SYNC_MAX_BYTES)
    assert services.runs_in_background(size=services.SYNC_MAX_BYTES + 1)
    assert services.runs_in_background(rows=services.SYNC_MAX_ROWS + 1)
    assert not services.runs_in_background(rows=services.SYNC_MAX_ROWS)


def test_a_queued_list_is_previewed_by_the_task_with_progress(org_a, user_a, existing_facilities):
    upload = services.facility_list_upload_queue(
        organisation=org_a,
        upload_file=SimpleUploadedFile("big.csv", MESSY_CSV.encode()),
        filename="big.csv",
        by=user_a,
    )
    upload.refresh_from_db()
    assert upload.status == FacilityListUpload.Status.PREVIEW and upload.row_count == 3
    assert dict(upload.rows.values_list("row_number", "status")) == {1: "matched", 2: "new", 3: "matched"}
    progress = TaskProgress.objects.get(pk=upload.progress_id)
    assert progress.status == TaskProgress.Status.DONE and progress.done == 100
    assert "3 rows" in progress.message
    assert progress.result_url == reverse("supplychain:upload_detail", args=[upload.pk])
    assert _incoming() == []  # the file is deleted once read
    assert not SupplyRelationship.objects.filter(buyer=org_a).exists()


def test_a_bad_file_fails_the_task_with_the_error_and_stores_nothing(org_a, user_a):
    upload = services.facility_list_upload_queue(
        organisation=org_a,
        upload_file=SimpleUploadedFile("big.csv", b"name,country\nA,CN\n"),
        filename="big.csv",
        by=user_a,
    )
    upload.refresh_from_db()
    assert upload.status == FacilityListUpload.Status.FAILED
    assert "address" in upload.error_message and upload.errors
    assert not FacilityListRow.objects.filter(upload=upload).exists()
    assert TaskProgress.objects.get(pk=upload.progress_id).status == TaskProgress.Status.FAILED
    assert _incoming() == []


def test_commit_in_the_task_is_all_or_nothing(org_a, user_a):
    bad = MESSY_CSV + "Nowhere Ltd,1 Road,Atlantis,,,,\n"
    count = Facility.objects.count()
    upload = services.facility_list_upload_queue(
        organisation=org_a,
        upload_file=SimpleUploadedFile("big.csv", bad.encode()),
        filename="big.csv",
        by=user_a,
        commit=True,
    )
    upload.refresh_from_db()
    assert upload.status == FacilityListUpload.Status.FAILED
    assert any(e["row"] == 4 and e["column"] == "country" for e in upload.errors)
    assert Facility.objects.count() == count and not SupplyRelationship.objects.filter(buyer=org_a).exists()
    assert not FacilityListRow.objects.filter(upload=upload).exists()


def test_the_pages_send_large_lists_to_the_task_page(background, client_a, org_a, existing_facilities):
    file = SimpleUploadedFile("list.csv", MESSY_CSV.encode(), content_type="text/csv")
    response = client_a.post(
        reverse("supplychain:upload_list"), {"organisation": org_a.pk, "file": file, "tier": "1"}
    )
    upload = FacilityListUpload.objects.get(organisation=org_a)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:task_progress", kwargs={"progress_id": upload.progress_id})
    task_page = client_a.get(response["Location"]).content.decode()
    assert reverse("supplychain:upload_detail", args=[upload.pk]) in task_page
    detail = client_a.get(reverse("supplychain:upload_detail", args=[upload.pk])).content.decode()
    assert "苏州恒泰纺织服装股份有限公司" in detail
    committed = client_a.post(reverse("supplychain:upload_commit", args=[upload.pk]))
    upload.refresh_from_db()
    assert committed.status_code == 302
    assert committed["Location"] == reverse("core:task_progress", kwargs={"progress_id": upload.progress_id})
    assert upload.status == FacilityListUpload.Status.COMMITTED
    assert SupplyRelationship.objects.filter(buyer=org_a).count() == 3
    assert TaskProgress.objects.get(pk=upload.progress_id).status == TaskProgress.Status.DONE


def test_the_api_answers_202_with_the_progress_for_large_lists(
    background, client_a, org_a, existing_facilities
):
    file = SimpleUploadedFile("list.csv", MESSY_CSV.encode(), content_type="text/csv")
    response = client_a.post("/api/v1/supplychain/uploads", {"organisation": org_a.slug, "file": file})
    assert response.status_code == 202
    body = response.json()
    assert body["status"] == "preview" and body["progress_id"]  # the test backend runs the task at once
    task = client_a.get(f"/api/v1/tasks/{body['progress_id']}").json()
    assert task["status"] == "done"
    committed = client_a.post(f"/api/v1/supplychain/uploads/{body['id']}/commit")
    assert committed.status_code == 202 and committed.json()["status"] == "committed"


def test_a_failed_background_list_shows_its_errors(background, client_a, org_a):
    file = SimpleUploadedFile("list.csv", b"name,country\nA,CN\n", content_type="text/csv")
    client_a.post(reverse("supplychain:upload_list"), {"organisation": org_a.pk, "file": file, "tier": "1"})
    upload = FacilityListUpload.objects.get(organisation=org_a)
    body = client_a.get(reverse("supplychain:upload_detail", args=[upload.pk])).content.decode()
    assert "nothing was stored" in body and "address" in body


def test_garbage_collection_is_back_on_after_an_import_even_a_failed_one(monkeypatch, org_a, user_a):
    import gc

    from rsca.core.errors import InvalidInput

    def refuse(*args, **kwargs):
        assert not gc.isenabled()  # paused while the rows are built
        raise InvalidInput("refused")

    monkeypatch.setattr(services, "_match", refuse)
    with pytest.raises(InvalidInput):
        services.facility_list_import(
            organisation=org_a, source=MESSY_CSV.encode(), filename="l.csv", by=user_a
        )
    assert gc.isenabled()
