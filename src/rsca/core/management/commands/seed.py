"""`rsca seed [--demo]`: load reference data (and demo data) from every domain app's `seed` module.

Each app may provide `seed.py` with `seed_reference(out)` and, optionally, `seed_demo(out)`. Apps are
seeded in the order of settings.DOMAIN_APPS; every function is idempotent, so running it twice is safe.
"""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from rsca.core.audit import acting_as


class Command(BaseCommand):
    help = "Load reference data (countries, divisions, sectors, standards, programme) and, with --demo, demo data."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--demo", action="store_true", help="also add demo organisations, users and records"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        modules = [import_module(f"{app}.seed") for app in settings.DOMAIN_APPS if find_spec(f"{app}.seed")]
        with acting_as(None):
            for module in modules:
                self.stdout.write(self.style.MIGRATE_HEADING(f"{module.__name__}: reference data"))
                module.seed_reference(self.stdout)
            if options["demo"]:
                for module in modules:
                    if hasattr(module, "seed_demo"):
                        self.stdout.write(self.style.MIGRATE_HEADING(f"{module.__name__}: demo data"))
                        module.seed_demo(self.stdout)
        self.stdout.write(self.style.SUCCESS("Seed complete."))
        if options["demo"]:
            from rsca.core.seed import demo_logins

            self.stdout.write("Demo log-ins (username / password):")
            for username, password, role in demo_logins():
                self.stdout.write(f"  {username:10} / {password}   {role}")
