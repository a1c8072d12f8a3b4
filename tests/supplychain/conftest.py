from __future__ import annotations

import os
from pathlib import Path

import pytest

# Open Supply Hub's public brand lists (MIT), beside the checkout: ../shared/data/open-supply-hub-lists
OSH_LISTS = (
    Path(os.environ.get("RSCA_SHARED", Path(__file__).resolve().parents[3] / "shared"))
    / "data"
    / "open-supply-hub-lists"
)


@pytest.fixture
def osh_lists() -> list[Path]:
    files = sorted(OSH_LISTS.glob("list-*.csv"), key=lambda p: int(p.stem.split("-")[1]))
    if not files:
        pytest.fail(f"the shared Open Supply Hub lists are missing from {OSH_LISTS}")
    return files


MESSY_CSV = (
    "Name,Address,Country,Sector,Number of Workers,Native Language Name,Buyer Ref\n"
    '"Shenzhen Huayang Precision Electronics Co., Ltd.","No. 8 Xingye Road, Fenghuang First Industrial Zone, '
    "Fuyong Street, Bao'an District, Shenzhen, Guangdong\",China,Electronics,1200,深圳市华阳精密电子有限公司,A-1\n"
    "苏州恒泰纺织服装股份有限公司,江苏省苏州市吴江区盛泽镇南麻路328号,中国,纺织,300-500,,A-2\n"
    '"Huayang Precision Electronics (Dongguan) Limited","12 Zhen\'an Road, Chang\'an Town, Dongguan, Guangdong",'
    "CN,Electronics,800,,A-3\n"
)


@pytest.fixture
def existing_facilities(db):
    from rsca.supplychain.models import Facility

    created = [
        Facility.objects.create(
            name="Shenzhen Huayang Precision Electronics Co., Ltd.",
            native_name="深圳市华阳精密电子有限公司",
            address="广东省深圳市宝安区福永街道凤凰第一工业区兴业路8号",
            country_id="CN",
            division_id="440300",
        ),
        Facility.objects.create(
            name="Shenzhen Xinda Plastic Products Co., Ltd.",
            native_name="深圳市鑫达塑胶制品有限公司",
            address="广东省深圳市宝安区福永街道凤凰第一工业区兴业路8号",
            country_id="CN",
            division_id="440300",
        ),
        Facility.objects.create(
            name="Huayang Precision Electronics (Dongguan) Co., Ltd.",
            native_name="华阳精密电子（东莞）有限公司",
            address="广东省东莞市长安镇振安路12号",
            country_id="CN",
            division_id="441900",
        ),
    ]
    return created
