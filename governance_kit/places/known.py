"""Places of the national codes found in a text, with the context that makes a name a place.

One leftmost-longest automaton runs over the full names of every unit (province to township) and the
short forms of provinces, cities and county-level units. A name is taken as it stands when it can
only be a place: a province or city, a county-level full name of two or more characters before its
ending (射阳县). Every other name needs the text to make it a place:

* **support**: the text also names a unit above it (its city or province; for a town, its county or
  city) — 隆阳 in a text about 保山 or 云南, 鼓楼区 of 福州 where 福州市 is named;
* a name that is also an ordinary word (新建, 惠民, 奉化, 老城区) needs more: a unit above it written
  right before it (南昌新建, 保山市隆阳区) or one of its towns right after it (奉化大堰镇);
* a name whose stem is one character (和县, 范县) must begin a word (示范县 holds no 范县) and be
  supported or follow 在/到/来自 …;
* units of Taiwan, Hong Kong and Macau are found only in a text that names 台湾, 香港 or 澳门.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..datafiles import reloaded
from ..tokens.dictionary import main_dictionary
from ..tokens.pieces import dictionary_pieces
from .context import NAME_TAGS, SUFFIX_AFTER, aligned, ordinary_word, word_like
from .gazetteer import ancestors, gazetteer, short_forms
from .rules import RULES_FILE, place_words

_UPPER = ("province", "city")
# an ending that begins a word of its own: 老城区域, 县域, 县级, 市场
_WORD_AFTER = re.compile(r"区域|区块|区位|区间|县域|县级|县城|市场|市级|市民|镇域|乡域")
# a news dateline (新华社北京8月22日电): the place the report was filed from, not a place it is about
_DATELINE = re.compile(r"\d{1,2}月\d{1,2}日电")
_COUNTY = ("district", "county")
# a county's short form followed by one of its own bodies is the county (阳新经济开发区, 宁海县委 written 宁海)
_BODY_AFTER = re.compile(r"经济技术开发区|经济开发区|高新技术产业开发区|高新区|开发区|工业园区|县委|县政府|市委|市政府|区委|区政府|人民政府")
_TOWN_ENDINGS = ("镇", "乡", "街道", "苏木")


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    key: str  # as written
    units: tuple  # the candidate units
    short: bool  # a short form (江苏, 射阳, 枫桥) rather than a full name
    stem: str  # the name without its ending (射阳县 → 射阳)
    ordinary: bool  # the stem is also an ordinary word (新建, 民族)
    confident: bool  # the name can only be a place (see _confident)
    ends_word: bool  # the stem's last character and the ending make a word (万城镇: 城镇)


@reloaded(RULES_FILE)
def matcher():
    """The automaton and, per key, its candidate units and whether it is a short form."""
    import ahocorasick_rs

    not_names = place_words()["not_place_names"]
    keys: dict[str, tuple[list, bool]] = {}
    units = gazetteer()
    for name, candidates in units.items():
        if name in not_names or not (name.endswith(_TOWN_ENDINGS) or candidates[0].level not in ("town", "street")):
            continue  # 农场, 林场 and names without an ending (永兴) among the townships: not matched
        keys[name] = (list(candidates), False)
    for name, candidates in units.items():
        if name in not_names:
            continue
        for unit in candidates:
            if unit.level in ("town", "street"):
                continue  # a town's short form counts only after its county (see towns_after)
            for short in short_forms(name):
                if short in units or short in not_names:
                    continue  # 海南 the province, not 海南藏族自治州
                entry = keys.setdefault(short, ([], True))
                if entry[1] and unit not in entry[0]:
                    entry[0].append(unit)
    rank = {"province": 0, "city": 1, "district": 2, "county": 2}
    for key, (candidates, short) in keys.items():
        if short and len({rank[u.level] for u in candidates}) > 1:  # 南昌: the city, not 南昌县; 海南: the province
            top = min(rank[u.level] for u in candidates)
            candidates[:] = [u for u in candidates if rank[u.level] == top]
    ordered = list(keys)
    automaton = ahocorasick_rs.AhoCorasick(ordered, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
    from ..tokens.dictionary import word_tags

    listed = place_words()["word_like_names"]
    words, tags = dictionary_pieces()[0], word_tags()
    table = {}
    for key, (candidates, short) in keys.items():
        stem = key if short else _stem(key)
        ordinary = ordinary_word(stem, listed, words, tags)
        table[key] = (tuple(candidates), short, stem, ordinary,
                      _confident(key, tuple(candidates), short, stem, ordinary, listed),
                      not short and _ends_word(key, stem, words, tags))
    return automaton, ordered, table


def _stem(name: str) -> str:
    forms = short_forms(name)
    return forms[0] if forms else name[:-1]


def _confident(key, units, short, stem, ordinary, listed) -> bool:
    """Can the name only be a place? Provinces and cities of the mainland, county-level full names."""
    if any(unit.other_jurisdiction for unit in units):
        return False
    levels = {u.level for u in units}
    if short and key[-1] in "州县旗" and len(units) == 1 and len(stem) >= 3 and not ordinary:
        return True  # 黔东南州, 长阳县 for an autonomous prefecture or county: only a place
    if levels <= set(_UPPER):
        return not short or key not in listed
    if short or not levels <= set(_COUNTY) or len(units) > 1:
        return False
    return len(stem) >= 2 and not ordinary


_ABOVE: dict[str, frozenset[str]] = {}


def _above(unit) -> frozenset[str]:
    """The codes of the units above ``unit``; for a town, its county and city only."""
    codes = _ABOVE.get(unit.adcode)
    if codes is None:
        codes = _ABOVE[unit.adcode] = frozenset(
            a.adcode for a in ancestors(unit) if a.level != "province" or unit.level not in ("town", "street"))
    return codes


def _lineage(unit) -> list[str]:
    return [a.adcode for a in ancestors(unit)]


def _supported(unit, mentioned: set[str]) -> bool:
    return not _above(unit).isdisjoint(mentioned)


def known_places(text: str) -> list[tuple[int, int, object, bool]]:
    """``(start, end, unit or None, ambiguous)`` of every place of the codes in ``text``."""
    automaton, ordered, table = matcher()
    rules = place_words()
    starts = tuple(rules["suffix_word_starts"])
    lex = dictionary_pieces()
    memo: dict[tuple, bool] = {}

    def fits(s: int, e: int, right: bool = True) -> bool:
        if (s, e, right) not in memo:
            memo[s, e, right] = aligned(text, s, e, right=right, lex=lex)
        return memo[s, e, right]

    hits = []
    for k, s, e in automaton.find_matches_as_indexes(text):
        key = ordered[k]
        info = table[key]
        short = info[1]
        if (short and SUFFIX_AFTER.match(text, e)) or (
                not short and (text.startswith(starts, e - 1) or _WORD_AFTER.match(text, e - 1))):
            continue  # 延安路; 新乡贤 holds no 立新乡, 西安区域 no 西安区
        hits.append(Hit(s, e, key, *info))
    mentioned: set[str] = set()
    chosen: dict[int, tuple] = {}
    for i, hit in enumerate(hits):
        if hit.confident:
            chosen[i] = hit.units
    for i in list(chosen):
        h = hits[i]
        if (not fits(h.start, h.end, h.short) or _DATELINE.match(text, h.end)
                or (not h.short and _WORD_AFTER.match(text, h.end - 1))):
            del chosen[i]  # 新乡贤 holds no 新乡, 沿海城市 no 海城市, 西安区域 no 西安区; 新华社北京8月22日电
    for units in chosen.values():
        if len(units) == 1:
            mentioned.add(units[0].adcode)
            mentioned.update(_lineage(units[0]))
    towns = _towns_by_county()
    for _ in range(2):  # a county found here may support a town
        before = len(mentioned)
        ends = {hits[i].end: units[0] for i, units in chosen.items() if len(units) == 1}
        for i, hit in enumerate(hits):
            if i in chosen:
                continue
            keep = _in_context(text, hit, mentioned, ends, rules, fits, towns)
            if keep:
                chosen[i] = keep
                if len(keep) == 1:
                    mentioned.add(keep[0].adcode)
                    mentioned.update(_lineage(keep[0]))
        if len(mentioned) == before:
            break
    out = []
    for i in sorted(chosen):
        hit, units = hits[i], chosen[i]
        if len(units) > 1:  # ambiguous names (鼓楼区 in four cities): the candidates the text supports
            units = tuple(u for u in units if _supported(u, mentioned)) or units
        out.append((hit.start, hit.end, units[0] if len(units) == 1 else units, len(units) > 1))
    return out


def _common_phrase(name: str) -> bool:
    """Is a full name also a common phrase of the dictionary (老城区, 新城区: frequency 30 or more)?"""
    return main_dictionary()[0].get(name, 0) >= 30


def _name_word(word: str) -> bool:
    from ..tokens.dictionary import word_tags

    return word_tags().get(word) in NAME_TAGS


def _in_context(text: str, hit: Hit, mentioned: set[str], ends: dict, rules: dict, fits, towns) -> tuple:
    """The candidate units the context makes this name a place of (empty: not a place here)."""
    before = ends.get(hit.start) or (ends.get(hit.start - 1) if text[hit.start - 1:hit.start] == "的" else None)
    listed = text[hit.start - 1:hit.start] == "、" and hit.start - 1 in ends  # 肃南、崇信、玉门
    stem, ordinary = hit.stem, hit.ordinary
    kept = []
    for unit in hit.units:
        ups = _above(unit)
        if unit.other_jurisdiction and not any(
                ends.get(k) is not None and ends[k].adcode in ups for k in range(max(0, hit.start - 30), hit.start + 1)):
            continue  # 中和区 of Taiwan, 离岛区 of Hong Kong: only right after a place of theirs
        right_before = before is not None and (before.adcode == unit.parent_code
                                               or (before.adcode in ups and not (ordinary and before.level == "province")))
        if right_before or (unit.level in _COUNTY and towns_after(text, hit.end, unit, towns, rules)):
            kept.append(unit)  # 南昌新建, 保山市隆阳区, 奉化大堰镇; not 辽宁振兴
            continue
        if ordinary:  # 新建高标准农田, 惠民政策: ordinary words, unless a full name the text supports
            keep = (not hit.short and not _WORD_AFTER.match(text, hit.end - 1)
                    and (_supported(unit, mentioned)
                         or (unit.level in _COUNTY and not _common_phrase(hit.key))))  # 大兴区, 民意街道; not 老城区
        elif hit.short and unit.level in _COUNTY:  # 隆阳 in a text about 保山, 文昌 in one about 海南
            keep = (_supported_short(unit, mentioned) or listed or _BODY_AFTER.match(text, hit.end) or (_rare(hit.key) and (
                _supported(unit, mentioned) or (len(hit.units) == 1 and _name_word(hit.key)))))  # 阳新, 诸暨: rare words
        elif _supported(unit, mentioned) or listed:
            keep = True
        elif len(stem) < 2:  # 在和县
            keep = text[max(0, hit.start - 2):hit.start].endswith(tuple(rules["place_verbs"]))
        else:  # 鼓楼区, 高桥镇 with no unit above named: a place, parent unknown if several (not 每万城镇)
            keep = (not hit.short and not unit.other_jurisdiction and unit.level in _COUNTY + ("town", "street")
                    and not hit.ends_word)
        # the name must begin (a short form: and end) a word: 示范县 holds no 范县, 碳中和 no 中和
        right = hit.short or len(stem) < 2 or unit.level in ("town", "street")
        if keep and fits(hit.start, hit.end, right):
            kept.append(unit)
    return tuple(kept)


_MUNICIPALITIES = ("11", "12", "31", "50")


def _supported_short(unit, mentioned: set[str]) -> bool:
    """A county's short form is supported by its city (宁海 by 宁波) — by its province only when the
    province is its parent and no municipality (文昌 by 海南; not 长寿 by 重庆, where 重庆 is everywhere),
    or when the short form is a rare word (see _in_context)."""
    if unit.parent_code and unit.parent_code[2:] == "0000":
        return unit.parent_code[:2] not in _MUNICIPALITIES and unit.parent_code in mentioned
    return not _above(unit).difference({unit.adcode[:2] + "0000"}).isdisjoint(mentioned)


def _ends_word(name: str, stem: str, words, tags) -> bool:
    """Does the last character of the stem make an ordinary word with the ending (万城镇: 城镇)?"""
    joined = name[len(stem) - 1:]
    return words.get(joined, 0) >= 100 and joined != name and tags.get(joined) != "nr"


def _rare(word: str) -> bool:
    return main_dictionary()[0].get(word, 0) < 50


def towns_after(text: str, end: int, county, table=None, rules=None) -> tuple[str, object] | None:
    """A town of ``county`` written right after it, with or without its ending (诸暨枫桥, 奉化大堰镇):
    ``(as written, unit)``; a short form that is an ordinary word does not count (安定团结)."""
    towns = (table or _towns_by_county()).get(county.adcode)
    if not towns:
        return None
    listed = (rules or place_words())["word_like_names"]
    for length in (5, 4, 3, 2):
        piece = text[end:end + length]
        if len(piece) == length and piece in towns:
            if towns[piece].name != piece and word_like(piece, listed):
                return None
            return piece, towns[piece]
    return None


@reloaded(RULES_FILE)
def _towns_by_county() -> dict[str, dict[str, object]]:
    """county code → {full name and short form of each of its towns → town}."""
    out: dict[str, dict[str, object]] = {}
    for name, units in gazetteer().items():
        for unit in units:
            if unit.level in ("town", "street") and unit.parent_code:
                forms = out.setdefault(unit.parent_code, {})
                forms[name] = unit
                for short in short_forms(name):
                    forms.setdefault(short, unit)
    return out


__all__ = ["Hit", "known_places", "matcher", "towns_after"]
