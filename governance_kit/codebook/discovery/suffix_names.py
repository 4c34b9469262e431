"""Institutions named by a telling head word (kind ``suffix_name``): a modifier and an institutional
head word of ``data/discovery.yaml`` (…议事会, …调解室, …工作法, …工坊): 乡贤理事会, 网格e事工作室, 共富工坊.

>>> from governance_kit.codebook.discovery.rules import default_discovery_rules
>>> scan = SuffixNames("成立乡贤理事会。", default_discovery_rules())
>>> [scan.text[c.start:c.end] for c in scan.suffixes()]
['乡贤理事会']
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from ...tokens.pieces import dictionary_pieces
from .candidates import CLOSING_QUOTES, Candidate
from .formulas import Formulas
from .rules import HAN, NAME_CHARS

_MODIFIER_RUN = re.compile(rf"(?:[{NAME_CHARS}]|[(（][{HAN}]{{1,4}}[)）])+$")
_LEADING_PARENS = re.compile(r"^(?:[(（][^)）]*[)）])+")


class SuffixNames(Formulas):
    """Modifier + institutional head word; a numeral modifier only where no numeral formula is the name."""

    def suffixes(self) -> Iterable[Candidate]:
        text, r = self.text, self.r
        max_mod = r.suffix["max_modifier"]
        for m in r.suffix_re.finditer(text):
            s, e = m.span()
            low, not_before = r.suffix_rules[m.group()]
            if any(text.startswith(w, e) for w in not_before) or self.in_book(s, e):
                continue
            if len(m.group()) == 1 and s > 0 and text[s - 1:e] in dictionary_pieces()[0]:
                continue  # a one-character head ending a longer word: 交通, 沟通 are no …通 apps
            window_start = max(0, s - max_mod - 6)
            run = _MODIFIER_RUN.search(text, window_start, s)
            run_start = run.start() if run else s
            mod_start = self.trim_left(run_start, s)
            if mod_start == run_start and run_start > 0 and text[run_start - 1] in CLOSING_QUOTES:
                continue  # “小芒果”儿童之家: the head word of a quoted name
            lead = _LEADING_PARENS.match(text, mod_start, s)
            if lead:
                mod_start = lead.end()
            modifier = text[mod_start:s]
            if mod_start == window_start and window_start > 0 and run_start == window_start:
                continue  # a run longer than the window, with no boundary: not a name
            if len(modifier) < low or len(modifier) > max_mod:
                continue
            if modifier[:1] in r.numerals:
                # 四议两公开工作法, 五步工作法: the numeral formula is the name (numeric pass); but
                # 三老说和团, 五老调解团: a numeral + a group of people heads the body's name
                formula = r.numeric_re.fullmatch(text, mod_start, s)
                if formula or not self.numeric_ok(mod_start, s, quoted=True) or len(modifier) > 3:
                    continue
            if modifier and modifier.endswith(r.admin_endings) and m.group() in r.admin_heads:
                continue  # 高桥镇委员会: an organ of the township (but 梨乡议事厅 is a name)
            name = text[mod_start:e]
            if name in r.generic_names or name.endswith(r.generic_endings):
                continue
            score = r.w["suffix_name"] + (r.w["suffix_long_modifier"] if len(modifier) >= 3 else 0.0)
            yield Candidate(mod_start, e, "suffix_name", score, [f"机构词:{m.group()}"])
