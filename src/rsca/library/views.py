"""Library pages: search with facets, a resource, and the editors' form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rsca.core.errors import DomainError
from rsca.core.scoping import can_edit_organisation, is_platform_staff
from rsca.core.views import or_404
from rsca.library import selectors, services
from rsca.library.forms import ResourceForm
from rsca.library.knowledge import knowledge_search
from rsca.library.models import Resource


def index(request: HttpRequest) -> HttpResponse:
    filters = selectors.Filters.from_params(request.GET)
    results = selectors.resource_search(user=request.user, filters=filters, page=request.GET.get("page"))
    context = {
        "results": results,
        "filters": filters,
        "kinds": Resource.Kind.choices,
        "can_add": is_platform_staff(request.user),
        "sample_size": selectors.FACET_SAMPLE,
        "knowledge": knowledge_search(user=request.user, query=filters.query)
        if filters.query and results.page.number == 1
        else [],
    }
    template = "library/_results.html" if request.htmx else "library/index.html"  # type: ignore[attr-defined]
    return render(request, template, context)


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    resource = or_404(selectors.resource_get, user=request.user, slug=slug)
    can_edit = is_platform_staff(request.user) or (
        resource.owner_id is not None and can_edit_organisation(request.user, resource.owner_id)
    )
    return render(request, "library/detail.html", {"resource": resource, "can_edit": can_edit})


def _form_initial(resource: Resource) -> dict[str, object]:
    return {
        "kind": resource.kind,
        "title_en": resource.title_en,
        "title_zh": resource.title_zh,
        "summary_en": resource.summary_en,
        "summary_zh": resource.summary_zh,
        "body_en": resource.body_en,
        "body_zh": resource.body_zh,
        "date": resource.date,
        "url": resource.url,
        "topics": resource.topics.all(),
        "sectors": resource.sectors.all(),
        "countries": resource.countries.all(),
        "is_public": resource.is_public,
    }


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    resource = None
    if slug is not None:
        resource = or_404(selectors.resource_get, user=request.user, slug=slug)
    elif not is_platform_staff(request.user):
        raise Http404
    form = ResourceForm(
        request.POST or None, request.FILES or None, initial=_form_initial(resource) if resource else None
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.resource_save(
                kind=data["kind"],
                title_en=data["title_en"],
                title_zh=data["title_zh"],
                summary_en=data["summary_en"],
                summary_zh=data["summary_zh"],
                body_en=data["body_en"],
                body_zh=data["body_zh"],
                date=data["date"],
                url=data["url"],
                topics=data["topics"],
                sector_codes=[s.pk for s in data["sectors"]],
                country_codes=[c.pk for c in data["countries"]],
                owner_id=resource.owner_id if resource else None,
                is_public=data["is_public"],
                upload=data.get("file"),
                source=resource.source if resource else "",
                resource=resource,
                by=request.user,
            )
        except DomainError as error:
            if error.status == 403:
                raise Http404
            for detail in error.details or [{"column": None, "message": error.message}]:
                column = detail.get("column")
                form.add_error(
                    column if column in form.fields else "file" if detail.get("file") else None,
                    detail["message"],
                )
        else:
            messages.success(request, _("The resource was saved."))
            return redirect(saved.get_absolute_url())
    return render(
        request, "library/edit.html", {"form": form, "resource": resource}, status=422 if form.errors else 200
    )


def count(request: HttpRequest) -> HttpResponse:
    """The exact number of matches, asked for by the results page when its total was capped."""
    filters = selectors.Filters.from_params(request.GET)
    total = selectors.resource_count(user=request.user, filters=filters)
    return render(request, "library/_total.html", {"total": total, "query": filters.query})


def upload_templates(request: HttpRequest) -> HttpResponse:
    """Every upload's blank templates (English and Chinese headers) and sample file, with each column explained."""
    from rsca.core.templates_files import upload_kinds

    return render(request, "library/upload_templates.html", {"kinds": upload_kinds().values()})


def upload_template_file(request: HttpRequest, name: str) -> HttpResponse:
    from rsca.core.templates_files import template_file

    found = template_file(name)
    if found is None:
        raise Http404
    content, content_type = found
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "public, max-age=3600"
    return response
