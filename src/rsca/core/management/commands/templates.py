"""`rsca templates --output DIR`: write the blank template and the sample file of every upload."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from rsca.core.templates_files import templates_write, upload_kinds


class Command(BaseCommand):
    help = (
        "Write the blank templates (CSV and XLSX, English and Chinese headers) and a sample file of every "
        "upload (facility list, roster, time records, payroll, participants, indicator values)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            default=Path("upload-templates"),
            help="directory to write into (created if needed); default ./upload-templates",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        output: Path = options["output"]
        paths = templates_write(output=output)
        kinds = upload_kinds()
        for kind in kinds.values():
            self.stdout.write(f"{kind.key}: {kind.title_en} / {kind.title_zh}")
            for name in kind.file_names():
                self.stdout.write(f"  {output / name}")
        self.stdout.write(f"{len(paths)} files for {len(kinds)} uploads in {output.resolve()}")
