from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import Resolver404, resolve

from rsca.core.audit import current_actor


class CurrentActorMiddleware:
    """Remembers who is acting during a request, so the audit log can name them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = current_actor.set(getattr(request, "user", None))
        try:
            return self.get_response(request)
        finally:
            current_actor.reset(token)


class RejectNulCharactersMiddleware:
    """Refuses requests whose path, query or form fields contain a NUL character.

    No text a person types contains NUL, and PostgreSQL cannot store or even compare it (the query
    fails with a DataError, i.e. a 500). Refusing it once, here, covers every page and API operation.
    File contents are not inspected: a workbook legitimately contains NUL bytes.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._has_nul(request):
            return self._refuse(request)
        return self.get_response(request)

    @staticmethod
    def _has_nul(request: HttpRequest) -> bool:
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            return True
        if any("\x00" in value for _key, values in request.GET.lists() for value in values):
            return True
        if request.method not in ("POST", "PUT", "PATCH", "DELETE"):
            return False
        if request.content_type == "application/json":
            return b"\\u0000" in request.body
        if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            # Parsing errors (too big, too many fields) propagate as they would from the view: a 400.
            return any("\x00" in value for _key, values in request.POST.lists() for value in values)
        return False

    @staticmethod
    def _refuse(request: HttpRequest) -> HttpResponse:
        message = "The request contains a NUL character, which no field accepts."
        if request.path.startswith("/api/"):
            return JsonResponse({"code": "invalid_input", "message": message, "details": None}, status=400)
        from rsca.core.views import bad_request

        return bad_request(request)


class FormThrottleMiddleware:
    """Limits how often the public forms that send e-mail or create records may be posted.

    settings.FORM_THROTTLES maps a URL name to {"ip": rate, "field:<name>": rate}: one counter per client address
    and one per value of the named field (the e-mail address), so neither one machine nor many machines can make
    the platform mail an address without end. A refused post is answered 429 (a page, or the JSON error body).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST":
            limits = self._limits(request)
            if limits and not self._allowed(request, limits):
                from rsca.core.views import too_many_requests

                return too_many_requests(request)
        return self.get_response(request)

    @staticmethod
    def _limits(request: HttpRequest) -> dict[str, str]:
        throttles: dict[str, dict[str, str]] = getattr(settings, "FORM_THROTTLES", {})
        if not throttles:
            return {}
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return {}
        return throttles.get(match.view_name, {})

    @staticmethod
    def _allowed(request: HttpRequest, limits: dict[str, str]) -> bool:
        from rsca.core.throttling import client_address, rate_hit

        view = resolve(request.path_info).view_name
        allowed = True
        for what, rate in limits.items():
            if what == "ip":
                ident = client_address(request)
            else:
                ident = (request.POST.get(what.removeprefix("field:")) or "").strip().lower()
                if not ident:
                    continue
            # Every counter counts this post, so a refused address does not free its machine's quota, or back.
            allowed = rate_hit(scope=f"form:{view}:{what}", ident=ident, rate=rate) and allowed
        return allowed
