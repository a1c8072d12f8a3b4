"""Writes for activities, registrations, attendance, tests, feedback and certificates."""

from __future__ import annotations

import datetime
import secrets
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rsca.core.audit import audit_record
from rsca.core.errors import Conflict, Forbidden, InvalidInput
from rsca.core.models import Division, Organisation, Sector
from rsca.core.scoping import WRITE_ROLES, is_platform_staff, user_organisation_ids
from rsca.core.services import unique_slug
from rsca.training.models import (
    Activity,
    ActivityTest,
    Attendance,
    Certificate,
    ConstituentType,
    Feedback,
    Material,
    Participant,
    Question,
    Registration,
    Sex,
    TestAttempt,
)

RESERVED_SLUGS = {"new", "questions"}  # words the manage/ URLs use
CERTIFICATE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: codes are typed from paper


def can_manage_activity(user: Any, activity: Activity) -> bool:
    """Platform staff, or an editor/admin of the organisation that owns the activity."""
    if is_platform_staff(user):
        return True
    return activity.owner_id is not None and activity.owner_id in user_organisation_ids(
        user, roles=WRITE_ROLES
    )


def require_manager(user: Any, activity: Activity) -> None:
    if not can_manage_activity(user, activity):
        raise Forbidden(_("Only the programme team and the managing organisation's editors can do this."))


def organisations_matching(refs: list[str]) -> list[Organisation]:
    """Organisations on the platform named by acronym, slug or name (case-insensitive), in the order given."""
    found: list[Organisation] = []
    for ref in refs:
        organisation = Organisation.objects.filter(
            Q(acronym__iexact=ref) | Q(slug__iexact=ref) | Q(name__iexact=ref) | Q(name_zh=ref)
        ).first()
        if organisation is not None and organisation not in found:
            found.append(organisation)
    return found


def activity_link_organisations(*, activity: Activity) -> int:
    """Link the organisers and partners the source names to the organisations that exist on the platform."""
    organisers = organisations_matching(list(activity.organiser_refs))
    partners = organisations_matching(list(activity.partner_refs))
    activity.organisers.add(*organisers)
    activity.partners.add(*partners)
    return len(organisers) + len(partners)


def activities_link_organisation(*, organisation: Organisation) -> None:
    """When an organisation appears (e.g. the programme's partners are seeded), link activities that name it."""
    keys = {
        k.lower()
        for k in (organisation.acronym, organisation.slug, organisation.name, organisation.name_zh)
        if k
    }
    if not keys:
        return
    for activity in Activity.objects.exclude(organiser_refs=[], partner_refs=[]).only(
        "id", "organiser_refs", "partner_refs"
    ):
        if keys & {str(r).lower() for r in activity.organiser_refs}:
            activity.organisers.add(organisation)
        if keys & {str(r).lower() for r in activity.partner_refs}:
            activity.partners.add(organisation)


def _check_dates(start: datetime.date | None, end: datetime.date | None) -> None:
    if end is not None and (start is None or end < start):
        raise InvalidInput(
            _("The end date must be on or after the start date."),
            code="bad_dates",
            details=[{"column": "end_date", "message": _("before the start date")}],
        )


@transaction.atomic
def activity_create(
    *, by: Any, title_en: str, kind: str, owner: Organisation | None = None, **fields: Any
) -> Activity:
    """Create an activity; staff may leave the owner empty (programme team), others must own it."""
    if not is_platform_staff(by) and (
        owner is None or owner.pk not in user_organisation_ids(by, roles=WRITE_ROLES)
    ):
        raise Forbidden(_("You can only create activities for an organisation you edit for."))
    sectors = fields.pop("sectors", None)
    organisers = fields.pop("organisers", None)
    partners = fields.pop("partners", None)
    _check_dates(fields.get("start_date"), fields.get("end_date"))
    slug = fields.pop("slug", "") or unique_slug(text=title_en, model=Activity)
    if slug in RESERVED_SLUGS:
        slug = unique_slug(text=f"{slug}-activity", model=Activity)
    activity = Activity.objects.create(slug=slug, title_en=title_en, kind=kind, owner=owner, **fields)
    if sectors is not None:
        activity.sectors.set(sectors)
    if organisers:
        activity.organisers.set(organisers)
    if partners:
        activity.partners.set(partners)
    activity_link_organisations(activity=activity)
    return activity


@transaction.atomic
def activity_update(*, activity: Activity, by: Any, **fields: Any) -> Activity:
    require_manager(by, activity)
    sectors = fields.pop("sectors", None)
    organisers = fields.pop("organisers", None)
    partners = fields.pop("partners", None)
    for name, value in fields.items():
        setattr(activity, name, value)
    _check_dates(activity.start_date, activity.end_date)
    activity.save()
    if sectors is not None:
        activity.sectors.set(sectors)
    if organisers is not None:
        activity.organisers.set(organisers)
    if partners is not None:
        activity.partners.set(partners)
    return activity


def participant_key_match(*, email: str, full_name: str, organisation_name: str) -> Participant | None:
    """The same person: e-mail (case-insensitive) first, else name + organisation (case-insensitive)."""
    if email:
        found = Participant.objects.filter(email__iexact=email).first()
        if found is not None:
            return found
    same_name = Participant.objects.filter(
        full_name__iexact=full_name.strip(), organisation_name__iexact=organisation_name.strip()
    )
    if email:  # two different e-mail addresses are two people
        same_name = same_name.filter(Q(email="") | Q(email__iexact=email))
    return same_name.first()


def new_registration_token() -> str:
    return secrets.token_urlsafe(32)


def _check_codes(*, sector_id: str | None, province_id: str | None) -> None:
    """Sector and province codes must exist (the API takes them as free text)."""
    if sector_id and not Sector.objects.filter(code=sector_id).exists():
        raise InvalidInput(
            _("“%(code)s” is not a sector code.") % {"code": sector_id[:20]},
            code="unknown_sector",
            details=[{"column": "sector", "message": _("unknown code")}],
        )
    if province_id and not Division.objects.filter(code=province_id).exists():
        raise InvalidInput(
            _("“%(code)s” is not a province code.") % {"code": province_id[:20]},
            code="unknown_province",
            details=[{"column": "province", "message": _("unknown code")}],
        )


def _confirmed_count(activity: Activity) -> int:
    return activity.registrations.filter(status=Registration.Status.CONFIRMED).count()


@transaction.atomic
def registration_create(
    *,
    activity: Activity,
    full_name: str,
    email: str,
    sex: str = Sex.UNDISCLOSED,
    organisation_name: str = "",
    constituent_type: str = ConstituentType.OTHER,
    role: str = "",
    sector_id: str | None = None,
    province_id: str | None = None,
    user: Any = None,
    base_url: str = "",
) -> Registration:
    """Online registration: confirmed while places remain, then on the waiting list; sends a confirmation e-mail."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if not (activity.is_published and activity.registration_open):
        raise Conflict(_("Registration for this activity is closed."), code="registration_closed")
    if activity.start_date and activity.start_date < timezone.localdate():
        raise Conflict(_("This activity has already started."), code="registration_closed")
    full_name, email = full_name.strip(), email.strip().lower()
    if not full_name or not email:
        raise InvalidInput(
            _("Name and e-mail are required."),
            code="missing_fields",
            details=[{"column": "full_name" if not full_name else "email", "message": _("required")}],
        )
    try:
        validate_email(email)
    except ValidationError:
        raise InvalidInput(
            _("“%(email)s” is not a valid e-mail address.") % {"email": email},
            code="bad_email",
            details=[{"column": "email", "message": _("not a valid e-mail address")}],
        ) from None
    _check_codes(sector_id=sector_id, province_id=province_id)
    participant = participant_key_match(email=email, full_name=full_name, organisation_name=organisation_name)
    if participant is None:
        participant = Participant.objects.create(
            full_name=full_name,
            email=email,
            sex=sex,
            organisation_name=organisation_name.strip(),
            constituent_type=constituent_type,
            role=role.strip(),
            sector_id=sector_id or None,
            province_id=province_id or None,
            user=user if getattr(user, "is_authenticated", False) else None,
        )
    elif (
        getattr(user, "is_authenticated", False)
        and participant.user_id is None
        and (getattr(user, "email", "") or "").lower() == email
    ):
        participant.user = user
        participant.save(update_fields=["user"])
    existing = activity.registrations.filter(participant=participant).first()
    if existing is not None and existing.status != Registration.Status.CANCELLED:
        raise Conflict(
            _("This e-mail address is already registered for the activity."), code="already_registered"
        )
    full = activity.capacity is not None and _confirmed_count(activity) >= activity.capacity
    status = Registration.Status.WAITLISTED if full else Registration.Status.CONFIRMED
    if existing is not None:
        existing.status = status
        existing.save(update_fields=["status"])
        registration = existing
    else:
        registration = Registration.objects.create(
            activity=activity,
            participant=participant,
            status=status,
            source=Registration.Source.ONLINE,
            token=new_registration_token(),
        )
    transaction.on_commit(
        lambda: registration_confirmation_send(registration=registration, base_url=base_url)
    )
    return registration


def registration_url(registration: Registration, base_url: str = "") -> str:
    path = reverse("training:registration_detail", kwargs={"token": registration.token})
    return base_url.rstrip("/") + path if base_url else path


def registration_confirmation_send(*, registration: Registration, base_url: str = "") -> None:
    """E-mail the registrant what they registered for, their status and their private page."""
    context = {
        "registration": registration,
        "activity": registration.activity,
        "url": registration_url(registration, base_url),
    }
    subject = render_to_string("training/email/confirmation_subject.txt", context).strip()
    body = render_to_string("training/email/confirmation.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [registration.participant.email])


@transaction.atomic
def registration_cancel(
    *, registration: Registration, by: Any = None, base_url: str = ""
) -> Registration | None:
    """Cancel a registration; the first person on the waiting list takes the freed place (and is told)."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Registration.Status.CANCELLED:
        return None
    freed = registration.status == Registration.Status.CONFIRMED
    registration.status = Registration.Status.CANCELLED
    registration.save(update_fields=["status"])
    if not freed:
        return None
    activity = registration.activity
    if activity.capacity is not None and _confirmed_count(activity) >= activity.capacity:
        return None
    promoted = (
        activity.registrations.filter(status=Registration.Status.WAITLISTED)
        .order_by("created_at", "id")
        .first()
    )
    if promoted is not None:
        promoted.status = Registration.Status.CONFIRMED
        promoted.save(update_fields=["status"])
        audit_record(action="other", verb="promote_from_waiting_list", target=promoted)
        transaction.on_commit(
            lambda: registration_confirmation_send(registration=promoted, base_url=base_url)
        )
    return promoted


@transaction.atomic
def registration_add(
    *,
    activity: Activity,
    participant: Participant,
    by: Any,
    source: str = Registration.Source.STAFF,
    attended: bool = False,
) -> tuple[Registration, bool]:
    """Add a known person to an activity (staff or import); returns (registration, created)."""
    require_manager(by, activity)
    registration, created = Registration.objects.get_or_create(
        activity=activity,
        participant=participant,
        defaults={
            "status": Registration.Status.CONFIRMED,
            "source": source,
            "attended": attended,
            "token": new_registration_token(),
        },
    )
    if not created and attended and not registration.attended:
        registration.attended = True
        registration.save(update_fields=["attended"])
    return registration, created


@transaction.atomic
def participant_add(
    *,
    activity: Activity,
    by: Any,
    full_name: str,
    email: str = "",
    sex: str = Sex.UNDISCLOSED,
    organisation_name: str = "",
    constituent_type: str = ConstituentType.OTHER,
    role: str = "",
    sector_id: str | None = None,
    province_id: str | None = None,
) -> Registration:
    """Staff add a person (e.g. a walk-in) to an activity; a known person (same e-mail, or same name and
    organisation) is reused, never duplicated."""
    require_manager(by, activity)
    full_name, email = " ".join(full_name.split()), email.strip().lower()
    if not full_name:
        raise InvalidInput(
            _("Name and e-mail are required."),
            code="missing_fields",
            details=[{"column": "full_name", "message": _("required")}],
        )
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise InvalidInput(
                _("“%(email)s” is not a valid e-mail address.") % {"email": email},
                code="bad_email",
                details=[{"column": "email", "message": _("not a valid e-mail address")}],
            ) from None
    _check_codes(sector_id=sector_id, province_id=province_id)
    person = participant_key_match(email=email, full_name=full_name, organisation_name=organisation_name)
    if person is None:
        person = Participant.objects.create(
            full_name=full_name,
            email=email,
            sex=sex,
            organisation_name=organisation_name.strip(),
            constituent_type=constituent_type,
            role=role.strip(),
            sector_id=sector_id or None,
            province_id=province_id or None,
        )
    registration, created = registration_add(activity=activity, participant=person, by=by)
    if not created:
        raise Conflict(
            _("%(name)s is already on the list.") % {"name": person.full_name}, code="already_registered"
        )
    return registration


@transaction.atomic
def attendance_set(*, registration: Registration, day: datetime.date, present: bool, by: Any) -> Attendance:
    """Tick or untick a person for one day of the activity; `attended` follows the ticks."""
    activity = registration.activity
    require_manager(by, activity)
    if registration.status == Registration.Status.CANCELLED:
        raise Conflict(_("This registration is cancelled."), code="registration_cancelled")
    if day not in activity.days:
        raise InvalidInput(
            _("%(day)s is not a day of this activity.") % {"day": day.isoformat()}, code="bad_day"
        )
    attendance, _created = Attendance.objects.update_or_create(
        registration=registration, day=day, defaults={"present": present}
    )
    attended = registration.attendance.filter(present=True).exists()
    if attended != registration.attended:
        registration.attended = attended
        registration.save(update_fields=["attended"])
    return attendance


@transaction.atomic
def question_create(
    *,
    by: Any,
    topic_code: str,
    text_en: str,
    text_zh: str,
    options: list[dict[str, str]],
    correct_index: int,
    source: str = "",
    owner: Organisation | None = None,
) -> Question:
    if not is_platform_staff(by) and (
        owner is None or owner.pk not in user_organisation_ids(by, roles=WRITE_ROLES)
    ):
        raise Forbidden(_("Only the programme team and partner editors can add questions."))
    options = [o for o in options if (o.get("en") or o.get("zh") or "").strip()]
    if len(options) < 2:
        raise InvalidInput(_("A question needs at least two options."), code="too_few_options")
    if not 0 <= correct_index < len(options):
        raise InvalidInput(_("The correct option must be one of the options."), code="bad_correct_option")
    return Question.objects.create(
        topic_code=topic_code.strip(),
        text_en=text_en.strip(),
        text_zh=text_zh.strip(),
        options=options,
        correct_index=correct_index,
        source=source.strip(),
        owner=owner,
    )


@transaction.atomic
def activity_test_set(
    *, activity: Activity, questions: list[Question], is_open: bool, by: Any
) -> ActivityTest:
    require_manager(by, activity)
    test, _created = ActivityTest.objects.get_or_create(activity=activity)
    if TestAttempt.objects.filter(registration__activity=activity).exists() and set(
        test.questions.values_list("id", flat=True)
    ) != {q.pk for q in questions}:
        raise Conflict(
            _("People have already taken this test; its questions can no longer change."), code="test_in_use"
        )
    test.questions.set(questions)
    test.is_open = is_open
    test.save(update_fields=["is_open"])
    return test


def _percent(correct: int, total: int) -> Decimal:
    return (
        (Decimal(100) * correct / total).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        if total
        else Decimal(0)
    )


@transaction.atomic
def test_submit(*, registration: Registration, phase: str, answers: dict[str, int]) -> TestAttempt:
    """Score a pre- or post-test; each phase is taken once; the post-test only after the pre-test."""
    if phase not in TestAttempt.Phase.values:
        raise InvalidInput(_("Unknown test phase."), code="bad_phase")
    if registration.status == Registration.Status.CANCELLED:
        raise Conflict(_("This registration is cancelled."), code="registration_cancelled")
    test = ActivityTest.objects.filter(activity_id=registration.activity_id).first()
    if test is None or not test.is_open:
        raise Conflict(_("There is no open test for this activity."), code="no_test")
    questions = list(test.questions.all())
    if not questions:
        raise Conflict(_("There is no open test for this activity."), code="no_test")
    if TestAttempt.objects.filter(registration=registration, phase=phase).exists():
        raise Conflict(_("You have already taken this test."), code="already_taken")
    missing = [q.pk for q in questions if str(q.pk) not in answers]
    if missing:
        raise InvalidInput(
            _("Please answer every question."),
            code="unanswered",
            details=[{"question": pk, "message": "unanswered"} for pk in missing],
        )
    correct = sum(1 for q in questions if answers[str(q.pk)] == q.correct_index)
    return TestAttempt.objects.create(
        registration=registration,
        phase=phase,
        answers={str(q.pk): answers[str(q.pk)] for q in questions},
        correct=correct,
        total=len(questions),
        score=_percent(correct, len(questions)),
    )


@transaction.atomic
def feedback_submit(
    *, registration: Registration, overall: int, relevance: int, facilitation: int, comments: str = ""
) -> Feedback:
    if registration.status == Registration.Status.CANCELLED:
        raise Conflict(_("This registration is cancelled."), code="registration_cancelled")
    for name, value in (("overall", overall), ("relevance", relevance), ("facilitation", facilitation)):
        if not 1 <= value <= 5:
            raise InvalidInput(_("Ratings go from 1 to 5."), code="bad_rating", details=[{"column": name}])
    try:
        with transaction.atomic():
            return Feedback.objects.create(
                registration=registration,
                overall=overall,
                relevance=relevance,
                facilitation=facilitation,
                comments=comments.strip()[:4000],
            )
    except IntegrityError:
        raise Conflict(_("You have already given feedback."), code="already_given") from None


def _certificate_code() -> str:
    while True:
        code = "".join(secrets.choice(CERTIFICATE_ALPHABET) for _ in range(10))
        if not Certificate.objects.filter(code=code).exists():
            return code


@transaction.atomic
def certificate_issue(*, registration: Registration, by: Any) -> Certificate:
    """Issue (once) the certificate of someone who attended."""
    require_manager(by, registration.activity)
    if not registration.attended or registration.status == Registration.Status.CANCELLED:
        raise Conflict(_("Certificates are only issued to people who attended."), code="not_attended")
    existing = Certificate.objects.filter(registration=registration).first()
    if existing is not None:
        return existing
    certificate = Certificate.objects.create(
        registration=registration, code=_certificate_code(), holder_name=registration.participant.full_name
    )
    audit_record(action="other", verb="certificate_issue", target=certificate)
    return certificate


@transaction.atomic
def certificates_issue_all(*, activity: Activity, by: Any) -> int:
    require_manager(by, activity)
    issued = 0
    for registration in (
        activity.registrations.filter(attended=True)
        .exclude(status=Registration.Status.CANCELLED)
        .filter(certificate__isnull=True)
    ):
        certificate_issue(registration=registration, by=by)
        issued += 1
    return issued


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, by: Any) -> Certificate:
    require_manager(by, certificate.registration.activity)
    if certificate.revoked_at is None:
        certificate.revoked_at = timezone.now()
        certificate.save(update_fields=["revoked_at"])
        audit_record(action="other", verb="certificate_revoke", target=certificate)
    return certificate


MATERIAL_TYPES = {  # extension → how the file must start (magic bytes)
    ".pdf": (b"%PDF",),
    ".docx": (b"PK\x03\x04",),
    ".pptx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".png": (b"\x89PNG",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
}
MATERIAL_MAX_BYTES = 25 * 1024 * 1024


@transaction.atomic
def material_add(
    *, activity: Activity, by: Any, title_en: str, title_zh: str = "", upload: Any = None, url: str = ""
) -> Material:
    """Attach a file (PDF, Office, image; type and size checked) or a link (e.g. to the resource library)."""
    require_manager(by, activity)
    if not title_en.strip() and not title_zh.strip():
        raise InvalidInput(
            _("Give the material a title."),
            code="missing_title",
            details=[{"column": "title_en", "message": _("required")}],
        )
    if (upload is None) == (not url.strip()):
        raise InvalidInput(_("Attach either a file or a link."), code="file_or_link")
    if upload is not None:
        name = str(upload.name or "")
        extension = name[name.rfind(".") :].lower() if "." in name else ""
        if extension not in MATERIAL_TYPES:
            raise InvalidInput(
                _("%(file)s: only PDF, Word, PowerPoint, Excel, PNG and JPEG files are accepted.")
                % {"file": name},
                code="unsupported_type",
                details=[{"file": name, "row": None, "column": None, "message": "type"}],
            )
        if upload.size > MATERIAL_MAX_BYTES:
            raise InvalidInput(
                _("%(file)s is larger than 25 MB.") % {"file": name},
                code="file_too_large",
                details=[{"file": name, "row": None, "column": None, "message": "size"}],
            )
        upload.seek(0)
        head = upload.read(8)
        upload.seek(0)
        if not head.startswith(MATERIAL_TYPES[extension]):
            raise InvalidInput(
                _("%(file)s is not really a %(type)s file.") % {"file": name, "type": extension},
                code="unsupported_type",
                details=[{"file": name, "row": None, "column": None, "message": "content"}],
            )
    material = Material(
        activity=activity,
        title_en=title_en.strip() or title_zh.strip(),
        title_zh=title_zh.strip(),
        url=url.strip(),
    )
    if upload is not None:
        material.file.save(upload.name, upload, save=False)
    material.save()
    return material


@transaction.atomic
def material_delete(*, material: Material, by: Any) -> None:
    require_manager(by, material.activity)
    if material.file:
        material.file.delete(save=False)
    material.delete()
