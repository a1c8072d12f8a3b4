"""`rsca import-participants FILE --session SLUG [--commit] [--skip-invalid] [--format json]`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from rsca.core.audit import acting_as
from rsca.core.errors import DomainError
from rsca.training.importing import ImportReport, participants_import


class Command(BaseCommand):
    help = (
        "Check a participant list (CSV/XLSX) against an activity and, with --commit, import it. Without --commit "
        "nothing is written. A file with invalid rows is refused unless --skip-invalid is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--session", required=True, help="slug of the activity")
        parser.add_argument("--commit", action="store_true", help="write the valid file to the database")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="import the valid rows of a file with errors"
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--as-user", default="", help="username recorded in the audit log (a staff account)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        as_json = options["format"] == "json"
        if not path.is_file():
            self._fail(as_json, {"code": "file_not_found", "message": f"{path}: no such file", "details": []})
        user = self._user(options["as_user"])
        try:
            with acting_as(user):
                report = participants_import(
                    session=options["session"],
                    source=path,
                    filename=path.name,
                    commit=options["commit"],
                    skip_invalid=options["skip_invalid"],
                    by=user,
                )
        except DomainError as error:
            self._fail(
                as_json, {"code": error.code, "message": error.message, "details": error.details or []}
            )
        if as_json:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2, default=str))
        else:
            self._print(report)
        if report.errors and not options["skip_invalid"]:
            raise CommandError(f"{len(report.errors)} problem(s) in {path.name}; nothing was imported.")

    def _user(self, username: str) -> Any:
        """Commands run as the platform: a staff account (the one named, or the first superuser)."""
        model = get_user_model()
        users = model.objects.filter(is_staff=True, is_active=True)
        user = (
            users.filter(username=username).first()
            if username
            else users.filter(is_superuser=True).order_by("pk").first() or users.order_by("pk").first()
        )
        if user is None:
            # No staff account yet (a fresh installation): act as the platform, an unsaved staff user that the
            # audit log records by name ("system") without a link.
            user = model(username="system", is_staff=True)
        return user

    def _fail(self, as_json: bool, body: dict[str, Any]) -> None:
        if as_json:
            self.stdout.write(json.dumps(body, ensure_ascii=False, indent=2, default=str))
        elif [d.get("message") for d in body["details"]] != [
            body["message"]
        ]:  # a limit: its one line says all
            for detail in body["details"]:
                self.stderr.write(
                    f"  {detail.get('file') or ''} row {detail.get('row')} "
                    f"[{detail.get('column') or '-'}]: {detail.get('message')}"
                )
        raise CommandError(body["message"])

    def _print(self, report: ImportReport) -> None:
        out = self.stdout
        out.write(
            f"{report.filename} → {report.session}: {len(report.rows)} rows, {len(report.valid_rows)} valid"
        )
        for error in report.errors:
            out.write(f"  row {error['row']} [{error['column']}]: {error['message']}")
        if report.committed:
            out.write(
                f"imported: {report.people_created} new people, {report.people_matched} known people, "
                f"{report.registrations_created} new registrations, {report.already_registered} already "
                f"registered, {report.skipped} rows skipped"
            )
        else:
            counts: dict[str, int] = {}
            for row in report.rows:
                counts[row.outcome] = counts.get(row.outcome, 0) + 1
            out.write(
                "preview (nothing written; add --commit): "
                + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()))
            )
