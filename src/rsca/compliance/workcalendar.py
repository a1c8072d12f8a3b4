"""The working calendar: which days are working days, rest days and statutory public holidays.

For China, the State Council's yearly holiday arrangement decides: a weekend day that is a make-up
working day (调休上班) is a working day; the extra days off of a holiday week are rest days; only the
statutory holiday days themselves (全国年节及纪念日放假办法: New Year, Spring Festival eve and three days,
Qingming, Labour Day two days, Dragon Boat, Mid-Autumn, National Day three days) are public holidays,
where work is paid at the public-holiday rate (Labour Law art. 44(3)). `chinese_calendar` knows the
arrangement year by year; the `holidays` package names the statutory days. Elsewhere Saturday and
Sunday are rest days and the `holidays` package gives the public holidays.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import holidays as holidays_lib

from rsca.compliance.limits import MONTHLY_WAGE_DAYS, Limits, WagePeriod

WORKDAY = "workday"
REST_DAY = "rest_day"
PUBLIC_HOLIDAY = "public_holiday"
EPOCH = datetime.date(1970, 1, 1)


def epoch_day(day: datetime.date) -> int:
    return (day - EPOCH).days


_HOLIDAY_COUNTRIES = frozenset(holidays_lib.list_supported_countries())


@lru_cache(maxsize=64)
def _statutory_days(country: str, year: int) -> frozenset[datetime.date]:
    if country not in _HOLIDAY_COUNTRIES:  # no statutory calendar known: only weekends rest
        return frozenset()
    calendar = holidays_lib.country_holidays(country, years=year)
    days = set()
    for day, name in calendar.items():
        lowered = str(name).lower()
        # Substituted days off and "observed" days are rest days, not the statutory holiday itself.
        if "day off" in lowered or "observed" in lowered or "substituted" in lowered:
            continue
        days.add(day)
    return frozenset(days)


def day_kind(day: datetime.date, country: str) -> str:
    if day in _statutory_days(country, day.year):
        return PUBLIC_HOLIDAY
    if country == "CN" and day.year in _china_calendar_years():
        import chinese_calendar

        return WORKDAY if chinese_calendar.is_workday(day) else REST_DAY
    return REST_DAY if day.weekday() >= 5 else WORKDAY  # elsewhere, or a year the package does not cover yet


@lru_cache(maxsize=1)
def _china_calendar_years() -> frozenset[int]:
    """Years whose State Council holiday arrangements (with swapped working weekends) chinese_calendar holds."""
    import chinese_calendar

    return frozenset(day.year for day in chinese_calendar.holidays)


@dataclass(frozen=True)
class CalendarDay:
    day: int  # days since 1970-01-01
    date: datetime.date
    kind: str
    week_start: datetime.date
    week_end: datetime.date
    month_start: datetime.date
    month_end: datetime.date
    year: int
    month_day: int  # month * 100 + day, to compare birthdays
    workdays_in_month: int
    min_wage_monthly: float | None  # in force that day
    min_wage_share: float  # the share of the monthly minimum owed for a full normal day on this workday
    min_wage_hourly_floor: float | None  # monthly minimum ÷ 21.75 ÷ normal hours per day
    min_wage_known: bool = True  # False: the division's minimum wage is not known on this day
    min_wage_hourly: float | None = None  # the part-time hourly minimum in force (None: none set or unknown)
    si_included: bool = True  # the worker's social insurance contributions count toward the minimum
    quarter_start: datetime.date | None = None
    quarter_end: datetime.date | None = None
    year_start: datetime.date | None = None
    year_end: datetime.date | None = None


def _month_bounds(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    start = day.replace(day=1)
    following = (start + datetime.timedelta(days=32)).replace(day=1)
    return start, following - datetime.timedelta(days=1)


def _day_minimum(
    wage: WagePeriod | None, *, kind: str, workdays: int, normal_hours: Decimal, country: str = "CN"
) -> tuple[float, float | None]:
    """(the minimum owed for a full normal day on this day, the hourly floor of the overtime rate).

    A monthly minimum is owed by working day: monthly ÷ the month's working days, so a full month of
    full days owes exactly the monthly amount; its hourly floor is monthly ÷ 21.75 ÷ 8 in China (劳社部发〔2008〕3号),
    elsewhere monthly ÷ the month's working days ÷ the normal hours.
    Where the law sets a daily minimum (Thailand, the Philippines, Myanmar) a day owes it; where it sets only
    an hourly one (Japan), a day owes hourly × the normal hours."""
    if wage is None:
        return 0.0, None
    if wage.monthly is not None:
        share = float(wage.monthly / workdays) if (kind == WORKDAY and workdays) else 0.0
        days = (
            MONTHLY_WAGE_DAYS if country == "CN" else Decimal(max(workdays, 1))
        )  # 21.75: 劳社部发〔2008〕3号
        return share, float(wage.monthly / days / normal_hours)
    if wage.daily is not None:
        return (float(wage.daily) if kind == WORKDAY else 0.0), float(wage.daily / normal_hours)
    if wage.hourly is not None:
        return (float(wage.hourly * normal_hours) if kind == WORKDAY else 0.0), float(wage.hourly)
    return 0.0, None


def calendar_days(*, start: datetime.date, end: datetime.date, limits: Limits) -> list[CalendarDay]:
    """Every day of the months touched by [start, end], so month totals are always complete."""
    first, _ = _month_bounds(start)
    _, last = _month_bounds(end)
    normal = limits.get("normal_hours_day")
    normal_hours = Decimal(normal.value) if normal else Decimal(8)
    kinds: dict[datetime.date, str] = {}
    day = first
    while day <= last:
        kinds[day] = day_kind(day, limits.country)
        day += datetime.timedelta(days=1)
    workdays: dict[datetime.date, int] = {}
    for day, kind in kinds.items():
        month_start = day.replace(day=1)
        workdays[month_start] = workdays.get(month_start, 0) + (kind == WORKDAY)
    found = []
    for day, kind in kinds.items():
        month_start, month_end = _month_bounds(day)
        week_start = day - datetime.timedelta(days=day.weekday())
        wage = limits.wage_on(day)
        monthly = wage.monthly if wage else None
        rule = limits.wage_rule_on(day)
        quarter_start = day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
        _q, quarter_end = _month_bounds(quarter_start.replace(month=quarter_start.month + 2))
        in_month = workdays[month_start]
        share, floor = _day_minimum(
            wage, kind=kind, workdays=in_month, normal_hours=normal_hours, country=limits.country
        )
        found.append(
            CalendarDay(
                day=epoch_day(day),
                date=day,
                kind=kind,
                week_start=week_start,
                week_end=week_start + datetime.timedelta(days=6),
                month_start=month_start,
                month_end=month_end,
                year=day.year,
                month_day=day.month * 100 + day.day,
                workdays_in_month=in_month,
                min_wage_monthly=float(monthly) if monthly is not None else None,
                min_wage_share=share,
                min_wage_hourly_floor=floor,
                min_wage_known=wage is not None,
                min_wage_hourly=float(wage.hourly) if wage is not None and wage.hourly is not None else None,
                si_included=rule.social_insurance_included if rule is not None else True,
                quarter_start=quarter_start,
                quarter_end=quarter_end,
                year_start=datetime.date(day.year, 1, 1),
                year_end=datetime.date(day.year, 12, 31),
            )
        )
    return found
