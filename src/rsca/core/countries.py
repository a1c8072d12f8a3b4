"""One country resolver for the whole project: every way a list writes a country → ISO 3166-1 alpha-2.

Sources, in order (the first that answers wins):

1. ISO 3166-1 codes from `pycountry` (alpha-2, alpha-3, numeric), plus the user-assigned code ``XK`` (Kosovo,
   used by the European Commission and by Open Supply Hub) and the codes people write that ISO reserves for
   other uses (``UK`` → GB, ``EL`` → GR).
2. English names from `pycountry` (short, common and official names) and Chinese names from pycountry's
   ``zh_CN`` translation of ISO 3166-1 (the same names `rsca.core.seed` stores in ``Country.name_zh``), with
   the Chinese forms lists use for the special administrative regions (中国香港, 香港特别行政区 …).
3. The maintained alias table of `country_converter` (``coco``, GPL-3.0): its regular expressions recognise
   former, short, long and colloquial names (Burma, Swaziland, Cape Verde, Slovak Republic, Great Britain,
   ``Korea, Republic of`` …).
4. A few aliases neither library knows (``Holland``, ``UAE``, ``PRC``), kept here.

Any case, accents, punctuation and extra spaces are accepted. `country_resolve` returns None for a value that is
not a country; `country_suggest` proposes the nearest country name for the error message.
"""

from __future__ import annotations

import difflib
import gettext
import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pycountry

KOSOVO = ("XK", "XKX", "Kosovo", "科索沃")
# Codes and names that neither pycountry nor country_converter's tables give, as lists write them.
ALIASES_EN = {
    "uk": "GB",
    "el": "GR",
    "uae": "AE",
    "u a e": "AE",
    "ksa": "SA",
    "rok": "KR",
    "prc": "CN",
    "p r c": "CN",
    "pr china": "CN",
    "p r china": "CN",
    "mainland china": "CN",
    "china mainland": "CN",
    "holland": "NL",
    "the netherlands": "NL",
    "usa": "US",
    "u s a": "US",
    "u s": "US",
    "america": "US",
    "kosovo": "XK",
    "republic of kosovo": "XK",
    "hong kong sar": "HK",
    "hongkong": "HK",
    "macau sar": "MO",
    "macao sar": "MO",
    "vietnam": "VN",
    "viet nam": "VN",
    "turkiye": "TR",
    "turkey": "TR",
    "south korea": "KR",
    "korea": "KR",
    "burma": "MM",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "czech republic": "CZ",
    "slovak republic": "SK",
    "swaziland": "SZ",
    "cape verde": "CV",
    "ivory coast": "CI",
    "east timor": "TL",
    "laos": "LA",
    "russia": "RU",
    "iran": "IR",
    "syria": "SY",
    "moldova": "MD",
    "tanzania": "TZ",
    "bolivia": "BO",
    "venezuela": "VE",
    "vatican": "VA",
}
ALIASES_ZH = {
    "中国": "CN",
    "中国大陆": "CN",
    "中华人民共和国": "CN",
    "大陆": "CN",
    "中国香港": "HK",
    "香港": "HK",
    "香港特别行政区": "HK",
    "中国香港特别行政区": "HK",
    "中国澳门": "MO",
    "澳门": "MO",
    "澳门特别行政区": "MO",
    "中国澳门特别行政区": "MO",
    "中国台湾": "TW",
    "台湾": "TW",
    "台湾地区": "TW",
    "中国台湾地区": "TW",
    "越南": "VN",
    "韩国": "KR",
    "南韩": "KR",
    "朝鲜": "KP",
    "北韩": "KP",
    "日本": "JP",
    "泰国": "TH",
    "缅甸": "MM",
    "菲律宾": "PH",
    "印度": "IN",
    "孟加拉": "BD",
    "孟加拉国": "BD",
    "柬埔寨": "KH",
    "印尼": "ID",
    "印度尼西亚": "ID",
    "马来西亚": "MY",
    "巴基斯坦": "PK",
    "斯里兰卡": "LK",
    "土耳其": "TR",
    "美国": "US",
    "英国": "GB",
    "德国": "DE",
    "法国": "FR",
    "意大利": "IT",
    "荷兰": "NL",
    "阿联酋": "AE",
    "阿拉伯联合酋长国": "AE",
    "老挝": "LA",
    "新加坡": "SG",
    "科索沃": "XK",
}
_NON_WORD = re.compile(r"[^0-9a-z]+")
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class CountryName:
    iso2: str
    name_en: str
    name_zh: str


def fold_country(text: str) -> str:
    """Lower case, accents removed, punctuation to single spaces (``Korea, Republic of`` → ``korea republic of``)."""
    text = unicodedata.normalize("NFKC", text or "")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = text.lower().replace("'", "").replace("’", "").replace("&", " and ")
    return " ".join(_NON_WORD.sub(" ", text).split())


@lru_cache(maxsize=1)
def countries() -> tuple[CountryName, ...]:
    """Every ISO 3166-1 country with its English and Chinese name, and Kosovo (XK)."""
    zh = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"], fallback=True)
    found = [
        CountryName(c.alpha_2, getattr(c, "common_name", None) or c.name, zh.gettext(c.name))
        for c in pycountry.countries
    ]
    found.append(CountryName(KOSOVO[0], KOSOVO[2], KOSOVO[3]))
    return tuple(found)


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, str], dict[str, str]]:
    """(folded Latin codes and names → ISO2, Chinese names → ISO2)."""
    latin: dict[str, str] = {}
    chinese: dict[str, str] = dict(ALIASES_ZH)
    for country in pycountry.countries:
        for value in (
            country.alpha_2,
            country.alpha_3,
            country.name,
            getattr(country, "common_name", ""),
            getattr(country, "official_name", ""),
        ):
            if value:
                latin.setdefault(fold_country(value), country.alpha_2)
    for named in countries():
        if named.name_zh and _CJK.search(named.name_zh):
            chinese.setdefault(named.name_zh, named.iso2)
    latin.setdefault("xk", "XK")
    latin.setdefault("xkx", "XK")
    for alias, iso2 in ALIASES_EN.items():
        latin[alias] = iso2
    return latin, chinese


@lru_cache(maxsize=1)
def _t2s() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def _simplified(text: str) -> str:
    """Traditional characters folded to simplified with OpenCC (中國 → 中国, 韓國 → 韩国)."""
    return str(_t2s().convert(text))


@lru_cache(maxsize=1)
def _numeric() -> dict[str, str]:
    return {country.numeric: country.alpha_2 for country in pycountry.countries}


@lru_cache(maxsize=1)
def _converter() -> Any:
    """country_converter's tables, read with every cell as text (its own loader reads Namibia's ``NA`` as a
    missing value under pandas 3)."""
    from importlib.resources import files

    import country_converter
    import pandas as pd

    logging.getLogger("country_converter").setLevel(logging.ERROR)
    data = pd.read_csv(
        files("country_converter") / "country_data.tsv",
        sep="\t",
        dtype=str,
        keep_default_na=False,
        na_values=[""],
    )
    data = data.dropna(subset=["ISO2", "regex"])
    return country_converter.CountryConverter(country_data=data)


@lru_cache(maxsize=4096)
def country_resolve(text: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country written in any of the ways lists write it, or None."""
    value = unicodedata.normalize("NFKC", text or "").strip()
    if not value:
        return None
    latin, chinese = _index()
    if _CJK.search(value):
        plain = _simplified(re.sub(r"[\s()（）·.。,，]", "", value))
        return chinese.get(plain) or chinese.get(plain.removesuffix("国")) or None
    folded = fold_country(value)
    if folded.isdigit():
        return _numeric().get(folded.zfill(3))
    if folded in latin:
        return latin[folded]
    if len(folded) <= 3 and " " not in folded:
        return None  # an unknown code: not for the name patterns below
    converted = _converter().convert(value, src="regex", to="ISO2", not_found=None)
    if isinstance(converted, str) and len(converted) == 2 and converted.isupper():
        return converted
    return None


def country_name(iso2: str, *, language: str = "en") -> str:
    for country in countries():
        if country.iso2 == iso2:
            return country.name_zh if language.startswith("zh") and country.name_zh else country.name_en
    return iso2


def country_suggest(text: str) -> CountryName | None:
    """The country whose name (or code) is nearest to an unknown value, for the error message."""
    value = (text or "").strip()
    if not value:
        return None
    if _CJK.search(value):
        names = {c.name_zh: c for c in countries() if c.name_zh}
        close = difflib.get_close_matches(value, list(names), n=1, cutoff=0.3)
        return names[close[0]] if close else None
    latin, _chinese = _index()
    by_iso2 = {c.iso2: c for c in countries()}
    folded = fold_country(value)
    keys = [k for k in latin if len(k) > 3] if len(folded) > 3 else list(latin)
    close = difflib.get_close_matches(folded, keys, n=1, cutoff=0.5)
    return by_iso2.get(latin[close[0]]) if close else None


def country_ensure(iso2: str) -> None:
    """Make sure a resolved code has its `Country` row: pycountry has no Kosovo (XK, user-assigned), which the
    seed therefore does not store; a data row, no schema change."""
    from rsca.core.models import Country

    if iso2 == KOSOVO[0]:
        Country.objects.get_or_create(
            iso2=KOSOVO[0],
            defaults={"iso3": KOSOVO[1], "numeric": "", "name_en": KOSOVO[2], "name_zh": KOSOVO[3]},
        )
