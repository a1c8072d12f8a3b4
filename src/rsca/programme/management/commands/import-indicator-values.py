"""`rsca import-indicator-values FILE --project SLUG [--commit] [--skip-invalid] [--as-user NAME]`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from rsca.core.audit import acting_as
from rsca.core.errors import DomainError
from rsca.programme import services
from rsca.programme.models import Project


class Command(BaseCommand):
    help = (
        "Check a file of indicator values (CSV/XLSX) for a project and, with --commit, save it in one "
        "transaction. A file with invalid rows saves nothing unless --skip-invalid is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--project", required=True, help="slug of the project")
        parser.add_argument("--commit", action="store_true", help="save (default: check only)")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="save the periods whose rows are all valid"
        )
        parser.add_argument("--as-user", default="", help="staff account recorded in the audit log")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        project = Project.objects.filter(slug=options["project"]).first()
        if project is None:
            raise CommandError(f"There is no project with the slug “{options['project']}”.")
        users = get_user_model().objects.filter(is_staff=True, is_active=True)
        user = (
            users.filter(username=options["as_user"]).first()
            if options["as_user"]
            else users.order_by("-is_superuser", "pk").first()
        )
        if user is None:  # a fresh installation: the platform acts, recorded as "system"
            user = get_user_model()(username="system", is_staff=True, is_superuser=True)
        try:
            with acting_as(user):
                if not options["commit"]:
                    preview = services.indicator_values_preview(
                        project=project, source=path.read_bytes(), filename=path.name, by=user
                    )
                    for problem in preview.problems:
                        self.stdout.write(
                            f"{problem['file']}, row {problem['row']}, column {problem['column']}: "
                            f"{problem['message']}"
                        )
                    self.stdout.write(
                        f"{path.name}: {len(preview.periods)} period(s) valid, {len(preview.problems)} "
                        f"problem(s); nothing saved (add --commit)"
                    )
                    return
                count = services.indicator_values_import(
                    project=project,
                    source=path.read_bytes(),
                    filename=path.name,
                    by=user,
                    skip_invalid=options["skip_invalid"],
                )
        except DomainError as error:
            for detail in (error.details or []) if len(error.details or []) > 1 else []:
                self.stderr.write(
                    f"  {detail.get('file')}, row {detail.get('row')}, column {detail.get('column')}: "
                    f"{detail.get('message')}"
                )
            raise CommandError(error.message) from None
        self.stdout.write(f"{path.name}: {count} indicator period(s) saved")
