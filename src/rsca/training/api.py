"""Training endpoints: calendar, registration, attendance, participant import, indicators, certificate check."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import paginate
from pydantic import Field

from rsca.api.auth import AUTH_REQUIRED
from rsca.api.pagination import PageNumberPagination
from rsca.core.errors import Forbidden, InvalidInput
from rsca.training import selectors, services
from rsca.training.importing import participants_import
from rsca.training.models import Activity, ConstituentType, Sex

router = Router(tags=["training"])
PREFIX = "training"


class ActivityOut(Schema):
    slug: str
    kind: str
    title_en: str
    title_zh: str
    description_en: str
    description_zh: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    date_precision: str
    duration_days: int | None
    reported_on: datetime.date | None
    place: str | None = Field(None, alias="place_id")
    mode: str
    language: str
    sectors: list[str]
    topic_codes: list[str]
    target_groups: list[str]
    organisers: list[str]
    partners: list[str]
    capacity: int | None
    registration_open: bool
    source: str

    @staticmethod
    def resolve_sectors(obj: Activity) -> list[str]:
        return [s.code for s in obj.sectors.all()]

    @staticmethod
    def resolve_organisers(obj: Activity) -> list[str]:
        return [o.slug for o in obj.organisers.all()] or list(obj.organiser_refs)

    @staticmethod
    def resolve_partners(obj: Activity) -> list[str]:
        return [o.slug for o in obj.partners.all()] or list(obj.partner_refs)


class RegistrationIn(Schema):
    full_name: str = Field(min_length=1, max_length=200)
    email: str = Field(max_length=254)
    sex: Sex = Sex.UNDISCLOSED
    organisation_name: str = Field("", max_length=255)
    constituent_type: ConstituentType = ConstituentType.OTHER
    role: str = Field("", max_length=200)
    sector: str | None = None
    province: str | None = None


class RegistrationCreatedOut(Schema):
    status: str
    page: str


class RegistrationOut(Schema):
    id: int
    full_name: str
    sex: str
    organisation_name: str
    constituent_type: str
    province: str | None
    sector: str | None
    email: str
    status: str
    attended: bool
    source: str

    @staticmethod
    def resolve_full_name(obj: Any) -> str:
        return str(obj.participant.full_name)

    @staticmethod
    def resolve_sex(obj: Any) -> str:
        return str(obj.participant.sex)

    @staticmethod
    def resolve_organisation_name(obj: Any) -> str:
        return str(obj.participant.organisation_name)

    @staticmethod
    def resolve_constituent_type(obj: Any) -> str:
        return str(obj.participant.constituent_type)

    @staticmethod
    def resolve_province(obj: Any) -> str | None:
        return obj.participant.province_id  # type: ignore[no-any-return]

    @staticmethod
    def resolve_sector(obj: Any) -> str | None:
        return obj.participant.sector_id  # type: ignore[no-any-return]

    @staticmethod
    def resolve_email(obj: Any) -> str:
        return str(obj.participant.email)


class AttendanceIn(Schema):
    registration_id: int
    day: datetime.date
    present: bool


class AttendanceOut(Schema):
    registration_id: int
    day: datetime.date
    present: bool
    attended: bool


class IndicatorsOut(Schema):
    participants: int
    enterprises: int
    by_sex: dict[str, int]
    by_constituent: dict[str, int]
    by_province: dict[str, int]
    by_sector: dict[str, int]
    knowledge_gain: float | None
    satisfaction: float | None


class CertificateOut(Schema):
    code: str
    holder_name: str
    activity: str
    activity_title_en: str
    activity_title_zh: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    issued_at: datetime.datetime
    valid: bool


class MyRegistrationOut(Schema):
    activity: str
    title_en: str
    title_zh: str
    start_date: datetime.date | None
    status: str
    attended: bool
    certificate_code: str | None


class ParticipantImportOut(Schema):  # not ImportOut: supplychain has one (OpenAPI names must be unique)
    file: str
    session: str
    committed: bool
    rows: int
    valid_rows: int
    skipped: int
    people_created: int
    people_matched: int
    registrations_created: int
    already_registered: int
    errors: list[dict[str, Any]]
    preview: list[dict[str, Any]]


def _managed(request: HttpRequest, slug: str) -> Activity:
    activity = selectors.activity_get(user=request.user, slug=slug)
    services.require_manager(request.user, activity)
    return activity


@router.get("/activities", response=list[ActivityOut])
@paginate(PageNumberPagination)
def activity_list(request: HttpRequest, upcoming: bool = False, kind: str | None = None) -> Any:
    return selectors.activity_calendar(user=request.user, upcoming=upcoming, kind=kind)


@router.get("/activities/{slug}", response=ActivityOut)
def activity_get(request: HttpRequest, slug: str) -> Any:
    return selectors.activity_get(user=request.user, slug=slug)


@router.post("/activities/{slug}/registrations", response={201: RegistrationCreatedOut})
def registration_create(request: HttpRequest, slug: str, payload: RegistrationIn) -> Any:
    """Public online registration: confirmed while places remain, else the waiting list; a confirmation e-mail."""
    activity = selectors.activity_get(user=request.user, slug=slug)
    registration = services.registration_create(
        activity=activity,
        full_name=payload.full_name,
        email=str(payload.email),
        sex=payload.sex,
        organisation_name=payload.organisation_name,
        constituent_type=payload.constituent_type,
        role=payload.role,
        sector_id=payload.sector or None,
        province_id=payload.province or None,
        user=request.user,
        base_url=request.build_absolute_uri("/"),
    )
    return 201, {
        "status": registration.status,
        "page": request.build_absolute_uri(services.registration_url(registration)),
    }


@router.get("/activities/{slug}/registrations", response=list[RegistrationOut], auth=AUTH_REQUIRED)
@paginate(PageNumberPagination)
def registration_list(request: HttpRequest, slug: str) -> Any:
    activity = _managed(request, slug)
    return selectors.activity_registrations(user=request.user, activity=activity)


@router.put("/activities/{slug}/attendance", response=AttendanceOut, auth=AUTH_REQUIRED)
def attendance_set(request: HttpRequest, slug: str, payload: AttendanceIn) -> Any:
    activity = _managed(request, slug)
    registration = selectors.registration_get(
        user=request.user, activity=activity, registration_id=payload.registration_id
    )
    services.attendance_set(
        registration=registration, day=payload.day, present=payload.present, by=request.user
    )
    registration.refresh_from_db(fields=["attended"])
    return {
        "registration_id": registration.pk,
        "day": payload.day,
        "present": payload.present,
        "attended": registration.attended,
    }


@router.post("/activities/{slug}/participants/import", response=ParticipantImportOut, auth=AUTH_REQUIRED)
def participants_import_api(
    request: HttpRequest,
    slug: str,
    file: File[UploadedFile],
    commit: Form[bool] = False,
    skip_invalid: Form[bool] = False,
) -> Any:
    """Check (and with `commit`, import) a CSV/XLSX participant list; a file with errors imports nothing
    unless `skip_invalid`."""
    activity = _managed(request, slug)
    if not (file.name or "").lower().endswith((".csv", ".xlsx")):
        raise InvalidInput(
            "Upload a .csv or .xlsx file.",
            code="unsupported_type",
            details=[{"file": file.name, "row": None, "column": None, "message": "not CSV or XLSX"}],
        )
    report = participants_import(
        session=activity,
        source=file,
        filename=file.name or "upload",
        commit=commit,
        skip_invalid=skip_invalid,
        by=request.user,
    )
    return report.as_dict()


@router.get("/indicators", response=IndicatorsOut)
def indicators(
    request: HttpRequest,
    session: str | None = None,
    date_from: datetime.date | None = Query(None, alias="from"),  # noqa: B008
    date_to: datetime.date | None = Query(None, alias="to"),  # noqa: B008
) -> Any:
    """Unique people who attended, disaggregated by sex, constituent type, province and sector (aggregates only)."""
    if session:
        selectors.activity_get(
            user=request.user, slug=session
        )  # an unpublished activity is not reported publicly
    return selectors.training_indicators(session=session, date_from=date_from, date_to=date_to)


@router.get("/certificates/{code}", response=CertificateOut)
def certificate_verify(request: HttpRequest, code: str) -> Any:
    certificate = selectors.certificate_verify(code=code)
    activity = certificate.registration.activity
    return {
        "code": certificate.code,
        "holder_name": certificate.holder_name,
        "activity": activity.slug,
        "activity_title_en": activity.title_en,
        "activity_title_zh": activity.title_zh,
        "start_date": activity.start_date,
        "end_date": activity.end_date,
        "issued_at": certificate.issued_at,
        "valid": certificate.revoked_at is None,
    }


@router.get("/me/registrations", response=list[MyRegistrationOut], auth=AUTH_REQUIRED)
def my_registrations(request: HttpRequest) -> Any:
    if not request.user.is_authenticated:
        raise Forbidden("Sign in.")
    return [
        {
            "activity": r.activity.slug,
            "title_en": r.activity.title_en,
            "title_zh": r.activity.title_zh,
            "start_date": r.activity.start_date,
            "status": r.status,
            "attended": r.attended,
            "certificate_code": getattr(getattr(r, "certificate", None), "code", None),
        }
        for r in selectors.participant_history(user=request.user)
    ]
