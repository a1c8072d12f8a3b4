"""Writes for organisations, memberships, API tokens and task progress."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from rsca.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from rsca.core.models import ApiToken, Membership, Organisation, TaskProgress
from rsca.core.scoping import is_platform_staff

TOKEN_PREFIX = "rsca_"  # noqa: S105 - a public prefix, not a secret


def unique_slug(*, text: str, model: Any, field: str = "slug", max_length: int = 80) -> str:
    base = slugify(text)[: max_length - 8] or "item"
    slug, n = base, 2
    while model._default_manager.filter(**{field: slug}).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def organisation_create(
    *,
    name: str,
    type: str,
    enterprise_role: str = "",
    name_zh: str = "",
    acronym: str = "",
    country_id: str | None = None,
    is_public: bool = False,
    by: Any = None,
) -> Organisation:
    if Organisation.objects.filter(name__iexact=name.strip()).exists():
        raise Conflict(
            _("An organisation named “%(name)s” already exists.") % {"name": name}, code="organisation_exists"
        )
    organisation = Organisation.objects.create(
        name=name.strip(),
        name_zh=name_zh,
        acronym=acronym,
        slug=unique_slug(text=name, model=Organisation),
        type=type,
        enterprise_role=enterprise_role if type == Organisation.Type.ENTERPRISE else "",
        country_id=country_id,
        is_public=is_public,
    )
    if by is not None and getattr(by, "is_authenticated", False) and not is_platform_staff(by):
        Membership.objects.create(user=by, organisation=organisation, role=Membership.Role.ADMIN)
    return organisation


@transaction.atomic
def membership_set(*, organisation: Organisation, user: Any, role: str, by: Any) -> Membership:
    """Add a member or change their role; only the organisation's admins and platform staff may."""
    _require_org_admin(organisation=organisation, by=by)
    membership, _created = Membership.objects.update_or_create(
        organisation=organisation, user=user, defaults={"role": role}
    )
    return membership


def _require_org_admin(*, organisation: Organisation, by: Any) -> None:
    if not (
        is_platform_staff(by)
        or Membership.objects.filter(
            organisation=organisation, user_id=by.pk, role=Membership.Role.ADMIN
        ).exists()
        if getattr(by, "pk", None)
        else False
    ):
        raise Forbidden(_("Only the organisation's administrators can manage its members."))


@transaction.atomic
def membership_invite(
    *, organisation: Organisation, username_or_email: str, role: str, by: Any
) -> Membership:
    """Add an existing platform user (found by username or e-mail) to an organisation with a role."""
    from django.contrib.auth import get_user_model

    _require_org_admin(organisation=organisation, by=by)
    if role not in Membership.Role.values:
        raise InvalidInput(_("Unknown role “%(role)s”.") % {"role": role}, code="unknown_role")
    key = username_or_email.strip()
    users = get_user_model().objects.filter(is_active=True)
    user = users.filter(username__iexact=key).first() or users.filter(email__iexact=key).first()
    if user is None:
        raise NotFound(
            _("No user with the username or e-mail “%(key)s”.") % {"key": key}, code="unknown_user"
        )
    membership, _created = Membership.objects.update_or_create(
        organisation=organisation, user=user, defaults={"role": role}
    )
    return membership


@transaction.atomic
def membership_remove(*, organisation: Organisation, membership_id: int, by: Any) -> None:
    _require_org_admin(organisation=organisation, by=by)
    membership = Membership.objects.filter(organisation=organisation, pk=membership_id).first()
    if membership is None:
        raise NotFound(_("No such member."))
    admins = Membership.objects.filter(organisation=organisation, role=Membership.Role.ADMIN)
    if membership.role == Membership.Role.ADMIN and admins.count() == 1:
        raise Conflict(_("An organisation keeps at least one administrator."), code="last_admin")
    membership.delete()


def _hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: Any, name: str) -> tuple[ApiToken, str]:
    """Create a personal token; returns the token and its secret, which is never stored or shown again."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip()[:100] or "token", prefix=secret[:12], key_hash=_hash_token(secret)
    )
    return token, secret


@transaction.atomic
def api_token_revoke(*, user: Any, token_id: int) -> ApiToken:
    token = ApiToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        raise NotFound(_("No such token."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_authenticate(*, secret: str) -> Any:
    """The user a token belongs to, or None for an unknown or revoked token."""
    if not secret or not secret.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_hash_token(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


def task_progress_start(
    *, label: str, owner: Any = None, organisation: Organisation | None = None, total: int = 0
) -> TaskProgress:
    return TaskProgress.objects.create(
        label=label[:200],
        owner=owner if getattr(owner, "is_authenticated", False) else None,
        organisation=organisation,
        total=total,
    )


def task_progress_update(
    *,
    progress_id: int,
    done: int | None = None,
    total: int | None = None,
    status: str | None = None,
    message: str | None = None,
    result_url: str | None = None,
    task_result_id: str | None = None,
) -> None:
    """Record progress; a plain UPDATE so a long task can call it often without holding a transaction."""
    fields: dict[str, Any] = {"updated_at": timezone.now()}
    for name, value in (
        ("done", done),
        ("total", total),
        ("status", status),
        ("message", message),
        ("result_url", result_url),
        ("task_result_id", task_result_id),
    ):
        if value is not None:
            fields[name] = value
    TaskProgress.objects.filter(pk=progress_id).update(**fields)
