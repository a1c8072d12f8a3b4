"""API authentication: the browser session (with CSRF on writes) or a personal bearer token."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.security import APIKeyHeader, HttpBearer, SessionAuth

from rsca.core.services import api_token_authenticate


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_authenticate(secret=token)
        if user is not None:
            request.user = user
        return user


class TokenHeaderAuth(APIKeyHeader):
    param_name = "X-API-Token"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = api_token_authenticate(secret=key or "")
        if user is not None:
            request.user = user
        return user


class _Session(SessionAuth):
    """Session auth; `request.user` is already the session's user."""


def _anonymous(request: HttpRequest) -> Any:
    """Last resort for public endpoints: let the request through as whoever the session says."""
    if request.headers.get("Authorization") or request.headers.get("X-API-Token"):
        return None  # a bad token must be refused, not silently downgraded to anonymous
    if request.COOKIES.get(settings.SESSION_COOKIE_NAME):
        session = request.session  # type: ignore[attr-defined]
        session.keys()  # loads it: an unknown or expired session key is dropped
        if session.session_key is None:
            return None  # a bad session is a bad credential too
    user = getattr(request, "user", None)
    return user if user is not None else AnonymousUser()


# Operations that need a signed-in user.
AUTH_REQUIRED: list[Callable[..., Any]] = [TokenAuth(), TokenHeaderAuth(), _Session(csrf=True)]
# Public operations: a token or session is used when present, anonymous otherwise.
AUTH_OPTIONAL: list[Callable[..., Any]] = [TokenAuth(), TokenHeaderAuth(), _Session(csrf=True), _anonymous]
