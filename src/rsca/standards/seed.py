"""Load the reviewed standards data in `data/*.yaml` (idempotent: natural keys, update_or_create).

The files are the reviewed source of truth; staff may correct values in the admin afterwards (every
change is audited), and a later `rsca seed` brings the database back to the reviewed files for the
records they contain. A malformed entry stops the load with an error naming the file and the entry,
and nothing of that load is written.
"""

from __future__ import annotations

import gettext
from datetime import date
from decimal import Decimal, InvalidOperation
from importlib.resources import files
from typing import Any

import pycountry
import yaml
from django.core.exceptions import ValidationError
from django.db import transaction

from rsca.core.errors import InvalidInput
from rsca.core.models import RSCA_COUNTRIES, Country, Division
from rsca.standards.minimum_wages import minimum_wages_seed
from rsca.standards.models import (
    CoherenceGap,
    Column,
    Instrument,
    Jurisdiction,
    Provision,
    Ratification,
    Threshold,
    Topic,
)
from rsca.standards.parameters import PARAMETERS

DATA_FILES = ("topics", "instruments", "thresholds", "ratifications", "coherence")


def load_yaml(name: str) -> Any:
    path = files("rsca.standards") / "data"
    *folders, stem = name.split("/")  # "thresholds/VN" is a per-country file in data/thresholds/
    for folder in folders:
        path = path / folder
    with (path / f"{stem}.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def data_directory(kind: str) -> list[str]:
    """The names (for `load_yaml`) of the per-country files in `data/<kind>/`, e.g. `thresholds/VN`."""
    folder = files("rsca.standards") / "data" / kind
    if not folder.is_dir():
        return []
    return sorted(f"{kind}/{entry.name[:-5]}" for entry in folder.iterdir() if entry.name.endswith(".yaml"))


def _problem(file: str, entry: str, message: str) -> InvalidInput:
    return InvalidInput(
        f"{file}.yaml, {entry}: {message}",
        code="bad_standards_data",
        details=[{"file": f"{file}.yaml", "row": entry, "column": "", "message": message}],
    )


def _date(value: Any, *, file: str, entry: str, field: str, required: bool = True) -> date | None:
    if value in (None, ""):
        if required:
            raise _problem(file, entry, f"{field} is required")
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise _problem(file, entry, f"{field} “{value}” is not a date (YYYY-MM-DD)")


def _full_clean(obj: Any, *, file: str, entry: str, exclude: list[str] | None = None) -> None:
    try:
        obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise _problem(file, entry, "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items()))


# ---------------------------------------------------------------- jurisdictions


def _subdivision_names_zh() -> gettext.NullTranslations:
    return gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["zh_CN"], fallback=True)


def seed_jurisdictions() -> int:
    """Countries of the programme, the EU, every Chinese province and prefecture-level city (from
    core.Division, so `CN-440300` has the parent `CN-GD`), and the ISO 3166-2 subdivisions of the
    other five RSCA countries (with their ISO parents)."""
    count = 0
    Jurisdiction.objects.update_or_create(
        code="EU",
        defaults={
            "level": Jurisdiction.Level.SUPRANATIONAL,
            "parent": None,
            "country": None,
            "division": None,
            "name_en": "European Union",
            "name_zh": "欧洲联盟",
        },
    )
    count += 1
    nations: dict[str, Jurisdiction] = {}
    for iso in RSCA_COUNTRIES:
        country = Country.objects.get(iso2=iso)
        nations[iso], _created = Jurisdiction.objects.update_or_create(
            code=iso,
            defaults={
                "level": Jurisdiction.Level.COUNTRY,
                "parent": None,
                "country": country,
                "division": None,
                "name_en": country.name_en,
                "name_zh": country.name_zh,
            },
        )
        count += 1
    provinces: dict[str, Jurisdiction] = {}
    divisions = list(Division.objects.filter(country_id="CN").order_by("level", "code"))
    for division in (d for d in divisions if d.level == Division.Level.PROVINCE):
        code = division.iso_code or f"CN-{division.code}"
        provinces[division.code], _created = Jurisdiction.objects.update_or_create(
            code=code,
            defaults={
                "level": Jurisdiction.Level.SUBDIVISION,
                "parent": nations["CN"],
                "country_id": "CN",
                "division": division,
                "name_en": division.name_en,
                "name_zh": division.name_zh,
            },
        )
        count += 1
    for division in (d for d in divisions if d.level == Division.Level.PREFECTURE):
        Jurisdiction.objects.update_or_create(
            code=f"CN-{division.code}",
            defaults={
                "level": Jurisdiction.Level.CITY,
                "parent": provinces.get(division.parent_id or "", nations["CN"]),
                "country_id": "CN",
                "division": division,
                "name_en": division.name_en,
                "name_zh": division.name_zh,
            },
        )
        count += 1
    zh = _subdivision_names_zh()
    for iso in RSCA_COUNTRIES[1:]:
        subdivisions = sorted(
            pycountry.subdivisions.get(country_code=iso) or [],
            key=lambda s: (s.parent_code is not None, s.code),
        )
        for sub in subdivisions:
            parent = nations[iso]
            if sub.parent_code:
                parent = Jurisdiction.objects.filter(code=sub.parent_code).first() or parent
            Jurisdiction.objects.update_or_create(
                code=sub.code,
                defaults={
                    "level": Jurisdiction.Level.SUBDIVISION,
                    "parent": parent,
                    "country_id": iso,
                    "division": None,
                    "name_en": sub.name,
                    "name_zh": zh.gettext(sub.name) if zh.gettext(sub.name) != sub.name else "",
                },
            )
            count += 1
    return count


# ---------------------------------------------------------------- topics, instruments, provisions


def seed_topics(data: list[dict[str, Any]]) -> int:
    for order, item in enumerate(data, start=1):
        entry = f"topic {item.get('code', order)}"
        topic, _created = Topic.objects.update_or_create(
            code=item["code"],
            defaults={
                "order": order,
                "name_en": item["name_en"],
                "name_zh": item["name_zh"],
                "description_en": item.get("description_en", ""),
                "description_zh": item.get("description_zh", ""),
                "better_work_clusters": item.get("better_work", []),
                "rba_sections": item.get("rba", []),
                "amfori_areas": item.get("amfori", []),
                "oecd_garment_modules": item.get("oecd_garment", []),
                "mne_sections": item.get("mne", []),
            },
        )
        _full_clean(topic, file="topics", entry=entry)
    return len(data)


def seed_instruments(
    data: list[dict[str, Any]], *, file: str = "instruments", order_start: int = 0
) -> tuple[int, int]:
    topics = {t.code: t for t in Topic.objects.all()}
    provisions = 0
    for order, item in enumerate(data, start=1):
        if item.get("extends"):  # a per-country file adding provisions to an instrument of the main file
            entry = f"provisions of {item['extends']}"
            instrument = Instrument.objects.filter(code=item["extends"]).first()
            if instrument is None:
                raise _problem(file, entry, f"unknown instrument {item['extends']}")
            specs = item.get("provisions", [])
            others = instrument.provisions.exclude(reference__in=[spec.get("ref") for spec in specs]).count()
            provisions += _seed_provisions(
                instrument, specs, topics=topics, file=file, entry=entry, order_start=others
            )
            continue
        entry = f"instrument {item.get('code', order)}"
        jurisdiction = None
        if item.get("jurisdiction"):
            jurisdiction = Jurisdiction.objects.filter(code=item["jurisdiction"]).first()
            if jurisdiction is None:
                raise _problem(file, entry, f"unknown jurisdiction {item['jurisdiction']}")
        if item.get("column") not in Column.values:
            raise _problem(file, entry, f"column must be one of {', '.join(Column.values)}")
        instrument, _created = Instrument.objects.update_or_create(
            code=item["code"],
            defaults={
                "kind": item["kind"],
                "column": item["column"],
                "issuer": item["issuer"],
                "jurisdiction": jurisdiction,
                "title_en": item["title_en"],
                "title_zh": item["title_zh"],
                "short_title_en": item.get("short_title_en", ""),
                "short_title_zh": item.get("short_title_zh", ""),
                "summary_en": item.get("summary_en", ""),
                "summary_zh": item.get("summary_zh", ""),
                "adopted_on": _date(
                    item.get("adopted_on"), file=file, entry=entry, field="adopted_on", required=False
                ),
                "effective_from": _date(
                    item.get("effective_from"), file=file, entry=entry, field="effective_from", required=False
                ),
                "url": item["url"],
                "checked_on": _date(
                    item.get("checked_on"), file=file, entry=entry, field="checked_on", required=False
                ),
                "order": order_start + order,
            },
        )
        _full_clean(instrument, file=file, entry=entry)
        provisions += _seed_provisions(
            instrument, item.get("provisions", []), topics=topics, file=file, entry=entry
        )
    return len([item for item in data if not item.get("extends")]), provisions


def _seed_provisions(
    instrument: Instrument,
    specs: list[dict[str, Any]],
    *,
    topics: dict[str, Topic],
    file: str,
    entry: str,
    order_start: int = 0,
) -> int:
    for p_order, spec in enumerate(specs, start=order_start + 1):
        p_entry = f"{entry}, provision {spec.get('ref', p_order)}"
        provision, _created = Provision.objects.update_or_create(
            instrument=instrument,
            reference=spec["ref"],
            defaults={
                "order": p_order,
                "title_en": spec["title_en"],
                "title_zh": spec["title_zh"],
                "summary_en": spec["summary_en"],
                "summary_zh": spec["summary_zh"],
                "url": spec.get("url", ""),
            },
        )
        _full_clean(provision, file=file, entry=p_entry)
        unknown = [code for code in spec.get("topics", []) if code not in topics]
        if unknown:
            raise _problem(file, p_entry, f"unknown topic(s) {', '.join(unknown)}")
        provision.topics.set([topics[code] for code in spec.get("topics", [])])
    return len(specs)


def _provision_refs(refs: list[str], *, file: str, entry: str) -> list[Provision]:
    """Provisions named "INSTRUMENT art. 41" (instrument code, a space, then the reference)."""
    found: list[Provision] = []
    for ref in refs:
        code, _sep, reference = ref.partition(" ")
        provision = Provision.objects.filter(instrument__code=code, reference=reference).first()
        if provision is None:
            raise _problem(file, entry, f"unknown provision “{ref}”")
        found.append(provision)
    return found


# ---------------------------------------------------------------- thresholds


def seed_thresholds(data: list[dict[str, Any]], *, file: str = "thresholds") -> int:
    count = 0
    for group_index, group in enumerate(data, start=1):
        owner = group.get("jurisdiction") or group.get("instrument")
        group_entry = f"group {group_index} ({owner})"
        jurisdiction = instrument = None
        if group.get("jurisdiction"):
            jurisdiction = Jurisdiction.objects.filter(code=group["jurisdiction"]).first()
            if jurisdiction is None:
                raise _problem(file, group_entry, f"unknown jurisdiction {group['jurisdiction']}")
            standard = Threshold.Standard.NATIONAL_LAW
        else:
            instrument = Instrument.objects.filter(code=group.get("instrument") or "").first()
            if instrument is None:
                raise _problem(file, group_entry, f"unknown instrument {group.get('instrument')}")
            standard = (
                Threshold.Standard.BUYER_CODE
                if instrument.kind == Instrument.Kind.BUYER_CODE
                else Threshold.Standard.ILO
            )
        for index, item in enumerate(group.get("values", []), start=1):
            entry = f"{group_entry}, value {index} ({item.get('parameter')})"
            parameter = item.get("parameter")
            if parameter not in PARAMETERS:
                raise _problem(file, entry, f"unknown parameter “{parameter}”")
            try:
                value = Decimal(str(item["value"]))
            except (KeyError, InvalidOperation):
                raise _problem(file, entry, "value is missing or not a number")
            effective_from = _date(item.get("effective_from"), file=file, entry=entry, field="effective_from")
            assert effective_from is not None  # required=True raises otherwise
            if not item.get("source_url"):
                raise _problem(file, entry, "source_url is required")
            owner_filter = {"jurisdiction": jurisdiction} if jurisdiction else {"instrument": instrument}
            threshold, _created = Threshold.objects.update_or_create(
                parameter=parameter,
                effective_from=effective_from,
                **owner_filter,
                defaults={
                    "standard": standard,
                    "value": value,
                    "unit": item.get("unit") or PARAMETERS[parameter].unit.value,
                    "currency": item.get("currency", ""),
                    "variant_en": item.get("variant_en", ""),
                    "variant_zh": item.get("variant_zh", ""),
                    "effective_until": _date(
                        item.get("effective_until"),
                        file=file,
                        entry=entry,
                        field="effective_until",
                        required=False,
                    ),
                    "source_url": item["source_url"],
                    "checked_on": _date(
                        item.get("checked_on"), file=file, entry=entry, field="checked_on", required=False
                    ),
                    "confirmed": bool(item.get("confirmed", True)),
                    "note_en": item.get("note_en", ""),
                    "note_zh": item.get("note_zh", ""),
                },
            )
            _full_clean(threshold, file=file, entry=entry)
            threshold.provisions.set(_provision_refs(item.get("provisions", []), file=file, entry=entry))
            count += 1
    return count


# ---------------------------------------------------------------- ratifications and the coherence map


def seed_ratifications(data: dict[str, Any]) -> int:
    count = 0
    source = data["source_url"]
    checked = _date(
        data.get("checked_on"), file="ratifications", entry="header", field="checked_on", required=False
    )
    for iso, conventions in data["countries"].items():
        for code, spec in conventions.items():
            entry = f"{iso} {code}"
            convention = Instrument.objects.filter(
                code=f"ILO-{code}", kind=Instrument.Kind.ILO_CONVENTION
            ).first()
            if convention is None:
                raise _problem("ratifications", entry, f"unknown convention {code}")
            ratified = spec.get("ratified")
            if not isinstance(ratified, bool):
                raise _problem("ratifications", entry, "ratified must be true or false")
            exact = _date(spec.get("date"), file="ratifications", entry=entry, field="date", required=False)
            year = spec.get("year") or (exact.year if exact else None)
            record, _created = Ratification.objects.update_or_create(
                country_id=iso,
                convention=convention,
                defaults={
                    "ratified": ratified,
                    "ratified_on": exact if ratified else None,
                    "year": year if ratified else None,
                    "confirmed": bool(spec.get("confirmed", True)),
                    "note_en": spec.get("note_en", ""),
                    "note_zh": spec.get("note_zh", ""),
                    "source_url": spec.get("source_url") or source.format(country=iso, convention=code),
                    "checked_on": checked,
                },
            )
            _full_clean(record, file="ratifications", entry=entry)
            count += 1
    return count


def seed_coherence(data: list[dict[str, Any]]) -> int:
    topics = {t.code: t for t in Topic.objects.all()}
    for item in data:
        entry = f"gap {item.get('key')}"
        topic = topics.get(item.get("topic", ""))
        if topic is None:
            raise _problem("coherence", entry, f"unknown topic {item.get('topic')}")
        gap, _created = CoherenceGap.objects.update_or_create(
            key=item["key"],
            defaults={
                "topic": topic,
                "column": item["column"],
                "severity": item.get("severity", "gap"),
                "note_en": item["note_en"],
                "note_zh": item["note_zh"],
                "source_url": item.get("source_url", ""),
            },
        )
        _full_clean(gap, file="coherence", entry=entry)
        gap.provisions.set(_provision_refs(item.get("provisions", []), file="coherence", entry=entry))
    return len(data)


@transaction.atomic
def standards_load() -> dict[str, int]:
    """Load every data file in one transaction; returns counts per kind of record."""
    counts = {"jurisdictions": seed_jurisdictions(), "topics": seed_topics(load_yaml("topics"))}
    counts["instruments"], counts["provisions"] = seed_instruments(load_yaml("instruments"))
    for name in data_directory("instruments"):  # per-country instruments after the main file
        instruments, provisions = seed_instruments(
            load_yaml(name), file=name, order_start=counts["instruments"]
        )
        counts["instruments"] += instruments
        counts["provisions"] += provisions
    counts["thresholds"] = seed_thresholds(load_yaml("thresholds"))
    for name in data_directory("thresholds"):  # per-country thresholds after the main file
        counts["thresholds"] += seed_thresholds(load_yaml(name), file=name)
    counts["ratifications"] = seed_ratifications(load_yaml("ratifications"))
    counts["coherence gaps"] = seed_coherence(load_yaml("coherence"))
    counts.update(minimum_wages_seed())  # data/minimum_wages/*.yaml, validated as a whole first
    return counts


def seed_reference(out: Any) -> None:
    counts = standards_load()
    out.write("  standards: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
