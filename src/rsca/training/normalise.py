"""Normalisation of the values partners write in participant lists, in English or Chinese."""

from __future__ import annotations

import re

from rsca.core.models import Division, Organisation, Sector
from rsca.training.models import ConstituentType, Sex


def _key(value: str) -> str:
    """Lower case, straight apostrophes, no spaces, dots, hyphens or underscores."""
    value = value.strip().lower().replace("’", "'").replace("‘", "'")
    return re.sub(r"[\s._\-'/()（）]+", "", value)


SEX_SYNONYMS: dict[str, str] = {
    **dict.fromkeys(["female", "f", "woman", "women", "w", "女", "女性", "女士"], Sex.FEMALE),
    **dict.fromkeys(["male", "m", "man", "men", "男", "男性", "先生"], Sex.MALE),
    **dict.fromkeys(["other", "x", "nonbinary", "diverse", "其他", "其它"], Sex.OTHER),
    **dict.fromkeys(
        [
            "undisclosed",
            "prefernottosay",
            "notsaid",
            "unknown",
            "n/a",
            "na",
            "不愿透露",
            "不透露",
            "未说明",
            "未知",
            "保密",
        ],
        Sex.UNDISCLOSED,
    ),
}

CONSTITUENT_SYNONYMS: dict[str, str] = {
    **dict.fromkeys(
        [
            "government",
            "gov",
            "govt",
            "public authority",
            "ministry",
            "labour inspectorate",
            "政府",
            "政府部门",
            "政府机构",
            "政府机关",
            "人社部门",
            "劳动监察",
        ],
        ConstituentType.GOVERNMENT,
    ),
    **dict.fromkeys(
        [
            "employers_organisation",
            "employers' organisation",
            "employers' organization",
            "employer organisation",
            "employer organization",
            "employers organisation",
            "employers organization",
            "employers",
            "business association",
            "industry association",
            "雇主组织",
            "企业联合会",
            "企业家协会",
            "行业协会",
            "商会",
        ],
        ConstituentType.EMPLOYERS,
    ),
    **dict.fromkeys(
        [
            "workers_organisation",
            "workers' organisation",
            "workers' organization",
            "worker organisation",
            "worker organization",
            "workers organisation",
            "workers organization",
            "workers",
            "trade union",
            "union",
            "工人组织",
            "工会",
            "劳动者组织",
        ],
        ConstituentType.WORKERS,
    ),
    **dict.fromkeys(
        [
            "enterprise",
            "company",
            "business",
            "firm",
            "factory",
            "supplier",
            "multinational enterprise",
            "mne",
            "sme",
            "企业",
            "公司",
            "工厂",
            "跨国企业",
            "中小企业",
            "供应商",
        ],
        ConstituentType.ENTERPRISE,
    ),
    **dict.fromkeys(
        [
            "academia",
            "academic",
            "university",
            "research institute",
            "research",
            "school",
            "学术",
            "学术界",
            "学术机构",
            "高校",
            "大学",
            "研究机构",
            "科研院所",
            "院校",
        ],
        ConstituentType.ACADEMIA,
    ),
    **dict.fromkeys(
        [
            "civil_society",
            "civil society",
            "ngo",
            "cso",
            "civil society organisation",
            "civil society organization",
            "民间社会",
            "社会组织",
            "非政府组织",
            "公民社会",
        ],
        ConstituentType.CIVIL_SOCIETY,
    ),
    **dict.fromkeys(
        [
            "international_organisation",
            "international organisation",
            "international organization",
            "io",
            "un agency",
            "国际组织",
            "国际机构",
        ],
        ConstituentType.INTERNATIONAL,
    ),
    **dict.fromkeys(["other", "others", "其他", "其它"], ConstituentType.OTHER),
}

_SEX = {_key(k): v for k, v in SEX_SYNONYMS.items()}
_CONSTITUENT = {_key(k): v for k, v in CONSTITUENT_SYNONYMS.items()}
_CONSTITUENT.update({_key(str(label)): value for value, label in ConstituentType.choices})

# Sector words partners use for the programme's two focus sectors (ISIC Rev.4 divisions).
SECTOR_WORDS: dict[str, str] = {
    "electronics": "26",
    "electronic": "26",
    "电子": "26",
    "电子行业": "26",
    "电子产业": "26",
    "电子信息": "26",
    "textiles": "13",
    "textile": "13",
    "纺织": "13",
    "纺织业": "13",
    "纺织行业": "13",
    "garment": "14",
    "garments": "14",
    "apparel": "14",
    "服装": "14",
    "服装业": "14",
    "制衣": "14",
}

PROVINCE_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")


def sex_normalise(value: str) -> str | None:
    """The sex code for a value written in either language; blank → undisclosed; None when unrecognised."""
    if not value.strip():
        return Sex.UNDISCLOSED
    return _SEX.get(_key(value))


def constituent_normalise(value: str) -> str | None:
    """The constituent type code for a value in either language; None when unrecognised."""
    return _CONSTITUENT.get(_key(value))


class Lookup:
    """Sector and province look-ups loaded once per import."""

    def __init__(self) -> None:
        self.sectors: dict[str, str] = {}
        for sector in Sector.objects.all():
            for text in (
                sector.code,
                sector.name_en,
                sector.name_zh,
                sector.focus_label_en,
                sector.focus_label_zh,
            ):
                if text:
                    self.sectors.setdefault(_key(text), sector.code)
        for word, code in SECTOR_WORDS.items():
            self.sectors.setdefault(_key(word), code)
        self.provinces: dict[str, str] = {}
        for division in Division.objects.filter(level=Division.Level.PROVINCE):
            names = {division.code, division.name_en, division.name_zh, division.iso_code}
            stripped = division.name_zh
            for suffix in PROVINCE_SUFFIXES:
                if stripped.endswith(suffix) and len(stripped) > len(suffix) + 1:
                    stripped = stripped[: -len(suffix)]
            names.add(stripped)
            names.add(division.name_en.removesuffix(" Province").removesuffix(" Municipality"))
            for text in names:
                if text:
                    self.provinces.setdefault(_key(text), division.code)
        # A city written where the province belongs ("深圳" / "Shenzhen") counts for its province.
        for city in Division.objects.filter(level=Division.Level.PREFECTURE).exclude(parent=None):
            stripped = city.name_zh.removesuffix("市")
            for text in (city.code, city.name_en, city.name_zh, stripped):
                if text:
                    self.provinces.setdefault(_key(text), str(city.parent_id))

    def organisation(self, value: str) -> int | None:
        """The platform organisation a written name stands for (English or Chinese name, or acronym)."""
        if not hasattr(self, "organisations"):
            self.organisations: dict[str, int] = {}
            for pk, name, name_zh, acronym in Organisation.objects.values_list(
                "pk", "name", "name_zh", "acronym"
            ):
                for text in (name, name_zh, acronym):
                    if text:
                        self.organisations.setdefault(" ".join(text.casefold().split()), pk)
        return self.organisations.get(" ".join(value.casefold().split())) if value.strip() else None

    def sector(self, value: str) -> str | None:
        return self.sectors.get(_key(value))

    def province(self, value: str) -> str | None:
        key = _key(value)
        if key in self.provinces:
            return self.provinces[key]
        for suffix in PROVINCE_SUFFIXES:  # "广东省" when only "广东" is known, and the reverse
            if value.strip().endswith(suffix):
                return self.provinces.get(_key(value.strip()[: -len(suffix)]))
        return None
