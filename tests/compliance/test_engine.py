"""Hand-checked cases: each check at its boundary, holidays and make-up days, partial months, leap years,
workers exactly 16 or 18 on the day. Every expected figure below was worked out by hand from the rule
quoted in the test's docstring."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from rsca.compliance.check import payroll_check
from rsca.compliance.workcalendar import PUBLIC_HOLIDAY, REST_DAY, WORKDAY, day_kind
from tests.compliance.builders import day, pay, shenzhen_limits, workdays, worker, write_inputs

D = datetime.date


def run(
    tmp_path: Path,
    roster: list[dict[str, Any]],
    time: list[dict[str, Any]],
    payroll: list[dict[str, Any]] | None = None,
    **limits: Any,
) -> list[dict[str, Any]]:
    files = write_inputs(tmp_path, roster, time, payroll or default_payroll(roster))
    return payroll_check(**files, limits=shenzhen_limits(**limits)).findings


def default_payroll(roster: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A generous pay slip for the first worker, for tests about other checks (a payroll file must have rows)."""
    return [pay(roster[0]["worker_id"], "2025-03-01", "2025-03-31", 9000, 9000)]


def of(findings: list[dict[str, Any]], code: str, worker_id: str | None = None) -> list[dict[str, Any]]:
    return [f for f in findings if f["code"] == code and (worker_id is None or f["worker_id"] == worker_id)]


def full_days(worker_id: str, start: D, end: D, hours: float = 8.0) -> list[dict[str, Any]]:
    return [day(worker_id, d, hours) for d in workdays(start, end)]


# ------------------------------------------------------------------ the calendar


def test_chinese_calendar_distinguishes_statutory_holidays_rest_days_and_make_up_days():
    assert day_kind(D(2025, 1, 26), "CN") == WORKDAY  # Sunday, make-up day for the Spring Festival
    assert day_kind(D(2025, 2, 8), "CN") == WORKDAY  # Saturday, make-up day
    assert day_kind(D(2025, 1, 28), "CN") == PUBLIC_HOLIDAY  # New Year's Eve, statutory since 2025
    assert day_kind(D(2025, 2, 3), "CN") == REST_DAY  # substituted day off: rest day, not statutory
    assert day_kind(D(2025, 10, 1), "CN") == PUBLIC_HOLIDAY
    assert day_kind(D(2025, 10, 4), "CN") == REST_DAY  # Saturday inside the National Day week
    assert day_kind(D(2025, 10, 6), "CN") == PUBLIC_HOLIDAY  # Mid-Autumn Festival
    assert day_kind(D(2025, 10, 8), "CN") == REST_DAY  # day off in lieu
    assert day_kind(D(2025, 10, 11), "CN") == WORKDAY  # Saturday make-up day
    assert day_kind(D(2025, 5, 31), "CN") == PUBLIC_HOLIDAY  # Dragon Boat Festival on a Saturday
    assert day_kind(D(2025, 6, 2), "CN") == REST_DAY  # the compensating Monday off
    assert len(workdays(D(2025, 10, 1), D(2025, 10, 31))) == 18


# ------------------------------------------------------------------ ages


def test_worker_exactly_16_on_the_day_is_not_child_labour_but_the_day_before_is(tmp_path):
    findings = run(
        tmp_path,
        [worker("W1", birth="2009-03-10", hire="2025-03-01")],
        [
            day("W1", "2025-03-07", 8),
            day("W1", "2025-03-09", 0),
            day("W1", "2025-03-10", 8),
            day("W1", "2025-03-11", 8),
        ],
    )
    child = of(findings, "child_labour")
    assert len(child) == 1
    assert child[0]["worker_id"] == "W1"
    assert (child[0]["period_start"], child[0]["period_end"]) == ("2025-03-07", "2025-03-07")
    assert child[0]["measured"] == 15 and child[0]["limit"] == 16 and child[0]["days"] == 1
    assert child[0]["severity"] == "high" and child[0]["standard"] == "national_law"
    assert child[0]["provisions"][0]["reference"] == "art. 15"


def test_born_on_29_february_turns_16_on_29_february_of_a_leap_year(tmp_path):
    findings = run(
        tmp_path,
        [worker("L1", birth="2008-02-29", hire="2024-02-01")],
        [day("L1", "2024-02-28", 8), day("L1", "2024-02-29", 8)],
    )
    child = of(findings, "child_labour")
    assert [(f["period_start"], f["measured"]) for f in child] == [("2024-02-28", 15.0)]


def test_young_worker_born_29_february_turns_18_on_1_march_of_a_common_year(tmp_path):
    """2026 is a common year: 18 is reached on 1 March, so a night shift on 28 February is still a minor's."""
    findings = run(
        tmp_path,
        [worker("Y1", birth="2008-02-29", hire="2025-06-01")],
        [day("Y1", "2026-02-28", 8, "22:00", "07:00"), day("Y1", "2026-03-01", 8, "22:00", "07:00")],
    )
    young = of(findings, "young_worker_hazard_or_night")
    assert [(f["period_start"], f["period_end"], f["measured"], f["limit"]) for f in young] == [
        ("2026-02-28", "2026-02-28", 17.0, 18.0)
    ]
    assert any(p["instrument"] == "C090" for p in young[0]["provisions"])


def test_night_is_22_to_6_and_a_day_shift_ending_at_22_is_not_night_work(tmp_path):
    findings = run(
        tmp_path,
        [worker("Y2", birth="2008-06-01", hire="2025-01-02")],
        [
            day("Y2", "2025-03-03", 8, "13:00", "22:00"),
            day("Y2", "2025-03-04", 8, "06:00", "15:00"),
            day("Y2", "2025-03-05", 8, "05:30", "14:30"),
            day("Y2", "2025-03-06", 2, "20:00", "22:30"),
        ],
    )
    young = of(findings, "young_worker_hazard_or_night")
    assert len(young) == 1
    assert (young[0]["period_start"], young[0]["period_end"], young[0]["days"]) == (
        "2025-03-05",
        "2025-03-06",
        2,
    )


def test_young_worker_check_is_skipped_without_shift_times(tmp_path):
    files = write_inputs(
        tmp_path,
        [worker("Y3", birth="2008-06-01")],
        [day("Y3", "2025-03-03", 8)],
        default_payroll([worker("Y3")]),
    )
    report = payroll_check(**files, limits=shenzhen_limits())
    assert "young_worker_hazard_or_night" in report.summary["checks_skipped"]
    assert "young_worker_hazard_or_night" not in report.summary["checks_run"]


# ------------------------------------------------------------------ hours


def test_daily_overtime_boundary_is_three_hours_on_a_working_day(tmp_path):
    findings = run(
        tmp_path,
        [worker("H1")],
        [day("H1", "2025-03-03", 11), day("H1", "2025-03-04", 11.5), day("H1", "2025-03-08", 12)],
    )  # Saturday: rest-day work, not a longer working day
    daily = of(findings, "daily_overtime_exceeded")
    assert [(f["date"], f["measured"], f["limit"]) for f in daily] == [("2025-03-04", 3.5, 3.0)]
    assert daily[0]["provisions"][0]["reference"] == "art. 41"


def test_a_make_up_sunday_is_a_working_day_so_its_overtime_is_daily_overtime(tmp_path):
    findings = run(tmp_path, [worker("H2")], [day("H2", "2025-01-26", 12), day("H2", "2025-01-25", 12)])
    assert [f["date"] for f in of(findings, "daily_overtime_exceeded")] == ["2025-01-26"]


def test_monthly_overtime_cap_is_36_hours(tmp_path):
    """March 2025: 12 working days of 11 h = 36 h overtime (at the cap); a second worker adds one 0.5 h more."""
    days = workdays(D(2025, 3, 1), D(2025, 3, 31))[:12]
    time = (
        [day("M1", d, 11) for d in days]
        + [day("M2", d, 11) for d in days]
        + [day("M2", days[-1] + datetime.timedelta(days=1), 8.5)]
    )
    findings = run(tmp_path, [worker("M1"), worker("M2")], time)
    monthly = of(findings, "monthly_overtime_cap_exceeded")
    assert [
        (f["worker_id"], f["period_start"], f["period_end"], f["measured"], f["limit"]) for f in monthly
    ] == [("M2", "2025-03-01", "2025-03-31", 36.5, 36.0)]


def test_rest_day_and_holiday_hours_count_in_full_towards_the_monthly_cap(tmp_path):
    """October 2025: 8 h on 1 Oct (holiday) + 8 h on 4 Oct (rest day) + 10 × 2 h on working days + 1 h = 37 h."""
    days = workdays(D(2025, 10, 1), D(2025, 10, 31))
    time = [day("M3", "2025-10-01", 8), day("M3", "2025-10-04", 8)] + [day("M3", d, 10) for d in days[:10]]
    time.append(day("M3", days[10], 9))
    monthly = of(run(tmp_path, [worker("M3")], time), "monthly_overtime_cap_exceeded")
    assert len(monthly) == 1
    f = monthly[0]
    assert (f["measured"], f["hours_workday"], f["hours_rest_day"], f["hours_holiday"]) == (
        37.0,
        21.0,
        8.0,
        8.0,
    )


def test_weekly_total_above_60_hours_is_a_buyer_code_finding(tmp_path):
    """Monday 3 to Sunday 9 March 2025: 5 × 12 h = 60 h (at the limit); the other worker adds 0.5 h on Sunday."""
    week = [D(2025, 3, 3) + datetime.timedelta(days=i) for i in range(5)]
    time = (
        [day("K1", d, 12) for d in week] + [day("K2", d, 12) for d in week] + [day("K2", "2025-03-09", 0.5)]
    )
    weekly = of(run(tmp_path, [worker("K1"), worker("K2")], time), "weekly_hours_over_60")
    assert [
        (f["worker_id"], f["period_start"], f["period_end"], f["measured"], f["limit"], f["standard"])
        for f in weekly
    ] == [("K2", "2025-03-03", "2025-03-09", 60.5, 60.0, "buyer_code")]
    assert weekly[0]["provisions"][0]["instrument"] == "RBA"


def test_weekly_total_is_not_checked_without_a_standard_setting_it(tmp_path):
    files = write_inputs(
        tmp_path,
        [worker("K3")],
        [day("K3", D(2025, 3, 3) + datetime.timedelta(days=i), 13) for i in range(5)],
        default_payroll([worker("K3")]),
    )
    report = payroll_check(**files, limits=shenzhen_limits(weekly_total=None))
    assert not of(report.findings, "weekly_hours_over_60")
    assert "weekly_hours_over_60" in report.summary["checks_skipped"]


def test_seven_days_in_a_row_without_rest_is_a_finding_six_is_not(tmp_path):
    six = [day("R1", D(2025, 3, 3) + datetime.timedelta(days=i), 8) for i in range(6)]
    seven = [
        day("R2", D(2025, 3, 5) + datetime.timedelta(days=i), 8) for i in range(7)
    ]  # Wed to Tue, across weeks
    gap = [day("R3", D(2025, 3, 3) + datetime.timedelta(days=i), 0 if i == 3 else 8) for i in range(10)]
    runs = of(
        run(tmp_path, [worker("R1"), worker("R2"), worker("R3")], six + seven + gap), "no_rest_day_in_7"
    )
    assert [
        (f["worker_id"], f["period_start"], f["period_end"], f["measured"], f["limit"]) for f in runs
    ] == [("R2", "2025-03-05", "2025-03-11", 7.0, 6.0)]


# ------------------------------------------------------------------ wages


def test_full_month_owes_the_monthly_minimum_exactly(tmp_path):
    time = full_days("P1", D(2025, 3, 1), D(2025, 3, 31)) + full_days("P2", D(2025, 3, 1), D(2025, 3, 31))
    payroll = [pay("P1", "2025-03-01", "2025-03-31", 2520.00), pay("P2", "2025-03-01", "2025-03-31", 2519.99)]
    below = of(run(tmp_path, [worker("P1"), worker("P2")], time, payroll), "below_minimum_wage")
    assert [(f["worker_id"], f["measured"], f["limit"], f["unit"]) for f in below] == [
        ("P2", 2519.99, 2520.0, "CNY")
    ]
    assert below[0]["provisions"][0]["instrument"] == "CN-MW-SZ"


def test_partial_month_owes_the_share_of_working_days_worked(tmp_path):
    """Hired 17 March 2025: 11 of March's 21 working days → 2,520 × 11 / 21 = 1,320.00."""
    roster = [worker("P3", hire="2025-03-17"), worker("P4", hire="2025-03-17")]
    time = full_days("P3", D(2025, 3, 17), D(2025, 3, 31)) + full_days("P4", D(2025, 3, 17), D(2025, 3, 31))
    payroll = [pay("P3", "2025-03-01", "2025-03-31", 1320.00), pay("P4", "2025-03-01", "2025-03-31", 1319.00)]
    below = of(run(tmp_path, roster, time, payroll), "below_minimum_wage")
    assert [(f["worker_id"], f["limit"]) for f in below] == [("P4", 1320.0)]


def test_a_minimum_wage_change_applies_from_its_date_within_one_pay_period(tmp_path):
    """One period February–March 2025, every working day worked: 2,360 (February) + 2,520 (March) = 4,880."""
    time = full_days("P5", D(2025, 2, 1), D(2025, 3, 31))
    below = of(
        run(tmp_path, [worker("P5")], time, [pay("P5", "2025-02-01", "2025-03-31", 4800)]),
        "below_minimum_wage",
    )
    assert [(f["measured"], f["limit"]) for f in below] == [(4800.0, 4880.0)]


def test_overtime_premium_on_workdays_rest_days_and_statutory_holidays(tmp_path):
    """October 2025 (18 working days: the National Day week). The base pay of 2,520 is the monthly wage of a
    whole month in employment, so the hourly rate is 2,520 ÷ 21.75 ÷ 8 = 14.4828 (劳社部发〔2008〕3号 para. 2:
    小时工资 = 月工资收入 ÷ (21.75 × 8)) — not base pay ÷ the 144 normal hours of this short month (17.50,
    which over-stated what is owed). Overtime (Labour Law art. 44): 1 Oct (statutory) 8 h × 300 % = 24,
    4 Oct (rest day in the holiday week) 8 h × 200 % = 16, 9 Oct 2 h × 150 % = 3 → 43 × 14.4828 = 622.76."""
    days = workdays(D(2025, 10, 1), D(2025, 10, 31))
    roster = [worker("O1"), worker("O2")]
    time = []
    for worker_id in ("O1", "O2"):
        time += [day(worker_id, d, 10 if d == D(2025, 10, 9) else 8) for d in days]
        time += [day(worker_id, "2025-10-01", 8), day(worker_id, "2025-10-04", 8)]
    payroll = [
        pay("O1", "2025-10-01", "2025-10-31", 2520, 622.76),
        pay("O2", "2025-10-01", "2025-10-31", 2520, 622.75),
    ]
    findings = run(tmp_path, roster, time, payroll)
    premium = of(findings, "overtime_premium_underpaid")
    assert [(f["worker_id"], f["measured"], f["limit"], f["hourly_rate"]) for f in premium] == [
        ("O2", 622.75, 622.76, 14.48)
    ]
    assert "2,520.00 ÷ 21.75 ÷ 8" in premium[0]["computation"]
    f = premium[0]
    assert (f["hours_workday"], f["hours_rest_day"], f["hours_holiday"]) == (2.0, 8.0, 8.0)
    references = {p["reference"] for p in f["provisions"]}
    assert {"art. 44(1)", "art. 44(2)", "art. 44(3)"} <= references
    assert not of(findings, "below_minimum_wage")


def test_overtime_rate_never_below_the_minimum_wage_per_hour(tmp_path):
    """Base 2,000 for 21 full days in March 2025 is 11.90/h, below 2,520 ÷ 21.75 ÷ 8 = 14.4828/h; 10 h overtime
    on working days owe 10 × 1.5 × 14.4828 = 217.24."""
    days = workdays(D(2025, 3, 1), D(2025, 3, 31))
    time = [day("O3", d, 10 if i < 5 else 8) for i, d in enumerate(days)]
    premium = of(
        run(tmp_path, [worker("O3")], time, [pay("O3", "2025-03-01", "2025-03-31", 2000, 150)]),
        "overtime_premium_underpaid",
    )
    assert [(f["limit"], f["hourly_rate"]) for f in premium] == [(217.24, 14.48)]


# ------------------------------------------------------------------ contracts, insurance, records


def test_written_contract_deadline_is_30_days_from_hiring(tmp_path):
    roster = [
        worker("C1", hire="2025-01-02", signed="2025-02-01"),
        worker("C2", hire="2025-01-02", signed="2025-02-02"),
        worker("C3", hire="2025-01-02", signed=None),
        worker("C4", hire="2025-03-10", signed=None),
    ]
    time = [day(w, "2025-03-31", 8) for w in ("C1", "C2", "C3", "C4")]
    late = of(run(tmp_path, roster, time), "no_written_contract")
    assert [(f["worker_id"], f["measured"], f["limit"], f["period_end"]) for f in late] == [
        ("C2", 31.0, 30.0, "2025-02-02"),
        ("C3", 88.0, 30.0, "2025-03-31"),
    ]


def test_social_insurance_missing_except_for_student_workers(tmp_path):
    roster = [
        worker("S1", enrolled="false"),
        worker("S2", enrolled="false", student="true"),
        worker("S3", enrolled="true"),
        worker("S4", enrolled=""),
    ]
    missing = of(run(tmp_path, roster, [day("S1", "2025-03-03", 8)]), "social_insurance_missing")
    assert [f["worker_id"] for f in missing] == ["S1"]
    assert {p["instrument"] for p in missing[0]["provisions"]} == {"CN-SOCIAL-INSURANCE-LAW"}


def test_inconsistent_records_are_reported(tmp_path):
    roster = [worker("I1", hire="2025-03-05"), worker("I2")]
    time = [
        day("I1", "2025-03-04", 8),
        day("I1", "2025-03-05", 8),
        day("GHOST", "2025-03-03", 9),
        day("I2", "2025-03-03", 10, "08:00", "17:00"),
    ]
    payroll = [
        pay("I2", "2025-03-01", "2025-03-31", 2520, 0, 100, 200, net=2420.01),
        pay("I1", "2025-03-01", "2025-03-31", 2520, 0, 100, 200, net=2420.00),
        pay("NOBODY", "2025-03-01", "2025-03-31", 2520),
    ]
    found = {
        (f["detail"], f["worker_id"]) for f in of(run(tmp_path, roster, time, payroll), "data_inconsistent")
    }
    assert found == {
        ("net_pay_mismatch", "I2"),
        ("time_worker_not_in_roster", "GHOST"),
        ("payroll_worker_not_in_roster", "NOBODY"),
        ("worked_outside_employment", "I1"),
        ("hours_exceed_shift", "I2"),
    }


def test_every_finding_cites_provisions_and_echoes_the_input_worker_id(tmp_path):
    roster = [worker("员工-007", birth="2010-01-01", enrolled="false", signed=None, hire="2025-01-02")]
    days = workdays(D(2025, 3, 1), D(2025, 3, 31))
    time = [day("员工-007", d, 12.5, "21:00", "10:30") for d in days]
    findings = run(tmp_path, roster, time, [pay("员工-007", "2025-03-01", "2025-03-31", 2000, 0, net=1)])
    codes = {f["code"] for f in findings}
    assert {
        "child_labour",
        "young_worker_hazard_or_night",
        "daily_overtime_exceeded",
        "monthly_overtime_cap_exceeded",
        "weekly_hours_over_60",
        "below_minimum_wage",
        "overtime_premium_underpaid",
        "no_written_contract",
        "social_insurance_missing",
        "data_inconsistent",
    } <= codes
    for finding in findings:
        assert finding["worker_id"] == "员工-007"
        assert finding["provisions"], finding["code"]
        assert finding["severity"] in ("high", "medium", "low")
        assert finding["standard"] in ("national_law", "ilo", "buyer_code")


def test_summary_reports_shares_hours_rest_and_underpayment(tmp_path):
    days = workdays(D(2025, 3, 1), D(2025, 3, 31))
    roster = [worker("A", department="SMT"), worker("B", department="Packing")]
    time = [day("A", d, 8) for d in days] + [day("B", d, 11) for d in days]
    payroll = [pay("A", "2025-03-01", "2025-03-31", 2500), pay("B", "2025-03-01", "2025-03-31", 2520, 0)]
    files = write_inputs(tmp_path, roster, time, payroll)
    summary = payroll_check(**files, limits=shenzhen_limits()).summary
    assert summary["workers"] == 2
    assert summary["by_code"]["below_minimum_wage"] == {"findings": 1, "workers": 1, "share": 0.5}
    assert summary["max_weekly_hours"] == 55.0  # B: five 11-hour days
    assert summary["longest_run_without_rest"] == 5
    # A: 20.00 short of the minimum; B: 63 h workday overtime × 1.5 × 2,520 ÷ 21.75 ÷ 8 = 1,368.62 unpaid
    # (劳社部发〔2008〕3号: the monthly wage over 21.75 days of 8 hours, whatever the month's working days)
    assert summary["underpayment"]["minimum_wage"] == 20.0
    assert summary["underpayment"]["overtime_premium"] == 1368.62
    departments = {d["department"]: d for d in summary["by_department"]}
    assert departments["SMT"]["share"]["below_minimum_wage"] == 1.0
    assert departments["Packing"]["share"]["monthly_overtime_cap_exceeded"] == 1.0
    assert [m["month"] for m in summary["by_month"]] == ["2025-03"]


@pytest.mark.parametrize("header_case", [str.upper, str.title])
def test_headers_are_case_insensitive_and_extra_columns_ignored(tmp_path, header_case):
    (tmp_path / "roster.csv").write_text(
        ",".join(
            header_case(h)
            for h in [
                "worker_id",
                "name",
                "birth_date",
                "sex",
                "hire_date",
                "contract_signed_date",
                "termination_date",
                "job_title",
            ]
        )
        + "\nZ1,Li Lei,1990-01-01,M,2025-01-02,2025-01-02,,operator\n",
        encoding="utf-8",
    )
    (tmp_path / "time.csv").write_text(
        f"{header_case('worker_id')},{header_case('date')},{header_case('hours')},note\n"
        "Z1,2025-03-04,11.5,x\n",
        encoding="utf-8",
    )
    (tmp_path / "payroll.csv").write_text(
        "worker_id,period_start,period_end,base_pay,overtime_pay,allowances,deductions,net_pay,currency\n"
        "Z1,2025-03-01,2025-03-31,9000,9000,0,0,18000,CNY\n",
        encoding="utf-8",
    )
    findings = payroll_check(
        roster=tmp_path / "roster.csv",
        time=tmp_path / "time.csv",
        payroll=tmp_path / "payroll.csv",
        limits=shenzhen_limits(),
    ).findings
    assert [(f["code"], f["worker_id"]) for f in findings] == [("daily_overtime_exceeded", "Z1")]
    assert "Li Lei" not in repr(findings)
