"""Schemathesis on the standards operations with more examples than the project-wide fuzz: whatever the
query (unknown codes, odd dates, empty strings, long strings), the answer is never a 500."""

from __future__ import annotations

import pytest

from tests.api.test_api_fuzz import fuzz, keep_test_connection, operations  # noqa: F401 - fixture re-export

pytestmark = pytest.mark.django_db


def test_standards_operations_never_fail(keep_test_connection):  # noqa: F811
    found = [op for op in operations() if op.path.startswith("/api/v1/standards")]
    assert len(found) >= 12
    for operation in found:
        fuzz(operation, examples=40)
