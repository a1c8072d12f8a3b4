"""The hours, wages and age checks, written once in Ibis and run on DuckDB or on Spark.

Inputs are three typed tables (`in_roster`, `in_time`, `in_payroll`, see `inputs.py`) and a
working calendar (`in_calendar`, see `workcalendar.py`) in an Ibis backend; the rule set is a
`Limits`. Each check yields rows of one shape — code, worker_id, period, measured value, limit and a
few numbers that explain it — which `findings_enrich` turns into findings carrying the standard,
the provisions and a severity.

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
* `no_rest_day_in_7`: more than 7 − `rest_days_per_week` calendar days in a row with hours worked.
* `below_minimum_wage`: base pay of a pay period below the minimum owed for the normal hours worked in
  it: for each working day worked, the monthly minimum in force that day ÷ the month's working days,
  × normal hours worked ÷ normal day. A full month of full days owes exactly the monthly minimum; a
  partial month (hired mid-month, left, absent) owes its share; a mid-period change applies by day.
* `overtime_premium_underpaid`: overtime pay below hourly rate × (workday overtime × workday premium
  + rest-day hours × rest-day premium + public-holiday hours × holiday premium). The hourly rate is
  base pay ÷ normal hours worked, and never less than the monthly minimum ÷ 21.75 ÷ 8.
* Money is compared to the fen: a shortfall of 0.01 or more is a finding.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

import ibis
import pandas as pd
from ibis import _
from ibis.expr.types import Table

from rsca.compliance.limits import YOUNG_WORKER_NIGHT, Limits, Provision
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
}

FINDING_COLUMNS = ("code", "worker_id", "period_start", "period_end", "measured", "limit", "detail", "days",
                   "hours_workday", "hours_rest_day", "hours_holiday", "hourly_rate")
WORKER_COLUMNS = ("worker_id", "department", "days_worked", "total_hours", "overtime_hours", "max_week_hours",
                  "longest_run")
WEEKLY_BINS = ((0, 40, "≤40"), (40, 48, "40–48"), (48, 60, "48–60"), (60, 72, "60–72"), (72, 10_000, ">72"))
NIGHT_START_MIN = 22 * 60  # 22:00, ILO C90 art. 2 and RBA A.3
NIGHT_END_MIN = 6 * 60  # 06:00


@dataclass
class EngineResult:
    findings: list[dict[str, Any]]
    weekly: pd.DataFrame  # worker_id, week_start, hours
    workers: pd.DataFrame  # worker_id, department, days_worked, total_hours, overtime_hours, max_week_hours,
    #                        longest_run
    checks_run: list[str]
    metrics: dict[str, Any] = field(default_factory=dict)
    checks_skipped: dict[str, str] = field(default_factory=dict)


def calendar_frame(*, start: datetime.date, end: datetime.date, limits: Limits) -> pd.DataFrame:
    rows = calendar_days(start=start, end=end, limits=limits)
    frame = pd.DataFrame([r.__dict__ for r in rows])
    for column in ("date", "week_start", "week_end", "month_start", "month_end"):
        frame[column] = pd.to_datetime(frame[column]).dt.date
    frame["min_wage_monthly"] = frame["min_wage_monthly"].astype("float64")
    frame["min_wage_hourly_floor"] = frame["min_wage_hourly_floor"].astype("float64")
    frame["day"] = frame["day"].astype("int64")
    frame["year"] = frame["year"].astype("int64")
    frame["month_day"] = frame["month_day"].astype("int64")
    frame["workdays_in_month"] = frame["workdays_in_month"].astype("int64")
    return frame


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


def materialise(backend: Any, name: str, expr: Table) -> Table:
    """Compute `expr` once and keep it (a DuckDB temporary table, a cached Spark view) for the checks and
    facility metrics that reuse it."""
    if backend.name == "duckdb":
        backend.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {backend.compile(expr)}")
    else:
        frame = backend._session.sql(str(backend.compile(expr)))
        frame.cache().createOrReplaceTempView(name)
    return backend.table(name)


def _null(kind: str) -> Any:
    return ibis.literal(None, type=kind)


def _shape(table: Table, *, code: str, detail: str, worker_id: Any, period_start: Any, period_end: Any,
           measured: Any, limit: Any, days: Any = None, hours_workday: Any = None, hours_rest_day: Any = None,
           hours_holiday: Any = None, hourly_rate: Any = None) -> Table:
    def num(value: Any) -> Any:
        return _null("float64") if value is None else (ibis.literal(value) if isinstance(value, int | float)
                                                       else value).cast("float64")

    return table.select(
        code=ibis.literal(code),
        code_order=ibis.literal(CHECK_CODES.index(code), type="int64"),
        worker_id=worker_id.cast("string"),
        period_start=period_start.cast("date").cast("string"),
        period_end=period_end.cast("date").cast("string"),
        measured=num(measured).round(2),
        limit=num(limit).round(2),
        detail=ibis.literal(detail),
        days=_null("int64") if days is None else days.cast("int64"),
        hours_workday=num(hours_workday).round(2),
        hours_rest_day=num(hours_rest_day).round(2),
        hours_holiday=num(hours_holiday).round(2),
        hourly_rate=num(hourly_rate).round(2),
    )


def _daily(backend: Any, limits: Limits) -> Table:
    roster = backend.table("in_roster")
    time = backend.table("in_time")
    cal = backend.table("in_calendar")
    normal = limits.require("normal_hours_day").number
    people = roster.select(
        r_worker_id=roster.worker_id, birth_year=roster.birth_date.year().cast("int64"),
        birth_md=(roster.birth_date.month() * 100 + roster.birth_date.day()).cast("int64"),
        hire_date=roster.hire_date, termination_date=roster.termination_date, department=roster.department,
    )
    days = time.select("worker_id", "date", "hours", "start_min", "end_min").join(
        cal.select("date", "day", "kind", "week_start", "week_end", "month_start", "month_end", "year", "month_day",
                   "min_wage_share"),
        "date",
    )
    joined = days.left_join(people, days.worker_id == people.r_worker_id)
    workday = joined.kind == WORKDAY
    return joined.select(
        "worker_id", "date", "hours", "start_min", "end_min", "day", "kind", "week_start", "week_end",
        "month_start", "month_end", "min_wage_share", "r_worker_id", "hire_date", "termination_date", "department",
        age=(joined.year - joined.birth_year - ibis.ifelse(joined.month_day < joined.birth_md, 1, 0)),
        ot=ibis.ifelse(workday, ibis.greatest(joined.hours - normal, 0.0), joined.hours),
        normal_h=ibis.ifelse(workday, ibis.least(joined.hours, normal), 0.0),
        ot_workday=ibis.ifelse(workday, ibis.greatest(joined.hours - normal, 0.0), 0.0),
        ot_rest=ibis.ifelse(joined.kind == REST_DAY, joined.hours, 0.0),
        ot_holiday=ibis.ifelse(joined.kind == PUBLIC_HOLIDAY, joined.hours, 0.0),
    )


def _age_checks(daily: Table, limits: Limits, has_times: bool, skipped: dict[str, str]) -> list[Table]:
    found = []
    min_age = limits.require("min_age_employment").number
    under = daily.filter((daily.hours > 0) & (daily.age < min_age))
    found.append(_shape(
        under.group_by("worker_id").agg(ps=_.date.min(), pe=_.date.max(), age=_.age.min(), n=_.count()),
        code="child_labour", detail="worked_below_minimum_age", worker_id=_.worker_id, period_start=_.ps,
        period_end=_.pe, measured=_.age, limit=min_age, days=_.n,
    ))
    young_age = limits.get("min_age_hazardous_work")
    if not has_times:
        skipped["young_worker_hazard_or_night"] = "no_shift_times"
    elif young_age is None:
        skipped["young_worker_hazard_or_night"] = "no_hazardous_work_age"
    else:
        night = (daily.start_min.notnull() & daily.end_min.notnull() & (
            (daily.start_min < NIGHT_END_MIN) | (daily.end_min > NIGHT_START_MIN) | (daily.end_min <= daily.start_min)
        ))
        young = daily.filter((daily.hours > 0) & (daily.age < young_age.number) & night)
        found.append(_shape(
            young.group_by("worker_id").agg(ps=_.date.min(), pe=_.date.max(), age=_.age.min(), n=_.count()),
            code="young_worker_hazard_or_night", detail="night_work_under_18", worker_id=_.worker_id,
            period_start=_.ps, period_end=_.pe, measured=_.age, limit=young_age.number, days=_.n,
        ))
    return found


def _hours_checks(daily: Table, weekly: Table, runs: Table, limits: Limits, skipped: dict[str, str]) -> list[Table]:
    found = []
    normal = limits.require("normal_hours_day").number
    day_max = limits.require("overtime_hours_day_max").number
    over_day = daily.filter((daily.kind == WORKDAY) & (daily.hours - normal > day_max))
    found.append(_shape(over_day, code="daily_overtime_exceeded", detail="overtime_on_working_day",
                        worker_id=over_day.worker_id, period_start=over_day.date, period_end=over_day.date,
                        measured=over_day.hours - normal, limit=day_max, hours_workday=over_day.hours))
    month_max = limits.require("overtime_hours_month_max").number
    monthly = daily.group_by("worker_id", "month_start", "month_end").agg(
        ot=_.ot.sum(), w=_.ot_workday.sum(), r=_.ot_rest.sum(), h=_.ot_holiday.sum(), n=(_.hours > 0).sum())
    over_month = monthly.filter(monthly.ot > month_max)
    found.append(_shape(over_month, code="monthly_overtime_cap_exceeded", detail="overtime_in_month",
                        worker_id=over_month.worker_id, period_start=over_month.month_start,
                        period_end=over_month.month_end, measured=over_month.ot, limit=month_max,
                        days=over_month.n, hours_workday=over_month.w, hours_rest_day=over_month.r,
                        hours_holiday=over_month.h))
    week_max = limits.get("weekly_hours_max_total")
    if week_max is None:
        skipped["weekly_hours_over_60"] = "no_weekly_total"
    else:
        over_week = weekly.filter(weekly.hours > week_max.number)
        found.append(_shape(over_week, code="weekly_hours_over_60", detail="hours_in_week",
                            worker_id=over_week.worker_id, period_start=over_week.week_start,
                            period_end=over_week.week_end, measured=over_week.hours, limit=week_max.number,
                            days=over_week.n))
    rest = limits.require("rest_days_per_week").number
    max_run = 7 - rest
    long_runs = runs.filter(runs.length > max_run)
    found.append(_shape(long_runs, code="no_rest_day_in_7", detail="consecutive_days_worked",
                        worker_id=long_runs.worker_id, period_start=long_runs.ps, period_end=long_runs.pe,
                        measured=long_runs.length, limit=max_run, days=long_runs.length))
    return found


def _pay(backend: Any, daily: Table, limits: Limits) -> Table:
    payroll = backend.table("in_payroll")
    cal = backend.table("in_calendar")
    normal = limits.require("normal_hours_day").number
    p = payroll.select(p_row="_row", p_worker="worker_id", p_start="period_start", p_end="period_end")
    d = daily.select("worker_id", "date", "normal_h", "min_wage_share", "ot_workday", "ot_rest", "ot_holiday")
    joined = p.join(d, [p.p_worker == d.worker_id, d.date >= p.p_start, d.date <= p.p_end])
    sums = joined.group_by("p_row").agg(
        normal_hours=_.normal_h.sum(), min_due=(_.min_wage_share * _.normal_h / normal).sum(),
        w=_.ot_workday.sum(), r=_.ot_rest.sum(), h=_.ot_holiday.sum(),
    )
    floor = cal.select(f_date="date", floor="min_wage_hourly_floor")
    with_floor = payroll.left_join(floor, payroll.period_end == floor.f_date)
    both = with_floor.left_join(sums, with_floor._row == sums.p_row)
    return both.select(
        "_row", "worker_id", "period_start", "period_end", "base_pay", "overtime_pay",
        allowances=_.allowances.fill_null(0.0), deductions=_.deductions.fill_null(0.0), net_pay=_.net_pay,
        floor=_.floor.fill_null(0.0), normal_hours=_.normal_hours.fill_null(0.0), min_due=_.min_due.fill_null(0.0),
        w=_.w.fill_null(0.0), r=_.r.fill_null(0.0), h=_.h.fill_null(0.0),
    )


def _wage_checks(pay: Table, limits: Limits, skipped: dict[str, str]) -> list[Table]:
    found = []
    if not limits.minimum_wage:
        skipped["below_minimum_wage"] = "no_minimum_wage"
    else:
        due = pay.min_due.round(2)
        under = pay.filter((pay.min_due > 0) & (pay.base_pay < due - 0.005))
        found.append(_shape(under, code="below_minimum_wage", detail="base_pay_for_normal_hours",
                            worker_id=under.worker_id, period_start=under.period_start, period_end=under.period_end,
                            measured=under.base_pay, limit=under.min_due, hours_workday=under.normal_hours))
    pw = limits.require("overtime_premium_workday").number / 100
    pr = limits.require("overtime_premium_rest_day").number / 100
    ph = limits.require("overtime_premium_public_holiday").number / 100
    rate = ibis.greatest((pay.base_pay / pay.normal_hours.nullif(0.0)).fill_null(0.0), pay.floor)
    with_rate = pay.mutate(rate=rate, required=rate * (pay.w * pw + pay.r * pr + pay.h * ph))
    short = with_rate.filter((with_rate.required > 0) & (with_rate.overtime_pay < with_rate.required.round(2) - 0.005))
    found.append(_shape(short, code="overtime_premium_underpaid", detail="overtime_pay_below_premium",
                        worker_id=short.worker_id, period_start=short.period_start, period_end=short.period_end,
                        measured=short.overtime_pay, limit=short.required, hours_workday=short.w,
                        hours_rest_day=short.r, hours_holiday=short.h, hourly_rate=short.rate))
    return found


def _roster_checks(backend: Any, limits: Limits, data_end: datetime.date, has_social_insurance: bool,
                   skipped: dict[str, str]) -> list[Table]:
    roster = backend.table("in_roster")
    found = []
    deadline = limits.require("contract_deadline_days").number
    as_of = roster.termination_date.fill_null(ibis.literal(data_end))
    people = roster.filter(roster.hire_date <= ibis.literal(data_end)).mutate(
        until=roster.contract_signed_date.fill_null(ibis.least(as_of, ibis.literal(data_end))))
    people = people.mutate(waited=people.until.delta(people.hire_date, unit="day"))
    late = people.filter(people.waited > deadline)
    found.append(_shape(late, code="no_written_contract",
                        detail="no_contract_signed",
                        worker_id=late.worker_id, period_start=late.hire_date, period_end=late.until,
                        measured=late.waited, limit=deadline, days=late.waited))
    if not has_social_insurance or not limits.provisions_for("social_insurance"):
        skipped["social_insurance_missing"] = "no_insurance_column" if not has_social_insurance else "no_insurance_rule"
    else:
        missing = roster.filter((roster.social_insurance_enrolled == False)  # noqa: E712 - SQL comparison
                                & ~roster.is_student_worker.fill_null(False))
        found.append(_shape(missing, code="social_insurance_missing", detail="not_enrolled",
                            worker_id=missing.worker_id, period_start=missing.hire_date,
                            period_end=missing.termination_date.fill_null(ibis.literal(data_end)),
                            measured=0.0, limit=1.0))
    return found


def _consistency_checks(backend: Any, daily: Table, pay: Table, has_times: bool) -> list[Table]:
    roster = backend.table("in_roster")
    payroll = backend.table("in_payroll")
    found = []
    expected = pay.base_pay + pay.overtime_pay + pay.allowances - pay.deductions
    mismatch = pay.mutate(expected=expected).filter(lambda t: (t.net_pay - t.expected).abs() > 0.005)
    found.append(_shape(mismatch, code="data_inconsistent", detail="net_pay_mismatch", worker_id=mismatch.worker_id,
                        period_start=mismatch.period_start, period_end=mismatch.period_end,
                        measured=mismatch.net_pay, limit=mismatch.expected))
    over = daily.filter(daily.hours > 24)
    found.append(_shape(over, code="data_inconsistent", detail="hours_over_24", worker_id=over.worker_id,
                        period_start=over.date, period_end=over.date, measured=over.hours, limit=24.0))
    unknown = daily.filter(daily.r_worker_id.isnull()).group_by("worker_id").agg(
        ps=_.date.min(), pe=_.date.max(), n=_.count(), total=_.hours.sum())
    found.append(_shape(unknown, code="data_inconsistent", detail="time_worker_not_in_roster",
                        worker_id=unknown.worker_id, period_start=unknown.ps, period_end=unknown.pe,
                        measured=unknown.total, limit=None, days=unknown.n))
    paid = payroll.anti_join(roster, payroll.worker_id == roster.worker_id).group_by("worker_id").agg(
        ps=_.period_start.min(), pe=_.period_end.max(), n=_.count(), total=_.net_pay.sum())
    found.append(_shape(paid, code="data_inconsistent", detail="payroll_worker_not_in_roster",
                        worker_id=paid.worker_id, period_start=paid.ps, period_end=paid.pe, measured=paid.total,
                        limit=None, days=paid.n))
    outside = daily.filter(daily.r_worker_id.notnull() & (daily.hours > 0) & (
        (daily.date < daily.hire_date) | (daily.termination_date.notnull() & (daily.date > daily.termination_date))))
    outside = outside.group_by("worker_id").agg(ps=_.date.min(), pe=_.date.max(), n=_.count(), total=_.hours.sum())
    found.append(_shape(outside, code="data_inconsistent", detail="worked_outside_employment",
                        worker_id=outside.worker_id, period_start=outside.ps, period_end=outside.pe,
                        measured=outside.total, limit=None, days=outside.n))
    if has_times:
        span = ibis.ifelse(daily.end_min > daily.start_min, daily.end_min - daily.start_min,
                           daily.end_min - daily.start_min + 1440) / 60.0
        timed = daily.filter(daily.start_min.notnull() & daily.end_min.notnull()).mutate(span=span)
        longer = timed.filter(timed.hours > timed.span + 0.01)
        found.append(_shape(longer, code="data_inconsistent", detail="hours_exceed_shift", worker_id=longer.worker_id,
                            period_start=longer.date, period_end=longer.date, measured=longer.hours,
                            limit=longer.span))
    return found


def engine_run(*, backend: Any, limits: Limits, start: datetime.date, end: datetime.date, has_times: bool,
               has_social_insurance: bool, worker_detail: bool = False) -> EngineResult:
    """Run every check on the tables in `backend` (in_roster, in_time, in_payroll) and collect the results.

    With `worker_detail`, also each worker's hours by week and totals (for the platform's drill-down).
    """
    table_put(backend, "in_calendar", calendar_frame(start=start, end=end, limits=limits))
    skipped: dict[str, str] = {}
    daily = materialise(backend, "in_daily", _daily(backend, limits))
    weekly = materialise(backend, "in_weekly", daily.group_by("worker_id", "week_start", "week_end").agg(
        hours=_.hours.sum(), n=(_.hours > 0).sum()))
    worked = daily.filter(daily.hours > 0)
    worked = worked.mutate(grp=worked.day - ibis.row_number().over(group_by=worked.worker_id, order_by=worked.day))
    runs = materialise(backend, "in_runs", worked.group_by("worker_id", "grp").agg(
        ps=_.date.min(), pe=_.date.max(), length=_.count()))
    pay = materialise(backend, "in_pay", _pay(backend, daily, limits))
    parts: list[Table] = []
    parts += _age_checks(daily, limits, has_times, skipped)
    parts += _hours_checks(daily, weekly, runs, limits, skipped)
    parts += _wage_checks(pay, limits, skipped)
    parts += _roster_checks(backend, limits, end, has_social_insurance, skipped)
    parts += _consistency_checks(backend, daily, pay, has_times)
    found = backend.to_pyarrow(ibis.union(*parts)).sort_by(
        [("code_order", "ascending"), ("worker_id", "ascending"), ("period_start", "ascending"),
         ("detail", "ascending")])
    records = found.drop_columns(["code_order"]).to_pylist()
    metrics = _metrics(backend, weekly, runs)
    if worker_detail:
        weekly_frame = backend.execute(weekly.select("worker_id", "week_start", "hours"))
        roster = backend.table("in_roster")
        per_worker = daily.group_by("worker_id").agg(
            days_worked=(_.hours > 0).sum(), total_hours=_.hours.sum(), overtime_hours=_.ot.sum())
        departments = roster.select(rw="worker_id", department="department")
        per_worker = per_worker.left_join(departments, per_worker.worker_id == departments.rw).drop("rw")
        workers = backend.execute(per_worker)
        longest = backend.execute(runs.group_by("worker_id").agg(longest_run=_.length.max()))
        workers = workers.merge(longest, on="worker_id", how="left")
        max_week = weekly_frame.groupby("worker_id", as_index=False)["hours"].max().rename(
            columns={"hours": "max_week_hours"})
        workers = workers.merge(max_week, on="worker_id", how="left")
        workers["longest_run"] = workers["longest_run"].fillna(0).astype("int64")
        workers["department"] = workers["department"].fillna("")
    else:
        weekly_frame = pd.DataFrame({"worker_id": [], "week_start": [], "hours": []})
        workers = pd.DataFrame({name: [] for name in WORKER_COLUMNS})
    codes_run = [code for code in CHECK_CODES if code not in skipped]
    return EngineResult(findings=findings_enrich(records, limits), weekly=weekly_frame, workers=workers,
                        metrics=metrics, checks_run=codes_run, checks_skipped=skipped)


def _metrics(backend: Any, weekly: Table, runs: Table) -> dict[str, Any]:
    """Facility figures that need every worker-week: histogram, maxima overall and by month, longest run."""
    bins = {f"bin{i}": ((weekly.hours > low) & (weekly.hours <= high)).sum() if low
            else (weekly.hours <= high).sum() for i, (low, high, _label) in enumerate(WEEKLY_BINS)}
    totals = backend.execute(weekly.aggregate(max_week=weekly.hours.max(), **bins)).to_dict("records")[0]
    longest = backend.execute(runs.aggregate(longest=runs.length.max())).to_dict("records")[0]["longest"]
    by_month = backend.execute(weekly.group_by(month=(weekly.week_start.year() * 100 + weekly.week_start.month()))
                               .agg(max_week=weekly.hours.max()))
    return {
        "max_weekly_hours": round(float(totals["max_week"]), 2) if pd.notna(totals["max_week"]) else 0.0,
        "longest_run": int(longest) if pd.notna(longest) else 0,
        "histogram": [{"bin": label, "worker_weeks": int(totals[f"bin{i}"] or 0)}
                      for i, (_low, _high, label) in enumerate(WEEKLY_BINS)],
        "max_week_by_month": {f"{int(m) // 100:04d}-{int(m) % 100:02d}": round(float(h), 2)
                              for m, h in by_month.itertuples(index=False)},
    }


def _provisions_for(code: str, row: dict[str, Any], limits: Limits) -> tuple[str, list[Provision], list[dict[str, Any]]]:
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
        return standard, provisions, []
    if code == "overtime_premium_underpaid":
        provisions = []
        limit = limits.require("overtime_premium_workday")
        for name in ("overtime_premium_workday", "overtime_premium_rest_day", "overtime_premium_public_holiday"):
            other = limits.get(name)
            if other:
                provisions.extend(p for p in other.provisions if p not in provisions)
        provisions.extend(p for p in limits.provisions_for("wage_conversion") if p not in provisions)
        return limit.standard, provisions, [a.as_dict() for a in limit.alternatives]
    if code == "social_insurance_missing":
        return "national_law", list(limits.provisions_for("social_insurance")), []
    if code == "data_inconsistent":
        return "national_law", list(limits.provisions_for("records")), []
    parameter = CHECK_PARAMETER[code]
    if not parameter:
        return "", [], []
    applied = limits.require(parameter)
    provisions = list(applied.provisions)
    if code == "young_worker_hazard_or_night":
        provisions.extend(p for p in YOUNG_WORKER_NIGHT if p not in provisions)
    return applied.standard, provisions, [a.as_dict() for a in applied.alternatives]


def findings_enrich(records: list[dict[str, Any]], limits: Limits) -> list[dict[str, Any]]:
    """Rows of the engine's union (already in order) → findings with standard, provisions and severity."""
    cache: dict[tuple[str, str, str], dict[str, Any]] = {}
    money = {"below_minimum_wage", "overtime_premium_underpaid"}
    for row in records:
        code = row["code"]
        # the provisions of a minimum-wage finding depend on the wage periods its pay period covers
        key = (code, row["period_start"] or "", row["period_end"] or "") if code == "below_minimum_wage" \
            else (code, "", "")
        extra = cache.get(key)
        if extra is None:
            standard, provisions, alternatives = _provisions_for(code, row, limits)
            extra = {
                "unit": limits.currency if (code in money and limits.currency) else UNITS.get(code, ""),
                "severity": SEVERITY[code], "parameter": CHECK_PARAMETER.get(code) or "", "standard": standard,
                "provisions": [p.as_dict() for p in provisions], "alternatives": alternatives,
            }
            cache[key] = extra
        row.update(extra)
        row["date"] = row["period_start"] if row["period_start"] == row["period_end"] else None
    return records
