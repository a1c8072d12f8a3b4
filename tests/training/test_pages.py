from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

PUBLIC_PAGES = ["training:calendar", "training:dashboard", "training:verify"]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_training_pages_render_in_both_languages(client: Any, db: Any, name: str, language: str) -> None:
    with translation.override(language):
        url = reverse(name)
    response = client.get(url)
    assert response.status_code == 200
    if language == "zh-hans":
        assert url.startswith("/zh-hans/")


def test_the_seminar_page_shows_what_the_seed_document_says(client: Any, db: Any) -> None:
    with translation.override("en"):
        response = client.get(reverse("training:activity_detail", kwargs={"slug": "mohrss-labour-standards-seminar"}))
    text = response.content.decode()
    assert response.status_code == 200
    assert "three-day seminar" in text
    assert "date not recorded" in text
    with translation.override("zh-hans"):
        url = reverse("training:activity_detail", kwargs={"slug": "mohrss-labour-standards-seminar"})
    assert "劳工标准" in client.get(url).content.decode()
