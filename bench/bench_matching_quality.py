"""Matching quality on real facility lists (Open Supply Hub's public brand lists) and on perturbed copies of them.

    .venv/bin/python bench/bench_matching_quality.py [--lists DIR] [--generated 2000] [--seed 7]

1. Every list in `../shared/data/open-supply-hub-lists/` is committed, in turn, into an empty register through
   the real service (`facility_list_import`, SQLite in a temporary directory); refused rows are counted.
2. Every list is sent again as it is (by another organisation, so no stored review decision helps): every row
   must be matched automatically to the facility it created (identical means matched).
3. Every list is sent again with realistic perturbations (`perturb_row`: case, punctuation, legal forms written
   another way, address abbreviations, words dropped or re-ordered, county-level places, Chinese names),
   each row labelled with the facility it must meet.
4. The generator's labelled list (`bench/supplychain_data.py`, `--generated` rows) against its own register.

Printed per country: rows, precision of automatic matches, share of true matches matched automatically, share of
rows sent to review and duplicates created (true matches that became new). Goals (issue 12): identical rows
100 % automatic, precision >= 0.995, >= 90 % of true matches automatic, <= 10 % to review.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import re
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
LISTS = ROOT.parent / "shared" / "data" / "open-supply-hub-lists"


def setup_django(database: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rsca.config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from rsca.core.seed import seed_countries, seed_divisions, seed_sectors

    seed_countries()
    seed_divisions()
    seed_sectors()


@dataclass
class Tally:
    rows: int = 0
    auto: int = 0  # automatic matches
    auto_right: int = 0  # automatic matches to the labelled facility
    true: int = 0  # rows whose labelled facility exists
    true_auto: int = 0
    review: int = 0
    duplicates: int = 0  # true matches that would become a new facility
    new_rows: int = 0
    errors: int = 0
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)  # true matches left to review or made new

    def add(self, other: Tally) -> None:
        for name in (
            "rows",
            "auto",
            "auto_right",
            "true",
            "true_auto",
            "review",
            "duplicates",
            "new_rows",
            "errors",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def line(self, label: str) -> str:
        precision = self.auto_right / self.auto if self.auto else 1.0
        share = self.true_auto / self.true if self.true else 1.0
        review = self.review / self.rows if self.rows else 0.0
        return (
            f"{label:<26} {self.rows:>6} {precision:>9.4f} {share:>9.3f} {review:>8.3f} {self.duplicates:>6} "
            f"{self.errors:>6}"
        )


UNKNOWN = "?"
HEADER = f"{'':<26} {'rows':>6} {'precision':>9} {'true auto':>9} {'review':>8} {'dupl.':>6} {'errors':>6}"


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def to_csv(columns: list[str], rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


# ------------------------------------------------------------------------------------------ perturbations

LEGAL_SWAPS = [
    (r"\bCo\b\.?,? ?Ltd\b\.?", "Company Limited"),
    (r"\bCompany Limited\b", "Co., Ltd."),
    (r"\bLimited\b", "Ltd"),
    (r"\bLtd\b\.?", "Limited"),
    (r"\bJSC\b", "Joint Stock Company"),
    (r"\bJoint Stock Company\b", "JSC"),
    (r"\bCorporation\b", "Corp."),
    (r"\bCorp\b\.?", "Corporation"),
    (r"\bPvt\b\.? Ltd\b\.?", "Private Limited"),
    (r"\bPrivate Limited\b", "Pvt. Ltd."),
    (r"\bInc\b\.?", "Incorporated"),
    (r"^PT\b\.? ", ""),
    (r"\bS\.A\.", "SA"),
]
ADDRESS_SWAPS = [
    (r"\bRoad\b", "Rd"),
    (r"\bRd\.?", "Road"),
    (r"\bStreet\b", "St."),
    (r"\bSt\.? ", "Street "),
    (r"\bAvenue\b", "Ave"),
    (r"\bDistrict\b", "Dist."),
    (r"\bIndustrial Park\b", "IP"),
    (r"\bIndustrial Zone\b", "Industrial Area"),
    (r"\bExport Processing Zone\b", "EPZ"),
    (r"\bEPZ\b", "Export Processing Zone"),
    (r"\bNo\. ?", "#"),
    (r"\bProvince\b", "Prov."),
    (r"\bVillage\b", "Vill."),
    (r"\bBuilding\b", "Bldg"),
]
# County-level places and the prefecture a list may write instead or in addition (GB/T 2260).
COUNTY_PLACES = {
    "Kunshan": "Suzhou",
    "Jiangyin": "Wuxi",
    "Changshu": "Suzhou",
    "Zhangjiagang": "Suzhou",
    "Danyang": "Zhenjiang",
    "Yiwu": "Jinhua",
    "Cixi": "Ningbo",
    "Jinjiang": "Quanzhou",
    "Shishi": "Quanzhou",
}


def perturb_row(row: dict[str, str], rng: random.Random) -> dict[str, str]:
    """A realistic rewrite of a row by another buyer: the same facility, written differently."""
    name, address, country = row["name"], row["address"], row["country"]
    for pattern, replacement in rng.sample(LEGAL_SWAPS, 3):
        if re.search(pattern, name, flags=re.I):
            name = re.sub(pattern, replacement, name, count=1, flags=re.I)
            break
    for pattern, replacement in rng.sample(ADDRESS_SWAPS, 5):
        if re.search(pattern, address, flags=re.I):
            address = re.sub(pattern, replacement, address, count=1, flags=re.I)
    for place, prefecture in COUNTY_PLACES.items():
        if place.lower() in address.lower() and rng.random() < 0.5:
            address = re.sub(rf"\b{place}\b", f"{place}, {prefecture}", address, flags=re.I, count=1)
    choice = rng.random()
    if choice < 0.25:
        name, address = name.upper(), address.upper()
    elif choice < 0.45:
        name, address = name.title(), address.title()
    elif choice < 0.6:
        address = address.replace(",", " ").replace("  ", " ")
    elif choice < 0.7:
        address = re.sub(
            r",\s*(China|Bangladesh|Cambodia|Vietnam|Viet Nam|India|Pakistan|Indonesia)\.?\s*$",
            "",
            address,
            flags=re.I,
        )
    elif choice < 0.8:
        name = re.sub(r"[.,()]", " ", name)
    country = rng.choice([country, country.upper(), country.lower()])
    return {**row, "name": " ".join(name.split()), "address": " ".join(address.split()), "country": country}


# ------------------------------------------------------------------------------------------ running


def score(report: Any, expected: dict[int, str | None], countries: dict[int, str]) -> dict[str, Tally]:
    tallies: dict[str, Tally] = defaultdict(Tally)
    for result in report.rows:
        tally = tallies[countries.get(result.row, "?")]
        want = expected.get(result.row)
        if want == UNKNOWN:  # left to review when the list was first committed: the truth is not known
            continue
        tally.rows += 1
        if result.status == "error":
            tally.errors += 1
            continue
        if want:
            tally.true += 1
        if result.status == "matched":
            tally.auto += 1
            if want and result.facility_id == want:
                tally.auto_right += 1
                tally.true_auto += 1
            else:
                tally.wrong.append(
                    f"row {result.row} {result.name[:50]} -> {result.facility_id} (want {want})"
                )
        elif result.status == "review":
            tally.review += 1
            if want:
                tally.missed.append(f"review row {result.row} {result.name[:60]}")
        else:
            tally.new_rows += 1
            tally.duplicates += bool(want)
            if want:
                tally.missed.append(f"new row {result.row} {result.name[:60]}")
    return tallies


def country_of(row: dict[str, str]) -> str:
    from rsca.core.countries import country_resolve

    return country_resolve(row.get("country", "")) or "?"


def run(lists: Path, generated: int, seed: int, verbose: bool, fit: bool = True) -> int:
    from rsca.core.models import Organisation
    from rsca.supplychain.services import ImportRejected, facility_list_import

    def organisation(slug: str) -> Organisation:
        return Organisation.objects.get_or_create(
            slug=slug, defaults={"name": slug, "type": "enterprise", "enterprise_role": "buyer"}
        )[0]

    files = sorted(lists.glob("list-*.csv"), key=lambda p: int(p.stem.split("-")[1]))
    first = organisation("bench-first")
    print(f"1. commit {len(files)} lists into an empty register", flush=True)
    refused_rows = refused_lists = committed = 0
    expected: dict[str, dict[int, str | None]] = {}
    started = time.perf_counter()
    for path in files:
        columns, rows = read_rows(path)
        try:
            report = facility_list_import(
                organisation=first, source=path.read_bytes(), filename=path.name, by=None, commit=True
            )
        except ImportRejected as rejected:
            bad = [r for r in rejected.report.rows if r.status == "error"]
            refused_rows += len(bad)
            refused_lists += 1
            print(f"   {path.name}: refused, {len(bad)} row(s) in error, e.g. {bad[0].errors[0]['message']}")
            continue
        committed += len(report.rows)
        expected[path.name] = {r.row: r.facility_id or UNKNOWN for r in report.rows}
        totals = report.totals
        if verbose:
            print(f"   {path.name}: {totals}")
    print(
        f"   {committed} rows committed, {refused_lists} list(s) refused ({refused_rows} rows in error), "
        f"{time.perf_counter() - started:.1f} s"
    )
    if fit:
        from rsca.supplychain.services import matching_model_fit

        started = time.perf_counter()
        model = matching_model_fit()
        print(
            f"   matching model v{model.pk} fitted on {model.facilities} facilities ({model.labelled_pairs} "
            f"labelled pairs) in {time.perf_counter() - started:.1f} s"
        )

    overall: dict[str, Tally] = {}
    for label, transform in (("2. identical", None), ("3. perturbed", "perturb")):
        rng = random.Random(seed)
        again = organisation(f"bench-{transform or 'identical'}")
        per_country: dict[str, Tally] = defaultdict(Tally)
        started = time.perf_counter()
        count = 0
        for path in files:
            if path.name not in expected:
                continue
            columns, rows = read_rows(path)
            if transform:
                rows = [perturb_row(r, rng) for r in rows]
            countries = {i: country_of(r) for i, r in enumerate(rows, 1)}
            report = facility_list_import(
                organisation=again, source=to_csv(columns, rows), filename=path.name, by=None
            )
            count += len(rows)
            for country, tally in score(report, expected[path.name], countries).items():
                per_country[country].add(tally)
                per_country[country].wrong.extend(f"{path.name} {w}" for w in tally.wrong)
                per_country[country].missed.extend(f"{path.name} {w}" for w in tally.missed)
        print(f"\n{label} ({count} rows, {count / max(time.perf_counter() - started, 1e-9):.0f} rows/s)")
        print(HEADER)
        total = Tally()
        for country in sorted(per_country):
            print(per_country[country].line(country))
            total.add(per_country[country])
        print(total.line("all"))
        overall[label] = total
        if verbose:
            for tallies in per_country.values():
                for wrong in tallies.wrong[:20]:
                    print("   wrong:", wrong)
                for missed in tallies.missed[:30]:
                    print("   missed:", missed)
    if generated:
        overall["4. generated"] = generated_run(generated, seed, organisation("bench-generated"), fit)
    identical = overall["2. identical"]
    ok = refused_rows == 0 and identical.true_auto == identical.true and identical.rows > 0
    print(
        f"\nidentical rows matched automatically: {identical.true_auto}/{identical.true} "
        f"({'OK' if ok else 'FAILS'})"
    )
    return 0 if ok else 1


def generated_run(rows: int, seed: int, organisation: Any, fit: bool) -> Tally:
    """The generator's labelled list against a register of its own facilities (inserted through the ORM)."""
    from bench.supplychain_data import Generator, labelled_list
    from rsca.supplychain.models import Facility
    from rsca.supplychain.services import facility_list_import

    generator = Generator(seed=1000 + seed)
    register = [generator.facility() for _ in range(rows)]
    ids: dict[int, str] = {}
    for gen in register:
        stored = generator.stored(gen)
        facility = Facility(
            name=stored["name"],
            native_name=stored["native_name"],
            address=stored["address"],
            native_address=stored["native_address"],
            country_id=stored["country"],
        )
        facility.save()
        ids[gen.uid] = facility.public_id
    if fit:  # the register has grown: fitted again, as the platform does when a commit grows it by a quarter
        from rsca.supplychain.services import matching_model_fit

        model = matching_model_fit()
        print(f"\n   matching model v{model.pk} fitted on {model.facilities} facilities")
    other = Generator(seed=seed)
    other.uid = 10**9
    labelled = labelled_list(other, register, rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["name", "address", "country"])
    expected: dict[int, str | None] = {}
    countries: dict[int, str] = {}
    for number, (record, truth, _kind) in enumerate(labelled, 1):
        writer.writerow([record["name"], record["address"], record["country"]])
        expected[number] = ids.get(truth) if truth is not None else None
        countries[number] = country_of(record)
    started = time.perf_counter()
    report = facility_list_import(
        organisation=organisation, source=buffer.getvalue().encode(), filename="generated.csv", by=None
    )
    print(
        f"\n4. generated ({len(labelled)} rows against {rows} facilities, "
        f"{len(labelled) / max(time.perf_counter() - started, 1e-9):.0f} rows/s)"
    )
    print(HEADER)
    total = Tally()
    for country, tally in sorted(score(report, expected, countries).items()):
        print(tally.line(country))
        total.add(tally)
    print(total.line("all"))
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lists", type=Path, default=LISTS)
    parser.add_argument("--generated", type=int, default=2000, help="rows of the generated set (0: skip)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--no-fit", action="store_true", help="keep the default m/u (no Splink estimation)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rsca-quality-") as directory:
        setup_django(Path(directory) / "quality.sqlite3")
        return run(args.lists, args.generated, args.seed, args.verbose, fit=not args.no_fit)


if __name__ == "__main__":
    sys.exit(main())
