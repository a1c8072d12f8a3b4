"""Two-factor sign-in (TOTP, with django-otp): available to everyone, required for platform staff.

- `/account/2fa/setup/`: a new authenticator key (QR code and text), confirmed by a first code; then ten
  single-use recovery codes are shown once (a django-otp static device).
- `/account/2fa/verify/`: after the password, a user with a confirmed device gives a code (or a recovery code).
- `TwoFactorMiddleware`: a signed-in user who has a device but has not given a code this session, or a staff
  member without a device while settings.RSCA_STAFF_2FA_REQUIRED, reaches only these pages and logout; the API
  refuses such a session with 401 (tokens are unaffected: they are a second factor of their own).
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import devices_for_user, match_token, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.qr import write_qrcode_image

from rsca.core.audit import audit_record

RECOVERY_CODES = 10
SETUP_DEVICE_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery codes"


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


def twofactor_required(user: Any) -> bool:
    """Whether this signed-in user must give a code before using the platform."""
    if not user.is_authenticated or getattr(user, "is_verified", lambda: False)():
        return False
    return user_has_device(user) or (user.is_staff and getattr(settings, "RSCA_STAFF_2FA_REQUIRED", True))


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("core:profile")


def _qr_data_url(text: str) -> str:
    out = io.BytesIO()
    write_qrcode_image(text, out)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode("ascii")


@login_required
def twofactor_setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user_has_device(user) and not user.is_verified():  # type: ignore[union-attr]
        return redirect(f"{reverse('twofactor_verify')}?next={reverse('twofactor_setup')}")
    device, _created = TOTPDevice.objects.get_or_create(user=user, name=SETUP_DEVICE_NAME, confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            codes = _confirm(user=user, device=device)
            otp_login(request, device)
            return render(request, "core/twofactor_codes.html", {"codes": codes, "next": _safe_next(request)})
        form.add_error(
            "token", _("This code is not right. Check the time on your phone and try the next code.")
        )
    key = base64.b32encode(device.bin_key).decode("ascii")
    return render(
        request,
        "core/twofactor_setup.html",
        {
            "form": form,
            "qr": _qr_data_url(device.config_url),
            "key": " ".join(key[i : i + 4] for i in range(0, len(key), 4)),
            "has_device": user_has_device(user),
            "next": request.GET.get("next", ""),
        },
    )


@transaction.atomic
def _confirm(*, user: Any, device: TOTPDevice) -> list[str]:
    """The new authenticator replaces any earlier one; ten new recovery codes replace the old ones."""
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    StaticDevice.objects.filter(user=user).delete()
    recovery = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=recovery, token=code) for code in codes])
    audit_record(action="other", verb="two-factor enabled", target=user)
    return codes


@login_required
def twofactor_verify(request: HttpRequest) -> HttpResponse:
    if request.user.is_verified() or not user_has_device(request.user):  # type: ignore[union-attr]
        return redirect(_safe_next(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"].strip().replace(" ", ""))
        if device is not None:
            otp_login(request, device)
            return redirect(_safe_next(request))
        form.add_error("token", _("This code is not right, or it was used already."))
    left = sum(d.token_set.count() for d in devices_for_user(request.user) if isinstance(d, StaticDevice))
    return render(
        request,
        "core/twofactor_verify.html",
        {"form": form, "next": _safe_next(request), "recovery_left": left},
    )


twofactor_urlpatterns = [
    path("account/2fa/setup/", twofactor_setup, name="twofactor_setup"),
    path("account/2fa/verify/", twofactor_verify, name="twofactor_verify"),
]

EXEMPT_PREFIXES = ("/static/", "/media/", "/i18n/", "/healthz")


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith(EXEMPT_PREFIXES):
            return self.get_response(request)
        if not twofactor_required(user):
            return self.get_response(request)
        if request.path.startswith("/api/"):
            if request.headers.get("Authorization") or request.headers.get("X-API-Token"):
                return self.get_response(request)  # a token call: the session's state does not matter
            return JsonResponse(
                {"code": "unauthenticated", "message": "Give your two-factor code first.", "details": None},
                status=401,
            )
        allowed = {reverse("twofactor_setup"), reverse("twofactor_verify"), reverse("logout")}
        if request.path in allowed:
            return self.get_response(request)
        target = "twofactor_verify" if user_has_device(user) else "twofactor_setup"
        return redirect(f"{reverse(target)}?next={request.get_full_path()}")
