"""The hours, wages and age checks, written once in Ibis and run on DuckDB or on Spark.

Inputs are three typed tables (`in_roster`, `in_time`, `in_payroll`, see `inputs.py`) and a
working calendar (`in_calendar`, see `workcalendar.py`) in an Ibis backend; the rule set is a
`Limits`. Each check yields rows of one shape — code, worker_id, period, measured value, limit and a
few numbers that explain it. All checks and the facility metrics that need every worker-week (rows
whose code starts with `_`) are one Ibis expression, a union, compiled once per rule set and backend
(`_COMPILED`) and run as one query, so the engine scans the records once and nothing is copied into
temporary tables. The result stays an Arrow table; `findings_enrich` adds the standard, the
provisions and the severity column by column.

Definitions (what an inspector would count):

* A worker's **age** on a day is whole years since birth; a worker born on 29 February turns a year
  older on 1 March in common years. Someone who is 16 on the day is 16.
* **Overtime** on a working day is the hours above the normal day (`normal_hours_day`); every hour on
  a rest day or a public holiday is overtime.
* `daily_overtime_exceeded`: on a working day, overtime above `overtime_hours_day_max`.
* `monthly_overtime_cap_exceeded`: overtime in a calendar month above `overtime_hours_month_max` (no
  proration: the cap is per month, whatever part of it the records cover).
* `weekly_hours_over_60`: hours in a Monday–Sunday week above `weekly_hours_max_total` (a buyer-code
  limit; skipped when no applicable standard sets one).
* `young_worker_hazard_or_night`: a worker under `min_age_hazardous_work` (18) who worked a night
  shift (any hour between 22:00 and 06:00, from `start_time`/`end_time`) or who worked at all while the
  roster marks their job as hazardous (`hazardous_work`: the work Labour Law art. 64 and the 1994
  Provisions on the Special Protection of Juvenile Workers art. 3 forbid to 16- and 17-year-olds; ILO
  C138 art. 3, C182 art. 3(d)). One finding per worker and kind (night, hazardous work).
* `no_rest_day_in_7`: more than 7 − `rest_days_per_week` calendar days in a row with hours worked.
* `below_minimum_wage`: the pay counted toward the minimum wage (base pay; overtime pay and allowances are
  not counted; less the worker's own social insurance contributions, payroll column
  `social_insurance_employee`, where the province rules they do not count — `Limits.wage_rules`) below the
  minimum owed for the normal hours worked: for each working day worked, the minimum in force that day for
  the facility's division and tier (monthly ÷ the month's working days; a daily minimum per day; an hourly
  one × the normal day) × normal hours worked ÷ normal day. A full month of full days owes exactly the
  monthly minimum; a partial month owes its share; a mid-period change applies by day. A part-time worker
  (roster `part_time`) owes the hourly minimum × every hour worked. A pay period with a day whose minimum
  is unknown is not judged (a `_not_judged` row, in `summary["not_judged"]`), never passed.
* `overtime_premium_underpaid`: overtime pay below hourly rate × (workday overtime × workday premium
  + rest-day hours × rest-day premium + public-holiday hours × holiday premium). In China the hourly rate is
  the monthly wage ÷ 21.75 ÷ 8 (劳社部发〔2008〕3号): the roster's `contract_wage`, else the base pay of a
  whole calendar month in employment, else base pay ÷ normal hours worked × 174; never below the monthly
  minimum ÷ 21.75 ÷ 8. Elsewhere base pay ÷ normal hours worked, never below the minimum per hour.
* Working-hour systems (roster `working_hour_system`): daily overtime, the monthly cap and the premium above
  apply to the standard system. The comprehensive system (`comprehensive_month|quarter|year`) is checked per
  period: overtime = hours above 166.64 / 500 / 2,000 (in proportion to the days employed), 150 %;
  statutory-holiday hours 300 %; no rest-day premium; at most 36 h a month on average; a period the records
  do not cover is not judged. The irregular system has no overtime checks. A comprehensive or irregular
  system without `approval_reference` is `working_hour_system_unapproved`. Rest, age and minimum-wage
  checks apply to every system.
* Money is compared to the fen: a shortfall of 0.01 or more is a finding.
"""

from __future__ import annotations

import datetime
import time as timer
from dataclasses import dataclass, field
from typing import Any

import ibis
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from ibis import _
from ibis.expr.types import Table

from rsca.compliance.limits import YOUNG_WORKER_HAZARD, YOUNG_WORKER_NIGHT, Limits, Provision
from rsca.compliance.workcalendar import PUBLIC_HOLIDAY, REST_DAY, WORKDAY, calendar_days

CHECK_CODES = (
    "child_labour",
    "young_worker_hazard_or_night",
    "daily_overtime_exceeded",
    "monthly_overtime_cap_exceeded",
    "weekly_hours_over_60",
    "no_rest_day_in_7",
    "below_minimum_wage",
    "overtime_premium_underpaid",
    "no_written_contract",
    "social_insurance_missing",
    "working_hour_system_unapproved",
    "data_inconsistent",
)

SEVERITY = {
    "child_labour": "high",
    "young_worker_hazard_or_night": "high",
    "below_minimum_wage": "high",
    "overtime_premium_underpaid": "high",
    "monthly_overtime_cap_exceeded": "medium",
    "daily_overtime_exceeded": "medium",
    "weekly_hours_over_60": "medium",
    "no_rest_day_in_7": "medium",
    "no_written_contract": "medium",
    "social_insurance_missing": "medium",
    "working_hour_system_unapproved": "medium",
    "data_inconsistent": "low",
}

# The parameter whose value is the finding's limit (None: a rule kept in `Limits.statutory`).
CHECK_PARAMETER = {
    "child_labour": "min_age_employment",
    "young_worker_hazard_or_night": "min_age_hazardous_work",
    "daily_overtime_exceeded": "overtime_hours_day_max",
    "monthly_overtime_cap_exceeded": "overtime_hours_month_max",
    "weekly_hours_over_60": "weekly_hours_max_total",
    "no_rest_day_in_7": "rest_days_per_week",
    "below_minimum_wage": "minimum_wage_monthly",
    "overtime_premium_underpaid": "overtime_premium_workday",
    "no_written_contract": "contract_deadline_days",
    "social_insurance_missing": None,
    "working_hour_system_unapproved": None,
    "data_inconsistent": None,
}

UNITS = {
    "child_labour": "years",
    "young_worker_hazard_or_night": "years",
    "daily_overtime_exceeded": "hours/day",
    "monthly_overtime_cap_exceeded": "hours/month",
    "weekly_hours_over_60": "hours/week",
    "no_rest_day_in_7": "consecutive days",
    "below_minimum_wage": "currency",
    "overtime_premium_underpaid": "currency",
    "no_written_contract": "days",
    "social_insurance_missing": "enrolled",
    "working_hour_system_unapproved": "approved",
}

FINDING_COLUMNS = (
    "code",
    "worker_id",
    "period_start",
    "period_end",
    "measured",
    "limit",
    "detail",
    "days",
    "hours_workday",
    "hours_rest_day",
    "hours_holiday",
    "hourly_rate",
    "base_monthly",
    "deducted",
)
WORKER_COLUMNS = (
    "worker_id",
    "department",
    "days_worked",
    "total_hours",
    "overtime_hours",
    "max_week_hours",
    "longest_run",
)
WEEKLY_BINS = ((0, 40, "≤40"), (40, 48, "40–48"), (48, 60, "48–60"), (60, 72, "60–72"), (72, 10_000, ">72"))
NIGHT_START_MIN = 22 * 60  # 22:00, ILO C90 art. 2 and RBA A.3
NIGHT_END_MIN = 6 * 60  # 06:00
METRIC_ORDER = 100  # rows of the union with code_order >= this are facility metrics, not findings
NOT_JUDGED_ORDER = METRIC_ORDER + 3  # rows of checks that could not be judged (never counted as passed)
MONTHLY_WAGE_HOURS = 21.75 * 8  # 劳社部发〔2008〕3号: hourly wage = monthly wage ÷ (21.75 × 8)
# 劳社部发〔2008〕3号: standard working hours of a comprehensive period (20.83 days × 8 a month; 62.5 days a
# quarter; 250 days a year), and the months in it (Labour Law art. 41: overtime at most 36 h a month on average,
# 劳部发〔1997〕271号 item 5).
COMPREHENSIVE = {
    "comprehensive_month": (166.64, 1),
    "comprehensive_quarter": (500.0, 3),
    "comprehensive_year": (2000.0, 12),
}


@dataclass
class EngineResult:
    findings: (
        pa.Table
    )  # one row per finding, sorted, with standard, provisions and severity (`findings_enrich`)
    weekly: pd.DataFrame  # worker_id, week_start, hours
    workers: pd.DataFrame  # worker_id, department, days_worked, total_hours, overtime_hours, max_week_hours,
    #                        longest_run
    checks_run: list[str]
    metrics: dict[str, Any] = field(default_factory=dict)
    checks_skipped: dict[str, str] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)


def calendar_frame(*, start: datetime.date, end: datetime.date, limits: Limits) -> pd.DataFrame:
    rows = calendar_days(start=start, end=end, limits=limits)
    frame = pd.DataFrame([r.__dict__ for r in rows])
    for column in ("date", "week_start", "week_end", "month_start", "month_end"):
        frame[column] = pd.to_datetime(frame[column]).dt.date
    frame["min_wage_monthly"] = frame["min_wage_monthly"].astype("float64")
    frame["min_wage_hourly_floor"] = frame["min_wage_hourly_floor"].astype("float64")
    frame["min_wage_hourly"] = frame["min_wage_hourly"].astype("float64")
    frame["min_wage_known"] = frame["min_wage_known"].astype("bool")
    frame["si_included"] = frame["si_included"].astype("bool")
    for column in ("quarter_start", "quarter_end", "year_start", "year_end"):
        frame[column] = pd.to_datetime(frame[column]).dt.date
    frame["day"] = frame["day"].astype("int64")
    frame["year"] = frame["year"].astype("int64")
    frame["month_day"] = frame["month_day"].astype("int64")
    frame["workdays_in_month"] = frame["workdays_in_month"].astype("int64")
    weekday = pd.to_datetime(frame["date"]).dt.weekday.astype("int64")  # Monday 0
    frame["week_day"] = frame["day"] - weekday  # the Monday's day number
    frame["dow_bit"] = (2**weekday).astype("int64")  # the day's bit in a week's mask of days worked
    return frame


def week_runs_frame() -> pd.DataFrame:
    """Every mask of days worked in a Monday–Sunday week (bit 0 Monday … bit 6 Sunday) with its runs of
    consecutive days: first day's offset from Monday and length (127 masks, 256 runs)."""
    rows = []
    for mask in range(1, 128):
        offset = 0
        while offset < 7:
            if mask >> offset & 1:
                length = 0
                while offset + length < 7 and mask >> (offset + length) & 1:
                    length += 1
                rows.append((mask, offset, length))
                offset += length
            else:
                offset += 1
    return pd.DataFrame(rows, columns=["wr_mask", "wr_offset", "wr_length"]).astype("int64")


def table_put(backend: Any, name: str, frame: pd.DataFrame) -> None:
    """Create or replace table `name` in the backend from a data frame.

    (Ibis 12's own `create_table(..., overwrite=True)` and `.cache()` emit a DROP statement that the
    installed sqlglot renders without its table name, so tables are made with each engine's own API.)
    """
    if backend.name == "duckdb":
        con = backend.con
        con.register(f"{name}_frame", frame)
        con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM {name}_frame")  # noqa: S608 - internal table names
        con.unregister(f"{name}_frame")
    else:
        backend._session.createDataFrame(frame).createOrReplaceTempView(name)


def _null(kind: str) -> Any:
    return ibis.literal(None, type=kind)


def _shape(
    table: Table,
    *,
    code: str,
    detail: str,
    worker_id: Any,
    period_start: Any,
    period_end: Any,
    measured: Any,
    limit: Any,
    days: Any = None,
    hours_workday: Any = None,
    hours_rest_day: Any = None,
    hours_holiday: Any = None,
    hourly_rate: Any = None,
    base_monthly: Any = None,
    deducted: Any = None,
    order: int | None = None,
) -> Table:
    def num(value: Any) -> Any:
        return (
            _null("float64")
            if value is None
            else (ibis.literal(value) if isinstance(value, int | float) else value).cast("float64")
        )

    def when(value: Any) -> Any:
        return _null("string") if value is None else value.cast("date").cast("string")

    return table.select(
        code=ibis.literal(code),
        code_order=ibis.literal(
            CHECK_CODES.index(code) if order is None else order, type="int64"
        ),  # sort key
        worker_id=_null("string") if worker_id is None else worker_id.cast("string"),
        period_start=when(period_start),
        period_end=when(period_end),
        measured=num(measured).round(2),
        limit=num(limit).round(2),
        detail=ibis.literal(detail) if isinstance(detail, str) else detail.cast("string"),
        days=_null("int64")
        if days is None
        else (ibis.literal(days) if isinstance(days, int) else days).cast("int64"),
        hours_workday=num(hours_workday).round(2),
        hours_rest_day=num(hours_rest_day).round(2),
        hours_holiday=num(hours_holiday).round(2),
        hourly_rate=num(hourly_rate).round(2),
        base_monthly=num(base_monthly).round(2),
        deducted=num(deducted).round(2),
    )


@dataclass(frozen=True)
class _Flags:
    """What the records hold, which decides which checks can run (and so the shape of the query)."""

    has_times: bool
    has_social_insurance: bool
    has_hazard: bool
    has_systems: bool = False  # some worker is on another working-hour system than the standard one
    data_start: datetime.date | None = None


def _daily(backend: Any) -> Table:
    """Every time record with its calendar day: the one wide intermediate, shared by the hours and pay checks."""
    time = backend.table("in_time")
    cal = backend.table("in_calendar")
    return time.select("worker_id", "date", "hours", "start_min", "end_min").join(
        cal.select(
            "date",
            "day",
            "kind",
            "week_start",
            "week_end",
            "week_day",
            "dow_bit",
            "month_start",
            "month_end",
            "min_wage_share",
            "min_wage_known",
            "min_wage_hourly",
        ),
        "date",
    )


def _people(backend: Any, limits: Limits) -> Table:
    """The time records that the roster makes interesting: unknown workers, days outside employment and
    days worked under the age of the age checks. Filtered before anything reuses it, so it stays small.

    Whole years of age compare as integers `year × 10000 + month × 100 + day`: someone is under N on a
    day when the day's number is below (birth year + N) × 10000 + birth month × 100 + birth day, so a
    29 February birthday is reached on 1 March in common years. The bound is worked out once per worker.
    """
    roster = backend.table("in_roster")
    time = backend.table("in_time")
    cal = backend.table("in_calendar")
    ages = [limits.require("min_age_employment").number]
    young = limits.get("min_age_hazardous_work")
    if young is not None:
        ages.append(young.number)
    birth_year = roster.birth_date.year().cast("int64")
    birth_md = (roster.birth_date.month() * 100 + roster.birth_date.day()).cast("int64")
    people = roster.select(
        r_worker_id=roster.worker_id,
        birth_year=birth_year,
        birth_md=birth_md,
        adult_key=(birth_year + int(max(ages))) * 10000 + birth_md,
        hire_date=roster.hire_date,
        termination_date=roster.termination_date,
        hazardous=roster.hazardous_work.fill_null(False),
    )
    days = time.select("worker_id", "date", "hours", "start_min", "end_min").join(
        cal.select("date", "year", "month_day"), "date"
    )
    joined = days.left_join(people, days.worker_id == people.r_worker_id)
    interesting = joined.filter(
        joined.r_worker_id.isnull()
        | (joined.year * 10000 + joined.month_day < joined.adult_key)
        | (joined.date < joined.hire_date)
        | (joined.termination_date.notnull() & (joined.date > joined.termination_date))
    )
    return interesting.select(
        "worker_id",
        "date",
        "hours",
        "start_min",
        "end_min",
        "r_worker_id",
        "hire_date",
        "termination_date",
        "hazardous",
        age=(
            interesting.year
            - interesting.birth_year
            - ibis.ifelse(interesting.month_day < interesting.birth_md, 1, 0)
        ),
    )


def _age_checks(people: Table, limits: Limits, flags: _Flags, skipped: dict[str, str]) -> list[Table]:
    found = []
    min_age = limits.require("min_age_employment").number
    known = people.filter(people.r_worker_id.notnull() & (people.hours > 0))

    def per_worker(rows: Table, *, code: str, detail: str, limit: float) -> Table:
        return _shape(
            rows.group_by("worker_id").agg(ps=_.date.min(), pe=_.date.max(), age=_.age.min(), n=_.count()),
            code=code,
            detail=detail,
            worker_id=_.worker_id,
            period_start=_.ps,
            period_end=_.pe,
            measured=_.age,
            limit=limit,
            days=_.n,
        )

    found.append(
        per_worker(
            known.filter(known.age < min_age),
            code="child_labour",
            detail="worked_below_minimum_age",
            limit=min_age,
        )
    )
    young_age = limits.get("min_age_hazardous_work")
    if young_age is None:
        skipped["young_worker_hazard_or_night"] = "no_hazardous_work_age"
    elif not flags.has_times and not flags.has_hazard:
        skipped["young_worker_hazard_or_night"] = "no_shift_times_or_hazard_column"
    else:
        young = known.filter(known.age < young_age.number)
        if flags.has_times:
            night = (
                young.start_min.notnull()
                & young.end_min.notnull()
                & (
                    (young.start_min < NIGHT_END_MIN)
                    | (young.end_min > NIGHT_START_MIN)
                    | (young.end_min <= young.start_min)
                )
            )
            found.append(
                per_worker(
                    young.filter(night),
                    code="young_worker_hazard_or_night",
                    detail="night_work_under_18",
                    limit=young_age.number,
                )
            )
        if flags.has_hazard:
            found.append(
                per_worker(
                    young.filter(young.hazardous),
                    code="young_worker_hazard_or_night",
                    detail="hazardous_work_under_18",
                    limit=young_age.number,
                )
            )
    return found


def _weekly(daily: Table) -> Table:
    """Hours per worker and Monday–Sunday week, with the mask of the days worked (a worker has one record a
    day, so the sum of the days' bits is their union)."""
    return daily.group_by("worker_id", "week_start", "week_end", "week_day").agg(
        hours=_.hours.sum(), n=(_.hours > 0).sum(), mask=ibis.ifelse(_.hours > 0, _.dow_bit, 0).sum()
    )


def _runs(backend: Any, weekly: Table) -> Table:
    """Runs of consecutive calendar days worked (`ps_day`, `pe_day`: day numbers; `length`), from the weeks.

    Each week's mask gives its pieces of runs (`in_weekruns`); along a worker's pieces in order, a piece's
    first day − the days of all earlier pieces is constant while they follow each other without a gap, so
    it groups the pieces of one run (the rank trick, on a few pieces a week instead of every day)."""
    pieces = backend.table("in_weekruns")
    worked = weekly.filter(weekly.mask > 0)
    joined = worked.join(pieces, worked.mask == pieces.wr_mask)
    joined = joined.select("worker_id", first=joined.week_day + joined.wr_offset, length=joined.wr_length)
    before = joined.length.sum().over(
        ibis.cumulative_window(group_by=joined.worker_id, order_by=joined.first)
    )
    grouped = joined.mutate(grp=joined.first - (before - joined.length))
    return grouped.group_by("worker_id", "grp").agg(
        ps_day=_.first.min(), pe_day=(_.first + _.length).max() - 1, length=_.length.sum()
    )


def _hours_checks(
    backend: Any,
    daily: Table,
    weekly: Table,
    runs: Table,
    limits: Limits,
    skipped: dict[str, str],
    standard_days: Table,
) -> list[Table]:
    """Hours checks; daily overtime and the monthly cap only for workers on the standard system (the
    comprehensive system has its own, `_comprehensive_checks`; the irregular system has none)."""
    found = []
    daily = standard_days  # weekly totals and rest use every worker's days (`weekly`, `runs`)
    normal = limits.require("normal_hours_day").number
    day_limit = limits.get("overtime_hours_day_max")
    if day_limit is None:  # the country's law sets no daily overtime limit (e.g. Thailand)
        skipped["daily_overtime_exceeded"] = "no_daily_overtime_limit"
    else:
        day_max = day_limit.number
        over_day = daily.filter((daily.kind == WORKDAY) & (daily.hours - normal > day_max))
        found.append(
            _shape(
                over_day,
                code="daily_overtime_exceeded",
                detail="overtime_on_working_day",
                worker_id=over_day.worker_id,
                period_start=over_day.date,
                period_end=over_day.date,
                measured=over_day.hours - normal,
                limit=day_max,
                hours_workday=over_day.hours,
            )
        )
    month_limit = limits.get("overtime_hours_month_max")
    if month_limit is None:  # the country's law sets no monthly overtime limit
        skipped["monthly_overtime_cap_exceeded"] = "no_monthly_overtime_limit"
    else:
        month_max = month_limit.number
        workday = daily.kind == WORKDAY
        by_month = daily.select(
            "worker_id",
            "month_start",
            "month_end",
            "hours",
            ot=ibis.ifelse(workday, ibis.greatest(daily.hours - normal, 0.0), daily.hours),
            w=ibis.ifelse(workday, ibis.greatest(daily.hours - normal, 0.0), 0.0),
            r=ibis.ifelse(daily.kind == REST_DAY, daily.hours, 0.0),
            h=ibis.ifelse(daily.kind == PUBLIC_HOLIDAY, daily.hours, 0.0),
        )
        monthly = by_month.group_by("worker_id", "month_start", "month_end").agg(
            ot=_.ot.sum(), w=_.w.sum(), r=_.r.sum(), h=_.h.sum(), n=(_.hours > 0).sum()
        )
        over_month = monthly.filter(monthly.ot > month_max)
        found.append(
            _shape(
                over_month,
                code="monthly_overtime_cap_exceeded",
                detail="overtime_in_month",
                worker_id=over_month.worker_id,
                period_start=over_month.month_start,
                period_end=over_month.month_end,
                measured=over_month.ot,
                limit=month_max,
                days=over_month.n,
                hours_workday=over_month.w,
                hours_rest_day=over_month.r,
                hours_holiday=over_month.h,
            )
        )
    week_max = limits.get("weekly_hours_max_total")
    if week_max is None:
        skipped["weekly_hours_over_60"] = "no_weekly_total"
    else:
        over_week = weekly.filter(weekly.hours > week_max.number)
        found.append(
            _shape(
                over_week,
                code="weekly_hours_over_60",
                detail="hours_in_week",
                worker_id=over_week.worker_id,
                period_start=over_week.week_start,
                period_end=over_week.week_end,
                measured=over_week.hours,
                limit=week_max.number,
                days=over_week.n,
            )
        )
    rest = limits.require("rest_days_per_week").number
    max_run = 7 - rest
    long_runs = runs.filter(runs.length > max_run)
    cal = backend.table("in_calendar")
    starts = cal.select(s_day="day", ps="date")
    ends = cal.select(e_day="day", pe="date")
    long_runs = long_runs.join(starts, long_runs.ps_day == starts.s_day).join(
        ends, long_runs.pe_day == ends.e_day
    )
    found.append(
        _shape(
            long_runs,
            code="no_rest_day_in_7",
            detail="consecutive_days_worked",
            worker_id=long_runs.worker_id,
            period_start=long_runs.ps,
            period_end=long_runs.pe,
            measured=long_runs.length,
            limit=max_run,
            days=long_runs.length,
        )
    )
    return found


def _systems(backend: Any) -> Table:
    """Each worker's working-hour system (blank = standard), approval reference, contract wage, part-time flag
    and employment dates, from the roster."""
    roster = backend.table("in_roster")
    return roster.select(
        s_worker=roster.worker_id,
        system=roster.working_hour_system.fill_null("standard"),
        approval=roster.approval_reference,
        part_time=roster.part_time.fill_null(False),
        contract_wage=roster.contract_wage,
        s_hire=roster.hire_date,
        s_term=roster.termination_date,
    )


def _standard_only(daily: Table, systems: Table, flags: _Flags) -> Table:
    """The days of workers on the standard system (all days when nobody is on another one)."""
    if not flags.has_systems:
        return daily
    standard = systems.filter(systems.system == "standard")
    return daily.semi_join(standard, daily.worker_id == standard.s_worker)


def _pay(backend: Any, daily: Table, limits: Limits, systems: Table) -> Table:
    """Each pay period with what the records say about it: normal hours, the minimum owed, overtime hours by
    kind of day, the days whose minimum wage is unknown, and the worker's system and contract wage."""
    payroll = backend.table("in_payroll")
    cal = backend.table("in_calendar")
    normal = limits.require("normal_hours_day").number
    p = payroll.select(p_row="_row", p_worker="worker_id", p_start="period_start", p_end="period_end")
    workday = daily.kind == WORKDAY
    worked = daily.hours > 0
    d = daily.select(
        "worker_id",
        "date",
        "min_wage_share",
        normal_h=ibis.ifelse(workday, ibis.least(daily.hours, normal), 0.0),
        ot_workday=ibis.ifelse(workday, ibis.greatest(daily.hours - normal, 0.0), 0.0),
        ot_rest=ibis.ifelse(daily.kind == REST_DAY, daily.hours, 0.0),
        ot_holiday=ibis.ifelse(daily.kind == PUBLIC_HOLIDAY, daily.hours, 0.0),
        all_h=daily.hours,
        hourly_due=daily.hours * daily.min_wage_hourly.fill_null(0.0),
        unknown=ibis.ifelse(worked & ~daily.min_wage_known, 1, 0),
        hourly_unknown=ibis.ifelse(worked & daily.min_wage_hourly.isnull(), 1, 0),
    )
    joined = p.join(d, [p.p_worker == d.worker_id, d.date >= p.p_start, d.date <= p.p_end])
    sums = joined.group_by("p_row").agg(
        normal_hours=_.normal_h.sum(),
        min_due=(_.min_wage_share * _.normal_h / normal).sum(),
        w=_.ot_workday.sum(),
        r=_.ot_rest.sum(),
        h=_.ot_holiday.sum(),
        all_hours=_.all_h.sum(),
        hourly_due=_.hourly_due.sum(),
        unknown_days=_.unknown.sum(),
        hourly_unknown=_.hourly_unknown.sum(),
    )
    at_end = cal.select(
        f_date="date",
        floor="min_wage_hourly_floor",
        si_included="si_included",
        f_month_start="month_start",
        f_month_end="month_end",
    )
    with_floor = payroll.left_join(at_end, payroll.period_end == at_end.f_date)
    both = with_floor.left_join(sums, with_floor._row == sums.p_row)
    both = both.left_join(systems, both.worker_id == systems.s_worker)
    # The whole calendar month paid, worker employed all of it: the base pay is the monthly wage.
    whole_month = (
        (both.period_start == both.f_month_start)
        & (both.period_end == both.f_month_end)
        & (both.s_hire <= both.period_start)
        & (both.s_term.isnull() | (both.s_term >= both.period_end))
    )
    return both.select(
        "_row",
        "worker_id",
        "period_start",
        "period_end",
        "base_pay",
        "overtime_pay",
        allowances=_.allowances.fill_null(0.0),
        deductions=_.deductions.fill_null(0.0),
        net_pay=_.net_pay,
        floor=_.floor,
        normal_hours=_.normal_hours.fill_null(0.0),
        min_due=_.min_due.fill_null(0.0),
        w=_.w.fill_null(0.0),
        r=_.r.fill_null(0.0),
        h=_.h.fill_null(0.0),
        all_hours=_.all_hours.fill_null(0.0),
        hourly_due=_.hourly_due.fill_null(0.0),
        unknown_days=_.unknown_days.fill_null(0),
        hourly_unknown=_.hourly_unknown.fill_null(0),
        si_included=_.si_included.fill_null(True),
        si_paid=_.social_insurance_employee.fill_null(0.0),
        system=_.system.fill_null("standard"),
        part_time=_.part_time.fill_null(False),
        contract_wage=_.contract_wage,
        whole_month=whole_month.fill_null(False),
    )


def _not_judged(
    table: Table,
    *,
    check: str,
    reason: str,
    worker_id: Any,
    period_start: Any,
    period_end: Any,
    measured: Any = None,
) -> Table:
    """Rows for a check that could not be judged (the law is unknown for the date, the period is not
    covered by the records): reported as such, never as passed."""
    return _shape(
        table,
        code="_not_judged",
        order=NOT_JUDGED_ORDER,
        detail=f"{check}:{reason}",
        worker_id=worker_id,
        period_start=period_start,
        period_end=period_end,
        measured=measured,
        limit=None,
    )


def _monthly_wage(pay: Table) -> Any:
    """The monthly wage the overtime rate is computed from: the contract wage when the roster gives it; else
    the base pay of a whole calendar month worked in employment; else the base pay per normal hour × 21.75 × 8."""
    per_hour = (pay.base_pay / pay.normal_hours.nullif(0.0)) * MONTHLY_WAGE_HOURS
    return pay.contract_wage.fill_null(
        ibis.ifelse(pay.whole_month, pay.base_pay, per_hour.fill_null(pay.base_pay))
    )


def _wage_checks(pay: Table, limits: Limits, flags: _Flags, skipped: dict[str, str]) -> list[Table]:
    found = []
    # What counts toward the minimum wage: the base pay (overtime pay and allowances are not counted), less
    # the worker's own social insurance contributions where the province says they do not count.
    counted = pay.base_pay - ibis.ifelse(pay.si_included, 0.0, pay.si_paid)
    deducted = ibis.ifelse(pay.si_included, 0.0, pay.si_paid)
    full = pay.filter(~pay.part_time)
    part = pay.filter(pay.part_time)
    if not limits.minimum_wage:
        skipped["below_minimum_wage"] = "no_minimum_wage"
    else:
        full = full.mutate(counted=counted, deducted=deducted)
        judged = full.filter(full.unknown_days == 0)
        under = judged.filter((judged.min_due > 0) & (judged.counted < judged.min_due.round(2) - 0.005))
        found.append(
            _shape(
                under,
                code="below_minimum_wage",
                detail="base_pay_for_normal_hours",
                worker_id=under.worker_id,
                period_start=under.period_start,
                period_end=under.period_end,
                measured=under.counted,
                limit=under.min_due,
                hours_workday=under.normal_hours,
                deducted=under.deducted,
            )
        )
        part = part.mutate(counted=counted, deducted=deducted)
        judged_part = part.filter(part.hourly_unknown == 0)
        under_part = judged_part.filter(
            (judged_part.hourly_due > 0) & (judged_part.counted < judged_part.hourly_due.round(2) - 0.005)
        )
        found.append(
            _shape(
                under_part,
                code="below_minimum_wage",
                detail="part_time_pay_below_hourly_minimum",
                worker_id=under_part.worker_id,
                period_start=under_part.period_start,
                period_end=under_part.period_end,
                measured=under_part.counted,
                limit=under_part.hourly_due,
                hours_workday=under_part.all_hours,
                hourly_rate=under_part.hourly_due / under_part.all_hours.nullif(0.0),
                deducted=under_part.deducted,
            )
        )
    unknown = full.filter(full.unknown_days > 0)
    found.append(
        _not_judged(
            unknown,
            check="below_minimum_wage",
            reason="minimum_wage_unknown",
            worker_id=unknown.worker_id,
            period_start=unknown.period_start,
            period_end=unknown.period_end,
            measured=unknown.unknown_days,
        )
    )
    unknown_part = part.filter(part.hourly_unknown > 0)
    found.append(
        _not_judged(
            unknown_part,
            check="below_minimum_wage",
            reason="hourly_minimum_unknown",
            worker_id=unknown_part.worker_id,
            period_start=unknown_part.period_start,
            period_end=unknown_part.period_end,
            measured=unknown_part.hourly_unknown,
        )
    )
    premiums = [
        limits.get(name)
        for name in (
            "overtime_premium_workday",
            "overtime_premium_rest_day",
            "overtime_premium_public_holiday",
        )
    ]
    if any(premium is None for premium in premiums):
        skipped["overtime_premium_underpaid"] = "no_value_in_standards"
        return found
    pw, pr, ph = (premium.number / 100 for premium in premiums if premium is not None)
    standard = pay.filter((pay.system == "standard") & ~pay.part_time)
    if limits.country == "CN":  # 劳社部发〔2008〕3号
        monthly = _monthly_wage(standard)
        rate = ibis.greatest(monthly / MONTHLY_WAGE_HOURS, standard.floor)
    else:  # elsewhere the wage for normal hours: base pay ÷ the normal hours worked, never below the minimum
        monthly = standard.base_pay
        rate = ibis.greatest(
            (standard.base_pay / standard.normal_hours.nullif(0.0)).fill_null(0.0), standard.floor
        )
    with_rate = standard.mutate(
        rate=rate, monthly=monthly, required=rate * (standard.w * pw + standard.r * pr + standard.h * ph)
    )
    has_overtime = (with_rate.w + with_rate.r + with_rate.h) > 0
    no_floor = with_rate.filter(has_overtime & with_rate.floor.isnull())
    found.append(
        _not_judged(
            no_floor,
            check="overtime_premium_underpaid",
            reason="minimum_wage_unknown",
            worker_id=no_floor.worker_id,
            period_start=no_floor.period_start,
            period_end=no_floor.period_end,
        )
    )
    judged = with_rate.filter(with_rate.floor.notnull())
    short = judged.filter((judged.required > 0) & (judged.overtime_pay < judged.required.round(2) - 0.005))
    found.append(
        _shape(
            short,
            code="overtime_premium_underpaid",
            detail="overtime_pay_below_premium",
            worker_id=short.worker_id,
            period_start=short.period_start,
            period_end=short.period_end,
            measured=short.overtime_pay,
            limit=short.required,
            hours_workday=short.w,
            hours_rest_day=short.r,
            hours_holiday=short.h,
            hourly_rate=short.rate,
            base_monthly=short.monthly,
        )
    )
    return found


def _comprehensive_checks(
    backend: Any,
    daily: Table,
    pay: Table,
    systems: Table,
    limits: Limits,
    flags: _Flags,
    data_end: datetime.date,
) -> list[Table]:
    """The comprehensive working-hour system (综合计算工时工作制): per worker and period (month, quarter or
    year, as the roster says), overtime is the hours above the period's standard total (劳社部发〔2008〕3号:
    166.64 h a month, 500 a quarter, 2,000 a year, in proportion to the days of the period in employment),
    paid at the workday premium (150 %); hours on statutory holidays are paid at the holiday premium (300 %)
    and are not part of the total; there is no rest-day premium (工资支付暂行规定 art. 13). Overtime may
    average at most the monthly cap (36 h) over the period (Labour Law art. 41, 劳部发〔1997〕271号 item 5).
    A period the records do not cover in full (within employment) is not judged."""
    found: list[Table] = []
    if not flags.has_systems or flags.data_start is None:
        return found
    cal = backend.table("in_calendar").select(
        c_date="date", q_start="quarter_start", q_end="quarter_end", y_start="year_start", y_end="year_end"
    )
    chosen = systems.filter(systems.system.isin(list(COMPREHENSIVE)))
    days = daily.join(chosen, daily.worker_id == chosen.s_worker)
    days = days.join(cal, days.date == cal.c_date)
    system = days.system
    cp_start = ibis.cases(
        (system == "comprehensive_month", days.month_start),
        (system == "comprehensive_quarter", days.q_start),
        else_=days.y_start,
    )
    cp_end = ibis.cases(
        (system == "comprehensive_month", days.month_end),
        (system == "comprehensive_quarter", days.q_end),
        else_=days.y_end,
    )
    holiday = days.kind == PUBLIC_HOLIDAY
    per = days.select(
        "worker_id",
        "system",
        "s_hire",
        "s_term",
        cp_start=cp_start,
        cp_end=cp_end,
        hours=ibis.ifelse(holiday, 0.0, days.hours),
        h=ibis.ifelse(holiday, days.hours, 0.0),
        worked=(days.hours > 0).cast("int64"),
    )
    periods = per.group_by("worker_id", "system", "s_hire", "s_term", "cp_start", "cp_end").agg(
        total=_.hours.sum(), h=_.h.sum(), n=_.worked.sum()
    )
    standard_total = ibis.cases(
        *((periods.system == name, total) for name, (total, _m) in COMPREHENSIVE.items())
    )
    months = ibis.cases(*((periods.system == name, months) for name, (_t, months) in COMPREHENSIVE.items()))
    employed_from = ibis.greatest(periods.cp_start, periods.s_hire)
    employed_to = ibis.least(periods.cp_end, periods.s_term.fill_null(periods.cp_end))
    share = (employed_to.delta(employed_from, unit="day") + 1).cast("float64") / (
        periods.cp_end.delta(periods.cp_start, unit="day") + 1
    ).cast("float64")
    covered = (employed_from >= ibis.literal(flags.data_start)) & (employed_to <= ibis.literal(data_end))
    month_limit = limits.get("overtime_hours_month_max")
    month_max = month_limit.number if month_limit is not None else 36.0  # Labour Law art. 41
    periods = periods.mutate(standard=standard_total * share, cap=months * month_max * share, covered=covered)
    periods = periods.mutate(ot=ibis.greatest(periods.total - periods.standard, 0.0))
    open_periods = periods.filter(~periods.covered)
    found.append(
        _not_judged(
            open_periods,
            check="comprehensive_overtime",
            reason="period_not_covered",
            worker_id=open_periods.worker_id,
            period_start=open_periods.cp_start,
            period_end=open_periods.cp_end,
            measured=open_periods.total,
        )
    )
    judged = periods.filter(periods.covered)
    over = judged.filter(judged.ot > judged.cap + 0.005)
    found.append(
        _shape(
            over,
            code="monthly_overtime_cap_exceeded",
            detail="comprehensive_overtime_above_cap",
            worker_id=over.worker_id,
            period_start=over.cp_start,
            period_end=over.cp_end,
            measured=over.ot,
            limit=over.cap,
            days=over.n,
            hours_workday=over.total,
            hours_holiday=over.h,
            base_monthly=over.standard,
        )
    )
    pw = limits.require("overtime_premium_workday").number / 100
    ph = limits.require("overtime_premium_public_holiday").number / 100
    paid = pay.filter(pay.system.isin(list(COMPREHENSIVE)) & ~pay.part_time)
    monthly = _monthly_wage(paid)
    paid = paid.mutate(rate=ibis.greatest(monthly / MONTHLY_WAGE_HOURS, paid.floor), monthly=monthly)
    in_period = judged.join(
        paid,
        [
            judged.worker_id == paid.worker_id,
            paid.period_end >= judged.cp_start,
            paid.period_end <= judged.cp_end,
        ],
    )
    sums = in_period.group_by("worker_id", "cp_start", "cp_end", "ot", "h", "total", "standard").agg(
        paid=_.overtime_pay.sum(),
        rate=_.rate.argmax(_.period_end),
        monthly=_.monthly.argmax(_.period_end),
        floor_missing=_.floor.isnull().cast("int64").sum(),
    )
    sums = sums.mutate(required=sums.rate * (sums.ot * pw + sums.h * ph))
    no_floor = sums.filter((sums.floor_missing > 0) & ((sums.ot + sums.h) > 0))
    found.append(
        _not_judged(
            no_floor,
            check="overtime_premium_underpaid",
            reason="minimum_wage_unknown",
            worker_id=no_floor.worker_id,
            period_start=no_floor.cp_start,
            period_end=no_floor.cp_end,
        )
    )
    short = sums.filter(
        (sums.floor_missing == 0) & (sums.required > 0) & (sums.paid < sums.required.round(2) - 0.005)
    )
    found.append(
        _shape(
            short,
            code="overtime_premium_underpaid",
            detail="comprehensive_overtime_pay_below_premium",
            worker_id=short.worker_id,
            period_start=short.cp_start,
            period_end=short.cp_end,
            measured=short.paid,
            limit=short.required,
            hours_workday=short.ot,
            hours_holiday=short.h,
            hourly_rate=short.rate,
            base_monthly=short.monthly,
        )
    )
    return found


def _system_checks(systems: Table, flags: _Flags, data_end: datetime.date) -> list[Table]:
    """A comprehensive or irregular working-hour system needs the labour administration's approval (Labour
    Law art. 39; 劳部发〔1994〕503号 art. 7): a worker on one without an approval reference is a finding."""
    if not flags.has_systems:
        return []
    missing = systems.filter((systems.system != "standard") & systems.approval.isnull())
    return [
        _shape(
            missing,
            code="working_hour_system_unapproved",
            detail=missing.system,
            worker_id=missing.s_worker,
            period_start=missing.s_hire,
            period_end=missing.s_term.fill_null(ibis.literal(data_end)),
            measured=0.0,
            limit=1.0,
        )
    ]


def _roster_checks(
    backend: Any, limits: Limits, data_end: datetime.date, flags: _Flags, skipped: dict[str, str]
) -> list[Table]:
    roster = backend.table("in_roster")
    found = []
    deadline_limit = limits.get("contract_deadline_days")
    if deadline_limit is None:
        skipped["no_written_contract"] = "no_value_in_standards"
    else:
        deadline = deadline_limit.number
        as_of = roster.termination_date.fill_null(ibis.literal(data_end))
        people = roster.filter(roster.hire_date <= ibis.literal(data_end)).mutate(
            until=roster.contract_signed_date.fill_null(ibis.least(as_of, ibis.literal(data_end)))
        )
        people = people.mutate(waited=people.until.delta(people.hire_date, unit="day"))
        late = people.filter(people.waited > deadline)
        found.append(
            _shape(
                late,
                code="no_written_contract",
                detail="no_contract_signed",
                worker_id=late.worker_id,
                period_start=late.hire_date,
                period_end=late.until,
                measured=late.waited,
                limit=deadline,
                days=late.waited,
            )
        )
    if not flags.has_social_insurance or not limits.provisions_for("social_insurance"):
        skipped["social_insurance_missing"] = (
            "no_insurance_column" if not flags.has_social_insurance else "no_insurance_rule"
        )
    else:
        missing = roster.filter(
            (roster.social_insurance_enrolled == False)  # noqa: E712 - SQL comparison
            & ~roster.is_student_worker.fill_null(False)
        )
        found.append(
            _shape(
                missing,
                code="social_insurance_missing",
                detail="not_enrolled",
                worker_id=missing.worker_id,
                period_start=missing.hire_date,
                period_end=missing.termination_date.fill_null(ibis.literal(data_end)),
                measured=0.0,
                limit=1.0,
            )
        )
    return found


def _consistency_checks(backend: Any, daily: Table, people: Table, pay: Table, flags: _Flags) -> list[Table]:
    roster = backend.table("in_roster")
    payroll = backend.table("in_payroll")
    found = []
    expected = pay.base_pay + pay.overtime_pay + pay.allowances - pay.deductions
    mismatch = pay.mutate(expected=expected).filter(lambda t: (t.net_pay - t.expected).abs() > 0.005)
    found.append(
        _shape(
            mismatch,
            code="data_inconsistent",
            detail="net_pay_mismatch",
            worker_id=mismatch.worker_id,
            period_start=mismatch.period_start,
            period_end=mismatch.period_end,
            measured=mismatch.net_pay,
            limit=mismatch.expected,
        )
    )
    over = daily.filter(daily.hours > 24)
    found.append(
        _shape(
            over,
            code="data_inconsistent",
            detail="hours_over_24",
            worker_id=over.worker_id,
            period_start=over.date,
            period_end=over.date,
            measured=over.hours,
            limit=24.0,
        )
    )
    unknown = (
        people.filter(people.r_worker_id.isnull())
        .group_by("worker_id")
        .agg(ps=_.date.min(), pe=_.date.max(), n=_.count(), total=_.hours.sum())
    )
    found.append(
        _shape(
            unknown,
            code="data_inconsistent",
            detail="time_worker_not_in_roster",
            worker_id=unknown.worker_id,
            period_start=unknown.ps,
            period_end=unknown.pe,
            measured=unknown.total,
            limit=None,
            days=unknown.n,
        )
    )
    paid = (
        payroll.anti_join(roster, payroll.worker_id == roster.worker_id)
        .group_by("worker_id")
        .agg(ps=_.period_start.min(), pe=_.period_end.max(), n=_.count(), total=_.net_pay.sum())
    )
    found.append(
        _shape(
            paid,
            code="data_inconsistent",
            detail="payroll_worker_not_in_roster",
            worker_id=paid.worker_id,
            period_start=paid.ps,
            period_end=paid.pe,
            measured=paid.total,
            limit=None,
            days=paid.n,
        )
    )
    outside = people.filter(
        people.r_worker_id.notnull()
        & (people.hours > 0)
        & (
            (people.date < people.hire_date)
            | (people.termination_date.notnull() & (people.date > people.termination_date))
        )
    )
    outside = outside.group_by("worker_id").agg(
        ps=_.date.min(), pe=_.date.max(), n=_.count(), total=_.hours.sum()
    )
    found.append(
        _shape(
            outside,
            code="data_inconsistent",
            detail="worked_outside_employment",
            worker_id=outside.worker_id,
            period_start=outside.ps,
            period_end=outside.pe,
            measured=outside.total,
            limit=None,
            days=outside.n,
        )
    )
    if flags.has_times:
        span = (
            ibis.ifelse(
                daily.end_min > daily.start_min,
                daily.end_min - daily.start_min,
                daily.end_min - daily.start_min + 1440,
            )
            / 60.0
        )
        timed = daily.filter(daily.start_min.notnull() & daily.end_min.notnull()).mutate(span=span)
        longer = timed.filter(timed.hours > timed.span + 0.01)
        found.append(
            _shape(
                longer,
                code="data_inconsistent",
                detail="hours_exceed_shift",
                worker_id=longer.worker_id,
                period_start=longer.date,
                period_end=longer.date,
                measured=longer.hours,
                limit=longer.span,
            )
        )
    return found


def _metric_rows(weekly: Table, runs: Table) -> list[Table]:
    """Facility figures that need every worker-week, as rows of the same union (code `_…`): worker-weeks per
    band of weekly hours, the longest week of each month, the longest run without rest."""
    hours = weekly.hours
    band: Any = ibis.literal(len(WEEKLY_BINS) - 1, type="int64")
    for index in reversed(range(len(WEEKLY_BINS) - 1)):
        band = ibis.ifelse(hours <= WEEKLY_BINS[index][1], ibis.literal(index, type="int64"), band)
    bands = weekly.mutate(band=band).group_by("band").agg(n=_.count())
    month = (weekly.week_start.year() * 100 + weekly.week_start.month()).cast("int64")
    by_month = weekly.mutate(month=month).group_by("month").agg(top=_.hours.max())
    longest = runs.aggregate(top=runs.length.max())
    return [
        _shape(
            bands,
            code="_metric",
            order=METRIC_ORDER,
            detail="_weekly_hours_band",
            worker_id=None,
            period_start=None,
            period_end=None,
            measured=bands.n,
            limit=None,
            days=bands.band,
        ),
        _shape(
            by_month,
            code="_metric",
            order=METRIC_ORDER + 1,
            detail="_max_week_in_month",
            worker_id=None,
            period_start=None,
            period_end=None,
            measured=by_month.top,
            limit=None,
            days=by_month.month,
        ),
        _shape(
            longest,
            code="_metric",
            order=METRIC_ORDER + 2,
            detail="_longest_run",
            worker_id=None,
            period_start=None,
            period_end=None,
            measured=longest.top,
            limit=None,
        ),
    ]


def _union(
    backend: Any, limits: Limits, data_end: datetime.date, flags: _Flags, skipped: dict[str, str]
) -> Table:
    """Every check (and the facility metric rows) as one expression."""
    daily = _daily(backend)
    people = _people(backend, limits)
    weekly = _weekly(daily)
    runs = _runs(backend, weekly)
    systems = _systems(backend)
    pay = _pay(backend, daily, limits, systems)
    parts: list[Table] = []
    parts += _age_checks(people, limits, flags, skipped)
    parts += _hours_checks(
        backend, daily, weekly, runs, limits, skipped, _standard_only(daily, systems, flags)
    )
    parts += _wage_checks(pay, limits, flags, skipped)
    parts += _comprehensive_checks(backend, daily, pay, systems, limits, flags, data_end)
    parts += _system_checks(systems, flags, data_end)
    parts += _roster_checks(backend, limits, data_end, flags, skipped)
    parts += _consistency_checks(backend, daily, people, pay, flags)
    parts += _metric_rows(weekly, runs)
    return ibis.union(*parts)


# (backend, rule-set values, last day, flags) -> (compiled query, checks skipped)
_COMPILED: dict[tuple[Any, ...], tuple[str, dict[str, str]]] = {}


def _rule_key(limits: Limits) -> tuple[Any, ...]:
    """Everything of the rule set that the compiled query depends on (wage amounts are data: the calendar)."""
    return (
        tuple(sorted((name, str(limit.value)) for name, limit in limits.values.items())),
        bool(limits.minimum_wage),
        bool(limits.provisions_for("social_insurance")),
    )  # flags are in the key


def _compiled(
    backend: Any, limits: Limits, data_end: datetime.date, flags: _Flags
) -> tuple[str, dict[str, str]]:
    key = (backend.name, _rule_key(limits), data_end, flags)
    found = _COMPILED.get(key)
    if found is None:
        skipped: dict[str, str] = {}
        sql = str(backend.compile(_union(backend, limits, data_end, flags, skipped)))
        if len(_COMPILED) > 32:
            _COMPILED.clear()
        found = _COMPILED[key] = (sql, skipped)
    return found[0], dict(found[1])


def _run_sql(backend: Any, sql: str) -> pa.Table:
    if backend.name == "duckdb":
        return backend.con.sql(sql).to_arrow_table()
    return backend._session.sql(sql).toArrow()


def engine_run(
    *,
    backend: Any,
    limits: Limits,
    start: datetime.date,
    end: datetime.date,
    has_times: bool,
    has_social_insurance: bool,
    has_hazard: bool = False,
    has_systems: bool = False,
    worker_detail: bool = False,
) -> EngineResult:
    """Run every check on the tables in `backend` (in_roster, in_time, in_payroll) and collect the results.

    With `worker_detail`, also each worker's hours by week and totals (for the platform's drill-down).
    """
    timings: dict[str, float] = {}
    started = timer.perf_counter()
    table_put(backend, "in_calendar", calendar_frame(start=start, end=end, limits=limits))
    table_put(backend, "in_weekruns", week_runs_frame())
    flags = _Flags(
        has_times=has_times,
        has_social_insurance=has_social_insurance,
        has_hazard=has_hazard,
        has_systems=has_systems,
        data_start=start if has_systems else None,
    )
    step = timer.perf_counter()
    sql, skipped = _compiled(backend, limits, end, flags)
    timings["compile"] = timer.perf_counter() - step
    step = timer.perf_counter()
    rows = _run_sql(backend, sql)
    timings["query"] = timer.perf_counter() - step
    step = timer.perf_counter()
    is_finding = pc.less(rows.column("code_order"), METRIC_ORDER)
    metrics = _metrics(rows.filter(pc.invert(is_finding)))
    found = (
        rows.filter(is_finding)
        .sort_by(
            [
                ("code_order", "ascending"),
                ("worker_id", "ascending"),
                ("period_start", "ascending"),
                ("detail", "ascending"),
            ]
        )
        .drop_columns(["code_order"])
    )
    findings = findings_enrich(found, limits)
    timings["enrich"] = timer.perf_counter() - step
    if worker_detail:
        weekly_frame, workers = _worker_detail(backend, limits)
    else:
        weekly_frame = pd.DataFrame({"worker_id": [], "week_start": [], "hours": []})
        workers = pd.DataFrame({name: [] for name in WORKER_COLUMNS})
    codes_run = [code for code in CHECK_CODES if code not in skipped]
    timings["engine"] = timer.perf_counter() - started
    return EngineResult(
        findings=findings,
        weekly=weekly_frame,
        workers=workers,
        metrics=metrics,
        checks_run=codes_run,
        checks_skipped=skipped,
        timings=timings,
    )


def _worker_detail(backend: Any, limits: Limits) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each worker's hours by week and totals, for the platform's drill-down (two more queries)."""
    normal = limits.require("normal_hours_day").number
    daily = _daily(backend)
    weekly = _weekly(daily)
    weekly_frame = backend.execute(weekly.select("worker_id", "week_start", "hours"))
    roster = backend.table("in_roster")
    per_worker = daily.group_by("worker_id").agg(
        days_worked=(_.hours > 0).sum(),
        total_hours=_.hours.sum(),
        overtime_hours=ibis.ifelse(_.kind == WORKDAY, ibis.greatest(_.hours - normal, 0.0), _.hours).sum(),
    )
    longest = (
        _runs(backend, weekly).group_by("worker_id").agg(longest_run=_.length.max()).rename(lw="worker_id")
    )
    top_week = weekly.group_by("worker_id").agg(max_week_hours=_.hours.max()).rename(ww="worker_id")
    departments = roster.select(rw="worker_id", department="department")
    per_worker = per_worker.left_join(departments, per_worker.worker_id == departments.rw).drop("rw")
    per_worker = per_worker.left_join(longest, per_worker.worker_id == longest.lw).drop("lw")
    per_worker = per_worker.left_join(top_week, per_worker.worker_id == top_week.ww).drop("ww")
    workers = backend.execute(per_worker)
    workers["longest_run"] = workers["longest_run"].fillna(0).astype("int64")
    workers["department"] = workers["department"].fillna("")
    return weekly_frame, workers


def _metrics(rows: pa.Table) -> dict[str, Any]:
    """The facility metric rows of the union → histogram, maximum week overall and by month, longest run."""
    bands = {i: 0 for i in range(len(WEEKLY_BINS))}
    by_month: dict[str, float] = {}
    longest = 0
    not_judged: list[dict[str, Any]] = []
    for row in rows.select(
        ["code", "detail", "days", "measured", "worker_id", "period_start", "period_end"]
    ).to_pylist():
        if row["code"] == "_not_judged":
            check, _sep, reason = row["detail"].partition(":")
            not_judged.append(
                {
                    "check": check,
                    "reason": reason,
                    "worker_id": row["worker_id"],
                    "period_start": row["period_start"],
                    "period_end": row["period_end"],
                }
            )
        elif row["detail"] == "_weekly_hours_band":
            bands[int(row["days"])] = int(row["measured"] or 0)
        elif row["detail"] == "_max_week_in_month" and row["measured"] is not None:
            month = int(row["days"])
            by_month[f"{month // 100:04d}-{month % 100:02d}"] = round(float(row["measured"]), 2)
        elif row["detail"] == "_longest_run" and row["measured"] is not None:
            longest = int(row["measured"])
    return {
        "max_weekly_hours": max(by_month.values(), default=0.0),
        "longest_run": longest,
        "histogram": [
            {"bin": label, "worker_weeks": bands[i]} for i, (_low, _high, label) in enumerate(WEEKLY_BINS)
        ],
        "max_week_by_month": dict(sorted(by_month.items())),
        "not_judged": sorted(
            not_judged, key=lambda item: (item["check"], item["worker_id"] or "", item["period_start"] or "")
        ),
    }


def _provisions_for(
    code: str, row: dict[str, Any], limits: Limits
) -> tuple[str, list[Provision], list[dict[str, Any]]]:
    """(standard, provisions, alternatives) for a finding."""
    if code == "below_minimum_wage":
        provisions: list[Provision] = []
        standard = "national_law"
        start = datetime.date.fromisoformat(row["period_start"])
        end = datetime.date.fromisoformat(row["period_end"])
        for period in limits.minimum_wage:
            if period.start <= end and (period.end is None or period.end >= start):
                standard = period.standard or standard
                provisions.extend(p for p in period.provisions if p not in provisions)
        provisions.extend(p for p in limits.provisions_for("minimum_wage") if p not in provisions)
        rule = limits.wage_rule_on(end)
        if rule is not None:
            provisions.extend(p for p in rule.provisions if p not in provisions)
        return standard, provisions, []
    if code == "overtime_premium_underpaid":
        provisions = []
        limit = limits.require("overtime_premium_workday")
        for name in (
            "overtime_premium_workday",
            "overtime_premium_rest_day",
            "overtime_premium_public_holiday",
        ):
            other = limits.get(name)
            if other:
                provisions.extend(p for p in other.provisions if p not in provisions)
        provisions.extend(p for p in limits.provisions_for("wage_conversion") if p not in provisions)
        if row.get("detail", "").startswith("comprehensive"):
            provisions.extend(p for p in limits.provisions_for("comprehensive_hours") if p not in provisions)
        return limit.standard, provisions, [a.as_dict() for a in limit.alternatives]
    if code == "social_insurance_missing":
        return "national_law", list(limits.provisions_for("social_insurance")), []
    if code == "working_hour_system_unapproved":
        return "national_law", list(limits.provisions_for("working_hour_system_approval")), []
    if code == "data_inconsistent":
        return "national_law", list(limits.provisions_for("records")), []
    parameter = CHECK_PARAMETER[code]
    if not parameter:
        return "", [], []
    applied = limits.require(parameter)
    provisions = list(applied.provisions)
    if row.get("detail", "").startswith("comprehensive"):
        provisions.extend(p for p in limits.provisions_for("comprehensive_hours") if p not in provisions)
    if code == "young_worker_hazard_or_night":
        extra = (
            YOUNG_WORKER_NIGHT
            if row.get("detail") == "night_work_under_18"
            else (limits.provisions_for("young_hazardous_work") + YOUNG_WORKER_HAZARD)
        )
        provisions.extend(p for p in extra if p not in provisions)
    return applied.standard, provisions, [a.as_dict() for a in applied.alternatives]


_PROVISION = pa.struct(
    [("instrument", pa.string()), ("reference", pa.string()), ("title", pa.string()), ("url", pa.string())]
)
_ALTERNATIVE = pa.struct(
    [
        ("standard", pa.string()),
        ("value", pa.float64()),
        ("source", pa.string()),
        ("provisions", pa.list_(_PROVISION)),
    ]
)


def findings_enrich(table: pa.Table, limits: Limits) -> pa.Table:
    """The engine's finding rows (already in order) → the same rows with unit, severity, parameter, standard,
    provisions and alternatives (and `date` for one-day findings), column by column.

    What a finding cites depends on its code, and also on its pay period for a minimum-wage finding (the
    wage periods it covers) and on its detail for a young worker (night or hazardous work): the few
    distinct keys are resolved once each and spread over the rows with `take`.
    """
    # A count summed on DuckDB comes back as DECIMAL(38,0); findings carry plain integers on every engine.
    table = table.set_column(
        table.schema.get_field_index("days"), "days", pc.cast(table.column("days"), pa.int64())
    )
    code = table.column("code")
    blank = pa.scalar("", pa.string())
    wage = pc.equal(code, "below_minimum_wage")
    young = pc.equal(code, "young_worker_hazard_or_night")
    key = pc.binary_join_element_wise(
        code,
        pc.if_else(wage, pc.fill_null(table.column("period_start"), ""), blank),
        pc.if_else(wage, pc.fill_null(table.column("period_end"), ""), blank),
        pc.if_else(
            pc.or_(
                young,
                pc.or_(
                    pc.equal(code, "overtime_premium_underpaid"),
                    pc.equal(code, "monthly_overtime_cap_exceeded"),
                ),
            ),
            table.column("detail"),
            blank,
        ),
        "|",
    )
    keys = pc.unique(key)
    money = {"below_minimum_wage", "overtime_premium_underpaid"}
    extras: dict[str, list[Any]] = {
        name: [] for name in ("unit", "severity", "parameter", "standard", "provisions", "alternatives")
    }
    for text in keys.to_pylist():
        name, start, end, detail = text.split("|")
        standard, provisions, alternatives = _provisions_for(
            name, {"period_start": start, "period_end": end, "detail": detail}, limits
        )
        extras["unit"].append(limits.currency if (name in money and limits.currency) else UNITS.get(name, ""))
        extras["severity"].append(SEVERITY[name])
        extras["parameter"].append(CHECK_PARAMETER.get(name) or "")
        extras["standard"].append(standard)
        extras["provisions"].append([p.as_dict() for p in provisions])
        extras["alternatives"].append(alternatives)
    index = pc.index_in(key, value_set=keys)
    types = {"provisions": pa.list_(_PROVISION), "alternatives": pa.list_(_ALTERNATIVE)}
    for name, values in extras.items():
        table = table.append_column(name, pc.take(pa.array(values, type=types.get(name, pa.string())), index))
    same_day = pc.equal(table.column("period_start"), table.column("period_end"))
    date = pc.if_else(
        pc.fill_null(same_day, False), table.column("period_start"), pa.scalar(None, pa.string())
    )
    table = table.append_column("date", date)
    return table.append_column("computation", pa.array(_computations(table, limits), pa.string()))


def _money(value: float | None) -> str:
    return "-" if value is None else f"{value:,.2f}"


def _hours(value: float | None) -> str:
    return "0" if value is None else f"{value:g}"


def _wage_text(limits: Limits, start: str, end: str) -> str:
    """The minimum wages in force over a pay period, each with tier, notice and date."""
    first, last = datetime.date.fromisoformat(start), datetime.date.fromisoformat(end)
    parts = []
    for period in limits.minimum_wage:
        if period.start <= last and (period.end is None or period.end >= first):
            amount = (
                f"{_money(float(period.monthly))}/month"
                if period.monthly is not None
                else f"{_money(float(period.daily))}/day"
                if period.daily is not None
                else f"{_money(float(period.hourly or 0))}/hour"
            )
            hourly = (
                f", {_money(float(period.hourly))}/hour part-time"
                if period.hourly is not None and period.monthly is not None
                else ""
            )
            tier = f"tier {period.tier}, " if period.tier is not None else ""
            notice = period.notice_number or (period.provisions[0].reference if period.provisions else "")
            parts.append(
                f"{period.currency} {amount}{hourly} ({tier}{notice}, from {period.start.isoformat()})"
            )
    return "; ".join(parts)


def _computations(table: pa.Table, limits: Limits) -> list[str]:
    """How each wage and comprehensive-hours finding was computed, in numbers an inspector can redo."""
    wanted = {"below_minimum_wage", "overtime_premium_underpaid", "monthly_overtime_cap_exceeded"}
    codes = table.column("code").to_pylist()
    if not wanted & set(codes):
        return [""] * len(codes)
    normal = limits.get("normal_hours_day")
    normal_text = _hours(normal.number if normal else 8.0)
    premiums = {
        name: _hours(found.number) if (found := limits.get(name)) else "-"
        for name in (
            "overtime_premium_workday",
            "overtime_premium_rest_day",
            "overtime_premium_public_holiday",
        )
    }
    columns = table.select(
        [
            "code",
            "detail",
            "period_start",
            "period_end",
            "measured",
            "limit",
            "hours_workday",
            "hours_rest_day",
            "hours_holiday",
            "hourly_rate",
            "base_monthly",
            "deducted",
        ]
    ).to_pylist()
    texts: list[str] = []
    cache: dict[tuple[str, str], str] = {}
    for row in columns:
        code, detail = row["code"], row["detail"]
        if code not in wanted or (code == "monthly_overtime_cap_exceeded" and not detail.startswith("compr")):
            texts.append("")
            continue
        key = (row["period_start"], row["period_end"])
        if key not in cache:
            cache[key] = _wage_text(limits, *key)
        measured, limit = row["measured"] or 0.0, row["limit"] or 0.0
        deducted = row["deducted"] or 0.0
        counted = (
            f"pay counted = base pay {_money(measured + deducted)} − own social insurance "
            f"{_money(deducted)} = {_money(measured)}"
            if deducted
            else f"pay counted = base pay {_money(measured)}"
        )
        if detail == "base_pay_for_normal_hours":
            texts.append(
                f"minimum owed = Σ over the working days worked of monthly minimum ÷ working days in the "
                f"month × normal hours ÷ {normal_text} = {_money(limit)} for {_hours(row['hours_workday'])} "
                f"normal hours [{cache[key]}]; {counted}; shortfall {_money(limit - measured)}"
            )
        elif detail == "part_time_pay_below_hourly_minimum":
            texts.append(
                f"minimum owed = {_hours(row['hours_workday'])} h × hourly minimum "
                f"{_money(row['hourly_rate'])} = {_money(limit)} [{cache[key]}]; {counted}; "
                f"shortfall {_money(limit - measured)}"
            )
        elif detail == "overtime_pay_below_premium" and limits.country != "CN":
            texts.append(
                f"hourly rate = base pay {_money(row['base_monthly'])} ÷ the normal hours worked in the "
                f"period, never below the minimum per hour = {_money(row['hourly_rate'])}; "
                f"required = {_money(row['hourly_rate'])} × ({_hours(row['hours_workday'])} h × "
                f"{premiums['overtime_premium_workday']} % + {_hours(row['hours_rest_day'])} h × "
                f"{premiums['overtime_premium_rest_day']} % + {_hours(row['hours_holiday'])} h × "
                f"{premiums['overtime_premium_public_holiday']} %) = {_money(limit)}; overtime paid "
                f"{_money(measured)}; shortfall {_money(limit - measured)}"
            )
        elif detail == "overtime_pay_below_premium":
            texts.append(
                f"hourly rate = monthly wage {_money(row['base_monthly'])} ÷ 21.75 ÷ 8, never below the "
                f"minimum wage ÷ 21.75 ÷ 8 (劳社部发〔2008〕3号) = {_money(row['hourly_rate'])}; required = "
                f"{_money(row['hourly_rate'])} × ({_hours(row['hours_workday'])} h × "
                f"{premiums['overtime_premium_workday']} % + {_hours(row['hours_rest_day'])} h × "
                f"{premiums['overtime_premium_rest_day']} % + {_hours(row['hours_holiday'])} h × "
                f"{premiums['overtime_premium_public_holiday']} %) = {_money(limit)}; overtime paid "
                f"{_money(measured)}; shortfall {_money(limit - measured)}"
            )
        elif detail == "comprehensive_overtime_pay_below_premium":
            texts.append(
                f"comprehensive system: hourly rate = monthly wage {_money(row['base_monthly'])} ÷ 21.75 ÷ "
                f"8, never below the minimum wage ÷ 21.75 ÷ 8 = {_money(row['hourly_rate'])}; required = "
                f"{_money(row['hourly_rate'])} × ({_hours(row['hours_workday'])} h above the period's "
                f"standard total × {premiums['overtime_premium_workday']} % + "
                f"{_hours(row['hours_holiday'])} h on statutory holidays × "
                f"{premiums['overtime_premium_public_holiday']} %) = {_money(limit)}; overtime paid "
                f"{_money(measured)}; shortfall {_money(limit - measured)}"
            )
        elif detail == "comprehensive_overtime_above_cap":
            texts.append(
                f"comprehensive system: {_hours(row['hours_workday'])} h worked (statutory holidays "
                f"apart) − standard total {_hours(row['base_monthly'])} h (166.64 h a month, 500 a quarter, "
                f"2,000 a year, in proportion to the days employed) = {_hours(measured)} h overtime; "
                f"at most {_hours(limit)} h (36 h a month on average)"
            )
        else:
            texts.append("")
    return texts
