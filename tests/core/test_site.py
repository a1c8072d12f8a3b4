"""Languages, error pages, request limits and production settings."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.django_db


def test_english_is_at_the_root_and_chinese_under_zh_hans(client):
    english = client.get("/organisations/")
    chinese = client.get("/zh-hans/organisations/")
    assert english.status_code == chinese.status_code == 200
    assert '<html lang="en">' in english.content.decode()
    assert '<html lang="zh-Hans">' in chinese.content.decode()
    assert "机构" in chinese.content.decode()
    assert 'hreflang="zh-Hans"' in english.content.decode()


def test_an_unknown_language_prefix_is_a_plain_404(client, settings):
    settings.DEBUG = False
    response = client.get("/fr/organisations/")
    assert response.status_code == 404
    assert "Traceback" not in response.content.decode()
    assert "There is no page at this address." in response.content.decode()


def test_an_oversized_form_post_is_refused_with_400_not_500(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = client.post("/account/login/", {"username": "x" * 5000, "password": "y"})
    assert response.status_code == 400


def test_the_chinese_names_of_countries_come_from_pycountry(client):
    from rsca.core.models import Country

    assert Country.objects.get(iso2="CN").name_zh == "中国"
    assert set(Country.objects.filter(is_rsca=True).values_list("iso2", flat=True)) == {
        "CN",
        "JP",
        "MM",
        "PH",
        "TH",
        "VN",
    }


def test_seeding_twice_changes_nothing():
    import io

    from django.core.management import call_command

    from rsca.core.models import Country, Division, Sector

    before = (Country.objects.count(), Division.objects.count(), Sector.objects.count())
    call_command("seed", stdout=io.StringIO())
    assert (Country.objects.count(), Division.objects.count(), Sector.objects.count()) == before
    assert Sector.objects.filter(is_focus=True).count() == 5
    assert Division.objects.get(code="440300").parent_id == "440000"


def test_production_settings_pass_check_deploy(tmp_path):
    env = {
        **os.environ,
        "RSCA_ENV": "production",
        "SECRET_KEY": "x" * 60 + "-production-test-key-!@#",
        "ALLOWED_HOSTS": "rsca.example.org",
        "RSCA_DATA_DIR": str(tmp_path),
        "DEBUG": "",
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    result = subprocess.run(
        [sys.executable, "-m", "rsca.manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {**os.environ, "RSCA_ENV": "production", "RSCA_DATA_DIR": str(tmp_path)}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "-m", "rsca.manage", "check"], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    ("method", "url", "kwargs"),
    [
        ("get", "/organisations/?q=a%00b", {}),
        ("get", "/api/v1/organisations?q=a%00b", {}),
        ("post", "/api/v1/me/tokens", {"data": '{"name": "a\\u0000b"}', "content_type": "application/json"}),
        ("post", "/account/login/", {"data": {"username": "a\x00b", "password": "x"}}),
    ],
)
def test_nul_characters_are_refused_with_400_not_a_database_error(client, method, url, kwargs):
    response = getattr(client, method)(url, **kwargs)
    assert response.status_code == 400
    if url.startswith("/api/"):
        assert response.json()["code"] == "invalid_input"


def test_a_workbook_upload_with_nul_bytes_in_the_file_is_not_refused_by_the_nul_guard(client_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(
        "list.xlsx", b"PK\x03\x04\x00\x00binary", content_type="application/octet-stream"
    )
    response = client_a.post("/api/v1/supplychain/uploads", {"organisation": "org-a", "file": upload})
    assert "NUL character" not in response.json().get("message", "")


def test_date_pickers_get_iso_values_in_chinese_too():
    import datetime

    from django.utils import translation

    from rsca.core.forms import DateInput

    with translation.override("zh-hans"):
        html = DateInput().render("due", datetime.date(2025, 6, 30))
    assert 'type="date"' in html and 'value="2025-06-30"' in html
