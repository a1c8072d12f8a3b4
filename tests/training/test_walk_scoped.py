"""The authorisation walk restricted to the training and outreach pages and API operations.

Same rules as tests/test_authorisation_walk.py (no marker of organisation A reaches anonymous users or
members of B, no 500, no write accepted from them), run on this app's routes only so a failure here
points at training or outreach.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.outreach.walk import walk_samples as outreach_samples
from tests.test_authorisation_walk import api_operations, assert_no_leak, fill, page_patterns
from tests.training.walk import walk_samples as training_samples

OURS = ("training:", "outreach:")
OUR_API = ("/api/v1/training/", "/api/v1/outreach/")


@pytest.mark.django_db
def test_training_and_outreach_keep_organisation_a_private(
    client: Any, org_a: Any, user_a: Any, org_b: Any, user_b: Any
) -> None:
    samples: dict[str, Any] = {
        "params": {},
        "api_params": {},
        "markers": ["WALKSECRET-A"],
        "public_writes": set(),
    }
    for produce in (training_samples, outreach_samples):
        produced = produce(org_a=org_a, user_a=user_a)
        samples["params"].update(produced["params"])
        samples["api_params"].update(produced["api_params"])
        samples["markers"].extend(produced["markers"])
        samples["public_writes"].update(produced.get("public_writes", set()))
    targets = []
    for name, _route, params in page_patterns():
        if not name.startswith(OURS):
            continue
        values = samples["params"].get(name, {})
        assert set(params) <= set(values), f"{name} lacks samples"
        targets.append(reverse(name, kwargs={p: values[p] for p in params}))
    operations = [(p, m) for p, m in api_operations() if p.startswith(OUR_API)]
    assert len(targets) > 25 and len(operations) > 10
    for who, user in (("anonymous", None), ("member of B", user_b), ("member of A", user_a)):
        client.logout()
        if user is not None:
            client.force_login(user)
        for url in targets:
            response = client.get(url)
            if who == "member of A":
                assert response.status_code < 500, url
            else:
                assert_no_leak(response, samples["markers"], who, url)
        for path, method in operations:
            url = fill(path, samples["api_params"].get(path, {}))
            response = (
                client.get(url)
                if method == "GET"
                else client.generic(method, url, data="{}", content_type="application/json")
            )
            if who == "member of A":
                assert response.status_code < 500, f"{method} {url}"
                continue
            assert_no_leak(response, samples["markers"], who, f"{method} {url}")
            if method != "GET" and path not in samples["public_writes"]:
                assert response.status_code >= 400, f"{method} {url} accepted a write from {who}"


@pytest.mark.django_db
def test_organisation_a_members_who_edit_see_their_private_activity(
    client: Any, org_a: Any, user_a: Any
) -> None:
    training_samples(org_a=org_a, user_a=user_a)
    client.force_login(user_a)
    response = client.get(reverse("training:manage_activity", kwargs={"slug": "walk-private-activity"}))
    assert response.status_code == 200
    assert "WALKSECRET-A-participant" in response.content.decode()
