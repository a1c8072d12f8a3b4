"""Compliance checks of a facility's roster, time and payroll records, their findings and worker summaries.

Privacy: worker identifiers are stored only as keyed pseudonyms (HMAC, one key per facility), names are
never read, and the uploaded files are deleted once the check has run.

Visibility (`scope_q`):
* members of the organisation that uploaded the records see the check;
* members of the organisation that has claimed the facility (the supplier) see every check of it;
* members of a buyer with a supply relationship to the facility see a check only once the supplier has
  shared it (`shared_with_buyers`).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rsca.core.models import Organisation, TaskProgress

CODE_LABELS = {
    "child_labour": _("Child labour"),
    "young_worker_hazard_or_night": _("Young worker on night or hazardous work"),
    "daily_overtime_exceeded": _("Daily overtime exceeded"),
    "monthly_overtime_cap_exceeded": _("Monthly overtime cap exceeded"),
    "weekly_hours_over_60": _("More than 60 hours in a week"),
    "no_rest_day_in_7": _("No rest day in seven"),
    "below_minimum_wage": _("Below the minimum wage"),
    "overtime_premium_underpaid": _("Overtime premium underpaid"),
    "no_written_contract": _("No written contract in time"),
    "social_insurance_missing": _("Social insurance missing"),
    "working_hour_system_unapproved": _("Working-hour system without approval"),
    "data_inconsistent": _("Inconsistent records"),
}

DETAIL_LABELS = {
    "worked_below_minimum_age": _("worked below the minimum age"),
    "night_work_under_18": _("night work under 18"),
    "hazardous_work_under_18": _("hazardous work under 18"),
    "overtime_on_working_day": _("overtime on a working day"),
    "overtime_in_month": _("overtime in the month"),
    "hours_in_week": _("hours in the week"),
    "consecutive_days_worked": _("consecutive days worked"),
    "base_pay_for_normal_hours": _("base pay for normal hours"),
    "overtime_pay_below_premium": _("overtime pay below the premium"),
    "no_contract_signed": _("days without a signed contract"),
    "not_enrolled": _("not enrolled in social insurance"),
    "net_pay_mismatch": _("net pay ≠ base + overtime + allowances − deductions"),
    "hours_over_24": _("more than 24 hours in a day"),
    "time_worker_not_in_roster": _("in the time records but not in the roster"),
    "payroll_worker_not_in_roster": _("in the payroll but not in the roster"),
    "worked_outside_employment": _("worked before hiring or after leaving"),
    "hours_exceed_shift": _("hours longer than the shift's start and end"),
    "part_time_pay_below_hourly_minimum": _("part-time pay below the hourly minimum"),
    "comprehensive_overtime_pay_below_premium": _("overtime pay below the premium (comprehensive system)"),
    "comprehensive_overtime_above_cap": _("overtime above the average monthly cap (comprehensive system)"),
    "comprehensive_month": _("comprehensive working hours by month, no approval reference"),
    "comprehensive_quarter": _("comprehensive working hours by quarter, no approval reference"),
    "comprehensive_year": _("comprehensive working hours by year, no approval reference"),
    "irregular": _("irregular working hours, no approval reference"),
}

SEVERITY_LABELS = {"high": _("high"), "medium": _("medium"), "low": _("low")}

# Why a check did not run (`summary["checks_skipped"]` holds the key).
SKIP_REASONS = {
    "no_shift_times": _("the time records have no start_time and end_time"),
    "no_shift_times_or_hazard_column": _(
        "the time records have no start_time and end_time and the roster no hazardous_work column"
    ),
    "no_hazardous_work_age": _("no minimum age for hazardous work in the standards"),
    "no_weekly_total": _("no applicable standard sets a weekly total (name a buyer code)"),
    "no_minimum_wage": _("no minimum wage in the standards for this jurisdiction and period"),
    "no_insurance_column": _("the roster has no social_insurance_enrolled column"),
    "no_insurance_rule": _("no social-insurance rule is recorded for this country"),
    "no_value_in_standards": _("the standards hold no value for this check in this jurisdiction"),
    "no_daily_overtime_limit": _(
        "the law of this jurisdiction sets no daily overtime limit in the standards"
    ),
    "no_monthly_overtime_limit": _(
        "the law of this jurisdiction sets no monthly overtime limit in the standards"
    ),
}

STANDARD_LABELS = {"national_law": _("national law"), "ilo": _("ILO standard"), "buyer_code": _("buyer code")}


def _visible_check_q(prefix: str, org_ids: set[int]) -> Q:
    from rsca.supplychain.models import SupplyRelationship

    buyer_facilities = SupplyRelationship.objects.filter(buyer_id__in=org_ids).values("facility_id")
    return (
        Q(**{f"{prefix}organisation_id__in": org_ids})
        | Q(**{f"{prefix}facility__claimed_by_id__in": org_ids})
        | Q(**{f"{prefix}shared_with_buyers": True, f"{prefix}facility_id__in": buyer_facilities})
    )


class ComplianceCheck(models.Model):
    """One upload of roster, time and payroll records for a facility and the result of checking it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    facility = models.ForeignKey(
        "supplychain.Facility",
        on_delete=models.CASCADE,
        related_name="compliance_checks",
        verbose_name=_("facility"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="compliance_checks",
        verbose_name=_("uploaded by organisation"),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    label = models.CharField(_("label"), max_length=200, blank=True)
    jurisdiction = models.CharField(_("jurisdiction"), max_length=16)
    buyer_code = models.CharField(_("buyer code"), max_length=32, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    progress = models.ForeignKey(
        TaskProgress, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    files = models.JSONField(
        _("files"),
        default=dict,
        blank=True,
        help_text=_("Names of the uploaded files; the files themselves are deleted after the check."),
    )
    period_start = models.DateField(_("records from"), null=True, blank=True)
    period_end = models.DateField(_("records until"), null=True, blank=True)
    worker_count = models.PositiveIntegerField(_("workers"), default=0)
    worker_days = models.PositiveIntegerField(_("worker-days"), default=0)
    finding_count = models.PositiveIntegerField(_("findings"), default=0)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    comparison = models.JSONField(_("change since the previous check"), default=dict, blank=True)
    errors = models.JSONField(_("input errors"), default=list, blank=True)
    error_message = models.TextField(_("error"), blank=True)
    shared_with_buyers = models.BooleanField(
        _("shared with buyers"),
        default=False,
        help_text=_("Buyers that source from this facility may see the results."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("compliance check")
        verbose_name_plural = _("compliance checks")

    def __str__(self) -> str:
        when = self.label or (self.created_at.strftime("%Y-%m-%d") if self.created_at else "")
        return f"{self.facility.name} · {when}"

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return _visible_check_q("", org_ids)

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class Finding(models.Model):
    """One violation: what was measured, against which limit, set by which standard and provisions."""

    upload = models.ForeignKey(ComplianceCheck, on_delete=models.CASCADE, related_name="findings")
    code = models.CharField(_("check"), max_length=40, db_index=True)
    detail = models.CharField(_("detail"), max_length=40, blank=True)
    worker = models.CharField(_("worker (pseudonym)"), max_length=40, db_index=True)
    department = models.CharField(_("department"), max_length=100, blank=True)
    period_start = models.DateField(_("from"), null=True)
    period_end = models.DateField(_("until"), null=True)
    measured = models.FloatField(_("measured"), null=True)
    limit = models.FloatField(_("limit"), null=True)
    unit = models.CharField(_("unit"), max_length=24, blank=True)
    standard = models.CharField(_("standard"), max_length=16, blank=True)
    parameter = models.CharField(_("parameter"), max_length=40, blank=True)
    severity = models.CharField(_("severity"), max_length=8)
    days = models.IntegerField(_("days"), null=True)
    hours_workday = models.FloatField(null=True)
    hours_rest_day = models.FloatField(null=True)
    hours_holiday = models.FloatField(null=True)
    hourly_rate = models.FloatField(null=True)
    shortfall = models.FloatField(_("underpayment"), default=0)
    provisions = models.JSONField(_("provisions"), default=list)
    alternatives = models.JSONField(_("other standards"), default=list, blank=True)

    class Meta:
        ordering = ["code", "worker", "period_start", "id"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        indexes = [models.Index(fields=["upload", "code"]), models.Index(fields=["upload", "worker"])]

    def __str__(self) -> str:
        return f"{self.code} {self.worker} {self.period_start}"

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return _visible_check_q("upload__", org_ids)

    @property
    def code_label(self) -> str:
        return str(CODE_LABELS.get(self.code, self.code))

    @property
    def detail_label(self) -> str:
        return str(DETAIL_LABELS.get(self.detail, self.detail))

    @property
    def severity_label(self) -> str:
        return str(SEVERITY_LABELS.get(self.severity, self.severity))

    @property
    def standard_label(self) -> str:
        return str(STANDARD_LABELS.get(self.standard, self.standard))

    @property
    def is_single_day(self) -> bool:
        return self.period_start == self.period_end


class WorkerSummary(models.Model):
    """A worker's hours over the period checked, for the drill-down (pseudonym only)."""

    upload = models.ForeignKey(ComplianceCheck, on_delete=models.CASCADE, related_name="workers")
    worker = models.CharField(_("worker (pseudonym)"), max_length=40)
    department = models.CharField(_("department"), max_length=100, blank=True)
    days_worked = models.PositiveIntegerField(_("days worked"), default=0)
    total_hours = models.FloatField(_("hours"), default=0)
    overtime_hours = models.FloatField(_("overtime hours"), default=0)
    max_week_hours = models.FloatField(_("longest week (hours)"), default=0)
    longest_run = models.PositiveIntegerField(_("longest run of days without rest"), default=0)
    finding_count = models.PositiveIntegerField(_("findings"), default=0)
    underpayment = models.FloatField(_("underpayment"), default=0)
    weekly_hours = models.JSONField(_("hours by week"), default=dict, blank=True)

    class Meta:
        ordering = ["-finding_count", "worker"]
        verbose_name = _("worker summary")
        verbose_name_plural = _("worker summaries")
        constraints = [
            models.UniqueConstraint(fields=["upload", "worker"], name="one_summary_per_worker_and_check")
        ]

    def __str__(self) -> str:
        return self.worker

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return _visible_check_q("upload__", org_ids)


class CorrectiveAction(models.Model):
    """What a facility does about one type of finding of a check (a corrective action plan item).

    One per finding code and check. The supplier (the facility's claiming organisation) or the uploading
    organisation writes and updates it; it becomes *verified* either automatically, when a later check of the
    same facility that ran this check no longer shows the finding code at all (see
    `services.corrective_actions_verify_from_check`), or when a buyer that may see the check, or platform
    staff, confirms it. Visibility is the check's: a buyer sees actions only once the supplier shares the check.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done, awaiting verification")
        VERIFIED = "verified", _("verified")

    class Verification(models.TextChoices):
        LATER_CHECK = "later_check", _("a later check no longer shows the finding")
        CONFIRMED = "confirmed", _("confirmed by a buyer or the programme")

    compliance_check = models.ForeignKey(
        ComplianceCheck,
        on_delete=models.CASCADE,
        related_name="corrective_actions",
        verbose_name=_("compliance check"),
    )
    finding_code = models.CharField(_("finding"), max_length=40)
    findings_covered = models.PositiveIntegerField(
        _("findings covered"),
        default=0,
        help_text=_("Findings of this type in the check when the action was created."),
    )
    workers_covered = models.PositiveIntegerField(_("workers affected"), default=0)
    root_cause = models.TextField(_("root cause"))
    action = models.TextField(_("corrective action"))
    responsible = models.CharField(_("responsible person"), max_length=200)
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    evidence_note = models.TextField(_("evidence"), blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verification = models.CharField(_("verified by"), max_length=16, choices=Verification.choices, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verifying_check = models.ForeignKey(
        ComplianceCheck,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("verifying check"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_date", "finding_code", "id"]
        verbose_name = _("corrective action")
        verbose_name_plural = _("corrective actions")
        constraints = [
            models.UniqueConstraint(
                fields=["compliance_check", "finding_code"], name="one_action_per_check_and_code"
            )
        ]
        indexes = [models.Index(fields=["status", "verified_at"], name="action_status_verified")]

    def __str__(self) -> str:
        return f"{self.code_label} · {self.get_status_display()}"

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return _visible_check_q("compliance_check__", org_ids)

    @property
    def code_label(self) -> str:
        return str(CODE_LABELS.get(self.finding_code, self.finding_code))

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED


class CorrectiveActionEvent(models.Model):
    """The history of a corrective action: every status change or note, who made it and when."""

    corrective_action = models.ForeignKey(CorrectiveAction, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(_("status"), max_length=16, choices=CorrectiveAction.Status.choices)
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    related_check = models.ForeignKey(
        ComplianceCheck, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("corrective action event")
        verbose_name_plural = _("corrective action events")

    def __str__(self) -> str:
        return f"{self.corrective_action_id} {self.status} {self.created_at:%Y-%m-%d}"

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return _visible_check_q("corrective_action__compliance_check__", org_ids)
