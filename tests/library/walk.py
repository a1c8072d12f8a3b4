from __future__ import annotations

import datetime
from typing import Any


def walk_samples(*, org_a: Any, user_a: Any) -> dict[str, Any]:
    from rsca.library.models import Resource
    from rsca.library.services import resource_search_text

    resource = Resource(
        slug="walksecret-a-report",
        kind="research",
        title_en="WALKSECRET-A-report",
        summary_en="WALKSECRET-A-summary supply chain",
        date=datetime.date(2024, 5, 1),
        owner=org_a,
        is_public=False,
    )
    resource.search_text = resource_search_text(resource)
    resource.save()
    return {
        "params": {
            "library:detail": {"slug": resource.slug},
            "library:edit": {"slug": resource.slug},
            "library:upload_template_file": {"name": "roster-template-en.csv"},
        },
        "api_params": {"/api/v1/library/resources/{slug}": {"slug": resource.slug}},
        "markers": ["WALKSECRET-A-report", "WALKSECRET-A-summary"],
    }
