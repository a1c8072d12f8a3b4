"""Hostile record files: the background check ends "failed" with the reader's limit named, never "running",
and the command line says the same in one line."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from rsca.compliance.models import ComplianceCheck, Finding
from tests.compliance.test_platform import facility, record_files  # noqa: F401 - the fixture
from tests.core.test_tabular_limits import inline, workbook

TIME_HEADER = (
    '<row r="1">' + inline("A1", "worker_id") + inline("B1", "date") + inline("C1", "hours") + "</row>"
)
HOSTILE = {
    "claim.xlsx": (
        workbook(
            TIME_HEADER + '<row r="1048576">' + inline("XFD1048576", "x") + "</row>",
            dimension="A1:XFD1048576",
        ),
        "1,000 columns",
    ),
    "long.csv": (
        b"worker_id,date,hours\n" + b"W" * 131_073 + b",2025-03-03,8\n" + b"W1,2025-03-05,8\n" * 20_000,
        "32,767 characters",
    ),
    "wide.csv": (
        b"worker_id,date,hours," + b",".join(b"c%d" % i for i in range(1_000_000)) + b"\nW1,2025-03-03,8\n",
        "1,000 columns",
    ),
    "nul.csv": (
        b"worker_id,date,hours\n"
        + b"".join(b"W%d,2025-03-%02d,8\n" % (w, d) for w in range(400) for d in range(1, 29))
        + b"W\x00,2025-03-03,8\n",
        "NUL",
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_time_file_fails_the_background_check_with_the_limit_named(
    client_a: Any,
    facility: Any,  # noqa: F811
    org_a: Any,
    tmp_path: Path,
    name: str,
) -> None:
    data, limit = HOSTILE[name]
    files = {
        kind: SimpleUploadedFile(f"{kind}.csv", path.read_bytes(), content_type="text/csv")
        for kind, path in record_files(tmp_path).items()
    }
    files["time"] = SimpleUploadedFile(name, data)
    client_a.post(
        reverse("compliance:upload", args=[facility.pk]),
        {"organisation": org_a.pk, "jurisdiction": "CN-440300", "label": "hostile", **files},
    )
    check = ComplianceCheck.objects.get()
    assert check.status == ComplianceCheck.Status.FAILED
    assert name in check.error_message and limit in check.error_message
    assert check.progress.status == "failed" and limit in check.progress.message
    assert Finding.objects.count() == 0


@pytest.mark.parametrize("name", ["claim.xlsx", "long.csv"])
def test_a_hostile_file_ends_the_payroll_command_with_its_limit(tmp_path: Path, name: str) -> None:
    files = record_files(tmp_path)
    hostile = tmp_path / name
    hostile.write_bytes(HOSTILE[name][0])
    stderr = io.StringIO()
    with pytest.raises(SystemExit):
        call_command(
            "check-payroll",
            "--roster",
            str(files["roster"]),
            "--time",
            str(hostile),
            "--payroll",
            str(files["payroll"]),
            "--jurisdiction",
            "CN-440300",
            stdout=io.StringIO(),
            stderr=stderr,
        )
    assert HOSTILE[name][1] in stderr.getvalue() and "Traceback" not in stderr.getvalue()


def test_payroll_numbers_follow_the_platforms_one_number_rule(tmp_path: Path) -> None:
    from rsca.compliance.inputs import inputs_load

    files = record_files(tmp_path)
    time_text = files["time"].read_text(encoding="utf-8").splitlines()
    header = time_text[0].split(",")
    first = time_text[1].split(",")
    first[header.index("hours")] = '"7,5"'  # a decimal comma, as Excel writes it in many locales
    files["time"].write_text(
        "\n".join([time_text[0], ",".join(first), *time_text[2:]]) + "\n", encoding="utf-8"
    )
    pay_text = files["payroll"].read_text(encoding="utf-8").splitlines()
    pay_header = pay_text[0].split(",")
    row = pay_text[1].split(",")
    row[pay_header.index("base_pay")] = '"2,600.50"'  # thousands separator and decimal point
    files["payroll"].write_text(
        "\n".join([pay_text[0], ",".join(row), *pay_text[2:]]) + "\n", encoding="utf-8"
    )
    loaded = inputs_load(roster=files["roster"], time=files["time"], payroll=files["payroll"])
    hours = {r[0] for r in loaded.con.execute("SELECT hours FROM in_time").fetchall()}
    pays = {r[0] for r in loaded.con.execute("SELECT base_pay FROM in_payroll").fetchall()}
    assert 7.5 in hours and 2600.5 in pays
