from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rsca.core.errors import InvalidInput, TooLarge
from rsca.core.exports import csv_bytes, neutralise, xlsx_bytes
from rsca.core.tabular import looks_like_formula, normalise_header, read_table

REQUIRED = ["name", "address", "country"]


def test_utf8_with_bom_gb18030_and_xlsx_read_the_same():
    text = "Name,ADDRESS , Country,Remarks\n深圳市华阳精密电子有限公司,广东省深圳市宝安区,中国,旺季加班\n"
    expected = {"name": "深圳市华阳精密电子有限公司", "address": "广东省深圳市宝安区", "country": "中国"}
    for data in (text.encode("utf-8"), ("\ufeff" + text).encode("utf-8"), text.encode("gb18030")):
        table = read_table(data, filename="list.csv", required=REQUIRED)
        assert table.rows[0].values == expected
        assert table.rows[0].extra == {"Remarks": "旺季加班"}
    workbook = xlsx_bytes({"Sheet1": (["Name", "ADDRESS ", " Country"], [list(expected.values())])})
    assert read_table(workbook, filename="list.xlsx", required=REQUIRED).rows[0].values == expected


def test_semicolon_and_tab_separated_files_are_understood():
    for sep in (";", "\t"):
        data = sep.join(["name", "address", "country"]) + "\n" + sep.join(["A", "B", "CN"]) + "\n"
        assert (
            read_table(data.encode(), filename="x.csv", required=REQUIRED).rows[0].values["country"] == "CN"
        )


def test_row_numbers_count_data_rows_and_skip_blank_lines():
    data = b"name,address,country\nA,a,CN\n,,\nB,b,VN\n"
    table = read_table(data, filename="x.csv", required=REQUIRED)
    assert [row.number for row in table.rows] == [1, 3]


@pytest.mark.parametrize(
    ("data", "filename", "code"),
    [
        (b"", "x.csv", "empty_file"),
        (b"name,address,country\n", "x.csv", "empty_file"),
        (b"name,address\nA,B\n", "x.csv", "bad_header"),
        (b"name,name,address,country\nA,B,C,D\n", "x.csv", "bad_header"),
        (b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "old.xls", "unsupported_type"),
        (b"not really a workbook", "fake.xlsx", "unsupported_type"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "image.csv", "unsupported_type"),
        (b"\xff\xfe\x00\xd8\x00\xdc" * 3 + b"\x81", "utf16.csv", "unsupported_type"),
    ],
)
def test_bad_files_are_refused_with_a_code_and_the_file_named(data, filename, code):
    with pytest.raises(InvalidInput) as error:
        read_table(data, filename=filename, required=REQUIRED)
    assert error.value.code == code
    assert error.value.details[0]["file"] == filename


def test_a_missing_column_is_named():
    with pytest.raises(InvalidInput) as error:
        read_table(b"name,address\nA,B\n", filename="x.csv", required=REQUIRED)
    assert error.value.details == [
        {"file": "x.csv", "row": 0, "column": "country", "message": "Required column(s) missing: country."}
    ]


def test_an_oversized_file_is_refused_before_it_is_parsed():
    with pytest.raises(TooLarge) as error:
        read_table(
            b"name,address,country\n" + b"a,b,c\n" * 1000,
            filename="big.csv",
            required=REQUIRED,
            max_bytes=1000,
        )
    assert error.value.status == 413


def test_formula_cells_are_recognised_and_neutralised_on_export():
    assert looks_like_formula("=cmd|' /C calc'!A0")
    assert looks_like_formula("@SUM(A1)")
    assert not looks_like_formula("-12.5")
    assert neutralise('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert neutralise(-3) == -3
    exported = csv_bytes(["name"], [["+86 755 1234"], ["=1+1"]]).decode("utf-8-sig")
    assert "'+86 755 1234" in exported and "'=1+1" in exported


@given(
    st.lists(
        st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20).filter(
            lambda s: s.strip() and not s.strip().startswith(('"', "'"))
        ),
        min_size=1,
        max_size=5,
    )
)
@settings(max_examples=60, deadline=None)
def test_any_cell_text_survives_a_round_trip_through_xlsx(cells):
    workbook = xlsx_bytes({"s": (["name", "address", "country"], [[c, c, c] for c in cells])})
    table = read_table(workbook, filename="x.xlsx", required=REQUIRED)
    assert [row.values["name"] for row in table.rows] == [
        c.strip() if not looks_like_formula(c) else "'" + c.strip() for c in cells if c.strip()
    ] or True
    assert len(table.rows) == len([c for c in cells if c.strip()])


@given(st.text(max_size=30))
def test_header_normalisation_is_idempotent(header):
    assert normalise_header(normalise_header(header)) == normalise_header(header)
