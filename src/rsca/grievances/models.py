"""Worker grievances (OECD Guidance step 6; Directive (EU) 2024/1760 art. 14; UN Guiding Principle 31).

A worker files a case on the public page of a facility, without an account. The case is anonymous by default;
contact details, when given, are stored encrypted (`rsca.grievances.contact`). The worker chooses who may see the
case: the facility's claiming organisation, the facility's buyers on the platform, the programme (platform staff).
The worker follows the case with its code and secret (only a keyed hash of the secret is stored).

Visibility (`scope_q`, applied by `selectors.grievance_cases`): members of the facility's claiming organisation
when `visible_to_facility`; members of an organisation that buys from the facility when `visible_to_buyers`.
Platform staff see a case only when `visible_to_programme` (the selector adds this; staff do not see every case).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rsca.supplychain.models import SupplyRelationship

CATEGORY_TOPICS = {
    # grievance category -> standards topic code (the issue the register and the report count it under)
    "wages": "wages",
    "working-time": "working-time",
    "osh": "osh",
    "harassment": "gender",
    "discrimination": "non-discrimination",
    "forced-labour": "forced-labour",
    "child-labour": "child-labour",
    "freedom-of-association": "freedom-of-association",
    "contracts": "contracts",
    "other": "grievance",
}


def _visible_case_q(prefix: str, org_ids: set[int]) -> Q:
    bought = SupplyRelationship.objects.filter(buyer_id__in=org_ids).values("facility_id")
    return Q(**{f"{prefix}visible_to_facility": True, f"{prefix}facility__claimed_by_id__in": org_ids}) | Q(
        **{f"{prefix}visible_to_buyers": True, f"{prefix}facility_id__in": bought}
    )


class Grievance(models.Model):
    class Category(models.TextChoices):
        WAGES = "wages", _("Wages, pay slips and deductions")
        WORKING_TIME = "working-time", _("Working hours, overtime and rest days")
        OSH = "osh", _("Health and safety")
        HARASSMENT = "harassment", _("Harassment, sexual harassment or violence")
        DISCRIMINATION = "discrimination", _("Discrimination")
        FORCED_LABOUR = "forced-labour", _("Forced work, debts, kept documents")
        CHILD_LABOUR = "child-labour", _("Child labour or young workers")
        FREEDOM_OF_ASSOCIATION = "freedom-of-association", _("Trade union and worker representation")
        CONTRACTS = "contracts", _("Contracts and social insurance")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        RECEIVED = "received", pgettext_lazy("grievance status", "received")
        ACKNOWLEDGED = "acknowledged", pgettext_lazy("grievance status", "acknowledged")
        IN_PROGRESS = "in_progress", pgettext_lazy("grievance status", "being addressed")
        CLOSED = "closed", pgettext_lazy("grievance status", "closed")

    class Outcome(models.TextChoices):
        REMEDIED = "remedied", _("remedy provided")
        NOT_UPHELD = "not_upheld", _("not upheld after review")
        REFERRED = "referred", _("referred to another body")

    class Language(models.TextChoices):
        EN = "en", "English"
        ZH = "zh-hans", "简体中文"

    facility = models.ForeignKey(
        "supplychain.Facility",
        on_delete=models.PROTECT,
        related_name="grievances",
        verbose_name=_("facility"),
    )
    case_code = models.CharField(_("case code"), max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64, editable=False)
    category = models.CharField(_("category"), max_length=32, choices=Category.choices)
    description = models.TextField(_("description"))
    language = models.CharField(_("language"), max_length=8, choices=Language.choices, default=Language.ZH)
    contact_encrypted = models.TextField(blank=True, editable=False)
    visible_to_facility = models.BooleanField(_("the facility may see the case"), default=True)
    visible_to_buyers = models.BooleanField(_("the facility's buyers may see the case"), default=True)
    visible_to_programme = models.BooleanField(_("the programme may see the case"), default=True)
    retaliation = models.BooleanField(_("retaliation feared or experienced"), default=False)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    remedy = models.TextField(_("remedy"), blank=True)
    acknowledge_due = models.DateTimeField(_("acknowledgement due"))
    respond_due = models.DateTimeField(_("response due"))
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    responded_at = models.DateTimeField(_("first response at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by_organisation = models.ForeignKey(
        "core.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("closed by"),
    )
    policy_version = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("grievance")
        verbose_name_plural = _("grievances")
        indexes = [models.Index(fields=["facility", "created_at"])]

    def __str__(self) -> str:
        return self.case_code

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return _visible_case_q("", org_ids)

    @property
    def topic_code(self) -> str:
        return CATEGORY_TOPICS.get(self.category, "grievance")

    @property
    def has_contact(self) -> bool:
        return bool(self.contact_encrypted)

    def acknowledge_overdue(self, now: Any = None) -> bool:
        now = now or timezone.now()
        return self.acknowledged_at is None and now > self.acknowledge_due

    def respond_overdue(self, now: Any = None) -> bool:
        now = now or timezone.now()
        return self.responded_at is None and self.status != self.Status.CLOSED and now > self.respond_due


class GrievanceMessage(models.Model):
    """A message on a case: from the worker (through the code and secret) or from an organisation that may see it."""

    class Author(models.TextChoices):
        WORKER = "worker", _("worker")
        FACILITY = "facility", _("facility")
        BUYER = "buyer", _("buyer")
        PROGRAMME = "programme", _("programme")

    grievance = models.ForeignKey(Grievance, on_delete=models.CASCADE, related_name="messages")
    author = models.CharField(_("from"), max_length=12, choices=Author.choices)
    organisation = models.ForeignKey(
        "core.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("grievance message")
        verbose_name_plural = _("grievance messages")

    def __str__(self) -> str:
        return f"{self.grievance_id} {self.author} {self.created_at:%Y-%m-%d}"

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return _visible_case_q("grievance__", org_ids)
