"""Compliance engine benchmark: Ibis engine vs hand-written DuckDB SQL vs straightforward pandas, Spark local.

    python bench/bench_compliance.py [--workers 5000] [--big-workers 27400] [--spark-workers 200] [--skip-big]

One run measures, on the same generated records (bench/compliance_data.py; 365 days, one row per worker and
day employed):

1. the Ibis engine on DuckDB over tables already in memory, against (a) a hand-written DuckDB SQL of the
   same checks on the same tables and (b) a straightforward pandas implementation of the same checks —
   all three must find the same number of findings per check (the run stops if they do not). The engine
   is timed on its first run in the process (its query compiled) and warm (query compiled once per rule
   set and kept);
2. files in to findings out (CSV reading and validation, engine, facility summary; findings as an Arrow
   table, plus the time to turn them into Python dictionaries) for ~1.8 M and ~10 M worker-days, each in
   a fresh process so its peak memory is its own;
3. the same engine on Spark in local mode (a smaller set by default, Spark start-up included).

Every figure is wall-clock and CPU time (all threads of the process): the machine is shared, so the load
average is printed beside each round, and ratios are given for both. Thresholds are Shenzhen's (as the
standards facts give them) with the RBA weekly limit, set explicitly so the benchmark needs no database.
Goals from issue 5: engine within 1.5x of the SQL, >= 10x faster than pandas, 10 M worker-days from CSV in
< 10 s on 2 cores with <= 4 GB.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rsca.config.settings")

import django  # noqa: E402

django.setup()

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from tests.compliance.builders import shenzhen_limits  # noqa: E402

from rsca.compliance import engine as engine_module  # noqa: E402
from rsca.compliance.check import payroll_check, spark_available  # noqa: E402
from rsca.compliance.engine import calendar_frame, engine_run, table_put  # noqa: E402
from rsca.compliance.generate import frames_write, records_generate  # noqa: E402
from rsca.compliance.inputs import inputs_load  # noqa: E402

DATA = Path(os.environ.get("RSCA_BENCH_DIR", "/tmp/rsca-bench-compliance"))
LIMITS = shenzhen_limits()
NORMAL, DAY_MAX, MONTH_MAX, WEEK_MAX, MAX_RUN, DEADLINE = 8.0, 3.0, 36.0, 60.0, 6, 30
PW, PR, PH = 1.5, 2.0, 3.0


def dataset(workers: int) -> dict[str, Path]:
    directory = DATA / f"w{workers}"
    paths = {kind: directory / f"{kind}.csv" for kind in ("roster", "time", "payroll")}
    if all(p.exists() for p in paths.values()):
        return paths
    started = time.perf_counter()
    frames = records_generate(workers=workers, days=365, start=datetime.date(2025, 1, 1), seed=7)
    frames_write(frames, directory)
    print(f"  generated {workers} workers in {time.perf_counter() - started:.1f} s -> {directory}")
    return paths


def timed(label: str, fn: Any, repeat: int = 1) -> tuple[float, float, Any]:
    """Best wall-clock and best CPU time (every thread of this process) of `repeat` runs."""
    best, best_cpu, result = float("inf"), float("inf"), None
    for _ in range(repeat):
        started, cpu = time.perf_counter(), time.process_time()
        result = fn()
        best = min(best, time.perf_counter() - started)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    print(f"  {label:<56} {best:7.2f} s wall {best_cpu:7.2f} s CPU")
    return best, best_cpu, result


def load_average() -> str:
    return "load average " + " / ".join(f"{x:.1f}" for x in os.getloadavg()) + " (1/5/15 min)"


# ----------------------------------------------------------------------------- hand-written DuckDB SQL

CTES = f"""
WITH daily AS (
  SELECT t.worker_id, t.date, t.hours, t.start_min, t.end_min, c.day, c.kind, c.week_start, c.week_end,
         c.month_start, c.month_end, c.min_wage_share, r.worker_id AS r_worker_id, r.hire_date, r.termination_date,
         c.year - year(r.birth_date) - CASE WHEN c.month_day < month(r.birth_date) * 100 + day(r.birth_date)
                                            THEN 1 ELSE 0 END AS age, coalesce(r.hazardous_work, false) AS hazardous,
         CASE WHEN c.kind = 'workday' THEN greatest(t.hours - {NORMAL}, 0) ELSE t.hours END AS ot,
         CASE WHEN c.kind = 'workday' THEN least(t.hours, {NORMAL}) ELSE 0 END AS normal_h,
         CASE WHEN c.kind = 'workday' THEN greatest(t.hours - {NORMAL}, 0) ELSE 0 END AS ot_w,
         CASE WHEN c.kind = 'rest_day' THEN t.hours ELSE 0 END AS ot_r,
         CASE WHEN c.kind = 'public_holiday' THEN t.hours ELSE 0 END AS ot_h
  FROM in_time t JOIN in_calendar c ON c.date = t.date LEFT JOIN in_roster r ON r.worker_id = t.worker_id
),
weekly AS (SELECT worker_id, week_start, week_end, sum(hours) AS hours FROM daily GROUP BY ALL),
runs AS (
  SELECT worker_id, min(date) AS ps, max(date) AS pe, count(*) AS length FROM (
    SELECT worker_id, date, day - row_number() OVER (PARTITION BY worker_id ORDER BY day) AS grp
    FROM daily WHERE hours > 0)
  GROUP BY worker_id, grp),
pay AS (
  SELECT p._row, p.worker_id, p.period_start, p.period_end, p.base_pay, p.overtime_pay, p.net_pay,
         coalesce(p.allowances, 0) AS allowances, coalesce(p.deductions, 0) AS deductions,
         coalesce(f.min_wage_hourly_floor, 0) AS floor, coalesce(s.normal_hours, 0) AS normal_hours,
         coalesce(s.min_due, 0) AS min_due, coalesce(s.w, 0) AS w, coalesce(s.r, 0) AS r, coalesce(s.h, 0) AS h
  FROM in_payroll p
  LEFT JOIN in_calendar f ON f.date = p.period_end
  LEFT JOIN (SELECT p._row, sum(d.normal_h) AS normal_hours, sum(d.min_wage_share * d.normal_h / {NORMAL}) AS min_due,
                    sum(d.ot_w) AS w, sum(d.ot_r) AS r, sum(d.ot_h) AS h
             FROM in_payroll p JOIN daily d ON d.worker_id = p.worker_id AND d.date BETWEEN p.period_start AND p.period_end
             GROUP BY p._row) s ON s._row = p._row
),
rated AS (SELECT *, greatest(coalesce(base_pay / nullif(normal_hours, 0), 0), floor) AS rate FROM pay),
contracts AS (
  SELECT worker_id, hire_date,
         coalesce(contract_signed_date, least(coalesce(termination_date, DATE '{{end}}'), DATE '{{end}}')) AS until
  FROM in_roster WHERE hire_date <= DATE '{{end}}')
"""

SQL = (
    CTES
    + f"""
SELECT 'child_labour' AS code, count(DISTINCT worker_id) AS n FROM daily WHERE hours > 0 AND age < 16
UNION ALL SELECT 'young_worker_hazard_or_night', count(DISTINCT worker_id) FILTER (
    start_min IS NOT NULL AND end_min IS NOT NULL AND (start_min < 360 OR end_min > 1320 OR end_min <= start_min))
  + count(DISTINCT worker_id) FILTER (hazardous) FROM daily WHERE hours > 0 AND age < 18 AND r_worker_id IS NOT NULL
UNION ALL SELECT 'daily_overtime_exceeded', count(*) FROM daily WHERE kind = 'workday' AND hours - {NORMAL} > {DAY_MAX}
UNION ALL SELECT 'monthly_overtime_cap_exceeded', count(*) FROM (
  SELECT worker_id, month_start FROM daily GROUP BY ALL HAVING sum(ot) > {MONTH_MAX})
UNION ALL SELECT 'weekly_hours_over_60', count(*) FROM weekly WHERE hours > {WEEK_MAX}
UNION ALL SELECT 'no_rest_day_in_7', count(*) FROM runs WHERE length > {MAX_RUN}
UNION ALL SELECT 'below_minimum_wage', count(*) FROM pay WHERE min_due > 0 AND base_pay < round(min_due, 2) - 0.005
UNION ALL SELECT 'overtime_premium_underpaid', count(*) FROM rated
  WHERE rate * (w * {PW} + r * {PR} + h * {PH}) > 0
    AND overtime_pay < round(rate * (w * {PW} + r * {PR} + h * {PH}), 2) - 0.005
UNION ALL SELECT 'no_written_contract', count(*) FROM contracts WHERE date_diff('day', hire_date, until) > {DEADLINE}
UNION ALL SELECT 'social_insurance_missing', count(*) FROM in_roster
  WHERE social_insurance_enrolled = false AND NOT coalesce(is_student_worker, false)
UNION ALL SELECT 'data_inconsistent', (
    SELECT count(*) FROM pay WHERE abs(net_pay - (base_pay + overtime_pay + allowances - deductions)) > 0.005)
  + (SELECT count(DISTINCT worker_id) FROM daily WHERE r_worker_id IS NULL)
  + (SELECT count(DISTINCT worker_id) FROM in_payroll WHERE worker_id NOT IN (SELECT worker_id FROM in_roster))
  + (SELECT count(DISTINCT worker_id) FROM daily WHERE r_worker_id IS NOT NULL AND hours > 0
       AND (date < hire_date OR (termination_date IS NOT NULL AND date > termination_date)))
  + (SELECT count(*) FROM daily WHERE hours > 24)
  + (SELECT count(*) FROM daily WHERE start_min IS NOT NULL AND end_min IS NOT NULL AND hours >
       (CASE WHEN end_min > start_min THEN end_min - start_min ELSE end_min - start_min + 1440 END) / 60.0 + 0.01)
"""
)

SQL_ROWS = (
    CTES
    + f"""
SELECT 'child_labour' AS code, worker_id, min(date) AS ps, max(date) AS pe, min(age)::DOUBLE AS measured,
       16.0 AS lim FROM daily WHERE hours > 0 AND age < 16 GROUP BY worker_id
UNION ALL SELECT 'young_worker_hazard_or_night', worker_id, min(date), max(date), min(age), 18.0 FROM daily
  WHERE hours > 0 AND age < 18 AND start_min IS NOT NULL AND end_min IS NOT NULL
    AND (start_min < 360 OR end_min > 1320 OR end_min <= start_min) GROUP BY worker_id
UNION ALL SELECT 'young_worker_hazard_or_night', worker_id, min(date), max(date), min(age), 18.0 FROM daily
  WHERE hours > 0 AND age < 18 AND hazardous GROUP BY worker_id
UNION ALL SELECT 'daily_overtime_exceeded', worker_id, date, date, hours - {NORMAL}, {DAY_MAX} FROM daily
  WHERE kind = 'workday' AND hours - {NORMAL} > {DAY_MAX}
UNION ALL SELECT 'monthly_overtime_cap_exceeded', worker_id, month_start, month_end, sum(ot), {MONTH_MAX} FROM daily
  GROUP BY worker_id, month_start, month_end HAVING sum(ot) > {MONTH_MAX}
UNION ALL SELECT 'weekly_hours_over_60', worker_id, week_start, week_end, hours, {WEEK_MAX} FROM weekly
  WHERE hours > {WEEK_MAX}
UNION ALL SELECT 'no_rest_day_in_7', worker_id, ps, pe, length, {MAX_RUN} FROM runs WHERE length > {MAX_RUN}
UNION ALL SELECT 'below_minimum_wage', worker_id, period_start, period_end, base_pay, round(min_due, 2) FROM pay
  WHERE min_due > 0 AND base_pay < round(min_due, 2) - 0.005
UNION ALL SELECT 'overtime_premium_underpaid', worker_id, period_start, period_end, overtime_pay,
       round(rate * (w * {PW} + r * {PR} + h * {PH}), 2) FROM rated
  WHERE rate * (w * {PW} + r * {PR} + h * {PH}) > 0
    AND overtime_pay < round(rate * (w * {PW} + r * {PR} + h * {PH}), 2) - 0.005
UNION ALL SELECT 'no_written_contract', worker_id, hire_date, until, date_diff('day', hire_date, until), {DEADLINE}
  FROM contracts WHERE date_diff('day', hire_date, until) > {DEADLINE}
UNION ALL SELECT 'social_insurance_missing', worker_id, hire_date, coalesce(termination_date, DATE '{{end}}'), 0, 1
  FROM in_roster WHERE social_insurance_enrolled = false AND NOT coalesce(is_student_worker, false)
UNION ALL SELECT 'data_inconsistent', worker_id, period_start, period_end, net_pay,
       base_pay + overtime_pay + allowances - deductions FROM pay
  WHERE abs(net_pay - (base_pay + overtime_pay + allowances - deductions)) > 0.005
UNION ALL SELECT 'data_inconsistent', worker_id, min(date), max(date), sum(hours), NULL FROM daily
  WHERE r_worker_id IS NULL GROUP BY worker_id
UNION ALL SELECT 'data_inconsistent', worker_id, min(period_start), max(period_end), sum(net_pay), NULL FROM in_payroll
  WHERE worker_id NOT IN (SELECT worker_id FROM in_roster) GROUP BY worker_id
UNION ALL SELECT 'data_inconsistent', worker_id, min(date), max(date), sum(hours), NULL FROM daily
  WHERE r_worker_id IS NOT NULL AND hours > 0
    AND (date < hire_date OR (termination_date IS NOT NULL AND date > termination_date)) GROUP BY worker_id
UNION ALL SELECT 'data_inconsistent', worker_id, date, date, hours, 24 FROM daily WHERE hours > 24
UNION ALL SELECT 'data_inconsistent', worker_id, date, date, hours,
       (CASE WHEN end_min > start_min THEN end_min - start_min ELSE end_min - start_min + 1440 END) / 60.0 FROM daily
  WHERE start_min IS NOT NULL AND end_min IS NOT NULL AND hours >
       (CASE WHEN end_min > start_min THEN end_min - start_min ELSE end_min - start_min + 1440 END) / 60.0 + 0.01
"""
)


def sql_counts(con: Any, end: datetime.date) -> Counter[str]:
    return Counter({code: n for code, n in con.execute(SQL.replace("{end}", end.isoformat())).fetchall()})


def sql_rows(con: Any, end: datetime.date) -> Counter[str]:
    """The same checks returning one row per finding (code, worker, period, measured, limit), fetched as Arrow."""
    table = con.sql(SQL_ROWS.replace("{end}", end.isoformat())).to_arrow_table()
    return Counter(table.column("code").to_pylist())


# ----------------------------------------------------------------------------- straightforward pandas


def pandas_counts(
    roster: pd.DataFrame, time_: pd.DataFrame, payroll: pd.DataFrame, cal: pd.DataFrame, end: datetime.date
) -> Counter[str]:
    counts: Counter[str] = Counter()
    r = roster.copy()
    r["birth_md"] = r["birth_date"].dt.month * 100 + r["birth_date"].dt.day
    r["birth_year"] = r["birth_date"].dt.year
    cal = cal.copy()
    cal["date"] = pd.to_datetime(cal["date"])
    d = time_.merge(cal, on="date").merge(
        r.rename(columns={"worker_id": "r_worker_id"}),
        how="left",
        left_on="worker_id",
        right_on="r_worker_id",
    )
    d["start_min"] = d["start_min"].astype("float64")
    d["end_min"] = d["end_min"].astype("float64")
    workday = d["kind"] == "workday"
    d["age"] = d["year"] - d["birth_year"] - (d["month_day"] < d["birth_md"]).astype(int)
    d["ot"] = np.where(workday, (d["hours"] - NORMAL).clip(lower=0), d["hours"])
    d["normal_h"] = np.where(workday, d["hours"].clip(upper=NORMAL), 0.0)
    d["ot_w"] = np.where(workday, (d["hours"] - NORMAL).clip(lower=0), 0.0)
    d["ot_r"] = np.where(d["kind"] == "rest_day", d["hours"], 0.0)
    d["ot_h"] = np.where(d["kind"] == "public_holiday", d["hours"], 0.0)
    counts["child_labour"] = d.loc[(d["hours"] > 0) & (d["age"] < 16), "worker_id"].nunique()
    night = (
        d["start_min"].notna()
        & d["end_min"].notna()
        & ((d["start_min"] < 360) | (d["end_min"] > 1320) | (d["end_min"] <= d["start_min"]))
    )
    young = (d["hours"] > 0) & (d["age"] < 18)
    hazardous = d["hazardous_work"].fillna(False).astype(bool)
    counts["young_worker_hazard_or_night"] = (
        d.loc[young & night, "worker_id"].nunique() + d.loc[young & hazardous, "worker_id"].nunique()
    )
    counts["daily_overtime_exceeded"] = int((workday & (d["hours"] - NORMAL > DAY_MAX)).sum())
    monthly = d.groupby(["worker_id", "month_start"])["ot"].sum()
    counts["monthly_overtime_cap_exceeded"] = int((monthly > MONTH_MAX).sum())
    weekly = d.groupby(["worker_id", "week_start"])["hours"].sum()
    counts["weekly_hours_over_60"] = int((weekly > WEEK_MAX).sum())
    worked = d.loc[d["hours"] > 0, ["worker_id", "day"]].sort_values(["worker_id", "day"])
    worked["grp"] = worked["day"] - worked.groupby("worker_id").cumcount()
    runs = worked.groupby(["worker_id", "grp"]).size()
    counts["no_rest_day_in_7"] = int((runs > MAX_RUN).sum())
    # pay periods: each worker-day joined to its worker's pay periods, kept when inside the period
    p = payroll.copy()
    j = p[["_row", "worker_id", "period_start", "period_end"]].merge(
        d[["worker_id", "date", "normal_h", "min_wage_share", "ot_w", "ot_r", "ot_h"]], on="worker_id"
    )
    j = j[(j["date"] >= j["period_start"]) & (j["date"] <= j["period_end"])]
    j["due"] = j["min_wage_share"] * j["normal_h"] / NORMAL
    s = j.groupby("_row")[["normal_h", "due", "ot_w", "ot_r", "ot_h"]].sum()
    p = p.merge(s, left_on="_row", right_index=True, how="left").fillna(
        {"normal_h": 0, "due": 0, "ot_w": 0, "ot_r": 0, "ot_h": 0}
    )
    floor = cal.set_index("date")["min_wage_hourly_floor"]
    p["floor"] = p["period_end"].map(floor).fillna(0)
    counts["below_minimum_wage"] = int(((p["due"] > 0) & (p["base_pay"] < p["due"].round(2) - 0.005)).sum())
    rate = np.maximum((p["base_pay"] / p["normal_h"].replace(0, np.nan)).fillna(0), p["floor"])
    required = rate * (p["ot_w"] * PW + p["ot_r"] * PR + p["ot_h"] * PH)
    counts["overtime_premium_underpaid"] = int(
        ((required > 0) & (p["overtime_pay"] < required.round(2) - 0.005)).sum()
    )
    end_ts = pd.Timestamp(end)
    hired = r[r["hire_date"] <= end_ts]
    until = hired["contract_signed_date"].fillna(hired["termination_date"].fillna(end_ts).clip(upper=end_ts))
    counts["no_written_contract"] = int(((until - hired["hire_date"]).dt.days > DEADLINE).sum())
    counts["social_insurance_missing"] = int(
        (
            (r["social_insurance_enrolled"] == False)  # noqa: E712
            & ~r["is_student_worker"].fillna(False).astype(bool)
        ).sum()
    )
    expected = p["base_pay"] + p["overtime_pay"] + p["allowances"].fillna(0) - p["deductions"].fillna(0)
    inconsistent = int(((p["net_pay"] - expected).abs() > 0.005).sum())
    inconsistent += d.loc[d["r_worker_id"].isna(), "worker_id"].nunique()
    inconsistent += p.loc[~p["worker_id"].isin(r["worker_id"]), "worker_id"].nunique()
    outside = (
        d["r_worker_id"].notna()
        & (d["hours"] > 0)
        & (
            (d["date"] < d["hire_date"])
            | (d["termination_date"].notna() & (d["date"] > d["termination_date"]))
        )
    )
    inconsistent += d.loc[outside, "worker_id"].nunique() + int((d["hours"] > 24).sum())
    span = np.where(
        d["end_min"] > d["start_min"], d["end_min"] - d["start_min"], d["end_min"] - d["start_min"] + 1440
    )
    timed_rows = d["start_min"].notna() & d["end_min"].notna()
    inconsistent += int((timed_rows & (d["hours"] > span / 60.0 + 0.01)).sum())
    counts["data_inconsistent"] = inconsistent
    return counts


def engine_counts(findings: Any) -> Counter[str]:
    """Findings per check, from the engine's Arrow table."""
    codes = findings.column("code").value_counts().to_pylist()
    return Counter({item["values"]: item["counts"] for item in codes})


def compare(name: str, expected: Counter[str], got: Counter[str]) -> bool:
    codes = sorted(set(expected) | set(got))
    diffs = [(c, expected.get(c, 0), got.get(c, 0)) for c in codes if expected.get(c, 0) != got.get(c, 0)]
    if diffs:
        print(f"  MISMATCH engine vs {name}: {diffs}")
    return not diffs


def in_memory_round(workers: int) -> dict[str, float]:
    print(
        f"\n[1] {workers} workers x 365 days, tables in memory (DuckDB, {os.cpu_count()} threads); {load_average()}"
    )
    files = dataset(workers)
    loaded = inputs_load(**files)
    con = loaded.con
    rows = loaded.rows["time"]
    print(f"  worker-days: {rows:,}")
    import ibis

    backend = ibis.duckdb.from_connection(con)

    def engine() -> Any:
        return engine_run(
            backend=backend,
            limits=LIMITS,
            start=loaded.start,
            end=loaded.end,
            has_times=loaded.has_times,
            has_social_insurance=loaded.has_social_insurance,
            has_hazard=loaded.has_hazard,
        )

    engine_module._COMPILED.clear()
    first_s, first_cpu, _first = timed("Ibis engine, first run (query compiled)", engine)
    engine_s, engine_cpu, result = timed(
        "Ibis engine, warm (findings out as Arrow, enriched)", engine, repeat=3
    )
    table_put(backend, "in_calendar", calendar_frame(start=loaded.start, end=loaded.end, limits=LIMITS))
    sql_s, sql_cpu, sql_result = timed(
        "hand-written DuckDB SQL (same checks, findings out)", lambda: sql_rows(con, loaded.end), repeat=3
    )
    count_s, count_cpu, count_result = timed(
        "hand-written DuckDB SQL (same checks, counts only)", lambda: sql_counts(con, loaded.end), repeat=3
    )
    roster = con.execute("SELECT * FROM in_roster").fetch_df()
    time_df = con.execute("SELECT * FROM in_time").fetch_df()
    payroll = con.execute("SELECT * FROM in_payroll").fetch_df()
    for frame in (roster, time_df, payroll):
        for column in frame.columns:
            if str(frame[column].dtype).startswith("datetime64"):
                frame[column] = pd.to_datetime(frame[column])
    cal = calendar_frame(start=loaded.start, end=loaded.end, limits=LIMITS)
    for column in ("week_start", "week_end", "month_start", "month_end"):
        cal[column] = pd.to_datetime(cal[column])
    pandas_s, pandas_cpu, pandas_result = timed(
        "straightforward pandas (same checks, counts only)",
        lambda: pandas_counts(roster, time_df, payroll, cal, loaded.end),
    )
    counts = engine_counts(result.findings)
    agree = compare("SQL", sql_result, counts) & compare("pandas", pandas_result, counts)
    agree &= compare("SQL counts", count_result, counts)
    print(
        f"  findings: {sum(counts.values()):,} ({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))})"
    )
    print(f"  all three agree on every check: {'yes' if agree else 'NO'}")
    if not agree:
        raise SystemExit("the engine and the baselines disagree")
    print(f"  engine phases (warm): {', '.join(f'{k} {v:.2f} s' for k, v in result.timings.items())}")
    print(
        f"  RATIO engine warm / hand-written SQL  = {engine_s / sql_s:.2f}x wall, {engine_cpu / sql_cpu:.2f}x CPU "
        f"(goal <= 1.5x)"
    )
    print(
        f"  RATIO engine first / hand-written SQL = {first_s / sql_s:.2f}x wall, {first_cpu / sql_cpu:.2f}x CPU"
    )
    print(
        f"  RATIO engine warm / SQL counts only   = {engine_s / count_s:.2f}x wall, {engine_cpu / count_cpu:.2f}x CPU"
    )
    print(
        f"  RATIO pandas / engine warm            = {pandas_s / engine_s:.1f}x wall, {pandas_cpu / engine_cpu:.1f}x CPU "
        f"(goal >= 10x)"
    )
    print(
        f"  RATIO pandas / hand-written SQL       = {pandas_s / sql_s:.1f}x wall, {pandas_cpu / sql_cpu:.1f}x CPU"
    )
    print(f"  {load_average()}")
    return {"engine": engine_s, "sql": sql_s, "pandas": pandas_s}


def one_check(directory: Path) -> None:
    """Child process of `files_round`: one check from CSV files, figures as JSON on the last line."""
    files = {kind: directory / f"{kind}.csv" for kind in ("roster", "time", "payroll")}
    started, cpu = time.perf_counter(), time.process_time()
    report = payroll_check(**files, limits=LIMITS)
    seconds, cpu_s = time.perf_counter() - started, time.process_time() - cpu
    step = time.perf_counter()
    as_dicts = len(report.findings)
    dict_s = time.perf_counter() - step
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu": cpu_s,
                "rows": report.summary["rows"]["time"],
                "findings": report.findings_table.num_rows,
                "dicts": as_dicts,
                "dict_seconds": dict_s,
                "timings": report.timings,
                "peak_mb": _own_peak_mb(),
            }
        )
    )


def _own_peak_mb() -> float:
    """Peak resident memory of this process since it started (VmHWM: Linux keeps ru_maxrss across exec, so a
    child would report its parent's peak)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def files_round(workers: int, label: str) -> dict[str, Any]:
    print(
        f"\n[2] {label}: {workers} workers x 365 days, CSV files in -> findings out (DuckDB, fresh process); "
        f"{load_average()}"
    )
    files = dataset(workers)
    size = sum(p.stat().st_size for p in files.values()) / 1e6
    child = subprocess.run(
        [sys.executable, __file__, "--one-check", str(files["time"].parent)],
        check=True,
        capture_output=True,
        text=True,
    )
    figures = json.loads(child.stdout.strip().splitlines()[-1])
    timings = figures["timings"]
    print(
        f"  check-payroll from {size:,.0f} MB of CSV: {figures['seconds']:.2f} s wall, {figures['cpu']:.2f} s CPU, "
        f"peak RSS {figures['peak_mb']:,.0f} MB (whole process)"
    )
    print(
        f"  worker-days: {figures['rows']:,}; findings: {figures['findings']:,}; "
        + ", ".join(f"{k} {v:.2f} s" for k, v in timings.items())
    )
    print(
        f"  findings as Python dictionaries (JSON output, platform storage): +{figures['dict_seconds']:.2f} s"
    )
    print(
        f"  throughput: {figures['rows'] / figures['seconds'] / 1e6:.2f} M worker-days/s wall, "
        f"{figures['rows'] / figures['cpu'] / 1e6:.2f} M worker-days per CPU-second"
    )
    print(f"  {load_average()}")
    return figures


def spark_round(workers: int) -> None:
    print(f"\n[3] Spark local mode (local[2]), {workers} workers x 365 days, from CSV; {load_average()}")
    if not spark_available():
        print("  skipped: PySpark or Java not installed (make spark)")
        return
    files = dataset(workers)
    duck_s, duck_cpu, duck = timed("DuckDB engine", lambda: payroll_check(**files, limits=LIMITS))
    spark_s, _cpu, spark = timed(
        "Spark engine (first run, session start-up included)",
        lambda: payroll_check(**files, limits=LIMITS, engine="spark"),
    )
    spark2_s, _cpu2, _ = timed(
        "Spark engine (second run, warm session)",
        lambda: payroll_check(**files, limits=LIMITS, engine="spark"),
    )
    same = engine_counts(duck.findings_table) == engine_counts(spark.findings_table)
    print(f"  same findings per check as DuckDB: {'yes' if same else 'NO'}")
    print(
        f"  RATIO Spark (warm) / DuckDB = {spark2_s / duck_s:.1f}x wall (Spark's JVM CPU is not in this process)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=5000)
    parser.add_argument("--big-workers", type=int, default=27400)
    parser.add_argument("--spark-workers", type=int, default=200)
    parser.add_argument("--skip-big", action="store_true")
    parser.add_argument("--skip-spark", action="store_true")
    parser.add_argument("--skip-memory", action="store_true", help="skip the in-memory comparison [1]")
    parser.add_argument("--one-check", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_check:
        one_check(args.one_check)
        return
    print(f"compliance benchmark on {os.cpu_count()} cores; data in {DATA}; {load_average()}")
    if not args.skip_memory:
        in_memory_round(args.workers)
    files_round(args.workers, "~1.8 M worker-days")
    if not args.skip_big:
        big = files_round(args.big_workers, "~10 M worker-days")
        seconds, peak = big["seconds"], big["peak_mb"]
        print(
            f"  goal < 10 s wall: {'met' if seconds < 10 else 'NOT met'} ({seconds:.1f} s wall, {big['cpu']:.1f} s CPU "
            f"on 2 cores); goal <= 4 GB: {'met' if peak <= 4096 else 'NOT met'} ({peak:,.0f} MB)"
        )
    if not args.skip_spark:
        spark_round(args.spark_workers)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory of this process (pandas baseline included): {peak:,.0f} MB")


if __name__ == "__main__":
    main()
