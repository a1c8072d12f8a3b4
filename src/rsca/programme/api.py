"""Programme API: the programme profile, the portfolio, results, indicator periods and IATI XML."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema
from ninja.pagination import paginate

from rsca.api.auth import AUTH_REQUIRED
from rsca.api.pagination import PageNumberPagination
from rsca.core.i18n import localised
from rsca.programme import selectors, services
from rsca.programme.iati import activities_xml

PREFIX = "programme"
router = Router(tags=["programme"])


class PartnerOut(Schema):
    name: str
    name_zh: str
    group: str
    role_en: str
    role_zh: str
    organisation_slug: str | None


class AreaOut(Schema):
    code: str
    name_en: str
    name_zh: str
    description_en: str
    description_zh: str


class ProgrammeOut(Schema):
    slug: str
    acronym: str
    title_en: str
    title_zh: str
    summary_en: str
    summary_zh: str
    start: datetime.date
    end: datetime.date
    funding_amount: Decimal
    funding_currency: str
    donor: str
    countries: list[str]
    sectors: list[str]
    target_beneficiaries_en: str
    target_beneficiaries_zh: str
    geographic_focus_en: str
    geographic_focus_zh: str
    partners: list[PartnerOut]
    areas: list[AreaOut]


class ProjectBase(Schema):
    slug: str
    iati_identifier: str
    identifier_is_provisional: bool
    title_en: str
    title_zh: str
    status: str
    planned_start: datetime.date | None
    planned_end: datetime.date | None
    actual_start: datetime.date | None
    actual_end: datetime.date | None
    countries: list[str]
    funding_note_en: str
    funding_note_zh: str
    sdg_targets: list[str]


class ProjectOut(ProjectBase):
    @staticmethod
    def resolve_countries(obj: Any) -> list[str]:
        return [c.iso2 for c in obj.countries.all()]


class ParticipationOut(Schema):
    organisation: str
    role: str
    iati_ref: str


class MoneyOut(Schema):
    kind: str
    date_from: datetime.date
    date_to: datetime.date | None
    value: Decimal
    currency: str


class ProjectDetailOut(ProjectBase):
    description_en: str
    description_zh: str
    dac_sectors: list[str]
    participations: list[ParticipationOut]
    money: list[MoneyOut]


class DisaggregationOut(Schema):
    kind: str
    dimension: str
    value_label: str
    value: Decimal


class PeriodOut(Schema):
    id: int
    start: datetime.date
    end: datetime.date
    target: Decimal | None
    actual: Decimal | None
    evidence_en: str
    evidence_zh: str
    evidence_url: str
    disaggregations: list[DisaggregationOut]


class IndicatorOut(Schema):
    id: int
    code: str
    title_en: str
    title_zh: str
    measure: str
    unit_en: str
    source: str
    computation: str
    dimensions: list[str]
    baseline_value: Decimal | None
    baseline_date: datetime.date | None
    periods: list[PeriodOut]


class ResultOut(Schema):
    code: str
    level: str
    parent: str | None
    title_en: str
    title_zh: str
    indicators: list[IndicatorOut]


class PeriodIn(Schema):
    start: datetime.date
    end: datetime.date
    target: str | float | None = None
    actual: str | float | None = None
    evidence_en: str = ""
    evidence_zh: str = ""
    evidence_url: str = ""
    target_disaggregation: dict[str, dict[str, str | float]] | None = None
    actual_disaggregation: dict[str, dict[str, str | float]] | None = None


def _indicator_out(indicator: Any) -> dict[str, Any]:
    return {
        "id": indicator.pk,
        "code": indicator.code,
        "title_en": indicator.title_en,
        "title_zh": indicator.title_zh,
        "measure": indicator.measure,
        "unit_en": indicator.unit_en,
        "source": indicator.source,
        "computation": indicator.computation,
        "dimensions": indicator.dimensions,
        "baseline_value": indicator.baseline_value,
        "baseline_date": indicator.baseline_date,
        "periods": [
            {
                "id": p.pk,
                "start": p.start,
                "end": p.end,
                "target": p.target,
                "actual": p.actual,
                "evidence_en": p.evidence_en,
                "evidence_zh": p.evidence_zh,
                "evidence_url": p.evidence_url,
                "disaggregations": [
                    {"kind": d.kind, "dimension": d.dimension, "value_label": d.value_label, "value": d.value}
                    for d in p.disaggregations.all()
                ],
            }
            for p in indicator.periods.all()
        ],
    }


@router.get("/programme", response=ProgrammeOut)
def programme_get(request: HttpRequest) -> dict[str, Any]:
    programme = selectors.programme_get(user=request.user)
    return {
        **{
            f: getattr(programme, f)
            for f in (
                "slug",
                "acronym",
                "title_en",
                "title_zh",
                "summary_en",
                "summary_zh",
                "start",
                "end",
                "funding_amount",
                "funding_currency",
                "target_beneficiaries_en",
                "target_beneficiaries_zh",
                "geographic_focus_en",
                "geographic_focus_zh",
            )
        },
        "donor": programme.donor.name,
        "countries": [c.iso2 for c in programme.countries.all()],
        "sectors": [s.code for s in programme.sectors.all()],
        "partners": [
            {
                "name": p.organisation.name if p.organisation else p.label_en,
                "name_zh": p.organisation.name_zh if p.organisation else p.label_zh,
                "group": p.group,
                "role_en": p.role_en,
                "role_zh": p.role_zh,
                "organisation_slug": p.organisation.slug if p.organisation else None,
            }
            for p in programme.partners.all()
        ],
        "areas": list(
            programme.areas.values("code", "name_en", "name_zh", "description_en", "description_zh")
        ),
    }


@router.get("/projects", response=list[ProjectOut])
@paginate(PageNumberPagination)
def project_list(
    request: HttpRequest, country: str | None = None, status: str | None = None, q: str | None = None
) -> Any:
    return selectors.project_list(user=request.user, country=country, status=status, query=q)


@router.get("/projects/{slug}", response=ProjectDetailOut)
def project_get(request: HttpRequest, slug: str) -> dict[str, Any]:
    project = selectors.project_get(user=request.user, slug=slug)
    money = [
        {
            "kind": f"budget:{b.get_type_display()}",
            "date_from": b.period_start,
            "date_to": b.period_end,
            "value": b.value,
            "currency": b.currency,
        }
        for b in project.budgets.all()
    ]
    money += [
        {
            "kind": f"transaction:{t.get_type_display()}",
            "date_from": t.date,
            "date_to": None,
            "value": t.value,
            "currency": t.currency,
        }
        for t in project.transactions.all()
    ]
    return {
        **ProjectOut.model_validate(project).model_dump(),
        "description_en": project.description_en,
        "description_zh": project.description_zh,
        "dac_sectors": [s.code for s in project.dac_sectors.all()],
        "participations": [
            {"organisation": p.organisation.name, "role": p.get_role_display(), "iati_ref": p.iati_ref}
            for p in project.participations.all()
        ],
        "money": money,
    }


@router.get("/projects/{slug}/results", response=list[ResultOut])
def project_results(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    project = selectors.project_get(user=request.user, slug=slug)
    services.indicator_actuals_refresh(project=project)
    out: list[dict[str, Any]] = []

    def walk(items: list[selectors.FrameworkNode]) -> None:
        for item in items:
            node = item.node
            out.append(
                {
                    "code": node.code,
                    "level": node.level,
                    "parent": node.parent.code if node.parent else None,
                    "title_en": node.title_en,
                    "title_zh": node.title_zh,
                    "indicators": [_indicator_out(i) for i in item.indicators],
                }
            )
            walk(item.children)

    walk(selectors.results_framework(user=request.user, project=project))
    return out


@router.get("/projects/{slug}/dashboard")
def project_dashboard(
    request: HttpRequest,
    slug: str,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> dict[str, Any]:
    project = selectors.project_brief(user=request.user, slug=slug)
    services.indicator_actuals_refresh(project=project)
    data = selectors.results_dashboard(
        user=request.user, project=project, date_from=date_from, date_to=date_to
    )
    return {"project": project.slug, "title": localised(project, "title"), "indicators": data["indicators"]}


@router.get("/projects/{slug}/iati", response={200: None})
def project_iati(request: HttpRequest, slug: str) -> HttpResponse:
    projects = selectors.projects_for_export(user=request.user, slug=slug)
    for project in projects:
        services.indicator_actuals_refresh(project=project)
    return HttpResponse(activities_xml(projects), content_type="application/xml; charset=utf-8")


@router.post("/indicators/{indicator_id}/periods", response={201: PeriodOut}, auth=AUTH_REQUIRED)
def period_create(request: HttpRequest, indicator_id: int, payload: PeriodIn) -> tuple[int, dict[str, Any]]:
    indicator = selectors.indicator_get(user=request.user, pk=indicator_id)

    def flat(nested: dict[str, dict[str, str | float]] | None) -> dict[tuple[str, str], Any] | None:
        if nested is None:
            return None
        return {
            (dimension, label): value
            for dimension, values in nested.items()
            for label, value in values.items()
        }

    period = services.indicator_period_save(
        indicator=indicator,
        start=payload.start,
        end=payload.end,
        target=payload.target,
        actual=payload.actual,
        evidence_en=payload.evidence_en,
        evidence_zh=payload.evidence_zh,
        evidence_url=payload.evidence_url,
        target_breakdown=flat(payload.target_disaggregation),
        actual_breakdown=flat(payload.actual_disaggregation),
        period=indicator.periods.filter(start=payload.start, end=payload.end).first(),
        by=request.user,
    )
    refreshed = _indicator_out(selectors.indicator_get(user=request.user, pk=indicator.pk))
    return 201, next(p for p in refreshed["periods"] if p["id"] == period.pk)
