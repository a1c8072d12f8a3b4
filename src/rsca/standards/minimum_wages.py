"""Minimum wages by division, tier and date, from the reviewed files in `data/minimum_wages/`.

Each file holds one Chinese province (`CN-32.yaml`, named by the first two digits of its GB/T 2260 code) or
one other country (`VN.yaml`); the format is in `data/README.md`. `minimum_wages_seed` validates every file
(a malformed entry stops the load naming the file and the entry) and writes one `MinimumWageRate` row per
(set of divisions, tier, period), never one per city.

`minimum_wage_on` answers for any division code on any date: the tier, the monthly, hourly and daily
minimums, the currency and the notice the values rest on, or plainly that the value is unknown. It never
takes another place's value: a division is found by walking from the most specific code to the province
(China: county → prefecture → province by code prefix; elsewhere `ISO:local` → ISO 3166-2 subdivision →
its ISO parent → the country), and only a code the data lists for a tier matches. A province code (`320000`)
or a country code (`VN`) in a tier means "every place not listed elsewhere".

Division codes accepted: `320583`, `CN-320583` (county, prefecture or province, 6 digits; a 9- or
12-digit township code is cut to its county), `CN-JS` (the ISO code of a province), `VN-HN`, `VN-HN:250`, `VN`.
"""

from __future__ import annotations

import csv
import datetime
import difflib
import functools
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from importlib.resources import files
from pathlib import Path
from typing import Any

import pycountry
import yaml
from django.db import transaction
from django.db.models import Count, Max, Value
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from rsca.core.errors import InvalidInput
from rsca.core.models import RSCA_COUNTRIES
from rsca.standards.models import MinimumWageRate, WageComponentRule, WageNotice

DATA_DIRECTORY = "minimum_wages"
MAX_TIERS = 99  # Thailand has 17 rates in one period, Japan one per prefecture (47)
_CN_CODE = re.compile(r"^(?:CN-?)?(\d{6})(?:\d{3}|\d{6})?$")
_CN_ISO = re.compile(r"^CN-([A-Z]{2})$")
_OTHER_CODE = re.compile(r"^([A-Z]{2})(?:-([A-Z0-9]{1,3}))?(?::([A-Za-z0-9._-]{1,32}))?$")
_FILE_NAME = re.compile(r"^(CN-\d{2}|[A-Z]{2})$")
_COMPONENT = re.compile(r"^[a-z][a-z0-9_]{1,63}$")


# ---------------------------------------------------------------- what a file holds


@dataclass(frozen=True)
class NoticeRef:
    """The document a value rests on."""

    key: str
    title_en: str
    title_zh: str
    number: str
    issued_on: datetime.date | None
    url: str
    confirmed: bool
    tried: str = ""
    checked_on: datetime.date | None = None

    @property
    def title(self) -> str:
        zh = (get_language() or "").lower().startswith("zh")
        return (self.title_zh if zh else self.title_en) or self.title_en or self.title_zh

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title_en": self.title_en,
            "title_zh": self.title_zh,
            "number": self.number,
            "issued_on": self.issued_on.isoformat() if self.issued_on else None,
            "url": self.url,
            "confirmed": self.confirmed,
            "tried": self.tried,
            "checked_on": self.checked_on.isoformat() if self.checked_on else None,
        }


@dataclass(frozen=True)
class TierData:
    tier: int
    monthly: Decimal | None
    hourly: Decimal | None
    daily: Decimal | None
    divisions: tuple[str, ...]
    division_names: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class PeriodData:
    effective_from: datetime.date
    notice: str
    tiers: tuple[TierData, ...]
    note_en: str = ""
    note_zh: str = ""


@dataclass(frozen=True)
class ComponentData:
    effective_from: datetime.date
    notice: str
    excludes: tuple[str, ...]
    social_insurance_included: bool
    note_en: str = ""
    note_zh: str = ""


@dataclass(frozen=True)
class WageFile:
    jurisdiction: str
    name_en: str
    name_zh: str
    currency: str
    notices: dict[str, NoticeRef]
    periods: tuple[PeriodData, ...]
    components: tuple[ComponentData, ...]
    known_until: datetime.date | None = (
        None  # the data says nothing after this day (the last period ends there)
    )


# ---------------------------------------------------------------- reading and validating the files


def _problem(filename: str, entry: str, message: str) -> InvalidInput:
    return InvalidInput(
        f"{filename}, {entry}: {message}",
        code="bad_standards_data",
        details=[{"file": filename, "row": entry, "column": "", "message": message}],
    )


def _as_date(
    value: Any, filename: str, entry: str, name: str, *, required: bool = True
) -> datetime.date | None:
    if value in (None, ""):
        if required:
            raise _problem(filename, entry, f"{name} is required")
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise _problem(filename, entry, f"{name} “{value}” is not a date (YYYY-MM-DD)") from None


def _as_money(value: Any, filename: str, entry: str, name: str) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise _problem(filename, entry, f"{name} “{value}” is not a number")
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise _problem(filename, entry, f"{name} “{value}” is not a number") from None
    if not amount.is_finite() or amount <= 0:
        raise _problem(filename, entry, f"{name} “{value}” must be a positive number")
    return amount


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _division_ok(division: str, jurisdiction: str) -> bool:
    if jurisdiction.startswith("CN-"):
        return bool(re.fullmatch(r"\d{6}", division)) and division[:2] == jurisdiction[3:]
    match = _OTHER_CODE.match(division)
    return match is not None and match.group(1) == jurisdiction


def wage_file_parse(data: Any, *, filename: str) -> WageFile:
    """The content of one file, validated; `InvalidInput` naming the file and the entry otherwise."""
    if not isinstance(data, dict):
        raise _problem(filename, "file", "the file must hold a mapping (jurisdiction, notices, periods)")
    jurisdiction = _text(data.get("jurisdiction"))
    stem = Path(filename).stem
    if not _FILE_NAME.match(jurisdiction) or jurisdiction != stem:
        raise _problem(
            filename,
            "jurisdiction",
            f"“{jurisdiction}” must be the file's name ({stem}): CN-NN or a two-letter country code",
        )
    currency = _text(data.get("currency")).upper()
    if not re.fullmatch(r"[A-Z]{3}", currency):
        raise _problem(filename, "currency", f"“{currency}” is not an ISO 4217 code")
    notices: dict[str, NoticeRef] = {}
    for index, item in enumerate(data.get("notices") or [], start=1):
        entry = f"notice {index} ({_text(item.get('key')) if isinstance(item, dict) else '?'})"
        if not isinstance(item, dict) or not _text(item.get("key")):
            raise _problem(filename, entry, "a notice needs a key")
        key = _text(item["key"])
        if key in notices:
            raise _problem(filename, entry, f"the key “{key}” is used twice")
        url = _text(item.get("url"))
        if not re.match(r"^https?://\S+$", url):
            raise _problem(filename, entry, f"url “{url}” is required and must be an http(s) address")
        confirmed = item.get("confirmed", True)
        if not isinstance(confirmed, bool):
            raise _problem(filename, entry, "confirmed must be true or false")
        if not confirmed and not _text(item.get("tried")):
            raise _problem(filename, entry, "an unconfirmed notice must say what was tried (tried)")
        if not _text(item.get("title_zh")) and not _text(item.get("title_en")):
            raise _problem(filename, entry, "a notice needs a title (title_zh or title_en)")
        notices[key] = NoticeRef(
            key=key,
            title_en=_text(item.get("title_en")),
            title_zh=_text(item.get("title_zh")),
            number=_text(item.get("number")),
            issued_on=_as_date(item.get("issued_on"), filename, entry, "issued_on", required=False),
            url=url,
            confirmed=confirmed,
            tried=_text(item.get("tried")),
            checked_on=_as_date(item.get("checked_on"), filename, entry, "checked_on", required=False),
        )
    periods: list[PeriodData] = []
    for index, item in enumerate(data.get("periods") or [], start=1):
        entry = f"period {index}"
        if not isinstance(item, dict):
            raise _problem(filename, entry, "a period must be a mapping")
        start = _as_date(item.get("effective_from"), filename, entry, "effective_from")
        assert start is not None
        entry = f"period {index} ({start.isoformat()})"
        notice = _text(item.get("notice"))
        if notice not in notices:
            raise _problem(filename, entry, f"notice “{notice}” is not among the file's notices")
        tiers: list[TierData] = []
        seen: dict[str, int] = {}
        for t_index, spec in enumerate(item.get("tiers") or [], start=1):
            t_entry = f"{entry}, tier entry {t_index}"
            if not isinstance(spec, dict):
                raise _problem(filename, t_entry, "a tier must be a mapping")
            tier = spec.get("tier")
            if not isinstance(tier, int) or isinstance(tier, bool) or not 1 <= tier <= MAX_TIERS:
                raise _problem(filename, t_entry, f"tier “{tier}” must be a whole number from 1 (highest)")
            t_entry = f"{entry}, tier {tier}"
            if any(t.tier == tier for t in tiers):
                raise _problem(filename, t_entry, "the tier is listed twice in the period")
            amounts = {
                name: _as_money(spec.get(name), filename, t_entry, name)
                for name in ("monthly", "hourly", "daily")
            }
            if all(value is None for value in amounts.values()):
                raise _problem(filename, t_entry, "a tier needs a monthly, hourly or daily amount")
            divisions = [_text(d) for d in spec.get("divisions") or []]
            if not divisions:
                raise _problem(filename, t_entry, "a tier needs its divisions")
            for division in divisions:
                if not _division_ok(division, jurisdiction):
                    raise _problem(
                        filename, t_entry, f"division “{division}” is not a code of {jurisdiction}"
                    )
                if division in seen:
                    raise _problem(
                        filename, t_entry, f"division “{division}” is also in tier {seen[division]}"
                    )
                seen[division] = tier
            names = spec.get("division_names") or {}
            if not isinstance(names, dict):
                raise _problem(filename, t_entry, "division_names must be a mapping")
            tiers.append(
                TierData(
                    tier=tier,
                    monthly=amounts["monthly"],
                    hourly=amounts["hourly"],
                    daily=amounts["daily"],
                    divisions=tuple(divisions),
                    division_names={
                        str(k): {str(a): str(b) for a, b in (v or {}).items()} for k, v in names.items()
                    },
                )
            )
        if not tiers and not _text(item.get("note_en")) and not _text(item.get("note_zh")):
            # A period without tiers is an unknown span: a change is known to have happened but its amounts or
            # places were not found, so nothing resolves from that date (the earlier value must not run on).
            raise _problem(
                filename, entry, "a period without tiers (an unknown span) must say why in note_en/note_zh"
            )
        if periods and start <= periods[-1].effective_from:
            raise _problem(filename, entry, "periods must be in date order, one per effective_from")
        periods.append(
            PeriodData(
                effective_from=start,
                notice=notice,
                tiers=tuple(tiers),
                note_en=_text(item.get("note_en")),
                note_zh=_text(item.get("note_zh")),
            )
        )
    if not periods and not data.get("gaps"):
        raise _problem(filename, "periods", "the file has no periods (list what was tried under gaps)")
    known_until_spec = data.get("known_until")
    if isinstance(known_until_spec, dict):  # {date: …, tried: what was searched for the values after it}
        known_until_spec = known_until_spec.get("date")
    known_until = _as_date(known_until_spec, filename, "known_until", "known_until", required=False)
    if known_until and periods and known_until < periods[-1].effective_from:
        raise _problem(filename, "known_until", "known_until is before the last period starts")
    components: list[ComponentData] = []
    for index, item in enumerate(data.get("wage_components") or [], start=1):
        entry = f"wage_components {index}"
        if not isinstance(item, dict):
            raise _problem(filename, entry, "an entry must be a mapping")
        start = _as_date(item.get("effective_from"), filename, entry, "effective_from")
        assert start is not None
        notice = _text(item.get("notice"))
        if notice not in notices:
            raise _problem(filename, entry, f"notice “{notice}” is not among the file's notices")
        excludes = [_text(x) for x in item.get("excludes") or []]
        bad = [x for x in excludes if not _COMPONENT.match(x)]
        if bad:
            raise _problem(
                filename, entry, f"excluded component(s) {', '.join(bad)} must be snake_case names"
            )
        included = item.get("social_insurance_included", True)
        if not isinstance(included, bool):
            raise _problem(filename, entry, "social_insurance_included must be true or false")
        if components and start <= components[-1].effective_from:
            raise _problem(filename, entry, "entries must be in date order, one per effective_from")
        components.append(
            ComponentData(
                effective_from=start,
                notice=notice,
                excludes=tuple(excludes),
                social_insurance_included=included,
                note_en=_text(item.get("note_en")),
                note_zh=_text(item.get("note_zh")),
            )
        )
    return WageFile(
        jurisdiction=jurisdiction,
        name_en=_text(data.get("name_en")),
        name_zh=_text(data.get("name_zh")),
        currency=currency,
        notices=notices,
        periods=tuple(periods),
        components=tuple(components),
        known_until=known_until,
    )


def wage_files_read(directory: Path | None = None) -> list[WageFile]:
    """Every file of the directory (default: the package's `data/minimum_wages/`), parsed and validated."""
    folder: Any = directory if directory is not None else files("rsca.standards") / "data" / DATA_DIRECTORY
    if not folder.is_dir():
        return []
    found = []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".yaml"):
            continue
        filename = f"{DATA_DIRECTORY}/{entry.name}"
        try:
            with entry.open(encoding="utf-8") as handle:
                data = yaml.safe_load(handle)
        except yaml.YAMLError as error:
            raise _problem(filename, "file", f"not valid YAML: {error}") from None
        found.append(wage_file_parse(data, filename=filename))
    return found


@transaction.atomic
def minimum_wages_seed(*, directory: Path | None = None) -> dict[str, int]:
    """Write the files into the database (idempotent; rows a file no longer holds are removed)."""
    wage_files = wage_files_read(directory)
    counts = {"minimum-wage files": len(wage_files), "minimum-wage notices": 0, "minimum-wage rates": 0}
    for wage_file in wage_files:
        code = wage_file.jurisdiction
        notices: dict[str, WageNotice] = {}
        for key, ref in wage_file.notices.items():
            notices[key], _created = WageNotice.objects.update_or_create(
                file=code,
                key=key,
                defaults={
                    "title_en": ref.title_en,
                    "title_zh": ref.title_zh,
                    "number": ref.number,
                    "issued_on": ref.issued_on,
                    "url": ref.url,
                    "confirmed": ref.confirmed,
                    "tried": ref.tried,
                    "checked_on": ref.checked_on,
                },
            )
        kept: list[int] = []
        for index, period in enumerate(wage_file.periods):
            following = wage_file.periods[index + 1] if index + 1 < len(wage_file.periods) else None
            until = (
                following.effective_from - datetime.timedelta(days=1) if following else wage_file.known_until
            )
            for tier in period.tiers:
                rate, _created = MinimumWageRate.objects.update_or_create(
                    file=code,
                    effective_from=period.effective_from,
                    tier=tier.tier,
                    defaults={
                        "currency": wage_file.currency,
                        "effective_until": until,
                        "monthly": tier.monthly,
                        "hourly": tier.hourly,
                        "daily": tier.daily,
                        "divisions": list(tier.divisions),
                        "division_names": tier.division_names,
                        "notice": notices[period.notice],
                        "note_en": period.note_en,
                        "note_zh": period.note_zh,
                    },
                )
                kept.append(rate.pk)
        MinimumWageRate.objects.filter(file=code).exclude(pk__in=kept).delete()
        kept_rules = []
        for rule in wage_file.components:
            record, _created = WageComponentRule.objects.update_or_create(
                file=code,
                effective_from=rule.effective_from,
                defaults={
                    "excludes": list(rule.excludes),
                    "social_insurance_included": rule.social_insurance_included,
                    "notice": notices[rule.notice],
                    "note_en": rule.note_en,
                    "note_zh": rule.note_zh,
                },
            )
            kept_rules.append(record.pk)
        WageComponentRule.objects.filter(file=code).exclude(pk__in=kept_rules).delete()
        WageNotice.objects.filter(file=code).exclude(key__in=list(notices)).delete()
        counts["minimum-wage notices"] += len(notices)
        counts["minimum-wage rates"] += len(kept)
    return counts


# ---------------------------------------------------------------- division codes


@dataclass(frozen=True)
class Division:
    """A division code made plain: its file (`CN-32`, `VN`) and the codes from itself up to the province."""

    requested: str
    code: str  # "320583", "VN-HN:250"
    country: str
    file: str
    chain: tuple[str, ...]


@functools.lru_cache(maxsize=1)
def _cn_iso_to_code() -> dict[str, str]:
    from rsca.core.models import Division as CoreDivision

    return {
        d.iso_code.upper(): d.code for d in CoreDivision.objects.filter(level="province").exclude(iso_code="")
    }


def _cn_chain(code: str) -> tuple[str, ...]:
    chain: list[str] = []
    for candidate in (code, code[:4] + "00", code[:2] + "0000"):
        if candidate not in chain:
            chain.append(candidate)
    return tuple(chain)


def _iso_chain(code: str) -> list[str]:
    chain = [code]
    seen = 0
    while seen < 5:
        sub = pycountry.subdivisions.get(code=chain[-1])
        parent = getattr(sub, "parent_code", None) if sub is not None else None
        if not parent:
            break
        chain.append(parent)
        seen += 1
    return chain


def division_parse(code: str) -> Division | None:
    """The division for a code, or None when the code is not one (see the module's docstring)."""
    raw = (code or "").strip()
    upper = raw.upper().replace("_", "-")
    match = _CN_CODE.match(upper)
    if match:
        six = match.group(1)
        return Division(requested=raw, code=six, country="CN", file=f"CN-{six[:2]}", chain=_cn_chain(six))
    match = _CN_ISO.match(upper)
    if match:
        province = _cn_iso_to_code().get(upper)
        if province is None:
            return None
        return Division(
            requested=raw, code=province, country="CN", file=f"CN-{province[:2]}", chain=_cn_chain(province)
        )
    head, _sep, local = raw.strip().partition(":")
    match = _OTHER_CODE.match(head.upper() + (f":{local}" if local else ""))
    if not match or match.group(1) == "CN":
        return None
    country = match.group(1)
    iso = f"{country}-{match.group(2)}" if match.group(2) else country
    chain = ([f"{iso}:{local}"] if local else []) + (_iso_chain(iso) if match.group(2) else [])
    if country not in chain:
        chain.append(country)
    return Division(requested=raw, code=chain[0], country=country, file=country, chain=tuple(chain))


# ---------------------------------------------------------------- the lookup


@dataclass(frozen=True)
class Rate:
    """One row: the amounts a notice sets for a tier from a date, for the divisions it lists."""

    pk: int
    file: str
    currency: str
    effective_from: datetime.date
    effective_until: datetime.date | None
    tier: int
    monthly: Decimal | None
    hourly: Decimal | None
    daily: Decimal | None
    divisions: tuple[str, ...]
    division_names: dict[str, dict[str, str]]
    notice: NoticeRef
    note_en: str = ""
    note_zh: str = ""

    def covers(self, day: datetime.date) -> bool:
        return self.effective_from <= day and (self.effective_until is None or day <= self.effective_until)


@dataclass(frozen=True)
class Components:
    """What counts toward the minimum wage from a date."""

    effective_from: datetime.date
    excludes: tuple[str, ...]
    social_insurance_included: bool
    notice: NoticeRef
    note_en: str = ""
    note_zh: str = ""


UNKNOWN_NO_FILE = "no_data_for_province_or_country"
UNKNOWN_BEFORE_DATA = "no_value_in_force_on_date"
UNKNOWN_NOT_LISTED = "division_not_in_any_tier"
UNKNOWN_BAD_CODE = "not_a_division_code"


@dataclass(frozen=True)
class WageAnswer:
    """The minimum wage of a division on a date (`known`), or why it is not known (`reason`).

    For a range (`minimum_wage_periods`), `start`–`end` is the window this answer holds for.
    """

    requested: str
    division: str
    on: datetime.date
    known: bool
    reason: str = ""
    rate: Rate | None = None
    matched: str = ""  # the listed code the division was found under ("320500" for "320583")
    start: datetime.date | None = None
    end: datetime.date | None = None

    @property
    def tier(self) -> int | None:
        return self.rate.tier if self.rate else None

    @property
    def monthly(self) -> Decimal | None:
        return self.rate.monthly if self.rate else None

    @property
    def hourly(self) -> Decimal | None:
        return self.rate.hourly if self.rate else None

    @property
    def daily(self) -> Decimal | None:
        return self.rate.daily if self.rate else None

    @property
    def currency(self) -> str:
        return self.rate.currency if self.rate else ""

    @property
    def notice(self) -> NoticeRef | None:
        return self.rate.notice if self.rate else None

    def as_dict(self) -> dict[str, Any]:
        def money(value: Decimal | None) -> float | None:
            return float(value) if value is not None else None

        return {
            "requested": self.requested,
            "division": self.division,
            "on": self.on.isoformat(),
            "known": self.known,
            "reason": self.reason,
            "matched": self.matched,
            "tier": self.tier,
            "monthly": money(self.monthly),
            "hourly": money(self.hourly),
            "daily": money(self.daily),
            "currency": self.currency,
            "effective_from": self.rate.effective_from.isoformat() if self.rate else None,
            "effective_until": self.rate.effective_until.isoformat()
            if self.rate and self.rate.effective_until
            else None,
            "notice": self.notice.as_dict() if self.notice else None,
            "rate_id": self.rate.pk if self.rate else None,
        }


@dataclass(frozen=True)
class _FileIndex:
    file: str
    currency: str
    starts: tuple[datetime.date, ...]  # period starts, ascending
    by_start: dict[datetime.date, dict[str, Rate]]  # period start -> listed division -> rate
    rates: tuple[Rate, ...]
    components: tuple[Components, ...]


@dataclass(frozen=True)
class _Index:
    version: tuple[Any, ...]
    files: dict[str, _FileIndex]


_lock = threading.Lock()
_current: _Index | None = None


def _version() -> tuple[Any, ...]:
    """Row count and latest change of the three tables, in one query: any seed or staff edit changes it."""
    models: tuple[Any, ...] = (MinimumWageRate, WageNotice, WageComponentRule)
    parts = [
        model.objects.order_by()
        .annotate(k=Value(index))
        .values("k")
        .annotate(n=Count("id"), at=Max("updated_at"))
        .values_list("k", "n", "at")
        for index, model in enumerate(models)
    ]
    return tuple(sorted(tuple(row) for row in parts[0].union(*parts[1:], all=True)))


def _notice_ref(notice: WageNotice) -> NoticeRef:
    return NoticeRef(
        key=notice.key,
        title_en=notice.title_en,
        title_zh=notice.title_zh,
        number=notice.number,
        issued_on=notice.issued_on,
        url=notice.url,
        confirmed=notice.confirmed,
        tried=notice.tried,
        checked_on=notice.checked_on,
    )


def _index() -> _Index:
    global _current
    version = _version()
    current = _current
    if current is not None and current.version == version:
        return current
    with _lock:
        notices = {n.pk: _notice_ref(n) for n in WageNotice.objects.all()}
        rates_by_file: dict[str, list[Rate]] = {}
        for row in MinimumWageRate.objects.order_by("file", "effective_from", "tier"):
            rates_by_file.setdefault(row.file, []).append(
                Rate(
                    pk=row.pk,
                    file=row.file,
                    currency=row.currency,
                    effective_from=row.effective_from,
                    effective_until=row.effective_until,
                    tier=row.tier,
                    monthly=row.monthly,
                    hourly=row.hourly,
                    daily=row.daily,
                    divisions=tuple(row.divisions),
                    division_names=dict(row.division_names or {}),
                    notice=notices[row.notice_id],
                    note_en=row.note_en,
                    note_zh=row.note_zh,
                )
            )
        components: dict[str, list[Components]] = {}
        for rule in WageComponentRule.objects.order_by("file", "effective_from"):
            components.setdefault(rule.file, []).append(
                Components(
                    effective_from=rule.effective_from,
                    excludes=tuple(rule.excludes),
                    social_insurance_included=rule.social_insurance_included,
                    notice=notices[rule.notice_id],
                    note_en=rule.note_en,
                    note_zh=rule.note_zh,
                )
            )
        built: dict[str, _FileIndex] = {}
        for code, rates in rates_by_file.items():
            by_start: dict[datetime.date, dict[str, Rate]] = {}
            for rate in rates:
                listed = by_start.setdefault(rate.effective_from, {})
                for division in rate.divisions:
                    listed[division] = rate
            built[code] = _FileIndex(
                file=code,
                currency=rates[0].currency,
                starts=tuple(sorted(by_start)),
                by_start=by_start,
                rates=tuple(rates),
                components=tuple(components.get(code, ())),
            )
        _current = _Index(version=version, files=built)
        return _current


def _period_start(index: _FileIndex, on: datetime.date) -> datetime.date | None:
    found = None
    for start in index.starts:
        if start <= on:
            found = start
        else:
            break
    return found


def _answer(division: Division, index: _FileIndex | None, on: datetime.date) -> WageAnswer:
    if index is None:
        return WageAnswer(
            requested=division.requested, division=division.code, on=on, known=False, reason=UNKNOWN_NO_FILE
        )
    start = _period_start(index, on)
    if start is None:
        return WageAnswer(
            requested=division.requested,
            division=division.code,
            on=on,
            known=False,
            reason=UNKNOWN_BEFORE_DATA,
        )
    listed = index.by_start[start]
    for code in division.chain:
        rate = listed.get(code)
        if rate is not None:
            return WageAnswer(
                requested=division.requested,
                division=division.code,
                on=on,
                known=True,
                rate=rate,
                matched=code,
            )
    return WageAnswer(
        requested=division.requested, division=division.code, on=on, known=False, reason=UNKNOWN_NOT_LISTED
    )


def _division_or_error(code: str) -> Division:
    division = division_parse(code)
    if division is None:
        raise InvalidInput(
            _("“%(code)s” is not a division code (use e.g. 320583, CN-441900, VN-HN or VN-HN:250).")
            % {"code": code},
            code="bad_division_code",
            details=[{"file": None, "row": None, "column": "division", "message": code}],
        )
    return division


def minimum_wage_on(*, division: str, on: datetime.date) -> WageAnswer:
    """The minimum wage for a division on a date, or an answer saying plainly that it is unknown."""
    place = _division_or_error(division)
    index = _index().files.get(place.file)
    return _answer(place, index, on)


def minimum_wage_periods(*, division: str, start: datetime.date, end: datetime.date) -> list[WageAnswer]:
    """The answers over [start, end] in date order, each with the window (`start`–`end`) it holds for;
    windows where the value is unknown are answers with `known` False. Consecutive windows never overlap."""
    place = _division_or_error(division)
    index = _index().files.get(place.file)
    boundaries = sorted({start} | {s for s in (index.starts if index else ()) if start < s <= end})
    answers: list[WageAnswer] = []
    for position, first in enumerate(boundaries):
        last = (
            boundaries[position + 1] - datetime.timedelta(days=1) if position + 1 < len(boundaries) else end
        )
        found = _answer(place, index, first)
        previous = answers[-1] if answers else None
        if (
            previous is not None
            and previous.rate == found.rate
            and previous.reason == found.reason
            and previous.matched == found.matched
        ):
            answers[-1] = WageAnswer(**{**previous.__dict__, "end": last})
            continue
        answers.append(WageAnswer(**{**found.__dict__, "start": first, "end": last}))
    return answers


def wage_components_on(*, division: str, on: datetime.date) -> Components | None:
    """What counts toward the minimum wage in the division's province or country on a date (None: no rule)."""
    place = _division_or_error(division)
    index = _index().files.get(place.file)
    found = None
    for rule in index.components if index else ():
        if rule.effective_from <= on:
            found = rule
    return found


def wage_file_codes() -> list[str]:
    return sorted(_index().files)


def wage_rates(*, file: str) -> tuple[Rate, ...]:
    index = _index().files.get(file)
    return index.rates if index else ()


def wage_rate_get(*, pk: int) -> Rate | None:
    for index in _index().files.values():
        for rate in index.rates:
            if rate.pk == pk:
                return rate
    return None


# ---------------------------------------------------------------- places by name (either language)


@dataclass(frozen=True)
class Place:
    code: str  # "320583", "VN-HN", "VN-HN:250"
    name_en: str
    name_zh: str
    parent: str = ""  # the name of the prefecture or province, for telling places apart
    name_local: str = ""  # e.g. the Vietnamese name

    @property
    def label(self) -> str:
        names = " / ".join(n for n in (self.name_zh, self.name_en, self.name_local) if n)
        return f"{names} ({self.code})" + (f" — {self.parent}" if self.parent else "")


@functools.lru_cache(maxsize=1)
def _places() -> tuple[Place, ...]:
    """Every division with a name: China's provinces and prefectures (English and Chinese, core.Division),
    its counties and districts (Chinese, from cpca's GB/T 2260 table), the ISO 3166-2 subdivisions of the
    other countries, and the local divisions the minimum-wage files name."""
    from rsca.core.models import Division as CoreDivision

    found: dict[str, Place] = {}
    known = {d.code: d for d in CoreDivision.objects.filter(country_id="CN")}
    for code, item in known.items():
        found[code] = Place(code=code, name_en=item.name_en, name_zh=item.name_zh)
    try:
        table = files("cpca") / "resources" / "adcodes.csv"
        with table.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                six = str(row["adcode"])[:6]
                if six in found or six.endswith("0000") or not six.isdigit():
                    continue
                parent = known.get(six[:4] + "00") or known.get(six[:2] + "0000")
                found[six] = Place(
                    code=six, name_en="", name_zh=row["name"], parent=parent.name_zh if parent else ""
                )
    except (OSError, KeyError, ModuleNotFoundError):  # the county table is an optional aid to search
        pass
    for country in OTHER_COUNTRIES:
        for sub in pycountry.subdivisions.get(country_code=country) or []:
            found[sub.code] = Place(code=sub.code, name_en=sub.name, name_zh="")
    for index in _index().files.values():
        for rate in index.rates:
            for code, names in rate.division_names.items():
                local = next((v for k, v in names.items() if k not in ("en", "zh")), "")
                found.setdefault(
                    code,
                    Place(
                        code=code, name_en=names.get("en", ""), name_zh=names.get("zh", ""), name_local=local
                    ),
                )
    return tuple(found.values())


def place_search(*, query: str, limit: int = 12) -> list[Place]:
    """Places whose code or name (English or Chinese) matches `query`: exact and prefix matches first,
    then names containing it, then close spellings."""
    text = (query or "").strip()
    if not text:
        return []
    lowered = text.lower()
    places = _places()
    scored: list[tuple[int, str, Place]] = []
    for place in places:
        names = [place.name_en.lower(), place.name_zh, place.name_local.lower(), place.code.lower()]
        if lowered in names:
            rank = 0
        elif any(name.startswith(lowered) for name in names if name):
            rank = 1
        elif any(lowered in name for name in names if name):
            rank = 2
        else:
            continue
        scored.append((rank, place.code, place))
    scored.sort(key=lambda item: (item[0], len(item[2].name_zh or item[2].name_en), item[1]))
    results = [place for _rank, _code, place in scored[:limit]]
    if len(results) < limit:
        by_name = {p.name_en.lower(): p for p in places if p.name_en}
        by_name.update({p.name_zh: p for p in places if p.name_zh})
        for name in difflib.get_close_matches(lowered, list(by_name), n=limit - len(results), cutoff=0.7):
            if by_name[name] not in results:
                results.append(by_name[name])
    return results


def place_get(code: str) -> Place | None:
    division = division_parse(code)
    wanted = division.code if division else code
    return next((p for p in _places() if p.code == wanted), None)


def places_reset() -> None:
    """Forget the cached name table (after a seed in tests)."""
    _places.cache_clear()
    _cn_iso_to_code.cache_clear()


def divisions_listed(index_files: Iterable[str] | None = None) -> set[str]:
    """Every division code some tier of some period lists."""
    found: set[str] = set()
    for code, index in _index().files.items():
        if index_files is not None and code not in index_files:
            continue
        for rate in index.rates:
            found.update(rate.divisions)
    return found


# ---------------------------------------------------------------- coverage


CN_START = datetime.date(2017, 12, 1)  # the programme's start
OTHER_START = datetime.date(2020, 1, 1)
OTHER_COUNTRIES = tuple(code for code in RSCA_COUNTRIES if code != "CN")


@dataclass
class CoverageRow:
    file: str  # "CN-32", "VN"
    divisions: int
    cells: int  # divisions × first days of month
    resolved: int
    unconfirmed: int  # resolved cells whose notice is not confirmed
    unknown_examples: list[tuple[str, str, str]] = field(default_factory=list)  # (division, month, reason)

    @property
    def share(self) -> float:
        return self.resolved / self.cells if self.cells else 0.0


@dataclass
class Coverage:
    until: datetime.date
    rows: list[CoverageRow]
    rates: int
    rates_without_source: int
    notices_unconfirmed: int

    def totals(self, prefix: str) -> tuple[int, int, int]:
        chosen = [r for r in self.rows if r.file.startswith(prefix)] if prefix else self.rows
        return (
            sum(r.cells for r in chosen),
            sum(r.resolved for r in chosen),
            sum(r.unconfirmed for r in chosen),
        )


def _months(start: datetime.date, until: datetime.date) -> list[datetime.date]:
    found, day = [], start
    while day <= until:
        found.append(day)
        day = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return found


def coverage_divisions() -> dict[str, list[str]]:
    """The divisions coverage is measured on, by file: every Chinese province and prefecture-level division
    (core.Division) and every county-level code a tier lists (the counties in another tier than their
    prefecture); every first-level ISO 3166-2 division of the other five countries."""
    from rsca.core.models import Division as CoreDivision

    by_file: dict[str, list[str]] = {}
    for division in CoreDivision.objects.filter(country_id="CN").order_by("code"):
        by_file.setdefault(f"CN-{division.code[:2]}", []).append(division.code)
    for code in sorted(divisions_listed()):
        if code.isdigit() and code[4:] != "00":
            listed = by_file.setdefault(f"CN-{code[:2]}", [])
            if code not in listed:
                listed.append(code)
    for country in OTHER_COUNTRIES:
        by_file[country] = sorted(
            s.code
            for s in pycountry.subdivisions.get(country_code=country) or []
            if not getattr(s, "parent_code", None)
        )
    return by_file


def minimum_wage_coverage(*, until: datetime.date | None = None, examples: int = 5) -> Coverage:
    """Divisions × first days of month resolved to a value (China since 2017-12-01, the other countries since
    2020-01-01), the resolved cells resting on an unconfirmed notice, and rows without a source."""
    until = until or datetime.date.today()
    index = _index()
    rows: list[CoverageRow] = []
    for file, codes in sorted(coverage_divisions().items()):
        months = _months(CN_START if file.startswith("CN-") else OTHER_START, until)
        row = CoverageRow(
            file=file, divisions=len(codes), cells=len(codes) * len(months), resolved=0, unconfirmed=0
        )
        file_index = index.files.get(file)
        for code in codes:
            division = division_parse(code)
            if division is None:
                continue
            for month in months:
                answer = _answer(division, file_index, month)
                if answer.known and answer.rate is not None:
                    row.resolved += 1
                    row.unconfirmed += not answer.rate.notice.confirmed
                elif len(row.unknown_examples) < examples:
                    row.unknown_examples.append((code, month.isoformat(), answer.reason))
        rows.append(row)
    rates = [rate for file_index in index.files.values() for rate in file_index.rates]
    notices = {(rate.file, rate.notice.key): rate.notice for rate in rates}
    return Coverage(
        until=until,
        rows=rows,
        rates=len(rates),
        rates_without_source=sum(1 for rate in rates if not rate.notice.url),
        notices_unconfirmed=sum(1 for notice in notices.values() if not notice.confirmed),
    )


# ---------------------------------------------------------------- the page and API: a place, its tier, its history


@dataclass
class TierRow:
    rate: Rate
    places: list[Place]  # the listed divisions with their names

    @property
    def tier(self) -> int:
        return self.rate.tier


@dataclass
class WagePage:
    query: str
    on: datetime.date
    place: Place | None = None
    division: str = ""
    matches: list[Place] = field(default_factory=list)  # when the query names several places
    answer: WageAnswer | None = None
    components: Components | None = None
    tiers: list[TierRow] = field(default_factory=list)  # every tier of the period in force, with its places
    chart: dict[str, Any] = field(default_factory=dict)


def _chart(rates: Iterable[Rate], until: datetime.date) -> dict[str, Any]:
    """One step line per tier (monthly amounts; hourly or daily where the data has no monthly ones)."""
    chosen = list(rates)
    kind = next(
        (
            name
            for name in ("monthly", "daily", "hourly")
            if any(getattr(r, name) is not None for r in chosen)
        ),
        "monthly",
    )
    by_tier: dict[int, list[Rate]] = {}
    for rate in chosen:
        if getattr(rate, kind) is not None:
            by_tier.setdefault(rate.tier, []).append(rate)
    series = []
    for tier, items in sorted(by_tier.items()):
        items.sort(key=lambda r: r.effective_from)
        points = [[r.effective_from.isoformat(), float(getattr(r, kind))] for r in items]
        last = items[-1]
        end = last.effective_until or max(until, last.effective_from)
        points.append([end.isoformat(), float(getattr(last, kind))])
        series.append(
            {
                "name": _("Tier %(tier)s") % {"tier": tier},
                "code": str(tier),
                "parameter": kind,
                "currency": last.currency,
                "points": points,
            }
        )
    labels = {
        "monthly": _("Minimum wage per month"),
        "daily": _("Minimum wage per day"),
        "hourly": _("Minimum wage per hour"),
    }
    return {"series": series, "parameter": kind, "label": str(labels[kind])}


def minimum_wage_page(*, query: str, on: datetime.date) -> WagePage:
    """What the applicable-standard page and API show for a place named by code or by name (English or
    Chinese): its tier and amounts on `on` with the notice, every tier of that period with its places, what
    counts toward the minimum, and the history per tier."""
    page = WagePage(query=(query or "").strip(), on=on)
    if not page.query:
        return page
    division = division_parse(page.query)
    if division is None:
        found = place_search(query=page.query)
        exact = [
            p for p in found if page.query.lower() in (p.name_en.lower(), p.name_zh, p.name_local.lower())
        ]
        if len(exact) == 1 or len(found) == 1:
            division = division_parse((exact or found)[0].code)
        else:
            page.matches = found
            return page
    if division is None:
        return page
    page.division = division.code
    page.place = place_get(division.code) or Place(code=division.code, name_en="", name_zh="")
    page.answer = minimum_wage_on(division=division.code, on=on)
    page.components = wage_components_on(division=division.code, on=on)
    index = _index().files.get(division.file)
    if index is None:
        return page
    names = {p.code: p for p in _places()}
    start = _period_start(index, on)
    if start is not None:
        rates = sorted({id(r): r for r in index.by_start[start].values()}.values(), key=lambda r: r.tier)
        page.tiers = [
            TierRow(
                rate=rate,
                places=[
                    names.get(code) or Place(code=code, name_en="", name_zh="") for code in rate.divisions
                ],
            )
            for rate in rates
        ]
    page.chart = _chart(index.rates, on)
    return page


def jurisdiction_for(code: str) -> str | None:
    """The nearest jurisdiction with thresholds (hours, premiums, ages) for a division code: a county
    (`CN-320583`) or a local division (`VN-HN:250`) has none of its own, its prefecture's, province's or
    subdivision's apply. None when no level is known."""
    from rsca.core.errors import NotFound
    from rsca.standards.selectors import jurisdiction_resolve

    division = division_parse(code)
    candidates = [code]
    if division is not None:
        candidates += (
            [f"CN-{c}" for c in division.chain]
            if division.country == "CN"
            else [c for c in division.chain if ":" not in c]
        )
    for candidate in candidates:
        try:
            return jurisdiction_resolve(code=candidate).code
        except NotFound:
            continue
    return None
