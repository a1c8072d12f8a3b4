from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from rsca.core.errors import InvalidInput, NotFound
from rsca.training.importing import participants_import
from rsca.training.models import Participant, Registration
from rsca.training.selectors import training_indicators

CHINESE_SHEET = (
    "姓名,性别,单位,类别,职务,行业,省份,邮箱\n"
    "王芳,女,苏州示范纺织有限公司,企业,人力资源经理,纺织,江苏省,wang.fang@example.org\n"
    "李强,男,江苏省劳动保障监察局,政府,监察员,,江苏,li.qiang@example.org\n"
    "张敏,F,深圳市总工会,工会,干事,,广东,\n"
    "Chen Jun,Male,Dongguan Demo Electronics,Enterprise,Line leader,electronics,Guangdong,CHEN.JUN@example.org\n"
)


def _bytes(text: str) -> bytes:
    return text.encode("utf-8")


def test_a_chinese_sheet_is_normalised_and_previewed_without_writing(past: Any, staff_user: Any) -> None:
    report = participants_import(
        session=past.slug, source=_bytes(CHINESE_SHEET), filename="名单.csv", by=staff_user
    )
    assert not report.errors
    assert [r.values["sex"] for r in report.rows] == ["female", "male", "female", "male"]
    assert [r.values["constituent_type"] for r in report.rows] == [
        "enterprise",
        "government",
        "workers_organisation",
        "enterprise",
    ]
    assert [r.values["province_id"] for r in report.rows] == ["320000", "320000", "440000", "440000"]
    assert report.rows[0].values["sector_id"] == "13" and report.rows[3].values["sector_id"] == "26"
    assert report.rows[3].values["email"] == "chen.jun@example.org"
    assert not report.committed
    assert Registration.objects.filter(activity=past).count() == 0


def test_committing_registers_everyone_as_attended_and_counts_unique_people(
    past: Any, staff_user: Any
) -> None:
    report = participants_import(
        session=past.slug, source=_bytes(CHINESE_SHEET), filename="list.csv", commit=True, by=staff_user
    )
    assert report.committed and report.people_created == 4 and report.registrations_created == 4
    again = participants_import(
        session=past.slug, source=_bytes(CHINESE_SHEET), filename="list.csv", commit=True, by=staff_user
    )
    assert again.people_created == 0 and again.already_registered == 4
    assert (
        Participant.objects.filter(email__in=["wang.fang@example.org", "chen.jun@example.org"]).count() == 2
    )
    indicators = training_indicators(session=past.slug)
    assert indicators["participants"] == 4
    assert indicators["by_sex"]["female"] == 2 and indicators["by_sex"]["male"] == 2
    assert indicators["enterprises"] == 2
    assert indicators["by_province"] == {"320000": 2, "440000": 2}


def test_the_same_person_is_recognised_across_files_by_case_insensitive_email(
    past: Any, upcoming: Any, staff_user: Any
) -> None:
    participants_import(
        session=past.slug, source=_bytes(CHINESE_SHEET), filename="a.csv", commit=True, by=staff_user
    )
    second = "name,sex,organisation,email\nFang Wang,female,Suzhou Demo Textile,Wang.Fang@Example.org\n"
    report = participants_import(
        session=upcoming.slug, source=_bytes(second), filename="b.csv", commit=True, by=staff_user
    )
    assert report.people_matched == 1 and report.people_created == 0
    assert training_indicators()["participants"] >= 4
    person = Participant.objects.get(email="wang.fang@example.org")
    assert person.registrations.count() == 2


def test_without_email_name_and_organisation_identify_the_person(past: Any, staff_user: Any) -> None:
    sheet = "name,organisation,sex\nZhao Lei,Demo CSR Network,M\n"
    participants_import(session=past.slug, source=_bytes(sheet), filename="a.csv", commit=True, by=staff_user)
    participants_import(
        session=past.slug,
        source=_bytes("name,organisation\nzhao lei,demo csr network\n"),
        filename="b.csv",
        commit=True,
        by=staff_user,
    )
    assert Participant.objects.filter(full_name__iexact="zhao lei").count() == 1


BAD_SHEET = (
    "name,sex,organisation,constituent_type,email\n"
    "Good Person,female,Org One,enterprise,good@example.org\n"
    ",male,Org Two,government,nobody@example.org\n"
    "Bad Mail,female,Org Three,academia,not-an-email\n"
    "Odd Type,male,Org Four,astronaut guild,odd@example.org\n"
    "Good Person,female,Org One,enterprise,good@example.org\n"
    "Good Person,male,Org One,enterprise,good@example.org\n"
)


def test_every_bad_row_is_named_and_nothing_is_committed(past: Any, staff_user: Any) -> None:
    with pytest.raises(InvalidInput) as caught:
        participants_import(
            session=past.slug, source=_bytes(BAD_SHEET), filename="bad.csv", commit=True, by=staff_user
        )
    details = caught.value.details
    by_row = {(d["row"], d["column"]) for d in details}
    # rows as the user sees them in Excel: the header is row 1 (issue 17: one error format in every importer)
    assert (3, "name") in by_row
    assert (4, "email") in by_row
    assert (5, "constituent_type") in by_row
    assert any(d["row"] == 6 and "duplicate" in d["message"] for d in details)
    assert any(d["row"] == 7 and "sex" in d["column"] and "differently" in d["message"] for d in details)
    assert all(d["file"] == "bad.csv" for d in details)
    assert Registration.objects.filter(activity=past).count() == 0
    assert not Participant.objects.filter(email="good@example.org").exists()


def test_skipping_invalid_rows_imports_only_the_valid_ones(past: Any, staff_user: Any) -> None:
    report = participants_import(
        session=past.slug,
        source=_bytes(BAD_SHEET),
        filename="bad.csv",
        commit=True,
        skip_invalid=True,
        by=staff_user,
    )
    assert report.committed and report.registrations_created == 1 and report.skipped == 5
    assert list(Registration.objects.filter(activity=past).values_list("participant__email", flat=True)) == [
        "good@example.org"
    ]


def test_an_unknown_session_is_a_clear_error(staff_user: Any, db: Any) -> None:
    with pytest.raises(NotFound) as caught:
        participants_import(
            session="no-such-seminar", source=_bytes(CHINESE_SHEET), filename="a.csv", by=staff_user
        )
    assert "no-such-seminar" in caught.value.message


def test_a_missing_name_column_is_refused(past: Any, staff_user: Any) -> None:
    with pytest.raises(InvalidInput) as caught:
        participants_import(
            session=past.slug, source=_bytes("sex,email\nF,a@example.org\n"), filename="a.csv", by=staff_user
        )
    assert caught.value.details[0]["column"] == "name"


def test_an_xlsx_sheet_with_chinese_headers_is_read(past: Any, staff_user: Any, tmp_path: Path) -> None:
    path = tmp_path / "名单.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet()
    for r, row in enumerate(
        [
            ["姓名", "性别", "单位", "类别"],
            ["刘洋", "女", "示范大学", "学术机构"],
            ["孙涛", "男", "示范网络", "社会组织"],
        ]
    ):
        sheet.write_row(r, 0, row)
    workbook.close()
    report = participants_import(
        session=past.slug, source=path, filename=path.name, commit=True, by=staff_user
    )
    assert report.registrations_created == 2
    assert training_indicators(session=past.slug)["by_constituent"]["academia"] == 1


def test_the_command_previews_and_commits_with_json_output(
    past: Any, staff_user: Any, tmp_path: Path
) -> None:
    path = tmp_path / "list.csv"
    path.write_text(CHINESE_SHEET, encoding="utf-8")
    out = io.StringIO()
    call_command("import-participants", str(path), "--session", past.slug, "--format", "json", stdout=out)
    preview = json.loads(out.getvalue())
    assert preview["committed"] is False and preview["valid_rows"] == 4
    assert Registration.objects.filter(activity=past).count() == 0
    out = io.StringIO()
    call_command(
        "import-participants", str(path), "--session", past.slug, "--commit", "--format", "json", stdout=out
    )
    assert json.loads(out.getvalue())["registrations_created"] == 4


def test_the_command_fails_on_a_bad_file_or_an_unknown_session(
    past: Any, staff_user: Any, tmp_path: Path
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(BAD_SHEET, encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import-participants",
            str(path),
            "--session",
            past.slug,
            "--commit",
            "--format",
            "json",
            stdout=out,
        )
    body = json.loads(out.getvalue())
    assert body["code"] == "invalid_rows" and {d["row"] for d in body["details"]} >= {3, 4, 5, 6, 7}
    assert Registration.objects.filter(activity=past).count() == 0
    with pytest.raises(CommandError, match="no-such"):
        call_command(
            "import-participants",
            str(path),
            "--session",
            "no-such",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )


def test_the_browser_import_previews_then_commits(client: Any, past: Any, staff_user: Any) -> None:
    client.force_login(staff_user)
    with translation.override("en"):
        url = reverse("training:import", kwargs={"slug": past.slug})
    upload = io.BytesIO(_bytes(BAD_SHEET))
    upload.name = "bad.csv"
    response = client.post(url, {"file": upload})
    text = response.content.decode()
    assert response.status_code == 200 and "not-an-email" in text and "astronaut guild" in text
    assert Registration.objects.filter(activity=past).count() == 0
    import_id = response.context["import_id"]
    refused = client.post(url, {"commit": "1", "import_id": import_id})
    assert refused.status_code == 422
    assert Registration.objects.filter(activity=past).count() == 0
    done = client.post(url, {"commit": "1", "import_id": import_id, "skip_invalid": "1"})
    assert done.status_code == 302
    assert Registration.objects.filter(activity=past).count() == 1


def test_the_api_import_reports_row_errors(client: Any, past: Any, staff_user: Any) -> None:
    client.force_login(staff_user)
    upload = io.BytesIO(_bytes(BAD_SHEET))
    upload.name = "bad.csv"
    response = client.post(
        f"/api/v1/training/activities/{past.slug}/participants/import", {"file": upload, "commit": "true"}
    )
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_rows"
    assert Registration.objects.filter(activity=past).count() == 0


def test_a_row_without_email_is_the_known_person_with_that_name_and_organisation(
    past: Any, staff_user: Any
) -> None:
    Participant.objects.create(
        full_name="Sun Tao", organisation_name="Demo Network", email="sun.tao@example.org"
    )
    Participant.objects.create(
        full_name="Sun Tao", organisation_name="Other Org", email="other.sun@example.org"
    )
    report = participants_import(
        session=past.slug,
        source=_bytes("name,organisation\nSUN TAO,demo network\n"),
        filename="a.csv",
        commit=True,
        by=staff_user,
    )
    assert report.people_matched == 1 and report.people_created == 0
    different = "name,organisation,email\nSun Tao,Demo Network,another.sun@example.org\n"
    assert (
        participants_import(
            session=past.slug, source=_bytes(different), filename="b.csv", commit=True, by=staff_user
        ).people_created
        == 1
    )


def test_a_participant_is_linked_to_the_supplier_facility_named_by_its_id(
    client: Any, past: Any, staff_user: Any
) -> None:
    from rsca.supplychain.models import Facility

    facility = Facility.objects.create(name="Demo Facility", address="1 Demo Road, Suzhou", country_id="CN")
    sheet = f"name,organisation,constituent_type,facility_id\nLiu Yang,Demo Facility,enterprise,{facility.public_id}\n"
    participants_import(session=past.slug, source=_bytes(sheet), filename="a.csv", commit=True, by=staff_user)
    assert Participant.objects.get(full_name="Liu Yang").facility == facility
    bad = "name,facility_id\nNobody,CN0000000000000\n"
    report = participants_import(session=past.slug, source=_bytes(bad), filename="b.csv", by=staff_user)
    assert report.errors[0]["column"] == "facility_id"
    client.force_login(staff_user)
    with translation.override("en"):
        page = client.get(reverse("training:manage_activity", kwargs={"slug": past.slug})).content.decode()
    assert facility.public_id in page


def test_an_organisation_on_the_platform_is_recognised_by_its_chinese_name_or_acronym(
    past: Any, staff_user: Any
) -> None:
    from rsca.core.models import Organisation

    brand = Organisation.objects.create(
        name="Example Maker Ltd",
        name_zh="示例制造有限公司",
        acronym="EXM",
        slug="example-maker",
        type="enterprise",
        enterprise_role="supplier",
    )
    sheet = "姓名,单位,类别\n甲,示例制造有限公司,企业\n乙,EXM,企业\n丙,Example  Maker ltd,企业\n"
    participants_import(session=past.slug, source=_bytes(sheet), filename="a.csv", commit=True, by=staff_user)
    assert set(
        Participant.objects.filter(full_name__in=["甲", "乙", "丙"]).values_list("organisation_id", flat=True)
    ) == {brand.pk}
    assert training_indicators(session=past.slug)["enterprises"] == 1
