"""Templates and samples for every upload: built from the importers' declarations, served and written by the CLI,
headers read back by the importers in both languages, every sample imports cleanly through the importer."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from rsca.core.errors import InvalidInput
from rsca.core.tabular import normalise_header, read_table
from rsca.core.templates_files import all_files, upload_kinds

KINDS = upload_kinds()


def test_every_upload_has_a_template_and_a_sample() -> None:
    assert set(KINDS) == {"facility-list", "roster", "time", "payroll", "participants", "indicator-values"}


@pytest.mark.django_db
def test_the_formats_page_offers_every_file_in_both_languages(client: Any) -> None:
    for prefix in ("", "/zh-hans"):
        page = client.get(f"{prefix}/library/upload-templates/").content.decode()
        for name in all_files():
            assert f"/library/upload-templates/{name}" in page
    assert "工号" in client.get("/zh-hans/library/upload-templates/").content.decode()
    response = client.get("/library/upload-templates/roster-template-zh.xlsx")
    assert response.status_code == 200 and response["Content-Type"].startswith(
        "application/vnd.openxmlformats"
    )
    assert response.content == all_files()["roster-template-zh.xlsx"]
    assert client.get("/library/upload-templates/nothing.csv").status_code == 404


@pytest.mark.parametrize("key", sorted(KINDS))
@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_the_importer_reads_every_template_header_as_its_own_columns(
    key: str, language: str, extension: str
) -> None:
    kind = KINDS[key]
    data = all_files()[f"{key}-template-{language}.{extension}"]
    # A blank template has no rows, which the reader refuses only after it has accepted the header.
    with pytest.raises(InvalidInput) as refused:
        read_table(
            data,
            filename=f"t.{extension}",
            required=kind.required,
            optional=kind.optional,
            aliases=kind.aliases,
        )
    assert refused.value.code == "empty_file", refused.value.details
    header = kind.header(language)
    assert len(set(header)) == len(kind.columns)
    for shown, column in zip(header, kind.columns, strict=True):
        assert kind.aliases.get(normalise_header(shown), normalise_header(shown)) == column


def test_chinese_templates_use_the_importers_chinese_headers_where_it_has_them() -> None:
    assert KINDS["participants"].header("zh")[0] == "姓名"
    assert KINDS["facility-list"].header("zh")[:3] == ["名称", "地址", "国家"]


def test_the_command_writes_every_file(tmp_path: Path) -> None:
    out = io.StringIO()
    call_command("templates", "--output", str(tmp_path), stdout=out)
    names = {p.name for p in tmp_path.iterdir()}
    assert names == {n for kind in KINDS.values() for n in kind.file_names()} and len(names) == 36
    assert "roster-template-zh.xlsx" in out.getvalue()


def _sample(key: str, extension: str) -> bytes:
    return all_files()[f"{key}-sample.{extension}"]


@pytest.mark.django_db
@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_the_facility_list_sample_imports_cleanly(extension: str, org_a: Any, user_a: Any) -> None:
    from rsca.supplychain.services import facility_list_import

    report = facility_list_import(
        organisation=org_a,
        source=_sample("facility-list", extension),
        filename=f"facility-list-sample.{extension}",
        by=user_a,
        commit=True,
    )
    assert report.committed and report.totals["error"] == 0 and report.totals["rows"] == 6


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_the_roster_time_and_payroll_samples_load_cleanly(extension: str, tmp_path: Path) -> None:
    from rsca.compliance.inputs import inputs_load

    paths = {}
    for key in ("roster", "time", "payroll"):
        paths[key] = tmp_path / f"{key}.{extension}"
        paths[key].write_bytes(_sample(key, extension))
    loaded = inputs_load(roster=paths["roster"], time=paths["time"], payroll=paths["payroll"])
    assert loaded.rows == {"roster": 5, "time": 5 * 26, "payroll": 5}
    assert str(loaded.start) == "2019-03-01" and str(loaded.end) == "2019-03-31"


@pytest.mark.django_db
@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_the_participant_sample_imports_cleanly(extension: str, staff_user: Any) -> None:
    import datetime

    from rsca.training.importing import participants_import
    from rsca.training.models import Activity

    day = datetime.date(2019, 10, 15)
    activity = Activity.objects.create(
        slug="sample-import-training",
        kind="training",
        title_en="Training",
        start_date=day,
        end_date=day,
        date_precision="day",
        is_published=True,
    )
    report = participants_import(
        session=activity,
        source=_sample("participants", extension),
        filename=f"participants-sample.{extension}",
        commit=True,
        by=staff_user,
    )
    assert not report.errors and activity.registrations.count() == 5
    assert activity.registrations.filter(attended=True).count() == 4


@pytest.mark.django_db
@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_the_indicator_values_sample_previews_cleanly(extension: str, staff_user: Any) -> None:
    from rsca.programme.models import Project
    from rsca.programme.services import indicator_values_preview

    project = Project.objects.get(slug="rsca-china")
    preview = indicator_values_preview(
        project=project,
        source=_sample("indicator-values", extension),
        filename=f"indicator-values-sample.{extension}",
        by=staff_user,
    )
    assert preview.ok, preview.problems
    assert len(preview.periods) == 5
