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

from rsca.core.errors import InvalidInput, NotFound

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
        return {
            "instrument": self.instrument,
            "reference": self.reference,
            "title": self.title,
            "url": self.url,
        }

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
        return {
            "standard": self.standard,
            "value": float(self.value),
            "source": self.source,
            "provisions": [p.as_dict() for p in self.provisions],
        }


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
    """A minimum wage in force from `start` to `end` (inclusive; None = still in force): the monthly
    full-time minimum and the hourly part-time minimum (either may be None when the notice sets none),
    with the tier and the notice it comes from."""

    start: datetime.date
    end: datetime.date | None
    monthly: Decimal | None
    currency: str
    standard: str
    provisions: tuple[Provision, ...]
    source: str = ""
    source_url: str = ""
    hourly: Decimal | None = None
    daily: Decimal | None = None
    tier: int | None = None
    division: str = ""  # the listed code the facility's division was found under
    rate_id: int | None = None  # the `standards.MinimumWageRate` row (the page that shows it)
    notice_number: str = ""
    notice_title: str = ""
    notice_issued_on: datetime.date | None = None
    confirmed: bool = True

    def covers(self, day: datetime.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class WageUnknown:
    """A window in which the minimum wage of the facility's division is not known (`reason`): pay periods
    touching it are reported as not judged, never as passed."""

    start: datetime.date
    end: datetime.date
    reason: str


@dataclass(frozen=True)
class WageRule:
    """What counts toward the minimum wage from `start`: whether the worker's own social insurance (and
    housing fund) contributions count, and the components excluded, with the notice."""

    start: datetime.date
    social_insurance_included: bool
    excludes: tuple[str, ...]
    provisions: tuple[Provision, ...]


# Rules the engine applies that are not thresholds of the knowledge base, each with its provision.
STATUTORY: dict[str, dict[str, tuple[Provision, ...]]] = {
    "CN": {
        "social_insurance": (
            Provision(
                "CN-SOCIAL-INSURANCE-LAW",
                "art. 2",
                "Five mandatory insurances",
                "https://www.gov.cn/flfg/2010-10/28/content_1732964.htm",
            ),
            Provision(
                "CN-SOCIAL-INSURANCE-LAW",
                "art. 58",
                "Employer registers each new employee for social insurance within 30 days",
                "https://www.gov.cn/flfg/2010-10/28/content_1732964.htm",
            ),
        ),
        "wage_conversion": (
            Provision(
                "CN-MOHRSS-2008-3",
                "para. 2",
                "Monthly wage to daily and hourly wage: ÷ 21.75 paid days, ÷ 8 hours (劳社部发〔2008〕3号)",
            ),
            Provision(
                "CN-WAGE-PAYMENT-1994",
                "art. 13",
                "Overtime is paid on the wage for normal working time: 150 % on working days, 200 % on rest "
                "days, 300 % on statutory holidays (工资支付暂行规定, 劳部发〔1994〕489号)",
            ),
        ),
        "minimum_wage": (
            Provision(
                "CN-MINIMUM-WAGE-2004",
                "art. 5, 10, 12",
                "Minimum Wage Provisions (MOLSS Order No. 21, 2004): monthly and hourly minimums set by each "
                "province; pay for normal working time not below them, excluding overtime pay, special "
                "allowances and statutory welfare",
                "https://www.mohrss.gov.cn/",
            ),
        ),
        "comprehensive_hours": (
            Provision(
                "CN-MOHRSS-2008-3",
                "para. 1",
                "Standard working time: 20.83 days (166.64 h) a month, 62.5 days (500 h) a quarter, 250 days "
                "(2,000 h) a year (劳社部发〔2008〕3号)",
            ),
            Provision(
                "CN-WAGE-PAYMENT-1994",
                "art. 13",
                "Comprehensive system: hours above the period's standard total are overtime (150 %); "
                "statutory holidays 300 %; the irregular system has no overtime pay",
            ),
            Provision(
                "CN-MOL-1997-271",
                "item 5",
                "Comprehensive system: the period's total above the standard is overtime, at most 36 h a "
                "month on average (劳部发〔1997〕271号; Labour Law art. 41)",
            ),
        ),
        "working_hour_system_approval": (
            Provision(
                "CN-LABOUR-LAW",
                "art. 39",
                "Other working and rest systems only with the labour administration's approval",
                "https://www.gov.cn/banshi/2005-05/25/content_905.htm",
            ),
            Provision(
                "CN-MOL-1994-503",
                "arts. 4, 5, 7",
                "Irregular and comprehensive working-hour systems: who may work under them and their "
                "approval (劳部发〔1994〕503号)",
            ),
        ),
        "young_hazardous_work": (
            Provision(
                "CN-JUVENILE-WORKERS-1994",
                "art. 3",
                "Work that may not be given to juvenile workers aged 16–17 (未成年工特殊保护规定, 劳部发〔1994〕498号)",
                "https://www.mohrss.gov.cn/",
            ),
        ),
        "records": (
            Provision(
                "CN-LABOUR-CONTRACT-LAW",
                "art. 7",
                "Employer keeps a register of its employees",
                "https://www.gov.cn/flfg/2007-06/29/content_669394.htm",
            ),
            Provision(
                "CN-WAGE-PAYMENT-1994",
                "art. 6",
                "Employer keeps written wage records and gives each worker a payslip (劳部发〔1994〕489号)",
            ),
        ),
    },
}
YOUNG_WORKER_NIGHT = (
    Provision(
        "C090",
        "art. 2",
        "Night Work of Young Persons (Industry) Convention (Revised), 1948: night "
        "includes 22:00–06:00 for young persons",
        "https://normlex.ilo.org/dyn/nrmlx_en/f?p=NORMLEXPUB:12100:0::NO::P12100_ILO_CODE:C090",
    ),
)
# Hazardous work by anyone under 18, everywhere (the national provisions are in `STATUTORY`).
YOUNG_WORKER_HAZARD = (
    Provision(
        "ILO-C138",
        "art. 3(1)",
        "Minimum Age Convention, 1973: minimum age of 18 for hazardous work",
        "https://normlex.ilo.org/dyn/nrmlx_en/f?p=NORMLEXPUB:12100:0::NO::P12100_ILO_CODE:C138",
    ),
    Provision(
        "ILO-C182",
        "art. 2–3",
        "Worst Forms of Child Labour Convention, 1999: hazardous work of children under 18 is a worst form",
        "https://normlex.ilo.org/dyn/nrmlx_en/f?p=NORMLEXPUB:12100:0::NO::P12100_ILO_CODE:C182",
    ),
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
    division: str = ""  # the facility's division code for the minimum wage ("320583", "VN-HN:250")
    wage_unknown: tuple[WageUnknown, ...] = ()
    wage_rules: tuple[WageRule, ...] = ()

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

    def wage_rule_on(self, day: datetime.date) -> WageRule | None:
        found = None
        for rule in self.wage_rules:
            if rule.start <= day:
                found = rule
        return found

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
                    "value": float(limit.value),
                    "unit": limit.unit,
                    "standard": limit.standard,
                    "source": limit.source,
                    "provisions": [p.as_dict() for p in limit.provisions],
                    "effective_from": limit.effective_from.isoformat() if limit.effective_from else None,
                    "alternatives": [a.as_dict() for a in limit.alternatives],
                }
                for name, limit in sorted(self.values.items())
            },
            "division": self.division,
            "minimum_wage": [
                {
                    "from": p.start.isoformat(),
                    "until": p.end.isoformat() if p.end else None,
                    "monthly": float(p.monthly) if p.monthly is not None else None,
                    "hourly": float(p.hourly) if p.hourly is not None else None,
                    "daily": float(p.daily) if p.daily is not None else None,
                    "tier": p.tier,
                    "division": p.division,
                    "rate_id": p.rate_id,
                    "notice_number": p.notice_number,
                    "notice_title": p.notice_title,
                    "confirmed": p.confirmed,
                    "currency": p.currency,
                    "standard": p.standard,
                    "provisions": [x.as_dict() for x in p.provisions],
                }
                for p in self.minimum_wage
            ],
            "minimum_wage_unknown": [
                {"from": u.start.isoformat(), "until": u.end.isoformat(), "reason": u.reason}
                for u in self.wage_unknown
            ],
            "wage_components": [
                {
                    "from": r.start.isoformat(),
                    "social_insurance_included": r.social_insurance_included,
                    "excludes": list(r.excludes),
                    "provisions": [x.as_dict() for x in r.provisions],
                }
                for r in self.wage_rules
            ],
        }


def _provisions(resolved: Any) -> tuple[Provision, ...]:
    found = []
    for ref in getattr(resolved, "provisions", ()) or ():
        found.append(
            Provision(
                instrument=str(getattr(ref, "instrument", "")),
                reference=str(getattr(ref, "reference", "")),
                title=str(getattr(ref, "title", "") or ""),
                url=str(getattr(ref, "url", "") or ""),
            )
        )
    return tuple(found)


def _source(resolved: Any) -> str:
    return str(getattr(resolved, "jurisdiction", "") or getattr(resolved, "instrument", "") or "")


def limit_from_resolved(resolved: Any, alternatives: Iterable[Any] = ()) -> Limit:
    """A `Limit` from a `rsca.standards.selectors.ResolvedThreshold` (and the other standards' values)."""
    others = tuple(
        Alternative(
            standard=str(getattr(a, "standard", "")),
            value=Decimal(str(a.value)),
            source=_source(a),
            provisions=_provisions(a),
        )
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


CURRENCIES = {"CN": "CNY", "JP": "JPY", "MM": "MMK", "PH": "PHP", "TH": "THB", "VN": "VND"}  # ISO 4217


def _unknown_jurisdiction(code: str, reason: str) -> InvalidInput:
    """An unknown place, with the nearest names and codes the standards know."""
    from rsca.standards.minimum_wages import place_search

    near = [p.label for p in place_search(query=code, limit=6)]
    message = _("Unknown jurisdiction “%(code)s”: %(reason)s") % {"code": code, "reason": reason}
    if near:
        message += " " + _("Did you mean: %(places)s?") % {"places": "; ".join(near)}
    return InvalidInput(
        message,
        code="unknown_jurisdiction",
        details=[
            {"file": None, "row": None, "column": "jurisdiction", "message": message, "suggestions": near}
        ],
    )


def threshold_place(code: str) -> tuple[str, Any]:
    """(the code thresholds are read for, the parsed minimum-wage division or None); an unknown place is an
    error suggesting the nearest names and codes."""
    from rsca.standards.minimum_wages import division_parse, jurisdiction_for

    place = jurisdiction_for(code)
    if place is None:
        raise _unknown_jurisdiction(code, _("no such province, city, county or ISO 3166-2 code is known."))
    return place, division_parse(code)


def _value_link(division: str, on: datetime.date, rate_id: int) -> str:
    """The page showing the exact minimum-wage value applied (its row highlighted) and its notice."""
    from urllib.parse import urlencode

    from django.urls import reverse

    return f"{reverse('standards:minimum_wage')}?{urlencode({'place': division, 'on': on.isoformat()})}#rate-{rate_id}"


def _wage_periods(
    division: Any, start: datetime.date, end: datetime.date
) -> tuple[tuple[WagePeriod, ...], tuple[WageUnknown, ...], tuple[WageRule, ...], str]:
    """The minimum wages of the division over [start, end] from `rsca.standards.minimum_wages`, the windows
    where they are unknown, the rules on what counts, and the currency of the data file."""
    from rsca.standards.minimum_wages import UNKNOWN_BAD_CODE, minimum_wage_periods, wage_components_on

    if division is None:
        return (), (WageUnknown(start=start, end=end, reason=UNKNOWN_BAD_CODE),), (), ""
    known: list[WagePeriod] = []
    unknown: list[WageUnknown] = []
    currency = ""
    for answer in minimum_wage_periods(division=division.code, start=start, end=end):
        assert answer.start is not None and answer.end is not None
        if not answer.known or answer.rate is None:
            unknown.append(WageUnknown(start=answer.start, end=answer.end, reason=answer.reason))
            continue
        rate = answer.rate
        notice = rate.notice
        currency = rate.currency
        known.append(
            WagePeriod(
                start=answer.start,
                end=answer.end if answer.end < end else rate.effective_until,
                monthly=rate.monthly,
                hourly=rate.hourly,
                daily=rate.daily,
                currency=rate.currency,
                standard="national_law",
                provisions=(
                    Provision(f"MW-{rate.file}", notice.number or notice.key, notice.title, notice.url),
                    Provision(
                        f"MW-{rate.file}",
                        f"tier {rate.tier} ({answer.matched}), from {rate.effective_from.isoformat()}",
                        _("The value applied and its source"),
                        _value_link(division.code, answer.start, rate.pk),
                    ),
                ),
                source=rate.file,
                source_url=notice.url,
                tier=rate.tier,
                division=answer.matched,
                rate_id=rate.pk,
                notice_number=notice.number,
                notice_title=notice.title,
                notice_issued_on=notice.issued_on,
                confirmed=notice.confirmed,
            )
        )
    rules: list[WageRule] = []
    day = start
    seen: set[datetime.date] = set()
    while True:  # every rule in force at some point of [start, end]
        rule = wage_components_on(division=division.code, on=day)
        if rule is not None and rule.effective_from not in seen:
            seen.add(rule.effective_from)
            rules.append(
                WageRule(
                    start=rule.effective_from,
                    social_insurance_included=rule.social_insurance_included,
                    excludes=rule.excludes,
                    provisions=(
                        Provision(
                            f"MW-{division.file}",
                            rule.notice.number or rule.notice.key,
                            rule.notice.title,
                            rule.notice.url,
                        ),
                    ),
                )
            )
        if day >= end:
            break
        day = min(end, day + datetime.timedelta(days=28))
    return tuple(known), tuple(unknown), tuple(rules), currency


def limits_resolve(
    *, jurisdiction: str, start: datetime.date, end: datetime.date, buyer_code: str | None = None
) -> Limits:
    """The rule set for a facility in `jurisdiction` over [start, end], from the standards knowledge base.

    `jurisdiction` is a province, city, county or district (`CN-440300`, `CN-320583`, `441900`) or an
    ISO 3166-2 code, optionally with a local division (`VN-HN`, `VN-HN:250`). Each parameter takes the
    strictest of national law, ILO and the buyer code in force on `end` (`applicable_standard`), read for
    the nearest level that has thresholds. The minimum wage is the facility's own division's, by tier, for
    every day of the period (`rsca.standards.minimum_wages`); where it is unknown, the days are listed in
    `wage_unknown` and never take another place's value.
    """
    from rsca.standards.selectors import applicable_standard

    code = jurisdiction.strip().upper()
    place, division = threshold_place(code)
    try:
        applicable = applicable_standard(
            jurisdiction=place, on=end, buyer_code=buyer_code or None, parameters=PARAMETERS_USED
        )
    except NotFound as error:
        raise _unknown_jurisdiction(jurisdiction, error.message) from error
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
    wages, unknown, rules, currency = _wage_periods(division, start, end)
    country = division.country if division is not None else country_of(place)
    return Limits(
        jurisdiction=code if division is not None else str(getattr(applicable, "jurisdiction", code)),
        country=country,
        currency=currency or CURRENCIES.get(country, ""),
        values=values,
        minimum_wage=wages,
        buyer_code=getattr(applicable, "buyer_code", None),
        statutory=STATUTORY.get(country, {}),
        division=division.code if division is not None else "",
        wage_unknown=unknown,
        wage_rules=rules,
    )
