"""Account, organisation, audit and task pages, and the error handlers."""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rsca.core import selectors, services
from rsca.core.errors import DomainError
from rsca.core.forms import ApiTokenForm
from rsca.core.models import Membership, Organisation

logger = logging.getLogger("rsca")
P = ParamSpec("P")
T = TypeVar("T")


class DomainErrorsAsHttp:
    """Calls a selector (or service) for a page and answers its domain errors as HTTP errors.

    Errors of a `forbidden` class become PermissionDenied (403), errors of a `not_found` class Http404,
    each carrying the error's message; any other error propagates. The call keeps the callee's
    signature and return type, so mypy checks the arguments and knows the result.
    """

    def __init__(
        self,
        *,
        not_found: tuple[type[DomainError], ...] = (DomainError,),
        forbidden: tuple[type[DomainError], ...] = (),
    ) -> None:
        self.not_found = not_found
        self.forbidden = forbidden

    def __call__(self, selector: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return selector(*args, **kwargs)
        except self.forbidden as error:
            raise PermissionDenied(error.message) from error
        except self.not_found as error:
            raise Http404(error.message) from error


or_404 = DomainErrorsAsHttp()
"""`or_404(selectors.thing_get, user=request.user, pk=pk)`: the thing, or a 404 for any domain error, so a
page does not tell whether an object it hides exists."""


class RscaLoginView(LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/profile.html",
        {
            "memberships": selectors.user_memberships(user=request.user),
            "tokens": selectors.api_token_list(user=request.user),
            "token_form": ApiTokenForm(),
        },
    )


@login_required
@require_POST
def api_token_create(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST)
    secret = None
    if form.is_valid():
        _token, secret = services.api_token_create(user=request.user, name=form.cleaned_data["name"])
    context = {
        "tokens": selectors.api_token_list(user=request.user),
        "token_form": form,
        "new_secret": secret,
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "core/_tokens.html", context)
    if secret:
        messages.success(
            request,
            _("Your new token (copy it now, it will not be shown again): %(secret)s") % {"secret": secret},
        )
    return redirect("core:profile")


@login_required
@require_POST
def api_token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    or_404(services.api_token_revoke, user=request.user, token_id=token_id)
    if request.htmx:  # type: ignore[attr-defined]
        return render(
            request,
            "core/_tokens.html",
            {"tokens": selectors.api_token_list(user=request.user), "token_form": ApiTokenForm()},
        )
    messages.success(request, _("Token revoked."))
    return redirect("core:profile")


def organisation_list(request: HttpRequest) -> HttpResponse:
    type_filter = request.GET.get("type") or None
    query = (request.GET.get("q") or "").strip()[:100] or None
    organisations = selectors.organisation_list(user=request.user, type=type_filter, query=query)
    page = Paginator(organisations, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "core/organisation_list.html",
        {"page": page, "types": Organisation.Type.choices, "type_filter": type_filter, "query": query or ""},
    )


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = or_404(selectors.organisation_get, user=request.user, slug=slug)
    members = selectors.organisation_members(user=request.user, organisation=organisation)
    return render(
        request,
        "core/organisation_detail.html",
        {
            "organisation": organisation,
            "members": members,
            "roles": Membership.Role.choices,
            "can_manage": selectors.can_manage_members(user=request.user, organisation=organisation),
        },
    )


@login_required
@require_POST
def organisation_member_add(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = or_404(selectors.organisation_get, user=request.user, slug=slug)
    try:
        services.membership_invite(
            organisation=organisation,
            username_or_email=request.POST.get("user", ""),
            role=request.POST.get("role", ""),
            by=request.user,
        )
        messages.success(request, _("Member saved."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("core:organisation_detail", slug=slug)


@login_required
@require_POST
def organisation_member_remove(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    organisation = or_404(selectors.organisation_get, user=request.user, slug=slug)
    try:
        services.membership_remove(organisation=organisation, membership_id=membership_id, by=request.user)
        messages.success(request, _("Member removed."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("core:organisation_detail", slug=slug)


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    if not request.user.is_staff:
        raise PermissionDenied
    query = (request.GET.get("q") or "").strip()[:100] or None
    events = selectors.audit_event_list(
        user=request.user, target_type=request.GET.get("type") or None, query=query
    )
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "core/audit_log.html", {"page": page, "query": query or ""})


@login_required
def task_progress(request: HttpRequest, progress_id: int) -> HttpResponse:
    progress = or_404(selectors.task_progress_get, user=request.user, progress_id=progress_id)
    template = "core/_task_progress.html" if request.htmx else "core/task_progress.html"  # type: ignore[attr-defined]
    return render(request, template, {"progress": progress})


API_ERROR_CODES = {
    400: "bad_request",
    403: "forbidden",
    404: "not_found",
    429: "throttled",
    500: "server_error",
}


def _error_page(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    if request.path.startswith("/api/"):  # the API answers every error with its JSON body, never a page
        return JsonResponse(
            {"code": API_ERROR_CODES[status], "message": message, "details": None}, status=status
        )
    html = loader.render_to_string(
        "error.html", {"status": status, "title": title, "message": message}, request
    )
    return HttpResponse(html, status=status)


def bad_request(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return _error_page(request, 400, _("Bad request"), _("The request could not be understood."))


def permission_denied(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return _error_page(request, 403, _("Not allowed"), _("You do not have access to this page."))


def page_not_found(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return _error_page(request, 404, _("Page not found"), _("There is no page at this address."))


def too_many_requests(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return _error_page(
        request,
        429,
        _("Too many requests"),
        _("This form has been sent too often. Please wait a while and try again."),
    )


def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and readiness for a load balancer or container runtime: the database answers a query and the cache
    keeps a value. 200 with `{"status": "ok", "checks": {...}}`, or 503 naming what failed (never a 500)."""
    checks: dict[str, dict[str, Any]] = {}
    for name, probe in (("database", _probe_database), ("cache", _probe_cache)):
        started = time.perf_counter()
        try:
            probe()
            checks[name] = {"ok": True}
        except Exception as error:  # noqa: BLE001 - a health check reports any failure instead of raising
            logger.warning("Health check %s failed: %s", name, error)
            checks[name] = {"ok": False, "error": type(error).__name__}
        checks[name]["ms"] = round((time.perf_counter() - started) * 1000, 1)
    healthy = all(check["ok"] for check in checks.values())
    response = JsonResponse(
        {"status": "ok" if healthy else "failing", "checks": checks}, status=200 if healthy else 503
    )
    response["Cache-Control"] = "no-store"
    return response


def _probe_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise RuntimeError("unexpected answer")


def _probe_cache() -> None:
    key, value = "rsca:healthz", secrets.token_hex(8)
    cache.set(key, value, 30)
    if cache.get(key) != value:
        raise RuntimeError("the cache did not keep a value")


def server_error(request: HttpRequest) -> HttpResponse:
    return _error_page(
        request, 500, _("Something went wrong"), _("The error has been logged. Please try again later.")
    )
