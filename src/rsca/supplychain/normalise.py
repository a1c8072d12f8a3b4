"""Name and address normalisation for facility matching, in English and Chinese.

A facility name is reduced to comparable parts:

* ``brand``: the distinctive part of the name, romanised (``深圳市华阳精密电子有限公司`` and
  ``Shenzhen Huayang Precision Electronics Co., Ltd.`` both give ``huayang``);
* ``industry``: the descriptive words, mapped to one English vocabulary (``精密电子`` → ``electronics precision``);
* ``place``: a place name inside the name (``华阳精密电子（东莞）有限公司`` → the Dongguan sister factory);
* ``brand_native``: the brand's Chinese characters, in simplified form (``鑫達`` → ``鑫达``), empty for a name
  without Chinese characters. Pinyin merges homophone brands (鑫达/新达/信达 are all ``xinda``); the characters
  tell two registered companies apart.

Legal suffixes (Co., Ltd./Limited/JSC/Inc./有限公司/股份有限公司 …), city and province prefixes,
punctuation, full-width characters and case are removed. Chinese addresses are parsed with ``cpca`` into
GB/T 2260 province and city codes; English addresses of Chinese places are read with the division names.
"""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

import opencc
from pypinyin import Style, lazy_pinyin, pinyin

CJK = re.compile(r"[\u3400-\u9fff]")
CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
PAREN = re.compile(r"[(（\[【]([^()（）\]】]*)[)）\]】]")
NON_WORD = re.compile(r"[^0-9a-z\u3400-\u9fff]+")
_T2S = opencc.OpenCC("t2s")  # traditional → simplified (OpenCC's maintained tables): 鑫達塑膠 → 鑫达塑胶

# Chinese legal forms and generic company words, longest first.
LEGAL_SUFFIXES_ZH = (
    "株式会社",
    "有限会社",
    "合同会社",
    "股份有限公司",
    "有限责任公司",
    "集团有限公司",
    "有限公司",
    "集团公司",
    "总公司",
    "分公司",
    "公司",
    "股份",
    "集团",
    "工厂",
    "厂",
)
LEGAL_PREFIXES_ZH = ("株式会社", "有限会社", "合同会社")
# English (and romanised Asian) legal forms and filler words, compared after lower-casing and accent folding.
LEGAL_WORDS_EN = frozenset(
    [
        "co",
        "co.",
        "company",
        "corp",
        "corporation",
        "inc",
        "incorporated",
        "ltd",
        "ltd.",
        "limited",
        "llc",
        "plc",
        "jsc",
        "pjsc",
        "ojsc",
        "pvt",
        "private",
        "pte",
        "gmbh",
        "ag",
        "sa",
        "sas",
        "srl",
        "bv",
        "nv",
        "oy",
        "ab",
        "kk",
        "kabushiki",
        "kaisha",
        "sdn",
        "bhd",
        "tbk",
        "pt",
        "cv",
        "tnhh",
        "mtv",
        "cong",
        "ty",
        "cty",
        "the",
        "of",
        "and",
        "group",
        "holdings",
        "holding",
        "factory",
        "plant",
        "mfg",
        "manufactory",
        "manufacturer",
        "manufacturing",
        "joint",
        "stock",
        # Latin America, Europe: S.A., S.A.C., S.A. de C.V., S.R.L., Ltda., S.p.A., S.L., A.S., Ltd. Şti.
        "sac",
        "saa",
        "sab",
        "de",
        "rl",
        "ltda",
        "spa",
        "sl",
        "sro",
        "as",
        "sti",
        "kg",
        "ohg",
        "ug",
        "eirl",
        "lda",
        # Asia: PT … Tbk (Persero), Pty, (Pvt.) Ltd., Public Company Limited (PCL), Công ty Cổ phần, CP, JSC
        "persero",
        "pty",
        "pcl",
        "public",
        "co phan",
        "phan",
        "cp",
        "tic",
        "ticaret",
        "san",
        "sanayi",
        "ve",
        "llp",
        "opc",
        "ptv",
        "ptd",
        "enterprise",
        "enterprises",
    ]
)
# Dotted initials are one word: S.A.C. → sac, P.T. → pt, C.V. → cv (before punctuation becomes spaces).
INITIALS = re.compile(r"(?<![A-Za-z])((?:[A-Za-z]\.){1,3}[A-Za-z]\.?)(?![A-Za-z])")

# Industry words: Chinese → one English token (the vocabulary both scripts are mapped to).
INDUSTRY_ZH: dict[str, str] = {
    "精密": "precision",
    "电子": "electronics",
    "科技": "technology",
    "技术": "technology",
    "电器": "electrical",
    "电气": "electrical",
    "光电": "optoelectronics",
    "通讯": "communication",
    "通信": "communication",
    "半导体": "semiconductor",
    "电路": "circuit",
    "线路板": "circuitboard",
    "电路板": "circuitboard",
    "五金": "hardware",
    "塑胶": "plastic",
    "塑料": "plastic",
    "模具": "mould",
    "机械": "machinery",
    "材料": "materials",
    "新材料": "materials",
    "包装": "packaging",
    "印刷": "printing",
    "智能": "smart",
    "数码": "digital",
    "电池": "battery",
    "能源": "energy",
    "新能源": "energy",
    "照明": "lighting",
    "显示": "display",
    "电线": "wire",
    "电缆": "cable",
    "线缆": "cable",
    "连接器": "connector",
    "元器件": "components",
    "元件": "components",
    "器件": "components",
    "纺织": "textile",
    "服装": "garment",
    "服饰": "garment",
    "制衣": "garment",
    "针织": "knitting",
    "织造": "weaving",
    "印染": "dyeing",
    "染整": "dyeing",
    "皮革": "leather",
    "鞋业": "footwear",
    "制鞋": "footwear",
    "鞋": "footwear",
    "时装": "fashion",
    "家纺": "hometextile",
    "丝绸": "silk",
    "棉纺": "cotton",
    "毛纺": "wool",
    "化纤": "fibre",
    "纤维": "fibre",
    "玩具": "toys",
    "家具": "furniture",
    "实业": "industrial",
    "工业": "industrial",
    "制造": "",
    "制品": "products",
    "产品": "products",
    "贸易": "trading",
    "进出口": "importexport",
    "国际": "international",
    "发展": "development",
    "投资": "investment",
    "汽车": "automotive",
    "配件": "parts",
    "零部件": "parts",
    "金属": "metal",
    "玻璃": "glass",
    "陶瓷": "ceramics",
    "化工": "chemical",
    "医疗": "medical",
    "器械": "equipment",
    "设备": "equipment",
    "自动化": "automation",
    "软件": "software",
    "信息": "information",
    "网络": "network",
    "工艺": "crafts",
    "礼品": "gifts",
    "文具": "stationery",
    "箱包": "bags",
    "手袋": "handbags",
    "内衣": "underwear",
    "运动": "sports",
    "用品": "goods",
}
# English synonyms → the same vocabulary.
INDUSTRY_EN: dict[str, str] = {
    "precision": "precision",
    "electronic": "electronics",
    "electronics": "electronics",
    "tech": "technology",
    "technology": "technology",
    "technologies": "technology",
    "electrical": "electrical",
    "electric": "electrical",
    "appliance": "electrical",
    "appliances": "electrical",
    "optoelectronic": "optoelectronics",
    "optoelectronics": "optoelectronics",
    "optical": "optoelectronics",
    "communication": "communication",
    "communications": "communication",
    "telecom": "communication",
    "semiconductor": "semiconductor",
    "semiconductors": "semiconductor",
    "circuit": "circuit",
    "circuits": "circuit",
    "pcb": "circuitboard",
    "circuitboard": "circuitboard",
    "hardware": "hardware",
    "plastic": "plastic",
    "plastics": "plastic",
    "mould": "mould",
    "mold": "mould",
    "moulds": "mould",
    "molds": "mould",
    "machinery": "machinery",
    "machine": "machinery",
    "material": "materials",
    "materials": "materials",
    "packaging": "packaging",
    "package": "packaging",
    "printing": "printing",
    "smart": "smart",
    "intelligent": "smart",
    "digital": "digital",
    "battery": "battery",
    "batteries": "battery",
    "energy": "energy",
    "power": "energy",
    "lighting": "lighting",
    "display": "display",
    "wire": "wire",
    "cable": "cable",
    "cables": "cable",
    "connector": "connector",
    "connectors": "connector",
    "component": "components",
    "components": "components",
    "textile": "textile",
    "textiles": "textile",
    "garment": "garment",
    "garments": "garment",
    "apparel": "garment",
    "clothing": "garment",
    "knitting": "knitting",
    "knitwear": "knitting",
    "knit": "knitting",
    "weaving": "weaving",
    "dyeing": "dyeing",
    "leather": "leather",
    "footwear": "footwear",
    "shoes": "footwear",
    "shoe": "footwear",
    "fashion": "fashion",
    "silk": "silk",
    "cotton": "cotton",
    "wool": "wool",
    "fibre": "fibre",
    "fiber": "fibre",
    "toys": "toys",
    "toy": "toys",
    "furniture": "furniture",
    "industrial": "industrial",
    "industry": "industrial",
    "industries": "industrial",
    "products": "products",
    "product": "products",
    "trading": "trading",
    "trade": "trading",
    "international": "international",
    "intl": "international",
    "development": "development",
    "investment": "investment",
    "automotive": "automotive",
    "auto": "automotive",
    "parts": "parts",
    "metal": "metal",
    "metals": "metal",
    "glass": "glass",
    "ceramics": "ceramics",
    "chemical": "chemical",
    "chemicals": "chemical",
    "medical": "medical",
    "equipment": "equipment",
    "automation": "automation",
    "software": "software",
    "information": "information",
    "network": "network",
    "crafts": "crafts",
    "gifts": "gifts",
    "stationery": "stationery",
    "bags": "bags",
    "handbags": "handbags",
    "underwear": "underwear",
    "sports": "sports",
    "goods": "goods",
    "importexport": "importexport",
    "tekstil": "textile",
    "textil": "textile",
    "knits": "knitting",
    "knitwears": "knitting",
    "fabrics": "textile",
    "fabric": "textile",
    "spinning": "textile",
    "garmen": "garment",
    "confeccion": "garment",
    "confecciones": "garment",
    "konfeksiyon": "garment",
    "denim": "denim",
    "jeans": "denim",
    "fashions": "fashion",
    "apparels": "garment",
    "sweater": "knitting",
    "sweaters": "knitting",
    "washing": "dyeing",
    "prints": "printing",
    "embroidery": "embroidery",
    "accessories": "accessories",
    "mills": "mills",
    "mill": "mills",
}
ADDRESS_WORDS_EN = frozenset(
    [
        "no",
        "number",
        "road",
        "rd",
        "avenue",
        "ave",
        "street",
        "st",
        "boulevard",
        "blvd",
        "lane",
        "ln",
        "district",
        "county",
        "town",
        "township",
        "village",
        "industrial",
        "industry",
        "zone",
        "park",
        "area",
        "estate",
        "building",
        "bldg",
        "block",
        "floor",
        "fl",
        "room",
        "rm",
        "unit",
        "city",
        "province",
        "prc",
        "china",
        "development",
        "new",
        "economic",
        "technological",
        "hi",
        "high",
        "tech",
        "science",
        "and",
        "the",
        "of",
        "sub",
        "community",
        "lu",
        "dadao",
        "jie",
        "jiedao",
        "qu",
        "zhen",
        "cun",
        "xiang",
        "shequ",
        "gongyequ",
        "gongyeyuan",
        "hao",
        "lou",
        "dong",
        "ceng",
    ]
)
# Chinese address markers that separate the parts of an address.
ADDRESS_MARKERS_ZH = re.compile(
    r"(工业园区|工业区|工业园|科技园|开发区|街道|社区|大道|大街|新区|路|街|道|巷|号|区|镇|乡|村|县|市|省|栋|楼|层|室|座)"
)
ROAD_ZH = re.compile(r"([\u3400-\u9fff]{1,6}?)(大道|大街|路|街|巷)(?:\s*(\d+)\s*[号號])?")
ROAD_EN = re.compile(
    r"(?:no\.?\s*)?(\d+)?[\s,]*([a-z' ]{2,40}?)\s+(?:road|rd|avenue|ave|street|st|boulevard|blvd|lu|dadao|jie)\b"
    r"(?:[\s,]*(?:no\.?|number|#)?\s*(\d+))?"
)
DIRECTIONS_EN = {
    "east": "dong",
    "west": "xi",
    "south": "nan",
    "north": "bei",
    "central": "zhong",
    "middle": "zhong",
    "e": "dong",
    "w": "xi",
    "s": "nan",
    "n": "bei",
}
ORDINALS = {
    "第一": "1",
    "第二": "2",
    "第三": "3",
    "第四": "4",
    "第五": "5",
    "first": "1",
    "second": "2",
    "third": "3",
    "fourth": "4",
    "fifth": "5",
    "一": "1",
    "二": "2",
    "三": "3",
}

# Country names people write in lists, beyond ISO codes and the English and Chinese short names.
COUNTRY_ALIASES = {
    "china": "CN",
    "prc": "CN",
    "people's republic of china": "CN",
    "peoples republic of china": "CN",
    "mainland china": "CN",
    "中国": "CN",
    "中华人民共和国": "CN",
    "中国大陆": "CN",
    "vietnam": "VN",
    "viet nam": "VN",
    "越南": "VN",
    "hong kong": "HK",
    "香港": "HK",
    "taiwan": "TW",
    "台湾": "TW",
    "korea": "KR",
    "south korea": "KR",
    "韩国": "KR",
    "usa": "US",
    "united states": "US",
    "uk": "GB",
    "united kingdom": "GB",
    "英国": "GB",
    "美国": "US",
    "日本": "JP",
    "泰国": "TH",
    "缅甸": "MM",
    "菲律宾": "PH",
    "印度": "IN",
    "孟加拉国": "BD",
    "柬埔寨": "KH",
    "印度尼西亚": "ID",
    "马来西亚": "MY",
    "turkey": "TR",
    "türkiye": "TR",
}


@dataclass(frozen=True)
class DivisionName:
    code: str
    parent: str
    level: str
    name_zh: str
    short_zh: str
    name_en: str


@lru_cache(maxsize=1)
def _divisions() -> tuple[DivisionName, ...]:
    rows = csv.DictReader((files("rsca.core") / "data" / "cn_divisions.csv").open(encoding="utf-8"))
    result = []
    for row in rows:
        zh = row["name_zh"]
        short = re.sub(
            r"(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区|地区|自治州|盟)$", "", zh
        )
        result.append(
            DivisionName(row["code"], row["parent_code"], row["level"], zh, short or zh, fold(row["name_en"]))
        )
    return tuple(result)


@lru_cache(maxsize=1)
def _place_names_zh() -> tuple[str, ...]:
    names = {d.name_zh for d in _divisions()} | {d.short_zh for d in _divisions() if len(d.short_zh) >= 2}
    names |= {"中国", "中华"}
    return tuple(sorted(names, key=len, reverse=True))


@lru_cache(maxsize=1)
def _place_names_en() -> dict[str, DivisionName]:
    """English division name (folded, no spaces) → division; cities win over provinces of the same name."""
    found: dict[str, DivisionName] = {}
    for division in sorted(_divisions(), key=lambda d: d.level != "prefecture"):
        key = division.name_en.replace(" ", "")
        found.setdefault(key, division)
    return found


@lru_cache(maxsize=1)
def _division_codes() -> frozenset[str]:
    return frozenset(d.code for d in _divisions())


def collapse_initials(text: str) -> str:
    """``S.A.C.`` → ``SAC``, ``P.T.`` → ``PT``: dotted initials become one word before punctuation is removed."""
    return INITIALS.sub(lambda m: m.group(1).replace(".", ""), text)


def fold(text: str) -> str:
    """Full-width to half-width, accents removed, lower case, punctuation to spaces, spaces collapsed."""
    text = text or ""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).replace("đ", "d").replace("Đ", "D")
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = text.lower().replace("'", "").replace("’", "").replace("&", " and ")
    return " ".join(NON_WORD.sub(" ", text).split())


@lru_cache(maxsize=65536)
def _pinyin_char(char: str) -> str:
    return lazy_pinyin(char, style=Style.NORMAL)[0]


@lru_cache(maxsize=65536)
def _ambiguous_char(char: str) -> bool:
    """A character read differently in different words (长 chang/zhang, 行 xing/hang)."""
    return len(set(pinyin(char, style=Style.NORMAL, heteronym=True)[0])) > 1


@lru_cache(maxsize=262144)
def _pinyin_run(run: str) -> str:
    if not any(_ambiguous_char(c) for c in run):
        return "".join(_pinyin_char(c) for c in run)
    return "".join(lazy_pinyin(run, style=Style.NORMAL))  # phrase-aware: 长安 → chang'an, not zhang'an


def romanise(text: str) -> str:
    """Chinese characters to toneless pinyin, one word per run of characters; other text kept."""
    return CJK_RUN.sub(lambda m: " " + _pinyin_run(m.group(0)) + " ", text)


def has_chinese(text: str) -> bool:
    return bool(CJK.search(text or ""))


@dataclass
class NameParts:
    brand: str = ""
    industry: list[str] = field(default_factory=list)
    place: str = ""
    rest: list[str] = field(default_factory=list)
    brand_native: str = ""

    @property
    def key(self) -> str:
        return " ".join(p for p in [self.brand, *sorted(self.industry), *self.rest, self.place] if p)


@lru_cache(maxsize=1)
def _industry_zh_by_first() -> dict[str, tuple[str, ...]]:
    """Industry words grouped by their first character, longest first."""
    grouped: dict[str, list[str]] = {}
    for word in sorted(INDUSTRY_ZH, key=len, reverse=True):
        grouped.setdefault(word[0], []).append(word)
    return {first: tuple(words) for first, words in grouped.items()}


@lru_cache(maxsize=1)
def _place_set_zh() -> frozenset[str]:
    return frozenset(_place_names_zh())


@lru_cache(maxsize=1)
def _place_codes_zh() -> dict[str, str]:
    codes: dict[str, str] = {}
    for division in sorted(_divisions(), key=lambda d: d.level != "prefecture"):
        codes.setdefault(division.name_zh, division.code)
        codes.setdefault(division.short_zh, division.code)
    return codes


def _place_code_zh(text: str) -> str:
    return _place_codes_zh().get(text, "")


def _split_name_zh(text: str) -> NameParts:
    parts = NameParts()
    for inner in PAREN.findall(text):
        code = _place_code_zh(inner.strip())
        parts.place = parts.place or (code or romanise(inner).replace(" ", ""))
    core = PAREN.sub("", text)
    core = re.sub(r"[^\u3040-\u30ff\u3400-\u9fff0-9A-Za-z]", "", core)
    for prefix in LEGAL_PREFIXES_ZH:  # 株式会社ユニクロ: the legal form may come first in Japanese
        if core.startswith(prefix) and len(core) > len(prefix):
            core = core[len(prefix) :]
    changed = True
    while changed:  # legal suffixes, possibly stacked (…集团有限公司)
        changed = False
        for suffix in LEGAL_SUFFIXES_ZH:
            if core.endswith(suffix) and len(core) > len(suffix):
                core, changed = core[: -len(suffix)], True
                break
    places = _place_set_zh()
    stripped = True
    while stripped:  # city / province prefixes (深圳市, 广东省深圳市 …), longest first
        stripped = False
        for length in range(min(8, len(core) - 2), 1, -1):
            if core[:length] in places:
                core, stripped = core[length:], True
                break
    by_first = _industry_zh_by_first()
    brand_chars: list[str] = []
    i, seen_industry = 0, False
    while i < len(core):
        for word in by_first.get(core[i], ()):
            if core.startswith(word, i):
                if INDUSTRY_ZH[word]:
                    parts.industry.append(INDUSTRY_ZH[word])
                i += len(word)
                seen_industry = True
                break
        else:
            if seen_industry:
                parts.rest.append(romanise(core[i]).strip() if CJK.match(core[i]) else core[i].lower())
            else:
                brand_chars.append(core[i])
            i += 1
    parts.brand = romanise("".join(brand_chars)).replace(" ", "").lower()
    parts.brand_native = "".join(CJK_RUN.findall("".join(brand_chars)))
    parts.rest = ["".join(parts.rest)] if parts.rest else []
    return parts


def _split_name_en(text: str) -> NameParts:
    parts = NameParts()
    for inner in PAREN.findall(text):
        inner_folded = fold(inner).replace(" ", "")
        division = _place_names_en().get(inner_folded)
        parts.place = parts.place or (division.code if division else inner_folded)
    tokens = fold(collapse_initials(PAREN.sub(" ", text))).split()
    tokens = [t for t in tokens if t not in LEGAL_WORDS_EN]
    places = _place_names_en()
    while len(tokens) > 1 and (tokens[0] in places or tokens[0] == "china"):
        tokens = tokens[1:]
    if len(tokens) > 2 and tokens[0] + tokens[1] in places:  # two-word place names (e.g. "inner mongolia")
        tokens = tokens[2:]
    brand: list[str] = []
    seen_industry = False
    for token in tokens:
        canonical = INDUSTRY_EN.get(token)
        if canonical:
            parts.industry.append(canonical)
            seen_industry = True
        elif seen_industry:
            parts.rest.append(token)
        else:
            brand.append(token)
    parts.brand = "".join(brand)
    if parts.rest:
        parts.rest = ["".join(parts.rest)]
    return parts


def name_parts(name: str) -> NameParts:
    """Split a facility name in either script into brand, industry words and place."""
    if has_chinese(name):  # simplified characters first, so that 電子 is the industry word 电子
        parts = _split_name_zh(_T2S.convert(unicodedata.normalize("NFKC", name)))
    else:
        parts = _split_name_en(name)
    if not parts.brand and parts.industry:  # a name made only of industry words: they are the brand
        parts.brand, parts.industry = "".join(parts.industry), []
    return parts


@dataclass
class AddressParts:
    province: str = ""
    city: str = ""
    county: str = ""  # GB/T 2260 county-level code (Kunshan 320583), when the address names one
    district: str = ""
    street: str = ""
    number: str = ""
    tokens: list[str] = field(default_factory=list)


def _address_tokens_zh(text: str) -> list[str]:
    tokens: list[str] = []
    for piece in ADDRESS_MARKERS_ZH.split(text):
        if not piece or ADDRESS_MARKERS_ZH.fullmatch(piece):
            continue
        for ordinal, digit in ORDINALS.items():
            if len(ordinal) > 1:
                piece = piece.replace(ordinal, digit)
        tokens.extend(fold(romanise(piece)).replace(" ", "_").split("_"))
    return [t for t in tokens if t]


_CPCA_CACHE: dict[str, dict[str, str]] = {}
_CPCA_CACHE_MAX = 200_000


def cpca_parse(texts: Iterable[str]) -> None:
    """Parse Chinese addresses with cpca's public `cpca.transform`, many at once (it builds one DataFrame per
    call), and keep each result for `_cpca_one`. An import calls this once for all its rows."""
    import cpca  # imported lazily: it loads its dictionary on first use

    pending = sorted({t for t in texts if t and t not in _CPCA_CACHE})
    if not pending:
        return
    if len(_CPCA_CACHE) + len(pending) > _CPCA_CACHE_MAX:
        _CPCA_CACHE.clear()
    frame = cpca.transform(pending)
    columns = [frame[column].tolist() for column in ("省", "市", "区", "地址", "adcode")]
    for text, province, city, county, rest, adcode in zip(pending, *columns, strict=True):
        _CPCA_CACHE[text] = {
            "省": province if isinstance(province, str) else "",
            "市": city if isinstance(city, str) else "",
            "区": county if isinstance(county, str) else "",
            "地址": rest if isinstance(rest, str) else "",
            "adcode": str(adcode) if isinstance(adcode, str | int) else "",
        }


def _cpca_one(text: str) -> dict[str, str]:
    """cpca's parse of one address (province, city, county, rest, adcode), from `cpca_parse`'s results."""
    if text not in _CPCA_CACHE:
        cpca_parse([text])
    return _CPCA_CACHE[text]


@dataclass(frozen=True)
class County:
    code: str  # GB/T 2260 county-level code; empty for a town (Dongguan's and Zhongshan's towns have none)
    parent: str  # prefecture-level city
    level: str  # county | town
    name_zh: str
    name_en: str  # folded, no spaces or apostrophes: kunshan, baoan, changan


@lru_cache(maxsize=1)
def counties() -> tuple[County, ...]:
    """County-level divisions and the towns of cities without counties (`rsca/core/data/cn_counties.csv`)."""
    rows = csv.DictReader((files("rsca.core") / "data" / "cn_counties.csv").open(encoding="utf-8"))
    return tuple(
        County(r["code"], r["parent_code"], r["level"], r["name_zh"], fold(r["name_en"]).replace(" ", ""))
        for r in rows
    )


@lru_cache(maxsize=1)
def _counties_en() -> dict[str, tuple[County, ...]]:
    found: dict[str, list[County]] = {}
    for county in counties():
        found.setdefault(county.name_en, []).append(county)
    return {name: tuple(items) for name, items in found.items()}


@lru_cache(maxsize=1)
def _towns_zh() -> tuple[County, ...]:
    return tuple(sorted((c for c in counties() if c.level == "town"), key=lambda c: -len(c.name_zh)))


ROAD_WORDS = frozenset(
    [
        "road",
        "rd",
        "lu",
        "street",
        "st",
        "avenue",
        "ave",
        "dadao",
        "jie",
        "lane",
        "ln",
        "boulevard",
        "blvd",
        "highway",
        "xiang",
        "alley",
        "east",
        "west",
        "south",
        "north",
        "middle",
        "dong",
        "xi",
        "nan",
        "bei",
        "zhong",
        "industrial",
        "zone",
        "park",
        "building",
        "bldg",
        "plaza",
        "square",
        "bridge",
        "village",
        "cun",
    ]
)


def _county_in_english(tokens: list[str], *, city: str, provinces: set[str]) -> County | None:
    """A county-level place (or a Dongguan/Zhongshan town) named in an English address: the one inside the city or
    province also named, else a name that only one county carries (Kunshan, Jiangyin, Yiwu …). A name followed by
    a road or place word is a road's or a park's name (Qianjin Road, Jiefang Road), not the county. A town counts
    only with ``town``/``zhen`` after it or its province named (Chang'an is also a district of Xi'an). When several
    counties remain, county-level cities (昆山市) win over districts and counties; still several: none."""
    names = _counties_en()
    found: list[County] = []
    for i, token in enumerate(tokens):
        for key, width in ((token + tokens[i + 1] if i + 1 < len(tokens) else "", 2), (token, 1)):
            options = names.get(key) if key else None
            if not options:
                continue
            after = tokens[i + width] if i + width < len(tokens) else ""
            if after in ROAD_WORDS:
                break
            fitting = [
                c
                for c in options
                if (c.parent == city if city else (c.parent[:2] + "0000") in provinces if provinces else True)
            ]
            fitting = [
                c
                for c in fitting
                if c.level == "county"
                or after in ("town", "zhen")
                or (c.parent[:2] + "0000") in provinces
                or c.parent == city
            ]
            if len(fitting) == 1:
                found.append(fitting[0])
                break
    distinct = list(dict.fromkeys(found))
    if len(distinct) > 1:
        distinct = [c for c in distinct if c.name_zh.endswith("市")] or distinct
    return distinct[0] if len(distinct) == 1 else None


def _parse_address_zh(text: str) -> AddressParts:
    parts = AddressParts()
    record = _cpca_one(text)
    adcode = str(record.get("adcode") or "")
    if adcode and adcode != "nan" and len(adcode) == 6:
        codes = _division_codes()
        province = adcode[:2] + "0000"
        city = adcode[:4] + "00"
        parts.province = province if province in codes else ""
        parts.city = city if city in codes else ""
        parts.county = adcode if adcode[4:] != "00" and adcode[2:4] != "00" else ""
    if not parts.city and parts.province in ("", "440000"):  # 虎门镇 without 东莞: the town names its city
        town = next((t for t in _towns_zh() if t.name_zh in text), None)
        if town is not None:
            parts.city, parts.province = town.parent, town.parent[:2] + "0000"
    district = record.get("区")
    if isinstance(district, str) and district:
        parts.district = romanise(re.sub(r"(新区|区|县|市)$", "", district)).replace(" ", "")
    rest = record.get("地址")
    rest = rest if isinstance(rest, str) else text
    match = None
    for candidate in ROAD_ZH.finditer(rest):
        match = candidate if candidate.group(3) or match is None else match
    if match:
        road = ADDRESS_MARKERS_ZH.split(match.group(1))[-1] or match.group(1)
        parts.street = romanise(road).replace(" ", "")
        parts.number = match.group(3) or ""
    if not parts.number:
        number = re.search(r"(\d+)\s*[号號]", rest)
        parts.number = number.group(1) if number else ""
    parts.tokens = _address_tokens_zh(rest) + ([parts.district] if parts.district else [])
    return parts


def _parse_address_en(text: str, country: str = "CN") -> AddressParts:
    parts = AddressParts()
    folded = fold(text)
    if country and country != "CN":
        return _parse_address_latin(text, country)
    tokens = folded.split()
    places = _place_names_en()
    found: list[DivisionName] = []
    for i, token in enumerate(tokens):
        for key in (token + tokens[i + 1] if i + 1 < len(tokens) else None, token):
            if key and key in places:
                found.append(places[key])
                break
    provinces = {d.code for d in found if d.level == "province"}
    cities = [d for d in found if d.level == "prefecture"]
    city = next((d for d in cities if d.parent in provinces), cities[0] if cities else None)
    if city:
        parts.city, parts.province = city.code, city.parent
    elif provinces:
        parts.province = sorted(provinces)[0]
    county = _county_in_english(tokens, city=parts.city, provinces=provinces)
    if county is not None:  # Kunshan → Suzhou (320500), Jiangsu; the county code kept
        parts.county = county.code
        if not parts.city:
            parts.city, parts.province = county.parent, county.parent[:2] + "0000"
    district = re.search(r"([a-z]+(?: [a-z]+)?) (?:district|qu|county|new area)\b", folded)
    if district:
        parts.district = district.group(1).split()[-1]
    for match in ROAD_EN.finditer(folded):
        road_words = [w for w in match.group(2).split() if w not in ADDRESS_WORDS_EN and not w.isdigit()]
        if road_words:
            road_words = (
                road_words[-3:]
                if len(road_words) > 1 and road_words[-1] in DIRECTIONS_EN
                else road_words[-2:]
            )
            parts.street = "".join(DIRECTIONS_EN.get(w, w) if i else w for i, w in enumerate(road_words))
            parts.number = match.group(1) or match.group(3) or ""
            break
    if not parts.number:
        number = re.search(r"\bno\.? ?(\d+)\b", folded)
        parts.number = number.group(1) if number else ""
    city_words = {d.name_en.replace(" ", "") for d in found}
    parts.tokens = _address_tokens_en(text, city_words)
    return parts


def _address_tokens_en(text: str, city_words: set[str]) -> list[str]:
    """Per comma-separated segment: numbers, and the remaining words joined (``Qianjin East Road`` → ``qianjindong``),
    so that they meet the romanised Chinese form (前进东路 → ``qianjindong``)."""
    tokens: list[str] = []
    for segment in re.split(r"[,;，、]", unicodedata.normalize("NFKC", text)):
        words = [ORDINALS.get(w, w) for w in fold(segment).split()]
        words = [w for w in words if w not in ADDRESS_WORDS_EN and w not in city_words]
        letters = "".join(DIRECTIONS_EN.get(w, w) if i else w for i, w in enumerate(words) if not w.isdigit())
        tokens.extend(w for w in words if w.isdigit())
        if letters:
            tokens.append(letters)
    return tokens


# Address words of the sourcing countries' Latin-script addresses (VN, TH, PH, MM, KH, BD, ID, IN, PK, LK, TR …):
# phrases and abbreviations written several ways become one canonical word; generic words are then dropped.
ADDRESS_PHRASES_LATIN = (
    ("export processing zone", "epz"),
    ("export processing area", "epz"),
    ("special economic zone", "sez"),
    ("industrial park", "ip"),
    ("industrial zone", "ip"),
    ("industrial estate", "ip"),
    ("industrial area", "ip"),
    ("industrial cluster", "ip"),
    ("khu cong nghiep", "ip"),
    ("kcn", "ip"),
    ("kawasan industri", "ip"),
    ("organize sanayi bolgesi", "osb"),
    ("organized industrial zone", "osb"),
    ("jalan", "jl"),
    ("jln", "jl"),
    ("barangay", "brgy"),
    ("bgy", "brgy"),
    ("mouban", "moo"),
    ("moo ban", "moo"),
    ("mu", "moo"),
    ("plot no", "plot"),
    ("lot no", "lot"),
    ("house no", "house"),
    ("holding no", "holding"),
    ("kilometre", "km"),
    ("kilometer", "km"),
)
ADDRESS_WORDS_LATIN = frozenset(
    [
        "no",
        "nos",
        "number",
        "road",
        "rd",
        "avenue",
        "ave",
        "av",
        "street",
        "st",
        "str",
        "boulevard",
        "blvd",
        "lane",
        "ln",
        "district",
        "dist",
        "distt",
        "dt",
        "county",
        "town",
        "township",
        "village",
        "vill",
        "vil",
        "city",
        "province",
        "prov",
        "state",
        "area",
        "block",
        "blk",
        "building",
        "bldg",
        "floor",
        "fl",
        "flr",
        "room",
        "rm",
        "unit",
        "the",
        "of",
        "and",
        "de",
        "del",
        "la",
        "el",
        "near",
        "opp",
        "opposite",
        "p",
        "o",
        "po",
        "ps",
        "upazila",
        "thana",
        "sub",
        "tambon",
        "amphoe",
        "amphur",
        "changwat",
        "tehsil",
        "taluk",
        "mandal",
        "post",
        "office",
        "phuong",
        "quan",
        "huyen",
        "tinh",
        "xa",
        "thi",
        "tran",
        "duong",
        "ward",
        "commune",
        "sangkat",
        "khan",
        "khett",
        "phum",
        "mahalle",
        "mah",
        "cad",
        "cd",
        "sok",
        "sk",
        "mevkii",
        "ilce",
        "sokak",
        "caddesi",
        "kelurahan",
        "kecamatan",
        "kabupaten",
        "kab",
        "kota",
        "desa",
        "rt",
        "rw",
    ]
)


def _parse_address_latin(text: str, country: str) -> AddressParts:
    """An address outside China written in Latin script: word-level tokens (``Blok Pajagan, Phnom Penh`` →
    ``blok pajagan phnom penh``), abbreviations canonical (``Industrial Park``/``IP``/``KCN`` → ``ip``), generic
    words and the country's own name dropped; street and house number as for Chinese places."""
    from rsca.core.countries import country_name

    parts = AddressParts()
    folded = f" {fold(collapse_initials(text))} "
    for phrase, canonical in ADDRESS_PHRASES_LATIN:
        if f" {phrase} " in folded:
            folded = folded.replace(f" {phrase} ", f" {canonical} ")
    country_words = set(fold(country_name(country)).split()) | {country.lower()}
    words = [ORDINALS.get(w, w) for w in folded.split()]
    for match in ROAD_EN.finditer(" ".join(words)):
        road_words = [w for w in match.group(2).split() if w not in ADDRESS_WORDS_LATIN and not w.isdigit()]
        if road_words:
            parts.street = "".join(road_words[-2:])
            parts.number = match.group(1) or match.group(3) or ""
            break
    tokens: list[str] = []
    for word in words:
        if word in ADDRESS_WORDS_LATIN or word in country_words or word in tokens:
            continue
        tokens.append(word)
    parts.tokens = tokens
    return parts


def address_parts(address: str, *, country: str = "") -> AddressParts:
    """Province and city codes (China), district, street, house number and comparable tokens."""
    if has_chinese(address):
        return _parse_address_zh(unicodedata.normalize("NFKC", address))
    parts = _parse_address_en(address, country or "CN")
    if country and country != "CN":
        parts.province = parts.city = ""
    return parts


def facility_name_parts(*, name: str, native_name: str = "") -> NameParts:
    """The parts of a facility's name the keys are made of."""
    # The Chinese form, when there is one, is the more reliable source for the brand and the place.
    parts = name_parts(native_name) if has_chinese(native_name) else name_parts(name)
    if not parts.brand:
        parts = name_parts(name)
    return parts


def facility_keys(
    *,
    name: str,
    native_name: str = "",
    address: str,
    native_address: str = "",
    country: str,
    division_code: str = "",
) -> dict[str, str]:
    """The `match_*` columns stored on a facility (and computed for an uploaded row)."""
    parts = facility_name_parts(name=name, native_name=native_name)
    addr = (
        address_parts(native_address, country=country)
        if has_chinese(native_address)
        else address_parts(address, country=country)
    )
    if division_code and len(division_code) == 6:
        addr.province = division_code[:2] + "0000"
        if not division_code.endswith("0000"):
            addr.city = division_code
    return {
        "match_identity": identity_key(country=country, name=name, address=address),
        "match_name_zh": chinese_name_key(name=name, native_name=native_name),
        "match_name": parts.key[:500],
        "match_brand": parts.brand[:100],
        "match_brand_native": parts.brand_native[:50],
        "match_industry": " ".join(sorted(set(parts.industry)))[:300],
        "match_place": parts.place[:100],
        "match_province": addr.province,
        "match_city": addr.city,
        "match_county": addr.county,
        "match_district": addr.district[:100],
        "match_street": addr.street[:200],
        "match_number": addr.number[:50],
        "match_address": " ".join(addr.tokens)[:1000],
        **block_keys(
            country=country,
            brand=parts.brand[:100],
            province=addr.province,
            city=addr.city,
            street=addr.street[:200],
            number=addr.number[:50],
        ),
    }


def identity_key(*, country: str, name: str, address: str) -> str:
    """Country, name and address as written, up to case, accents, full width, punctuation, spacing and traditional
    characters: two records with the same key are the same facility, whatever a model would score."""
    folded_name = (fold(_T2S.convert(name)) if has_chinese(name) else fold(name)).replace(" ", "")
    folded_address = (fold(_T2S.convert(address)) if has_chinese(address) else fold(address)).replace(" ", "")
    if not country or not folded_name or not folded_address:
        return ""
    return hashlib.sha256(f"{country}|{folded_name}|{folded_address}".encode()).hexdigest()


def chinese_name_key(*, name: str, native_name: str = "") -> str:
    """The full Chinese registered name in simplified characters, without spaces and punctuation (深圳市鑫達塑膠
    製品有限公司 → 深圳市鑫达塑胶制品有限公司); empty when the record has no Chinese name. A registered name is
    unique, so the same name at an address that does not contradict is the same facility."""
    text = native_name if has_chinese(native_name) else name if has_chinese(name) else ""
    if not text:
        return ""
    simplified = _T2S.convert(unicodedata.normalize("NFKC", text))
    return re.sub(r"[^\u3400-\u9fff0-9A-Za-z]", "", PAREN.sub(lambda m: m.group(1), simplified))[:200]


def block_keys(
    *, country: str, brand: str, province: str, city: str, street: str, number: str
) -> dict[str, str]:
    """Exact keys that bring candidates together: brand within a city (or the province, when the city is not
    known) and within a province, and the same site (city or country, street and house number)."""
    region = province or country
    return {
        "block_brand": f"{country}|{region}|{brand}"[:120] if brand else "",
        "block_brand_city": f"{country}|{city or region}|{brand}"[:120] if brand else "",
        "block_site": f"{country}|{city or province}|{street}|{number}"[:280] if street and number else "",
    }


def candidate_keys(rows: Iterable[tuple[str, dict[str, str]]]) -> dict[str, set[str]]:
    """The indexed keys to look up for incoming rows (country, facility keys).

    * A row whose city is known meets facilities of the same brand in that city, and those of its province or
      country whose city (or whole location) is not known (`block_brand_city`): a facility in another city
      would fail the address guard anyway.
    * A row with a province but no city meets its brand anywhere in that province, and facilities of that
      brand without a location (`block_brand`).
    * Every row meets facilities at the same site (`block_site`).
    * A row without any location also meets facilities with the same normalised name anywhere in its country
      (`country|match_name`); rows with a location find those through the brand keys, and a nationwide name
      lookup would mostly bring the same-named companies of other provinces.
    """
    wanted: dict[str, set[str]] = {
        "block_brand": set(),
        "block_brand_city": set(),
        "block_site": set(),
        "name": set(),
    }
    for country, keys in rows:
        brand, province = keys["match_brand"], keys["match_province"]
        if brand and keys["match_city"]:
            wanted["block_brand_city"].add(keys["block_brand_city"])
            wanted["block_brand_city"].add(f"{country}|{province or country}|{brand}"[:120])
            wanted["block_brand_city"].add(f"{country}|{country}|{brand}"[:120])
        elif keys["block_brand"]:
            wanted["block_brand"].add(keys["block_brand"])
            wanted["block_brand"].add(f"{country}|{country}|{brand}"[:120])
        if keys["block_site"]:
            wanted["block_site"].add(keys["block_site"])
        if keys["match_name"] and not province:
            wanted["name"].add(f"{country}|{keys['match_name']}")
    return wanted


def row_key(*, country: str, keys: dict[str, str]) -> str:
    """A stable key of a row's normalised identity, so a decision about it is found again on re-upload."""
    parts = [
        country,
        keys["match_name"],
        keys["match_city"],
        keys["match_street"],
        keys["match_number"],
        keys["match_address"],
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def search_key(text: str) -> str:
    """A punctuation- and script-tolerant search key: what a search box query is compared with."""
    return name_parts(text).brand or fold(text).replace(" ", "")
