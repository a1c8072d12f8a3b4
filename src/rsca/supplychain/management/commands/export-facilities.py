"""`rsca export-facilities --organisation NAME --format osh-csv|osh-xlsx --output FILE`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rsca.core.models import Organisation
from rsca.supplychain.exports import osh_upload_file
from rsca.supplychain.selectors import facilities_of_organisation


class Command(BaseCommand):
    help = (
        "Export the facilities an organisation buys from or claims in Open Supply Hub's upload format "
        "(columns country, name, address, sector, product_type, facility_type, processing_type, "
        "number_of_workers, parent_company, lat, lng, os_id, native_language_name; several values joined by |)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", required=True, help="organisation name or slug")
        parser.add_argument("--format", choices=["osh-csv", "osh-xlsx"], default="osh-csv")
        parser.add_argument("--output", required=True, help="file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["organisation"].strip()
        organisation = (
            Organisation.objects.filter(slug=name).first()
            or Organisation.objects.filter(name__iexact=name).first()
        )
        if organisation is None:
            raise CommandError(f"No organisation named “{name}”.")
        facilities = facilities_of_organisation(organisation=organisation).prefetch_related("sectors")
        data = osh_upload_file(facilities, fmt=options["format"])
        Path(options["output"]).write_bytes(data)
        self.stdout.write(
            f"{facilities.count()} facilities of {organisation.name} written to {options['output']} "
            f"({options['format']})."
        )
