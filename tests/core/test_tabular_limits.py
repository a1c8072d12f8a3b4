"""Hostile files, built here byte for byte: every one ends in a clear error that names the limit."""

from __future__ import annotations

import contextlib
import csv
import datetime
import io
import zipfile

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from rsca.core.errors import DomainError, TooLarge
from rsca.core.tabular import Limits, column_letter, iter_records, read_table

REQUIRED = ["name", "address", "country"]

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships '
    'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?><worksheet '
    'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def workbook(sheet_xml: bytes | str, *, dimension: str = "A1:C2") -> bytes:
    """A minimal XLSX written part by part, the way a hostile sender would."""
    body = sheet_xml.encode() if isinstance(sheet_xml, str) else sheet_xml
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            SHEET_HEAD.encode()
            + f'<dimension ref="{dimension}"/>'.encode()
            + b"<sheetData>"
            + body
            + b"</sheetData></worksheet>",
        )
    return buffer.getvalue()


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


HEADER_ROW = (
    '<row r="1">' + inline("A1", "name") + inline("B1", "address") + inline("C1", "country") + "</row>"
)
DATA_ROW = '<row r="2">' + inline("A2", "Huayang") + inline("B2", "Shenzhen") + inline("C2", "CN") + "</row>"


def refused(data: bytes, filename: str, **limits: int) -> DomainError:
    with pytest.raises(DomainError) as error:
        read_table(data, filename=filename, required=REQUIRED, limits=Limits.default(**limits))
    assert error.value.details[0]["file"] == filename
    assert error.value.message == error.value.details[0]["message"]
    return error.value


def test_a_workbook_claiming_a_cell_at_xfd1048576_is_refused_without_allocating_the_grid():
    data = workbook(
        HEADER_ROW + '<row r="1048576">' + inline("XFD1048576", "boom") + "</row>", dimension="A1:XFD1048576"
    )
    assert len(data) < 2000
    error = refused(data, "claim.xlsx")
    assert error.code == "too_many_columns" and isinstance(error, TooLarge)
    assert error.details[0]["row"] == 1048576 and error.details[0]["column"] == "XFD"
    assert "XFD" in error.message and "1,000 columns" in error.message


def test_a_declared_dimension_alone_is_ignored():
    data = workbook(HEADER_ROW + DATA_ROW, dimension="A1:XFD1048576")
    table = read_table(data, filename="claim.xlsx", required=REQUIRED)
    assert [row.values for row in table.rows] == [{"name": "Huayang", "address": "Shenzhen", "country": "CN"}]
    assert table.rows[0].line == 2 and table.rows[0].number == 1


def test_a_cell_beyond_the_last_cell_of_the_format_is_a_damaged_workbook():
    assert (
        refused(workbook(HEADER_ROW + '<row r="3">' + inline("ZZZ3", "x") + "</row>"), "x.xlsx").code
        == "bad_workbook"
    )


def test_two_million_rows_without_references_stop_at_the_row_limit():
    rows = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 2_000_000
    data = workbook(HEADER_ROW.encode() + rows)
    assert len(data) < 1_500_000
    error = refused(data, "rows.xlsx", max_rows=20_000)
    assert error.code == "too_many_rows" and "20,000" in error.message
    assert error.details[0]["row"] == 20_002  # the header is row 1


def test_an_empty_row_of_a_million_cells_costs_nothing_and_holds_nothing():
    data = workbook(
        HEADER_ROW.encode()
        + b'<row r="2">'
        + b"<c/>" * 16_000
        + b"</row>"
        + DATA_ROW.replace('r="2"', 'r="3"')
        .replace("A2", "A3")
        .replace("B2", "B3")
        .replace("C2", "C3")
        .encode()
    )
    table = read_table(data, filename="x.xlsx", required=REQUIRED)
    assert [row.line for row in table.rows] == [3]


def test_a_zip_part_that_unpacks_beyond_the_limit_is_refused_before_it_is_unpacked():
    data = workbook(HEADER_ROW + DATA_ROW * 1 + "<row/>" * 200_000)
    error = refused(data, "bomb.xlsx", max_unzipped_bytes=1_000_000)
    assert error.code == "workbook_too_large" and "xl/worksheets/sheet1.xml" in error.message


def test_too_many_cells_in_total_are_refused():
    text = "name,address,country\n" + "a,b,c\n" * 50
    error = refused(text.encode(), "cells.csv", max_cells=100)
    assert error.code == "too_many_cells" and "100" in error.message


def test_a_csv_cell_over_the_csv_modules_own_limit_is_a_clear_error():
    data = b"name,address,country\nA,B,CN\n" + b"x," + b"y" * 131_073 + b",CN\n"
    error = refused(data, "long.csv")
    assert error.code == "cell_too_long" and isinstance(error, TooLarge)
    assert error.details[0]["row"] == 3 and error.details[0]["column"] == "B"
    assert "32,767" in error.message and "long.csv" in error.message


def test_a_csv_cell_over_excels_cell_limit_names_its_row_column_and_size():
    data = b"name,address,country\nA," + b"y" * 40_000 + b",CN\n"
    error = refused(data, "long.csv")
    assert error.code == "cell_too_long"
    assert error.details[0]["row"] == 2 and error.details[0]["column"] == "B"
    assert "40,000" in error.message and "32,767" in error.message


def test_a_header_of_a_million_columns_is_refused():
    data = b"name,address,country," + b",".join(b"c%d" % i for i in range(1_000_000)) + b"\nA,B,C\n"
    error = refused(data, "wide.csv", max_bytes=20_000_000)
    assert error.code == "too_many_columns" and error.details[0]["row"] == 1
    assert "1,000 columns" in error.message


def test_a_nul_byte_deep_in_a_csv_names_file_row_and_column():
    data = b"name,address,country\n" + b"A,B,CN\n" * 2000 + b"A,B\x00B,CN\n"
    error = refused(data, "nul.csv")
    assert error.code == "nul_byte"
    assert error.details[0]["row"] == 2002 and error.details[0]["column"] == "B"


def test_text_in_neither_utf8_nor_gb18030_names_the_line_and_byte():
    data = b"name,address,country\nA,B,CN\nCaf\xff,x,FR\n"
    error = refused(data, "latin.csv")
    assert error.code == "bad_encoding" and error.details[0]["row"] == 3 and "0xFF" in error.message


def test_gb18030_from_chinese_excel_is_read():
    text = "名称,地址,国家\n深圳市华阳精密电子有限公司,广东省深圳市宝安区,中国\n"
    table = read_table(
        text.encode("gb18030"),
        filename="gbk.csv",
        required=REQUIRED,
        aliases={"名称": "name", "地址": "address", "国家": "country"},
    )
    assert table.rows[0].values["country"] == "中国" and table.rows[0].line == 2


def test_a_multi_line_cell_keeps_the_line_where_each_record_starts():
    data = b'name,address,country\n"A","first\nsecond",CN\nB,b,VN\n'
    assert [row.line for row in read_table(data, filename="x.csv", required=REQUIRED).rows] == [2, 4]


def test_xlsx_dates_numbers_and_texts_read_as_the_user_sees_them():
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet()
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    chinese_date = book.add_format({"num_format": 31})  # yyyy"年"m"月"d"日"
    for col, header in enumerate(["name", "address", "country", "day", "day2", "count"]):
        sheet.write_string(0, col, header)
    sheet.write_string(1, 0, "深圳")
    sheet.write_string(1, 1, "宝安区")
    sheet.write_string(1, 2, "CN")
    sheet.write_datetime(1, 3, datetime.datetime(2025, 3, 1), date_format)
    sheet.write_datetime(1, 4, datetime.datetime(2024, 12, 31), chinese_date)
    sheet.write_number(1, 5, 1234.5)
    book.close()
    table = read_table(
        buffer.getvalue(), filename="x.xlsx", required=REQUIRED, optional=["day", "day2", "count"]
    )
    assert table.rows[0].values == {
        "name": "深圳",
        "address": "宝安区",
        "country": "CN",
        "day": "2025-03-01",
        "day2": "2024-12-31",
        "count": "1234.5",
    }


def test_column_letters():
    assert [column_letter(i) for i in (0, 25, 26, 701, 16383)] == ["A", "Z", "AA", "ZZ", "XFD"]


@given(st.binary(max_size=600))
@settings(max_examples=300, deadline=None)
def test_any_bytes_end_in_a_table_or_a_domain_error(data):
    for filename in ("x.csv", "x.xlsx"):
        with contextlib.suppress(DomainError):
            read_table(data, filename=filename, required=["a"])


@given(st.binary(max_size=400))
@settings(max_examples=150, deadline=None)
def test_any_bytes_inside_a_sheet_end_in_a_table_or_a_domain_error(body):
    with contextlib.suppress(DomainError):
        list(iter_records(workbook(body), filename="x.xlsx"))


cell_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"), max_size=30
)


@given(
    st.lists(st.lists(cell_text, min_size=3, max_size=3), min_size=1, max_size=8),
    st.sampled_from([",", ";", "\t"]),
)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_csv_written_by_the_csv_module_reads_back_cell_for_cell(rows, delimiter):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, quoting=csv.QUOTE_ALL)
    writer.writerow(["name", "address", "country"])
    writer.writerows(rows)
    expected = [[cell.strip() for cell in row] for row in rows if any(cell.strip() for cell in row)]
    assume(expected)
    table = read_table(buffer.getvalue().encode("utf-8"), filename="x.csv", required=REQUIRED)
    assert [[row.values[c] for c in REQUIRED] for row in table.rows] == expected
