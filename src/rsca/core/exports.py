"""CSV and XLSX downloads. Cells that a spreadsheet would run as a formula are neutralised."""

from __future__ import annotations

import csv
import decimal
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value: Any) -> Any:
    """Prefix text that starts like a formula with an apostrophe (OWASP CSV-injection advice).

    Numbers stay numbers: a negative amount is data, not a formula.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralise(h) for h in headers])
    for row in rows:
        writer.writerow(["" if v is None else neutralise(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel opens Chinese text correctly


def csv_response(headers: Sequence[str], rows: Iterable[Sequence[Any]], filename: str) -> HttpResponse:
    response = HttpResponse(csv_bytes(headers, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_bytes(sheets: dict[str, tuple[Sequence[str], Iterable[Sequence[Any]]]]) -> bytes:
    """One workbook; `sheets` maps a sheet name to (headers, rows)."""
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    header_format = workbook.add_format({"bold": True, "bg_color": "#EEF1F4", "text_wrap": True})
    for name, (headers, rows) in sheets.items():
        sheet = workbook.add_worksheet(name[:31])
        for col, header in enumerate(headers):
            sheet.write_string(0, col, str(header), header_format)
            sheet.set_column(col, col, max(12, min(50, len(str(header)) + 4)))
        for r, row in enumerate(rows, start=1):
            for col, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, bool):
                    sheet.write_boolean(r, col, value)
                elif isinstance(value, int | float | decimal.Decimal):
                    sheet.write_number(r, col, float(value))
                else:
                    sheet.write_string(r, col, str(neutralise(value)))
        sheet.freeze_panes(1, 0)
    workbook.close()
    return buffer.getvalue()


def xlsx_response(
    sheets: dict[str, tuple[Sequence[str], Iterable[Sequence[Any]]]], filename: str
) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(sheets), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
