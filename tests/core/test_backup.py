"""`rsca backup` / `rsca restore`: a round trip gives back every table (row count and checksum) and the uploads."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)


def _env(database: Path, data_dir: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "RSCA_SQLITE_BUSY_TIMEOUT_MS"}
    return {
        **env,
        "DATABASE_URL": f"sqlite:///{database}",
        "RSCA_DATA_DIR": str(data_dir),
        "DJANGO_SETTINGS_MODULE": "rsca.config.settings",
    }


def _rsca(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rsca.manage", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _tables(database: Path) -> dict[str, tuple[int, int]]:
    """Row count and an order-independent hash of the rows of every table, read with sqlite3 itself."""
    with sqlite3.connect(database) as db:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        found = {}
        for name in names:
            rows = db.execute(f'SELECT * FROM "{name}"').fetchall()  # noqa: S608 - names from sqlite_master
            found[name] = (len(rows), sum(hash(repr(r)) for r in rows))
    return found


def test_sqlite_backup_and_restore_give_back_every_table_and_upload(tmp_path: Path) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("the PostgreSQL round trip is the next test")
    from rsca.core.models import Organisation

    Organisation.objects.create(name="Backed up 备份", slug="backed-up")
    original = tmp_path / "original.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(original) as copy:
        connection.connection.backup(copy)
    copy.close()
    source_data = tmp_path / "source"
    (source_data / "media" / "uploads").mkdir(parents=True)
    (source_data / "media" / "uploads" / "roster.csv").write_bytes("工号,姓名\n1,张三\n".encode())

    archive = tmp_path / "backup.tar"
    made = _rsca(_env(original, source_data), "backup", "--output", str(archive))
    assert made.returncode == 0, made.stderr
    assert "tables" in made.stdout and archive.is_file()

    restored = tmp_path / "restored.sqlite3"
    target_data = tmp_path / "target"
    (target_data / "media").mkdir(parents=True)
    (target_data / "media" / "stale.txt").write_text("not in the backup")
    back = _rsca(_env(restored, target_data), "restore", str(archive))
    assert back.returncode == 0, back.stderr
    assert "every table matches" in back.stdout

    before, after = _tables(original), _tables(restored)
    assert len(before) > 50
    assert before == after
    assert after["core_organisation"][0] >= 1
    assert (target_data / "media" / "uploads" / "roster.csv").read_bytes() == "工号,姓名\n1,张三\n".encode()
    assert not (target_data / "media" / "stale.txt").exists()


def test_restoring_something_else_fails_with_one_line(tmp_path: Path) -> None:
    not_a_backup = tmp_path / "notes.tar"
    not_a_backup.write_bytes(b"hello")
    done = _rsca(_env(tmp_path / "db.sqlite3", tmp_path), "restore", str(not_a_backup))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and done.stderr.strip().count("\n") == 0, done.stderr


def test_postgresql_backup_and_restore_give_back_every_table(tmp_path: Path) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("runs when DATABASE_URL points to PostgreSQL (the CI's second pass)")
    from rsca.core.backup import backup_create, backup_restore, database_fingerprint
    from rsca.core.models import Organisation

    Organisation.objects.create(name="Backed up 备份", slug="backed-up")
    before = database_fingerprint()
    backup_create(output=tmp_path / "pg.tar")
    Organisation.objects.filter(slug="backed-up").delete()
    assert database_fingerprint() != before
    backup_restore(archive_path=tmp_path / "pg.tar")
    assert database_fingerprint() == before
