"""`rsca risk-register --organisation NAME [--format json|table] [--tier N] [--country CC] [--issue CODE]`.

Recomputes the buyer's register (and stores a snapshot for the trend), then prints it: JSON
`{"organisation", "method_version", "facilities": [{"facility_id", "name", "score", "level", "issues", "reasons", ...}]}`.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rsca.core.audit import acting_as
from rsca.core.errors import DomainError
from rsca.duediligence import selectors, services
from rsca.duediligence.method import method_version


class Command(BaseCommand):
    help = "Compute and print a buyer's supply-chain risk register (OECD DDG step 2; CSDDD arts. 8-9)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", required=True, help="the buyer's name or slug")
        parser.add_argument("--format", choices=["json", "table"], default="table")
        parser.add_argument("--tier", type=int)
        parser.add_argument("--country", default="")
        parser.add_argument("--issue", default="")
        parser.add_argument(
            "--stored", action="store_true", help="print the stored register without recomputing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            organisation = selectors.register_organisation(user=None, name=options["organisation"])
        except DomainError as error:
            raise CommandError(error.message)
        with acting_as(None):
            if not options["stored"]:
                services.risk_register_compute(organisation=organisation)
        entries = selectors.organisation_register(
            organisation=organisation,
            filters=selectors.RegisterFilters(
                tier=options["tier"], country=options["country"], issue=options["issue"]
            ),
        )
        rows = [selectors.entry_as_dict(entry) for entry in entries]
        if options["format"] == "json":
            self.stdout.write(
                json.dumps(
                    {
                        "organisation": organisation.name,
                        "method_version": method_version(),
                        "facilities": rows,
                    },
                    ensure_ascii=False,
                    indent=1,
                )
            )
            return
        for row in rows:
            issues = ", ".join(i["issue"] for i in row["issues"]) or "—"
            self.stdout.write(
                f"{row['priority']:>4} {row['level']:<6} {row['score']:>5.1f} {row['facility_id']} "
                f"{row['name'][:50]} [{issues}]"
            )
