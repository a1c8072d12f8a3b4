"""Realistic synthetic roster, time and payroll records for a Chinese electronics factory.

Used by the demo seed, the DuckDB-vs-Spark agreement test and the benchmark (`bench/compliance_data.py`).
The patterns are the ones audits find: a peak season (September to November) with long days, Saturday
and some Sunday work and runs of seven or more days; a quiet season with little overtime; a few
workers paid below the minimum wage; some employers paying overtime at the normal rate; late or
missing contracts; missing social insurance; a handful of 16- and 17-year-olds on night shifts or on
hazardous jobs (`hazardous_work`) and a rare under-age worker. Everything is reproducible from `seed`.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from rsca.compliance.limits import MONTHLY_WAGE_DAYS
from rsca.compliance.workcalendar import PUBLIC_HOLIDAY, REST_DAY, WORKDAY, day_kind

DEPARTMENTS = ("SMT", "Assembly", "Testing", "Packaging", "Warehouse")
TITLES = {
    "SMT": "SMT operator",
    "Assembly": "assembler",
    "Testing": "test technician",
    "Packaging": "packer",
    "Warehouse": "warehouse clerk",
}
PEAK_MONTHS = (9, 10, 11)


@dataclass(frozen=True)
class GeneratedFrames:
    roster: pd.DataFrame
    time: pd.DataFrame
    payroll: pd.DataFrame


def _minimum_monthly(day: datetime.date) -> float:
    """Shenzhen's first-tier monthly minimum wage (CNY 2,360 until 2025-02-28, 2,520 from 2025-03-01)."""
    return 2520.0 if day >= datetime.date(2025, 3, 1) else 2360.0


def records_generate(
    *,
    workers: int = 5000,
    start: datetime.date = datetime.date(2025, 1, 1),
    days: int = 365,
    seed: int = 7,
    country: str = "CN",
) -> GeneratedFrames:
    rng = np.random.default_rng(seed)
    dates = [start + datetime.timedelta(days=i) for i in range(days)]
    end = dates[-1]
    kinds = np.array([day_kind(d, country) for d in dates])
    months = np.array([d.year * 100 + d.month for d in dates])  # month keys, e.g. 202503
    weekdays = np.array([d.weekday() for d in dates])
    peak = np.isin(months % 100, PEAK_MONTHS)

    ids = np.array([f"HY{100000 + i}" for i in range(workers)])
    dept = rng.choice(len(DEPARTMENTS), size=workers, p=[0.3, 0.3, 0.15, 0.15, 0.1])
    age_years = rng.integers(18, 48, size=workers).astype(float)
    young = rng.random(workers) < 0.01  # 16- and 17-year-olds
    age_years[young] = rng.uniform(16.05, 17.9, size=young.sum())
    child = rng.random(workers) < 0.001  # turns 16 during the year, worked before
    age_years[child] = rng.uniform(15.3, 15.9, size=child.sum())
    birth = [start - datetime.timedelta(days=int(a * 365.25)) for a in age_years]
    hire_offset = rng.integers(-1500, -20, size=workers)
    joiners = rng.random(workers) < 0.12
    hire_offset[joiners] = rng.integers(0, days - 30, size=joiners.sum())
    hire = [start + datetime.timedelta(days=int(o)) for o in hire_offset]
    for index in np.where(child)[0]:  # an under-age worker was hired recently
        hire[index] = max(hire[index], start)
    leavers = rng.random(workers) < 0.08
    leave_day = rng.integers(40, days, size=workers)
    termination: list[datetime.date | None] = [None] * workers
    for index in np.where(leavers)[0]:
        candidate = start + datetime.timedelta(days=int(leave_day[index]))
        if candidate > hire[index] + datetime.timedelta(days=20):
            termination[index] = candidate
    signed: list[datetime.date | None] = [h + datetime.timedelta(days=int(rng.integers(0, 10))) for h in hire]
    late = rng.random(workers) < 0.02
    for index in np.where(late)[0]:
        signed[index] = (
            hire[index] + datetime.timedelta(days=int(rng.integers(35, 120))) if rng.random() < 0.6 else None
        )
    student = rng.random(workers) < 0.02
    enrolled = ~student & (rng.random(workers) > 0.04)
    # Jobs on the list juvenile workers may not do (plating, wave soldering …); a few 16- and 17-year-olds
    # among them. A generator of its own, so the other records stay as they were for a given seed.
    flags = np.random.default_rng(seed + 1)
    hazardous = (flags.random(workers) < 0.04) | (young & (flags.random(workers) < 0.2))
    roster = pd.DataFrame(
        {
            "worker_id": ids,
            "birth_date": birth,
            "sex": rng.choice(["F", "M"], size=workers, p=[0.62, 0.38]),
            "hire_date": hire,
            "contract_signed_date": signed,
            "termination_date": termination,
            "job_title": [TITLES[DEPARTMENTS[d]] for d in dept],
            "social_insurance_enrolled": np.where(student, False, enrolled),
            "is_student_worker": student,
            "department": [DEPARTMENTS[d] for d in dept],
            "hazardous_work": hazardous,
        }
    )

    # Time: one row per worker per day worked.
    w_index = np.repeat(np.arange(workers), days)
    d_index = np.tile(np.arange(days), workers)
    kind = kinds[d_index]
    is_peak = peak[d_index]
    intensity = rng.random(workers)[w_index]  # some lines run harder than others
    u = rng.random(w_index.size)
    work = np.zeros(w_index.size, dtype=bool)
    work |= (kind == WORKDAY) & (u > 0.03)
    saturday = (kind == REST_DAY) & (weekdays[d_index] == 5)
    sunday = (kind == REST_DAY) & (weekdays[d_index] != 5)
    work |= saturday & (u < np.where(is_peak, 0.85, 0.25 + 0.3 * intensity))
    work |= sunday & is_peak & (u < 0.1 + 0.3 * intensity)
    work |= (kind == PUBLIC_HOLIDAY) & is_peak & (u < 0.3)
    overtime = np.where(
        is_peak,
        rng.choice([1.0, 1.5, 2.0, 2.5, 3.0, 3.5], size=w_index.size, p=[0.15, 0.25, 0.25, 0.2, 0.1, 0.05]),
        rng.choice([0.0, 0.5, 1.0, 1.5, 2.0], size=w_index.size, p=[0.35, 0.2, 0.25, 0.15, 0.05]),
    )
    hours = np.where(kind == WORKDAY, 8.0 + overtime, np.where(is_peak, 10.0, 8.0))
    hire_day = np.array([(h - start).days for h in hire])[w_index]
    term_day = np.array([(t - start).days if t else days + 1 for t in termination])[w_index]
    employed = (d_index >= hire_day) & (d_index <= term_day)
    work &= employed
    hours = np.where(work, hours, 0.0)  # attendance systems record every day employed, 0 h on days off
    night_worker = (rng.random(workers) < 0.18) | (young & (rng.random(workers) < 0.5))
    start_minutes = np.where(night_worker[w_index], 20 * 60, 8 * 60)
    end_minutes = (start_minutes + (hours * 60).astype(int) + 60) % 1440  # one-hour meal break
    keep = np.where(employed)[0]
    date_values = np.array(dates, dtype="datetime64[D]")
    clock = np.array([f"{m // 60:02d}:{m % 60:02d}" for m in range(1440)], dtype=object)
    worked_kept = hours[keep] > 0
    time = pd.DataFrame(
        {
            "worker_id": ids[w_index[keep]],
            "date": date_values[d_index[keep]],
            "hours": hours[keep],
            "start_time": np.where(worked_kept, clock[start_minutes[keep]], np.array(None, dtype=object)),
            "end_time": np.where(worked_kept, clock[end_minutes[keep]], np.array(None, dtype=object)),
        }
    )
    strays = pd.DataFrame(
        {"worker_id": ["TEMP-AGENCY-01"] * 5, "date": date_values[[10, 11, 12, 13, 14]], "hours": [9.0] * 5}
    )
    time = pd.concat([time, strays], ignore_index=True)

    # Payroll: one monthly period per worker employed that month, paid from the same records.
    frame = pd.DataFrame({"w": w_index[keep], "d": d_index[keep], "hours": hours[keep], "kind": kind[keep]})
    frame["month"] = months[frame["d"]]
    workday = frame["kind"] == WORKDAY
    frame["normal"] = np.where(workday, np.minimum(frame["hours"], 8.0), 0.0)
    frame["ot_w"] = np.where(workday, np.maximum(frame["hours"] - 8.0, 0.0), 0.0)
    frame["ot_r"] = np.where(frame["kind"] == REST_DAY, frame["hours"], 0.0)
    frame["ot_h"] = np.where(frame["kind"] == PUBLIC_HOLIDAY, frame["hours"], 0.0)
    monthly = frame.groupby(["w", "month"], as_index=False)[["normal", "ot_w", "ot_r", "ot_h"]].sum()
    scheduled = {
        m: sum(1 for d, k in zip(dates, kinds, strict=True) if d.year * 100 + d.month == m and k == WORKDAY)
        for m in set(months.tolist())
    }
    contract = rng.choice(
        [2700, 2900, 3100, 3400, 3800, 4300], size=workers, p=[0.25, 0.25, 0.2, 0.15, 0.1, 0.05]
    )
    underpaid = rng.random(workers) < 0.02
    contract = np.where(underpaid, 2300, contract).astype(float)
    flat_overtime = rng.random(workers) < 0.06  # pays every overtime hour at the normal rate
    rows = []
    for w, month, normal, ot_w, ot_r, ot_h in monthly.itertuples(index=False):
        first = max(datetime.date(month // 100, month % 100, 1), start)
        following = (first + datetime.timedelta(days=32)).replace(day=1)
        last = min(following - datetime.timedelta(days=1), end)
        share = normal / (8.0 * scheduled[month])
        base = (
            math.floor(contract[w] * share * 100) / 100
            if underpaid[w]
            else math.ceil(contract[w] * share * 100) / 100
        )
        rate = max(base / normal if normal else 0.0, _minimum_monthly(last) / float(MONTHLY_WAGE_DAYS) / 8.0)
        factor = 1.0 if flat_overtime[w] else None
        if factor is None:
            due = rate * (ot_w * 1.5 + ot_r * 2.0 + ot_h * 3.0)
            overtime_pay = math.ceil(round(due, 6) * 100) / 100
        else:
            overtime_pay = round(rate * (ot_w + ot_r + ot_h), 2)
        allowances = 150.0 if month % 100 in PEAK_MONTHS else 100.0
        deductions = round(base * 0.105, 2)  # the worker's own social-insurance contributions
        net = round(base + overtime_pay + allowances - deductions, 2)
        if rng.random() < 0.004:
            net = round(net - 100, 2)
        rows.append((ids[w], first, last, base, overtime_pay, allowances, deductions, net, "CNY"))
    payroll = pd.DataFrame(
        rows,
        columns=[
            "worker_id",
            "period_start",
            "period_end",
            "base_pay",
            "overtime_pay",
            "allowances",
            "deductions",
            "net_pay",
            "currency",
        ],
    )
    return GeneratedFrames(roster=roster, time=time, payroll=payroll)


def frames_write(frames: GeneratedFrames, directory: Path) -> dict[str, Path]:
    """Write the three frames as UTF-8 CSV files (dates ISO, booleans true/false)."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name in ("roster", "time", "payroll"):
        frame = getattr(frames, name)
        path = directory / f"{name}.csv"
        table = pa.Table.from_pandas(frame, preserve_index=False)
        for index, column in enumerate(table.schema):
            if pa.types.is_timestamp(column.type):
                table = table.set_column(index, column.name, table.column(index).cast(pa.date32()))
        pacsv.write_csv(table, path, pacsv.WriteOptions(quoting_style="needed"))
        paths[name] = path
    return paths
