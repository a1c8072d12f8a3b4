"""Keeping derived results data current without anyone having to remember it.

* Any change to a project's results framework (node, indicator, period, disaggregation) gives
  `Project.results_version` a new random value, the key of the cached dashboards: a cached dashboard is never
  served after its data changed, in any process (the version lives in the database).
* A change to a project's own record, budgets or transactions gives it a new version too: the cached donor reports
  show them (`reports.py`).
* A finished compliance check or a changed corrective action marks the compliance-computed periods stale, a
  changed activity, registration, attendance, test, feedback or participant the training-computed ones, and a saved
  facility, buyer link or facility list (a committed list created its facilities and links in bulk, without
  signals) the supply-chain-computed ones, so the next page, report, export or `refresh-indicators` recomputes them
  at once instead of after `COMPUTED_MAX_AGE`.
"""

from __future__ import annotations

import weakref
from typing import Any

from django.db.models import Model
from django.db.models.signals import post_delete, post_save

from rsca.programme.computed import computations_of


def source_models() -> dict[str, tuple[type[Model], ...]]:
    """The models of the lower layers whose changes make computed indicators stale, by source of computation.
    Programme is the top layer, so it names them directly (no model-name strings)."""
    from rsca.compliance.models import ComplianceCheck, CorrectiveAction
    from rsca.supplychain.models import Facility, FacilityListUpload, SupplyRelationship
    from rsca.training.models import Activity, Attendance, Feedback, Participant, Registration, TestAttempt

    return {
        "compliance": (ComplianceCheck, CorrectiveAction),
        "supplychain": (Facility, SupplyRelationship, FacilityListUpload),
        "training": (Activity, Registration, Attendance, TestAttempt, Feedback, Participant),
    }


def bump_results_version(**project_filter: Any) -> None:
    from rsca.programme.models import Project, new_results_version

    Project.objects.filter(**project_filter).update(results_version=new_results_version())


_CASCADES_SEEN: weakref.WeakSet[Any] = weakref.WeakSet()


def _already_bumped(instance: Any, origin: Any) -> bool:
    """In a cascading delete, one new version per deletion is enough (not one per disaggregation), and none
    when the project itself goes."""
    if origin is None or origin is instance:
        return False
    from rsca.programme.models import Project

    if isinstance(origin, Project) or getattr(origin, "model", None) is Project:
        return True  # the project row goes too: no cache can be keyed on it any more
    try:
        if origin in _CASCADES_SEEN:
            return True
        _CASCADES_SEEN.add(origin)
    except TypeError:  # not hashable or not weakly referenceable: bump every time
        return False
    return False


def _period_changed(
    sender: type[Model], instance: Any, update_fields: Any = None, origin: Any = None, **_: Any
) -> None:
    if update_fields is not None and set(update_fields) <= {"actual_computed_at"}:
        return  # a refresh that found nothing new
    if not _already_bumped(instance, origin):
        bump_results_version(results__indicators__id=instance.indicator_id)


def _disaggregation_changed(sender: type[Model], instance: Any, origin: Any = None, **_: Any) -> None:
    if not _already_bumped(instance, origin):
        bump_results_version(results__indicators__periods__id=instance.period_id)


def _indicator_changed(sender: type[Model], instance: Any, origin: Any = None, **_: Any) -> None:
    if not _already_bumped(instance, origin):
        bump_results_version(results__id=instance.node_id)


def _node_changed(sender: type[Model], instance: Any, origin: Any = None, **_: Any) -> None:
    if not _already_bumped(instance, origin):
        bump_results_version(pk=instance.project_id)


def _project_changed(sender: type[Model], instance: Any, raw: bool = False, **_: Any) -> None:
    """The project's own fields appear in its reports: a saved project gets a new version, in the database and on
    the instance (so saving the same instance again cannot write the old version back)."""
    if raw:
        return
    from rsca.programme.models import Project, new_results_version

    instance.results_version = new_results_version()
    Project.objects.filter(pk=instance.pk).update(results_version=instance.results_version)


def _money_changed(
    sender: type[Model], instance: Any, raw: bool = False, origin: Any = None, **_: Any
) -> None:
    if not raw and not _already_bumped(instance, origin):
        bump_results_version(pk=instance.project_id)


def mark_stale(source: str) -> int:
    """Make the next refresh recompute every period of the indicators computed from `source`."""
    from rsca.programme.models import IndicatorPeriod

    return IndicatorPeriod.objects.filter(
        indicator__computation__in=computations_of(source), actual_computed_at__isnull=False
    ).update(actual_computed_at=None)


def _stale_marker(source: str) -> Any:
    def receiver(sender: type[Model], raw: bool = False, **_: Any) -> None:
        if not raw:
            mark_stale(source)

    return receiver


_RECEIVERS: list[Any] = []  # strong references: signals hold receivers weakly


def connect() -> None:
    from rsca.programme.models import (
        Budget,
        Disaggregation,
        Indicator,
        IndicatorPeriod,
        Project,
        ResultNode,
        Transaction,
    )

    post_save.connect(_project_changed, sender=Project, dispatch_uid="programme-version-save-Project")
    for model, receiver in (
        (IndicatorPeriod, _period_changed),
        (Disaggregation, _disaggregation_changed),
        (Indicator, _indicator_changed),
        (ResultNode, _node_changed),
        (Budget, _money_changed),
        (Transaction, _money_changed),
    ):
        post_save.connect(receiver, sender=model, dispatch_uid=f"programme-version-save-{model.__name__}")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"programme-version-delete-{model.__name__}")
    for source, models in source_models().items():
        receiver = _stale_marker(source)
        _RECEIVERS.append(receiver)
        for watched in models:
            uid = f"programme-stale-{watched._meta.label_lower}"
            post_save.connect(receiver, sender=watched, dispatch_uid=f"{uid}-save")
            post_delete.connect(receiver, sender=watched, dispatch_uid=f"{uid}-delete")
