"""The minimum-wage data files (src/rsca/standards/data/minimum_wages/CN-*.yaml) keep the contract of
/work/coord/MINWAGE_FORMAT.md, and a hand-checked value per priority province matches the notice it cites.

Plain YAML checks (no loader, no database): the engine's loader is tested separately.
"""

import csv
import datetime as dt
from decimal import Decimal
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
import yaml

DATA_DIR = Path(str(files("rsca.standards"))) / "data" / "minimum_wages"
# Provinces with no value the engine can resolve yet live in unresolved/ (the loader reads only the main folder).
CN_FILES = sorted([*DATA_DIR.glob("CN-*.yaml"), *(DATA_DIR / "unresolved").glob("CN-*.yaml")])
NOTICE_KEYS = {"key", "title_zh", "title_en", "number", "issued_on", "url", "confirmed", "tried"}
TIER_KEYS = {"tier", "monthly", "hourly", "daily", "divisions"}
PROGRAMME_START = dt.date(2017, 12, 1)


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: top level is not a mapping"
    return data


def _divisions() -> list[dict[str, str]]:
    with (Path(str(files("rsca.core"))) / "data" / "cn_divisions.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _known_prefecture_codes() -> set[str]:
    return {row["code"] for row in _divisions()}


def test_every_province_has_a_file() -> None:
    provinces = {f"CN-{row['code'][:2]}" for row in _divisions() if row["level"] == "province"}
    assert len(provinces) == 31
    assert {p.stem for p in CN_FILES} == provinces


@pytest.mark.parametrize("path", CN_FILES, ids=lambda p: p.stem)
def test_file_keeps_the_contract(path: Path) -> None:
    data = _load(path)
    prefix = path.stem.removeprefix("CN-")
    assert data["jurisdiction"] == path.stem
    assert data["currency"] == "CNY"
    assert data["name_en"] and data["name_zh"]

    keys = [n["key"] for n in data["notices"]]
    assert len(keys) == len(set(keys)), f"{path.name}: duplicate notice key"
    for n in data["notices"]:
        where = f"{path.name} notice {n.get('key')}"
        assert set(n) >= NOTICE_KEYS, f"{where}: missing {NOTICE_KEYS - set(n)}"
        assert str(n["url"]).startswith(("http://", "https://")), f"{where}: url"
        assert isinstance(n["confirmed"], bool), f"{where}: confirmed must be true/false"
        if not n["confirmed"]:
            assert str(n["tried"]).strip(), f"{where}: unconfirmed notice must say what was tried"
        assert isinstance(n["issued_on"], dt.date) or n["issued_on"] is None, f"{where}: issued_on"
        assert n["checked_on"] == dt.date(2026, 12, 3) or isinstance(n["checked_on"], dt.date)

    prefectures = _known_prefecture_codes()
    loaded = path.parent == DATA_DIR
    assert bool(data["periods"]) == loaded, (
        f"{path.name}: main-folder files need periods, unresolved/ ones none"
    )
    for period in data["periods"]:
        assert period["tiers"], f"{path.name} {period['effective_from']}: a loaded period needs tiers"
    previous: dt.date | None = None
    for period in sorted(
        data["periods"] + data.get("unresolved_periods", []), key=lambda p: p["effective_from"]
    ):
        start = period["effective_from"]
        where = f"{path.name} period {start}"
        assert isinstance(start, dt.date), f"{where}: effective_from is not a date"
        assert previous is None or start > previous, f"{where}: periods out of date order"
        previous = start
        assert period["notice"] in keys, f"{where}: notice {period['notice']!r} is not listed"
        tiers = period["tiers"]
        numbers = [t["tier"] for t in tiers]
        assert numbers == sorted(set(numbers)) and all(1 <= n <= 9 for n in numbers), (
            f"{where}: tiers {numbers}"
        )
        seen: dict[str, int] = {}
        for t in tiers:
            assert t.get("notice", period["notice"]) in keys, (
                f"{where}: tier notice {t.get('notice')!r} not listed"
            )
            assert set(t) >= TIER_KEYS, f"{where} tier {t.get('tier')}: missing {TIER_KEYS - set(t)}"
            assert t["divisions"], (
                f"{where} tier {t['tier']}: no divisions (keep unplaced amounts in the note)"
            )
            assert any(t[f] is not None for f in ("monthly", "hourly", "daily")), (
                f"{where}: tier without amount"
            )
            if t["monthly"] is not None and t["hourly"] is not None:
                assert t["monthly"] > t["hourly"], f"{where} tier {t['tier']}: monthly <= hourly"
            for code in t["divisions"]:
                assert isinstance(code, str) and len(code) == 6 and code.isdigit(), f"{where}: code {code!r}"
                assert code.startswith(prefix), f"{where}: {code} is not in province {prefix}"
                if code.endswith("00") and code != f"{prefix}0000":
                    assert code in prefectures, f"{where}: {code} is not a known prefecture"
                assert code not in seen, f"{where}: {code} in tiers {seen[code]} and {t['tier']}"
                seen[code] = t["tier"]
        for upper, lower in zip(tiers, tiers[1:], strict=False):
            for field in ("monthly", "hourly"):
                if upper[field] is not None and lower[field] is not None:
                    assert upper[field] >= lower[field], f"{where}: tier {upper['tier']} {field} < next tier"

    # A loaded period ends where the next loaded one starts, so every period held back (unknown or of unknown
    # end) must come before the first loaded one: otherwise a loaded value would run on over an unknown span.
    if data["periods"] and data.get("unresolved_periods"):
        first_loaded = data["periods"][0]["effective_from"]
        late = [p["effective_from"] for p in data["unresolved_periods"] if p["effective_from"] > first_loaded]
        assert not late, f"{path.name}: loaded values would run on over the unknown spans from {late}"
    if data.get("unresolved_periods") or not data["periods"]:
        assert data.get("gaps"), f"{path.name}: unknown values must be listed in gaps"
    for gap in data.get("gaps", []):
        assert {"place", "from", "tried"} <= set(gap), f"{path.name}: gap {gap} lacks place/from/tried"

    for wc in data.get("wage_components", []):
        assert wc["notice"] in keys, f"{path.name}: wage_components notice {wc['notice']!r} is not listed"
        assert isinstance(wc["social_insurance_included"], bool | None)


def _value(
    province: str, code: str, on: dt.date
) -> tuple[int | float | None, int | float | None, str | None]:
    """The (monthly, hourly, notice key) in force for a division code on a date, walking
    county -> prefecture -> province as MINWAGE_FORMAT.md describes (a test helper, not the engine);
    (None, None, None) when the value is unknown."""
    path = DATA_DIR / f"{province}.yaml"
    if not path.exists():
        return None, None, None
    data = _load(path)
    periods = [p for p in data["periods"] + data.get("unresolved_periods", []) if p["effective_from"] <= on]
    if not periods:
        return None, None, None
    period = max(periods, key=lambda p: p["effective_from"])
    for candidate in (code, code[:4] + "00", code[:2] + "0000"):
        for t in period["tiers"] if period in data["periods"] else []:
            if candidate in t["divisions"]:
                return t["monthly"], t["hourly"], period["notice"]
    return None, None, None


@pytest.mark.parametrize(
    ("province", "code", "on", "monthly", "hourly", "source"),
    [
        # Guangdong provincial notice of 2018-06-20 (table as reproduced by Jieyang; China Briefing), from
        # 2018-07-01: Dongguan, second category, 1,720 / 16.4.
        ("CN-44", "441900", dt.date(2019, 3, 1), 1720, 16.4, "gd-2018"),
        # Guangdong 2021 notice (南方日报 2021-11-27), from 2021-12-01: Zhanjiang moved to the third category,
        # 1,720 / 17.0; Shenzhen 2,360 / 22.2 from 2022-01-01 (China Briefing).
        ("CN-44", "440306", dt.date(2022, 6, 30), 2360, 22.2, "gd-2021"),
        ("CN-44", "440800", dt.date(2022, 1, 1), 1720, 17.0, "gd-2021"),
        # Guangdong 粤府函〔2015〕20号, in force on the programme start: Shantou third category 1,350 / 13.3.
        ("CN-44", "440500", dt.date(2017, 12, 1), 1350, 13.3, "gd-2015"),
        # Zhuhai raised its own second-category level to 1,650 / 15.8 in 2015 (report of the 2015 adjustment).
        ("CN-44", "440402", dt.date(2018, 6, 30), 1650, 15.8, "gd-2015"),
        # Shanghai 沪人社规〔2017〕12号 (2017-03-31), from 2017-04-01: 2,300 / 20, any district.
        ("CN-31", "310115", dt.date(2017, 12, 1), 2300, 20, "sh-2017"),
        # Shanghai bureau notice of 2018-03-16 (shio.gov.cn), from 2018-04-01: 2,420 / 21; one day before: 2,300.
        ("CN-31", "310000", dt.date(2018, 4, 1), 2420, 21, "sh-2018"),
        ("CN-31", "310000", dt.date(2018, 3, 31), 2300, 20, "sh-2017"),
        # Beijing 2018 adjustment (announced 2018-06-29), from 2018-09-01: 2,120 / 24.
        ("CN-11", "110105", dt.date(2019, 6, 30), 2120, 24, "bj-2018"),
        # Beijing 2023 adjustment (MOHRSS table of 2023-10-01 via ccr.cn), from 2023-09-01: 2,420 / 26.4.
        ("CN-11", "110000", dt.date(2024, 1, 1), 2420, 26.4, "bj-2023"),
        # Jiangsu 2021 adjustment (announced 2021-07-28), from 2021-08-01 first class 2,280; Kunshan is first
        # class by Suzhou's implementing notice (苏人社发〔2015〕422号); hourly not found.
        ("CN-32", "320583", dt.date(2022, 3, 1), 2280, None, "js-2021"),
        # Jiangsu from 2018-08-01 (SGS 167/18: Suzhou 1,890 -> 2,020): Wuxi first class per the MOHRSS table of
        # 2020-04-26; one day before, Suzhou still 1,890 (SGS 121/17).
        ("CN-32", "320200", dt.date(2019, 3, 1), 2020, None, "js-2018"),
        ("CN-32", "320505", dt.date(2018, 7, 31), 1890, None, "js-2017"),
        # Henan provincial government notice of 2018-07-19 (henan.gov.cn/2018/07-30/666159.html), from 2018-10-01:
        # first category 1,900 / 19 -- Zhengzhou, Jinshui District.
        ("CN-41", "410105", dt.date(2019, 1, 1), 1900, 19, "ha-2018"),
        # Henan 豫政〔2023〕43号 (2023-12-27), from 2024-01-01: first category 2,100 / 20.6.
        ("CN-41", "410100", dt.date(2024, 1, 1), 2100, 20.6, "ha-2023"),
        # Tianjin from 2023-11-01 (Tianjin FTZ official page tjftz.gov.cn): 2,320 / 24.4.
        ("CN-12", "120116", dt.date(2024, 1, 1), 2320, 24.4, "tj-2023"),
        # Tibet from 2023-09-01 (MOHRSS table as of 2023-10-01 via ccr.cn): 2,100 / 20 for the whole region.
        ("CN-54", "540102", dt.date(2024, 6, 1), 2100, 20, "xz-2023"),
        # Qinghai from 2023-02-01 (Hefei Connect, 2023): 1,700 -> 1,880, hourly 15.2 -> 18.
        ("CN-63", "630102", dt.date(2023, 6, 1), 1880, 18, "qh-2023"),
        ("CN-63", "630102", dt.date(2023, 1, 31), 1700, 15.2, "qh-2020"),
    ],
)
def test_hand_checked_values(
    province: str, code: str, on: dt.date, monthly: float, hourly: float, source: str
) -> None:
    assert _value(province, code, on) == (monthly, hourly, source)


@pytest.mark.parametrize(
    ("province", "code", "on", "why"),
    [
        # Dongguan from 2025-03-01: only Guangdong's first category of the 2025 notice was found.
        ("CN-44", "441900", dt.date(2025, 6, 1), "2025 lower categories not found"),
        # Shenzhen in December 2021: sources disagree on whether 2,360 started on 1 December or 1 January.
        ("CN-44", "440300", dt.date(2021, 12, 15), "Shenzhen start date disputed"),
        # Xuzhou: Jiangsu's tier lists were not found for any period.
        ("CN-32", "320300", dt.date(2022, 3, 1), "Jiangsu tier lists not found"),
        # Xuzhou 2019: not among the first-class prefectures of the MOHRSS table; lower classes not placed.
        ("CN-32", "320300", dt.date(2019, 3, 1), "Jiangsu second/third class lists not found"),
        # Bazhong (Sichuan) and Henan before 2018-10-01.
        ("CN-51", "511900", dt.date(2022, 3, 1), "Sichuan tier lists not found"),
        ("CN-41", "410100", dt.date(2018, 1, 1), "Henan 2017 standard not found"),
        # Tianjin 2022: a 2021 rise whose amount was not found; 2,050 must not run on.
        ("CN-12", "120000", dt.date(2022, 1, 1), "Tianjin 2021 amount not found"),
    ],
)
def test_unknown_values_stay_unknown(province: str, code: str, on: dt.date, why: str) -> None:
    assert _value(province, code, on) == (None, None, None), why


@pytest.mark.parametrize("path", [p for p in CN_FILES if p.parent == DATA_DIR], ids=lambda p: p.stem)
def test_the_engine_parser_accepts_every_loaded_file(path: Path) -> None:
    from rsca.standards.minimum_wages import wage_file_parse

    parsed = wage_file_parse(_load(path), filename=f"minimum_wages/{path.name}")
    assert parsed.periods


# ---------------------------------------------------------------- through the engine (loader + lookup)


@pytest.fixture
def cn_wages(db: Any, tmp_path: Path) -> None:
    """Only the reviewed CN files of the main folder, loaded by the engine's seed (other files left out)."""
    from rsca.standards import minimum_wages as mw
    from rsca.standards.models import MinimumWageRate, WageComponentRule, WageNotice

    for path in DATA_DIR.glob("CN-*.yaml"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    MinimumWageRate.objects.all().delete()
    WageComponentRule.objects.all().delete()
    WageNotice.objects.all().delete()
    mw.minimum_wages_seed(directory=tmp_path)


@pytest.mark.parametrize(
    ("code", "on", "monthly", "hourly", "matched"),
    [
        ("441900", dt.date(2019, 3, 1), 1720, 16.4, "441900"),  # Dongguan, Guangdong 2018 notice
        ("441900001", dt.date(2022, 3, 1), 1900, 18.1, "441900"),  # a Dongguan township code, 2021 notice
        ("320583", dt.date(2022, 3, 1), 2280, None, "320500"),  # Kunshan through Suzhou
        ("310115", dt.date(2017, 12, 1), 2300, 20, "310000"),  # Shanghai 沪人社规〔2017〕12号
        ("410105", dt.date(2019, 1, 1), 1900, 19, "410100"),  # Zhengzhou, Henan 2018 notice
    ],
)
def test_the_engine_resolves_the_data(
    cn_wages: None, code: str, on: dt.date, monthly: float, hourly: float | None, matched: str
) -> None:
    from rsca.standards.minimum_wages import minimum_wage_on

    answer = minimum_wage_on(division=code, on=on)
    assert answer.known and answer.matched == matched
    assert answer.monthly == Decimal(str(monthly))
    assert answer.hourly == (None if hourly is None else Decimal(str(hourly)))
    assert answer.notice is not None and answer.notice.url


@pytest.mark.parametrize(
    ("code", "on"),
    [("441900", dt.date(2025, 6, 1)), ("320300", dt.date(2022, 3, 1)), ("511900", dt.date(2022, 3, 1))],
)
def test_the_engine_says_unknown_where_the_data_does(cn_wages: None, code: str, on: dt.date) -> None:
    from rsca.standards.minimum_wages import minimum_wage_on

    assert not minimum_wage_on(division=code, on=on).known
