"""Core reference data (countries, Chinese divisions, ISIC sectors) and the demo accounts.

Every function is idempotent: it updates what exists and adds what is missing.
"""

from __future__ import annotations

import csv
import gettext
from decimal import Decimal
from importlib.resources import files
from typing import Any

import pycountry
from django.contrib.auth import get_user_model
from django.db import transaction

from rsca.core.models import RSCA_COUNTRIES, Country, Division, Membership, Organisation, Sector

DEMO_PASSWORD = "rsca-demo-2026"  # noqa: S105 - documented demo log-in, only created by `seed --demo`

# ISIC Rev.4 sections and divisions the programme works with (UN Statistics Division, ST/ESA/STAT/SER.M/4/Rev.4);
# Chinese names follow the UN's Chinese edition of ISIC Rev.4.
SECTORS: list[dict[str, Any]] = [
    {"code": "C", "parent": None, "name_en": "Manufacturing", "name_zh": "制造业"},
    {
        "code": "13",
        "parent": "C",
        "name_en": "Manufacture of textiles",
        "name_zh": "纺织品的制造",
        "focus": ("Textiles", "纺织"),
    },
    {
        "code": "14",
        "parent": "C",
        "name_en": "Manufacture of wearing apparel",
        "name_zh": "服装的制造",
        "focus": ("Textiles", "纺织"),
    },
    {
        "code": "15",
        "parent": "C",
        "name_en": "Manufacture of leather and related products",
        "name_zh": "皮革和相关产品的制造",
        "focus": ("Textiles", "纺织"),
    },
    {
        "code": "26",
        "parent": "C",
        "name_en": "Manufacture of computer, electronic and optical products",
        "name_zh": "计算机、电子和光学产品的制造",
        "focus": ("Electronics", "电子"),
    },
    {
        "code": "27",
        "parent": "C",
        "name_en": "Manufacture of electrical equipment",
        "name_zh": "电力设备的制造",
        "focus": ("Electronics", "电子"),
    },
    {
        "code": "G",
        "parent": None,
        "name_en": "Wholesale and retail trade; repair of motor vehicles and motorcycles",
        "name_zh": "批发和零售业；汽车和摩托车的修理",
    },
    {
        "code": "46",
        "parent": "G",
        "name_en": "Wholesale trade, except of motor vehicles and motorcycles",
        "name_zh": "批发贸易，但汽车和摩托车除外",
    },
]


def chinese_country_names() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"], fallback=True)


@transaction.atomic
def seed_countries() -> int:
    zh = chinese_country_names()
    count = 0
    for country in pycountry.countries:
        name_en = getattr(country, "common_name", None) or country.name
        Country.objects.update_or_create(
            iso2=country.alpha_2,
            defaults={
                "iso3": country.alpha_3,
                "numeric": country.numeric,
                "name_en": name_en,
                "name_zh": zh.gettext(country.name),
                "is_rsca": country.alpha_2 in RSCA_COUNTRIES,
            },
        )
        count += 1
    return count


@transaction.atomic
def seed_divisions() -> int:
    china = Country.objects.get(iso2="CN")
    rows = list(csv.DictReader((files("rsca.core") / "data" / "cn_divisions.csv").open(encoding="utf-8")))
    for row in rows:  # provinces come first in the file, so parents exist before their cities
        Division.objects.update_or_create(
            code=row["code"],
            defaults={
                "country": china,
                "parent_id": row["parent_code"] or None,
                "level": row["level"],
                "name_zh": row["name_zh"],
                "name_en": row["name_en"],
                "iso_code": row["iso_code"],
                "latitude": Decimal(row["latitude"]) if row["latitude"] else None,
                "longitude": Decimal(row["longitude"]) if row["longitude"] else None,
            },
        )
    return len(rows)


@transaction.atomic
def seed_sectors() -> int:
    for sector in SECTORS:
        focus = sector.get("focus")
        Sector.objects.update_or_create(
            code=sector["code"],
            defaults={
                "parent_id": sector["parent"],
                "name_en": sector["name_en"],
                "name_zh": sector["name_zh"],
                "is_focus": bool(focus),
                "focus_label_en": focus[0] if focus else "",
                "focus_label_zh": focus[1] if focus else "",
            },
        )
    return len(SECTORS)


def seed_reference(out: Any) -> None:
    out.write(f"  countries: {seed_countries()}")
    out.write(f"  Chinese divisions: {seed_divisions()}")
    out.write(f"  sectors: {seed_sectors()}")


DEMO_ORGANISATIONS: list[dict[str, Any]] = [
    {
        "name": "Example Electronics Brand B.V.",
        "name_zh": "示例电子品牌有限公司",
        "type": "enterprise",
        "enterprise_role": "buyer",
        "country_id": "NL",
        "slug": "example-electronics-brand",
    },
    {
        "name": "Example Apparel Buyer GmbH",
        "name_zh": "示例服装采购有限公司",
        "type": "enterprise",
        "enterprise_role": "buyer",
        "country_id": "DE",
        "slug": "example-apparel-buyer",
    },
    {
        "name": "Shenzhen Huayang Precision Electronics Co., Ltd.",
        "name_zh": "深圳市华阳精密电子有限公司",
        "type": "enterprise",
        "enterprise_role": "supplier",
        "country_id": "CN",
        "slug": "huayang-precision",
    },
]

# (username, first name, staff?, organisation slug or None, role)
DEMO_USERS: list[tuple[str, str, bool, str | None, str]] = [
    ("admin", "Platform administrator", True, None, ""),
    ("officer", "Programme officer", True, None, ""),
    ("buyer", "Buyer due-diligence lead", False, "example-electronics-brand", "admin"),
    ("apparel", "Apparel buyer analyst", False, "example-apparel-buyer", "editor"),
    ("supplier", "Supplier HR manager", False, "huayang-precision", "admin"),
]


@transaction.atomic
def seed_demo(out: Any) -> None:
    for spec in DEMO_ORGANISATIONS:
        Organisation.objects.update_or_create(
            slug=spec["slug"], defaults={k: v for k, v in spec.items() if k != "slug"}
        )
    user_model = get_user_model()
    for username, first_name, staff, org_slug, role in DEMO_USERS:
        user, created = user_model.objects.get_or_create(
            username=username, defaults={"first_name": first_name, "email": f"{username}@example.org"}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
        user.is_staff = staff
        user.is_superuser = username == "admin"
        user.save()
        if org_slug:
            Membership.objects.update_or_create(
                user=user, organisation=Organisation.objects.get(slug=org_slug), defaults={"role": role}
            )
    out.write(f"  demo organisations: {len(DEMO_ORGANISATIONS)}, demo users: {len(DEMO_USERS)}")


def demo_logins() -> list[tuple[str, str, str]]:
    return [(username, DEMO_PASSWORD, first_name) for username, first_name, *_ in DEMO_USERS]
