"""Importing only the valid rows when asked: CLI --skip-invalid and the page's "Import the valid rows"; the skipped
rows are listed and downloadable."""

from __future__ import annotations

import csv
import io
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from rsca.supplychain.models import Facility, FacilityListUpload, SupplyRelationship
from rsca.supplychain.services import ImportRejected, facility_list_import

pytestmark = pytest.mark.django_db

MIXED = (
    "name,address,country,number_of_workers\n"
    'Injae Garment Co. Ltd.,"Toul Kor Village, St. 598, Phnom Penh",Cambodia,800\n'
    "Nowhere Textiles,1 Main Road,Narnia,10\n"
    'Alif Embroidery Village Ltd.,"Bangobandhu Road, Tangabari, Ashulia, Savar, Dhaka 1341",Bangladesh,many\n'
    "AKH Apparels Ltd,128 Hamayetpur PS-Savar Dhaka-1340 Bangladesh,BD,2000\n"
)


def test_without_the_option_nothing_is_imported(org_a):
    with pytest.raises(ImportRejected):
        facility_list_import(
            organisation=org_a, source=MIXED.encode(), filename="m.csv", by=None, commit=True
        )
    assert not Facility.objects.exists() and not FacilityListUpload.objects.exists()


def test_cli_skip_invalid_imports_the_valid_rows_and_lists_the_others(tmp_path, org_a):
    path = tmp_path / "mixed.csv"
    path.write_text(MIXED, encoding="utf-8")
    out = StringIO()
    call_command(
        "import-facilities", str(path), "--organisation", org_a.name, "--commit", "--skip-invalid", stdout=out
    )
    text = out.getvalue()
    assert "row 2, column country" in text and "Narnia" in text and "(skipped)" in text
    assert "row 3, column number_of_workers" in text
    assert Facility.objects.count() == 2
    assert SupplyRelationship.objects.filter(buyer=org_a).count() == 2
    upload = FacilityListUpload.objects.get()
    assert upload.status == "committed" and upload.totals["skipped"] == 2


def test_page_imports_the_valid_rows_and_offers_the_skipped_ones(client_a, org_a, user_a):
    report = facility_list_import(organisation=org_a, source=MIXED.encode(), filename="m.csv", by=user_a)
    upload = FacilityListUpload.objects.get(pk=report.upload_id)
    page = client_a.get(reverse("supplychain:upload_detail", args=[upload.pk])).content.decode()
    assert "Import the valid rows" in page
    response = client_a.post(reverse("supplychain:upload_commit", args=[upload.pk]), {"skip_invalid": "1"})
    assert response.status_code == 302
    upload.refresh_from_db()
    assert upload.status == "committed" and Facility.objects.count() == 2
    download = client_a.get(reverse("supplychain:upload_skipped", args=[upload.pk]))
    rows = list(csv.DictReader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert [r["row"] for r in rows] == ["2", "3"]
    assert "Narnia" in rows[0]["errors"] and rows[1]["number_of_workers"] == "many"


def test_country_error_names_the_value_and_suggests_the_nearest(org_a):
    data = "name,address,country\nA Factory,1 Road,Bangaldesh\n"
    report = facility_list_import(organisation=org_a, source=data.encode(), filename="c.csv", by=None)
    message = report.rows[0].errors[0]["message"]
    assert "Bangaldesh" in message and "Bangladesh (BD)" in message


def test_mis_encoded_text_is_a_row_error_naming_the_value(org_a):
    data = 'name,address,country\nTextiles del Sur SAC,"Av. Argentina N¬∫ 2085, Lima",Peru\n'
    report = facility_list_import(organisation=org_a, source=data.encode(), filename="m.csv", by=None)
    errors = report.rows[0].errors
    assert [e["column"] for e in errors] == ["address"]
    assert "N¬∫" in errors[0]["message"] and "Nº 2085" in errors[0]["message"]
