"""`rsca indicators [--session SLUG] [--from D --to D] [--format json]`: disaggregated training reach."""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rsca.core.errors import DomainError
from rsca.core.models import Division, Sector
from rsca.training.selectors import training_indicators


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"“{value}” is not a date (YYYY-MM-DD)") from error


class Command(BaseCommand):
    help = "Unique people reached by trainings and events, by sex, constituent, province and sector."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--session", default=None, help="slug of one activity")
        parser.add_argument(
            "--from", dest="date_from", default=None, help="activities starting on or after (YYYY-MM-DD)"
        )
        parser.add_argument(
            "--to", dest="date_to", default=None, help="activities starting on or before (YYYY-MM-DD)"
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        date_from = _date(options["date_from"]) if options["date_from"] else None
        date_to = _date(options["date_to"]) if options["date_to"] else None
        if date_from and date_to and date_to < date_from:
            raise CommandError("--to is before --from")
        try:
            result = training_indicators(session=options["session"], date_from=date_from, date_to=date_to)
        except DomainError as error:
            if options["format"] == "json":
                self.stdout.write(
                    json.dumps({"code": error.code, "message": error.message}, ensure_ascii=False)
                )
            raise CommandError(error.message) from error
        if options["format"] == "json":
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        provinces = {d.code: d.name_en for d in Division.objects.filter(code__in=result["by_province"])}
        sectors = {s.code: s.name_en for s in Sector.objects.filter(code__in=result["by_sector"])}
        out = self.stdout
        out.write(f"participants (unique people): {result['participants']}")
        out.write(f"enterprises: {result['enterprises']}")
        for key, names in (
            ("by_sex", {}),
            ("by_constituent", {}),
            ("by_province", provinces),
            ("by_sector", sectors),
        ):
            out.write(key.replace("_", " ") + ":")
            for code, count in result[key].items():
                label = f"{code} {names[code]}" if code in names else code
                out.write(f"  {label}: {count}")
        gain, satisfaction = result["knowledge_gain"], result["satisfaction"]
        out.write(f"knowledge gain (mean, percentage points): {'—' if gain is None else gain}")
        out.write(f"satisfaction (mean, 1–5): {'—' if satisfaction is None else satisfaction}")
