"""Public programme pages, the portfolio, the results framework and its reports and exports."""

from __future__ import annotations

import datetime
import json
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rsca.core.errors import DomainError, InvalidInput
from rsca.core.exports import XLSX_CONTENT_TYPE
from rsca.core.imports.pipeline import skipped_rows_csv
from rsca.core.imports.storage import upload_delete, upload_get, upload_store
from rsca.core.scoping import can_edit_organisation
from rsca.core.views import or_404
from rsca.programme import selectors, services
from rsca.programme.forms import PeriodForm, ReportPeriodForm, ValuesUploadForm
from rsca.programme.iati import activities_xml
from rsca.programme.models import Indicator, IndicatorPeriod, Project
from rsca.programme.reports import donor_report_file, donor_report_html

UPLOAD_EXTENSIONS = (".csv", ".xlsx")


def home(request: HttpRequest) -> HttpResponse:
    try:
        programme = selectors.programme_get(user=request.user)
    except DomainError:
        return render(request, "programme/home.html", {"programme": None})
    lead_partners = [
        p.organisation.acronym or p.organisation.display_name
        for p in programme.partners.all()
        if p.organisation is not None and p.group in ("initiator", "donor")
    ]
    return render(
        request,
        "programme/home.html",
        {
            "programme": programme,
            "lead_partners": lead_partners,
            "objectives": selectors.programme_objectives(user=request.user, programme=programme),
        },
    )


def about(request: HttpRequest) -> HttpResponse:
    programme = or_404(selectors.programme_get, user=request.user)
    return render(
        request,
        "programme/about.html",
        {
            "programme": programme,
            "objectives": selectors.programme_objectives(user=request.user, programme=programme),
        },
    )


def project_list(request: HttpRequest) -> HttpResponse:
    country = (request.GET.get("country") or "").strip()[:2] or None
    status = (request.GET.get("status") or "").strip()[:1] or None
    query = (request.GET.get("q") or "").strip()[:100] or None
    projects = selectors.project_list(user=request.user, country=country, status=status, query=query)
    page = Paginator(projects, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "programme/project_list.html",
        {
            "page": page,
            "statuses": Project.Status.choices,
            "country": country or "",
            "status": status or "",
            "query": query or "",
            "countries": sorted(
                {c for p in selectors.project_list(user=request.user) for c in p.countries.all()},
                key=lambda c: c.name,
            ),
        },
    )


def _project(request: HttpRequest, slug: str) -> Project:
    return or_404(selectors.project_get, user=request.user, slug=slug)


def project_detail(request: HttpRequest, slug: str) -> HttpResponse:
    project = _project(request, slug)
    return render(
        request,
        "programme/project_detail.html",
        {
            "project": project,
            "has_results": project.results.exists(),
            "can_edit": can_edit_organisation(request.user, project.owner_id),
        },
    )


JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_script_fast(value: Any, element_id: str) -> str:
    """Like `django.utils.html.json_script`, for plain JSON data (numbers, text, lists, dicts) only: the standard
    encoder, a third of the time on the dashboard's 6,000 periods."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script id="{}" type="application/json">{}</script>', element_id, mark_safe(text))  # noqa: S308


def project_results(request: HttpRequest, slug: str) -> HttpResponse:
    """The logframe and the dashboard. Their HTML is cached under the project's results version (any change to
    its results makes a new one), the language and the date filter; nothing in it depends on the user."""
    project = or_404(selectors.project_brief, user=request.user, slug=slug)
    services.indicator_actuals_refresh(project=project)
    form = ReportPeriodForm(request.GET or None)
    date_from = date_to = None
    if form.is_valid():
        date_from, date_to = form.cleaned_data.get("date_from"), form.cleaned_data.get("date_to")
    key = (
        f"programme:results-page:{project.pk}:{project.results_version}:{get_language()}:"
        f"{date_from or ''}:{date_to or ''}"
    )
    body = cache.get(key)
    if body is None:
        dashboard = selectors.results_dashboard(
            user=request.user, project=project, date_from=date_from, date_to=date_to
        )
        ids = [str(item["id"]) for item in dashboard["indicators"]]
        query = urlencode(
            {"v": project.results_version, "date_from": date_from or "", "date_to": date_to or ""}
        )
        first_screen = {  # the other charts' data is fetched as they come into view (dashboard.js)
            "url": f"{reverse('programme:results_charts', args=[project.slug])}?{query}",
            "ids": ids,
            **selectors.charts_of(dashboard["indicators"][:CHARTS_INLINE]),
        }
        body = render_to_string(
            "programme/_results_body.html",
            {
                "project": project,
                "framework": selectors.results_framework(
                    user=request.user, project=project, periods="summary"
                ),
                "dashboard": dashboard,
                "dashboard_json": json_script_fast(first_screen, "dashboard-data"),
                "chart_labels": {"target": _("Target"), "actual": _("Actual")},
            },
            request=request,
        )
        cache.set(key, body, selectors.DASHBOARD_CACHE_SECONDS)
    return render(
        request,
        "programme/results.html",
        {
            "project": project,
            "body": mark_safe(body),
            "form": form,  # noqa: S308 (our own rendered template)
            "can_edit": can_edit_organisation(request.user, project.owner_id),
        },
    )


CHARTS_INLINE = (
    4  # charts whose data the results page carries (the first screen); dashboard.js fetches the rest
)
CHARTS_PER_REQUEST = 50


def project_results_charts(request: HttpRequest, slug: str) -> JsonResponse:
    """`?ids=1,2,3[&date_from=&date_to=]`: the chart data of those indicators (`selectors.results_charts`), for the
    results page's charts as they scroll into view. The page's address carries the results version (`v`), so a
    browser may keep an answer: a change of the results gives the page a new address."""
    project = or_404(selectors.project_brief, user=request.user, slug=slug)
    form = ReportPeriodForm(request.GET)
    date_from = date_to = None
    if form.is_valid():
        date_from, date_to = form.cleaned_data.get("date_from"), form.cleaned_data.get("date_to")
    ids = [pk for pk in (request.GET.get("ids") or "").split(",") if pk.isdigit()][:CHARTS_PER_REQUEST]
    charts = selectors.results_charts(
        user=request.user, project=project, date_from=date_from, date_to=date_to
    )
    response = JsonResponse(
        selectors.results_charts_of(charts, ids), json_dumps_params={"separators": (",", ":")}
    )
    if request.GET.get("v") == project.results_version:
        response["Cache-Control"] = "private, max-age=3600"
    else:
        response["Cache-Control"] = "private, no-cache"
    return response


def _indicator(request: HttpRequest, pk: int) -> Indicator:
    return or_404(selectors.indicator_get, user=request.user, pk=pk)


@require_http_methods(["GET", "POST"])
def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = _indicator(request, pk)
    project = indicator.node.project
    can_edit = can_edit_organisation(request.user, project.owner_id)
    raw_period = (request.POST.get("period") or request.GET.get("period") or "").strip()
    period: IndicatorPeriod | None = (
        indicator.periods.filter(pk=int(raw_period)).first() if raw_period.isdigit() else None
    )
    initial: dict[str, Any] = {}
    if period is not None:
        initial = {
            "start": period.start,
            "end": period.end,
            "target": period.target or "",
            "actual": period.actual if period.actual is not None else "",
            "evidence_en": period.evidence_en,
            "evidence_zh": period.evidence_zh,
            "evidence_url": period.evidence_url,
            "comment_en": period.comment_en,
            "comment_zh": period.comment_zh,
        }
    form = PeriodForm(request.POST or None, initial=initial)
    problems: list[dict[str, Any]] = []
    if request.method == "POST":
        if not can_edit:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.indicator_period_save(
                    indicator=indicator,
                    start=data["start"],
                    end=data["end"],
                    target=data["target"],
                    actual=data["actual"],
                    evidence_en=data["evidence_en"],
                    evidence_zh=data["evidence_zh"],
                    evidence_url=data["evidence_url"],
                    comment_en=data["comment_en"],
                    comment_zh=data["comment_zh"],
                    period=period,
                    by=request.user,
                )
            except InvalidInput as error:
                problems = list(error.details or [])
                for problem in problems:
                    column = str(problem.get("column") or "").split(":")[0]
                    form.add_error(column if column in form.fields else None, problem["message"])
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The period was saved."))
                return redirect("programme:indicator", pk=indicator.pk)
    return render(
        request,
        "programme/indicator.html",
        {
            "indicator": indicator,
            "project": project,
            "form": form,
            "can_edit": can_edit,
            "period": period,
        },
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def values_import(request: HttpRequest, slug: str) -> HttpResponse:
    """Upload → preview → save every period, or only the valid ones; the invalid rows download as CSV."""
    project = _project(request, slug)
    if not can_edit_organisation(request.user, project.owner_id):
        raise Http404
    form = ValuesUploadForm()
    preview = None
    token = request.POST.get("token") or request.GET.get("skipped") or ""
    error: DomainError | None = None
    if token:
        try:
            upload = upload_get(
                upload_id=token,
                importer=services.INDICATOR_VALUES.key,
                owner=request.user,
                target=project.slug,
            )
        except DomainError as problem:
            messages.error(request, problem.message)
            return redirect("programme:values_import", slug=project.slug)
        try:
            with upload.as_source() as source:
                if request.method != "POST":
                    preview = services.indicator_values_preview(
                        project=project, source=source, filename=upload.filename, by=request.user
                    )
                    assert preview.result is not None
                    response = HttpResponse(
                        skipped_rows_csv(preview.result), content_type="text/csv; charset=utf-8"
                    )
                    response["Content-Disposition"] = (
                        f'attachment; filename="skipped-rows-{project.slug}.csv"'
                    )
                    return response
                count = services.indicator_values_import(
                    project=project,
                    source=source,
                    filename=upload.filename,
                    by=request.user,
                    skip_invalid=request.POST.get("skip_invalid") == "1",
                )
        except DomainError as problem:
            error = problem
        else:
            upload_delete(upload)
            messages.success(request, _("%(n)s indicator periods were saved.") % {"n": count})
            return redirect("programme:results", slug=project.slug)
    elif request.method == "POST":
        form = ValuesUploadForm(request.POST, request.FILES)
        if form.is_valid():
            file = form.cleaned_data["file"]
            try:
                if not file.name.lower().endswith(UPLOAD_EXTENSIONS):
                    raise InvalidInput(
                        _("%(file)s: upload a .csv or .xlsx file.") % {"file": file.name},
                        details=[
                            {
                                "file": file.name,
                                "row": None,
                                "column": None,
                                "message": _("Only CSV and XLSX files are accepted."),
                            }
                        ],
                    )
                upload = upload_store(
                    importer=services.INDICATOR_VALUES.key,
                    file=file,
                    filename=file.name,
                    owner=request.user,
                    target=project.slug,
                )
                with upload.as_source() as source:
                    preview = services.indicator_values_preview(
                        project=project, source=source, filename=file.name, by=request.user
                    )
                token = str(upload.pk)
            except DomainError as problem:
                error = problem
    return render(
        request,
        "programme/values_import.html",
        {
            "project": project,
            "form": form,
            "preview": preview,
            "token": token,
            "error": error,
        },
        status=error.status if error else 422 if preview and not preview.ok else 200,
    )


def _report_window(request: HttpRequest, project: Project) -> tuple[datetime.date, datetime.date, str]:
    year = (request.GET.get("year") or "").strip()
    if year.isdigit() and 1990 <= int(year) <= 2100:
        return datetime.date(int(year), 1, 1), datetime.date(int(year), 12, 31), year
    form = ReportPeriodForm(request.GET or None)
    if form.is_valid() and form.cleaned_data.get("date_from") and form.cleaned_data.get("date_to"):
        start, end = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
        return start, end, f"{start}_{end}"
    start = project.planned_start or datetime.date(2000, 1, 1)
    end = project.planned_end or datetime.date.today()
    return start, end, "all"


REPORT_FILES = {"pdf": "application/pdf", "xlsx": XLSX_CONTENT_TYPE}


def project_report(request: HttpRequest, slug: str, fmt: str = "html") -> HttpResponse:
    """The donor report; its body and files are cached per results version, language, window and viewer scope
    (`reports.py`), after the refresh of computed actuals (which gives a new version when a figure changed)."""
    project = _project(request, slug)
    services.indicator_actuals_refresh(project=project)
    start, end, label = _report_window(request, project)
    if fmt in REPORT_FILES:
        response = HttpResponse(
            donor_report_file(
                fmt=fmt, user=request.user, project=project, start=start, end=end, request=request
            ),
            content_type=REPORT_FILES[fmt],
        )
        response["Content-Disposition"] = f'attachment; filename="{project.slug}-report-{label}.{fmt}"'
        return response
    body = donor_report_html(user=request.user, project=project, start=start, end=end, request=request)
    return render(
        request,
        "programme/report.html",
        {
            "body": mark_safe(body),  # noqa: S308 (our own rendered template)
            "project": project,
            "years": selectors.report_years(project),
            "query": request.GET.urlencode(),
            "form": ReportPeriodForm(request.GET or None),
        },
    )


def _iati_response(request: HttpRequest, *, slug: str | None) -> HttpResponse:
    try:
        projects = selectors.projects_for_export(user=request.user, slug=slug)
        for project in projects:
            services.indicator_actuals_refresh(project=project)
        document = activities_xml(projects)
    except InvalidInput as error:
        return render(request, "programme/iati_error.html", {"error": error}, status=422)
    except DomainError:
        raise Http404
    response = HttpResponse(document, content_type="application/xml; charset=utf-8")
    name = f"iati-{slug}.xml" if slug else "iati-activities.xml"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def project_iati(request: HttpRequest, slug: str) -> HttpResponse:
    return _iati_response(request, slug=slug)


def portfolio_iati(request: HttpRequest) -> HttpResponse:
    return _iati_response(request, slug=None)


def sitemap_index(request: HttpRequest) -> HttpResponse:
    """The site's sitemap index: the programme pages and every app sitemap that exists (the library's)."""
    from django.contrib.sitemaps.views import SitemapIndexItem
    from django.urls import NoReverseMatch

    locations = [reverse("programme:sitemap")]
    for name in ("library:sitemap",):
        try:
            locations.append(reverse(name))
        except NoReverseMatch:
            continue
    items = [SitemapIndexItem(request.build_absolute_uri(location)) for location in locations]
    return render(request, "sitemap_index.xml", {"sitemaps": items}, content_type="application/xml")


def results_home(request: HttpRequest) -> HttpResponse:
    """The programme's own results page: the country project's logframe."""
    programme = or_404(selectors.programme_get, user=request.user)
    if programme.country_project is None:
        raise Http404
    return redirect(reverse("programme:results", kwargs={"slug": programme.country_project.slug}))
