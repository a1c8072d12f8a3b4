"""Writes for dialogue records and follow-ups."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rsca.core.errors import Forbidden, InvalidInput
from rsca.core.models import Division, Organisation
from rsca.core.scoping import WRITE_ROLES, is_platform_staff, user_organisation_ids
from rsca.outreach.models import Dialogue, FollowUp
from rsca.outreach.selectors import can_edit_dialogue


@transaction.atomic
def dialogue_create(
    *,
    by: Any,
    title_en: str,
    title_zh: str = "",
    kind: str = Dialogue.Kind.MEETING,
    held_on: datetime.date | None = None,
    place_id: str | None = None,
    summary_en: str = "",
    summary_zh: str = "",
    organisations: list[Organisation] | None = None,
    activity_id: int | None = None,
    owner: Organisation | None = None,
    is_public: bool = False,
) -> Dialogue:
    """Record a dialogue; staff keep it for the programme (no owner), members for an organisation they edit for."""
    if not is_platform_staff(by) and (
        owner is None or owner.pk not in user_organisation_ids(by, roles=WRITE_ROLES)
    ):
        raise Forbidden(_("You can only record dialogues for an organisation you edit for."))
    if not title_en.strip() and not title_zh.strip():
        raise InvalidInput(
            _("A dialogue record needs a title."),
            code="missing_title",
            details=[{"column": "title_en", "message": _("required")}],
        )
    if place_id and not Division.objects.filter(code=place_id).exists():
        raise InvalidInput(
            _("“%(code)s” is not a province or city code.") % {"code": place_id[:20]},
            code="unknown_place",
            details=[{"column": "place", "message": _("unknown code")}],
        )
    if held_on is not None and held_on > timezone.localdate() + datetime.timedelta(days=366):
        raise InvalidInput(_("The date is more than a year ahead."), code="bad_date")
    dialogue = Dialogue.objects.create(
        title_en=title_en.strip() or title_zh.strip(),
        title_zh=title_zh.strip(),
        kind=kind,
        held_on=held_on,
        place_id=place_id or None,
        summary_en=summary_en.strip(),
        summary_zh=summary_zh.strip(),
        activity_id=activity_id,
        owner=owner,
        is_public=is_public,
        created_by=by if by.pk else None,
    )
    if organisations:
        dialogue.organisations.set(organisations)
    return dialogue


@transaction.atomic
def follow_up_create(
    *,
    dialogue: Dialogue,
    by: Any,
    action_en: str,
    action_zh: str = "",
    responsible: Organisation | None = None,
    due_on: datetime.date | None = None,
) -> FollowUp:
    if not can_edit_dialogue(by, dialogue):
        raise Forbidden(_("Only the record's keepers can add follow-ups."))
    if not action_en.strip() and not action_zh.strip():
        raise InvalidInput(
            _("Say what is to be done."),
            code="missing_action",
            details=[{"column": "action_en", "message": _("required")}],
        )
    return FollowUp.objects.create(
        dialogue=dialogue,
        action_en=action_en.strip() or action_zh.strip(),
        action_zh=action_zh.strip(),
        responsible=responsible,
        due_on=due_on,
    )


@transaction.atomic
def follow_up_set_status(*, follow_up: FollowUp, status: str, by: Any) -> FollowUp:
    if not can_edit_dialogue(by, follow_up.dialogue):
        raise Forbidden(_("Only the record's keepers can update follow-ups."))
    if status not in FollowUp.Status.values:
        raise InvalidInput(_("Unknown status."), code="bad_status")
    follow_up.status = status
    follow_up.completed_on = timezone.localdate() if status == FollowUp.Status.DONE else None
    follow_up.save(update_fields=["status", "completed_on"])
    return follow_up
