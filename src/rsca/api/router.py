"""The /api/v1 NinjaAPI: mounts each domain app's `api.router` and maps errors to one body shape.

Every error body is `{"code": str, "message": str, "details": any}`.
"""

from __future__ import annotations

import logging
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.request import RawPostDataException
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError

from rsca.api.auth import AUTH_OPTIONAL
from rsca.api.throttling import API_THROTTLES
from rsca.core.errors import DomainError

logger = logging.getLogger("rsca.api")

api = NinjaAPI(
    title="RSCA Platform API",
    version="1",
    description="Responsible Supply Chains in Asia: standards, supply chains, compliance, training, results.",
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    auth=AUTH_OPTIONAL,
    throttle=API_THROTTLES,
)


def error_body(
    request: HttpRequest, status: int, code: str, message: str, details: Any = None
) -> HttpResponse:
    return api.create_response(request, {"code": code, "message": message, "details": details}, status=status)


@api.exception_handler(DomainError)
def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return error_body(request, exc.status, exc.code, exc.message, exc.details)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    return error_body(request, 401, "unauthenticated", "Sign in or send a valid API token.")


@api.exception_handler(AuthorizationError)
def on_unauthorised(request: HttpRequest, exc: Exception) -> HttpResponse:
    return error_body(request, 403, "forbidden", "You may not do this.")


@api.exception_handler(PermissionDenied)
def on_permission_denied(request: HttpRequest, exc: Exception) -> HttpResponse:
    return error_body(request, 403, "forbidden", str(exc) or "You may not do this.")


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return error_body(request, 422, "invalid_input", "The request is not valid.", exc.errors)


@api.exception_handler(DjangoValidationError)
def on_model_validation_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    details = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
    return error_body(request, 422, "invalid_input", "The data is not valid.", details)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return error_body(request, 404, "not_found", str(exc) or "Not found.")


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    codes = {
        400: "bad_request",
        401: "unauthenticated",
        403: "forbidden",
        404: "not_found",
        405: "method_not_allowed",
        409: "conflict",
        413: "too_large",
        422: "invalid_input",
        429: "throttled",
    }
    return error_body(request, exc.status_code, codes.get(exc.status_code, "error"), str(exc))


@api.exception_handler(RawPostDataException)
def on_body_already_read(request: HttpRequest, exc: Exception) -> HttpResponse:
    """A form or multipart body sent to an operation that reads JSON: the form was already parsed (the NUL
    check reads form fields), so the raw body is gone; the client sent the wrong content type."""
    return error_body(
        request, 400, "bad_request", "This operation takes a JSON body (Content-Type: application/json)."
    )


@api.exception_handler(Exception)
def on_unexpected_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    """Anything else is a bug: logged with its traceback; in production the client gets the JSON error body."""
    if settings.DEBUG:
        raise exc
    logger.error("Unexpected API error on %s %s", request.method, request.path, exc_info=exc)
    return error_body(request, 500, "server_error", "Something went wrong. The error has been logged.")


def _mount_domain_routers() -> None:
    from rsca.api.core_api import router as core_router

    api.add_router("", core_router)
    for app_name in settings.DOMAIN_APPS:
        module_name = f"{app_name}.api"
        if app_name == "rsca.core" or find_spec(module_name) is None:
            continue
        module = import_module(module_name)
        prefix = getattr(module, "PREFIX", app_name.rsplit(".", 1)[-1])
        api.add_router(f"/{prefix}", module.router)


_mount_domain_routers()
