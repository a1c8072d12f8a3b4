"""Concurrency on SQLite: the background worker survives a locked database (locked for 10 s, it keeps polling and
runs the next task), and a write waits for another's long transaction instead of failing."""

from __future__ import annotations

import datetime
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)


def _copy_test_database(target: Path) -> None:
    """The migrated test database, copied to a file that another process can open."""
    if connection.vendor != "sqlite":
        pytest.skip("the lock is SQLite's; PostgreSQL has row locks and no database-wide write lock")
    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
    copy.close()


def _status(database: Path, task_id: str) -> str:
    with sqlite3.connect(database, timeout=30) as db:
        row = db.execute(
            "SELECT status FROM django_tasks_database_dbtaskresult WHERE replace(id, '-', '') = ?",
            (task_id.replace("-", ""),),
        ).fetchone()
    return str(row[0]) if row else ""


def test_worker_keeps_polling_after_the_database_was_locked_for_ten_seconds(tmp_path: Path, settings) -> None:
    from rsca.core.worker import worker_heartbeat

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend"}
    }  # django-tasks follows the change
    # Due three seconds from now: the worker can only reach it after the lock below is gone.
    result = worker_heartbeat.using(
        run_after=datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=3)
    ).enqueue()
    database = tmp_path / "worker.sqlite3"
    _copy_test_database(database)

    locker = sqlite3.connect(database, timeout=30, isolation_level=None)
    locker.execute("PRAGMA journal_mode=WAL")
    locker.execute(
        "BEGIN EXCLUSIVE"
    )  # nobody else may write, and the worker's BEGIN EXCLUSIVE waits, then fails
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "RSCA_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "rsca.config.settings",
        "RSCA_SQLITE_BUSY_TIMEOUT_MS": "2000",
    }  # the lock outlasts the worker's wait: it meets the error
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "rsca.manage",
            "worker",
            "--queue-name",
            "*",
            "--interval",
            "0.2",
            "--no-reload",
            "--no-startup-delay",
            "-v",
            "2",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(worker.stdout.readline, "")), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 120
        while not any("Starting worker" in line for line in lines):  # the worker is polling from now on
            assert time.monotonic() < deadline and worker.poll() is None, "".join(lines)
            time.sleep(0.2)
        time.sleep(10)
        locker.execute("ROLLBACK")
        locker.close()
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and _status(database, str(result.id)) != "SUCCESSFUL":
            assert worker.poll() is None, "".join(lines)
            time.sleep(0.5)
        assert _status(database, str(result.id)) == "SUCCESSFUL"
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        reader.join(timeout=10)
    assert any("database error" in line for line in lines), "".join(lines)  # it met the lock, and lived on


def test_a_write_waits_for_a_long_transaction_of_another_process(tmp_path: Path) -> None:
    """An import holding the write lock for 8 s (longer than SQLite's usual 5 s) does not make the next writer fail."""
    database = tmp_path / "writers.sqlite3"
    _copy_test_database(database)
    locker = sqlite3.connect(database, timeout=30, isolation_level=None)
    locker.execute("PRAGMA journal_mode=WAL")
    locker.execute("BEGIN IMMEDIATE")
    locker.execute("UPDATE core_sector SET name_en = name_en")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "RSCA_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "rsca.config.settings",
    }
    env.pop("RSCA_SQLITE_BUSY_TIMEOUT_MS", None)
    code = (
        "from rsca.core.models import Organisation; "
        "Organisation.objects.create(name='Written while locked', slug='written-while-locked')"
    )
    writer = subprocess.Popen(
        [sys.executable, "-m", "rsca.manage", "shell", "-c", code],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    time.sleep(8)
    locker.execute("COMMIT")
    locker.close()
    output = writer.communicate(timeout=120)[0]
    assert writer.returncode == 0, output
    with sqlite3.connect(database) as db:
        assert db.execute(
            "SELECT count(*) FROM core_organisation WHERE slug = 'written-while-locked'"
        ).fetchone() == (1,)
