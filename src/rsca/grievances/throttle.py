"""Cache-based rate limits for the public grievance channel (per client address, per facility).

The address is only hashed into a cache key (never stored in the database). With several processes the cache
must be shared (Redis, `REDIS_URL`); with the default local-memory cache the limits hold per process.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _

from rsca.core.errors import DomainError


class Throttled(DomainError):
    code = "throttled"
    status = 429


def client_address(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def _key(kind: str, subject: str) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{subject}".encode()).hexdigest()[:32]
    return f"rsca-grievance-{kind}-{digest}"


def throttle_hit(*, kind: str, subject: str, allowed: int, window_seconds: int) -> None:
    """Count one attempt; raise `Throttled` once more than `allowed` attempts fell in the window."""
    key = _key(kind, subject)
    if cache.add(key, 1, timeout=window_seconds):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window_seconds)
            count = 1
    if count > allowed:
        raise Throttled(
            _("Too many requests from here. Please wait a few minutes and try again."),
            details={"retry_after_seconds": window_seconds},
        )
