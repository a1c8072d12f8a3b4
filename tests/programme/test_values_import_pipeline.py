"""Indicator values through the one import pipeline: hostile files refused with the limit named on the page and
the command line, the valid periods saved when asked, the invalid rows downloadable, the command on a fresh
installation."""

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

from rsca.programme.models import IndicatorPeriod
from tests.core.test_tabular_limits import inline, workbook
from tests.programme.factories import make_indicator, make_project

pytestmark = pytest.mark.django_db
MIXED = (
    "indicator,period_start,period_end,target,actual,evidence\n"
    'I1,2024-01-01,2024-12-31,"1,200",30,sheets\n'
    "I1,2025-01-01,2025-12-31,ten,,\n"
    "I1,2026年1月1日,2026-12-31,12,5,sheets\n"
).encode()


HEAD = b"indicator,period_start,period_end"
XLSX_HEAD = (
    '<row r="1">'
    + inline("A1", "indicator")
    + inline("B1", "period_start")
    + inline("C1", "period_end")
    + "</row>"
)
HOSTILE = {
    "claim.xlsx": (
        workbook(
            XLSX_HEAD + '<row r="1048576">' + inline("XFD1048576", "x") + "</row>", dimension="A1:XFD1048576"
        ),
        "too_many_columns",
        413,
    ),
    "long.csv": (HEAD + b"\nI1,2024-01-01,2024-12-31\n" + b"y" * 131_073 + b"\n", "cell_too_long", 413),
    "wide.csv": (
        HEAD + b"," + b",".join(b"c%d" % i for i in range(1_000_000)) + b"\nI1,2024-01-01,2024-12-31\n",
        "too_many_columns",
        413,
    ),
    "nul.csv": (
        HEAD + b"\n" + b"I1,2024-01-01,2024-12-31\n" * 400 + b"I\x001,2024-01-01,2024-12-31\n",
        "nul_byte",
        422,
    ),
}


def _periods(project: Any) -> Any:
    return IndicatorPeriod.objects.filter(indicator__node__project=project)


@pytest.fixture
def project(org_a: Any) -> Any:
    project = make_project(owner=org_a)
    make_indicator(project=project)
    return project


def _url(project: Any) -> str:
    with translation.override("en"):
        return reverse("programme:values_import", kwargs={"slug": project.slug})


@pytest.mark.parametrize("name", ["claim.xlsx", "long.csv", "wide.csv", "nul.csv"])
def test_a_hostile_file_is_refused_on_the_page_with_the_limit_named(
    client_a: Any, project: Any, name: str
) -> None:
    data, code, status = HOSTILE[name]
    upload = io.BytesIO(data)
    upload.name = name
    response = client_a.post(_url(project), {"file": upload})
    assert response.status_code == status and response.context["error"].code == code
    assert name in response.content.decode()


def test_the_valid_periods_are_saved_when_asked_and_the_invalid_rows_download(
    client_a: Any, project: Any
) -> None:
    upload = io.BytesIO(MIXED)
    upload.name = "values.csv"
    preview = client_a.post(_url(project), {"file": upload})
    assert preview.status_code == 422 and "Import the valid rows: save 2 periods" in preview.content.decode()
    token = preview.context["token"]
    skipped = client_a.get(_url(project), {"skipped": token}).content.decode("utf-8-sig").splitlines()
    assert skipped[0] == "row,indicator,period_start,period_end,target,actual,evidence,problems"
    assert skipped[1].startswith("3,I1,2025-01-01,2025-12-31,ten")
    assert client_a.post(_url(project), {"token": token}).status_code == 422  # all or nothing unless asked
    assert not _periods(project).exists()
    done = client_a.post(_url(project), {"token": token, "skip_invalid": "1"})
    assert done.status_code == 302
    saved = {(p.start.year, p.target) for p in _periods(project)}
    assert saved == {(2024, 1200), (2026, 12)}  # "1,200" groups thousands; 2026年1月1日 is a date


def test_the_command_saves_on_a_fresh_installation(project: Any, tmp_path: Path) -> None:
    get_user_model().objects.all().delete()
    path = tmp_path / "values.csv"
    path.write_bytes(MIXED)
    with pytest.raises(CommandError, match="invalid row"):
        call_command(
            "import-indicator-values",
            str(path),
            "--project",
            project.slug,
            "--commit",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    out = io.StringIO()
    call_command(
        "import-indicator-values",
        str(path),
        "--project",
        project.slug,
        "--commit",
        "--skip-invalid",
        stdout=out,
        stderr=io.StringIO(),
    )
    assert "2 indicator period(s) saved" in out.getvalue()
    assert _periods(project).count() == 2


def test_a_hostile_file_ends_the_command_with_one_line(project: Any, tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_bytes(HOSTILE["long.csv"][0])
    stderr = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command(
            "import-indicator-values",
            str(path),
            "--project",
            project.slug,
            "--commit",
            stdout=io.StringIO(),
            stderr=stderr,
        )
    assert "32,767" in str(error.value) and stderr.getvalue() == ""
