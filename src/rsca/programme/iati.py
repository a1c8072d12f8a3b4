"""IATI 2.03 activity XML for the portfolio, results included, validated before it leaves the platform.

The official schema (iati-activities-schema.xsd 2.03 with iati-common.xsd and xml.xsd, from the IATI
Standard, https://iatistandard.org/en/iati-standard/203/) is bundled in `data/iati-2.03/`. Every
document is validated against it; an invalid one is refused with the schema's messages, never
written or downloaded.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache
from importlib.resources import files
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from rsca.core.errors import InvalidInput
from rsca.programme.models import DAC_SECTORS, Indicator, IndicatorPeriod, Participation, Project, ResultNode

IATI_VERSION = "2.03"
SCHEMA_DIR = files("rsca.programme") / "data" / "iati-2.03"
# IATI OrganisationType codes for the platform's organisation types.
ORGANISATION_TYPE = {
    "government": "10", "employers_organisation": "22", "workers_organisation": "22", "enterprise": "70",
    "academia": "80", "civil_society": "22", "international_organisation": "40", "donor": "15",
}
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_SDG_TARGET = re.compile(r"^(1[0-7]|[1-9])\.([1-9][0-9]?|[a-c])$")
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@lru_cache(maxsize=1)
def schema() -> etree.XMLSchema:
    path = SCHEMA_DIR / "iati-activities-schema.xsd"
    return etree.XMLSchema(etree.parse(str(path)))


def validate(document: bytes) -> list[str]:
    """Schema errors of an IATI activities document (empty when valid)."""
    xsd = schema()
    try:
        tree = etree.fromstring(document)
    except etree.XMLSyntaxError as error:
        return [str(error)]
    if xsd.validate(tree):
        return []
    return [f"line {e.line}: {e.message}" for e in xsd.error_log]


class _Builder:
    def __init__(self) -> None:
        self.problems: list[dict[str, Any]] = []

    def problem(self, where: str, message: str) -> None:
        self.problems.append({"file": "", "row": None, "column": where, "message": message})

    def text(self, value: str, *, where: str) -> str:
        if _XML_INVALID.search(value or ""):
            self.problems.append({"file": "", "row": None, "column": where,
                                  "message": _("%(where)s contains characters XML cannot carry.") % {"where": where}})
            return _XML_INVALID.sub("", value)
        return value

    def narratives(self, parent: etree._Element, en: str, zh: str, *, where: str) -> None:
        if en:
            etree.SubElement(parent, "narrative").text = self.text(en, where=where)
        if zh:
            etree.SubElement(parent, "narrative", {"{http://www.w3.org/XML/1998/namespace}lang": "zh"}).text = (
                self.text(zh, where=where))
        if not en and not zh:
            self.problems.append({"file": "", "row": None, "column": where,
                                  "message": _("%(where)s has no text in any language.") % {"where": where}})


def _value(parent: etree._Element, tag: str, amount: Decimal, currency: str, value_date: datetime.date) -> None:
    element = etree.SubElement(parent, tag, {"currency": currency, "value-date": value_date.isoformat()})
    element.text = f"{amount:.2f}"


def _number(value: Decimal) -> str:
    normalised = value.normalize()
    return f"{normalised:f}"


def _dimensions(parent: etree._Element, period: IndicatorPeriod, kind: str) -> None:
    for d in period.disaggregations.all():
        if d.kind == kind:
            etree.SubElement(parent, "dimension", {"name": d.get_dimension_display(), "value": d.value_label})


def _period(builder: _Builder, indicator_el: etree._Element, period: IndicatorPeriod) -> None:
    el = etree.SubElement(indicator_el, "period")
    etree.SubElement(el, "period-start", {"iso-date": period.start.isoformat()})
    etree.SubElement(el, "period-end", {"iso-date": period.end.isoformat()})
    if period.target is not None:
        target = etree.SubElement(el, "target", {"value": _number(period.target)})
        _dimensions(target, period, "target")
    if period.actual is not None:
        actual = etree.SubElement(el, "actual", {"value": _number(period.actual)})
        _dimensions(actual, period, "actual")
        evidence_en = period.evidence_en.strip()
        if evidence_en or period.evidence_zh.strip():
            comment = etree.SubElement(actual, "comment")
            builder.narratives(comment, evidence_en, period.evidence_zh.strip(),
                               where=f"{period.indicator.code} {period.start} evidence")
        if period.evidence_url:
            link = etree.SubElement(actual, "document-link", {"url": period.evidence_url, "format": "text/html"})
            title = etree.SubElement(link, "title")
            builder.narratives(title, "Evidence", "证据", where="evidence link")
            etree.SubElement(link, "category", {"code": "A08"})


def _result(builder: _Builder, activity: etree._Element, node: ResultNode, indicators: list[Indicator]) -> None:
    result = etree.SubElement(activity, "result", {"type": ResultNode.IATI_RESULT_TYPE[node.level],
                                                   "aggregation-status": "0"})
    builder.narratives(etree.SubElement(result, "title"), f"{node.code} {node.title_en}",
                       f"{node.code} {node.title_zh}" if node.title_zh else "", where=f"result {node.code} title")
    for indicator in indicators:
        attrs = {"measure": indicator.measure, "ascending": "1" if indicator.ascending else "0"}
        indicator_el = etree.SubElement(result, "indicator", attrs)
        title = etree.SubElement(indicator_el, "title")
        unit_en = f" ({indicator.unit_en})" if indicator.unit_en else ""
        unit_zh = f"（{indicator.unit_zh}）" if indicator.unit_zh else ""
        builder.narratives(title, f"{indicator.code} {indicator.title_en}{unit_en}",
                           f"{indicator.code} {indicator.title_zh}{unit_zh}" if indicator.title_zh else "",
                           where=f"indicator {indicator.code} title")
        if indicator.definition_en or indicator.definition_zh:
            builder.narratives(etree.SubElement(indicator_el, "description"), indicator.definition_en,
                               indicator.definition_zh, where=f"indicator {indicator.code} description")
        if indicator.baseline_value is not None and indicator.baseline_date is not None:
            etree.SubElement(indicator_el, "baseline", {
                "year": str(indicator.baseline_date.year), "iso-date": indicator.baseline_date.isoformat(),
                "value": _number(indicator.baseline_value)})
        for period in indicator.periods.all():
            if period.target is None and period.actual is None:
                continue
            _period(builder, indicator_el, period)


def _check_codes(builder: _Builder, project: Project) -> None:
    """IATI rules the schema itself does not enforce: codes from the codelists, identifier shape."""
    where = project.iati_identifier or project.slug
    currencies = [("default currency", project.default_currency)]
    currencies += [("budget currency", b.currency) for b in project.budgets.all()]
    currencies += [("transaction currency", t.currency) for t in project.transactions.all()]
    for label, code in currencies:
        if not _CURRENCY.match(code or ""):
            builder.problem(f"{where} {label}", _("“%(c)s” is not an ISO 4217 currency code.") % {"c": code})
    for target in project.sdg_targets or []:
        if not _SDG_TARGET.match(str(target)):
            builder.problem(f"{where} SDG targets", _("“%(t)s” is not an SDG target such as 8.7.") % {"t": target})
    for sector in project.dac_sectors.all():
        if sector.code not in DAC_SECTORS:
            builder.problem(f"{where} sectors", _("“%(c)s” is not a known DAC purpose code.") % {"c": sector.code})
    if not project.iati_identifier.startswith(project.reporting_org_ref + "-"):
        builder.problem(f"{where} identifier", _("The identifier must start with the reporting organisation's "
                                                 "identifier “%(ref)s-”.") % {"ref": project.reporting_org_ref})


def _activity(builder: _Builder, root: etree._Element, project: Project, reporting_name: str,
              reporting_type: str) -> None:
    activity = etree.SubElement(root, "iati-activity", {
        "last-updated-datetime": project.updated_at.replace(microsecond=0).isoformat(),
        "{http://www.w3.org/XML/1998/namespace}lang": "en",
        "default-currency": project.default_currency,
    })
    _check_codes(builder, project)
    etree.SubElement(activity, "iati-identifier").text = builder.text(project.iati_identifier, where="identifier")
    reporting = etree.SubElement(activity, "reporting-org", {"ref": project.reporting_org_ref, "type": reporting_type})
    builder.narratives(reporting, reporting_name, "", where="reporting organisation")
    builder.narratives(etree.SubElement(activity, "title"), project.title_en, project.title_zh,
                       where=f"{project.slug} title")
    if project.description_en or project.description_zh:
        builder.narratives(etree.SubElement(activity, "description", {"type": "1"}), project.description_en,
                           project.description_zh, where=f"{project.slug} description")
    else:
        builder.problem(f"{project.slug} description", _("%(p)s has no description; IATI requires one.")
                        % {"p": project.iati_identifier})
    participations: list[Participation] = list(project.participations.all())
    if not participations:
        builder.problem(f"{project.slug} participating organisations",
                        _("%(p)s has no participating organisation; IATI requires at least one.")
                        % {"p": project.iati_identifier})
    for participation in participations:
        attrs = {"role": participation.role,
                 "type": ORGANISATION_TYPE.get(participation.organisation.type, "90")}
        if participation.iati_ref:
            attrs["ref"] = participation.iati_ref
        org = etree.SubElement(activity, "participating-org", attrs)
        builder.narratives(org, participation.organisation.name, participation.organisation.name_zh,
                           where="participating organisation")
    if project.other_identifier:
        etree.SubElement(activity, "other-identifier", {"ref": project.other_identifier, "type": "B01"})
    etree.SubElement(activity, "activity-status", {"code": project.status})
    for code, date in (("1", project.planned_start), ("2", project.actual_start), ("3", project.planned_end),
                       ("4", project.actual_end)):
        if date is not None:
            etree.SubElement(activity, "activity-date", {"type": code, "iso-date": date.isoformat()})
    etree.SubElement(activity, "activity-scope", {"code": project.scope})
    countries = list(project.countries.all())
    share = f"{Decimal(100) / len(countries):.2f}" if len(countries) > 1 else None
    for country in countries:
        attrs = {"code": country.iso2}
        if share:
            attrs["percentage"] = share
        etree.SubElement(activity, "recipient-country", attrs)
    for sector in project.dac_sectors.all():
        attrs = {"vocabulary": "1", "code": sector.code}
        if sector.percentage is not None:
            attrs["percentage"] = f"{sector.percentage:.2f}"
        etree.SubElement(activity, "sector", attrs)
    for target in project.sdg_targets or []:
        etree.SubElement(activity, "tag", {"vocabulary": "3", "code": str(target)})
    for budget in project.budgets.all():
        el = etree.SubElement(activity, "budget", {"type": budget.type, "status": budget.status})
        etree.SubElement(el, "period-start", {"iso-date": budget.period_start.isoformat()})
        etree.SubElement(el, "period-end", {"iso-date": budget.period_end.isoformat()})
        _value(el, "value", budget.value, budget.currency, budget.value_date)
    for transaction in project.transactions.all():
        el = etree.SubElement(activity, "transaction")
        etree.SubElement(el, "transaction-type", {"code": transaction.type})
        etree.SubElement(el, "transaction-date", {"iso-date": transaction.date.isoformat()})
        _value(el, "value", transaction.value, transaction.currency, transaction.date)
        if transaction.description_en or transaction.description_zh:
            builder.narratives(etree.SubElement(el, "description"), transaction.description_en,
                               transaction.description_zh, where="transaction description")
        for tag, org in (("provider-org", transaction.provider), ("receiver-org", transaction.receiver)):
            if org is not None:
                builder.narratives(etree.SubElement(el, tag), org.name, org.name_zh, where=tag)
    for document in project.documents.all():
        link = etree.SubElement(activity, "document-link", {"url": document.url, "format": document.format})
        builder.narratives(etree.SubElement(link, "title"), document.title_en, document.title_zh,
                           where="document title")
        etree.SubElement(link, "category", {"code": document.category})
        if document.date:
            etree.SubElement(link, "document-date", {"iso-date": document.date.isoformat()})
    nodes = list(project.results.all())
    indicators_by_node: dict[int, list[Indicator]] = {}
    for indicator in Indicator.objects.filter(node__project=project).prefetch_related("periods__disaggregations"):
        indicators_by_node.setdefault(indicator.node_id, []).append(indicator)
    for node in nodes:
        if indicators_by_node.get(node.pk):
            _result(builder, activity, node, indicators_by_node[node.pk])


def activities_xml(projects: Iterable[Project]) -> bytes:
    """The IATI activities document for `projects`; raises InvalidInput (never returns) if it is not valid."""
    root = etree.Element("iati-activities", {"version": IATI_VERSION,
                                             "generated-datetime": timezone.now().replace(microsecond=0).isoformat()})
    builder = _Builder()
    projects = list(projects)
    if not projects:
        raise InvalidInput(_("There is no project to export."), code="iati_empty",
                           details=[{"file": "", "row": None, "column": None,
                                     "message": _("An IATI file holds at least one activity.")}])
    for project in projects:
        owner = project.owner
        _activity(builder, root, project, owner.name, ORGANISATION_TYPE.get(owner.type, "90"))
    document: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    errors = validate(document)
    if builder.problems or errors:
        details = builder.problems + [{"file": "iati-activities.xml", "row": None, "column": None, "message": e}
                                      for e in errors[:50]]
        raise InvalidInput(_("The IATI export would not be valid IATI 2.03 XML; nothing was exported."),
                           code="iati_invalid", details=details)
    return document
