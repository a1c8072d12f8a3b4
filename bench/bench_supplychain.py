"""Facility-list matching benchmark: speed on a large register, and accuracy on a labelled noisy list.

    .venv/bin/python bench/bench_supplychain.py [--existing 1000000] [--rows 10000] [--service-existing 100000]

Part 1 (engine at register scale): `--existing` facilities are generated and normalised with the
platform's own normaliser (`facility_keys`), and held in an embedded DuckDB table with the same exact
candidate keys the platform indexes in its database. A `--rows` list is then imported as the service does
it: every row normalised, candidates fetched by exact keys, pairs scored by Splink (DuckDB) and decided.
The timed part is the import (normalise + fetch candidates + Splink + decisions), not building the register.

Part 2 (the real service end to end): `--service-existing` facilities are bulk-inserted into a temporary
SQLite database (keys computed by the model's normaliser) and the same kind of list is uploaded as a CSV through
`facility_list_import` (read the file, validate, normalise, query the database, Splink, store the preview rows).

Accuracy (both parts): precision of automatic matches, share of true duplicates matched automatically, and
the share of rows sent to review, on the generator's labelled list (duplicates with realistic noise, new
facilities, sister factories, different companies at one address).
"""

from __future__ import annotations

import argparse
import csv
import gc
import io
import os
import resource
import sys
import tempfile
import time
from multiprocessing import Pool
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

CHUNK = 50_000


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _register_chunk(args: tuple[int, int, set[int]]) -> tuple[Any, list[Any]]:
    """Generate and normalise one chunk of the register (runs in a worker process)."""
    from bench.supplychain_data import Generator
    from rsca.supplychain.matching import records_frame
    from rsca.supplychain.normalise import facility_keys

    index, size, sample = args
    generator = Generator(seed=1000 + index)
    generator.uid = index * CHUNK
    rows, keep, block_brand, block_site, names = [], [], [], [], []
    for position in range(size):
        facility = generator.facility()
        stored = generator.stored(facility)
        keys = facility_keys(name=stored["name"], native_name=stored["native_name"], address=stored["address"],
                             native_address=stored["native_address"], country=stored["country"])
        rows.append((facility.uid, stored["country"], keys))
        block_brand.append(keys["block_brand"] or None)
        block_site.append(keys["block_site"] or None)
        names.append(f"{stored['country']}|{keys['match_name']}" if keys["match_name"] else None)
        if position in sample:
            keep.append(facility)
    frame = records_frame(rows)
    frame["block_brand"], frame["block_site"], frame["block_name"] = block_brand, block_site, names
    return frame, keep


def build_register(existing: int, sample_size: int, workers: int) -> tuple[Any, list[Any], float]:
    import random

    import duckdb

    started = time.perf_counter()
    chunks = [(i, min(CHUNK, existing - i * CHUNK)) for i in range((existing + CHUNK - 1) // CHUNK)]
    rng = random.Random(7)
    per_chunk = max(1, sample_size // len(chunks) + 1)
    tasks = [(i, size, set(rng.sample(range(size), k=min(size, per_chunk)))) for i, size in chunks]
    connection = duckdb.connect()
    sampled: list[Any] = []
    created = False
    with Pool(workers) as pool:
        for frame, keep in pool.imap(_register_chunk, tasks):
            connection.register("chunk", frame)
            if not created:
                connection.execute("CREATE TABLE register AS SELECT * FROM chunk")
                created = True
            else:
                connection.execute("INSERT INTO register SELECT * FROM chunk")
            connection.unregister("chunk")
            sampled.extend(keep)
            del frame
            gc.collect()
    return connection, sampled, time.perf_counter() - started


def warm_up() -> None:
    """Import Splink and DuckDB once, as a running server process already has (about 1 s, not timed)."""
    from rsca.supplychain import matching
    from rsca.supplychain.normalise import facility_keys

    keys = facility_keys(name="Warm Up Electronics Co., Ltd.", address="1 Warm Road, Shenzhen", country="CN")
    frame = matching.records_frame([(1, "CN", keys)])
    matching.match_records(frame, matching.records_frame([(2, "CN", keys)]))


def evaluate(outcomes: dict[int, Any], labels: dict[int, int | None], kinds: dict[int, str],
             facility_uid: dict[int, int]) -> dict[str, float]:
    """facility_uid maps the matcher's facility id to the generator uid (identity for the engine)."""
    auto = correct = review = duplicates = duplicates_auto = traps_merged = 0
    for row, outcome in outcomes.items():
        truth = labels[row]
        if truth is not None:
            duplicates += 1
        if outcome.status == "review":
            review += 1
        if outcome.status == "matched":
            auto += 1
            matched_uid = facility_uid.get(outcome.facility_id, outcome.facility_id)
            if truth is not None and matched_uid == truth:
                correct += 1
                duplicates_auto += 1
            elif kinds[row] in ("sister", "same_address"):
                traps_merged += 1
    rows = len(outcomes)
    return {
        "precision_auto": correct / auto if auto else 1.0,
        "recall_auto": duplicates_auto / duplicates if duplicates else 0.0,
        "review_share": review / rows if rows else 0.0,
        "auto_share": auto / rows if rows else 0.0,
        "traps_merged": traps_merged,
        "duplicates": duplicates,
        "rows": rows,
    }


def engine_benchmark(existing: int, rows: int, workers: int) -> dict[str, Any]:
    from bench.supplychain_data import Generator, labelled_list
    from rsca.supplychain import matching
    from rsca.supplychain.normalise import facility_keys

    connection, sampled, build_seconds = build_register(existing, rows, workers)
    count = connection.execute("SELECT count(*) FROM register").fetchall()[0][0]
    print(f"register: {count:,} facilities generated and normalised in {build_seconds:.1f} s "
          f"({workers} processes); peak RSS so far {peak_rss_mb():.0f} MB", flush=True)
    generator = Generator(seed=99)
    generator.uid = 10 ** 9
    labelled = labelled_list(generator, sampled, rows)
    rss_before = peak_rss_mb()
    warm_up()

    started = time.perf_counter()
    incoming_rows, brand_keys, site_keys, name_keys = [], set(), set(), set()
    from rsca.supplychain.normalise import COUNTRY_ALIASES

    for number, (row, _truth, _kind) in enumerate(labelled, start=1):
        country = COUNTRY_ALIASES.get(row["country"].lower() if row["country"].isascii() else row["country"],
                                      row["country"].upper())
        keys = facility_keys(name=row["name"], address=row["address"], country=country)
        incoming_rows.append((number, country, keys))
        if keys["block_brand"]:
            brand_keys.add(keys["block_brand"])
        if keys["block_site"]:
            site_keys.add(keys["block_site"])
        if keys["match_name"]:
            name_keys.add(f"{country}|{keys['match_name']}")
    normalised = time.perf_counter()
    import pandas as pd

    wanted = pd.DataFrame({"k": sorted(brand_keys)}), pd.DataFrame({"k": sorted(site_keys)}), pd.DataFrame(
        {"k": sorted(name_keys)})
    for name, frame in zip(("wanted_brand", "wanted_site", "wanted_name"), wanted, strict=True):
        connection.register(name, frame)
    candidates = connection.execute(
        "SELECT * EXCLUDE (block_brand, block_site, block_name) FROM register WHERE block_brand IN "
        "(SELECT k FROM wanted_brand) OR block_site IN (SELECT k FROM wanted_site) OR block_name IN "
        "(SELECT k FROM wanted_name)").df()
    fetched = time.perf_counter()
    incoming = matching.records_frame(incoming_rows)
    outcomes = matching.match_records(incoming, candidates)
    finished = time.perf_counter()

    seconds = finished - started
    labels = {n: truth for n, (_row, truth, _kind) in enumerate(labelled, start=1)}
    kinds = {n: kind for n, (_row, _truth, kind) in enumerate(labelled, start=1)}
    metrics = evaluate(outcomes, labels, kinds, {})
    return {"existing": count, "rows": rows, "seconds": seconds, "rows_per_second": rows / seconds,
            "normalise_s": normalised - started, "fetch_s": fetched - normalised, "splink_s": finished - fetched,
            "candidates": len(candidates), "peak_rss_mb": peak_rss_mb(), "rss_before_import_mb": rss_before,
            **metrics}


def _insert(objects: list[Any], allocate: Any) -> None:
    from rsca.supplychain.models import Facility

    by_country: dict[str, list[Any]] = {}
    for record in objects:
        by_country.setdefault(record.country_id, []).append(record)
    for country, records in by_country.items():
        for record, public_id in zip(records, allocate(country, len(records)), strict=True):
            record.public_id = public_id
    Facility.objects.bulk_create(objects, batch_size=5000)


def service_benchmark(existing: int, rows: int) -> dict[str, Any]:
    """The real `facility_list_import` on a temporary SQLite database."""
    directory = tempfile.mkdtemp(prefix="rsca-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{directory}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rsca.config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from bench.supplychain_data import Generator, labelled_list
    from rsca.core.models import Organisation
    from rsca.core.seed import seed_countries, seed_divisions, seed_sectors
    from rsca.supplychain.models import Facility, FacilityListRow, public_ids_allocate
    from rsca.supplychain.normalise import facility_keys
    from rsca.supplychain.services import facility_list_import

    seed_countries()
    seed_divisions()
    seed_sectors()
    generator = Generator(seed=5)
    register, objects = [], []
    started = time.perf_counter()
    for _ in range(existing):
        facility = generator.facility()
        stored = generator.stored(facility)
        record = Facility(name=stored["name"],
                          native_name=stored["native_name"], address=stored["address"],
                          native_address=stored["native_address"], country_id=stored["country"])
        for key, value in facility_keys(name=record.name, native_name=record.native_name, address=record.address,
                                        native_address=record.native_address, country=stored["country"]).items():
            setattr(record, key, value)
        objects.append(record)
        register.append(facility)
        if len(objects) >= 5000:
            _insert(objects, public_ids_allocate)
            objects = []
    _insert(objects, public_ids_allocate)
    build_seconds = time.perf_counter() - started
    print(f"service register: {Facility.objects.count():,} facilities inserted in {build_seconds:.1f} s", flush=True)
    uid_by_public = dict(zip(Facility.objects.order_by("pk").values_list("pk", flat=True),
                             (f.uid for f in register), strict=True))
    organisation = Organisation.objects.create(name="Bench Buyer", slug="bench-buyer", type="enterprise",
                                               enterprise_role="buyer")
    labelled = labelled_list(generator, register, rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["name", "address", "country"])
    for row, _truth, _kind in labelled:
        writer.writerow([row["name"], row["address"], row["country"]])
    data = buffer.getvalue().encode("utf-8")
    warm_up()
    started = time.perf_counter()
    report = facility_list_import(organisation=organisation, source=data, filename="bench.csv", by=None)
    seconds = time.perf_counter() - started

    class _Outcome:
        def __init__(self, status: str, facility_id: int | None) -> None:
            self.status, self.facility_id = status, facility_id

    outcomes = {r.row_number: _Outcome(r.status, r.facility_id) for r in FacilityListRow.objects.filter(
        upload_id=report.upload_id)}
    labels = {n: truth for n, (_row, truth, _kind) in enumerate(labelled, start=1)}
    kinds = {n: kind for n, (_row, _truth, kind) in enumerate(labelled, start=1)}
    metrics = evaluate(outcomes, labels, kinds, uid_by_public)  # type: ignore[arg-type]
    return {"existing": existing, "rows": rows, "seconds": seconds, "rows_per_second": rows / seconds,
            "peak_rss_mb": peak_rss_mb(), **metrics}


def report(title: str, result: dict[str, Any]) -> None:
    print(f"\n== {title}")
    print(f"list of {result['rows']:,} rows against {result['existing']:,} existing facilities")
    line = f"import time {result['seconds']:.2f} s → {result['rows_per_second']:,.0f} rows/s"
    if "normalise_s" in result:
        line += (f" (normalise {result['normalise_s']:.2f} s, fetch {result['candidates']:,} candidates "
                 f"{result['fetch_s']:.2f} s, Splink + decisions {result['splink_s']:.2f} s)")
    print(line)
    print(f"peak memory (RSS of the whole process) {result['peak_rss_mb']:,.0f} MB")
    print(f"precision of automatic matches {result['precision_auto']:.4f} (goal ≥ 0.99)")
    print(f"true duplicates matched automatically {result['recall_auto']:.4f} of {result['duplicates']:,} "
          f"(goal ≥ 0.85)")
    print(f"rows sent to review {result['review_share']:.4f}; rows matched automatically {result['auto_share']:.4f};"
          f" sister factories / same-address companies merged automatically: {result['traps_merged']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--existing", type=int, default=1_000_000)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--service-existing", type=int, default=100_000,
                        help="size of the SQLite register for the end-to-end service run (0 to skip)")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rsca.config.settings")
    if args.existing:
        report("Part 1 – matching engine at register scale (DuckDB register, Splink on DuckDB)",
               engine_benchmark(args.existing, args.rows, args.workers))
    if args.service_existing:
        report("Part 2 – facility_list_import end to end on SQLite",
               service_benchmark(args.service_existing, args.rows))


if __name__ == "__main__":
    main()
