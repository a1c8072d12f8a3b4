"""The rule set one compliance run is checked against: every value with its standard and provisions.

The engine never reads the database: it receives a `Limits`, which `limits_resolve` fills from the
standards knowledge base (`rsca.standards.selectors`) and which tests build by hand with explicit
values. For each parameter the strictest of national law, the ILO standard and the buyer's code is
used; the other values are kept side by side (`Limit.alternatives`) so a finding can show them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from rsca.core.errors import DomainError, InvalidInput, NotFound

PARAMETERS_USED = (
    "min_age_employment",
    "min_age_hazardous_work",
    "normal_hours_day",
    "overtime_hours_day_max",
    "overtime_hours_month_max",
    "rest_days_per_week",
    "overtime_premium_workday",
    "overtime_premium_rest_day",
    "overtime_premium_public_holiday",
    "contract_deadline_days",
    "weekly_hours_max_total",
)

# Buyer codes a user may name on the command line or the upload form (the standards knowledge base
# maps them to its instruments).
BUYER_CODES = ("rba", "amfori")


@dataclass(frozen=True)
class Provision:
    """A provision a value or finding rests on: instrument code, article, title and a link to the text."""

    instrument: str
    reference: str
    title: str = ""
    url: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"instrument": self.instrument, "reference": self.reference, "title": self.title, "url": self.url}

    def __str__(self) -> str:
        return f"{self.instrument} {self.reference}".strip()


@dataclass(frozen=True)
class Alternative:
    """The value another standard sets for the same parameter, shown beside the one applied."""

    standard: str
    value: Decimal
    source: str
    provisions: tuple[Provision, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"standard": self.standard, "value": float(self.value), "source": self.source,
                "provisions": [p.as_dict() for p in self.provisions]}


@dataclass(frozen=True)
class Limit:
    parameter: str
    value: Decimal
    unit: str
    standard: str  # "national_law" | "ilo" | "buyer_code"
    provisions: tuple[Provision, ...]
    source: str = ""  # the jurisdiction or instrument code that sets the value
    effective_from: datetime.date | None = None
    effective_until: datetime.date | None = None
    source_url: str = ""
    alternatives: tuple[Alternative, ...] = ()

    @property
    def number(self) -> float:
        return float(self.value)


@dataclass(frozen=True)
class WagePeriod:
    """A monthly minimum wage in force from `start` to `end` (inclusive; None = still in force)."""

    start: datetime.date
    end: datetime.date | None
    monthly: Decimal
    currency: str
    standard: str
    provisions: tuple[Provision, ...]
    source: str = ""
    source_url: str = ""

    def covers(self, day: datetime.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


# Rules the engine applies that are not thresholds of the knowledge base, each with its provision.
STATUTORY: dict[str, dict[str, tuple[Provision, ...]]] = {
    "CN": {
        "social_insurance": (
            Provision("CN-SOCIAL-INSURANCE-LAW", "art. 2", "Five mandatory insurances",
                      "https://www.gov.cn/flfg/2010-10/28/content_1732964.htm"),
            Provision("CN-SOCIAL-INSURANCE-LAW", "art. 58",
                      "Employer registers each new employee for social insurance within 30 days",
                      "https://www.gov.cn/flfg/2010-10/28/content_1732964.htm"),
        ),
        "wage_conversion": (
            Provision("CN-MOHRSS-2008-3", "para. 2",
                      "Monthly wage to daily and hourly wage: ÷ 21.75 paid days, ÷ 8 hours (劳社部发〔2008〕3号)"),
        ),
        "young_hazardous_work": (
            Provision("CN-JUVENILE-WORKERS-1994", "art. 3",
                      "Work that may not be given to juvenile workers aged 16–17 (未成年工特殊保护规定, 劳部发〔1994〕498号)",
                      "https://www.mohrss.gov.cn/"),
        ),
        "records": (
            Provision("CN-LABOUR-CONTRACT-LAW", "art. 7", "Employer keeps a register of its employees",
                      "https://www.gov.cn/flfg/2007-06/29/content_669394.htm"),
            Provision("CN-WAGE-PAYMENT-1994", "art. 6",
                      "Employer keeps written wage records and gives each worker a payslip (劳部发〔1994〕489号)"),
        ),
    },
}
YOUNG_WORKER_NIGHT = (
    Provision("C090", "art. 2", "Night Work of Young Persons (Industry) Convention (Revised), 1948: night "
              "includes 22:00–06:00 for young persons", "https://normlex.ilo.org/dyn/nrmlx_en/f?p=NORMLEXPUB:12100:"
              "0::NO::P12100_ILO_CODE:C090"),
)
# Hazardous work by anyone under 18, everywhere (the national provisions are in `STATUTORY`).
YOUNG_WORKER_HAZARD = (
    Provision("ILO-C138", "art. 3(1)", "Minimum Age Convention, 1973: minimum age of 18 for hazardous work",
              "https://normlex.ilo.org/dyn/nrmlx_en/f?p=NORMLEXPUB:12100:0::NO::P12100_ILO_CODE:C138"),
    Provision("ILO-C182", "art. 2–3", "Worst Forms of Child Labour Convention, 1999: hazardous work of children "
              "under 18 is a worst form", "https://normlex.ilo.org/dyn/nrmlx_en/f?p=NORMLEXPUB:12100:0::NO::"
              "P12100_ILO_CODE:C182"),
)
MONTHLY_WAGE_DAYS = Decimal("21.75")  # MOHRSS 2008 notice: average paid days a month


@dataclass(frozen=True)
class Limits:
    jurisdiction: str
    country: str
    currency: str
    values: dict[str, Limit]
    minimum_wage: tuple[WagePeriod, ...] = ()
    buyer_code: str | None = None
    statutory: dict[str, tuple[Provision, ...]] = field(default_factory=dict)

    def get(self, parameter: str) -> Limit | None:
        return self.values.get(parameter)

    def require(self, parameter: str) -> Limit:
        limit = self.values.get(parameter)
        if limit is None:
            raise InvalidInput(
                _("The standards knowledge base has no value for “%(parameter)s” in %(jurisdiction)s.")
                % {"parameter": parameter, "jurisdiction": self.jurisdiction},
                code="threshold_missing",
            )
        return limit

    def wage_on(self, day: datetime.date) -> WagePeriod | None:
        for period in self.minimum_wage:
            if period.covers(day):
                return period
        return None

    def provisions_for(self, key: str) -> tuple[Provision, ...]:
        return self.statutory.get(key, ())

    def as_dict(self) -> dict[str, Any]:
        """The rule set as it was applied, for the report and the stored result."""
        return {
            "jurisdiction": self.jurisdiction,
            "buyer_code": self.buyer_code,
            "currency": self.currency,
            "parameters": {
                name: {
                    "value": float(limit.value), "unit": limit.unit, "standard": limit.standard,
                    "source": limit.source, "provisions": [p.as_dict() for p in limit.provisions],
                    "effective_from": limit.effective_from.isoformat() if limit.effective_from else None,
                    "alternatives": [a.as_dict() for a in limit.alternatives],
                }
                for name, limit in sorted(self.values.items())
            },
            "minimum_wage": [
                {"from": p.start.isoformat(), "until": p.end.isoformat() if p.end else None,
                 "monthly": float(p.monthly), "currency": p.currency, "standard": p.standard,
                 "provisions": [x.as_dict() for x in p.provisions]}
                for p in self.minimum_wage
            ],
        }


def _provisions(resolved: Any) -> tuple[Provision, ...]:
    found = []
    for ref in getattr(resolved, "provisions", ()) or ():
        found.append(Provision(
            instrument=str(getattr(ref, "instrument", "")), reference=str(getattr(ref, "reference", "")),
            title=str(getattr(ref, "title", "") or ""), url=str(getattr(ref, "url", "") or ""),
        ))
    return tuple(found)


def _source(resolved: Any) -> str:
    return str(getattr(resolved, "jurisdiction", "") or getattr(resolved, "instrument", "") or "")


def limit_from_resolved(resolved: Any, alternatives: Iterable[Any] = ()) -> Limit:
    """A `Limit` from a `rsca.standards.selectors.ResolvedThreshold` (and the other standards' values)."""
    others = tuple(
        Alternative(standard=str(getattr(a, "standard", "")), value=Decimal(str(a.value)), source=_source(a),
                    provisions=_provisions(a))
        for a in alternatives
        if a is not None and a is not resolved
    )
    return Limit(
        parameter=str(resolved.parameter),
        value=Decimal(str(resolved.value)),
        unit=str(getattr(resolved, "unit", "") or ""),
        standard=str(getattr(resolved, "standard", "") or ""),
        provisions=_provisions(resolved),
        source=_source(resolved),
        effective_from=getattr(resolved, "effective_from", None),
        effective_until=getattr(resolved, "effective_until", None),
        source_url=str(getattr(resolved, "source_url", "") or ""),
        alternatives=others,
    )


def _row_get(row: Any, key: str) -> Any:
    return row.get(key) if isinstance(row, dict) else getattr(row, key, None)


def country_of(jurisdiction: str) -> str:
    return jurisdiction.split("-", 1)[0].upper()


def limits_resolve(
    *, jurisdiction: str, start: datetime.date, end: datetime.date, buyer_code: str | None = None
) -> Limits:
    """The rule set for a facility in `jurisdiction` over [start, end], from the standards knowledge base.

    Each parameter takes the strictest of national law, ILO and the buyer code in force on `end`
    (`applicable_standard`); the monthly minimum wage takes every value in force during the period
    (`threshold_periods`), so a change in mid-year is applied from its date.
    """
    from rsca.standards.selectors import applicable_standard, threshold_periods

    code = jurisdiction.strip().upper()
    try:
        applicable = applicable_standard(jurisdiction=code, on=end, buyer_code=buyer_code or None,
                                         parameters=PARAMETERS_USED)
    except NotFound as error:
        raise InvalidInput(
            _("Unknown jurisdiction “%(code)s”: %(reason)s") % {"code": jurisdiction, "reason": error.message},
            code="unknown_jurisdiction",
            details=[{"file": None, "row": None, "column": "jurisdiction", "message": error.message}],
        )
    values: dict[str, Limit] = {}
    rows: Any = getattr(applicable, "rows", None) or ()
    for row in rows:
        parameter = str(_row_get(row, "parameter"))
        side = _row_get(row, "strictest")
        strictest = _row_get(row, side) if isinstance(side, str) else side
        if parameter not in PARAMETERS_USED or strictest is None:
            continue
        others = [_row_get(row, "national"), _row_get(row, "ilo"), _row_get(row, "buyer")]
        values[parameter] = limit_from_resolved(strictest, others)
    try:
        periods = threshold_periods(jurisdiction=code, parameter="minimum_wage_monthly", start=start, end=end)
    except DomainError:
        periods = []
    wages = tuple(
        WagePeriod(
            start=max(p.effective_from, start), end=p.effective_until, monthly=Decimal(str(p.value)),
            currency=str(getattr(p, "currency", "") or ""), standard=str(getattr(p, "standard", "national_law")),
            provisions=_provisions(p), source=_source(p), source_url=str(getattr(p, "source_url", "") or ""),
        )
        for p in periods
    )
    currency = next((w.currency for w in wages if w.currency), "")
    country = country_of(code)
    return Limits(jurisdiction=str(getattr(applicable, "jurisdiction", code)), country=country, currency=currency,
                  values=values, minimum_wage=wages, buyer_code=getattr(applicable, "buyer_code", None),
                  statutory=STATUTORY.get(country, {}))
