from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from rsca.core.errors import Conflict, InvalidInput
from rsca.training import services
from rsca.training.models import Registration


def _register(activity: Any, name: str, email: str, **extra: Any) -> Registration:
    return services.registration_create(activity=activity, full_name=name, email=email, **extra)


def test_places_are_confirmed_up_to_capacity_then_people_wait(
    upcoming: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        first = _register(upcoming, "Wang Fang", "wf@example.org", sex="female")
        second = _register(upcoming, "Li Qiang", "lq@example.org", sex="male")
        third = _register(upcoming, "Zhang Min", "zm@example.org", sex="female")
    assert [first.status, second.status, third.status] == ["confirmed", "confirmed", "waitlisted"]
    assert len(mail.outbox) == 3
    assert "Waiting list" in mail.outbox[2].subject
    assert third.token in mail.outbox[2].body


def test_cancelling_a_confirmed_place_promotes_the_first_person_waiting(
    upcoming: Any, django_capture_on_commit_callbacks: Any
) -> None:
    first = _register(upcoming, "A One", "a1@example.org")
    _register(upcoming, "B Two", "b2@example.org")
    waiting = _register(upcoming, "C Three", "c3@example.org")
    later = _register(upcoming, "D Four", "d4@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.registration_cancel(registration=first)
    assert promoted is not None and promoted.pk == waiting.pk
    waiting.refresh_from_db()
    later.refresh_from_db()
    assert waiting.status == "confirmed" and later.status == "waitlisted"
    assert mail.outbox[-1].to == ["c3@example.org"]


def test_the_same_email_cannot_register_twice(upcoming: Any) -> None:
    _register(upcoming, "Wang Fang", "wf@example.org")
    with pytest.raises(Conflict):
        _register(upcoming, "WANG FANG", "WF@example.org")
    assert upcoming.registrations.count() == 1


def test_registration_is_refused_when_closed_or_for_a_bad_email(upcoming: Any, past: Any) -> None:
    with pytest.raises(Conflict):
        _register(past, "Late Comer", "late@example.org")
    with pytest.raises(InvalidInput):
        _register(upcoming, "No Mail", "not-an-address")


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_public_form_registers_and_redirects_to_the_private_page(
    client: Any, upcoming: Any, language: str, django_capture_on_commit_callbacks: Any
) -> None:
    with translation.override(language):
        url = reverse("training:activity_register", kwargs={"slug": upcoming.slug})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "full_name": "周敏",
                "email": "zhou.min@example.org",
                "sex": "female",
                "organisation_name": "示范公司",
                "constituent_type": "enterprise",
                "province": "440000",
                "sector": "26",
                "consent": "on",
            },
            follow=True,
        )
    assert response.status_code == 200
    registration = Registration.objects.get(participant__email="zhou.min@example.org")
    assert registration.participant.province_id == "440000"
    assert response.redirect_chain[-1][0].endswith(f"/training/registrations/{registration.token}/")
    assert len(mail.outbox) == 1


def test_the_form_without_consent_is_refused_and_nothing_is_stored(client: Any, upcoming: Any) -> None:
    with translation.override("en"):
        url = reverse("training:activity_register", kwargs={"slug": upcoming.slug})
    response = client.post(
        url, {"full_name": "X", "email": "x@example.org", "sex": "male", "constituent_type": "other"}
    )
    assert response.status_code == 422
    assert upcoming.registrations.count() == 0


def test_the_api_registers_anonymously(client: Any, upcoming: Any) -> None:
    response = client.post(
        f"/api/v1/training/activities/{upcoming.slug}/registrations",
        {"full_name": "Api Person", "email": "api@example.org", "sex": "other"},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["status"] == "confirmed"
    bad = client.post(
        f"/api/v1/training/activities/{upcoming.slug}/registrations",
        {"full_name": "Api Person", "email": "nope"},
        content_type="application/json",
    )
    assert bad.status_code == 422


def test_a_signed_in_user_sees_their_history(client: Any, upcoming: Any, user_a: Any) -> None:
    client.force_login(user_a)
    with translation.override("en"):
        client.post(
            reverse("training:activity_register", kwargs={"slug": upcoming.slug}),
            {
                "full_name": "Alice",
                "email": user_a.email,
                "sex": "female",
                "constituent_type": "enterprise",
                "consent": "on",
            },
        )
        response = client.get(reverse("training:my_trainings"))
    assert upcoming.title_en in response.content.decode()
    assert client.get("/api/v1/training/me/registrations").json()[0]["activity"] == upcoming.slug


def test_unknown_sector_or_province_codes_are_refused(client: Any, upcoming: Any) -> None:
    url = f"/api/v1/training/activities/{upcoming.slug}/registrations"
    for field in ("sector", "province"):
        response = client.post(
            url,
            {"full_name": "Code Person", "email": f"{field}@example.org", field: "ZZ"},
            content_type="application/json",
        )
        assert response.status_code == 422 and response.json()["code"] == f"unknown_{field}"
    assert upcoming.registrations.count() == 0
