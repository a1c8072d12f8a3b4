"""Bad input: every problem named by file, row and column; never a finding from half a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from rsca.compliance import inputs
from rsca.compliance.check import payroll_check
from rsca.compliance.inputs import Source, inputs_load
from rsca.core.errors import InvalidInput
from tests.compliance.builders import (
    PAYROLL_HEADER,
    ROSTER_HEADER,
    TIME_HEADER,
    day,
    pay,
    shenzhen_limits,
    worker,
    write_csv,
    write_inputs,
)


def good(tmp_path: Path) -> dict[str, Path]:
    return write_inputs(
        tmp_path,
        [worker("W1"), worker("W2")],
        [day("W1", "2025-03-03", 8), day("W2", "2025-03-03", 9)],
        [pay("W1", "2025-03-01", "2025-03-31", 3000), pay("W2", "2025-03-01", "2025-03-31", 3000)],
    )


def problems(files: dict[str, Path], **kwargs) -> list[dict]:
    with pytest.raises(InvalidInput) as caught:
        payroll_check(**files, limits=shenzhen_limits(), **kwargs)
    return caught.value.details


def test_missing_columns_are_named(tmp_path):
    files = good(tmp_path)
    files["time"].write_text("worker_id,day,hours\nW1,2025-03-03,8\n", encoding="utf-8")
    details = problems(files)
    assert details == [
        {"file": "time.csv", "row": 0, "column": "date", "message": "Required column(s) missing: date."}
    ]


def test_unparseable_dates_and_numbers_name_row_and_column(tmp_path):
    files = good(tmp_path)
    write_csv(
        files["time"],
        TIME_HEADER,
        [day("W1", "2025-03-03", 8), day("W1", "03/04/2025", 8), day("W2", "2025-03-05", "eight")],
    )
    details = problems(files)
    assert [(d["file"], d["row"], d["column"]) for d in details] == [
        ("time.csv", 2, "date"),
        ("time.csv", 3, "hours"),
    ]
    assert "03/04/2025" in details[0]["message"]


@pytest.mark.parametrize(
    "written", ["2025/3/3", "2025.03.03", "2025年3月3日", " 2025-03-03 ", "2025-03-03 00:00:00"]
)
def test_dates_as_chinese_payroll_systems_write_them_are_read(tmp_path, written):
    files = good(tmp_path)
    write_csv(files["time"], TIME_HEADER, [day("W1", written, 14), day("W2", "2025-03-03", 9)])
    report = payroll_check(**files, limits=shenzhen_limits())
    daily = [f for f in report.findings if f["code"] == "daily_overtime_exceeded"]
    assert [(f["worker_id"], f["period_start"]) for f in daily] == [("W1", "2025-03-03")]


def test_negative_hours_and_more_than_24_are_refused(tmp_path):
    files = good(tmp_path)
    write_csv(
        files["time"],
        TIME_HEADER,
        [day("W1", "2025-03-03", -1), day("W1", "2025-03-04", 24), day("W1", "2025-03-05", 24.5)],
    )
    details = problems(files)
    assert [(d["row"], d["column"]) for d in details] == [(1, "hours"), (3, "hours")]


def test_duplicate_worker_days_are_refused_with_both_rows(tmp_path):
    files = good(tmp_path)
    write_csv(
        files["time"],
        TIME_HEADER,
        [day("W1", "2025-03-03", 8), day("W2", "2025-03-03", 8), day("W1", "2025-03-03", 4)],
    )
    details = problems(files)
    assert [(d["file"], d["row"], d["column"]) for d in details] == [("time.csv", 3, "date")]
    assert "row 1" in details[0]["message"]


def test_overlapping_pay_periods_are_refused(tmp_path):
    files = good(tmp_path)
    write_csv(
        files["payroll"],
        PAYROLL_HEADER,
        [
            pay("W1", "2025-03-01", "2025-03-31", 3000),
            pay("W1", "2025-03-16", "2025-04-15", 3000),
            pay("W2", "2025-03-01", "2025-03-31", 3000),
            pay("W2", "2025-04-01", "2025-04-30", 3000),
        ],
    )
    details = problems(files)
    assert [(d["file"], d["row"], d["column"]) for d in details] == [("payroll.csv", 2, "period_start")]


def test_period_ending_before_it_starts_and_other_currency(tmp_path):
    files = good(tmp_path)
    write_csv(files["payroll"], PAYROLL_HEADER, [pay("W1", "2025-03-31", "2025-03-01", 3000)])
    assert [(d["row"], d["column"]) for d in problems(files)] == [(1, "period_end")]
    write_csv(files["payroll"], PAYROLL_HEADER, [pay("W1", "2025-03-01", "2025-03-31", 3000, currency="USD")])
    details = problems(files)
    assert [(d["row"], d["column"]) for d in details] == [(1, "currency")]
    assert "CNY" in details[0]["message"]


def test_duplicate_roster_entries_and_impossible_dates(tmp_path):
    files = good(tmp_path)
    write_csv(
        files["roster"],
        ROSTER_HEADER,
        [worker("W1"), worker("W2", birth="2026-01-01", hire="2025-01-01"), worker("W1")],
    )
    details = problems(files)
    assert {(d["row"], d["column"]) for d in details} == {(3, "worker_id"), (2, "birth_date")}


def test_errors_in_several_files_are_all_reported(tmp_path):
    files = good(tmp_path)
    write_csv(files["roster"], ROSTER_HEADER, [worker("W1", birth="someday")])
    write_csv(
        files["payroll"], PAYROLL_HEADER, [{**pay("W1", "2025-03-01", "2025-03-31", 0), "base_pay": "lots"}]
    )
    assert {(d["file"], d["column"]) for d in problems(files)} == {
        ("roster.csv", "birth_date"),
        ("payroll.csv", "base_pay"),
    }


def test_a_bad_row_at_the_end_of_a_large_file_yields_no_findings_at_all(tmp_path, monkeypatch):
    """The DuckDB fast path (large CSV) falls back to the row-by-row report; nothing is checked."""
    monkeypatch.setattr(inputs, "DIRECT_CSV_BYTES", 10)
    files = good(tmp_path)
    rows = [day("W1", f"2025-03-{d:02d}", 13) for d in range(1, 29)] + [day("W2", "2025-03-29", 25)]
    write_csv(files["time"], TIME_HEADER, rows)
    details = problems(files)
    assert [(d["file"], d["row"], d["column"]) for d in details] == [("time.csv", 29, "hours")]


def test_large_files_take_the_fast_path_with_the_same_result(tmp_path, monkeypatch):
    files = good(tmp_path)
    slow = payroll_check(**files, limits=shenzhen_limits())
    monkeypatch.setattr(inputs, "DIRECT_CSV_BYTES", 10)
    fast = payroll_check(**files, limits=shenzhen_limits())
    assert fast.findings == slow.findings
    assert fast.summary["rows"] == {"roster": 2, "time": 2, "payroll": 2}


def test_xlsx_and_gb18030_files_are_read(tmp_path):
    import xlsxwriter

    files = good(tmp_path)
    workbook_path = tmp_path / "roster.xlsx"
    workbook = xlsxwriter.Workbook(str(workbook_path))
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, [h.upper() for h in ROSTER_HEADER[:7]])
    sheet.write_row(1, 0, ["W1", "1995-05-05", "F", "2024-01-02", "2024-01-02", "", "操作工"])
    sheet.write_row(2, 0, ["W2", "1995-05-05", "M", "2024-01-02", "2024-01-02", "", "操作工"])
    workbook.close()
    files["roster"] = workbook_path
    gb = tmp_path / "time-gb.csv"
    gb.write_bytes("worker_id,date,hours,备注\nW1,2025-03-03,12,加班\nW2,2025-03-03,8,\n".encode("gb18030"))
    files["time"] = gb
    report = payroll_check(**files, limits=shenzhen_limits())
    assert [(f["code"], f["worker_id"]) for f in report.findings] == [
        ("daily_overtime_exceeded", "W1"),
        ("overtime_premium_underpaid", "W1"),
    ]


def test_upload_bytes_and_pseudonyms(tmp_path):
    files = good(tmp_path)
    sources = {kind: Source(filename=f"{kind}.csv", data=path.read_bytes()) for kind, path in files.items()}
    loaded = inputs_load(**sources, pseudonym=inputs.pseudonymiser(b"k"))
    ids = {row[0] for row in loaded.con.execute("SELECT worker_id FROM in_time").fetchall()}
    assert ids == {inputs.pseudonymiser(b"k")("W1"), inputs.pseudonymiser(b"k")("W2")}
    assert all(i.startswith("W-") and len(i) == 22 for i in ids)
    assert inputs.pseudonymiser(b"other")("W1") not in ids


def test_excel_file_that_is_not_one_is_refused(tmp_path):
    files = good(tmp_path)
    fake = tmp_path / "roster.xlsx"
    fake.write_bytes(b"not a workbook at all")
    files["roster"] = fake
    details = problems(files)
    assert details[0]["file"] == "roster.xlsx"


@pytest.mark.django_db
def test_unknown_jurisdiction_is_refused_before_anything_is_checked(tmp_path):
    files = good(tmp_path)
    with pytest.raises(InvalidInput) as caught:
        payroll_check(**files, jurisdiction="XX-999999")
    assert caught.value.code in ("unknown_jurisdiction", "invalid_input", "not_found")
    assert "XX-999999" in caught.value.message
