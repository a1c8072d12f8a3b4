"""`rsca imports-cleanup [--older-than-hours N]`: delete previews of imports that were never committed."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from rsca.core.imports.storage import uploads_cleanup


class Command(BaseCommand):
    help = (
        "Delete uploaded files whose import was previewed but never committed, older than "
        "settings.IMPORT_PREVIEW_MAX_AGE_HOURS (default 24) or --older-than-hours."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--older-than-hours", type=float, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        hours = options["older_than_hours"]
        count = uploads_cleanup(older_than=datetime.timedelta(hours=hours) if hours is not None else None)
        self.stdout.write(f"{count} abandoned import preview(s) deleted")
