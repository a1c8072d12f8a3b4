"""IATI 2.03 export: valid against the official schema (shared reference copy), results included."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from lxml import etree

from rsca.core.errors import InvalidInput
from rsca.programme import services
from rsca.programme.iati import activities_xml
from rsca.programme.models import Budget, Project, Transaction
from tests.programme.factories import make_indicator, make_project

pytestmark = pytest.mark.django_db
SHARED_SCHEMA_DIR = Path(__file__).resolve().parents[2] / ".." / "shared" / "reference" / "iati-2.03"
# The official schema ships beside the project in shared/; the package carries an identical copy
# (checked below when both exist), so the validation runs even where shared/ is absent.
BUNDLED_SCHEMA_DIR = Path(__file__).resolve().parents[2] / "src" / "rsca" / "programme" / "data" / "iati-2.03"
SCHEMA_DIR = (
    SHARED_SCHEMA_DIR if (SHARED_SCHEMA_DIR / "iati-activities-schema.xsd").exists() else BUNDLED_SCHEMA_DIR
)


@pytest.fixture(scope="module")
def official_schema():
    path = SCHEMA_DIR / "iati-activities-schema.xsd"
    assert path.exists(), f"IATI schema not found at {path}"
    return etree.XMLSchema(etree.parse(str(path)))


def test_the_bundled_schema_is_the_official_one():
    for name in ("iati-activities-schema.xsd", "iati-common.xsd", "xml.xsd"):
        bundled = (BUNDLED_SCHEMA_DIR / name).read_bytes()
        if (SHARED_SCHEMA_DIR / name).exists():
            assert bundled == (SHARED_SCHEMA_DIR / name).read_bytes(), name


def assert_valid(schema, document: bytes) -> etree._Element:
    tree = etree.fromstring(document)
    assert schema.validate(tree), "\n".join(str(e) for e in schema.error_log)
    return tree


def registered(**filters: object) -> None:
    """The seeded identifiers are provisional until the ILO registers them; a test registers them first."""
    Project.objects.filter(**filters).update(identifier_is_provisional=False)


def test_the_seeded_portfolio_exports_as_valid_iati(official_schema, client):
    registered()
    response = client.get("/projects/iati.xml")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    tree = assert_valid(official_schema, response.content)
    activities = tree.findall("iati-activity")
    assert len(activities) == Project.objects.filter(is_public=True).count() >= 10
    rsca = next(a for a in activities if a.findtext("iati-identifier").endswith("-RSCA-CHN"))
    assert rsca.find("activity-date[@type='1']").get("iso-date") == "2017-12-15"
    assert {o.get("role") for o in rsca.findall("participating-org")} >= {"1", "2", "4"}
    assert {t.get("code") for t in rsca.findall("tag[@vocabulary='3']")} == {"8.7", "8.8", "12.6"}
    assert {s.get("code") for s in rsca.findall("sector")} == {"25040", "16070"}
    assert rsca.findall("result/indicator/period")
    assert (
        rsca.find("title/narrative[@{http://www.w3.org/XML/1998/namespace}lang='zh']").text
        == "亚洲负责任供应链——中国"
    )


def test_results_with_targets_actuals_and_dimensions_are_exported(official_schema, org_a, user_a):
    project = make_project(owner=org_a, slug="iati-results")
    Budget.objects.create(
        project=project,
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 12, 31),
        value=250000,
        currency="EUR",
        value_date=datetime.date(2024, 1, 1),
    )
    Transaction.objects.create(
        project=project,
        type="3",
        date=datetime.date(2024, 3, 1),
        value=12000.5,
        currency="EUR",
        description_en="Training costs",
        provider=org_a,
    )
    indicator = make_indicator(project=project, dimensions=["sex", "province"])
    services.indicator_period_save(
        indicator=indicator,
        start=datetime.date(2024, 1, 1),
        end=datetime.date(2024, 12, 31),
        target="100",
        actual="80",
        evidence_en="Attendance lists",
        evidence_url="https://example.org/lists",
        target_breakdown={("sex", "female"): "50"},
        actual_breakdown={("sex", "female"): "45", ("sex", "male"): "35", ("province", "广东省"): "80"},
        by=user_a,
    )
    tree = assert_valid(official_schema, activities_xml([project]))
    period = tree.find("iati-activity/result/indicator/period")
    assert period.find("target").get("value") == "100"
    assert period.find("actual").get("value") == "80"
    dims = {(d.get("name"), d.get("value")) for d in period.findall("actual/dimension")}
    assert dims == {("sex", "female"), ("sex", "male"), ("province", "广东省")}
    assert period.find("target/dimension").get("value") == "female"
    assert tree.find("iati-activity/transaction/value").get("currency") == "EUR"
    assert tree.find("iati-activity/budget/value").text == "250000.00"


def test_text_that_would_break_the_xml_is_refused_and_nothing_is_written(org_a, tmp_path):
    project = make_project(owner=org_a, slug="broken")
    Project.objects.filter(pk=project.pk).update(title_en="Bad \x07 bell")
    project.refresh_from_db()
    with pytest.raises(InvalidInput) as error:
        activities_xml([project])
    assert "XML" in error.value.details[0]["message"]
    output = tmp_path / "out.xml"
    with pytest.raises(CommandError, match="not be valid"):
        call_command("export-iati", "--output", str(output), "--project", "broken", stderr=io.StringIO())
    assert not output.exists()


def test_missing_required_iati_fields_are_named(org_a):
    project = make_project(owner=org_a, slug="bare")
    project.participations.all().delete()
    Project.objects.filter(pk=project.pk).update(description_en="", description_zh="")
    project.refresh_from_db()
    with pytest.raises(InvalidInput) as error:
        activities_xml([project])
    messages = " ".join(d["message"] for d in error.value.details)
    assert "no description" in messages and "no participating organisation" in messages


def test_codes_outside_the_iati_codelists_are_refused(org_a):
    project = make_project(owner=org_a, slug="bad-currency")
    Project.objects.filter(pk=project.pk).update(default_currency="eur", sdg_targets=["8.77x"])
    project.refresh_from_db()
    with pytest.raises(InvalidInput) as error:
        activities_xml([project])
    messages = " ".join(d["message"] for d in error.value.details)
    assert error.value.code == "iati_invalid" and "ISO 4217" in messages and "8.77x" in messages


def test_the_schema_check_reports_structural_errors(official_schema):
    from rsca.programme.iati import validate

    assert validate(b"<iati-activities version='2.03'><iati-activity/></iati-activities>")
    assert validate(b"<not-xml") and validate(b"<iati-activities version='2.03'/>")
    with pytest.raises(InvalidInput, match="no project"):
        activities_xml([])


def test_the_command_writes_a_valid_file_for_one_project(official_schema, tmp_path):
    registered(slug="rsca-china")
    output = tmp_path / "rsca.xml"
    call_command("export-iati", "--output", str(output), "--project", "rsca-china", stderr=io.StringIO())
    tree = assert_valid(official_schema, output.read_bytes())
    assert len(tree.findall("iati-activity")) == 1


def test_private_projects_are_not_exported_to_other_organisations(client, org_a, user_b):
    make_project(owner=org_a, slug="private-one", public=False)
    client.force_login(user_b)
    assert b"private-one" not in client.get("/projects/iati.xml").content
    assert client.get("/projects/private-one/iati.xml").status_code == 404
