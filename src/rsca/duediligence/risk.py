"""The risk register's computation (OECD DDG step 2; CSDDD arts. 8-9): reads evidence in bulk, scores each
facility by issue with severity and likelihood kept apart, and explains every point with a reason.

Method and weights: `data/risk_weights.yaml` and `data/sector_risks.yaml` (versioned). Evidence is only what the
buyer may see under the tenant rules: checks and audit reports shared with it, answers its suppliers shared with
it, grievances the workers opened to buyers, its own action items.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.db.models import Min, Q
from django.utils import timezone

from rsca.compliance.engine import SEVERITY
from rsca.compliance.models import ComplianceCheck, CorrectiveAction
from rsca.core.models import Organisation
from rsca.duediligence.method import method_version, sector_group, weights
from rsca.duediligence.models import ActionItem, Answer, AuditReport, RiskEntry
from rsca.grievances.selectors import grievances_of_facilities
from rsca.standards.models import CoherenceGap, Ratification
from rsca.supplychain.models import Facility, SupplyRelationship
from rsca.training.selectors import facility_training_topics

LAW_COLUMNS = {"CN": "cn_law"}  # coherence-map column holding the national law of a country


@dataclass
class IssueRisk:
    issue: str
    scale: float
    irremediable: float
    scope: float = 1.0
    baseline: float = 0.0
    legal_gap: float = 0.0
    evidence: float = 0.0
    mitigation: float = 0.0
    actual: bool = False
    reasons: list[dict[str, Any]] = field(default_factory=list)

    @property
    def severity(self) -> float:
        w = weights()["weights"]
        return round(
            self.scale * w["scale"] + self.scope * w["scope"] + self.irremediable * w["irremediable"], 2
        )

    @property
    def likelihood(self) -> float:
        if self.actual:
            return 5.0
        return round(max(0.0, min(5.0, self.baseline + self.legal_gap + self.evidence + self.mitigation)), 2)

    @property
    def score(self) -> float:
        return round(self.severity / 3 * self.likelihood / 5 * 100, 1)

    def as_dict(self) -> dict[str, Any]:
        return {
            "issue": self.issue,
            "score": self.score,
            "level": level_of(self.score),
            "severity": self.severity,
            "likelihood": self.likelihood,
            "actual": self.actual,
            "severity_parts": {"scale": self.scale, "scope": self.scope, "irremediable": self.irremediable},
            "likelihood_parts": {
                "sector": self.baseline,
                "legal_gap": self.legal_gap,
                "evidence": self.evidence,
                "mitigation": self.mitigation,
            },
        }


@dataclass
class FacilityAssessment:
    facility_id: int
    public_id: str
    name: str
    country_id: str
    tier: int
    issues: dict[str, IssueRisk]
    reasons: list[dict[str, Any]] = field(default_factory=list)
    priority: int = 0

    @cached_property
    def worst(self) -> IssueRisk:
        """The issue with the highest score (read only once all evidence is in: the value is kept)."""
        return max(self.issues.values(), key=lambda i: (i.score, i.severity, i.likelihood))

    @property
    def score(self) -> float:
        return self.worst.score

    @property
    def level(self) -> str:
        return level_of(self.score)

    def ranked_issues(self) -> list[IssueRisk]:
        return sorted(self.issues.values(), key=lambda i: (-i.score, -i.severity, i.issue))

    def flagged_issues(self) -> list[IssueRisk]:
        """Issues at medium or high (what the register lists for the facility)."""
        return [i for i in self.ranked_issues() if level_of(i.score) != "low"]


def level_of(score: float) -> str:
    levels = weights()["levels"]
    for name in ("high", "medium"):
        if score >= levels[name]:
            return name
    return "low"


def _scope_from_share(share: float) -> float:
    for threshold, value in sorted(
        ((float(k), v) for k, v in weights()["scope"]["shares"].items()), reverse=True
    ):
        if share >= threshold:
            return float(value)
    return 1.0


def _add(issue: IssueRisk, kind: str, amount: float = 0.0, **params: Any) -> None:
    issue.evidence += amount
    issue.reasons.append({"issue": issue.issue, "kind": kind, "points": round(amount, 2), **params})


def register_facilities(organisation: Organisation) -> Any:
    return SupplyRelationship.objects.filter(buyer=organisation, facility__merged_into__isnull=True)


def risk_assess(
    *, organisation: Organisation, now: datetime.datetime | None = None, facility_ids: list[int] | None = None
) -> list[FacilityAssessment]:
    """Assess the supplier facilities of `organisation` (all tiers, or only `facility_ids`), ordered by priority
    among themselves (1 = first)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    w = weights()
    ev = w["evidence"]
    relationships = register_facilities(organisation)
    if facility_ids is not None:
        relationships = relationships.filter(facility_id__in=facility_ids)
    facility_ids_q = relationships.values("facility_id")
    tiers = dict(relationships.values("facility_id").annotate(t=Min("tier")).values_list("facility_id", "t"))
    facilities = {
        f.pk: f
        for f in Facility.objects.filter(pk__in=facility_ids_q).only(
            "id", "public_id", "name", "native_name", "country_id", "number_of_workers"
        )
    }
    sectors: dict[int, list[str]] = defaultdict(list)
    for facility_id, sector in Facility.sectors.through.objects.filter(
        facility_id__in=facility_ids_q
    ).values_list("facility_id", "sector_id"):
        sectors[facility_id].append(sector)
    countries = {f.country_id for f in facilities.values()}
    not_ratified: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for country, code, url in Ratification.objects.filter(
        country_id__in=countries, ratified=False
    ).values_list("country_id", "convention__code", "source_url"):
        not_ratified[country].append((code, url))
    gaps: dict[tuple[str, str], list[str]] = defaultdict(list)
    for country, column in LAW_COLUMNS.items():
        if country in countries:
            for topic, key in CoherenceGap.objects.filter(column=column, severity="gap").values_list(
                "topic__code", "key"
            ):
                gaps[(country, topic)].append(key)

    assessments: dict[int, FacilityAssessment] = {}
    for facility_id, facility in facilities.items():
        group = sector_group(sectors.get(facility_id, []))
        issues: dict[str, IssueRisk] = {}
        scope_default = (
            2.0 if (facility.number_of_workers or 0) >= w["scope"]["large_facility_workers"] else 1.0
        )
        for code, spec in w["issues"].items():
            issue = IssueRisk(
                issue=code,
                scale=float(spec["scale"]),
                irremediable=float(spec["irremediable"]),
                scope=scope_default,
            )
            if group is not None:
                risk = group[1]["risks"].get(code)
                issue.baseline = float(risk["baseline"]) if risk else 0.0
                if risk:
                    issue.reasons.append(
                        {
                            "issue": code,
                            "kind": "sector",
                            "points": issue.baseline,
                            "sector": group[0],
                            "source": risk["provision"],
                        }
                    )
            elif code != "grievance":
                issue.baseline = float(w["default_sector_baseline"])
            gap = 0.0
            for convention in spec.get("conventions") or []:
                for not_code, url in not_ratified.get(facility.country_id, []):
                    if not_code == convention:
                        gap += w["legal_gap"]["per_convention_not_ratified"]
                        issue.reasons.append(
                            {
                                "issue": code,
                                "kind": "not_ratified",
                                "convention": convention,
                                "country": facility.country_id,
                                "source": url,
                                "points": w["legal_gap"]["per_convention_not_ratified"],
                            }
                        )
            for key in gaps.get((facility.country_id, code), []):
                gap += w["legal_gap"]["coherence_gap"]
                issue.reasons.append(
                    {
                        "issue": code,
                        "kind": "coherence_gap",
                        "key": key,
                        "country": facility.country_id,
                        "points": w["legal_gap"]["coherence_gap"],
                    }
                )
            issue.legal_gap = min(gap, w["legal_gap"]["cap"])
            issues[code] = issue
        assessment = FacilityAssessment(
            facility_id=facility_id,
            public_id=facility.public_id,
            name=facility.name,
            country_id=facility.country_id,
            tier=tiers.get(facility_id, 1),
            issues=issues,
        )
        if group is None:
            assessment.reasons.append(
                {"issue": "", "kind": "sector_unknown", "points": w["default_sector_baseline"]}
            )
        assessments[facility_id] = assessment

    evidence_seen: set[int] = set()

    # payroll checks: the latest finished check per facility that the buyer may see
    checks = ComplianceCheck.objects.filter(
        ComplianceCheck.scope_q(user=None, org_ids={organisation.pk}),
        status=ComplianceCheck.Status.DONE,
        facility_id__in=facility_ids_q,
    )
    latest: dict[int, int] = {}
    for facility_id, check_id in checks.order_by("-created_at", "-id").values_list("facility_id", "id"):
        latest.setdefault(facility_id, check_id)
    wanted = sorted(latest.values())
    for start in range(0, len(wanted), 500):
        for check in ComplianceCheck.objects.filter(pk__in=wanted[start : start + 500]).only(
            "id", "facility_id", "summary", "worker_count", "period_end", "created_at"
        ):
            assessment = assessments[check.facility_id]
            evidence_seen.add(check.facility_id)
            workers = int(check.worker_count or 0) or 1
            for code, figures in ((check.summary or {}).get("by_code") or {}).items():
                affected = int((figures or {}).get("workers") or 0)
                issue_code = w["payroll_codes"].get(code)
                if not affected or issue_code is None:
                    continue
                issue = assessment.issues[issue_code]
                severity = SEVERITY.get(code, "low")
                issue.actual = issue.actual or severity in ("high", "medium")
                issue.scope = max(issue.scope, _scope_from_share(affected / workers))
                when = check.period_end or check.created_at.date()
                _add(
                    issue,
                    "payroll",
                    0.0,
                    code=code,
                    workers=affected,
                    of=workers,
                    severity=severity,
                    date=str(when),
                    check_id=check.pk,
                )

    # audit reports (their date and auditor named; older reports count less)
    for report in AuditReport.objects.filter(
        AuditReport.scope_q(user=None, org_ids={organisation.pk}), facility_id__in=facility_ids_q
    ).only("id", "facility_id", "auditor", "audit_date", "findings"):
        old = (today - report.audit_date).days > ev["audit_older_than_days"]
        factor = ev["audit_old_factor"] if old else 1.0
        for finding in report.findings or []:
            code = finding.get("issue")
            if code not in assessments[report.facility_id].issues:
                continue
            evidence_seen.add(report.facility_id)
            issue = assessments[report.facility_id].issues[code]
            severity = finding.get("severity", "low")
            if severity == "high" and not old:
                issue.actual = True
            _add(
                issue,
                "audit",
                ev.get(f"audit_{severity}", ev["audit_low"]) * factor,
                auditor=report.auditor,
                date=str(report.audit_date),
                severity=severity,
                old=old,
            )

    # self-assessment gaps (submitted answers the supplier shared with this buyer)
    saq: dict[tuple[int, str], float] = defaultdict(float)
    for answer in (
        Answer.objects.filter(
            Answer.scope_q(user=None, org_ids={organisation.pk}),
            submitted=True,
            facility_id__in=facility_ids_q,
        )
        .exclude(question__expected="")
        .select_related("question")
    ):
        if not answer.is_gap or answer.question.topic_code not in assessments[answer.facility_id].issues:
            continue
        evidence_seen.add(answer.facility_id)
        saq_key = (answer.facility_id, answer.question.topic_code)
        amount = min(ev["saq_gap"], ev["saq_cap"] - saq[saq_key])
        saq[saq_key] += amount
        _add(
            assessments[answer.facility_id].issues[answer.question.topic_code],
            "saq_gap",
            amount,
            question=answer.question.code,
            provisions=answer.question.provisions,
        )

    # grievances opened to buyers, last 365 days (counts only: no text, no case code)
    counts: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])
    for grievance in grievances_of_facilities(
        organisation_id=organisation.pk, facility_ids=facility_ids_q, since=now - datetime.timedelta(days=365)
    ).only("id", "facility_id", "category", "retaliation", "status"):
        evidence_seen.add(grievance.facility_id)
        entry = counts[(grievance.facility_id, grievance.topic_code)]
        entry[0] += 1
        entry[1] += int(grievance.retaliation)
    for (facility_id, topic), (n, retaliation) in counts.items():
        found = assessments[facility_id].issues.get(topic)
        if found is None:
            continue
        issue = found
        _add(issue, "grievance", min(n * ev["grievance"], ev["grievance_cap"]), cases=n)
        if retaliation:
            issue.scale = min(3.0, issue.scale + 1)
            issue.reasons.append({"issue": topic, "kind": "retaliation", "cases": retaliation, "points": 0})

    # open corrective actions (payroll actions of shared checks, and the buyer's action items)
    open_actions: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])
    for facility_id, code, due in CorrectiveAction.objects.filter(
        CorrectiveAction.scope_q(user=None, org_ids={organisation.pk}),
        compliance_check__facility_id__in=facility_ids_q,
        status__in=[CorrectiveAction.Status.OPEN, CorrectiveAction.Status.IN_PROGRESS],
    ).values_list("compliance_check__facility_id", "finding_code", "due_date"):
        topic = w["payroll_codes"].get(code)
        if topic:
            open_actions[(facility_id, topic)][0] += 1
            open_actions[(facility_id, topic)][1] += int(due < today)
    for facility_id, topic, due in ActionItem.objects.filter(
        organisation=organisation,
        facility_id__in=facility_ids_q,
        status__in=[ActionItem.Status.OPEN, ActionItem.Status.IN_PROGRESS],
    ).values_list("facility_id", "issue", "deadline"):
        open_actions[(facility_id, topic)][0] += 1
        open_actions[(facility_id, topic)][1] += int(due < today)
    for (facility_id, topic), (n, overdue) in open_actions.items():
        found = assessments[facility_id].issues.get(topic)
        if found is not None:
            evidence_seen.add(facility_id)
            _add(
                found,
                "open_actions",
                (n - overdue) * ev["open_action"] + overdue * ev["overdue_action"],
                open=n,
                overdue=overdue,
            )

    # trainings attended by the facility's staff (mitigation)
    for facility_id, by_topic in facility_training_topics(facility_ids=list(facilities)).items():
        for topic, n in by_topic.items():
            found = assessments[facility_id].issues.get(topic)
            if found is None:
                continue
            issue = found
            amount = max(n * ev["training_mitigation"], ev["training_cap"])
            issue.mitigation += amount
            issue.reasons.append({"issue": topic, "kind": "training", "trainings": n, "points": amount})

    for facility_id, assessment in assessments.items():
        if facility_id not in evidence_seen:
            assessment.reasons.append({"issue": "", "kind": "no_evidence", "points": 0})
    ordered = sorted(
        assessments.values(),
        key=lambda a: priority_key(a.score, a.worst.severity, a.worst.likelihood, a.name, a.facility_id),
    )
    for rank, assessment in enumerate(ordered, start=1):
        assessment.priority = rank
    return ordered


def priority_key(
    score: float, severity: float, likelihood: float, name: str, facility_id: int
) -> tuple[Any, ...]:
    """Priority order (CSDDD art. 9(2); OECD DDG step 2): score, then severity, then likelihood."""
    return (-score, -severity, -likelihood, name, facility_id)


def facility_filter_q(*, tier: int | None = None, country: str = "", issue: str = "", level: str = "") -> Q:
    q = Q()
    if tier:
        q &= Q(tier=tier)
    if country:
        q &= Q(country_id=country.upper()[:2])
    if issue:
        q &= Q(issue_codes__contains=f",{issue},")
    if level:
        q &= Q(level=level)
    return q


__all__ = [
    "FacilityAssessment",
    "IssueRisk",
    "facility_filter_q",
    "level_of",
    "method_version",
    "risk_assess",
]


def register_changed_facilities(*, organisation: Organisation, since: datetime.datetime) -> list[int]:
    """Register facilities with evidence the buyer may see that is newer than `since`."""
    facility_ids = register_facilities(organisation).values("facility_id")
    org = {organisation.pk}
    changed: set[int] = set()
    changed.update(
        ComplianceCheck.objects.filter(
            ComplianceCheck.scope_q(user=None, org_ids=org),
            facility_id__in=facility_ids,
            status=ComplianceCheck.Status.DONE,
        )
        .filter(Q(completed_at__gt=since) | Q(created_at__gt=since))
        .values_list("facility_id", flat=True)
    )
    changed.update(
        CorrectiveAction.objects.filter(
            CorrectiveAction.scope_q(user=None, org_ids=org),
            compliance_check__facility_id__in=facility_ids,
            updated_at__gt=since,
        ).values_list("compliance_check__facility_id", flat=True)
    )
    changed.update(
        grievances_of_facilities(
            organisation_id=organisation.pk, facility_ids=facility_ids, since=since
        ).values_list("facility_id", flat=True)
    )
    changed.update(
        AuditReport.objects.filter(
            AuditReport.scope_q(user=None, org_ids=org), facility_id__in=facility_ids, created_at__gt=since
        ).values_list("facility_id", flat=True)
    )
    changed.update(
        Answer.objects.filter(
            Answer.scope_q(user=None, org_ids=org), facility_id__in=facility_ids, updated_at__gt=since
        ).values_list("facility_id", flat=True)
    )
    changed.update(
        ActionItem.objects.filter(organisation=organisation, facility_id__in=facility_ids)
        .filter(Q(created_at__gt=since) | Q(closed_at__gt=since))
        .values_list("facility_id", flat=True)
    )
    known = set(RiskEntry.objects.filter(organisation=organisation).values_list("facility_id", flat=True))
    current = set(register_facilities(organisation).values_list("facility_id", flat=True))
    changed.update(current ^ known)  # facilities new to the register, and those no longer in it
    return sorted(changed)
