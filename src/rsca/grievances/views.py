"""Pages: the public channel (report, follow), the printable QR poster, and the responders' case pages."""

from __future__ import annotations

import io
from typing import Any

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rsca.core.errors import DomainError, NotFound
from rsca.core.views import or_404
from rsca.grievances import selectors, services
from rsca.grievances.models import Grievance, GrievanceMessage
from rsca.grievances.policy import limit, policy
from rsca.grievances.throttle import client_address

CHANNEL_FIELDS = ("category", "description", "contact")


def _channel_url(request: HttpRequest, public_id: str) -> str:
    """The short link printed for a facility: the Chinese page for facilities in China, else the English one."""
    path = reverse("grievances:report", kwargs={"public_id": public_id})
    return request.build_absolute_uri(path)


def report(request: HttpRequest, public_id: str) -> HttpResponse:
    facility = or_404(selectors.facility_for_channel, public_id=public_id)
    values: dict[str, Any] = {
        "visible_to_facility": True,
        "visible_to_buyers": True,
        "visible_to_programme": True,
    }
    error: DomainError | None = None
    if request.method == "POST":
        values = {name: request.POST.get(name, "") for name in CHANNEL_FIELDS}
        for name in ("visible_to_facility", "visible_to_buyers", "visible_to_programme", "retaliation"):
            values[name] = request.POST.get(name) == "on"
        try:
            grievance, secret = services.grievance_submit(
                facility_public_id=facility.public_id,
                language=translation.get_language() or "en",
                address=client_address(request),
                **values,
            )
        except DomainError as exc:
            error = exc
        else:
            return render(
                request,
                "grievances/submitted.html",
                {
                    "grievance": grievance,
                    "secret": secret,
                    "facility": facility,
                    "ack_days": policy()["time_limits"]["acknowledge_days"],
                    "respond_days": policy()["time_limits"]["respond_days"],
                },
                status=201,
            )
    return render(
        request,
        "grievances/report.html",
        {
            "facility": facility,
            "values": values,
            "error": error,
            "categories": Grievance.Category.choices,
            "max_description": limit("description_max_chars"),
            "max_contact": limit("contact_max_chars"),
            "ack_days": policy()["time_limits"]["acknowledge_days"],
            "respond_days": policy()["time_limits"]["respond_days"],
        },
        status=(error.status if error else 200),
    )


def qr_code(request: HttpRequest, public_id: str) -> HttpResponse:
    facility = or_404(selectors.facility_for_channel, public_id=public_id)
    image = qrcode.make(
        _channel_url(request, facility.public_id), image_factory=qrcode.image.svg.SvgPathImage, box_size=12
    )
    buffer = io.BytesIO()
    image.save(buffer)
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")


def poster(request: HttpRequest, public_id: str) -> HttpResponse:
    facility = or_404(selectors.facility_for_channel, public_id=public_id)
    return render(
        request,
        "grievances/poster.html",
        {"facility": facility, "link": _channel_url(request, facility.public_id)},
    )


def track(request: HttpRequest) -> HttpResponse:
    """Follow a case with its code and secret (sent by POST so the secret stays out of addresses and logs)."""
    context: dict[str, Any] = {"case_code": "", "max_message": limit("message_max_chars")}
    status = 200
    if request.method == "POST":
        code, secret = request.POST.get("case_code", ""), request.POST.get("secret", "")
        context["case_code"] = code
        try:
            grievance = services.grievance_track(
                case_code=code, secret=secret, address=client_address(request)
            )
            if request.POST.get("body"):
                services.grievance_worker_message(grievance=grievance, body=request.POST["body"])
                messages.success(request, _("Your message was added."))
        except NotFound:
            context["error"] = _("No case with this code and secret. Please check both and try again.")
            status = 404
        except DomainError as exc:
            context["error"] = exc.message
            status = exc.status
        else:
            context.update(
                {
                    "grievance": grievance,
                    "secret": secret,
                    "case_messages": selectors.grievance_messages(grievance=grievance),
                }
            )
    return render(request, "grievances/track.html", context, status=status)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    filters = selectors.GrievanceFilters(
        status=request.GET.get("status", ""), category=request.GET.get("category", "")
    )
    cases = selectors.grievance_list(user=request.user, filters=filters)
    page = Paginator(cases, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "grievances/index.html",
        {
            "page": page,
            "filters": filters,
            "stats": selectors.grievance_statistics(selectors.grievance_cases(user=request.user)),
            "statuses": Grievance.Status.choices,
            "categories": Grievance.Category.choices,
            "category_labels": dict(Grievance.Category.choices),
            "status_labels": dict(Grievance.Status.choices),
            "outcome_labels": dict(Grievance.Outcome.choices),
        },
    )


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    grievance = or_404(selectors.grievance_get, user=request.user, pk=pk)
    try:
        services.responder_role(user=request.user, grievance=grievance)
        can_answer = True
    except DomainError:
        can_answer = False
    return render(
        request,
        "grievances/case_detail.html",
        {
            "grievance": grievance,
            "case_messages": selectors.grievance_messages(grievance=grievance),
            "contact": selectors.grievance_contact(user=request.user, grievance=grievance),
            "can_answer": can_answer,
            "outcomes": Grievance.Outcome.choices,
            "authors": dict(GrievanceMessage.Author.choices),
        },
    )


@login_required
@require_POST
def case_answer(request: HttpRequest, pk: int) -> HttpResponse:
    grievance = or_404(selectors.grievance_get, user=request.user, pk=pk)
    action = request.POST.get("action", "")
    try:
        if action == "acknowledge":
            services.grievance_acknowledge(grievance=grievance, by=request.user)
        elif action == "close":
            services.grievance_close(
                grievance=grievance,
                by=request.user,
                outcome=request.POST.get("outcome", ""),
                remedy=request.POST.get("remedy", ""),
            )
        else:
            services.grievance_reply(grievance=grievance, by=request.user, body=request.POST.get("body", ""))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Saved; the worker sees it when following the case."))
    return redirect("grievances:case_detail", pk=grievance.pk)
