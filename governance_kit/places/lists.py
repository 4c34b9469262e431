"""Places listed by bare name under the place written before them: 某某镇甲坪、乙岭、丙冲三个村委会 gives
three villages of 某某镇; 某某县甲、乙两个乡镇 two towns of 某某县. The list must end on the kind of
place its items are (村, 村委会, 社区, 乡镇 …), and a count, when written, must match the items."""
from __future__ import annotations

import re

from .model import Place

_HAN = "\u4e00-\u9fff"
_ITEM = rf"[{_HAN}]{{2,4}}?"
_COUNT = "[两二三四五六七八九十\\d]{1,3}"
# the word ending the list → the level of each item, and the levels of the place it must follow
_TAILS = {"村民委员会": "village", "村委会": "village", "行政村": "village", "村": "village",
          "社区居委会": "community", "社区居民委员会": "community", "居委会": "community", "社区": "community",
          "乡镇": "town", "镇": "town", "乡": "town", "街道": "street"}
_UNDER = {"village": ("town", "street"), "community": ("town", "street", "district", "county"),
          "town": ("district", "county"), "street": ("district", "county")}
_LIST = re.compile(rf"(?:的)?(?P<items>{_ITEM}(?:、{_ITEM})+(?:[和及与、]{_ITEM})?)(?P<etc>等)?"
                   rf"(?:(?P<n>{_COUNT})个?)?(?P<tail>{'|'.join(sorted(_TAILS, key=len, reverse=True))})")
_LAST = re.compile(rf"([{_HAN}]{{2,4}})[和及与]([{_HAN}]{{2,4}})")
_DIGITS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_NOT_IN_NAMES = frozenset("的了是在个们等这那其各每全本该此")


def listed_places(text: str, found: list[Place], ordinary, starts: tuple[str, ...]) -> list[Place]:
    """Items of a list of bare names right after a place of ``found``; ``ordinary(word)`` tells an
    ordinary word (such items need the count), ``starts`` words that begin with a suffix (村民)."""
    taken = [(p.start, p.end) for p in found]
    out: list[Place] = []
    for parent in found:
        m = _LIST.match(text, parent.end)
        if m is None or text.startswith(starts, m.start("tail")) and m.group("tail") in ("村", "乡", "镇"):
            continue  # 三个村民小组: no list of villages
        level = _TAILS[m.group("tail")]
        if parent.level not in _UNDER[level]:
            continue
        items = _items(m.group("items"))
        count = _count(m.group("n"))
        if (count is not None and count != len(items)) or any(len(x) < 2 or _NOT_IN_NAMES & set(x) for x in items):
            continue
        if count is None and any(ordinary(x) for x in items):
            continue  # 某镇党建、产业等村: ordinary words need the count to be names
        if count is None and not m.group("etc") and (
                any(len(x) > 3 for x in items)
                or any(a < m.end() and m.start("tail") - len(items[-1]) < b for a, b in taken)):
            continue  # 某区政协委员、某某镇: a bare ending may be a place of its own after a list of other words
        pos = m.start("items")
        for item in items:
            start, end = pos, pos + len(item)
            pos = end + 1
            if not any(a < end and start < b for a, b in taken):
                out.append(Place(item, level, parent.name, start, end, False, None))
                taken.append((start, end))
    return out


def _items(written: str) -> list[str]:
    """甲坪、乙岭和丙冲 → 甲坪, 乙岭, 丙冲 (a name may hold 和: 中和)."""
    items = written.split("、")
    last = _LAST.fullmatch(items[-1])
    return items[:-1] + list(last.groups()) if last else items


def _count(written: str | None) -> int | None:
    if not written:
        return None
    if written.isdigit():
        return int(written)
    if len(written) == 1:
        return _DIGITS.get(written)
    return None  # 十二个: lists that long are not read
