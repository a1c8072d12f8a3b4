"""The reviewed data files: complete, cited, loadable twice, and refused clearly when malformed."""

from __future__ import annotations

from typing import Any

import pytest

from rsca.core.errors import InvalidInput
from rsca.standards import seed
from rsca.standards.models import Instrument, Provision, Ratification, Threshold, Topic
from rsca.standards.parameters import PARAMETERS

pytestmark = pytest.mark.django_db


def test_every_threshold_has_unit_source_provision_and_check_date():
    thresholds = list(Threshold.objects.prefetch_related("provisions"))
    assert len(thresholds) > 50
    for t in thresholds:
        assert t.unit == PARAMETERS[t.parameter].unit.value, t
        assert t.source_url.startswith("https://"), t
        assert t.checked_on is not None, t
        assert t.provisions.exists(), f"{t} cites no provision"
        assert bool(t.currency) == PARAMETERS[t.parameter].monetary, t
        assert t.confirmed or t.note_en, f"{t} is unconfirmed without a note saying why"


def test_ilo_and_buyer_code_values_are_attached_to_instruments_not_jurisdictions():
    for t in Threshold.objects.exclude(standard="national_law"):
        assert t.jurisdiction_id is None and t.instrument_id is not None


def test_the_ten_fundamental_conventions_for_the_six_countries():
    assert Ratification.objects.count() == 60
    assert (
        Ratification.objects.filter(
            country_id="CN", convention__code__in=["ILO-C087", "ILO-C098"], ratified=False
        ).count()
        == 2
    )


def test_every_topic_is_used_by_provisions_and_mapped():
    for topic in Topic.objects.all():
        assert topic.provisions.exists(), topic.code


def test_every_provision_has_both_languages_and_a_topic():
    for provision in Provision.objects.prefetch_related("topics"):
        assert provision.summary_en and provision.summary_zh and provision.title_zh, provision
        assert provision.topics.exists(), provision


def test_loading_twice_changes_nothing():
    before = (
        Instrument.objects.count(),
        Provision.objects.count(),
        Threshold.objects.count(),
        Ratification.objects.count(),
    )
    counts = seed.standards_load()
    after = (
        Instrument.objects.count(),
        Provision.objects.count(),
        Threshold.objects.count(),
        Ratification.objects.count(),
    )
    assert before == after
    assert counts["thresholds"] == Threshold.objects.count()


def _broken(monkeypatch: Any, name: str, mutate: Any) -> None:
    original = seed.load_yaml

    def fake(file: str) -> Any:
        data = original(file)
        if file == name:
            mutate(data)
        return data

    monkeypatch.setattr(seed, "load_yaml", fake)


def test_an_unknown_parameter_in_the_data_is_refused_naming_file_and_entry(monkeypatch):
    def mutate(data: Any) -> None:
        data[0]["values"][0]["parameter"] = "hours_on_mars"

    _broken(monkeypatch, "thresholds", mutate)
    count = Threshold.objects.count()
    with pytest.raises(InvalidInput) as error:
        seed.standards_load()
    assert "thresholds.yaml" in error.value.message and "hours_on_mars" in error.value.message
    assert error.value.details[0]["file"] == "thresholds.yaml"
    assert Threshold.objects.count() == count


def test_a_wrong_unit_and_a_missing_source_are_refused(monkeypatch):
    def wrong_unit(data: Any) -> None:
        data[0]["values"][0]["unit"] = "hours/week"

    _broken(monkeypatch, "thresholds", wrong_unit)
    with pytest.raises(InvalidInput) as error:
        seed.standards_load()
    assert "unit" in error.value.message

    def no_source(data: Any) -> None:
        data[0]["values"][0].pop("source_url")

    _broken(monkeypatch, "thresholds", no_source)
    with pytest.raises(InvalidInput) as error:
        seed.standards_load()
    assert "source_url" in error.value.message


def test_a_failed_load_writes_nothing(monkeypatch):
    def mutate(data: Any) -> None:
        data["countries"]["CN"]["C087"] = {"ratified": "maybe"}

    _broken(monkeypatch, "ratifications", mutate)
    Topic.objects.filter(code="wages").update(name_en="changed by hand")
    with pytest.raises(InvalidInput) as error:
        seed.standards_load()
    assert "CN C087" in error.value.message
    assert Topic.objects.get(code="wages").name_en == "changed by hand"  # the topic reload was rolled back
