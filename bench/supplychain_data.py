"""Generator of realistic bilingual facility data and labelled noisy lists for the matching benchmark.

Existing facilities: mostly Chinese (Guangdong, Jiangsu, Zhejiang, Fujian, Shandong … weighted like the
electronics and textile clusters), some in Viet Nam, Thailand, Bangladesh, Cambodia and India. Chinese
facilities have an English name, and most also a Chinese name; addresses in English or Chinese.

An incoming list mixes, with labels:
* true duplicates of existing facilities with realistic noise: another legal suffix, case and punctuation,
  full-width characters, the other script (Chinese ↔ English), typos in the name or street, a reformatted
  address (Rd./Road, no district, postcode, Chinese ↔ English);
* genuinely new facilities;
* traps that must not be merged: sister factories of an existing group (same brand, another city or
  street, often with the place in the name), different companies at an existing facility's address, and
  homophone brands there (鑫达 → 新达: another registered company whose brand has the same pinyin, with a
  Chinese name on both sides, the only case where the characters can tell them apart).

Part of the noise deliberately goes beyond the normaliser's own vocabulary, so the accuracy figures are not
optimistic: abbreviations the normaliser does not list (Elec., Tech. Co, Prec.), no legal suffix at all, the
city moved after the trade words, pinyin typed the way people mishear it (zh→z, ng→n, h dropped), a few
traditional characters in Chinese names and addresses, and English addresses written city first or with
"Bldg"/"No.8" spellings.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from pypinyin import Style, lazy_pinyin

BRAND_CHARS = (
    "华阳鑫达宏盛恒泰金源海天富康新兴永利嘉德福联合信诚伟业志明顺发长隆通安佳和美健威宇凯锦瑞丰裕祥云龙凤"
    "光辉振东南北中国立创捷科维讯博远思源亿万千百晶彩虹星月日升腾飞翔鸿运昌荣茂广益昇晟铭浩瀚泽润涛洪"
)
INDUSTRY_POOL = [  # (Chinese, English) descriptive words typical of electronics and textile suppliers
    ("精密电子", "Precision Electronics"),
    ("电子", "Electronics"),
    ("电子科技", "Electronic Technology"),
    ("科技", "Technology"),
    ("光电", "Optoelectronics"),
    ("电器", "Electrical"),
    ("五金制品", "Hardware Products"),
    ("塑胶制品", "Plastic Products"),
    ("线路板", "Circuit Board"),
    ("电池科技", "Battery Technology"),
    ("电线电缆", "Wire & Cable"),
    ("连接器", "Connector"),
    ("纺织", "Textile"),
    ("服装", "Garment"),
    ("制衣", "Garment"),
    ("针织", "Knitting"),
    ("服饰", "Apparel"),
    ("鞋业", "Footwear"),
    ("印染", "Dyeing"),
    ("包装材料", "Packaging Materials"),
    ("智能科技", "Intelligent Technology"),
    ("通讯设备", "Communication Equipment"),
    ("模具", "Mould"),
    ("照明", "Lighting"),
    ("新材料", "New Materials"),
    ("皮革制品", "Leather Products"),
]
ROAD_CHARS = (
    "建设人民解放中山和平兴业工业振兴发展创业科技新华长安东方胜利光明幸福文化团结友谊沿江滨河环城松山桂花"
)
ZONES = [
    ("第一工业区", "First Industrial Zone"),
    ("高新区", "High-tech Zone"),
    ("工业园", "Industrial Park"),
    ("科技园", "Science Park"),
    ("", ""),
    ("", ""),
]
SUFFIXES_EN = ["Co., Ltd.", "Co.,Ltd", "Co. Ltd", "CO., LTD.", "Company Limited", "Limited", "Co Ltd", "Ltd."]
SUFFIXES_ZH = ["有限公司", "股份有限公司", "有限责任公司"]
PROVINCE_WEIGHTS = {
    "44": 30,
    "32": 18,
    "33": 14,
    "35": 8,
    "37": 8,
    "31": 4,
    "36": 3,
    "42": 3,
    "43": 3,
    "50": 2,
    "51": 2,
    "41": 3,
    "34": 2,
}
OTHER_COUNTRIES = {
    "VN": ["Bac Ninh", "Hai Phong", "Binh Duong", "Dong Nai", "Ho Chi Minh City", "Hanoi"],
    "TH": ["Ayutthaya", "Chonburi", "Rayong", "Bangkok", "Pathum Thani"],
    "BD": ["Dhaka", "Gazipur", "Narayanganj", "Chattogram"],
    "KH": ["Phnom Penh", "Kandal", "Kampong Speu"],
    "IN": ["Tiruppur", "Chennai", "Noida", "Bengaluru"],
}
HARD_NOISE = 0.2  # share of English names given noise outside the normaliser's vocabulary
TRADITIONAL_SHARE = 0.05  # share of Chinese names and addresses written with traditional characters
ABBREVIATIONS = [
    ("Electronics", "Elec."),
    ("Electronic", "Elec."),
    ("Technology", "Tech."),
    ("Precision", "Prec."),
    ("Products", "Prods"),
    ("Materials", "Mat."),
    ("Equipment", "Equip."),
    ("Communication", "Comm."),
    ("Company Limited", "Co"),
    ("Garment", "Gmt"),
    ("Packaging", "Pkg"),
]
PINYIN_SLIPS = [("z", "zh"), ("s", "sh"), ("c", "ch"), ("n", "ng"), ("wa", "hua"), ("y", "yi"), ("l", "n")]
TRADITIONAL = dict(
    zip(
        "华电东长业发兴龙丰广达鸿万门实联纺织胶线缆连区号镇县乡圆宝兴汇鑫凤顺运飞伟乐阳云纶",
        "華電東長業發興龍豐廣達鴻萬門實聯紡織膠線纜連區號鎮縣鄉圓寶興匯鑫鳳順運飛偉樂陽雲綸",
        strict=True,
    )
)
# Characters of BRAND_CHARS and other characters read the same (toneless pinyin), for homophone brands.
HOMOPHONE_GROUPS = (
    "鑫新信欣心",
    "达大",
    "华化桦",
    "宏鸿弘红洪",
    "盛胜圣晟",
    "恒衡亨",
    "泰太",
    "源元圆远",
    "富福复",
    "利力立丽",
    "德得",
    "联连莲",
    "合和禾",
    "诚成城承",
    "伟维威炜",
    "明名铭鸣",
    "佳嘉家",
    "宇雨语羽",
    "锦金晶津",
    "瑞锐",
    "丰峰风凤",
    "祥翔",
    "云运韵",
    "辉惠汇",
    "科可",
    "讯迅",
    "亿艺益",
    "腾滕",
)
HOMOPHONES = {char: group.replace(char, "") for group in HOMOPHONE_GROUPS for char in group}
LATIN_SYLLABLES = [
    "an",
    "bao",
    "minh",
    "phu",
    "thanh",
    "long",
    "sai",
    "gon",
    "viet",
    "tan",
    "hoa",
    "siam",
    "thai",
    "chai",
    "pra",
    "sri",
    "dha",
    "ka",
    "raj",
    "lak",
    "kam",
    "nor",
    "son",
    "mek",
    "ong",
    "lan",
    "kim",
]


@dataclass
class Place:
    code: str
    province_zh: str
    province_en: str
    city_zh: str
    city_en: str


@dataclass
class GenFacility:
    uid: int
    country: str
    brand_zh: str
    brand_en: str
    industry: tuple[str, str]
    place: Place | None
    district_zh: str
    district_en: str
    road_zh: str
    road_en: str
    number: int
    zone: tuple[str, str]
    city_other: str = ""
    has_native: bool = True
    english_address: bool = True
    suffix_en: str = "Co., Ltd."
    suffix_zh: str = "有限公司"
    place_in_name: bool = False

    def name_en(self, suffix: str | None = None) -> str:
        city = self.place.city_en if self.place else ""
        if self.country != "CN":
            return f"{self.brand_en} {self.industry[1]} {suffix or self.suffix_en}"
        if self.place_in_name:
            return f"{self.brand_en} {self.industry[1]} ({city}) {suffix or self.suffix_en}"
        return f"{city} {self.brand_en} {self.industry[1]} {suffix or self.suffix_en}"

    def name_zh(self, suffix: str | None = None) -> str:
        assert self.place is not None
        if self.place_in_name:
            return f"{self.brand_zh}{self.industry[0]}（{self.place.city_zh}）{suffix or self.suffix_zh}"
        return f"{self.place.city_zh}{self.brand_zh}{self.industry[0]}{suffix or self.suffix_zh}"

    def address_en(self, *, short: bool = False, postcode: bool = False) -> str:
        if self.country != "CN":
            return f"No. {self.number}, {self.road_en} Street, {self.city_other}"
        assert self.place is not None
        road = f"{self.road_en} {'Rd' if short else 'Road'}"
        parts = [f"No. {self.number} {road}" if not short else f"{self.number} {road}"]
        if self.zone[1] and not short:
            parts.append(self.zone[1])
        if not short:
            parts.append(f"{self.district_en} District")
        parts.append(f"{self.place.city_en}{' ' + str(100000 + self.uid % 899999) if postcode else ''}")
        parts.append(self.place.province_en)
        return ", ".join(parts)

    def address_zh(self) -> str:
        assert self.place is not None
        province = self.place.province_zh if self.place.province_zh != self.place.city_zh else ""
        return (
            f"{province}{self.place.city_zh}{self.district_zh}区{self.zone[0]}{self.road_zh}路{self.number}号"
        )


@cache
def _pinyin(text: str) -> str:
    return "".join(lazy_pinyin(text, style=Style.NORMAL))


def load_places() -> list[tuple[Place, int]]:
    rows = list(csv.DictReader((files("rsca.core") / "data" / "cn_divisions.csv").open(encoding="utf-8")))
    provinces = {r["code"]: r for r in rows if r["level"] == "province"}
    places = []
    for row in rows:
        if row["level"] != "prefecture" or not row["parent_code"]:
            continue
        province = provinces[row["parent_code"]]
        weight = PROVINCE_WEIGHTS.get(row["code"][:2], 1)
        places.append(
            (
                Place(row["code"], province["name_zh"], province["name_en"], row["name_zh"], row["name_en"]),
                weight,
            )
        )
    return places


class Generator:
    def __init__(self, seed: int = 2026) -> None:
        self.rng = random.Random(seed)
        places = load_places()
        self.places = [p for p, _w in places]
        self.weights = [w for _p, w in places]
        self.uid = 0

    def _brand(self) -> tuple[str, str]:
        length = 2 if self.rng.random() < 0.85 else 3
        brand = "".join(self.rng.choice(BRAND_CHARS) for _ in range(length))
        return brand, _pinyin(brand).capitalize()

    def _road(self) -> tuple[str, str]:
        road = "".join(self.rng.choice(ROAD_CHARS) for _ in range(2))
        return road, _pinyin(road).capitalize()

    def _district(self) -> tuple[str, str]:
        district = "".join(self.rng.choice(ROAD_CHARS) for _ in range(2))
        return district, _pinyin(district).capitalize()

    def facility(self, *, country: str | None = None) -> GenFacility:
        self.uid += 1
        rng = self.rng
        country = country or ("CN" if rng.random() < 0.88 else rng.choice(list(OTHER_COUNTRIES)))
        brand_zh, brand_en = self._brand()
        road_zh, road_en = self._road()
        district_zh, district_en = self._district()
        if country != "CN":
            brand_en = (
                "".join(rng.choice(LATIN_SYLLABLES) for _ in range(2)).capitalize()
                + " "
                + "".join(rng.choice(LATIN_SYLLABLES) for _ in range(2)).capitalize()
            )
            road_en = "".join(rng.choice(LATIN_SYLLABLES) for _ in range(2)).capitalize()
        return GenFacility(
            uid=self.uid,
            country=country,
            brand_zh=brand_zh,
            brand_en=brand_en,
            industry=rng.choice(INDUSTRY_POOL),
            place=rng.choices(self.places, self.weights)[0] if country == "CN" else None,
            district_zh=district_zh,
            district_en=district_en,
            road_zh=road_zh,
            road_en=road_en,
            number=rng.randint(1, 999),
            zone=rng.choice(ZONES),
            city_other=rng.choice(OTHER_COUNTRIES[country]) if country != "CN" else "",
            has_native=country == "CN" and rng.random() < 0.65,
            english_address=rng.random() < 0.6,
            suffix_en=rng.choice(SUFFIXES_EN),
            suffix_zh=rng.choice(SUFFIXES_ZH),
            place_in_name=country == "CN" and rng.random() < 0.08,
        )

    # ------------------------------------------------------------------ records as stored / as uploaded

    @staticmethod
    def stored(facility: GenFacility) -> dict[str, str]:
        """The facility as the register holds it."""
        native = facility.name_zh() if facility.has_native else ""
        address = (
            facility.address_en()
            if facility.english_address or facility.country != "CN"
            else facility.address_zh()
        )
        native_address = (
            facility.address_zh()
            if facility.country == "CN" and facility.has_native and facility.english_address
            else ""
        )
        return {
            "name": facility.name_en(),
            "native_name": native,
            "address": address,
            "native_address": native_address,
            "country": facility.country,
        }

    def _typo(self, text: str) -> str:
        letters = [i for i, c in enumerate(text) if c.isalpha()]
        if len(letters) < 5:
            return text
        i = self.rng.choice(letters[2:])
        op = self.rng.random()
        if op < 0.4:
            return text[:i] + text[i + 1 :]
        if op < 0.7:
            return text[:i] + self.rng.choice("aeiounghs") + text[i + 1 :]
        return text[:i] + text[i] + text[i:]

    def _hard_name(self, name: str, facility: GenFacility) -> str:
        """Noise outside the normaliser's vocabulary (applied to some English names)."""
        rng = self.rng
        r = rng.random()
        if r < 0.25:  # abbreviations
            for word, short in ABBREVIATIONS:
                name = name.replace(word, short)
        elif r < 0.45:  # no legal suffix
            for suffix in sorted(SUFFIXES_EN, key=len, reverse=True):
                if name.endswith(suffix):
                    name = name[: -len(suffix)].rstrip(" ,")
                    break
        elif (
            r < 0.6 and facility.place and name.startswith(facility.place.city_en + " ")
        ):  # city after the trade
            name = name[len(facility.place.city_en) + 1 :].replace(
                facility.industry[1], f"{facility.industry[1]} {facility.place.city_en}"
            )
        elif r < 0.85:  # pinyin as misheard or mistyped
            brand = facility.brand_en
            for wrong, right in PINYIN_SLIPS:
                if right in brand.lower():
                    slipped = brand.lower().replace(right, wrong, 1).capitalize()
                    name = name.replace(brand, slipped)
                    break
        return name

    @staticmethod
    def _traditional(text: str) -> str:
        return "".join(TRADITIONAL.get(c, c) for c in text)

    def _hard_address_en(self, facility: GenFacility) -> str:
        """An English address written another way: city first, building words, no space after No."""
        assert facility.place is not None
        if self.rng.random() < 0.5:
            return (
                f"{facility.place.city_en}, {facility.district_en} District, {facility.road_en} Road "
                f"No.{facility.number}"
            )
        return f"Bldg 2, No.{facility.number} {facility.road_en} Rd., {facility.place.city_en} City"

    def noisy_copy(self, facility: GenFacility) -> dict[str, str]:
        """A buyer's row for an existing facility: another spelling, script, suffix or address format."""
        rng = self.rng
        if facility.country != "CN":
            name = facility.name_en(rng.choice(SUFFIXES_EN))
            name = name.upper() if rng.random() < 0.3 else name
            if rng.random() < 0.25:
                name = self._typo(name)
            return {
                "name": name,
                "address": facility.address_en(),
                "country": rng.choice([facility.country, facility.country.lower()]),
            }
        use_chinese_name = rng.random() < 0.4
        name = (
            facility.name_zh(rng.choice(SUFFIXES_ZH))
            if use_chinese_name
            else facility.name_en(rng.choice(SUFFIXES_EN))
        )
        if not use_chinese_name:
            r = rng.random()
            if r < 0.2:
                name = name.upper()
            elif r < 0.3:
                name = name.replace(" ", "  ").replace(",", " ,")
            elif r < 0.45:
                name = name.replace(facility.place.city_en + " ", "") if facility.place else name
            if rng.random() < 0.2:
                name = self._typo(name)
            if rng.random() < 0.15 and len(facility.brand_en) > 4:  # brand written in two words: Hua Yang
                split = len(_pinyin(facility.brand_zh[0]))
                name = name.replace(
                    facility.brand_en,
                    facility.brand_en[:split] + " " + facility.brand_en[split:].capitalize(),
                )
        elif rng.random() < 0.15:  # full-width brackets and digits from a Chinese input method
            name = name.replace("(", "（").replace(")", "）")
        if not use_chinese_name and rng.random() < HARD_NOISE:
            name = self._hard_name(name, facility)
        if use_chinese_name and rng.random() < TRADITIONAL_SHARE:
            name = self._traditional(name)
        r = rng.random()
        if r < HARD_NOISE * 0.5:
            address = self._hard_address_en(facility)
        elif r < 0.45:
            address = facility.address_zh()
            if rng.random() < TRADITIONAL_SHARE:
                address = self._traditional(address)
        elif r < 0.7:
            address = facility.address_en()
        elif r < 0.85:
            address = facility.address_en(short=True, postcode=rng.random() < 0.5)
        else:
            address = facility.address_en().replace(facility.road_en, self._typo(facility.road_en))
        country = rng.choice(["CN", "China", "中国", "cn", "China"])
        return {"name": name, "address": address, "country": country}

    def sister_of(self, facility: GenFacility) -> GenFacility:
        """Same group, another site: same brand and trade, another city (or another street), place in the name."""
        sister = self.facility(country=facility.country)
        sister.brand_zh, sister.brand_en, sister.industry = (
            facility.brand_zh,
            facility.brand_en,
            facility.industry,
        )
        if self.rng.random() < 0.3 and facility.place is not None:
            sister.place = facility.place  # same city, another street
        sister.place_in_name = self.rng.random() < 0.6
        return sister

    def neighbour_of(self, facility: GenFacility) -> GenFacility:
        """Another company in the same building."""
        other = self.facility(country=facility.country)
        other.place, other.district_zh, other.district_en = (
            facility.place,
            facility.district_zh,
            facility.district_en,
        )
        other.road_zh, other.road_en, other.number, other.zone = (
            facility.road_zh,
            facility.road_en,
            facility.number,
            facility.zone,
        )
        other.city_other = facility.city_other
        return other

    def homophone_of(self, facility: GenFacility) -> GenFacility | None:
        """Another company in the same building whose brand sounds the same (one character swapped for a
        homophone, 鑫达 → 新达), written in Chinese; None when the facility has no Chinese name or no such
        character."""
        positions = [i for i, c in enumerate(facility.brand_zh) if c in HOMOPHONES]
        if not facility.has_native or not positions:
            return None
        other = self.neighbour_of(facility)
        i = self.rng.choice(positions)
        other.brand_zh = (
            facility.brand_zh[:i]
            + self.rng.choice(HOMOPHONES[facility.brand_zh[i]])
            + facility.brand_zh[i + 1 :]
        )
        other.brand_en = facility.brand_en
        if self.rng.random() < 0.5:
            other.industry = facility.industry
        other.has_native = True
        return other

    def row_of(self, facility: GenFacility) -> dict[str, str]:
        stored = self.stored(facility)
        if facility.country == "CN" and self.rng.random() < 0.4 and stored["native_name"]:
            return {"name": stored["native_name"], "address": facility.address_zh(), "country": "中国"}
        return {"name": stored["name"], "address": stored["address"], "country": facility.country}


def existing_set(generator: Generator, size: int) -> Iterator[GenFacility]:
    for _ in range(size):
        yield generator.facility()


def labelled_list(
    generator: Generator,
    existing: list[GenFacility],
    size: int,
    *,
    duplicate_share: float = 0.5,
    sister_share: float = 0.08,
    neighbour_share: float = 0.07,
    homophone_share: float = 0.02,
) -> list[tuple[dict[str, str], int | None, str]]:
    """(row, uid of the true existing facility or None, kind) for an incoming list of `size` rows."""
    rng = generator.rng
    rows: list[tuple[dict[str, str], int | None, str]] = []
    picks = rng.sample(range(len(existing)), k=min(len(existing), size))
    for i in range(size):
        r = rng.random()
        base = existing[picks[i % len(picks)]]
        if r < duplicate_share:
            rows.append((generator.noisy_copy(base), base.uid, "duplicate"))
        elif r < duplicate_share + sister_share:
            rows.append((generator.row_of(generator.sister_of(base)), None, "sister"))
        elif r < duplicate_share + sister_share + neighbour_share:
            rows.append((generator.row_of(generator.neighbour_of(base)), None, "same_address"))
        elif (
            r < duplicate_share + sister_share + neighbour_share + homophone_share
            and (homophone := generator.homophone_of(base)) is not None
        ):
            stored = generator.stored(homophone)
            rows.append(
                (
                    {
                        "name": stored["native_name"],
                        "address": stored["native_address"] or stored["address"],
                        "country": "CN",
                    },
                    None,
                    "homophone",
                )
            )
        else:
            rows.append((generator.row_of(generator.facility()), None, "new"))
    return rows
