"""Samples for the authorisation walk: a list upload, rows, a decision and a relationship private to A."""

from __future__ import annotations

from typing import Any


def walk_samples(*, org_a: Any, user_a: Any) -> dict[str, Any]:
    from rsca.supplychain.models import (
        Facility,
        FacilityListRow,
        FacilityListUpload,
        MatchDecision,
        SupplyRelationship,
    )

    facility = Facility.objects.create(
        name="Walk Test Electronics Co., Ltd.",
        address="1 Walk Road, Shenzhen",
        country_id="CN",
        division_id="440300",
    )
    other = Facility.objects.create(
        name="Walk Test Electronics Factory",
        address="1 Walk Road, Shenzhen",
        country_id="CN",
        division_id="440300",
    )
    relationship = SupplyRelationship.objects.create(
        buyer=org_a, facility=facility, tier=1, products="WALKSECRET-A-products", notes="WALKSECRET-A-notes"
    )
    upload = FacilityListUpload.objects.create(
        organisation=org_a, uploaded_by=user_a, filename="WALKSECRET-A-list.csv", row_count=1
    )
    row = FacilityListRow.objects.create(
        upload=upload,
        row_number=1,
        raw={"name": "WALKSECRET-A-row"},
        name="WALKSECRET-A-row",
        address="WALKSECRET-A-address",
        country_id="CN",
        row_key="walk",
        status=FacilityListRow.Status.REVIEW,
        score=0.9,
        candidates=[
            {
                "facility_id": other.public_id,
                "name": other.name,
                "native_name": "",
                "address": other.address,
                "country": "CN",
                "score": 0.9,
            }
        ],
    )
    MatchDecision.objects.create(
        organisation=org_a,
        row_key="walk-decided",
        decision="confirmed",
        facility=facility,
        row_name="WALKSECRET-A-decision",
    )
    return {
        "params": {
            "supplychain:supplier_export": {"fmt": "csv"},
            "supplychain:facility_export": {"fmt": "csv"},
            "supplychain:facility_detail": {"public_id": facility.public_id},
            "supplychain:facility_edit": {"public_id": facility.public_id},
            "supplychain:facility_merge": {"public_id": facility.public_id},
            "supplychain:upload_detail": {"upload_id": upload.pk},
            "supplychain:upload_commit": {"upload_id": upload.pk},
            "supplychain:upload_discard": {"upload_id": upload.pk},
            "supplychain:upload_skipped": {"upload_id": upload.pk},
            "supplychain:row_decide": {"row_id": row.pk},
        },
        "api_params": {
            "/api/v1/supplychain/facilities/{public_id}": {"public_id": facility.public_id},
            "/api/v1/supplychain/facilities/{public_id}/relationships": {"public_id": facility.public_id},
            "/api/v1/supplychain/facilities/{public_id}/merge": {"public_id": facility.public_id},
            "/api/v1/supplychain/facilities/{public_id}/risk": {"public_id": facility.public_id},
            "/api/v1/supplychain/relationships/{relationship_id}": {"relationship_id": relationship.pk},
            "/api/v1/supplychain/uploads/{upload_id}": {"upload_id": upload.pk},
            "/api/v1/supplychain/uploads/{upload_id}/rows": {"upload_id": upload.pk},
            "/api/v1/supplychain/uploads/{upload_id}/commit": {"upload_id": upload.pk},
            "/api/v1/supplychain/rows/{row_id}/decision": {"row_id": row.pk},
        },
        "markers": [
            "WALKSECRET-A-products",
            "WALKSECRET-A-notes",
            "WALKSECRET-A-list",
            "WALKSECRET-A-row",
            "WALKSECRET-A-address",
            "WALKSECRET-A-decision",
        ],
    }
