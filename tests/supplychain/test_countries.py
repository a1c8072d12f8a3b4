"""The project's one country resolver (`rsca.core.countries`) on the ways real lists write countries."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rsca.core.countries import country_resolve, country_suggest, fold_country

WRITTEN = {
    "UAE": "AE",
    "Slovak Republic": "SK",
    "Czech Republic": "CZ",
    "Burma": "MM",
    "Türkiye": "TR",
    "Turkey": "TR",
    "Holland": "NL",
    "Great Britain": "GB",
    "Swaziland": "SZ",
    "Cape Verde": "CV",
    "Macau": "MO",
    "Hong Kong SAR": "HK",
    "Korea, Republic of": "KR",
    "Taiwan, Province of China": "TW",
    "Kosovo": "XK",
    "XK": "XK",
    "中国香港": "HK",
    "越南": "VN",
    "中國": "CN",
    "CHINA": "CN",
    "viet nam": "VN",
    "VNM": "VN",
    "704": "VN",
    "156": "CN",
    "PK": "PK",
    "U.S.A.": "US",
    "P.R. China": "CN",
    "Republic of Korea": "KR",
    "Ivory Coast": "CI",
    "bangladesh.": "BD",
    "United Kingdom": "GB",
    "England": "GB",
}


@pytest.mark.parametrize(("written", "iso2"), sorted(WRITTEN.items()))
def test_every_way_lists_write_a_country_resolves(written, iso2):
    assert country_resolve(written) == iso2


@given(
    st.sampled_from(sorted(WRITTEN)),
    st.sampled_from([str.upper, str.lower, str.title, str.strip]),
    st.sampled_from(["", " ", ".", " ,"]),
)
def test_case_and_trailing_punctuation_do_not_matter(written, case, tail):
    if written.isdigit() or not written.isascii():
        return
    assert country_resolve(case(written) + tail) == WRITTEN[written]


@pytest.mark.parametrize("value", ["Narnia", "Fujiang", "ZZ", "", "Atlantis"])
def test_unknown_values_are_not_countries(value):
    assert country_resolve(value) is None


def test_the_nearest_country_is_suggested():
    assert country_suggest("Bangaldesh").iso2 == "BD"
    assert country_suggest("Chna").iso2 == "CN"
    assert country_suggest("Turky").iso2 == "TR"


def test_every_country_of_the_shared_lists_resolves(osh_lists):
    import csv

    values = {row["country"] for path in osh_lists for row in csv.DictReader(path.open(encoding="utf-8-sig"))}
    assert len(values) > 50
    assert {v for v in values if country_resolve(v) is None} == set()


def test_fold_country():
    assert fold_country(" Korea,  Republic of ") == "korea republic of"
