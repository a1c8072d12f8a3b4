"""Database objects of the full-text index, created by migration 0002 and by `rsca library_reindex`.

SQLite: an FTS5 table with external content (`library_resource`) and three triggers that keep it in
step with every insert, update and delete, bulk ones included. SQLite rebuilds a table when a later
migration alters it, which drops its triggers: such a migration must call `install(schema_editor)`
again (it is idempotent), and `rsca library_reindex` repairs an index in place.

PostgreSQL: a GIN index on exactly the expression the search query uses, so the planner uses it.
"""

from __future__ import annotations

from typing import Any

SQLITE_INSTALL = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS library_resource_fts USING fts5("
    "search_text, content='library_resource', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS library_resource_fts_ai AFTER INSERT ON library_resource BEGIN "
    "INSERT INTO library_resource_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS library_resource_fts_ad AFTER DELETE ON library_resource BEGIN "
    "INSERT INTO library_resource_fts(library_resource_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS library_resource_fts_au AFTER UPDATE ON library_resource BEGIN "
    "INSERT INTO library_resource_fts(library_resource_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO library_resource_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
]
SQLITE_REBUILD = "INSERT INTO library_resource_fts(library_resource_fts) VALUES ('rebuild')"
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS library_resource_fts_ai",
    "DROP TRIGGER IF EXISTS library_resource_fts_ad",
    "DROP TRIGGER IF EXISTS library_resource_fts_au",
    "DROP TABLE IF EXISTS library_resource_fts",
]
# The match, the rank and the index use this exact text, so the planner recognises the index expression.
POSTGRES_VECTOR = "to_tsvector('simple'::regconfig, COALESCE(library_resource.search_text, ''::text))"
POSTGRES_INSTALL = [
    "CREATE INDEX IF NOT EXISTS library_resource_search_gin ON library_resource "
    "USING gin (to_tsvector('simple'::regconfig, COALESCE(search_text, ''::text)))",
]
POSTGRES_REMOVE = ["DROP INDEX IF EXISTS library_resource_search_gin"]


def _run(schema_editor: Any, statements: list[str]) -> None:
    for statement in statements:
        schema_editor.execute(statement)


def install(schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_INSTALL)
        _run(schema_editor, [SQLITE_REBUILD])
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_INSTALL)


def repair(connection: Any) -> None:
    """Recreate what is missing and rebuild the SQLite index from the table (outside migrations)."""
    statements = {"sqlite": SQLITE_INSTALL + [SQLITE_REBUILD], "postgresql": POSTGRES_INSTALL}
    with connection.cursor() as cursor:
        for statement in statements.get(connection.vendor, []):
            cursor.execute(statement)


def remove(schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_REMOVE)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_REMOVE)
