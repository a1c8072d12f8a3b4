"""Courses, activities (trainings, seminars, forums …), participants, registrations, attendance,
knowledge tests, satisfaction feedback and certificates.

Who sees what (`scope_q`):
- a published activity is public; an unpublished one is seen by the members of its owning organisation;
- a participant, a registration and everything hanging off it (attendance, tests, feedback,
  certificate) is seen by the participant's own account and by the members of the organisation that
  owns the activity; platform staff see everything.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from rsca.core.i18n import localised
from rsca.core.models import Division, Organisation, PublicReadable, Sector


class ConstituentType(models.TextChoices):
    GOVERNMENT = "government", _("government")
    EMPLOYERS = "employers_organisation", _("employers' organisation")
    WORKERS = "workers_organisation", _("workers' organisation")
    ENTERPRISE = "enterprise", _("enterprise")
    ACADEMIA = "academia", _("academia")
    CIVIL_SOCIETY = "civil_society", _("civil society")
    INTERNATIONAL = "international_organisation", _("international organisation")
    OTHER = "other", _("other")


class Sex(models.TextChoices):
    FEMALE = "female", _("female")
    MALE = "male", _("male")
    OTHER = "other", _("other")
    UNDISCLOSED = "undisclosed", _("undisclosed")


class Course(PublicReadable, models.Model):
    """A curriculum that activities deliver: topics from the standards taxonomy, objectives, modules."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title_en = models.CharField(_("title (English)"), max_length=255)
    title_zh = models.CharField(_("title (Chinese)"), max_length=255, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    objectives_en = models.TextField(_("learning objectives (English)"), blank=True)
    objectives_zh = models.TextField(_("learning objectives (Chinese)"), blank=True)
    topic_codes = models.JSONField(
        _("topics"), default=list, blank=True, help_text=_("Codes of topics in the standards taxonomy.")
    )
    source = models.CharField(_("source"), max_length=500, blank=True)

    class Meta:
        ordering = ["title_en"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self) -> str:
        return localised(self, "title")


class CourseModule(PublicReadable, models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title_en = models.CharField(_("title (English)"), max_length=255)
    title_zh = models.CharField(_("title (Chinese)"), max_length=255, blank=True)
    topic_codes = models.JSONField(_("topics"), default=list, blank=True)

    class Meta:
        ordering = ["course", "order", "id"]
        verbose_name = _("course module")
        verbose_name_plural = _("course modules")

    def __str__(self) -> str:
        return localised(self, "title")


class Activity(models.Model):
    """One training, seminar, workshop, forum, policy dialogue, consultation or signing event."""

    class Kind(models.TextChoices):
        TRAINING = "training", _("training")
        SEMINAR = "seminar", _("seminar")
        WORKSHOP = "workshop", _("workshop")
        FORUM = "forum", _("forum")
        POLICY_DIALOGUE = "policy_dialogue", _("policy dialogue")
        CONSULTATION = "consultation", _("consultation")
        SIGNING = "signing", _("agreement signing")
        OTHER = "other", _("other event")

    class Mode(models.TextChoices):
        UNKNOWN = "", _("not recorded")
        IN_PERSON = "in_person", _("in person")
        ONLINE = "online", _("online")
        MIXED = "mixed", _("mixed")

    class Language(models.TextChoices):
        UNKNOWN = "", _("not recorded")
        ZH = "zh", _("Chinese")
        EN = "en", _("English")
        BOTH = "en_zh", _("English and Chinese")

    class DatePrecision(models.TextChoices):
        DAY = "day", _("exact dates")
        MONTH = "month", _("month only")
        YEAR = "year", _("year only")
        UNKNOWN = "unknown", _("date not recorded")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title_en = models.CharField(_("title (English)"), max_length=255)
    title_zh = models.CharField(_("title (Chinese)"), max_length=255, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    course = models.ForeignKey(
        Course, null=True, blank=True, on_delete=models.SET_NULL, related_name="activities"
    )
    topic_codes = models.JSONField(_("topics"), default=list, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"), max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    duration_days = models.PositiveSmallIntegerField(
        _("duration in days"),
        null=True,
        blank=True,
        help_text=_("When the length is known but the dates are not."),
    )
    place = models.ForeignKey(
        Division,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("province or city"),
    )
    venue_en = models.CharField(_("venue (English)"), max_length=255, blank=True)
    venue_zh = models.CharField(_("venue (Chinese)"), max_length=255, blank=True)
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, blank=True, default="")
    language = models.CharField(_("language"), max_length=6, choices=Language.choices, blank=True, default="")
    sectors = models.ManyToManyField(Sector, blank=True, related_name="+", verbose_name=_("sector focus"))
    organisers = models.ManyToManyField(
        Organisation, blank=True, related_name="organised_activities", verbose_name=_("organisers")
    )
    partners = models.ManyToManyField(
        Organisation, blank=True, related_name="partnered_activities", verbose_name=_("partners")
    )
    organiser_refs = models.JSONField(
        _("organisers as named in the source"),
        default=list,
        blank=True,
        help_text=_("Acronyms or names; linked to organisations on the platform as soon as they exist."),
    )
    partner_refs = models.JSONField(_("partners as named in the source"), default=list, blank=True)
    target_groups = models.JSONField(
        _("target groups"),
        default=list,
        blank=True,
        help_text=_("Constituent types the activity is meant for."),
    )
    budget_line = models.CharField(_("budget line"), max_length=64, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Empty for no limit; beyond it people join a waiting list."),
    )
    registration_open = models.BooleanField(_("online registration open"), default=False)
    is_published = models.BooleanField(_("published"), default=False)
    owner = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_activities",
        verbose_name=_("managing organisation"),
        help_text=_("Its editors manage the activity; empty for the programme team."),
    )
    source = models.CharField(
        _("source"), max_length=500, blank=True, help_text=_("The document this record rests on.")
    )
    reported_on = models.DateField(
        _("reported on"),
        null=True,
        blank=True,
        help_text=_("Date of the news item that reports the activity."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "-reported_on", "title_en"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=False) & Q(end_date__gte=models.F("start_date")),
                name="activity_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return localised(self, "title")

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return Q(is_published=True) | Q(owner_id__in=org_ids)

    @property
    def days(self) -> list[datetime.date]:
        """The activity's days, for attendance; only when the exact dates are known."""
        if self.start_date is None or self.date_precision != self.DatePrecision.DAY:
            return []
        end = self.end_date or self.start_date
        return [self.start_date + datetime.timedelta(days=n) for n in range((end - self.start_date).days + 1)]


class Material(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="materials")
    title_en = models.CharField(_("title (English)"), max_length=255)
    title_zh = models.CharField(_("title (Chinese)"), max_length=255, blank=True)
    file = models.FileField(_("file"), upload_to="training/materials/", blank=True)
    url = models.URLField(_("link"), blank=True, help_text=_("A page of the resource library or elsewhere."))

    class Meta:
        ordering = ["activity", "id"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self) -> str:
        return localised(self, "title")

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return Q(activity__is_published=True) | Q(activity__owner_id__in=org_ids)


class Participant(models.Model):
    """A person who registers for or attends activities; the same person is one row."""

    full_name = models.CharField(_("name"), max_length=200)
    sex = models.CharField(_("sex"), max_length=12, choices=Sex.choices, default=Sex.UNDISCLOSED)
    organisation_name = models.CharField(_("organisation"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="training_participants"
    )
    constituent_type = models.CharField(
        _("constituent type"), max_length=32, choices=ConstituentType.choices, default=ConstituentType.OTHER
    )
    role = models.CharField(_("role"), max_length=200, blank=True)
    sector = models.ForeignKey(
        Sector, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("sector")
    )
    province = models.ForeignKey(
        Division,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("province"),
    )
    email = models.EmailField(_("email"), blank=True)
    facility = models.ForeignKey(
        "supplychain.Facility",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_participants",
        verbose_name=_("supplier facility"),
        help_text=_("When the person works at a facility listed on the platform."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_participants",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(Lower("email"), condition=~Q(email=""), name="participant_unique_email"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        own = Q(user_id=user.pk) if getattr(user, "is_authenticated", False) else Q(pk__in=[])
        managed = Registration.objects.filter(activity__owner_id__in=org_ids).values("participant_id")
        return own | Q(pk__in=managed)


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        WAITLISTED = "waitlisted", _("waiting list")
        CANCELLED = "cancelled", _("cancelled")

    class Source(models.TextChoices):
        ONLINE = "online", _("online registration")
        IMPORT = "import", _("imported list")
        STAFF = "staff", _("added by staff")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="registrations")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="registrations")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.CONFIRMED)
    attended = models.BooleanField(
        _("attended"),
        default=False,
        help_text=_("Present on at least one day; only attendees count in indicators."),
    )
    source = models.CharField(_("source"), max_length=8, choices=Source.choices, default=Source.ONLINE)
    token = models.CharField(max_length=43, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["activity", "created_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["activity", "participant"], name="one_registration_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.participant} @ {self.activity}"

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        own = Q(participant__user_id=user.pk) if getattr(user, "is_authenticated", False) else Q(pk__in=[])
        return own | Q(activity__owner_id__in=org_ids)


class Attendance(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="attendance")
    day = models.DateField(_("day"))
    present = models.BooleanField(_("present"), default=True)

    class Meta:
        ordering = ["registration", "day"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["registration", "day"], name="one_attendance_per_day")]

    def __str__(self) -> str:
        return f"{self.registration} {self.day}: {self.present}"

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        own = (
            Q(registration__participant__user_id=user.pk)
            if getattr(user, "is_authenticated", False)
            else Q(pk__in=[])
        )
        return own | Q(registration__activity__owner_id__in=org_ids)


class Question(models.Model):
    """A multiple-choice question of the bank, filed under a topic; the correct option is never shown to takers."""

    topic_code = models.CharField(_("topic"), max_length=64, db_index=True)
    text_en = models.TextField(_("question (English)"))
    text_zh = models.TextField(_("question (Chinese)"), blank=True)
    options = models.JSONField(_("options"), help_text=_('A list of {"en": …, "zh": …} choices.'))
    correct_index = models.PositiveSmallIntegerField(_("correct option (0-based)"))
    source = models.CharField(
        _("source provision"),
        max_length=300,
        blank=True,
        help_text=_("The provision the correct answer rests on."),
    )
    owner = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["topic_code", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.CheckConstraint(condition=Q(correct_index__gte=0), name="question_correct_index")
        ]

    def __str__(self) -> str:
        return localised(self, "text")[:80]

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return Q(owner_id__in=org_ids)  # answers are private to the bank's editors

    def option_labels(self) -> list[str]:
        from rsca.core.i18n import is_chinese

        key = "zh" if is_chinese() else "en"
        return [str(o.get(key) or o.get("en") or o.get("zh") or "") for o in self.options]


class ActivityTest(models.Model):
    """The questions an activity's pre- and post-test ask (the same questions both times)."""

    activity = models.OneToOneField(Activity, on_delete=models.CASCADE, related_name="test")
    questions = models.ManyToManyField(Question, related_name="tests")
    is_open = models.BooleanField(_("open for answers"), default=True)

    class Meta:
        verbose_name = _("knowledge test")
        verbose_name_plural = _("knowledge tests")

    def __str__(self) -> str:
        return f"{self.activity}"

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return Q(activity__owner_id__in=org_ids)


class TestAttempt(models.Model):
    class Phase(models.TextChoices):
        PRE = "pre", _("pre-test")
        POST = "post", _("post-test")

    __test__ = False  # not a pytest class

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="test_attempts")
    phase = models.CharField(_("phase"), max_length=4, choices=Phase.choices)
    answers = models.JSONField(default=dict)
    correct = models.PositiveSmallIntegerField(default=0)
    total = models.PositiveSmallIntegerField(default=0)
    score = models.DecimalField(_("score (%)"), max_digits=5, decimal_places=2)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["registration", "phase"]
        verbose_name = _("test attempt")
        verbose_name_plural = _("test attempts")
        constraints = [
            models.UniqueConstraint(fields=["registration", "phase"], name="one_attempt_per_phase")
        ]

    def __str__(self) -> str:
        return f"{self.registration} {self.phase}: {self.score}"

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return Q(
            registration__in=Registration.objects.filter(Registration.scope_q(user=user, org_ids=org_ids))
        )


class Feedback(models.Model):
    """The satisfaction survey: ratings on a 1–5 scale and free comments."""

    registration = models.OneToOneField(Registration, on_delete=models.CASCADE, related_name="feedback")
    overall = models.PositiveSmallIntegerField(_("overall satisfaction"))
    relevance = models.PositiveSmallIntegerField(_("relevance to my work"))
    facilitation = models.PositiveSmallIntegerField(_("quality of trainers and facilitation"))
    comments = models.TextField(_("comments"), blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.CheckConstraint(
                condition=Q(overall__gte=1, overall__lte=5)
                & Q(relevance__gte=1, relevance__lte=5)
                & Q(facilitation__gte=1, facilitation__lte=5),
                name="feedback_scale_1_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration}: {self.overall}/5"

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return Q(
            registration__in=Registration.objects.filter(Registration.scope_q(user=user, org_ids=org_ids))
        )


class Certificate(models.Model):
    registration = models.OneToOneField(Registration, on_delete=models.CASCADE, related_name="certificate")
    code = models.CharField(_("verification code"), max_length=16, unique=True)
    holder_name = models.CharField(_("holder"), max_length=200)
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return self.code

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return Q(
            registration__in=Registration.objects.filter(Registration.scope_q(user=user, org_ids=org_ids))
        )
