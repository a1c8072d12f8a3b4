"""Samples for the authorisation walk. The standards knowledge base is public reference data: it has no
records private to an organisation, so it contributes no markers; the walk still checks every page and
API path answers without a 500 for anonymous users and members of A and B."""

from __future__ import annotations

from typing import Any


def walk_samples(*, org_a: Any, user_a: Any) -> dict[str, Any]:
    return {
        "params": {
            "standards:instrument_detail": {"code": "CN-LABOUR-LAW"},
            "standards:topic_detail": {"code": "working-time"},
            "standards:country_profile": {"iso": "CN"},
        },
        "api_params": {
            "/api/v1/standards/instruments/{code}": {"code": "ILO-C138"},
            "/api/v1/standards/topics/{code}": {"code": "child-labour"},
            "/api/v1/standards/jurisdictions/{code}": {"code": "CN-440300"},
        },
        "markers": [],
    }
