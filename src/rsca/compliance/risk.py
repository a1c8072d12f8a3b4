"""Facility risk from compliance checks: the rule behind `supplychain.selectors.FacilityRisk`.

Supply chain shows risk but sits below compliance, so this module is registered as its risk source when the
compliance app is loaded (see `ComplianceConfig.ready`).
"""

from __future__ import annotations

from typing import Any

from rsca.compliance.engine import SEVERITY
from rsca.compliance.models import CODE_LABELS, ComplianceCheck
from rsca.compliance.selectors import check_list
from rsca.core.models import Organisation
from rsca.supplychain.selectors import HIGH_SHARE, FacilityRisk

_BATCH = 500


def risk_from_check(check: ComplianceCheck) -> FacilityRisk:
    """The risk level one finished check gives (the rule is documented on `FacilityRisk`)."""
    summary = check.summary or {}
    by_code = summary.get("by_code") or {}
    affected = {code: int((figures or {}).get("workers") or 0) for code, figures in by_code.items()}
    high = tuple(sorted(c for c, n in affected.items() if n and SEVERITY.get(c) == "high"))
    medium = tuple(sorted(c for c, n in affected.items() if n and SEVERITY.get(c) == "medium"))
    risk = FacilityRisk(
        check_id=check.pk,
        checked_on=check.period_end or check.created_at,
        workers=int(check.worker_count or summary.get("workers") or 0),
        workers_with_findings=int(summary.get("workers_with_findings") or 0),
        high_codes=high,
        medium_codes=medium,
    )
    if high or (risk.workers and risk.share >= HIGH_SHARE):
        risk.level = "high"
    elif medium:
        risk.level = "medium"
    else:
        risk.level = "low"
    return risk


class ComplianceRiskSource:
    """Risk per facility from the latest finished check the user (and, when given, the organisation) may see."""

    def risks(
        self, *, user: Any, facility_ids: Any, organisation: Organisation | None
    ) -> dict[int, FacilityRisk]:
        checks = check_list(user=user).filter(
            facility_id__in=facility_ids, status=ComplianceCheck.Status.DONE
        )
        if organisation is not None:
            checks = checks.filter(ComplianceCheck.scope_q(user=user, org_ids={organisation.pk}))
        latest: dict[int, int] = {}
        for facility_id, check_id in checks.order_by("-created_at", "-id").values_list("facility_id", "id"):
            latest.setdefault(facility_id, check_id)
        risks: dict[int, FacilityRisk] = {}
        wanted = sorted(latest.values())
        for start in range(0, len(wanted), _BATCH):
            for check in ComplianceCheck.objects.filter(pk__in=wanted[start : start + _BATCH]).only(
                "id", "facility_id", "summary", "worker_count", "period_end", "created_at"
            ):
                risks[check.facility_id] = risk_from_check(check)
        return risks

    def code_labels(self, codes: tuple[str, ...]) -> list[str]:
        return [str(CODE_LABELS.get(code, code)) for code in codes]
