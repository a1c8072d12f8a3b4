"""API rate limits with django-ninja's throttling: a burst and a daily limit per user (token or session) or, for
anonymous calls, per client address. Rates come from settings.API_THROTTLE_RATES ({"burst": "100/m", "day":
"10000/d"} by default, like Open Supply Hub); a missing rate switches that limit off. A refused call is 429 with
the common error body."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import BaseThrottle

from rsca.core.throttling import client_address, rate_hit


class RateThrottle(BaseThrottle):
    def __init__(self, scope: str) -> None:
        self.scope = scope

    def allow_request(self, request: HttpRequest) -> bool:
        rate = getattr(settings, "API_THROTTLE_RATES", {}).get(self.scope)
        if not rate:
            return True
        user = getattr(request, "user", None)
        ident = (
            f"user:{user.pk}"
            if user is not None and user.is_authenticated
            else f"ip:{client_address(request)}"
        )
        return rate_hit(scope=f"api:{self.scope}", ident=ident, rate=rate)


API_THROTTLES: list[BaseThrottle] = [RateThrottle("burst"), RateThrottle("day")]
