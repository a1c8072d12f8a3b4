"""Open Supply Hub's real brand lists: every list commits without a refused row, and sending a list again into a
register that holds it matches every row automatically (identical means matched)."""

from __future__ import annotations

import csv
import io

import pytest

from rsca.core.models import Organisation
from rsca.supplychain.models import Facility
from rsca.supplychain.services import facility_list_import

pytestmark = pytest.mark.django_db


def _organisation(name: str) -> Organisation:
    return Organisation.objects.create(
        name=name, slug=name.lower().replace(" ", "-"), type="enterprise", enterprise_role="buyer"
    )


def test_every_list_commits_and_re_imports_fully_matched(osh_lists):
    first, second = _organisation("First Buyer"), _organisation("Second Buyer")
    committed: dict[str, dict[int, str | None]] = {}
    for path in osh_lists:
        report = facility_list_import(
            organisation=first, source=path.read_bytes(), filename=path.name, by=None, commit=True
        )
        assert report.totals["error"] == 0, path.name
        committed[path.name] = {r.row: r.facility_id for r in report.rows}
    facilities = Facility.objects.count()
    for path in osh_lists:
        again = facility_list_import(
            organisation=second, source=path.read_bytes(), filename=path.name, by=None
        )
        for row in again.rows:
            expected = committed[path.name][row.row]
            if expected is not None:  # rows left in review at the first commit have no facility yet
                assert (row.status, row.facility_id) == ("matched", expected), (path.name, row.row, row.name)
    assert Facility.objects.count() == facilities


def test_a_row_identical_up_to_case_and_punctuation_is_matched(osh_lists):
    buyer = _organisation("Case Buyer")
    path = osh_lists[0]
    report = facility_list_import(
        organisation=buyer, source=path.read_bytes(), filename=path.name, by=None, commit=True
    )
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    shouted = io.StringIO()
    writer = csv.DictWriter(shouted, fieldnames=list(rows[0]))
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                **row,
                "name": row["name"].upper().replace(",", " ,"),
                "address": row["address"].upper().replace(".", ""),
                "country": row["country"].lower(),
            }
        )
    again = facility_list_import(
        organisation=buyer, source=shouted.getvalue().encode(), filename="x.csv", by=None
    )
    expected = {r.row: r.facility_id for r in report.rows}
    assert all(
        r.status == "matched" and r.facility_id == expected[r.row] for r in again.rows if expected[r.row]
    )


def test_an_identical_row_meets_a_contribution_not_only_the_facility(org_a):
    first = facility_list_import(
        organisation=org_a,
        commit=True,
        by=None,
        filename="a.csv",
        source=(
            b'name,address,country\nMakalot Garments(Cambodia) Co.,"Blok Pajagan, Phnom Penh Cambodia",Cambodia\n'
        ),
    )
    facility = Facility.objects.get(public_id=first.rows[0].facility_id)
    # a later upload by another buyer, written differently, was matched to the same facility …
    other = _organisation("Other Buyer")
    written = 'name,address,country\nMAKALOT GARMENTS (CAMBODIA) CO LTD,"Blok Pajagan Phnom Penh",KH\n'
    facility_list_import(organisation=other, commit=True, by=None, filename="b.csv", source=written.encode())
    from rsca.supplychain.models import FacilityListRow, FacilityListUpload

    row = FacilityListRow.objects.get(upload__filename="b.csv")
    if row.facility_id is None:  # left to review: a person confirms it, which makes the row a contribution
        FacilityListRow.objects.filter(pk=row.pk).update(facility=facility)
    FacilityListUpload.objects.filter(filename="b.csv").update(status="committed")
    # … so sending that same text again meets it whatever the model would score
    third = facility_list_import(
        organisation=_organisation("Third"), by=None, filename="c.csv", source=written.encode()
    )
    assert (third.rows[0].status, third.rows[0].facility_id) == ("matched", facility.public_id)


def test_the_same_chinese_registered_name_is_matched_across_scripts(org_a, existing_facilities):
    traditional = "name,address,country\n深圳市鑫達塑膠製品有限公司,廣東省深圳市寶安區福永街道鳳凰第一工業區興業路8號,中國\n"
    report = facility_list_import(organisation=org_a, by=None, filename="t.csv", source=traditional.encode())
    assert (report.rows[0].status, report.rows[0].facility_id) == (
        "matched",
        existing_facilities[1].public_id,
    )
    elsewhere = "name,address,country\n深圳市鑫達塑膠製品有限公司,广东省东莞市长安镇振安路99号,CN\n"
    report = facility_list_import(organisation=org_a, by=None, filename="e.csv", source=elsewhere.encode())
    assert report.rows[0].status != "matched"  # another city contradicts: not matched blindly


OSH_FULL = (
    "country,name,address,sector_product_type,facility_type_processing_type,number_of_workers,lat,lng,"
    "parent_company,duns_id,lei_id,rba_id\n"
    'Viet Nam,Saigon Star Garment JSC,"Lot 5, Tan Binh Industrial Park, Ho Chi Minh City",'
    "Apparel|Jackets|Trousers,Final Product Assembly|Cutting|Sewing,1200,10.8231,106.6297,Star Group,"
    "123456789,5493001KJTIIGC8Y1R12,RBA-77\n"
)


def test_nothing_in_a_row_is_lost(org_a, org_b, client_a):
    report = facility_list_import(
        organisation=org_a, source=OSH_FULL.encode(), filename="osh.csv", by=None, commit=True
    )
    facility = Facility.objects.get(public_id=report.rows[0].facility_id)
    assert (facility.number_of_workers, float(facility.latitude), float(facility.longitude)) == (
        1200,
        10.8231,
        106.6297,
    )
    assert (facility.product_type, facility.facility_type, facility.processing_type) == (
        "Jackets|Trousers",
        "Final Product Assembly",
        "Cutting|Sewing",
    )
    assert facility.parent_company == "Star Group" and list(
        facility.sectors.values_list("code", flat=True)
    ) == ["14"]
    assert facility.extra_fields == {}  # identifiers stay with the contribution
    # another buyer's list names the same facility (legal form written out) and gives what the profile lacks
    Facility.objects.filter(pk=facility.pk).update(number_of_workers=None, parent_company="")
    later = (
        "name,address,country,number_of_workers,parent_company\n"
        'Saigon Star Garment Joint Stock Company,"Lot 5 Tan Binh IP, Ho Chi Minh",VN,1300,Star Holdings\n'
    )
    again = facility_list_import(
        organisation=org_b, source=later.encode(), filename="later.csv", by=None, commit=True
    )
    assert (again.rows[0].status, again.rows[0].facility_id) == ("matched", facility.public_id)
    facility.refresh_from_db()
    assert (facility.number_of_workers, facility.parent_company) == (1300, "Star Holdings")
    page = client_a.get(f"/supplychain/facilities/{facility.public_id}/").content.decode()
    assert "123456789" in page and "5493001KJTIIGC8Y1R12" in page and "RBA-77" in page
    assert org_a.name in page and org_b.name not in page  # another buyer's contribution is anonymous
