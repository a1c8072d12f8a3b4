"""The one number parser and the one date parser every importer uses, with rules a user can read.

Numbers (`number_parse`):
* full-width digits and signs are read as ASCII (NFKC); spaces, no-break spaces, apostrophes and
  underscores between digits are thousands separators (`1 234`, `1'234`);
* with both `,` and `.`, the one that comes last is the decimal mark and the other groups thousands
  (`1,234.50` and `1.234,50` are both 1234.5);
* with only commas: commas that group digits by three are thousands separators (`1,234`, `12,345,678`);
  any other single comma is a decimal comma (`12,5` is 12.5). A column declared `decimal_comma=True`
  (a locale that writes decimals with a comma) reads every comma as the decimal mark (`1,234` is 1.234)
  and a point as a thousands separator;
* `(12)` and a leading `-` or `+` give the sign; NaN, infinity and anything else is refused.

Dates (`date_parse`): ISO `2025-03-01` (a time after it is ignored), `2025/3/1`, `2025.3.1`,
`2025年3月1日`, `20250301`, and Excel serial day numbers up to 99999 (`45717` is 2025-03-01) when a
workbook stored a date as a plain number. Day/month orders such as `01/03/2025` are refused, never guessed.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _


class CellProblem(ValueError):
    """A value that cannot be read; the message says what is expected."""


_GROUPING = re.compile(r"(?<=\d)[\s\u00a0\u202f'_](?=\d)")
_THOUSANDS_COMMAS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d*)?$")
_THOUSANDS_POINTS = re.compile(r"^\d{1,3}(\.\d{3})+(,\d*)?$")
_PLAIN = re.compile(r"^\d+(\.\d*)?$|^\.\d+$")
TRUE_WORDS = frozenset(["true", "yes", "y", "1", "t", "x", "是", "√", "✓"])
FALSE_WORDS = frozenset(["false", "no", "n", "0", "f", "否"])


def number_parse(text: str, *, decimal_comma: bool = False) -> Decimal:
    """Read a number written the ways spreadsheets and people write them (rules in the module docstring)."""
    value = unicodedata.normalize("NFKC", text).strip()
    sign = 1
    if value.startswith("(") and value.endswith(")"):
        sign, value = -1, value[1:-1].strip()
    if value and value[0] in "+-":
        sign, value = (-sign if value[0] == "-" else sign), value[1:].strip()
    value = _GROUPING.sub("", value)
    if decimal_comma:
        if not _THOUSANDS_POINTS.match(value) and "." in value:
            raise CellProblem(_("not a number (this column writes decimals with a comma: 1.234,5)"))
        value = value.replace(".", "").replace(",", ".")
    elif "," in value and "." in value and value.rfind(",") > value.rfind("."):
        if not _THOUSANDS_POINTS.match(value):
            raise CellProblem(_("not a number (use 1234.5 or 1,234.5)"))
        value = value.replace(".", "").replace(",", ".")
    elif "," in value:
        if _THOUSANDS_COMMAS.match(value):
            value = value.replace(",", "")
        elif value.count(",") == 1 and "." not in value:
            value = value.replace(",", ".")
        else:
            raise CellProblem(_("not a number (use 1234.5 or 1,234.5)"))
    if not _PLAIN.match(value):
        raise CellProblem(_("not a number (use 1234.5 or 1,234.5)"))
    try:
        return sign * Decimal(value)
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits and one point
        raise CellProblem(_("not a number (use 1234.5 or 1,234.5)")) from None


_DATE_FORMS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+)?$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})(?: [\d:.]+)?$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
_SERIAL = re.compile(r"^\d{1,5}(\.\d+)?$")
_EXCEL_EPOCH = datetime.date(1899, 12, 30)


def date_parse(text: str, *, serial: bool = True) -> datetime.date:
    """Read a date (rules in the module docstring)."""
    value = unicodedata.normalize("NFKC", text).strip().replace(" 年", "年").replace(" 月", "月")
    for form in _DATE_FORMS:
        match = form.match(value)
        if match:
            try:
                return datetime.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            except ValueError:
                raise CellProblem(_("not a date: there is no such day")) from None
    if serial and _SERIAL.match(value) and 0 < float(value) < 2958466:
        return _EXCEL_EPOCH + datetime.timedelta(days=int(float(value)))
    raise CellProblem(_("not a date (use YYYY-MM-DD)"))


def bool_parse(text: str, *, blank: bool | None = None) -> bool:
    """yes/no, true/false, 1/0, 是/否 (any case); a blank cell is `blank`, or refused when that is None."""
    value = unicodedata.normalize("NFKC", text).strip().lower()
    if not value and blank is not None:
        return blank
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise CellProblem(_("not yes or no (use yes/no, true/false, 1/0 or 是/否)"))
