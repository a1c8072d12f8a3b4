"""The reference seed holds what the programme documents say and nothing more."""

from __future__ import annotations

import datetime
import io
from typing import Any

from django.core.management import call_command

from rsca.training.models import Activity, Question
from rsca.training.seed import ACTIVITIES


def test_the_documented_activities_are_seeded(db: Any) -> None:
    slugs = set(Activity.objects.values_list("slug", flat=True))
    assert {spec["slug"] for spec in ACTIVITIES} <= slugs
    seminar = Activity.objects.get(slug="mohrss-labour-standards-seminar")
    assert seminar.kind == "seminar" and seminar.duration_days == 3
    assert seminar.start_date is None and seminar.date_precision == "unknown"  # the article gives no date
    assert {"gender", "osh", "working-time", "wages"} <= set(seminar.topic_codes)
    assert seminar.organiser_refs == ["ILO", "MOHRSS"]
    october = Activity.objects.get(slug="electronics-textile-training-2019-10")
    assert (october.start_date, october.date_precision) == (datetime.date(2019, 10, 1), "month")
    assert set(october.sectors.values_list("code", flat=True)) == {"13", "26"}
    forums = Activity.objects.get(slug="industry-government-forums-2019-11")
    assert forums.kind == "forum" and forums.start_date.month == 11
    mou = Activity.objects.get(slug="mohrss-mou-signing-2018")
    assert (
        mou.kind == "signing"
        and mou.start_date == datetime.date(2018, 5, 1)
        and mou.date_precision == "month"
    )
    summit = Activity.objects.get(slug="china-business-summit-sdgs")
    assert summit.start_date is None and summit.reported_on == datetime.date(2018, 12, 7)
    assert Activity.objects.get(slug="cec-score-mou-signing").start_date == datetime.date(2018, 10, 22)
    for activity in Activity.objects.filter(slug__in=[spec["slug"] for spec in ACTIVITIES]):
        assert activity.source, activity.slug
        assert activity.capacity is None and activity.budget_line == "" and not activity.registration_open
        assert activity.registrations.count() == 0


def test_every_question_of_the_bank_cites_its_provision(db: Any) -> None:
    questions = Question.objects.filter(owner=None)
    assert questions.count() >= 8
    for question in questions:
        assert question.source and question.text_zh
        assert 0 <= question.correct_index < len(question.options)
        assert all(option["en"] and option["zh"] for option in question.options)


def test_seeding_twice_changes_nothing_and_the_demo_adds_fictional_people(db: Any) -> None:
    before = Activity.objects.count()
    call_command("seed", stdout=io.StringIO())
    assert Activity.objects.count() == before
    call_command("seed", "--demo", stdout=io.StringIO())
    call_command("seed", "--demo", stdout=io.StringIO())
    demo = Activity.objects.get(slug="demo-working-time-wages-training")
    assert demo.registrations.count() == 25
    assert (
        demo.registrations.filter(certificate__isnull=False).count()
        == demo.registrations.filter(attended=True).count()
    )
    assert Activity.objects.get(slug="demo-osh-workshop").registration_open


def test_organisers_named_in_the_documents_are_linked_once_the_partners_exist(db: Any) -> None:
    from rsca.core.models import Organisation

    seminar = Activity.objects.get(slug="mohrss-labour-standards-seminar")
    if not Organisation.objects.filter(acronym="MOHRSS").exists():  # the programme seed creates the partners
        Organisation.objects.create(
            name="Ministry of Human Resources and Social Security",
            acronym="MOHRSS",
            slug="mohrss",
            type="government",
            is_public=True,
        )
    assert "MOHRSS" in set(seminar.organisers.values_list("acronym", flat=True))
    calss = Organisation.objects.filter(acronym="CALSS").first() or Organisation.objects.create(
        name="Chinese Academy of Labour and Social Security", acronym="CALSS", slug="calss", type="academia"
    )
    assert calss in seminar.partners.all()
