"""The same Ibis engine on DuckDB and on Spark (local mode) gives identical findings on generated records."""

from __future__ import annotations

import datetime

import pytest

from rsca.compliance.check import payroll_check, spark_available
from rsca.compliance.generate import frames_write, records_generate
from tests.compliance.builders import shenzhen_limits

pytestmark = [pytest.mark.spark, pytest.mark.skipif(not spark_available(), reason="PySpark or Java missing")]


def _key(finding: dict) -> tuple:
    return (
        finding["code"],
        finding["detail"],
        finding["worker_id"],
        finding["period_start"],
        finding["period_end"],
    )


def test_duckdb_and_spark_agree_on_a_generated_year(tmp_path):
    frames = records_generate(workers=150, days=365, start=datetime.date(2025, 1, 1), seed=11)
    files = frames_write(frames, tmp_path)
    duck = payroll_check(**files, limits=shenzhen_limits(), engine="duckdb")
    spark = payroll_check(**files, limits=shenzhen_limits(), engine="spark")
    codes = {f["code"] for f in duck.findings}
    # the generated year shows every kind of pattern, so the comparison covers every check
    assert {
        "monthly_overtime_cap_exceeded",
        "daily_overtime_exceeded",
        "weekly_hours_over_60",
        "no_rest_day_in_7",
        "overtime_premium_underpaid",
        "data_inconsistent",
    } <= codes
    assert len(duck.findings) == len(spark.findings) > 100
    by_key = {_key(f): f for f in spark.findings}
    assert set(by_key) == {_key(f) for f in duck.findings}
    for finding in duck.findings:
        other = by_key[_key(finding)]
        for field in ("measured", "limit", "hours_workday", "hours_rest_day", "hours_holiday", "hourly_rate"):
            if finding[field] is None:
                assert other[field] is None, (field, finding)
            else:
                assert other[field] == pytest.approx(finding[field], abs=0.011), (field, finding)
        assert (finding["days"], finding["provisions"], finding["standard"]) == (
            other["days"],
            other["provisions"],
            other["standard"],
        )
    assert duck.summary["max_weekly_hours"] == spark.summary["max_weekly_hours"]
    assert duck.summary["longest_run_without_rest"] == spark.summary["longest_run_without_rest"]
    assert duck.summary["by_code"] == spark.summary["by_code"]
