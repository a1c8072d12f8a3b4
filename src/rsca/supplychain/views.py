"""Pages: supplier list, facility search and profile, graph, map, list upload → preview → commit, reviews."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rsca.core.errors import DomainError, Forbidden, InvalidInput
from rsca.core.exports import XLSX_CONTENT_TYPE, csv_response, xlsx_response
from rsca.core.models import Division, Sector
from rsca.core.scoping import can_edit_organisation, is_platform_staff
from rsca.core.views import or_404
from rsca.supplychain import selectors, services
from rsca.supplychain.exports import (
    OSH_COLUMNS,
    RELATIONSHIP_COLUMNS,
    facility_rows,
    osh_upload_file,
    relationship_rows,
)
from rsca.supplychain.forms import FacilityEditForm, FacilityListUploadForm, FacilityMergeForm
from rsca.supplychain.models import FacilityListRow

EXPORT_LIMIT = 100_000


def _tier(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and 1 <= int(value) <= 9 else None


def _supplier_context(request: HttpRequest) -> dict[str, Any]:
    organisation = or_404(
        selectors.organisation_for_user, user=request.user, slug=request.GET.get("org") or None
    )
    filters = selectors.SupplierFilters(
        country=(request.GET.get("country") or "")[:2],
        province=(request.GET.get("province") or "")[:6],
        sector=(request.GET.get("sector") or "")[:4],
        tier=_tier(request.GET.get("tier")),
        query=(request.GET.get("q") or "").strip()[:100],
        risk=_risk(request.GET.get("risk")),
    )
    return {
        "organisation": organisation,
        "filters": filters,
        "organisations": selectors.buyer_organisations(user=request.user),
        "high_share": int(selectors.HIGH_SHARE * 100),
        "risk_choices": [
            ("high", _("high")),
            ("medium", _("medium")),
            ("low", _("low")),
            ("unknown", _("unknown")),
        ],
    }


def _risk(value: str | None) -> str:
    return value if value in selectors.RISK_LEVELS else ""


@login_required
def supplier_list(request: HttpRequest) -> HttpResponse:
    context = _supplier_context(request)
    organisation = context["organisation"]
    if organisation is not None:
        relationships = selectors.supplier_list(
            user=request.user, organisation=organisation, filters=context["filters"]
        )
        context["page"] = page = Paginator(relationships, 50).get_page(request.GET.get("page"))
        risks = selectors.facility_risks(
            user=request.user, facility_ids=[r.facility_id for r in page], organisation=organisation
        )
        for relationship in page:
            relationship.risk = risks.get(relationship.facility_id, selectors.FacilityRisk())  # type: ignore[attr-defined]
        context["choices"] = selectors.supplier_filter_choices(user=request.user, organisation=organisation)
        context["review_count"] = selectors.review_queue(user=request.user, organisation=organisation).count()
        context["can_edit"] = can_edit_organisation(request.user, organisation.pk)
    return render(request, "supplychain/supplier_list.html", context)


@login_required
def supplier_export(request: HttpRequest, fmt: str) -> HttpResponse:
    context = _supplier_context(request)
    organisation = context["organisation"]
    if organisation is None:
        raise Http404
    relationships = selectors.supplier_list(
        user=request.user, organisation=organisation, filters=context["filters"]
    )[:EXPORT_LIMIT]
    filename = f"suppliers-{organisation.slug}"
    if fmt in ("osh-csv", "osh-xlsx"):  # Open Supply Hub's upload columns, ready to contribute the list
        facilities = [r.facility for r in relationships.prefetch_related("facility__sectors")]
        xlsx = fmt == "osh-xlsx"
        response = HttpResponse(
            osh_upload_file(facilities, fmt=fmt),
            content_type=XLSX_CONTENT_TYPE if xlsx else "text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}-osh.{"xlsx" if xlsx else "csv"}"'
        return response
    headers = [*OSH_COLUMNS, *RELATIONSHIP_COLUMNS]
    if fmt == "xlsx":
        return xlsx_response({"facilities": (headers, relationship_rows(relationships))}, f"{filename}.xlsx")
    return csv_response(headers, relationship_rows(relationships), f"{filename}.csv")


def _facility_filters(request: HttpRequest) -> selectors.FacilityFilters:
    return selectors.FacilityFilters(
        query=(request.GET.get("q") or "").strip()[:100],
        country=(request.GET.get("country") or "")[:2],
        province=(request.GET.get("province") or "")[:6],
        sector=(request.GET.get("sector") or "")[:4],
    )


def facility_search(request: HttpRequest) -> HttpResponse:
    filters = _facility_filters(request)
    searched = bool(filters.query or filters.country or filters.province or filters.sector)
    facilities = selectors.facility_search(user=request.user, filters=filters)
    page = Paginator(facilities, 50).get_page(request.GET.get("page")) if searched else None
    template = "supplychain/_facility_results.html" if request.htmx else "supplychain/facility_search.html"  # type: ignore[attr-defined]
    return render(
        request,
        template,
        {
            "filters": filters,
            "page": page,
            "searched": searched,
            "provinces": Division.objects.filter(level=Division.Level.PROVINCE).order_by("code"),
            "sectors": Sector.objects.exclude(parent__isnull=True),
        },
    )


def facility_export(request: HttpRequest, fmt: str) -> HttpResponse:
    facilities = selectors.facility_search(
        user=request.user, filters=_facility_filters(request)
    ).prefetch_related("sectors")[:EXPORT_LIMIT]
    if fmt == "xlsx":
        return xlsx_response({"facilities": (OSH_COLUMNS, facility_rows(facilities))}, "facilities.xlsx")
    return csv_response(OSH_COLUMNS, facility_rows(facilities), "facilities.csv")


def facility_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    facility = or_404(selectors.facility_get, user=request.user, public_id=public_id)
    if facility.merged_into is not None:
        messages.info(
            request, _("This facility was merged into %(id)s.") % {"id": facility.merged_into.public_id}
        )
        return redirect("supplychain:facility_detail", public_id=facility.merged_into.public_id)
    relationships = list(selectors.facility_relationships(user=request.user, facility=facility))
    for relationship in relationships:
        relationship.show_private = selectors.sees_buyer_only_fields(  # type: ignore[attr-defined]
            user=request.user, relationship=relationship
        )
    risk = (
        selectors.facility_risk(user=request.user, facility=facility)
        if request.user.is_authenticated
        else None
    )
    return render(
        request,
        "supplychain/facility_detail.html",
        {
            "facility": facility,
            "relationships": relationships,
            "risk": risk,
            "risk_codes": selectors.risk_code_labels(risk) if risk else [],
            "high_share": int(selectors.HIGH_SHARE * 100),
            "history": selectors.facility_history(facility=facility)[:20],
            "contributions": selectors.facility_contributions(user=request.user, facility=facility),
            "merges": selectors.facility_merges(facility=facility),
            "can_edit": selectors.can_edit_facility(user=request.user, facility=facility),
            "merge_form": FacilityMergeForm() if is_platform_staff(request.user) else None,
        },
    )


@login_required
def facility_edit(request: HttpRequest, public_id: str) -> HttpResponse:
    facility = or_404(selectors.facility_get, user=request.user, public_id=public_id)
    if not selectors.can_edit_facility(user=request.user, facility=facility):
        raise PermissionDenied
    form = FacilityEditForm(request.POST or None, instance=facility)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in FacilityEditForm.Meta.fields}
        try:
            services.facility_update(
                facility=facility,
                by=request.user,
                data=data,
                sector_codes=[s.code for s in form.cleaned_data["sectors"]],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The facility profile was saved."))
            return redirect("supplychain:facility_detail", public_id=facility.public_id)
    return render(request, "supplychain/facility_edit.html", {"facility": facility, "form": form})


@login_required
@require_POST
def facility_merge(request: HttpRequest, public_id: str) -> HttpResponse:
    if not is_platform_staff(request.user):
        raise PermissionDenied
    kept = or_404(selectors.facility_get, user=request.user, public_id=public_id)
    form = FacilityMergeForm(request.POST)
    if form.is_valid():
        try:
            other = selectors.facility_get(user=request.user, public_id=form.cleaned_data["other"])
            services.facility_merge(
                kept=kept, merged=other, by=request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("%(merged)s was merged into this facility.") % {"merged": other.public_id}
            )
    return redirect("supplychain:facility_detail", public_id=kept.public_id)


@login_required
def supply_chain_graph(request: HttpRequest) -> HttpResponse:
    context = _supplier_context(request)
    if context["organisation"] is not None:
        context["graph"] = selectors.supply_chain_graph(
            user=request.user, organisation=context["organisation"]
        )
    return render(request, "supplychain/graph.html", context)


@login_required
def supply_chain_map(request: HttpRequest) -> HttpResponse:
    context = _supplier_context(request)
    if context["organisation"] is not None:
        context["map"] = selectors.supply_chain_map(user=request.user, organisation=context["organisation"])
    return render(request, "supplychain/map.html", context)


def _upload_organisations(request: HttpRequest) -> Any:
    organisations = selectors.buyer_organisations(user=request.user)
    if is_platform_staff(request.user):
        return organisations
    return organisations.filter(
        pk__in=[o.pk for o in organisations if can_edit_organisation(request.user, o.pk)]
    )


@login_required
def upload_list(request: HttpRequest) -> HttpResponse:
    organisations = _upload_organisations(request)
    form = FacilityListUploadForm(request.POST or None, request.FILES or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        try:
            if services.runs_in_background(size=upload_file.size):
                queued = services.facility_list_upload_queue(
                    organisation=form.cleaned_data["organisation"],
                    upload_file=upload_file,
                    filename=upload_file.name,
                    by=request.user,
                    tier=form.cleaned_data["tier"],
                )
                return redirect("core:task_progress", progress_id=queued.progress_id)
            report = services.facility_list_import(
                organisation=form.cleaned_data["organisation"],
                source=upload_file,
                filename=upload_file.name,
                by=request.user,
                tier=form.cleaned_data["tier"],
            )
        except DomainError as error:
            form.add_error("file", error.message)
            details = error.details if isinstance(error.details, list) else []
            return render(
                request,
                "supplychain/upload_list.html",
                {
                    "form": form,
                    "uploads": selectors.upload_list(user=request.user)[:50],
                    "file_errors": details,
                },
                status=422 if isinstance(error, InvalidInput) else 400,
            )
        return redirect("supplychain:upload_detail", upload_id=report.upload_id)
    return render(
        request,
        "supplychain/upload_list.html",
        {"form": form, "uploads": selectors.upload_list(user=request.user)[:50]},
    )


@login_required
def upload_detail(request: HttpRequest, upload_id: int) -> HttpResponse:
    upload = or_404(selectors.upload_get, user=request.user, upload_id=upload_id)
    status = request.GET.get("status") or None
    if status not in (None, *FacilityListRow.Status.values):
        status = None
    rows = selectors.upload_rows(user=request.user, upload=upload, status=status)
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "supplychain/upload_detail.html",
        {
            "upload": upload,
            "page": page,
            "status": status,
            "statuses": FacilityListRow.Status.choices,
            "can_edit": can_edit_organisation(request.user, upload.organisation_id),
        },
    )


@login_required
@require_POST
def upload_commit(request: HttpRequest, upload_id: int) -> HttpResponse:
    upload = or_404(selectors.upload_get, user=request.user, upload_id=upload_id)
    skip_invalid = request.POST.get("skip_invalid") == "1"  # "Import the valid rows"
    if services.runs_in_background(rows=upload.row_count):
        try:
            progress = services.facility_list_commit_queue(
                upload=upload, by=request.user, skip_invalid=skip_invalid
            )
        except Forbidden:
            raise PermissionDenied
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("supplychain:upload_detail", upload_id=upload_id)
        target = reverse("core:task_progress", kwargs={"progress_id": progress.pk})
        if request.htmx:  # type: ignore[attr-defined]
            response = HttpResponse(status=204)
            response["HX-Redirect"] = target
            return response
        return redirect(target)
    try:
        created = services.facility_list_commit(upload=upload, by=request.user, skip_invalid=skip_invalid)
    except Forbidden:
        raise PermissionDenied
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The list was imported: %(count)s new facilities were added.") % {"count": len(created)},
        )
        if skip_invalid and upload.totals.get("error"):
            messages.warning(
                request,
                _("%(count)s row(s) with errors were skipped; download them to correct them.")
                % {"count": upload.totals["error"]},
            )
    if request.htmx:  # type: ignore[attr-defined]
        response = HttpResponse(status=204)
        response["HX-Redirect"] = reverse("supplychain:upload_detail", kwargs={"upload_id": upload_id})
        return response
    return redirect("supplychain:upload_detail", upload_id=upload_id)


@login_required
@require_POST
def upload_discard(request: HttpRequest, upload_id: int) -> HttpResponse:
    upload = or_404(selectors.upload_get, user=request.user, upload_id=upload_id)
    try:
        services.facility_list_discard(upload=upload, by=request.user)
    except Forbidden:
        raise PermissionDenied
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("supplychain:upload_detail", upload_id=upload_id)
    messages.success(request, _("The list was discarded; nothing was imported."))
    return redirect("supplychain:upload_list")


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    rows = selectors.review_queue(user=request.user)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "supplychain/review_queue.html", {"page": page})


@login_required
@require_POST
def row_decide(request: HttpRequest, row_id: int) -> HttpResponse:
    row = or_404(selectors.row_get, user=request.user, row_id=row_id)
    error_message = None
    try:
        row = services.facility_list_row_decide(
            row=row,
            decision=request.POST.get("decision", ""),
            facility_public_id=request.POST.get("facility") or None,
            by=request.user,
        )
    except Forbidden:
        raise PermissionDenied
    except DomainError as error:
        error_message = error.message
    if request.htmx:  # type: ignore[attr-defined]
        row = selectors.row_get(user=request.user, row_id=row_id)
        return render(
            request,
            "supplychain/_review_row.html",
            {"row": row, "error": error_message, "can_edit": True},
            status=200 if error_message is None else 422,
        )
    if error_message:
        messages.error(request, error_message)
    else:
        messages.success(request, _("Decision saved."))
    next_url = str(request.POST.get("next") or "")
    if not (next_url.startswith("/") and "/supplychain/" in next_url and "//" not in next_url):
        next_url = reverse("supplychain:review_queue")
    return redirect(next_url)


@login_required
def upload_skipped(request: HttpRequest, upload_id: int) -> HttpResponse:
    """The rows of a list that have errors (skipped when the valid rows were imported), as CSV to correct."""
    upload = or_404(selectors.upload_get, user=request.user, upload_id=upload_id)
    response = HttpResponse(services.skipped_rows_csv(upload=upload), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="rows-with-errors-{upload.pk}.csv"'
    return response
