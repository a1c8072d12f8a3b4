"""The one tenant-scoping primitive.

Every model that a selector reads declares `scope_q(*, user, org_ids) -> Q`: the rows a user who
belongs to `org_ids` may see. `visible_to` applies it; platform staff see everything. A model
without `scope_q` cannot be read through `visible_to` at all, so forgetting to scope fails loudly.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet

from rsca.core.models import Membership

M = TypeVar("M", bound=Model)

WRITE_ROLES = (Membership.Role.EDITOR, Membership.Role.ADMIN)


def user_organisation_ids(user: Any, *, roles: tuple[str, ...] | None = None) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    cache_attr = f"_rsca_org_ids_{'-'.join(roles) if roles else 'any'}"
    cached = getattr(user, cache_attr, None)
    if cached is not None:
        return set(cached)
    memberships = Membership.objects.filter(user_id=user.pk)
    if roles:
        memberships = memberships.filter(role__in=roles)
    ids = set(memberships.values_list("organisation_id", flat=True))
    setattr(user, cache_attr, frozenset(ids))
    return ids


def is_platform_staff(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_staff", False))


def visible_to(user: Any, queryset: QuerySet[M]) -> QuerySet[M]:
    """Restrict `queryset` to the rows `user` may read."""
    if is_platform_staff(user):
        return queryset
    scope_q = getattr(queryset.model, "scope_q", None)
    if scope_q is None:
        raise TypeError(
            f"{queryset.model.__name__} declares no scope_q; it cannot be read through a selector"
        )
    return queryset.filter(scope_q(user=user, org_ids=user_organisation_ids(user)))


def editable_by(user: Any, queryset: QuerySet[M]) -> QuerySet[M]:
    """Restrict `queryset` to the rows `user` may change: editor or admin role in the owning organisation."""
    if is_platform_staff(user):
        return queryset
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    scope_q = queryset.model.scope_q  # type: ignore[attr-defined]
    return queryset.filter(scope_q(user=user, org_ids=user_organisation_ids(user, roles=WRITE_ROLES)))


def can_edit_organisation(user: Any, organisation_id: int) -> bool:
    return is_platform_staff(user) or organisation_id in user_organisation_ids(user, roles=WRITE_ROLES)


def is_member(user: Any, organisation_id: int) -> bool:
    return is_platform_staff(user) or organisation_id in user_organisation_ids(user)
