"""Pages of the due-diligence workspace: risk register (step 2), questionnaires, actions (3), tracking (4), report (5)."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rsca.core.errors import DomainError, InvalidInput
from rsca.core.exports import XLSX_CONTENT_TYPE
from rsca.core.pdf import pdf_response
from rsca.core.scoping import can_edit_organisation, is_member, is_platform_staff
from rsca.core.views import or_404
from rsca.duediligence import selectors, services
from rsca.duediligence.method import frameworks, method_version, sector_risks, weights
from rsca.duediligence.models import ActionItem
from rsca.duediligence.questionnaires import (
    action_from_gap,
    answers_save,
    questionnaire_send,
    questionnaire_share,
)
from rsca.duediligence.reasons import ISSUE_LABELS, issue_label, reason_text
from rsca.duediligence.report import dd_report, dd_report_pdf, dd_report_xlsx
from rsca.supplychain.selectors import buyer_organisations


def _organisation(request: HttpRequest) -> Any:
    return or_404(selectors.register_organisation, user=request.user, slug=request.GET.get("org") or None)


def _filters(request: HttpRequest) -> selectors.RegisterFilters:
    tier = request.GET.get("tier", "")
    return selectors.RegisterFilters(
        tier=int(tier) if tier.isdigit() and len(tier) <= 2 else None,
        country=request.GET.get("country", "")[:2],
        issue=request.GET.get("issue", "")[:64],
        level=request.GET.get("level", "")[:8],
    )


@login_required
def register(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    if is_member(request.user, organisation.pk) and selectors.register_size(organisation=organisation):
        services.risk_register_refresh(organisation=organisation)  # only facilities with new evidence
    filters = _filters(request)
    page = Paginator(
        selectors.register_entries(user=request.user, organisation=organisation, filters=filters), 50
    ).get_page(request.GET.get("page"))
    rows = [(entry, [i for i in entry.issues if i["level"] != "low"]) for entry in page.object_list]
    trend = list(selectors.register_trend(user=request.user, organisation=organisation))
    charts = {
        "chart-trend": {
            "labels": [s.taken_at.strftime("%Y-%m-%d %H:%M") for s in trend],
            "stack": True,
            "kind": "bar",
            "series": [
                {"name": str(label), "values": [s.counts.get(level, 0) for s in trend]}
                for level, label in (("high", _("high")), ("medium", _("medium")), ("low", _("low")))
            ],
        }
    }
    return render(
        request,
        "duediligence/register.html",
        {
            "organisation": organisation,
            "page": page,
            "rows": rows,
            "filters": filters,
            "organisations": buyer_organisations(user=request.user),
            "issues": [(code, str(label)) for code, label in ISSUE_LABELS.items()],
            "choices": selectors.register_filter_choices(user=request.user, organisation=organisation),
            "latest": trend[-1] if trend else None,
            "charts": charts,
            "version": method_version(),
        },
    )


@login_required
@require_POST
def register_recompute(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    if not (is_member(request.user, organisation.pk) or is_platform_staff(request.user)):
        messages.error(request, _("You may not recompute this register."))
    else:
        snapshot = services.risk_register_compute(organisation=organisation)
        messages.success(request, _("Register recomputed: %(n)d facilities.") % {"n": snapshot.facilities})
    return redirect(f"{reverse('duediligence:register')}?org={organisation.slug}")


@login_required
def register_entry(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = or_404(selectors.register_entry_get, user=request.user, entry_id=entry_id)
    issues = [
        {
            **i,
            "label": issue_label(i["issue"]),
            "reasons": [reason_text(r) for r in entry.reasons if r.get("issue") == i["issue"]],
        }
        for i in entry.issues
    ]
    trend = [
        (s.taken_at, s.scores.get(str(entry.facility_id)))
        for s in selectors.register_trend(user=request.user, organisation=entry.organisation).only(
            "taken_at", "scores"
        )
    ]
    charts = {
        "chart-facility": {
            "labels": [when.strftime("%Y-%m-%d %H:%M") for when, score in trend if score is not None],
            "series": [
                {"name": _("Score"), "values": [score for _when, score in trend if score is not None]}
            ],
        }
    }
    return render(
        request,
        "duediligence/register_entry.html",
        {
            "entry": entry,
            "issues": issues,
            "charts": charts,
            "issue_choices": [(code, str(label)) for code, label in ISSUE_LABELS.items()],
            "audits": selectors.facility_audits(user=request.user, facility_id=entry.facility_id),
            "can_add_audit": can_edit_organisation(request.user, entry.organisation_id),
            "general": [reason_text(r) for r in entry.reasons if not r.get("issue")],
            "suggestions": selectors.training_suggestions(
                issues=[i["issue"] for i in entry.issues if i["level"] != "low"], user=request.user
            ),
        },
    )


def method(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "duediligence/method.html",
        {
            "weights": weights(),
            "sectors": sector_risks(),
            "frameworks": frameworks(),
            "version": method_version(),
            "issue_labels": {code: str(label) for code, label in ISSUE_LABELS.items()},
        },
    )


def _year(request: HttpRequest) -> int:
    year = request.GET.get("year", "")
    return int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else timezone.localdate().year


@login_required
def report(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    data = dd_report(
        organisation=organisation, year=_year(request), language=translation.get_language() or "en"
    )
    return render(request, "duediligence/report.html", {"organisation": organisation, "report": data})


@login_required
def report_download(request: HttpRequest, fmt: str) -> HttpResponse:
    organisation = _organisation(request)
    year = _year(request)
    data = dd_report(organisation=organisation, year=year, language=translation.get_language() or "en")
    name = f"due-diligence-{organisation.slug}-{year}"
    if fmt == "pdf":
        return pdf_response(dd_report_pdf(data), f"{name}.pdf")
    if fmt == "xlsx":
        response = HttpResponse(dd_report_xlsx(data), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    if fmt == "json":
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    raise Http404


def _date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


@login_required
def questionnaires(request: HttpRequest) -> HttpResponse:
    organisations = [
        o for o in buyer_organisations(user=request.user) if can_edit_organisation(request.user, o.pk)
    ]
    if request.method == "POST":
        try:
            organisation = next(
                (o for o in organisations if str(o.pk) == request.POST.get("organisation")), None
            )
            questionnaire = (
                selectors.questionnaire_list().filter(pk=request.POST.get("questionnaire") or 0).first()
            )
            relationship = (
                selectors.sendable_facilities(user=request.user, organisation=organisation)
                .filter(facility_id=request.POST.get("facility") or 0)
                .first()
                if organisation
                else None
            )
            if questionnaire is None or relationship is None:
                raise InvalidInput(_("Choose a questionnaire and one of your supplier facilities."))
            questionnaire_send(
                questionnaire=questionnaire,
                facility=relationship.facility,
                organisation=organisation,
                by=request.user,
                due_date=_date(request.POST.get("due_date", "")),
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Questionnaire sent."))
        return redirect("duediligence:questionnaires")
    return render(
        request,
        "duediligence/questionnaires.html",
        {
            "requests": selectors.request_list(user=request.user)[:200],
            "questionnaires": selectors.questionnaire_list(),
            "organisations": organisations,
            "facilities": {
                o.pk: selectors.sendable_facilities(user=request.user, organisation=o) for o in organisations
            },
        },
    )


@login_required
def questionnaire_answer(request: HttpRequest, request_id: int) -> HttpResponse:
    saq = or_404(selectors.request_get, user=request.user, request_id=request_id)
    if request.method == "POST":
        action = request.POST.get("action", "save")
        try:
            if action == "open_action":
                item = action_from_gap(
                    request=saq,
                    question_code=request.POST.get("question", ""),
                    by=request.user,
                    owner=request.POST.get("owner", "") or _("supplier management"),
                    deadline=_date(request.POST.get("deadline", ""))
                    or (timezone.localdate() + datetime.timedelta(days=60)),
                )
                messages.success(
                    request, _("Corrective action opened (deadline %(d)s).") % {"d": item.deadline}
                )
            elif action == "share":
                questionnaire_share(request=saq, by=request.user)
                messages.success(request, _("Your submitted answers are now shared with this requester."))
            else:
                questions = list(saq.questionnaire.questions.all())
                answers_save(
                    request=saq,
                    by=request.user,
                    language=translation.get_language() or "en",
                    values={q.code: request.POST.get(f"value-{q.code}", "") for q in questions},
                    comments={
                        q.code: request.POST[f"comment-{q.code}"]
                        for q in questions
                        if f"comment-{q.code}" in request.POST
                    },
                    files={
                        q.code: upload
                        for q in questions
                        if (upload := request.FILES.get(f"evidence-{q.code}")) is not None
                    },
                    submit=action == "submit",
                )
                messages.success(
                    request, _("Submitted and shared.") if action == "submit" else _("Draft saved.")
                )
        except DomainError as exc:
            messages.error(request, exc.message)
        return redirect("duediligence:questionnaire_answer", request_id=saq.pk)
    answers = selectors.request_answers(user=request.user, request=saq)
    is_supplier = bool(
        saq.facility.claimed_by_id and can_edit_organisation(request.user, saq.facility.claimed_by_id)
    )
    rows = [(q, answers.get(q.pk)) for q in saq.questionnaire.questions.all()]
    return render(
        request,
        "duediligence/questionnaire_answer.html",
        {
            "saq": saq,
            "rows": rows,
            "is_supplier": is_supplier,
            "is_requester": bool(
                saq.requested_by_id and can_edit_organisation(request.user, saq.requested_by_id)
            ),
            "already_submitted": any(a is not None and a.submitted for a in answers.values()),
        },
    )


@login_required
def actions(request: HttpRequest) -> HttpResponse:
    organisations = [
        o for o in buyer_organisations(user=request.user) if can_edit_organisation(request.user, o.pk)
    ]
    if request.method == "POST":
        try:
            organisation = next(
                (o for o in organisations if str(o.pk) == request.POST.get("organisation")), None
            )
            relationship = (
                selectors.sendable_facilities(user=request.user, organisation=organisation)
                .filter(facility_id=request.POST.get("facility") or 0)
                .first()
                if organisation
                else None
            )
            deadline = _date(request.POST.get("deadline", ""))
            if organisation is None or relationship is None or deadline is None:
                raise InvalidInput(_("Choose one of your supplier facilities and a deadline."))
            services.action_item_create(
                organisation=organisation,
                facility=relationship.facility,
                source=request.POST.get("source", ""),
                issue=request.POST.get("issue", ""),
                description=request.POST.get("description", ""),
                owner=request.POST.get("owner", ""),
                deadline=deadline,
                by=request.user,
                source_ref=request.POST.get("source_ref", ""),
                buyer_commitment=request.POST.get("buyer_commitment", ""),
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Action opened."))
        return redirect("duediligence:actions")
    items = list(selectors.action_list(user=request.user)[:300])
    return render(
        request,
        "duediligence/actions.html",
        {
            "items": items,
            "organisations": organisations,
            "issues": [(c, str(label)) for c, label in ISSUE_LABELS.items()],
            "sources": ActionItem.Source.choices,
            "statuses": ActionItem.Status.choices,
            "facilities": {
                o.pk: selectors.sendable_facilities(user=request.user, organisation=o) for o in organisations
            },
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def action_update(request: HttpRequest, item_id: int) -> HttpResponse:
    item = or_404(selectors.action_get, user=request.user, item_id=item_id)
    try:
        services.action_item_update(
            item=item,
            by=request.user,
            status=request.POST.get("status") or None,
            evidence_note=request.POST.get("evidence_note") if "evidence_note" in request.POST else None,
            buyer_commitment=request.POST.get("buyer_commitment")
            if "buyer_commitment" in request.POST
            else None,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Action updated."))
    return redirect("duediligence:actions")


@login_required
def tracking(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    data = selectors.tracking_indicators(user=request.user, organisation=organisation)
    scores = data.pop("scores")
    return render(
        request,
        "duediligence/tracking.html",
        {"organisation": organisation, "charts": data, "scores": scores},
    )


@login_required
@require_POST
def audit_add(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = or_404(selectors.register_entry_get, user=request.user, entry_id=entry_id)
    findings = [
        {
            "issue": request.POST.get(f"issue-{n}", ""),
            "severity": request.POST.get(f"severity-{n}", ""),
            "text": request.POST.get(f"text-{n}", ""),
        }
        for n in range(1, 4)
        if request.POST.get(f"issue-{n}")
    ]
    try:
        audit_date = _date(request.POST.get("audit_date", ""))
        if audit_date is None:
            raise InvalidInput(_("Give the audit date."))
        services.audit_report_add(
            organisation=entry.organisation,
            facility=entry.facility,
            by=request.user,
            auditor=request.POST.get("auditor", ""),
            audit_date=audit_date,
            scheme=request.POST.get("scheme", ""),
            file=request.FILES.get("file"),
            findings=findings,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Audit report added; the register counts it at its next refresh."))
    return redirect("duediligence:register_entry", entry_id=entry.pk)
