"""Pages answer a selector's domain errors with 404 (or 403 where a page says so) through one helper."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from rsca.core.errors import Conflict, Forbidden, NotFound
from rsca.core.views import DomainErrorsAsHttp, or_404


def _thing_get(*, pk: int, refuse: Exception | None = None) -> dict[str, int]:
    if refuse is not None:
        raise refuse
    return {"pk": pk}


def test_or_404_returns_what_the_selector_returns():
    assert or_404(_thing_get, pk=7) == {"pk": 7}


@pytest.mark.parametrize(
    "error", [NotFound("No such thing."), Forbidden("No such thing."), Conflict("No such thing.")]
)
def test_or_404_turns_every_domain_error_into_a_404_carrying_its_message(error):
    with pytest.raises(Http404) as raised:
        or_404(_thing_get, pk=7, refuse=error)
    assert str(raised.value) == "No such thing."
    assert raised.value.__cause__ is error


def test_or_404_lets_errors_that_are_not_domain_errors_through():
    with pytest.raises(ValueError):
        or_404(_thing_get, pk=7, refuse=ValueError("bug"))


def test_a_page_can_answer_forbidden_with_403_and_let_other_domain_errors_through():
    strict = DomainErrorsAsHttp(not_found=(NotFound,), forbidden=(Forbidden,))
    assert strict(_thing_get, pk=3) == {"pk": 3}
    with pytest.raises(Http404):
        strict(_thing_get, pk=3, refuse=NotFound("gone"))
    with pytest.raises(PermissionDenied) as denied:
        strict(_thing_get, pk=3, refuse=Forbidden("not yours"))
    assert str(denied.value) == "not yours"
    with pytest.raises(Conflict):
        strict(_thing_get, pk=3, refuse=Conflict("busy"))


@pytest.mark.django_db
def test_an_unknown_organisation_page_is_a_404(client_a, org_a, settings):
    settings.DEBUG = False
    assert client_a.get(f"/organisations/{org_a.slug}/").status_code == 200
    response = client_a.get("/organisations/no-such-organisation/")
    assert response.status_code == 404
    assert "There is no page at this address." in response.content.decode()
