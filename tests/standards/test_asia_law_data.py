"""The labour-law data of Viet Nam, Thailand, the Philippines, Myanmar and Japan.

Minimum wages (`data/minimum_wages/{VN,TH,PH,MM,JP}.yaml`) keep the contract of MINWAGE_FORMAT.md, every
first-level division resolves on every month since 2020-01-01 or is listed as a gap, and hand-checked values
match the decree, notification or wage order they cite. Thresholds and instruments (`data/thresholds/*.yaml`,
`data/instruments/*.yaml`) load with parameters and provisions that exist.

Plain YAML checks with a small reading of the format (no database); `rsca seed` loads the same files (tested in
test_data.py and the engine's own tests).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from importlib.resources import files
from pathlib import Path
from typing import Any

import pycountry
import pytest
import yaml

from rsca.standards.parameters import PARAMETERS

DATA = Path(str(files("rsca.standards"))) / "data"
WAGES = DATA / "minimum_wages"
COUNTRIES = {"VN": "VND", "TH": "THB", "PH": "PHP", "MM": "MMK", "JP": "JPY"}
PRESENT = [c for c in COUNTRIES if (WAGES / f"{c}.yaml").exists()]
START = dt.date(2020, 1, 1)
CHECKED = dt.date(2026, 12, 3)
NOTICE_KEYS = {
    "key",
    "title_en",
    "title_zh",
    "number",
    "issued_on",
    "url",
    "confirmed",
    "tried",
    "checked_on",
}


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# Thailand has 17 and Japan up to 41 amounts in a period; the parser accepts up to MAX_TIERS (99), so both are
# loaded from the main folder; pending/ stays as the place for a file the parser cannot take yet.
PENDING = WAGES / "pending"


def _wages(country: str) -> dict[str, Any]:
    path = WAGES / f"{country}.yaml"
    if not path.exists():
        path = PENDING / f"{country}.yaml"
    if not path.exists():
        pytest.fail(f"{path.name} is missing")
    data = _load(path)
    assert isinstance(data, dict), f"{path.name}: top level is not a mapping"
    return data


# ---------------------------------------------------------------- a reading of the format


@dataclass(frozen=True)
class Answer:
    known: bool
    tier: dict[str, Any] | None = None
    notice: str = ""
    reason: str = ""  # "gap", "after known_until", "before data", "not listed"

    def amount(self, kind: str) -> Decimal | None:
        assert self.tier is not None, self.reason
        value = self.tier.get(kind)
        return None if value is None else Decimal(str(value))


def _chain(code: str) -> list[str]:
    head, _sep, local = code.partition(":")
    chain = [code] if local else []
    current: str | None = head
    while current and "-" in current:
        chain.append(current)
        sub = pycountry.subdivisions.get(code=current)
        current = getattr(sub, "parent_code", None) if sub is not None else None
    chain.append(head.split("-")[0])
    return chain


def resolve(data: dict[str, Any], code: str, on: dt.date) -> Answer:
    """Snapshot periods; the most specific code that is listed or named in an active gap decides."""
    known_until = (data.get("known_until") or {}).get("date")
    if known_until and on > known_until:
        return Answer(False, reason="after known_until")
    periods = [p for p in data["periods"] if p["effective_from"] <= on]
    if not periods:
        return Answer(False, reason="before data")
    period = periods[-1]
    gaps = [g for g in data.get("gaps") or [] if g["from"] <= on and (g["until"] is None or on <= g["until"])]
    for link in _chain(code):
        for tier in period["tiers"]:
            if link in tier["divisions"]:
                return Answer(True, tier=tier, notice=tier.get("notice") or period["notice"])
        if any(link in g["divisions"] for g in gaps):
            return Answer(False, reason="gap")
    return Answer(False, reason="not listed")


def _months() -> list[dt.date]:
    out, day = [], START
    while day <= CHECKED:
        out.append(day)
        day = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return out


def _first_level(country: str) -> list[str]:
    return sorted(s.code for s in pycountry.subdivisions.get(country_code=country) if s.parent_code is None)


# ---------------------------------------------------------------- the contract


@pytest.mark.parametrize("country", list(COUNTRIES))
def test_file_exists_and_keeps_the_contract(country: str) -> None:
    data = _wages(country)
    name = f"{country}.yaml"
    assert data["jurisdiction"] == country and data["currency"] == COUNTRIES[country]
    assert data["name_en"] and data["name_zh"]
    keys = [n["key"] for n in data["notices"]]
    assert len(keys) == len(set(keys)), f"{name}: duplicate notice key"
    for notice in data["notices"]:
        where = f"{name} notice {notice['key']}"
        assert set(notice) >= NOTICE_KEYS, f"{where}: missing {NOTICE_KEYS - set(notice)}"
        assert str(notice["url"]).startswith(("http://", "https://")), where
        assert isinstance(notice["confirmed"], bool), where
        if not notice["confirmed"]:
            assert len(str(notice["tried"]).strip()) > 40, (
                f"{where}: an unconfirmed notice says what was tried"
            )
        assert notice["issued_on"] is None or isinstance(notice["issued_on"], dt.date), where
        assert notice["checked_on"] == CHECKED, where
    starts = [p["effective_from"] for p in data["periods"]]
    assert starts == sorted(set(starts)), f"{name}: periods out of order or repeated"
    assert starts[0] <= START, f"{name}: the first period starts after 2020-01-01"
    for period in data["periods"]:
        where = f"{name} period {period['effective_from']}"
        assert period["notice"] in keys, where
        numbers = [t["tier"] for t in period["tiers"]]
        assert numbers == sorted(set(numbers)) and numbers[0] == 1, f"{where}: tiers numbered 1.. in order"
        amounts = [
            next(Decimal(str(t[k])) for k in ("monthly", "daily", "hourly") if t.get(k) is not None)
            for t in period["tiers"]
        ]
        assert amounts == sorted(amounts, reverse=True), f"{where}: tier 1 is the highest"
        seen: set[str] = set()
        for tier in period["tiers"]:
            assert tier.get("notice", period["notice"]) in keys, where
            assert tier["divisions"] and not seen & set(tier["divisions"]), (
                f"{where}: a division in two tiers"
            )
            seen |= set(tier["divisions"])
            for division in tier["divisions"]:
                head = division.partition(":")[0]
                assert head == country or pycountry.subdivisions.get(code=head) is not None, (
                    f"{where}: {division}"
                )
                if ":" in division:
                    assert division in tier.get("division_names", {}), f"{where}: {division} has no name"
            for value in (tier.get(k) for k in ("monthly", "hourly", "daily")):
                assert value is None or (isinstance(value, int) and value > 0), where
    for gap in data.get("gaps") or []:
        assert gap["divisions"] and gap["tried"] and isinstance(gap["from"], dt.date), f"{name}: gap {gap}"
        assert gap["until"] is None or gap["until"] >= gap["from"], f"{name}: gap {gap}"


@pytest.mark.parametrize("country", list(COUNTRIES))
def test_every_first_level_division_resolves_every_month_or_is_a_listed_gap(country: str) -> None:
    data = _wages(country)
    undocumented = [
        (code, day)
        for day in _months()
        for code in _first_level(country)
        if resolve(data, code, day).reason == "not listed"
    ]
    assert not undocumented, (
        f"{country}: unknown without a gap entry: {undocumented[:5]} ({len(undocumented)})"
    )


def test_coverage_figures_are_what_the_data_claims() -> None:
    """Pins the coverage (divisions x months resolved) so that a data change that loses places is seen."""
    resolved = {}
    for country in COUNTRIES:
        data = _wages(country)
        cells = [(code, day) for day in _months() for code in _first_level(country)]
        resolved[country] = sum(resolve(data, code, day).known for code, day in cells) / len(cells)
    assert resolved["MM"] == 1.0 and resolved["TH"] == 1.0
    assert resolved["JP"] > 0.9  # unknown only while a revision's day was not found, and from October 2026
    assert (
        resolved["PH"] >= 1 / 17
    )  # NCR on every month; the other regions are split or not researched (gaps)
    assert resolved["VN"] >= 4 / 63 * 0.8  # HCMC, Hanoi, Hai Phong, Binh Duong until mid-2025, see the gaps


def test_viet_nam_after_the_merger_keeps_the_former_provinces_as_places() -> None:
    data = _wages("VN")
    assert data["merger"]["effective_from"] == dt.date(2025, 7, 1)
    assert data["merger"]["first_level_units"] == 34
    assert len(_first_level("VN")) == 63  # ISO 3166-2 still lists the former provinces, used as place codes


# ---------------------------------------------------------------- hand-checked values


@pytest.mark.parametrize(
    ("code", "on", "kind", "expected", "notice"),
    [
        # Decree 90/2019/ND-CP art. 3(1)(a): Region I VND 4,420,000 a month; HCMC's districts are Region I, Can Gio II.
        ("VN-SG", dt.date(2020, 1, 1), "monthly", 4420000, "vn-nd-90-2019"),
        ("VN-SG:787", dt.date(2022, 6, 30), "monthly", 3920000, "vn-nd-90-2019"),
        # Decree 38/2022/ND-CP art. 3: Region I 4,680,000 a month, 22,500 an hour from 1 July 2022.
        ("VN-SG", dt.date(2022, 7, 1), "monthly", 4680000, "vn-nd-38-2022"),
        ("VN-SG", dt.date(2022, 7, 1), "hourly", 22500, "vn-nd-38-2022"),
        # Decree 74/2024/ND-CP art. 3: Region I 4,960,000 / 23,800; Region II 4,410,000 / 21,200 from 1 July 2024.
        ("VN-SG", dt.date(2024, 7, 1), "monthly", 4960000, "vn-nd-74-2024"),
        ("VN-SG", dt.date(2024, 7, 1), "hourly", 23800, "vn-nd-74-2024"),
        ("VN-HN:250", dt.date(2024, 7, 1), "monthly", 4960000, "vn-nd-74-2024"),  # Me Linh district: Region I
        ("VN-HN:271", dt.date(2024, 7, 1), "monthly", 4410000, "vn-nd-74-2024"),  # Ba Vi district: Region II
        (
            "VN-57:726",
            dt.date(2023, 1, 1),
            "monthly",
            4680000,
            "vn-nd-38-2022",
        ),  # Bac Tan Uyen, Binh Duong: Region I
        (
            "VN-HP:318",
            dt.date(2023, 1, 1),
            "monthly",
            4160000,
            "vn-nd-38-2022",
        ),  # Bach Long Vi, Hai Phong: Region II
        # From 1 July 2025 the Decree 74/2024 amounts by commune (Decree 128/2025); old Binh Duong is Region I.
        ("VN-57", dt.date(2025, 9, 1), "monthly", 4960000, "vn-nd-74-2024"),
        # Decree 293/2025/ND-CP: Region I 5,310,000 a month from 1 January 2026 (former District 1 of HCMC).
        ("VN-SG:760", dt.date(2026, 1, 1), "monthly", 5310000, "vn-nd-293-2025"),
        # Thailand, Samut Prakan: No. 10 331 (1 Jan 2020), No. 11 353 (1 Oct 2022), 363 (1 Jan 2024), 372 (1 Jan 2025).
        ("TH-11", dt.date(2020, 1, 1), "daily", 331, "th-wc-10"),
        ("TH-11", dt.date(2022, 9, 30), "daily", 331, "th-wc-10"),
        ("TH-11", dt.date(2022, 10, 1), "daily", 353, "th-wc-11"),
        ("TH-11", dt.date(2024, 1, 1), "daily", 363, "th-wc-2024"),
        ("TH-11", dt.date(2025, 1, 1), "daily", 372, "th-wc-2025-01"),
        (
            "TH-11",
            dt.date(2025, 7, 1),
            "daily",
            372,
            "th-wc-2025-07",
        ),  # only Bangkok went to 400 on 1 July 2025
        ("TH-10", dt.date(2025, 7, 1), "daily", 400, "th-wc-2025-07"),
        ("TH-50:5001", dt.date(2025, 3, 1), "daily", 380, "th-wc-2025-01"),  # Mueang Chiang Mai district
        ("TH-50", dt.date(2025, 3, 1), "daily", 357, "th-wc-2025-01"),  # the rest of Chiang Mai
        ("TH-S", dt.date(2025, 3, 1), "daily", 400, "th-wc-2025-01"),  # Pattaya lies in Chon Buri
        # NCR non-agriculture: NCR-22 537, NCR-23 570 (4 June 2022), NCR-24 610 (16 July 2023), NCR-25 645, NCR-26 695.
        ("PH-00", dt.date(2022, 6, 3), "daily", 537, "ph-ncr-22"),
        ("PH-00", dt.date(2022, 6, 4), "daily", 570, "ph-ncr-23"),
        ("PH-00", dt.date(2023, 7, 16), "daily", 610, "ph-ncr-24"),
        ("PH-00", dt.date(2024, 7, 17), "daily", 645, "ph-ncr-25"),
        ("PH-00", dt.date(2025, 7, 18), "daily", 695, "ph-ncr-26"),
        # RBIII-25: Pampanga 525 from 17 Oct 2024, 550 from 16 April 2025; Aurora 500 from 16 April 2025.
        ("PH-PAM", dt.date(2024, 10, 17), "daily", 525, "ph-rbiii-25"),
        ("PH-PAM", dt.date(2025, 4, 16), "daily", 550, "ph-rbiii-25"),
        ("PH-AUR", dt.date(2025, 4, 16), "daily", 500, "ph-rbiii-25"),
        # ROVII-26: 500 outside the Class A localities of Cebu from 4 Oct 2025.
        ("PH-BOH", dt.date(2025, 10, 4), "daily", 500, "ph-rovii-26"),
        # Myanmar Notification 2/2018: MMK 4,800 for 8 hours (600 an hour), unchanged by the allowances.
        ("MM-06", dt.date(2024, 8, 1), "daily", 4800, "mm-ncmw-2-2018"),
        ("MM-06", dt.date(2020, 1, 1), "hourly", 600, "mm-ncmw-2-2018"),
        # Tokyo, October of each year (MHLW table): 1,013 kept in FY2020; 1,041; 1,072; 1,113; 1,163; 1,226 from 3 Oct 2025.
        ("JP-13", dt.date(2020, 10, 15), "hourly", 1013, "jp-r2"),
        ("JP-13", dt.date(2021, 10, 1), "hourly", 1041, "jp-r3"),
        ("JP-13", dt.date(2022, 10, 1), "hourly", 1072, "jp-r4"),
        ("JP-13", dt.date(2023, 10, 1), "hourly", 1113, "jp-r5"),
        ("JP-13", dt.date(2024, 10, 1), "hourly", 1163, "jp-r6"),
        ("JP-13", dt.date(2025, 10, 2), "hourly", 1163, "jp-r7"),  # period opened by another prefecture's day
        ("JP-13", dt.date(2025, 10, 3), "hourly", 1226, "jp-r7"),
        (
            "JP-05",
            dt.date(2026, 3, 30),
            "hourly",
            951,
            "jp-r7",
        ),  # Akita's FY2025 amount only from 31 March 2026
        ("JP-05", dt.date(2026, 3, 31), "hourly", 1031, "jp-r7"),
    ],
)
def test_hand_checked_values(code: str, on: dt.date, kind: str, expected: int, notice: str) -> None:
    data = _wages(code[:2])
    answer = resolve(data, code, on)
    assert answer.known, f"{code} on {on}: {answer.reason}"
    assert answer.amount(kind) == expected
    assert notice in {
        answer.notice,
        next(p for p in reversed(data["periods"]) if p["effective_from"] <= on)["notice"],
    }


@pytest.mark.parametrize(
    ("code", "on", "reason"),
    [
        ("VN-HN:273", dt.date(2025, 8, 1), "gap"),  # former Dan Phuong district, split by the commune lists
        ("VN-SG", dt.date(2026, 2, 1), "gap"),  # final Decree 293/2025 lists not found
        (
            "VN-SG:787",
            dt.date(2026, 2, 1),
            "gap",
        ),  # Can Gio is not in the found Region I wards: no fall-back to HCMC
        ("VN-31", dt.date(2023, 1, 1), "gap"),  # Binh Dinh: appendix not found
        ("PH-40", dt.date(2025, 1, 1), "gap"),  # CALABARZON: rates by municipality class
        ("PH-CEB", dt.date(2025, 11, 1), "gap"),  # Cebu: Class A and other localities
        ("PH-PAM", dt.date(2024, 1, 1), "gap"),  # RBIII-24 rates not found
        ("JP-13", dt.date(2026, 10, 15), "after known_until"),  # FY2026 revision not found
        ("JP-40", dt.date(2021, 10, 5), "gap"),  # Fukuoka's FY2021 day not found (all in force by 8 Oct)
    ],
)
def test_unknown_values_are_reported_as_unknown_not_as_another_place(
    code: str, on: dt.date, reason: str
) -> None:
    answer = resolve(_wages(code[:2]), code, on)
    assert not answer.known and answer.reason == reason


def test_myanmar_allowances_are_recorded_on_top_of_the_minimum_wage() -> None:
    periods = {p["effective_from"]: p for p in _wages("MM")["periods"]}
    assert [periods[d]["allowance_daily"] for d in sorted(periods)] == [0, 1000, 2000, 3000]
    assert min(periods) == START and dt.date(2025, 10, 1) in periods


# ---------------------------------------------------------------- thresholds and instruments


def _instruments() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in [DATA / "instruments.yaml", *sorted((DATA / "instruments").glob("*.yaml"))]:
        for item in _load(path):
            code = item.get("extends") or item["code"]  # `extends` adds provisions to a main-file instrument
            found.setdefault(code, set()).update(p["ref"] for p in item.get("provisions", []))
    return found


@pytest.mark.parametrize("country", list(COUNTRIES))
def test_thresholds_use_known_parameters_and_existing_provisions(country: str) -> None:
    path = DATA / "thresholds" / f"{country}.yaml"
    instruments = _instruments()
    groups = _load(path)
    assert isinstance(groups, list) and groups, path.name
    for group in groups:
        jurisdiction = group["jurisdiction"]
        assert jurisdiction == country or jurisdiction.startswith(f"{country}-"), path.name
        for value in group["values"]:
            where = f"{path.name} {jurisdiction} {value['parameter']} {value['effective_from']}"
            assert value["parameter"] in PARAMETERS, where
            assert isinstance(value["effective_from"], dt.date), where
            assert str(value["source_url"]).startswith("https://"), where
            if PARAMETERS[value["parameter"]].monetary:
                assert value["currency"] == COUNTRIES[country], where
            if value.get("confirmed") is False:
                assert value.get("note_en") and value.get("note_zh"), f"{where}: unconfirmed needs a note"
            assert value["provisions"], where
            for ref in value["provisions"]:
                code, _sep, reference = ref.partition(" ")
                assert reference in instruments.get(code, set()), f"{where}: unknown provision {ref}"


def test_instrument_files_name_one_country_each() -> None:
    for path in sorted((DATA / "instruments").glob("*.yaml")):
        main = {item["code"] for item in _load(DATA / "instruments.yaml")}
        for item in _load(path):
            if item.get("extends"):
                assert item["extends"] in main and item["extends"].startswith(f"{path.stem}-"), item[
                    "extends"
                ]
                assert item["provisions"], item["extends"]
                continue
            assert item["jurisdiction"] == path.stem and item["code"].startswith(f"{path.stem}-"), item[
                "code"
            ]
            assert item["code"] not in main, f"{item['code']} is already in instruments.yaml"
            assert item["url"].startswith(("http://", "https://")) and item["provisions"], item["code"]


# ---------------------------------------------------------------- loading through rsca seed


@pytest.mark.django_db
def test_seed_loads_the_country_files_and_is_idempotent() -> None:
    from rsca.standards.models import Provision, Threshold
    from rsca.standards.seed import standards_load

    def snapshot() -> tuple[list[tuple[str, str, int]], int]:
        provisions = list(
            Provision.objects.filter(instrument__code="VN-LABOUR-CODE-2019")
            .values_list("instrument__code", "reference", "order")
            .order_by("order")
        )
        return provisions, Threshold.objects.count()

    first = snapshot()
    standards_load()
    assert snapshot() == first  # the session seed already ran once: a second load changes nothing
    refs = [ref for _code, ref, _order in first[0]]
    assert refs.index("art. 98(2)–(3)") > refs.index("art. 98")  # added provisions come after the main file's
    night = Threshold.objects.get(
        jurisdiction__code="VN", parameter="night_work_premium", effective_from=dt.date(2021, 1, 1)
    )
    assert night.value == 130 and not night.confirmed
    assert {p.reference for p in night.provisions.all()} == {"art. 98(2)–(3)", "art. 106"}


@pytest.mark.django_db
def test_a_country_file_extending_an_unknown_instrument_is_refused_naming_the_file() -> None:
    from rsca.core.errors import InvalidInput
    from rsca.standards.seed import seed_instruments

    with pytest.raises(InvalidInput) as error:
        seed_instruments([{"extends": "XX-NO-SUCH-LAW", "provisions": []}], file="instruments/XX")
    assert "instruments/XX.yaml" in error.value.message and "XX-NO-SUCH-LAW" in error.value.message
