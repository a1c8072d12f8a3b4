"""The import pipeline's own rules: value parsers, the error format, commit all or the valid rows, storage."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from hypothesis import given
from hypothesis import strategies as st

from rsca.core.audit import acting_as, audit_record
from rsca.core.errors import InvalidInput, NotFound
from rsca.core.imports.pipeline import Column, Importer, ImportRow, RowSchema, import_run, skipped_rows_csv
from rsca.core.imports.storage import upload_get, upload_store, uploads_cleanup
from rsca.core.imports.values import CellProblem, bool_parse, date_parse, number_parse
from rsca.core.models import AuditEvent, ImportUpload, Organisation


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234.5", "1234.5"),
        ("1,234.5", "1234.5"),
        ("1.234,5", "1234.5"),
        ("1,234", "1234"),
        ("12,345,678", "12345678"),
        ("12,5", "12.5"),
        ("1 234,50", "1234.50"),
        ("1'234", "1234"),
        ("-3", "-3"),
        ("(12)", "-12"),
        ("１２３", "123"),
        ("+0.5", "0.5"),
        (".5", "0.5"),
    ],
)
def test_numbers_are_read_by_the_documented_rules(text: str, expected: str) -> None:
    assert number_parse(text) == Decimal(expected)


def test_a_decimal_comma_column_reads_every_comma_as_the_decimal_mark() -> None:
    assert number_parse("1,234", decimal_comma=True) == Decimal("1.234")
    assert number_parse("1.234,5", decimal_comma=True) == Decimal("1234.5")
    with pytest.raises(CellProblem):
        number_parse("1.5", decimal_comma=True)


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "1.2.3", "nan", "inf", "1e5", "12,34,5"])
def test_anything_else_is_not_a_number(text: str) -> None:
    with pytest.raises(CellProblem):
        number_parse(text)


@given(st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-(10**9), max_value=10**9))
def test_any_amount_written_with_or_without_thousands_separators_reads_back(value: Decimal) -> None:
    plain = f"{value:.2f}"
    assert number_parse(plain) == value
    assert number_parse(f"{value:,.2f}") == value
    assert number_parse(f"{value:,.2f}".replace(",", " ").replace(".", ",")) == value


@pytest.mark.parametrize(
    "text",
    [
        "2025-03-01",
        "2025/3/1",
        "2025.03.01",
        "2025年3月1日",
        "20250301",
        "45717",
        "2025-03-01 08:00:00",
        "2025-03-01T00:00:00",
        "４５７１７",
    ],
)
def test_dates_are_read_in_every_documented_form(text: str) -> None:
    assert date_parse(text) == datetime.date(2025, 3, 1)


@pytest.mark.parametrize("text", ["01/03/2025", "3/1/2025", "2025-02-30", "March 1", "", "0"])
def test_day_month_orders_and_impossible_days_are_refused(text: str) -> None:
    with pytest.raises(CellProblem):
        date_parse(text)


@given(st.dates(min_value=datetime.date(1900, 3, 1), max_value=datetime.date(2173, 10, 13)))
def test_any_date_reads_back_from_iso_chinese_and_excel_serial_forms(day: datetime.date) -> None:
    serial = (day - datetime.date(1899, 12, 30)).days
    forms = [day.isoformat(), f"{day.year}年{day.month}月{day.day}日", str(serial)]
    assert {date_parse(form) for form in forms} == {day}


def test_yes_and_no_in_both_languages() -> None:
    assert [bool_parse(v) for v in ("Yes", "是", "1", "TRUE")] == [True] * 4
    assert [bool_parse(v) for v in ("no", "否", "0")] == [False] * 3
    assert bool_parse("", blank=True) is True
    with pytest.raises(CellProblem):
        bool_parse("maybe")


# -- a small importer, declared the way every importer is ---------------------------------------------------------


def _commit(rows: list[ImportRow], context: Any) -> dict[str, int]:
    for row in rows:
        Organisation.objects.create(
            name=row.values["name"],
            slug=f"test-{row.values['code'].lower()}",
            type="enterprise",
            acronym=row.values["code"],
        )
    return {"created": len(rows)}


def _no_twins(rows: list[ImportRow], context: Any) -> None:
    seen: dict[str, int] = {}
    for row in rows:
        name = row.values.get("name")
        if name in seen:
            row.error("name", f"the same as row {seen[name]}")
        seen.setdefault(name, row.line)


ORGANISATIONS = Importer(
    key="test-organisations",
    commit=_commit,
    schema=RowSchema(
        columns=(
            Column("name", str.strip, in_header=True, needed=True),
            Column("code", str.strip),
            Column("workers", lambda text: int(number_parse(text)), blank=0),
        ),
        aliases={"名称": "name"},
        check=_no_twins,
    ),
)

SHEET = (
    "名称,code,workers,notes\n"
    'Alpha Garments,AG,"1,200",x\n'
    ",NN,3,\n"
    "Beta Electronics,BE,many,\n"
    "Alpha Garments,A2,5,\n"
    '=HYPERLINK("x"),HL,1,\n'
    "Gamma Textiles,GT,12,\n"
).encode()


@pytest.mark.django_db
def test_every_bad_cell_is_one_error_in_one_format_with_the_row_the_user_sees() -> None:
    result = import_run(importer=ORGANISATIONS, source=SHEET, filename="orgs.csv")
    assert [row.line for row in result.rows] == [2, 3, 4, 5, 6, 7]
    assert result.errors == [
        {"file": "orgs.csv", "row": 3, "column": "name", "value": "", "message": "The value is missing."},
        {
            "file": "orgs.csv",
            "row": 4,
            "column": "workers",
            "value": "many",
            "message": "not a number (use 1234.5 or 1,234.5)",
        },
        {
            "file": "orgs.csv",
            "row": 5,
            "column": "name",
            "value": "Alpha Garments",
            "message": "the same as row 2",
        },
        {
            "file": "orgs.csv",
            "row": 6,
            "column": "name",
            "value": '=HYPERLINK("x")',
            "message": '“=HYPERLINK("x")” looks like a spreadsheet formula; type the value itself.',
        },
    ]
    assert result.rows[0].values == {"name": "Alpha Garments", "code": "AG", "workers": 1200}
    assert result.rows[0].extra == {"notes": "x"}


@pytest.mark.django_db
def test_a_file_with_an_invalid_row_writes_nothing_unless_the_valid_rows_are_asked_for() -> None:
    before = Organisation.objects.count()
    with pytest.raises(InvalidInput) as refused:
        import_run(importer=ORGANISATIONS, source=SHEET, filename="orgs.csv", commit=True)
    assert refused.value.code == "invalid_rows" and len(refused.value.details) == 4
    assert Organisation.objects.count() == before
    result = import_run(
        importer=ORGANISATIONS, source=SHEET, filename="orgs.csv", commit=True, skip_invalid=True
    )
    assert result.committed and result.counts == {"created": 2} and result.skipped == 4
    assert Organisation.objects.count() == before + 2
    skipped = skipped_rows_csv(result).decode("utf-8-sig").splitlines()
    assert skipped[0] == "row,名称,code,workers,problems"
    assert [line.split(",")[0] for line in skipped[1:]] == ["3", "4", "5", "6"]
    assert "'=HYPERLINK" in skipped[4]  # neutralised on the way out as well


@pytest.mark.django_db
def test_a_failure_inside_the_commit_leaves_nothing_behind() -> None:
    def failing(rows: list[ImportRow], context: Any) -> dict[str, int]:
        _commit(rows, context)
        raise InvalidInput("the register refused the last row", code="refused")

    importer = Importer(key="failing", schema=ORGANISATIONS.schema, commit=failing)
    before = Organisation.objects.count()
    with pytest.raises(InvalidInput):
        import_run(importer=importer, source=SHEET, filename="orgs.csv", commit=True, skip_invalid=True)
    assert Organisation.objects.count() == before


@pytest.mark.django_db
def test_an_upload_is_kept_for_its_owner_only_and_abandoned_ones_are_cleaned_up(
    user_a: Any, user_b: Any
) -> None:
    upload = upload_store(
        importer="test-organisations", file=io.BytesIO(SHEET), filename="orgs.csv", owner=user_a, target="x"
    )
    assert default_storage.exists(upload.stored_name) and upload.size == len(SHEET)
    assert upload_get(upload_id=upload.pk, importer="test-organisations", owner=user_a, target="x") == upload
    for owner, upload_id in ((user_b, upload.pk), (user_a, "not-a-uuid")):
        with pytest.raises(NotFound):
            upload_get(upload_id=upload_id, importer="test-organisations", owner=owner, target="x")
    assert uploads_cleanup() == 0
    ImportUpload.objects.filter(pk=upload.pk).update(
        created_at=upload.created_at - datetime.timedelta(days=2)
    )
    assert uploads_cleanup() == 1
    assert not default_storage.exists(upload.stored_name) and not ImportUpload.objects.exists()


@pytest.mark.django_db
def test_the_platform_acting_without_an_account_is_audited_as_system() -> None:
    organisation = Organisation.objects.create(name="Audited Org", slug="test-audited-org", type="enterprise")
    nobody = get_user_model()(username="system", is_staff=True)  # a fresh installation: no account yet
    with acting_as(nobody):
        audit_record(action="import", target=organisation)
        organisation.acronym = "AO"
        organisation.save()
    events = AuditEvent.objects.filter(target_type="core.organisation", target_id=str(organisation.pk))
    assert set(events.values_list("actor_repr", flat=True)) == {"system"}
    assert not events.exclude(actor=None).exists()


@pytest.mark.django_db
def test_the_cleanup_command_deletes_previews_older_than_asked(user_a: Any) -> None:
    from django.core.management import call_command

    upload = upload_store(
        importer="test-organisations", file=io.BytesIO(SHEET), filename="orgs.csv", owner=user_a
    )
    out = io.StringIO()
    call_command("imports-cleanup", "--older-than-hours", "1", stdout=out)
    assert out.getvalue().startswith("0 ") and ImportUpload.objects.filter(pk=upload.pk).exists()
    call_command("imports-cleanup", "--older-than-hours", "0", stdout=out)
    assert not ImportUpload.objects.filter(pk=upload.pk).exists()
