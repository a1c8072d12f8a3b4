"""Demo supply chain: an electronics buyer's tier 1 and tier 2 facilities in Guangdong, Jiangsu and beyond.

Idempotent: facilities are found again by their English name and country, relationships by (buyer, facility).
The companies are fictitious; the places (cities, districts, industrial areas) are real.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from rsca.core.models import Organisation
from rsca.supplychain.models import Facility, SupplyRelationship

# (key, name, native name, address, native address, country, division, sectors, products, workers, lat, lng)
DEMO_FACILITIES: list[dict[str, Any]] = [
    {
        "key": "huayang",
        "name": "Shenzhen Huayang Precision Electronics Co., Ltd.",
        "native_name": "深圳市华阳精密电子有限公司",
        "address": "No. 8 Xingye Road, Fenghuang First Industrial Zone, Fuyong Street, Bao'an District, Shenzhen, "
        "Guangdong",
        "native_address": "广东省深圳市宝安区福永街道凤凰第一工业区兴业路8号",
        "country": "CN",
        "division": "440300",
        "sectors": ["26"],
        "product_type": "Printed circuit board assemblies",
        "processing_type": "SMT assembly; final assembly",
        "workers": 1850,
        "lat": "22.6783",
        "lng": "113.8238",
    },
    {
        "key": "huayang-dg",
        "name": "Huayang Precision Electronics (Dongguan) Co., Ltd.",
        "native_name": "华阳精密电子（东莞）有限公司",
        "address": "No. 12 Zhen'an Road, Chang'an Town, Dongguan, Guangdong",
        "native_address": "广东省东莞市长安镇振安路12号",
        "country": "CN",
        "division": "441900",
        "sectors": ["26"],
        "product_type": "Cable assemblies",
        "processing_type": "Wire harness assembly",
        "workers": 920,
        "lat": "22.8166",
        "lng": "113.8069",
    },
    {
        "key": "jinrun",
        "name": "Suzhou Jinrun Optoelectronics Technology Co., Ltd.",
        "native_name": "苏州金润光电科技有限公司",
        "address": "No. 328 Xinghu Street, Suzhou Industrial Park, Suzhou, Jiangsu",
        "native_address": "江苏省苏州市工业园区星湖街328号",
        "country": "CN",
        "division": "320500",
        "sectors": ["26"],
        "product_type": "Display modules",
        "processing_type": "Module assembly",
        "workers": 2400,
        "lat": "31.2680",
        "lng": "120.7320",
    },
    {
        "key": "hengtai",
        "name": "Kunshan Hengtai Electrical Co., Ltd.",
        "native_name": "昆山恒泰电器有限公司",
        "address": "No. 58 Qianjin East Road, Kunshan Development Zone, Kunshan, Suzhou, Jiangsu",
        "native_address": "江苏省苏州市昆山市开发区前进东路58号",
        "country": "CN",
        "division": "320500",
        "sectors": ["27"],
        "product_type": "Power adapters",
        "processing_type": "Assembly; testing",
        "workers": 640,
        "lat": "31.3850",
        "lng": "120.9800",
    },
    {
        "key": "xinda",
        "name": "Shenzhen Xinda Plastic Products Co., Ltd.",
        "native_name": "深圳市鑫达塑胶制品有限公司",
        "address": "No. 8 Xingye Road, Fenghuang First Industrial Zone, Fuyong Street, Bao'an District, Shenzhen, "
        "Guangdong",
        "native_address": "广东省深圳市宝安区福永街道凤凰第一工业区兴业路8号",
        "country": "CN",
        "division": "440300",
        "sectors": ["26"],
        "product_type": "Injection-moulded housings",
        "processing_type": "Injection moulding",
        "workers": 310,
        "lat": None,
        "lng": None,
    },
    {
        "key": "hongsheng",
        "name": "Huizhou Hongsheng Battery Technology Co., Ltd.",
        "native_name": "惠州市宏盛电池科技有限公司",
        "address": "No. 16 Huifeng East Road, Zhongkai High-tech Zone, Huizhou, Guangdong",
        "native_address": "广东省惠州市仲恺高新区惠风东路16号",
        "country": "CN",
        "division": "441300",
        "sectors": ["27"],
        "product_type": "Lithium-ion battery packs",
        "processing_type": "Cell assembly",
        "workers": 1300,
        "lat": "23.0330",
        "lng": "114.3650",
    },
    {
        "key": "yuanda",
        "name": "Ningbo Yuanda Wire & Cable Co., Ltd.",
        "native_name": "宁波远大电线电缆有限公司",
        "address": "No. 99 Jinshan Road, Beilun District, Ningbo, Zhejiang",
        "native_address": "浙江省宁波市北仑区金山路99号",
        "country": "CN",
        "division": "330200",
        "sectors": ["27"],
        "product_type": "Copper wire",
        "processing_type": "Wire drawing; extrusion",
        "workers": 450,
        "lat": "29.9020",
        "lng": "121.8450",
    },
    {
        "key": "viettech",
        "name": "Viet Tech Electronics Company Limited",
        "native_name": "Công ty TNHH Điện tử Viet Tech",
        "address": "Lot C3, Que Vo Industrial Park, Bac Ninh",
        "native_address": "",
        "country": "VN",
        "division": None,
        "sectors": ["26"],
        "product_type": "Keyboards",
        "processing_type": "Assembly",
        "workers": 780,
        "lat": "21.1500",
        "lng": "106.1500",
    },
]

# (facility key, tier, supplies to (facility key), products, volume share)
DEMO_RELATIONSHIPS: list[tuple[str, int, str | None, str, str | None]] = [
    ("huayang", 1, None, "Smart speaker main boards", "35.00"),
    ("jinrun", 1, None, "Tablet display modules", "25.00"),
    ("hengtai", 1, None, "Chargers and power adapters", "15.00"),
    ("viettech", 1, None, "Keyboards", "10.00"),
    ("huayang-dg", 2, "huayang", "Internal cable assemblies", None),
    ("xinda", 2, "huayang", "Plastic housings", None),
    ("hongsheng", 2, "huayang", "Battery packs", None),
    ("yuanda", 2, "hengtai", "Copper wire", None),
]


def seed_reference(out: Any) -> None:
    out.write("  supply chain: no reference data (facilities come from lists and demo data)")


@transaction.atomic
def seed_demo(out: Any) -> None:
    buyer = Organisation.objects.filter(slug="example-electronics-brand").first()
    supplier = Organisation.objects.filter(slug="huayang-precision").first()
    facilities: dict[str, Facility] = {}
    for spec in DEMO_FACILITIES:
        facility = Facility.objects.filter(name=spec["name"], country_id=spec["country"]).first() or Facility(
            name=spec["name"], country_id=spec["country"]
        )
        facility.native_name = spec["native_name"]
        facility.address = spec["address"]
        facility.native_address = spec["native_address"]
        facility.division_id = spec["division"]
        facility.product_type = spec["product_type"]
        facility.processing_type = spec["processing_type"]
        facility.number_of_workers = spec["workers"]
        facility.latitude = Decimal(spec["lat"]) if spec["lat"] else None
        facility.longitude = Decimal(spec["lng"]) if spec["lng"] else None
        facility.sector_text = "Electronics"
        if spec["key"] == "huayang" and supplier is not None:
            facility.claimed_by = supplier
        facility.save()
        facility.sectors.set(spec["sectors"])
        facilities[spec["key"]] = facility
    count = 0
    if buyer is not None:
        for key, tier, supplies_to, products, share in DEMO_RELATIONSHIPS:
            SupplyRelationship.objects.update_or_create(
                buyer=buyer,
                facility=facilities[key],
                defaults={
                    "tier": tier,
                    "supplies_to": facilities[supplies_to] if supplies_to else None,
                    "products": products,
                    "volume_share": Decimal(share) if share else None,
                },
            )
            count += 1
    out.write(f"  demo facilities: {len(facilities)}, supply relationships: {count}")
