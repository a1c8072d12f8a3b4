"""Pages render in English and Chinese; the coherence map exports to XLSX and PDF."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db

PAGES = [
    "/standards/",
    "/standards/?q=overtime",
    "/standards/instruments/CN-LABOUR-LAW/",
    "/standards/topics/working-time/",
    "/standards/coherence/",
    "/standards/countries/",
    "/standards/countries/CN/",
    "/standards/countries/VN/?buyer=rba",
    "/standards/applicable/?jurisdiction=CN-440300&on=2025-08-01&buyer_code=amfori",
]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("prefix", ["", "/zh-hans"])
def test_pages_render_in_both_languages(client, path, prefix):
    response = client.get(prefix + path)
    assert response.status_code == 200
    html = response.content.decode()
    assert ('<html lang="zh-Hans">' in html) == (prefix == "/zh-hans")


def test_chinese_pages_show_chinese_content(client):
    html = client.get("/zh-hans/standards/coherence/").content.decode()
    assert "政策一致性" in html and "结社自由与集体谈判" in html and "中国尚未批准第87号和第98号公约" in html
    profile = client.get("/zh-hans/standards/countries/CN/").content.decode()
    assert "每日八小时" in profile or "工时" in profile


def test_the_coherence_map_highlights_gaps(client):
    html = client.get("/standards/coherence/").content.decode()
    assert 'class="gap"' in html
    assert "China has not ratified C087 or C098" in html
    assert "RBA caps the week at 60 hours" in html


def test_search_finds_provisions_in_chinese(client):
    html = client.get("/zh-hans/standards/", {"q": "加班"}).content.decode()
    assert "art. 41" in html


@pytest.mark.parametrize("iso", ["CN", "JP", "MM", "PH", "TH", "VN"])
def test_every_rsca_country_has_a_profile(client, iso):
    html = client.get(f"/standards/countries/{iso}/").content.decode()
    assert "C029" in html and "C187" in html


def test_country_profile_has_the_wage_chart_data_and_echarts(client):
    html = client.get("/standards/countries/CN/").content.decode()
    assert 'id="wage-data"' in html and "vendor/echarts/echarts.min.js" in html
    assert "CN-440300" in html and "2,740" in html


def test_unknown_country_instrument_and_topic_are_404(client):
    assert client.get("/standards/countries/US/").status_code == 404
    assert client.get("/standards/instruments/NOPE/").status_code == 404
    assert client.get("/standards/topics/astrology/").status_code == 404


def test_the_applicable_page_explains_an_unknown_jurisdiction(client):
    html = client.get("/standards/applicable/", {"jurisdiction": "XX-1"}).content.decode()
    assert "Unknown jurisdiction" in html and "XX-1" in html


def test_coherence_map_exports_to_xlsx(client):
    response = client.get("/standards/coherence/map.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    sheet = workbook.worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header[0] == "Topic" and "China law" in header and "amfori BSCI" in header
    assert sheet.max_row >= 13
    gaps = workbook.worksheets[1]
    assert any("C087" in str(c.value) for row in gaps.iter_rows() for c in row)


def test_coherence_map_exports_to_pdf_in_chinese(client):
    response = client.get("/zh-hans/standards/coherence/map.pdf")
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert content.startswith(b"%PDF") and len(content) > 10_000


def test_staff_see_edit_and_history_links_others_do_not(client, staff_user):
    html = client.get("/standards/instruments/RBA/").content.decode()
    assert "/admin/standards/threshold/" not in html
    client.force_login(staff_user)
    html = client.get("/standards/instruments/RBA/").content.decode()
    assert "/admin/standards/threshold/" in html and "type=standards.threshold" in html


def test_the_wage_chart_shows_one_kind_of_wage():
    from datetime import date

    from rsca.standards.presenters import wage_chart_data
    from rsca.standards.selectors import country_profile

    chart = wage_chart_data(country_profile(country="CN", on=date(2025, 8, 1)).wage_series)
    assert chart["parameter"] == "minimum_wage_monthly"
    codes = {line["code"] for line in chart["series"]}
    assert {"CN-SH", "CN-440300", "CN-BJ"} <= codes
    shanghai = next(line for line in chart["series"] if line["code"] == "CN-SH")
    assert shanghai["points"][0] == ["2021-07-01", 2590.0] and ["2025-07-01", 2740.0] in shanghai["points"]
    assert shanghai["points"][-1][1] == 2740.0 and shanghai["points"][-1][0] >= "2025-07-01"  # drawn to today
    assert chart["series"] and all(line["currency"] == "CNY" for line in chart["series"])
