"""Writes for the results framework: indicator periods (targets, actuals, disaggregations), computed
actuals, and the spreadsheet import of indicator values (preview, then one atomic commit)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from rsca.core.errors import Forbidden, InvalidInput
from rsca.core.imports.pipeline import (
    Column,
    Importer,
    ImportResult,
    ImportRow,
    RowSchema,
    import_commit,
    import_preview,
)
from rsca.core.imports.values import CellProblem, date_parse, number_parse
from rsca.core.scoping import can_edit_organisation
from rsca.programme.computed import (
    compliance_figures,
    computed_actual,
    source_of,
    supplychain_figures,
    training_figures,
)
from rsca.programme.models import Disaggregation, Indicator, IndicatorPeriod, Project

COMPUTED_MAX_AGE = datetime.timedelta(seconds=60)
Breakdown = dict[tuple[str, str], Decimal]


def _problem(field_name: str, message: str, row: int | None = None, filename: str = "") -> dict[str, Any]:
    return {"file": filename, "row": row, "column": field_name, "message": message}


def parse_value(
    raw: Any,
    *,
    field_name: str,
    indicator: Indicator,
    problems: list[dict[str, Any]],
    row: int | None = None,
    filename: str = "",
) -> Decimal | None:
    """A number for an indicator value; blank is None. Wrong types and impossible percentages are problems."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        problems.append(_problem(field_name, _("“%(v)s” is not a number.") % {"v": raw}, row, filename))
        return None
    text = str(raw).strip()
    percent_sign = text.endswith(("%", "％"))
    if percent_sign:
        text = text[:-1].strip()
    try:
        value = (
            Decimal(text) if isinstance(raw, int | float | Decimal) else number_parse(text)
        )  # the one rule
    except (CellProblem, InvalidOperation, ValueError):
        problems.append(_problem(field_name, _("“%(v)s” is not a number.") % {"v": raw}, row, filename))
        return None
    if not value.is_finite() or abs(value) >= Decimal("1e12"):
        problems.append(
            _problem(field_name, _("“%(v)s” is not a usable number.") % {"v": raw}, row, filename)
        )
        return None
    if percent_sign and not indicator.is_percentage:
        problems.append(
            _problem(
                field_name,
                _("%(code)s is counted in units, not as a percentage.") % {"code": indicator.code},
                row,
                filename,
            )
        )
        return None
    if indicator.is_percentage and not (0 <= value <= 100):
        problems.append(
            _problem(
                field_name,
                _("%(code)s is a percentage: %(v)s is not between 0 and 100.")
                % {"code": indicator.code, "v": value},
                row,
                filename,
            )
        )
        return None
    if not indicator.is_percentage and value < 0:
        problems.append(
            _problem(field_name, _("A count cannot be negative (%(v)s).") % {"v": value}, row, filename)
        )
        return None
    return value.quantize(Decimal("0.01"))


def _check_period(
    *,
    indicator: Indicator,
    start: datetime.date | None,
    end: datetime.date | None,
    exclude_pk: int | None,
    problems: list[dict[str, Any]],
    row: int | None = None,
    filename: str = "",
    pending: list[tuple[datetime.date, datetime.date]] | None = None,
) -> None:
    if start is None or end is None:
        return
    if end < start:
        problems.append(
            _problem(
                "end",
                _("The period ends (%(end)s) before it starts (%(start)s).") % {"start": start, "end": end},
                row,
                filename,
            )
        )
        return
    clashes = IndicatorPeriod.objects.filter(indicator=indicator, start__lte=end, end__gte=start)
    if exclude_pk:
        clashes = clashes.exclude(pk=exclude_pk)
    clash = clashes.first()
    if clash is None:
        for other_start, other_end in pending or []:
            if other_start <= end and other_end >= start and (other_start, other_end) != (start, end):
                clash = IndicatorPeriod(start=other_start, end=other_end)
                break
    if clash is not None:
        problems.append(
            _problem(
                "start",
                _("%(code)s: the period %(start)s–%(end)s overlaps %(s2)s–%(e2)s.")
                % {"code": indicator.code, "start": start, "end": end, "s2": clash.start, "e2": clash.end},
                row,
                filename,
            )
        )


def _check_breakdown(
    *,
    indicator: Indicator,
    breakdown: Breakdown,
    total: Decimal | None,
    kind: str,
    problems: list[dict[str, Any]],
    row: int | None = None,
    filename: str = "",
) -> None:
    for (dimension, _label), value in breakdown.items():
        if dimension not in (indicator.dimensions or []):
            problems.append(
                _problem(
                    "dimension",
                    _("%(code)s is not disaggregated by “%(d)s”.") % {"code": indicator.code, "d": dimension},
                    row,
                    filename,
                )
            )
        if indicator.is_percentage and not (0 <= value <= 100):
            problems.append(_problem("value", _("A percentage lies between 0 and 100."), row, filename))
    if total is None or indicator.is_percentage:
        return
    sums: dict[str, Decimal] = {}
    for (dimension, _label), value in breakdown.items():
        sums[dimension] = sums.get(dimension, Decimal(0)) + value
    for dimension, subtotal in sums.items():
        if subtotal > total:
            problems.append(
                _problem(
                    "value",
                    _("The %(kind)s by %(d)s adds up to %(sum)s, more than the total %(t)s.")
                    % {"kind": kind, "d": dimension, "sum": subtotal, "t": total},
                    row,
                    filename,
                )
            )


def _require_editor(*, user: Any, project: Project) -> None:
    if not can_edit_organisation(user, project.owner_id):
        raise Forbidden(
            _("Only editors of %(org)s can change this project's results.")
            % {"org": project.owner.display_name}
        )


def _store_breakdown(period: IndicatorPeriod, kind: str, breakdown: Breakdown) -> None:
    period.disaggregations.filter(kind=kind).exclude(
        pk__in=[
            d.pk
            for d in period.disaggregations.filter(kind=kind)
            if (d.dimension, d.value_label) in breakdown
        ]
    ).delete()
    for (dimension, label), value in breakdown.items():
        Disaggregation.objects.update_or_create(
            period=period, kind=kind, dimension=dimension, value_label=label, defaults={"value": value}
        )


@transaction.atomic
def indicator_period_save(
    *,
    indicator: Indicator,
    start: datetime.date,
    end: datetime.date,
    target: Any = None,
    actual: Any = None,
    evidence_en: str = "",
    evidence_zh: str = "",
    evidence_url: str = "",
    comment_en: str = "",
    comment_zh: str = "",
    target_breakdown: dict[tuple[str, str], Any] | None = None,
    actual_breakdown: dict[tuple[str, str], Any] | None = None,
    period: IndicatorPeriod | None = None,
    by: Any,
) -> IndicatorPeriod:
    """Create or change one period of an indicator; every problem is reported at once, nothing is half-saved.

    A hand-entered actual needs evidence (text or address); computed indicators take only targets.
    """
    project = indicator.node.project
    _require_editor(user=by, project=project)
    problems: list[dict[str, Any]] = []
    target_value = parse_value(target, field_name="target", indicator=indicator, problems=problems)
    actual_value = parse_value(actual, field_name="actual", indicator=indicator, problems=problems)
    _check_period(
        indicator=indicator, start=start, end=end, exclude_pk=period.pk if period else None, problems=problems
    )
    if indicator.is_computed and actual_value is not None:
        problems.append(
            _problem(
                "actual",
                _("%(code)s is computed from platform data; its actuals cannot be typed in.")
                % {"code": indicator.code},
            )
        )
    if (
        actual_value is not None
        and not indicator.is_computed
        and not (evidence_en.strip() or evidence_zh.strip() or evidence_url.strip())
    ):
        problems.append(_problem("evidence_en", _("A hand-entered actual needs its evidence.")))
    breakdowns: dict[str, Breakdown] = {}
    for kind, raw_breakdown, total in (
        ("target", target_breakdown, target_value),
        ("actual", actual_breakdown, actual_value),
    ):
        parsed: Breakdown = {}
        for (dimension, label), raw in (raw_breakdown or {}).items():
            value = parse_value(
                raw, field_name=f"{kind}:{dimension}:{label}", indicator=indicator, problems=problems
            )
            if value is not None:
                parsed[(dimension, str(label).strip()[:100])] = value
        _check_breakdown(indicator=indicator, breakdown=parsed, total=total, kind=kind, problems=problems)
        breakdowns[kind] = parsed
    if problems:
        raise InvalidInput(problems[0]["message"], code="invalid_indicator_value", details=problems)
    if period is None:
        period = IndicatorPeriod(indicator=indicator)
    period.start, period.end, period.target = start, end, target_value
    if not indicator.is_computed:
        period.actual = actual_value
    period.evidence_en, period.evidence_zh, period.evidence_url = evidence_en, evidence_zh, evidence_url
    period.comment_en, period.comment_zh = comment_en, comment_zh
    period.save()
    if target_breakdown is not None:
        _store_breakdown(period, "target", breakdowns["target"])
    if actual_breakdown is not None and not indicator.is_computed:
        _store_breakdown(period, "actual", breakdowns["actual"])
    return period


def _figures(source: str, *, date_from: datetime.date, date_to: datetime.date) -> dict[str, Any] | None:
    fetch = {
        "training": training_figures,
        "compliance": compliance_figures,
        "supplychain": supplychain_figures,
    }.get(source)
    return fetch(date_from=date_from, date_to=date_to) if fetch is not None else None


def indicator_actuals_refresh(
    *, project: Project, force: bool = False, today: datetime.date | None = None
) -> int:
    """Recompute the actuals of the project's computed indicators for every period that has begun.

    Values are written only when they changed; periods computed less than a minute ago are left alone
    unless `force` (a finished compliance check, a verified corrective action or recorded training data mark
    the periods they feed stale at once: `rsca.programme.signals`). Returns the number of periods whose
    figures changed; when some did, `project.results_version` is reloaded so cached dashboards are not reused.
    """
    today = today or timezone.localdate()
    now = timezone.now()
    periods_qs = IndicatorPeriod.objects.filter(
        indicator__node__project=project, indicator__source=Indicator.Source.COMPUTED, start__lte=today
    )
    if not force:
        periods_qs = periods_qs.filter(
            Q(actual_computed_at__isnull=True) | Q(actual_computed_at__lt=now - COMPUTED_MAX_AGE)
        )
    if not periods_qs.exists():
        return 0  # the usual case on a page view: nothing to recompute, and no write transaction taken
    with transaction.atomic():
        changed = _recompute(
            list(periods_qs.select_related("indicator").prefetch_related("disaggregations")),
            today=today,
            now=now,
        )
    if changed:
        project.refresh_from_db(fields=["results_version"])
    return changed


def _recompute(periods: list[IndicatorPeriod], *, today: datetime.date, now: datetime.datetime) -> int:
    figures_cache: dict[tuple[str, datetime.date, datetime.date], dict[str, Any] | None] = {}
    changed = 0
    for period in periods:
        key = (source_of(period.indicator), period.start, min(period.end, today))
        if key not in figures_cache:
            figures_cache[key] = _figures(key[0], date_from=key[1], date_to=key[2])
        figures = figures_cache[key]
        if figures is None:
            continue
        actual, breakdown = computed_actual(period.indicator, figures)
        stored = {
            (d.dimension, d.value_label): d.value for d in period.disaggregations.all() if d.kind == "actual"
        }
        period.actual_computed_at = now
        if actual != period.actual or stored != breakdown:
            period.actual = actual
            _store_breakdown(period, "actual", breakdown)
            changed += 1
            period.save(update_fields=["actual", "actual_computed_at"])
        else:
            period.save(update_fields=["actual_computed_at"])
    return changed


# --- spreadsheet import of indicator values -------------------------------------------------------------

IMPORT_REQUIRED = ["indicator", "period_start", "period_end"]
IMPORT_OPTIONAL = ["target", "actual", "evidence", "evidence_url", "dimension", "dimension_value"]
IMPORT_ALIASES = {
    "指标": "indicator",
    "indicator_code": "indicator",
    "code": "indicator",
    "开始": "period_start",
    "start": "period_start",
    "结束": "period_end",
    "end": "period_end",
    "目标": "target",
    "实际": "actual",
    "证据": "evidence",
    "维度": "dimension",
    "维度值": "dimension_value",
}


@dataclass
class ImportedPeriod:
    indicator: Indicator
    start: datetime.date
    end: datetime.date
    target: Decimal | None = None
    actual: Decimal | None = None
    evidence: str = ""
    evidence_url: str = ""
    rows: list[int] = field(default_factory=list)
    target_breakdown: Breakdown = field(default_factory=dict)
    actual_breakdown: Breakdown = field(default_factory=dict)


@dataclass
class ImportPreview:
    filename: str
    periods: list[ImportedPeriod]
    problems: list[dict[str, Any]]
    result: ImportResult | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def _problems_to(row: ImportRow, problems: list[dict[str, Any]]) -> None:
    for problem in problems:
        row.error(problem["column"], problem["message"])


def _periods(rows: list[ImportRow]) -> dict[tuple[int, datetime.date, datetime.date], ImportedPeriod]:
    """The rows of each indicator period gathered: totals, disaggregations, evidence (rows checked before)."""
    periods: dict[tuple[int, datetime.date, datetime.date], ImportedPeriod] = {}
    for row in rows:
        indicator, start, end = (
            row.values.get("_indicator"),
            row.values.get("period_start"),
            row.values.get("period_end"),
        )
        if indicator is None or start is None or end is None:
            continue
        item = periods.setdefault(
            (indicator.pk, start, end), ImportedPeriod(indicator=indicator, start=start, end=end)
        )
        item.rows.append(row.line)
        target, actual = row.values.get("_target"), row.values.get("_actual")
        dimension, label = row.values["dimension"], row.values["dimension_value"]
        if dimension or label:
            if dimension and label and dimension in (indicator.dimensions or []):
                if target is not None:
                    item.target_breakdown[(dimension, label[:100])] = target
                if actual is not None:
                    item.actual_breakdown[(dimension, label[:100])] = actual
            continue
        if target is not None:
            item.target = target
        if actual is not None:
            item.actual = actual
        item.evidence = row.values["evidence"] or item.evidence
        item.evidence_url = row.values["evidence_url"] or item.evidence_url
    return periods


def _check_values(rows: list[ImportRow], project: Project) -> None:
    """Indicator look-up, values by the indicator's unit, periods that overlap, evidence and breakdown sums. A
    period is imported whole or not at all: when one of its rows is invalid, so are the others."""
    indicators = {i.code.casefold(): i for i in Indicator.objects.filter(node__project=project)}
    pending: dict[int, list[tuple[datetime.date, datetime.date]]] = {}
    first_of: dict[tuple[int, datetime.date, datetime.date], ImportRow] = {}
    for row in rows:
        code = row.values.get("indicator") or ""
        indicator = indicators.get(code.casefold())
        if indicator is None:
            if code:
                row.error("indicator", _("No indicator “%(code)s” in this project.") % {"code": code})
            continue
        start, end = row.values.get("period_start"), row.values.get("period_end")
        if start is None or end is None:
            continue
        row.values["_indicator"] = indicator
        problems: list[dict[str, Any]] = []
        for column in ("target", "actual"):
            row.values[f"_{column}"] = parse_value(
                row.values[column], field_name=column, indicator=indicator, problems=problems
            )
        if row.values["_actual"] is not None and indicator.is_computed:
            problems.append(
                _problem(
                    "actual",
                    _("%(code)s is computed from platform data; its actuals cannot be typed in.")
                    % {"code": indicator.code},
                )
            )
        key = (indicator.pk, start, end)
        if key not in first_of:
            existing = IndicatorPeriod.objects.filter(indicator=indicator, start=start, end=end).first()
            _check_period(
                indicator=indicator,
                start=start,
                end=end,
                exclude_pk=existing.pk if existing else None,
                problems=problems,
                pending=pending.get(indicator.pk, []),
            )
            pending.setdefault(indicator.pk, []).append((start, end))
            first_of[key] = row
        dimension, label = row.values["dimension"], row.values["dimension_value"]
        if (dimension or label) and not (dimension and label):
            problems.append(_problem("dimension_value", _("Give both the dimension and its value.")))
        elif dimension and dimension not in (indicator.dimensions or []):
            problems.append(
                _problem(
                    "dimension",
                    _("%(code)s is not disaggregated by “%(d)s”.") % {"code": indicator.code, "d": dimension},
                )
            )
        _problems_to(row, problems)
    for key, item in _periods(rows).items():
        first = first_of[key]
        problems = []
        if (
            item.actual is not None
            and not item.indicator.is_computed
            and not (item.evidence or item.evidence_url)
        ):
            problems.append(
                _problem(
                    "evidence",
                    _("%(code)s %(start)s: a hand-entered actual needs its evidence.")
                    % {"code": item.indicator.code, "start": item.start},
                )
            )
        for kind, breakdown, total in (
            ("target", item.target_breakdown, item.target),
            ("actual", item.actual_breakdown, item.actual),
        ):
            _check_breakdown(
                indicator=item.indicator, breakdown=breakdown, total=total, kind=kind, problems=problems
            )
        _problems_to(first, problems)
    by_period: dict[tuple[int, datetime.date, datetime.date], list[ImportRow]] = {}
    for row in rows:
        if row.values.get("_indicator") is not None:
            by_period.setdefault(
                (row.values["_indicator"].pk, row.values["period_start"], row.values["period_end"]), []
            ).append(row)
    for period_rows in by_period.values():
        invalid = [row.line for row in period_rows if not row.is_valid]
        for row in period_rows:
            if invalid and row.is_valid:
                row.error(
                    "indicator",
                    _("Row %(row)s of the same period is invalid; a period is imported whole.")
                    % {"row": invalid[0]},
                    value="",
                )


def _save_values(rows: list[ImportRow], context: tuple[Project, Any]) -> dict[str, int]:
    _project, by = context
    periods = _periods(rows)
    for item in periods.values():
        period = IndicatorPeriod.objects.filter(
            indicator=item.indicator, start=item.start, end=item.end
        ).first()
        indicator_period_save(
            indicator=item.indicator,
            start=item.start,
            end=item.end,
            target=item.target if item.target is not None else (period.target if period else None),
            actual=None
            if item.indicator.is_computed
            else (item.actual if item.actual is not None else (period.actual if period else None)),
            evidence_en=item.evidence or (period.evidence_en if period else ""),
            evidence_zh=period.evidence_zh if period else "",
            evidence_url=item.evidence_url or (period.evidence_url if period else ""),
            comment_en=period.comment_en if period else "",
            comment_zh=period.comment_zh if period else "",
            target_breakdown=item.target_breakdown or None,
            actual_breakdown=None if item.indicator.is_computed else (item.actual_breakdown or None),
            period=period,
            by=by,
        )
    return {"periods": len(periods)}


INDICATOR_VALUES = Importer(
    key="indicator-values",
    schema=RowSchema(
        columns=(
            Column("indicator", str.strip, in_header=True, needed=True),
            Column("period_start", date_parse, in_header=True, needed=True, blank=None),
            Column("period_end", date_parse, in_header=True, needed=True, blank=None),
            Column("target"),
            Column("actual"),
            Column("evidence", str.strip),
            Column("evidence_url", str.strip),
            Column("dimension", lambda text: text.strip().lower()),
            Column("dimension_value", str.strip),
        ),
        aliases=IMPORT_ALIASES,
        check=lambda rows, context: _check_values(rows, context[0]),
        max_rows=20_000,
    ),
    commit=_save_values,
)


def indicator_values_preview(
    *, project: Project, source: bytes | IO[bytes], filename: str, by: Any
) -> ImportPreview:
    """Read a CSV/XLSX of indicator values and check every row; nothing is written.

    One row per indicator and period gives the totals; rows with `dimension` and `dimension_value`
    give a disaggregated value of the same period.
    """
    _require_editor(user=by, project=project)
    result = import_preview(
        importer=INDICATOR_VALUES, source=source, filename=filename, context=(project, by)
    )
    return ImportPreview(
        filename=filename,
        periods=list(_periods(result.valid_rows).values()),
        problems=result.errors,
        result=result,
    )


def indicator_values_import(
    *, project: Project, source: bytes | IO[bytes], filename: str, by: Any, skip_invalid: bool = False
) -> int:
    """Check the whole file again and write every period in one transaction, or nothing at all; with
    `skip_invalid`, the periods whose rows are all valid."""
    preview = indicator_values_preview(project=project, source=source, filename=filename, by=by)
    assert preview.result is not None
    result = import_commit(
        importer=INDICATOR_VALUES, result=preview.result, context=(project, by), skip_invalid=skip_invalid
    )
    return result.counts["periods"]
