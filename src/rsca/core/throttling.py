"""Rate limits shared by the API and the public forms: who is asking (the client address) and a counter per window.

The client address is REMOTE_ADDR, or the address the last RSCA_NUM_PROXIES trusted proxies put in X-Forwarded-For
(never a header a client could choose by itself). Counters live in the default cache (Redis in production, so all
processes share them) as one fixed window per key.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def client_address(request: HttpRequest) -> str:
    proxies = int(getattr(settings, "NINJA_NUM_PROXIES", 0) or 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if proxies and forwarded:
        addresses = [a.strip() for a in forwarded.split(",") if a.strip()]
        if addresses:
            return addresses[-min(proxies, len(addresses))]
    return str(request.META.get("REMOTE_ADDR", ""))


def rate_parse(rate: str) -> tuple[int, int]:
    """'100/m' -> (100, 60); units s, m, h, d."""
    count, _slash, unit = rate.partition("/")
    return int(count), UNITS[unit.strip()[:1].lower()]


def rate_hit(*, scope: str, ident: str, rate: str) -> bool:
    """Counts one request of `ident` in `scope`; False when the rate is exceeded in the current window."""
    limit, seconds = rate_parse(rate)
    window = int(time.time() // seconds)
    digest = hashlib.sha256(ident.encode()).hexdigest()[:32]
    key = f"rsca:rate:{scope}:{digest}:{window}"
    cache.add(key, 0, seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, seconds + 1)
        count = 1
    return count <= limit
