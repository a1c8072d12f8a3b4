"""The machine-usable threshold parameters: their unit and which way is stricter.

The names are the contract with the compliance engine; do not rename them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Direction(StrEnum):
    """Which of two values is the stricter (more protective) one."""

    LOWER = "lower"  # hour limits, deadlines
    HIGHER = "higher"  # ages, wages, premiums, rest days


class Unit(StrEnum):
    YEARS = "years"
    HOURS_PER_DAY = "hours/day"
    HOURS_PER_WEEK = "hours/week"
    HOURS_PER_MONTH = "hours/month"
    HOURS_PER_YEAR = "hours/year"
    DAYS_PER_WEEK = "days/week"
    PERCENT = "percent"
    MONEY_PER_MONTH = "currency/month"
    MONEY_PER_DAY = "currency/day"
    MONEY_PER_HOUR = "currency/hour"
    DAYS = "days"


@dataclass(frozen=True)
class Parameter:
    name: str
    unit: Unit
    direction: Direction
    label: Promise
    monetary: bool = False

    def stricter(self, a: Decimal, b: Decimal) -> bool:
        """True when `a` is strictly more protective than `b`."""
        return a < b if self.direction is Direction.LOWER else a > b


PARAMETERS: dict[str, Parameter] = {
    p.name: p
    for p in (
        Parameter("min_age_employment", Unit.YEARS, Direction.HIGHER, _("Minimum age for employment")),
        Parameter(
            "min_age_hazardous_work", Unit.YEARS, Direction.HIGHER, _("Minimum age for hazardous work")
        ),
        Parameter("normal_hours_day", Unit.HOURS_PER_DAY, Direction.LOWER, _("Normal working hours per day")),
        Parameter(
            "normal_hours_week", Unit.HOURS_PER_WEEK, Direction.LOWER, _("Normal working hours per week")
        ),
        Parameter(
            "overtime_hours_day_max", Unit.HOURS_PER_DAY, Direction.LOWER, _("Maximum overtime per day")
        ),
        Parameter(
            "overtime_hours_week_max", Unit.HOURS_PER_WEEK, Direction.LOWER, _("Maximum overtime per week")
        ),
        Parameter(
            "overtime_hours_month_max", Unit.HOURS_PER_MONTH, Direction.LOWER, _("Maximum overtime per month")
        ),
        Parameter(
            "overtime_hours_year_max", Unit.HOURS_PER_YEAR, Direction.LOWER, _("Maximum overtime per year")
        ),
        Parameter("rest_days_per_week", Unit.DAYS_PER_WEEK, Direction.HIGHER, _("Rest days per week")),
        Parameter(
            "overtime_premium_workday",
            Unit.PERCENT,
            Direction.HIGHER,
            _("Overtime pay on a working day (percent of normal wage)"),
        ),
        Parameter(
            "overtime_premium_rest_day",
            Unit.PERCENT,
            Direction.HIGHER,
            _("Pay for work on a rest day (percent of normal wage)"),
        ),
        Parameter(
            "overtime_premium_public_holiday",
            Unit.PERCENT,
            Direction.HIGHER,
            _("Pay for work on a public holiday (percent of normal wage)"),
        ),
        Parameter(
            "minimum_wage_monthly",
            Unit.MONEY_PER_MONTH,
            Direction.HIGHER,
            _("Minimum wage per month"),
            monetary=True,
        ),
        Parameter(
            "minimum_wage_daily",
            Unit.MONEY_PER_DAY,
            Direction.HIGHER,
            _("Minimum wage per day"),
            monetary=True,
        ),
        Parameter(
            "minimum_wage_hourly",
            Unit.MONEY_PER_HOUR,
            Direction.HIGHER,
            _("Minimum wage per hour"),
            monetary=True,
        ),
        Parameter(
            "contract_deadline_days",
            Unit.DAYS,
            Direction.LOWER,
            _("Days from start of work to a written contract"),
        ),
        Parameter(
            "weekly_hours_max_total",
            Unit.HOURS_PER_WEEK,
            Direction.LOWER,
            _("Maximum total hours per week including overtime"),
        ),
        Parameter(
            "night_work_premium",
            Unit.PERCENT,
            Direction.HIGHER,
            _("Pay for night work (percent of normal wage)"),
        ),
        Parameter(
            "young_worker_hours_day_max",
            Unit.HOURS_PER_DAY,
            Direction.LOWER,
            _("Maximum working hours per day of a young worker (15 to 17)"),
        ),
        Parameter(
            "young_worker_hours_week_max",
            Unit.HOURS_PER_WEEK,
            Direction.LOWER,
            _("Maximum working hours per week of a young worker (15 to 17)"),
        ),
    )
}

PARAMETER_CHOICES = [(p.name, p.label) for p in PARAMETERS.values()]
UNIT_CHOICES = [(u.value, u.value) for u in Unit]

# The parameters a country profile and the coherence map show first.
KEY_PARAMETERS = (
    "min_age_employment",
    "min_age_hazardous_work",
    "normal_hours_day",
    "normal_hours_week",
    "overtime_hours_day_max",
    "overtime_hours_week_max",
    "overtime_hours_month_max",
    "overtime_hours_year_max",
    "weekly_hours_max_total",
    "rest_days_per_week",
    "overtime_premium_workday",
    "overtime_premium_rest_day",
    "overtime_premium_public_holiday",
    "contract_deadline_days",
)
