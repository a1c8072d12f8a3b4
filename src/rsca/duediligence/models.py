"""Due diligence of a buyer (OECD Due Diligence Guidance for RBC, six steps; Directive (EU) 2024/1760 arts. 7-16).

* `RiskEntry` / `RiskSnapshot`: the buyer's risk register (step 2) as last computed, and its history (trend).
* `AuditReport`: a social audit of a facility (auditor, date, findings by issue) as risk evidence.
* `Questionnaire` / `Question`: versioned self-assessment questionnaires built from the standards knowledge base;
  `QuestionnaireRequest`: a buyer (or the programme) asks a facility to answer one; `Answer`: the facility's
  answer to one question version, given once and shared with every requester the supplier chooses
  (`AnswerShare`).
* `ActionItem`: a corrective-action plan item (step 3) from a questionnaire gap, a grievance or an audit finding,
  with the buyer's own contribution (responsible purchasing) beside the supplier's.

Visibility (`scope_q`): register rows, snapshots and action items belong to the buyer (`organisation`) and, for
action items, also to the facility's claiming supplier. Audit reports: the uploading organisation, the facility's
supplier, and the facility's buyers once shared. Answers: the facility's supplier, and the buyers it shared with.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rsca.core.models import Organisation, PublicReadable
from rsca.supplychain.models import Facility, SupplyRelationship

LEVELS = (("high", _("high")), ("medium", _("medium")), ("low", _("low")))
EVIDENCE_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "xlsx", "docx"]
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


def _buyer_facilities(org_ids: set[int]) -> Any:
    return SupplyRelationship.objects.filter(buyer_id__in=org_ids).values("facility_id")


class RiskEntry(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="risk_entries")
    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="risk_entries")
    tier = models.PositiveSmallIntegerField(_("tier"), default=1)
    country_id = models.CharField(_("country"), max_length=2, blank=True)
    score = models.FloatField(_("score"))
    level = models.CharField(_("level"), max_length=8, choices=LEVELS)
    severity = models.FloatField(_("severity"))
    likelihood = models.FloatField(_("likelihood"))
    priority = models.PositiveIntegerField(_("priority"), default=0)
    issue_codes = models.CharField(max_length=400, blank=True, help_text="',a,b,' for filtering")
    issues = models.JSONField(_("issues"), default=list)
    reasons = models.JSONField(_("reasons"), default=list)
    weights_version = models.CharField(max_length=40)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["priority", "id"]
        verbose_name = _("risk register entry")
        verbose_name_plural = _("risk register entries")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "facility"], name="one_risk_entry_per_facility")
        ]
        indexes = [
            models.Index(fields=["organisation", "priority"]),
            models.Index(fields=["organisation", "level"]),
        ]

    def __str__(self) -> str:
        return f"{self.facility_id} {self.level} {self.score:.0f}"

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return Q(organisation_id__in=org_ids)


class RiskSnapshot(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="risk_snapshots")
    taken_at = models.DateTimeField(default=timezone.now, db_index=True)
    weights_version = models.CharField(max_length=40)
    facilities = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict)  # level -> facilities
    by_issue = models.JSONField(default=dict)  # issue -> facilities where it is medium or high
    mean_score = models.FloatField(default=0)
    scores = models.JSONField(default=dict)  # facility id -> score

    class Meta:
        ordering = ["taken_at", "id"]
        verbose_name = _("risk register snapshot")
        verbose_name_plural = _("risk register snapshots")

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.taken_at:%Y-%m-%d}"

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return Q(organisation_id__in=org_ids)


class AuditReport(models.Model):
    facility = models.ForeignKey(
        Facility, on_delete=models.CASCADE, related_name="audit_reports", verbose_name=_("facility")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="audit_reports", verbose_name=_("uploaded by")
    )
    auditor = models.CharField(_("auditor"), max_length=200)
    scheme = models.CharField(_("audit scheme"), max_length=100, blank=True)
    audit_date = models.DateField(_("audit date"))
    file = models.FileField(
        _("report file"),
        upload_to="duediligence/audits/",
        blank=True,
        validators=[FileExtensionValidator(EVIDENCE_EXTENSIONS)],
    )
    findings = models.JSONField(
        _("findings"), default=list, help_text=_("Findings by issue: [{issue, severity, text}].")
    )
    shared_with_buyers = models.BooleanField(_("shared with buyers"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-audit_date", "-id"]
        verbose_name = _("audit report")
        verbose_name_plural = _("audit reports")

    def __str__(self) -> str:
        return f"{self.auditor} {self.audit_date}"

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return (
            Q(organisation_id__in=org_ids)
            | Q(facility__claimed_by_id__in=org_ids)
            | Q(shared_with_buyers=True, facility_id__in=_buyer_facilities(org_ids))
        )


class Questionnaire(PublicReadable, models.Model):
    """A versioned self-assessment questionnaire; a new version is a new row (answers keep their version)."""

    code = models.SlugField(_("code"), max_length=60)
    version = models.CharField(_("version"), max_length=20)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    basis = models.CharField(_("built on"), max_length=300, blank=True)

    class Meta:
        ordering = ["code", "-version"]
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="one_questionnaire_version")]

    def __str__(self) -> str:
        return f"{self.title_en} ({self.version})"


class Question(PublicReadable, models.Model):
    class Kind(models.TextChoices):
        YES_NO = "yes_no", _("yes or no")
        TEXT = "text", _("text")

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="questions")
    code = models.SlugField(_("code"), max_length=60)
    order = models.PositiveSmallIntegerField(default=0)
    topic_code = models.CharField(_("issue"), max_length=64)
    text_en = models.TextField(_("question (English)"))
    text_zh = models.TextField(_("question (Chinese)"))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.YES_NO)
    expected = models.CharField(_("expected answer"), max_length=8, blank=True)
    weight = models.FloatField(_("weight"), default=1.0)
    evidence_hint_en = models.CharField(max_length=300, blank=True)
    evidence_hint_zh = models.CharField(max_length=300, blank=True)
    provisions = models.JSONField(_("provisions asked about"), default=list)

    class Meta:
        ordering = ["questionnaire", "order", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [models.UniqueConstraint(fields=["questionnaire", "code"], name="one_question_code")]

    def __str__(self) -> str:
        return self.code


class QuestionnaireRequest(models.Model):
    class Status(models.TextChoices):
        SENT = "sent", _("sent")
        SUBMITTED = "submitted", _("submitted")

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="requests")
    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="questionnaire_requests")
    requested_by = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="questionnaire_requests",
        help_text=_("Empty when the programme asks."),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.SENT)
    score = models.FloatField(_("score"), null=True, blank=True)
    gaps = models.JSONField(_("gaps"), default=list, blank=True)
    sent_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("questionnaire request")
        verbose_name_plural = _("questionnaire requests")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "facility", "requested_by"], name="one_request_per_requester"
            )
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire.code} → {self.facility_id}"

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return Q(requested_by_id__in=org_ids) | Q(facility__claimed_by_id__in=org_ids)


class Answer(models.Model):
    """A facility's answer to one question version: given once, reused for every requester it is shared with."""

    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="saq_answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    value = models.CharField(_("answer"), max_length=8, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    language = models.CharField(max_length=8, default="zh-hans")
    evidence = models.FileField(
        _("evidence"),
        upload_to="duediligence/evidence/",
        blank=True,
        validators=[FileExtensionValidator(EVIDENCE_EXTENSIONS)],
    )
    submitted = models.BooleanField(_("submitted"), default=False)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["question__order", "id"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["facility", "question"], name="one_answer_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.facility_id} {self.question_id} {self.value}"

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        shared = AnswerShare.objects.filter(organisation_id__in=org_ids).values(
            "facility_id", "questionnaire_id"
        )
        return Q(facility__claimed_by_id__in=org_ids) | Q(
            submitted=True,
            facility_id__in=shared.values("facility_id"),
            question__questionnaire_id__in=shared.values("questionnaire_id"),
        )

    @property
    def is_gap(self) -> bool:
        return bool(self.question.expected) and self.value != self.question.expected


class AnswerShare(models.Model):
    """The supplier lets a buyer see its submitted answers to a questionnaire version (answer once, share many)."""

    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="saq_shares")
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="shares")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="saq_shares")
    shared_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("shared answers")
        verbose_name_plural = _("shared answers")
        constraints = [
            models.UniqueConstraint(
                fields=["facility", "questionnaire", "organisation"], name="one_share_per_buyer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.facility_id} → {self.organisation_id}"

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return Q(organisation_id__in=org_ids) | Q(facility__claimed_by_id__in=org_ids)


class ActionItem(models.Model):
    """A corrective-action plan item (OECD step 3; CSDDD arts. 10-11) beside compliance's payroll actions."""

    class Source(models.TextChoices):
        SAQ_GAP = "saq_gap", _("self-assessment gap")
        GRIEVANCE = "grievance", _("grievance")
        AUDIT = "audit", _("audit finding")
        REGISTER = "register", _("risk register")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done, awaiting verification")
        VERIFIED = "verified", _("verified")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="action_items", verbose_name=_("buyer")
    )
    facility = models.ForeignKey(
        Facility, on_delete=models.CASCADE, related_name="action_items", verbose_name=_("facility")
    )
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    source_ref = models.CharField(_("source reference"), max_length=100, blank=True)
    issue = models.CharField(_("issue"), max_length=64)
    description = models.TextField(_("what is to be done"))
    owner = models.CharField(_("owner"), max_length=200)
    deadline = models.DateField(_("deadline"))
    buyer_commitment = models.TextField(
        _("the buyer's own contribution"),
        blank=True,
        help_text=_("e.g. responsible purchasing: lead times, prices, order planning"),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    evidence_note = models.TextField(_("evidence"), blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name = _("action plan item")
        verbose_name_plural = _("action plan items")

    def __str__(self) -> str:
        return f"{self.issue} · {self.get_status_display()}"

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return Q(organisation_id__in=org_ids) | Q(facility__claimed_by_id__in=org_ids)

    def is_overdue(self, today: Any = None) -> bool:
        today = today or timezone.localdate()
        return self.status in (self.Status.OPEN, self.Status.IN_PROGRESS) and self.deadline < today

    @property
    def closed_on_time(self) -> bool | None:
        if self.closed_at is None:
            return None
        return self.closed_at.date() <= self.deadline
