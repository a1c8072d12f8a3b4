"""Database objects of the full-text index, created by migration 0002 and by `rsca library_reindex`.

SQLite: an FTS5 table with external content (`library_resource`) and three triggers that keep it in
step with every insert, update and delete, bulk ones included. SQLite rebuilds a table when a later
migration alters it, which drops its triggers: such a migration must call `install(schema_editor)`
again (it is idempotent), and `rsca library_reindex` repairs an index in place.

PostgreSQL: a narrow table of the same name (`rowid`, `date`, `kind`, `is_public`, `owner_id`, the topics,
countries and sectors, a stored `tsvector`) with a GIN index, filled by triggers on insert, update, delete and truncate.
"""

from __future__ import annotations

from typing import Any

from rsca.library.search import token

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
    "DROP FUNCTION IF EXISTS library_fts_token_values(text, text)",
]
# PostgreSQL: a narrow index table, one row per resource, kept in step by triggers like the FTS5 table.
# Each row holds what a search reads: the stored tsvector (so neither the match, the ranking nor a date-ordered
# scan recomputes to_tsvector per row), the date it is paged by, the two visibility columns, and the five
# facets' values: kind, and the topics, countries and sectors read from the index tokens of `search_text`
# (the very tokens the filters match), so the facets of a sample of matches come with the sample. Counting
# and paging then never touch the wide resource rows, whose titles and summaries are read for one page only.
_PG_COLUMNS = "rowid, date, kind, is_public, owner_id, topics, countries, sectors, search_text"


def _pg_row(row: str) -> str:
    """The index table's values computed from a resource row (`NEW` in the trigger, the table in a rebuild)."""
    text = f"{row}.search_text"
    facets = ", ".join(
        f"library_fts_token_values({text}, '{token(kind)}')" for kind in ("topic", "country", "sector")
    )
    return (
        f"{row}.id, {row}.date, {row}.kind, {row}.is_public, {row}.owner_id, {facets}, "
        f"to_tsvector('simple'::regconfig, COALESCE({text}, ''::text))"
    )


POSTGRES_INSTALL = [
    "DROP INDEX IF EXISTS library_resource_search_gin",  # the first design: an expression index on the wide table
    "CREATE TABLE IF NOT EXISTS library_resource_fts (rowid bigint PRIMARY KEY, date date NOT NULL, "
    "kind varchar(16) NOT NULL, is_public boolean NOT NULL, owner_id bigint NULL, topics text[] NOT NULL, "
    "countries text[] NOT NULL, sectors text[] NOT NULL, search_text tsvector NOT NULL)",
    # The values of the index tokens `prefix<value>` among the words (whole words only), upper-cased.
    # (One regular-expression scan per facet: 2.5x faster than splitting the text into words, 35 µs a document.)
    "CREATE OR REPLACE FUNCTION library_fts_token_values(words text, prefix text) RETURNS text[] "
    "LANGUAGE sql IMMUTABLE AS $$ SELECT COALESCE(array_agg(DISTINCT upper(m[1])), '{}') "
    "FROM regexp_matches(COALESCE(words, ''), '(?:^| )' || prefix || '([0-9a-z]+)(?= |$)', 'g') AS m $$",
    "CREATE INDEX IF NOT EXISTS library_resource_fts_gin ON library_resource_fts USING gin (search_text)",
    "CREATE INDEX IF NOT EXISTS library_resource_fts_date ON library_resource_fts (date DESC, rowid DESC)",
    "CREATE OR REPLACE FUNCTION library_resource_fts_sync() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "  # noqa: S608 - constants only
    "IF TG_OP = 'DELETE' THEN DELETE FROM library_resource_fts WHERE rowid = OLD.id; RETURN NULL; END IF; "
    f"INSERT INTO library_resource_fts ({_PG_COLUMNS}) VALUES ({_pg_row('NEW')}) ON CONFLICT (rowid) DO UPDATE SET "
    + ", ".join(f"{c} = EXCLUDED.{c}" for c in _PG_COLUMNS.split(", ")[1:])
    + "; RETURN NULL; END $$",
    "CREATE OR REPLACE FUNCTION library_resource_fts_clear() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "TRUNCATE library_resource_fts; RETURN NULL; END $$",
    "CREATE OR REPLACE TRIGGER library_resource_fts_sync AFTER INSERT OR DELETE OR UPDATE OF search_text, date, "
    "kind, is_public, owner_id ON library_resource FOR EACH ROW EXECUTE FUNCTION library_resource_fts_sync()",
    # Django's test flush and `TRUNCATE` skip row triggers; the index must empty with the table.
    "CREATE OR REPLACE TRIGGER library_resource_fts_truncate AFTER TRUNCATE ON library_resource "
    "FOR EACH STATEMENT EXECUTE FUNCTION library_resource_fts_clear()",
]
POSTGRES_REBUILD = [
    "TRUNCATE library_resource_fts",
    f"INSERT INTO library_resource_fts ({_PG_COLUMNS}) SELECT {_pg_row('library_resource')} "  # noqa: S608 - constants
    "FROM library_resource",
    "ANALYZE library_resource_fts",
]
POSTGRES_REMOVE = [
    "DROP TRIGGER IF EXISTS library_resource_fts_truncate ON library_resource",
    "DROP TRIGGER IF EXISTS library_resource_fts_sync ON library_resource",
    "DROP FUNCTION IF EXISTS library_resource_fts_clear()",
    "DROP FUNCTION IF EXISTS library_resource_fts_sync()",
    "DROP TABLE IF EXISTS library_resource_fts",
    "DROP FUNCTION IF EXISTS library_fts_token_values(text, text)",
]


def _run(schema_editor: Any, statements: list[str]) -> None:
    for statement in statements:
        schema_editor.execute(statement)


def install(schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_INSTALL)
        _run(schema_editor, [SQLITE_REBUILD])
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_INSTALL + POSTGRES_REBUILD)


def repair(connection: Any) -> None:
    """Recreate what is missing and rebuild the SQLite index from the table (outside migrations)."""
    statements = {
        "sqlite": SQLITE_INSTALL + [SQLITE_REBUILD],
        "postgresql": POSTGRES_INSTALL + POSTGRES_REBUILD,
    }
    with connection.cursor() as cursor:
        for statement in statements.get(connection.vendor, []):
            cursor.execute(statement)


def remove(schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_REMOVE)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_REMOVE)
