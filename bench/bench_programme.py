"""Results dashboard benchmark: 5 years of monthly data for 100 indicators, server time.

    .venv/bin/python bench/bench_programme.py [--indicators 100] [--years 5] [--runs 30]

A temporary SQLite database is migrated and seeded with the reference data (the RSCA programme
included). A project gets a results framework of 4 objectives, 100 indicators (a quarter of them
percentages) and one period per month for 5 years (6,000 periods) with targets, actuals and actuals
disaggregated by sex (12,000 disaggregations). Measured, in milliseconds (p50/p95/max over --runs):

- `results_dashboard` (the selector behind the charts): three queries whatever the size;
- `GET /api/v1/programme/projects/<slug>/dashboard` (JSON for the charts) through Django's test client;
- `GET /projects/<slug>/results/` (the whole page: logframe table + chart data), through the test client;
- the donor report for one year (HTML) and its XLSX download;
- the results page's size before (all chart data inline) and after issue 7 (first charts inline, others fetched).
The dashboard figures, the page's logframe/chart HTML and the donor report (data, HTML body, XLSX) are cached under
the project's results version, so each is measured twice: "cold" (the cache cleared before every request: the first view after
a change of the results) and "warm" (the usual view); the ratio cold/warm is printed. Wall time on a shared
machine includes waiting for a CPU, so CPU time of this process (server work: Django and SQLite) is printed too.
Goal: dashboard server time <= 100 ms.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def setup() -> None:
    handle, path = tempfile.mkstemp(suffix=".sqlite3", prefix="rsca-bench-programme-")
    os.close(handle)
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rsca.config.settings")
    os.environ.setdefault("DEBUG", "0")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, skip_checks=True)
    from rsca.core.seed import seed_reference as core_reference
    from rsca.programme.seed import seed_reference as programme_reference

    core_reference(io.StringIO())
    programme_reference(io.StringIO())


def load(n_indicators: int, years: int) -> tuple[str, float]:
    from django.db import transaction

    from rsca.core.models import Organisation
    from rsca.programme.models import (
        Disaggregation,
        Indicator,
        IndicatorPeriod,
        Participation,
        Project,
        ResultNode,
    )

    started = time.perf_counter()
    with transaction.atomic():
        owner = Organisation.objects.get(slug="ilo-china-mongolia")
        project = Project.objects.create(
            slug="bench-project",
            iati_identifier="XM-DAC-41302-BENCH",
            reporting_org_ref="XM-DAC-41302",
            title_en="Benchmark project",
            title_zh="基准测试项目",
            description_en="Generated.",
            owner=owner,
            is_public=True,
            planned_start=date(2020, 1, 1),
            planned_end=date(2020 + years - 1, 12, 31),
        )
        Participation.objects.create(project=project, organisation=owner, role="4")
        objectives = [
            ResultNode.objects.create(
                project=project,
                level="objective",
                code=f"O{i}",
                title_en=f"Objective {i}",
                title_zh=f"目标 {i}",
                order=i,
            )
            for i in range(1, 5)
        ]
        indicators = Indicator.objects.bulk_create(
            [
                Indicator(
                    node=objectives[i % 4],
                    code=f"I{i:03d}",
                    title_en=f"Indicator {i}",
                    title_zh=f"指标 {i}",
                    measure="2" if i % 4 == 0 else "1",
                    unit_en="%" if i % 4 == 0 else "persons",
                    dimensions=["sex"],
                    baseline_value=Decimal(0),
                    baseline_date=date(2020, 1, 1),
                    order=i,
                )
                for i in range(n_indicators)
            ]
        )
        periods = []
        for indicator in indicators:
            for m in range(12 * years):
                year, month = 2020 + m // 12, m % 12 + 1
                end = date(year + (month == 12), month % 12 + 1, 1).toordinal() - 1
                target = Decimal(50 + m % 30) if indicator.measure == "2" else Decimal(10 * (m + 1))
                periods.append(
                    IndicatorPeriod(
                        indicator=indicator,
                        start=date(year, month, 1),
                        end=date.fromordinal(end),
                        target=target,
                        actual=target - Decimal(m % 7),
                        evidence_en="generated",
                    )
                )
        IndicatorPeriod.objects.bulk_create(periods, batch_size=2000)
        disaggregations = []
        for period in periods:
            if period.indicator.measure == "1" and period.actual is not None:
                female = (period.actual * Decimal("0.6")).quantize(Decimal(1))
                disaggregations += [
                    Disaggregation(
                        period=period, kind="actual", dimension="sex", value_label="female", value=female
                    ),
                    Disaggregation(
                        period=period,
                        kind="actual",
                        dimension="sex",
                        value_label="male",
                        value=period.actual - female,
                    ),
                ]
        Disaggregation.objects.bulk_create(disaggregations, batch_size=2000)
    print(
        f"loaded {len(indicators)} indicators, {len(periods)} periods, {len(disaggregations)} disaggregations "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return project.slug, time.perf_counter() - started


def measure(
    label: str, fn: Callable[[], object], runs: int, before: Callable[[], object] | None = None
) -> float:
    """p50/p95/max of wall-clock time, and p50/p95 of this process's CPU time (server work without the
    waiting that other processes on a shared machine cause). `before` runs untimed before each call.
    Returns the CPU p95."""
    fn()  # warm up
    wall, cpu = [], []
    for _ in range(runs):
        if before is not None:
            before()
        started, started_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    wall.sort()
    cpu.sort()
    p95 = int(0.95 * (len(wall) - 1))
    print(
        f"{label:<40} wall p50 {statistics.median(wall):7.1f} p95 {wall[p95]:7.1f} max {wall[-1]:7.1f} ms"
        f" | cpu p50 {statistics.median(cpu):7.1f} p95 {cpu[p95]:7.1f} ms"
    )
    return cpu[p95]


def page_sizes(client: object, slug: str) -> None:
    """The results page before (every chart's full data inline, as the page was up to issue 7's page-weight change)
    and after (the first charts' compact data inline; the others fetched as they scroll into view), raw and gzip."""
    from django.contrib.auth.models import AnonymousUser
    from django.test import Client

    from rsca.programme import selectors
    from rsca.programme.models import Project
    from rsca.programme.views import json_script_fast

    assert isinstance(client, Client)
    html = client.get(f"/projects/{slug}/results/").content.decode()
    found = re.search(r'<script id="dashboard-data" type="application/json">.*?</script>', html, re.S)
    assert found is not None
    page = json.loads(found.group(0).split(">", 1)[1].rsplit("<", 1)[0])
    project = Project.objects.get(slug=slug)
    full = json_script_fast(
        selectors.results_dashboard(user=AnonymousUser(), project=project)["indicators"], "dashboard-data"
    )
    before = html.replace(found.group(0), full)
    rest = page["ids"][len(page["charts"]) :]
    fetched = b"".join(
        client.get(f"{page['url']}&ids={','.join(rest[i : i + 50])}").content for i in range(0, len(rest), 50)
    )

    def kib(text: str | bytes) -> str:
        raw = text.encode() if isinstance(text, str) else text
        return f"{len(raw) / 1024:.0f} KiB (gzip {len(gzip.compress(raw)) / 1024:.0f} KiB)"

    print(
        f"results page size: before {kib(before)}, after {kib(html)} with {len(page['charts'])} of "
        f"{len(page['ids'])} charts' data inline; the other charts' data, fetched on scrolling: {kib(fetched)}"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--indicators", type=int, default=100)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    setup()
    from django.contrib.auth.models import AnonymousUser
    from django.test import Client

    from rsca.programme import selectors
    from rsca.programme.models import Project

    slug, _seconds = load(args.indicators, args.years)
    project = Project.objects.get(slug=slug)
    client = Client()
    anonymous = AnonymousUser()

    def get(url: str) -> Callable[[], object]:
        def call() -> object:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return response

        return call

    from django.core.cache import cache

    def dashboard() -> object:
        return selectors.results_dashboard(user=anonymous, project=project)

    api_url, page_url = f"/api/v1/programme/projects/{slug}/dashboard", f"/projects/{slug}/results/"
    cold = {
        "selector": measure("results_dashboard selector, cold", dashboard, args.runs, before=cache.clear),
        "api": measure("GET dashboard API (JSON), cold", get(api_url), args.runs, before=cache.clear),
        "page": measure("GET results page, cold", get(page_url), args.runs, before=cache.clear),
    }
    selector = measure("results_dashboard selector, warm", dashboard, args.runs)
    api = measure("GET dashboard API (JSON), warm", get(api_url), args.runs)
    page = measure("GET results page (logframe + charts), warm", get(page_url), args.runs)
    for name, warm in (("selector", selector), ("API", api), ("page", page)):
        print(f"cold/warm CPU p95 ratio, {name}: {cold[name.lower()] / max(warm, 0.001):.1f}x")
    report_runs = max(5, args.runs // 3)
    for name, url in (
        ("HTML", f"/projects/{slug}/report/?year=2023"),
        ("XLSX", f"/projects/{slug}/report.xlsx?year=2023"),
    ):
        baseline = measure(f"GET donor report 2023 ({name}), cold", get(url), report_runs, before=cache.clear)
        warm_report = measure(f"GET donor report 2023 ({name}), warm", get(url), report_runs)
        print(
            f"cold/warm CPU p95 ratio, donor report {name}: {baseline / max(warm_report, 0.001):.1f}x "
            f"(warm = {warm_report / max(baseline, 0.001):.3f} of the uncached report)"
        )
    get(f"/projects/{slug}/report/?year=2023")()  # the HTML body's entry next to the XLSX's
    entries = {
        key.split(":")[4]: len(value)
        for key, value in getattr(cache, "_cache", {}).items()
        if ":programme:report:" in key
    }  # LocMemCache keeps pickles
    print(
        "donor report cache entries (pickled): "
        + ", ".join(f"{kind} {size / 1024:.0f} KiB" for kind, size in sorted(entries.items()))
    )
    page_sizes(client, slug)
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")

    def verdict(value: float) -> str:
        return "met" if value <= 100 else "NOT met"

    print(
        f"goal dashboard server time <= 100 ms (CPU p95), warm: selector {verdict(selector)}, API {verdict(api)}, "
        f"full page {verdict(page)}; cold: selector {verdict(cold['selector'])}, API {verdict(cold['api'])}, "
        f"full page {verdict(cold['page'])}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
