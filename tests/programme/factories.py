from __future__ import annotations

import datetime
from typing import Any

from rsca.programme.models import Indicator, Participation, Project, ResultNode


def make_project(*, owner: Any, slug: str = "test-project", public: bool = True) -> Project:
    project = Project.objects.create(
        slug=slug,
        iati_identifier=f"XM-TEST-{slug}",
        reporting_org_ref="XM-TEST",
        title_en=f"Project {slug}",
        title_zh="测试项目",
        description_en="A test project.",
        description_zh="测试项目说明。",
        owner=owner,
        is_public=public,
        planned_start=datetime.date(2024, 1, 1),
        planned_end=datetime.date(2026, 12, 31),
        default_currency="EUR",
        report_is_public=public,
    )
    Participation.objects.create(project=project, organisation=owner, role=Participation.Role.IMPLEMENTING)
    project.dac_sectors.create(
        code="16070", percentage=100
    )  # IATI's ruleset asks every activity for a sector
    return project


def make_indicator(
    *,
    project: Project,
    code: str = "I1",
    measure: str = "1",
    source: str = "manual",
    computation: str = "",
    dimensions: list[str] | None = None,
) -> Indicator:
    node, _ = ResultNode.objects.get_or_create(
        project=project, code="O1", defaults={"level": "objective", "title_en": "Objective"}
    )
    return Indicator.objects.create(
        node=node,
        code=code,
        title_en=f"Indicator {code}",
        title_zh=f"指标 {code}",
        measure=measure,
        source=source,
        computation=computation,
        dimensions=dimensions or [],
    )
