"""Reads for the stakeholder directory and dialogue records, scoped to what the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from rsca.core.errors import NotFound
from rsca.core.models import Organisation
from rsca.core.scoping import is_platform_staff, user_organisation_ids, visible_to
from rsca.outreach.models import Dialogue, FollowUp


def stakeholder_directory(
    *, user: Any, type: str | None = None, query: str | None = None
) -> QuerySet[Organisation]:
    """Organisations the user may see (the programme's public partners and their own), with how often they
    organised or partnered in activities and took part in the dialogues the user may see."""
    qs = visible_to(user, Organisation.objects.select_related("country"))
    if type:
        qs = qs.filter(type=type)
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(name_zh__icontains=query) | Q(acronym__iexact=query))
    visible_dialogues = visible_to(user, Dialogue.objects.all()).values("pk")
    return qs.annotate(
        organised=Count(
            "organised_activities", filter=Q(organised_activities__is_published=True), distinct=True
        ),
        partnered=Count(
            "partnered_activities", filter=Q(partnered_activities__is_published=True), distinct=True
        ),
        dialogue_count=Count("dialogues", filter=Q(dialogues__in=visible_dialogues), distinct=True),
    ).order_by("type", "name")


def dialogue_list(
    *, user: Any, organisation: str | None = None, open_follow_ups: bool = False, query: str | None = None
) -> QuerySet[Dialogue]:
    qs = visible_to(user, Dialogue.objects.select_related("place", "owner", "activity")).prefetch_related(
        "organisations"
    )
    if organisation:
        qs = qs.filter(pk__in=Dialogue.objects.filter(organisations__slug=organisation).values("pk"))
    if query:
        qs = qs.filter(
            Q(title_en__icontains=query)
            | Q(title_zh__icontains=query)
            | Q(summary_en__icontains=query)
            | Q(summary_zh__icontains=query)
        )
    qs = qs.annotate(
        open_count=Count(
            "follow_ups", filter=Q(follow_ups__status__in=[FollowUp.Status.OPEN, FollowUp.Status.IN_PROGRESS])
        )
    )
    if open_follow_ups:
        qs = qs.filter(open_count__gt=0)
    return qs.order_by("-held_on", "-created_at")


def dialogue_get(*, user: Any, dialogue_id: int) -> Dialogue:
    dialogue = (
        visible_to(user, Dialogue.objects.select_related("place", "owner", "activity"))
        .filter(pk=dialogue_id)
        .first()
    )
    if dialogue is None:
        raise NotFound(_("No such dialogue record."))
    return dialogue


def follow_up_list(*, user: Any, dialogue: Dialogue) -> QuerySet[FollowUp]:
    return visible_to(user, FollowUp.objects.filter(dialogue=dialogue)).select_related("responsible")


def follow_up_get(*, user: Any, follow_up_id: int) -> FollowUp:
    follow_up = visible_to(user, FollowUp.objects.select_related("dialogue")).filter(pk=follow_up_id).first()
    if follow_up is None:
        raise NotFound(_("No such follow-up."))
    return follow_up


def can_edit_dialogue(user: Any, dialogue: Dialogue) -> bool:
    from rsca.core.scoping import WRITE_ROLES

    if is_platform_staff(user):
        return True
    return dialogue.owner_id is not None and dialogue.owner_id in user_organisation_ids(
        user, roles=WRITE_ROLES
    )
