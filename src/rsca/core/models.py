"""Reference data (countries, Chinese divisions, sectors), organisations, memberships, tokens, audit."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rsca.core.i18n import localised


class PublicReadable:
    """Reference data anyone may read: its `scope_q` admits every row (see rsca.core.scoping)."""

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return Q()


class BilingualNameMixin:
    name_en: str
    name_zh: str

    @property
    def name(self) -> str:
        return localised(self, "name")

    def __str__(self) -> str:
        return self.name


# The six countries of the programme (seed S2: China, Japan, Myanmar, the Philippines, Thailand, Viet Nam); the one
# definition every app uses (`Country.is_rsca` is seeded from it).
RSCA_COUNTRIES = ("CN", "JP", "MM", "PH", "TH", "VN")


class Country(PublicReadable, BilingualNameMixin, models.Model):
    iso2 = models.CharField(_("ISO 3166-1 alpha-2"), max_length=2, primary_key=True)
    iso3 = models.CharField(_("ISO 3166-1 alpha-3"), max_length=3, unique=True)
    numeric = models.CharField(_("numeric code"), max_length=3)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    is_rsca = models.BooleanField(_("RSCA country"), default=False)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")


class Division(PublicReadable, BilingualNameMixin, models.Model):
    """A Chinese administrative division (province or prefecture-level city) with its GB/T 2260 code."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("province")
        PREFECTURE = "prefecture", _("prefecture-level city")

    code = models.CharField(_("division code"), max_length=6, primary_key=True)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="divisions")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    iso_code = models.CharField(_("ISO 3166-2 code"), max_length=10, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("administrative division")
        verbose_name_plural = _("administrative divisions")

    @property
    def province(self) -> Division:
        return self if self.level == self.Level.PROVINCE or self.parent is None else self.parent


class Sector(PublicReadable, BilingualNameMixin, models.Model):
    """An ISIC Rev.4 section or division."""

    code = models.CharField(_("ISIC Rev.4 code"), max_length=4, primary_key=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    is_focus = models.BooleanField(_("programme focus sector"), default=False)
    focus_label_en = models.CharField(max_length=100, blank=True)
    focus_label_zh = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")


class Organisation(models.Model):
    class Type(models.TextChoices):
        GOVERNMENT = "government", _("government")
        EMPLOYERS = "employers_organisation", _("employers' organisation")
        WORKERS = "workers_organisation", _("workers' organisation")
        ENTERPRISE = "enterprise", _("enterprise")
        ACADEMIA = "academia", _("academia")
        CIVIL_SOCIETY = "civil_society", _("civil society")
        INTERNATIONAL = "international_organisation", _("international organisation")
        DONOR = "donor", _("donor")

    class EnterpriseRole(models.TextChoices):
        NONE = "", _("not an enterprise")
        BUYER = "buyer", _("buyer")
        SUPPLIER = "supplier", _("supplier")

    name = models.CharField(_("name"), max_length=255, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=255, blank=True)
    acronym = models.CharField(_("acronym"), max_length=32, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    type = models.CharField(_("type"), max_length=32, choices=Type.choices)
    enterprise_role = models.CharField(
        _("enterprise role"), max_length=16, choices=EnterpriseRole.choices, blank=True, default=""
    )
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.PROTECT)
    website = models.URLField(_("website"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    is_public = models.BooleanField(
        _("listed publicly"), default=False, help_text=_("Programme partners appear in the public directory.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=Q(type="enterprise") | Q(enterprise_role=""),
                name="enterprise_role_only_for_enterprises",
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        from django.utils.translation import get_language

        if (get_language() or "").startswith("zh") and self.name_zh:
            return self.name_zh
        return self.name

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return Q(is_public=True) | Q(pk__in=org_ids)


class Membership(models.Model):
    class Role(models.TextChoices):
        VIEWER = "viewer", _("viewer")
        EDITOR = "editor", _("editor")
        ADMIN = "admin", _("admin")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.VIEWER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role})"

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return Q(organisation_id__in=org_ids)


class ApiToken(models.Model):
    """A personal API token; only its SHA-256 hash is stored, the secret is shown once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return Q(user_id=user.pk)


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", _("create")
        UPDATE = "update", _("update")
        DELETE = "delete", _("delete")
        OTHER = "other", _("other")

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    actor_repr = models.CharField(max_length=255, blank=True)
    action = models.CharField(max_length=16, choices=Action.choices)
    verb = models.CharField(max_length=64, blank=True)
    target_type = models.CharField(max_length=100, db_index=True)
    target_id = models.CharField(max_length=64, db_index=True)
    target_repr = models.CharField(max_length=255)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return (
            f"{self.at:%Y-%m-%d %H:%M} {self.actor_repr} {self.action} {self.target_type} {self.target_repr}"
        )


class TaskProgress(models.Model):
    """Visible progress of a background task, written by the task as it works."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    label = models.CharField(_("task"), max_length=200)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE)
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.CASCADE)
    task_result_id = models.CharField(max_length=64, blank=True, db_index=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    result_url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("task progress")
        verbose_name_plural = _("task progress")

    def __str__(self) -> str:
        return f"{self.label}: {self.status}"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return Q(owner_id=user.pk) | Q(organisation_id__in=org_ids)

    SCOPE_NOTE: ClassVar[str] = "a task is seen by whoever started it and that organisation's members"


from rsca.core.imports.models import ImportUpload  # noqa: E402, F401 - the import pipeline's stored uploads
