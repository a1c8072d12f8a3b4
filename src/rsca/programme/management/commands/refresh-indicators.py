"""`rsca refresh-indicators`: recompute every computed indicator from the platform's records now."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from rsca.programme.models import Project
from rsca.programme.services import indicator_actuals_refresh


class Command(BaseCommand):
    help = "Recompute the actuals of computed indicators for all projects."

    def handle(self, *args: Any, **options: Any) -> None:
        changed = sum(
            indicator_actuals_refresh(project=p, force=True)
            for p in Project.objects.filter(results__indicators__source="computed").distinct()
        )
        self.stdout.write(f"{changed} indicator periods changed.")
