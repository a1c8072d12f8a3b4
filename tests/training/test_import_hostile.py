"""Participant lists through the one import pipeline: hostile files refused cleanly on the page, the API and the
CLI; the valid rows imported when asked and the others downloadable; the CLI on a fresh installation."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from rsca.core.models import AuditEvent, ImportUpload
from rsca.training.models import Registration
from tests.core.test_tabular_limits import inline, workbook

HEADER = '<row r="1">' + inline("A1", "name") + "</row>"
HOSTILE = {
    "claim.xlsx": (
        workbook(
            HEADER + '<row r="1048576">' + inline("XFD1048576", "x") + "</row>", dimension="A1:XFD1048576"
        ),
        "too_many_columns",
        413,
    ),
    "rows.xlsx": (
        workbook(HEADER.encode() + b'<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 2_000_000),
        "too_many_rows",
        413,
    ),
    "long.csv": (b"name\nA\n" + b"y" * 131_073 + b"\n", "cell_too_long", 413),
    "wide.csv": (
        b"name," + b",".join(b"c%d" % i for i in range(1_000_000)) + b"\nA\n",
        "too_many_columns",
        413,
    ),
    "nul.csv": (b"name,email\n" + b"A,a@example.org\n" * 50 + b"B\x00,b@example.org\n", "nul_byte", 422),
    "latin.csv": (b"name,organisation\nA,Caf\xff\n", "bad_encoding", 422),
}
GOOD_AND_BAD = (
    b"name,sex,email\nGood One,female,one@example.org\nBad Mail,male,not-an-email\nGood Two,male,\n"
)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_file_is_refused_on_the_page_with_the_limit_named(
    client: Any, past: Any, staff_user: Any, name: str
) -> None:
    data, code, status = HOSTILE[name]
    client.force_login(staff_user)
    with translation.override("en"):
        url = reverse("training:import", kwargs={"slug": past.slug})
    upload = io.BytesIO(data)
    upload.name = name
    response = client.post(url, {"file": upload})
    assert response.status_code == status
    assert name in response.content.decode() and response.context["error"].code == code
    assert Registration.objects.filter(activity=past).count() == 0


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_file_is_refused_by_the_api_with_the_error_body(
    client: Any, past: Any, staff_user: Any, name: str
) -> None:
    data, code, status = HOSTILE[name]
    client.force_login(staff_user)
    upload = io.BytesIO(data)
    upload.name = name
    response = client.post(f"/api/v1/training/activities/{past.slug}/participants/import", {"file": upload})
    assert response.status_code == status
    body = response.json()
    assert body["code"] == code and name in body["message"] and body["details"][0]["file"] == name


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_file_ends_the_command_with_one_line(
    past: Any, staff_user: Any, tmp_path: Path, name: str
) -> None:
    data, code, _status = HOSTILE[name]
    path = tmp_path / name
    path.write_bytes(data)
    stderr = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command(
            "import-participants",
            str(path),
            "--session",
            past.slug,
            "--commit",
            stdout=io.StringIO(),
            stderr=stderr,
        )
    assert name in str(error.value) and "\n" not in str(error.value)
    assert stderr.getvalue() == ""


def test_the_valid_rows_are_imported_when_asked_and_the_others_download(
    client: Any, past: Any, staff_user: Any
) -> None:
    client.force_login(staff_user)
    with translation.override("en"):
        url = reverse("training:import", kwargs={"slug": past.slug})
    upload = io.BytesIO(GOOD_AND_BAD)
    upload.name = "mixed.csv"
    preview = client.post(url, {"file": upload})
    assert "Import the 2 valid rows" in preview.content.decode()
    import_id = preview.context["import_id"]
    skipped = client.get(url, {"skipped": import_id})
    lines = skipped.content.decode("utf-8-sig").splitlines()
    assert skipped["Content-Type"].startswith("text/csv") and lines[0] == "row,name,sex,email,problems"
    assert lines[1].startswith("3,Bad Mail,male,not-an-email,email:")
    done = client.post(url, {"commit": "1", "import_id": import_id, "skip_invalid": "1"})
    assert done.status_code == 302
    assert Registration.objects.filter(activity=past).count() == 2
    assert not ImportUpload.objects.filter(pk=import_id).exists()  # committed: the stored file is gone
    assert client.post(url, {"commit": "1", "import_id": import_id}).status_code == 302  # expired, said so


def test_another_users_preview_cannot_be_committed(
    client: Any, past: Any, staff_user: Any, user_a: Any
) -> None:
    client.force_login(staff_user)
    with translation.override("en"):
        url = reverse("training:import", kwargs={"slug": past.slug})
    upload = io.BytesIO(GOOD_AND_BAD)
    upload.name = "mixed.csv"
    import_id = client.post(url, {"file": upload}).context["import_id"]
    other = get_user_model().objects.create(username="other-staff", is_staff=True)
    client.force_login(other)
    client.post(url, {"commit": "1", "import_id": import_id, "skip_invalid": "1"})
    assert Registration.objects.filter(activity=past).count() == 0


def test_the_command_commits_on_a_fresh_installation_without_any_staff_account(
    past: Any, tmp_path: Path
) -> None:
    get_user_model().objects.all().delete()  # rsca migrate && rsca seed: no account yet
    path = tmp_path / "list.csv"
    path.write_bytes(GOOD_AND_BAD)
    out = io.StringIO()
    call_command(
        "import-participants",
        str(path),
        "--session",
        past.slug,
        "--commit",
        "--skip-invalid",
        stdout=out,
        stderr=io.StringIO(),
    )
    assert "2 new registrations" in out.getvalue() and "1 rows skipped" in out.getvalue()
    assert Registration.objects.filter(activity=past).count() == 2
    events = AuditEvent.objects.filter(target_type="training.registration")
    assert events.count() == 2 and set(events.values_list("actor_repr", flat=True)) == {"system"}
