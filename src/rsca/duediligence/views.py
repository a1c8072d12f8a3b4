"""Pages of the due-diligence workspace: risk register (step 2), questionnaires, actions (3), tracking (4), report (5)."""

from __future__ import annotations

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

from rsca.core.exports import XLSX_CONTENT_TYPE
from rsca.core.pdf import pdf_response
from rsca.core.scoping import is_member, is_platform_staff
from rsca.core.views import or_404
from rsca.duediligence import selectors, services
from rsca.duediligence.method import frameworks, method_version, sector_risks, weights
from rsca.duediligence.reasons import ISSUE_LABELS, issue_label, reason_text
from rsca.duediligence.report import dd_report, dd_report_pdf, dd_report_xlsx
from rsca.supplychain.selectors import buyer_organisations


def _organisation(request: HttpRequest) -> Any:
    return or_404(selectors.register_organisation, user=request.user, slug=request.GET.get("org") or None)


def _filters(request: HttpRequest) -> selectors.RegisterFilters:
    tier = request.GET.get("tier", "")
    return selectors.RegisterFilters(tier=int(tier) if tier.isdigit() else None,
                                     country=request.GET.get("country", "")[:2],
                                     issue=request.GET.get("issue", "")[:64], level=request.GET.get("level", "")[:8])


@login_required
def register(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    entries = selectors.register_entries(user=request.user, organisation=organisation)
    if not entries.exists() and is_member(request.user, organisation.pk) and selectors.register_size(
            organisation=organisation):
        services.risk_register_compute(organisation=organisation)
    filters = _filters(request)
    page = Paginator(selectors.register_entries(user=request.user, organisation=organisation, filters=filters),
                     50).get_page(request.GET.get("page"))
    rows = [(entry, [i for i in entry.issues if i["level"] != "low"]) for entry in page.object_list]
    trend = list(selectors.register_trend(user=request.user, organisation=organisation))
    charts = {"chart-trend": {"labels": [s.taken_at.strftime("%Y-%m-%d %H:%M") for s in trend], "stack": True,
                              "kind": "bar", "series": [
        {"name": str(label), "values": [s.counts.get(level, 0) for s in trend]}
        for level, label in (("high", _("high")), ("medium", _("medium")), ("low", _("low")))]}}
    return render(request, "duediligence/register.html", {
        "organisation": organisation, "page": page, "rows": rows, "filters": filters,
        "organisations": buyer_organisations(user=request.user), "issues": [
            (code, str(label)) for code, label in ISSUE_LABELS.items()],
        "choices": selectors.register_filter_choices(user=request.user, organisation=organisation),
        "latest": trend[-1] if trend else None, "charts": charts, "version": method_version()})


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
    issues = [{**i, "label": issue_label(i["issue"]), "reasons": [
        reason_text(r) for r in entry.reasons if r.get("issue") == i["issue"]]} for i in entry.issues]
    return render(request, "duediligence/register_entry.html", {
        "entry": entry, "issues": issues, "general": [reason_text(r) for r in entry.reasons if not r.get("issue")],
        "suggestions": selectors.training_suggestions(issues=[i["issue"] for i in entry.issues if i["level"] != "low"],
                                                      user=request.user)})


def method(request: HttpRequest) -> HttpResponse:
    return render(request, "duediligence/method.html", {
        "weights": weights(), "sectors": sector_risks(), "frameworks": frameworks(), "version": method_version(),
        "issue_labels": {code: str(label) for code, label in ISSUE_LABELS.items()}})


def _year(request: HttpRequest) -> int:
    year = request.GET.get("year", "")
    return int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else timezone.localdate().year


@login_required
def report(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    data = dd_report(organisation=organisation, year=_year(request), language=translation.get_language() or "en")
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
