from __future__ import annotations

import pytest

from rsca.core.models import Membership, Organisation
from rsca.core.scoping import editable_by, visible_to
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_member_sees_public_organisations_and_their_own_but_not_another_private_one(user_a, org_a, org_b):
    public = OrganisationFactory(name="MOHRSS-like partner", is_public=True)
    visible = set(visible_to(user_a, Organisation.objects.all()))
    assert {org_a, public} <= visible
    assert org_b not in visible


def test_anonymous_sees_only_public_organisations(org_a):
    from django.contrib.auth.models import AnonymousUser

    public = OrganisationFactory(is_public=True)
    visible = visible_to(AnonymousUser(), Organisation.objects.all())
    assert public in visible and org_a not in visible
    assert not visible.filter(is_public=False).exists()


def test_staff_see_everything(staff_user, org_a, org_b):
    assert {org_a, org_b} <= set(visible_to(staff_user, Organisation.objects.all()))


def test_viewers_may_read_but_not_edit(org_a):
    viewer = UserFactory()
    MembershipFactory(user=viewer, organisation=org_a, role=Membership.Role.VIEWER)
    assert org_a in visible_to(viewer, Organisation.objects.all())
    assert org_a not in editable_by(viewer, Organisation.objects.all())


def test_a_model_without_scope_q_cannot_be_read_through_a_selector(user_a):
    from django.contrib.auth import get_user_model

    with pytest.raises(TypeError, match="declares no scope_q"):
        visible_to(user_a, get_user_model().objects.all())


def test_an_organisation_admin_adds_a_member_and_a_viewer_cannot(client, user_a, org_a):
    newcomer = UserFactory(username="newcomer", email="new@example.org")
    client.force_login(user_a)
    client.post(f"/organisations/{org_a.slug}/members/", {"user": "NEW@example.org", "role": "editor"})
    assert Membership.objects.get(user=newcomer, organisation=org_a).role == "editor"
    client.force_login(newcomer)
    client.post(f"/organisations/{org_a.slug}/members/", {"user": "newcomer", "role": "admin"})
    assert Membership.objects.get(user=newcomer, organisation=org_a).role == "editor"


def test_the_last_administrator_cannot_be_removed(client, user_a, org_a):
    client.force_login(user_a)
    membership = Membership.objects.get(user=user_a, organisation=org_a)
    response = client.post(f"/organisations/{org_a.slug}/members/{membership.pk}/remove/", follow=True)
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert "at least one administrator" in response.content.decode()


def test_a_member_of_b_cannot_manage_or_even_see_a_private_organisation(client, user_b, org_a):
    client.force_login(user_b)
    assert (
        client.post(f"/organisations/{org_a.slug}/members/", {"user": "bob", "role": "admin"}).status_code
        == 404
    )
    assert not Membership.objects.filter(user=user_b, organisation=org_a).exists()
