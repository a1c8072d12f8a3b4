"""The data migration that fills `match_brand_native` on facilities stored before the column existed."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from rsca.supplychain.models import Facility

pytestmark = pytest.mark.django_db

migration = importlib.import_module("rsca.supplychain.migrations.0005_facility_match_brand_native")


def test_facilities_with_chinese_names_get_their_brand_characters(existing_facilities):
    english = Facility.objects.create(name="Viet Tech Electronics Company Limited", address="Bac Ninh",
                                      country_id="VN")
    traditional = Facility.objects.create(name="鑫達塑膠製品有限公司", address="广东省深圳市宝安区兴业路8号",
                                          country_id="CN", division_id="440300")
    expected = {f.pk: (f.match_brand_native, f.match_brand, f.match_industry, f.block_brand_city)
                for f in Facility.objects.all()}
    Facility.objects.update(match_brand_native="", match_industry="stale", block_brand_city="")
    migration.CHUNK = 2  # several chunks
    migration.fill_brand_native(apps, None)
    after = {f.pk: (f.match_brand_native, f.match_brand, f.match_industry, f.block_brand_city)
             for f in Facility.objects.all()}
    chinese = {pk: value for pk, value in expected.items() if pk != english.pk}
    assert {pk: after[pk] for pk in chinese} == chinese
    assert after[traditional.pk][0] == "鑫达"
    assert after[existing_facilities[1].pk][0] == "鑫达"
    assert after[english.pk][0] == ""
