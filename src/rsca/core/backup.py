"""Backups: the database and the uploads (MEDIA_ROOT) in one .tar archive, and the way back.

SQLite is copied with its online backup API (consistent while the platform runs); PostgreSQL with `pg_dump
--format=custom` and restored with `pg_restore --clean`. The archive's manifest.json holds, for every table, its row
count and a checksum of its rows, so a restore can prove it gave back exactly what was saved.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, connections

from rsca.core.errors import InvalidInput

MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
POSTGRES_MEMBER = "database.pgdump"
MEDIA_MEMBER = "media"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class BackupReport:
    path: Path
    engine: str
    tables: int
    rows: int
    media_files: int


def database_fingerprint() -> dict[str, dict[str, Any]]:
    """Every table's row count and an order-independent checksum of its rows (same engine only)."""
    result: dict[str, dict[str, Any]] = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - introspected names
            count, total = 0, 0
            for row in cursor.fetchall():
                digest = hashlib.sha256(repr(tuple(_plain(v) for v in row)).encode()).digest()
                total = (total + int.from_bytes(digest[:16], "big")) % (1 << 128)
                count += 1
            result[table] = {"rows": count, "checksum": f"{total:032x}"}
    return result


def _plain(value: Any) -> Any:
    if isinstance(value, memoryview):
        return bytes(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    return value


def backup_create(*, output: Path) -> BackupReport:
    engine = connection.vendor
    fingerprint = database_fingerprint()
    media_root = Path(settings.MEDIA_ROOT)
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / (SQLITE_MEMBER if engine == "sqlite" else POSTGRES_MEMBER)
        if engine == "sqlite":
            _sqlite_copy(source=Path(connection.settings_dict["NAME"]), target=dump)
        elif engine == "postgresql":
            _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(dump), _postgres_url()])
        else:
            raise InvalidInput(
                f"Backups support SQLite and PostgreSQL, not {engine}.", code="unsupported_database"
            )
        media_files = [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []
        manifest = {
            "format": FORMAT_VERSION,
            "engine": engine,
            "created": datetime.datetime.now(datetime.UTC).isoformat(),
            "tables": fingerprint,
            "media_files": len(media_files),
        }
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w") as archive:
            data = json.dumps(manifest, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump, arcname=dump.name)
            for path in media_files:
                archive.add(path, arcname=f"{MEDIA_MEMBER}/{path.relative_to(media_root).as_posix()}")
        partial.replace(output)  # a backup file is complete or absent
    return BackupReport(
        path=output,
        engine=engine,
        tables=len(fingerprint),
        rows=sum(t["rows"] for t in fingerprint.values()),
        media_files=len(media_files),
    )


def backup_restore(*, archive_path: Path) -> BackupReport:
    """Replaces the database and the uploads with the archive's, then checks every table against the manifest."""
    if not archive_path.is_file():
        raise InvalidInput(f"{archive_path}: no such backup file.", code="not_found")
    try:
        archive = tarfile.open(archive_path, "r")  # noqa: SIM115 - closed by the `with` below
        manifest = json.load(archive.extractfile(MANIFEST))  # type: ignore[arg-type]
    except (tarfile.TarError, KeyError, json.JSONDecodeError) as error:
        raise InvalidInput(f"{archive_path}: not an RSCA backup (no readable {MANIFEST}).") from error
    with tempfile.TemporaryDirectory() as work, archive:
        engine = connection.vendor
        if manifest.get("engine") != engine:
            raise InvalidInput(
                f"{archive_path}: a {manifest.get('engine')} backup cannot be restored into {engine}.",
                code="engine_mismatch",
            )
        archive.extractall(work, filter="data")
        dump = Path(work) / (SQLITE_MEMBER if engine == "sqlite" else POSTGRES_MEMBER)
        connections.close_all()
        if engine == "sqlite":
            _sqlite_copy(source=dump, target=Path(connection.settings_dict["NAME"]))
        else:
            _run(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    "--dbname",
                    _postgres_url(),
                    str(dump),
                ]
            )
        media_root = Path(settings.MEDIA_ROOT)
        if media_root.exists():
            shutil.rmtree(media_root)
        media_root.mkdir(parents=True)
        extracted = Path(work) / MEDIA_MEMBER
        if extracted.exists():
            shutil.copytree(extracted, media_root, dirs_exist_ok=True)
    restored = database_fingerprint()
    expected = manifest["tables"]
    differing = sorted(t for t in set(expected) | set(restored) if expected.get(t) != restored.get(t))
    if differing:
        raise InvalidInput(
            f"The restored database differs from the backup in {len(differing)} tables: "
            + ", ".join(differing[:10]),
            code="restore_mismatch",
            details=differing,
        )
    return BackupReport(
        path=archive_path,
        engine=engine,
        tables=len(restored),
        rows=sum(t["rows"] for t in restored.values()),
        media_files=int(manifest["media_files"]),
    )


def _sqlite_copy(*, source: Path, target: Path) -> None:
    """SQLite's online backup: a consistent copy even while other processes write."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def _postgres_url() -> str:
    db = connection.settings_dict
    user = db.get("USER") or ""
    password = db.get("PASSWORD") or ""
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    return f"postgresql://{credentials}{db.get('HOST') or 'localhost'}:{db.get('PORT') or 5432}/{db['NAME']}"


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, check=False, env={**os.environ})
    if done.returncode != 0:
        raise InvalidInput(f"{command[0]} failed: {done.stderr.strip()[:500]}", code="backup_tool_failed")
