"""Property: the periods of a parameter tile time without overlap and agree, day by day, with the value in force."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rsca.core.errors import NotFound
from rsca.standards import selectors
from rsca.standards.models import Jurisdiction, Threshold

pytestmark = pytest.mark.django_db

DAY0 = date(2020, 1, 1)

values = st.lists(
    st.tuples(
        st.sampled_from(["ZQ", "ZQ-P", "ZQ-100100"]),
        st.integers(min_value=0, max_value=1500),
        st.one_of(st.none(), st.integers(min_value=0, max_value=400)),
    ),
    min_size=1,
    max_size=7,
)


class Rollback(Exception):
    pass


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=values, probes=st.lists(st.integers(min_value=-30, max_value=1900), min_size=5, max_size=20))
def test_periods_tile_time_and_match_the_value_in_force(db, entries, probes):
    try:
        with transaction.atomic():
            country = Jurisdiction.objects.create(code="ZQ", level="country", name_en="Q")
            province = Jurisdiction.objects.create(
                code="ZQ-P", level="subdivision", parent=country, name_en="QP"
            )
            city = Jurisdiction.objects.create(code="ZQ-100100", level="city", parent=province, name_en="QC")
            owners = {"ZQ": country, "ZQ-P": province, "ZQ-100100": city}
            seen = set()
            for index, (owner, offset, length) in enumerate(entries):
                start = DAY0 + timedelta(days=offset)
                if (owner, start) in seen:
                    continue
                seen.add((owner, start))
                Threshold.objects.create(
                    standard="national_law",
                    jurisdiction=owners[owner],
                    parameter="minimum_wage_monthly",
                    value=Decimal(1000 + index),
                    unit="currency/month",
                    currency="XTS",
                    effective_from=start,
                    effective_until=start + timedelta(days=length) if length is not None else None,
                    source_url="https://example.org",
                )
            try:
                periods = selectors.threshold_periods(
                    jurisdiction="ZQ-100100",
                    parameter="minimum_wage_monthly",
                    start=DAY0 - timedelta(days=30),
                    end=DAY0 + timedelta(days=1900),
                )
            except NotFound:
                periods = []
            for before, after in zip(periods, periods[1:], strict=False):
                assert before.effective_until is not None
                assert before.effective_until < after.effective_from
            for probe in probes:
                day = DAY0 + timedelta(days=probe)
                covering = [
                    p
                    for p in periods
                    if p.effective_from <= day and (p.effective_until is None or day <= p.effective_until)
                ]
                try:
                    in_force = selectors.threshold_in_force(
                        jurisdiction="ZQ-100100", parameter="minimum_wage_monthly", on=day
                    )
                except NotFound:
                    assert covering == [] or day < DAY0 - timedelta(days=30)
                    continue
                assert len(covering) == 1, (day, covering)
                assert (covering[0].value, covering[0].jurisdiction) == (
                    in_force.value,
                    in_force.jurisdiction,
                )
            raise Rollback
    except Rollback:
        pass
