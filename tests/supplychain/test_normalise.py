from __future__ import annotations

import pytest

from rsca.supplychain.models import public_id_generate, public_id_is_valid
from rsca.supplychain.normalise import address_parts, facility_keys, fold, name_parts, search_key


@pytest.mark.parametrize(
    "name",
    [
        "深圳市华阳精密电子有限公司",
        "Shenzhen Huayang Precision Electronics Co., Ltd.",
        "SHENZHEN HUA YANG PRECISION ELECTRONIC CO.,LTD",
        "Huayang Precision Electronics Limited",
        "广东省深圳市华阳精密电子股份有限公司",
        "ＳＨＥＮＺＨＥＮ　ＨＵＡＹＡＮＧ　ＰＲＥＣＩＳＩＯＮ　ＥＬＥＣＴＲＯＮＩＣＳ　ＩＮＣ．",
    ],
)
def test_every_spelling_of_one_company_gives_one_brand_and_trade(name):
    parts = name_parts(name)
    assert parts.brand == "huayang"
    assert sorted(parts.industry) == ["electronics", "precision"]


def test_the_place_in_a_sister_factory_name_is_kept_apart():
    assert name_parts("华阳精密电子（东莞）有限公司").place == "441900"
    assert name_parts("Huayang Precision Electronics (Dongguan) Co., Ltd.").place == "441900"
    assert name_parts("深圳市华阳精密电子有限公司").place == ""


def test_chinese_and_english_addresses_meet_on_city_street_and_number():
    zh = address_parts("广东省深圳市宝安区福永街道凤凰第一工业区兴业路8号")
    en = address_parts(
        "No. 8 Xingye Road, Fenghuang First Industrial Zone, Fuyong Street, Bao'an District, "
        "Shenzhen, Guangdong",
        country="CN",
    )
    for part in ("province", "city", "district", "street", "number"):
        assert getattr(zh, part) == getattr(en, part), part
    assert (zh.province, zh.city, zh.street, zh.number) == ("440000", "440300", "xingye", "8")
    assert sorted(zh.tokens) == sorted(en.tokens)


def test_direction_words_and_heteronyms_are_romanised_like_the_chinese():
    assert address_parts("江苏省苏州市昆山市前进东路58号").street == "qianjindong"
    assert address_parts("No. 58 Qianjin East Road, Kunshan, Jiangsu", country="CN").street == "qianjindong"
    assert "changan" in address_parts("广东省东莞市长安镇振安路12号").tokens


def test_fold_removes_accents_punctuation_and_width():
    assert fold("Công ty TNHH Điện tử ＡＢＣ, Co.,Ltd") == "cong ty tnhh dien tu abc co ltd"


def test_keys_of_foreign_facilities_have_no_chinese_division():
    keys = facility_keys(
        name="Viet Tech Electronics Co., Ltd",
        address="Lot C3, Que Vo Industrial Park, Bac Ninh",
        country="VN",
    )
    assert keys["match_province"] == keys["match_city"] == ""
    assert keys["block_brand"].startswith("VN|VN|viet")


def test_search_key_ignores_legal_form_and_punctuation():
    assert (
        search_key("huayang precision electronics co.,ltd") == search_key("华阳精密电子有限公司") == "huayang"
    )


def test_public_ids_follow_open_supply_hub_style_and_catch_typos():
    public_id = public_id_generate("CN")
    assert len(public_id) == 15 and public_id.startswith("CN20") and public_id_is_valid(public_id)
    mistyped = public_id[:-2] + ("0" if public_id[-2] != "0" else "1") + public_id[-1]
    assert not public_id_is_valid(mistyped)


def test_brand_characters_are_kept_in_simplified_form():
    traditional = facility_keys(name="深圳市鑫達塑膠製品有限公司", address="", country="CN")
    simplified = facility_keys(
        name="Shenzhen Xinda Plastic Products",
        native_name="深圳市鑫达塑胶制品有限公司",
        address="",
        country="CN",
    )
    homophone = facility_keys(name="深圳市新达塑胶制品有限公司", address="", country="CN")
    english = facility_keys(name="Shenzhen Xinda Plastic Products Co., Ltd.", address="", country="CN")
    assert traditional["match_brand_native"] == simplified["match_brand_native"] == "鑫达"
    assert traditional["match_industry"] == simplified["match_industry"]  # 塑膠 is the trade word 塑胶
    assert homophone["match_brand"] == simplified["match_brand"] == "xinda"
    assert homophone["match_brand_native"] == "新达"
    assert english["match_brand_native"] == ""


@pytest.mark.parametrize(
    ("address", "city", "county"),
    [
        ("No. 88 Qianjin East Road, Kunshan, Jiangsu", "320500", "320583"),
        ("Jiangyin City, Jiangsu Province", "320200", "320281"),
        ("Changshu, Jiangsu", "320500", "320581"),
        ("Zhangjiagang Free Trade Zone", "320500", "320582"),
        ("Danyang, Jiangsu", "321100", "321181"),
        ("Yiwu, Zhejiang", "330700", "330782"),
        ("Cixi City", "330200", "330282"),
        ("Jinjiang, Fujian", "350500", "350582"),
        ("Shishi City, Fujian Province", "350500", "350581"),
        ("Humen Town", "441900", ""),
        ("Chang'an Town, Guangdong", "441900", ""),
        ("江苏省昆山市玉山镇前进东路88号", "320500", "320583"),
        ("虎门镇大道1号", "441900", ""),
    ],
)
def test_county_level_places_resolve_to_their_prefecture(address, city, county):
    parts = address_parts(address, country="CN")
    assert (parts.city, parts.province, parts.county) == (city, city[:2] + "0000", county)


def test_an_ambiguous_county_name_needs_its_province():
    assert address_parts("Jinjiang", country="CN").county == ""  # 晋江 (Fujian) or 锦江 (Chengdu)
    assert address_parts("Jinjiang District, Chengdu, Sichuan", country="CN").county == "510104"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Saigon Star Garment JSC", "Saigon Star Garment Joint Stock Company"),
        ("Viet Thai Co., Ltd.", "VIET THAI COMPANY LIMITED"),
        ("Bergman Riveria - Serflex S.A.C.", "Bergman Riveria Serflex SAC"),
        ("PT. Leetex Garment Indonesia Ltd.", "Leetex Garment Indonesia Tbk"),
        ("Alif Embroidery Village Ltd.", "Alif Embroidery Village Private Limited"),
        ("Pungkook Saigon Two Corporation", "Pungkook Saigon Two Corp."),
        ("株式会社ユニクロ", "ユニクロ株式会社"),
    ],
)
def test_legal_forms_written_differently_give_the_same_name(one, other):
    assert name_parts(one).key == name_parts(other).key


def test_latin_addresses_are_word_tokens_with_canonical_abbreviations():
    one = address_parts("Lot 1, Tan Thoi Hiep Industrial Park, District 12, Ho Chi Minh City", country="VN")
    other = address_parts("LOT 1 TAN THOI HIEP IP DIST. 12 HO CHI MINH", country="VN")
    assert one.tokens == other.tokens == ["lot", "1", "tan", "thoi", "hiep", "ip", "12", "ho", "chi", "minh"]
    assert address_parts("Blok Pajagan, Phnom Penh Cambodia", country="KH").tokens == [
        "blok",
        "pajagan",
        "phnom",
        "penh",
    ]
    assert (
        address_parts("Korean Export Processing Zone, Anwara", country="BD").tokens
        == address_parts("Korean EPZ Anwara", country="BD").tokens
    )
