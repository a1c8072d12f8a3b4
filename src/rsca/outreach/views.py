"""Outreach pages: the stakeholder directory and the dialogue records with their follow-ups."""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rsca.core.errors import DomainError, NotFound
from rsca.core.models import Organisation
from rsca.core.scoping import WRITE_ROLES, is_platform_staff, user_organisation_ids
from rsca.core.views import DomainErrorsAsHttp
from rsca.outreach import selectors, services
from rsca.outreach.forms import DialogueForm, FollowUpForm
from rsca.outreach.models import FollowUp

_or_404 = DomainErrorsAsHttp(not_found=(NotFound,))  # only NotFound is a missing page; others propagate


def stakeholders(request: HttpRequest) -> HttpResponse:
    type_filter = request.GET.get("type") or None
    if type_filter not in Organisation.Type.values:
        type_filter = None
    query = (request.GET.get("q") or "").strip()[:100] or None
    organisations = selectors.stakeholder_directory(user=request.user, type=type_filter, query=query)
    labels = dict(Organisation.Type.choices)
    groups = [
        (labels.get(key, key), list(items)) for key, items in groupby(organisations, key=lambda o: o.type)
    ]
    return render(
        request,
        "outreach/stakeholders.html",
        {
            "groups": groups,
            "types": Organisation.Type.choices,
            "type_filter": type_filter,
            "query": query or "",
        },
    )


def _can_record(request: HttpRequest) -> bool:
    return is_platform_staff(request.user) or bool(user_organisation_ids(request.user, roles=WRITE_ROLES))


def dialogues(request: HttpRequest) -> HttpResponse:
    query = (request.GET.get("q") or "").strip()[:100] or None
    organisation = (request.GET.get("organisation") or "").strip()[:80] or None
    open_only = request.GET.get("open") == "1"
    qs = selectors.dialogue_list(
        user=request.user, organisation=organisation, open_follow_ups=open_only, query=query
    )
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "outreach/dialogues.html",
        {
            "page": page,
            "query": query or "",
            "organisation": organisation or "",
            "open_only": open_only,
            "can_record": _can_record(request),
        },
    )


def dialogue_detail(request: HttpRequest, dialogue_id: int) -> HttpResponse:
    dialogue = _or_404(selectors.dialogue_get, user=request.user, dialogue_id=dialogue_id)
    can_edit = selectors.can_edit_dialogue(request.user, dialogue)
    return render(
        request,
        "outreach/dialogue_detail.html",
        {
            "dialogue": dialogue,
            "follow_ups": selectors.follow_up_list(user=request.user, dialogue=dialogue),
            "can_edit": can_edit,
            "form": FollowUpForm() if can_edit else None,
            "statuses": FollowUp.Status.choices,
            "organisations": dialogue.organisations.all(),
        },
    )


@login_required
def dialogue_create(request: HttpRequest) -> HttpResponse:
    if not _can_record(request):
        raise PermissionDenied
    form = DialogueForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            dialogue = services.dialogue_create(
                by=request.user,
                title_en=data["title_en"],
                title_zh=data["title_zh"],
                kind=data["kind"],
                held_on=data["held_on"],
                place_id=data["place"].pk if data["place"] else None,
                summary_en=data["summary_en"],
                summary_zh=data["summary_zh"],
                organisations=list(data["organisations"]),
                activity_id=data["activity"].pk if data["activity"] else None,
                owner=data["owner"],
                is_public=data["is_public"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Dialogue recorded."))
            return redirect("outreach:dialogue_detail", dialogue_id=dialogue.pk)
    return render(request, "outreach/dialogue_form.html", {"form": form})


@login_required
@require_POST
def follow_up_create(request: HttpRequest, dialogue_id: int) -> HttpResponse:
    dialogue = _or_404(selectors.dialogue_get, user=request.user, dialogue_id=dialogue_id)
    form = FollowUpForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("outreach:dialogue_detail", dialogue_id=dialogue.pk)
    try:
        services.follow_up_create(dialogue=dialogue, by=request.user, **form.cleaned_data)
    except DomainError as error:
        if error.status == 403:
            raise PermissionDenied(error.message) from error
        messages.error(request, error.message)
    else:
        messages.success(request, _("Follow-up added."))
    return redirect("outreach:dialogue_detail", dialogue_id=dialogue.pk)


@login_required
@require_POST
def follow_up_status(request: HttpRequest, follow_up_id: int) -> HttpResponse:
    follow_up = _or_404(selectors.follow_up_get, user=request.user, follow_up_id=follow_up_id)
    try:
        services.follow_up_set_status(
            follow_up=follow_up, status=request.POST.get("status", ""), by=request.user
        )
    except DomainError as error:
        if error.status == 403:
            raise PermissionDenied(error.message) from error
        messages.error(request, error.message)
    if request.htmx:  # type: ignore[attr-defined]
        return render(
            request,
            "outreach/_follow_up_row.html",
            {"f": follow_up, "can_edit": True, "statuses": FollowUp.Status.choices},
        )
    return redirect("outreach:dialogue_detail", dialogue_id=follow_up.dialogue_id)
