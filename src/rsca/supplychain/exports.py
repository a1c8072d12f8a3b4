"""Facility lists in Open Supply Hub's download columns (plus the buyer's tier and products)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from rsca.supplychain.models import Facility, SupplyRelationship

OSH_COLUMNS = [
    "os_id",
    "name",
    "native_language_name",
    "address",
    "country_code",
    "country_name",
    "lat",
    "lng",
    "sector",
    "product_type",
    "facility_type",
    "processing_type",
    "number_of_workers",
    "parent_company",
    "is_closed",
]
RELATIONSHIP_COLUMNS = ["tier", "products", "start_date", "end_date"]


def facility_row(facility: Facility) -> list[Any]:
    sectors = "|".join(s.name_en for s in facility.sectors.all()) or facility.sector_text
    return [
        facility.public_id,
        facility.name,
        facility.native_name,
        facility.address,
        facility.country_id,
        facility.country.name_en,
        float(facility.latitude) if facility.latitude is not None else None,
        float(facility.longitude) if facility.longitude is not None else None,
        sectors,
        facility.product_type,
        facility.facility_type,
        facility.processing_type,
        facility.number_of_workers,
        facility.parent_company,
        facility.is_closed,
    ]


def facility_rows(facilities: Iterable[Facility]) -> Iterator[list[Any]]:
    for facility in facilities:
        yield facility_row(facility)


def relationship_rows(relationships: Iterable[SupplyRelationship]) -> Iterator[list[Any]]:
    for relationship in relationships:
        yield [
            *facility_row(relationship.facility),
            relationship.tier,
            relationship.products,
            relationship.start_date.isoformat() if relationship.start_date else "",
            relationship.end_date.isoformat() if relationship.end_date else "",
        ]


# ------------------------------------------------------------------ Open Supply Hub upload format

# The columns Open Supply Hub's list upload takes (required: country, name, address), plus its ID and the native
# name. Several values in one cell are separated by "|"; a value never carries a comma, which OSH would read as
# a separator of its own.
OSH_UPLOAD_COLUMNS = [
    "country",
    "name",
    "address",
    "sector",
    "product_type",
    "facility_type",
    "processing_type",
    "number_of_workers",
    "parent_company",
    "lat",
    "lng",
    "os_id",
    "native_language_name",
]
OSH_REQUIRED_COLUMNS = ("name", "address", "country")


def osh_values(*values: str) -> str:
    """Several values as one Open Supply Hub cell: split on | ; , and 、, commas inside a value removed, joined
    with |, duplicates dropped (``Apparel, Footwear`` → ``Apparel|Footwear``)."""
    parts: list[str] = []
    for value in values:
        for piece in re.split(r"[|;；、,，]", value or ""):
            piece = " ".join(piece.split())
            if piece and piece not in parts:
                parts.append(piece)
    return "|".join(parts)


def osh_upload_row(facility: Facility) -> list[Any]:
    sectors = [sector.name_en for sector in facility.sectors.all()]
    return [
        facility.country_id,
        facility.name,
        facility.address,
        osh_values(*sectors) if sectors else osh_values(facility.sector_text),
        osh_values(facility.product_type),
        osh_values(facility.facility_type),
        osh_values(facility.processing_type),
        facility.number_of_workers,
        facility.parent_company.replace(",", " ").strip(),
        float(facility.latitude) if facility.latitude is not None else None,
        float(facility.longitude) if facility.longitude is not None else None,
        facility.public_id,
        facility.native_name,
    ]


def osh_upload_rows(facilities: Iterable[Facility]) -> Iterator[list[Any]]:
    for facility in facilities:
        yield osh_upload_row(facility)


def osh_upload_file(facilities: Iterable[Facility], *, fmt: str) -> bytes:
    """The facilities as an Open Supply Hub upload file (`fmt`: osh-csv or osh-xlsx)."""
    from rsca.core.exports import csv_bytes, xlsx_bytes

    rows = osh_upload_rows(facilities)
    if fmt == "osh-xlsx":
        return xlsx_bytes({"facilities": (OSH_UPLOAD_COLUMNS, rows)})
    return csv_bytes(OSH_UPLOAD_COLUMNS, rows)
