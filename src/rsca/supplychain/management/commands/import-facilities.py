"""`rsca import-facilities FILE --organisation NAME [--commit] [--format json]`."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rsca.core.errors import DomainError
from rsca.supplychain.services import ImportRejected, ImportReport, facility_list_import_by_name


class Command(BaseCommand):
    help = (
        "Import a facility list (CSV or XLSX, Open Supply Hub columns) for an organisation. Without --commit "
        "it is a preview that changes nothing; with --commit everything is imported in one transaction."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="CSV (UTF-8, with or without BOM, or GB18030) or XLSX file")
        parser.add_argument(
            "--organisation",
            required=True,
            help="organisation name or slug; created as a buyer enterprise when none has this name",
        )
        parser.add_argument("--commit", action="store_true", help="import (default: preview only)")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="with --commit: import the valid rows and list the rows with errors as skipped",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        started = time.perf_counter()
        try:
            report = facility_list_import_by_name(
                organisation_name=options["organisation"],
                source=str(path),
                filename=path.name,
                commit=options["commit"],
                skip_invalid=options["skip_invalid"],
            )
        except ImportRejected as rejected:
            self._print(rejected.report, options["format"], time.perf_counter() - started)
            raise CommandError(rejected.message)
        except DomainError as error:
            if options["format"] == "json":
                self.stdout.write(
                    json.dumps(
                        {"code": error.code, "message": error.message, "details": error.details},
                        ensure_ascii=False,
                        indent=2,
                    )
                )
            raise CommandError(error.message)
        self._print(report, options["format"], time.perf_counter() - started)

    def _print(self, report: ImportReport, fmt: str, seconds: float) -> None:
        if fmt == "json":
            self.stdout.write(
                json.dumps(
                    {**report.as_dict(), "seconds": round(seconds, 3)},
                    ensure_ascii=False,
                    indent=2,
                    default=str,
                )
            )
            return
        if report.organisation_created:
            verb = "was created as a buyer" if report.committed else "would be created as a buyer"
            self.stdout.write(f"No organisation named “{report.organisation}” existed; it {verb}.")
        skipping = report.committed  # a committed list with rows in error was imported with --skip-invalid
        for row in report.rows:
            if row.status == "error":
                for error in row.errors:
                    self.stdout.write(
                        f"{report.filename}: row {row.row}, column {error.get('column') or '-'}: "
                        f"{error['message']}{' (skipped)' if skipping else ''}"
                    )
            elif row.status == "review":
                names = "; ".join(
                    f"{c['facility_id']} {c['name']} ({c['score']:.3f})" for c in row.candidates
                )
                self.stdout.write(f"row {row.row}: review – {row.name} – candidates: {names}")
        totals = report.totals
        state = "committed" if report.committed else "preview only, nothing imported (add --commit)"
        self.stdout.write(
            f"{report.filename}: {totals['rows']} rows – {totals['matched']} matched, {totals['new']} new, "
            f"{totals['review']} to review, {totals['error']} with errors{' (skipped)' if skipping else ''}; {state}; "
            f"{seconds:.2f} s ({totals['rows'] / max(seconds, 1e-6):.0f} rows/s)"
        )
