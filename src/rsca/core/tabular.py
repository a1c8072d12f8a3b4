"""Reading the spreadsheets people actually send: CSV (UTF-8 with or without BOM, GB18030 from
Chinese Excel; comma, semicolon or tab) and XLSX.

`read_table` checks size and type, normalises headers (case, spaces, full-width characters),
checks required columns, and returns every non-empty row with its 1-based data row number.
Everything that is wrong with the file as a whole raises `InvalidInput`/`TooLarge` whose `details`
is a list of `{"file", "row", "column", "message"}`; per-row checks are the caller's, using
`Row.number` and `cell_error` so every message says where.
"""

from __future__ import annotations

import csv
import datetime
import io
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _

from rsca.core.errors import InvalidInput, TooLarge

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .xls
FORMULA_PREFIXES = ("=", "+", "-", "@")


@dataclass
class Row:
    number: int  # 1 = first data row (the row after the header)
    values: dict[str, str]
    extra: dict[str, str] = field(default_factory=dict)

    def get(self, column: str, default: str = "") -> str:
        return self.values.get(column, default)


@dataclass
class Table:
    filename: str
    columns: list[str]  # normalised names of known columns present in the file
    extra_columns: list[str]  # original names of columns the caller did not ask for
    rows: list[Row]

    def __len__(self) -> int:
        return len(self.rows)


def cell_error(filename: str, row: int | None, column: str | None, message: str) -> dict[str, Any]:
    return {"file": filename, "row": row, "column": column, "message": message}


HEADER_SEPARATORS = re.compile(r"[\s\-./_]+")


def normalise_header(header: Any) -> str:
    text = unicodedata.normalize("NFKC", str(header or "")).replace("\ufeff", "").lower()
    # every run of whitespace (any kind, control separators included) or - . / becomes one underscore
    return HEADER_SEPARATORS.sub("_", text).strip("_")


def looks_like_formula(value: str) -> bool:
    """A cell that a spreadsheet would execute (`=cmd|...`, `+`, `@`); negative numbers are not formulas."""
    if not value or not value.startswith(FORMULA_PREFIXES):
        return False
    try:
        float(value)
        return False
    except ValueError:
        return True


def _read_bytes(source: bytes | str | Path | IO[bytes], filename: str, max_bytes: int) -> bytes:
    if isinstance(source, bytes):
        data = source
    elif isinstance(source, str | Path):
        size = os.path.getsize(source)
        if size > max_bytes:
            raise _too_large(filename, size, max_bytes)
        data = Path(source).read_bytes()
    else:
        declared_size: int | None = getattr(source, "size", None)
        if declared_size is not None and declared_size > max_bytes:
            raise _too_large(filename, declared_size, max_bytes)
        if hasattr(source, "seek"):
            source.seek(0)
        data = source.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _too_large(filename, len(data), max_bytes)
    return data


def _too_large(filename: str, size: int, max_bytes: int) -> TooLarge:
    message = _("%(file)s is %(size)s MB; the limit is %(limit)s MB.") % {
        "file": filename, "size": round(size / 1_048_576, 1), "limit": round(max_bytes / 1_048_576, 1)}
    return TooLarge(message, code="file_too_large", details=[cell_error(filename, None, None, message)])


def _decode(data: bytes, filename: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    message = _("%(file)s is not text in UTF-8 or GB18030; save it as CSV UTF-8 or as XLSX.") % {"file": filename}
    raise InvalidInput(message, code="bad_encoding", details=[cell_error(filename, None, None, message)])


def _csv_rows(text: str) -> list[list[str]]:
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [list(r) for r in csv.reader(io.StringIO(text, newline=""), dialect)]


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time(0) else value.isoformat(sep=" ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def _xlsx_rows(data: bytes, filename: str) -> list[list[str]]:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = workbook.get_sheet_by_index(0)
        raw = sheet.to_python(skip_empty_area=False)
    except Exception as error:  # calamine raises several error types for damaged files
        message = _("%(file)s could not be read as an XLSX workbook (%(error)s).") % {"file": filename, "error": error}
        raise InvalidInput(message, code="bad_workbook", details=[cell_error(filename, None, None, message)])
    return [[_cell_text(v) for v in row] for row in raw]


def read_table(
    source: bytes | str | Path | IO[bytes],
    *,
    filename: str,
    required: Iterable[str],
    optional: Iterable[str] = (),
    aliases: Mapping[str, str] | None = None,
    max_bytes: int | None = None,
    max_rows: int | None = None,
) -> Table:
    """Read a CSV or XLSX upload into rows keyed by normalised column names.

    `aliases` maps alternative normalised headers (e.g. "名称" or "facility_name") to a column name.
    """
    limit = max_bytes or settings.MAX_UPLOAD_BYTES
    data = _read_bytes(source, filename, limit)
    if not data.strip():
        message = _("%(file)s is empty.") % {"file": filename}
        raise InvalidInput(message, code="empty_file", details=[cell_error(filename, None, None, message)])
    if data.startswith(OLE_MAGIC):
        message = _("%(file)s is an old Excel .xls file; save it as .xlsx or CSV UTF-8.") % {"file": filename}
        raise InvalidInput(message, code="unsupported_type", details=[cell_error(filename, None, None, message)])
    if data.startswith(XLSX_MAGIC):
        grid = _xlsx_rows(data, filename)
    elif filename.lower().endswith((".xlsx", ".xlsm", ".xls")):
        message = _("%(file)s is named like a workbook but is not one.") % {"file": filename}
        raise InvalidInput(message, code="unsupported_type", details=[cell_error(filename, None, None, message)])
    else:
        if b"\x00" in data[:4096]:
            message = _("%(file)s is not a CSV or XLSX file.") % {"file": filename}
            raise InvalidInput(message, code="unsupported_type", details=[cell_error(filename, None, None, message)])
        grid = _csv_rows(_decode(data, filename))
    return _table_from_grid(grid, filename=filename, required=list(required), optional=list(optional),
                            aliases=dict(aliases or {}), max_rows=max_rows)


def _table_from_grid(grid: list[list[str]], *, filename: str, required: list[str], optional: list[str],
                     aliases: dict[str, str], max_rows: int | None) -> Table:
    while grid and not any(cell.strip() for cell in grid[0]):
        grid = grid[1:]
    if not grid:
        message = _("%(file)s is empty.") % {"file": filename}
        raise InvalidInput(message, code="empty_file", details=[cell_error(filename, None, None, message)])
    known = set(required) | set(optional)
    header_cells = grid[0]
    mapping: dict[int, str] = {}
    extra: dict[int, str] = {}
    seen: dict[str, int] = {}
    errors = []
    for index, header in enumerate(header_cells):
        name = normalise_header(header)
        name = aliases.get(name, name)
        if not name:
            continue
        if name in seen:
            errors.append(cell_error(filename, 0, str(header), _("Column “%(column)s” appears twice.") % {"column": header}))
            continue
        seen[name] = index
        if name in known:
            mapping[index] = name
        else:
            extra[index] = str(header).strip()
    missing = [column for column in required if column not in seen]
    if missing:
        errors.append(cell_error(filename, 0, ", ".join(missing),
                                 _("Required column(s) missing: %(columns)s.") % {"columns": ", ".join(missing)}))
    if errors:
        raise InvalidInput("; ".join(e["message"] for e in errors), code="bad_header", details=errors)
    rows = []
    for number, cells in enumerate(grid[1:], start=1):
        if not any(str(cell).strip() for cell in cells):
            continue
        values = {name: (cells[i].strip() if i < len(cells) else "") for i, name in mapping.items()}
        extras = {name: cells[i].strip() for i, name in extra.items() if i < len(cells) and cells[i].strip()}
        rows.append(Row(number=number, values=values, extra=extras))
        if max_rows is not None and len(rows) > max_rows:
            message = _("%(file)s has more than %(limit)s rows.") % {"file": filename, "limit": max_rows}
            raise TooLarge(message, code="too_many_rows", details=[cell_error(filename, number, None, message)])
    if not rows:
        message = _("%(file)s has a header but no data rows.") % {"file": filename}
        raise InvalidInput(message, code="empty_file", details=[cell_error(filename, None, None, message)])
    return Table(filename=filename, columns=[c for c in mapping.values()], extra_columns=list(extra.values()), rows=rows)
