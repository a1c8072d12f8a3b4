from __future__ import annotations

import datetime
from typing import Any


def walk_samples(*, org_a: Any, user_a: Any) -> dict[str, Any]:
    from rsca.compliance.models import ComplianceCheck, CorrectiveAction, Finding, WorkerSummary
    from rsca.supplychain.models import Facility

    facility = Facility.objects.create(
        name="Walk facility",
        address="1 Test Road, Shenzhen",
        country_id="CN",
        division_id="440300",
        claimed_by=org_a,
    )
    check = ComplianceCheck.objects.create(
        facility=facility,
        organisation=org_a,
        uploaded_by=user_a,
        label="WALKSECRET-A-check",
        jurisdiction="CN-440300",
        status=ComplianceCheck.Status.DONE,
        period_start=datetime.date(2025, 3, 1),
        period_end=datetime.date(2025, 3, 31),
        worker_count=1,
        finding_count=1,
        summary={
            "workers": 1,
            "findings": 1,
            "by_code": {},
            "period": {"start": "2025-03-01", "end": "2025-03-31"},
        },
    )
    Finding.objects.create(
        upload=check,
        code="below_minimum_wage",
        detail="base_pay_for_normal_hours",
        worker="W-walk-a-0001",
        department="WALKSECRET-A-dept",
        period_start=datetime.date(2025, 3, 1),
        period_end=datetime.date(2025, 3, 31),
        measured=2000,
        limit=2520,
        unit="CNY",
        standard="national_law",
        severity="high",
        provisions=[{"instrument": "CN-MINIMUM-WAGE-2004", "reference": "art. 12", "title": "", "url": ""}],
    )
    WorkerSummary.objects.create(
        upload=check,
        worker="W-walk-a-0001",
        department="WALKSECRET-A-dept",
        weekly_hours={"2025-03-03": 40.0},
    )
    action = CorrectiveAction.objects.create(
        compliance_check=check,
        finding_code="below_minimum_wage",
        findings_covered=1,
        workers_covered=1,
        root_cause="WALKSECRET-A-root-cause",
        action="WALKSECRET-A-action",
        responsible="WALKSECRET-A-person",
        due_date=datetime.date(2025, 6, 30),
    )
    action.events.create(status="open", note="WALKSECRET-A-action-note")
    return {
        "params": {
            "compliance:action_create": {"check_id": check.pk},
            "compliance:action_detail": {"action_id": action.pk},
            "compliance:action_confirm": {"action_id": action.pk},
            "compliance:upload": {"facility_id": facility.pk},
            "compliance:check_detail": {"check_id": check.pk},
            "compliance:check_export": {"check_id": check.pk},
            "compliance:check_share": {"check_id": check.pk},
            "compliance:worker_detail": {"check_id": check.pk, "worker": "W-walk-a-0001"},
        },
        "api_params": {
            "/api/v1/compliance/checks/{check_id}/actions": {"check_id": check.pk},
            "/api/v1/compliance/actions/{action_id}": {"action_id": action.pk},
            "/api/v1/compliance/actions/{action_id}/confirm": {"action_id": action.pk},
            "/api/v1/compliance/checks/{check_id}": {"check_id": check.pk},
            "/api/v1/compliance/checks/{check_id}/findings": {"check_id": check.pk},
            "/api/v1/compliance/checks/{check_id}/share": {"check_id": check.pk},
            "/api/v1/compliance/checks/{check_id}/workers/{worker_id}": {
                "check_id": check.pk,
                "worker_id": "W-walk-a-0001",
            },
            "/api/v1/compliance/facilities/{facility_id}/checks": {"facility_id": facility.pk},
        },
        "markers": [
            "WALKSECRET-A-check",
            "WALKSECRET-A-dept",
            "WALKSECRET-A-root-cause",
            "WALKSECRET-A-action",
            "WALKSECRET-A-person",
            "WALKSECRET-A-action-note",
        ],
    }
