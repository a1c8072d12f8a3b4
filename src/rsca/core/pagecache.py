"""Whole-page cache for the heavy public pages (home, coherence map …) as anonymous visitors see them.

Keyed by path, language and data version (the newest audit-log entry: every audited change of programme,
standards, library … data moves it), kept for PUBLIC_PAGE_CACHE_SECONDS at most. Only anonymous GETs without a
query string, of the URL names in settings.PUBLIC_PAGE_CACHE, answered 200 in HTML that sets no cookie and holds no
CSRF token, are stored. The page's CSP nonce is stored as a placeholder and replaced by the request's own on every
answer, so a cached page still carries a fresh nonce that matches its Content-Security-Policy header.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.translation import get_language

NONCE_PLACEHOLDER = b"\x00rsca-csp-nonce\x00"
DATA_VERSION_KEY = "rsca:pagecache:data-version"


def data_version() -> int:
    """The id of the newest audit event, read at most once a second per process."""
    version = cache.get(DATA_VERSION_KEY)
    if version is None:
        from rsca.core.models import AuditEvent

        version = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        cache.set(DATA_VERSION_KEY, version, 1)
    return int(version)


class PublicPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.url_names = frozenset(getattr(settings, "PUBLIC_PAGE_CACHE", ()))
        self.seconds = int(getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", 600))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self._eligible(request):
            return self.get_response(request)
        key = self._key(request)
        stored = cache.get(key)
        if stored is not None:
            content_type, body = stored
            response = HttpResponse(
                body.replace(NONCE_PLACEHOLDER, str(request.csp_nonce).encode()),  # type: ignore[attr-defined]
                content_type=content_type,
            )
            response["X-Page-Cache"] = "hit"
            response["Content-Language"] = get_language() or settings.LANGUAGE_CODE
            return response
        response = self.get_response(request)
        if self._storable(request, response):
            body = response.content
            nonce = getattr(request, "_csp_nonce", None)
            if nonce:
                body = body.replace(nonce.encode(), NONCE_PLACEHOLDER)
            cache.set(key, (response["Content-Type"], body), self.seconds)
            response["X-Page-Cache"] = "miss"
        return response

    def _eligible(self, request: HttpRequest) -> bool:
        if request.method != "GET" or request.META.get("QUERY_STRING") or not self.url_names:
            return False
        if (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            or "messages" in request.COOKIES
            or request.user.is_authenticated
        ):
            return False
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        name = f"{match.namespace}:{match.url_name}" if match.namespace else str(match.url_name)
        return name in self.url_names

    def _key(self, request: HttpRequest) -> str:
        path = hashlib.sha256(request.path.encode()).hexdigest()[:32]
        return f"rsca:page:{get_language()}:{data_version()}:{path}"

    @staticmethod
    def _storable(request: HttpRequest, response: HttpResponse) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and response.get("Content-Type", "").startswith("text/html")
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and b"csrfmiddlewaretoken" not in response.content
        )
