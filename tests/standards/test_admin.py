"""Staff edit thresholds in the admin; every change is in the audit log; bad values are refused."""

from __future__ import annotations

import pytest

from rsca.core.models import AuditEvent
from rsca.standards.models import Threshold

pytestmark = pytest.mark.django_db


def _form_data(threshold: Threshold, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "parameter": threshold.parameter,
        "standard": threshold.standard,
        "jurisdiction": threshold.jurisdiction_id or "",
        "instrument": threshold.instrument_id or "",
        "value": str(threshold.value),
        "unit": threshold.unit,
        "currency": threshold.currency,
        "variant_en": threshold.variant_en,
        "variant_zh": threshold.variant_zh,
        "effective_from": threshold.effective_from.isoformat(),
        "effective_until": threshold.effective_until.isoformat() if threshold.effective_until else "",
        "provisions": [p.pk for p in threshold.provisions.all()],
        "source_url": threshold.source_url,
        "checked_on": threshold.checked_on.isoformat() if threshold.checked_on else "",
        "confirmed": "on" if threshold.confirmed else "",
        "note_en": threshold.note_en,
        "note_zh": threshold.note_zh,
    }
    data.update(changes)
    return data


def test_staff_edit_a_threshold_and_the_change_is_audited(client, staff_user):
    client.force_login(staff_user)
    threshold = Threshold.objects.get(jurisdiction__code="CN-ZJ", parameter="minimum_wage_monthly")
    response = client.post(
        f"/admin/standards/threshold/{threshold.pk}/change/",
        _form_data(threshold, value="2500", note_en="Corrected after review."),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    threshold.refresh_from_db()
    assert threshold.value == 2500
    event = AuditEvent.objects.filter(
        target_type="standards.threshold", target_id=str(threshold.pk), action="update"
    ).latest("at")
    assert event.actor == staff_user
    assert event.changes["value"][0] == "2490.0000" and float(event.changes["value"][1]) == 2500
    # resolution sees the correction at once (the in-memory snapshot is versioned by the data)
    from datetime import date

    from rsca.standards.selectors import threshold_in_force

    assert (
        threshold_in_force(
            jurisdiction="CN-330100", parameter="minimum_wage_monthly", on=date(2025, 1, 1)
        ).value
        == 2500
    )


def test_the_admin_refuses_a_wage_without_currency(client, staff_user):
    client.force_login(staff_user)
    threshold = Threshold.objects.get(jurisdiction__code="CN-ZJ", parameter="minimum_wage_monthly")
    response = client.post(
        f"/admin/standards/threshold/{threshold.pk}/change/", _form_data(threshold, currency="")
    )
    assert response.status_code == 200
    assert "ISO 4217" in response.content.decode()
    threshold.refresh_from_db()
    assert threshold.currency == "CNY"


@pytest.mark.parametrize(
    "model", ["threshold", "instrument", "provision", "ratification", "topic", "jurisdiction", "coherencegap"]
)
def test_admin_lists_render(client, staff_user, model):
    client.force_login(staff_user)
    assert client.get(f"/admin/standards/{model}/").status_code == 200


def test_resolution_costs_one_query_once_warm(django_assert_num_queries):
    from datetime import date

    from rsca.standards.selectors import applicable_standard, threshold_in_force

    threshold_in_force(jurisdiction="CN-440300", parameter="normal_hours_week", on=date(2025, 1, 1))
    with django_assert_num_queries(1):
        threshold_in_force(jurisdiction="CN-440300", parameter="minimum_wage_monthly", on=date(2025, 8, 1))
    with django_assert_num_queries(1):
        applicable_standard(jurisdiction="CN-440300", on=date(2025, 8, 1), buyer_code="rba")


def test_a_threshold_must_match_the_kind_of_its_instrument():
    from datetime import date

    from django.core.exceptions import ValidationError

    from rsca.standards.models import Instrument

    rba = Instrument.objects.get(code="RBA")
    wrong = Threshold(
        parameter="rest_days_per_week",
        standard="ilo",
        instrument=rba,
        value=1,
        unit="days/week",
        effective_from=date(2020, 1, 1),
        source_url="https://example.org",
    )
    with pytest.raises(ValidationError) as error:
        wrong.full_clean()
    assert "instrument" in error.value.message_dict
