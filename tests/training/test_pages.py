from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

PUBLIC_PAGES = ["training:calendar", "training:dashboard", "training:verify"]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_training_pages_render_in_both_languages(
    client: Any, db: Any, name: str, language: str
) -> None:
    with translation.override(language):
        url = reverse(name)
    response = client.get(url)
    assert response.status_code == 200
    if language == "zh-hans":
        assert url.startswith("/zh-hans/")


def test_the_seminar_page_shows_what_the_seed_document_says(client: Any, db: Any) -> None:
    with translation.override("en"):
        response = client.get(
            reverse("training:activity_detail", kwargs={"slug": "mohrss-labour-standards-seminar"})
        )
    text = response.content.decode()
    assert response.status_code == 200
    assert "three-day seminar" in text
    assert "date not recorded" in text
    with translation.override("zh-hans"):
        url = reverse("training:activity_detail", kwargs={"slug": "mohrss-labour-standards-seminar"})
    assert "劳工标准" in client.get(url).content.decode()


MANAGE_PAGES = [
    "training:manage_activity",
    "training:activity_edit",
    "training:attendance",
    "training:import",
    "training:tests",
    "training:feedback",
    "training:certificates",
]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_every_staff_page_of_the_demo_training_renders(client: Any, staff_user: Any, language: str) -> None:
    import io

    from django.core.management import call_command

    call_command("seed", "--demo", stdout=io.StringIO())
    client.force_login(staff_user)
    with translation.override(language):
        urls = [reverse(name, kwargs={"slug": "demo-working-time-wages-training"}) for name in MANAGE_PAGES]
        urls += [
            reverse("training:manage"),
            reverse("training:questions"),
            reverse("training:activity_create"),
        ]
    for url in urls:
        assert client.get(url).status_code == 200, url
    with translation.override(language):
        csv_url = reverse("training:participants_csv", kwargs={"slug": "demo-working-time-wages-training"})
    assert client.get(csv_url)["Content-Type"].startswith("text/csv")


def test_a_staff_member_publishes_an_activity_with_the_form(client: Any, staff_user: Any) -> None:
    client.force_login(staff_user)
    with translation.override("en"):
        url = reverse("training:activity_create")
    response = client.post(
        url,
        {
            "kind": "seminar",
            "title_en": "Seminar on the MNE Declaration",
            "title_zh": "跨国企业宣言研讨会",
            "start_date": "2030-05-06",
            "end_date": "2030-05-07",
            "date_precision": "day",
            "place": "440300",
            "mode": "in_person",
            "language": "en_zh",
            "sectors": ["26"],
            "capacity": "40",
            "registration_open": "on",
            "is_published": "on",
            "topics": "due-diligence, working-time",
            "target": ["enterprise", "government"],
        },
    )
    assert response.status_code == 302
    from rsca.training.models import Activity

    activity = Activity.objects.get(title_en="Seminar on the MNE Declaration")
    assert activity.topic_codes == ["due-diligence", "working-time"] and activity.capacity == 40
    assert activity.days == [activity.start_date, activity.end_date]
    bad = client.post(
        url,
        {
            "kind": "seminar",
            "title_en": "Backwards",
            "start_date": "2030-05-07",
            "end_date": "2030-05-06",
            "date_precision": "day",
        },
    )
    assert bad.status_code == 200 and not Activity.objects.filter(title_en="Backwards").exists()


def test_an_organisation_editor_manages_only_its_own_activities(
    client: Any, user_a: Any, user_b: Any, org_a: Any, org_b: Any
) -> None:
    from rsca.core.errors import Forbidden
    from rsca.training import services

    activity = services.activity_create(by=user_a, title_en="A's own training", kind="training", owner=org_a)
    with pytest.raises(Forbidden):
        services.activity_create(by=user_a, title_en="For B", kind="training", owner=org_b)
    client.force_login(user_a)
    with translation.override("en"):
        url = reverse("training:manage_activity", kwargs={"slug": activity.slug})
    assert client.get(url).status_code == 200
    client.force_login(user_b)
    assert client.get(url).status_code == 404  # unpublished: B does not even see it


def test_the_chinese_calendar_and_dashboard_are_translated(client: Any, db: Any) -> None:
    calendar = client.get("/zh-hans/training/").content.decode()
    assert "培训与活动" in calendar and "往期活动" in calendar
    assert "按性别" in client.get("/zh-hans/training/results/").content.decode()
    assert "利益相关方" in client.get("/zh-hans/outreach/").content.decode()


def test_staff_add_a_walk_in_once(client: Any, staff_user: Any, user_b: Any) -> None:
    import datetime

    from rsca.training.models import Activity, Registration

    activity = Activity.objects.create(
        slug="walk-in-day",
        kind="training",
        title_en="Walk-in day",
        is_published=True,
        start_date=datetime.date(2025, 1, 8),
        date_precision="day",
    )
    with translation.override("en"):
        url = reverse("training:participant_add", kwargs={"slug": activity.slug})
    client.force_login(staff_user)
    data = {
        "full_name": "Ma Li",
        "sex": "female",
        "organisation_name": "Demo Co",
        "constituent_type": "enterprise",
    }
    client.post(url, data)
    client.post(url, {**data, "full_name": "ma li"})
    assert Registration.objects.filter(activity=activity).count() == 1
    client.force_login(user_b)
    assert client.post(url, {**data, "full_name": "Intruder"}).status_code == 403
    assert Registration.objects.filter(activity=activity).count() == 1


def test_topic_codes_must_come_from_the_standards_taxonomy(client: Any, staff_user: Any) -> None:
    from rsca.training.forms import known_topic_codes

    client.force_login(staff_user)
    with translation.override("en"):
        url = reverse("training:activity_create")
    response = client.post(
        url,
        {
            "kind": "seminar",
            "title_en": "Topic check",
            "date_precision": "unknown",
            "topics": "working-time, made-up-topic",
        },
    )
    assert "working-time" in known_topic_codes()  # the standards taxonomy is seeded with the reference data
    assert response.status_code == 200 and "made-up-topic" in response.content.decode()
