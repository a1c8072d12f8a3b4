"""The minimum-wage loader and lookup, on small fixture files (tests/standards/fixtures/minimum_wages/).

The fixtures are not the reviewed data; they exercise the lookup's rules from the shared format
(/work/coord/MINWAGE_FORMAT.md, `data/README.md`): a county listed in a tier overrides its prefecture, a
province code means "the rest of the province", a place not listed is unknown (never another place's value).
"""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from rsca.core.errors import InvalidInput
from rsca.standards import minimum_wages as mw
from rsca.standards.models import MinimumWageRate, WageComponentRule, WageNotice

FIXTURES = Path(__file__).parent / "fixtures" / "minimum_wages"
D = datetime.date


def _clear() -> None:
    """Drop the reviewed data the test database was seeded with (rolled back after each test)."""
    MinimumWageRate.objects.all().delete()
    WageComponentRule.objects.all().delete()
    WageNotice.objects.all().delete()


@pytest.fixture
def wages(db: Any) -> None:
    _clear()
    mw.minimum_wages_seed(directory=FIXTURES)


def test_one_row_per_division_set_tier_and_period(wages: None) -> None:
    # CN-32: 2 periods × 3 tiers; CN-44: 2 tiers; CN-42: 3 tiers; VN: 3 tiers
    assert MinimumWageRate.objects.count() == 6 + 2 + 3 + 3
    kunshan_rows = [r for r in MinimumWageRate.objects.filter(file="CN-32") if "320500" in r.divisions]
    assert len(kunshan_rows) == 2  # Suzhou's row once per period, not one per county


def test_seed_is_idempotent_and_drops_rows_a_file_no_longer_holds(wages: None, tmp_path: Path) -> None:
    mw.minimum_wages_seed(directory=FIXTURES)
    assert MinimumWageRate.objects.count() == 14
    shutil.copy(FIXTURES / "CN-44.yaml", tmp_path / "CN-44.yaml")
    data = yaml.safe_load((tmp_path / "CN-44.yaml").read_text(encoding="utf-8"))
    data["periods"][0]["tiers"] = data["periods"][0]["tiers"][:1]
    (tmp_path / "CN-44.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    mw.minimum_wages_seed(directory=tmp_path)
    assert MinimumWageRate.objects.filter(file="CN-44").count() == 1


def test_kunshan_county_resolves_through_suzhou_prefecture(wages: None) -> None:
    answer = mw.minimum_wage_on(division="320583", on=D(2024, 6, 30))
    assert answer.known and answer.matched == "320500" and answer.tier == 1
    assert (answer.monthly, answer.hourly, answer.currency) == (2280, 22, "CNY")
    assert answer.notice is not None and answer.notice.number == "苏政发〔2021〕62号"
    assert mw.minimum_wage_on(division="CN-320583", on=D(2025, 1, 1)).monthly == 2490


def test_lower_tier_city_gets_its_own_tier_not_the_first(wages: None) -> None:
    xuzhou_county = mw.minimum_wage_on(division="320321", on=D(2022, 3, 1))
    assert (xuzhou_county.tier, xuzhou_county.monthly) == (2, 2070)
    suqian = mw.minimum_wage_on(division="CN-321300", on=D(2022, 3, 1))
    assert (suqian.tier, suqian.monthly) == (3, 1840)


def test_tier_changes_when_a_county_is_reclassified(wages: None) -> None:
    # Pizhou (320382, under Xuzhou) sits in Xuzhou's tier 2 until the 2025 period lists it in tier 1.
    before = mw.minimum_wage_on(division="320382", on=D(2024, 12, 31))
    after = mw.minimum_wage_on(division="320382", on=D(2025, 1, 1))
    assert (before.tier, before.monthly, before.matched) == (2, 2070, "320300")
    assert (after.tier, after.monthly, after.matched) == (1, 2490, "320382")
    assert mw.minimum_wage_on(division="320381", on=D(2025, 1, 1)).tier == 2  # Xinyi stays with Xuzhou


def test_dongguan_has_no_counties_and_township_codes_cut_to_it(wages: None) -> None:
    assert mw.minimum_wage_on(division="CN-441900", on=D(2023, 5, 1)).monthly == 1900
    assert mw.minimum_wage_on(division="441900003", on=D(2023, 5, 1)).matched == "441900"
    assert mw.minimum_wage_on(division="440606", on=D(2023, 5, 1)).monthly == 1900  # Foshan Shunde district


def test_unlisted_city_is_unknown_never_another_city_s_value(wages: None) -> None:
    shantou = mw.minimum_wage_on(division="440500", on=D(2023, 5, 1))
    assert not shantou.known and shantou.reason == mw.UNKNOWN_NOT_LISTED and shantou.monthly is None


def test_province_administered_county_level_city_and_province_default(wages: None) -> None:
    xiantao = mw.minimum_wage_on(division="429004", on=D(2022, 1, 1))
    assert (xiantao.tier, xiantao.monthly, xiantao.matched) == (3, 1660, "429004")
    qianjiang = mw.minimum_wage_on(
        division="429005", on=D(2022, 1, 1)
    )  # listed nowhere: the province default
    assert (qianjiang.tier, qianjiang.matched) == (4, "420000")
    assert mw.minimum_wage_on(division="CN-HB", on=D(2022, 1, 1)).matched == "420000"


def test_before_the_first_period_and_without_a_file_the_value_is_unknown(wages: None) -> None:
    early = mw.minimum_wage_on(division="320583", on=D(2021, 7, 31))
    assert not early.known and early.reason == mw.UNKNOWN_BEFORE_DATA
    xinjiang = mw.minimum_wage_on(division="650100", on=D(2022, 1, 1))
    assert not xinjiang.known and xinjiang.reason == mw.UNKNOWN_NO_FILE


def test_viet_nam_by_province_district_and_country_default(wages: None) -> None:
    on = D(2025, 1, 1)
    assert mw.minimum_wage_on(division="VN-HN", on=on).tier == 1
    me_linh = mw.minimum_wage_on(division="VN-HN:250", on=on)
    assert (me_linh.tier, me_linh.monthly, me_linh.currency) == (2, 4410000, "VND")
    assert mw.minimum_wage_on(division="VN-HN:999", on=on).tier == 1  # another district of Ha Noi
    assert mw.minimum_wage_on(division="VN-44", on=on).tier == 4  # "VN" lists the rest of the country


def test_periods_over_a_range_cut_at_each_change(wages: None) -> None:
    answers = mw.minimum_wage_periods(division="320583", start=D(2021, 7, 1), end=D(2025, 2, 28))
    assert [(a.start, a.end, a.known, a.monthly) for a in answers] == [
        (D(2021, 7, 1), D(2021, 7, 31), False, None),
        (D(2021, 8, 1), D(2024, 12, 31), True, 2280),
        (D(2025, 1, 1), D(2025, 2, 28), True, 2490),
    ]


def test_wage_components_are_dated(wages: None) -> None:
    rule = mw.wage_components_on(division="320583", on=D(2024, 1, 1))
    assert rule is not None and rule.social_insurance_included and "overtime_pay" in rule.excludes
    assert mw.wage_components_on(division="441900", on=D(2024, 1, 1)) is None


def test_bad_code_is_a_clear_error(wages: None) -> None:
    with pytest.raises(InvalidInput) as caught:
        mw.minimum_wage_on(division="Kunshan", on=D(2024, 1, 1))
    assert caught.value.code == "bad_division_code"


def _broken(tmp_path: Path, edit: Any) -> Path:
    data = yaml.safe_load((FIXTURES / "CN-32.yaml").read_text(encoding="utf-8"))
    edit(data)
    (tmp_path / "CN-32.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["periods"][0]["tiers"][1]["divisions"].append("320500"), "also in tier 1"),
        (lambda d: d["notices"][0].update(url=""), "url"),
        (lambda d: d["periods"][1].update(effective_from="2025-13-01"), "not a date"),
        (lambda d: d["periods"][0]["tiers"][0].update(monthly="lots"), "not a number"),
        (lambda d: d["periods"][0]["tiers"][0]["divisions"].append("440100"), "not a code of CN-32"),
        (lambda d: d["periods"][0].update(notice="nowhere"), "not among the file's notices"),
        (lambda d: d["notices"][0].update(tried=""), "what was tried"),
    ],
)
def test_malformed_file_stops_the_load_naming_file_and_entry(
    db: Any, tmp_path: Path, edit: Any, message: str
) -> None:
    _clear()
    with pytest.raises(InvalidInput) as caught:
        mw.minimum_wages_seed(directory=_broken(tmp_path, edit))
    assert "minimum_wages/CN-32.yaml" in caught.value.message and message in caught.value.message
    assert MinimumWageRate.objects.count() == 0


def test_places_are_found_by_name_in_either_language(wages: None) -> None:
    mw.places_reset()
    assert "320583" in [p.code for p in mw.place_search(query="昆山")]
    assert "441900" in [p.code for p in mw.place_search(query="Dongguan")]
    assert "511900" in [p.code for p in mw.place_search(query="巴中")]
    assert "VN-HN:250" in [p.code for p in mw.place_search(query="Mê Linh")]


def test_coverage_counts_division_months_by_hand(wages: None) -> None:
    """CN-32 fixture, first days of month 2017-12 … 2025-12 (97 months), on Jiangsu's 13 prefectures, the
    province and Pizhou (320382, listed in a tier): 6 prefectures resolve from 2021-08 to 2024-12 (41 months)
    and in 2025 (12), Pizhou through Xuzhou for the 41 months and on its own for the 12: 6 × 53 + 53 = 371."""
    import io
    import json

    from django.core.management import call_command

    out = io.StringIO()
    call_command("standards-coverage", until="2025-12-01", format="json", stdout=out)
    report = json.loads(out.getvalue())
    jiangsu = next(row for row in report["files"] if row["file"] == "CN-32")
    assert (jiangsu["divisions"], jiangsu["cells"], jiangsu["resolved"]) == (15, 15 * 97, 371)
    assert jiangsu["unconfirmed"] == 371  # every fixture notice is marked unconfirmed
    assert report["rates_without_source"] == 0
    xinjiang = next(row for row in report["files"] if row["file"] == "CN-65")
    assert xinjiang["resolved"] == 0 and xinjiang["unknown_examples"][0][2] == mw.UNKNOWN_NO_FILE
