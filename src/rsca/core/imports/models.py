"""A stored upload waiting for its commit (the preview step of the import pipeline)."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportUpload(models.Model):
    """One uploaded file in `default_storage` under `imports/`, kept between its preview and its commit.

    Committed uploads are deleted at once; abandoned ones by `rsca imports-cleanup` after
    `settings.IMPORT_PREVIEW_MAX_AGE_HOURS` (default 24)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    importer = models.CharField(_("importer"), max_length=40)
    filename = models.CharField(_("file name"), max_length=255)
    stored_name = models.CharField(max_length=300)
    size = models.PositiveBigIntegerField(default=0)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    target = models.CharField(_("imported into"), max_length=200, blank=True)  # e.g. the activity's slug
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        app_label = "core"
        verbose_name = _("import upload")
        verbose_name_plural = _("import uploads")

    def __str__(self) -> str:
        return f"{self.importer}: {self.filename}"

    def as_source(self) -> Any:
        from django.core.files.storage import default_storage

        return default_storage.open(self.stored_name, "rb")
