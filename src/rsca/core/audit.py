"""Audit log: every create, update and delete of a registered model, with who and what changed.

Apps register their models in `AppConfig.ready()` with `audit.register(Model)`. The actor is the
user of the current request (set by `CurrentActorMiddleware`) or of an `acting_as` block, which
management commands and tasks use.
"""

from __future__ import annotations

import contextlib
import datetime
import decimal
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save

current_actor: ContextVar[Any] = ContextVar("rsca_current_actor", default=None)

_excluded: dict[type[models.Model], set[str]] = {}


@contextlib.contextmanager
def acting_as(user: Any) -> Iterator[None]:
    token = current_actor.set(user)
    try:
        yield
    finally:
        current_actor.reset(token)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, list | dict):
        return value
    return str(value)


def _snapshot(instance: models.Model) -> dict[str, Any]:
    excluded = _excluded.get(type(instance), set())
    return {
        field.attname: _plain(getattr(instance, field.attname))
        for field in instance._meta.concrete_fields
        if field.name not in excluded and field.attname not in excluded
    }


def _actor() -> Any:
    actor = current_actor.get()
    return actor if getattr(actor, "is_authenticated", False) else None


def _stored_actor(who: Any) -> tuple[Any, str]:
    """The user to link and the name to show. A user that is not in the database (the platform acting on a
    fresh installation, where no staff account exists yet) is recorded by name only: "system" or its username."""
    if who is None:
        return None, "system"
    name = str(getattr(who, "username", "") or "system")
    return (who if getattr(who, "pk", None) is not None else None), name


def audit_record(
    *,
    action: str,
    target: models.Model,
    changes: dict[str, Any] | None = None,
    verb: str = "",
    actor: Any = None,
) -> None:
    from rsca.core.models import AuditEvent

    who, name = _stored_actor(actor if actor is not None else _actor())
    AuditEvent.objects.create(
        actor=who,
        actor_repr=name,
        action=action,
        verb=verb,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_repr=str(target)[:255],
        changes=changes or {},
    )


def _before_save(sender: type[models.Model], instance: models.Model, raw: bool = False, **_: Any) -> None:
    if raw or instance.pk is None or instance._state.adding:
        instance._audit_before = None  # type: ignore[attr-defined]
        return
    previous = sender._default_manager.filter(pk=instance.pk).first()
    instance._audit_before = _snapshot(previous) if previous else None  # type: ignore[attr-defined]


def _after_save(
    sender: type[models.Model], instance: models.Model, created: bool, raw: bool = False, **_: Any
) -> None:
    if raw:
        return
    after = _snapshot(instance)
    before = getattr(instance, "_audit_before", None)
    if created or before is None:
        audit_record(action="create", target=instance, changes={k: [None, v] for k, v in after.items()})
        return
    diff = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
    if diff:
        audit_record(action="update", target=instance, changes=diff)


def _after_delete(sender: type[models.Model], instance: models.Model, **_: Any) -> None:
    audit_record(
        action="delete", target=instance, changes={k: [v, None] for k, v in _snapshot(instance).items()}
    )


def register(model: type[models.Model], *, exclude: set[str] | None = None) -> None:
    _excluded[model] = set(exclude or ())
    uid = f"rsca-audit-{model._meta.label_lower}"
    pre_save.connect(_before_save, sender=model, dispatch_uid=f"{uid}-pre")
    post_save.connect(_after_save, sender=model, dispatch_uid=f"{uid}-post")
    post_delete.connect(_after_delete, sender=model, dispatch_uid=f"{uid}-delete")


def is_registered(model: type[models.Model]) -> bool:
    return model in _excluded
