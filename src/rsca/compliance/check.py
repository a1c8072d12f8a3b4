"""One compliance run from files to findings and facility metrics, on DuckDB (default) or Spark.

`payroll_check` is what the CLI, the background task and the benchmark call. It reads and validates
the three files (nothing is checked unless all are valid), resolves the rule set for the period the
records cover, runs the engine and computes the facility metrics.
"""

from __future__ import annotations

import os
import time as timer
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import ibis
import pandas as pd
import pyarrow as pa
from django.utils.translation import gettext as _

from rsca.compliance.engine import CHECK_CODES, EngineResult, engine_run, table_put
from rsca.compliance.inputs import LoadedInputs, Source, currency_errors, input_error, inputs_load
from rsca.compliance.limits import Limits, limits_resolve
from rsca.core.errors import InvalidInput

ENGINES = ("duckdb", "spark")


@dataclass
class CheckReport:
    findings_table: pa.Table  # the findings, columnar (see `engine.findings_enrich` for the columns)
    summary: dict[str, Any]
    limits: Limits
    weekly: pd.DataFrame
    workers: pd.DataFrame
    timings: dict[str, float] = field(default_factory=dict)

    @cached_property
    def findings(self) -> list[dict[str, Any]]:
        """The findings as dictionaries, made on first use (a large check need not pay for it)."""
        return self.findings_table.to_pylist()

    def as_json(self) -> dict[str, Any]:
        return {"findings": self.findings, "summary": self.summary}


_spark_session: Any = None


def spark_session() -> Any:
    """A local-mode Spark session (two cores, small shuffles), created once per process."""
    global _spark_session
    if _spark_session is None:
        try:
            from pyspark.sql import SparkSession
        except ImportError as error:  # the `spark` extra is not installed
            raise InvalidInput(
                _("The Spark engine needs PySpark: install the project with its [spark] extra."),
                code="spark_missing",
            ) from error
        os.environ.setdefault("PYSPARK_PYTHON", os.environ.get("PYSPARK_PYTHON", "python3"))
        _spark_session = (
            SparkSession.builder.master("local[2]")
            .appName("rsca-compliance")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.driver.memory", "2g")
            .config("spark.sql.execution.arrow.pyspark.enabled", "true")
            # One Spark session per process serves every engine, so it carries Splink's similarity
            # functions (JARO_WINKLER …) that facility matching on Spark needs.
            .config("spark.jars", _splink_similarity_jar())
            .getOrCreate()
        )
        _spark_session.sparkContext.setLogLevel("ERROR")
    return _spark_session


def _splink_similarity_jar() -> str:
    from splink.backends.spark import similarity_jar_location

    return str(similarity_jar_location())


def spark_available() -> bool:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return False
    from shutil import which

    return which("java") is not None or bool(os.environ.get("JAVA_HOME"))


def backend_for(engine: str, loaded: LoadedInputs) -> Any:
    if engine == "duckdb":
        return ibis.duckdb.from_connection(loaded.con)
    if engine == "spark":
        backend = ibis.pyspark.connect(spark_session())
        for kind in ("roster", "time", "payroll"):
            frame = loaded.con.execute(f"SELECT * FROM in_{kind}").fetch_df()  # noqa: S608 - fixed table names
            for column in frame.columns:
                if str(frame[column].dtype).startswith("datetime64"):
                    frame[column] = frame[column].dt.date
            table_put(backend, f"in_{kind}", frame)
        return backend
    raise InvalidInput(
        _("Unknown engine “%(engine)s”; use duckdb or spark.") % {"engine": engine}, code="bad_engine"
    )


def payroll_check(
    *,
    roster: str | Path | Source,
    time: str | Path | Source,
    payroll: str | Path | Source,
    jurisdiction: str | None = None,
    buyer_code: str | None = None,
    engine: str = "duckdb",
    limits: Limits | None = None,
    pseudonym: Callable[[str], str] | None = None,
    max_bytes: int | None = None,
    progress: Callable[[int, str], None] | None = None,
    worker_detail: bool = False,
) -> CheckReport:
    """Check the three files against the law of `jurisdiction` (or an explicit `limits`)."""
    if engine not in ENGINES:
        raise InvalidInput(
            _("Unknown engine “%(engine)s”; use duckdb or spark.") % {"engine": engine}, code="bad_engine"
        )
    if limits is None and not jurisdiction:
        raise InvalidInput(_("Name the jurisdiction, e.g. CN-440300."), code="jurisdiction_required")
    timings: dict[str, float] = {}
    started = timer.perf_counter()
    notify = progress or (lambda _done, _message: None)
    notify(5, _("Reading and validating the files"))
    loaded = inputs_load(roster=roster, time=time, payroll=payroll, pseudonym=pseudonym, max_bytes=max_bytes)
    timings["load"] = timer.perf_counter() - started
    if limits is None:
        assert jurisdiction is not None
        limits = limits_resolve(
            jurisdiction=jurisdiction, start=loaded.start, end=loaded.end, buyer_code=buyer_code
        )
    if limits.currency:
        errors = currency_errors(loaded, currency=limits.currency, filename=Source.of(payroll).filename)
        if errors:
            raise input_error(errors)
    notify(30, _("Checking hours, wages and ages"))
    step = timer.perf_counter()
    backend = backend_for(engine, loaded)
    timings["backend"] = timer.perf_counter() - step
    step = timer.perf_counter()
    result = engine_run(
        backend=backend,
        limits=limits,
        start=loaded.start,
        end=loaded.end,
        has_times=loaded.has_times,
        has_social_insurance=loaded.has_social_insurance,
        has_hazard=loaded.has_hazard,
        has_systems=has_other_systems(loaded),
        worker_detail=worker_detail,
    )
    timings["engine"] = timer.perf_counter() - step
    timings.update({f"engine_{name}": value for name, value in result.timings.items() if name != "engine"})
    notify(80, _("Computing facility metrics"))
    step = timer.perf_counter()
    summary = summary_compute(result=result, loaded=loaded, limits=limits, engine=engine)
    timings["summary"] = timer.perf_counter() - step
    timings["total"] = timer.perf_counter() - started
    return CheckReport(
        findings_table=result.findings,
        summary=summary,
        limits=limits,
        weekly=result.weekly,
        workers=result.workers,
        timings=timings,
    )


def has_other_systems(loaded: LoadedInputs) -> bool:
    """Whether some worker of the roster is on another working-hour system than the standard one."""
    columns = {row[0] for row in loaded.con.execute("DESCRIBE in_roster").fetchall()}
    if "working_hour_system" not in columns:
        return False
    return bool(
        loaded.con.execute(
            "SELECT COUNT(*) FROM in_roster WHERE working_hour_system IS NOT NULL "
            "AND working_hour_system <> 'standard'"
        ).fetchall()[0][0]
    )


def _month(value: str | None) -> str:
    return (value or "")[:7]


def underpayment_of(finding: dict[str, Any]) -> float:
    """The shortfall a wage finding shows (0 for others)."""
    if finding["code"] in ("below_minimum_wage", "overtime_premium_underpaid"):
        return round(max((finding["limit"] or 0) - (finding["measured"] or 0), 0.0), 2)
    return 0.0


def summary_compute(
    *, result: EngineResult, loaded: LoadedInputs, limits: Limits, engine: str
) -> dict[str, Any]:
    """Facility metrics: share of workers per violation, hours, rest, underpayment, by month and department.

    Computed in DuckDB over the columnar findings and the roster. The workers are those of the roster and
    those of the time records missing from it (one `time_worker_not_in_roster` finding each); a finding
    counts in the month where its period starts (not before the records do), an underpayment in the month
    where its pay period ends.
    """
    con = loaded.con
    con.register(
        "findings_now",
        result.findings.select(
            ["code", "detail", "worker_id", "period_start", "period_end", "measured", "limit"]
        ),
    )
    try:
        first = loaded.start.isoformat()  # a date: digits and dashes only
        con.execute(f"""
            CREATE OR REPLACE TEMP VIEW findings_summed AS
            SELECT f.code, f.worker_id, COALESCE(r.department, '') AS dept,
                   substr(greatest(COALESCE(f.period_start, ''), '{first}'), 1, 7) AS month,
                   substr(COALESCE(f.period_end, ''), 1, 7) AS pay_month,
                   CASE WHEN f.code IN ('below_minimum_wage', 'overtime_premium_underpaid')
                        THEN round(greatest(COALESCE(f."limit", 0) - COALESCE(f.measured, 0), 0), 2) ELSE 0 END
                     AS short
            FROM findings_now f LEFT JOIN in_roster r ON r.worker_id = f.worker_id""")  # noqa: S608

        def rows(sql: str) -> list[tuple[Any, ...]]:
            return con.execute(sql).fetchall()

        unknown = rows(
            "SELECT COUNT(DISTINCT worker_id) FROM findings_now WHERE detail = 'time_worker_not_in_roster'"
        )[0][0]
        dept_sizes: dict[str, int] = defaultdict(int)
        for dept, count in rows("SELECT COALESCE(department, ''), COUNT(*) FROM in_roster GROUP BY 1"):
            dept_sizes[dept] += count
        if unknown:
            dept_sizes[""] += unknown
        total_workers = sum(dept_sizes.values())
        by_code = {
            code: (count, workers, short)
            for code, count, workers, short in rows(
                "SELECT code, COUNT(*), COUNT(DISTINCT worker_id), SUM(short) FROM findings_summed GROUP BY code"
            )
        }
        with_findings = rows("SELECT COUNT(DISTINCT worker_id) FROM findings_summed")[0][0]
        month_workers: dict[str, dict[str, int]] = defaultdict(dict)
        for month, code, workers in rows(
            "SELECT month, code, COUNT(DISTINCT worker_id) FROM findings_summed GROUP BY ALL"
        ):
            month_workers[month][code] = workers
        month_under = dict(
            rows("SELECT pay_month, SUM(short) FROM findings_summed WHERE short > 0 GROUP BY 1")
        )
        dept_workers: dict[str, dict[str, int]] = defaultdict(dict)
        for dept, code, workers in rows(
            "SELECT dept, code, COUNT(DISTINCT worker_id) FROM findings_summed GROUP BY ALL"
        ):
            dept_workers[dept][code] = workers
        dept_under = dict(rows("SELECT dept, SUM(short) FROM findings_summed WHERE short > 0 GROUP BY 1"))
    finally:
        con.execute("DROP VIEW IF EXISTS findings_summed")
        con.unregister("findings_now")
    under_min = float(by_code.get("below_minimum_wage", (0, 0, 0.0))[2] or 0.0)
    under_premium = float(by_code.get("overtime_premium_underpaid", (0, 0, 0.0))[2] or 0.0)
    metrics = result.metrics
    max_week_by_month = metrics.get("max_week_by_month", {})
    histogram = metrics.get("histogram", [])
    months = sorted(set(month_workers) | set(max_week_by_month) | set(month_under))
    share_of = max(total_workers, 1)
    return {
        "engine": engine,
        "jurisdiction": limits.jurisdiction,
        "buyer_code": limits.buyer_code,
        "currency": limits.currency,
        "period": {"start": loaded.start.isoformat(), "end": loaded.end.isoformat()},
        "rows": loaded.rows,
        "workers": total_workers,
        "findings": result.findings.num_rows,
        "checks_run": result.checks_run,
        "checks_skipped": result.checks_skipped,
        # checks that could not be judged for some worker and period (the law unknown for the date, a
        # comprehensive period the records do not cover): never counted as passed
        "not_judged": {
            "count": len(metrics.get("not_judged", [])),
            "by_check": _count_by(metrics.get("not_judged", []), "check"),
            "items": metrics.get("not_judged", [])[:500],
        },
        "by_code": {
            code: {
                "findings": by_code.get(code, (0, 0, 0))[0],
                "workers": by_code.get(code, (0, 0, 0))[1],
                "share": round(by_code.get(code, (0, 0, 0))[1] / share_of, 4),
            }
            for code in CHECK_CODES
        },
        "workers_with_findings": with_findings,
        "max_weekly_hours": metrics.get("max_weekly_hours", 0.0),
        "longest_run_without_rest": metrics.get("longest_run", 0),
        "underpayment": {
            "minimum_wage": round(under_min, 2),
            "overtime_premium": round(under_premium, 2),
            "total": round(under_min + under_premium, 2),
            "currency": limits.currency,
        },
        "by_month": [
            {
                "month": month,
                "workers": {code: month_workers.get(month, {}).get(code, 0) for code in CHECK_CODES},
                "max_weekly_hours": round(float(max_week_by_month.get(month, 0.0)), 2),
                "underpayment": round(float(month_under.get(month, 0.0)), 2),
            }
            for month in months
            if month
        ],
        "by_department": [
            {
                "department": dept,
                "workers": dept_sizes.get(dept, 0),
                "share": {
                    code: round(dept_workers.get(dept, {}).get(code, 0) / max(dept_sizes.get(dept, 0), 1), 4)
                    for code in CHECK_CODES
                },
                "underpayment": round(float(dept_under.get(dept, 0.0)), 2),
            }
            for dept in sorted(set(dept_sizes) | set(dept_workers))
        ],
        "weekly_hours_histogram": histogram,
        "rule_set": limits.as_dict(),
    }


def _count_by(items: list[dict[str, Any]], key: str) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for item in items:
        counts[str(item[key])] += 1
    return dict(sorted(counts.items()))


def summary_compare(current: dict[str, Any], previous: dict[str, Any] | None) -> dict[str, Any] | None:
    """Change since the previous upload: worker shares per code, maximum weekly hours, underpayment."""
    if not previous:
        return None
    codes = {}
    for code in CHECK_CODES:
        now = current.get("by_code", {}).get(code, {}).get("share", 0.0)
        before = previous.get("by_code", {}).get(code, {}).get("share", 0.0)
        codes[code] = {"share": now, "previous": before, "change": round(now - before, 4)}
    return {
        "previous_period": previous.get("period"),
        "by_code": codes,
        "max_weekly_hours": {
            "now": current.get("max_weekly_hours"),
            "previous": previous.get("max_weekly_hours"),
        },
        "longest_run_without_rest": {
            "now": current.get("longest_run_without_rest"),
            "previous": previous.get("longest_run_without_rest"),
        },
        "underpayment": {
            "now": current.get("underpayment", {}).get("total", 0.0),
            "previous": previous.get("underpayment", {}).get("total", 0.0),
        },
    }
