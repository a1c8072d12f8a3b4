from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from rsca.training.models import Activity


@pytest.fixture
def upcoming(db: Any) -> Activity:
    start = timezone.localdate() + datetime.timedelta(days=20)
    return Activity.objects.create(
        slug="test-upcoming-seminar",
        kind="seminar",
        title_en="Test seminar on working hours",
        title_zh="工时测试研讨会",
        start_date=start,
        end_date=start + datetime.timedelta(days=2),
        date_precision="day",
        capacity=2,
        registration_open=True,
        is_published=True,
        place_id="440300",
    )


@pytest.fixture
def past(db: Any) -> Activity:
    return Activity.objects.create(
        slug="test-past-training",
        kind="training",
        title_en="Past training on wages",
        title_zh="工资培训",
        start_date=datetime.date(2025, 5, 6),
        end_date=datetime.date(2025, 5, 7),
        date_precision="day",
        is_published=True,
        place_id="320500",
    )


@pytest.fixture
def private_activity(db: Any, org_a: Any) -> Activity:
    return Activity.objects.create(
        slug="org-a-private-workshop",
        kind="workshop",
        title_en="Organisation A internal workshop",
        start_date=datetime.date(2025, 6, 1),
        end_date=datetime.date(2025, 6, 1),
        date_precision="day",
        is_published=False,
        owner=org_a,
    )
