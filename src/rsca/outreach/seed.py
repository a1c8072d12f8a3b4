"""Outreach seed data.

Reference: none. The programme documents name events (forums, dialogues, signings), which the training
app seeds as activities; what was discussed at them and what was agreed is not in the documents, so no
dialogue record is invented. Demo: two fictional dialogue records with follow-ups.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from rsca.core.models import Organisation
from rsca.outreach.models import Dialogue, FollowUp
from rsca.training.models import Activity


def seed_reference(out: Any) -> None:
    out.write("  outreach: no reference records (dialogue records are kept by their users)")


DEMO_DIALOGUES: list[dict[str, Any]] = [
    {
        "title_en": "Demo: consultation with suppliers on overtime reporting",
        "title_zh": "演示：与供应商就加班申报进行磋商",
        "kind": "consultation",
        "held_on": datetime.date(2025, 9, 18),
        "place_id": "320500",
        # Names a supplier in a consultation on overtime: kept for the programme team and that supplier.
        "is_public": False,
        "summary_en": "Fictional record. Suppliers described how overtime is recorded and asked for a simple "
        "template for monthly overtime totals.",
        "summary_zh": "虚构记录。供应商介绍了加班记录方式，并希望获得一个简便的月度加班汇总模板。",
        "organisations": ["huayang-precision"],
        "activity": "demo-working-time-wages-training",
        "follow_ups": [
            ("Share a monthly overtime summary template", "分享月度加班汇总模板", 30, "done"),
            (
                "Invite suppliers to the occupational safety and health workshop",
                "邀请供应商参加职业安全与健康研讨会",
                60,
                "open",
            ),
        ],
    },
    {
        "title_en": "Demo: internal planning meeting with a buyer on supplier training",
        "title_zh": "演示：与采购商就供应商培训召开的内部规划会议",
        "kind": "meeting",
        "held_on": datetime.date(2025, 10, 9),
        "place_id": "440300",
        "is_public": False,
        "summary_en": "Fictional record kept by the programme team: the buyer proposed nominating ten suppliers "
        "for the next training.",
        "summary_zh": "项目团队保存的虚构记录：采购商提议为下一期培训推荐十家供应商。",
        "organisations": ["example-electronics-brand"],
        "activity": None,
        "follow_ups": [("Receive the list of nominated suppliers", "接收推荐供应商名单", 21, "in_progress")],
    },
]


@transaction.atomic
def seed_demo(out: Any) -> None:
    for spec in DEMO_DIALOGUES:
        activity = Activity.objects.filter(slug=spec["activity"]).first() if spec["activity"] else None
        dialogue, _created = Dialogue.objects.update_or_create(
            title_en=spec["title_en"],
            owner=None,
            defaults={
                "title_zh": spec["title_zh"],
                "kind": spec["kind"],
                "held_on": spec["held_on"],
                "place_id": spec["place_id"],
                "is_public": spec["is_public"],
                "summary_en": spec["summary_en"],
                "summary_zh": spec["summary_zh"],
                "activity": activity,
            },
        )
        dialogue.organisations.set(Organisation.objects.filter(slug__in=spec["organisations"]))
        for action_en, action_zh, days, status in spec["follow_ups"]:
            FollowUp.objects.update_or_create(
                dialogue=dialogue,
                action_en=action_en,
                defaults={
                    "action_zh": action_zh,
                    "due_on": spec["held_on"] + datetime.timedelta(days=days),
                    "status": status,
                    "completed_on": spec["held_on"] + datetime.timedelta(days=days - 5)
                    if status == "done"
                    else None,
                },
            )
    out.write(f"  demo dialogue records: {len(DEMO_DIALOGUES)}")
