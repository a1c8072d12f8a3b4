"""Core endpoints: who am I, my tokens, organisations, reference data, task progress."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from rsca.api.auth import AUTH_REQUIRED
from rsca.api.pagination import PageNumberPagination
from rsca.core import selectors, services

router = Router(tags=["core"])


class MembershipOut(Schema):
    organisation: str
    organisation_slug: str
    role: str


class MeOut(Schema):
    username: str
    email: str
    is_staff: bool
    memberships: list[MembershipOut]


class TokenIn(Schema):
    name: str


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime.datetime
    last_used_at: datetime.datetime | None
    revoked_at: datetime.datetime | None


class TokenCreatedOut(TokenOut):
    secret: str


class OrganisationOut(Schema):
    slug: str
    name: str
    name_zh: str
    acronym: str
    type: str
    enterprise_role: str
    country: str | None
    website: str

    @staticmethod
    def resolve_country(obj: object) -> str | None:
        return getattr(obj, "country_id", None)


class CountryOut(Schema):
    iso2: str
    iso3: str
    name_en: str
    name_zh: str
    is_rsca: bool


class DivisionOut(Schema):
    code: str
    name_en: str
    name_zh: str
    level: str
    parent_id: str | None
    iso_code: str
    latitude: float | None
    longitude: float | None


class SectorOut(Schema):
    code: str
    name_en: str
    name_zh: str
    parent_id: str | None
    is_focus: bool


class TaskProgressOut(Schema):
    id: int
    label: str
    status: str
    done: int
    total: int
    percent: int
    message: str
    result_url: str
    updated_at: datetime.datetime


@router.get("/me", response=MeOut, auth=AUTH_REQUIRED)
def me(request: HttpRequest) -> dict[str, object]:
    user = request.user
    return {
        "username": user.get_username(),
        "email": getattr(user, "email", ""),
        "is_staff": bool(user.is_staff),
        "memberships": [
            {"organisation": m.organisation.name, "organisation_slug": m.organisation.slug, "role": m.role}
            for m in selectors.user_memberships(user=user)
        ],
    }


@router.get("/me/tokens", response=list[TokenOut], auth=AUTH_REQUIRED)
def token_list(request: HttpRequest) -> object:
    return selectors.api_token_list(user=request.user)


@router.post("/me/tokens", response={201: TokenCreatedOut}, auth=AUTH_REQUIRED)
def token_create(request: HttpRequest, payload: TokenIn) -> tuple[int, dict[str, object]]:
    token, secret = services.api_token_create(user=request.user, name=payload.name)
    return 201, {**TokenOut.model_validate(token).model_dump(), "secret": secret}


@router.delete("/me/tokens/{token_id}", response={204: None}, auth=AUTH_REQUIRED)
def token_revoke(request: HttpRequest, token_id: int) -> tuple[int, None]:
    services.api_token_revoke(user=request.user, token_id=token_id)
    return 204, None


@router.get("/organisations", response=list[OrganisationOut])
@paginate(PageNumberPagination)
def organisation_list(request: HttpRequest, type: str | None = None, q: str | None = None) -> object:
    return selectors.organisation_list(user=request.user, type=type, query=q)


@router.get("/organisations/{slug}", response=OrganisationOut)
def organisation_get(request: HttpRequest, slug: str) -> object:
    return selectors.organisation_get(user=request.user, slug=slug)


@router.get("/reference/countries", response=list[CountryOut])
def country_list(request: HttpRequest, rsca: bool = False) -> object:
    return selectors.country_list(rsca_only=rsca)


@router.get("/reference/divisions", response=list[DivisionOut])
def division_list(request: HttpRequest, level: str | None = None, parent: str | None = None) -> object:
    return selectors.division_list(level=level, parent=parent)


@router.get("/reference/sectors", response=list[SectorOut])
def sector_list(request: HttpRequest) -> object:
    return selectors.sector_list()


@router.get("/tasks/{progress_id}", response=TaskProgressOut, auth=AUTH_REQUIRED)
def task_progress(request: HttpRequest, progress_id: int) -> object:
    return selectors.task_progress_get(user=request.user, progress_id=progress_id)
