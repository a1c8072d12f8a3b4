"""Compliance API: upload records for a facility, follow and read checks, findings and workers."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import paginate

from rsca.api.auth import AUTH_REQUIRED
from rsca.api.pagination import PageNumberPagination
from rsca.compliance import selectors, services
from rsca.core.errors import NotFound

router = Router(tags=["compliance"], auth=AUTH_REQUIRED)
PREFIX = "compliance"


class CheckOut(Schema):
    id: int
    facility_id: int
    facility_public_id: str
    facility: str
    organisation: str
    label: str
    jurisdiction: str
    buyer_code: str
    status: str
    progress_id: int | None
    period_start: datetime.date | None
    period_end: datetime.date | None
    worker_count: int
    worker_days: int
    finding_count: int
    shared_with_buyers: bool
    created_at: datetime.datetime
    completed_at: datetime.datetime | None

    @staticmethod
    def resolve_facility(obj: Any) -> str:
        return obj.facility.name

    @staticmethod
    def resolve_facility_public_id(obj: Any) -> str:
        return obj.facility.public_id

    @staticmethod
    def resolve_organisation(obj: Any) -> str:
        return obj.organisation.name


class CheckDetailOut(CheckOut):
    summary: dict[str, Any]
    comparison: dict[str, Any]
    errors: list[dict[str, Any]]
    error_message: str


class FindingOut(Schema):
    code: str
    detail: str
    worker_id: str
    department: str
    period_start: datetime.date | None
    period_end: datetime.date | None
    measured: float | None
    limit: float | None
    unit: str
    standard: str
    parameter: str
    severity: str
    days: int | None
    underpayment: float
    provisions: list[dict[str, Any]]
    alternatives: list[dict[str, Any]]

    @staticmethod
    def resolve_worker_id(obj: Any) -> str:
        return obj.worker

    @staticmethod
    def resolve_underpayment(obj: Any) -> float:
        return obj.shortfall


class WorkerOut(Schema):
    worker_id: str
    department: str
    days_worked: int
    total_hours: float
    overtime_hours: float
    max_week_hours: float
    longest_run: int
    finding_count: int
    underpayment: float
    weekly_hours: dict[str, float]
    findings: list[FindingOut]


class ShareIn(Schema):
    shared: bool


@router.get("/checks", response=list[CheckOut])
@paginate(PageNumberPagination)
def check_list(request: HttpRequest, facility_id: int | None = None) -> Any:
    return selectors.check_list(user=request.user, facility_id=facility_id)


@router.get("/checks/{check_id}", response=CheckDetailOut)
def check_get(request: HttpRequest, check_id: int) -> Any:
    return selectors.check_get(user=request.user, check_id=check_id)


@router.get("/checks/{check_id}/findings", response=list[FindingOut])
@paginate(PageNumberPagination)
def check_findings(
    request: HttpRequest,
    check_id: int,
    code: str | None = None,
    worker_id: str | None = None,
    severity: str | None = None,
) -> Any:
    check = selectors.check_get(user=request.user, check_id=check_id)
    return selectors.check_findings(
        user=request.user, check=check, code=code, worker=worker_id, severity=severity
    )


@router.get("/checks/{check_id}/workers/{worker_id}", response=WorkerOut)
def worker_get(request: HttpRequest, check_id: int, worker_id: str) -> Any:
    check = selectors.check_get(user=request.user, check_id=check_id)
    summary = selectors.worker_get(user=request.user, check=check, worker=worker_id)
    findings = list(selectors.check_findings(user=request.user, check=check, worker=worker_id))
    return {
        **{
            f: getattr(summary, f)
            for f in (
                "department",
                "days_worked",
                "total_hours",
                "overtime_hours",
                "max_week_hours",
                "longest_run",
                "finding_count",
                "underpayment",
                "weekly_hours",
            )
        },
        "worker_id": summary.worker,
        "findings": findings,
    }


@router.post("/checks/{check_id}/share", response=CheckOut)
def check_share(request: HttpRequest, check_id: int, payload: ShareIn) -> Any:
    check = selectors.check_get(user=request.user, check_id=check_id)
    return services.compliance_check_share(check=check, shared=payload.shared, by=request.user)


@router.post("/facilities/{facility_id}/checks", response={202: CheckOut})
def check_create(
    request: HttpRequest,
    facility_id: int,
    jurisdiction: Form[str],
    roster: File[UploadedFile],
    time: File[UploadedFile],
    payroll: File[UploadedFile],
    buyer_code: Form[str] = "",
    label: Form[str] = "",
    organisation: Form[str] = "",
) -> Any:
    """Upload roster, time and payroll files (multipart); the check runs in the background (see progress_id)."""
    facility = selectors.facility_for_upload(user=request.user, facility_id=facility_id)
    organisations = selectors.upload_organisations(user=request.user, facility=facility)
    chosen = next((o for o in organisations if not organisation or o.slug == organisation), None)
    if chosen is None:
        raise NotFound("You do not act for that organisation.")
    check = services.compliance_check_create(
        facility=facility,
        organisation=chosen,
        by=request.user,
        roster=roster,
        time=time,
        payroll=payroll,
        jurisdiction=jurisdiction,
        buyer_code=buyer_code,
        label=label,
    )
    return 202, check


class ActionOut(Schema):
    id: int
    check_id: int
    finding_code: str
    finding_label: str
    findings_covered: int
    workers_covered: int
    root_cause: str
    action: str
    responsible: str
    due_date: datetime.date
    status: str
    evidence_note: str
    verification: str
    verified_at: datetime.datetime | None
    verifying_check_id: int | None
    created_at: datetime.datetime
    updated_at: datetime.datetime


class ActionEventOut(Schema):
    status: str
    note: str
    created_at: datetime.datetime


class ActionDetailOut(ActionOut):
    history: list[ActionEventOut]


class ActionIn(Schema):
    finding_code: str
    root_cause: str
    action: str
    responsible: str
    due_date: datetime.date
    evidence_note: str = ""


class ActionChangeIn(Schema):
    root_cause: str | None = None
    action: str | None = None
    responsible: str | None = None
    due_date: datetime.date | None = None
    evidence_note: str | None = None
    status: str | None = None
    note: str = ""


class ConfirmIn(Schema):
    note: str = ""


ACTION_OUT_FIELDS = (
    "id",
    "finding_code",
    "findings_covered",
    "workers_covered",
    "root_cause",
    "action",
    "responsible",
    "due_date",
    "status",
    "evidence_note",
    "verification",
    "verified_at",
    "verifying_check_id",
    "created_at",
    "updated_at",
)


def _action_out(action: Any) -> dict[str, Any]:
    return {
        **{name: getattr(action, name) for name in ACTION_OUT_FIELDS},
        "check_id": action.compliance_check_id,
        "finding_label": action.code_label,
    }


def _action_detail(request: HttpRequest, action: Any) -> dict[str, Any]:
    return {
        **_action_out(action),
        "history": list(selectors.corrective_action_events(user=request.user, action=action)),
    }


@router.get("/checks/{check_id}/actions", response=list[ActionOut])
def action_list(request: HttpRequest, check_id: int) -> Any:
    check = selectors.check_get(user=request.user, check_id=check_id)
    return [_action_out(a) for a in selectors.corrective_actions(user=request.user, check=check)]


@router.post("/checks/{check_id}/actions", response={201: ActionDetailOut})
def action_create(request: HttpRequest, check_id: int, payload: ActionIn) -> Any:
    """Plan the corrective action of one finding code of a finished check (supplier or uploader)."""
    check = selectors.check_get(user=request.user, check_id=check_id)
    action = services.corrective_action_create(check=check, by=request.user, **payload.model_dump())
    return 201, _action_detail(request, action)


@router.get("/actions/{action_id}", response=ActionDetailOut)
def action_get(request: HttpRequest, action_id: int) -> Any:
    return _action_detail(request, selectors.corrective_action_get(user=request.user, action_id=action_id))


@router.patch("/actions/{action_id}", response=ActionDetailOut)
def action_change(request: HttpRequest, action_id: int, payload: ActionChangeIn) -> Any:
    """Change the plan or its status (open, in_progress, done); verification is not set here."""
    action = selectors.corrective_action_get(user=request.user, action_id=action_id)
    changes = {k: v for k, v in payload.dict(exclude={"status", "note"}).items() if v is not None}
    action = services.corrective_action_update(
        corrective_action=action, by=request.user, status=payload.status, note=payload.note, **changes
    )
    return _action_detail(request, action)


@router.post("/actions/{action_id}/confirm", response=ActionDetailOut)
def action_confirm(request: HttpRequest, action_id: int, payload: ConfirmIn) -> Any:
    """A buyer that sees the check, or platform staff, confirms that the correction is in place."""
    action = selectors.corrective_action_get(user=request.user, action_id=action_id)
    action = services.corrective_action_confirm(corrective_action=action, by=request.user, note=payload.note)
    return _action_detail(request, action)
