"""Property-based API testing with schemathesis: requests generated from the OpenAPI schema for every
operation must never make the server answer 500.

The schema is loaded from the WSGI application, so every new operation is fuzzed without listing it.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db


def operations() -> list:
    from rsca.config.wsgi import application

    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    return [result.ok() for result in schema.get_all_operations()]


def fuzz(operation, *, headers: dict[str, str] | None = None, examples: int = 8) -> None:
    strategy = operation.as_strategy()

    @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        case = data.draw(strategy)
        try:
            response = case.call(headers=headers or {})
        except Exception as error:  # the test client re-raises server errors: name the request
            raise AssertionError(
                f"{case.method} {case.formatted_path} query={case.query} body={case.body!r}"
            ) from error
        assert response.status_code < 500, (
            f"{case.method} {case.formatted_path} query={case.query} -> {response.status_code}: {response.text[:300]}"
        )

    run()


@pytest.fixture
def keep_test_connection():
    """Calling the WSGI app directly would close the test's database connection after each request
    (Django's test client avoids this the same way)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_no_generated_request_makes_any_api_operation_fail(user_a, keep_test_connection):
    from rsca.core.services import api_token_create

    _token, secret = api_token_create(user=user_a, name="fuzz")
    found = operations()
    assert len(found) >= 10
    for operation in found:
        fuzz(operation)
        fuzz(operation, headers={"Authorization": f"Bearer {secret}"}, examples=4)
