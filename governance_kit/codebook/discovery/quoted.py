"""Names in quotes (kind ``quoted``) and short parallel formulas in quotes followed by a mechanism
word (kind ``slogan``): 打造“共创高桥”品牌, 采取“民事民提、民事民议、民事民决、民事民评”的方式.

A quoted numeral or X+Y formula is returned as that kind (“两委”, “互联网+政务服务”). Slogans that are
sayings or results (实现“小事不出网格,大事不出村居”) are not returned: only a mechanism word after
the quote (方式/模式/格局/体系 …) makes a slogan a named mechanism.

>>> from governance_kit.codebook.discovery.rules import default_discovery_rules
>>> scan = QuotedNames("某街道打造“红色管家”服务品牌。", default_discovery_rules())
>>> [(scan.text[c.start:c.end], c.kind) for c in scan.quoted(True)]
[('红色管家', 'quoted')]
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from .candidates import Candidate
from .formulas import Formulas
from .rules import CLAUSE_END

_QUOTE_OUTER = re.compile(r"“([^“”\n]{1,60})”|「([^「」\n]{1,60})」|『([^『』\n]{1,60})』")
_QUOTE_INNER = re.compile(r"‘([^‘’“”\n]{1,60})’")
_ARITHMETIC = re.compile(r"[\d\s.+＋\-−×÷=<>＜＞%％()（）]+")
_SENTENCE_PUNCT = re.compile(r"[。！？!?；;]")
_SLOGAN_SPLIT = re.compile(r"[、,，]")
_CLAUSE_TAIL = re.compile(rf"[^{CLAUSE_END}]*$")


def _is_code(name: str, r) -> bool:
    """A formula code of digits and at least one letter: 6+X, 1+N, 1+3+N (not 1+1, A+B)."""
    return bool(r.plus_code.fullmatch(name)) and any(c.isdigit() for c in name) and any(c.isalpha() for c in name)


class QuotedNames(Formulas):
    """Quoted names and slogans, scored by the cues around the quote (a mechanism word after it, a
    measure verb before it)."""

    def quoted(self, slogans: bool) -> Iterable[Candidate]:
        for pattern in (_QUOTE_OUTER, _QUOTE_INNER):
            for m in pattern.finditer(self.text):
                g = next(i for i in range(1, (m.re.groups or 0) + 1) if m.group(i) is not None)
                start, end = m.span(g)
                while start < end and self.text[start].isspace():
                    start += 1
                while end > start and self.text[end - 1].isspace():
                    end -= 1
                if end - start < 2:
                    continue
                cand = self._quoted_one(start, end, m.start(), m.end(), slogans)
                if cand is not None:
                    yield cand

    def _context_cues(self, quote_start: int, quote_end: int) -> tuple[float, list[str]]:
        text, r, w = self.text, self.r, self.r.w
        score, cues = 0.0, []
        f = r.follow.match(text, quote_end)
        if f:
            if f.group("strong"):
                score += w["follow_cue"]
                cues.append(f"后接:{f.group('strong')}")
            else:
                score += w["follow_cue_weak"]
                cues.append(f"后接:{f.group('weak')}")
        clause = _CLAUSE_TAIL.search(text, max(0, quote_start - 30), quote_start)
        if clause:
            v = r.verb_strong.search(text, clause.start(), quote_start)
            if v:
                score += w["verb_cue"]
                cues.append(f"前有:{v.group()}")
            else:
                v = r.verb_weak.search(text, clause.start(), quote_start)
                if v:
                    score += w["verb_cue_weak"]
                    cues.append(f"前有:{v.group()}")
        if text[max(0, quote_start - 4):quote_start].endswith(r.metaphor_before):
            score += w["metaphor_before"]
            cues.append("比喻")
        return score, cues

    def _quoted_one(self, start: int, end: int, quote_start: int, quote_end: int, slogans: bool) -> Candidate | None:
        r, w = self.r, self.r.w
        name = self.text[start:end]
        if (_ARITHMETIC.fullmatch(name) and not name.isdigit()) or _SENTENCE_PUNCT.search(name):
            return None
        if _SLOGAN_SPLIT.search(name):
            return self._slogan(start, end, quote_start, quote_end) if slogans else None
        plus = "+" in name or "＋" in name
        if (len(name) > r.quoted["max_len"] and not plus) or name in r.stop_names:
            return None  # a long quotation; but a formula of long terms is one name (积分评比+产业发展+…)
        context, cues = self._context_cues(quote_start, quote_end)
        if plus:
            if _is_code(name, r) and context > 0:  # “6+X”协商模式
                return Candidate(start, end, "plus_formula", w["quoted_plus"], ["引号", "数字字母式", *cues])
            if r.plus_full.fullmatch(name) and name.count("+") + name.count("＋") <= 5:
                return Candidate(start, end, "plus_formula", w["quoted_plus"] + max(context, 0.0) * 0.2, ["引号", "X+Y 式", *cues])
            return None
        if r.numeric_full.fullmatch(name) and self.numeric_ok(start, end, quoted=True):
            return Candidate(start, end, "numeric_formula", w["quoted_formula"] + max(context, 0.0) * 0.2, ["引号", "数字概括式", *cues])
        suffix = next((s for s in r.name_suffix if name.endswith(s) and len(name) > len(s)), None)
        # 契约式, 扁平化 are qualities; 青县模式 ends in 式 too, but with a name's head word
        if (name.endswith(r.adjective_endings) and not suffix) or (len(name) >= 5 and name.startswith(r.phrase_starts)):
            return None
        if name.isdigit() and not any(c.startswith("后接") for c in cues):
            return None  # a bare number in quotes is a name only before a mechanism word (“135”工作法)
        score = w["quoted_base"] + context
        cues = ["引号", *cues]
        if any(c in r.numerals for c in name) or re.search(r"[A-Za-z\d]", name):
            score += w["formula_chars"]
            cues.append("含数字或字母")
        if suffix:
            score += w["suffix_in_name"]
            cues.append(f"机构词:{suffix}")
            if "比喻" in cues:  # 称为“桃源模式”: a name given, not a metaphor
                score -= w["metaphor_before"]
                cues.remove("比喻")
        if len(name) == 2:
            score += w["two_chars"]
        if len(name) >= 9:
            score += w["long_name"]
        if "的" in name:
            score += w["contains_de"]
        return Candidate(start, end, "quoted", score, cues)

    def _slogan(self, start: int, end: int, quote_start: int, quote_end: int) -> Candidate | None:
        """A short parallel formula (“民事民提、民事民议、民事民决、民事民评”) followed by a mechanism word."""
        name = self.text[start:end]
        parts = _SLOGAN_SPLIT.split(name)
        if not 2 <= len(parts) <= 4 or len(name) > 24:
            return None
        lengths = {len(p) for p in parts}
        if len(lengths) != 1 or not 2 <= lengths.pop() <= 6:
            return None
        shared = any(len({p[i] for p in parts}) == 1 for i in range(len(parts[0])))
        numbered = all(p[0] in self.r.all_numerals for p in parts)
        if not (shared or numbered):
            return None
        f = self.r.follow.match(self.text, quote_end)
        if not f:
            return None
        cue = f.group("strong") or f.group("weak")
        return Candidate(start, end, "slogan", self.r.w["slogan"], ["引号", "对仗", f"后接:{cue}"])
