"""The one import pipeline: stored upload → bounded reader → row schema → typed rows with per-cell errors →
preview → commit all, or only the valid rows when asked, in one transaction → report.

An importer is an `Importer`: its `RowSchema` (columns, how each cell is read, an optional check across
rows or against the database) and its `commit` function (writes the valid rows, returns counts). Every
error has one shape, `{"file", "row", "column", "value", "message"}`, where `row` is the row as the user
sees it in Excel or a text editor (the header is usually row 1).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.db import transaction
from django.utils.translation import gettext as _

from rsca.core.errors import InvalidInput
from rsca.core.exports import csv_bytes
from rsca.core.imports.values import CellProblem
from rsca.core.tabular import Limits, Table, looks_like_formula, read_table

Source = bytes | str | Path | IO[bytes]


def _text(value: str) -> str:
    return value


@dataclass(frozen=True)
class Column:
    """One column of a row schema.

    `parse` reads a non-empty cell (raise `CellProblem` with a message saying what is expected);
    `blank` is the value of an empty cell; `needed` refuses an empty cell; `in_header` refuses a file
    without the column."""

    name: str
    parse: Callable[[str], Any] = _text
    in_header: bool = False
    needed: bool = False
    blank: Any = ""
    aliases: tuple[str, ...] = ()
    missing: Any = ""  # the message for an empty cell in a `needed` column (default: "The value is missing.")


@dataclass
class ImportRow:
    line: int  # the row as the user sees it
    raw: dict[str, str]
    values: dict[str, Any]
    extra: dict[str, str] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    outcome: str = ""  # what the importer's preview says will happen (new, known …); invalid/skipped
    filename: str = ""

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def error(self, column: str, message: str, value: Any = None) -> None:
        shown = self.raw.get(column, "") if value is None else value
        self.errors.append(cell_error(self.filename, self.line, column, message, shown))


@dataclass(frozen=True)
class RowSchema:
    columns: tuple[Column, ...]
    aliases: Mapping[str, str] = field(default_factory=dict)
    check: Callable[[list[ImportRow], Any], None] | None = None  # across rows / against the database
    refuse_formulas: bool = True
    max_rows: int | None = None

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.in_header]

    @property
    def optional(self) -> list[str]:
        return [c.name for c in self.columns if not c.in_header]

    @property
    def all_aliases(self) -> dict[str, str]:
        return {**{alias: c.name for c in self.columns for alias in c.aliases}, **self.aliases}


@dataclass
class ImportResult:
    filename: str
    rows: list[ImportRow]
    headers: dict[str, str] = field(default_factory=dict)
    committed: bool = False
    skipped: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> list[dict[str, Any]]:
        return [error for row in self.rows for error in row.errors]

    @property
    def valid_rows(self) -> list[ImportRow]:
        return [row for row in self.rows if row.is_valid]

    @property
    def invalid_rows(self) -> list[ImportRow]:
        return [row for row in self.rows if not row.is_valid]


@dataclass(frozen=True)
class Importer:
    """What an importer declares: a name, its row schema and its commit function."""

    key: str
    schema: RowSchema
    commit: Callable[[list[ImportRow], Any], dict[str, int]]


def cell_error(
    filename: str, row: int | None, column: str | None, message: str, value: Any = ""
) -> dict[str, Any]:
    return {
        "file": filename,
        "row": row,
        "column": column,
        "value": "" if value is None else str(value)[:200],
        "message": message,
    }


def rows_validate(table: Table, schema: RowSchema) -> list[ImportRow]:
    """Every row of the table read into typed values; each cell that cannot be read becomes an error."""
    rows = []
    for raw in table.rows:
        row = ImportRow(line=raw.line, raw=raw.values, values={}, extra=raw.extra, filename=table.filename)
        for column in schema.columns:
            text = raw.values.get(column.name, "")
            if schema.refuse_formulas and looks_like_formula(text):
                row.error(
                    column.name,
                    _("“%(value)s” looks like a spreadsheet formula; type the value itself.")
                    % {"value": text[:40]},
                )
                continue
            if not text.strip():
                if column.needed:
                    row.error(column.name, str(column.missing or _("The value is missing.")))
                row.values[column.name] = column.blank
                continue
            try:
                row.values[column.name] = column.parse(text)
            except CellProblem as problem:
                row.error(column.name, str(problem))
        rows.append(row)
    return rows


def import_preview(
    *, importer: Importer, source: Source, filename: str, context: Any = None, limits: Limits | None = None
) -> ImportResult:
    """Read and check a file; nothing is written."""
    schema = importer.schema
    table = read_table(
        source,
        filename=filename,
        required=schema.required,
        optional=schema.optional,
        aliases=schema.all_aliases,
        limits=limits or Limits.default(max_rows=schema.max_rows),
    )
    rows = rows_validate(table, schema)
    if schema.check is not None:
        schema.check(rows, context)
    for row in rows:
        if not row.is_valid:
            row.outcome = "invalid"
    return ImportResult(filename=filename, rows=rows, headers=table.headers)


def import_commit(
    *, importer: Importer, result: ImportResult, context: Any = None, skip_invalid: bool = False
) -> ImportResult:
    """Write the rows in one transaction: all of them, or with `skip_invalid` only the valid ones (the others
    are listed in the result). A file with an invalid row and no `skip_invalid` writes nothing."""
    invalid = result.invalid_rows
    if invalid and not skip_invalid:
        raise InvalidInput(
            _(
                "%(file)s has %(count)s invalid row(s); nothing was imported. Correct them, or import only the "
                "valid rows."
            )
            % {"file": result.filename, "count": len(invalid)},
            code="invalid_rows",
            details=result.errors,
        )
    with transaction.atomic():
        result.counts = importer.commit(result.valid_rows, context)
    for row in invalid:
        row.outcome = "skipped"
    result.skipped = len(invalid)
    result.committed = True
    return result


def import_run(
    *,
    importer: Importer,
    source: Source,
    filename: str,
    context: Any = None,
    commit: bool = False,
    skip_invalid: bool = False,
    limits: Limits | None = None,
) -> ImportResult:
    """Preview, and with `commit` write: the whole pipeline after the upload is stored."""
    result = import_preview(
        importer=importer, source=source, filename=filename, context=context, limits=limits
    )
    if commit:
        import_commit(importer=importer, result=result, context=context, skip_invalid=skip_invalid)
    return result


def skipped_rows_csv(result: ImportResult, columns: Sequence[str] | None = None) -> bytes:
    """The invalid rows as the user sent them, with their row number and what is wrong, to correct and send again."""
    names = list(columns or result.headers or (result.rows[0].raw if result.rows else []))
    headers = [_("row")] + [result.headers.get(name, name) for name in names] + [_("problems")]
    lines = [
        [
            row.line,
            *[row.raw.get(name, "") for name in names],
            "; ".join(f"{e['column']}: {e['message']}" for e in row.errors),
        ]
        for row in result.invalid_rows
    ]
    return csv_bytes(headers, lines)
