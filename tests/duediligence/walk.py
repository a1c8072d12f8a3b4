from __future__ import annotations

import datetime
from typing import Any


def walk_samples(*, org_a: Any, user_a: Any) -> dict[str, Any]:
    from rsca.duediligence.models import ActionItem, Answer, Questionnaire, QuestionnaireRequest, RiskEntry
    from rsca.supplychain.models import Facility, SupplyRelationship

    facility = Facility.objects.create(
        name="Walk register facility", address="3 Test Road, Suzhou", country_id="CN", division_id="320500"
    )
    SupplyRelationship.objects.create(buyer=org_a, facility=facility, notes="")
    entry = RiskEntry.objects.create(
        organisation=org_a,
        facility=facility,
        score=80,
        level="high",
        severity=2.7,
        likelihood=5,
        priority=1,
        issue_codes=",wages,",
        issues=[
            {
                "issue": "wages",
                "score": 80,
                "level": "high",
                "severity": 2.7,
                "likelihood": 5,
                "actual": True,
                "severity_parts": {},
                "likelihood_parts": {},
            }
        ],
        reasons=[
            {
                "issue": "wages",
                "kind": "audit",
                "auditor": "WALKSECRET-A-auditor",
                "date": "2026-01-01",
                "severity": "high",
                "points": 5,
            }
        ],
        weights_version="walk",
    )
    item = ActionItem.objects.create(
        organisation=org_a,
        facility=facility,
        source="audit",
        issue="wages",
        description="WALKSECRET-A-action-item",
        owner="WALKSECRET-A-owner",
        deadline=datetime.date(2026, 6, 30),
    )
    supplied = Facility.objects.create(
        name="Walk supplier facility",
        address="4 Test Road, Suzhou",
        country_id="CN",
        division_id="320500",
        claimed_by=org_a,
    )
    questionnaire = Questionnaire.objects.get(code="labour-practice", version="2026.1")
    request = QuestionnaireRequest.objects.create(
        questionnaire=questionnaire, facility=supplied, requested_by=org_a
    )
    Answer.objects.create(
        facility=supplied,
        question=questionnaire.questions.first(),
        value="no",
        comment="WALKSECRET-A-answer-comment",
    )
    return {
        "params": {
            "duediligence:questionnaire_answer": {"request_id": request.pk},
            "duediligence:register_entry": {"entry_id": entry.pk},
            "duediligence:audit_add": {"entry_id": entry.pk},
            "duediligence:report_download": {"fmt": "json"},
            "duediligence:action_update": {"item_id": item.pk},
        },
        "api_params": {},
        "markers": [
            "WALKSECRET-A-answer-comment",
            "WALKSECRET-A-auditor",
            "WALKSECRET-A-action-item",
            "WALKSECRET-A-owner",
        ],
    }
