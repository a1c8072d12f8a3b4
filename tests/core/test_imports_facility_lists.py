"""The facility-list importer (supply chain) reads through the bounded reader: hostile files end in a clear
error naming the limit on its page, its API and its command, never a 500 or a traceback."""

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

from tests.core.test_tabular_limits import inline, workbook

pytestmark = pytest.mark.django_db
HEAD = b"name,address,country"
XLSX_HEAD = (
    '<row r="1">' + inline("A1", "name") + inline("B1", "address") + inline("C1", "country") + "</row>"
)
HOSTILE = {
    "claim.xlsx": (
        workbook(
            XLSX_HEAD + '<row r="1048576">' + inline("XFD1048576", "x") + "</row>", dimension="A1:XFD1048576"
        ),
        "too_many_columns",
    ),
    "rows.xlsx": (
        workbook(XLSX_HEAD.encode() + b'<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 200_000),
        "too_many_rows",
    ),
    "long.csv": (HEAD + b"\nA,B,CN\n" + b"y" * 131_073 + b",B,CN\n", "cell_too_long"),
    "wide.csv": (
        HEAD + b"," + b",".join(b"c%d" % i for i in range(1_000_000)) + b"\nA,B,CN\n",
        "too_many_columns",
    ),
    "nul.csv": (HEAD + b"\n" + b"A,B,CN\n" * 700 + b"A\x00,B,CN\n", "nul_byte"),
}


@pytest.fixture
def buyer(org_a: Any) -> Any:
    org_a.enterprise_role = "buyer"
    org_a.save()
    return org_a


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_the_command_ends_with_the_limit_in_one_line_on_a_fresh_installation(
    tmp_path: Path, name: str
) -> None:
    get_user_model().objects.all().delete()
    path = tmp_path / name
    path.write_bytes(HOSTILE[name][0])
    with pytest.raises(CommandError) as error:
        call_command(
            "import-facilities",
            str(path),
            "--organisation",
            "Fresh Buyer",
            "--commit",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    assert name in str(error.value) and "\n" not in str(error.value)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_the_page_and_the_api_answer_4xx_or_a_failed_task_with_the_limit(
    client_a: Any, buyer: Any, name: str
) -> None:
    from rsca.core.models import TaskProgress

    data, code = HOSTILE[name]
    with translation.override("en"):
        url = reverse("supplychain:upload_list")
    upload = io.BytesIO(data)
    upload.name = name
    page = client_a.post(url, {"file": upload, "organisation": buyer.pk, "tier": 1})
    if page.status_code == 302:  # a large list: the background task ends failed with the limit named
        progress = TaskProgress.objects.latest("pk")
        assert progress.status == "failed" and name in progress.message
    else:
        assert 400 <= page.status_code < 500 and name in page.content.decode()
    upload = io.BytesIO(data)
    upload.name = name
    api = client_a.post("/api/v1/supplychain/uploads", {"file": upload, "organisation": buyer.slug})
    if api.status_code == 202:
        progress = TaskProgress.objects.get(pk=api.json()["progress_id"])
        assert progress.status == "failed" and name in progress.message
    else:
        assert 400 <= api.status_code < 500 and api.json()["code"] == code and name in api.json()["message"]
