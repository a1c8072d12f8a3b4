"""Schemathesis-generated requests against the training and outreach operations, as a member and as
platform staff (who reaches the manager endpoints): none may answer 500."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.test_api_fuzz import fuzz, keep_test_connection, operations  # noqa: F401 - fixture re-used

pytestmark = pytest.mark.django_db


def test_generated_requests_never_break_training_or_outreach(
    user_a: Any,
    staff_user: Any,
    past: Any,
    keep_test_connection: Any,  # noqa: F811
) -> None:
    from rsca.core.services import api_token_create

    _token, member = api_token_create(user=user_a, name="fuzz-member")
    _token, staff = api_token_create(user=staff_user, name="fuzz-staff")
    ours = [op for op in operations() if op.path.startswith(("/api/v1/training", "/api/v1/outreach"))]
    assert len(ours) >= 15
    for operation in ours:
        fuzz(operation, headers={"Authorization": f"Bearer {member}"}, examples=5)
        fuzz(operation, headers={"Authorization": f"Bearer {staff}"}, examples=5)
