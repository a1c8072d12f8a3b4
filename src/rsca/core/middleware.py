from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

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
