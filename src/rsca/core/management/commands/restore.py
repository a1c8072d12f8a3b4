"""`rsca restore FILE`: replace the database and the uploads with a backup's, then check every table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rsca.core.backup import backup_restore
from rsca.core.errors import DomainError


class Command(BaseCommand):
    help = (
        "Restore a backup written by `rsca backup` (replaces the database and the uploads); stop the web server "
        "and the worker first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path)

    def handle(self, *args: Any, archive: Path, **options: Any) -> None:
        try:
            report = backup_restore(archive_path=archive)
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            f"restored {report.path}: {report.tables} tables, {report.rows} rows, "
            f"{report.media_files} uploaded files; every table matches the backup"
        )
