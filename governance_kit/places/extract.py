"""Place names with their administrative level: ``extract_places`` (DESIGN.md §4).

Provinces, cities, counties, towns and streets come from the national division codes
(:mod:`governance_kit.places.gazetteer`), found with the context that makes a name a place
(:mod:`governance_kit.places.known`): 江苏, 射阳县 as they stand; 隆阳 in a text about 保山; 新建 only as
南昌新建 or 新建区; Taiwan's districts only in a text about Taiwan. Villages and communities, which no
bundled list holds, are found by their suffix after a proper name (:mod:`governance_kit.places.suffixed`)
with ``known=False``; their parent is the place written right before them (高桥镇藕缆桥村 → 高桥镇).

>>> df = extract_places("江苏省射阳县和宁波市海曙区高桥镇藕缆桥村推进整合村居。")
>>> df[["name", "level", "parent", "known"]].values.tolist()
[['江苏省', 'province', None, True], ['射阳县', 'county', '盐城市', True], ['宁波市', 'city', '浙江省', True], ['海曙区', 'district', '宁波市', True], ['高桥镇', 'town', '海曙区', True], ['藕缆桥村', 'village', '高桥镇', False]]
"""
from __future__ import annotations

from .gazetteer import Unit, gazetteer
from .known import known_places, towns_after
from .model import Place
from .rules import LEVELS, RULES_FILE, SUFFIXES
from .suffixed import suffixed_places

COLUMNS = ["doc_id", "name", "level", "parent", "start", "end", "known", "adcode", "sentence"]
__all__ = ["COLUMNS", "LEVELS", "RULES_FILE", "SUFFIXES", "Place", "Unit", "extract_places", "gazetteer",
           "places_in_text"]


def places_in_text(text: str) -> list[Place]:
    """Every place mention of a clean text, in text order."""
    if not isinstance(text, str):
        raise TypeError(f"places_in_text 需要字符串(文档的 .text),收到的是 {type(text).__name__}")
    out: list[Place] = []
    for s, e, unit, ambiguous in known_places(text):
        if ambiguous:
            parents = {u.parent for u in unit}
            first = unit[0]
            out.append(Place(text[s:e], first.level, parents.pop() if len(parents) == 1 else None, s, e, True, None))
        else:
            out.append(Place(text[s:e], unit.level, unit.parent, s, e, True, unit.adcode))
    out.extend(_towns_without_suffix(text, out))
    out.extend(suffixed_places(text, out))
    out.extend(_short_forms_again(text, out))
    out.sort(key=lambda p: (p.start, p.end))
    return out


def _towns_without_suffix(text: str, found: list[Place]) -> list[Place]:
    """A town of the codes written without its ending right after its county (浙江诸暨枫桥)."""
    taken = {p.start for p in found}
    out = []
    for p in found:
        if p.known and p.adcode and p.level in ("county", "district") and p.end not in taken:
            county = next((u for u in gazetteer().get(_full(p), ()) if u.adcode == p.adcode), None)
            town = towns_after(text, p.end, county) if county else None
            if town:
                written, unit = town
                out.append(Place(written, unit.level, unit.parent, p.end, p.end + len(written), True, unit.adcode))
    return out


def _full(place: Place) -> str:
    from .gazetteer import unit_by_code

    unit = unit_by_code(place.adcode)
    return unit.name if unit else place.name


def _short_forms_again(text: str, found: list[Place]) -> list[Place]:
    """The short form of a town, street or village the text also names with its suffix (高桥镇 … “共创高桥”),
    and a village or community found by its suffix named again on its own (某某社区 … 某某社区将)."""
    from ..tokens.pieces import dictionary_pieces
    from .context import SUFFIX_AFTER, aligned, word_like
    from .rules import place_words

    lex = dictionary_pieces()
    listed = place_words()["word_like_names"]
    taken = [(p.start, p.end) for p in found]
    shorts = {}
    for p in found:
        if p.level in ("town", "street", "village") and not word_like(_stem_of(p.name), listed):
            for suffix in ("街道", "镇", "乡", "村"):
                if p.name.endswith(suffix) and len(p.name) - len(suffix) >= 2:
                    shorts.setdefault(p.name[:-len(suffix)], p)
        if not p.known and p.level in ("village", "community") and p.name.endswith(("村", "社区")):
            shorts.setdefault(p.name, p)
    out: list[Place] = []
    for short, full in shorts.items():
        k = text.find(short)
        while k >= 0:
            end = k + len(short)
            if (not any(a < end and k < b for a, b in taken) and aligned(text, k, end, lex=lex)
                    and not SUFFIX_AFTER.match(text, end)):
                out.append(Place(short, full.level, full.parent, k, end, full.known, full.adcode))
                taken.append((k, end))
            k = text.find(short, end)
    return out


def _stem_of(name: str) -> str:
    for suffix in ("街道", "镇", "乡", "村"):
        if name.endswith(suffix):
            return name[:-len(suffix)]
    return name


def extract_places(doc_or_corpus):
    """Places of a Document, a Corpus, a list of Documents or a string (cleaned first), as a DataFrame.

    Columns: ``doc_id, name, level, parent, start, end`` (the contract of DESIGN.md §4), then
    ``known`` (in the national codes, province to township; ``False`` for villages and communities
    and for towns found only by their suffix), ``adcode`` (when unambiguous) and ``sentence``. A
    string of a few words (``"张家界市"``) that cleaning would drop as a stray line is read as it is.
    """
    import pandas as pd

    from ..corpus import rows_with_sentences

    source = doc_or_corpus
    if isinstance(source, str):
        source = _text_document(source)
    df = pd.DataFrame(rows_with_sentences(source, places_in_text), columns=COLUMNS)
    df = df.astype({"start": "int64", "end": "int64", "known": bool})  # typed even when empty: df[df.known] works
    df["parent"] = df["parent"].astype(object).where(df["parent"].notna(), None)
    df["adcode"] = df["adcode"].astype(object).where(df["adcode"].notna(), None)
    return df


def _text_document(text: str):
    """A string as a Document: cleaned, unless cleaning leaves nothing of a short non-empty input."""
    from ..corpus import as_documents

    docs = as_documents(text)
    if docs and not docs[0].text.strip() and text.strip() and len(text.strip()) <= 200:
        from dataclasses import replace

        return [replace(docs[0], text=text.strip())]
    return docs
