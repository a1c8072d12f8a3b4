"""Uploads between preview and commit: one storage (`default_storage`, folder `imports/`), one clean-up policy."""

from __future__ import annotations

import datetime
import uuid
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from rsca.core.errors import NotFound
from rsca.core.imports.models import ImportUpload
from rsca.core.tabular import Limits, file_too_large

DEFAULT_MAX_AGE_HOURS = 24


def upload_store(
    *, importer: str, file: IO[bytes], filename: str, owner: Any, target: str = ""
) -> ImportUpload:
    """Keep an uploaded file for its preview and commit; a file over the size limit is refused before it is stored."""
    limit = Limits.default().max_bytes
    size = getattr(file, "size", None)
    if size is not None and size > limit:
        raise file_too_large(filename, size, limit)
    upload = ImportUpload(
        importer=importer,
        filename=filename[:255],
        target=target[:200],
        owner=owner if getattr(owner, "pk", None) is not None else None,
    )
    suffix = (
        Path(filename).suffix.lower()[:8]
        if Path(filename).suffix.lower() in (".csv", ".xlsx", ".txt")
        else ""
    )
    upload.stored_name = default_storage.save(f"imports/{upload.id.hex}{suffix}", File(file))
    upload.size = default_storage.size(upload.stored_name)
    if upload.size > limit:
        default_storage.delete(upload.stored_name)
        raise file_too_large(filename, upload.size, limit)
    upload.save()
    return upload


def upload_get(*, upload_id: Any, importer: str, owner: Any, target: str = "") -> ImportUpload:
    """The caller's own pending upload for this importer (and target); an expired or foreign one is NotFound."""
    try:
        key = uuid.UUID(str(upload_id))
    except ValueError:  # a malformed id is an unknown one
        key = None
    upload = (
        None
        if key is None
        else ImportUpload.objects.filter(
            pk=key, importer=importer, target=target, owner_id=getattr(owner, "pk", None)
        ).first()
    )
    if upload is None or not default_storage.exists(upload.stored_name):
        raise NotFound(_("This preview has expired; upload the file again."), code="preview_expired")
    return upload


def upload_delete(upload: ImportUpload) -> None:
    default_storage.delete(upload.stored_name)
    upload.delete()


def uploads_cleanup(*, older_than: datetime.timedelta | None = None) -> int:
    """Delete abandoned previews (the file and the record); returns how many."""
    hours = getattr(settings, "IMPORT_PREVIEW_MAX_AGE_HOURS", DEFAULT_MAX_AGE_HOURS)
    cutoff = timezone.now() - (older_than if older_than is not None else datetime.timedelta(hours=hours))
    count = 0
    for upload in ImportUpload.objects.filter(created_at__lt=cutoff):
        upload_delete(upload)
        count += 1
    return count
