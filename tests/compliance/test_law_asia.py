"""Payroll checks outside China through the CLI, with rosters computed by hand from the law.

Each case names the provision and the notice its expected figures come from; the data is the seeded
standards knowledge base (data/thresholds/<CC>.yaml, data/minimum_wages/<CC>.yaml), not a fixture.
"""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from tests.compliance.builders import day, pay, workdays, worker, write_inputs

D = datetime.date
JULY_2024 = workdays(D(2024, 7, 1), D(2024, 7, 31))  # 23 weekdays
MARCH_2025 = workdays(D(2025, 3, 1), D(2025, 3, 31))  # 21 weekdays


def _check(files: dict[str, Path], jurisdiction: str) -> list[dict[str, Any]]:
    out = io.StringIO()
    call_command(
        "check-payroll",
        roster=str(files["roster"]),
        time=str(files["time"]),
        payroll=str(files["payroll"]),
        jurisdiction=jurisdiction,
        format="json",
        stdout=out,
    )
    findings: list[dict[str, Any]] = json.loads(out.getvalue())["findings"]
    return findings


def _codes(findings: list[dict[str, Any]], worker_id: str) -> set[str]:
    return {f["code"] for f in findings if f["worker_id"] == worker_id}


@pytest.mark.django_db
def test_ho_chi_minh_city_july_2024_region_i_minimum_wage_and_overtime_caps(tmp_path: Path) -> None:
    # Decree 74/2024/ND-CP art. 3: Region I (HCMC's districts) VND 4,960,000 a month from 1 July 2024.
    # Labour Code 2019 art. 107: at most 40 h overtime a month and 50 % of the normal 8-hour day (4 h).
    days = JULY_2024
    files = write_inputs(
        tmp_path,
        [worker("A"), worker("B"), worker("C"), worker("D")],
        [day("A", d, 8) for d in days]
        + [day("B", d, 8) for d in days]
        + [day("C", d, 10) for d in days]
        + [day("D", d, 8) for d in days[1:]]
        + [day("D", days[0], 13)],
        [
            pay("A", "2024-07-01", "2024-07-31", 4_900_000, currency="VND"),  # 60,000 short of 4,960,000
            pay("B", "2024-07-01", "2024-07-31", 4_960_000, currency="VND"),  # exactly the minimum
            pay("C", "2024-07-01", "2024-07-31", 6_000_000, 2_250_000, currency="VND"),
            pay("D", "2024-07-01", "2024-07-31", 6_000_000, 300_000, currency="VND"),
        ],
    )
    findings = _check(files, "VN-SG")
    below = [f for f in findings if f["code"] == "below_minimum_wage"]
    assert [(f["worker_id"], f["measured"], f["limit"]) for f in below] == [("A", 4_900_000, 4_960_000)]
    assert below[0]["provisions"] and "74/2024" in below[0]["provisions"][0]["reference"]
    monthly = [f for f in findings if f["code"] == "monthly_overtime_cap_exceeded"]
    assert [(f["worker_id"], f["measured"], f["limit"]) for f in monthly] == [("C", 46, 40)]  # 23 days x 2 h
    assert monthly[0]["provisions"][0]["instrument"] == "VN-LABOUR-CODE-2019"
    daily = [f for f in findings if f["code"] == "daily_overtime_exceeded"]
    assert {f["worker_id"] for f in daily} == {"D"}  # 13 h on 1 July: 5 h overtime > 4 h
    assert "daily_overtime_exceeded" not in _codes(findings, "C")  # 2 h a day is within 4 h


@pytest.mark.django_db
def test_can_gio_district_takes_region_ii_and_the_rest_of_hcmc_region_i(tmp_path: Path) -> None:
    # Decree 74/2024/ND-CP appendix: Can Gio district (VN-SG:787) is Region II, VND 4,410,000; the rest of HCMC I.
    files = write_inputs(
        tmp_path,
        [worker("E")],
        [day("E", d, 8) for d in JULY_2024],
        [pay("E", "2024-07-01", "2024-07-31", 4_500_000, currency="VND")],
    )
    assert "below_minimum_wage" not in _codes(_check(files, "VN-SG:787"), "E")  # 4,500,000 >= 4,410,000
    city = [f for f in _check(files, "VN-SG") if f["code"] == "below_minimum_wage"]
    assert [(f["worker_id"], f["limit"]) for f in city] == [("E", 4_960_000)]


@pytest.mark.django_db
def test_month_boundary_at_the_decree_change(tmp_path: Path) -> None:
    # Decree 38/2022 (VND 4,680,000) until 30 June 2024, Decree 74/2024 (4,960,000) from 1 July 2024:
    # 4,800,000 for June 2024 is lawful, the same for July 2024 is not.
    june = workdays(D(2024, 6, 1), D(2024, 6, 30))
    files = write_inputs(
        tmp_path,
        [worker("F")],
        [day("F", d, 8) for d in june + JULY_2024],
        [
            pay("F", "2024-06-01", "2024-06-30", 4_800_000, currency="VND"),
            pay("F", "2024-07-01", "2024-07-31", 4_800_000, currency="VND"),
        ],
    )
    below = [f for f in _check(files, "VN-SG") if f["code"] == "below_minimum_wage"]
    assert [(f["period_start"], f["limit"]) for f in below] == [("2024-07-01", 4_960_000)]


@pytest.mark.django_db
def test_a_payroll_in_another_currency_is_refused_naming_the_file(tmp_path: Path, capsys: Any) -> None:
    files = write_inputs(
        tmp_path,
        [worker("G")],
        [day("G", d, 8) for d in JULY_2024],
        [pay("G", "2024-07-01", "2024-07-31", 3000, currency="CNY")],
    )
    with pytest.raises(SystemExit) as exited:
        _check(files, "VN-SG")
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "payroll" in err and "CNY" in err and "VND" in err


@pytest.mark.django_db
@pytest.mark.xfail(
    strict=True,
    reason="the engine requires every parameter (threshold_missing for the daily overtime "
    "cap, which Myanmar's recorded law does not set) instead of reporting that check as not judged",
)
def test_myanmar_daily_minimum_wage(tmp_path: Path) -> None:
    # Notification 2/2018 (Minimum Wages Law 2013): MMK 4,800 for an 8-hour day, everywhere in Myanmar.
    # 21 weekdays in March 2025: 21 x 4,800 = 100,800; 21 x 4,700 = 98,700 is below.
    files = write_inputs(
        tmp_path,
        [worker("H"), worker("I")],
        [day("H", d, 8) for d in MARCH_2025] + [day("I", d, 8) for d in MARCH_2025],
        [
            pay("H", "2025-03-01", "2025-03-31", 98_700, currency="MMK"),
            pay("I", "2025-03-01", "2025-03-31", 100_800, currency="MMK"),
        ],
    )
    findings = _check(files, "MM-06")  # Yangon
    assert "below_minimum_wage" in _codes(findings, "H")
    assert "below_minimum_wage" not in _codes(findings, "I")


def _august(tmp_path: Path, year: int) -> dict[str, Path]:
    days = workdays(D(year, 8, 1), D(year, 8, 31))
    assert len(days) == 23  # August 2022 and 2023 both have 23 weekdays and no public holiday in Viet Nam
    return write_inputs(
        tmp_path,
        [worker("J")],
        [day("J", d, 10.5) for d in days],
        [pay("J", f"{year}-08-01", f"{year}-08-31", 9_000_000, 3_000_000, currency="VND")],
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("year", "expected"), [(2022, []), (2023, [("2023-08-01", 57.5, 40)])])
def test_resolution_17_2022_allowed_60_overtime_hours_a_month_in_2022_only(
    tmp_path: Path, year: int, expected: list[tuple[str, float, int]]
) -> None:
    # Labour Code 2019 art. 107: 40 h a month; Resolution 17/2022/UBTVQH15 art. 2: up to 60 h with consent from
    # 1 April to 31 December 2022. 23 weekdays of 10.5 h = 57.5 h overtime: lawful in August 2022, not in August 2023.
    monthly = [
        f for f in _check(_august(tmp_path, year), "VN-SG") if f["code"] == "monthly_overtime_cap_exceeded"
    ]
    assert [(f["period_start"], f["measured"], f["limit"]) for f in monthly] == expected


@pytest.mark.django_db
@pytest.mark.xfail(
    strict=True,
    reason="the engine resolves every threshold at the end of the records' span, so "
    "2022's 60 h cap is not applied to 2022 months in a 2022-2023 file",
)
def test_one_file_spanning_the_change_applies_each_month_its_own_cap(tmp_path: Path) -> None:
    days = workdays(D(2022, 8, 1), D(2022, 8, 31)) + workdays(D(2023, 8, 1), D(2023, 8, 31))
    files = write_inputs(
        tmp_path,
        [worker("J")],
        [day("J", d, 10.5) for d in days],
        [
            pay("J", "2022-08-01", "2022-08-31", 9_000_000, 3_000_000, currency="VND"),
            pay("J", "2023-08-01", "2023-08-31", 9_000_000, 3_000_000, currency="VND"),
        ],
    )
    monthly = [f for f in _check(files, "VN-SG") if f["code"] == "monthly_overtime_cap_exceeded"]
    assert [(f["period_start"], f["limit"]) for f in monthly] == [("2023-08-01", 40)]
