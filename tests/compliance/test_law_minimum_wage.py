"""Minimum wages on the reviewed data files (src/rsca/standards/data/minimum_wages/), hand-computed.

Each expected figure is worked out below from the amount of the notice the data cites (named in each test)
and the engine's documented rule (Minimum Wage Provisions 2004 art. 12: the wage for normal working time
may not be below the local minimum; a monthly minimum is owed by working day, monthly ÷ the month's
working days; a part-time worker's pay by the hour, Labour Contract Law art. 72: not below the local
hourly minimum). Amounts whose notice the data marks unconfirmed are tested as the data holds them.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from rsca.compliance.check import payroll_check
from rsca.compliance.limits import limits_resolve
from rsca.core.errors import InvalidInput
from tests.compliance.builders import (
    PAYROLL_HEADER,
    ROSTER_HEADER,
    TIME_HEADER,
    day,
    pay,
    workdays,
    worker,
    write_csv,
)

D = datetime.date
DATA = Path(__file__).resolve().parents[2] / "src" / "rsca" / "standards" / "data" / "minimum_wages"
pytestmark = pytest.mark.django_db


def needs(file: str) -> None:
    if not (DATA / f"{file}.yaml").exists():
        pytest.skip(f"{file}.yaml has not landed yet")


def check(
    tmp_path: Path,
    jurisdiction: str,
    roster: list[dict[str, Any]],
    time: list[dict[str, Any]],
    payroll: list[dict[str, Any]],
) -> Any:
    header = PAYROLL_HEADER + (
        ["social_insurance_employee"] if any("social_insurance_employee" in p for p in payroll) else []
    )
    files = {
        "roster": write_csv(tmp_path / "roster.csv", ROSTER_HEADER + ["part_time", "contract_wage"], roster),
        "time": write_csv(tmp_path / "time.csv", TIME_HEADER, time),
        "payroll": write_csv(tmp_path / "payroll.csv", header, payroll),
    }
    return payroll_check(**files, jurisdiction=jurisdiction)


def of(report: Any, code: str, worker_id: str | None = None) -> list[dict[str, Any]]:
    return [
        f for f in report.findings if f["code"] == code and (worker_id is None or f["worker_id"] == worker_id)
    ]


def full_month(worker_id: str, start: D, end: D, hours: float = 8.0) -> list[dict[str, Any]]:
    return [day(worker_id, d, hours) for d in workdays(start, end)]


def test_dongguan_full_month_owes_its_own_tier_not_guangzhou_s(tmp_path: Path) -> None:
    """Dongguan (441900, a prefecture-level city without counties) from 2021-12-01: CNY 1,900 a month in
    Guangdong's third category (粤府函〔2021〕334号 as the data cites it), not Guangzhou's 2,300 or Shenzhen's
    2,360. December 2023, every working day worked: 1,899.99 is short by 0.01; 1,900 is lawful."""
    needs("CN-44")
    roster = [worker("D1", hire="2023-01-02"), worker("D2", hire="2023-01-02")]
    time = full_month("D1", D(2023, 12, 1), D(2023, 12, 31)) + full_month(
        "D2", D(2023, 12, 1), D(2023, 12, 31)
    )
    payroll = [pay("D1", "2023-12-01", "2023-12-31", 1899.99), pay("D2", "2023-12-01", "2023-12-31", 1900)]
    report = check(tmp_path, "CN-441900", roster, time, payroll)
    below = of(report, "below_minimum_wage")
    assert [(f["worker_id"], f["measured"], f["limit"]) for f in below] == [("D1", 1899.99, 1900.0)]
    assert "tier 3" in below[0]["computation"] and "CNY 1,900.00/month" in below[0]["computation"]
    assert any(p["instrument"] == "MW-CN-44" for p in below[0]["provisions"])


def test_dongguan_overtime_rate_is_the_monthly_wage_over_21_75_days(tmp_path: Path) -> None:
    """December 2023, base 1,900 for the whole month, 20 h of workday overtime: 1,900 ÷ 21.75 ÷ 8 = 10.9195
    an hour (劳社部发〔2008〕3号); owed 20 × 1.5 × 10.9195 = 327.59 (Labour Law art. 44(1))."""
    needs("CN-44")
    days = workdays(D(2023, 12, 1), D(2023, 12, 31))
    time = [day("D3", d, 10 if index < 10 else 8) for index, d in enumerate(days)]
    report = check(
        tmp_path,
        "441900",
        [worker("D3", hire="2023-01-02")],
        time,
        [pay("D3", "2023-12-01", "2023-12-31", 1900, 327.58)],
    )
    premium = of(report, "overtime_premium_underpaid")
    assert [(f["limit"], f["hourly_rate"], f["hours_workday"]) for f in premium] == [(327.59, 10.92, 20.0)]


def test_dongguan_part_time_hourly_minimum(tmp_path: Path) -> None:
    """A part-time worker (非全日制, Labour Contract Law arts. 68 and 72) in Dongguan, December 2023: 10 days
    × 4 h = 40 h × CNY 18.1 an hour (the third category's hourly minimum) = 724.00."""
    needs("CN-44")
    part = worker("P1", hire="2023-01-02")
    part["part_time"] = "yes"
    other = worker("P2", hire="2023-01-02")
    other["part_time"] = "yes"
    days = workdays(D(2023, 12, 1), D(2023, 12, 31))[:10]
    time = [day("P1", d, 4) for d in days] + [day("P2", d, 4) for d in days]
    payroll = [pay("P1", "2023-12-01", "2023-12-31", 723.99), pay("P2", "2023-12-01", "2023-12-31", 724)]
    report = check(tmp_path, "CN-441900", [part, other], time, payroll)
    below = of(report, "below_minimum_wage")
    assert [(f["worker_id"], f["detail"], f["measured"], f["limit"], f["hours_workday"]) for f in below] == [
        ("P1", "part_time_pay_below_hourly_minimum", 723.99, 724.0, 40.0)
    ]


def test_a_date_without_a_known_value_is_not_judged_never_passed(tmp_path: Path) -> None:
    """Before the programme's start (the data begins 2017-12-01) Dongguan's minimum is not in the data: a pay
    slip of 1 yuan for June 2017 is not judged rather than passed, and no other place's value is taken."""
    needs("CN-44")
    report = check(
        tmp_path,
        "CN-441900",
        [worker("U1", hire="2017-01-03")],
        full_month("U1", D(2017, 6, 1), D(2017, 6, 30)),
        [pay("U1", "2017-06-01", "2017-06-30", 1)],
    )
    assert not of(report, "below_minimum_wage")
    assert report.summary["not_judged"]["by_check"].get("below_minimum_wage") == 1
    assert report.limits.wage_unknown and report.limits.wage_unknown[0].reason == "no_value_in_force_on_date"


def test_kunshan_county_takes_suzhou_s_first_tier(tmp_path: Path) -> None:
    """Kunshan (320583, a county-level city of Suzhou) from 2024-01-01: CNY 2,490, Jiangsu's first tier (the
    data places Suzhou in it). February 2024, every working day: 2,489 is short by 1."""
    needs("CN-32")
    report = check(
        tmp_path,
        "CN-320583",
        [worker("K1")],
        full_month("K1", D(2024, 2, 1), D(2024, 2, 29)),
        [pay("K1", "2024-02-01", "2024-02-29", 2489)],
    )
    assert [(f["measured"], f["limit"]) for f in of(report, "below_minimum_wage")] == [(2489.0, 2490.0)]
    assert report.limits.minimum_wage[0].division == "320500" and report.limits.minimum_wage[0].tier == 1


def test_shanghai_own_social_insurance_does_not_count_toward_the_minimum(tmp_path: Path) -> None:
    """Shanghai from 2025-07-01: CNY 2,740 a month; Shanghai's notice excludes the worker's own social
    insurance and housing fund contributions from the minimum. August 2025, base 2,740 with 287.70 of own
    contributions: counted 2,740 − 287.70 = 2,452.30 < 2,740."""
    needs("CN-31")
    payroll = [pay("S1", "2025-08-01", "2025-08-31", 2740) | {"social_insurance_employee": 287.70}]
    report = check(
        tmp_path, "CN-310000", [worker("S1")], full_month("S1", D(2025, 8, 1), D(2025, 8, 31)), payroll
    )
    below = of(report, "below_minimum_wage")
    assert [(f["measured"], f["limit"], f["deducted"]) for f in below] == [(2452.3, 2740.0, 287.7)]
    assert "own social insurance 287.70" in below[0]["computation"]


def test_a_wage_change_in_the_middle_of_a_pay_period_applies_by_day(tmp_path: Path) -> None:
    """Shanghai's minimum rose from 2,690 to 2,740 on 2025-07-01. Pay period 16 June – 15 July 2025, every
    working day worked: owed 2,690 × (working days 16–30 June ÷ working days of June) + 2,740 × (working days
    1–15 July ÷ working days of July)."""
    needs("CN-31")
    june, july = workdays(D(2025, 6, 1), D(2025, 6, 30)), workdays(D(2025, 7, 1), D(2025, 7, 31))
    june_part = [d for d in june if d >= D(2025, 6, 16)]
    july_part = [d for d in july if d <= D(2025, 7, 15)]
    owed = round(2690 * len(june_part) / len(june) + 2740 * len(july_part) / len(july), 2)
    assert (len(june), len(june_part), len(july), len(july_part)) == (20, 11, 23, 11)
    assert owed == 2789.93  # 2,690 × 11/20 + 2,740 × 11/23 = 1,479.50 + 1,310.43
    time = [day("M1", d, 8) for d in june_part + july_part]
    report = check(
        tmp_path, "CN-310000", [worker("M1")], time, [pay("M1", "2025-06-16", "2025-07-15", 2789.92)]
    )
    assert [(f["measured"], f["limit"]) for f in of(report, "below_minimum_wage")] == [(2789.92, owed)]


def test_bazhong(tmp_path: Path) -> None:
    """Bazhong (511900, Sichuan): while Sichuan's file is missing its minimum is unknown, so its pay slips are
    not judged; once the file lands the value must be the tier the file places Bazhong in, with its notice."""
    report = check(
        tmp_path,
        "CN-511900",
        [worker("B1")],
        full_month("B1", D(2024, 5, 1), D(2024, 5, 31)),
        [pay("B1", "2024-05-01", "2024-05-31", 100)],
    )
    if not (DATA / "CN-51.yaml").exists():
        assert not of(report, "below_minimum_wage")
        assert report.summary["not_judged"]["by_check"].get("below_minimum_wage") == 1
    else:
        wage = report.limits.minimum_wage
        assert wage and wage[0].tier is not None and wage[0].tier >= 2  # below Chengdu's first tier
        assert of(report, "below_minimum_wage")


def test_ho_chi_minh_city_region_one(tmp_path: Path) -> None:
    """Ho Chi Minh City (VN-SG) from 2024-07-01: VND 4,960,000 a month, region I (Decree 74/2024/ND-CP as the
    data cites it). August 2024, Monday–Friday (22 working days), every day worked: 4,959,999 is short."""
    needs("VN")
    days = [D(2024, 8, n) for n in range(1, 32) if D(2024, 8, n).weekday() < 5]
    assert len(days) == 22
    time = [day("V1", d, 8) for d in days]
    report = check(
        tmp_path,
        "VN-SG",
        [worker("V1")],
        time,
        [pay("V1", "2024-08-01", "2024-08-31", 4959999, currency="VND")],
    )
    assert report.limits.currency == "VND"
    assert [(f["measured"], f["limit"]) for f in of(report, "below_minimum_wage")] == [(4959999.0, 4960000.0)]


def test_payroll_in_another_currency_is_refused(tmp_path: Path) -> None:
    needs("VN")
    with pytest.raises(InvalidInput) as caught:
        check(
            tmp_path,
            "VN-HN",
            [worker("V2")],
            [day("V2", "2024-08-01", 8)],
            [pay("V2", "2024-08-01", "2024-08-31", 5000, currency="CNY")],
        )
    problem = caught.value.details[0]
    assert (problem["file"], problem["row"], problem["column"]) == ("payroll.csv", 1, "currency")
    assert "VND" in problem["message"]


def test_unknown_jurisdiction_suggests_the_nearest_places() -> None:
    with pytest.raises(InvalidInput) as caught:
        limits_resolve(jurisdiction="Dongguan", start=D(2024, 1, 1), end=D(2024, 1, 31))
    assert caught.value.code == "unknown_jurisdiction"
    assert "441900" in caught.value.message
