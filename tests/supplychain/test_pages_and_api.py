from __future__ import annotations

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rsca.supplychain.models import Facility, FacilityListUpload, SupplyRelationship
from tests.supplychain.conftest import MESSY_CSV


def test_upload_preview_commit_in_the_browser(client_a, org_a, existing_facilities):
    upload = SimpleUploadedFile("list.csv", MESSY_CSV.encode("utf-8-sig"), content_type="text/csv")
    response = client_a.post(
        reverse("supplychain:upload_list"), {"organisation": org_a.pk, "file": upload, "tier": "1"}
    )
    assert response.status_code == 302
    detail = client_a.get(response["Location"])
    body = detail.content.decode()
    assert "苏州恒泰纺织服装股份有限公司" in body and "badge matched" in body and "badge new" in body
    list_upload = FacilityListUpload.objects.get(organisation=org_a)
    assert not SupplyRelationship.objects.filter(buyer=org_a).exists()
    committed = client_a.post(
        reverse("supplychain:upload_commit", args=[list_upload.pk]), HTTP_HX_REQUEST="true"
    )
    assert committed.status_code == 204 and committed["HX-Redirect"]
    assert SupplyRelationship.objects.filter(buyer=org_a).count() == 3
    supplier_page = client_a.get(reverse("supplychain:supplier_list") + "?province=320000").content.decode()
    assert "苏州恒泰纺织服装股份有限公司" in supplier_page and "Huayang" not in supplier_page


def test_bad_files_get_a_clear_error_and_no_preview(client_a, org_a):
    for name, data, expected in [
        ("empty.csv", b"", "empty"),
        ("list.xlsx", b"name,address,country\nx,y,CN\n", "workbook"),
        ("list.pdf", b"%PDF-1.4", "csv"),
        ("cols.csv", b"name,country\nA,CN\n", "address"),
    ]:
        response = client_a.post(
            reverse("supplychain:upload_list"),
            {"organisation": org_a.pk, "file": SimpleUploadedFile(name, data), "tier": "1"},
        )
        assert response.status_code in (200, 422), name
        assert expected in response.content.decode().lower(), name
    assert not FacilityListUpload.objects.exists()


def test_upload_larger_than_the_limit_is_refused(client_a, org_a, settings):
    settings.MAX_UPLOAD_BYTES = 1024
    big = b"name,address,country\n" + b"Factory,Road 1,CN\n" * 200
    response = client_a.post(
        reverse("supplychain:upload_list"),
        {"organisation": org_a.pk, "file": SimpleUploadedFile("big.csv", big), "tier": "1"},
    )
    assert "MB" in response.content.decode() and not FacilityListUpload.objects.exists()


def test_exports_use_osh_columns_and_neutralise_formulas(client_a, org_a):
    facility = Facility.objects.create(name='=HYPERLINK("http://evil")', address="@SUM(A1)", country_id="CN")
    SupplyRelationship.objects.create(buyer=org_a, facility=facility, tier=1, products="+cmd")
    response = client_a.get(reverse("supplychain:supplier_export", args=["csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:6] == ["os_id", "name", "native_language_name", "address", "country_code", "country_name"]
    assert rows[1][1].startswith("'=") and rows[1][3].startswith("'@") and "'+cmd" in rows[1]
    xlsx = client_a.get(reverse("supplychain:supplier_export", args=["xlsx"]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_search_tolerates_punctuation_case_and_script(client, existing_facilities):
    for query in (
        "huayang precision electronics co.,ltd",
        "华阳精密电子",
        "HUA-YANG",
        existing_facilities[0].public_id,
    ):
        items = client.get("/api/v1/supplychain/facilities", {"q": query}).json()["items"]
        assert existing_facilities[0].public_id in [i["facility_id"] for i in items], query
    page = client.get(reverse("supplychain:facility_search"), {"q": "Huayang"})
    assert "华阳精密电子（东莞）有限公司" in page.content.decode()


def test_api_upload_preview_and_commit(client_a, org_a, existing_facilities):
    upload = SimpleUploadedFile("list.csv", MESSY_CSV.encode())
    response = client_a.post("/api/v1/supplychain/uploads", {"organisation": org_a.slug, "file": upload})
    assert response.status_code == 201
    body = response.json()
    assert (
        body["totals"] == {"rows": 3, "matched": 2, "new": 1, "review": 0, "error": 0}
        and not body["committed"]
    )
    rows = client_a.get(f"/api/v1/supplychain/uploads/{body['upload_id']}/rows").json()["items"]
    assert [r["status"] for r in rows] == ["matched", "new", "matched"]
    committed = client_a.post(f"/api/v1/supplychain/uploads/{body['upload_id']}/commit")
    assert committed.status_code == 200 and committed.json()["status"] == "committed"
    again = client_a.post(f"/api/v1/supplychain/uploads/{body['upload_id']}/commit")
    assert again.status_code == 409 and again.json()["code"] == "already_committed"


def test_api_upload_with_row_errors_and_commit_returns_422_with_rows(client_a, org_a):
    data = b"name,address,country\nGood Factory,1 Road,CN\nBad Factory,2 Road,Mordor\n"
    response = client_a.post(
        "/api/v1/supplychain/uploads",
        {"organisation": org_a.slug, "commit": "true", "file": SimpleUploadedFile("bad.csv", data)},
    )
    assert response.status_code == 422
    assert response.json()["details"] == [
        {
            "file": "bad.csv",
            "row": 2,
            "column": "country",
            "message": response.json()["details"][0]["message"],
        }
    ]
    assert not Facility.objects.filter(name="Good Factory").exists()


def test_graph_and_map_pages_render_in_both_languages(client_a, org_a, existing_facilities):
    SupplyRelationship.objects.create(buyer=org_a, facility=existing_facilities[0], tier=1)
    SupplyRelationship.objects.create(
        buyer=org_a, facility=existing_facilities[1], tier=2, supplies_to=existing_facilities[0]
    )
    graph_url, map_url = reverse("supplychain:graph"), reverse("supplychain:map")
    for prefix in ("", "/zh-hans"):
        graph = client_a.get(prefix + graph_url)
        assert graph.status_code == 200 and "sc-graph-data" in graph.content.decode()
        mapped = client_a.get(prefix + map_url).content.decode()
        assert "sc-map-data" in mapped and ("Guangdong" in mapped or "广东" in mapped)
