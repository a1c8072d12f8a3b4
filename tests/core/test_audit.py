from __future__ import annotations

import pytest

from rsca.core.audit import acting_as
from rsca.core.models import AuditEvent, Membership
from rsca.core.services import organisation_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_creating_changing_and_deleting_an_organisation_is_logged_with_who_and_what():
    officer = UserFactory(username="officer1", is_staff=True)
    with acting_as(officer):
        organisation = organisation_create(name="Example Employers Federation", type="employers_organisation")
        organisation.acronym = "EEF"
        organisation.save()
        organisation_id = organisation.pk
        organisation.delete()
    events = list(
        AuditEvent.objects.filter(target_type="core.organisation", target_id=str(organisation_id)).order_by(
            "id"
        )
    )
    assert [e.action for e in events] == ["create", "update", "delete"]
    assert all(e.actor == officer for e in events)
    assert events[1].changes == {"acronym": ["", "EEF"]}


def test_memberships_are_audited_and_password_hashes_never_are(user_a):
    assert AuditEvent.objects.filter(target_type="core.membership", action="create").exists()
    user_a.set_password("another-long-password")
    user_a.save()
    for event in AuditEvent.objects.filter(target_type="auth.user"):
        assert "password" not in event.changes


def test_the_audit_page_is_for_platform_staff_only(client, user_a, staff_user):
    client.force_login(user_a)
    assert client.get("/staff/audit/").status_code == 403
    client.force_login(staff_user)
    response = client.get("/staff/audit/")
    assert response.status_code == 200
    assert Membership.objects.exists()
