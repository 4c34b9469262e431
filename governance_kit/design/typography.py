"""Chinese typography for the briefs (GB/T 15834-2011 《标点符号用法》): in Chinese text the comma,
semicolon, colon, question and exclamation marks and brackets are full-width.

:func:`fullwidth` changes a half-width ``, ; : ? !`` into its full-width form when the nearest
character on either side (spaces skipped) is Chinese, and a pair of round brackets ``( )`` when it
encloses Chinese or touches it (a call such as ``plan(...)`` only when Chinese is inside or right
after it: ``调用 plan(...) 时`` keeps it); the spaces around a changed mark are dropped (full-width marks carry
their own space). Everything else is left as it is: ``1,000``, ``09:30``, ``seed=0``,
``simulate(procedure, groups)`` and a bracket pair around Latin text between Latin words.
:func:`typeset` applies it to every text of a list of blocks (a figure's Mermaid text too: its
marks are inside quoted labels, where Mermaid takes any character).

>>> fullwidth("通过的概率:100.0%(模拟 2,000 次, seed 为 0)")
'通过的概率：100.0%（模拟 2,000 次，seed 为 0）'
>>> fullwidth("调用 simulate(procedure, groups) 时")
'调用 simulate(procedure, groups) 时'
"""
from __future__ import annotations

import re
from dataclasses import fields, replace

HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
# Chinese characters and the full-width marks and quotes that stand for them as neighbours
_CHINESE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’《》—…]")
# what :func:`count_halfwidth` counts: a half-width mark with a Chinese character right next to it
HALFWIDTH_NEAR_CHINESE = re.compile(r"(?<=[\u3400-\u9fff])[,;:()]|[,;:()](?=[\u3400-\u9fff])")


def _chinese(ch: str | None) -> bool:
    return ch is not None and bool(_CHINESE.match(ch))


def _neighbour(text: str, i: int, step: int) -> str | None:
    """The nearest non-space character from ``i`` in direction ``step`` (±1)."""
    j = i + step
    while 0 <= j < len(text) and text[j] == " ":
        j += step
    return text[j] if 0 <= j < len(text) else None


def _brackets(text: str) -> set[int]:
    """Positions of round brackets to change: each matched pair that encloses or touches Chinese, and
    an unmatched bracket next to Chinese."""
    stack, paired, change = [], set(), set()
    for i, ch in enumerate(text):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            start = stack.pop()
            paired |= {start, i}
            before = text[start - 1] if start else None
            after = text[i + 1] if i + 1 < len(text) else None
            # a call such as plan(...) keeps its brackets unless Chinese is inside or right after them
            if any(_chinese(c) for c in text[start + 1:i]) or _chinese(before) or _chinese(after):
                change |= {start, i}
    return change | {i for i, ch in enumerate(text) if ch in "()" and i not in paired
                     and (_chinese(text[i - 1] if i else None) or _chinese(text[i + 1] if i + 1 < len(text) else None))}


def fullwidth(text: str) -> str:
    """``text`` with the half-width marks that touch Chinese made full-width (see the module); a mark
    made full-width counts as Chinese for its neighbours, so the result is stable (idempotent)."""
    while True:
        changed = _once(text)
        if changed == text:
            return text
        text = changed


def _once(text: str) -> str:
    if not text or not any(mark in text for mark in HALF_TO_FULL):
        return text
    chars = list(text)
    change = _brackets(text)
    for i, ch in enumerate(chars):
        if ch in ",;:?!" and (_chinese(_neighbour(text, i, -1)) or _chinese(_neighbour(text, i, 1))):
            if ch in ",:" and _between_digits(text, i):
                continue
            change.add(i)
    drop = set()
    for i in change:
        chars[i] = HALF_TO_FULL[chars[i]]
        for step in (-1, 1):  # spaces around a full-width mark go
            j = i + step
            while 0 <= j < len(chars) and chars[j] == " ":
                drop.add(j)
                j += step
    return "".join(c for i, c in enumerate(chars) if i not in drop)


def _between_digits(text: str, i: int) -> bool:
    """``1,000`` and ``09:30``: a comma or colon with a digit right on both sides."""
    return 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()


def count_halfwidth(text: str) -> int:
    """How many half-width ``, ; : ( )`` stand right next to a Chinese character in ``text``."""
    return len(HALFWIDTH_NEAR_CHINESE.findall(text))


def typeset(blocks: list) -> list:
    """Every text of every block (headings, paragraphs, list items, table cells, figure captions and
    Mermaid labels) through :func:`fullwidth`; a :class:`~.blocks.Code` block is left alone."""
    out = []
    for block in blocks:
        changes = {}
        for f in fields(block):
            value = getattr(block, f.name)
            if f.name in ("text", "caption", "items", "rows") and type(block).__name__ != "Code":
                changes[f.name] = _apply(value)
        out.append(replace(block, **changes) if changes else block)
    return out


def _apply(value):
    if isinstance(value, str):
        return fullwidth(value)
    if isinstance(value, tuple):
        return tuple(_apply(v) for v in value)
    return value
