"""Grievance API: the public channel (file a case, follow it with code and secret) and the responders' reads.

The public operations run without a session's CSRF check (a worker's phone has no session; nothing of a
signed-in user is changed by them) and are rate-limited per client address (`throttle.py`).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from rsca.api.auth import AUTH_REQUIRED, TokenAuth, TokenHeaderAuth, _anonymous
from rsca.api.pagination import PageNumberPagination
from rsca.grievances import selectors, services
from rsca.grievances.throttle import client_address

router = Router(tags=["grievances"])
PREFIX = "grievances"
PUBLIC = [TokenAuth(), TokenHeaderAuth(), _anonymous]


class GrievanceIn(Schema):
    facility: str
    category: str
    description: str
    language: str = "zh-hans"
    contact: str = ""
    visible_to_facility: bool = True
    visible_to_buyers: bool = True
    visible_to_programme: bool = True
    retaliation: bool = False


class GrievanceCreatedOut(Schema):
    case_code: str
    secret: str


class MessageOut(Schema):
    author: str
    body: str
    created_at: datetime.datetime


class TrackOut(Schema):
    case_code: str
    status: str
    outcome: str
    remedy: str
    acknowledge_due: datetime.datetime
    respond_due: datetime.datetime
    messages: list[MessageOut]


class WorkerMessageIn(Schema):
    secret: str
    body: str


class CaseOut(Schema):
    id: int
    case_code: str
    facility_public_id: str
    category: str
    status: str
    outcome: str
    retaliation: bool
    has_contact: bool
    created_at: datetime.datetime
    acknowledge_due: datetime.datetime
    respond_due: datetime.datetime
    closed_at: datetime.datetime | None

    @staticmethod
    def resolve_facility_public_id(obj: Any) -> str:
        return obj.facility.public_id


def _track_body(grievance: Any) -> dict[str, Any]:
    return {
        "case_code": grievance.case_code,
        "status": grievance.status,
        "outcome": grievance.outcome,
        "remedy": grievance.remedy,
        "acknowledge_due": grievance.acknowledge_due,
        "respond_due": grievance.respond_due,
        "messages": [
            {"author": m.author, "body": m.body, "created_at": m.created_at}
            for m in selectors.grievance_messages(grievance=grievance)
        ],
    }


@router.post("", response={201: GrievanceCreatedOut}, auth=PUBLIC)
def grievance_create(request: HttpRequest, payload: GrievanceIn) -> Any:
    """File a case (anonymous). Keep the secret: with the case code it is the only way to follow the case."""
    grievance, secret = services.grievance_submit(
        facility_public_id=payload.facility,
        category=payload.category,
        description=payload.description,
        language=payload.language,
        contact=payload.contact,
        visible_to_facility=payload.visible_to_facility,
        visible_to_buyers=payload.visible_to_buyers,
        visible_to_programme=payload.visible_to_programme,
        retaliation=payload.retaliation,
        address=client_address(request),
    )
    return 201, {"case_code": grievance.case_code, "secret": secret}


@router.get("/cases", response=list[CaseOut], auth=AUTH_REQUIRED)
@paginate(PageNumberPagination)
def case_list(request: HttpRequest, status: str = "", category: str = "") -> Any:
    """Cases the worker opened to your organisation (or, for platform staff, to the programme)."""
    return selectors.grievance_list(
        user=request.user, filters=selectors.GrievanceFilters(status=status, category=category)
    )


@router.get("/statistics", response=dict[str, Any], auth=AUTH_REQUIRED)
def statistics(request: HttpRequest) -> Any:
    """Counts over the cases you may see; no text, contact or case code."""
    return selectors.grievance_statistics(selectors.grievance_cases(user=request.user))


@router.get("/{case_code}", response=TrackOut, auth=PUBLIC)
def grievance_track(request: HttpRequest, case_code: str, secret: str = "") -> Any:
    """Status and messages of a case; a wrong code or secret answers 404 alike."""
    grievance = services.grievance_track(case_code=case_code, secret=secret, address=client_address(request))
    return _track_body(grievance)


@router.post("/{case_code}/messages", response={201: TrackOut}, auth=PUBLIC)
def worker_message(request: HttpRequest, case_code: str, payload: WorkerMessageIn) -> Any:
    grievance = services.grievance_track(
        case_code=case_code, secret=payload.secret, address=client_address(request)
    )
    services.grievance_worker_message(grievance=grievance, body=payload.body)
    return 201, _track_body(grievance)
