"""An operation that reads JSON answers 400 with the error body when a form or multipart body is sent instead
(the NUL-character middleware has already parsed the form, so the raw body cannot be read again)."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_multipart_body_to_a_json_operation_is_a_400_not_a_500(client) -> None:
    response = client.post("/api/v1/grievances", data={"description": "x"})  # test client sends multipart
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"
