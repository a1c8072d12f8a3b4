"""IATI beyond the schema: the Standard's ruleset for 2.03 activities (IATI-Rulesets standard.json, written as the
project's own checks) accepts the seeded portfolio, and each rule refuses the breach it names."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from rsca.core.errors import InvalidInput
from rsca.programme.iati import activities_xml, percentage_shares, ruleset_problems, validate
from rsca.programme.models import Project
from tests.programme.factories import make_indicator, make_project

TODAY = datetime.date(2026, 1, 1)
VALID = """<iati-activities version="2.03"><iati-activity default-currency="EUR"
  last-updated-datetime="2025-06-01T00:00:00">
 <iati-identifier>XM-DAC-41302-TEST</iati-identifier>
 <activity-date type="1" iso-date="2017-12-15"/><activity-date type="2" iso-date="2018-01-01"/>
 <activity-date type="3" iso-date="2020-12-14"/>
 <recipient-country code="CN" percentage="50"/><recipient-country code="VN" percentage="50"/>
 <sector vocabulary="1" code="25040" percentage="50"/><sector vocabulary="1" code="16070" percentage="50"/>
 <budget type="1" status="1"><period-start iso-date="2017-12-15"/><period-end iso-date="2018-12-14"/>
  <value currency="EUR" value-date="2017-12-15">3000000.00</value></budget>
 <budget type="1" status="1"><period-start iso-date="2018-12-15"/><period-end iso-date="2019-12-14"/>
  <value currency="EUR" value-date="2017-12-15">3000000.00</value></budget>
 <transaction><transaction-type code="3"/><transaction-date iso-date="2019-03-01"/>
  <value currency="EUR" value-date="2019-03-01">1200.00</value></transaction>
 <result type="1"><indicator measure="1"><period><period-start iso-date="2019-01-01"/>
  <period-end iso-date="2019-12-31"/><actual value="3"/></period></indicator></result>
</iati-activity></iati-activities>"""


def problems_after(old: str, new: str) -> list[str]:
    assert old in VALID
    return ruleset_problems(etree.fromstring(VALID.replace(old, new).encode()), today=TODAY)


def test_the_reference_activity_breaks_no_rule() -> None:
    assert ruleset_problems(etree.fromstring(VALID.encode()), today=TODAY) == []


SIX = "".join(
    f'<recipient-country code="{c}" percentage="16.67"/>' for c in ("CN", "JP", "MM", "PH", "TH", "VN")
)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # sum: recipient-country and recipient-region percentages sum to 100 (six countries of 16.67 make 100.02)
        (
            '<recipient-country code="CN" percentage="50"/><recipient-country code="VN" percentage="50"/>',
            SIX,
            "100.02",
        ),
        # strict_sum: sector percentages of one vocabulary sum to 100
        ('code="16070" percentage="50"', 'code="16070" percentage="49.99"', "99.99"),
        # time_limit: a budget period is no longer than one year
        (
            '<period-end iso-date="2018-12-14"/>',
            '<period-end iso-date="2020-12-14"/>',
            "longer than one year",
        ),
        # budgets of one type do not overlap
        ('<period-start iso-date="2018-12-15"/>', '<period-start iso-date="2018-12-01"/>', "overlap"),
        # date_order of a budget
        (
            '<period-end iso-date="2019-12-14"/>',
            '<period-end iso-date="2018-12-10"/>',
            "ends before it starts",
        ),
        # values within the activity's dates: a closed activity reports no result after its end
        (
            '<period-start iso-date="2019-01-01"/>\n  <period-end iso-date="2019-12-31"/>',
            '<period-start iso-date="2025-01-01"/>\n  <period-end iso-date="2025-12-31"/>',
            "outside the activity's dates",
        ),
        ('<transaction-date iso-date="2019-03-01"/>', '<transaction-date iso-date="2021-03-01"/>', "outside"),
        # transaction date_order with NOW
        (
            '<value currency="EUR" value-date="2019-03-01">',
            '<value currency="EUR" value-date="2027-03-01">',
            "future",
        ),
        # one currency: every value in the default currency
        (
            '<value currency="EUR" value-date="2019-03-01">',
            '<value currency="USD" value-date="2019-03-01">',
            "USD",
        ),
        # regex_matches: identifiers without / & | ?
        ("XM-DAC-41302-TEST", "XM-DAC-41302-CHN/17/01", "/ & |"),
        # atleast_one: a start date; a sector
        (
            '<activity-date type="1" iso-date="2017-12-15"/><activity-date type="2" iso-date="2018-01-01"/>',
            "",
            "no planned or actual start",
        ),
        (
            '<sector vocabulary="1" code="25040" percentage="50"/><sector vocabulary="1" code="16070" percentage="50"/>',
            "",
            "no sector",
        ),
        # date_order: actual dates not in the future; planned start before planned end
        (
            '<activity-date type="3" iso-date="2020-12-14"/>',
            '<activity-date type="3" iso-date="2020-12-14"/><activity-date type="4" iso-date="2027-01-01"/>',
            "future",
        ),
        (
            '<activity-date type="3" iso-date="2020-12-14"/>',
            '<activity-date type="3" iso-date="2017-01-01"/>',
            "ends before it starts",
        ),
        # range: no negative percentage
        ('code="16070" percentage="50"', 'code="16070" percentage="-50"', "negative"),
        # date_now: last-updated-datetime not in the future
        (
            'last-updated-datetime="2025-06-01T00:00:00"',
            'last-updated-datetime="2027-06-01T00:00:00"',
            "future",
        ),
    ],
)
def test_each_rule_refuses_its_breach(old: str, new: str, expected: str) -> None:
    problems = problems_after(old, new)
    assert problems and any(expected in p for p in problems), problems
    assert all(p.startswith("XM-DAC-41302-") for p in problems)


def test_a_value_without_currency_and_no_default_is_a_breach() -> None:
    # one_or_all: a value with no currency of its own takes the default one; without a default it is a breach
    problems = problems_after(
        '<value currency="EUR" value-date="2019-03-01">', '<value value-date="2019-03-01">'
    )
    assert problems == []
    no_default = VALID.replace('default-currency="EUR"', "").replace(
        '<value currency="EUR" value-date="2019-03-01">', '<value value-date="2019-03-01">'
    )
    assert any(
        "without a currency" in p
        for p in ruleset_problems(etree.fromstring(no_default.encode()), today=TODAY)
    )


@given(st.integers(min_value=1, max_value=400))
def test_percentage_shares_sum_to_exactly_100_and_differ_by_at_most_a_cent(count: int) -> None:
    shares = percentage_shares(count)
    assert len(shares) == count and sum(shares) == Decimal(100)
    assert max(shares) - min(shares) <= Decimal("0.01") and all(
        s == s.quantize(Decimal("0.01")) for s in shares
    )


@pytest.mark.django_db
def test_the_seeded_portfolio_passes_the_schema_and_the_ruleset() -> None:
    Project.objects.update(identifier_is_provisional=False)  # as once the ILO has registered the identifiers
    projects = list(Project.objects.filter(is_public=True))
    document = activities_xml(projects)
    root = etree.fromstring(document)
    assert validate(document) == [] and ruleset_problems(root) == []
    regional = next(a for a in root.iter("iati-activity") if a.findtext("iati-identifier").endswith("-RSCA"))
    shares = [Decimal(c.get("percentage")) for c in regional.findall("recipient-country")]
    assert len(shares) == 6 and sum(shares) == 100
    budgets = regional.findall("budget")
    assert len(budgets) == 3 and sum(Decimal(b.findtext("value")) for b in budgets) == Decimal("9000000")
    assert regional.get("default-currency") == "EUR"
    currencies = {a.get("default-currency") for a in root.iter("iati-activity") if not a.findall("budget")}
    assert currencies == {None}  # no default currency where there is no value to carry one


@pytest.mark.django_db
def test_provisional_identifiers_are_not_published(client) -> None:
    response = client.get("/projects/iati.xml")
    assert response.status_code == 422 and "registered IATI identifier" in response.content.decode()
    page = client.get("/projects/rsca-china/").content.decode()
    assert "not published to IATI" in page and "/projects/rsca-china/iati.xml" not in page
    assert "XM-DAC-41302-RSCA-CHN" not in page


@pytest.mark.django_db
def test_an_activity_reporting_after_its_end_is_refused(org_a, user_a) -> None:
    from rsca.programme import services

    project = make_project(owner=org_a, slug="closed-one")
    indicator = make_indicator(project=project)
    services.indicator_period_save(
        indicator=indicator,
        start=datetime.date(2027, 1, 1),
        end=datetime.date(2027, 12, 31),
        actual="5",
        evidence_en="Lists",
        by=user_a,
    )
    with pytest.raises(InvalidInput) as refused:
        activities_xml([project])
    assert any("outside the activity's dates" in d["message"] for d in refused.value.details)
