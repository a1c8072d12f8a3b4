from __future__ import annotations

import pytest

from rsca.core.models import ApiToken
from rsca.core.services import api_token_create, api_token_revoke

pytestmark = pytest.mark.django_db


def test_me_is_401_with_an_error_code_when_anonymous(client):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_me_answers_for_a_session_user_with_their_memberships(client_a):
    body = client_a.get("/api/v1/me").json()
    assert body["username"] == "alice"
    assert body["memberships"][0]["organisation_slug"] == "org-a"


def test_a_token_is_stored_hashed_works_as_bearer_and_stops_working_when_revoked(client, user_a):
    token, secret = api_token_create(user=user_a, name="sync")
    assert secret not in {t.key_hash for t in ApiToken.objects.all()}
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}").json()["username"] == "alice"
    assert client.get("/api/v1/me", HTTP_X_API_TOKEN=secret).status_code == 200
    api_token_revoke(user=user_a, token_id=token.pk)
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


def test_a_bad_token_on_a_public_endpoint_is_refused_not_downgraded_to_anonymous(client):
    response = client.get("/api/v1/organisations", HTTP_AUTHORIZATION="Bearer rsca_nonsense")
    assert response.status_code == 401


def test_tokens_are_created_and_revoked_through_the_api_with_csrf_enforced(user_a):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(user_a)
    refused = csrf_client.post("/api/v1/me/tokens", {"name": "x"}, content_type="application/json")
    assert refused.status_code in (401, 403)

    _token, secret = api_token_create(user=user_a, name="bootstrap")
    created = csrf_client.post(
        "/api/v1/me/tokens",
        {"name": "ci"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert created.status_code == 201
    new_id = created.json()["id"]
    assert created.json()["secret"].startswith("rsca_")
    deleted = csrf_client.delete(f"/api/v1/me/tokens/{new_id}", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert deleted.status_code == 204
    assert ApiToken.objects.get(pk=new_id).revoked_at is not None


def test_another_users_token_cannot_be_revoked(client, user_a, user_b):
    token, _ = api_token_create(user=user_a, name="mine")
    client.force_login(user_b)
    response = client.delete(f"/api/v1/me/tokens/{token.pk}")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "No such token.", "details": None}


def test_lists_are_paginated_and_validation_errors_have_the_common_body(client):
    body = client.get("/api/v1/organisations?page=1").json()
    assert set(body) == {"items", "count"}
    bad = client.get("/api/v1/organisations?page=zero")
    assert bad.status_code == 422
    assert bad.json()["code"] == "invalid_input"


def test_reference_data_is_public_and_has_shenzhen_with_its_division_code(client):
    divisions = client.get("/api/v1/reference/divisions?parent=440000").json()
    shenzhen = next(d for d in divisions if d["code"] == "440300")
    assert shenzhen["name_zh"] == "深圳市" and shenzhen["name_en"] == "Shenzhen"
    assert 22 < shenzhen["latitude"] < 23


def test_the_openapi_schema_and_docs_are_served(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/me" in schema["paths"]
    assert client.get("/api/v1/docs").status_code == 200
