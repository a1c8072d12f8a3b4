"""Outreach endpoints: the stakeholder directory and dialogue records with follow-ups."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from rsca.api.auth import AUTH_REQUIRED
from rsca.api.pagination import PageNumberPagination
from rsca.core.errors import InvalidInput
from rsca.core.models import Organisation
from rsca.core.scoping import visible_to
from rsca.outreach import selectors, services
from rsca.outreach.models import Dialogue

router = Router(tags=["outreach"])
PREFIX = "outreach"


class StakeholderOut(Schema):
    slug: str
    name: str
    name_zh: str
    acronym: str
    type: str
    is_partner: bool = Field(alias="is_public")
    activities_organised: int = Field(alias="organised")
    activities_partnered: int = Field(alias="partnered")
    dialogues: int = Field(alias="dialogue_count")


class FollowUpOut(Schema):
    id: int
    action_en: str
    action_zh: str
    responsible: str | None
    due_on: datetime.date | None
    status: str
    completed_on: datetime.date | None

    @staticmethod
    def resolve_responsible(obj: Any) -> str | None:
        return obj.responsible.slug if obj.responsible_id else None


class DialogueOut(Schema):
    id: int
    title_en: str
    title_zh: str
    kind: str
    held_on: datetime.date | None
    place: str | None = Field(None, alias="place_id")
    summary_en: str
    summary_zh: str
    organisations: list[str]
    activity: str | None
    is_public: bool

    @staticmethod
    def resolve_organisations(obj: Any) -> list[str]:
        return [o.slug for o in obj.organisations.all()]

    @staticmethod
    def resolve_activity(obj: Any) -> str | None:
        return obj.activity.slug if obj.activity_id else None


class DialogueDetailOut(DialogueOut):
    follow_ups: list[FollowUpOut]

    @staticmethod
    def resolve_follow_ups(obj: Any) -> list[Any]:
        return list(obj.visible_follow_ups)


class DialogueIn(Schema):
    title_en: str = Field("", max_length=255)
    title_zh: str = Field("", max_length=255)
    kind: Dialogue.Kind = Dialogue.Kind.MEETING
    held_on: datetime.date | None = None
    place: str | None = None
    summary_en: str = ""
    summary_zh: str = ""
    organisations: list[str] = []
    owner: str | None = None
    is_public: bool = False


class FollowUpIn(Schema):
    action_en: str = ""
    action_zh: str = ""
    responsible: str | None = None
    due_on: datetime.date | None = None


class FollowUpStatusIn(Schema):
    status: str


def _organisation(request: HttpRequest, slug: str | None, field: str) -> Organisation | None:
    if not slug:
        return None
    organisation = visible_to(request.user, Organisation.objects.all()).filter(slug=slug).first()
    if organisation is None:
        raise InvalidInput(
            f"No organisation “{slug}”.",
            code="unknown_organisation",
            details=[{"column": field, "message": "unknown organisation"}],
        )
    return organisation


@router.get("/stakeholders", response=list[StakeholderOut])
@paginate(PageNumberPagination)
def stakeholder_list(request: HttpRequest, type: str | None = None, q: str | None = None) -> Any:
    return selectors.stakeholder_directory(user=request.user, type=type, query=q)


@router.get("/dialogues", response=list[DialogueOut])
@paginate(PageNumberPagination)
def dialogue_list(
    request: HttpRequest, organisation: str | None = None, open: bool = False, q: str | None = None
) -> Any:
    return selectors.dialogue_list(
        user=request.user, organisation=organisation, open_follow_ups=open, query=q
    )


@router.get("/dialogues/{dialogue_id}", response=DialogueDetailOut)
def dialogue_get(request: HttpRequest, dialogue_id: int) -> Any:
    dialogue = selectors.dialogue_get(user=request.user, dialogue_id=dialogue_id)
    dialogue.visible_follow_ups = selectors.follow_up_list(user=request.user, dialogue=dialogue)  # type: ignore[attr-defined]
    return dialogue


@router.post("/dialogues", response={201: DialogueOut}, auth=AUTH_REQUIRED)
def dialogue_create(request: HttpRequest, payload: DialogueIn) -> Any:
    organisations = [
        o for o in (_organisation(request, s, "organisations") for s in payload.organisations) if o
    ]
    dialogue = services.dialogue_create(
        by=request.user,
        title_en=payload.title_en,
        title_zh=payload.title_zh,
        kind=payload.kind,
        held_on=payload.held_on,
        place_id=payload.place,
        summary_en=payload.summary_en,
        summary_zh=payload.summary_zh,
        organisations=organisations,
        owner=_organisation(request, payload.owner, "owner"),
        is_public=payload.is_public,
    )
    return 201, dialogue


@router.post("/dialogues/{dialogue_id}/follow-ups", response={201: FollowUpOut}, auth=AUTH_REQUIRED)
def follow_up_create(request: HttpRequest, dialogue_id: int, payload: FollowUpIn) -> Any:
    dialogue = selectors.dialogue_get(user=request.user, dialogue_id=dialogue_id)
    follow_up = services.follow_up_create(
        dialogue=dialogue,
        by=request.user,
        action_en=payload.action_en,
        action_zh=payload.action_zh,
        responsible=_organisation(request, payload.responsible, "responsible"),
        due_on=payload.due_on,
    )
    return 201, follow_up


@router.put("/follow-ups/{follow_up_id}", response=FollowUpOut, auth=AUTH_REQUIRED)
def follow_up_status(request: HttpRequest, follow_up_id: int, payload: FollowUpStatusIn) -> Any:
    follow_up = selectors.follow_up_get(user=request.user, follow_up_id=follow_up_id)
    return services.follow_up_set_status(follow_up=follow_up, status=payload.status, by=request.user)
