from __future__ import annotations

import pytest
from django.urls import reverse

from rsca.core.errors import Forbidden, InvalidInput
from rsca.core.models import AuditEvent
from rsca.supplychain.models import Facility, FacilityListRow, MatchDecision, SupplyRelationship
from rsca.supplychain.services import (
    facility_list_commit,
    facility_list_import,
    facility_list_row_decide,
    facility_merge,
)

REVIEW_CSV = (
    "name,address,country\n"
    'Huayang Precision Electronics Co Ltd,"No. 99 Xingye Road, Fuyong, Bao\'an, Shenzhen",CN\n'
    'Shenzhen Huayang Precision Electronics Co Ltd,"8 Xingye Rd, Bao\'an District, Shenzhen",China\n'
)


def _preview(org, user):
    report = facility_list_import(
        organisation=org, source=REVIEW_CSV.encode(), filename="review.csv", by=user
    )
    assert [r.status for r in report.rows] == ["review", "matched"]
    return report


def test_confirming_a_review_is_remembered_on_re_upload(org_a, user_a, existing_facilities):
    report = _preview(org_a, user_a)
    row = FacilityListRow.objects.get(upload_id=report.upload_id, row_number=1)
    candidate = row.candidates[0]["facility_id"]
    assert candidate == existing_facilities[0].public_id
    facility_list_row_decide(row=row, decision="confirmed", facility_public_id=candidate, by=user_a)
    facility_list_commit(upload=row.upload, by=user_a)
    assert SupplyRelationship.objects.filter(buyer=org_a, facility=existing_facilities[0]).count() == 1
    again = facility_list_import(
        organisation=org_a, source=REVIEW_CSV.encode(), filename="review.csv", by=user_a
    )
    assert [(r.status, r.facility_id) for r in again.rows] == [("matched", candidate), ("matched", candidate)]


def test_rejecting_after_commit_creates_a_new_facility_and_remembers_it(org_a, user_a, existing_facilities):
    report = _preview(org_a, user_a)
    upload = FacilityListRow.objects.get(upload_id=report.upload_id, row_number=1).upload
    facility_list_commit(upload=upload, by=user_a)
    row = FacilityListRow.objects.get(upload_id=report.upload_id, row_number=1)
    assert row.status == "review"  # committed lists keep their open reviews in the queue
    decided = facility_list_row_decide(row=row, decision="rejected", facility_public_id=None, by=user_a)
    assert decided.status == "new" and decided.facility not in existing_facilities
    assert SupplyRelationship.objects.filter(buyer=org_a, facility=decided.facility).exists()
    decision = MatchDecision.objects.get(organisation=org_a, row_key=row.row_key)
    assert decision.decision == "rejected" and decision.facility == decided.facility
    again = facility_list_import(
        organisation=org_a, source=REVIEW_CSV.encode(), filename="review.csv", by=user_a
    )
    assert again.rows[0].status == "matched" and again.rows[0].facility_id == decided.facility.public_id


def test_confirming_a_facility_that_was_not_a_candidate_is_refused(org_a, user_a, existing_facilities):
    report = _preview(org_a, user_a)
    row = FacilityListRow.objects.get(upload_id=report.upload_id, row_number=1)
    with pytest.raises(InvalidInput):
        facility_list_row_decide(
            row=row, decision="confirmed", facility_public_id=existing_facilities[2].public_id, by=user_a
        )


def test_another_organisation_cannot_decide(org_a, user_a, user_b, existing_facilities):
    report = _preview(org_a, user_a)
    row = FacilityListRow.objects.get(upload_id=report.upload_id, row_number=1)
    with pytest.raises(Forbidden):
        facility_list_row_decide(row=row, decision="rejected", facility_public_id=None, by=user_b)


def test_review_page_confirms_with_htmx(client_a, org_a, user_a, existing_facilities):
    report = _preview(org_a, user_a)
    row = FacilityListRow.objects.get(upload_id=report.upload_id, row_number=1)
    page = client_a.get(reverse("supplychain:review_queue"))
    assert row.name in page.content.decode()
    response = client_a.post(
        reverse("supplychain:row_decide", args=[row.pk]),
        {"decision": "confirmed", "facility": row.candidates[0]["facility_id"]},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and "badge matched" in response.content.decode()


def test_merge_moves_relationships_and_is_audited(org_a, staff_user, user_a, existing_facilities):
    kept, duplicate = (
        existing_facilities[0],
        Facility.objects.create(
            name="Huayang Precision Electronic (Shenzhen)", address="8 Xingye Road, Shenzhen", country_id="CN"
        ),
    )
    SupplyRelationship.objects.create(buyer=org_a, facility=duplicate, tier=1)
    with pytest.raises(Forbidden):
        facility_merge(kept=kept, merged=duplicate, by=user_a)
    facility_merge(kept=kept, merged=duplicate, by=staff_user, reason="same site")
    duplicate.refresh_from_db()
    assert duplicate.merged_into == kept
    assert SupplyRelationship.objects.get(buyer=org_a).facility == kept
    assert AuditEvent.objects.filter(verb="facility_merge", target_id=str(kept.pk)).exists()


def test_merged_id_redirects_to_the_kept_facility(client, staff_user, existing_facilities):
    kept, duplicate = existing_facilities[0], existing_facilities[1]
    facility_merge(kept=kept, merged=duplicate, by=staff_user)
    response = client.get(reverse("supplychain:facility_detail", args=[duplicate.public_id]))
    assert response.status_code == 302 and kept.public_id in response["Location"]
