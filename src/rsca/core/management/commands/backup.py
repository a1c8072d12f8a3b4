"""`rsca backup --output FILE`: the database and the uploads in one archive (see rsca.core.backup)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rsca.core.backup import backup_create
from rsca.core.errors import DomainError


class Command(BaseCommand):
    help = (
        "Write a backup of the database (SQLite online backup or pg_dump) and of the uploads to FILE (.tar)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", required=True, type=Path, help="the archive to write, e.g. rsca-backup.tar"
        )

    def handle(self, *args: Any, output: Path, **options: Any) -> None:
        try:
            report = backup_create(output=output)
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            f"{report.path}: {report.engine} database, {report.tables} tables, {report.rows} rows, "
            f"{report.media_files} uploaded files"
        )
