from __future__ import annotations

import datetime
from typing import Any


def walk_samples(*, org_a: Any, user_a: Any) -> dict[str, Any]:
    from rsca.programme.models import Indicator, IndicatorPeriod, Project, ResultNode

    project = Project.objects.create(
        slug="walksecret-a-project",
        iati_identifier="XM-TEST-A-1",
        reporting_org_ref="XM-TEST",
        title_en="WALKSECRET-A-project",
        description_en="WALKSECRET-A-description",
        owner=org_a,
        is_public=False,
        planned_start=datetime.date(2024, 1, 1),
        planned_end=datetime.date(2025, 12, 31),
    )
    node = ResultNode.objects.create(
        project=project, level="objective", code="O1", title_en="WALKSECRET-A-objective"
    )
    indicator = Indicator.objects.create(
        node=node, code="I1", title_en="WALKSECRET-A-indicator", dimensions=["sex"]
    )
    IndicatorPeriod.objects.create(
        indicator=indicator,
        start=datetime.date(2024, 1, 1),
        end=datetime.date(2024, 12, 31),
        target=10,
        actual=4,
        evidence_en="WALKSECRET-A-evidence",
    )
    return {
        "params": {
            "programme:project_detail": {"slug": project.slug},
            "programme:project_iati": {"slug": project.slug},
            "programme:results": {"slug": project.slug},
            "programme:results_charts": {"slug": project.slug},
            "programme:values_import": {"slug": project.slug},
            "programme:report": {"slug": project.slug},
            "programme:report_pdf": {"slug": project.slug},
            "programme:report_xlsx": {"slug": project.slug},
            "programme:indicator": {"pk": indicator.pk},
        },
        "api_params": {
            "/api/v1/programme/projects/{slug}": {"slug": project.slug},
            "/api/v1/programme/projects/{slug}/results": {"slug": project.slug},
            "/api/v1/programme/projects/{slug}/dashboard": {"slug": project.slug},
            "/api/v1/programme/projects/{slug}/iati": {"slug": project.slug},
            "/api/v1/programme/indicators/{indicator_id}/periods": {"indicator_id": indicator.pk},
        },
        "markers": [
            "WALKSECRET-A-project",
            "WALKSECRET-A-description",
            "WALKSECRET-A-objective",
            "WALKSECRET-A-indicator",
            "WALKSECRET-A-evidence",
        ],
    }
