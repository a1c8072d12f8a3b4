"""Standards resolution benchmark: how fast dated questions are answered, and how many queries they cost.

    .venv/bin/python bench/bench_standards.py [--calls 2000] [--seconds 60]

A temporary SQLite database is migrated and loaded with the reviewed data files (`rsca seed` reference
data); the load time is reported. Then, on a fixed random mix of the jurisdictions in the data (countries,
provinces, cities with own values, cities that inherit) × every parameter × dates between 1995 and 2026:

- `threshold_in_force` (one value, own or inherited): mean and p95 latency, database queries per call;
- `threshold_periods` over one calendar year;
- `applicable_standard` (all parameters, national + ILO + a buyer code);
- the public API `GET /api/v1/standards/thresholds` through Django's test client (requests per second).

Unknown answers (no value in force) are counted separately: they are part of the work, not errors.
Each section stops after `--calls` calls or `--seconds` seconds, whichever comes first.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

JURISDICTIONS = [
    "CN",
    "CN-GD",
    "CN-440300",
    "CN-440100",
    "CN-441900",
    "CN-SH",
    "CN-BJ",
    "CN-JS",
    "CN-320500",
    "CN-ZJ",
    "CN-330100",
    "CN-CQ",
    "CN-SC",
    "CN-HA",
    "VN",
    "VN-SG",
    "TH",
    "TH-10",
    "PH",
    "PH-00",
    "JP",
    "JP-13",
    "MM",
]


def setup() -> float:
    handle, path = tempfile.mkstemp(suffix=".sqlite3", prefix="rsca-bench-standards-")
    os.close(handle)
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rsca.config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, skip_checks=True)
    from rsca.core.seed import seed_reference as core_reference
    from rsca.standards.seed import standards_load

    core_reference(io.StringIO())
    started = time.perf_counter()
    standards_load()
    return time.perf_counter() - started


def measure(name: str, work: list[Any], call: Callable[[Any], Any], seconds: float) -> None:
    from django.db import connection

    from rsca.core.errors import NotFound

    counter = [0]

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        counter[0] += 1
        return execute(sql, params, many, context)

    latencies: list[float] = []
    queries: list[int] = []
    not_found = 0
    deadline = time.perf_counter() + seconds
    for item in work:
        counter[0] = 0
        with connection.execute_wrapper(count):
            started = time.perf_counter()
            try:
                call(item)
            except NotFound:
                not_found += 1
            latencies.append(time.perf_counter() - started)
        queries.append(counter[0])
        if time.perf_counter() > deadline:
            break
    latencies.sort()
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    total = sum(latencies)
    print(
        f"{name:34} {len(latencies):6d} calls  mean {1000 * statistics.mean(latencies):7.2f} ms  "
        f"p95 {1000 * p95:7.2f} ms  {len(latencies) / total:8.0f} /s  "
        f"queries/call {statistics.mean(queries):5.1f}  not found {not_found}",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()

    load_seconds = setup()
    import logging

    logging.getLogger("django.request").setLevel(logging.ERROR)  # 404s are expected answers here
    from django.test import Client

    from rsca.standards import selectors
    from rsca.standards.models import Provision, Threshold
    from rsca.standards.parameters import PARAMETERS

    print(
        f"load reviewed data files: {load_seconds:.2f} s ({Threshold.objects.count()} thresholds, "
        f"{Provision.objects.count()} provisions)",
        flush=True,
    )
    rng = random.Random(20261122)
    start, span = date(1995, 1, 1), (date(2026, 12, 31) - date(1995, 1, 1)).days
    params = list(PARAMETERS)
    work = [
        (rng.choice(JURISDICTIONS), rng.choice(params), start + timedelta(days=rng.randrange(span)))
        for _ in range(args.calls)
    ]

    measure(
        "threshold_in_force",
        work,
        lambda w: selectors.threshold_in_force(jurisdiction=w[0], parameter=w[1], on=w[2]),
        args.seconds,
    )
    measure(
        "threshold_periods (1 year)",
        work,
        lambda w: selectors.threshold_periods(
            jurisdiction=w[0], parameter=w[1], start=w[2], end=w[2] + timedelta(days=364)
        ),
        args.seconds,
    )
    measure(
        "applicable_standard (+ buyer code)",
        work[: max(1, args.calls // 4)],
        lambda w: selectors.applicable_standard(
            jurisdiction=w[0], on=w[2], buyer_code=rng.choice(["rba", "amfori"])
        ),
        args.seconds,
    )
    client = Client()

    def api(w: Any) -> None:
        response = client.get(
            "/api/v1/standards/thresholds", {"jurisdiction": w[0], "parameter": w[1], "on": w[2].isoformat()}
        )
        assert response.status_code in (200, 404), response.content

    measure("GET /api/v1/standards/thresholds", work, api, args.seconds)
    from rsca.standards import minimum_wages

    codes = ["320583", "CN-441900", "511900", "429004", "VN-HN:250", "VN-SG", "TH-11", "PH-00", "JP-13", "MM"]
    measure(
        "minimum_wage_on (division, date)",
        [(rng.choice(codes), None, w[2]) for w in work],
        lambda w: minimum_wages.minimum_wage_on(division=w[0], on=w[2]),
        args.seconds,
    )
    started = time.perf_counter()
    coverage = minimum_wages.minimum_wage_coverage()  # the same figures as `rsca standards-coverage`
    for label, china in (("China since 2017-12", True), ("other countries since 2020-01", False)):
        rows = [r for r in coverage.rows if r.file.startswith("CN-") == china]
        cells, resolved = sum(r.cells for r in rows), sum(r.resolved for r in rows)
        print(
            f"minimum-wage coverage, {label}: {resolved} of {cells} division-months resolved "
            f"({resolved / max(cells, 1):.1%}), {sum(r.unconfirmed for r in rows)} on unconfirmed notices"
        )
    print(
        f"minimum-wage rows {coverage.rates}, without a source {coverage.rates_without_source}, unconfirmed "
        f"notices {coverage.notices_unconfirmed} (coverage computed in {time.perf_counter() - started:.2f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
