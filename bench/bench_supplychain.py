"""Facility-list matching benchmark: speed on a large register, and accuracy on a labelled noisy list.

    .venv/bin/python bench/bench_supplychain.py [--existing 1000000] [--rows 10000] [--service-existing 1000000]
        [--cache /tmp/rsca-bench] [--no-baseline]

Part 1 (engine at register scale): `--existing` facilities are generated and normalised with the platform's
own normaliser (`facility_keys`, in `--workers` processes) and held in an embedded DuckDB table with the keys
the platform stores and indexes on each facility. A `--rows` list is then imported as the service does it:
every row normalised, candidates fetched with `normalise.candidate_keys`, pairs scored by Splink (DuckDB) and
decided. The timed part is the import, not building the register.

Part 2 (the real service end to end): the same facilities are inserted into a SQLite database and the same
list is uploaded as a CSV through `facility_list_import` (read, validate, normalise, query the database,
Splink, store the preview rows).

Both parts first time an in-run baseline (the previous session's candidate keys) and print ratios; wall time,
CPU time and the peak RSS sampled during the import are printed. `--cache DIR` keeps the normalised register
(Parquet) and the SQLite database between runs.

Accuracy (both parts): precision of automatic matches, share of true duplicates matched automatically, and
the share of rows sent to review, on the generator's labelled list (duplicates with realistic and harder noise,
new facilities, sister factories, different companies at one address, homophone brands at one address).
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
import unicodedata
from multiprocessing import Pool
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

CHUNK = 50_000
REGISTER_FORMAT = "4"  # 3: match_brand_native; 4: word-level Latin tokens, counties


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class RssSampler:
    """The largest resident set size seen while a block runs (sampled every 20 ms from /proc), so the figure of a
    timed import is not the register set-up's peak."""

    def __init__(self) -> None:
        import threading

        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def current_mb() -> float:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1_048_576

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.current_mb())
            self._stop.wait(0.02)

    def __enter__(self) -> RssSampler:
        self.peak = self.current_mb()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.current_mb())


KEY_COLUMNS = (
    "match_name",
    "match_brand",
    "match_brand_native",
    "match_industry",
    "match_place",
    "match_province",
    "match_city",
    "match_district",
    "match_street",
    "match_number",
    "match_address",
)
BLOCK_COLUMNS = ("block_brand", "block_brand_city", "block_site")


def _register_chunk(args: tuple[int, int, set[int]]) -> tuple[Any, list[Any]]:
    """Generate and normalise one chunk of the register (runs in a worker process): the columns the platform
    stores on each facility (`match_*`, `block_*`), as the database would hold them."""
    import pandas as pd

    from bench.supplychain_data import Generator
    from rsca.supplychain.normalise import cpca_parse, facility_keys, has_chinese

    index, size, sample = args
    generator = Generator(seed=1000 + index)
    generator.uid = index * CHUNK
    columns: dict[str, list[Any]] = {"id": [], "country_id": [], **{c: [] for c in KEY_COLUMNS}}
    keep = []
    facilities = [generator.facility() for _ in range(size)]
    stored_all = [generator.stored(facility) for facility in facilities]
    cpca_parse(
        unicodedata.normalize("NFKC", text)
        for stored in stored_all
        for text in (stored["native_address"] or stored["address"],)
        if has_chinese(text)
    )
    for position, (facility, stored) in enumerate(zip(facilities, stored_all, strict=True)):
        keys = facility_keys(
            name=stored["name"],
            native_name=stored["native_name"],
            address=stored["address"],
            native_address=stored["native_address"],
            country=stored["country"],
        )
        columns["id"].append(facility.uid)
        columns["country_id"].append(stored["country"])
        for column in KEY_COLUMNS:
            columns[column].append(keys[column])
        if position in sample:
            keep.append(facility)
    return pd.DataFrame(columns), keep


def _cache_paths(cache: str, existing: int, sample_size: int) -> tuple[Path, Path]:
    """Register files named after the register size and a digest of what the normaliser makes of a sample of
    generated facilities: a change to the generator or to the stored `match_*` keys makes a new register."""
    import hashlib

    from bench.supplychain_data import Generator
    from rsca.supplychain.normalise import facility_keys

    digest = hashlib.sha256(REGISTER_FORMAT.encode())
    generator = Generator(seed=1000)
    for _ in range(300):
        stored = generator.stored(generator.facility())
        keys = facility_keys(
            name=stored["name"],
            native_name=stored["native_name"],
            address=stored["address"],
            native_address=stored["native_address"],
            country=stored["country"],
        )
        digest.update(repr((stored, [keys[c] for c in KEY_COLUMNS])).encode())
    stem = Path(cache) / f"register-{existing}-{sample_size}-{digest.hexdigest()[:12]}"
    return stem.with_suffix(".parquet"), stem.with_suffix(".pickle")


def _add_block_keys(connection: Any) -> None:
    """The indexed candidate keys, from the stored keys with the platform's own `block_keys` (not timed)."""
    import pandas as pd

    from rsca.supplychain.normalise import block_keys

    frame = connection.execute(
        "SELECT id, country_id, match_brand, match_province, match_city, match_street, "
        "match_number FROM register"
    ).df()
    columns: dict[str, list[str | None]] = {c: [] for c in BLOCK_COLUMNS}
    for country, brand, province, city, street, number in zip(
        frame["country_id"],
        frame["match_brand"],
        frame["match_province"],
        frame["match_city"],
        frame["match_street"],
        frame["match_number"],
        strict=True,
    ):
        keys = block_keys(
            country=country, brand=brand, province=province, city=city, street=street, number=number
        )
        for column in BLOCK_COLUMNS:
            columns[column].append(keys[column] or None)
    blocks = pd.DataFrame({"id": frame["id"], **columns})
    del frame
    connection.register("blocks", blocks)
    connection.execute(
        "CREATE TABLE indexed AS SELECT r.*, b.* EXCLUDE (id), r.country_id || '|' || r.match_name "
        "AS block_name FROM register r JOIN blocks b USING (id)"
    )
    connection.execute("DROP TABLE register")
    connection.execute("ALTER TABLE indexed RENAME TO register")
    connection.unregister("blocks")
    for column in (*BLOCK_COLUMNS, "block_name"):
        connection.execute(f"CREATE INDEX register_{column} ON register ({column})")


def build_register(
    existing: int, sample_size: int, workers: int, cache: str | None = None
) -> tuple[Any, list[Any], float]:
    import pickle
    import random

    import duckdb

    started = time.perf_counter()
    if cache:
        parquet, sample_file = _cache_paths(cache, existing, sample_size)
        if parquet.exists() and sample_file.exists():
            connection = duckdb.connect()
            connection.execute(f"CREATE TABLE register AS SELECT * FROM read_parquet('{parquet}')")
            stored = {row[0] for row in connection.execute("DESCRIBE register").fetchall()}
            if set(KEY_COLUMNS) <= stored:  # a register written before a key column existed is built again
                _add_block_keys(connection)
                return connection, pickle.loads(sample_file.read_bytes()), time.perf_counter() - started
            connection.close()
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
    if cache:
        Path(cache).mkdir(parents=True, exist_ok=True)
        connection.execute(f"COPY register TO '{parquet}' (FORMAT parquet)")
        sample_file.write_bytes(pickle.dumps(sampled))
    _add_block_keys(connection)
    return connection, sampled, time.perf_counter() - started


def warm_up() -> None:
    """Import Splink and DuckDB once, as a running server process already has (about 1 s, not timed)."""
    from rsca.supplychain import matching
    from rsca.supplychain.normalise import facility_keys

    keys = facility_keys(name="Warm Up Electronics Co., Ltd.", address="1 Warm Road, Shenzhen", country="CN")
    frame = matching.records_frame([(1, "CN", keys)])
    matching.match_records(frame, matching.records_frame([(2, "CN", keys)]))


def evaluate(
    outcomes: dict[int, Any],
    labels: dict[int, int | None],
    kinds: dict[int, str],
    facility_uid: dict[int, int],
) -> dict[str, float]:
    """facility_uid maps the matcher's facility id to the generator uid (identity for the engine)."""
    auto = correct = review = duplicates = duplicates_auto = traps_merged = homophones = homophones_merged = 0
    for row, outcome in outcomes.items():
        truth = labels[row]
        homophones += kinds[row] == "homophone"
        homophones_merged += kinds[row] == "homophone" and outcome.status == "matched"
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
            elif kinds[row] in ("sister", "same_address", "homophone"):
                traps_merged += 1
    rows = len(outcomes)
    return {
        "precision_auto": correct / auto if auto else 1.0,
        "recall_auto": duplicates_auto / duplicates if duplicates else 0.0,
        "review_share": review / rows if rows else 0.0,
        "auto_share": auto / rows if rows else 0.0,
        "traps_merged": traps_merged,
        "homophones": homophones,
        "homophones_merged": homophones_merged,
        "duplicates": duplicates,
        "rows": rows,
    }


def _engine_run(connection: Any, labelled: list[Any], *, province_wide: bool) -> dict[str, Any]:
    """One timed import of the labelled list against the DuckDB register; `province_wide` is the previous
    blocking (every row meets its brand anywhere in its province), kept as the in-run baseline."""
    import pandas as pd

    from rsca.core.countries import country_resolve
    from rsca.supplychain import matching, normalise
    from rsca.supplychain.normalise import candidate_keys, cpca_parse, facility_keys

    normalise._pinyin_run.cache_clear()  # per-input caches: every run starts from the same state
    normalise._CPCA_CACHE.clear()
    gc.collect()
    sampler = RssSampler().__enter__()
    started, cpu_started = time.perf_counter(), time.process_time()
    incoming_rows = []
    cpca_parse(
        unicodedata.normalize("NFKC", row["address"])
        for row, _truth, _kind in labelled
        if normalise.has_chinese(row["address"])
    )
    for number, (row, _truth, _kind) in enumerate(labelled, start=1):
        country = country_resolve(row["country"]) or row["country"].upper()
        keys = facility_keys(name=row["name"], address=row["address"], country=country)
        incoming_rows.append((number, country, keys))
    normalised, cpu_normalised = time.perf_counter(), time.process_time()
    # The service's lookup (`services._existing_candidates`) on the same indexed keys, here in DuckDB.
    pairs = [(country, keys) for _n, country, keys in incoming_rows]
    wanted = _province_wide(pairs) if province_wide else candidate_keys(pairs)
    selects = []
    for column, key in (
        ("block_brand_city", "block_brand_city"),
        ("block_brand", "block_brand"),
        ("block_site", "block_site"),
        ("block_name", "name"),
    ):
        connection.register(f"wanted_{column}", pd.DataFrame({"k": sorted(wanted[key])}, dtype="object"))
        selects.append(f"SELECT r.* FROM register r JOIN wanted_{column} w ON r.{column} = w.k")
    fetched_keys = connection.execute(" UNION ".join(selects)).df()
    candidates = matching.records_from_columns(
        fetched_keys["id"].tolist(),
        fetched_keys["country_id"].tolist(),
        {c: fetched_keys[c].tolist() for c in matching.KEY_COLUMNS},
    )
    fetched, cpu_fetched = time.perf_counter(), time.process_time()
    incoming = matching.records_frame(incoming_rows)
    outcomes = matching.match_records(incoming, candidates)
    finished, cpu_finished = time.perf_counter(), time.process_time()
    sampler.__exit__()
    seconds = finished - started
    labels = {n: truth for n, (_row, truth, _kind) in enumerate(labelled, start=1)}
    kinds = {n: kind for n, (_row, _truth, kind) in enumerate(labelled, start=1)}
    rows = len(labelled)
    return {
        "rows": rows,
        "seconds": seconds,
        "rows_per_second": rows / seconds,
        "normalise_s": normalised - started,
        "fetch_s": fetched - normalised,
        "splink_s": finished - fetched,
        "cpu_s": cpu_finished - cpu_started,
        "cpu_normalise_s": cpu_normalised - cpu_started,
        "cpu_fetch_s": cpu_fetched - cpu_normalised,
        "cpu_splink_s": cpu_finished - cpu_fetched,
        "candidates": len(candidates),
        "import_peak_rss_mb": sampler.peak,
        **evaluate(outcomes, labels, kinds, {}),
    }


def engine_benchmark(
    existing: int, rows: int, workers: int, cache: str | None = None, baseline: bool = True
) -> list[tuple[str, dict[str, Any]]]:
    from bench.supplychain_data import Generator, labelled_list

    connection, sampled, build_seconds = build_register(existing, rows, workers, cache)
    count = connection.execute("SELECT count(*) FROM register").fetchall()[0][0]
    print(
        f"register: {count:,} facilities generated and normalised (or loaded) in {build_seconds:.1f} s "
        f"({workers} processes); peak RSS so far {peak_rss_mb():.0f} MB",
        flush=True,
    )
    generator = Generator(seed=99)
    generator.uid = 10**9
    labelled = labelled_list(generator, sampled, rows)
    rss_before = peak_rss_mb()
    warm_up()
    runs = []
    if baseline:
        runs.append(
            (
                "baseline: brand blocked province-wide (previous session)",
                _engine_run(connection, labelled, province_wide=True),
            )
        )
    runs.append(("current: brand blocked by city", _engine_run(connection, labelled, province_wide=False)))
    for _title, result in runs:
        result.update(existing=count, peak_rss_mb=peak_rss_mb(), rss_before_import_mb=rss_before)
    return runs


def _public_id(country: str, uid: int) -> str:
    from rsca.supplychain.models import ID_ALPHABET, public_id_check_character

    body = f"{country}2026001" + "".join(ID_ALPHABET[(uid >> (5 * i)) & 31] for i in range(5))
    return body + public_id_check_character(body)


def _fill_database(connection: Any, existing: int) -> None:
    """Insert the register into the platform's database: the generator's facilities again (same seeds, so the
    same names and addresses) with the keys the platform's normaliser gave them; primary key = generator uid.

    Set-up only (not timed): the facility table's secondary indexes are dropped, the rows inserted with one
    parameterised statement per chunk (column values prepared by Django's fields for a template row), and the
    indexes created again."""
    from django.db import connection as database
    from django.db import transaction

    from bench.supplychain_data import Generator
    from rsca.supplychain.models import Facility

    fields = [f for f in Facility._meta.concrete_fields]
    template = Facility(public_id="X", name="", address="", country_id="CN")
    defaults = {f.column: f.get_db_prep_save(f.pre_save(template, True), database) for f in fields}
    columns = list(defaults)
    table = Facility._meta.db_table
    with database.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
            [table],
        )
        indexes = cursor.fetchall()
        for name, _sql in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    insert = (
        f'INSERT INTO "{table}" ({", ".join(chr(34) + c + chr(34) for c in columns)}) VALUES '
        f"({', '.join(['%s'] * len(columns))})"
    )
    for index in range((existing + CHUNK - 1) // CHUNK):
        size = min(CHUNK, existing - index * CHUNK)
        generator = Generator(seed=1000 + index)
        generator.uid = index * CHUNK
        keys = connection.execute(
            f"SELECT * FROM register WHERE id > {index * CHUNK} AND id <= {index * CHUNK + size} ORDER BY id"
        ).df()
        key_columns = [c for c in keys.columns if c.startswith(("match_", "block_")) and c != "block_name"]
        rows = []
        for values in zip(*(keys[c].tolist() for c in ["id", *key_columns]), strict=True):
            facility = generator.facility()
            assert facility.uid == values[0]
            stored = generator.stored(facility)
            row = {
                **defaults,
                "id": facility.uid,
                "public_id": _public_id(stored["country"], facility.uid),
                "name": stored["name"],
                "native_name": stored["native_name"],
                "address": stored["address"],
                "native_address": stored["native_address"],
                "country_id": stored["country"],
            }
            for column, value in zip(key_columns, values[1:], strict=True):
                row[column] = value if isinstance(value, str) else ""
            rows.append([row[c] for c in columns])
        with transaction.atomic(), database.cursor() as cursor:
            cursor.executemany(insert, rows)
        print(f"  {index * CHUNK + size:,} facilities in the database", flush=True)
    with database.cursor() as cursor:
        for _name, sql in indexes:
            cursor.execute(sql)


def service_benchmark(
    existing: int, rows: int, workers: int, cache: str | None, baseline: bool = True
) -> list[tuple[str, dict[str, Any]]]:
    """The real `facility_list_import` on a SQLite database holding the same register (kept in `--cache` for the
    next run when given, else a temporary one)."""
    # Named after the register it holds (size, sample and digest of the stored keys): a database filled with
    # another generator or normaliser (a missing or stale key column) is never reused.
    database_file = (
        Path(cache) / f"service-{_cache_paths(cache, existing, rows)[0].stem}.sqlite3"
        if cache
        else Path(tempfile.mkdtemp(prefix="rsca-bench-")) / "bench.sqlite3"
    )
    reuse = database_file.exists()
    os.environ["DATABASE_URL"] = f"sqlite:///{database_file}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rsca.config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from bench.supplychain_data import Generator, labelled_list
    from rsca.core.models import Organisation
    from rsca.core.seed import seed_countries, seed_divisions, seed_sectors

    started = time.perf_counter()
    connection, sampled, _seconds = build_register(existing, rows, workers, cache)
    if not reuse:
        seed_countries()
        seed_divisions()
        seed_sectors()
        _fill_database(connection, existing)
    connection.close()
    del connection
    gc.collect()
    print(
        f"service register: {existing:,} facilities {'found' if reuse else 'inserted'} in SQLite "
        f"({database_file}) in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    organisation, _created = Organisation.objects.get_or_create(
        slug="bench-buyer", defaults={"name": "Bench Buyer", "type": "enterprise", "enterprise_role": "buyer"}
    )
    generator = Generator(seed=99)
    generator.uid = 10**9
    labelled = labelled_list(generator, sampled, rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["name", "address", "country"])
    for row, _truth, _kind in labelled:
        writer.writerow([row["name"], row["address"], row["country"]])
    data = buffer.getvalue().encode("utf-8")
    warm_up()
    runs = []
    if baseline:
        runs.append(
            (
                "baseline: brand blocked province-wide (previous session)",
                _service_run(organisation, data, labelled, province_wide=True),
            )
        )
    runs.append(("current", _service_run(organisation, data, labelled, province_wide=False)))
    for _title, result in runs:
        result["existing"] = existing
    return runs


def _province_wide(rows: Any) -> dict[str, set[str]]:
    """The previous session's candidate keys: every row meets its brand anywhere in its province, its site, and
    its normalised name anywhere in its country."""
    from rsca.supplychain.normalise import candidate_keys

    rows = list(rows)
    wanted = candidate_keys(rows)
    wanted["block_brand"] = {keys["block_brand"] for _country, keys in rows if keys["block_brand"]}
    wanted["block_brand_city"] = set()
    wanted["name"] = {f"{country}|{keys['match_name']}" for country, keys in rows if keys["match_name"]}
    return wanted


def _service_run(
    organisation: Any, data: bytes, labelled: list[Any], *, province_wide: bool
) -> dict[str, Any]:
    """One timed `facility_list_import`; the baseline's preview is rolled back so both runs see the same data."""
    from contextlib import nullcontext
    from unittest import mock

    from django.db import transaction

    from rsca.supplychain import normalise, services
    from rsca.supplychain.models import FacilityListRow

    normalise._pinyin_run.cache_clear()  # per-input caches: every run starts from the same state
    normalise._CPCA_CACHE.clear()
    gc.collect()
    patch: Any = (
        mock.patch.object(services, "candidate_keys", _province_wide) if province_wide else nullcontext()
    )

    class _Outcome:
        def __init__(self, status: str, facility_id: int | None) -> None:
            self.status, self.facility_id = status, facility_id

    with patch, transaction.atomic():
        with RssSampler() as sampler:
            started, cpu_started = time.perf_counter(), time.process_time()
            report = services.facility_list_import(
                organisation=organisation, source=data, filename="bench.csv", by=None
            )
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        outcomes = {
            r.row_number: _Outcome(r.status, r.facility_id)
            for r in FacilityListRow.objects.filter(upload_id=report.upload_id)
        }
        transaction.set_rollback(True)
    labels = {n: truth for n, (_row, truth, _kind) in enumerate(labelled, start=1)}
    kinds = {n: kind for n, (_row, _truth, kind) in enumerate(labelled, start=1)}
    rows = len(labelled)
    return {
        "rows": rows,
        "seconds": seconds,
        "rows_per_second": rows / seconds,
        "cpu_s": cpu,
        "peak_rss_mb": peak_rss_mb(),
        "import_peak_rss_mb": sampler.peak,
        **evaluate(outcomes, labels, kinds, {}),
    }  # type: ignore[arg-type]


def report(title: str, result: dict[str, Any]) -> None:
    print(f"\n== {title}")
    print(f"list of {result['rows']:,} rows against {result['existing']:,} existing facilities")
    line = f"import time {result['seconds']:.2f} s → {result['rows_per_second']:,.0f} rows/s"
    if "normalise_s" in result:
        line += (
            f" (normalise {result['normalise_s']:.2f} s, fetch {result['candidates']:,} candidates "
            f"{result['fetch_s']:.2f} s, Splink + decisions {result['splink_s']:.2f} s)"
        )
    print(line)
    if "cpu_s" in result:
        line = (
            f"CPU time {result['cpu_s']:.2f} s → {result['rows'] / result['cpu_s']:,.0f} rows per CPU-second"
        )
        if "cpu_normalise_s" in result:
            line += (
                f" (normalise {result['cpu_normalise_s']:.2f}, fetch {result['cpu_fetch_s']:.2f}, "
                f"Splink + decisions {result['cpu_splink_s']:.2f})"
            )
        print(line)
    print(
        f"peak memory during the import {result['import_peak_rss_mb']:,.0f} MB RSS (whole process including the "
        f"bench's own register; lifetime peak {result['peak_rss_mb']:,.0f} MB)"
    )
    print(f"precision of automatic matches {result['precision_auto']:.4f} (goal ≥ 0.99)")
    print(
        f"true duplicates matched automatically {result['recall_auto']:.4f} of {result['duplicates']:,} "
        f"(goal ≥ 0.85)"
    )
    print(
        f"rows sent to review {result['review_share']:.4f}; rows matched automatically {result['auto_share']:.4f};"
        f" sister factories / same-address companies / homophone brands merged automatically: {result['traps_merged']}"
        f" (homophone brands: {result.get('homophones_merged', 0)} of {result.get('homophones', 0)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--existing", type=int, default=1_000_000)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument(
        "--service-existing",
        type=int,
        default=100_000,
        help="size of the SQLite register for the end-to-end service run (0 to skip)",
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-baseline", action="store_true", help="skip the in-run baseline of the engine")
    parser.add_argument(
        "--cache",
        default="",
        help="directory keeping the generated register between runs (e.g. /tmp/rsca-bench)",
    )
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rsca.config.settings")
    if args.existing:
        runs = engine_benchmark(
            args.existing, args.rows, args.workers, args.cache or None, not args.no_baseline
        )
        for title, result in runs:
            report(
                f"Part 1 – matching engine at register scale (DuckDB register, Splink on DuckDB), {title}",
                result,
            )
        if len(runs) == 2:
            base, current = runs[0][1], runs[1][1]
            print(
                f"\nratio current/baseline: rows/s ×{current['rows_per_second'] / base['rows_per_second']:.2f} "
                f"(wall), ×{base['cpu_s'] / current['cpu_s']:.2f} (CPU); candidates "
                f"×{current['candidates'] / max(base['candidates'], 1):.2f}"
            )
    if args.service_existing:
        runs = service_benchmark(
            args.service_existing, args.rows, args.workers, args.cache or None, not args.no_baseline
        )
        for title, result in runs:
            report(f"Part 2 – facility_list_import end to end on SQLite, {title}", result)
        if len(runs) == 2:
            base, current = runs[0][1], runs[1][1]
            print(
                f"\nratio current/baseline (service): rows/s ×{current['rows_per_second'] / base['rows_per_second']:.2f}"
                f" (wall), ×{base['cpu_s'] / current['cpu_s']:.2f} (CPU)"
            )


if __name__ == "__main__":
    main()
