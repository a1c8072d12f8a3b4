"""`rsca fit-matching-model [--max-register N] [--max-pairs N]`: fit and store a new matching model version."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rsca.core.errors import DomainError
from rsca.supplychain.services import FIT_MAX_REGISTER, matching_model_fit


class Command(BaseCommand):
    help = (
        "Estimate the facility matcher's m/u probabilities with Splink from the register (u, random pairs) "
        "and the labelled pairs (m: rows people confirmed and rows matched from other wording), store them as "
        "a new version used by the next imports, and print the precision per country on people's decisions."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--max-register", type=int, default=FIT_MAX_REGISTER)
        parser.add_argument("--max-pairs", type=float, default=1e6)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            model = matching_model_fit(max_register=options["max_register"], max_pairs=options["max_pairs"])
        except DomainError as error:
            raise CommandError(error.message)
        self.stdout.write(
            f"matching model v{model.pk}: {model.facilities} facilities, {model.labelled_pairs} "
            f"labelled pairs"
        )
        for name, levels in model.parameters.items():
            shown = ", ".join(f"m={m:.3g} u={u:.3g}" for m, u in levels)
            self.stdout.write(f"  {name}: {shown}")
        if model.report:
            self.stdout.write("precision of automatic matches on people's decisions, per country:")
            for country, entry in sorted(model.report.items()):
                self.stdout.write(
                    f"  {country}: {int(entry['decided'])} decided, {int(entry['automatic'])} "
                    f"automatic, precision {entry['precision']:.4f}"
                )
