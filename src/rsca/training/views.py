"""Training pages: public calendar and registration, the participant's pages, certificate verification,
the results dashboard and the staff pages that run an activity."""

from __future__ import annotations

import base64
import datetime
from pathlib import Path
from typing import Any

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rsca.core.errors import DomainError, Forbidden, NotFound
from rsca.core.exports import csv_response
from rsca.core.imports.pipeline import skipped_rows_csv
from rsca.core.imports.storage import upload_delete, upload_get, upload_store
from rsca.core.models import Division, Organisation, Sector
from rsca.core.pdf import pdf_response, render_pdf
from rsca.core.scoping import WRITE_ROLES, is_platform_staff, user_organisation_ids
from rsca.core.views import DomainErrorsAsHttp
from rsca.training import selectors, services
from rsca.training.forms import (
    ActivityForm,
    FeedbackForm,
    ImportForm,
    MaterialForm,
    QuestionForm,
    RegistrationForm,
    StaffParticipantForm,
    TestForm,
    TestSetupForm,
)
from rsca.training.importing import PARTICIPANTS, participants_import
from rsca.training.models import Activity, ConstituentType, Registration, Sex, TestAttempt

_domain = DomainErrorsAsHttp(not_found=(NotFound,), forbidden=(Forbidden,))
"""Run a selector and turn its domain errors into the matching HTTP answer (404 or 403)."""


def _managed_activity(request: HttpRequest, slug: str) -> Activity:
    activity = _domain(selectors.activity_get, user=request.user, slug=slug)
    if not services.can_manage_activity(request.user, activity):
        raise PermissionDenied
    return activity


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


# ------------------------------------------------------------------------------------------ public


def calendar(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind") or None
    if kind not in Activity.Kind.values:
        kind = None
    past = Paginator(selectors.activity_calendar(user=request.user, upcoming=False, kind=kind), 25)
    return render(
        request,
        "training/calendar.html",
        {
            "upcoming": selectors.activity_calendar(user=request.user, upcoming=True, kind=kind),
            "past": past.get_page(request.GET.get("page")),
            "kinds": Activity.Kind.choices,
            "kind": kind,
            "can_create": is_platform_staff(request.user)
            or bool(user_organisation_ids(request.user, roles=WRITE_ROLES)),
        },
    )


def activity_detail(request: HttpRequest, slug: str) -> HttpResponse:
    activity = _domain(selectors.activity_get, user=request.user, slug=slug)
    form = RegistrationForm(initial=_registration_initial(request))
    return _activity_page(request, activity, form)


def _registration_initial(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    if not getattr(user, "is_authenticated", False):
        return {}
    return {"full_name": getattr(user, "get_full_name", lambda: "")(), "email": getattr(user, "email", "")}


def _activity_page(
    request: HttpRequest, activity: Activity, form: RegistrationForm, status: int = 200
) -> HttpResponse:
    confirmed = activity.registrations.filter(status=Registration.Status.CONFIRMED).count()
    places_left = None if activity.capacity is None else max(activity.capacity - confirmed, 0)
    return render(
        request,
        "training/activity_detail.html",
        {
            "activity": activity,
            "form": form,
            "places_left": places_left,
            "can_manage": services.can_manage_activity(request.user, activity),
            "materials": activity.materials.all(),
            "target_labels": _constituent_labels(activity.target_groups),
            "topics": topic_names(activity.topic_codes),
        },
        status=status,
    )


@require_POST
def activity_register(request: HttpRequest, slug: str) -> HttpResponse:
    activity = _domain(selectors.activity_get, user=request.user, slug=slug)
    form = RegistrationForm(request.POST)
    if not form.is_valid():
        return _activity_page(request, activity, form, status=422)
    data = form.cleaned_data
    try:
        registration = services.registration_create(
            activity=activity,
            full_name=data["full_name"],
            email=data["email"],
            sex=data["sex"],
            organisation_name=data["organisation_name"],
            constituent_type=data["constituent_type"],
            role=data["role"],
            sector_id=data["sector"] or None,
            province_id=data["province"] or None,
            user=request.user,
            base_url=_base_url(request),
        )
    except DomainError as error:
        form.add_error(None, error.message)
        return _activity_page(request, activity, form, status=error.status)
    if registration.status == Registration.Status.WAITLISTED:
        messages.warning(
            request, _("The activity is full: you are on the waiting list. We have sent you an e-mail.")
        )
    else:
        messages.success(request, _("You are registered. We have sent a confirmation e-mail."))
    return redirect("training:registration_detail", token=registration.token)


def course_detail(request: HttpRequest, slug: str) -> HttpResponse:
    course = selectors.course_list().filter(slug=slug).first()
    if course is None:
        raise Http404
    return render(
        request,
        "training/course_detail.html",
        {
            "course": course,
            "activities": selectors.course_activities(user=request.user, course=course),
            "topics": topic_names(course.topic_codes),
        },
    )


# ------------------------------------------------------------------------------- the participant


def registration_detail(request: HttpRequest, token: str) -> HttpResponse:
    registration = _domain(selectors.registration_by_token, token=token)
    attempts = {a.phase: a for a in registration.test_attempts.all()}
    test = selectors.activity_test_get(activity=registration.activity)
    certificate = getattr(registration, "certificate", None)
    return render(
        request,
        "training/registration_detail.html",
        {
            "registration": registration,
            "activity": registration.activity,
            "attempts": attempts,
            "test_open": bool(test and test.is_open and test.questions.exists()),
            "gain": (attempts["post"].score - attempts["pre"].score)
            if {"pre", "post"} <= set(attempts)
            else None,
            "feedback": getattr(registration, "feedback", None),
            "certificate": certificate,
        },
    )


@require_POST
def registration_cancel(request: HttpRequest, token: str) -> HttpResponse:
    registration = _domain(selectors.registration_by_token, token=token)
    services.registration_cancel(registration=registration, base_url=_base_url(request))
    messages.success(request, _("Your registration is cancelled."))
    return redirect("training:registration_detail", token=token)


def registration_test(request: HttpRequest, token: str, phase: str) -> HttpResponse:
    registration = _domain(selectors.registration_by_token, token=token)
    if phase not in TestAttempt.Phase.values:
        raise Http404
    test = selectors.activity_test_get(activity=registration.activity)
    if test is None or not test.is_open:
        messages.error(request, _("There is no open test for this activity."))
        return redirect("training:registration_detail", token=token)
    questions = list(test.questions.all())
    form = TestForm(request.POST or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            attempt = services.test_submit(registration=registration, phase=phase, answers=form.answers())
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Thank you. Your score: %(correct)s of %(total)s (%(score)s %%).")
                % {"correct": attempt.correct, "total": attempt.total, "score": attempt.score},
            )
        return redirect("training:registration_detail", token=token)
    return render(
        request,
        "training/test_take.html",
        {
            "registration": registration,
            "activity": registration.activity,
            "form": form,
            "phase_label": dict(TestAttempt.Phase.choices)[phase],
        },
    )


def registration_feedback(request: HttpRequest, token: str) -> HttpResponse:
    registration = _domain(selectors.registration_by_token, token=token)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_submit(registration=registration, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Thank you for your feedback."))
        return redirect("training:registration_detail", token=token)
    return render(
        request,
        "training/feedback_form.html",
        {"registration": registration, "activity": registration.activity, "form": form},
    )


def registration_certificate(request: HttpRequest, token: str) -> HttpResponse:
    registration = _domain(selectors.registration_by_token, token=token)
    certificate = getattr(registration, "certificate", None)
    if certificate is None or certificate.revoked_at is not None:
        raise Http404
    return _certificate_pdf(request, certificate)


@login_required
def my_trainings(request: HttpRequest) -> HttpResponse:
    rows = []
    for registration in selectors.participant_history(user=request.user):
        attempts = {a.phase: a for a in registration.test_attempts.all()}
        gain = (attempts["post"].score - attempts["pre"].score) if {"pre", "post"} <= set(attempts) else None
        rows.append({"registration": registration, "gain": gain})
    return render(request, "training/my_trainings.html", {"rows": rows})


# ------------------------------------------------------------------------------------- certificates


def _qr_data_uri(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    svg = image.to_string()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()


def certificate_context(request: HttpRequest, certificate: Any) -> dict[str, Any]:
    """What the bilingual certificate shows: holder, activity in both languages, code and a QR code of the
    public verification address."""
    verify_url = request.build_absolute_uri(
        reverse("training:verify_code", kwargs={"code": certificate.code})
    )
    activity = certificate.registration.activity
    return {
        "certificate": certificate,
        "activity": activity,
        "verify_url": verify_url,
        "qr": _qr_data_uri(verify_url),
        "place_en": activity.place.name_en if activity.place else "",
        "place_zh": activity.place.name_zh if activity.place else "",
    }


def _certificate_pdf(request: HttpRequest, certificate: Any) -> HttpResponse:
    content = render_pdf(
        "training/certificate_pdf.html", certificate_context(request, certificate), request=request
    )
    return pdf_response(content, f"certificate-{certificate.code}.pdf")


def verify(request: HttpRequest) -> HttpResponse:
    code = (request.GET.get("code") or "").strip()[:32]
    if code:
        return redirect("training:verify_code", code=code.upper().replace(" ", "").replace("-", ""))
    return render(request, "training/verify.html", {"certificate": None, "code": ""})


def verify_code(request: HttpRequest, code: str) -> HttpResponse:
    try:
        certificate = selectors.certificate_verify(code=code)
    except NotFound:
        return render(
            request, "training/verify.html", {"certificate": None, "code": code, "unknown": True}, status=404
        )
    return render(
        request,
        "training/verify.html",
        {"certificate": certificate, "code": certificate.code, "activity": certificate.registration.activity},
    )


# ----------------------------------------------------------------------------------------- dashboard


def _date_param(request: HttpRequest, name: str) -> datetime.date | None:
    value = (request.GET.get(name) or "").strip()
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _constituent_labels(codes: list[str]) -> list[str]:
    labels = dict(ConstituentType.choices)
    return [str(labels.get(code, code)) for code in codes]


def topic_names(codes: list[str]) -> list[str]:
    """Topic names from the standards taxonomy when it is installed and seeded, else the codes."""
    from django.db import DatabaseError

    try:
        from rsca.standards.models import Topic

        names = {t.code: str(t) for t in Topic.objects.filter(code__in=codes)}
    except (ImportError, DatabaseError):
        names = {}
    return [names.get(code, code) for code in codes]


def _dashboard_indicators(request: HttpRequest) -> tuple[dict[str, Any], str | None, Any, Any]:
    date_from, date_to = _date_param(request, "from"), _date_param(request, "to")
    session = (request.GET.get("session") or "").strip() or None
    try:
        if session:  # only activities the reader may see can be picked out
            selectors.activity_get(user=request.user, slug=session)
        indicators = selectors.training_indicators(session=session, date_from=date_from, date_to=date_to)
    except NotFound as error:
        messages.error(request, error.message)
        session = None
        indicators = selectors.training_indicators(date_from=date_from, date_to=date_to)
    return indicators, session, date_from, date_to


def dashboard_csv(request: HttpRequest) -> HttpResponse:
    """The dashboard's figures as CSV: one row per dimension and value, with English and Chinese labels."""
    indicators, session, date_from, date_to = _dashboard_indicators(request)
    labels: dict[str, dict[str, Any]] = {
        "by_sex": dict(Sex.choices),
        "by_constituent": dict(ConstituentType.choices),
        "by_province": {d.code: d for d in Division.objects.filter(code__in=indicators["by_province"])},
        "by_sector": {s.code: s for s in Sector.objects.filter(code__in=indicators["by_sector"])},
    }
    from django.utils import translation

    def label(dimension: str, key: str, language: str) -> str:
        value = labels[dimension].get(key)
        if value is None:
            return ""
        with translation.override(language):
            return str(value.name) if hasattr(value, "name_en") else str(value)

    rows: list[list[Any]] = [
        ["participants", "", "", "", indicators["participants"]],
        ["enterprises", "", "", "", indicators["enterprises"]],
    ]
    for dimension in ("by_sex", "by_constituent", "by_province", "by_sector"):
        for key, count in indicators[dimension].items():
            rows.append(
                [dimension, key, label(dimension, key, "en"), label(dimension, key, "zh-hans"), count]
            )
    rows.append(["knowledge_gain", "", "", "", indicators["knowledge_gain"]])
    rows.append(["satisfaction", "", "", "", indicators["satisfaction"]])
    scope = (
        "-".join(
            part
            for part in (session, date_from and date_from.isoformat(), date_to and date_to.isoformat())
            if part
        )
        or "all"
    )
    return csv_response(
        ["indicator", "key", "label_en", "label_zh", "value"], rows, f"training-results-{scope}.csv"
    )


def dashboard(request: HttpRequest) -> HttpResponse:
    indicators, session, date_from, date_to = _dashboard_indicators(request)
    over_time = selectors.training_reach_over_time(date_from=date_from, date_to=date_to)
    sexes, constituents = dict(Sex.choices), dict(ConstituentType.choices)
    provinces = {d.code: d.name for d in Division.objects.filter(code__in=indicators["by_province"].keys())}
    sectors = {s.code: s.name for s in Sector.objects.filter(code__in=indicators["by_sector"].keys())}
    unknown = _("not recorded")
    charts = {
        "by_sex": [{"name": str(sexes[k]), "value": v} for k, v in indicators["by_sex"].items()],
        "by_constituent": [
            {"name": str(constituents[k]), "value": v} for k, v in indicators["by_constituent"].items()
        ],
        "by_province": [
            {"name": provinces.get(k, unknown), "value": v} for k, v in indicators["by_province"].items()
        ],
        "by_sector": [
            {"name": sectors.get(k, unknown), "value": v} for k, v in indicators["by_sector"].items()
        ],
        "over_time": {
            "years": list(over_time.keys()),
            "series": [
                {"name": str(label), "data": [over_time[y].get(code, 0) for y in over_time]}
                for code, label in Sex.choices
            ],
        },
        "labels": {"people": _("people")},
    }
    return render(
        request,
        "training/dashboard.html",
        {
            "indicators": indicators,
            "charts": charts,
            "date_from": date_from,
            "date_to": date_to,
            "session": session,
            "activities": selectors.activity_calendar(user=request.user, upcoming=False),
            "sex_rows": [(sexes[k], v) for k, v in indicators["by_sex"].items()],
            "constituent_rows": [(constituents[k], v) for k, v in indicators["by_constituent"].items()],
            "province_rows": [(provinces.get(k, unknown), v) for k, v in indicators["by_province"].items()],
            "sector_rows": [(sectors.get(k, unknown), v) for k, v in indicators["by_sector"].items()],
        },
    )


# ------------------------------------------------------------------------------------ staff pages


@login_required
def manage(request: HttpRequest) -> HttpResponse:
    activities = selectors.activity_managed_list(user=request.user)
    page = Paginator(activities, 50).get_page(request.GET.get("page"))
    return render(request, "training/manage_list.html", {"page": page})


@login_required
def activity_create(request: HttpRequest) -> HttpResponse:
    if not (is_platform_staff(request.user) or user_organisation_ids(request.user, roles=WRITE_ROLES)):
        raise PermissionDenied
    form = ActivityForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        try:
            activity = services.activity_create(by=request.user, **fields)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Activity created."))
            return redirect("training:manage_activity", slug=activity.slug)
    return render(request, "training/activity_form.html", {"form": form, "activity": None})


@login_required
def activity_edit(request: HttpRequest, slug: str) -> HttpResponse:
    activity = _managed_activity(request, slug)
    form = ActivityForm(request.POST or None, instance=activity, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        activity.refresh_from_db()
        try:
            services.activity_update(activity=activity, by=request.user, **fields)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Activity saved."))
            return redirect("training:manage_activity", slug=activity.slug)
    return render(request, "training/activity_form.html", {"form": form, "activity": activity})


@login_required
def manage_activity(request: HttpRequest, slug: str) -> HttpResponse:
    activity = _managed_activity(request, slug)
    registrations = selectors.activity_registrations(user=request.user, activity=activity)
    counts = {status: 0 for status in Registration.Status.values}
    attended = 0
    for registration in registrations:
        counts[registration.status] += 1
        attended += registration.attended
    return render(
        request,
        "training/manage_activity.html",
        {
            "activity": activity,
            "registrations": registrations,
            "counts": counts,
            "attended": attended,
            "indicators": selectors.training_indicators(session=activity),
            "tab": "participants",
            "add_form": StaffParticipantForm(auto_id="add_%s"),
        },
    )


@login_required
@require_POST
def participant_add(request: HttpRequest, slug: str) -> HttpResponse:
    activity = _managed_activity(request, slug)
    form = StaffParticipantForm(request.POST, auto_id="add_%s")
    if not form.is_valid():
        problems = [
            f"{form.fields[name].label if name in form.fields else ''}: {' '.join(str(e) for e in errors)}"
            for name, errors in form.errors.items()
        ]
        messages.error(request, " ".join(problems))
        return redirect("training:manage_activity", slug=slug)
    data = form.cleaned_data
    try:
        registration = services.participant_add(
            activity=activity,
            by=request.user,
            full_name=data["full_name"],
            email=data["email"],
            sex=data["sex"],
            organisation_name=data["organisation_name"],
            constituent_type=data["constituent_type"],
            role=data["role"],
            sector_id=data["sector"] or None,
            province_id=data["province"] or None,
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(name)s added.") % {"name": registration.participant.full_name})
    return redirect("training:manage_activity", slug=slug)


@login_required
def participants_csv(request: HttpRequest, slug: str) -> HttpResponse:
    activity = _managed_activity(request, slug)
    rows = [
        (
            r.participant.full_name,
            r.participant.sex,
            r.participant.organisation_name,
            r.participant.constituent_type,
            r.participant.role,
            r.participant.sector_id or "",
            r.participant.province_id or "",
            r.participant.email,
            r.status,
            "yes" if r.attended else "no",
        )
        for r in selectors.activity_registrations(user=request.user, activity=activity)
    ]
    return csv_response(
        [
            "name",
            "sex",
            "organisation",
            "constituent_type",
            "role",
            "sector",
            "province",
            "email",
            "status",
            "attended",
        ],
        rows,
        f"participants-{activity.slug}.csv",
    )


@login_required
@require_POST
def registration_cancel_staff(request: HttpRequest, slug: str, registration_id: int) -> HttpResponse:
    activity = _managed_activity(request, slug)
    registration = _domain(
        selectors.registration_get, user=request.user, activity=activity, registration_id=registration_id
    )
    promoted = services.registration_cancel(
        registration=registration, by=request.user, base_url=_base_url(request)
    )
    messages.success(request, _("Registration cancelled."))
    if promoted is not None:
        messages.info(
            request,
            _("%(name)s moved from the waiting list to a confirmed place.")
            % {"name": promoted.participant.full_name},
        )
    return redirect("training:manage_activity", slug=slug)


@login_required
def attendance(request: HttpRequest, slug: str) -> HttpResponse:
    activity = _managed_activity(request, slug)
    return render(
        request,
        "training/attendance.html",
        {
            "activity": activity,
            "sheet": selectors.attendance_sheet(user=request.user, activity=activity),
            "tab": "attendance",
        },
    )


@login_required
@require_POST
def attendance_toggle(request: HttpRequest, slug: str) -> HttpResponse:
    activity = _managed_activity(request, slug)
    try:
        registration_id = int(request.POST.get("registration", ""))
        day = datetime.date.fromisoformat(request.POST.get("day", ""))
    except ValueError:
        return HttpResponse(_("Bad request"), status=400)
    registration = _domain(
        selectors.registration_get, user=request.user, activity=activity, registration_id=registration_id
    )
    present = request.POST.get("present") == "1"
    try:
        services.attendance_set(registration=registration, day=day, present=present, by=request.user)
    except DomainError as error:
        return HttpResponse(error.message, status=error.status)
    if request.htmx:  # type: ignore[attr-defined]
        return render(
            request,
            "training/_attendance_cell.html",
            {"activity": activity, "registration": registration, "day": day, "present": present},
        )
    return redirect("training:attendance", slug=slug)


@login_required
def participants_import_view(request: HttpRequest, slug: str) -> HttpResponse:
    """Upload → preview → commit all, or only the valid rows; the skipped rows download as CSV."""
    activity = _managed_activity(request, slug)
    context: dict[str, Any] = {"activity": activity, "tab": "import", "form": ImportForm()}
    import_id = request.POST.get("import_id") or request.GET.get("skipped") or ""
    if import_id:
        try:
            upload = upload_get(
                upload_id=import_id, importer=PARTICIPANTS.key, owner=request.user, target=activity.slug
            )
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("training:import", slug=slug)
        skip_invalid = request.POST.get("skip_invalid") == "1"
        try:
            with upload.as_source() as source:
                report = participants_import(
                    session=activity,
                    source=source,
                    filename=upload.filename,
                    commit=request.method == "POST",
                    skip_invalid=skip_invalid,
                    by=request.user,
                )
        except DomainError as error:
            context.update(error=error, import_id=import_id)
            return render(request, "training/import.html", context, status=error.status)
        if request.method != "POST":
            response = HttpResponse(skipped_rows_csv(report), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="skipped-rows-{activity.slug}.csv"'
            return response
        upload_delete(upload)
        messages.success(
            request,
            _(
                "Imported: %(created)s new people, %(matched)s already known, %(regs)s new "
                "registrations, %(skipped)s rows skipped."
            )
            % {
                "created": report.people_created,
                "matched": report.people_matched,
                "regs": report.registrations_created,
                "skipped": report.skipped,
            },
        )
        return redirect("training:manage_activity", slug=slug)
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            file = form.cleaned_data["file"]
            try:
                upload = upload_store(
                    importer=PARTICIPANTS.key,
                    file=file,
                    filename=file.name,
                    owner=request.user,
                    target=activity.slug,
                )
                with upload.as_source() as source:
                    report = participants_import(
                        session=activity, source=source, filename=file.name, commit=False, by=request.user
                    )
            except DomainError as error:
                context["error"] = error
                return render(request, "training/import.html", context, status=error.status)
            context.update(report=report, import_id=str(upload.pk))
            return render(request, "training/import.html", context)
    return render(request, "training/import.html", context)


@login_required
def tests(request: HttpRequest, slug: str) -> HttpResponse:
    activity = _managed_activity(request, slug)
    test = selectors.activity_test_get(activity=activity)
    queryset = selectors.question_list(user=request.user)
    initial = {
        "questions": list(test.questions.all()) if test else [],
        "is_open": test.is_open if test else True,
    }
    form = TestSetupForm(request.POST or None, queryset=queryset, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_test_set(
                activity=activity,
                questions=list(form.cleaned_data["questions"]),
                is_open=form.cleaned_data["is_open"],
                by=request.user,
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Test saved."))
        return redirect("training:tests", slug=slug)
    return render(
        request,
        "training/tests.html",
        {
            "activity": activity,
            "form": form,
            "results": selectors.knowledge_test_results(user=request.user, activity=activity),
            "tab": "tests",
        },
    )


@login_required
def feedback(request: HttpRequest, slug: str) -> HttpResponse:
    activity = _managed_activity(request, slug)
    return render(
        request,
        "training/feedback.html",
        {
            "activity": activity,
            "summary": selectors.feedback_summary(user=request.user, activity=activity),
            "tab": "feedback",
        },
    )


@login_required
def certificates(request: HttpRequest, slug: str) -> HttpResponse:
    activity = _managed_activity(request, slug)
    if request.method == "POST":
        issued = services.certificates_issue_all(activity=activity, by=request.user)
        messages.success(request, _("%(count)s certificate(s) issued.") % {"count": issued})
        return redirect("training:certificates", slug=slug)
    return render(
        request,
        "training/certificates.html",
        {
            "activity": activity,
            "registrations": selectors.registrations_with_certificates(user=request.user, activity=activity),
            "tab": "certificates",
        },
    )


@login_required
def certificate_pdf(request: HttpRequest, slug: str, registration_id: int) -> HttpResponse:
    activity = _managed_activity(request, slug)
    registration = _domain(
        selectors.registration_get, user=request.user, activity=activity, registration_id=registration_id
    )
    certificate = getattr(registration, "certificate", None)
    if certificate is None:
        raise Http404
    return _certificate_pdf(request, certificate)


@login_required
@require_POST
def certificate_revoke(request: HttpRequest, slug: str, registration_id: int) -> HttpResponse:
    activity = _managed_activity(request, slug)
    registration = _domain(
        selectors.registration_get, user=request.user, activity=activity, registration_id=registration_id
    )
    certificate = getattr(registration, "certificate", None)
    if certificate is None:
        raise Http404
    services.certificate_revoke(certificate=certificate, by=request.user)
    messages.success(request, _("Certificate revoked."))
    return redirect("training:certificates", slug=slug)


@login_required
def questions(request: HttpRequest) -> HttpResponse:
    can_add = is_platform_staff(request.user) or bool(user_organisation_ids(request.user, roles=WRITE_ROLES))
    if not can_add:
        raise PermissionDenied
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        owner = None
        if not is_platform_staff(request.user):
            owner = Organisation.objects.filter(
                pk__in=user_organisation_ids(request.user, roles=WRITE_ROLES)
            ).first()
        try:
            services.question_create(
                by=request.user,
                topic_code=data["topic_code"],
                text_en=data["text_en"],
                text_zh=data["text_zh"],
                options=form.parsed_options(),
                correct_index=data["correct"] - 1,
                source=data["source"],
                owner=owner,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Question added."))
            return redirect("training:questions")
    topic = (request.GET.get("topic") or "").strip()[:64] or None
    return render(
        request,
        "training/questions.html",
        {
            "form": form,
            "questions": selectors.question_list(user=request.user, topic_code=topic),
            "topic": topic or "",
        },
    )


def material_download(request: HttpRequest, slug: str, material_id: int) -> HttpResponseBase:
    """A material file, served only to those who may see its activity."""
    activity = _domain(selectors.activity_get, user=request.user, slug=slug)
    material = _domain(selectors.material_get, user=request.user, activity=activity, material_id=material_id)
    if material.url and not material.file:
        return redirect(material.url)
    if not material.file:
        raise Http404
    return FileResponse(
        material.file.open("rb"), as_attachment=True, filename=Path(material.file.name or "").name
    )


@login_required
def materials(request: HttpRequest, slug: str) -> HttpResponse:
    activity = _managed_activity(request, slug)
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.material_add(
                activity=activity,
                by=request.user,
                title_en=data["title_en"],
                title_zh=data["title_zh"],
                upload=data["file"],
                url=data["url"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Material added."))
            return redirect("training:materials", slug=slug)
    return render(
        request,
        "training/materials.html",
        {"activity": activity, "form": form, "materials": activity.materials.all(), "tab": "materials"},
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def material_delete(request: HttpRequest, slug: str, material_id: int) -> HttpResponse:
    activity = _managed_activity(request, slug)
    material = _domain(selectors.material_get, user=request.user, activity=activity, material_id=material_id)
    services.material_delete(material=material, by=request.user)
    messages.success(request, _("Material removed."))
    return redirect("training:materials", slug=slug)
