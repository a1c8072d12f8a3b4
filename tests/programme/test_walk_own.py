"""The authorisation walk restricted to the programme and library pages and API operations.

The global walk (tests/test_authorisation_walk.py) covers everything; this one checks our own
endpoints in isolation, so a missing sample in another app cannot hide a leak here.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.library.walk import walk_samples as library_samples
from tests.programme.walk import walk_samples as programme_samples
from tests.test_authorisation_walk import api_operations, assert_no_leak, fill, page_patterns

OWN = ("programme:", "library:")


@pytest.mark.django_db
def test_programme_and_library_endpoints_keep_organisation_a_private(client, org_a, user_a, org_b, user_b):
    samples = {"params": {}, "api_params": {}, "markers": ["WALKSECRET-A"]}
    for provider in (programme_samples, library_samples):
        found = provider(org_a=org_a, user_a=user_a)
        samples["params"].update(found["params"])
        samples["api_params"].update(found["api_params"])
        samples["markers"].extend(found["markers"])
    targets = []
    for name, _route, params in page_patterns():
        if not name.startswith(OWN):
            continue
        values = samples["params"].get(name, {})
        assert set(params) <= set(values), f"{name} needs samples for {params}"
        targets.append(reverse(name, kwargs={p: values[p] for p in params}))
    operations = [
        (p, m) for p, m in api_operations() if p.startswith(("/api/v1/programme", "/api/v1/library"))
    ]
    assert len(targets) >= 18 and len(operations) >= 9
    for who, user in (("anonymous", None), ("member of B", user_b), ("member of A", user_a)):
        client.logout()
        if user is not None:
            client.force_login(user)
        for url in targets + [u + "?q=walksecret" for u in targets if u.endswith("/library/")]:
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
            if method != "GET":
                assert response.status_code >= 400


@pytest.mark.django_db
def test_member_of_a_sees_its_private_project_and_resource(client, org_a, user_a):
    programme_samples(org_a=org_a, user_a=user_a)
    library_samples(org_a=org_a, user_a=user_a)
    client.force_login(user_a)
    assert "WALKSECRET-A-project" in client.get("/projects/walksecret-a-project/").content.decode()
    assert "/library/walksecret-a-report/" in client.get("/library/?q=walksecret").content.decode()
    assert "WALKSECRET-A-report" in client.get("/library/walksecret-a-report/").content.decode()
