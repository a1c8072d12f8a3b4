"""Production serving: the health endpoint, the hardened settings (`check --deploy`), JSON logs, compose.yaml."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]


def _production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }  # set for Playwright
    return {
        **env,
        "RSCA_ENV": "production",
        "SECRET_KEY": "x" * 20 + "-production-check-" + "y" * 30,
        "ALLOWED_HOSTS": "rsca.example.org",
        "RSCA_DATA_DIR": str(tmp_path),
        **extra,
    }


@pytest.mark.django_db
def test_healthz_reports_database_and_cache_as_json() -> None:
    answer = Client().get("/healthz")
    assert answer.status_code == 200
    body = answer.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] and body["checks"]["cache"]["ok"]
    assert answer["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_healthz_answers_503_naming_the_failing_check(monkeypatch) -> None:
    from rsca.core import views

    def broken() -> None:
        raise ConnectionError("no cache server")

    monkeypatch.setattr(views, "_probe_cache", broken)
    answer = Client().get("/healthz")
    assert answer.status_code == 503
    assert answer.json()["checks"]["cache"] == {
        "ok": False,
        "error": "ConnectionError",
        "ms": answer.json()["checks"]["cache"]["ms"],
    }
    assert answer.json()["checks"]["database"]["ok"]


def test_production_settings_pass_the_deployment_check(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "rsca.manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_production_logs_are_one_json_object_a_line(tmp_path: Path) -> None:
    code = "import logging; logging.getLogger('rsca.test').warning('hello %s', 'world')"
    done = subprocess.run(
        [sys.executable, "-m", "rsca.manage", "shell", "-c", code],
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
    )
    line = next(line for line in done.stderr.splitlines() if "hello" in line)
    record = json.loads(line)
    assert (
        record["message"] == "hello world"
        and record["level"] == "WARNING"
        and record["logger"] == "rsca.test"
    )


def test_compose_file_runs_postgres_redis_web_and_worker() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert {"db", "redis", "web", "worker"} <= set(services)
    assert services["db"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")
    for name in ("web", "worker"):
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://") and env["REDIS_URL"].startswith("redis://")
        assert env["RSCA_ENV"] == "production"
        assert set(services[name]["depends_on"]) >= {"db", "redis"}
    assert "gunicorn" in " ".join(services["web"]["command"])
    assert "worker" in services["worker"]["command"]
    assert "healthz" in " ".join(services["web"]["healthcheck"]["test"])
