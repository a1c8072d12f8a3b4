"""The supply-chain part of the authorisation walk, runnable on its own, plus the scoping decisions."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.supplychain.walk import walk_samples
from tests.test_authorisation_walk import api_operations, assert_no_leak, fill, page_patterns


@pytest.mark.django_db
def test_supplychain_pages_and_api_keep_organisation_a_private(client, org_a, user_a, org_b, user_b):
    samples = walk_samples(org_a=org_a, user_a=user_a)
    markers = samples["markers"]
    pages = [(name, params) for name, _route, params in page_patterns() if name.startswith("supplychain:")]
    operations = [(p, m) for p, m in api_operations() if p.startswith("/api/v1/supplychain/")]
    assert len(pages) >= 10 and len(operations) >= 10
    urls = [reverse(name, kwargs={p: samples["params"][name][p] for p in params}) for name, params in pages]
    for who, user in (("anonymous", None), ("member of B", user_b), ("member of A", user_a)):
        client.logout()
        if user is not None:
            client.force_login(user)
        for url in urls:
            response = client.get(url)
            if who == "member of A":
                assert response.status_code < 500, url
            else:
                assert_no_leak(response, markers, who, url)
        for path, method in operations:
            url = fill(path, samples["api_params"].get(path, {}))
            response = (
                client.get(url)
                if method == "GET"
                else client.generic(method, url, data="{}", content_type="application/json")
            )
            if who == "member of A":
                assert response.status_code < 500, f"{method} {url}"
            else:
                assert_no_leak(response, markers, who, f"{method} {url}")
                if method != "GET":
                    assert response.status_code >= 400, f"{method} {url} accepted a write from {who}"


def test_member_of_a_sees_its_own_list_and_relationship(client_a, org_a, user_a):
    samples = walk_samples(org_a=org_a, user_a=user_a)
    upload_id = samples["params"]["supplychain:upload_detail"]["upload_id"]
    assert (
        "WALKSECRET-A-row"
        in client_a.get(reverse("supplychain:upload_detail", args=[upload_id])).content.decode()
    )
    assert "WALKSECRET-A-products" in client_a.get(reverse("supplychain:supplier_list")).content.decode()
    body = client_a.get("/api/v1/supplychain/relationships").json()
    assert body["items"][0]["products"] == "WALKSECRET-A-products"


def test_claiming_supplier_sees_its_buyers_but_not_volume_shares(client, org_a, user_a, org_b, user_b):
    from decimal import Decimal

    from rsca.supplychain.models import Facility, SupplyRelationship

    facility = Facility.objects.create(
        name="Claimed Works Ltd", address="9 Claim Road, Suzhou", country_id="CN", claimed_by=org_b
    )
    SupplyRelationship.objects.create(buyer=org_a, facility=facility, tier=1, volume_share=Decimal("42.50"))
    client.force_login(user_b)
    items = client.get(f"/api/v1/supplychain/facilities/{facility.public_id}/relationships").json()
    assert [(i["buyer"], i["volume_share"]) for i in items] == [("org-a", None)]
    client.force_login(user_a)
    items = client.get(f"/api/v1/supplychain/facilities/{facility.public_id}/relationships").json()
    assert items[0]["volume_share"] == 42.5


def test_facility_profile_is_public_and_editable_only_by_the_claiming_supplier(client, org_b, user_a, user_b):
    from rsca.supplychain.models import Facility

    facility = Facility.objects.create(
        name="Open Profile Garments Co., Ltd.",
        address="3 Open Road, Ningbo",
        country_id="CN",
        claimed_by=org_b,
    )
    assert client.get(reverse("supplychain:facility_detail", args=[facility.public_id])).status_code == 200
    edit = reverse("supplychain:facility_edit", args=[facility.public_id])
    client.force_login(user_a)
    assert client.get(edit).status_code == 403
    client.force_login(user_b)
    response = client.post(
        edit,
        {
            "name": "Open Profile Garments Co., Ltd.",
            "address": "5 Open Road, Ningbo",
            "number_of_workers": "320",
        },
    )
    assert response.status_code == 302
    facility.refresh_from_db()
    assert facility.address == "5 Open Road, Ningbo" and facility.number_of_workers == 320
    assert facility.match_number == "5"
