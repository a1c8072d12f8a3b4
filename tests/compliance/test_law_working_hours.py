"""Working-hour systems, hand-computed from the law (not from the engine's output).

Rule set: Shenzhen as `builders.shenzhen_limits` gives it (8 h day, 36 h/month overtime, 150/200/300 %,
CNY 2,520 a month from 2025-03-01). The law applied:

* 劳社部发〔2008〕3号: 月计薪天数 21.75; hourly wage = monthly wage ÷ (21.75 × 8); standard working time
  20.83 days = 166.64 h a month, 62.5 days = 500 h a quarter, 250 days = 2,000 h a year.
* 工资支付暂行规定 (劳部发〔1994〕489号) art. 13: under an approved comprehensive system, the hours of the
  period above the standard total are overtime, paid at 150 %; work on statutory holidays at 300 %; no
  rest-day premium; the irregular system has no overtime pay.
* Labour Law art. 41 and 劳部发〔1997〕271号 item 5: overtime at most 36 h a month on average.
* Labour Law art. 39, 劳部发〔1994〕503号: both systems need the labour administration's approval.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from rsca.compliance.check import payroll_check
from rsca.compliance.workcalendar import PUBLIC_HOLIDAY, REST_DAY, WORKDAY, day_kind
from rsca.core.errors import InvalidInput
from tests.compliance.builders import (
    PAYROLL_HEADER,
    ROSTER_HEADER,
    TIME_HEADER,
    day,
    pay,
    shenzhen_limits,
    workdays,
    worker,
    write_csv,
)

D = datetime.date
SYSTEM_COLUMNS = ["working_hour_system", "approval_reference", "contract_wage", "part_time"]
APPROVAL = "深人社综〔2025〕001"


def person(
    worker_id: str,
    system: str = "standard",
    approval: str = APPROVAL,
    contract: str = "3000",
    part_time: str = "",
) -> dict[str, Any]:
    row = worker(worker_id, hire="2024-01-02", signed="2024-01-02")
    row.update(
        working_hour_system=system, approval_reference=approval, contract_wage=contract, part_time=part_time
    )
    return row


def check(
    tmp_path: Path, roster: list[dict[str, Any]], time: list[dict[str, Any]], payroll: list[dict[str, Any]]
) -> Any:
    files = {
        "roster": write_csv(tmp_path / "roster.csv", ROSTER_HEADER + SYSTEM_COLUMNS, roster),
        "time": write_csv(tmp_path / "time.csv", TIME_HEADER, time),
        "payroll": write_csv(tmp_path / "payroll.csv", PAYROLL_HEADER, payroll),
    }
    return payroll_check(**files, limits=shenzhen_limits())


def of(report: Any, code: str, worker_id: str | None = None) -> list[dict[str, Any]]:
    return [
        f for f in report.findings if f["code"] == code and (worker_id is None or f["worker_id"] == worker_id)
    ]


def march_except_sundays(worker_id: str, hours: float) -> list[dict[str, Any]]:
    """Every day of March 2025 but the five Sundays: 26 days, five of them Saturdays (rest days)."""
    days = [D(2025, 3, n) for n in range(1, 32) if D(2025, 3, n).weekday() != 6]
    assert len(days) == 26 and sum(d.weekday() == 5 for d in days) == 5
    return [day(worker_id, d, hours) for d in days]


def test_march_2025_has_no_statutory_holiday() -> None:
    assert all(day_kind(D(2025, 3, n), "CN") != PUBLIC_HOLIDAY for n in range(1, 32))


def test_comprehensive_month_overtime_is_the_hours_above_166_64_paid_at_150_percent(tmp_path: Path) -> None:
    """26 days × 7 h = 182 h in March 2025; overtime 182 − 166.64 = 15.36 h. Contract wage 3,000:
    3,000 ÷ 21.75 ÷ 8 = 17.2414/h; owed 17.2414 × 15.36 × 1.5 = 397.24. The 35 h on Saturdays earn no
    rest-day premium, and 7-hour days are not daily overtime."""
    roster = [person("K1", "comprehensive_month"), person("K2", "comprehensive_month")]
    time = march_except_sundays("K1", 7) + march_except_sundays("K2", 7)
    payroll = [
        pay("K1", "2025-03-01", "2025-03-31", 3000, 397.24),
        pay("K2", "2025-03-01", "2025-03-31", 3000, 397.23),
    ]
    report = check(tmp_path, roster, time, payroll)
    premium = of(report, "overtime_premium_underpaid")
    assert [
        (f["worker_id"], f["detail"], f["limit"], f["hours_workday"], f["hourly_rate"]) for f in premium
    ] == [("K2", "comprehensive_overtime_pay_below_premium", 397.24, 15.36, 17.24)]
    assert "21.75" in premium[0]["computation"]
    references = {p["reference"] for p in premium[0]["provisions"]}
    assert {"art. 13", "item 5"} <= references
    assert not of(report, "daily_overtime_exceeded") and not of(report, "monthly_overtime_cap_exceeded")


def test_same_hours_under_the_standard_system_owe_the_rest_day_premium(tmp_path: Path) -> None:
    """The contrast: on the standard system the 5 Saturdays × 7 h = 35 h are rest-day work at 200 %:
    35 × 2 × 17.2414 = 1,206.90 (Labour Law art. 44(2)); the workday hours (7 h) have no overtime."""
    report = check(
        tmp_path,
        [person("S1")],
        march_except_sundays("S1", 7),
        [pay("S1", "2025-03-01", "2025-03-31", 3000, 397.24)],
    )
    premium = of(report, "overtime_premium_underpaid")
    assert [(f["limit"], f["hours_rest_day"]) for f in premium] == [(1206.9, 35.0)]


def test_comprehensive_overtime_above_36_hours_on_average_is_a_cap_finding(tmp_path: Path) -> None:
    """26 × 8.5 h = 221 h; overtime 221 − 166.64 = 54.36 h > 36 h (one month)."""
    report = check(
        tmp_path,
        [person("K4", "comprehensive_month")],
        march_except_sundays("K4", 8.5),
        [pay("K4", "2025-03-01", "2025-03-31", 3000, 2000)],
    )
    cap = of(report, "monthly_overtime_cap_exceeded")
    assert [(f["detail"], f["measured"], f["limit"]) for f in cap] == [
        ("comprehensive_overtime_above_cap", 54.36, 36.0)
    ]
    assert not of(report, "overtime_premium_underpaid")  # 17.2414 × 54.36 × 1.5 = 1,405.86 ≤ 2,000


def test_comprehensive_statutory_holiday_work_is_paid_at_300_percent(tmp_path: Path) -> None:
    """October 2025: 1 October is a statutory holiday (全国年节及纪念日放假办法). 8 h on it and 20 days × 8 h
    = 160 h on other days (below 166.64 h: no overtime). Owed 8 × 3 × 17.2414 = 413.79."""
    assert day_kind(D(2025, 10, 1), "CN") == PUBLIC_HOLIDAY
    others = [D(2025, 10, n) for n in range(8, 32) if day_kind(D(2025, 10, n), "CN") != PUBLIC_HOLIDAY][:20]
    assert len(others) == 20
    time = []
    for worker_id in ("H1", "H2"):
        time += [day(worker_id, "2025-10-01", 8)] + [day(worker_id, d, 8) for d in others]
    payroll = [
        pay("H1", "2025-10-01", "2025-10-31", 3000, 413.79),
        pay("H2", "2025-10-01", "2025-10-31", 3000, 413.78),
    ]
    report = check(
        tmp_path, [person("H1", "comprehensive_month"), person("H2", "comprehensive_month")], time, payroll
    )
    premium = of(report, "overtime_premium_underpaid")
    assert [(f["worker_id"], f["limit"], f["hours_holiday"], f["hours_workday"]) for f in premium] == [
        ("H2", 413.79, 8.0, 0.0)
    ]


def test_comprehensive_system_without_approval_reference_is_a_finding(tmp_path: Path) -> None:
    report = check(
        tmp_path,
        [
            person("A1", "comprehensive_month", approval=""),
            person("A2", "irregular", approval=""),
            person("A3", "comprehensive_month"),
        ],
        [day("A1", "2025-03-03", 8), day("A2", "2025-03-03", 8), day("A3", "2025-03-03", 8)],
        [pay("A1", "2025-03-01", "2025-03-31", 3000)],
    )
    found = of(report, "working_hour_system_unapproved")
    assert [(f["worker_id"], f["detail"]) for f in found] == [
        ("A1", "comprehensive_month"),
        ("A2", "irregular"),
    ]
    assert {"art. 39"} <= {p["reference"] for p in found[0]["provisions"]}


def test_irregular_system_has_no_overtime_findings_but_the_minimum_wage_applies(tmp_path: Path) -> None:
    """26 days × 11 h: no daily, monthly or premium findings; base 2,000 for the whole of March 2025 is below
    the 2,520 owed for its 21 working days (the minimum wage applies to every system)."""
    report = check(
        tmp_path,
        [person("I1", "irregular", contract="")],
        march_except_sundays("I1", 11),
        [pay("I1", "2025-03-01", "2025-03-31", 2000, 0)],
    )
    assert not of(report, "daily_overtime_exceeded") and not of(report, "monthly_overtime_cap_exceeded")
    assert not of(report, "overtime_premium_underpaid")
    assert [(f["measured"], f["limit"]) for f in of(report, "below_minimum_wage")] == [(2000.0, 2520.0)]
    assert of(report, "no_rest_day_in_7") == []  # a rest day every Sunday


def test_comprehensive_quarter_not_covered_by_the_records_is_not_judged(tmp_path: Path) -> None:
    """Q1 2025 with records for March only: the quarter's total cannot be compared with 500 h."""
    report = check(
        tmp_path,
        [person("Q1", "comprehensive_quarter")],
        march_except_sundays("Q1", 9),
        [pay("Q1", "2025-03-01", "2025-03-31", 3000, 0)],
    )
    assert not of(report, "monthly_overtime_cap_exceeded") and not of(report, "overtime_premium_underpaid")
    assert report.summary["not_judged"]["by_check"].get("comprehensive_overtime") == 1


def test_comprehensive_quarter_over_the_spring_festival(tmp_path: Path) -> None:
    """Q1 2025 (worker employed throughout; pay slips cover every month, so the quarter is judged). The State
    Council's 2025 arrangement leaves 19 + 19 + 21 = 59 working days in Q1 (Spring Festival 28 Jan – 4 Feb,
    make-up days 26 Jan and 8 Feb). 59 × 9 h = 531 h → overtime 531 − 500 = 31 h ≤ 108 h (36 × 3); plus
    8 h on 29 January 2025, the first day of the Spring Festival (statutory). Owed 17.2414 × (31 × 1.5 +
    8 × 3) = 17.2414 × 70.5 = 1,215.52 over the quarter's pay slips."""
    assert day_kind(D(2025, 1, 29), "CN") == PUBLIC_HOLIDAY
    days = workdays(D(2025, 1, 1), D(2025, 3, 31))
    assert len(days) == 59
    time = [day("Q2", d, 9) for d in days] + [day("Q2", "2025-01-29", 8)]
    payroll = [
        pay("Q2", "2025-01-01", "2025-01-31", 3000, 0),
        pay("Q2", "2025-02-01", "2025-02-28", 3000, 0),
        pay("Q2", "2025-03-01", "2025-03-31", 3000, 1215.51),
    ]
    report = check(tmp_path, [person("Q2", "comprehensive_quarter")], time, payroll)
    premium = of(report, "overtime_premium_underpaid")
    assert [
        (
            f["period_start"],
            f["period_end"],
            f["limit"],
            f["measured"],
            f["hours_workday"],
            f["hours_holiday"],
        )
        for f in premium
    ] == [("2025-01-01", "2025-03-31", 1215.52, 1215.51, 31.0, 8.0)]
    assert not of(report, "monthly_overtime_cap_exceeded")


def test_unknown_working_hour_system_names_file_row_and_value(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as caught:
        check(
            tmp_path,
            [person("X1"), person("X2", "flexible")],
            [day("X1", "2025-03-03", 8)],
            [pay("X1", "2025-03-01", "2025-03-31", 3000)],
        )
    problem = caught.value.details[0]
    assert (problem["file"], problem["row"], problem["column"]) == ("roster.csv", 2, "working_hour_system")
    assert "flexible" in problem["message"]


def test_rest_and_workday_kinds_used_above() -> None:
    assert day_kind(D(2025, 3, 1), "CN") == REST_DAY and day_kind(D(2025, 3, 3), "CN") == WORKDAY


def test_large_roster_read_by_duckdb_checks_the_system_column_too(tmp_path: Path) -> None:
    """A roster above 256 KB goes through DuckDB's CSV reader (inputs.DIRECT_CSV_BYTES): a system written in
    capitals is taken, an unknown one is reported with its row."""
    roster = [person(f"W{n:05d}", "Comprehensive_Month" if n % 2 else "standard") for n in range(1, 3001)]
    roster[2499]["working_hour_system"] = "four_day_week"
    path = write_csv(tmp_path / "roster.csv", ROSTER_HEADER + SYSTEM_COLUMNS, roster)
    assert path.stat().st_size > 256 * 1024
    with pytest.raises(InvalidInput) as caught:
        check(
            tmp_path,
            roster,
            [day("W00001", "2025-03-03", 8)],
            [pay("W00001", "2025-03-01", "2025-03-31", 3000)],
        )
    problem = caught.value.details[0]
    assert (problem["row"], problem["column"]) == (2500, "working_hour_system")
    roster[2499]["working_hour_system"] = "irregular"
    # 12 h on a working day: daily overtime of 4 h > 3 h on the standard system (W00002), none on the
    # comprehensive one (W00001, written in capitals)
    report = check(
        tmp_path,
        roster,
        [day("W00001", "2025-03-03", 12), day("W00002", "2025-03-03", 12)],
        [pay("W00001", "2025-03-01", "2025-03-31", 3000)],
    )
    assert [f["worker_id"] for f in of(report, "daily_overtime_exceeded")] == ["W00002"]
    assert not of(report, "working_hour_system_unapproved")  # every worker has an approval reference
