from __future__ import annotations

import pytest
from django.core.cache import cache

from rsca.core.errors import InvalidInput, NotFound
from rsca.grievances import services
from rsca.grievances.contact import contact_decrypt
from rsca.grievances.models import Grievance, GrievanceMessage
from rsca.grievances.selectors import grievance_cases, grievance_statistics
from rsca.grievances.throttle import Throttled
from rsca.supplychain.models import Facility, SupplyRelationship

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def facility(org_a):
    return Facility.objects.create(
        name="Channel Garment Factory",
        native_name="渠道服装厂",
        address="1 Industrial Road, Dongguan",
        country_id="CN",
        division_id="441900",
        claimed_by=org_a,
    )


def submit(facility, **kwargs):
    values = {
        "facility_public_id": facility.public_id,
        "category": "wages",
        "description": "加班费没有按照法律支付，三个月了。",
        "language": "zh",
    }
    values.update(kwargs)
    return services.grievance_submit(**values)


def test_a_case_is_anonymous_by_default_and_followed_with_code_and_secret(facility):
    grievance, secret = submit(facility)
    assert grievance.case_code.startswith("G-") and secret
    assert grievance.contact_encrypted == ""
    assert secret not in grievance.secret_hash
    found = services.grievance_track(case_code=grievance.case_code.lower(), secret=secret)
    assert found.pk == grievance.pk
    assert found.messages.get().author == GrievanceMessage.Author.WORKER


def test_a_wrong_secret_and_an_unknown_code_answer_alike(facility):
    grievance, _secret = submit(facility)
    with pytest.raises(NotFound) as wrong_secret:
        services.grievance_track(case_code=grievance.case_code, secret="guess")
    with pytest.raises(NotFound) as unknown:
        services.grievance_track(case_code="G-AAAA-AAAA", secret="guess")
    assert wrong_secret.value.message == unknown.value.message


def test_contact_details_are_stored_encrypted(facility):
    grievance, _secret = submit(facility, contact="WeChat: lihua-1990")
    assert "lihua" not in grievance.contact_encrypted
    assert contact_decrypt(grievance.contact_encrypted) == "WeChat: lihua-1990"


@pytest.mark.parametrize(
    "field,value,code",
    [
        ("description", "<script>alert(1)</script> 工资问题很严重", "markup_refused"),
        ("description", "x" * 4001, "too_long"),
        ("description", "短", "too_short"),
        ("contact", "<b>me</b>", "markup_refused"),
        ("category", "bribes", "invalid_category"),
        ("language", "fr", "invalid_language"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(facility, field, value, code):
    with pytest.raises(InvalidInput) as refused:
        submit(facility, **{field: value})
    assert refused.value.code == code
    assert not Grievance.objects.exists() and not GrievanceMessage.objects.exists()


def test_a_flood_from_one_address_is_refused(facility):
    for _ in range(5):
        submit(facility, address="203.0.113.9")
    with pytest.raises(Throttled):
        submit(facility, address="203.0.113.9")
    assert Grievance.objects.count() == 5
    submit(facility, address="203.0.113.10")  # another address is not blocked
    assert Grievance.objects.count() == 6


def test_only_the_parties_the_worker_chose_see_the_case(facility, org_b, user_a, user_b):
    SupplyRelationship.objects.create(buyer=org_b, facility=facility)
    hidden_from_buyers, _ = submit(facility, visible_to_buyers=False)
    hidden_from_facility, _ = submit(facility, visible_to_facility=False)
    assert set(grievance_cases(user=user_a)) == {hidden_from_buyers}
    assert set(grievance_cases(user=user_b)) == {hidden_from_facility}


def test_staff_see_only_cases_opened_to_the_programme(facility, staff_user):
    opened, _ = submit(facility)
    submit(facility, visible_to_programme=False)
    assert list(grievance_cases(user=staff_user)) == [opened]


def test_the_buyer_answers_and_closes_with_a_remedy_the_worker_reads(facility, org_b, user_b):
    SupplyRelationship.objects.create(buyer=org_b, facility=facility)
    grievance, secret = submit(facility)
    services.grievance_reply(grievance=grievance, by=user_b, body="We asked the factory for the pay records.")
    services.grievance_close(
        grievance=grievance,
        by=user_b,
        outcome="remedied",
        remedy="The unpaid overtime for March to May was paid back on 15 June.",
    )
    seen = services.grievance_track(case_code=grievance.case_code, secret=secret)
    assert seen.status == "closed" and "paid back" in seen.remedy
    assert [m.author for m in seen.messages.all()] == ["worker", "buyer", "buyer"]
    stats = grievance_statistics(Grievance.objects.all())
    assert stats["total"] == 1 and stats["by_outcome"] == {"remedied": 1} and stats["responded_on_time"] == 1
    assert "paid back" not in str(stats)
