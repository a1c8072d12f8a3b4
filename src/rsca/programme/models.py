"""Programme portfolio (IATI-shaped projects), the RSCA programme profile and its results framework.

Codes follow the IATI 2.03 codelists (ActivityStatus, OrganisationRole, OrganisationType,
TransactionType, BudgetType, BudgetStatus, IndicatorMeasure, ResultType, DocumentCategory) and the
OECD DAC CRS purpose codes (Sector vocabulary 1).
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rsca.core.i18n import is_chinese, localised
from rsca.core.models import Country, Organisation, PublicReadable, Sector

# OECD DAC CRS purpose codes the programme's portfolio uses (IATI Sector vocabulary 1).
DAC_SECTORS: dict[str, tuple[str, str]] = {
    "16010": ("Social protection", "社会保护"),
    "16020": ("Employment creation", "创造就业"),
    "16064": ("Social mitigation of HIV/AIDS", "艾滋病的社会影响缓解"),
    "16070": ("Labour rights", "劳动权利"),
    "16080": ("Social dialogue", "社会对话"),
    "25040": ("Responsible business conduct", "负责任商业行为"),
    "32130": ("Small and medium-sized enterprises (SME) development", "中小企业发展"),
    "32163": ("Textiles, leather and substitutes", "纺织品、皮革及替代品"),
}


def dac_sector_name(code: str) -> str:
    en, zh = DAC_SECTORS.get(code, (code, code))
    return zh if is_chinese() else en


SDG_TARGET = RegexValidator(
    r"^(1[0-7]|[1-9])\.([1-9][0-9]?|[a-c])$", _("An SDG target looks like 8.7 or 12.a.")
)
IATI_IDENTIFIER = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9/\-_.:]*$", _("Letters, digits and / - _ . : only, without spaces.")
)
CURRENCY = RegexValidator(r"^[A-Z]{3}$", _("An ISO 4217 currency code such as EUR or USD."))


def new_results_version() -> str:
    return uuid.uuid4().hex


def _public_or_owned(prefix: str, org_ids: set[int]) -> Q:
    return Q(**{f"{prefix}is_public": True}) | Q(**{f"{prefix}owner_id__in": org_ids})


class Project(models.Model):
    """An activity in the portfolio, shaped after an IATI 2.03 iati-activity."""

    class Status(models.TextChoices):  # IATI ActivityStatus
        PIPELINE = "1", _("pipeline / identification")
        IMPLEMENTATION = "2", _("implementation")
        FINALISATION = "3", _("finalisation")
        CLOSED = "4", _("closed")
        CANCELLED = "5", _("cancelled")
        SUSPENDED = "6", _("suspended")

    class Scope(models.TextChoices):  # IATI ActivityScope (subset)
        REGIONAL = "2", _("regional")
        MULTI_NATIONAL = "3", _("multi-national")
        NATIONAL = "4", _("national")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    iati_identifier = models.CharField(
        _("IATI activity identifier"), max_length=150, unique=True, validators=[IATI_IDENTIFIER]
    )
    identifier_is_provisional = models.BooleanField(
        _("identifier is provisional"),
        default=False,
        help_text=_("Set when the reporting organisation's registered identifier is not yet known."),
    )
    other_identifier = models.CharField(_("other identifier"), max_length=150, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    funding_note_en = models.CharField(_("funding (English)"), max_length=300, blank=True)
    funding_note_zh = models.CharField(_("funding (Chinese)"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=1, choices=Status.choices, default=Status.IMPLEMENTATION
    )
    scope = models.CharField(_("scope"), max_length=1, choices=Scope.choices, default=Scope.NATIONAL)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    default_currency = models.CharField(
        _("default currency"), max_length=3, default="USD", validators=[CURRENCY]
    )
    countries = models.ManyToManyField(
        Country, blank=True, related_name="projects", verbose_name=_("countries")
    )
    isic_sectors = models.ManyToManyField(
        Sector, blank=True, related_name="projects", verbose_name=_("industries")
    )
    sdg_targets = models.JSONField(_("SDG targets"), default=list, blank=True)
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="owned_projects",
        verbose_name=_("reporting organisation"),
    )
    reporting_org_ref = models.CharField(
        _("reporting organisation IATI identifier"), max_length=100, validators=[IATI_IDENTIFIER]
    )
    is_public = models.BooleanField(_("published"), default=False)
    report_is_public = models.BooleanField(
        _("progress report published"),
        default=False,
        help_text=_("Until then the donor report is seen by platform staff and the project's partners only."),
    )
    source = models.CharField(_("source"), max_length=1000, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # A new random token whenever the results framework, a period or a disaggregation changes: the key of cached
    # dashboards (random rather than a counter, so a rolled-back transaction or a restored database cannot make
    # an old key current again).
    results_version = models.CharField(max_length=32, default=new_results_version, editable=False)

    class Meta:
        ordering = ["-planned_start", "title_en"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localised(self, "title")

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return _public_or_owned("", org_ids)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            errors["planned_end"] = str(_("The planned end is before the planned start."))
        if self.actual_start and self.actual_end and self.actual_end < self.actual_start:
            errors["actual_end"] = str(_("The actual end is before the actual start."))
        for target in self.sdg_targets or []:
            try:
                SDG_TARGET(str(target))
            except ValidationError:
                errors["sdg_targets"] = str(_("“%(t)s” is not an SDG target such as 8.7.") % {"t": target})
        if (
            self.iati_identifier
            and self.reporting_org_ref
            and not self.iati_identifier.startswith(self.reporting_org_ref + "-")
        ):
            errors["iati_identifier"] = str(
                _("An IATI identifier starts with the reporting organisation's identifier and a hyphen.")
            )
        if errors:
            raise ValidationError(errors)


class ProjectSector(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="dac_sectors")
    code = models.CharField(
        _("DAC purpose code"), max_length=5, choices=[(k, v[0]) for k, v in DAC_SECTORS.items()]
    )
    percentage = models.DecimalField(_("percentage"), max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["project", "code"], name="one_dac_code_per_project")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def name(self) -> str:
        return dac_sector_name(self.code)

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return _public_or_owned("project__", org_ids)


class Participation(models.Model):
    """A participating organisation with its IATI role."""

    class Role(models.TextChoices):  # IATI OrganisationRole
        FUNDING = "1", _("funding")
        ACCOUNTABLE = "2", _("accountable")
        EXTENDING = "3", _("extending")
        IMPLEMENTING = "4", _("implementing")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="participations")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="participations")
    role = models.CharField(_("IATI role"), max_length=1, choices=Role.choices)
    iati_ref = models.CharField(
        _("IATI organisation identifier"), max_length=100, blank=True, validators=[IATI_IDENTIFIER]
    )

    class Meta:
        ordering = ["role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["project", "organisation", "role"], name="one_role_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return _public_or_owned("project__", org_ids)


class Budget(models.Model):
    class Type(models.TextChoices):  # IATI BudgetType
        ORIGINAL = "1", _("original")
        REVISED = "2", _("revised")

    class Status(models.TextChoices):  # IATI BudgetStatus
        INDICATIVE = "1", _("indicative")
        COMMITTED = "2", _("committed")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="budgets")
    type = models.CharField(_("type"), max_length=1, choices=Type.choices, default=Type.ORIGINAL)
    status = models.CharField(_("status"), max_length=1, choices=Status.choices, default=Status.INDICATIVE)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    value = models.DecimalField(_("amount"), max_digits=16, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, validators=[CURRENCY])
    value_date = models.DateField(_("value date"))
    source = models.CharField(_("source"), max_length=1000, blank=True)

    class Meta:
        ordering = ["period_start"]

    def __str__(self) -> str:
        return f"{self.currency} {self.value:,.0f} ({self.period_start}–{self.period_end})"

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return _public_or_owned("project__", org_ids)


class Transaction(models.Model):
    class Type(models.TextChoices):  # IATI TransactionType (subset)
        INCOMING_FUNDS = "1", _("incoming funds")
        OUTGOING_COMMITMENT = "2", _("outgoing commitment")
        DISBURSEMENT = "3", _("disbursement")
        EXPENDITURE = "4", _("expenditure")
        INCOMING_COMMITMENT = "11", _("incoming commitment")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="transactions")
    type = models.CharField(_("type"), max_length=2, choices=Type.choices)
    date = models.DateField(_("date"))
    value = models.DecimalField(_("amount"), max_digits=16, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, validators=[CURRENCY])
    description_en = models.CharField(_("description (English)"), max_length=300, blank=True)
    description_zh = models.CharField(_("description (Chinese)"), max_length=300, blank=True)
    provider = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    receiver = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.get_type_display()} {self.currency} {self.value}"

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return _public_or_owned("project__", org_ids)


class ProjectDocument(models.Model):
    class Category(models.TextChoices):  # IATI DocumentCategory (subset)
        OBJECTIVES = "A02", _("objectives / purpose of activity")
        RESULTS = "A08", _("results, outcomes and outputs")
        REVIEW = "A07", _("review of project performance and evaluation")
        NARRATIVE = "A01", _("pre- and post-project impact appraisal")
        BUDGET = "A05", _("budget")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="documents")
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    url = models.URLField(_("address"), max_length=500)
    format = models.CharField(_("MIME type"), max_length=100, default="text/html")
    category = models.CharField(
        _("category"), max_length=3, choices=Category.choices, default=Category.OBJECTIVES
    )
    date = models.DateField(_("date"), null=True, blank=True)

    class Meta:
        ordering = ["-date", "title_en"]

    def __str__(self) -> str:
        return localised(self, "title")

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return _public_or_owned("project__", org_ids)


class Programme(models.Model):
    """The profile of a multi-partner programme (RSCA): what the public site presents."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    acronym = models.CharField(_("acronym"), max_length=20)
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300)
    summary_en = models.TextField(_("summary (English)"))
    summary_zh = models.TextField(_("summary (Chinese)"))
    aim_en = models.TextField(_("aim (English)"), blank=True)
    aim_zh = models.TextField(_("aim (Chinese)"), blank=True)
    csr_definition_en = models.TextField(_("CSR/RBC explained (English)"), blank=True)
    csr_definition_zh = models.TextField(_("CSR/RBC explained (Chinese)"), blank=True)
    basis_en = models.TextField(_("normative basis (English)"), blank=True)
    basis_zh = models.TextField(_("normative basis (Chinese)"), blank=True)
    target_beneficiaries_en = models.TextField(_("target beneficiaries (English)"))
    target_beneficiaries_zh = models.TextField(_("target beneficiaries (Chinese)"))
    geographic_focus_en = models.CharField(_("geographic focus (English)"), max_length=200)
    geographic_focus_zh = models.CharField(_("geographic focus (Chinese)"), max_length=200)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    duration_label_en = models.CharField(_("duration (English)"), max_length=100)
    duration_label_zh = models.CharField(_("duration (Chinese)"), max_length=100)
    funding_amount = models.DecimalField(_("regional funding"), max_digits=16, decimal_places=2)
    funding_currency = models.CharField(_("currency"), max_length=3, validators=[CURRENCY])
    funding_note_en = models.TextField(_("funding note (English)"), blank=True)
    funding_note_zh = models.TextField(_("funding note (Chinese)"), blank=True)
    donor = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("donor")
    )
    countries = models.ManyToManyField(Country, related_name="+", verbose_name=_("countries"))
    sectors = models.ManyToManyField(Sector, related_name="+", verbose_name=_("focus sectors"))
    regional_project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    country_project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    source = models.CharField(_("source"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return localised(self, "title")

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return Q()  # programme profiles are the public face


class ProgrammePartner(PublicReadable, models.Model):
    class Group(models.TextChoices):
        INITIATOR = "initiator", _("programme partner")
        DONOR = "donor", _("donor")
        NATIONAL = "national", _("national partner")
        RESEARCH = "research", _("research partner")
        STAKEHOLDER = "stakeholder", _("stakeholder group")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="programme_roles"
    )
    label_en = models.CharField(_("stakeholder group (English)"), max_length=300, blank=True)
    label_zh = models.CharField(_("stakeholder group (Chinese)"), max_length=300, blank=True)
    group = models.CharField(_("group"), max_length=16, choices=Group.choices)
    role_en = models.TextField(_("role (English)"))
    role_zh = models.TextField(_("role (Chinese)"))
    order = models.PositiveSmallIntegerField(default=0)
    source = models.CharField(_("source"), max_length=1000, blank=True)

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.organisation.display_name if self.organisation else localised(self, "label")

    @property
    def name(self) -> str:
        return str(self)


class InterventionArea(PublicReadable, models.Model):
    class Code(models.TextChoices):
        RESEARCH = "research", _("research")
        OUTREACH = "outreach", _("outreach")
        POLICY = "policy_advocacy", _("policy advocacy")
        TRAINING = "training", _("training")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="areas")
    code = models.CharField(_("area"), max_length=20, choices=Code.choices)
    order = models.PositiveSmallIntegerField(default=0)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    description_en = models.TextField(_("description (English)"))
    description_zh = models.TextField(_("description (Chinese)"))
    source = models.CharField(_("source"), max_length=1000, blank=True)

    class Meta:
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="one_area_per_code")]

    def __str__(self) -> str:
        return localised(self, "name")


class ResultNode(models.Model):
    """A level of the results framework: objective → outcome → output → activity."""

    class Level(models.TextChoices):
        OBJECTIVE = "objective", _("objective")
        OUTCOME = "outcome", _("outcome")
        OUTPUT = "output", _("output")
        ACTIVITY = "activity", _("activity")

    PARENT_LEVEL = {"outcome": "objective", "output": "outcome", "activity": "output"}
    IATI_RESULT_TYPE = {"objective": "3", "outcome": "2", "output": "1", "activity": "9"}

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="results")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    code = models.CharField(_("code"), max_length=20)
    title_en = models.TextField(_("title (English)"))
    title_zh = models.TextField(_("title (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    intervention_area = models.CharField(
        _("area of intervention"), max_length=20, choices=InterventionArea.Code.choices, blank=True
    )
    order = models.PositiveSmallIntegerField(default=0)
    source = models.CharField(_("source"), max_length=1000, blank=True)

    class Meta:
        ordering = ["order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["project", "code"], name="one_result_code_per_project")
        ]

    def __str__(self) -> str:
        return f"{self.code} {localised(self, 'title')}"

    @property
    def title(self) -> str:
        return localised(self, "title")

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return _public_or_owned("project__", org_ids)

    def clean(self) -> None:
        expected = self.PARENT_LEVEL.get(self.level)
        if expected is None and self.parent_id:
            raise ValidationError({"parent": _("An objective has no parent.")})
        if expected and (self.parent is None or self.parent.level != expected):
            raise ValidationError(
                {
                    "parent": _("The parent of a %(level)s must be a %(parent)s.")
                    % {"level": self.level, "parent": expected}
                }
            )
        if self.parent is not None and self.parent.project_id != self.project_id:
            raise ValidationError({"parent": _("The parent belongs to another project.")})


class Indicator(models.Model):
    class Measure(models.TextChoices):  # IATI IndicatorMeasure
        UNIT = "1", _("unit")
        PERCENTAGE = "2", _("percentage")

    class Source(models.TextChoices):
        MANUAL = "manual", _("entered with evidence")
        COMPUTED = "computed", _("computed from platform data")

    class Computation(models.TextChoices):
        PARTICIPANTS = "training_participants", _("people trained (training records)")
        ENTERPRISES = "training_enterprises", _("enterprises reached by training (training records)")
        KNOWLEDGE_GAIN = (
            "training_knowledge_gain",
            _("average knowledge gain, pre/post test (training records)"),
        )
        SATISFACTION = "training_satisfaction", _("participant satisfaction (training feedback)")
        FACILITIES_ASSESSED = (
            "compliance_facilities_assessed",
            _("suppliers assessed: facilities with a completed compliance check (compliance checks)"),
        )
        FINDINGS_REMEDIATED = (
            "compliance_findings_remediated",
            _("violations remediated: findings covered by verified corrective actions (compliance checks)"),
        )
        ACTIONS_VERIFIED = (
            "compliance_actions_verified",
            _("corrective actions verified: types of violation remediated at a facility (compliance checks)"),
        )
        FACILITIES_MAPPED = (
            "supplychain_facilities_mapped",
            _("facilities mapped: supplier facilities entered in buyers' supply-chain maps (supply chain)"),
        )

    class Dimension(models.TextChoices):
        SEX = "sex", _("sex")
        CONSTITUENT = "constituent", _("constituent type")
        PROVINCE = "province", _("province")
        SECTOR = "sector", _("sector")

    node = models.ForeignKey(ResultNode, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("code"), max_length=20)
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    definition_en = models.TextField(_("definition (English)"), blank=True)
    definition_zh = models.TextField(_("definition (Chinese)"), blank=True)
    measure = models.CharField(_("measure"), max_length=1, choices=Measure.choices, default=Measure.UNIT)
    unit_en = models.CharField(_("unit (English)"), max_length=60, blank=True)
    unit_zh = models.CharField(_("unit (Chinese)"), max_length=60, blank=True)
    ascending = models.BooleanField(_("higher is better"), default=True)
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    baseline_value = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    baseline_note_en = models.CharField(_("baseline note (English)"), max_length=300, blank=True)
    baseline_note_zh = models.CharField(_("baseline note (Chinese)"), max_length=300, blank=True)
    source = models.CharField(_("data source"), max_length=10, choices=Source.choices, default=Source.MANUAL)
    computation = models.CharField(_("computation"), max_length=40, choices=Computation.choices, blank=True)
    dimensions = models.JSONField(_("disaggregation dimensions"), default=list, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]
        constraints = [models.UniqueConstraint(fields=["node", "code"], name="one_indicator_code_per_node")]

    def __str__(self) -> str:
        return f"{self.code} {localised(self, 'title')}"

    @property
    def title(self) -> str:
        return localised(self, "title")

    @property
    def is_percentage(self) -> bool:
        return self.measure == self.Measure.PERCENTAGE

    @property
    def is_computed(self) -> bool:
        return self.source == self.Source.COMPUTED

    @property
    def dimension_labels(self) -> list[str]:
        labels = dict(self.Dimension.choices)
        return [str(labels.get(d, d)) for d in self.dimensions or []]

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return _public_or_owned("node__project__", org_ids)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.source == self.Source.COMPUTED and not self.computation:
            errors["computation"] = str(_("A computed indicator needs a computation."))
        if self.source == self.Source.MANUAL and self.computation:
            errors["computation"] = str(_("Only computed indicators have a computation."))
        unknown = [d for d in self.dimensions or [] if d not in self.Dimension.values]
        if unknown:
            errors["dimensions"] = str(
                _("Unknown dimension(s): %(d)s.") % {"d": ", ".join(map(str, unknown))}
            )
        if self.is_percentage and self.baseline_value is not None and not (0 <= self.baseline_value <= 100):
            errors["baseline_value"] = str(_("A percentage lies between 0 and 100."))
        if errors:
            raise ValidationError(errors)


class IndicatorPeriod(models.Model):
    """Target and actual of an indicator for one reporting period."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="periods")
    start = models.DateField(_("period start"))
    end = models.DateField(_("period end"))
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2, null=True, blank=True)
    actual = models.DecimalField(_("actual"), max_digits=14, decimal_places=2, null=True, blank=True)
    actual_computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)
    evidence_en = models.TextField(_("evidence (English)"), blank=True)
    evidence_zh = models.TextField(_("evidence (Chinese)"), blank=True)
    evidence_url = models.URLField(_("evidence address"), max_length=500, blank=True)
    comment_en = models.TextField(_("comment (English)"), blank=True)
    comment_zh = models.TextField(_("comment (Chinese)"), blank=True)

    class Meta:
        ordering = ["start"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "start"], name="one_period_per_start"),
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="period_end_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.start}–{self.end}"

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return _public_or_owned("indicator__node__project__", org_ids)

    @property
    def achievement(self) -> Decimal | None:
        if self.target in (None, 0) or self.actual is None:
            return None
        return (self.actual / self.target * 100).quantize(Decimal("0.1"))


class Disaggregation(models.Model):
    """A target or actual value for one value of a dimension (IATI `dimension`)."""

    class Kind(models.TextChoices):
        TARGET = "target", _("target")
        ACTUAL = "actual", _("actual")

    period = models.ForeignKey(IndicatorPeriod, on_delete=models.CASCADE, related_name="disaggregations")
    kind = models.CharField(max_length=6, choices=Kind.choices)
    dimension = models.CharField(max_length=20, choices=Indicator.Dimension.choices)
    value_label = models.CharField(_("dimension value"), max_length=100)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["dimension", "value_label"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "kind", "dimension", "value_label"], name="one_value_per_dimension_value"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dimension}={self.value_label}: {self.value}"

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return _public_or_owned("period__indicator__node__project__", org_ids)
