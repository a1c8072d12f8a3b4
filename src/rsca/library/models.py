"""The resource library: publications, research, case studies, news, brochures, videos, instruments.

`Resource.search_text` holds the title, summary and body in both languages, segmented into words
(jieba for Chinese) and lower-cased; the full-text index is built over it: an FTS5 table kept in
step by triggers on SQLite, a GIN expression index on PostgreSQL (see migrations/0002).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rsca.core.i18n import localised
from rsca.core.models import Country, Organisation, PublicReadable, Sector
from rsca.library.search import FtsTextField


class Topic(PublicReadable, models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_zh = models.CharField(_("name (Chinese)"), max_length=120)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return localised(self, "name")


class Resource(models.Model):
    class Kind(models.TextChoices):
        PUBLICATION = "publication", _("publication")
        RESEARCH = "research", _("research report")
        CASE_STUDY = "case_study", _("case study")
        NEWS = "news", _("news")
        BROCHURE = "brochure", _("brochure")
        VIDEO = "video", _("video")
        INSTRUMENT = "instrument", _("instrument")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, db_index=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_zh = models.TextField(_("summary (Chinese)"), blank=True)
    body_en = models.TextField(_("text (English)"), blank=True)
    body_zh = models.TextField(_("text (Chinese)"), blank=True)

    class DatePrecision(models.TextChoices):
        DAY = "day", _("day")
        YEAR = "year", _("year")

    date = models.DateField(_("date"), db_index=True)
    date_precision = models.CharField(
        _("date precision"),
        max_length=4,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("“year” when the document gives only its year: the page then shows the year alone."),
    )
    publisher_en = models.CharField(_("publisher (English)"), max_length=200, blank=True)
    publisher_zh = models.CharField(_("publisher (Chinese)"), max_length=200, blank=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="resources", verbose_name=_("topics"))
    sectors = models.ManyToManyField(Sector, blank=True, related_name="resources", verbose_name=_("sectors"))
    countries = models.ManyToManyField(
        Country, blank=True, related_name="resources", verbose_name=_("countries")
    )
    url = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to="library/%Y/", blank=True)
    file_type = models.CharField(_("file type"), max_length=10, blank=True)
    file_size = models.PositiveBigIntegerField(_("file size"), null=True, blank=True)
    owner = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resources",
        verbose_name=_("organisation"),
    )
    is_public = models.BooleanField(_("published"), default=True, db_index=True)
    source = models.CharField(
        _("source"),
        max_length=600,
        blank=True,
        help_text=_("Where the document is cited or listed, as a citation a reader can follow."),
    )
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        indexes = [models.Index(fields=["is_public", "-date"], name="library_public_date")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:detail", kwargs={"slug": self.slug})

    @property
    def title(self) -> str:
        return localised(self, "title")

    @property
    def publisher(self) -> str:
        return localised(self, "publisher")

    @property
    def date_display(self) -> str:
        """The date as precisely as the document gives it: 2019-03-05, or 2020."""
        if self.date_precision == self.DatePrecision.YEAR:
            return str(self.date.year)
        return self.date.isoformat()

    @property
    def summary(self) -> str:
        return localised(self, "summary")

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return Q(is_public=True) | Q(owner_id__in=org_ids)


class ResourceIndex(models.Model):
    """The SQLite FTS5 table over `Resource.search_text` (external content, rowid = resource id).

    Unmanaged: created by a migration on SQLite only, and read only there.
    """

    resource = models.OneToOneField(
        Resource, primary_key=True, db_column="rowid", on_delete=models.DO_NOTHING, related_name="fts"
    )
    search_text = FtsTextField()
    rank = models.FloatField()

    class Meta:
        managed = False
        db_table = "library_resource_fts"

    def __str__(self) -> str:
        return str(self.pk)

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return Q(resource__is_public=True) | Q(resource__owner_id__in=org_ids)
