"""Dialogue records (what was discussed, with whom) and their follow-ups.

The stakeholder directory itself is made of `core.Organisation` rows (partners are public ones);
outreach adds the record of the conversations the programme holds with them.

Who sees what: a dialogue record marked public (published) is seen by everyone; otherwise only by platform
staff, the members of the organisation that keeps it and the members of the organisations it was held with
(the partners of the dialogue). Follow-ups are seen with their dialogue.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rsca.core.i18n import localised
from rsca.core.models import Division, Organisation


class Dialogue(models.Model):
    class Kind(models.TextChoices):
        MEETING = "meeting", _("meeting")
        POLICY_DIALOGUE = "policy_dialogue", _("policy dialogue")
        CONSULTATION = "consultation", _("consultation")
        PLATFORM = "platform", _("multi-stakeholder platform")
        FORUM = "forum", _("forum")
        OTHER = "other", _("other")

    title_en = models.CharField(_("title (English)"), max_length=255)
    title_zh = models.CharField(_("title (Chinese)"), max_length=255, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MEETING)
    held_on = models.DateField(_("date"), null=True, blank=True)
    place = models.ForeignKey(
        Division,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("province or city"),
    )
    summary_en = models.TextField(_("what was discussed (English)"), blank=True)
    summary_zh = models.TextField(_("what was discussed (Chinese)"), blank=True)
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="dialogues", verbose_name=_("with whom")
    )
    activity = models.ForeignKey(
        "training.Activity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dialogues",
        verbose_name=_("related activity"),
    )
    owner = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="kept_dialogues",
        verbose_name=_("kept by"),
        help_text=_("Empty for the programme team."),
    )
    is_public = models.BooleanField(_("public"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-created_at"]
        verbose_name = _("dialogue record")
        verbose_name_plural = _("dialogue records")

    def __str__(self) -> str:
        return localised(self, "title")

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return Q(is_public=True) | Q(owner_id__in=org_ids) | Q(pk__in=_held_with(org_ids))


def _held_with(org_ids: set[int]) -> Any:
    """Ids of the dialogues held with one of `org_ids` (a subquery, so the scoped list has no duplicates)."""
    return Dialogue.organisations.through.objects.filter(organisation_id__in=org_ids).values("dialogue_id")


class FollowUp(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        DROPPED = "dropped", _("dropped")

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="follow_ups")
    action_en = models.TextField(_("action (English)"))
    action_zh = models.TextField(_("action (Chinese)"), blank=True)
    responsible = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("responsible"),
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    completed_on = models.DateField(_("completed"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["dialogue", "due_on", "id"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return localised(self, "action")[:80]

    @classmethod
    def scope_q(cls, *, user: Any, org_ids: set[int]) -> Q:
        return (
            Q(dialogue__is_public=True)
            | Q(dialogue__owner_id__in=org_ids)
            | Q(dialogue_id__in=_held_with(org_ids))
        )
