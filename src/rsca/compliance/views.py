"""Pages: upload records for a facility, follow the check, read its results, drill down to a worker."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rsca.compliance import selectors, services
from rsca.compliance.engine import CHECK_CODES, SEVERITY
from rsca.compliance.exports import check_workbook
from rsca.compliance.forms import ConfirmForm, CorrectiveActionForm, UploadForm
from rsca.compliance.inputs import SCHEMAS
from rsca.compliance.models import (
    CODE_LABELS,
    SEVERITY_LABELS,
    SKIP_REASONS,
    STANDARD_LABELS,
    ComplianceCheck,
    CorrectiveAction,
)
from rsca.core.errors import DomainError
from rsca.core.exports import xlsx_response
from rsca.core.views import or_404


@login_required
def index(request: HttpRequest) -> HttpResponse:
    checks = Paginator(selectors.check_list(user=request.user), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "compliance/index.html",
        {"page": checks, "facilities": selectors.uploadable_facilities(user=request.user)},
    )


def formats(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "compliance/formats.html",
        {
            "schemas": SCHEMAS,
            "codes": [
                (code, CODE_LABELS[code], SEVERITY[code], SEVERITY_LABELS[SEVERITY[code]])
                for code in CHECK_CODES
            ],
        },
    )


@login_required
def upload(request: HttpRequest, facility_id: int) -> HttpResponse:
    facility = or_404(selectors.facility_for_upload, user=request.user, facility_id=facility_id)
    organisations = selectors.upload_organisations(user=request.user, facility=facility)
    errors: list[dict[str, Any]] = []
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES, organisations=organisations)
        if form.is_valid():
            try:
                check = services.compliance_check_create(
                    facility=facility,
                    organisation=form.cleaned_data["organisation"],
                    by=request.user,
                    roster=form.cleaned_data["roster"],
                    time=form.cleaned_data["time"],
                    payroll=form.cleaned_data["payroll"],
                    jurisdiction=form.cleaned_data["jurisdiction"],
                    buyer_code=form.cleaned_data["buyer_code"] or "",
                    label=form.cleaned_data["label"],
                )
            except DomainError as error:
                form.add_error(None, error.message)
                errors = error.details if isinstance(error.details, list) else []
            else:
                messages.success(request, _("The records were received; the check is running."))
                return redirect("compliance:check_detail", check_id=check.pk)
    else:
        form = UploadForm(
            organisations=organisations,
            initial={
                "organisation": organisations[0].pk if organisations else None,
                "jurisdiction": selectors.default_jurisdiction(facility=facility),
                "buyer_code": "rba" if any(o.enterprise_role == "buyer" for o in organisations) else "",
            },
        )
    return render(
        request,
        "compliance/upload.html",
        {"facility": facility, "form": form, "errors": errors},
        status=422 if request.method == "POST" else 200,
    )


def _chart_data(check: ComplianceCheck) -> dict[str, Any]:
    summary = check.summary or {}
    by_code = summary.get("by_code", {})
    months = summary.get("by_month", [])
    return {
        "histogram": {
            "labels": [b["bin"] for b in summary.get("weekly_hours_histogram", [])],
            "values": [b["worker_weeks"] for b in summary.get("weekly_hours_histogram", [])],
            "name": _("worker-weeks"),
        },
        "codes": {
            "labels": [str(CODE_LABELS[c]) for c in CHECK_CODES if by_code.get(c, {}).get("workers")],
            "values": [by_code[c]["workers"] for c in CHECK_CODES if by_code.get(c, {}).get("workers")],
            "name": _("workers"),
        },
        "months": {
            "labels": [m["month"] for m in months],
            "series": [
                {"name": str(CODE_LABELS[c]), "values": [m["workers"].get(c, 0) for m in months]}
                for c in CHECK_CODES
                if any(m["workers"].get(c, 0) for m in months)
            ],
        },
    }


def check_detail(request: HttpRequest, check_id: int) -> HttpResponse:
    if not request.user.is_authenticated:
        raise Http404
    check = or_404(selectors.check_get, user=request.user, check_id=check_id)
    code = request.GET.get("code") or None
    if code not in CHECK_CODES:
        code = None
    findings = selectors.check_findings(user=request.user, check=check, code=code)
    page = Paginator(findings, 50).get_page(request.GET.get("page"))
    summary = check.summary or {}
    code_rows = []
    comparison = (check.comparison or {}).get("by_code", {})
    for c in CHECK_CODES:
        figures = summary.get("by_code", {}).get(c, {})
        change = comparison.get(c)
        skipped = summary.get("checks_skipped", {}).get(c)
        code_rows.append(
            {
                "code": c,
                "label": CODE_LABELS[c],
                "severity": SEVERITY[c],
                "severity_label": SEVERITY_LABELS[SEVERITY[c]],
                "figures": figures,
                "change": change,
                "skipped": SKIP_REASONS.get(skipped, skipped) if skipped else None,
            }
        )
    rule_set = summary.get("rule_set", {})
    top_workers = selectors.check_workers(user=request.user, check=check).filter(finding_count__gt=0)[:20]
    return render(
        request,
        "compliance/check_detail.html",
        {
            "check": check,
            "summary": summary,
            "code_rows": code_rows,
            "page": page,
            "code": code,
            "charts": _chart_data(check) if check.status == ComplianceCheck.Status.DONE else None,
            "rule_set": rule_set,
            "standard_labels": STANDARD_LABELS,
            "top_workers": top_workers,
            "can_share": selectors.can_share(user=request.user, check=check),
            "codes": CODE_LABELS,
            "departments": summary.get("by_department", []),
            **_actions_context(request, check),
        },
    )


def check_export(request: HttpRequest, check_id: int) -> HttpResponse:
    if not request.user.is_authenticated:
        raise Http404
    check = or_404(selectors.check_get, user=request.user, check_id=check_id)
    if check.status != ComplianceCheck.Status.DONE:
        raise Http404
    findings = selectors.check_findings(user=request.user, check=check)
    workers = selectors.check_workers(user=request.user, check=check)
    return xlsx_response(
        check_workbook(check=check, findings=findings, workers=workers), f"compliance-check-{check.pk}.xlsx"
    )


@login_required
@require_POST
def check_share(request: HttpRequest, check_id: int) -> HttpResponse:
    check = or_404(selectors.check_get, user=request.user, check_id=check_id)
    try:
        services.compliance_check_share(
            check=check, shared=request.POST.get("shared") == "on", by=request.user
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Buyers can now see these results.")
            if check.shared_with_buyers
            else _("These results are no longer shared with buyers."),
        )
    return redirect("compliance:check_detail", check_id=check.pk)


def worker_detail(request: HttpRequest, check_id: int, worker: str) -> HttpResponse:
    if not request.user.is_authenticated:
        raise Http404
    check = or_404(selectors.check_get, user=request.user, check_id=check_id)
    summary = or_404(selectors.worker_get, user=request.user, check=check, worker=worker)
    findings = selectors.check_findings(user=request.user, check=check, worker=worker)
    weekly = summary.weekly_hours or {}
    limit = (check.summary.get("rule_set", {}).get("parameters", {}).get("weekly_hours_max_total") or {}).get(
        "value"
    )
    return render(
        request,
        "compliance/worker_detail.html",
        {
            "check": check,
            "worker": summary,
            "findings": findings,
            "chart": {
                "labels": list(weekly),
                "values": list(weekly.values()),
                "limit": limit,
                "name": _("hours in the week"),
                "limit_name": _("weekly limit"),
            },
        },
    )


# --- corrective actions -----------------------------------------------------------------------------------


def _actions_context(request: HttpRequest, check: ComplianceCheck) -> dict[str, Any]:
    """What the check page shows about corrective actions (the list, and what this user may do)."""
    return {
        "actions": list(selectors.corrective_actions(user=request.user, check=check)),
        "can_edit_actions": selectors.can_edit_actions(user=request.user, check=check),
        "can_confirm_actions": selectors.can_confirm_actions(user=request.user, check=check),
        "codes_without_action": [
            (c, CODE_LABELS.get(c, c)) for c in selectors.finding_codes_without_action(check=check)
        ],
    }


def _form_problems(form: Any, error: DomainError) -> None:
    details = error.details if isinstance(error.details, list) else []
    placed = False
    for problem in details:
        column = str(problem.get("column") or "")
        if column in form.fields:
            form.add_error(column, problem.get("message") or error.message)
            placed = True
    if not placed:
        form.add_error(None, error.message)


@login_required
@require_http_methods(["GET", "POST"])
def action_create(request: HttpRequest, check_id: int) -> HttpResponse:
    check = or_404(selectors.check_get, user=request.user, check_id=check_id)
    if (
        not selectors.can_edit_actions(user=request.user, check=check)
        or check.status != ComplianceCheck.Status.DONE
    ):
        raise Http404
    choices = [(c, str(CODE_LABELS.get(c, c))) for c in selectors.finding_codes_without_action(check=check)]
    initial = {"finding_code": request.GET.get("code") or ""}
    form = CorrectiveActionForm(request.POST or None, finding_codes=choices, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.corrective_action_create(
                check=check,
                finding_code=data["finding_code"],
                root_cause=data["root_cause"],
                action=data["action"],
                responsible=data["responsible"],
                due_date=data["due_date"],
                evidence_note=data["evidence_note"],
                by=request.user,
            )
        except DomainError as error:
            _form_problems(form, error)
        else:
            messages.success(request, _("The corrective action was saved."))
            return redirect(reverse("compliance:check_detail", args=[check.pk]) + "#actions")
    return render(
        request,
        "compliance/action_form.html",
        {"check": check, "form": form, "action": None},
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_detail(request: HttpRequest, action_id: int) -> HttpResponse:
    """The action with its history; its supplier or uploader changes it here, a buyer confirms it."""
    action = or_404(selectors.corrective_action_get, user=request.user, action_id=action_id)
    check = action.compliance_check
    can_edit = selectors.can_edit_actions(user=request.user, check=check) and not action.is_verified
    statuses = [
        (value, str(label))
        for value, label in CorrectiveAction.Status.choices
        if value in services.SETTABLE_STATUSES
    ]
    initial = {name: getattr(action, name) for name in services.ACTION_FIELDS} | {"status": action.status}
    form = (
        CorrectiveActionForm(request.POST or None, statuses=statuses, initial=initial) if can_edit else None
    )
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.corrective_action_update(
                    corrective_action=action,
                    by=request.user,
                    status=data["status"],
                    note=data["note"],
                    **{name: data[name] for name in services.ACTION_FIELDS},
                )
            except DomainError as error:
                _form_problems(form, error)
            else:
                messages.success(request, _("The corrective action was saved."))
                return redirect("compliance:action_detail", action_id=action.pk)
    return render(
        request,
        "compliance/action_form.html",
        {
            "check": check,
            "form": form,
            "action": action,
            "events": selectors.corrective_action_events(user=request.user, action=action),
            "can_confirm": not action.is_verified
            and selectors.can_confirm_actions(user=request.user, check=check),
            "confirm_form": ConfirmForm(),
        },
        status=422 if form is not None and form.errors else 200,
    )


@login_required
@require_POST
def action_confirm(request: HttpRequest, action_id: int) -> HttpResponse:
    action = or_404(selectors.corrective_action_get, user=request.user, action_id=action_id)
    form = ConfirmForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.corrective_action_confirm(corrective_action=action, by=request.user, note=note)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The corrective action is verified."))
    return redirect("compliance:action_detail", action_id=action.pk)
