"""Samples for the authorisation walk: organisation A's internal dialogue record and its follow-up."""

from __future__ import annotations

from typing import Any


def walk_samples(*, org_a: Any, user_a: Any) -> dict[str, Any]:
    from rsca.outreach.models import Dialogue, FollowUp

    dialogue = Dialogue.objects.create(
        title_en="WALKSECRET-A-dialogue with a supplier",
        summary_en="WALKSECRET-A-dialogue notes",
        owner=org_a,
        is_public=False,
    )
    dialogue.organisations.add(org_a)
    follow_up = FollowUp.objects.create(dialogue=dialogue, action_en="WALKSECRET-A-followup action")
    return {
        "params": {
            "outreach:dialogue_detail": {"dialogue_id": dialogue.pk},
            "outreach:follow_up_create": {"dialogue_id": dialogue.pk},
            "outreach:follow_up_status": {"follow_up_id": follow_up.pk},
        },
        "api_params": {
            "/api/v1/outreach/dialogues/{dialogue_id}": {"dialogue_id": dialogue.pk},
            "/api/v1/outreach/dialogues/{dialogue_id}/follow-ups": {"dialogue_id": dialogue.pk},
            "/api/v1/outreach/follow-ups/{follow_up_id}": {"follow_up_id": follow_up.pk},
        },
        "markers": ["WALKSECRET-A-dialogue", "WALKSECRET-A-followup"],
    }
