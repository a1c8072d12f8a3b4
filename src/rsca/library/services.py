"""Writes for the library: resources (with their search text and checked files) and topics."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from pypinyin import lazy_pinyin

from rsca.core.errors import Forbidden, InvalidInput, TooLarge
from rsca.core.scoping import can_edit_organisation, is_platform_staff
from rsca.library.models import Resource, Topic
from rsca.library.search import index_tokens, search_text

MAX_FILE_BYTES = 50 * 1024 * 1024
# extension -> (file type label, accepted leading bytes)
FILE_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("PDF", (b"%PDF-",)),
    ".docx": ("DOCX", (b"PK\x03\x04",)),
    ".xlsx": ("XLSX", (b"PK\x03\x04",)),
    ".pptx": ("PPTX", (b"PK\x03\x04",)),
    ".png": ("PNG", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("JPEG", (b"\xff\xd8\xff",)),
    ".jpeg": ("JPEG", (b"\xff\xd8\xff",)),
    ".mp4": ("MP4", (b"ftyp",)),  # at offset 4
}


def resource_search_text(resource: Resource) -> str:
    """Words of both languages plus the index tokens (visibility, kind, year, topics, countries, sectors)."""
    has_pk = resource.pk is not None
    tokens = index_tokens(
        kind=resource.kind,
        date=resource.date,
        is_public=resource.is_public,
        owner_id=resource.owner_id,
        topic_ids=[t.pk for t in resource.topics.all()] if has_pk else [],
        country_codes=[c.pk for c in resource.countries.all()] if has_pk else [],
        sector_codes=[s.pk for s in resource.sectors.all()] if has_pk else [],
    )
    return search_text(
        resource.title_en,
        resource.title_zh,
        resource.summary_en,
        resource.summary_zh,
        resource.body_en,
        resource.body_zh,
        tokens=tokens,
    )


def resource_index(resource: Resource) -> None:
    """Rebuild a saved resource's search text (after its topics, countries or sectors changed)."""
    text = resource_search_text(resource)
    if text != resource.search_text:
        resource.search_text = text
        Resource.objects.filter(pk=resource.pk).update(search_text=text)


def resource_slug(*, title_en: str, title_zh: str, date: datetime.date, exclude_pk: int | None = None) -> str:
    base = slugify(title_en) or slugify(" ".join(lazy_pinyin(title_zh))) or "resource"
    base = f"{date:%Y-%m}-{base}"[:110].rstrip("-")
    slug, n = base, 2
    existing = Resource.objects.exclude(pk=exclude_pk) if exclude_pk else Resource.objects.all()
    while existing.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def check_upload(upload: UploadedFile, *, max_bytes: int = MAX_FILE_BYTES) -> str:
    """The file type label of an acceptable upload; refuses oversized files and unknown or disguised types."""
    name = upload.name or "file"
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    detail = {"file": name, "row": None, "column": None}
    if (upload.size or 0) > max_bytes:
        raise TooLarge(
            _("%(file)s is larger than %(mb)s MB.") % {"file": name, "mb": max_bytes // (1024 * 1024)},
            details=[{**detail, "message": _("File too large.")}],
        )
    if extension not in FILE_TYPES:
        raise InvalidInput(
            _("%(file)s: only PDF, Word, Excel, PowerPoint, PNG, JPEG and MP4 files are accepted.")
            % {"file": name},
            code="unsupported_type",
            details=[{**detail, "message": _("Unsupported file type.")}],
        )
    label, signatures = FILE_TYPES[extension]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    matches = any(head[4:8] == sig if sig == b"ftyp" else head.startswith(sig) for sig in signatures)
    if not matches:
        raise InvalidInput(
            _("%(file)s is not really a %(type)s file.") % {"file": name, "type": label},
            code="unsupported_type",
            details=[{**detail, "message": _("Content does not match.")}],
        )
    return label


def _check_fields(*, kind: str, title_en: str, title_zh: str, url: str) -> None:
    problems: list[dict[str, Any]] = []
    if kind not in Resource.Kind.values:
        problems.append(
            {"file": "", "row": None, "column": "kind", "message": _("Unknown kind “%(k)s”.") % {"k": kind}}
        )
    if not (title_en.strip() or title_zh.strip()):
        problems.append(
            {
                "file": "",
                "row": None,
                "column": "title_en",
                "message": _("Give a title in at least one language."),
            }
        )
    if url and not url.startswith(("https://", "http://")):
        problems.append(
            {"file": "", "row": None, "column": "url", "message": _("A link starts with https://.")}
        )
    if problems:
        raise InvalidInput(problems[0]["message"], details=problems)


def _require_editor(*, by: Any, owner_id: int | None) -> None:
    if is_platform_staff(by):
        return
    if owner_id is None or not can_edit_organisation(by, owner_id):
        raise Forbidden(
            _("Only platform staff and the owning organisation's editors can change this resource.")
        )


@transaction.atomic
def resource_save(
    *,
    kind: str,
    title_en: str,
    title_zh: str = "",
    summary_en: str = "",
    summary_zh: str = "",
    body_en: str = "",
    body_zh: str = "",
    date: datetime.date,
    url: str = "",
    topics: Iterable[Topic] = (),
    sector_codes: Iterable[Any] = (),
    country_codes: Iterable[Any] = (),
    owner_id: int | None = None,
    is_public: bool = True,
    upload: UploadedFile | None = None,
    source: str = "",
    resource: Resource | None = None,
    slug: str | None = None,
    by: Any,
) -> Resource:
    """Create or change a resource; its search text is rebuilt and its file checked before anything is saved."""
    _require_editor(by=by, owner_id=resource.owner_id if resource else owner_id)
    if owner_id is not None and not is_platform_staff(by):
        _require_editor(by=by, owner_id=owner_id)
    _check_fields(kind=kind, title_en=title_en, title_zh=title_zh, url=url)
    file_type = check_upload(upload) if upload is not None else None
    if resource is None:
        resource = Resource(slug=slug or resource_slug(title_en=title_en, title_zh=title_zh, date=date))
    for name, value in (
        ("kind", kind),
        ("title_en", title_en.strip()),
        ("title_zh", title_zh.strip()),
        ("summary_en", summary_en.strip()),
        ("summary_zh", summary_zh.strip()),
        ("body_en", body_en),
        ("body_zh", body_zh),
        ("date", date),
        ("url", url),
        ("owner_id", owner_id),
        ("is_public", is_public),
        ("source", source),
    ):
        setattr(resource, name, value)
    if upload is not None:
        resource.file = upload
        resource.file_type = file_type or ""
        resource.file_size = upload.size
    resource.search_text = resource_search_text(resource)
    resource.save()
    resource.topics.set(list(topics))
    resource.sectors.set(list(sector_codes))
    resource.countries.set(list(country_codes))
    resource_index(resource)
    return resource


@transaction.atomic
def resource_delete(*, resource: Resource, by: Any) -> None:
    _require_editor(by=by, owner_id=resource.owner_id)
    if resource.file:
        resource.file.delete(save=False)
    resource.delete()


def resources_reindex() -> int:
    """Recompute every resource's search text (after a change to segmentation or the dictionary)."""
    count = 0
    for resource in Resource.objects.prefetch_related("topics", "countries", "sectors").iterator(
        chunk_size=2000
    ):
        text = resource_search_text(resource)
        if text != resource.search_text:
            Resource.objects.filter(pk=resource.pk).update(search_text=text)
            count += 1
    return count
