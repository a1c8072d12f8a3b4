"""Export in Open Supply Hub's upload format: every shared list, committed, exported (CLI and page), passes OSH's
required-column check (name, address, country in the header and in every row), keeps multi-value cells free of
commas, and imports again fully matched."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from rsca.core.models import Organisation
from rsca.supplychain.exports import OSH_REQUIRED_COLUMNS, OSH_UPLOAD_COLUMNS, osh_values
from rsca.supplychain.services import facility_list_import

pytestmark = pytest.mark.django_db

MULTI = ("sector", "product_type", "facility_type", "processing_type")


def _buyer(slug: str) -> Organisation:
    return Organisation.objects.create(name=slug, slug=slug, type="enterprise", enterprise_role="buyer")


def _check_osh(header: list[str], rows: list[dict[str, str]]) -> None:
    assert header == OSH_UPLOAD_COLUMNS
    assert set(OSH_REQUIRED_COLUMNS) <= set(header)
    for row in rows:
        assert all((row[column] or "").strip() for column in OSH_REQUIRED_COLUMNS), row
        assert all("," not in (row[column] or "") for column in MULTI), row


def test_osh_values_join_with_pipes_and_never_keep_a_comma():
    assert osh_values("Apparel, Footwear") == "Apparel|Footwear"
    assert osh_values("Apparel|Apparel", "Home Textiles; Bags") == "Apparel|Home Textiles|Bags"
    assert osh_values("") == ""


def test_every_shared_list_exports_for_osh_and_round_trips(osh_lists, tmp_path):
    for path in osh_lists:
        buyer = _buyer(f"buyer-{path.stem}")
        committed = facility_list_import(
            organisation=buyer, source=path.read_bytes(), filename=path.name, by=None, commit=True
        )
        linked = {r.facility_id for r in committed.rows if r.facility_id}
        output = tmp_path / f"{path.stem}.csv"
        call_command(
            "export-facilities",
            "--organisation",
            buyer.slug,
            "--format",
            "osh-csv",
            "--output",
            str(output),
            stdout=io.StringIO(),
        )
        reader = csv.DictReader(io.StringIO(output.read_text(encoding="utf-8-sig")))
        rows = list(reader)
        _check_osh(list(reader.fieldnames or []), rows)
        assert {row["os_id"] for row in rows} == linked
        again = facility_list_import(
            organisation=_buyer(f"again-{path.stem}"),
            source=output.read_bytes(),
            filename=output.name,
            by=None,
        )
        assert {(r.status, r.facility_id) for r in again.rows} == {("matched", pk) for pk in linked}, (
            path.name
        )


def test_xlsx_export_from_the_cli_and_the_supplier_page(osh_lists, tmp_path, client_a, org_a):
    path = osh_lists[0]
    facility_list_import(
        organisation=org_a, source=path.read_bytes(), filename=path.name, by=None, commit=True
    )
    output = tmp_path / "list.xlsx"
    call_command(
        "export-facilities",
        "--organisation",
        org_a.name,
        "--format",
        "osh-xlsx",
        "--output",
        str(output),
        stdout=io.StringIO(),
    )
    sheet = load_workbook(output).active
    values = [[cell if cell is not None else "" for cell in row] for row in sheet.iter_rows(values_only=True)]
    header = [str(v) for v in values[0]]
    _check_osh(header, [dict(zip(header, [str(v) for v in row], strict=True)) for row in values[1:]])
    response = client_a.get(reverse("supplychain:supplier_export", args=["osh-csv"]) + f"?org={org_a.slug}")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    reader = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    rows = list(reader)
    _check_osh(list(reader.fieldnames or []), rows)
    assert len(rows) == len(values) - 1
