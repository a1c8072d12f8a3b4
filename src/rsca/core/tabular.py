"""Reading the spreadsheets people actually send, within limits: CSV (UTF-8 with or without BOM, GB18030
from Chinese Excel; comma, semicolon or tab) and XLSX.

Every file is read as a stream of records and every limit is checked *before* the thing it bounds is
kept: the file's size before it is read, a zip member's unpacked size before it is unpacked, a cell's
column and length before the cell is stored, the number of rows and of cells as they come. An XLSX
sheet is parsed element by element (lxml `iterparse`); the `<dimension>` a workbook declares is
ignored, empty cells are never materialised, so a 2 KB workbook claiming a cell at XFD1048576 costs
nothing. The limits are `Limits` (defaults below, overridable with `settings.TABULAR_LIMITS`).

`read_table` checks size and type, normalises headers (case, spaces, full-width characters),
checks required columns, and returns every non-empty row with its 1-based data row number (`number`)
and the row as the user sees it in Excel or a text editor (`line`: the header is usually line 1).
Everything that is wrong with the file as a whole raises `InvalidInput`/`TooLarge` whose `details`
is a list of `{"file", "row", "column", "message"}` (`row` is the line); per-row checks are the
caller's, using `Row.number`/`Row.line` and `cell_error` so every message says where.
"""

from __future__ import annotations

import csv
import datetime
import io
import os
import posixpath
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _

from rsca.core.errors import DomainError, InvalidInput, TooLarge
from rsca.core.exports import FORMULA_PREFIXES

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .xls

__all__ = [
    "FORMULA_PREFIXES",
    "LIMIT_CODES",
    "Limits",
    "Row",
    "Table",
    "cell_error",
    "csv_precheck",
    "file_too_large",
    "iter_records",
    "looks_like_formula",
    "normalise_header",
    "read_table",
]


@dataclass(frozen=True)
class Limits:
    """What one uploaded file may hold. Excel's own cell limit is 32,767 characters."""

    max_bytes: int = 50 * 1024 * 1024
    max_rows: int = 1_000_000  # non-empty data rows
    max_columns: int = 1_000  # the rightmost non-empty column
    max_cell_chars: int = 32_767
    max_cells: int = 4_000_000  # non-empty cells in the whole file
    max_unzipped_bytes: int = 256 * 1024 * 1024  # one XLSX part once unpacked (zip bombs)

    @classmethod
    def default(cls, **overrides: int | None) -> Limits:
        configured: dict[str, int] = {
            "max_bytes": int(settings.MAX_UPLOAD_BYTES),
            **getattr(settings, "TABULAR_LIMITS", {}),
        }
        configured.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **configured)


@dataclass
class Row:
    number: int  # 1 = first data row (the row after the header)
    values: dict[str, str]
    extra: dict[str, str] = field(default_factory=dict)
    line: int = 0  # the row as the user sees it: the spreadsheet row, or the CSV line where the record starts

    def get(self, column: str, default: str = "") -> str:
        return self.values.get(column, default)


@dataclass
class Table:
    filename: str
    columns: list[str]  # normalised names of known columns present in the file
    extra_columns: list[str]  # original names of columns the caller did not ask for
    rows: list[Row]
    header_line: int = 1
    headers: dict[str, str] = field(default_factory=dict)  # normalised name -> the header as written

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


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _refuse(
    filename: str, line: int | None, column: str | None, message: str, *, code: str, too_large: bool = False
) -> DomainError:
    error_type = TooLarge if too_large else InvalidInput
    return error_type(message, code=code, details=[cell_error(filename, line, column, message)])


def _whole_file(filename: str, message: str, code: str) -> DomainError:
    return _refuse(filename, None, None, message, code=code)


def _read_bytes(source: bytes | str | Path | IO[bytes], filename: str, max_bytes: int) -> bytes:
    if isinstance(source, bytes):
        data = source
    elif isinstance(source, str | Path):
        size = os.path.getsize(source)
        if size > max_bytes:
            raise file_too_large(filename, size, max_bytes)
        data = Path(source).read_bytes()
    else:
        declared_size: int | None = getattr(source, "size", None)
        if declared_size is not None and declared_size > max_bytes:
            raise file_too_large(filename, declared_size, max_bytes)
        if hasattr(source, "seek"):
            source.seek(0)
        data = source.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise file_too_large(filename, len(data), max_bytes)
    return data


def file_too_large(filename: str, size: int, max_bytes: int) -> TooLarge:
    """The error for a file over the size limit (also used by the import pipeline's storage)."""
    message = _("%(file)s is %(size)s MB; the limit is %(limit)s MB.") % {
        "file": filename,
        "size": round(size / 1_048_576, 1),
        "limit": round(max_bytes / 1_048_576, 1),
    }
    return TooLarge(message, code="file_too_large", details=[cell_error(filename, None, None, message)])


def _decode(data: bytes, filename: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        first_bad = utf8_error.start
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    line = data.count(b"\n", 0, first_bad) + 1
    message = _(
        "%(file)s, line %(line)s: the text is neither UTF-8 nor GB18030 (byte %(byte)s); save the file "
        "as CSV UTF-8 or as XLSX."
    ) % {"file": filename, "line": line, "byte": f"0x{data[first_bad]:02X}"}
    raise _refuse(filename, line, None, message, code="bad_encoding")


# ---------------------------------------------------------------------------------------------- limits


class _Budget:
    """Counts what a file holds as it is read and refuses the first thing beyond a limit."""

    def __init__(self, filename: str, limits: Limits) -> None:
        self.filename = filename
        self.limits = limits
        self.cells = 0

    def column(self, index: int, line: int) -> None:
        if index >= self.limits.max_columns:
            message = _(
                "%(file)s, row %(line)s: a value in column %(column)s; the limit is %(limit)s columns."
            ) % {
                "file": self.filename,
                "line": line,
                "column": column_letter(index),
                "limit": f"{self.limits.max_columns:,}",
            }
            raise _refuse(
                self.filename, line, column_letter(index), message, code="too_many_columns", too_large=True
            )

    def cell(self, value: str, index: int, line: int) -> None:
        self.column(index, line)
        if len(value) > self.limits.max_cell_chars:
            raise self.cell_too_long(len(value), column_letter(index), line)
        if "\x00" in value:
            message = _(
                "%(file)s, row %(line)s, column %(column)s: the cell holds a NUL character (byte 0x00), "
                "which text never contains; the file is damaged or not a spreadsheet."
            ) % {"file": self.filename, "line": line, "column": column_letter(index)}
            raise _refuse(self.filename, line, column_letter(index), message, code="nul_byte")
        self.cells += 1
        if self.cells > self.limits.max_cells:
            message = _(
                "%(file)s, row %(line)s: more than %(limit)s filled cells; the limit is %(limit)s."
            ) % {"file": self.filename, "line": line, "limit": f"{self.limits.max_cells:,}"}
            raise _refuse(self.filename, line, None, message, code="too_many_cells", too_large=True)

    def cell_too_long(self, size: int | None, column: str | None, line: int) -> DomainError:
        message = _(
            "%(file)s, row %(line)s, column %(column)s: a cell of %(size)s characters; the limit is "
            "%(limit)s characters."
        ) % {
            "file": self.filename,
            "line": line,
            "column": column or "?",
            "size": f"{size:,}" if size is not None else _("more than %(n)s") % {"n": "131,072"},
            "limit": f"{self.limits.max_cell_chars:,}",
        }
        return _refuse(self.filename, line, column, message, code="cell_too_long", too_large=True)

    def rows(self, count: int, line: int) -> None:
        if count > self.limits.max_rows:
            message = _("%(file)s has more than %(limit)s rows (row %(line)s); the limit is %(limit)s.") % {
                "file": self.filename,
                "line": line,
                "limit": f"{self.limits.max_rows:,}",
            }
            raise _refuse(self.filename, line, None, message, code="too_many_rows", too_large=True)


# ------------------------------------------------------------------------------------------------- CSV


def _long_field(text: str, line: int, delimiter: str, limit: int) -> str | None:
    """The column letter of the first field longer than `limit` in the record starting at `line` (error path)."""
    position = 0
    for _line in range(line - 1):
        position = text.find("\n", position) + 1
        if position == 0:
            return None
    column, length, quoted = 0, 0, False
    for char in text[position:]:
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            column, length = column + 1, 0
        elif char == "\n" and not quoted:
            return None
        else:
            length += 1
            if length > limit:
                return column_letter(column)
    return None


def _csv_records(text: str, budget: _Budget) -> Iterator[tuple[int, list[str]]]:
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    start = 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:  # the csv module's own field limit (131,072) or a damaged quote
            if "field larger than field limit" in str(error):
                column = _long_field(text, start, dialect.delimiter, budget.limits.max_cell_chars)
                raise budget.cell_too_long(None, column, start) from None
            message = _("%(file)s, row %(line)s: %(error)s") % {
                "file": budget.filename,
                "line": start,
                "error": error,
            }
            raise _refuse(budget.filename, start, None, message, code="bad_csv") from None
        line, start = start, reader.line_num + 1
        if len(record) > budget.limits.max_columns:
            last = max((i for i, value in enumerate(record) if value.strip()), default=0)
            budget.column(last, line)
        cells = []
        for index, value in enumerate(record):
            if value:
                budget.cell(value, index, line)
            cells.append(value)
        yield line, cells


# ------------------------------------------------------------------------------------------------ XLSX

_NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CELL_REF = re.compile(r"([A-Za-z]{1,3})(\d{1,7})$")
# built-in number formats that show a date or a time: 14-22, 45-47, and the East Asian 27-36, 50-58
_DATE_FORMAT_IDS = frozenset([*range(14, 23), *range(27, 37), 45, 46, 47, *range(50, 59)])
_LAST_COLUMN, _LAST_ROW = 16_383, 1_048_576  # XFD1048576, the format's last cell
_EXCEL_EPOCH = datetime.datetime(1899, 12, 30)
_EXCEL_EPOCH_1904 = datetime.datetime(1904, 1, 1)


class _Workbook:
    def __init__(self, data: bytes, budget: _Budget) -> None:
        self.budget = budget
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            self.names = set(self.zip.namelist())
        except (zipfile.BadZipFile, ValueError, OSError) as error:
            raise self._damaged(error) from None

    def _damaged(self, error: object) -> DomainError:
        message = _("%(file)s could not be read as an XLSX workbook (%(error)s).") % {
            "file": self.budget.filename,
            "error": error,
        }
        return _whole_file(self.budget.filename, message, "bad_workbook")

    def open(self, name: str) -> IO[bytes]:
        info = self.zip.getinfo(name)
        if info.file_size > self.budget.limits.max_unzipped_bytes:
            message = _("%(file)s: the part %(part)s unpacks to %(size)s MB; the limit is %(limit)s MB.") % {
                "file": self.budget.filename,
                "part": name,
                "size": round(info.file_size / 1_048_576, 1),
                "limit": round(self.budget.limits.max_unzipped_bytes / 1_048_576, 1),
            }
            raise _refuse(
                self.budget.filename, None, None, message, code="workbook_too_large", too_large=True
            )
        return self.zip.open(info)  # ZipExtFile stops at the declared size and checks the CRC

    def parse(self, name: str, tags: set[str]) -> Iterator[tuple[str, Any]]:
        from lxml import etree

        try:
            with self.open(name) as stream:
                yield from etree.iterparse(
                    stream,
                    events=("start", "end"),
                    tag=sorted(tags),
                    resolve_entities=False,
                    no_network=True,
                    huge_tree=False,
                    remove_comments=True,
                    remove_pis=True,
                )
        except (etree.XMLSyntaxError, zipfile.BadZipFile, EOFError, OSError) as error:
            raise self._damaged(error) from None

    def first_sheet(self) -> str:
        try:
            workbook = next(
                e for ev, e in self.parse("xl/workbook.xml", {f"{{{_NS_MAIN}}}sheet"}) if ev == "end"
            )
            rel_id = workbook.get(f"{{{_NS_REL}}}id")
            for event, relation in self.parse(
                "xl/_rels/workbook.xml.rels", {f"{{{_NS_PKG_REL}}}Relationship"}
            ):
                if event == "end" and relation.get("Id") == rel_id:
                    target = relation.get("Target", "")
                    name = (
                        target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)
                    )
                    if name in self.names:
                        return name
        except (KeyError, StopIteration):
            pass
        sheets = sorted(n for n in self.names if n.startswith("xl/worksheets/") and n.endswith(".xml"))
        if not sheets:
            raise self._damaged(_("no worksheet"))
        return sheets[0]

    def date1904(self) -> bool:
        try:
            for event, element in self.parse("xl/workbook.xml", {f"{{{_NS_MAIN}}}workbookPr"}):
                if event == "end":
                    return element.get("date1904") in ("1", "true")
        except KeyError:
            pass
        return False

    def shared_strings(self) -> list[str]:
        if "xl/sharedStrings.xml" not in self.names:
            return []
        strings: list[str] = []
        si, text, phonetic = f"{{{_NS_MAIN}}}si", f"{{{_NS_MAIN}}}t", f"{{{_NS_MAIN}}}rPh"
        parts: list[str] = []
        in_phonetic = 0
        for event, element in self.parse("xl/sharedStrings.xml", {si, text, phonetic}):
            if element.tag == phonetic:
                in_phonetic += 1 if event == "start" else -1
            elif element.tag == text and event == "end" and not in_phonetic:
                parts.append(element.text or "")
            elif element.tag == si and event == "end":
                strings.append("".join(parts))
                parts = []
                element.clear()
                if len(strings) > self.budget.limits.max_cells:
                    message = _("%(file)s holds more than %(limit)s texts; the limit is %(limit)s cells.") % {
                        "file": self.budget.filename,
                        "limit": f"{self.budget.limits.max_cells:,}",
                    }
                    raise _refuse(
                        self.budget.filename, None, None, message, code="too_many_cells", too_large=True
                    )
        return strings

    def date_styles(self) -> set[int]:
        """Indexes of the cell formats (`s=`) that show a date or time."""
        if "xl/styles.xml" not in self.names:
            return set()
        from openpyxl.styles.numbers import is_date_format

        custom: dict[int, str] = {}
        formats: list[int] = []
        in_cell_xfs = False
        num_fmt, cell_xfs, xf = f"{{{_NS_MAIN}}}numFmt", f"{{{_NS_MAIN}}}cellXfs", f"{{{_NS_MAIN}}}xf"
        for event, element in self.parse("xl/styles.xml", {num_fmt, cell_xfs, xf}):
            if element.tag == cell_xfs:
                in_cell_xfs = event == "start"
            elif element.tag == num_fmt and event == "end":
                custom[int(element.get("numFmtId", "0") or 0)] = element.get("formatCode", "")
            elif element.tag == xf and event == "end" and in_cell_xfs:
                formats.append(int(element.get("numFmtId", "0") or 0))
        return {
            index
            for index, fmt in enumerate(formats)
            if fmt in _DATE_FORMAT_IDS or (fmt in custom and is_date_format(custom[fmt]))
        }


def _serial_text(value: float, epoch: datetime.datetime) -> str:
    if value < 1 and value >= 0:
        seconds = round(value * 86400)
        return (datetime.datetime.min + datetime.timedelta(seconds=seconds)).time().isoformat()
    moment = epoch + datetime.timedelta(days=value)
    moment = moment.replace(microsecond=0) + datetime.timedelta(seconds=round(moment.microsecond / 1e6))
    return _cell_text(moment)


def _number_text(raw: str) -> str:
    try:
        return _cell_text(float(raw))
    except ValueError:
        return raw


def _xlsx_records(data: bytes, budget: _Budget) -> Iterator[tuple[int, list[str]]]:
    book = _Workbook(data, budget)
    try:
        sheet = book.first_sheet()
        shared = book.shared_strings()
        dates = book.date_styles()
        epoch = _EXCEL_EPOCH_1904 if book.date1904() else _EXCEL_EPOCH
    except KeyError as error:
        raise book._damaged(error) from None
    row_tag, cell_tag = f"{{{_NS_MAIN}}}row", f"{{{_NS_MAIN}}}c"
    value_tag, inline_tag = f"{{{_NS_MAIN}}}v", f"{{{_NS_MAIN}}}is"
    text_tag = f"{{{_NS_MAIN}}}t"
    line = 0
    column = -1
    cells: dict[int, str] = {}
    for event, element in book.parse(sheet, {row_tag, cell_tag}):
        if element.tag == row_tag:
            if event == "start":
                reference = element.get("r")
                line = int(reference) if reference and reference.isdigit() else line + 1
                column, cells = -1, {}
                continue
            if cells:
                yield line, [cells.get(i, "") for i in range(max(cells) + 1)]
            element.clear(keep_tail=False)
            while element.getprevious() is not None:
                del element.getparent()[0]
            continue
        if event == "start":
            continue
        reference = element.get("r")
        match = _CELL_REF.match(reference or "")
        if match:
            column = 0
            for letter in match.group(1).upper():
                column = column * 26 + ord(letter) - 64
            column -= 1
        else:
            column += 1
        if column > _LAST_COLUMN or line > _LAST_ROW:  # beyond XFD1048576: no spreadsheet program wrote this
            raise book._damaged(_("a cell beyond XFD1048576"))
        kind = element.get("t", "n")
        raw_value = element.findtext(value_tag)
        if kind == "inlineStr":
            inline = element.find(inline_tag)
            value = "".join(t.text or "" for t in inline.iter(text_tag)) if inline is not None else ""
        elif raw_value is None:
            value = ""
        elif kind == "s":
            try:
                value = shared[int(raw_value)]
            except (ValueError, IndexError):
                raise book._damaged(
                    _("cell %(cell)s refers to a missing text") % {"cell": reference}
                ) from None
        elif kind == "b":
            value = "true" if raw_value.strip() in ("1", "true") else "false"
        elif kind == "n" and int(element.get("s", "0") or 0) in dates:
            try:
                value = _serial_text(float(raw_value), epoch)
            except (ValueError, OverflowError):
                value = raw_value
        elif kind == "n":
            value = _number_text(raw_value)
        elif kind == "d":
            value = raw_value.replace("T00:00:00", "").replace("T", " ")
        else:  # str (a formula's text), e (an error such as #N/A)
            value = raw_value
        element.clear(keep_tail=False)
        parent = element.getparent()
        if parent is not None:  # a row of a million empty <c/> holds nothing
            parent.remove(element)
        if value:
            budget.cell(value, column, line)
            cells[column] = value


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


# ---------------------------------------------------------------------------------------------- tables


def _utf8_text(head: bytes) -> bool:
    """Whether the start of a file is UTF-8 (a character cut at the end of the sample does not count)."""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start >= len(head) - 3
    return True


def iter_records(
    source: bytes | str | Path | IO[bytes], *, filename: str, limits: Limits | None = None
) -> Iterator[tuple[int, list[str]]]:
    """Every record of a CSV or the first sheet of an XLSX as (line, cells), each limit checked as it comes."""
    limits = limits or Limits.default()
    data = _read_bytes(source, filename, limits.max_bytes)
    if not data.strip():
        raise _whole_file(filename, _("%(file)s is empty.") % {"file": filename}, "empty_file")
    budget = _Budget(filename, limits)
    if data.startswith(OLE_MAGIC):
        message = _("%(file)s is an old Excel .xls file; save it as .xlsx or CSV UTF-8.") % {"file": filename}
        raise _whole_file(filename, message, "unsupported_type")
    if data.startswith(XLSX_MAGIC):
        return _xlsx_records(data, budget)
    if filename.lower().endswith((".xlsx", ".xlsm", ".xls")):
        message = _("%(file)s is named like a workbook but is not one.") % {"file": filename}
        raise _whole_file(filename, message, "unsupported_type")
    if b"\x00" in data[:4096] and not _utf8_text(
        data[:4096]
    ):  # binary or UTF-16; a stray NUL in text is named
        message = _("%(file)s is not a CSV or XLSX file.") % {"file": filename}
        raise _whole_file(filename, message, "unsupported_type")
    return _csv_records(_decode(data, filename), budget)


# what a reader refuses about a file as a whole: callers pass these on as they are
LIMIT_CODES = frozenset(
    {
        "file_too_large",
        "too_many_rows",
        "too_many_columns",
        "cell_too_long",
        "too_many_cells",
        "workbook_too_large",
        "nul_byte",
        "bad_csv",
    }
)
MAX_LINE_BYTES = (
    131_072  # for readers of our own (DuckDB's read_csv max_line_size): a longer line is read by us
)


def csv_precheck(path: str | Path, *, filename: str, limits: Limits | None = None) -> None:
    """Before a CSV is handed to a faster reader of its own (DuckDB): its size, its header's width and NUL bytes,
    checked cheaply; a file with a NUL is read by `iter_records`, which names the row and column."""
    limits = limits or Limits.default()
    size = os.path.getsize(path)
    if size > limits.max_bytes:
        raise file_too_large(filename, size, limits.max_bytes)
    records = iter_records(path, filename=filename, limits=limits)
    next(records, None)  # the header, with its width checked
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            if b"\x00" in chunk:
                for _record in records:
                    pass
                return


def read_table(
    source: bytes | str | Path | IO[bytes],
    *,
    filename: str,
    required: Iterable[str],
    optional: Iterable[str] = (),
    aliases: Mapping[str, str] | None = None,
    max_bytes: int | None = None,
    max_rows: int | None = None,
    limits: Limits | None = None,
) -> Table:
    """Read a CSV or XLSX upload into rows keyed by normalised column names.

    `aliases` maps alternative normalised headers (e.g. "名称" or "facility_name") to a column name.
    """
    limits = limits or Limits.default(max_bytes=max_bytes, max_rows=max_rows)
    records = iter_records(source, filename=filename, limits=limits)
    return _table_from_records(
        records,
        filename=filename,
        required=list(required),
        optional=list(optional),
        aliases=dict(aliases or {}),
        limits=limits,
    )


def _table_from_records(
    records: Iterator[tuple[int, list[str]]],
    *,
    filename: str,
    required: list[str],
    optional: list[str],
    aliases: dict[str, str],
    limits: Limits,
) -> Table:
    header_line, header_cells = 0, list[str]()
    for line, cells in records:
        if any(cell.strip() for cell in cells):
            header_line, header_cells = line, cells
            break
    else:
        raise _whole_file(filename, _("%(file)s is empty.") % {"file": filename}, "empty_file")
    known = set(required) | set(optional)
    mapping: dict[int, str] = {}
    extra: dict[int, str] = {}
    seen: dict[str, int] = {}
    headers: dict[str, str] = {}
    errors = []
    for index, header in enumerate(header_cells):
        name = normalise_header(header)
        name = aliases.get(name, name)
        if not name:
            continue
        if name in seen:
            errors.append(
                cell_error(
                    filename, 0, str(header), _("Column “%(column)s” appears twice.") % {"column": header}
                )
            )
            continue
        seen[name] = index
        if name in known:
            mapping[index] = name
            headers[name] = str(header).strip()
        else:
            extra[index] = str(header).strip()
    missing = [column for column in required if column not in seen]
    if missing:
        errors.append(
            cell_error(
                filename,
                0,
                ", ".join(missing),
                _("Required column(s) missing: %(columns)s.") % {"columns": ", ".join(missing)},
            )
        )
    if errors:
        raise InvalidInput("; ".join(e["message"] for e in errors), code="bad_header", details=errors)
    rows: list[Row] = []
    budget = _Budget(filename, limits)
    for line, cells in records:
        if not any(cell.strip() for cell in cells):
            continue
        budget.rows(len(rows) + 1, line)
        values = {name: (cells[i].strip() if i < len(cells) else "") for i, name in mapping.items()}
        extras = {name: cells[i].strip() for i, name in extra.items() if i < len(cells) and cells[i].strip()}
        rows.append(Row(number=line - header_line, values=values, extra=extras, line=line))
    if not rows:
        message = _("%(file)s has a header but no data rows.") % {"file": filename}
        raise _whole_file(filename, message, "empty_file")
    return Table(
        filename=filename,
        columns=list(mapping.values()),
        extra_columns=list(extra.values()),
        rows=rows,
        header_line=header_line,
        headers=headers,
    )
