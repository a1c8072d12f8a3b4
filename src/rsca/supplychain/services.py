"""Writes: facility-list import (preview, then one atomic commit), review decisions, facility edits, merges."""

from __future__ import annotations

import datetime
import gc
import hashlib
import logging
import math
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rsca.core.audit import acting_as, audit_record
from rsca.core.countries import country_ensure, country_resolve, country_suggest
from rsca.core.errors import Conflict, DomainError, Forbidden, InvalidInput, NotFound, TooLarge
from rsca.core.models import Division, Organisation, Sector, TaskProgress
from rsca.core.scoping import can_edit_organisation, is_platform_staff
from rsca.core.services import task_progress_start, task_progress_update
from rsca.core.tabular import Row, Table, cell_error, looks_like_formula, read_table
from rsca.supplychain import matching
from rsca.supplychain.models import (
    Facility,
    FacilityListRow,
    FacilityListUpload,
    FacilityMerge,
    MatchDecision,
    MatchModel,
    SupplyRelationship,
    public_ids_allocate,
)
from rsca.supplychain.normalise import candidate_keys, cpca_parse, facility_keys, fold, has_chinese, row_key

REQUIRED_COLUMNS = ("name", "address", "country")
OPTIONAL_COLUMNS = (
    "sector",
    "product_type",
    "facility_type",
    "processing_type",
    "number_of_workers",
    "native_language_name",
    "parent_company",
    "lat",
    "lng",
    "native_language_address",
    "tier",
    "products",
    "volume_share",
    # Open Supply Hub's combined columns and identifiers: kept with the contribution, split into their parts.
    "sector_product_type",
    "facility_type_processing_type",
    "duns_id",
    "lei_id",
    "rba_id",
)
IDENTIFIER_COLUMNS = ("duns_id", "lei_id", "rba_id")
# Open Supply Hub's facility types (the rest of `facility_type_processing_type` are processing types).
OSH_FACILITY_TYPES = frozenset(
    fold(t)
    for t in (
        "Final Product Assembly",
        "Printing, Product Dyeing and Laundering",
        "Raw Material Processing or Production",
        "Textile or Material Production",
        "Office / HQ",
        "Warehousing / Distribution",
        "Component Manufacturing",
        "Packaging",
        "Finished Goods",
        "Raw Material",
        "Tier 1",
        "Tier 2",
        "Tier 3",
        "Tier 4",
        "Headquarters",
    )
)
COLUMN_ALIASES = {
    "facility_name": "name",
    "facility": "name",
    "名称": "name",
    "工厂名称": "name",
    "企业名称": "name",
    "facility_address": "address",
    "地址": "address",
    "工厂地址": "address",
    "country_code": "country",
    "国家": "country",
    "国家/地区": "country",
    "国家_地区": "country",
    "native_name": "native_language_name",
    "中文名称": "native_language_name",
    "行业": "sector",
    "产品类型": "product_type",
    "工人数量": "number_of_workers",
    "员工人数": "number_of_workers",
    "母公司": "parent_company",
    "latitude": "lat",
    "longitude": "lng",
    "lon": "lng",
    "中文地址": "native_language_address",
    "层级": "tier",
    "产品": "products",
}
MAX_ROWS = 100_000
PREFILTER_CHUNK = 500
SYNC_MAX_BYTES = 256 * 1024  # larger uploads are read and matched by a background task
SYNC_MAX_ROWS = 2_000  # larger lists are committed by a background task
PROGRESS_EVERY = 2_000
ALLOWED_EXTENSIONS = (".csv", ".txt", ".xlsx", ".xlsm")
logger = logging.getLogger(__name__)


class ImportRejected(InvalidInput):
    """A commit that was refused because rows have errors; `report` still lists every row."""

    code = "rows_invalid"

    def __init__(self, message: str, *, report: ImportReport) -> None:
        super().__init__(
            message,
            code=self.code,
            details=[
                cell_error(report.filename, r.row, e.get("column"), e["message"])
                for r in report.rows
                for e in r.errors
            ],
        )
        self.report = report


@dataclass
class RowResult:
    row: int
    status: str
    facility_id: str | None = None
    score: float | None = None
    candidates: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    name: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "status": self.status,
            "facility_id": self.facility_id,
            "score": self.score,
            "candidates": self.candidates,
            "errors": self.errors,
        }


@dataclass
class ImportReport:
    filename: str
    organisation: str
    committed: bool
    upload_id: int | None
    rows: list[RowResult]
    extra_columns: list[str]
    organisation_created: bool = False

    @property
    def totals(self) -> dict[str, int]:
        totals = {"rows": len(self.rows), "matched": 0, "new": 0, "review": 0, "error": 0}
        for result in self.rows:
            totals[result.status] = totals.get(result.status, 0) + 1
        return totals

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.filename,
            "organisation": self.organisation,
            "committed": self.committed,
            "upload_id": self.upload_id,
            "organisation_created": self.organisation_created,
            "extra_columns": self.extra_columns,
            "totals": self.totals,
            "rows": [r.as_dict() for r in self.rows],
        }


# ----------------------------------------------------------------------------------------------- parsing


def _sector_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for code, en, zh in Sector.objects.values_list("code", "name_en", "name_zh"):
        for key in (code, en, zh):
            index[fold(key) if key.isascii() else key] = code
    for key, code in (
        ("electronics", "26"),
        ("电子", "26"),
        ("electrical", "27"),
        ("电器", "27"),
        ("textiles", "13"),
        ("textile", "13"),
        ("纺织", "13"),
        ("apparel", "14"),
        ("garments", "14"),
        ("garment", "14"),
        ("服装", "14"),
        ("footwear", "15"),
        ("leather", "15"),
        ("鞋", "15"),
        ("皮革", "15"),
    ):
        index.setdefault(key, code)
    return index


@dataclass
class ParsedRow:
    number: int
    raw: dict[str, str]
    name: str = ""
    native_name: str = ""
    address: str = ""
    native_address: str = ""
    country: str = ""
    division: str = ""
    sectors: list[str] = field(default_factory=list)
    sector_text: str = ""
    number_of_workers: int | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    tier: int | None = None
    volume_share: Decimal | None = None
    keys: dict[str, str] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)
    row_key: str = ""
    errors: list[dict[str, Any]] = field(default_factory=list)


def _pieces(text: str | None) -> list[str]:
    """The values of a multi-value cell (Open Supply Hub separates them with |; lists also use ; and 、)."""
    found: list[str] = []
    for piece in (text or "").replace("；", ";").replace("、", ";").replace("|", ";").split(";"):
        piece = " ".join(piece.split())
        if piece and piece not in found:
            found.append(piece)
    return found


def row_values(raw: dict[str, str], sectors: dict[str, str] | None = None) -> dict[str, Any]:
    """What a row says about the facility beyond name, address and country, with Open Supply Hub's combined
    columns split: `sector_product_type` parts that are sectors are sectors, the others product types;
    `facility_type_processing_type` parts that are OSH facility types are facility types, the others processing
    types. Identifiers (DUNS, LEI, RBA) as given. Works on a stored row's raw values as well."""
    sectors = _sector_index() if sectors is None else sectors
    sector_text = list(_pieces(raw.get("sector")))
    product_types = list(_pieces(raw.get("product_type")))
    for piece in _pieces(raw.get("sector_product_type")):
        if sectors.get(fold(piece) if piece.isascii() else piece):
            sector_text.append(piece)
        else:
            product_types.append(piece)
    facility_types = list(_pieces(raw.get("facility_type")))
    processing_types = list(_pieces(raw.get("processing_type")))
    for piece in _pieces(raw.get("facility_type_processing_type")):
        (facility_types if fold(piece) in OSH_FACILITY_TYPES else processing_types).append(piece)
    return {
        "sector_text": "|".join(dict.fromkeys(sector_text))[:300],
        "product_type": "|".join(dict.fromkeys(product_types))[:500],
        "facility_type": "|".join(dict.fromkeys(facility_types))[:300],
        "processing_type": "|".join(dict.fromkeys(processing_types))[:500],
        "parent_company": (raw.get("parent_company") or "").strip()[:500],
        "identifiers": {c: raw[c].strip()[:100] for c in IDENTIFIER_COLUMNS if (raw.get(c) or "").strip()},
    }


def mis_encoded(text: str) -> str | None:
    """The text as it was meant when UTF-8 bytes were read as Windows-1252 or Mac Roman (``N¬∫`` → ``Nº``,
    ``CafÃ©`` → ``Café``), or None when the text reads correctly. Only text that turns into valid UTF-8 with
    non-ASCII characters is suspected, so ordinary accented or Chinese text is never flagged."""
    if not text or text.isascii():
        return None
    for codec in ("cp1252", "mac_roman"):
        try:
            repaired = text.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if repaired != text and not repaired.isascii():
            return repaired
    return None


def _decimal(value: str, *, low: float, high: float) -> Decimal | None:
    try:
        number = Decimal(value.replace(",", "."))
    except InvalidOperation:
        return None
    if not number.is_finite() or not (low <= float(number) <= high):
        return None
    return number.quantize(Decimal("0.000001")) if high <= 180 else number


def _parse_row(row: Row, *, filename: str, sectors: dict[str, str], division_codes: set[str]) -> ParsedRow:
    values = {k: v.strip() for k, v in row.values.items()}
    parsed = ParsedRow(number=row.number, raw={**values, **row.extra})

    def error(column: str | None, message: str) -> None:
        parsed.errors.append({"column": column, "message": message})

    for column, value in parsed.raw.items():
        if looks_like_formula(value):
            error(
                column,
                _("The cell looks like a spreadsheet formula (“%(value)s”); formulas are not accepted.")
                % {"value": value[:40]},
            )
        repaired = (
            mis_encoded(value)
            if column
            in ("name", "address", "native_language_name", "native_language_address", "parent_company")
            else None
        )
        if repaired is not None:
            error(
                column,
                _(
                    "“%(value)s” looks mis-encoded (probably “%(repaired)s”): save the file as UTF-8 and "
                    "upload it again."
                )
                % {"value": value[:60], "repaired": repaired[:60]},
            )
    parsed.name = values.get("name", "")[:500]
    parsed.native_name = values.get("native_language_name", "")[:500]
    parsed.address = values.get("address", "")[:1000]
    parsed.native_address = values.get("native_language_address", "")[:1000]
    if not parsed.name and not parsed.native_name:
        error("name", _("The name is empty."))
    if not parsed.address and not parsed.native_address:
        error("address", _("The address is empty."))
    country_text = values.get("country", "")
    if not country_text:
        error("country", _("The country is empty."))
    else:
        parsed.country = country_resolve(country_text) or ""
        if not parsed.country:
            nearest = country_suggest(country_text)
            if nearest is not None:
                error(
                    "country",
                    _(
                        "“%(value)s” is not a country; did you mean %(name)s (%(code)s)? Use an ISO code "
                        "or the English or Chinese name."
                    )
                    % {"value": country_text[:60], "name": nearest.name_en, "code": nearest.iso2},
                )
            else:
                error(
                    "country",
                    _("“%(value)s” is not a country (use an ISO code or the English or Chinese name).")
                    % {"value": country_text[:60]},
                )
    parsed.values = row_values(values, sectors)
    parsed.sector_text = parsed.values["sector_text"]
    for piece in _pieces(parsed.sector_text):
        code = sectors.get(fold(piece) if piece.isascii() else piece)
        if code and code not in parsed.sectors:
            parsed.sectors.append(code)
    workers = values.get("number_of_workers", "").replace(",", "").replace(" ", "")
    if workers:
        bounds = workers.split("-")
        if all(b.isdigit() for b in bounds) and len(bounds) <= 2:
            parsed.number_of_workers = int(bounds[0])
        else:
            error(
                "number_of_workers",
                _("“%(value)s” is not a number of workers (e.g. 250 or 100-500).") % {"value": workers[:30]},
            )
    for column, low, high, attr in (("lat", -90.0, 90.0, "latitude"), ("lng", -180.0, 180.0, "longitude")):
        text = values.get(column, "")
        if text:
            number = _decimal(text, low=low, high=high)
            if number is None:
                error(column, _("“%(value)s” is not a valid coordinate.") % {"value": text[:30]})
            setattr(parsed, attr, number)
    tier = values.get("tier", "")
    if tier:
        if tier.isdigit() and 1 <= int(tier) <= 9:
            parsed.tier = int(tier)
        else:
            error("tier", _("The tier must be a whole number from 1 to 9."))
    share = values.get("volume_share", "").rstrip("%")
    if share:
        parsed.volume_share = _decimal(share, low=0, high=100)
        if parsed.volume_share is None:
            error("volume_share", _("The share of volume must be a percentage from 0 to 100."))
    if not parsed.errors or parsed.country:
        parsed.keys = facility_keys(
            name=parsed.name or parsed.native_name,
            native_name=parsed.native_name,
            address=parsed.address or parsed.native_address,
            native_address=parsed.native_address,
            country=parsed.country,
        )
        if parsed.country == "CN":
            city, province = parsed.keys["match_city"], parsed.keys["match_province"]
            parsed.division = (
                city if city in division_codes else (province if province in division_codes else "")
            )
        parsed.row_key = row_key(country=parsed.country, keys=parsed.keys)
    return parsed


# ----------------------------------------------------------------------------------------------- matching


CANDIDATE_FIELDS = ("id", "country_id", "merged_into_id", "match_name", *matching.KEY_COLUMNS)


def _existing_candidates(parsed: list[ParsedRow]) -> Any:
    """Facilities sharing an exact, indexed key with some row (`normalise.candidate_keys`): the same brand in
    the same city or province, the same site (street and number), or the same normalised name in the same
    country. Splink compares only these. Returned as a Splink input table, built column by column.

    Each query filters on its key column alone, so that the database uses that column's index (with another
    condition such as `merged_into IS NULL`, SQLite without statistics picks the wrong index and scans the
    register); merged records and names in another country are dropped here."""
    wanted = candidate_keys((row.country, row.keys) for row in parsed)
    names = {tuple(key.split("|", 1)) for key in wanted["name"]}
    lookups = [(column, wanted[column]) for column in ("block_brand_city", "block_brand", "block_site")]
    lookups.append(("match_name", {name for _country, name in names}))
    found: dict[int, tuple[Any, ...]] = {}
    for column, keys in lookups:
        key_list = sorted(keys)
        for start in range(0, len(key_list), PREFILTER_CHUNK):
            chunk = key_list[start : start + PREFILTER_CHUNK]
            for values in Facility.objects.filter(**{f"{column}__in": chunk}).values_list(*CANDIDATE_FIELDS):
                if values[2] is None and (column != "match_name" or (values[1], values[3]) in names):
                    found[values[0]] = values
    records = list(found.values())
    return matching.records_from_columns(
        [r[0] for r in records],
        [r[1] for r in records],
        {column: [r[i] for r in records] for i, column in enumerate(CANDIDATE_FIELDS) if i >= 4},
    )


def _match(parsed: list[ParsedRow], organisation: Organisation) -> dict[int, matching.Outcome]:
    keys = sorted({p.row_key for p in parsed if p.row_key})
    decisions: dict[str, MatchDecision] = {}
    for start in range(0, len(keys), PREFILTER_CHUNK):
        # The organisation's own decisions, and any organisation's confirmation (which facility a row names is
        # public knowledge): the same normalised row resolves the same way next time.
        for decision in MatchDecision.objects.filter(
            Q(organisation=organisation)
            | Q(decision=MatchDecision.Decision.CONFIRMED, facility__isnull=False),
            row_key__in=keys[start : start + PREFILTER_CHUNK],
        ).order_by("decided_at"):
            if decision.row_key not in decisions or decision.organisation_id == organisation.pk:
                decisions[decision.row_key] = decision
    outcomes: dict[int, matching.Outcome] = {}
    to_match: list[ParsedRow] = []
    valid = [row for row in parsed if not row.errors]
    identical = _identical_facilities(valid)
    for row in valid:
        known = decisions.get(row.row_key) if row.row_key else None
        if known and known.facility_id:
            outcomes[row.number] = matching.Outcome(
                status="matched", facility_id=known.facility_id, score=1.0
            )
        elif row.number in identical:
            outcomes[row.number] = matching.Outcome(
                status="matched", facility_id=identical[row.number], score=1.0
            )
        elif known and known.decision == MatchDecision.Decision.REJECTED:
            outcomes[row.number] = matching.Outcome(status="new")
        else:
            to_match.append(row)
    if to_match:
        incoming = matching.records_frame([(row.number, row.country, row.keys) for row in to_match])
        existing = _existing_candidates(to_match)
        outcomes.update(matching.match_records(incoming, existing, parameters=matching_parameters()))
    return outcomes


# ----------------------------------------------------------------------------------------------- the model

REFIT_MIN_FACILITIES = 2_000  # below this the defaults stay unless someone fits on purpose
REFIT_GROWTH = 1.25  # refit when the register has grown by a quarter since the last fit
FIT_MAX_REGISTER = 200_000  # u is estimated on a random sample of at most this many facilities
FIT_MAX_LABELS = 20_000
_PARAMETERS: dict[int, matching.Parameters] = {}


def matching_parameters() -> matching.Parameters | None:
    """The newest fitted m/u probabilities (`MatchModel`), or None for the defaults; read once per version."""
    latest = MatchModel.objects.order_by("-pk").values_list("pk", flat=True).first()
    if latest is None:
        return None
    if latest not in _PARAMETERS:
        _PARAMETERS.clear()
        _PARAMETERS[latest] = MatchModel.objects.get(pk=latest).parameters
    return _PARAMETERS[latest]


def _row_keys(row: FacilityListRow) -> dict[str, str]:
    raw = row.raw or {}
    return facility_keys(
        name=row.name or row.native_name,
        native_name=row.native_name,
        address=row.address,
        native_address=(raw.get("native_language_address") or "")[:1000],
        country=row.country_id or "",
    )


def _register_frame(limit: int) -> Any:
    facilities = Facility.objects.filter(merged_into__isnull=True)
    total = facilities.count()
    if total > limit:  # a random sample by primary key, in SQL
        facilities = facilities.order_by("?")
    records = list(facilities.values_list(*CANDIDATE_FIELDS)[:limit])
    return matching.records_from_columns(
        [r[0] for r in records],
        [r[1] for r in records],
        {column: [r[i] for r in records] for i, column in enumerate(CANDIDATE_FIELDS) if i >= 4},
    )


def _labelled_rows(limit: int) -> list[FacilityListRow]:
    """Rows linked to a facility that are evidence of how one facility is written differently: rows a person
    confirmed, and committed rows matched automatically whose text is not identical to the facility's."""
    rows = (
        FacilityListRow.objects.filter(
            facility__isnull=False,
            facility__merged_into__isnull=True,
            status=FacilityListRow.Status.MATCHED,
            upload__status=FacilityListUpload.Status.COMMITTED,
        )
        .exclude(identity="")
        .exclude(identity=models.F("facility__match_identity"))
        .order_by("-decided", "-pk")
    )
    return list(rows[:limit])


def matching_precision_report(*, parameters: matching.Parameters | None) -> dict[str, dict[str, float]]:
    """Precision of automatic matches per country on the rows people decided (a confirmed row names its
    facility; a rejected one names none of its candidates): each decided row is matched again with `parameters`
    against the register, without its stored decision."""
    decided = list(
        FacilityListRow.objects.filter(decided=True, country__isnull=False).select_related("facility")
    )
    report: dict[str, dict[str, float]] = {}
    if not decided:
        return report
    parsed = [
        ParsedRow(number=i, raw=row.raw or {}, country=row.country_id or "", keys=_row_keys(row))
        for i, row in enumerate(decided)
    ]
    incoming = matching.records_frame([(p.number, p.country, p.keys) for p in parsed])
    outcomes = matching.match_records(incoming, _existing_candidates(parsed), parameters=parameters)
    for parsed_row, row in zip(parsed, decided, strict=True):
        entry = report.setdefault(row.country_id or "?", {"decided": 0, "automatic": 0, "correct": 0})
        entry["decided"] += 1
        outcome = outcomes.get(parsed_row.number)
        if outcome is not None and outcome.status == "matched":
            entry["automatic"] += 1
            entry["correct"] += int(
                row.status == FacilityListRow.Status.MATCHED and outcome.facility_id == row.facility_id
            )
    for entry in report.values():
        entry["precision"] = round(entry["correct"] / entry["automatic"], 4) if entry["automatic"] else 1.0
    return report


def matching_model_fit(
    *, max_register: int = FIT_MAX_REGISTER, max_labels: int = FIT_MAX_LABELS, max_pairs: float = 1e6
) -> MatchModel:
    """Fit the m/u probabilities on the register and the labelled pairs (`matching.model_fit`), store them as a
    new `MatchModel` version (used by the next imports) with the precision per country on people's decisions."""
    register = _register_frame(max_register)
    if register.empty:
        raise InvalidInput(
            _("The register is empty: there is nothing to fit the matching model on."), code="empty_register"
        )
    rows = _labelled_rows(max_labels)
    offset = int(register["unique_id"].max()) + 1 if len(register) else 1
    labelled = (
        matching.records_frame(
            [(offset + i, row.country_id or "", _row_keys(row)) for i, row in enumerate(rows)]
        )
        if rows
        else None
    )
    labels = [(offset + i, int(row.facility_id)) for i, row in enumerate(rows) if row.facility_id]
    fitted = matching.model_fit(register, labelled=labelled, labels=labels, max_pairs=max_pairs)
    model = MatchModel.objects.create(
        facilities=Facility.objects.filter(merged_into__isnull=True).count(),
        labelled_pairs=fitted["labelled_pairs"],
        parameters=fitted["parameters"],
    )
    model.report = matching_precision_report(parameters=fitted["parameters"])
    model.save(update_fields=["report"])
    return model


def matching_model_refit_if_grown() -> bool:
    """Queue a new fit when the register has grown by `REFIT_GROWTH` since the last one (from
    `REFIT_MIN_FACILITIES` facilities on); returns whether one was queued."""
    from rsca.supplychain.tasks import matching_model_fit_process

    size = Facility.objects.filter(merged_into__isnull=True).count()
    last = MatchModel.objects.order_by("-pk").values_list("facilities", flat=True).first()
    if size < REFIT_MIN_FACILITIES or (last and size < last * REFIT_GROWTH):
        return False
    transaction.on_commit(lambda: matching_model_fit_process.enqueue())
    return True


def _kept(facility_ids: set[int]) -> dict[int, int]:
    """Each facility id → the id of the record kept after merges (merged records point to the one kept)."""
    kept = {pk: pk for pk in facility_ids}
    pending = set(facility_ids)
    for _hop in range(10):
        if not pending:
            break
        ordered = sorted(pending)
        moved: dict[int, int] = {}
        for start in range(0, len(ordered), PREFILTER_CHUNK):
            moved.update(
                Facility.objects.filter(
                    pk__in=ordered[start : start + PREFILTER_CHUNK], merged_into__isnull=False
                ).values_list("pk", "merged_into_id")
            )
        for origin, current in kept.items():
            if current in moved:
                kept[origin] = moved[current]
        pending = set(moved.values())
    return kept


def _identical_facilities(rows: list[ParsedRow]) -> dict[int, int]:
    """Rows matched before any scoring: {row number: facility id}.

    * **Identical**: the row's `identity_key` (country, name and address up to case, punctuation and script
      variants) equals a stored facility's, or a contribution's (a row of a committed list, linked to its
      facility). The oldest facility wins when several carry the key.
    * **Same Chinese registered name**: the full name in simplified characters equals one stored facility's
      (exactly one, after merges) and the addresses do not contradict (`matching.locations_contradict`).
    """
    by_identity: dict[str, list[int]] = {}
    by_name_zh: dict[str, list[ParsedRow]] = {}
    for row in rows:
        if row.keys.get("match_identity"):
            by_identity.setdefault(row.keys["match_identity"], []).append(row.number)
        if row.keys.get("match_name_zh"):
            by_name_zh.setdefault(f"{row.country}|{row.keys['match_name_zh']}", []).append(row)
    found: dict[str, set[int]] = {}
    identities = sorted(by_identity)
    for start in range(0, len(identities), PREFILTER_CHUNK):
        chunk = identities[start : start + PREFILTER_CHUNK]
        for identity, pk in Facility.objects.filter(match_identity__in=chunk).values_list(
            "match_identity", "pk"
        ):
            found.setdefault(identity, set()).add(pk)
        for identity, pk in FacilityListRow.objects.filter(
            identity__in=chunk, facility__isnull=False, upload__status=FacilityListUpload.Status.COMMITTED
        ).values_list("identity", "facility_id"):
            found.setdefault(identity, set()).add(pk)
    zh_found: dict[str, list[tuple[Any, ...]]] = {}
    names = sorted({key.split("|", 1)[1] for key in by_name_zh})
    for start in range(0, len(names), PREFILTER_CHUNK):
        for values in Facility.objects.filter(
            match_name_zh__in=names[start : start + PREFILTER_CHUNK]
        ).values_list(
            "pk", "country_id", "match_name_zh", "match_city", "match_street", "match_number", "match_place"
        ):
            zh_found.setdefault(f"{values[1]}|{values[2]}", []).append(values)
    kept = _kept(
        {pk for pks in found.values() for pk in pks} | {v[0] for vs in zh_found.values() for v in vs}
    )
    result: dict[int, int] = {}
    for identity, numbers in by_identity.items():
        if identity in found:
            facility_id = min(kept[pk] for pk in found[identity])
            for number in numbers:
                result[number] = facility_id
    for key, zh_rows in by_name_zh.items():
        for row in zh_rows:
            if row.number in result:
                continue
            fitting = {
                kept[v[0]]
                for v in zh_found.get(key, [])
                if not matching.locations_contradict(
                    (
                        row.keys["match_city"],
                        row.keys["match_street"],
                        row.keys["match_number"],
                        row.keys["match_place"],
                    ),
                    (v[3], v[4], v[5], v[6]),
                )
            }
            if len(fitting) == 1:
                result[row.number] = fitting.pop()
    return result


@dataclass
class CandidateFacility:
    """What a preview shows of a candidate facility (read as plain values: no model instances per candidate)."""

    pk: int
    public_id: str
    name: str
    native_name: str
    address: str
    country_id: str


def _candidate_details(outcomes: dict[int, matching.Outcome]) -> dict[int, CandidateFacility]:
    ids = {c.facility_id for o in outcomes.values() for c in o.candidates} | {
        o.facility_id for o in outcomes.values() if o.facility_id
    }
    ordered = sorted(i for i in ids if i is not None)
    found: dict[int, CandidateFacility] = {}
    for start in range(0, len(ordered), PREFILTER_CHUNK):
        for values in Facility.objects.filter(pk__in=ordered[start : start + PREFILTER_CHUNK]).values_list(
            "id", "public_id", "name", "native_name", "address", "country_id"
        ):
            found[values[0]] = CandidateFacility(*values)
    return found


# ----------------------------------------------------------------------------------------------- import


def _resolve_organisation(name: str) -> Organisation | None:
    return Organisation.objects.filter(Q(name__iexact=name.strip()) | Q(slug=name.strip())).first()


Progress = Callable[[int, str], None]


def _no_progress(done: int, message: str) -> None:
    return None


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while tens of thousands of short-lived row objects are built (it ran dozens
    of full collections over the matcher's frames: about 10 % of an import's CPU); re-enabled afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _preview_store(
    *, upload: FacilityListUpload, table: Table, by: Any, progress: Progress = _no_progress
) -> tuple[ImportReport, list[ParsedRow]]:
    """Validate, normalise and match every row of `table`, and store them as the preview rows of `upload`."""
    with _gc_paused():
        return _preview_rows(upload=upload, table=table, by=by, progress=progress)


def _preview_rows(
    *, upload: FacilityListUpload, table: Table, by: Any, progress: Progress
) -> tuple[ImportReport, list[ParsedRow]]:
    organisation = upload.organisation
    sectors = _sector_index()
    division_codes = set(Division.objects.values_list("code", flat=True))
    parsed: list[ParsedRow] = []
    total = max(len(table.rows), 1)
    cpca_parse(
        unicodedata.normalize("NFKC", value.strip()[:1000])
        for table_row in table.rows
        for value in (
            table_row.values.get("native_language_address", ""),
            table_row.values.get("address", ""),
        )
        if value and has_chinese(value)
    )
    for index, table_row in enumerate(table.rows):
        if index % PROGRESS_EVERY == 0 and index:
            progress(
                5 + 30 * index // total,
                _("Reading and normalising row %(row)s of %(rows)s")
                % {"row": index, "rows": len(table.rows)},
            )
        parsed.append(
            _parse_row(table_row, filename=upload.filename, sectors=sectors, division_codes=division_codes)
        )
    for code in sorted({p.country for p in parsed if p.country}):
        country_ensure(code)
    progress(35, _("Matching %(rows)s rows against the register") % {"rows": len(parsed)})
    outcomes = _match(parsed, organisation)
    progress(80, _("Storing the preview"))
    facilities = _candidate_details(outcomes)
    upload.content_sha256 = hashlib.sha256(
        repr([(p.number, sorted(p.raw.items())) for p in parsed]).encode()
    ).hexdigest()
    upload.row_count, upload.extra_columns = len(parsed), table.extra_columns
    row_objects: list[FacilityListRow] = []
    results: list[RowResult] = []
    for row in parsed:
        outcome = outcomes.get(row.number, matching.Outcome(status="new"))
        status = "error" if row.errors else outcome.status
        candidates = (
            []
            if row.errors
            else [
                _candidate_dict(facilities[c.facility_id], c.probability)
                for c in outcome.candidates
                if c.facility_id in facilities
            ]
        )
        matched = facilities.get(outcome.facility_id) if status == "matched" and outcome.facility_id else None
        row_objects.append(
            FacilityListRow(
                upload=upload,
                row_number=row.number,
                raw=row.raw,
                name=row.name,
                native_name=row.native_name,
                address=row.address or row.native_address,
                country_id=row.country or None,
                division_id=row.division or None,
                row_key=row.row_key or "-",
                status=status,
                identity=row.keys.get("match_identity", "") if not row.errors else "",
                score=outcome.score if not row.errors else None,
                facility_id=matched.pk if matched else None,
                candidates=candidates,
                errors=row.errors,
            )
        )
        results.append(
            RowResult(
                row=row.number,
                status=status,
                facility_id=matched.public_id if matched else None,
                score=outcome.score if not row.errors else None,
                candidates=candidates,
                errors=row.errors,
                name=row.name or row.native_name,
            )
        )
    FacilityListRow.objects.bulk_create(row_objects, batch_size=2000)
    report = ImportReport(
        filename=upload.filename,
        organisation=organisation.name,
        committed=False,
        upload_id=upload.pk,
        rows=results,
        extra_columns=table.extra_columns,
    )
    upload.totals = report.totals
    upload.save(update_fields=["totals", "content_sha256", "row_count", "extra_columns"])
    audit_record(
        action="create", target=upload, verb="facility_list_preview", actor=by, changes=report.totals
    )
    return report, parsed


def _read_list(source: bytes | IO[bytes] | str | Path, filename: str) -> Table:
    return read_table(
        source,
        filename=filename,
        required=REQUIRED_COLUMNS,
        optional=OPTIONAL_COLUMNS,
        aliases=COLUMN_ALIASES,
        max_rows=MAX_ROWS,
    )


def _check_editor(by: Any, organisation: Organisation) -> None:
    if by is not None and not can_edit_organisation(by, organisation.pk):
        raise Forbidden(
            _("Only editors of %(organisation)s can upload its facility lists.")
            % {"organisation": organisation}
        )


@transaction.atomic
def facility_list_import(
    *,
    organisation: Organisation,
    source: bytes | IO[bytes] | str,
    filename: str,
    by: Any,
    commit: bool = False,
    tier: int = 1,
    skip_invalid: bool = False,
) -> ImportReport:
    """Read, validate and match a facility list; store it as a preview, and commit it when asked.

    With `commit=True` and any row in error nothing is stored at all (`ImportRejected` carries the report),
    unless `skip_invalid`: then the valid rows are imported and the rows in error are reported as skipped.
    """
    _check_editor(by, organisation)
    table = _read_list(source, filename)
    upload = FacilityListUpload.objects.create(
        organisation=organisation,
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
        filename=filename[:255],
        tier=tier,
    )
    report, parsed = _preview_store(upload=upload, table=table, by=by)
    if commit:
        if report.totals["error"] and not skip_invalid:
            rejected = ImportReport(
                filename=filename,
                organisation=organisation.name,
                committed=False,
                upload_id=None,
                rows=report.rows,
                extra_columns=table.extra_columns,
            )
            raise ImportRejected(
                _(
                    "%(count)s row(s) have errors; nothing was imported. Correct them and upload the file again."
                )
                % {"count": report.totals["error"]},
                report=rejected,
            )
        created = facility_list_commit(
            upload=upload, by=by, parsed={p.number: p for p in parsed}, skip_invalid=skip_invalid
        )
        report.committed = True
        report.rows = _refresh_results(upload, report.rows, created)
    return report


# ----------------------------------------------------------------------------------------------- background


def incoming_dir() -> Path:
    """Where an uploaded list waits for its background task (deleted once read)."""
    return Path(settings.MEDIA_ROOT) / "supplychain" / "incoming"


def runs_in_background(*, size: int | None = None, rows: int | None = None) -> bool:
    """Lists above these sizes are read, matched or committed by a background task, not in the request."""
    return (size is not None and size > SYNC_MAX_BYTES) or (rows is not None and rows > SYNC_MAX_ROWS)


def _check_upload_file(upload_file: Any, filename: str) -> None:
    size = getattr(upload_file, "size", None)
    if not filename.lower().endswith(ALLOWED_EXTENSIONS):
        message = _("%(file)s: upload a CSV or XLSX file.") % {"file": filename}
        raise InvalidInput(
            message, code="unsupported_type", details=[cell_error(filename, None, None, message)]
        )
    if size is not None and size > int(settings.MAX_UPLOAD_BYTES):
        message = _("%(file)s is larger than %(limit)s MB.") % {
            "file": filename,
            "limit": int(settings.MAX_UPLOAD_BYTES) // 1_048_576,
        }
        raise TooLarge(message, code="file_too_large", details=[cell_error(filename, None, None, message)])
    if size == 0:
        message = _("%(file)s is empty.") % {"file": filename}
        raise InvalidInput(message, code="empty_file", details=[cell_error(filename, None, None, message)])


@transaction.atomic
def facility_list_upload_queue(
    *,
    organisation: Organisation,
    upload_file: Any,
    filename: str,
    by: Any,
    tier: int = 1,
    commit: bool = False,
) -> FacilityListUpload:
    """Keep a large list on disk and queue its reading and matching; the preview appears when the task is done
    (with `commit`, the task also commits it, all or nothing)."""
    from rsca.supplychain.tasks import facility_list_preview_process

    _check_editor(by, organisation)
    _check_upload_file(upload_file, filename)
    directory = incoming_dir()
    directory.mkdir(parents=True, exist_ok=True)
    suffix = ".xlsx" if filename.lower().endswith((".xlsx", ".xlsm")) else ".csv"
    pending = f"{uuid.uuid4().hex}{suffix}"
    with (directory / pending).open("wb") as handle:
        if hasattr(upload_file, "chunks"):
            for chunk in upload_file.chunks():
                handle.write(chunk)
        else:
            handle.write(upload_file.read() if hasattr(upload_file, "read") else bytes(upload_file))
    upload = FacilityListUpload.objects.create(
        organisation=organisation,
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
        filename=filename[:255],
        tier=tier,
        status=FacilityListUpload.Status.PROCESSING,
        pending_file=pending,
    )
    upload.progress = task_progress_start(
        label=_("Facility list %(file)s") % {"file": filename[:150]},
        owner=by,
        organisation=organisation,
        total=100,
    )
    upload.save(update_fields=["progress"])
    task_progress_update(
        progress_id=upload.progress.pk, result_url=reverse("supplychain:upload_detail", args=[upload.pk])
    )
    result = facility_list_preview_process.enqueue(upload.pk, commit)
    task_progress_update(progress_id=upload.progress.pk, task_result_id=str(getattr(result, "id", ""))[:64])
    return upload


def _notifier(progress_id: int | None) -> Progress:
    def notify(done: int, message: str) -> None:
        if progress_id:
            task_progress_update(
                progress_id=progress_id, done=done, status=TaskProgress.Status.RUNNING, message=message
            )

    return notify


def _task_failed(progress_id: int | None, message: str) -> None:
    if progress_id:
        task_progress_update(
            progress_id=progress_id, status=TaskProgress.Status.FAILED, message=message[:500]
        )


def facility_list_preview_run(*, upload_id: int, commit: bool = False) -> FacilityListUpload:
    """The background part of a large upload: read, validate, match and store the preview, and commit it when
    asked (all or nothing); the file is deleted whatever happens."""
    upload = FacilityListUpload.objects.select_related("organisation", "uploaded_by").get(pk=upload_id)
    if upload.status != FacilityListUpload.Status.PROCESSING:
        return upload
    path = (
        incoming_dir() / upload.pending_file
        if upload.pending_file and "/" not in upload.pending_file
        else None
    )
    notify = _notifier(upload.progress_id)
    try:
        notify(2, _("Reading the file"))
        if path is None or not path.exists():
            raise InvalidInput(
                _("The uploaded file is no longer available; upload it again."), code="file_gone"
            )
        table = _read_list(path, upload.filename)
        with acting_as(upload.uploaded_by), transaction.atomic():
            report, parsed = _preview_store(
                upload=upload, table=table, by=upload.uploaded_by, progress=notify
            )
            upload.status, upload.pending_file = FacilityListUpload.Status.PREVIEW, ""
            upload.save(update_fields=["status", "pending_file"])
            if commit:
                if report.totals["error"]:
                    raise ImportRejected(
                        _(
                            "%(count)s row(s) have errors; nothing was imported. Correct them and upload the file "
                            "again."
                        )
                        % {"count": report.totals["error"]},
                        report=report,
                    )
                notify(90, _("Creating facilities and supply relationships"))
                facility_list_commit(
                    upload=upload, by=upload.uploaded_by, parsed={p.number: p for p in parsed}
                )
        if upload.progress_id:
            totals = report.totals
            task_progress_update(
                progress_id=upload.progress_id,
                done=100,
                status=TaskProgress.Status.DONE,
                message=_(
                    "%(rows)s rows: %(matched)s matched, %(new)s new, %(review)s to review, %(error)s with "
                    "errors."
                )
                % totals,
            )
    except DomainError as error:
        details = error.details if isinstance(error.details, list) else []
        FacilityListUpload.objects.filter(pk=upload.pk).update(
            status=FacilityListUpload.Status.FAILED,
            error_message=error.message[:2000],
            errors=details[:200],
            pending_file="",
        )
        _task_failed(upload.progress_id, error.message)
    except Exception:  # a failure must not leave the list "processing" for ever
        logger.exception("facility list %s failed", upload.pk)
        message = _("Reading the list failed unexpectedly; the error has been logged. Please try again.")
        FacilityListUpload.objects.filter(pk=upload.pk).update(
            status=FacilityListUpload.Status.FAILED, error_message=message, pending_file=""
        )
        _task_failed(upload.progress_id, message)
    finally:
        if path is not None:
            path.unlink(missing_ok=True)
    upload.refresh_from_db()
    return upload


def facility_list_commit_queue(
    *, upload: FacilityListUpload, by: Any, skip_invalid: bool = False
) -> TaskProgress:
    """Queue the commit of a large previewed list (still one transaction, run by the task)."""
    from rsca.supplychain.tasks import facility_list_commit_process

    if by is not None and not can_edit_organisation(by, upload.organisation_id):
        raise Forbidden(_("Only editors of the organisation can commit its facility lists."))
    if upload.status != FacilityListUpload.Status.PREVIEW:
        raise Conflict(_("This list has already been committed or discarded."), code="already_committed")
    progress = task_progress_start(
        label=_("Import of %(file)s") % {"file": upload.filename[:150]},
        owner=by,
        organisation=upload.organisation,
        total=100,
    )
    FacilityListUpload.objects.filter(pk=upload.pk).update(progress=progress)
    task_progress_update(
        progress_id=progress.pk, result_url=reverse("supplychain:upload_detail", args=[upload.pk])
    )
    result = facility_list_commit_process.enqueue(upload.pk, getattr(by, "pk", None), skip_invalid)
    task_progress_update(progress_id=progress.pk, task_result_id=str(getattr(result, "id", ""))[:64])
    progress.refresh_from_db()
    return progress


def facility_list_commit_run(
    *, upload_id: int, by_id: int | None, skip_invalid: bool = False
) -> FacilityListUpload:
    """The background commit: `facility_list_commit` (one transaction) with progress reporting."""
    from django.contrib.auth import get_user_model

    upload = FacilityListUpload.objects.select_related("organisation").get(pk=upload_id)
    by = get_user_model().objects.filter(pk=by_id).first() if by_id else None
    notify = _notifier(upload.progress_id)
    try:
        notify(10, _("Creating facilities and supply relationships"))
        with acting_as(by):
            created = facility_list_commit(upload=upload, by=by, skip_invalid=skip_invalid)
        if upload.progress_id:
            task_progress_update(
                progress_id=upload.progress_id,
                done=100,
                status=TaskProgress.Status.DONE,
                message=_("The list was imported: %(count)s new facilities were added.")
                % {"count": len(created)},
            )
    except DomainError as error:
        _task_failed(upload.progress_id, error.message)
    except Exception:
        logger.exception("commit of facility list %s failed", upload.pk)
        _task_failed(
            upload.progress_id, _("The import failed unexpectedly; nothing was imported. Please try again.")
        )
    upload.refresh_from_db()
    return upload


def _candidate_dict(facility: CandidateFacility, probability: float) -> dict[str, Any]:
    return {
        "facility_id": facility.public_id,
        "name": facility.name,
        "native_name": facility.native_name,
        "address": facility.address,
        "country": facility.country_id,
        "score": round(probability, 6),
    }


def _refresh_results(
    upload: FacilityListUpload, results: list[RowResult], created: dict[int, str]
) -> list[RowResult]:
    for result in results:
        if result.row in created:
            result.facility_id = created[result.row]
    return results


def facility_list_import_by_name(
    *,
    organisation_name: str,
    source: bytes | IO[bytes] | str,
    filename: str,
    commit: bool,
    by: Any = None,
    skip_invalid: bool = False,
) -> ImportReport:
    """The CLI entry: finds the organisation by name (creating it as a buyer enterprise when unknown)."""
    from rsca.core.services import organisation_create

    organisation = _resolve_organisation(organisation_name)
    created = False
    with transaction.atomic():
        if organisation is None:
            organisation = organisation_create(
                name=organisation_name,
                type=Organisation.Type.ENTERPRISE,
                enterprise_role=Organisation.EnterpriseRole.BUYER,
            )
            created = True
        report = facility_list_import(
            organisation=organisation,
            source=source,
            filename=filename,
            by=by,
            commit=commit,
            skip_invalid=skip_invalid,
        )
        if not commit:
            transaction.set_rollback(True)  # a CLI preview leaves no trace, not even a new organisation
            report.upload_id = None
    report.organisation_created = created
    return report


def _workers(text: str | None) -> int | None:
    first = (text or "").replace(",", "").replace(" ", "").split("-")[0]
    return int(first) if first.isdigit() else None


def _coordinate(text: str | None, high: float) -> Decimal | None:
    return _decimal(text, low=-high, high=high) if text else None


FILLABLE_FIELDS = (
    "number_of_workers",
    "latitude",
    "longitude",
    "product_type",
    "facility_type",
    "processing_type",
    "parent_company",
    "sector_text",
)


def _fill_blanks(rows: Iterable[FacilityListRow], parsed: dict[int, ParsedRow]) -> int:
    """A matched row's values fill the facility's empty fields (worker count, coordinates, types, parent company):
    nothing a list says is lost, and nothing already on the public profile is overwritten. The row itself keeps
    every value as given (the contribution)."""
    changed: dict[int, Facility] = {}
    for row in rows:
        facility = row.facility
        if facility is None:
            continue
        facility = changed.get(facility.pk, facility)
        fresh = _facility_from_row(row, parsed.get(row.row_number))
        updated = False
        for name in FILLABLE_FIELDS:
            if getattr(facility, name) in (None, "") and getattr(fresh, name) not in (None, ""):
                setattr(facility, name, getattr(fresh, name))
                updated = True
        if updated:
            changed[facility.pk] = facility
    if changed:
        Facility.objects.bulk_update(list(changed.values()), list(FILLABLE_FIELDS), batch_size=500)
    return len(changed)


def _facility_from_row(row: FacilityListRow, parsed: ParsedRow | None) -> Facility:
    raw = row.raw or {}
    values = parsed.values if parsed and parsed.values else row_values(raw)
    facility = Facility(
        name=row.name or row.native_name,
        native_name=row.native_name,
        address=row.address,
        native_address=(parsed.native_address if parsed else raw.get("native_language_address", ""))[:1000],
        country_id=row.country_id or "",
        division_id=row.division_id,
        latitude=parsed.latitude if parsed else _coordinate(raw.get("lat"), 90),
        longitude=parsed.longitude if parsed else _coordinate(raw.get("lng"), 180),
        sector_text=values["sector_text"],
        facility_type=values["facility_type"],
        product_type=values["product_type"],
        processing_type=values["processing_type"],
        number_of_workers=parsed.number_of_workers if parsed else _workers(raw.get("number_of_workers")),
        parent_company=values["parent_company"],
        # Unknown columns (a buyer's internal codes …) stay with the private list row, not the public profile.
        extra_fields={},
    )
    for key, value in facility_keys(
        name=facility.name,
        native_name=facility.native_name,
        address=facility.address,
        native_address=facility.native_address,
        country=facility.country_id,
        division_code=facility.division_id or "",
    ).items():
        setattr(facility, key, value)
    return facility


def _tier(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() and 1 <= int(text) <= 9 else None


def _relationship_defaults(
    upload: FacilityListUpload, row: FacilityListRow, parsed: ParsedRow | None
) -> dict[str, Any]:
    raw = row.raw or {}
    return {
        "tier": (parsed.tier if parsed and parsed.tier else None) or _tier(raw.get("tier")) or upload.tier,
        "products": (raw.get("products") or raw.get("product_type") or "")[:500],
        "volume_share": parsed.volume_share if parsed else None,
        "source_upload": upload,
    }


@transaction.atomic
def facility_list_commit(
    *,
    upload: FacilityListUpload,
    by: Any,
    parsed: dict[int, ParsedRow] | None = None,
    skip_invalid: bool = False,
) -> dict[int, str]:
    """Create the new facilities and the buyer's relationships for a previewed list, all or nothing.

    Rows waiting for review stay in the review queue; deciding them later completes the link. A row in error
    refuses the whole list, unless `skip_invalid`: then only the valid rows are imported and the rows in error
    stay listed on the upload as skipped (`upload.totals["skipped"]`, downloadable with `skipped_rows_csv`).
    Returns {row number: public ID} for the facilities created.
    """
    upload = FacilityListUpload.objects.select_for_update().get(pk=upload.pk)
    if by is not None and not can_edit_organisation(by, upload.organisation_id):
        raise Forbidden(_("Only editors of the organisation can commit its facility lists."))
    if upload.status != FacilityListUpload.Status.PREVIEW:
        raise Conflict(_("This list has already been committed or discarded."), code="already_committed")
    rows = list(upload.rows.select_related("facility"))
    skipped = [r for r in rows if r.status == FacilityListRow.Status.ERROR]
    if skipped and not skip_invalid:
        raise InvalidInput(
            _("Rows with errors must be corrected first; upload the corrected file."), code="rows_invalid"
        )
    rows = [r for r in rows if r.status != FacilityListRow.Status.ERROR]
    parsed = parsed or {}
    new_by_key: dict[str, Facility] = {}
    new_rows: list[FacilityListRow] = []
    for row in rows:
        if row.status == FacilityListRow.Status.NEW and row.facility_id is None:
            facility = new_by_key.get(row.row_key)
            if facility is None:
                facility = _facility_from_row(row, parsed.get(row.row_number))
                new_by_key[row.row_key] = facility
            new_rows.append(row)
    by_country: dict[str, list[Facility]] = {}
    for facility in new_by_key.values():
        by_country.setdefault(facility.country_id, []).append(facility)
    for country, facilities in by_country.items():
        for facility, public_id in zip(
            facilities, public_ids_allocate(country, len(facilities)), strict=True
        ):
            facility.public_id = public_id
    Facility.objects.bulk_create(list(new_by_key.values()), batch_size=1000)
    sector_links = []
    through = Facility.sectors.through
    for row in new_rows:
        row.facility = new_by_key[row.row_key]
        codes = (
            parsed[row.row_number].sectors
            if row.row_number in parsed
            else _sector_codes(row.raw.get("sector"))
        )
        for code in codes:
            sector_links.append(through(facility_id=row.facility.pk, sector_id=code))
    through.objects.bulk_create(sector_links, ignore_conflicts=True, batch_size=2000)
    FacilityListRow.objects.bulk_update(new_rows, ["facility"], batch_size=2000)
    _link_rows(upload, [r for r in rows if r.facility_id or r.facility], parsed)
    _fill_blanks([r for r in rows if r.status == FacilityListRow.Status.MATCHED and r.facility_id], parsed)
    for row in new_rows:
        if row.decided:
            MatchDecision.objects.filter(organisation_id=upload.organisation_id, row_key=row.row_key).update(
                facility=row.facility
            )
    matching_model_refit_if_grown()
    upload.status = FacilityListUpload.Status.COMMITTED
    upload.committed_at = timezone.now()
    upload.totals = {**upload.totals, "facilities_created": len(new_by_key), "skipped": len(skipped)}
    upload.save(update_fields=["status", "committed_at", "totals"])
    audit_record(
        action="update",
        target=upload,
        verb="facility_list_commit",
        actor=by,
        changes={"facilities_created": len(new_by_key), "rows": len(rows), "skipped": len(skipped)},
    )
    return {r.row_number: r.facility.public_id for r in new_rows if r.facility}


def _sector_codes(text: str | None) -> list[str]:
    if not text:
        return []
    index = _sector_index()
    codes = []
    for piece in text.replace(";", "|").split("|"):
        code = index.get(fold(piece) if piece.isascii() else piece.strip())
        if code:
            codes.append(code)
    return codes


def _link_rows(
    upload: FacilityListUpload, rows: Iterable[FacilityListRow], parsed: dict[int, ParsedRow]
) -> None:
    pairs = [(row, row.facility.pk) for row in rows if row.facility is not None]
    facility_ids = sorted({pk for _row, pk in pairs})
    existing: set[int] = set()
    for start in range(0, len(facility_ids), PREFILTER_CHUNK):
        existing |= set(
            SupplyRelationship.objects.filter(
                buyer_id=upload.organisation_id,
                facility_id__in=facility_ids[start : start + PREFILTER_CHUNK],
            ).values_list("facility_id", flat=True)
        )
    to_create: dict[int, SupplyRelationship] = {}
    for row, facility_id in pairs:
        if facility_id in existing or facility_id in to_create:
            continue
        to_create[facility_id] = SupplyRelationship(
            buyer_id=upload.organisation_id,
            facility_id=facility_id,
            **_relationship_defaults(upload, row, parsed.get(row.row_number)),
        )
    SupplyRelationship.objects.bulk_create(list(to_create.values()), batch_size=2000)


@transaction.atomic
def facility_list_discard(*, upload: FacilityListUpload, by: Any) -> FacilityListUpload:
    if not can_edit_organisation(by, upload.organisation_id):
        raise Forbidden(_("Only editors of the organisation can discard its facility lists."))
    if upload.status != FacilityListUpload.Status.PREVIEW:
        raise Conflict(_("Only a list in preview can be discarded."), code="not_in_preview")
    upload.status = FacilityListUpload.Status.DISCARDED
    upload.save(update_fields=["status"])
    return upload


@transaction.atomic
def facility_list_row_decide(
    *, row: FacilityListRow, decision: str, facility_public_id: str | None, by: Any
) -> FacilityListRow:
    """Confirm a review candidate or reject all of them (a new facility); remembered for re-uploads."""
    row = FacilityListRow.objects.select_for_update().select_related("upload").get(pk=row.pk)
    upload = row.upload
    if not can_edit_organisation(by, upload.organisation_id):
        raise Forbidden(_("Only editors of the organisation can decide reviews."))
    if row.status != FacilityListRow.Status.REVIEW:
        raise Conflict(_("This row is not waiting for a review."), code="not_in_review")
    candidate_ids = {c["facility_id"] for c in row.candidates}
    if decision == MatchDecision.Decision.CONFIRMED:
        if not facility_public_id or facility_public_id not in candidate_ids:
            raise InvalidInput(_("Choose one of the candidate facilities."), code="not_a_candidate")
        facility = Facility.objects.get(public_id=facility_public_id)
        while facility.merged_into_id:
            facility = Facility.objects.get(pk=facility.merged_into_id)
        row.status, row.facility = FacilityListRow.Status.MATCHED, facility
    elif decision == MatchDecision.Decision.REJECTED:
        row.status = FacilityListRow.Status.NEW
        if upload.status == FacilityListUpload.Status.COMMITTED:
            facility = _facility_from_row(row, None)
            facility.save()
            row.facility = facility
    else:
        raise InvalidInput(_("The decision must be “confirmed” or “rejected”."), code="bad_decision")
    row.decided = True
    row.save(update_fields=["status", "facility", "decided"])
    MatchDecision.objects.update_or_create(
        organisation_id=upload.organisation_id,
        row_key=row.row_key,
        defaults={
            "decision": decision,
            "facility": row.facility,
            "row_name": (row.name or row.native_name)[:500],
            "rejected_facility_ids": sorted(candidate_ids) if decision == "rejected" else [],
            "decided_by": by if getattr(by, "is_authenticated", False) else None,
            "decided_at": timezone.now(),
        },
    )
    if upload.status == FacilityListUpload.Status.COMMITTED and row.facility:
        _link_rows(upload, [row], {})
    audit_record(
        action="other",
        target=row.upload,
        verb=f"review_{decision}",
        actor=by,
        changes={"row": row.row_number, "facility": row.facility.public_id if row.facility else None},
    )
    return row


FACILITY_EDITABLE_FIELDS = (
    "name",
    "native_name",
    "address",
    "native_address",
    "division",
    "latitude",
    "longitude",
    "facility_type",
    "product_type",
    "processing_type",
    "number_of_workers",
    "parent_company",
    "is_closed",
)


@transaction.atomic
def facility_update(
    *, facility: Facility, by: Any, data: dict[str, Any], sector_codes: list[str] | None = None
) -> Facility:
    """Edit a facility profile: the claiming supplier's editors, or platform staff."""
    if not (
        is_platform_staff(by)
        or (facility.claimed_by_id and can_edit_organisation(by, facility.claimed_by_id))
    ):
        raise Forbidden(_("Only the supplier that has claimed this facility can edit its profile."))
    unknown = set(data) - set(FACILITY_EDITABLE_FIELDS)
    if unknown:
        raise InvalidInput(
            _("These fields cannot be edited: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    for name, value in data.items():
        setattr(facility, name, value)
    facility.full_clean(exclude=["public_id", "sectors"])
    facility.save()
    if sector_codes is not None:
        facility.sectors.set(Sector.objects.filter(code__in=sector_codes))
    return facility


@transaction.atomic
def facility_claim_set(*, facility: Facility, organisation: Organisation | None, by: Any) -> Facility:
    """Record (or remove) the supplier organisation that maintains a facility; platform staff verify claims."""
    if not is_platform_staff(by):
        raise Forbidden(_("Claims are verified by programme staff."))
    facility.claimed_by = organisation
    facility.save(update_fields=["claimed_by", "updated_at"])
    audit_record(
        action="update",
        target=facility,
        verb="facility_claim",
        actor=by,
        changes={"claimed_by": organisation.pk if organisation else None},
    )
    return facility


@transaction.atomic
def facility_merge(*, kept: Facility, merged: Facility, by: Any, reason: str = "") -> FacilityMerge:
    """Merge `merged` into `kept`: relationships, list rows and decisions move; the old ID keeps resolving."""
    if not is_platform_staff(by):
        raise Forbidden(_("Facilities are merged by programme staff."))
    if kept.pk == merged.pk:
        raise InvalidInput(_("A facility cannot be merged into itself."), code="same_facility")
    if kept.merged_into_id or merged.merged_into_id:
        raise Conflict(_("One of these facilities has already been merged."), code="already_merged")
    if kept.country_id != merged.country_id:
        raise InvalidInput(
            _("Facilities in different countries cannot be merged."), code="different_countries"
        )
    for relationship in SupplyRelationship.objects.filter(facility=merged):
        if SupplyRelationship.objects.filter(buyer_id=relationship.buyer_id, facility=kept).exists():
            relationship.delete()
        else:
            relationship.facility = kept
            relationship.save(update_fields=["facility"])
    SupplyRelationship.objects.filter(supplies_to=merged).update(supplies_to=kept)
    FacilityListRow.objects.filter(facility=merged).update(facility=kept)
    MatchDecision.objects.filter(facility=merged).update(facility=kept)
    if kept.claimed_by_id is None and merged.claimed_by_id:
        kept.claimed_by_id = merged.claimed_by_id
        kept.save(update_fields=["claimed_by", "updated_at"])
    for sector in merged.sectors.all():
        kept.sectors.add(sector)
    merged.merged_into = kept
    merged.save(update_fields=["merged_into", "updated_at"])
    record = FacilityMerge.objects.create(
        kept=kept,
        merged=merged,
        merged_public_id=merged.public_id,
        reason=reason[:2000],
        merged_by=by if is_platform_staff(by) else None,
    )
    audit_record(
        action="other",
        target=kept,
        verb="facility_merge",
        actor=by,
        changes={"merged": merged.public_id, "kept": kept.public_id, "reason": reason[:500]},
    )
    return record


@transaction.atomic
def supply_relationship_set(
    *,
    buyer: Organisation,
    facility: Facility,
    by: Any,
    tier: int = 1,
    supplies_to: Facility | None = None,
    products: str = "",
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
    volume_share: Decimal | None = None,
) -> SupplyRelationship:
    """Create or update the buyer's relationship with a facility."""
    if by is not None and not can_edit_organisation(by, buyer.pk):
        raise Forbidden(_("Only editors of the buyer organisation can change its supply chain."))
    if volume_share is not None and (not math.isfinite(float(volume_share)) or not 0 <= volume_share <= 100):
        raise InvalidInput(_("The share of volume must be a percentage from 0 to 100."))
    if start_date and end_date and end_date < start_date:
        raise InvalidInput(_("The end date is before the start date."))
    relationship, _created = SupplyRelationship.objects.update_or_create(
        buyer=buyer,
        facility=facility,
        defaults={
            "tier": tier,
            "supplies_to": supplies_to,
            "products": products[:500],
            "start_date": start_date,
            "end_date": end_date,
            "volume_share": volume_share,
        },
    )
    return relationship


def facility_resolve(*, public_id: str) -> Facility:
    """A facility by public ID, following merges to the record that is kept."""
    facility = Facility.objects.filter(public_id=public_id.strip().upper()).first()
    if facility is None:
        raise NotFound(_("No facility with ID %(id)s.") % {"id": public_id[:20]})
    hops = 0
    while facility.merged_into_id and hops < 10:
        facility = Facility.objects.get(pk=facility.merged_into_id)
        hops += 1
    return facility


def skipped_rows_csv(*, upload: FacilityListUpload) -> bytes:
    """The rows of a list that were not imported because of errors: the columns as uploaded, then the errors
    (column: message), so the file can be corrected and uploaded again."""
    from rsca.core.exports import csv_bytes

    rows = list(upload.rows.filter(status=FacilityListRow.Status.ERROR).order_by("row_number"))
    columns: list[str] = []
    for row in rows:
        for column in row.raw or {}:
            if column not in columns:
                columns.append(column)
    return csv_bytes(
        ["row", *columns, "errors"],
        (
            [
                row.row_number,
                *[(row.raw or {}).get(c, "") for c in columns],
                "; ".join(f"{e.get('column') or '-'}: {e['message']}" for e in row.errors),
            ]
            for row in rows
        ),
    )
