"""Reads for training pages, the API, the CLI and the programme's logframe indicators."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from decimal import Decimal
from statistics import mean
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from rsca.core.errors import NotFound
from rsca.core.scoping import WRITE_ROLES, is_platform_staff, user_organisation_ids, visible_to
from rsca.training.models import (
    Activity,
    ActivityTest,
    Attendance,
    Certificate,
    ConstituentType,
    Course,
    Feedback,
    Material,
    Participant,
    Question,
    Registration,
    Sex,
    TestAttempt,
)

INDICATOR_KEYS = (
    "participants",
    "enterprises",
    "by_sex",
    "by_constituent",
    "by_province",
    "by_sector",
    "knowledge_gain",
    "satisfaction",
)
UNKNOWN = "unknown"


def _activities() -> QuerySet[Activity]:
    return Activity.objects.select_related("place", "course", "owner").prefetch_related(
        "sectors", "organisers", "partners"
    )


def activity_calendar(*, user: Any, upcoming: bool = True, kind: str | None = None) -> QuerySet[Activity]:
    """Published activities (and, for their managers, unpublished ones): upcoming first by date, or past ones."""
    qs = visible_to(user, _activities())
    today = timezone.localdate()
    if kind:
        qs = qs.filter(kind=kind)
    if upcoming:
        return qs.filter(start_date__gte=today).order_by("start_date", "title_en")
    return qs.exclude(start_date__gte=today).order_by("-start_date", "-reported_on", "title_en")


def activity_get(*, user: Any, slug: str) -> Activity:
    activity = visible_to(user, _activities()).filter(slug=slug).first()
    if activity is None:
        raise NotFound(_("No such activity."))
    return activity


def activity_managed_list(*, user: Any) -> QuerySet[Activity]:
    """Activities the user may manage: all for staff, their organisations' for editors."""
    if is_platform_staff(user):
        return _activities().order_by("-start_date", "title_en")
    return (
        _activities()
        .filter(owner_id__in=user_organisation_ids(user, roles=WRITE_ROLES))
        .order_by("-start_date", "title_en")
    )


def activity_registrations(*, user: Any, activity: Activity) -> QuerySet[Registration]:
    return (
        visible_to(user, Registration.objects.filter(activity=activity))
        .select_related(
            "participant",
            "participant__province",
            "participant__sector",
            "participant__facility",
            "certificate",
            "feedback",
        )
        .prefetch_related("attendance", "test_attempts")
        .order_by("participant__full_name", "id")
    )


def material_get(*, user: Any, activity: Activity, material_id: int) -> Material:
    material = visible_to(user, Material.objects.filter(activity=activity, pk=material_id)).first()
    if material is None:
        raise NotFound(_("No such material."))
    return material


def registration_get(*, user: Any, activity: Activity, registration_id: int) -> Registration:
    registration = (
        visible_to(user, Registration.objects.filter(activity=activity, pk=registration_id))
        .select_related("participant", "activity")
        .first()
    )
    if registration is None:
        raise NotFound(_("No such registration."))
    return registration


def registration_by_token(*, token: str) -> Registration:
    """The registration a private link points to: the link itself is the participant's key."""
    registration = (
        Registration.objects.select_related("activity", "participant").filter(token=token).first()
        if token
        else None
    )
    if registration is None:
        raise NotFound(_("This link is not valid."))
    return registration


def attendance_sheet(*, user: Any, activity: Activity) -> dict[str, Any]:
    """Rows of people (not cancelled) with a present/absent mark for each day of the activity."""
    registrations = list(
        activity_registrations(user=user, activity=activity)
        .exclude(status=Registration.Status.CANCELLED)
        .exclude(status=Registration.Status.WAITLISTED)
    )
    days = activity.days
    rows: list[dict[str, Any]] = []
    for registration in registrations:
        marks = {a.day: a.present for a in registration.attendance.all()}
        rows.append({"registration": registration, "cells": [(day, marks.get(day, False)) for day in days]})
    totals = [sum(1 for row in rows if row["cells"][i][1]) for i in range(len(days))]
    return {"days": days, "rows": rows, "totals": totals}


def attendance_cell(*, user: Any, registration: Registration, day: datetime.date) -> bool:
    return visible_to(
        user, Attendance.objects.filter(registration=registration, day=day, present=True)
    ).exists()


def activity_test_get(*, activity: Activity) -> ActivityTest | None:
    """The test of an activity, for taking it: the questions without the answers are what pages show."""
    return ActivityTest.objects.filter(activity=activity).prefetch_related("questions").first()


def _gain(attempts: dict[str, TestAttempt]) -> Decimal | None:
    if "pre" in attempts and "post" in attempts:
        return attempts["post"].score - attempts["pre"].score
    return None


def knowledge_test_results(*, user: Any, activity: Activity) -> dict[str, Any]:
    """Pre and post scores and knowledge gain (percentage points) per participant, and the activity's means."""
    rows: list[dict[str, Any]] = []
    for registration in activity_registrations(user=user, activity=activity).exclude(
        status=Registration.Status.CANCELLED
    ):
        attempts = {a.phase: a for a in registration.test_attempts.all()}
        if not attempts:
            continue
        rows.append(
            {
                "registration": registration,
                "pre": attempts.get("pre"),
                "post": attempts.get("post"),
                "gain": _gain(attempts),
            }
        )
    gains = [row["gain"] for row in rows if row["gain"] is not None]
    pres = [row["pre"].score for row in rows if row["pre"]]
    posts = [row["post"].score for row in rows if row["post"]]
    return {"rows": rows, "mean_gain": _mean(gains), "mean_pre": _mean(pres), "mean_post": _mean(posts)}


def feedback_summary(*, user: Any, activity: Activity) -> dict[str, Any]:
    items = list(
        visible_to(user, Feedback.objects.filter(registration__activity=activity))
        .select_related("registration__participant")
        .order_by("-submitted_at")
    )
    return {
        "items": items,
        "count": len(items),
        "overall": _mean([f.overall for f in items]),
        "relevance": _mean([f.relevance for f in items]),
        "facilitation": _mean([f.facilitation for f in items]),
        "distribution": [sum(1 for f in items if f.overall == n) for n in range(1, 6)],
    }


def participant_history(*, user: Any) -> QuerySet[Registration]:
    """The signed-in person's own registrations, with certificates."""
    if not getattr(user, "is_authenticated", False):
        return Registration.objects.none()
    return (
        Registration.objects.filter(participant__user_id=user.pk)
        .select_related("activity", "activity__place", "participant", "certificate")
        .prefetch_related("test_attempts")
        .order_by("-activity__start_date", "-created_at")
    )


def certificate_verify(*, code: str) -> Certificate:
    """Public verification: anyone holding a certificate code may confirm who it was issued to and for what.

    This read is deliberately unscoped: the code printed on the certificate is the key, and the page
    shows only what the certificate itself shows (holder, activity, dates, issue date).
    """
    code = code.strip().upper().replace("-", "").replace(" ", "")
    certificate = (
        Certificate.objects.select_related("registration__activity", "registration__activity__place")
        .filter(code=code)
        .first()
        if code
        else None
    )
    if certificate is None:
        raise NotFound(_("No certificate has this code."))
    return certificate


def question_list(*, user: Any, topic_code: str | None = None) -> QuerySet[Question]:
    qs = visible_to(user, Question.objects.all())
    if topic_code:
        qs = qs.filter(topic_code=topic_code)
    return qs


def course_list() -> QuerySet[Course]:
    return Course.objects.prefetch_related("modules")


def course_activities(*, user: Any, course: Course) -> QuerySet[Activity]:
    return visible_to(user, _activities()).filter(course=course).order_by("-start_date", "-reported_on")


def _mean(values: list[Any]) -> float | None:
    return round(float(mean(float(v) for v in values)), 2) if values else None


def _scoped_registrations(
    *, session: Activity | str | None, date_from: datetime.date | None, date_to: datetime.date | None
) -> QuerySet[Registration]:
    qs = Registration.objects.filter(attended=True).exclude(status=Registration.Status.CANCELLED)
    if session is not None:
        if isinstance(session, str):
            if not Activity.objects.filter(slug=session).exists():
                raise NotFound(
                    _("No activity has the slug “%(slug)s”.") % {"slug": session}, code="unknown_session"
                )
            qs = qs.filter(activity__slug=session)
        else:
            qs = qs.filter(activity=session)
    if date_from is not None:
        qs = qs.filter(activity__start_date__gte=date_from)
    if date_to is not None:
        qs = qs.filter(activity__start_date__lte=date_to)
    return qs


def training_indicators(
    *,
    session: Activity | str | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> dict[str, Any]:
    """Disaggregated reach of trainings and events, counting unique people who attended (not registrations).

    `participants`: distinct people with at least one attended registration in scope; `enterprises`:
    distinct organisations of those whose constituent type is `enterprise` (by platform organisation,
    else by supplier facility, else by organisation name, case-insensitive and whitespace-normalised); `by_*`: people per sex, constituent type, province
    code and ISIC sector code ("unknown" when not recorded); `knowledge_gain`: mean post- minus pre-test
    score in percentage points over people who took both; `satisfaction`: mean overall rating (1–5).
    Aggregates only: no personal data, so callers need no scoping.
    """
    registrations = _scoped_registrations(session=session, date_from=date_from, date_to=date_to)
    people = list(
        Participant.objects.filter(pk__in=registrations.values("participant_id")).values(
            "id",
            "sex",
            "constituent_type",
            "province_id",
            "sector_id",
            "organisation_id",
            "facility_id",
            "organisation_name",
        )
    )
    enterprises: set[tuple[str, Any]] = set()
    by_sex: Counter[str] = Counter({value: 0 for value in Sex.values})
    by_constituent: Counter[str] = Counter({value: 0 for value in ConstituentType.values})
    by_province: Counter[str] = Counter()
    by_sector: Counter[str] = Counter()
    for person in people:
        by_sex[person["sex"]] += 1
        by_constituent[person["constituent_type"]] += 1
        by_province[person["province_id"] or UNKNOWN] += 1
        by_sector[person["sector_id"] or UNKNOWN] += 1
        if person["constituent_type"] == ConstituentType.ENTERPRISE:
            if person["organisation_id"]:
                enterprises.add(("id", person["organisation_id"]))
            elif person["facility_id"]:
                enterprises.add(("facility", person["facility_id"]))
            elif person["organisation_name"].strip():
                enterprises.add(("name", " ".join(person["organisation_name"].casefold().split())))
    attempts: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for registration_id, phase, score in TestAttempt.objects.filter(
        registration__in=registrations
    ).values_list("registration_id", "phase", "score"):
        attempts[registration_id][phase] = score
    gains = [a["post"] - a["pre"] for a in attempts.values() if "pre" in a and "post" in a]
    ratings = list(Feedback.objects.filter(registration__in=registrations).values_list("overall", flat=True))
    return {
        "participants": len(people),
        "enterprises": len(enterprises),
        "by_sex": dict(by_sex),
        "by_constituent": dict(by_constituent),
        "by_province": dict(sorted(by_province.items())),
        "by_sector": dict(sorted(by_sector.items())),
        "knowledge_gain": _mean(gains),
        "satisfaction": _mean(ratings),
    }


def training_reach_over_time(
    *, date_from: datetime.date | None = None, date_to: datetime.date | None = None
) -> dict[str, dict[str, int]]:
    """Unique attendees per year of the activity, by sex (a person counts once per year)."""
    registrations = _scoped_registrations(session=None, date_from=date_from, date_to=date_to).filter(
        activity__start_date__isnull=False
    )
    seen: dict[str, dict[int, str]] = defaultdict(dict)
    for year, participant_id, sex in registrations.values_list(
        "activity__start_date__year", "participant_id", "participant__sex"
    ):
        seen[str(year)][participant_id] = sex
    return {year: dict(Counter(people.values())) for year, people in sorted(seen.items())}


def registrations_with_certificates(*, user: Any, activity: Activity) -> QuerySet[Registration]:
    return (
        activity_registrations(user=user, activity=activity)
        .filter(attended=True)
        .exclude(status=Registration.Status.CANCELLED)
        .prefetch_related(Prefetch("attendance"))
    )


def facility_training_topics(*, facility_ids: Any) -> dict[int, dict[str, int]]:
    """facility id -> topic code -> registrations attended by the facility's staff (counts only, no names), for
    the due-diligence register's mitigation evidence."""
    topics: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for facility_id, codes in Registration.objects.filter(
        attended=True, participant__facility_id__in=facility_ids
    ).values_list("participant__facility_id", "activity__topic_codes"):
        for code in codes or []:
            topics[facility_id][code] += 1
    return {facility_id: dict(by_topic) for facility_id, by_topic in topics.items()}
