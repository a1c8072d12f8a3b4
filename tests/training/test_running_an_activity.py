"""Attendance, knowledge tests, feedback and certificates."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from rsca.core.errors import Conflict, Forbidden, InvalidInput
from rsca.training import services
from rsca.training.models import ActivityTest, Participant, Question, Registration
from rsca.training.selectors import certificate_verify, knowledge_test_results, training_indicators


def _url(name: str, **kwargs: Any) -> str:
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


@pytest.fixture
def enrolled(past: Any) -> Registration:
    person = Participant.objects.create(
        full_name="Wang Fang",
        email="wang.fang@example.org",
        sex="female",
        constituent_type="enterprise",
        organisation_name="Demo Textile",
    )
    return Registration.objects.create(activity=past, participant=person, token="token-wang-fang")


def test_ticking_a_day_marks_the_person_as_attended_and_unticking_reverses_it(
    enrolled: Any, staff_user: Any
) -> None:
    day = enrolled.activity.start_date
    services.attendance_set(registration=enrolled, day=day, present=True, by=staff_user)
    enrolled.refresh_from_db()
    assert enrolled.attended
    assert training_indicators(session=enrolled.activity.slug)["participants"] == 1
    services.attendance_set(registration=enrolled, day=day, present=False, by=staff_user)
    enrolled.refresh_from_db()
    assert not enrolled.attended
    assert training_indicators(session=enrolled.activity.slug)["participants"] == 0


def test_attendance_outside_the_activity_days_or_by_an_outsider_is_refused(
    enrolled: Any, user_b: Any, staff_user: Any
) -> None:
    with pytest.raises(InvalidInput):
        services.attendance_set(
            registration=enrolled, day=datetime.date(2030, 1, 1), present=True, by=staff_user
        )
    with pytest.raises(Forbidden):
        services.attendance_set(
            registration=enrolled, day=enrolled.activity.start_date, present=True, by=user_b
        )


def test_the_attendance_sheet_ticks_with_htmx(client: Any, enrolled: Any, staff_user: Any) -> None:
    client.force_login(staff_user)
    sheet = client.get(_url("training:attendance", slug=enrolled.activity.slug))
    assert sheet.status_code == 200 and "Wang Fang" in sheet.content.decode()
    response = client.post(
        _url("training:attendance_toggle", slug=enrolled.activity.slug),
        {"registration": enrolled.pk, "day": "2025-05-07", "present": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert 'aria-pressed="true"' in response.content.decode()
    enrolled.refresh_from_db()
    assert enrolled.attended


def test_a_member_of_another_organisation_cannot_open_the_sheet(
    client: Any, enrolled: Any, user_b: Any
) -> None:
    client.force_login(user_b)
    assert client.get(_url("training:attendance", slug=enrolled.activity.slug)).status_code == 403


@pytest.fixture
def with_test(enrolled: Any) -> Registration:
    test = ActivityTest.objects.create(activity=enrolled.activity)
    test.questions.set(Question.objects.filter(owner=None, topic_code__in=["working-time", "wages"])[:4])
    return enrolled


def _answers(registration: Registration, right: int) -> dict[str, int]:
    questions = list(registration.activity.test.questions.all())
    return {
        str(q.pk): q.correct_index if i < right else (q.correct_index + 1) % len(q.options)
        for i, q in enumerate(questions)
    }


def test_tests_are_scored_and_the_gain_is_post_minus_pre(with_test: Any, staff_user: Any) -> None:
    pre = services.test_submit(registration=with_test, phase="pre", answers=_answers(with_test, 1))
    post = services.test_submit(registration=with_test, phase="post", answers=_answers(with_test, 3))
    assert (pre.correct, pre.total, pre.score) == (1, 4, Decimal("25.00"))
    assert post.score == Decimal("75.00")
    results = knowledge_test_results(user=staff_user, activity=with_test.activity)
    assert results["mean_gain"] == 50.0
    with pytest.raises(Conflict):
        services.test_submit(registration=with_test, phase="post", answers=_answers(with_test, 4))
    with_test.attended = True
    with_test.save()
    assert training_indicators(session=with_test.activity.slug)["knowledge_gain"] == 50.0


def test_an_incomplete_test_is_refused(with_test: Any) -> None:
    answers = _answers(with_test, 2)
    answers.popitem()
    with pytest.raises(InvalidInput):
        services.test_submit(registration=with_test, phase="pre", answers=answers)


def test_the_test_page_never_shows_the_correct_answer_and_scores_the_form(
    client: Any, with_test: Any
) -> None:
    url = _url("training:registration_test", token=with_test.token, phase="pre")
    page = client.get(url).content.decode()
    assert "correct_index" not in page
    questions = list(with_test.activity.test.questions.all())
    data = {f"q{q.pk}": q.correct_index for q in questions}
    client.post(url, data)
    assert with_test.test_attempts.get(phase="pre").score == Decimal("100.00")


def test_feedback_is_given_once_on_a_one_to_five_scale(enrolled: Any) -> None:
    services.feedback_submit(registration=enrolled, overall=4, relevance=5, facilitation=3, comments="Useful")
    with pytest.raises(Conflict):
        services.feedback_submit(registration=enrolled, overall=5, relevance=5, facilitation=5)
    with pytest.raises(InvalidInput):
        other = Registration.objects.create(
            activity=enrolled.activity,
            token="other-token",
            participant=Participant.objects.create(full_name="Li"),
        )
        services.feedback_submit(registration=other, overall=6, relevance=1, facilitation=1)
    enrolled.attended = True
    enrolled.save()
    assert training_indicators(session=enrolled.activity.slug)["satisfaction"] == 4.0


def test_certificates_go_only_to_attendees_and_can_be_verified_by_anyone(
    client: Any, enrolled: Any, staff_user: Any
) -> None:
    with pytest.raises(Conflict):
        services.certificate_issue(registration=enrolled, by=staff_user)
    services.attendance_set(
        registration=enrolled, day=enrolled.activity.start_date, present=True, by=staff_user
    )
    enrolled.refresh_from_db()
    certificate = services.certificate_issue(registration=enrolled, by=staff_user)
    assert len(certificate.code) == 10
    assert certificate_verify(code=certificate.code.lower()).pk == certificate.pk
    page = client.get(_url("training:verify_code", code=certificate.code))
    assert (
        page.status_code == 200
        and "Wang Fang" in page.content.decode()
        and 'data-verified="true"' in page.content.decode()
    )
    assert client.get(_url("training:verify_code", code="NOSUCHCODE")).status_code == 404
    api = client.get(f"/api/v1/training/certificates/{certificate.code}").json()
    assert api["holder_name"] == "Wang Fang" and api["valid"] is True
    services.certificate_revoke(certificate=certificate, by=staff_user)
    assert client.get(f"/api/v1/training/certificates/{certificate.code}").json()["valid"] is False


def test_the_certificate_is_a_bilingual_pdf_with_a_qr_code(
    client: Any, enrolled: Any, staff_user: Any
) -> None:
    services.attendance_set(
        registration=enrolled, day=enrolled.activity.start_date, present=True, by=staff_user
    )
    enrolled.refresh_from_db()
    services.certificate_issue(registration=enrolled, by=staff_user)
    response = client.get(_url("training:registration_certificate", token=enrolled.token))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert b"RSCA-Sans" in _pdf_objects(response.content)  # the bundled CJK font is embedded: Chinese renders


def _pdf_objects(content: bytes) -> bytes:
    """The PDF with its compressed streams inflated, to look for the embedded font's name."""
    import re
    import zlib

    parts = [content]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", content, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"".join(parts)


def test_the_certificate_shows_both_languages_and_a_qr_code_of_the_verification_page(
    rf: Any, enrolled: Any, staff_user: Any
) -> None:
    import base64

    from django.template.loader import render_to_string

    from rsca.training.views import certificate_context

    enrolled.attended = True
    enrolled.save()
    certificate = services.certificate_issue(registration=enrolled, by=staff_user)
    context = certificate_context(rf.get("/"), certificate)
    assert context["verify_url"] == f"http://testserver/training/verify/{certificate.code}/"
    html = render_to_string("training/certificate_pdf.html", context)
    assert "Certificate of participation" in html and "参与证书" in html
    assert enrolled.activity.title_zh in html and certificate.code in html
    svg = base64.b64decode(context["qr"].split(",", 1)[1])
    assert svg.startswith(b"<?xml") or b"<svg" in svg


def test_materials_are_type_checked_and_served_only_with_their_activity(
    client: Any, past: Any, staff_user: Any, private_activity: Any, user_b: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(InvalidInput):
        services.material_add(
            activity=past,
            by=staff_user,
            title_en="Fake",
            upload=SimpleUploadedFile("agenda.pdf", b"MZ\x90\x00 not a pdf"),
        )
    with pytest.raises(InvalidInput):
        services.material_add(
            activity=past, by=staff_user, title_en="Script", upload=SimpleUploadedFile("run.exe", b"MZ")
        )
    with pytest.raises(InvalidInput):
        services.material_add(activity=past, by=staff_user, title_en="Nothing")
    material = services.material_add(
        activity=past,
        by=staff_user,
        title_en="Agenda",
        title_zh="议程",
        upload=SimpleUploadedFile("agenda.pdf", b"%PDF-1.4 agenda"),
    )
    link = services.material_add(
        activity=past, by=staff_user, title_en="Library page", url="https://example.org/library/x"
    )
    response = client.get(_url("training:material_download", slug=past.slug, material_id=material.pk))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert (
        client.get(_url("training:material_download", slug=past.slug, material_id=link.pk)).status_code == 302
    )
    hidden = services.material_add(
        activity=private_activity,
        by=staff_user,
        title_en="Internal",
        upload=SimpleUploadedFile("x.pdf", b"%PDF-1.4 internal"),
    )
    client.force_login(user_b)
    assert (
        client.get(
            _url("training:material_download", slug=private_activity.slug, material_id=hidden.pk)
        ).status_code
        == 404
    )
    client.force_login(staff_user)
    client.post(_url("training:material_delete", slug=past.slug, material_id=material.pk))
    assert not past.materials.filter(pk=material.pk).exists()


def test_the_api_takes_attendance_and_lists_registrations_for_managers_only(
    client: Any, enrolled: Any, staff_user: Any, user_b: Any
) -> None:
    slug = enrolled.activity.slug
    body = {"registration_id": enrolled.pk, "day": "2025-05-06", "present": True}
    client.force_login(user_b)
    assert (
        client.put(
            f"/api/v1/training/activities/{slug}/attendance", body, content_type="application/json"
        ).status_code
        == 403
    )
    assert client.get(f"/api/v1/training/activities/{slug}/registrations").status_code == 403
    client.force_login(staff_user)
    response = client.put(
        f"/api/v1/training/activities/{slug}/attendance", body, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["attended"] is True
    listed = client.get(f"/api/v1/training/activities/{slug}/registrations").json()["items"]
    assert listed[0]["full_name"] == "Wang Fang" and listed[0]["attended"] is True
    outside = client.put(
        f"/api/v1/training/activities/{slug}/attendance",
        {**body, "day": "2031-01-01"},
        content_type="application/json",
    )
    assert outside.status_code == 422
