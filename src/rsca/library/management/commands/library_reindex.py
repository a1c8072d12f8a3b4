"""`rsca library_reindex`: recompute the search text of every resource and rebuild the full-text index."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import connection

from rsca.library import fulltext
from rsca.library.services import resources_reindex


class Command(BaseCommand):
    help = "Recompute every resource's segmented search text and repair the database's full-text index."

    def handle(self, *args: Any, **options: Any) -> None:
        changed = resources_reindex()
        fulltext.repair(connection)
        self.stdout.write(f"{changed} resources re-segmented; full-text index rebuilt ({connection.vendor}).")
