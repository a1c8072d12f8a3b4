"""Scoped reads for core data."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from rsca.core.errors import NotFound
from rsca.core.models import (
    ApiToken,
    AuditEvent,
    Country,
    Division,
    Membership,
    Organisation,
    Sector,
    TaskProgress,
)
from rsca.core.scoping import is_platform_staff, visible_to


def organisation_list(
    *, user: Any, type: str | None = None, query: str | None = None
) -> QuerySet[Organisation]:
    qs = visible_to(user, Organisation.objects.select_related("country"))
    if type:
        qs = qs.filter(type=type)
    if query:
        qs = (
            qs.filter(name__icontains=query)
            | qs.filter(name_zh__icontains=query)
            | qs.filter(acronym__iexact=query)
        )
    return qs.order_by("name")


def organisation_get(*, user: Any, slug: str) -> Organisation:
    organisation = visible_to(user, Organisation.objects.all()).filter(slug=slug).first()
    if organisation is None:
        raise NotFound("No such organisation.")
    return organisation


def organisation_members(*, user: Any, organisation: Organisation) -> QuerySet[Membership]:
    return visible_to(user, Membership.objects.filter(organisation=organisation)).select_related("user")


def can_manage_members(*, user: Any, organisation: Organisation) -> bool:
    return (
        is_platform_staff(user)
        or Membership.objects.filter(
            organisation=organisation, user_id=user.pk, role=Membership.Role.ADMIN
        ).exists()
        if getattr(user, "pk", None)
        else False
    )


def user_memberships(*, user: Any) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user_id=user.pk)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def api_token_list(*, user: Any) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user_id=user.pk).order_by("-created_at")


def audit_event_list(
    *, user: Any, target_type: str | None = None, query: str | None = None
) -> QuerySet[AuditEvent]:
    if not is_platform_staff(user):
        return AuditEvent.objects.none()
    qs = AuditEvent.objects.select_related("actor")
    if target_type:
        qs = qs.filter(target_type=target_type)
    if query:
        qs = qs.filter(target_repr__icontains=query) | qs.filter(actor_repr__icontains=query)
    return qs


def task_progress_get(*, user: Any, progress_id: int) -> TaskProgress:
    progress = (
        visible_to(user, TaskProgress.objects.all()).filter(pk=progress_id).first()
        if getattr(user, "is_authenticated", False)
        else None
    )
    if progress is None:
        raise NotFound("No such task.")
    return progress


def country_list(*, rsca_only: bool = False) -> QuerySet[Country]:
    qs = Country.objects.all()
    return qs.filter(is_rsca=True) if rsca_only else qs


def division_list(*, level: str | None = None, parent: str | None = None) -> QuerySet[Division]:
    qs = Division.objects.all()
    if level:
        qs = qs.filter(level=level)
    if parent:
        qs = qs.filter(parent_id=parent)
    return qs


def sector_list() -> QuerySet[Sector]:
    return Sector.objects.all()
