"""Facilities, buyer–facility supply relationships, facility-list uploads, review decisions and merges.

Visibility (enforced through `scope_q` and `rsca.core.scoping.visible_to`):

* A facility's profile (name, native name, address, country, division, sectors, product and processing
  types, worker count band, parent company, closed flag, public ID) is public, as in Open Supply Hub.
  Who buys from a facility is not part of the profile.
* A supply relationship is seen by members of the buyer organisation, and by members of the organisation
  that has claimed the facility (a supplier knows its own customers). Volume shares and notes are shown
  only to the buyer (see `SupplyRelationship.buyer_only_fields`).
* List uploads, their rows and review decisions are seen by members of the uploading organisation only.
* A claimed facility's profile is editable by the claiming organisation's editors and admins.
"""

from __future__ import annotations

import datetime
import secrets
from typing import Any, ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rsca.core.models import Country, Division, Organisation, Sector, TaskProgress

# Crockford base32 without I, L, O, U; the check character uses the same alphabet.
ID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def public_id_check_character(body: str) -> str:
    """A Luhn mod 32 check character over the ID body: any single mistyped character is recognised."""
    total, factor = 0, 2
    for char in reversed(body.upper()):
        value = ID_ALPHABET.index(char) if char in ID_ALPHABET else ord(char) % 32
        addend = factor * value
        factor = 1 if factor == 2 else 2
        total += addend // 32 + addend % 32
    return ID_ALPHABET[(32 - total % 32) % 32]


def public_id_generate(country_code: str, when: datetime.date | None = None) -> str:
    """An Open Supply Hub–style ID: country code, year, day of year, five random characters, a check character.

    Example: ``CN2026325K7Q2MX``.
    """
    day = when or timezone.localdate()
    body = f"{country_code.upper()}{day:%Y}{day.timetuple().tm_yday:03d}" + "".join(
        secrets.choice(ID_ALPHABET) for _ in range(5)
    )
    return body + public_id_check_character(body)


def public_ids_allocate(country_code: str, count: int) -> list[str]:
    """`count` new public IDs for one country, unique among themselves and in the register."""
    ids: set[str] = set()
    while len(ids) < count:
        wanted = sorted({public_id_generate(country_code) for _ in range(count - len(ids))} - ids)
        taken: set[str] = set()
        for start in range(0, len(wanted), 1000):  # stays below every database's parameter limit
            taken |= set(
                Facility.objects.filter(public_id__in=wanted[start : start + 1000]).values_list(
                    "public_id", flat=True
                )
            )
        ids |= set(wanted) - taken
    return sorted(ids)


def public_id_is_valid(public_id: str) -> bool:
    if len(public_id) != 15 or not public_id[:2].isalpha() or not public_id[2:9].isdigit():
        return False
    return public_id_check_character(public_id[:-1]) == public_id[-1].upper()


class Facility(models.Model):
    """A production site. Its profile is public; its buyers are not."""

    public_id = models.CharField(_("facility ID"), max_length=15, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=500)
    native_name = models.CharField(_("native-language name"), max_length=500, blank=True)
    address = models.CharField(_("address"), max_length=1000)
    native_address = models.CharField(_("native-language address"), max_length=1000, blank=True)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="facilities", verbose_name=_("country")
    )
    division = models.ForeignKey(
        Division,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="facilities",
        verbose_name=_("province / city"),
        help_text=_("The prefecture-level city (or province when the city is unknown), GB/T 2260 code."),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    sectors = models.ManyToManyField(Sector, blank=True, related_name="facilities", verbose_name=_("sectors"))
    sector_text = models.CharField(_("sector (as given)"), max_length=300, blank=True)
    facility_type = models.CharField(_("facility type"), max_length=300, blank=True)
    product_type = models.CharField(_("product type"), max_length=500, blank=True)
    processing_type = models.CharField(_("processing type"), max_length=500, blank=True)
    number_of_workers = models.PositiveIntegerField(_("number of workers"), null=True, blank=True)
    parent_company = models.CharField(_("parent company"), max_length=500, blank=True)
    is_closed = models.BooleanField(_("closed"), default=False)
    claimed_by = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claimed_facilities",
        verbose_name=_("claimed by"),
        help_text=_("The supplier organisation that maintains this profile."),
    )
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_from",
        verbose_name=_("merged into"),
    )
    extra_fields = models.JSONField(_("other fields"), default=dict, blank=True)

    # Matching keys, derived from the names and addresses by `rsca.supplychain.normalise` on every save.
    # Country, name and address up to case and punctuation (`normalise.identity_key`): identical means matched.
    match_identity = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    # The full Chinese registered name, simplified (`normalise.chinese_name_key`).
    match_name_zh = models.CharField(max_length=200, blank=True, db_index=True, editable=False)
    match_name = models.CharField(max_length=500, blank=True, db_index=True, editable=False)
    match_brand = models.CharField(max_length=100, blank=True, db_index=True, editable=False)
    # The brand's Chinese characters (simplified), empty without a Chinese name: tells homophone brands apart.
    match_brand_native = models.CharField(max_length=50, blank=True, editable=False)
    match_industry = models.CharField(max_length=300, blank=True, editable=False)
    match_place = models.CharField(max_length=100, blank=True, editable=False)
    match_province = models.CharField(max_length=6, blank=True, editable=False)
    match_city = models.CharField(max_length=6, blank=True, editable=False)
    # The GB/T 2260 county-level division the address names (Kunshan 320583 under Suzhou 320500), if any.
    match_county = models.CharField(_("county-level division"), max_length=6, blank=True, editable=False)
    match_district = models.CharField(max_length=100, blank=True, editable=False)
    match_street = models.CharField(max_length=200, blank=True, db_index=True, editable=False)
    match_number = models.CharField(max_length=50, blank=True, editable=False)
    match_address = models.CharField(max_length=1000, blank=True, editable=False)
    # Exact candidate keys, indexed, so an upload fetches only facilities that can become Splink pairs.
    block_brand = models.CharField(max_length=120, blank=True, db_index=True, editable=False)
    block_brand_city = models.CharField(max_length=120, blank=True, db_index=True, editable=False)
    block_site = models.CharField(max_length=280, blank=True, db_index=True, editable=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        indexes = [models.Index(fields=["country", "match_brand"], name="facility_country_brand")]

    def __str__(self) -> str:
        return f"{self.name} ({self.public_id})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.public_id:
            self.public_id = public_ids_allocate(self.country_id or "XX", 1)[0]
        from rsca.supplychain.normalise import facility_keys

        for key, value in facility_keys(
            name=self.name,
            native_name=self.native_name,
            address=self.address,
            native_address=self.native_address,
            country=self.country_id or "",
            division_code=self.division_id or "",
        ).items():
            setattr(self, key, value)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = set(kwargs["update_fields"]) | set(MATCH_FIELDS)
        super().save(*args, **kwargs)

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return Q()  # the facility profile is public

    @property
    def province(self) -> Division | None:
        return self.division.province if self.division is not None else None

    def display_name(self, language: str | None = None) -> str:
        from rsca.core.i18n import is_chinese

        if is_chinese(language) and self.native_name:
            return self.native_name
        return self.name or self.native_name


MATCH_FIELDS = (
    "match_identity",
    "match_name_zh",
    "match_name",
    "match_brand",
    "match_brand_native",
    "match_industry",
    "match_place",
    "match_province",
    "match_city",
    "match_county",
    "match_district",
    "match_street",
    "match_number",
    "match_address",
    "block_brand",
    "block_brand_city",
    "block_site",
)


class SupplyRelationship(models.Model):
    """A buyer organisation sources from a facility, directly (tier 1) or further up the chain."""

    buyer = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="supply_relationships", verbose_name=_("buyer")
    )
    facility = models.ForeignKey(
        Facility, on_delete=models.CASCADE, related_name="relationships", verbose_name=_("facility")
    )
    tier = models.PositiveSmallIntegerField(
        _("tier"), default=1, validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    supplies_to = models.ForeignKey(
        Facility,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="upstream_relationships",
        verbose_name=_("supplies to"),
        help_text=_("For tier 2 and beyond: the facility this one delivers to."),
    )
    products = models.CharField(_("products"), max_length=500, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    volume_share = models.DecimalField(
        _("share of volume (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    notes = models.TextField(_("notes"), blank=True)
    source_upload = models.ForeignKey(
        "FacilityListUpload", null=True, blank=True, on_delete=models.SET_NULL, related_name="relationships"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    buyer_only_fields: ClassVar[tuple[str, ...]] = ("volume_share", "notes")

    class Meta:
        ordering = ["tier", "facility__name"]
        verbose_name = _("supply relationship")
        verbose_name_plural = _("supply relationships")
        constraints = [
            models.UniqueConstraint(fields=["buyer", "facility"], name="one_relationship_per_buyer_facility"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="relationship_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.buyer} → {self.facility} (tier {self.tier})"

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return Q(buyer_id__in=org_ids) | Q(facility__claimed_by_id__in=org_ids)

    @property
    def is_current(self) -> bool:
        return self.end_date is None or self.end_date >= timezone.localdate()


class FacilityListUpload(models.Model):
    """A facility list uploaded by an organisation: previewed first, then committed in one transaction."""

    class Status(models.TextChoices):
        PROCESSING = "processing", _("reading and matching")
        PREVIEW = "preview", _("preview")
        COMMITTED = "committed", _("committed")
        DISCARDED = "discarded", _("discarded")
        FAILED = "failed", _("failed")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="facility_lists", verbose_name=_("organisation")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    filename = models.CharField(_("file name"), max_length=255)
    content_sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PREVIEW)
    tier = models.PositiveSmallIntegerField(
        _("tier"), default=1, validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    totals = models.JSONField(default=dict, blank=True)
    extra_columns = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    committed_at = models.DateTimeField(null=True, blank=True)
    # Large lists are read, matched and committed by a background task (`rsca.supplychain.tasks`).
    progress = models.ForeignKey(
        TaskProgress, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pending_file = models.CharField(
        max_length=100, blank=True, editable=False
    )  # name in the incoming directory
    error_message = models.TextField(_("error"), blank=True)
    errors = models.JSONField(_("input errors"), default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("facility list upload")
        verbose_name_plural = _("facility list uploads")

    def __str__(self) -> str:
        return f"{self.filename} ({self.organisation})"

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return Q(organisation_id__in=org_ids)


class FacilityListRow(models.Model):
    """One row of an uploaded list with its matching outcome."""

    class Status(models.TextChoices):
        MATCHED = "matched", _("matched")
        NEW = "new", _("new")
        REVIEW = "review", _("needs review")
        ERROR = "error", _("error")

    upload = models.ForeignKey(FacilityListUpload, on_delete=models.CASCADE, related_name="rows")
    row_number = models.PositiveIntegerField(_("row"))
    raw = models.JSONField(default=dict)
    name = models.CharField(_("name"), max_length=500, blank=True)
    native_name = models.CharField(_("native-language name"), max_length=500, blank=True)
    address = models.CharField(_("address"), max_length=1000, blank=True)
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.PROTECT)
    division = models.ForeignKey(Division, null=True, blank=True, on_delete=models.PROTECT)
    row_key = models.CharField(max_length=64, db_index=True)
    # `normalise.identity_key` of the row: a committed row is a contribution, and a later row identical to it is
    # matched to its facility.
    identity = models.CharField(max_length=64, blank=True, db_index=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    score = models.FloatField(_("score"), null=True, blank=True)
    facility = models.ForeignKey(
        Facility, null=True, blank=True, on_delete=models.SET_NULL, related_name="list_rows"
    )
    candidates = models.JSONField(default=list, blank=True)
    errors = models.JSONField(default=list, blank=True)
    decided = models.BooleanField(_("decided by a person"), default=False)

    class Meta:
        ordering = ["upload", "row_number"]
        verbose_name = _("facility list row")
        verbose_name_plural = _("facility list rows")
        constraints = [
            models.UniqueConstraint(fields=["upload", "row_number"], name="one_row_number_per_upload")
        ]

    def __str__(self) -> str:
        return f"{self.upload_id}#{self.row_number} {self.name}"

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return Q(upload__organisation_id__in=org_ids)


class MatchDecision(models.Model):
    """A person's answer to a review: this row is (or is not) that facility. Reused for re-uploads."""

    class Decision(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        REJECTED = "rejected", _("rejected, a new facility")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="match_decisions")
    row_key = models.CharField(max_length=64, db_index=True)
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices)
    facility = models.ForeignKey(
        Facility,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="match_decisions",
        help_text=_("The confirmed facility, or the new one created after a rejection."),
    )
    rejected_facility_ids = models.JSONField(default=list, blank=True)
    row_name = models.CharField(max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-decided_at"]
        verbose_name = _("match decision")
        verbose_name_plural = _("match decisions")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "row_key"], name="one_decision_per_row_key")
        ]

    def __str__(self) -> str:
        return f"{self.row_name}: {self.decision}"

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return Q(organisation_id__in=org_ids)


class FacilityMerge(models.Model):
    """Two facility records found to be the same site: `merged` now points to `kept`."""

    kept = models.ForeignKey(Facility, on_delete=models.PROTECT, related_name="merges_kept")
    merged = models.ForeignKey(Facility, on_delete=models.PROTECT, related_name="merges_absorbed")
    merged_public_id = models.CharField(max_length=15)
    reason = models.TextField(_("reason"), blank=True)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    merged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-merged_at"]
        verbose_name = _("facility merge")
        verbose_name_plural = _("facility merges")

    def __str__(self) -> str:
        return f"{self.merged_public_id} → {self.kept.public_id}"

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return Q()  # a merge is part of the public registry's history (old IDs keep resolving)


class MatchModel(models.Model):
    """One fit of the matching model's m/u probabilities (Splink's estimators, `matching.model_fit`), versioned:
    the newest is used by imports; older ones stay for comparison."""

    created_at = models.DateTimeField(default=timezone.now)
    facilities = models.PositiveIntegerField(_("facilities in the register"), default=0)
    labelled_pairs = models.PositiveIntegerField(_("labelled pairs"), default=0)
    parameters = models.JSONField(default=dict)
    report = models.JSONField(default=dict, blank=True)  # precision per country on the labelled pairs

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("matching model")
        verbose_name_plural = _("matching models")

    def __str__(self) -> str:
        return (
            f"matching model v{self.pk} ({self.facilities} facilities, {self.labelled_pairs} labelled pairs)"
        )

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return Q()  # model parameters hold no organisation's data
