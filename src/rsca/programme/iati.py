"""IATI 2.03 activity XML for the portfolio, results included, validated before it leaves the platform.

The official schema (iati-activities-schema.xsd 2.03 with iati-common.xsd and xml.xsd, from the IATI
Standard, https://iatistandard.org/en/iati-standard/203/) is bundled in `data/iati-2.03/`. Every
document is validated against it and against the Standard's own ruleset (`ruleset_problems`: the rules of
IATI-Rulesets `rulesets/standard.json` for activities, written here as the project's checks from the rules'
text, plus the Standard's guidance that results, budgets and transactions fall within the activity's dates and
that an activity's values share its default currency); an invalid one is refused with the messages, never
written or downloaded. Activities whose identifier is still provisional (not registered) are not published.
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
    "government": "10",
    "employers_organisation": "22",
    "workers_organisation": "22",
    "enterprise": "70",
    "academia": "80",
    "civil_society": "22",
    "international_organisation": "40",
    "donor": "15",
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
            self.problems.append(
                {
                    "file": "",
                    "row": None,
                    "column": where,
                    "message": _("%(where)s contains characters XML cannot carry.") % {"where": where},
                }
            )
            return _XML_INVALID.sub("", value)
        return value

    def narratives(self, parent: etree._Element, en: str, zh: str, *, where: str) -> None:
        if en:
            etree.SubElement(parent, "narrative").text = self.text(en, where=where)
        if zh:
            etree.SubElement(
                parent, "narrative", {"{http://www.w3.org/XML/1998/namespace}lang": "zh"}
            ).text = self.text(zh, where=where)
        if not en and not zh:
            self.problems.append(
                {
                    "file": "",
                    "row": None,
                    "column": where,
                    "message": _("%(where)s has no text in any language.") % {"where": where},
                }
            )


def percentage_shares(count: int) -> list[Decimal]:
    """`count` percentages with two decimals summing to exactly 100 (the first ones get the spare cents)."""
    if count <= 0:
        return []
    base, spare = divmod(10_000, count)
    return [Decimal(base + (1 if index < spare else 0)) / 100 for index in range(count)]


def _value(
    parent: etree._Element, tag: str, amount: Decimal, currency: str, value_date: datetime.date
) -> None:
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
            builder.narratives(
                comment,
                evidence_en,
                period.evidence_zh.strip(),
                where=f"{period.indicator.code} {period.start} evidence",
            )
        if period.evidence_url:
            link = etree.SubElement(
                actual, "document-link", {"url": period.evidence_url, "format": "text/html"}
            )
            title = etree.SubElement(link, "title")
            builder.narratives(title, "Evidence", "证据", where="evidence link")
            etree.SubElement(link, "category", {"code": "A08"})


def _result(
    builder: _Builder, activity: etree._Element, node: ResultNode, indicators: list[Indicator]
) -> None:
    result = etree.SubElement(
        activity, "result", {"type": ResultNode.IATI_RESULT_TYPE[node.level], "aggregation-status": "0"}
    )
    builder.narratives(
        etree.SubElement(result, "title"),
        f"{node.code} {node.title_en}",
        f"{node.code} {node.title_zh}" if node.title_zh else "",
        where=f"result {node.code} title",
    )
    for indicator in indicators:
        attrs = {"measure": indicator.measure, "ascending": "1" if indicator.ascending else "0"}
        indicator_el = etree.SubElement(result, "indicator", attrs)
        title = etree.SubElement(indicator_el, "title")
        unit_en = f" ({indicator.unit_en})" if indicator.unit_en else ""
        unit_zh = f"（{indicator.unit_zh}）" if indicator.unit_zh else ""
        builder.narratives(
            title,
            f"{indicator.code} {indicator.title_en}{unit_en}",
            f"{indicator.code} {indicator.title_zh}{unit_zh}" if indicator.title_zh else "",
            where=f"indicator {indicator.code} title",
        )
        if indicator.definition_en or indicator.definition_zh:
            builder.narratives(
                etree.SubElement(indicator_el, "description"),
                indicator.definition_en,
                indicator.definition_zh,
                where=f"indicator {indicator.code} description",
            )
        if indicator.baseline_value is not None and indicator.baseline_date is not None:
            etree.SubElement(
                indicator_el,
                "baseline",
                {
                    "year": str(indicator.baseline_date.year),
                    "iso-date": indicator.baseline_date.isoformat(),
                    "value": _number(indicator.baseline_value),
                },
            )
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
            builder.problem(
                f"{where} SDG targets", _("“%(t)s” is not an SDG target such as 8.7.") % {"t": target}
            )
    for sector in project.dac_sectors.all():
        if sector.code not in DAC_SECTORS:
            builder.problem(
                f"{where} sectors", _("“%(c)s” is not a known DAC purpose code.") % {"c": sector.code}
            )
    if not project.iati_identifier.startswith(project.reporting_org_ref + "-"):
        builder.problem(
            f"{where} identifier",
            _("The identifier must start with the reporting organisation's identifier “%(ref)s-”.")
            % {"ref": project.reporting_org_ref},
        )


def _activity(
    builder: _Builder, root: etree._Element, project: Project, reporting_name: str, reporting_type: str
) -> None:
    attributes = {
        "last-updated-datetime": project.updated_at.replace(microsecond=0).isoformat(),
        "{http://www.w3.org/XML/1998/namespace}lang": "en",
    }
    if project.budgets.all() or project.transactions.all():  # a default currency only where there are values
        attributes["default-currency"] = project.default_currency
    activity = etree.SubElement(root, "iati-activity", attributes)
    _check_codes(builder, project)
    etree.SubElement(activity, "iati-identifier").text = builder.text(
        project.iati_identifier, where="identifier"
    )
    reporting = etree.SubElement(
        activity, "reporting-org", {"ref": project.reporting_org_ref, "type": reporting_type}
    )
    builder.narratives(reporting, reporting_name, "", where="reporting organisation")
    builder.narratives(
        etree.SubElement(activity, "title"), project.title_en, project.title_zh, where=f"{project.slug} title"
    )
    if project.description_en or project.description_zh:
        builder.narratives(
            etree.SubElement(activity, "description", {"type": "1"}),
            project.description_en,
            project.description_zh,
            where=f"{project.slug} description",
        )
    else:
        builder.problem(
            f"{project.slug} description",
            _("%(p)s has no description; IATI requires one.") % {"p": project.iati_identifier},
        )
    participations: list[Participation] = list(project.participations.all())
    if not participations:
        builder.problem(
            f"{project.slug} participating organisations",
            _("%(p)s has no participating organisation; IATI requires at least one.")
            % {"p": project.iati_identifier},
        )
    for participation in participations:
        attrs = {
            "role": participation.role,
            "type": ORGANISATION_TYPE.get(participation.organisation.type, "90"),
        }
        if participation.iati_ref:
            attrs["ref"] = participation.iati_ref
        org = etree.SubElement(activity, "participating-org", attrs)
        builder.narratives(
            org,
            participation.organisation.name,
            participation.organisation.name_zh,
            where="participating organisation",
        )
    if project.other_identifier:
        etree.SubElement(activity, "other-identifier", {"ref": project.other_identifier, "type": "B01"})
    etree.SubElement(activity, "activity-status", {"code": project.status})
    for code, date in (
        ("1", project.planned_start),
        ("2", project.actual_start),
        ("3", project.planned_end),
        ("4", project.actual_end),
    ):
        if date is not None:
            etree.SubElement(activity, "activity-date", {"type": code, "iso-date": date.isoformat()})
    etree.SubElement(activity, "activity-scope", {"code": project.scope})
    countries = list(project.countries.all())
    shares = percentage_shares(len(countries)) if len(countries) > 1 else []
    for index, country in enumerate(countries):
        attrs = {"code": country.iso2}
        if shares:
            attrs["percentage"] = f"{shares[index]:.2f}"
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
            builder.narratives(
                etree.SubElement(el, "description"),
                transaction.description_en,
                transaction.description_zh,
                where="transaction description",
            )
        for tag, org in (("provider-org", transaction.provider), ("receiver-org", transaction.receiver)):
            if org is not None:
                builder.narratives(etree.SubElement(el, tag), org.name, org.name_zh, where=tag)
    for document in project.documents.all():
        link = etree.SubElement(activity, "document-link", {"url": document.url, "format": document.format})
        builder.narratives(
            etree.SubElement(link, "title"), document.title_en, document.title_zh, where="document title"
        )
        etree.SubElement(link, "category", {"code": document.category})
        if document.date:
            etree.SubElement(link, "document-date", {"iso-date": document.date.isoformat()})
    nodes = list(project.results.all())
    indicators_by_node: dict[int, list[Indicator]] = {}
    for indicator in Indicator.objects.filter(node__project=project).prefetch_related(
        "periods__disaggregations"
    ):
        indicators_by_node.setdefault(indicator.node_id, []).append(indicator)
    for node in nodes:
        if indicators_by_node.get(node.pk):
            _result(builder, activity, node, indicators_by_node[node.pk])


def activities_xml(projects: Iterable[Project], *, include_provisional: bool = False) -> bytes:
    """The IATI activities document for `projects`; raises InvalidInput (never returns) if it is not valid.

    Projects whose identifier is provisional are left out (an activity is published under its registered
    identifier or not at all) unless `include_provisional` (a draft to check, never to publish).
    """
    root = etree.Element(
        "iati-activities",
        {"version": IATI_VERSION, "generated-datetime": timezone.now().replace(microsecond=0).isoformat()},
    )
    builder = _Builder()
    projects = list(projects)
    if not include_provisional:
        provisional = [p for p in projects if p.identifier_is_provisional]
        projects = [p for p in projects if not p.identifier_is_provisional]
        if provisional and not projects:
            raise InvalidInput(
                _("No project here has a registered IATI identifier yet, so none is published to IATI."),
                code="iati_provisional",
                details=[
                    {
                        "file": "",
                        "row": None,
                        "column": p.slug,
                        "message": _("“%(title)s”: identifier not yet registered.") % {"title": p.title_en},
                    }
                    for p in provisional
                ],
            )
    if not projects:
        raise InvalidInput(
            _("There is no project to export."),
            code="iati_empty",
            details=[
                {
                    "file": "",
                    "row": None,
                    "column": None,
                    "message": _("An IATI file holds at least one activity."),
                }
            ],
        )
    for project in projects:
        owner = project.owner
        _activity(builder, root, project, owner.name, ORGANISATION_TYPE.get(owner.type, "90"))
    document: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    errors = validate(document)
    if not errors:
        errors = ruleset_problems(etree.fromstring(document))
    if builder.problems or errors:
        details = builder.problems + [
            {"file": "iati-activities.xml", "row": None, "column": None, "message": e} for e in errors[:50]
        ]
        raise InvalidInput(
            _("The IATI export would not be valid IATI 2.03 XML; nothing was exported."),
            code="iati_invalid",
            details=details,
        )
    return document


# --- the IATI Standard's ruleset (IATI-Rulesets, rulesets/standard.json, "//iati-activity" and below) -----------

_ID_FORBIDDEN = re.compile(r"[/&|?]")
_MAX_BUDGET_DAYS = 365  # "time_limit": a budget period is no longer than one year


def _date(element: etree._Element | None, attribute: str = "iso-date") -> datetime.date | None:
    if element is None or not element.get(attribute):
        return None
    return datetime.date.fromisoformat(element.get(attribute, "")[:10])


def _sum(elements: list[etree._Element]) -> Decimal:
    return sum((Decimal(e.get("percentage", "0")) for e in elements), Decimal(0))


def ruleset_problems(root: etree._Element, *, today: datetime.date | None = None) -> list[str]:
    """Every breach of the IATI 2.03 activity rules in `root` (an iati-activities element), one message each.

    From IATI-Rulesets standard.json: at least one start date and a sector; dates in order (planned start <
    planned end, actual start < actual end, actual dates not in the future); last-updated not in the future;
    identifiers without / & | ?; recipient-country and recipient-region percentages summing to 100; sector
    percentages summing strictly to 100 per vocabulary; percentages not negative; budget periods in order and no
    longer than one year; transaction dates not in the future; result periods in order. From the Standard's
    guidance: budgets of one type do not overlap; budgets, transactions and result periods fall within the
    activity's dates; every value is in the activity's default currency.
    """
    today = today or timezone.localdate()
    problems: list[str] = []
    for activity in root.iter("iati-activity"):
        ident = activity.findtext("iati-identifier") or "?"

        def say(message: str, ident: str = ident) -> None:
            problems.append(f"{ident}: {message}")

        if _ID_FORBIDDEN.search(ident):
            say(_("the identifier contains / & | or ?, which IATI identifiers may not."))
        updated = activity.get("last-updated-datetime", "")
        if updated and datetime.date.fromisoformat(updated[:10]) > today:
            say(_("last-updated-datetime is in the future."))
        dates = {code: _date(activity.find(f"activity-date[@type='{code}']")) for code in "1234"}
        if dates["1"] is None and dates["2"] is None:
            say(_("no planned or actual start date."))
        for less, more in (("1", "3"), ("2", "4")):
            first, last = dates[less], dates[more]
            if first is not None and last is not None and first >= last:
                say(_("the activity ends before it starts."))
        for code in ("2", "4"):
            actual = dates[code]
            if actual is not None and actual > today:
                say(_("an actual date is in the future."))
        start = min(d for d in (dates["1"], dates["2"]) if d) if dates["1"] or dates["2"] else None
        end = max(d for d in (dates["3"], dates["4"]) if d) if dates["3"] or dates["4"] else None
        if not activity.findall("sector") and not activity.findall("transaction/sector"):
            say(_("no sector."))
        places = activity.findall("recipient-country") + activity.findall("recipient-region")
        with_share = [p for p in places if p.get("percentage") is not None]
        if with_share and _sum(with_share) != 100:
            say(
                _("recipient country and region percentages sum to %(sum)s, not 100.")
                % {"sum": _sum(with_share)}
            )
        vocabularies: dict[str, list[etree._Element]] = {}
        for sector in activity.findall("sector"):
            vocabularies.setdefault(sector.get("vocabulary", "1"), []).append(sector)
        for vocabulary, sectors in vocabularies.items():
            shares = [s for s in sectors if s.get("percentage") is not None]
            if (len(sectors) > 1 or shares) and _sum(shares) != 100:
                say(
                    _("sector percentages of vocabulary %(v)s sum to %(sum)s, not 100.")
                    % {"v": vocabulary, "sum": _sum(shares)}
                )
        for element in activity.iter("recipient-country", "recipient-region", "sector", "capital-spend"):
            if Decimal(element.get("percentage", "0")) < 0:
                say(_("a negative percentage."))
        default_currency = activity.get("default-currency")
        for value in activity.iter("value"):
            currency = value.get("currency") or default_currency
            if currency is None:
                say(_("a value without a currency and no default currency."))
            elif default_currency and currency != default_currency:
                say(
                    _("a value in %(c)s while the activity's default currency is %(d)s.")
                    % {"c": currency, "d": default_currency}
                )
        budgets: dict[str, list[tuple[datetime.date, datetime.date]]] = {}
        for budget in activity.findall("budget"):
            b_start, b_end = _date(budget.find("period-start")), _date(budget.find("period-end"))
            if b_start is None or b_end is None:
                continue
            if b_start >= b_end:
                say(_("a budget period %(s)s – %(e)s ends before it starts.") % {"s": b_start, "e": b_end})
            if (b_end - b_start).days > _MAX_BUDGET_DAYS:
                say(
                    _("the budget period %(s)s – %(e)s is longer than one year.") % {"s": b_start, "e": b_end}
                )
            if (start and b_start < start) or (end and b_end > end):
                say(
                    _("the budget period %(s)s – %(e)s is outside the activity's dates.")
                    % {"s": b_start, "e": b_end}
                )
            budgets.setdefault(budget.get("type", "1"), []).append((b_start, b_end))
        for periods in budgets.values():
            periods.sort()
            for (_s1, e1), (s2, _e2) in zip(periods, periods[1:], strict=False):
                if s2 <= e1:
                    say(_("two budgets of the same type overlap (%(d)s).") % {"d": s2})
        for transaction in activity.findall("transaction"):
            t_date = _date(transaction.find("transaction-date"))
            value_date = _date(transaction.find("value"), "value-date")
            if (t_date and t_date > today) or (value_date and value_date > today):
                say(_("a transaction is dated in the future."))
            if t_date and ((start and t_date < start) or (end and t_date > end)):
                say(_("a transaction on %(d)s is outside the activity's dates.") % {"d": t_date})
        for period in activity.iterfind("result/indicator/period"):
            p_start, p_end = _date(period.find("period-start")), _date(period.find("period-end"))
            if p_start and p_end and p_start >= p_end:
                say(_("a result period %(s)s – %(e)s ends before it starts.") % {"s": p_start, "e": p_end})
            if p_start and p_end and ((start and p_start < start) or (end and p_end > end)):
                say(
                    _("the result period %(s)s – %(e)s is outside the activity's dates.")
                    % {"s": p_start, "e": p_end}
                )
    return problems
