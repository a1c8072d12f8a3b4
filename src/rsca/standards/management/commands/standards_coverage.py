"""`rsca standards-coverage`: how much of the programme's places and dates the minimum-wage data resolves.

China: every province, prefecture-level division and county listed in a tier, on the first day of every
month since 2017-12-01; the other five countries: every first-level ISO 3166-2 division since 2020-01-01.
Also the values resting on unconfirmed notices and the rows without a source.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from rsca.standards.minimum_wages import minimum_wage_coverage


class Command(BaseCommand):
    help = "Minimum-wage coverage: divisions × months resolved, unconfirmed values, values without a source."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--until", help="last month to count (YYYY-MM-DD; default today)")
        parser.add_argument("--format", choices=("table", "json"), default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        until = datetime.date.fromisoformat(options["until"]) if options.get("until") else None
        coverage = minimum_wage_coverage(until=until)
        if options["format"] == "json":
            self.stdout.write(
                json.dumps(
                    {
                        "until": coverage.until.isoformat(),
                        "rates": coverage.rates,
                        "rates_without_source": coverage.rates_without_source,
                        "notices_unconfirmed": coverage.notices_unconfirmed,
                        "files": [
                            {
                                "file": r.file,
                                "divisions": r.divisions,
                                "cells": r.cells,
                                "resolved": r.resolved,
                                "unconfirmed": r.unconfirmed,
                                "share": round(r.share, 4),
                                "unknown_examples": r.unknown_examples,
                            }
                            for r in coverage.rows
                        ],
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return
        self.stdout.write(
            f"{'file':<7} {'divisions':>9} {'cells':>7} {'resolved':>8} {'share':>7} {'unconf.':>7}  "
            "first unresolved"
        )
        for row in coverage.rows:
            example = " ".join(
                f"{code}@{month[:7]}({reason})" for code, month, reason in row.unknown_examples[:2]
            )
            self.stdout.write(
                f"{row.file:<7} {row.divisions:>9} {row.cells:>7} {row.resolved:>8} "
                f"{row.share:>7.1%} {row.unconfirmed:>7}  {example}"
            )
        for label, prefix in (("China", "CN-"), ("other countries", "")):
            cells, resolved, unconfirmed = (
                coverage.totals(prefix)
                if prefix
                else (
                    sum(r.cells for r in coverage.rows if not r.file.startswith("CN-")),
                    sum(r.resolved for r in coverage.rows if not r.file.startswith("CN-")),
                    sum(r.unconfirmed for r in coverage.rows if not r.file.startswith("CN-")),
                )
            )
            share = resolved / cells if cells else 0.0
            self.stdout.write(
                f"{label}: {resolved} of {cells} division-months resolved ({share:.1%}), "
                f"{unconfirmed} on unconfirmed notices"
            )
        self.stdout.write(
            f"rates {coverage.rates}, without a source {coverage.rates_without_source}, "
            f"unconfirmed notices {coverage.notices_unconfirmed}"
        )
