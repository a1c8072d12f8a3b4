"""The standards knowledge base: instruments, provisions, topics, jurisdictions, ratifications, thresholds.

All of it is public reference data (`scope_q` returns `Q()`); it is loaded from the reviewed YAML files
in `data/` by `seed.py` and edited by staff in the admin, every change recorded in the audit log.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rsca.core.i18n import localised
from rsca.core.models import PublicReadable
from rsca.standards.parameters import PARAMETER_CHOICES, PARAMETERS, UNIT_CHOICES


class Column(models.TextChoices):
    """The columns of the policy-coherence map: which family of standards an instrument belongs to."""

    ILO = "ilo", _("ILO standards")
    MNE = "mne", _("ILO MNE Declaration")
    OECD = "oecd", _("OECD")
    CN_LAW = "cn_law", _("China law")
    EU = "eu", _("EU rules")
    RBA = "rba", _("RBA Code")
    AMFORI = "amfori", _("amfori BSCI")
    OTHER = "other", _("Other national law")


class Topic(PublicReadable, models.Model):
    """A theme every provision, question and finding is filed under, mapped to the major frameworks."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    better_work_clusters = models.JSONField(_("Better Work clusters"), default=list, blank=True)
    rba_sections = models.JSONField(_("RBA Code sections"), default=list, blank=True)
    amfori_areas = models.JSONField(_("amfori BSCI performance areas"), default=list, blank=True)
    oecd_garment_modules = models.JSONField(_("OECD garment guidance modules"), default=list, blank=True)
    mne_sections = models.JSONField(_("MNE Declaration sections"), default=list, blank=True)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return localised(self, "name")

    @property
    def name(self) -> str:
        return localised(self, "name")


class Jurisdiction(PublicReadable, models.Model):
    """A place with its own rules: a country, an ISO 3166-2 subdivision (`CN-GD`) or a city (`CN-440300`)."""

    class Level(models.TextChoices):
        SUPRANATIONAL = "supranational", _("supranational")
        COUNTRY = "country", _("country")
        SUBDIVISION = "subdivision", _("subdivision")
        CITY = "city", _("city")

    code = models.CharField(_("code"), max_length=16, unique=True)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    country = models.ForeignKey(
        "core.Country", null=True, blank=True, on_delete=models.PROTECT, related_name="jurisdictions"
    )
    division = models.ForeignKey(
        "core.Division", null=True, blank=True, on_delete=models.SET_NULL, related_name="jurisdictions"
    )
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("jurisdiction")
        verbose_name_plural = _("jurisdictions")

    def __str__(self) -> str:
        return f"{self.code} {localised(self, 'name')}"

    @property
    def name(self) -> str:
        return localised(self, "name")

    def chain(self) -> list[Jurisdiction]:
        """This jurisdiction followed by its parent, grandparent … up to the country (cycle-safe)."""
        found: list[Jurisdiction] = []
        node: Jurisdiction | None = self
        while node is not None and node not in found and len(found) < 10:
            found.append(node)
            node = node.parent
        return found

    def clean(self) -> None:
        node = self.parent
        while node is not None:
            if node.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("A jurisdiction cannot be its own ancestor.")})
            node = node.parent


class Instrument(PublicReadable, models.Model):
    class Kind(models.TextChoices):
        ILO_CONVENTION = "ilo_convention", _("ILO convention")
        DECLARATION = "declaration", _("declaration")
        OECD = "oecd_instrument", _("OECD instrument")
        NATIONAL_LAW = "national_law", _("national law")
        EU_LAW = "eu_law", _("EU law")
        BUYER_CODE = "buyer_code", _("buyer code")
        ASSESSMENT_TOOL = "assessment_tool", _("assessment tool")

    code = models.CharField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    column = models.CharField(_("coherence-map column"), max_length=10, choices=Column.choices)
    issuer = models.CharField(_("issuer"), max_length=200)
    jurisdiction = models.ForeignKey(
        Jurisdiction, null=True, blank=True, on_delete=models.PROTECT, related_name="instruments"
    )
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300)
    short_title_en = models.CharField(_("short title (English)"), max_length=120, blank=True)
    short_title_zh = models.CharField(_("short title (Chinese)"), max_length=120, blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_zh = models.TextField(_("summary (Chinese)"), blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    effective_from = models.DateField(_("in force from"), null=True, blank=True)
    url = models.URLField(_("official text"), max_length=500)
    checked_on = models.DateField(_("checked on"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")

    def __str__(self) -> str:
        return f"{self.code} {self.short_title}"

    @property
    def title(self) -> str:
        return localised(self, "title")

    @property
    def short_title(self) -> str:
        return localised(self, "short_title") or self.title


class Provision(PublicReadable, models.Model):
    """An article or paragraph of an instrument, summarised in our own words."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="provisions")
    reference = models.CharField(_("reference"), max_length=60, help_text=_("e.g. “art. 41” or “para. 26”"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300)
    summary_en = models.TextField(_("summary (English)"))
    summary_zh = models.TextField(_("summary (Chinese)"))
    url = models.URLField(_("official text"), max_length=500, blank=True)
    topics = models.ManyToManyField(Topic, related_name="provisions", blank=True, verbose_name=_("topics"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["instrument__order", "instrument__code", "order", "id"]
        verbose_name = _("provision")
        verbose_name_plural = _("provisions")
        constraints = [
            models.UniqueConstraint(fields=["instrument", "reference"], name="provision_unique_ref")
        ]

    def __str__(self) -> str:
        return f"{self.instrument.code} {self.reference}"

    @property
    def title(self) -> str:
        return localised(self, "title")

    @property
    def summary(self) -> str:
        return localised(self, "summary")

    @property
    def link(self) -> str:
        return self.url or self.instrument.url


class Ratification(PublicReadable, models.Model):
    """Whether a country has ratified an ILO convention, with the date and the source that says so."""

    country = models.ForeignKey("core.Country", on_delete=models.PROTECT, related_name="ratifications")
    convention = models.ForeignKey(
        Instrument,
        on_delete=models.PROTECT,
        related_name="ratifications",
        limit_choices_to={"kind": "ilo_convention"},
    )
    ratified = models.BooleanField(_("ratified"))
    ratified_on = models.DateField(
        _("ratified on"),
        null=True,
        blank=True,
        help_text=_("Only when the exact date is sourced; otherwise the year alone."),
    )
    year = models.PositiveSmallIntegerField(_("year of ratification"), null=True, blank=True)
    confirmed = models.BooleanField(_("confirmed against the source"), default=True)
    note_en = models.TextField(_("note (English)"), blank=True)
    note_zh = models.TextField(_("note (Chinese)"), blank=True)
    source_url = models.URLField(_("source"), max_length=500)
    checked_on = models.DateField(_("checked on"), null=True, blank=True)

    class Meta:
        ordering = ["country_id", "convention__order"]
        verbose_name = _("ratification")
        verbose_name_plural = _("ratifications")
        constraints = [
            models.UniqueConstraint(fields=["country", "convention"], name="ratification_unique"),
            models.CheckConstraint(
                condition=Q(ratified=True) | Q(ratified_on__isnull=True, year__isnull=True),
                name="ratification_date_only_if_ratified",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country_id} {self.convention.code}: {'✓' if self.ratified else '✗'}"

    def clean(self) -> None:
        if self.ratified_on and self.year and self.ratified_on.year != self.year:
            raise ValidationError({"year": _("The year does not match the date of ratification.")})
        if self.ratified and not (self.year or self.ratified_on):
            raise ValidationError({"year": _("A ratification needs at least its year.")})
        if not self.ratified and (self.year or self.ratified_on):
            raise ValidationError(
                {"ratified": _("A convention that is not ratified has no ratification date.")}
            )

    @property
    def note(self) -> str:
        return localised(self, "note")


class Threshold(PublicReadable, models.Model):
    """A dated, cited, machine-usable value: set by a jurisdiction's law, or by an ILO or buyer-code instrument."""

    class Standard(models.TextChoices):
        NATIONAL_LAW = "national_law", _("national law")
        ILO = "ilo", _("ILO standard")
        BUYER_CODE = "buyer_code", _("buyer code")

    parameter = models.CharField(_("parameter"), max_length=40, choices=PARAMETER_CHOICES, db_index=True)
    standard = models.CharField(_("standard"), max_length=16, choices=Standard.choices)
    jurisdiction = models.ForeignKey(
        Jurisdiction, null=True, blank=True, on_delete=models.PROTECT, related_name="thresholds"
    )
    instrument = models.ForeignKey(
        Instrument,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="thresholds",
        help_text=_("The ILO or buyer-code instrument that sets the value."),
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    unit = models.CharField(_("unit"), max_length=20, choices=UNIT_CHOICES)
    currency = models.CharField(_("currency"), max_length=3, blank=True, help_text=_("ISO 4217, for money"))
    variant_en = models.CharField(
        _("scope (English)"), max_length=200, blank=True, help_text=_("e.g. “first tier” or “Region I”")
    )
    variant_zh = models.CharField(_("scope (Chinese)"), max_length=200, blank=True)
    effective_from = models.DateField(_("in force from"))
    effective_until = models.DateField(_("in force until"), null=True, blank=True)
    provisions = models.ManyToManyField(
        Provision, related_name="thresholds", blank=True, verbose_name=_("provisions")
    )
    source_url = models.URLField(_("source"), max_length=500)
    checked_on = models.DateField(_("checked on"), null=True, blank=True)
    confirmed = models.BooleanField(_("confirmed against the source"), default=True)
    note_en = models.TextField(_("note (English)"), blank=True)
    note_zh = models.TextField(_("note (Chinese)"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["parameter", "jurisdiction__code", "instrument__code", "effective_from"]
        verbose_name = _("threshold")
        verbose_name_plural = _("thresholds")
        indexes = [models.Index(fields=["parameter", "jurisdiction", "effective_from"])]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(standard="national_law", jurisdiction__isnull=False, instrument__isnull=True)
                    | (~Q(standard="national_law") & Q(jurisdiction__isnull=True, instrument__isnull=False))
                ),
                name="threshold_owner_matches_standard",
            ),
            models.CheckConstraint(
                condition=Q(effective_until__isnull=True)
                | Q(effective_until__gte=models.F("effective_from")),
                name="threshold_until_after_from",
            ),
            models.UniqueConstraint(
                fields=["jurisdiction", "parameter", "effective_from"],
                condition=Q(jurisdiction__isnull=False),
                name="threshold_unique_jurisdiction",
            ),
            models.UniqueConstraint(
                fields=["instrument", "parameter", "effective_from"],
                condition=Q(instrument__isnull=False),
                name="threshold_unique_instrument",
            ),
        ]

    def __str__(self) -> str:
        owner = self.owner_code or "?"
        amount = f"{Decimal(str(self.value)).normalize():f}" if self.value is not None else "?"
        return f"{owner} {self.parameter} = {amount} {self.currency} {self.unit} from {self.effective_from}"

    @property
    def owner_code(self) -> str:
        if self.jurisdiction is not None:
            return self.jurisdiction.code
        return self.instrument.code if self.instrument is not None else ""

    @property
    def variant(self) -> str:
        return localised(self, "variant")

    @property
    def note(self) -> str:
        return localised(self, "note")

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        spec = PARAMETERS.get(self.parameter)
        if spec is None:
            errors["parameter"] = _("Unknown parameter.")
        else:
            if self.unit and self.unit != spec.unit.value:
                errors["unit"] = _("The unit of %(parameter)s is %(unit)s.") % {
                    "parameter": self.parameter,
                    "unit": spec.unit.value,
                }
            if spec.monetary and len(self.currency or "") != 3:
                errors["currency"] = _("A money value needs a three-letter ISO 4217 currency.")
            if not spec.monetary and self.currency:
                errors["currency"] = _("Only money values have a currency.")
        if self.standard == self.Standard.NATIONAL_LAW and (not self.jurisdiction_id or self.instrument_id):
            errors["jurisdiction"] = _("A national-law value belongs to a jurisdiction, not an instrument.")
        if self.standard != self.Standard.NATIONAL_LAW and (self.jurisdiction_id or not self.instrument_id):
            errors["instrument"] = _(
                "An ILO or buyer-code value belongs to an instrument, not a jurisdiction."
            )
        if self.instrument is not None and self.standard != self.Standard.NATIONAL_LAW:
            expected = {
                self.Standard.ILO: Instrument.Kind.ILO_CONVENTION,
                self.Standard.BUYER_CODE: Instrument.Kind.BUYER_CODE,
            }.get(self.Standard(self.standard))
            if expected is not None and self.instrument.kind != expected:
                errors["instrument"] = _(
                    "A %(standard)s value must belong to an instrument of kind %(kind)s."
                ) % {"standard": self.get_standard_display(), "kind": Instrument.Kind(expected).label}
        if self.effective_until and self.effective_from and self.effective_until < self.effective_from:
            errors["effective_until"] = _("The end date is before the start date.")
        if self.value is not None and self.value < 0:
            errors["value"] = _("A threshold cannot be negative.")
        if errors:
            raise ValidationError(errors)


class CoherenceGap(PublicReadable, models.Model):
    """A curated finding of the policy-coherence map: where a family of standards falls short or differs."""

    class Severity(models.TextChoices):
        GAP = "gap", _("gap")
        DIFFERENCE = "difference", _("difference")

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="gaps")
    column = models.CharField(_("coherence-map column"), max_length=10, choices=Column.choices)
    key = models.SlugField(_("key"), max_length=80, unique=True)
    severity = models.CharField(_("severity"), max_length=12, choices=Severity.choices, default=Severity.GAP)
    note_en = models.TextField(_("note (English)"))
    note_zh = models.TextField(_("note (Chinese)"))
    provisions = models.ManyToManyField(
        Provision, related_name="gaps", blank=True, verbose_name=_("provisions")
    )
    source_url = models.URLField(_("source"), max_length=500, blank=True)

    class Meta:
        ordering = ["topic__order", "column", "key"]
        verbose_name = _("coherence gap")
        verbose_name_plural = _("coherence gaps")

    def __str__(self) -> str:
        return f"{self.topic.code}/{self.column}: {self.key}"

    @property
    def note(self) -> str:
        return localised(self, "note")


class WageNotice(PublicReadable, models.Model):
    """A document minimum-wage values rest on (a provincial notice, a wage order, a decree), as the data file
    `data/minimum_wages/<file>.yaml` names it under `notices`."""

    file = models.CharField(_("data file"), max_length=16)  # "CN-32", "VN"
    key = models.CharField(_("key"), max_length=64)
    title_en = models.TextField(_("title (English)"), blank=True)
    title_zh = models.TextField(_("title (Chinese)"), blank=True)
    number = models.CharField(_("document number"), max_length=200, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    url = models.URLField(_("official text"), max_length=500)
    confirmed = models.BooleanField(_("confirmed"), default=True)
    tried = models.TextField(_("what was tried"), blank=True)
    checked_on = models.DateField(_("checked on"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["file", "issued_on", "key"]
        verbose_name = _("minimum-wage notice")
        verbose_name_plural = _("minimum-wage notices")
        constraints = [models.UniqueConstraint(fields=["file", "key"], name="wage_notice_file_key")]

    def __str__(self) -> str:
        return f"{self.number or self.key} {self.title}"

    @property
    def title(self) -> str:
        return localised(self, "title") or self.title_en or self.title_zh


class MinimumWageRate(PublicReadable, models.Model):
    """One row per (set of divisions, tier, period): the minimum wages a notice sets for the places it lists."""

    file = models.CharField(_("data file"), max_length=16)
    currency = models.CharField(_("currency"), max_length=3)
    effective_from = models.DateField(_("in force from"))
    effective_until = models.DateField(
        _("in force until"), null=True, blank=True
    )  # the day before the next period
    tier = models.PositiveSmallIntegerField(_("tier"))
    monthly = models.DecimalField(
        _("monthly minimum"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    hourly = models.DecimalField(_("hourly minimum"), max_digits=14, decimal_places=2, null=True, blank=True)
    daily = models.DecimalField(_("daily minimum"), max_digits=14, decimal_places=2, null=True, blank=True)
    divisions = models.JSONField(_("divisions"), default=list)
    division_names = models.JSONField(_("division names"), default=dict, blank=True)
    notice = models.ForeignKey(WageNotice, on_delete=models.PROTECT, related_name="rates")
    note_en = models.TextField(_("note (English)"), blank=True)
    note_zh = models.TextField(_("note (Chinese)"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["file", "effective_from", "tier"]
        verbose_name = _("minimum-wage rate")
        verbose_name_plural = _("minimum-wage rates")
        constraints = [
            models.UniqueConstraint(
                fields=["file", "effective_from", "tier"], name="minimum_wage_rate_file_period_tier"
            )
        ]

    def __str__(self) -> str:
        return f"{self.file} tier {self.tier} from {self.effective_from}"


class WageComponentRule(PublicReadable, models.Model):
    """What counts toward the minimum wage from a date (what is excluded; whether the worker's own social
    insurance contributions count), with the notice that says so."""

    file = models.CharField(_("data file"), max_length=16)
    effective_from = models.DateField(_("in force from"))
    excludes = models.JSONField(_("excluded from the minimum wage"), default=list)
    social_insurance_included = models.BooleanField(_("worker's social insurance counts"), default=True)
    notice = models.ForeignKey(WageNotice, on_delete=models.PROTECT, related_name="component_rules")
    note_en = models.TextField(_("note (English)"), blank=True)
    note_zh = models.TextField(_("note (Chinese)"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["file", "effective_from"]
        verbose_name = _("minimum-wage component rule")
        verbose_name_plural = _("minimum-wage component rules")
        constraints = [
            models.UniqueConstraint(fields=["file", "effective_from"], name="wage_component_file_from")
        ]

    def __str__(self) -> str:
        return f"{self.file} wage components from {self.effective_from}"
