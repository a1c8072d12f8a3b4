"""Grievances have no reference data. The demo files two cases through the channel: one at the demo supplier's
facility, answered and closed with a remedy by the demo buyer (follow it on /grievances/track/ with the code and
secret below), and one at another supplier, still waiting for its acknowledgement."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

DEMO_CASE = "G-DEMO-2026"
DEMO_SECRET = "demo-secret-2026"  # noqa: S105 - the demo case's published secret, so the demo can be followed
DEMO_OPEN_CASE = "G-DEMO-OPEN"


def seed_reference(out: Any) -> None:
    out.write("  grievances: no reference data")


@transaction.atomic
def seed_demo(out: Any) -> None:
    from django.contrib.auth import get_user_model

    from rsca.grievances.models import Grievance
    from rsca.grievances.services import grievance_close, grievance_reply, grievance_submit, secret_hash
    from rsca.supplychain.models import Facility

    buyer_user = get_user_model().objects.filter(username="buyer").first()
    huayang = Facility.objects.filter(claimed_by__slug="huayang-precision").order_by("id").first()
    if buyer_user is None or huayang is None:
        out.write("  grievances demo: skipped (no demo buyer or facilities)")
        return
    other = (
        Facility.objects.filter(relationships__buyer__slug="example-electronics-brand")
        .exclude(pk=huayang.pk)
        .order_by("id")
        .first()
    )
    if other is None:
        out.write("  grievances demo: skipped (no demo buyer or facilities)")
        return
    if Grievance.objects.filter(case_code=DEMO_CASE).exists():
        out.write("  grievances demo: already there")
        return
    received = timezone.now() - datetime.timedelta(days=40)
    grievance, _secret = grievance_submit(
        facility_public_id=huayang.public_id,
        category="working-time",
        language="zh-hans",
        description="旺季每天加班到晚上十点，周日也要上班，已经连续三个星期没有休息日了。",
        now=received,
        visible_to_facility=True,
        visible_to_buyers=True,
        visible_to_programme=True,
    )
    Grievance.objects.filter(pk=grievance.pk).update(
        case_code=DEMO_CASE, secret_hash=secret_hash(DEMO_SECRET)
    )
    grievance.refresh_from_db()
    grievance_reply(
        grievance=grievance,
        by=buyer_user,
        body="Thank you. We have asked the factory for the time records of the last two months.",
    )
    grievance_close(
        grievance=grievance,
        by=buyer_user,
        outcome="remedied",
        remedy="工厂已恢复每周至少一天休息日，旺季加班按每月不超过36小时安排，并补发了未足额支付的加班费。"
        " The factory restored a weekly rest day, capped overtime at 36 hours a month and paid "
        "the overtime premium owed.",
    )
    opened = timezone.now() - datetime.timedelta(days=10)
    second, _secret = grievance_submit(
        facility_public_id=other.public_id,
        category="harassment",
        language="zh-hans",
        description="车间主管经常对女工说侮辱性的话，大家不敢投诉。",
        now=opened,
        retaliation=True,
        visible_to_facility=False,
        visible_to_buyers=True,
        visible_to_programme=True,
    )
    Grievance.objects.filter(pk=second.pk).update(case_code=DEMO_OPEN_CASE)
    out.write(
        f"  grievances demo: {DEMO_CASE} closed with a remedy (secret {DEMO_SECRET}), {DEMO_OPEN_CASE} open"
    )
