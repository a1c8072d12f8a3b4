"""Young workers on hazardous work (roster column `hazardous_work`), hand-checked.

The rule (Labour Law art. 64; Provisions on the Special Protection of Juvenile Workers, 1994, art. 3; ILO C138
art. 3(1), C182 art. 2–3): nobody under 18 may do the listed hazardous work. A worker whose roster row says
`hazardous_work = true` and who worked (hours > 0) on a day before their 18th birthday is one finding: from the
first to the last such day, measured = the youngest age on those days, limit 18.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from rsca.compliance import engine
from rsca.compliance.check import payroll_check
from rsca.core.errors import InvalidInput
from tests.compliance.builders import day, pay, shenzhen_limits, worker, write_inputs

CODE = "young_worker_hazard_or_night"


def check(tmp_path: Path, roster: list[dict[str, Any]], time: list[dict[str, Any]], **limits: Any) -> Any:
    files = write_inputs(
        tmp_path, roster, time, [pay(roster[0]["worker_id"], "2025-03-01", "2025-03-31", 9000, 9000)]
    )
    return payroll_check(**files, limits=shenzhen_limits(**limits))


def young(report: Any) -> list[tuple[str, str, str, str, float, float, int]]:
    return [
        (
            f["worker_id"],
            f["detail"],
            f["period_start"],
            f["period_end"],
            f["measured"],
            f["limit"],
            f["days"],
        )
        for f in report.findings
        if f["code"] == CODE
    ]


def test_a_17_year_old_on_hazardous_work_is_found_with_the_chinese_and_ilo_provisions(tmp_path):
    """Born 2008-01-15: 17 throughout March 2025; three days worked, one day off (0 h) in between."""
    report = check(
        tmp_path,
        [worker("H1", birth="2008-01-15", hazardous="true")],
        [
            day("H1", "2025-03-03", 8),
            day("H1", "2025-03-04", 0),
            day("H1", "2025-03-05", 8),
            day("H1", "2025-03-06", 8),
        ],
    )
    assert young(report) == [("H1", "hazardous_work_under_18", "2025-03-03", "2025-03-06", 17.0, 18.0, 3)]
    finding = next(f for f in report.findings if f["code"] == CODE)
    cited = {(p["instrument"], p["reference"]) for p in finding["provisions"]}
    assert {
        ("CN-LL", "art. 64"),
        ("CN-JUVENILE-WORKERS-1994", "art. 3"),
        ("ILO-C138", "art. 3(1)"),
        ("ILO-C182", "art. 2–3"),
    } <= cited
    assert not any(p["instrument"] == "C090" for p in finding["provisions"])  # not a night-work finding
    assert finding["severity"] == "high" and finding["standard"] == "national_law"
    assert report.summary["by_code"][CODE] == {"findings": 1, "workers": 1, "share": 1.0}


def test_the_18th_birthday_ends_the_finding(tmp_path):
    """Born 2007-03-10: 17 on 7 March 2025, exactly 18 on 10 March, so only 7 March counts."""
    report = check(
        tmp_path,
        [worker("H2", birth="2007-03-10", hazardous="yes")],
        [day("H2", "2025-03-07", 8), day("H2", "2025-03-10", 8), day("H2", "2025-03-11", 8)],
    )
    assert young(report) == [("H2", "hazardous_work_under_18", "2025-03-07", "2025-03-07", 17.0, 18.0, 1)]


def test_adults_on_hazardous_work_and_minors_on_other_work_are_not_findings(tmp_path):
    report = check(
        tmp_path,
        [
            worker("A1", birth="1990-01-01", hazardous="true"),
            worker("M1", birth="2008-01-15", hazardous="false"),
            worker("M2", birth="2008-01-15", hazardous=""),
            worker("M3", birth="2008-01-15", hazardous="true"),
        ],
        [
            day("A1", "2025-03-03", 8),
            day("M1", "2025-03-03", 8),
            day("M2", "2025-03-03", 8),
            day("M3", "2025-03-03", 0),
        ],
    )  # M3 is on the hazardous job but did not work that day
    assert young(report) == []
    assert CODE in report.summary["checks_run"]


def test_night_and_hazardous_work_are_two_findings_of_the_same_worker(tmp_path):
    """Hazardous on 3 and 4 March; the night shift (22:00–06:00) only on 4 March."""
    report = check(
        tmp_path,
        [worker("H3", birth="2008-01-15", hazardous="1")],
        [day("H3", "2025-03-03", 8, "08:00", "17:00"), day("H3", "2025-03-04", 7, "22:00", "06:00")],
    )
    assert young(report) == [
        ("H3", "hazardous_work_under_18", "2025-03-03", "2025-03-04", 17.0, 18.0, 2),
        ("H3", "night_work_under_18", "2025-03-04", "2025-03-04", 17.0, 18.0, 1),
    ]
    night = [f for f in report.findings if f["detail"] == "night_work_under_18"][0]
    assert any(p["instrument"] == "C090" for p in night["provisions"])


def test_the_check_runs_on_the_hazard_column_alone_and_is_skipped_without_it_or_shift_times(tmp_path):
    with_column = check(
        tmp_path, [worker("H4", birth="2008-01-15", hazardous="false")], [day("H4", "2025-03-03", 8)]
    )
    assert CODE in with_column.summary["checks_run"]
    without = check(tmp_path, [worker("H5", birth="2008-01-15")], [day("H5", "2025-03-03", 8)])
    assert without.summary["checks_skipped"][CODE] == "no_shift_times_or_hazard_column"


def test_a_hazardous_work_value_that_is_not_yes_or_no_names_file_row_and_column(tmp_path):
    with pytest.raises(InvalidInput) as raised:
        check(
            tmp_path,
            [worker("H6", birth="2008-01-15"), worker("H7", birth="2008-01-15", hazardous="maybe")],
            [day("H6", "2025-03-03", 8)],
        )
    assert {"file": "roster.csv", "row": 2, "column": "hazardous_work"}.items() <= raised.value.details[
        0
    ].items()


def test_the_compiled_query_is_reused_only_for_the_same_rule_set_and_records_shape(tmp_path):
    """The weekly limit of a buyer code changes the query; so does a roster with or without the hazard column."""
    engine._COMPILED.clear()
    rows = [day("H8", f"2025-03-{d:02d}", 11) for d in (3, 4, 5, 6, 7, 8)]  # 66 h in one week
    first = check(tmp_path, [worker("H8", birth="2008-01-15", hazardous="true")], rows)
    assert any(f["code"] == "weekly_hours_over_60" for f in first.findings)
    no_buyer = check(tmp_path, [worker("H8", birth="2008-01-15", hazardous="true")], rows, weekly_total=None)
    assert not any(f["code"] == "weekly_hours_over_60" for f in no_buyer.findings)
    no_column = check(tmp_path, [worker("H8", birth="2008-01-15")], rows, weekly_total=None)
    assert young(no_column) == [] and young(no_buyer) != []
    assert len(engine._COMPILED) == 3
