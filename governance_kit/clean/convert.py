"""Traditional → Simplified conversion with OpenCC (the official ``opencc`` package).

OpenCC converts phrase by phrase (乾隆 stays 乾隆, 頭髮 → 头发), unlike character tables; the
official package is a C++ library about 50× faster than the pure-Python port (tech_probe.md §2).
A small supplement (``data/t2s_supplement.tsv``) fixes phrases OpenCC leaves non-standard
(随著 → 随着); it is re-read after it is edited. Converters are built on first use and kept per process.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..datafiles import bundled, reloaded
from ..errors import RuleFileError

SUPPLEMENT_FILE = "t2s_supplement.tsv"
PROTECTED_FILE = "t2s_protected.txt"


@lru_cache(maxsize=None)
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


@reloaded(SUPPLEMENT_FILE)
def _supplement() -> tuple[re.Pattern[str], dict[str, str]]:
    """``data/t2s_supplement.tsv`` (Traditional phrase, tab, Simplified phrase) as one expression and its table."""
    label = f"governance_kit/data/{SUPPLEMENT_FILE}"
    table = {}
    for lineno, line in enumerate(bundled(SUPPLEMENT_FILE).read_text(encoding="utf-8").splitlines(), 1):
        if line and not line.startswith("#"):
            pair = line.split("\t")
            if len(pair) != 2 or len(pair[0]) != len(pair[1]) or not pair[0]:
                raise RuleFileError(f"{label} 第 {lineno} 行:{line!r} 应为「繁体短语<Tab>简体短语」,两边字数相同")
            table[pair[0]] = pair[1]
    # 著 followed by 名/作/称/述/录/者 is the verb 著 (著名, 著作权), never the particle: 拥有著作权 stays
    alternatives = "|".join(sorted(map(re.escape, table), key=len, reverse=True))
    pattern = re.compile(f"(?:{alternatives})(?![名作称述录者])")
    return pattern, table


@lru_cache(maxsize=1)
def _changed_chars() -> tuple[str, ...] | None:
    """Characters t2s changes on their own (found by converting every CJK character once); ``None`` when
    the conversion does not keep one character per character and cannot be aligned."""
    every = "".join(chr(cp) for cp in range(0x3400, 0xA000))
    converted = _converter("t2s").convert(every)
    if len(converted) != len(every):
        return None
    return tuple(sorted({a for a, b in zip(every, converted) if a != b}))


def _char_class(chars) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")


@lru_cache(maxsize=1)
def _traditional_chars() -> re.Pattern[str]:
    """Characters t2s changes on their own, and 著 (changed by the supplement)."""
    changed = _changed_chars()
    if changed is None:  # cannot align: treat every CJK character as a candidate
        return re.compile(r"[\u3400-\u9fff]")
    return _char_class((*changed, "著"))


@lru_cache(maxsize=1)
def _traditional_only_chars() -> re.Pattern[str]:
    """Characters written only in Traditional text: t2s changes them and s2t gives them back (實 → 实 →
    實). 乾 (→ 干 → 幹), 薹 (→ 苔 → 苔) and 著 are also standard Simplified characters and are left out."""
    t2s, s2t = _converter("t2s"), _converter("s2t")
    changed = _changed_chars()
    if changed is None:  # cannot align: judge each character as the fast path would
        changed = [chr(cp) for cp in range(0x3400, 0xA000)]
    return _char_class(ch for ch in changed if (simple := t2s.convert(ch)) != ch and s2t.convert(simple) == ch)


def traditional_only_count(text: str) -> int:
    """How many characters of ``text`` occur only in Traditional writing (實, 網 …; not 乾 or 著, and
    not the 於 of a protected name such as 於潜)."""
    protected = _protected()
    if protected is not None:
        text = protected.sub("", text)
    return len(_traditional_only_chars().findall(text))


@reloaded(PROTECTED_FILE)
def _protected() -> re.Pattern[str] | None:
    """``data/t2s_protected.txt``: Simplified names that conversion must leave alone (乾安, 於潜 …)."""
    names = [line.strip() for line in bundled(PROTECTED_FILE).read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    return re.compile("|".join(sorted(map(re.escape, names), key=len, reverse=True))) if names else None


def to_simplified_passage(text: str) -> str:
    """:func:`to_simplified`, leaving the names of ``data/t2s_protected.txt`` as they are.

    >>> to_simplified_passage("乾安縣的網格")
    '乾安县的网格'
    """
    protected = _protected()
    if protected is None or protected.search(text) is None:
        return to_simplified(text)
    pieces, last = [], 0
    for m in protected.finditer(text):
        pieces += [to_simplified(text[last:m.start()]), m.group()]
        last = m.end()
    return "".join(pieces) + to_simplified(text[last:])


def has_traditional(text: str) -> bool:
    """Does the text hold a character that Traditional → Simplified conversion changes?"""
    return _traditional_chars().search(text) is not None


def to_simplified(text: str) -> str:
    """Convert Traditional characters and phrases to Simplified (OpenCC ``t2s`` plus the supplement).

    Texts with no character that t2s changes are returned as they are (fast path).

    >>> to_simplified("隨著網格化管理的推進,乾隆年間")
    '随着网格化管理的推进,乾隆年间'
    >>> to_simplified("擁有著作權,成為著名品牌,住著老樓")
    '拥有著作权,成为著名品牌,住着老楼'
    """
    if not has_traditional(text):
        return text
    converted = _converter("t2s").convert(text)
    if "著" in converted:
        pattern, table = _supplement()
        converted = pattern.sub(lambda m: table[m.group()], converted)
    return converted


def to_traditional(text: str) -> str:
    """Convert Simplified to Traditional (OpenCC ``s2t``); used to build test data and lookups."""
    return _converter("s2t").convert(text)
