"""Villages, communities and towns named by their suffix (…村, …社区, …镇, …乡, …街道) but not in the
national codes: ``known=False``.

A suffix makes a place only after a proper name: the words read back from the suffix must be place
names, personal names or no dictionary word at all — never a verb, preposition, measure word or other
ordinary word (写着村, 印发村, 须经村, 赋能乡 are not places) — and the suffix must not begin a word of its
own (村民, 乡村, 社区服务 …, except 村委会, 居委会 … listed in places.yaml). A stem that is an ordinary
word (建设社区) is a place only under its parent (某某街道的建设社区) or in a list after a sibling.
A town or street not in the codes counts only right after its county.
"""
from __future__ import annotations

import re

from .context import NAME_TAGS, cut, ordinary_word
from .gazetteer import gazetteer
from .lists import listed_places
from .model import Place
from .rules import SUFFIXES, place_words

_SUFFIXED = re.compile(rf"(?:{'|'.join(SUFFIXES)})")
_FUNCTION_CHARS = frozenset("在和与及的了是为把被将对向从于各全本该每这那其此我你他她它们到去来进出入回上下里内外中后前等并又也都就还只再已所有个着过由经须以之给让使令而或若如即")
# jieba tags of single characters that never continue a place name read back from its suffix…
_FUNCTION_TAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "ug", "ud", "uv", "d", "r", "y", "e", "o"})
_NAME_CHARS_UNDER = frozenset("上下里内外中后前来进出入回")  # function characters that are common in names (后畈村)
# …and, with no place written right before it, verbs, measure words and directions too
# (under its parent 后畈村, 反皓村 are names)
_STRICT_TAGS = _FUNCTION_TAGS | {"v", "vn", "vd", "q", "m", "f", "t", "zg"}
_RANK = {"province": 0, "city": 1, "district": 2, "county": 2, "town": 3, "street": 3, "village": 4, "community": 4}
# …before a village's or community's own body (村委会, 居委会), directions may be part of the name too
_BODY_TAGS = _FUNCTION_TAGS | {"v", "vn", "vd", "q", "m", "t", "zg"}
_JOINERS = ("、", "和", "及", "与")
_GAPS = ("", "的", "地区", "境内", "辖区")  # between a parent and the name read back under it
# …or the parent's development zone (某县经济开发区|某某社区)
_ZONE = re.compile(r"经济技术开发区|经济开发区|高新技术产业开发区|高新区|开发区|工业园区|产业园区|园区|新区")
_PARK_AFTER = re.compile(r"科技园|软件园|产业园|创业园|工业园|科学城|科技城")
_RARE = 10  # a dictionary word ending on the suffix this rare (留村, 岛村) does not stop a name before it
_ADMIN_CHARS = frozenset("省市县区乡镇村")  # a coined name after 在 holds none of these (在市县乡)


def suffixed_places(text: str, known: list) -> list:
    """Places named by their suffix in ``text``; ``known`` are the places of the codes found already."""
    from ..tokens.dictionary import word_tags
    from ..tokens.pieces import dictionary_pieces

    words, lexicon, _ = dictionary_pieces()
    tags = word_tags()
    rules = place_words()
    stop_words, levels = rules["not_place_words"], rules["suffix_levels"]
    starts, institutions = tuple(rules["suffix_word_starts"]), tuple(rules["village_bodies"])
    taken = [(p.start, p.end) for p in known]
    by_end = {p.end: p for p in known}
    out: list = []
    waiting: set[int] = set()
    last_end = 0
    split = cut()
    for m in _SUFFIXED.finditer(text):
        s2, end = m.span()
        suffix = m.group()
        if s2 < last_end or any(a < end and s2 < b for a, b in taken):
            continue  # the suffix belongs to a name found already
        if text.startswith(starts, s2):
            continue  # 村民, 乡村, 镇村: the suffix begins another word
        if _PARK_AFTER.match(text, end):
            continue  # 某某村科技园: a park named after a place is no mention of it
        low = max([last_end, s2 - 8] + [b for a, b in taken if b <= s2])
        if s2 - low < 2 or not "\u4e00" <= text[s2 - 1] <= "\u9fff":
            continue
        joined = text[s2 - 1:end]
        if ((words.get(joined, 0) >= _RARE or tags.get(joined) == "r") and tags.get(joined) not in NAME_TAGS
                and not any(words.get(text[k:s2], 0) > 0 for k in range(max(low, s2 - 4), s2 - 1))):
            continue  # 农村, 城乡, 城镇, 偏远山村: the suffix ends an ordinary word (文山村 is 文山 + 村; 勃留村: 留村 is rare)
        last = text[s2 - 1]
        if ((last in _FUNCTION_CHARS and last not in _NAME_CHARS_UNDER) or tags.get(last) in _FUNCTION_TAGS) \
                and words.get(text[s2 - 2:s2], 0) == 0:
            continue  # 各村, 在镇, 和社区: a function character right before the suffix
        pieces = split(text[low:s2])
        under = by_end.get(low) if low > 0 else None  # a place written right before: 长坡镇|大石冲村
        if under is not None and _RANK.get(under.level, 9) >= _RANK[levels[suffix]]:
            under = None  # only a unit above it is its parent (下东廓村党支部书记兼村委会: no 书记兼村)
        name_start, ordinary = _read_back(pieces, s2, None, words, tags, lexicon, stop_words)
        if name_start > low and text.startswith(institutions, s2):  # 在旺利村委会: an adjective may begin the name
            body = _read_back(pieces, s2, None, words, tags, lexicon, stop_words, _BODY_TAGS)
            if body[0] < name_start:
                name_start, ordinary = body
        if ordinary and _surname_before(text, name_start, low, pieces, s2, tags, rules["person_words"]):
            name_start, ordinary = name_start - 1, False  # 王大路村: a surname before an ordinary word
        visited = False
        if s2 - name_start < 2 and not ordinary:  # 在甲勃留村: after 在/到/走进 a coined name of single characters
            loose = _read_back(pieces, s2, None, words, tags, lexicon, stop_words, _FUNCTION_TAGS)
            if (2 <= s2 - loose[0] <= 4 and not loose[1] and text.endswith(tuple(rules["place_verbs"]), 0, loose[0])
                    and not _ADMIN_CHARS & set(text[loose[0]:s2]) and words.get(text[loose[0]:s2], 0) == 0):
                name_start, ordinary, visited = loose[0], False, True
        listed = out[-1] if out and out[-1].end == low and out[-1].name.endswith(suffix) else None
        if (under is not None or listed is not None) and name_start > low:
            relaxed = _read_back(pieces, s2, under or listed, words, tags, lexicon, stop_words)
            gap = text[low:relaxed[0]]
            if ((gap in _GAPS or _ZONE.fullmatch(gap) if under is not None else gap in _JOINERS)
                    and not any(c in "镇村" for c in text[relaxed[0]:s2])):
                name_start, ordinary = relaxed  # 长坡镇大石冲村, 某街道的天仁社区, 甲社区和万寿社区
        stem = s2 - name_start
        if stem < 2 or stem > 6 or (name_start == s2 - 8 and name_start > 0 and "\u4e00" <= text[name_start - 1] <= "\u9fff"):
            continue
        name = text[name_start:end]
        if any(u.level in ("district", "county") for u in gazetteer().get(text[name_start:s2], ())):
            continue  # 老城区社区: a county name the context did not make a place
        if (words.get(name, 0) > 0 and tags.get(name) not in NAME_TAGS) or name in lexicon or name in stop_words:
            continue  # 自然村, 城乡社区: ordinary words
        parent = by_end.get(name_start) or (by_end.get(name_start - 1) if text[name_start - 1:name_start] == "的" else None)
        if parent is None and under is not None and _ZONE.fullmatch(text[low:name_start]):
            parent = under  # 某县经济开发区某社区: the community of the county's zone
        level = levels[suffix]
        pending = level in ("town", "street") and (parent is None or not parent.known
                                                   or parent.level not in ("district", "county"))
        sibling = _sibling(text, name_start, out, suffix)
        if parent is None and sibling is None and not pending and not visited and not text.startswith(institutions, s2) and (
                s2 - name_start > 3 or any(tags.get(x) == "nz" for x in pieces if len(x) > 1 and x in text[name_start:s2])):
            continue  # 大力发展社区, 高水平科创社区: a long stem with nothing around it naming a place
        if ordinary and level in ("town", "street") and not pending:
            continue  # 浦口区探索街道治理: under its county, a town not in the codes needs a proper name
        if ordinary and parent is None and sibling is None and not pending:
            continue  # 美化社区, 乱占街道: an ordinary word, no parent or list around it
        parent_name = parent.name if parent else (sibling.parent if sibling else None)
        place = Place(name, level, parent_name, name_start, end, False, None)
        if pending:  # a town not in the codes: only right after its county, or over a village it names
            waiting.add(len(out))
        out.append(place)
        by_end[end] = place
        taken.append((name_start, end))
        last_end = end
    listed = rules["word_like_names"] | stop_words
    items = listed_places(text, list(known) + out, lambda w: ordinary_word(w, listed, words, tags), starts)
    parents = {p.parent for p in out} | {p.parent for p in items}
    kept = [p for i, p in enumerate(out) if i not in waiting or p.name in parents]
    named = {p.name for p in kept} | {p.name for p in known}
    return kept + [p for p in items if p.parent in named]


def _read_back(pieces, s2, under, words, tags, lexicon, stop_words, strict=None) -> tuple[int, bool]:
    """``(start, ordinary)`` of the name read back from the suffix at ``s2`` over ``pieces``: proper-name
    words only; under a parent (``under``) nouns, verbs and directions too."""
    strict = strict or (_STRICT_TAGS if under is None else _FUNCTION_TAGS)
    name_start, ordinary = s2, False
    for piece in reversed(pieces):
        if len(piece) == 1:
            if ((piece in _FUNCTION_CHARS and (under is None or piece not in _NAME_CHARS_UNDER))
                    or tags.get(piece) in strict or not "\u4e00" <= piece <= "\u9fff"):
                break
        elif under is not None and tags.get(piece, "")[:1] in ("n", "s", "") and piece not in stop_words:
            pass  # under its parent a noun may be part of the name (大石冲村)
        elif piece in stop_words or piece in lexicon or tags.get(piece) == "nt":
            break
        elif words.get(piece, 0) > 0 and tags.get(piece) not in NAME_TAGS:
            if name_start < s2:
                break  # 推进…村: an ordinary word before the name
            ordinary = True  # 建设社区: the whole stem is an ordinary word
            name_start -= len(piece)
            break
        name_start -= len(piece)
    return name_start, ordinary


def _sibling(text: str, start: int, found: list, suffix: str):
    """The place of the same suffix listed right before ``start`` (甲社区、乙社区和丙社区)."""
    for p in reversed(found):
        if p.end <= start and text[p.end:start] in _JOINERS and p.name.endswith(suffix):
            return p
        if p.end < start - 1:
            break
    return None


def _surname_before(text: str, start: int, low: int, pieces, s2: int, tags, person_words) -> bool:
    """Is the ordinary word at ``start`` (大路 of 王大路村) preceded by a surname standing as its own piece,
    itself after a boundary (的, 在, punctuation)? Not before a person's title (王书记村里)."""
    k = start - 1
    if k < low or tags.get(text[k]) != "nr" or text[k] in _FUNCTION_CHARS or text[start:s2] in person_words:
        return False
    ends, pos = set(), s2
    for piece in reversed(pieces):
        ends.add(pos)
        pos -= len(piece)
    ends.add(pos)
    if k not in ends or start not in ends:
        return False  # 王 must be a piece of its own
    return k == 0 or not "\u4e00" <= text[k - 1] <= "\u9fff" or text[k - 1] in _FUNCTION_CHARS
