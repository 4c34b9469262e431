"""Traditional → Simplified conversion with OpenCC (the official ``opencc`` package).

OpenCC converts phrase by phrase (乾隆 stays 乾隆, 頭髮 → 头发), unlike character tables; the
official package is a C++ library about 50× faster than the pure-Python port (tech_probe.md §2).
A small supplement (``data/t2s_supplement.tsv``) fixes phrases OpenCC leaves non-standard
(随著 → 随着). Converters are built on first use and kept per process.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


@lru_cache(maxsize=1)
def _supplement() -> tuple[re.Pattern[str], dict[str, str]]:
    path = resources.files("governance_kit") / "data" / "t2s_supplement.tsv"
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            old, new = line.split("\t")
            if len(old) != len(new):
                raise ValueError(f"t2s_supplement.tsv: {old!r} → {new!r} must keep the length")
            table[old] = new
    # 著 followed by 名/作/称/述/录/者 is the verb 著 (著名, 著作权), never the particle: 拥有著作权 stays
    alternatives = "|".join(sorted(map(re.escape, table), key=len, reverse=True))
    pattern = re.compile(f"(?:{alternatives})(?![名作称述录者])")
    return pattern, table


@lru_cache(maxsize=1)
def _traditional_chars() -> re.Pattern[str]:
    """Characters t2s changes on their own (found by converting every CJK character once)."""
    every = "".join(chr(cp) for cp in range(0x3400, 0xA000))
    converted = _converter("t2s").convert(every)
    if len(converted) != len(every):  # cannot align: treat every CJK character as a candidate
        return re.compile(r"[\u3400-\u9fff]")
    changed = sorted({a for a, b in zip(every, converted) if a != b})
    return re.compile("[" + "".join(re.escape(c) for c in changed) + "著]")


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
