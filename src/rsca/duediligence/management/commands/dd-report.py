"""`rsca dd-report --organisation NAME [--year Y] --format json|pdf|xlsx [--output FILE] [--language en|zh-hans]`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from rsca.core.errors import DomainError
from rsca.duediligence import selectors
from rsca.duediligence.report import dd_report, dd_report_pdf, dd_report_xlsx


class Command(BaseCommand):
    help = "A buyer's due-diligence report for a year (OECD DDG six steps; CSDDD art. 16; ESRS S2)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", required=True, help="the buyer's name or slug")
        parser.add_argument("--year", type=int, default=None)
        parser.add_argument("--format", choices=["json", "pdf", "xlsx"], default="json")
        parser.add_argument("--output", default="", help="file to write (default: standard output)")
        parser.add_argument("--language", choices=["en", "zh-hans"], default="en")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            organisation = selectors.register_organisation(user=None, name=options["organisation"])
        except DomainError as error:
            raise CommandError(error.message)
        year = options["year"] or timezone.localdate().year
        report = dd_report(organisation=organisation, year=year, language=options["language"])
        if options["format"] == "json":
            content = json.dumps(report, ensure_ascii=False, indent=1, default=str).encode()
        elif options["format"] == "pdf":
            content = dd_report_pdf(report)
        else:
            content = dd_report_xlsx(report)
        if options["output"]:
            Path(options["output"]).write_bytes(content)
            self.stderr.write(f"wrote {options['output']} ({len(content)} bytes)")
        elif options["format"] == "json":
            self.stdout.write(content.decode())
        else:
            sys.stdout.buffer.write(content)
