from __future__ import annotations

import datetime
import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from rsca.core.models import Organisation
from rsca.training.models import Activity, Feedback, Participant, Registration, TestAttempt
from rsca.training.selectors import training_indicators

KEYS = {
    "participants",
    "enterprises",
    "by_sex",
    "by_constituent",
    "by_province",
    "by_sector",
    "knowledge_gain",
    "satisfaction",
}


def _person(name: str, **fields: Any) -> Participant:
    return Participant.objects.create(full_name=name, **fields)


def _attend(
    activity: Activity, person: Participant, attended: bool = True, status: str = "confirmed"
) -> Registration:
    return Registration.objects.create(
        activity=activity,
        participant=person,
        attended=attended,
        status=status,
        token=f"t-{activity.pk}-{person.pk}",
    )


@pytest.fixture
def two_activities(past: Any) -> tuple[Activity, Activity]:
    later = Activity.objects.create(
        slug="later-forum",
        kind="forum",
        title_en="Later forum",
        is_published=True,
        start_date=datetime.date(2026, 3, 3),
        date_precision="day",
    )
    return past, later


def test_people_are_counted_once_however_many_activities_they_attended(two_activities: Any) -> None:
    first, second = two_activities
    brand = Organisation.objects.create(
        name="Indicator Brand", slug="indicator-brand", type="enterprise", enterprise_role="buyer"
    )
    wang = _person(
        "Wang",
        sex="female",
        constituent_type="enterprise",
        organisation=brand,
        province_id="320000",
        sector_id="13",
    )
    li = _person(
        "Li",
        sex="male",
        constituent_type="enterprise",
        organisation_name="Small Factory Co.",
        province_id="440000",
        sector_id="26",
    )
    zhang = _person(
        "Zhang", sex="female", constituent_type="enterprise", organisation_name="small factory co. "
    )
    zhao = _person("Zhao", sex="undisclosed", constituent_type="government")
    no_show = _person("Absent", sex="male", constituent_type="academia")
    cancelled = _person("Cancelled", sex="male", constituent_type="academia")
    for person in (wang, li, zhang, zhao):
        _attend(first, person)
    _attend(second, wang)
    _attend(second, zhao)
    _attend(first, no_show, attended=False)
    _attend(second, cancelled, status="cancelled")
    result = training_indicators()
    assert set(result) == KEYS
    assert result["participants"] == 4
    assert result["enterprises"] == 2  # the brand, and "Small Factory Co." written two ways
    assert result["by_sex"] == {"female": 2, "male": 1, "other": 0, "undisclosed": 1}
    assert result["by_constituent"]["enterprise"] == 3 and result["by_constituent"]["government"] == 1
    assert result["by_constituent"]["academia"] == 0
    assert result["by_province"] == {"320000": 1, "440000": 1, "unknown": 2}
    assert result["by_sector"] == {"13": 1, "26": 1, "unknown": 2}
    assert training_indicators(session=second.slug)["participants"] == 2
    assert training_indicators(date_from=datetime.date(2026, 1, 1))["participants"] == 2
    assert training_indicators(date_to=datetime.date(2025, 12, 31))["participants"] == 4


def test_knowledge_gain_and_satisfaction_are_means_over_attendees(past: Any) -> None:
    for n, (pre, post, rating) in enumerate([(20, 60, 5), (50, 70, 3), (40, None, 4)]):
        registration = _attend(past, _person(f"P{n}", sex="female"))
        TestAttempt.objects.create(registration=registration, phase="pre", score=pre, correct=0, total=5)
        if post is not None:
            TestAttempt.objects.create(
                registration=registration, phase="post", score=post, correct=0, total=5
            )
        Feedback.objects.create(registration=registration, overall=rating, relevance=4, facilitation=4)
    result = training_indicators(session=past)
    assert result["knowledge_gain"] == 30.0  # (40 + 20) / 2: only people with both tests
    assert result["satisfaction"] == 4.0


def test_empty_scope_gives_zeros_and_no_means(db: Any) -> None:
    result = training_indicators(date_from=datetime.date(2099, 1, 1))
    assert result["participants"] == 0 and result["knowledge_gain"] is None and result["satisfaction"] is None
    assert result["by_sex"] == {"female": 0, "male": 0, "other": 0, "undisclosed": 0}


def test_the_api_and_the_command_return_the_same_figures(client: Any, past: Any) -> None:
    _attend(past, _person("Api", sex="female", constituent_type="civil_society", province_id="110000"))
    api = client.get("/api/v1/training/indicators", {"session": past.slug}).json()
    assert set(api) == KEYS and api["by_constituent"]["civil_society"] == 1
    out = io.StringIO()
    call_command("indicators", "--session", past.slug, "--format", "json", stdout=out)
    assert json.loads(out.getvalue()) == api
    assert (
        client.get("/api/v1/training/indicators", {"from": "2025-05-01", "to": "2025-05-31"}).json()[
            "participants"
        ]
        >= 1
    )
    text = io.StringIO()
    call_command("indicators", "--session", past.slug, stdout=text)
    assert "110000 Beijing: 1" in text.getvalue()


def test_an_unknown_session_is_an_error_everywhere(client: Any, db: Any) -> None:
    with pytest.raises(CommandError, match="no-such-session"):
        call_command("indicators", "--session", "no-such-session", stdout=io.StringIO())
    assert client.get("/api/v1/training/indicators", {"session": "no-such-session"}).status_code == 404
    with pytest.raises(CommandError):
        call_command("indicators", "--from", "2025-13-01", stdout=io.StringIO())


def test_the_dashboard_shows_the_figures_in_both_languages(client: Any, past: Any) -> None:
    _attend(past, _person("Dash", sex="female", province_id="320000"))
    response = client.get("/training/results/")
    assert response.status_code == 200
    assert response.context["indicators"]["participants"] >= 1
    assert "echarts.min.js" in response.content.decode()
    assert client.get("/zh-hans/training/results/").status_code == 200


def test_a_private_activity_cannot_be_picked_out_by_outsiders(
    client: Any, private_activity: Any, user_a: Any
) -> None:
    _attend(private_activity, _person("Inside", sex="female"))
    response = client.get("/training/results/", {"session": private_activity.slug})
    assert response.context["session"] is None
    assert client.get("/api/v1/training/indicators", {"session": private_activity.slug}).status_code == 404
    client.force_login(user_a)
    assert (
        client.get("/api/v1/training/indicators", {"session": private_activity.slug}).json()["participants"]
        == 1
    )


def test_the_dashboard_figures_download_as_csv_with_both_languages(client: Any, past: Any) -> None:
    _attend(past, _person("Csv", sex="female", province_id="440000", constituent_type="workers_organisation"))
    response = client.get("/training/results.csv", {"session": past.slug})
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "indicator,key,label_en,label_zh,value"
    assert "participants,,,,1" in lines
    assert "by_province,440000,Guangdong,广东省,1" in lines
    assert "by_constituent,workers_organisation,workers' organisation,工人组织,1" in lines
