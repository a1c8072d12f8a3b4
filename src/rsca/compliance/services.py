"""Writes: create a compliance check from uploaded files, run it (in a task), share it with buyers."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import logging
import shutil
import uuid
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rsca.compliance.check import payroll_check, summary_compare, underpayment_of
from rsca.compliance.inputs import Source, pseudonymiser
from rsca.compliance.models import (
    ComplianceCheck,
    CorrectiveAction,
    CorrectiveActionEvent,
    Finding,
    WorkerSummary,
)
from rsca.compliance.selectors import (
    can_confirm_actions,
    can_edit_actions,
    can_share,
    previous_check,
    upload_organisations,
)
from rsca.core.audit import acting_as, audit_record
from rsca.core.errors import Conflict, DomainError, Forbidden, InvalidInput, TooLarge
from rsca.core.models import Organisation, TaskProgress
from rsca.core.services import task_progress_start, task_progress_update

logger = logging.getLogger(__name__)

ALLOWED_EXTENSIONS = (".csv", ".xlsx", ".txt")
FILE_KINDS = ("roster", "time", "payroll")
BATCH = 5000


def pseudonym_key(*, facility_id: int) -> bytes:
    """The keyed-hash key for one facility: derived from PSEUDONYMISATION_KEY (or SECRET_KEY).

    One key per facility keeps a worker's pseudonym stable from one upload to the next (so checks compare)
    without letting anyone link workers across facilities.
    """
    base = (getattr(settings, "PSEUDONYMISATION_KEY", "") or "").encode() or hashlib.sha256(
        ("rsca-pseudonymisation:" + settings.SECRET_KEY).encode()
    ).digest()
    return hmac.new(base, f"facility:{facility_id}".encode(), hashlib.sha256).digest()


def incoming_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "compliance" / "incoming"


def _check_file(kind: str, upload: Any) -> None:
    name = str(getattr(upload, "name", "") or kind)
    limit = int(settings.MAX_UPLOAD_BYTES)
    if not name.lower().endswith(ALLOWED_EXTENSIONS):
        raise InvalidInput(
            _("%(file)s: upload a CSV or XLSX file.") % {"file": name},
            code="unsupported_type",
            details=[{"file": name, "row": None, "column": None, "message": _("not CSV or XLSX")}],
        )
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise TooLarge(
            _("%(file)s is larger than %(limit)s MB.") % {"file": name, "limit": limit // 1_048_576},
            code="file_too_large",
            details=[{"file": name, "row": None, "column": None, "message": _("file too large")}],
        )
    if size == 0:
        raise InvalidInput(
            _("%(file)s is empty.") % {"file": name},
            code="empty_file",
            details=[{"file": name, "row": None, "column": None, "message": _("empty file")}],
        )


def _save(directory: Path, kind: str, upload: Any) -> str:
    name = Path(str(getattr(upload, "name", kind))).name
    suffix = Path(name).suffix.lower() if Path(name).suffix.lower() in ALLOWED_EXTENSIONS else ".csv"
    target = directory / f"{kind}{suffix}"
    with target.open("wb") as handle:
        if hasattr(upload, "chunks"):
            for chunk in upload.chunks():
                handle.write(chunk)
        else:
            data: IO[bytes] | bytes = upload.read() if hasattr(upload, "read") else upload
            handle.write(data if isinstance(data, bytes) else bytes(data))  # type: ignore[arg-type]
    return name


@transaction.atomic
def compliance_check_create(
    *,
    facility: Any,
    organisation: Organisation,
    by: Any,
    roster: Any,
    time: Any,
    payroll: Any,
    jurisdiction: str,
    buyer_code: str = "",
    label: str = "",
) -> ComplianceCheck:
    """Store the three files for a facility and queue the check; the files are deleted once it has run."""
    from rsca.compliance.tasks import compliance_check_process
    from rsca.standards.selectors import buyer_code_instrument, jurisdiction_resolve

    if organisation not in upload_organisations(user=by, facility=facility):
        raise Forbidden(
            _("Only the facility's supplier, or a buyer that sources from it, may upload its records.")
        )
    uploads = {"roster": roster, "time": time, "payroll": payroll}
    for kind, upload in uploads.items():
        if upload is None:
            raise InvalidInput(
                _("The %(kind)s file is missing.") % {"kind": kind},
                code="missing_file",
                details=[{"file": kind, "row": None, "column": None, "message": _("missing file")}],
            )
        _check_file(kind, upload)
    try:
        place = jurisdiction_resolve(code=jurisdiction)
        code = buyer_code_instrument(buyer_code) if buyer_code else ""
    except DomainError as error:
        raise InvalidInput(
            error.message,
            code="unknown_jurisdiction" if "urisdiction" in error.message else error.code,
            details=[{"file": None, "row": None, "column": "jurisdiction", "message": error.message}],
        )
    directory = incoming_dir() / uuid.uuid4().hex
    directory.mkdir(parents=True, exist_ok=True)
    names = {kind: _save(directory, kind, upload) for kind, upload in uploads.items()}
    check = ComplianceCheck.objects.create(
        facility=facility,
        organisation=organisation,
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
        label=label.strip()[:200],
        jurisdiction=place.code,
        buyer_code=buyer_code.strip().lower() if code else "",
        files={**names, "_dir": directory.name},
    )
    progress = task_progress_start(
        label=_("Compliance check: %(facility)s") % {"facility": facility.name},
        owner=by,
        organisation=organisation,
        total=100,
    )
    check.progress = progress
    check.save(update_fields=["progress"])
    task_progress_update(
        progress_id=progress.pk, result_url=reverse("compliance:check_detail", args=[check.pk])
    )
    result = compliance_check_process.enqueue(check.pk)
    task_progress_update(progress_id=progress.pk, task_result_id=str(getattr(result, "id", ""))[:64])
    return check


def _files_of(check: ComplianceCheck) -> dict[str, Source]:
    directory = incoming_dir() / str(check.files.get("_dir", ""))
    sources = {}
    for kind in FILE_KINDS:
        matches = sorted(directory.glob(f"{kind}.*")) if check.files.get("_dir") else []
        if not matches:
            raise InvalidInput(
                _("The uploaded files are no longer available; upload them again."), code="files_gone"
            )
        sources[kind] = Source(filename=str(check.files.get(kind) or matches[0].name), path=matches[0])
    return sources


def _delete_files(check: ComplianceCheck) -> None:
    name = str(check.files.get("_dir", ""))
    if name and "/" not in name and ".." not in name:
        shutil.rmtree(incoming_dir() / name, ignore_errors=True)


def compliance_check_run(*, check_id: int, engine: str = "duckdb") -> ComplianceCheck:
    """Run a queued check: validate, check, store findings and summaries; always delete the raw files."""
    check = ComplianceCheck.objects.select_related("facility", "uploaded_by").get(pk=check_id)
    progress_id = check.progress_id

    def notify(done: int, message: str) -> None:
        if progress_id:
            task_progress_update(
                progress_id=progress_id, done=done, status=TaskProgress.Status.RUNNING, message=message
            )

    ComplianceCheck.objects.filter(pk=check.pk).update(status=ComplianceCheck.Status.RUNNING)
    try:
        sources = _files_of(check)
        report = payroll_check(
            roster=sources["roster"],
            time=sources["time"],
            payroll=sources["payroll"],
            jurisdiction=check.jurisdiction,
            buyer_code=check.buyer_code or None,
            engine=engine,
            pseudonym=pseudonymiser(pseudonym_key(facility_id=check.facility_id)),
            max_bytes=int(settings.MAX_UPLOAD_BYTES),
            progress=notify,
            worker_detail=True,
        )
        notify(85, _("Saving the findings"))
        with acting_as(check.uploaded_by):
            _store(check, report)
            _verify_earlier_actions(check)
        if progress_id:
            task_progress_update(
                progress_id=progress_id,
                done=100,
                status=TaskProgress.Status.DONE,
                message=_("%(count)s finding(s) for %(workers)s worker(s).")
                % {"count": check.finding_count, "workers": check.worker_count},
            )
    except DomainError as error:
        details = error.details if isinstance(error.details, list) else []
        ComplianceCheck.objects.filter(pk=check.pk).update(
            status=ComplianceCheck.Status.FAILED,
            error_message=error.message[:2000],
            errors=details[:200],
            completed_at=timezone.now(),
        )
        if progress_id:
            task_progress_update(
                progress_id=progress_id, status=TaskProgress.Status.FAILED, message=error.message[:500]
            )
    except Exception:  # an engine failure must not leave the check "running" for ever
        logger.exception("compliance check %s failed", check.pk)
        message = _(
            "The check failed unexpectedly; the error has been logged. Please try again or contact us."
        )
        ComplianceCheck.objects.filter(pk=check.pk).update(
            status=ComplianceCheck.Status.FAILED, error_message=message, completed_at=timezone.now()
        )
        if progress_id:
            task_progress_update(progress_id=progress_id, status=TaskProgress.Status.FAILED, message=message)
    finally:
        _delete_files(check)
    check.refresh_from_db()
    return check


def _verify_earlier_actions(check: ComplianceCheck) -> None:
    """Verify the facility's earlier corrective actions this check no longer finds; a failure here is logged and
    never turns the stored, finished check into a failed one."""
    try:
        corrective_actions_verify_from_check(check=check)
    except Exception:
        logger.exception("verifying corrective actions after compliance check %s failed", check.pk)


@transaction.atomic
def _store(check: ComplianceCheck, report: Any) -> None:
    """Replace the check's findings and worker summaries in one transaction: all of them or none."""
    Finding.objects.filter(upload=check).delete()
    WorkerSummary.objects.filter(upload=check).delete()
    workers = report.workers
    departments = dict(zip(workers["worker_id"], workers["department"], strict=False))
    per_worker: dict[str, list[float]] = {}
    batch: list[Finding] = []
    for item in report.findings:
        shortfall = underpayment_of(item)
        stats = per_worker.setdefault(item["worker_id"], [0, 0.0])
        stats[0] += 1
        stats[1] += shortfall
        batch.append(
            Finding(
                upload=check,
                code=item["code"],
                detail=item["detail"],
                worker=item["worker_id"][:40],
                department=str(departments.get(item["worker_id"], "") or "")[:100],
                period_start=item["period_start"],
                period_end=item["period_end"],
                measured=item["measured"],
                limit=item["limit"],
                unit=item["unit"][:24],
                standard=item["standard"][:16],
                parameter=item["parameter"][:40],
                severity=item["severity"],
                days=item["days"],
                hours_workday=item["hours_workday"],
                hours_rest_day=item["hours_rest_day"],
                hours_holiday=item["hours_holiday"],
                hourly_rate=item["hourly_rate"],
                shortfall=shortfall,
                provisions=item["provisions"],
                alternatives=item["alternatives"],
            )
        )
        if len(batch) >= BATCH:
            Finding.objects.bulk_create(batch)
            batch = []
    Finding.objects.bulk_create(batch)
    weekly: dict[str, dict[str, float]] = {}
    for worker, week, hours in report.weekly[["worker_id", "week_start", "hours"]].itertuples(index=False):
        weekly.setdefault(worker, {})[str(week)[:10]] = round(float(hours), 2)
    summaries = []
    for row in workers.itertuples(index=False):
        stats = per_worker.get(row.worker_id, [0, 0.0])
        summaries.append(
            WorkerSummary(
                upload=check,
                worker=str(row.worker_id)[:40],
                department=str(row.department or "")[:100],
                days_worked=int(row.days_worked or 0),
                total_hours=round(float(row.total_hours or 0), 2),
                overtime_hours=round(float(row.overtime_hours or 0), 2),
                max_week_hours=round(float(row.max_week_hours or 0), 2)
                if row.max_week_hours == row.max_week_hours
                else 0.0,
                longest_run=int(row.longest_run or 0),
                finding_count=int(stats[0]),
                underpayment=round(stats[1], 2),
                weekly_hours=dict(sorted(weekly.get(row.worker_id, {}).items())),
            )
        )
    WorkerSummary.objects.bulk_create(summaries, batch_size=BATCH)
    summary = report.summary
    previous = previous_check(check=check)
    check.summary = summary
    check.comparison = summary_compare(summary, previous.summary if previous else None) or {}
    if previous:
        check.comparison["previous_id"] = previous.pk
    check.period_start = summary["period"]["start"]
    check.period_end = summary["period"]["end"]
    check.worker_count = summary["workers"]
    check.worker_days = int(summary["rows"].get("time", 0))
    check.finding_count = summary["findings"]
    check.status = ComplianceCheck.Status.DONE
    check.error_message = ""
    check.errors = []
    check.completed_at = timezone.now()
    check.save()
    audit_record(
        action="other",
        verb="compliance_checked",
        target=check,
        changes={"findings": check.finding_count, "workers": check.worker_count},
    )


@transaction.atomic
def compliance_check_share(*, check: ComplianceCheck, shared: bool, by: Any) -> ComplianceCheck:
    """The supplier decides whether its buyers see this check."""
    if not can_share(user=by, check=check):
        raise Forbidden(_("Only the facility's supplier may share its compliance results."))
    if check.shared_with_buyers != shared:
        check.shared_with_buyers = shared
        check.save(update_fields=["shared_with_buyers"])
    return check


# --- corrective actions -----------------------------------------------------------------------------------

ACTION_FIELDS = ("root_cause", "action", "responsible", "due_date", "evidence_note")
ACTION_LIMITS = {"root_cause": 4000, "action": 4000, "responsible": 200, "evidence_note": 4000}
SETTABLE_STATUSES = (
    CorrectiveAction.Status.OPEN,
    CorrectiveAction.Status.IN_PROGRESS,
    CorrectiveAction.Status.DONE,
)


def _action_problems(values: dict[str, Any]) -> list[dict[str, Any]]:
    problems = []
    for name in ("root_cause", "action", "responsible"):
        text = str(values.get(name) or "").strip()
        if not text:
            problems.append(
                {"file": None, "row": None, "column": name, "message": _("This field is required.")}
            )
        elif len(text) > ACTION_LIMITS[name]:
            problems.append(
                {
                    "file": None,
                    "row": None,
                    "column": name,
                    "message": _("At most %(n)s characters.") % {"n": ACTION_LIMITS[name]},
                }
            )
    if len(str(values.get("evidence_note") or "")) > ACTION_LIMITS["evidence_note"]:
        problems.append(
            {
                "file": None,
                "row": None,
                "column": "evidence_note",
                "message": _("At most %(n)s characters.") % {"n": ACTION_LIMITS["evidence_note"]},
            }
        )
    if not isinstance(values.get("due_date"), datetime.date):
        problems.append(
            {"file": None, "row": None, "column": "due_date", "message": _("Give the due date (YYYY-MM-DD).")}
        )
    return problems


def _event(
    action: CorrectiveAction, *, by: Any, note: str = "", related_check: ComplianceCheck | None = None
) -> None:
    CorrectiveActionEvent.objects.create(
        corrective_action=action,
        status=action.status,
        note=note[:4000],
        by=by if getattr(by, "is_authenticated", False) else None,
        related_check=related_check,
    )


@transaction.atomic
def corrective_action_create(
    *,
    check: ComplianceCheck,
    finding_code: str,
    root_cause: str,
    action: str,
    responsible: str,
    due_date: datetime.date,
    evidence_note: str = "",
    by: Any,
) -> CorrectiveAction:
    """Plan the correction of one type of finding of a finished check (the supplier or the uploader)."""
    if not can_edit_actions(user=by, check=check):
        raise Forbidden(
            _(
                "Only the facility's supplier or the organisation that uploaded the records may plan "
                "corrective actions."
            )
        )
    if check.status != ComplianceCheck.Status.DONE:
        raise Conflict(
            _("The check has not finished; corrective actions follow its findings."), code="check_not_done"
        )
    findings = Finding.objects.filter(upload=check, code=finding_code)
    covered = findings.count()
    if not covered:
        raise InvalidInput(
            _("This check has no finding “%(code)s”.") % {"code": finding_code},
            code="no_such_finding",
            details=[
                {
                    "file": None,
                    "row": None,
                    "column": "finding_code",
                    "message": _("not a finding of this check"),
                }
            ],
        )
    if CorrectiveAction.objects.filter(compliance_check=check, finding_code=finding_code).exists():
        raise Conflict(
            _("This finding already has a corrective action; change that one."), code="action_exists"
        )
    values = {
        "root_cause": root_cause,
        "action": action,
        "responsible": responsible,
        "due_date": due_date,
        "evidence_note": evidence_note,
    }
    problems = _action_problems(values)
    if problems:
        raise InvalidInput(problems[0]["message"], code="invalid_corrective_action", details=problems)
    created = CorrectiveAction.objects.create(
        compliance_check=check,
        finding_code=finding_code,
        findings_covered=covered,
        workers_covered=findings.values("worker").distinct().count(),
        root_cause=root_cause.strip(),
        action=action.strip(),
        responsible=responsible.strip(),
        due_date=due_date,
        evidence_note=evidence_note.strip(),
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    _event(created, by=by, note=_("Corrective action planned."))
    return created


@transaction.atomic
def corrective_action_update(
    *, corrective_action: CorrectiveAction, by: Any, status: str | None = None, note: str = "", **changes: Any
) -> CorrectiveAction:
    """Change the plan or move it along open → in progress → done; `verified` is never set by hand here."""
    check = corrective_action.compliance_check
    if not can_edit_actions(user=by, check=check):
        raise Forbidden(
            _(
                "Only the facility's supplier or the organisation that uploaded the records may change "
                "corrective actions."
            )
        )
    unknown = set(changes) - set(ACTION_FIELDS)
    if unknown:
        raise InvalidInput(
            _("Unknown field(s): %(f)s.") % {"f": ", ".join(sorted(unknown))}, code="unknown_field"
        )
    if corrective_action.is_verified:
        raise Conflict(_("A verified corrective action is closed."), code="action_verified")
    if status is not None and status not in SETTABLE_STATUSES:
        raise InvalidInput(
            _("The status is open, in progress or done; verification comes from a later check or a buyer."),
            code="invalid_status",
            details=[{"file": None, "row": None, "column": "status", "message": _("not allowed")}],
        )
    values = {name: changes.get(name, getattr(corrective_action, name)) for name in ACTION_FIELDS}
    problems = _action_problems(values)
    if problems:
        raise InvalidInput(problems[0]["message"], code="invalid_corrective_action", details=problems)
    for name in ACTION_FIELDS:
        value = values[name]
        setattr(corrective_action, name, value.strip() if isinstance(value, str) else value)
    status_changed = status is not None and status != corrective_action.status
    if status is not None:
        corrective_action.status = status
    corrective_action.save()
    if status_changed or note.strip():
        _event(corrective_action, by=by, note=note.strip())
    return corrective_action


def _verify(
    action: CorrectiveAction, *, how: str, by: Any, note: str, verifying_check: ComplianceCheck | None = None
) -> None:
    action.status = CorrectiveAction.Status.VERIFIED
    action.verification = how
    action.verified_at = timezone.now()
    action.verified_by = by if getattr(by, "is_authenticated", False) else None
    action.verifying_check = verifying_check
    action.save()
    _event(action, by=by, note=note, related_check=verifying_check)
    audit_record(
        action="other",
        verb="corrective_action_verified",
        target=action,
        changes={"verification": how, "check": verifying_check.pk if verifying_check else None},
    )


@transaction.atomic
def corrective_action_confirm(
    *, corrective_action: CorrectiveAction, by: Any, note: str = ""
) -> CorrectiveAction:
    """A buyer that sees the check (or platform staff) confirms that the correction is in place."""
    if not can_confirm_actions(user=by, check=corrective_action.compliance_check):
        raise Forbidden(
            _(
                "Only a buyer that sources from the facility, or the programme staff, may confirm a "
                "corrective action."
            )
        )
    if corrective_action.is_verified:
        raise Conflict(_("This corrective action is already verified."), code="action_verified")
    _verify(
        corrective_action,
        how=CorrectiveAction.Verification.CONFIRMED,
        by=by,
        note=note.strip() or _("Confirmed."),
    )
    return corrective_action


@transaction.atomic
def corrective_actions_verify_from_check(*, check: ComplianceCheck) -> int:
    """After `check` has run: verify the facility's open actions whose finding it no longer shows.

    Rule: an action of an earlier check (records ending before this check's records end) is verified when this
    check ran the same test (not skipped for lack of data) and found no finding of that code at all, for any
    worker. Absence for the same pseudonymised workers only is not enough: workers who left would otherwise
    "verify" an action. When the finding is still there the action stays open and its history says so.
    Returns the number of actions verified.
    """
    if check.status != ComplianceCheck.Status.DONE or check.period_end is None:
        return 0
    pending = list(
        CorrectiveAction.objects.filter(
            compliance_check__facility_id=check.facility_id,
            compliance_check__status=ComplianceCheck.Status.DONE,
            compliance_check__period_end__lt=check.period_end,
        )
        .exclude(status=CorrectiveAction.Status.VERIFIED)
        .exclude(compliance_check=check)
    )
    if not pending:
        return 0
    skipped = set((check.summary or {}).get("checks_skipped", {}))
    found = set(Finding.objects.filter(upload=check).values_list("code", flat=True).distinct())
    verified = 0
    for action in pending:
        if action.finding_code in skipped:
            continue
        if action.finding_code in found:
            if not action.events.filter(related_check=check).exists():
                _event(
                    action,
                    by=None,
                    related_check=check,
                    note=_("Still found by the check of %(start)s – %(end)s.")
                    % {"start": check.period_start, "end": check.period_end},
                )
            continue
        _verify(
            action,
            how=CorrectiveAction.Verification.LATER_CHECK,
            by=None,
            verifying_check=check,
            note=_("No longer found by the check of %(start)s – %(end)s.")
            % {"start": check.period_start, "end": check.period_end},
        )
        verified += 1
    return verified
