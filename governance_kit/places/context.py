"""What the words around a name say: word boundaries, and whether a name stands as an ordinary word."""
from __future__ import annotations

import re
from functools import lru_cache

# jieba's tags of words that may be (part of) a proper name
NAME_TAGS = frozenset({"ns", "nr", "nrt", "nz", "nt", "nrfg", "x"})
# a short form followed by one of these is part of another name (延安路, 中山大学) or a suffix of its own
SUFFIX_AFTER = re.compile(r"街道|社区|镇|乡|村|路|街|巷|大道|大学|学院|医院|公园|广场|小区|花园|宾馆|饭店|酒店|号")


_HAN = re.compile(r"[\u4e00-\u9fff]")


def cut():
    from ..tokens.pieces import dictionary_pieces

    return dictionary_pieces()[2]


def word_bounds(text: str, start: int, end: int, margin: int = 6, split=None) -> set[int]:
    """The offsets of word boundaries around ``start:end`` (jieba's dictionary, no HMM)."""
    left = max(0, start - margin)
    pos, bounds = left, {left}
    for token in (split or cut())(text[left:min(len(text), end + margin)]):
        pos += len(token)
        bounds.add(pos)
    return bounds


def aligned(text: str, start: int, end: int, *, right: bool = True, lex=None) -> bool:
    """Does ``start:end`` begin (and, with ``right``, end) on a word boundary? 幸福安康 holds no 福安,
    示范县 no 范县, 党委和政府 no 和政."""
    open_left = start == 0 or not _HAN.match(text, start - 1)
    open_right = not right or end >= len(text) or not _HAN.match(text, end)
    if open_left and open_right:
        return True  # “射阳”, 射阳, : no word can run across punctuation
    if lex is None:
        from ..tokens.pieces import dictionary_pieces

        lex = dictionary_pieces()
    words, terms, split = lex
    if not _crossed(text, start, start, end, words, terms) and (not right or not _crossed(text, end, start, end, words, terms)):
        return True  # no dictionary word runs across either end: every cut has a boundary there
    bounds = word_bounds(text, start, end, split=split)
    left_ok = start in bounds or start == max(0, start - 6)
    return left_ok and (end in bounds or not right)


def _crossed(text: str, at: int, start: int, end: int, words, terms, margin: int = 6) -> bool:
    """Does a dictionary word (or lexicon term) inside the window of :func:`word_bounds` run across ``at``?
    jieba's dictionary holds every prefix of its words (frequency 0), so each scan stops at the first
    piece that begins no word."""
    left, right = max(0, start - margin), min(len(text), end + margin)
    prefixes = _term_prefixes(terms)
    for a in range(max(left, at - 7), at):
        for table, real in ((words, None), (prefixes, terms)):
            b = a + 1
            while b <= right:
                piece = text[a:b]
                if piece not in table:
                    break
                if b > at and (table.get(piece, 0) > 0 if real is None else piece in real):
                    return True
                b += 1
    return False


_PREFIXES: list = [frozenset(), {}]


def _term_prefixes(terms) -> dict:
    """Every prefix of the lexicon's terms (a dict, like jieba's), rebuilt only when the terms change."""
    if _PREFIXES[0] is not terms and _PREFIXES[0] != terms:
        _PREFIXES[:] = [frozenset(terms), {term[:k]: 0 for term in terms for k in range(1, len(term) + 1)}]
    return _PREFIXES[1]


@lru_cache(maxsize=8192)
def word_like(stem: str, listed: frozenset[str]) -> bool:
    """Is ``stem`` also an ordinary word (新建, 奉化, 民族)? Listed in places.yaml, or a dictionary
    word (frequency 100 or more) whose tag is not that of a name (武义, rare as a word, is not)."""
    from ..tokens.dictionary import main_dictionary, word_tags

    return ordinary_word(stem, listed, main_dictionary()[0], word_tags())


def ordinary_word(stem: str, listed, words, tags) -> bool:
    """:func:`word_like` with the dictionary's words and tags given (for a loop over many names)."""
    return stem in listed or (words.get(stem, 0) >= 100 and tags.get(stem) not in NAME_TAGS)
