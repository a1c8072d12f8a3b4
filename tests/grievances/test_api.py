from __future__ import annotations

import pytest
from django.core.cache import cache

from rsca.grievances.models import Grievance
from rsca.supplychain.models import Facility

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def facility(org_a):
    return Facility.objects.create(
        name="API Garment Factory",
        address="8 Road, Dongguan",
        country_id="CN",
        division_id="441900",
        claimed_by=org_a,
    )


def post(client, payload, address="192.0.2.1"):
    return client.post("/api/v1/grievances", payload, content_type="application/json", REMOTE_ADDR=address)


def test_an_anonymous_worker_files_and_follows_a_case(client, facility):
    response = post(
        client,
        {
            "facility": facility.public_id,
            "category": "osh",
            "language": "zh",
            "description": "车间的安全出口被纸箱堵住了。",
            "contact": "13800000000",
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"case_code", "secret"}
    followed = client.get(f"/api/v1/grievances/{body['case_code']}", {"secret": body["secret"]})
    assert followed.status_code == 200
    data = followed.json()
    assert data["status"] == "received" and data["messages"][0]["author"] == "worker"
    assert "13800000000" not in followed.content.decode()  # the contact is never sent back


def test_a_wrong_secret_and_an_unknown_code_are_the_same_404(client, facility):
    code = post(
        client,
        {
            "facility": facility.public_id,
            "category": "wages",
            "language": "en",
            "description": "No pay slip for two months.",
        },
    ).json()["case_code"]
    wrong = client.get(f"/api/v1/grievances/{code}", {"secret": "nope"})
    unknown = client.get("/api/v1/grievances/G-ZZZZ-ZZZZ", {"secret": "nope"})
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.json() == unknown.json()


@pytest.mark.parametrize(
    "change,status,code",
    [
        ({"description": "x" * 100_000}, 422, "too_long"),
        ({"description": "<img src=x onerror=alert(1)> wages missing"}, 422, "markup_refused"),
        ({"facility": "CN0000000000000"}, 422, "unknown_facility"),
    ],
)
def test_huge_texts_markup_and_unknown_facilities_are_refused_with_nothing_stored(
    client, facility, change, status, code
):
    payload = {
        "facility": facility.public_id,
        "category": "wages",
        "language": "en",
        "description": "No pay slip for two months.",
        **change,
    }
    response = post(client, payload)
    assert response.status_code == status and response.json()["code"] == code
    assert not Grievance.objects.exists()


def test_a_flood_is_refused_with_429(client, facility):
    payload = {
        "facility": facility.public_id,
        "category": "wages",
        "language": "en",
        "description": "No pay slip for two months.",
    }
    answers = [post(client, payload, address="203.0.113.50").status_code for _ in range(7)]
    assert answers == [201] * 5 + [429, 429]
    assert Grievance.objects.count() == 5
