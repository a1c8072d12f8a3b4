"""Matching outcomes on hand-made hard cases, and the same model on Spark when PySpark is installed."""

from __future__ import annotations

import importlib.util

import pytest

from rsca.supplychain import matching
from rsca.supplychain.normalise import facility_keys

REGISTER = [
    (
        1,
        "CN",
        "Shenzhen Huayang Precision Electronics Co., Ltd.",
        "深圳市华阳精密电子有限公司",
        "广东省深圳市宝安区福永街道凤凰第一工业区兴业路8号",
    ),
    (
        2,
        "CN",
        "Huayang Precision Electronics (Dongguan) Co., Ltd.",
        "华阳精密电子（东莞）有限公司",
        "广东省东莞市长安镇振安路12号",
    ),
    (
        3,
        "CN",
        "Shenzhen Xinda Plastic Products Co., Ltd.",
        "深圳市鑫达塑胶制品有限公司",
        "广东省深圳市宝安区福永街道凤凰第一工业区兴业路8号",
    ),
    (4, "VN", "Viet Tech Electronics Company Limited", "", "Lot C3, Que Vo Industrial Park, Bac Ninh"),
]


def frame(rows):
    return matching.records_frame(
        [
            (uid, country, facility_keys(name=name, native_name=native, address=address, country=country))
            for uid, country, name, native, address in rows
        ]
    )


CASES = [
    (
        "script change",
        "CN",
        "深圳市华阳精密电子有限公司",
        "No. 8 Xingye Rd, Baoan District, Shenzhen",
        "matched",
        1,
    ),
    (
        "typo in brand",
        "CN",
        "Shenzhen Huayng Precision Electronics",
        "No. 8 Xingye Road, Fuyong, Bao'an, Shenzhen",
        "matched",
        1,
    ),
    (
        "sister factory in Dongguan",
        "CN",
        "Huayang Precision Electronics (Dongguan) Limited",
        "12 Zhen'an Road, Chang'an Town, Dongguan, Guangdong",
        "matched",
        2,
    ),
    (
        "different company at one address",
        "CN",
        "Shenzhen Xinda Plastic Products Co Ltd",
        "No.8 Xingye Road, Fuyong, Bao'an, Shenzhen",
        "matched",
        3,
    ),
    (
        "same brand on the same road, another number",
        "CN",
        "Huayang Precision Electronics Co Ltd",
        "No. 99 Xingye Road, Fuyong, Bao'an, Shenzhen",
        "review",
        None,
    ),
    (
        "a sister factory that is not registered",
        "CN",
        "华阳精密电子（苏州）有限公司",
        "江苏省苏州市吴中区木渎镇金枫路216号",
        None,
        None,
    ),
    (
        "the same registered name in the same city at another address",
        "CN",
        "深圳市华阳精密电子有限公司",
        "广东省深圳市南山区科技路8号",
        "review",
        None,
    ),
    (
        "a branch of the group at another address in the same city",
        "CN",
        "深圳市华阳精密电子有限公司龙华分公司",
        "广东省深圳市龙华区观澜街道大富路3号",
        None,
        None,
    ),
    (
        "a look-alike brand in another trade at the same address",
        "CN",
        "Shenzhen Xindah Lighting Co., Ltd.",
        "No. 8 Xingye Road, Fenghuang First Industrial Zone, Fuyong Street, Bao'an District, Shenzhen",
        "review",
        None,
    ),
    (
        "another company entirely",
        "CN",
        "Ningbo Yuanda Wire & Cable Co., Ltd.",
        "No. 99 Jinshan Road, Beilun, Ningbo",
        "new",
        None,
    ),
    (
        "the same factory in another country",
        "TH",
        "Viet Tech Electronics Co., Ltd",
        "Lot C3, Que Vo Industrial Park, Bac Ninh",
        "new",
        None,
    ),
]


@pytest.mark.parametrize(
    ("label", "country", "name", "address", "status", "facility"), CASES, ids=[c[0] for c in CASES]
)
def test_hard_cases(label, country, name, address, status, facility):
    incoming = frame([(100, country, name, "", address)])
    outcome = matching.match_records(incoming, frame(REGISTER))[100]
    if status is None:  # an unregistered sister factory must never be merged automatically
        assert outcome.status in ("new", "review")
        return
    assert outcome.status == status, (label, outcome)
    if facility:
        assert outcome.facility_id == facility


SAME_ADDRESS_AS_XINDA = "广东省深圳市宝安区福永街道凤凰第一工业区兴业路8号"


@pytest.mark.parametrize(
    "name", ["深圳市鑫大照明有限公司", "深圳市新达塑胶制品有限公司", "深圳市信达塑胶有限公司"]
)
def test_a_homophone_brand_at_the_same_address_is_not_matched(name):
    """鑫大/新达/信达 and the register's 鑫达 are all ``xinda`` in pinyin: other registered companies."""
    outcome = matching.match_records(frame([(100, "CN", name, "", SAME_ADDRESS_AS_XINDA)]), frame(REGISTER))[
        100
    ]
    assert outcome.status != "matched", outcome
    assert outcome.facility_id is None


def test_a_homophone_brand_does_not_hide_the_company_with_the_same_characters():
    register = [
        *REGISTER,
        (
            5,
            "CN",
            "Shenzhen Xinda Lighting Co., Ltd.",
            "深圳市鑫大照明有限公司",
            "广东省深圳市宝安区福永街道凤凰第一工业区兴业路8号",
        ),
    ]
    outcome = matching.match_records(
        frame([(100, "CN", "深圳市鑫大照明有限公司", "", SAME_ADDRESS_AS_XINDA)]), frame(register)
    )[100]
    assert (outcome.status, outcome.facility_id) == ("matched", 5)


@pytest.mark.parametrize(
    ("label", "name", "native", "address"),
    [
        (
            "romanised list row with the same characters",
            "Shenzhen Xinda Plastic Products Co., Ltd",
            "深圳市鑫达塑胶制品有限公司",
            "No.8 Xingye Road, Fuyong, Bao'an, Shenzhen",
        ),
        (
            "romanised list row without characters",
            "Xinda Plastic Products Co Ltd",
            "",
            "No.8 Xingye Road, Fuyong, Bao'an, Shenzhen",
        ),
        ("traditional characters", "深圳市鑫達塑膠製品有限公司", "", SAME_ADDRESS_AS_XINDA),
        (
            "traditional characters with a simplified address",
            "",
            "鑫達塑膠製品（深圳）有限公司",
            SAME_ADDRESS_AS_XINDA,
        ),
    ],
)
def test_the_same_brand_characters_still_match(label, name, native, address):
    outcome = matching.match_records(frame([(100, "CN", name or native, native, address)]), frame(REGISTER))[
        100
    ]
    assert (outcome.status, outcome.facility_id) == ("matched", 3), (label, outcome)


def test_no_pair_crosses_a_country_border():
    pairs = matching.score_pairs(
        frame(
            [(100, "TH", "Viet Tech Electronics Co., Ltd", "", "Lot C3, Que Vo Industrial Park, Bac Ninh")]
        ),
        frame(REGISTER),
    )
    assert pairs.empty


@pytest.mark.spark
@pytest.mark.skipif(importlib.util.find_spec("pyspark") is None, reason="PySpark is not installed")
def test_the_same_model_scores_the_same_on_spark(tmp_path):
    from pyspark.sql import SparkSession
    from splink import SparkAPI
    from splink.backends.spark import similarity_jar_location

    # The compliance engine may already have started this process's session (with the same jar).
    existing = SparkSession.getActiveSession()
    spark = existing or (
        SparkSession.builder.master("local[1]")
        .appName("rsca-matching")
        .config("spark.jars", similarity_jar_location())
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    spark.sparkContext.setCheckpointDir(str(tmp_path / "checkpoints"))
    try:
        incoming = frame(
            [(100, "CN", "深圳市华阳精密电子有限公司", "", "No. 8 Xingye Rd, Baoan District, Shenzhen")]
        )
        duck = matching.score_pairs(incoming, frame(REGISTER))
        spark_pairs = matching.score_pairs(incoming, frame(REGISTER), db_api=SparkAPI(spark_session=spark))
        best_duck = duck.sort_values("match_probability").iloc[-1]
        best_spark = spark_pairs.sort_values("match_probability").iloc[-1]
        assert int(best_spark["unique_id_r"]) == int(best_duck["unique_id_r"]) == 1
        assert abs(float(best_spark["match_probability"]) - float(best_duck["match_probability"])) < 1e-6
    finally:
        if existing is None:
            spark.stop()
