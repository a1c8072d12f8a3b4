"""Reference: the self-assessment questionnaire templates (`data/questionnaires.yaml`, every cited provision checked
against the standards knowledge base). Demo: a due-diligence cycle for the demo buyer (example-electronics-brand):
a labour-practice questionnaire answered by the demo supplier (two gaps) and shared, the same answers reused for
the programme's request, an audit report, corrective actions closed, open and overdue, the buyer's own
responsible-purchasing commitment, and the risk register computed twice (two months apart) for the trend."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

DEMO_ANSWERS = {
    "lp-age-verification": ("yes", "身份证核验并存档复印件"),
    "lp-documents-retained": ("no", ""),
    "lp-recruitment-fees": ("no", ""),
    "lp-equal-treatment": ("yes", ""),
    "lp-minimum-wage": ("yes", ""),
    "lp-overtime-limit": ("no", "旺季（9–11月）加班超过每月36小时"),
    "lp-contracts": ("yes", ""),
    "lp-osh-committee": ("yes", ""),
    "lp-worker-representation": ("no", "工会委员会由管理层指定"),
    "lp-grievance-channel": ("yes", "工厂张贴了申诉渠道二维码"),
}


def seed_reference(out: Any) -> None:
    from rsca.duediligence.questionnaires import questionnaire_templates_load

    loaded = questionnaire_templates_load()
    out.write(
        f"  due diligence: {len(loaded)} questionnaire templates "
        f"({sum(q.questions.count() for q in loaded)} questions)"
    )


@transaction.atomic
def seed_demo(out: Any) -> None:
    from django.contrib.auth import get_user_model

    from rsca.core.audit import acting_as
    from rsca.core.models import Organisation
    from rsca.duediligence.models import ActionItem, AuditReport, Questionnaire, RiskSnapshot
    from rsca.duediligence.questionnaires import (
        action_from_gap,
        answers_save,
        questionnaire_send,
        questionnaire_share,
    )
    from rsca.duediligence.services import (
        action_item_create,
        action_item_update,
        action_items_escalate,
        risk_register_compute,
    )
    from rsca.supplychain.models import Facility

    users = get_user_model().objects
    buyer_user, supplier_user, officer = (
        users.filter(username=n).first() for n in ("buyer", "supplier", "officer")
    )
    buyer = Organisation.objects.filter(slug="example-electronics-brand").first()
    huayang = Facility.objects.filter(claimed_by__slug="huayang-precision").order_by("id").first()
    if buyer_user is None or supplier_user is None or officer is None or buyer is None or huayang is None:
        out.write("  due diligence demo: skipped (demo buyer, supplier or facilities missing)")
        return
    others = list(
        Facility.objects.filter(relationships__buyer=buyer).exclude(pk=huayang.pk).order_by("id")[:2]
    )
    if len(others) < 2:
        out.write("  due diligence demo: skipped (demo buyer, supplier or facilities missing)")
        return
    if RiskSnapshot.objects.filter(organisation=buyer).exists():
        out.write("  due diligence demo: already there")
        return
    today = timezone.localdate()
    with acting_as(buyer_user):
        risk_register_compute(organisation=buyer, now=timezone.now() - datetime.timedelta(days=60))
    questionnaire = Questionnaire.objects.get(code="labour-practice", version="2026.1")
    request = questionnaire_send(
        questionnaire=questionnaire,
        facility=huayang,
        organisation=buyer,
        by=buyer_user,
        due_date=today - datetime.timedelta(days=20),
    )
    programme_request = questionnaire_send(
        questionnaire=questionnaire, facility=huayang, organisation=None, by=officer
    )
    values = {code: value for code, (value, _comment) in DEMO_ANSWERS.items()}
    comments = {code: comment for code, (_value, comment) in DEMO_ANSWERS.items() if comment}
    answers_save(
        request=request,
        by=supplier_user,
        values=values,
        comments=comments,
        files={},
        language="zh-hans",
        submit=True,
    )
    questionnaire_share(request=programme_request, by=supplier_user)  # answer once, share many
    request.refresh_from_db()
    overtime = action_from_gap(
        request=request,
        question_code="lp-overtime-limit",
        by=buyer_user,
        owner="HR manager, Huayang",
        deadline=today + datetime.timedelta(days=45),
    )
    action_item_update(
        item=overtime,
        by=buyer_user,
        buyer_commitment=(
            "Order forecasts shared 12 weeks ahead; no order changes inside 4 weeks of shipment in the peak season."
        ),
    )
    action_item_update(
        item=overtime,
        by=supplier_user,
        status=ActionItem.Status.IN_PROGRESS,
        evidence_note="Second shift hired for September to November.",
    )
    action_from_gap(
        request=request,
        question_code="lp-worker-representation",
        by=buyer_user,
        owner="General manager, Huayang",
        deadline=today - datetime.timedelta(days=5),
    )
    AuditReport.objects.get_or_create(
        facility=others[0],
        organisation=buyer,
        auditor="Example Social Audit Services Ltd.",
        audit_date=today - datetime.timedelta(days=75),
        scheme="RBA VAP (demo)",
        defaults={
            "findings": [
                {
                    "issue": "osh",
                    "severity": "medium",
                    "text": "Emergency exit on floor 3 blocked by cartons",
                },
                {
                    "issue": "working-time",
                    "severity": "high",
                    "text": "Weekly hours above 60 for 20% of the sample",
                },
            ]
        },
    )
    exit_item = action_item_create(
        organisation=buyer,
        facility=others[0],
        source=ActionItem.Source.AUDIT,
        issue="osh",
        description="Clear and mark the emergency exit on floor 3; daily check by the shift leader.",
        owner="EHS officer",
        deadline=today - datetime.timedelta(days=30),
        by=buyer_user,
        source_ref="Example Social Audit Services Ltd.",
    )
    ActionItem.objects.filter(pk=exit_item.pk).update(created_at=timezone.now() - datetime.timedelta(days=70))
    action_item_update(
        item=exit_item,
        by=buyer_user,
        status=ActionItem.Status.DONE,
        evidence_note="Photos of the cleared exit; follow-up visit.",
    )
    action_item_update(item=exit_item, by=buyer_user, status=ActionItem.Status.VERIFIED)
    ActionItem.objects.filter(pk=exit_item.pk).update(closed_at=timezone.now() - datetime.timedelta(days=35))
    action_item_create(
        organisation=buyer,
        facility=others[1],
        source=ActionItem.Source.GRIEVANCE,
        issue="gender",
        description="Independent investigation of the harassment complaint; "
        "anti-harassment training for supervisors.",
        owner="Buyer's responsible sourcing team",
        deadline=today + datetime.timedelta(days=30),
        by=buyer_user,
        source_ref="G-DEMO-OPEN",
    )
    with acting_as(buyer_user):
        action_items_escalate()
        risk_register_compute(organisation=buyer)
    out.write(
        f"  due diligence demo: questionnaire score {request.score}, gaps {len(request.gaps)}, "
        f"{ActionItem.objects.filter(organisation=buyer).count()} actions, register computed twice"
    )
