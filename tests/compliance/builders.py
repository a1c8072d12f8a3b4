"""Explicit rule sets and tiny record files for hand-checked compliance tests."""

from __future__ import annotations

import csv
import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from rsca.compliance.limits import STATUTORY, Limit, Limits, Provision, WagePeriod

LABOUR_LAW = "CN-LL"


def _limit(
    parameter: str,
    value: str,
    unit: str,
    reference: str,
    standard: str = "national_law",
    instrument: str = LABOUR_LAW,
) -> Limit:
    return Limit(
        parameter=parameter,
        value=Decimal(value),
        unit=unit,
        standard=standard,
        provisions=(Provision(instrument, reference, f"{parameter} rule"),),
        source="CN",
    )


def shenzhen_limits(
    *, weekly_total: str | None = "60", wages: tuple[WagePeriod, ...] | None = None
) -> Limits:
    """Shenzhen as the standards facts give it: 8 h day, 3 h/day and 36 h/month overtime, 150/200/300 %,
    minimum age 16, 18 for hazardous work, 30 days to a written contract, CNY 2,360 then 2,520 from 2025-03-01."""
    values = {
        "min_age_employment": _limit("min_age_employment", "16", "years", "art. 15"),
        "min_age_hazardous_work": _limit("min_age_hazardous_work", "18", "years", "art. 64"),
        "normal_hours_day": _limit("normal_hours_day", "8", "hours/day", "art. 36"),
        "overtime_hours_day_max": _limit("overtime_hours_day_max", "3", "hours/day", "art. 41"),
        "overtime_hours_month_max": _limit("overtime_hours_month_max", "36", "hours/month", "art. 41"),
        "rest_days_per_week": _limit("rest_days_per_week", "1", "days/week", "art. 38"),
        "overtime_premium_workday": _limit("overtime_premium_workday", "150", "percent", "art. 44(1)"),
        "overtime_premium_rest_day": _limit("overtime_premium_rest_day", "200", "percent", "art. 44(2)"),
        "overtime_premium_public_holiday": _limit(
            "overtime_premium_public_holiday", "300", "percent", "art. 44(3)"
        ),
        "contract_deadline_days": _limit(
            "contract_deadline_days", "30", "days", "art. 10", instrument="CN-LCL"
        ),
    }
    if weekly_total is not None:
        values["weekly_hours_max_total"] = _limit(
            "weekly_hours_max_total",
            weekly_total,
            "hours/week",
            "A.2",
            standard="buyer_code",
            instrument="RBA",
        )
    wage_provisions = (Provision("CN-MW-SZ", "Shenzhen minimum wage notice", "first tier"),)
    if wages is None:
        wages = (
            WagePeriod(
                start=datetime.date(2024, 1, 1),
                end=datetime.date(2025, 2, 28),
                monthly=Decimal("2360"),
                currency="CNY",
                standard="national_law",
                provisions=wage_provisions,
            ),
            WagePeriod(
                start=datetime.date(2025, 3, 1),
                end=None,
                monthly=Decimal("2520"),
                currency="CNY",
                standard="national_law",
                provisions=wage_provisions,
            ),
        )
    return Limits(
        jurisdiction="CN-440300",
        country="CN",
        currency="CNY",
        values=values,
        minimum_wage=wages,
        buyer_code="RBA" if weekly_total else None,
        statutory=STATUTORY["CN"],
    )


ROSTER_HEADER = [
    "worker_id",
    "birth_date",
    "sex",
    "hire_date",
    "contract_signed_date",
    "termination_date",
    "job_title",
    "social_insurance_enrolled",
    "is_student_worker",
    "department",
    "hazardous_work",
]
TIME_HEADER = ["worker_id", "date", "hours", "start_time", "end_time"]
PAYROLL_HEADER = [
    "worker_id",
    "period_start",
    "period_end",
    "base_pay",
    "overtime_pay",
    "allowances",
    "deductions",
    "net_pay",
    "currency",
]


def worker(
    worker_id: str,
    *,
    birth: str = "1995-05-05",
    hire: str = "2024-01-02",
    signed: str | None = "2024-01-02",
    terminated: str = "",
    enrolled: str = "true",
    student: str = "false",
    department: str = "SMT",
    sex: str = "F",
    title: str = "operator",
    hazardous: str = "",
) -> dict[str, Any]:
    return {
        "worker_id": worker_id,
        "birth_date": birth,
        "sex": sex,
        "hire_date": hire,
        "contract_signed_date": signed or "",
        "termination_date": terminated,
        "job_title": title,
        "social_insurance_enrolled": enrolled,
        "is_student_worker": student,
        "department": department,
        "hazardous_work": hazardous,
    }


def day(
    worker_id: str, date: str | datetime.date, hours: float, start: str = "", end: str = ""
) -> dict[str, Any]:
    return {"worker_id": worker_id, "date": str(date), "hours": hours, "start_time": start, "end_time": end}


def pay(
    worker_id: str,
    start: str,
    end: str,
    base: float,
    overtime: float = 0.0,
    allowances: float = 0.0,
    deductions: float = 0.0,
    net: float | None = None,
    currency: str = "CNY",
) -> dict[str, Any]:
    if net is None:
        net = round(base + overtime + allowances - deductions, 2)
    return {
        "worker_id": worker_id,
        "period_start": start,
        "period_end": end,
        "base_pay": base,
        "overtime_pay": overtime,
        "allowances": allowances,
        "deductions": deductions,
        "net_pay": net,
        "currency": currency,
    }


def write_csv(path: Path, header: list[str], rows: list[dict[str, Any]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
    return path


def write_inputs(
    directory: Path, roster: list[dict[str, Any]], time: list[dict[str, Any]], payroll: list[dict[str, Any]]
) -> dict[str, Path]:
    return {
        "roster": write_csv(directory / "roster.csv", ROSTER_HEADER, roster),
        "time": write_csv(directory / "time.csv", TIME_HEADER, time),
        "payroll": write_csv(directory / "payroll.csv", PAYROLL_HEADER, payroll),
    }


def workdays(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    from rsca.compliance.workcalendar import WORKDAY, day_kind

    found = []
    current = start
    while current <= end:
        if day_kind(current, "CN") == WORKDAY:
            found.append(current)
        current += datetime.timedelta(days=1)
    return found
