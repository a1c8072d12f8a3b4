"""Writes: create a compliance check from uploaded files, run it (in a task), share it with buyers."""

from __future__ import annotations

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
from rsca.compliance.models import ComplianceCheck, Finding, WorkerSummary
from rsca.compliance.selectors import can_share, previous_check, upload_organisations
from rsca.core.audit import acting_as, audit_record
from rsca.core.errors import DomainError, Forbidden, InvalidInput, TooLarge
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
        ("rsca-pseudonymisation:" + settings.SECRET_KEY).encode()).digest()
    return hmac.new(base, f"facility:{facility_id}".encode(), hashlib.sha256).digest()


def incoming_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "compliance" / "incoming"


def _check_file(kind: str, upload: Any) -> None:
    name = str(getattr(upload, "name", "") or kind)
    limit = int(settings.MAX_UPLOAD_BYTES)
    if not name.lower().endswith(ALLOWED_EXTENSIONS):
        raise InvalidInput(_("%(file)s: upload a CSV or XLSX file.") % {"file": name}, code="unsupported_type",
                           details=[{"file": name, "row": None, "column": None, "message": _("not CSV or XLSX")}])
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise TooLarge(_("%(file)s is larger than %(limit)s MB.") % {"file": name, "limit": limit // 1_048_576},
                       code="file_too_large",
                       details=[{"file": name, "row": None, "column": None, "message": _("file too large")}])
    if size == 0:
        raise InvalidInput(_("%(file)s is empty.") % {"file": name}, code="empty_file",
                           details=[{"file": name, "row": None, "column": None, "message": _("empty file")}])


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
        raise Forbidden(_("Only the facility's supplier, or a buyer that sources from it, may upload its records."))
    uploads = {"roster": roster, "time": time, "payroll": payroll}
    for kind, upload in uploads.items():
        if upload is None:
            raise InvalidInput(_("The %(kind)s file is missing.") % {"kind": kind}, code="missing_file",
                               details=[{"file": kind, "row": None, "column": None, "message": _("missing file")}])
        _check_file(kind, upload)
    try:
        place = jurisdiction_resolve(code=jurisdiction)
        code = buyer_code_instrument(buyer_code) if buyer_code else ""
    except DomainError as error:
        raise InvalidInput(error.message, code="unknown_jurisdiction" if "urisdiction" in error.message
                           else error.code, details=[{"file": None, "row": None, "column": "jurisdiction",
                                                      "message": error.message}])
    directory = incoming_dir() / uuid.uuid4().hex
    directory.mkdir(parents=True, exist_ok=True)
    names = {kind: _save(directory, kind, upload) for kind, upload in uploads.items()}
    check = ComplianceCheck.objects.create(
        facility=facility, organisation=organisation, uploaded_by=by if getattr(by, "is_authenticated", False)
        else None, label=label.strip()[:200], jurisdiction=place.code, buyer_code=buyer_code.strip().lower() if code
        else "", files={**names, "_dir": directory.name},
    )
    progress = task_progress_start(label=_("Compliance check: %(facility)s") % {"facility": facility.name},
                                   owner=by, organisation=organisation, total=100)
    check.progress = progress
    check.save(update_fields=["progress"])
    task_progress_update(progress_id=progress.pk, result_url=reverse("compliance:check_detail", args=[check.pk]))
    result = compliance_check_process.enqueue(check.pk)
    task_progress_update(progress_id=progress.pk, task_result_id=str(getattr(result, "id", ""))[:64])
    return check


def _files_of(check: ComplianceCheck) -> dict[str, Source]:
    directory = incoming_dir() / str(check.files.get("_dir", ""))
    sources = {}
    for kind in FILE_KINDS:
        matches = sorted(directory.glob(f"{kind}.*")) if check.files.get("_dir") else []
        if not matches:
            raise InvalidInput(_("The uploaded files are no longer available; upload them again."), code="files_gone")
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
            task_progress_update(progress_id=progress_id, done=done, status=TaskProgress.Status.RUNNING,
                                 message=message)

    ComplianceCheck.objects.filter(pk=check.pk).update(status=ComplianceCheck.Status.RUNNING)
    try:
        sources = _files_of(check)
        report = payroll_check(
            roster=sources["roster"], time=sources["time"], payroll=sources["payroll"],
            jurisdiction=check.jurisdiction, buyer_code=check.buyer_code or None, engine=engine,
            pseudonym=pseudonymiser(pseudonym_key(facility_id=check.facility_id)),
            max_bytes=int(settings.MAX_UPLOAD_BYTES), progress=notify, worker_detail=True,
        )
        notify(85, _("Saving the findings"))
        with acting_as(check.uploaded_by):
            _store(check, report)
        if progress_id:
            task_progress_update(progress_id=progress_id, done=100, status=TaskProgress.Status.DONE,
                                 message=_("%(count)s finding(s) for %(workers)s worker(s).")
                                 % {"count": check.finding_count, "workers": check.worker_count})
    except DomainError as error:
        details = error.details if isinstance(error.details, list) else []
        ComplianceCheck.objects.filter(pk=check.pk).update(
            status=ComplianceCheck.Status.FAILED, error_message=error.message[:2000], errors=details[:200],
            completed_at=timezone.now())
        if progress_id:
            task_progress_update(progress_id=progress_id, status=TaskProgress.Status.FAILED, message=error.message[:500])
    except Exception:  # an engine failure must not leave the check "running" for ever
        logger.exception("compliance check %s failed", check.pk)
        message = _("The check failed unexpectedly; the error has been logged. Please try again or contact us.")
        ComplianceCheck.objects.filter(pk=check.pk).update(
            status=ComplianceCheck.Status.FAILED, error_message=message, completed_at=timezone.now())
        if progress_id:
            task_progress_update(progress_id=progress_id, status=TaskProgress.Status.FAILED, message=message)
    finally:
        _delete_files(check)
    check.refresh_from_db()
    return check


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
        batch.append(Finding(
            upload=check, code=item["code"], detail=item["detail"], worker=item["worker_id"][:40],
            department=str(departments.get(item["worker_id"], "") or "")[:100],
            period_start=item["period_start"], period_end=item["period_end"], measured=item["measured"],
            limit=item["limit"], unit=item["unit"][:24], standard=item["standard"][:16],
            parameter=item["parameter"][:40], severity=item["severity"], days=item["days"],
            hours_workday=item["hours_workday"], hours_rest_day=item["hours_rest_day"],
            hours_holiday=item["hours_holiday"], hourly_rate=item["hourly_rate"], shortfall=shortfall,
            provisions=item["provisions"], alternatives=item["alternatives"],
        ))
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
        summaries.append(WorkerSummary(
            upload=check, worker=str(row.worker_id)[:40], department=str(row.department or "")[:100],
            days_worked=int(row.days_worked or 0), total_hours=round(float(row.total_hours or 0), 2),
            overtime_hours=round(float(row.overtime_hours or 0), 2),
            max_week_hours=round(float(row.max_week_hours or 0), 2) if row.max_week_hours == row.max_week_hours
            else 0.0, longest_run=int(row.longest_run or 0), finding_count=int(stats[0]),
            underpayment=round(stats[1], 2), weekly_hours=dict(sorted(weekly.get(row.worker_id, {}).items())),
        ))
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
    audit_record(action="other", verb="compliance_checked", target=check,
                 changes={"findings": check.finding_count, "workers": check.worker_count})


@transaction.atomic
def compliance_check_share(*, check: ComplianceCheck, shared: bool, by: Any) -> ComplianceCheck:
    """The supplier decides whether its buyers see this check."""
    if not can_share(user=by, check=check):
        raise Forbidden(_("Only the facility's supplier may share its compliance results."))
    if check.shared_with_buyers != shared:
        check.shared_with_buyers = shared
        check.save(update_fields=["shared_with_buyers"])
    return check
