"""The public standards API answers dated questions, and names what is missing when it cannot."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

API = "/api/v1/standards"


def test_threshold_for_shanghai_on_a_date(client):
    response = client.get(
        f"{API}/thresholds",
        {"jurisdiction": "CN-SH", "parameter": "minimum_wage_monthly", "on": "2025-08-01"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["value"] == 2740 and body["currency"] == "CNY" and body["unit"] == "currency/month"
    assert body["jurisdiction"] == "CN-SH" and body["inherited"] is False and body["inherited_from"] is None
    assert body["effective_from"] == "2025-07-01"
    assert body["source_url"].startswith("https://rsj.sh.gov.cn/")
    assert any(
        p["instrument"] == "CN-SH-MIN-WAGE-2025" and p["reference"] == "para. 1" and p["url"]
        for p in body["provisions"]
    )


def test_an_inherited_value_says_where_it_comes_from(client):
    body = client.get(
        f"{API}/thresholds",
        {"jurisdiction": "CN-440300", "parameter": "overtime_hours_month_max", "on": "2025-08-01"},
    ).json()
    assert body["value"] == 36 and body["inherited"] is True and body["inherited_from"] == "CN"
    assert body["requested"] == "CN-440300"


@pytest.mark.parametrize(
    ("params", "status", "code", "named"),
    [
        ({"jurisdiction": "XX-123", "parameter": "normal_hours_day"}, 404, "unknown_jurisdiction", "XX-123"),
        ({"jurisdiction": "CN", "parameter": "lunch_break"}, 422, "unknown_parameter", "lunch_break"),
        (
            {"jurisdiction": "CN-SH", "parameter": "minimum_wage_monthly", "on": "2001-01-01"},
            404,
            "no_value_in_force",
            "2001-01-01",
        ),
        ({"parameter": "normal_hours_day"}, 422, "missing_parameter", "jurisdiction"),
        ({"jurisdiction": "CN"}, 422, "missing_parameter", "parameter"),
    ],
)
def test_bad_questions_get_a_clear_error_not_an_empty_200(client, params, status, code, named):
    response = client.get(f"{API}/thresholds", params)
    assert response.status_code == status
    body = response.json()
    assert body["code"] == code and named in body["message"]


def test_a_malformed_date_is_422(client):
    response = client.get(
        f"{API}/thresholds", {"jurisdiction": "CN", "parameter": "normal_hours_day", "on": "2025-13-40"}
    )
    assert response.status_code == 422


def test_periods_show_a_mid_year_change(client):
    body = client.get(
        f"{API}/thresholds/periods",
        {
            "jurisdiction": "CN-SH",
            "parameter": "minimum_wage_monthly",
            "start": "2025-01-01",
            "end": "2025-12-31",
        },
    ).json()
    assert [(p["value"], p["effective_from"], p["effective_until"]) for p in body] == [
        (2690, "2023-07-01", "2025-06-30"),
        (2740, "2025-07-01", None),
    ]


def test_history_lists_own_values_oldest_first(client):
    body = client.get(
        f"{API}/thresholds/history", {"jurisdiction": "CN-440300", "parameter": "minimum_wage_monthly"}
    ).json()
    assert [p["value"] for p in body] == [2360, 2520]


def test_ratifications_of_china_list_the_ten_fundamental_conventions(client):
    body = client.get(f"{API}/ratifications", {"country": "CN"}).json()
    by_code = {item["convention"]: item for item in body}
    assert len(body) == 10
    assert by_code["C029"]["ratified"] is True and by_code["C029"]["date"] == "2022-08-12"
    assert by_code["C087"]["ratified"] is False and by_code["C098"]["ratified"] is False
    assert by_code["C100"]["year"] == 1990 and by_code["C100"]["confirmed"] is False
    assert all(item["source_url"] for item in body)


def test_ratifications_of_an_unknown_country_is_404(client):
    response = client.get(f"{API}/ratifications", {"country": "QQ"})
    assert response.status_code == 404 and "QQ" in response.json()["message"]


def test_provisions_filter_by_topic_and_jurisdiction(client):
    body = client.get(f"{API}/provisions", {"topic": "working-time", "jurisdiction": "CN-440300"}).json()
    refs = {(p["instrument"], p["reference"]) for p in body}
    assert ("CN-LABOUR-LAW", "art. 41") in refs
    assert all(p["instrument"].startswith("CN-") for p in body)
    assert all("working-time" in p["topics"] for p in body)


def test_provisions_filter_by_instrument_and_unknown_topic(client):
    body = client.get(f"{API}/provisions", {"instrument": "RBA"}).json()
    assert {p["reference"] for p in body} >= {"A1", "A2", "A3", "A4", "A5", "A6", "A7"}
    response = client.get(f"{API}/provisions", {"topic": "astrology"})
    assert response.status_code == 404 and "astrology" in response.json()["message"]


def test_instruments_topics_and_jurisdictions(client):
    instruments = client.get(f"{API}/instruments", {"kind": "buyer_code"}).json()
    assert {i["code"] for i in instruments} == {"RBA", "AMFORI-BSCI"}
    detail = client.get(f"{API}/instruments/ILO-C138").json()
    assert detail["adopted_on"] == "1973-06-26" and detail["provisions"]
    assert client.get(f"{API}/instruments/NOPE").status_code == 404
    topics = client.get(f"{API}/topics").json()
    assert len(topics) >= 12
    working_time = client.get(f"{API}/topics/working-time").json()
    assert "Working time" in working_time["better_work_clusters"] and working_time["rba_sections"]
    place = client.get(f"{API}/jurisdictions/CN-440300").json()
    assert place["chain"] == ["CN-440300", "CN-GD", "CN"] and place["division"] == "440300"


def test_applicable_standard_endpoint(client):
    body = client.get(
        f"{API}/applicable", {"jurisdiction": "VN", "on": "2025-08-01", "buyer_code": "RBA"}
    ).json()
    rows = {r["parameter"]: r for r in body["rows"]}
    assert body["buyer_code"] == "RBA"
    assert rows["weekly_hours_max_total"]["strictest"] == "buyer"
    assert rows["min_age_employment"]["national"]["value"] == 15
    response = client.get(f"{API}/applicable", {"jurisdiction": "VN", "buyer_code": "wrap"})
    assert response.status_code == 422 and "wrap" in response.json()["message"]


def test_coherence_map_marks_china_freedom_of_association_as_a_gap(client):
    body = client.get(f"{API}/coherence-map").json()
    assert [c["code"] for c in body["columns"]] == ["ilo", "mne", "oecd", "cn_law", "eu", "rba", "amfori"]
    row = next(r for r in body["rows"] if r["topic"] == "freedom-of-association")
    cell = next(c for c in row["cells"] if c["column"] == "cn_law")
    assert cell["gap"] is True
    assert any(n["key"] == "cn-foa-c087-c098-not-ratified" for n in cell["notes"])


def test_parameters_endpoint_lists_units_and_direction(client):
    body = {p["name"]: p for p in client.get(f"{API}/parameters").json()}
    assert body["minimum_wage_monthly"]["stricter"] == "higher"
    assert body["overtime_hours_month_max"]["unit"] == "hours/month"


def test_a_bad_token_is_refused_rather_than_read_as_anonymous(client):
    response = client.get(f"{API}/topics", HTTP_AUTHORIZATION="Bearer rsca_not-a-real-token")
    assert response.status_code == 401
