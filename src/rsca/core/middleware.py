from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

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
