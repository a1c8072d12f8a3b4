"""`rsca export-iati --output FILE [--project SLUG-OR-ID]`: IATI 2.03 activity XML, schema-validated."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rsca.core.errors import InvalidInput
from rsca.programme.iati import activities_xml
from rsca.programme.models import Project
from rsca.programme.services import indicator_actuals_refresh


class Command(BaseCommand):
    help = "Write the portfolio (or one project) as IATI 2.03 activity XML; refuses to write an invalid file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", required=True, help="file to write ('-' for standard output)")
        parser.add_argument("--project", help="one project, by slug, IATI identifier or numeric id")
        parser.add_argument(
            "--include-unpublished", action="store_true", help="also export projects that are not published"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        projects = (
            Project.objects.all()
            if options["include_unpublished"]
            else Project.objects.filter(is_public=True)
        )
        key = options.get("project")
        if key:
            match = projects.filter(slug=key) | projects.filter(iati_identifier=key)
            if key.isdigit():
                match = match | projects.filter(pk=int(key))
            projects = match
            if not projects.exists():
                raise CommandError(f"No published project {key!r}.")
        selected = list(projects.select_related("owner").order_by("pk"))
        for project in selected:
            indicator_actuals_refresh(project=project)
        try:
            document = activities_xml(selected)
        except InvalidInput as error:
            lines = [error.message] + [
                f"  {d.get('column') or ''} {d['message']}".rstrip() for d in error.details or []
            ]
            raise CommandError("\n".join(lines))
        if options["output"] == "-":
            self.stdout.write(document.decode("utf-8"))
            return
        Path(options["output"]).write_bytes(document)
        self.stderr.write(f"{len(selected)} activities written to {options['output']} (valid IATI 2.03).")
