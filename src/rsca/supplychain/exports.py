"""Facility lists in Open Supply Hub's download columns (plus the buyer's tier and products)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from rsca.supplychain.models import Facility, SupplyRelationship

OSH_COLUMNS = [
    "os_id", "name", "native_language_name", "address", "country_code", "country_name", "lat", "lng", "sector",
    "product_type", "facility_type", "processing_type", "number_of_workers", "parent_company", "is_closed",
]
RELATIONSHIP_COLUMNS = ["tier", "products", "start_date", "end_date"]


def facility_row(facility: Facility) -> list[Any]:
    sectors = "|".join(s.name_en for s in facility.sectors.all()) or facility.sector_text
    return [
        facility.public_id, facility.name, facility.native_name, facility.address, facility.country_id,
        facility.country.name_en, float(facility.latitude) if facility.latitude is not None else None,
        float(facility.longitude) if facility.longitude is not None else None, sectors, facility.product_type,
        facility.facility_type, facility.processing_type, facility.number_of_workers, facility.parent_company,
        facility.is_closed,
    ]


def facility_rows(facilities: Iterable[Facility]) -> Iterator[list[Any]]:
    for facility in facilities:
        yield facility_row(facility)


def relationship_rows(relationships: Iterable[SupplyRelationship]) -> Iterator[list[Any]]:
    for relationship in relationships:
        yield [*facility_row(relationship.facility), relationship.tier, relationship.products,
               relationship.start_date.isoformat() if relationship.start_date else "",
               relationship.end_date.isoformat() if relationship.end_date else ""]
