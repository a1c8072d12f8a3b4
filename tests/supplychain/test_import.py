from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from rsca.core.errors import InvalidInput
from rsca.supplychain.models import Facility, FacilityListUpload, SupplyRelationship
from rsca.supplychain.services import ImportRejected, facility_list_import
from tests.supplychain.conftest import MESSY_CSV


def test_a_bilingual_list_previews_without_importing_anything(org_a, user_a, existing_facilities):
    report = facility_list_import(
        organisation=org_a, source=MESSY_CSV.encode(), filename="list.csv", by=user_a
    )
    statuses = {r.row: r.status for r in report.rows}
    assert statuses == {1: "matched", 2: "new", 3: "matched"}
    assert report.rows[0].facility_id == existing_facilities[0].public_id
    assert report.rows[2].facility_id == existing_facilities[2].public_id  # the Dongguan sister, not Shenzhen
    assert report.extra_columns == ["Buyer Ref"]
    assert not SupplyRelationship.objects.filter(buyer=org_a).exists()
    assert Facility.objects.count() == 3


def test_commit_creates_new_facilities_and_relationships_at_once(org_a, user_a, existing_facilities):
    report = facility_list_import(
        organisation=org_a, source=MESSY_CSV.encode(), filename="list.csv", by=user_a, commit=True
    )
    assert report.committed
    new = Facility.objects.get(public_id=report.rows[1].facility_id)
    assert new.native_name == "" and new.name == "苏州恒泰纺织服装股份有限公司"
    assert new.division_id == "320500" and new.number_of_workers == 300
    assert list(new.sectors.values_list("code", flat=True)) == ["13"]
    assert new.extra_fields == {}  # a buyer's own columns are private to its list
    from rsca.supplychain.models import FacilityListRow

    assert FacilityListRow.objects.get(facility=new).raw["Buyer Ref"] == "A-2"
    assert SupplyRelationship.objects.filter(buyer=org_a).count() == 3
    again = facility_list_import(
        organisation=org_a, source=MESSY_CSV.encode(), filename="list.csv", by=user_a
    )
    assert [r.status for r in again.rows] == ["matched", "matched", "matched"]


def test_a_row_error_blocks_the_whole_commit(org_a, user_a, existing_facilities):
    bad = MESSY_CSV + "\"=cmd|' /C calc'!A0\",Somewhere 1,Atlantis,,,,\n"
    with pytest.raises(ImportRejected) as caught:
        facility_list_import(
            organisation=org_a, source=bad.encode(), filename="bad.csv", by=user_a, commit=True
        )
    errors = caught.value.details
    assert {(e["row"], e["column"]) for e in errors} == {(4, "name"), (4, "country")}
    assert all(e["file"] == "bad.csv" for e in errors)
    assert not FacilityListUpload.objects.exists()
    assert Facility.objects.count() == 3


def test_missing_required_column_is_named(org_a, user_a):
    with pytest.raises(InvalidInput) as caught:
        facility_list_import(organisation=org_a, source=b"name,country\nX,CN\n", filename="x.csv", by=user_a)
    assert "address" in caught.value.message


def test_gb18030_file_from_chinese_excel_is_read(org_a, user_a, existing_facilities):
    data = "名称,地址,国家\n深圳市华阳精密电子有限公司,广东省深圳市宝安区福永街道兴业路8号,中国\n".encode(
        "gb18030"
    )
    report = facility_list_import(organisation=org_a, source=data, filename="gbk.csv", by=user_a)
    assert report.rows[0].status == "matched"


def test_cli_previews_as_json_and_creates_the_organisation_only_on_commit(tmp_path, existing_facilities):
    path = tmp_path / "list.csv"
    path.write_text(MESSY_CSV, encoding="utf-8-sig")
    out = StringIO()
    call_command(
        "import-facilities", str(path), "--organisation", "New Buyer Ltd", "--format", "json", stdout=out
    )
    payload = json.loads(out.getvalue())
    assert payload["organisation_created"] is True and payload["committed"] is False
    assert payload["totals"] == {"rows": 3, "matched": 2, "new": 1, "review": 0, "error": 0}
    assert payload["rows"][0] == {
        "row": 1,
        "status": "matched",
        "facility_id": existing_facilities[0].public_id,
        "score": payload["rows"][0]["score"],
        "candidates": payload["rows"][0]["candidates"],
        "errors": [],
    }
    from rsca.core.models import Organisation

    assert not Organisation.objects.filter(name="New Buyer Ltd").exists()
    out = StringIO()
    call_command("import-facilities", str(path), "--organisation", "New Buyer Ltd", "--commit", stdout=out)
    assert "was created as a buyer" in out.getvalue()
    buyer = Organisation.objects.get(name="New Buyer Ltd")
    assert buyer.enterprise_role == "buyer"
    assert SupplyRelationship.objects.filter(buyer=buyer).count() == 3


def test_cli_reports_row_errors_and_fails(tmp_path, org_a):
    path = tmp_path / "bad.csv"
    path.write_text("name,address,country\nFactory,Road 1,Narnia\n", encoding="utf-8")
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("import-facilities", str(path), "--organisation", org_a.name, "--commit", stdout=out)
    assert "row 1, column country" in out.getvalue()
