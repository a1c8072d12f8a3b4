"""The data migration that fills `match_brand_native` on facilities stored before the column existed."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from rsca.supplychain.models import Facility

pytestmark = pytest.mark.django_db

migration = importlib.import_module("rsca.supplychain.migrations.0005_facility_match_brand_native")


def test_facilities_with_chinese_names_get_their_brand_characters(existing_facilities):
    english = Facility.objects.create(
        name="Viet Tech Electronics Company Limited", address="Bac Ninh", country_id="VN"
    )
    traditional = Facility.objects.create(
        name="鑫達塑膠製品有限公司",
        address="广东省深圳市宝安区兴业路8号",
        country_id="CN",
        division_id="440300",
    )
    expected = {
        f.pk: (f.match_brand_native, f.match_brand, f.match_industry, f.block_brand_city)
        for f in Facility.objects.all()
    }
    Facility.objects.update(match_brand_native="", match_industry="stale", block_brand_city="")
    migration.CHUNK = 2  # several chunks
    migration.fill_brand_native(apps, None)
    after = {
        f.pk: (f.match_brand_native, f.match_brand, f.match_industry, f.block_brand_city)
        for f in Facility.objects.all()
    }
    chinese = {pk: value for pk, value in expected.items() if pk != english.pk}
    assert {pk: after[pk] for pk in chinese} == chinese
    assert after[traditional.pk][0] == "鑫达"
    assert after[existing_facilities[1].pk][0] == "鑫达"
    assert after[english.pk][0] == ""


def test_migrations_0006_and_0007_fill_identity_and_county_keys(org_a):
    from rsca.supplychain.models import FacilityListRow, FacilityListUpload

    keys_migration = importlib.import_module(
        "rsca.supplychain.migrations.0006_facility_match_identity_facility_match_name_zh_and_more"
    )
    county_migration = importlib.import_module("rsca.supplychain.migrations.0007_facility_match_county")
    kunshan = Facility.objects.create(
        name="Kunshan Fuyu Garment Co., Ltd.", address="88 Qianjin Road, Kunshan", country_id="CN"
    )
    cambodia = Facility.objects.create(
        name="Makalot Garments (Cambodia) Co.", address="Blok Pajagan, Phnom Penh", country_id="KH"
    )
    upload = FacilityListUpload.objects.create(organisation=org_a, filename="x.csv", status="committed")
    row = FacilityListRow.objects.create(
        upload=upload,
        row_number=1,
        name=cambodia.name,
        address=cambodia.address,
        country_id="KH",
        row_key="k",
        status="matched",
        facility=cambodia,
    )
    expected = {f.pk: (f.match_identity, f.match_address, f.match_county) for f in Facility.objects.all()}
    Facility.objects.update(match_identity="", match_address="stale", match_county="")
    FacilityListRow.objects.update(identity="")
    keys_migration.CHUNK = county_migration.CHUNK = 1
    keys_migration.fill_keys(apps, None)
    Facility.objects.update(match_county="")
    county_migration.fill_county(apps, None)
    after = {f.pk: (f.match_identity, f.match_address, f.match_county) for f in Facility.objects.all()}
    assert after == expected and after[kunshan.pk][2] == "320583"
    row.refresh_from_db()
    assert row.identity == cambodia.match_identity != ""
