"""Resolution rules: own value first, else inherited; effective dates; the change-day boundary."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rsca.core.errors import InvalidInput, NotFound
from rsca.standards import selectors
from rsca.standards.models import Threshold

pytestmark = pytest.mark.django_db


def test_a_city_inherits_the_country_value_and_says_where_it_comes_from(chain):
    value = selectors.threshold_in_force(
        jurisdiction="ZZ-100100", parameter="normal_hours_week", on=date(2015, 1, 1)
    )
    assert value.value == Decimal(40)
    assert value.inherited is True
    assert value.jurisdiction == "ZZ"
    assert value.requested == "ZZ-100100"
    assert value.provisions[0].instrument == "ZZ-LAW"
    assert value.source_url == "https://example.org/source"


def test_the_nearest_own_value_wins_over_the_parent(chain):
    value = selectors.threshold_in_force(
        jurisdiction="ZZ-100100", parameter="minimum_wage_monthly", on=date(2023, 8, 1)
    )
    assert (value.value, value.jurisdiction, value.inherited, value.currency) == (
        Decimal(1200),
        "ZZ-100100",
        False,
        "XTS",
    )


def test_before_the_city_has_its_own_value_the_province_value_applies(chain):
    value = selectors.threshold_in_force(
        jurisdiction="ZZ-100100", parameter="minimum_wage_monthly", on=date(2023, 6, 30)
    )
    assert (value.value, value.jurisdiction, value.inherited) == (Decimal(1100), "ZZ-P", True)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2010, 4, 30), Decimal(44)),  # the day before the change
        (date(2010, 5, 1), Decimal(40)),  # the day of the change
        (date(2010, 5, 2), Decimal(40)),  # the day after
    ],
)
def test_the_value_changes_exactly_on_the_change_day(chain, day, expected):
    assert (
        selectors.threshold_in_force(jurisdiction="ZZ", parameter="normal_hours_week", on=day).value
        == expected
    )


def test_the_superseded_value_ends_the_day_before_its_successor(chain):
    old = selectors.threshold_in_force(jurisdiction="ZZ", parameter="normal_hours_week", on=date(2005, 1, 1))
    assert old.effective_until == date(2010, 4, 30)


def test_an_explicit_end_date_hands_back_to_the_parent(chain):
    in_force = selectors.threshold_in_force(
        jurisdiction="ZZ-100100", parameter="minimum_wage_monthly", on=date(2024, 12, 31)
    )
    after = selectors.threshold_in_force(
        jurisdiction="ZZ-100100", parameter="minimum_wage_monthly", on=date(2025, 1, 1)
    )
    assert in_force.value == Decimal(1300)
    assert (after.value, after.jurisdiction) == (Decimal(1100), "ZZ-P")


def test_a_date_before_any_value_is_not_found_and_the_message_names_what_is_missing(chain):
    with pytest.raises(NotFound) as error:
        selectors.threshold_in_force(
            jurisdiction="ZZ-100100", parameter="minimum_wage_monthly", on=date(2019, 1, 1)
        )
    assert "minimum_wage_monthly" in error.value.message and "ZZ-100100" in error.value.message
    assert "2019-01-01" in error.value.message


def test_an_unknown_jurisdiction_is_not_found_naming_the_code(chain):
    with pytest.raises(NotFound) as error:
        selectors.threshold_in_force(
            jurisdiction="QQ-999", parameter="normal_hours_week", on=date(2020, 1, 1)
        )
    assert "QQ-999" in error.value.message
    assert error.value.code == "unknown_jurisdiction"


def test_an_unknown_parameter_is_invalid_input(chain):
    with pytest.raises(InvalidInput) as error:
        selectors.threshold_in_force(jurisdiction="ZZ", parameter="hours_per_fortnight", on=date(2020, 1, 1))
    assert "hours_per_fortnight" in error.value.message


def test_jurisdiction_codes_are_case_insensitive_and_provinces_resolve_by_division_code():
    assert selectors.jurisdiction_resolve(code="cn-440300").code == "CN-440300"
    assert selectors.jurisdiction_resolve(code="CN-440000").code == "CN-GD"
    assert [j.code for j in selectors.jurisdiction_resolve(code="CN-440300").chain()] == [
        "CN-440300",
        "CN-GD",
        "CN",
    ]


def test_periods_list_every_value_with_the_window_in_which_it_applied(chain):
    periods = selectors.threshold_periods(
        jurisdiction="ZZ-100100",
        parameter="minimum_wage_monthly",
        start=date(2022, 6, 1),
        end=date(2025, 3, 1),
    )
    assert [(p.value, p.jurisdiction, p.inherited, p.effective_from, p.effective_until) for p in periods] == [
        (Decimal(1100), "ZZ-P", True, date(2022, 1, 1), date(2023, 6, 30)),  # until the city's own value
        (Decimal(1200), "ZZ-100100", False, date(2023, 7, 1), date(2024, 6, 30)),
        (Decimal(1300), "ZZ-100100", False, date(2024, 7, 1), date(2024, 12, 31)),
        (Decimal(1100), "ZZ-P", True, date(2025, 1, 1), None),  # the province's value applies again
    ]


def test_periods_never_overlap(chain):
    periods = selectors.threshold_periods(
        jurisdiction="ZZ-100100",
        parameter="minimum_wage_monthly",
        start=date(2019, 1, 1),
        end=date(2026, 1, 1),
    )
    for before, after in zip(periods, periods[1:], strict=False):
        assert (
            before.effective_until is not None
            and before.effective_until + timedelta(days=1) == after.effective_from
        )


def test_an_inherited_value_ends_where_the_own_value_begins(chain):
    value = selectors.threshold_in_force(
        jurisdiction="ZZ-100100", parameter="minimum_wage_monthly", on=date(2022, 3, 1)
    )
    assert (value.jurisdiction, value.effective_from, value.effective_until) == (
        "ZZ-P",
        date(2022, 1, 1),
        date(2023, 6, 30),
    )


def test_periods_within_one_value_return_that_value_once(chain):
    periods = selectors.threshold_periods(
        jurisdiction="ZZ", parameter="normal_hours_week", start=date(2011, 1, 1), end=date(2011, 12, 31)
    )
    assert [p.value for p in periods] == [Decimal(40)]


def test_periods_reject_an_end_before_the_start(chain):
    with pytest.raises(InvalidInput):
        selectors.threshold_periods(
            jurisdiction="ZZ", parameter="normal_hours_week", start=date(2011, 1, 2), end=date(2011, 1, 1)
        )


# ---------------------------------------------------------------- the reviewed data


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 6, 30), Decimal(2690)),
        (date(2025, 7, 1), Decimal(2740)),
        (date(2025, 7, 2), Decimal(2740)),
    ],
)
def test_shanghai_minimum_wage_around_its_2025_change(day, expected):
    value = selectors.threshold_in_force(jurisdiction="CN-SH", parameter="minimum_wage_monthly", on=day)
    assert value.value == expected and value.currency == "CNY" and value.unit == "currency/month"


def test_shenzhen_has_its_own_minimum_wage_and_inherits_national_hours():
    wage = selectors.threshold_in_force(
        jurisdiction="CN-440300", parameter="minimum_wage_monthly", on=date(2025, 8, 1)
    )
    hours = selectors.threshold_in_force(
        jurisdiction="CN-440300", parameter="overtime_hours_month_max", on=date(2025, 8, 1)
    )
    assert (wage.value, wage.inherited) == (Decimal(2520), False)
    assert (hours.value, hours.jurisdiction, hours.inherited) == (Decimal(36), "CN", True)
    assert any(p.instrument == "CN-LABOUR-LAW" and p.reference == "art. 41" for p in hours.provisions)


def test_a_mid_year_wage_change_gives_two_periods():
    periods = selectors.threshold_periods(
        jurisdiction="CN-440300",
        parameter="minimum_wage_monthly",
        start=date(2025, 1, 1),
        end=date(2025, 12, 31),
    )
    assert [p.value for p in periods] == [Decimal(2360), Decimal(2520)]
    assert periods[0].effective_until == date(2025, 2, 28)


@pytest.mark.parametrize("country", ["CN", "JP", "MM", "PH", "TH", "VN"])
def test_every_rsca_country_answers_a_dated_question(country):
    value = selectors.threshold_in_force(
        jurisdiction=country, parameter="normal_hours_day", on=date(2025, 8, 1)
    )
    assert value.value == Decimal(8)
    assert value.provisions and value.source_url


@pytest.mark.parametrize(
    "code", ["CN-SH", "CN-BJ", "CN-440100", "CN-440300", "CN-JS", "CN-ZJ", "CN-CQ", "CN-SC"]
)
def test_every_chinese_region_of_the_reference_has_a_minimum_wage_in_force(code):
    value = selectors.threshold_in_force(
        jurisdiction=code, parameter="minimum_wage_monthly", on=date(2025, 11, 1)
    )
    assert value.jurisdiction == code and value.currency == "CNY"


def test_henan_value_starts_on_1_december_2025():
    with pytest.raises(NotFound):
        selectors.threshold_in_force(
            jurisdiction="CN-HA", parameter="minimum_wage_monthly", on=date(2025, 11, 30)
        )
    assert selectors.threshold_in_force(
        jurisdiction="CN-HA", parameter="minimum_wage_monthly", on=date(2025, 12, 1)
    ).value == Decimal(2350)


def test_viet_nam_region_i_minimum_wage_changes_on_1_january_2026():
    before = selectors.threshold_in_force(
        jurisdiction="VN", parameter="minimum_wage_monthly", on=date(2025, 12, 31)
    )
    after = selectors.threshold_in_force(
        jurisdiction="VN", parameter="minimum_wage_monthly", on=date(2026, 1, 1)
    )
    assert (before.value, after.value, after.currency) == (Decimal(4960000), Decimal(5310000), "VND")


# ---------------------------------------------------------------- ILO, buyer codes, the applicable standard


def test_ilo_and_buyer_code_values_are_attached_to_instruments():
    rba = selectors.instrument_threshold(
        instrument="RBA", parameter="weekly_hours_max_total", on=date(2025, 1, 1)
    )
    assert (
        rba is not None
        and rba.value == Decimal(60)
        and rba.standard == "buyer_code"
        and rba.jurisdiction == "RBA"
    )
    ilo = selectors.instrument_threshold(
        instrument="ILO", parameter="min_age_employment", on=date(2025, 1, 1)
    )
    assert ilo is not None and ilo.value == Decimal(15) and ilo.jurisdiction == "ILO-C138"
    assert (
        selectors.instrument_threshold(
            instrument="ILO", parameter="minimum_wage_monthly", on=date(2025, 1, 1)
        )
        is None
    )


def test_unknown_instrument_is_not_found():
    with pytest.raises(NotFound):
        selectors.instrument_threshold(
            instrument="NO-SUCH-CODE", parameter="normal_hours_day", on=date(2025, 1, 1)
        )


def test_applicable_standard_marks_the_strictest_per_parameter():
    result = selectors.applicable_standard(jurisdiction="CN-440300", on=date(2025, 8, 1), buyer_code="RBA")
    assert result.buyer_code == "RBA"
    age = result.row("min_age_employment")
    assert age is not None and age["strictest"] == "national"  # 16 beats 15: higher is stricter for ages
    week = result.row("normal_hours_week")
    assert week is not None and week.strictest == "national"  # 40 h beats ILO 48 h: lower is stricter
    premium = result.row("overtime_premium_workday")
    assert premium is not None and premium.strictest == "national"  # 150 % beats 125 %
    total = result.row("weekly_hours_max_total")
    assert total is not None and total.national is None and total.strictest == "buyer"


def test_applicable_standard_with_amfori_in_the_philippines_ties_go_to_national_law():
    result = selectors.applicable_standard(jurisdiction="PH", on=date(2025, 8, 1), buyer_code="amfori")
    premium = result.row("overtime_premium_workday")
    assert premium is not None and premium.national.value == premium.buyer.value == Decimal(125)
    assert premium.strictest == "national"
    week = result.row("normal_hours_week")
    assert (
        week is not None and week.national is None and week.strictest == "ilo"
    )  # ILO listed before the buyer


def test_an_unknown_buyer_code_is_invalid_input():
    with pytest.raises(InvalidInput) as error:
        selectors.applicable_standard(jurisdiction="CN", on=date(2025, 1, 1), buyer_code="sa8000")
    assert "sa8000" in error.value.message


# ---------------------------------------------------------------- property: in-force is the latest start ≤ day


@settings(max_examples=200, deadline=None)
@given(
    starts=st.lists(
        st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
        min_size=1,
        max_size=8,
        unique=True,
    ),
    day=st.dates(min_value=date(1985, 1, 1), max_value=date(2035, 12, 31)),
)
def test_the_value_in_force_is_the_one_with_the_latest_start_not_after_the_day(starts, day):
    rows = [
        Threshold(parameter="normal_hours_week", value=Decimal(i), effective_from=start)
        for i, start in enumerate(starts)
    ]
    hit = selectors._in_force(selectors._implied_periods(rows), day)
    earlier = [r for r in rows if r.effective_from <= day]
    if not earlier:
        assert hit is None
        return
    expected = max(earlier, key=lambda r: r.effective_from)
    assert hit is not None and hit[0] is expected
    later = [r.effective_from for r in rows if r.effective_from > expected.effective_from]
    assert hit[1] == (min(later) - timedelta(days=1) if later else None)
