"""Numeral and X+Y formulas (kinds ``numeric_formula`` and ``plus_formula``): 一委三会, 四公开四统一,
三治融合, 五个一工程; 互联网+政务服务, 大数据+网格化+铁脚板 — never counts, ordinals or arithmetic
(十八届四中全会, 四个方面, 1+1>2).

>>> from governance_kit.codebook.discovery.rules import default_discovery_rules
>>> scan = Formulas("推行一委三会,探索大数据+网格化+铁脚板模式,党的二十大。", default_discovery_rules())
>>> [scan.text[c.start:c.end] for c in scan.numeric()], [scan.text[c.start:c.end] for c in scan.plus()]
(['一委三会'], ['大数据+网格化+铁脚板'])
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from .candidates import CLOSING_QUOTES, HAN_CHAR, Candidate, ScannedText

_PLUS_SIGN = re.compile(r"[+＋]")


class Formulas(ScannedText):
    """Numeral formulas in running text and X+Y formulas outside quotes (quoted ones: :mod:`.quoted`)."""

    def numeric_ok(self, start: int, end: int, *, quoted: bool = False) -> bool:
        """Reject counts, ordinals and idioms: 十八届四中全会, 二十大, 第三版, 三者, 千家万户.

        Inside quotes a numeral may take 个 (“四个公开”); in running text only before another
        numeral (五个一工程), since 四个方面 is a count.
        """
        text, r = self.text, self.r
        name = text[start:end]
        if name in r.numeric_stop:
            return False
        if start > 0 and (text[start - 1] in r.not_before or text[start - 1] in r.all_numerals):
            return False
        for m in r.numeral_run.finditer(name):
            rest = name[m.end():]
            if not rest:
                continue
            if rest.startswith("个") and (rest[1:2] in r.all_numerals or (quoted and m.start() == 0)):
                continue
            if r.not_after.match(rest) and not rest.startswith(r.allowed_after):
                return False
        return True

    def _quoted_context(self, start: int, end: int) -> bool:
        return start > 0 and end < len(self.text) and self.text[start - 1] in "“「『‘" and self.text[end] in CLOSING_QUOTES

    def numeric(self) -> Iterable[Candidate]:
        r = self.r
        for m in r.numeric_re.finditer(self.text):
            start, end = m.span()
            if self.in_book(start, end) or not self.numeric_ok(start, end):
                continue
            yield Candidate(start, end, "numeric_formula", r.w["numeric_formula"], ["数字概括式"])

    # X+Y formulas ---------------------------------------------------------------------------------
    def plus(self) -> Iterable[Candidate]:
        """X+Y formulas in running text, found from each plus sign (quoted ones are scored by :meth:`quoted`)."""
        text, r = self.text, self.r
        consumed = -1
        for sign in _PLUS_SIGN.finditer(text):
            p = sign.start()
            if p < consumed:
                continue
            left = r.plus_left.search(text, max(0, p - r.plus["max_term"]), p)
            right = r.plus_right.match(text, p)
            if not left or not right:
                continue
            start, end = left.start(), right.end()
            consumed = end
            before, after = text[start - 1:start], text[end:end + 1]
            if before and (before.isdigit() or before in "=<>＜＞") or after and (after.isdigit() or after in "=<>＜＞"):
                continue
            if self.in_book(start, end) or self._quoted_context(start, end):
                continue
            start = self.trim_left(start, p)
            last_plus = max(text.rfind("+", start, end), text.rfind("＋", start, end))
            cut = r.plus_end.search(text, last_plus + 1, end)
            if cut:
                end = max(cut.start(), last_plus + 1)
            if start >= p or not HAN_CHAR.search(text, start, end):
                continue
            yield Candidate(start, end, "plus_formula", r.w["plus_formula"], ["X+Y 式"])
        yield from self._codes()

    def _codes(self) -> Iterable[Candidate]:
        """Codes of digits and letters (1+N, 6+X) in running text, right before a mechanism word:
        推行1+N帮扶机制, 6+X协商模式 (a code alone may be arithmetic or a product name)."""
        text, r = self.text, self.r
        for m in r.plus_code.finditer(text):
            start, end = m.span()
            code = m.group()
            if not (any(c.isdigit() for c in code) and any(c.isalpha() for c in code)):
                continue
            if self._quoted_context(start, end) or self.in_book(start, end):
                continue  # quoted codes are scored by the quoted finder
            f = r.follow.match(text, end)
            if f and f.group("strong") and f.end() - end <= 8:
                yield Candidate(start, end, "plus_formula", r.w["plus_formula"], ["数字字母式", f"后接:{f.group('strong')}"])
