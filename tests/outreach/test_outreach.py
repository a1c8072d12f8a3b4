from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from rsca.core.errors import Forbidden, InvalidInput
from rsca.core.models import Organisation
from rsca.outreach import selectors, services
from rsca.outreach.models import Dialogue, FollowUp


def _url(name: str, **kwargs: Any) -> str:
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


@pytest.fixture
def partner(db: Any) -> Organisation:
    return Organisation.objects.create(
        name="Partner Confederation",
        acronym="PCF",
        slug="partner-confederation",
        type="employers_organisation",
        is_public=True,
    )


def test_the_directory_groups_public_partners_by_type_and_hides_private_organisations(
    client: Any, partner: Any, org_a: Any
) -> None:
    response = client.get(_url("outreach:stakeholders"))
    text = response.content.decode()
    assert response.status_code == 200 and "Partner Confederation" in text
    assert "WALKSECRET-A" not in text
    groups = dict(response.context["groups"])
    assert any(o.slug == partner.slug for items in groups.values() for o in items)
    filtered = client.get(_url("outreach:stakeholders"), {"type": "government"}).content.decode()
    assert "Partner Confederation" not in filtered


def test_the_directory_counts_activities_and_visible_dialogues(
    partner: Any, staff_user: Any, org_a: Any, user_a: Any
) -> None:
    from rsca.training.models import Activity

    activity = Activity.objects.create(
        slug="partner-forum", kind="forum", title_en="Partner forum", is_published=True
    )
    activity.organisers.add(partner)
    public = services.dialogue_create(
        by=staff_user, title_en="Public talk", organisations=[partner], is_public=True
    )
    services.dialogue_create(by=user_a, title_en="A's private talk", organisations=[partner], owner=org_a)
    anonymous_row = selectors.stakeholder_directory(user=user_a.__class__(), query="PCF").get()
    assert anonymous_row.organised == 1 and anonymous_row.dialogue_count == 1
    member_row = selectors.stakeholder_directory(user=user_a, query="PCF").get()
    assert member_row.dialogue_count == 2
    assert public.pk in selectors.dialogue_list(user=user_a.__class__()).values_list("pk", flat=True)


def test_a_dialogue_is_recorded_with_follow_ups_and_their_status_changes(
    client: Any, staff_user: Any, partner: Any
) -> None:
    client.force_login(staff_user)
    response = client.post(
        _url("outreach:dialogue_create"),
        {
            "title_en": "Consultation on wage guidance",
            "title_zh": "工资指南磋商",
            "kind": "consultation",
            "held_on": "2025-11-04",
            "place": "110000",
            "organisations": [partner.pk],
            "summary_en": "Discussed the draft guidance.",
            "is_public": "on",
        },
    )
    assert response.status_code == 302
    dialogue = Dialogue.objects.get(title_en="Consultation on wage guidance")
    client.post(
        _url("outreach:follow_up_create", dialogue_id=dialogue.pk),
        {"action_en": "Send comments on the draft", "responsible": partner.pk, "due_on": "2025-12-01"},
    )
    follow_up = dialogue.follow_ups.get()
    assert follow_up.status == "open"
    response = client.post(
        _url("outreach:follow_up_status", follow_up_id=follow_up.pk),
        {"status": "done"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and "follow-up-" in response.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.status == "done" and follow_up.completed_on is not None
    assert dialogue.pk not in selectors.dialogue_list(user=staff_user, open_follow_ups=True).values_list(
        "pk", flat=True
    )
    detail = client.get("/zh-hans" + _url("outreach:dialogue_detail", dialogue_id=dialogue.pk))
    assert detail.status_code == 200 and "工资指南磋商" in detail.content.decode()


def test_only_the_keepers_write_and_outsiders_do_not_see_internal_records(
    client: Any, user_a: Any, user_b: Any, org_a: Any, org_b: Any
) -> None:
    dialogue = services.dialogue_create(by=user_a, title_en="Internal", owner=org_a)
    with pytest.raises(Forbidden):
        services.dialogue_create(by=user_a, title_en="For B", owner=org_b)
    with pytest.raises(Forbidden):
        services.follow_up_create(dialogue=dialogue, by=user_b, action_en="Sneaky")
    with pytest.raises(InvalidInput):
        services.follow_up_create(dialogue=dialogue, by=user_a, action_en=" ")
    client.force_login(user_b)
    assert client.get(_url("outreach:dialogue_detail", dialogue_id=dialogue.pk)).status_code == 404
    assert client.get(f"/api/v1/outreach/dialogues/{dialogue.pk}").status_code == 404


def test_the_api_creates_and_lists_dialogues(client: Any, staff_user: Any, partner: Any) -> None:
    client.force_login(staff_user)
    created = client.post(
        "/api/v1/outreach/dialogues",
        {
            "title_en": "Platform meeting",
            "kind": "platform",
            "organisations": [partner.slug],
            "is_public": True,
            "held_on": "2025-10-01",
        },
        content_type="application/json",
    )
    assert created.status_code == 201 and created.json()["organisations"] == [partner.slug]
    dialogue_id = created.json()["id"]
    follow = client.post(
        f"/api/v1/outreach/dialogues/{dialogue_id}/follow-ups",
        {"action_en": "Circulate minutes", "due_on": "2025-10-15"},
        content_type="application/json",
    )
    assert follow.status_code == 201
    client.logout()
    detail = client.get(f"/api/v1/outreach/dialogues/{dialogue_id}").json()
    assert detail["follow_ups"][0]["action_en"] == "Circulate minutes"
    stakeholders = client.get("/api/v1/outreach/stakeholders", {"q": "PCF"}).json()["items"]
    assert stakeholders[0]["dialogues"] == 1 and stakeholders[0]["is_partner"] is True
    bad = client.post("/api/v1/outreach/dialogues", {"title_en": "x"}, content_type="application/json")
    assert bad.status_code == 401


def test_the_demo_seed_adds_dialogues_with_follow_ups(db: Any) -> None:
    call_command("seed", "--demo", stdout=io.StringIO())
    assert Dialogue.objects.filter(title_en__startswith="Demo:").count() == 2
    assert FollowUp.objects.filter(dialogue__title_en__startswith="Demo:", status="open").exists()
    assert Dialogue.objects.get(title_en__startswith="Demo: consultation").held_on == datetime.date(
        2025, 9, 18
    )


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_outreach_pages_render_in_both_languages(client: Any, db: Any, language: str) -> None:
    with translation.override(language):
        for name in ("outreach:stakeholders", "outreach:dialogues"):
            assert client.get(reverse(name)).status_code == 200


def test_an_unknown_place_code_is_refused_not_stored(client: Any, staff_user: Any) -> None:
    client.force_login(staff_user)
    response = client.post(
        "/api/v1/outreach/dialogues",
        {"title_en": "Somewhere", "place": "999999"},
        content_type="application/json",
    )
    assert response.status_code == 422 and response.json()["code"] == "unknown_place"
    assert not Dialogue.objects.filter(title_en="Somewhere").exists()


def test_an_absurd_page_number_is_refused_not_a_server_error(client: Any, db: Any) -> None:
    for path in (
        "/api/v1/outreach/stakeholders",
        "/api/v1/outreach/dialogues",
        "/api/v1/training/activities",
    ):
        assert client.get(path, {"page": 184467440737095518}).status_code == 422
        assert client.get(path, {"page": 999}).status_code in (200, 404)
