"""Pages of the standards knowledge base: browse and search, the policy-coherence map (with XLSX and PDF
exports), country profiles and the applicable-standard lookup. All public; thin over the selectors."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from rsca.core.errors import DomainError
from rsca.core.exports import xlsx_response
from rsca.core.pdf import pdf_response, render_pdf
from rsca.core.views import or_404
from rsca.standards import minimum_wages, selectors
from rsca.standards.forms import ApplicableForm, MinimumWageForm
from rsca.standards.models import Column
from rsca.standards.parameters import PARAMETERS
from rsca.standards.presenters import coherence_rows_for_export, wage_chart_data


def index(request: HttpRequest) -> HttpResponse:
    query = (request.GET.get("q") or "").strip()[:100]
    instruments = list(selectors.instrument_list())
    columns = [
        (str(value), str(label), [i for i in instruments if i.column == value])
        for value, label in Column.choices
    ]
    context: dict[str, Any] = {
        "query": query,
        "columns": [c for c in columns if c[2]],
        "topics": selectors.topic_list(),
        "countries": selectors.RSCA_COUNTRIES,
    }
    if query:
        context["results"] = list(selectors.provision_list(query=query)[:200])
    return render(request, "standards/index.html", context)


def instrument_detail(request: HttpRequest, code: str) -> HttpResponse:
    instrument = or_404(selectors.instrument_get, code=code)
    provisions = selectors.provision_list(instrument=instrument.code)
    thresholds = selectors.threshold_list().filter(instrument=instrument)
    return render(
        request,
        "standards/instrument_detail.html",
        {
            "instrument": instrument,
            "provisions": provisions,
            "thresholds": thresholds,
            "ratifications": instrument.ratifications.select_related("country").order_by("country_id")
            if instrument.kind == instrument.Kind.ILO_CONVENTION
            else [],
        },
    )


def topic_detail(request: HttpRequest, code: str) -> HttpResponse:
    topic = or_404(selectors.topic_get, code=code)
    provisions = list(selectors.provision_list(topic=topic.code))
    groups = [
        (str(label), [p for p in provisions if p.instrument.column == value])
        for value, label in Column.choices
    ]
    return render(
        request,
        "standards/topic_detail.html",
        {
            "topic": topic,
            "groups": [g for g in groups if g[1]],
            "count": len(provisions),
            "gaps": topic.gaps.all(),
        },
    )


def coherence_map(request: HttpRequest) -> HttpResponse:
    return render(request, "standards/coherence_map.html", {"map": selectors.coherence_map()})


def _export_name(extension: str) -> str:
    suffix = "zh" if (get_language() or "").startswith("zh") else "en"
    return f"rsca-policy-coherence-map-{suffix}.{extension}"


def coherence_map_xlsx(request: HttpRequest) -> HttpResponse:
    headers, rows, gap_headers, gap_rows = coherence_rows_for_export(selectors.coherence_map())
    return xlsx_response(
        {_("Coherence map")[:31]: (headers, rows), _("Gaps and differences")[:31]: (gap_headers, gap_rows)},
        _export_name("xlsx"),
    )


def coherence_map_pdf(request: HttpRequest) -> HttpResponse:
    content = render_pdf(
        "standards/coherence_map_pdf.html",
        {"map": selectors.coherence_map(), "generated": timezone.localdate()},
        request=request,
    )
    return pdf_response(content, _export_name("pdf"))


def country_list(request: HttpRequest) -> HttpResponse:
    profiles = []
    for iso in selectors.RSCA_COUNTRIES:
        place = selectors.jurisdiction_resolve(code=iso)
        rows = selectors.ratification_list(country=iso)
        profiles.append(
            {"jurisdiction": place, "ratified": sum(1 for r in rows if r.ratified), "total": len(rows)}
        )
    return render(request, "standards/country_list.html", {"profiles": profiles})


def _buyer_choice(request: HttpRequest) -> str | None:
    value = (request.GET.get("buyer") or "").strip().lower()
    return value if value in ("rba", "amfori") else None


def country_profile(request: HttpRequest, iso: str) -> HttpResponse:
    on = timezone.localdate()
    profile = or_404(selectors.country_profile, country=iso, on=on)
    buyer = _buyer_choice(request)
    if buyer:
        profile.key_thresholds = or_404(
            selectors.applicable_standard,
            jurisdiction=profile.jurisdiction.code,
            on=on,
            buyer_code=buyer,
            parameters=[r.parameter for r in profile.key_thresholds.rows] or None,
        )
    return render(
        request,
        "standards/country_profile.html",
        {
            "profile": profile,
            "on": on,
            "buyer": buyer,
            "parameters": PARAMETERS,
            "chart": wage_chart_data(profile.wage_series),
        },
    )


def applicable(request: HttpRequest) -> HttpResponse:
    form = ApplicableForm(request.GET or None)
    result = None
    error = None
    matches: list[minimum_wages.Place] = []
    if form.is_bound and form.is_valid():
        on: date = form.cleaned_data["on"]
        query = form.cleaned_data["jurisdiction"]
        code = minimum_wages.jurisdiction_for(query)  # a county or district reads its prefecture's rules
        if code is None:  # a name in English or Chinese
            matches = minimum_wages.place_search(query=query)
            if len(matches) == 1:
                code = minimum_wages.jurisdiction_for(matches[0].code)
        try:
            result = selectors.applicable_standard(
                jurisdiction=code or query, on=on, buyer_code=form.cleaned_data["buyer_code"] or None
            )
            matches = []
        except DomainError as exc:
            error = exc.message
    return render(
        request,
        "standards/applicable.html",
        {
            "form": form,
            "result": result,
            "error": error,
            "parameters": PARAMETERS,
            "matches": matches,
        },
    )


def minimum_wage(request: HttpRequest) -> HttpResponse:
    """A place's minimum wage on a date, by tier, with every value's notice and the history per tier; also
    the hours, premiums and ages that apply there (`selectors.applicable_standard`)."""
    form = MinimumWageForm(request.GET or None)
    page = None
    standard = None
    error = None
    if form.is_bound and form.is_valid():
        try:
            page = minimum_wages.minimum_wage_page(
                query=form.cleaned_data["place"], on=form.cleaned_data["on"]
            )
            if page.place is not None:
                place = minimum_wages.jurisdiction_for(page.place.code)
                if place is not None:
                    standard = selectors.applicable_standard(jurisdiction=place, on=form.cleaned_data["on"])
        except DomainError as exc:
            error = exc.message
    return render(
        request,
        "standards/minimum_wage.html",
        {
            "form": form,
            "page": page,
            "standard": standard,
            "error": error,
            "parameters": PARAMETERS,
            "chart": page.chart if page is not None else {},
        },
    )
