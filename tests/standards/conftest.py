from __future__ import annotations

from datetime import date
from typing import Any

import pytest


@pytest.fixture
def chain(db: Any) -> dict[str, Any]:
    """A test country ZZ → province ZZ-P → city ZZ-100100 with values at each level (independent of the YAML)."""
    from rsca.standards.models import Instrument, Jurisdiction, Provision, Threshold

    country = Jurisdiction.objects.create(code="ZZ", level="country", name_en="Testland", name_zh="测试国")
    province = Jurisdiction.objects.create(
        code="ZZ-P", level="subdivision", parent=country, name_en="Province"
    )
    city = Jurisdiction.objects.create(code="ZZ-100100", level="city", parent=province, name_en="City")
    law = Instrument.objects.create(
        code="ZZ-LAW",
        kind="national_law",
        column="other",
        issuer="Testland",
        jurisdiction=country,
        title_en="Test law",
        title_zh="测试法",
        url="https://example.org/law",
    )
    article = Provision.objects.create(
        instrument=law,
        reference="art. 1",
        title_en="Hours",
        title_zh="工时",
        summary_en="Hours.",
        summary_zh="工时。",
    )

    def value(owner: Any, parameter: str, amount: str, start: date, **extra: Any) -> Any:
        threshold = Threshold.objects.create(
            standard="national_law",
            jurisdiction=owner,
            parameter=parameter,
            value=amount,
            unit=extra.pop("unit"),
            effective_from=start,
            source_url="https://example.org/source",
            checked_on=date(2026, 1, 1),
            **extra,
        )
        threshold.provisions.add(article)
        return threshold

    value(country, "normal_hours_week", "44", date(2000, 1, 1), unit="hours/week")
    value(country, "normal_hours_week", "40", date(2010, 5, 1), unit="hours/week")
    value(province, "minimum_wage_monthly", "1000", date(2020, 1, 1), unit="currency/month", currency="XTS")
    value(province, "minimum_wage_monthly", "1100", date(2022, 1, 1), unit="currency/month", currency="XTS")
    value(city, "minimum_wage_monthly", "1200", date(2023, 7, 1), unit="currency/month", currency="XTS")
    value(
        city,
        "minimum_wage_monthly",
        "1300",
        date(2024, 7, 1),
        unit="currency/month",
        currency="XTS",
        effective_until=date(2024, 12, 31),
    )
    return {"country": country, "province": province, "city": city, "law": law}
