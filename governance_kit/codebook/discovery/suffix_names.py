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
from .rules import CLAUSE_END, HAN, NAME_CHARS

_MODIFIER_RUN = re.compile(rf"(?:[{NAME_CHARS}]|[(（][{HAN}]{{1,4}}[)）])+\Z")  # \Z: $ would match before a line break
_LEADING_PARENS = re.compile(r"^(?:[(（][^)）]*[)）])+")
_SIBLING = re.compile(rf"[{HAN}]{{2}}制[、与和及]|[、与和及][{HAN}]{{2,4}}制")  # 清单制、对账制与积分制


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
            if mod_start < s and text[mod_start] in r.suffix["measure_words"] and text[mod_start - 1:mod_start].isdigit():
                mod_start += 1  # 93条权力清单: the count's measure word is no part of the name
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
        yield from self._institutions()

    def _institutions(self) -> Iterable[Candidate]:
        """Institution nouns in 制 (``institution`` of the rules): 实行准入制, 清单制、对账制与积分制.

        The head must end the word (not 制度, 制定) and not close an ordinary word (机制, 体制, 编制);
        the whole must not be ordinary vocabulary (责任制, 股份制: frequent in jieba's dictionary);
        and a measure verb must introduce it in its clause, or it stands in a list beside another
        such noun: a bare 会员制 in passing is no mechanism.
        """
        text, r = self.text, self.r
        if r.institution_re is None:
            return
        inst = r.optional["institution"]
        words, _, cut = dictionary_pieces()
        max_mod = inst["max_modifier"]
        for m in r.institution_re.finditer(text):
            e = m.end()  # matches do not overlap: the run before a head is never longer than the regex allows
            head = next(h for h in inst["heads"] if text.startswith(h, e - len(h)))
            s = e - len(head)
            if e < len(text) and text[e - 1:e + 1] in words:
                continue  # 制度, 制定, 制约: the head starts a longer word
            if text[s - 1:e] in words:
                continue  # 机制, 体制, 编制, 控制
            mod_start = _institution_start(text[max(m.start(), s - max_mod - 2):e], head, cut, max_mod)
            if mod_start is None:
                continue
            mod_start += max(m.start(), s - max_mod - 2)
            name = text[mod_start:e]
            if not 2 <= s - mod_start <= max_mod or self.in_book(mod_start, e):
                continue
            if name.startswith(r.reject_starts) or words.get(name, 0) >= inst["ordinary_frequency"]:
                continue
            clause_start = max(text.rfind(ch, 0, mod_start) for ch in CLAUSE_END) + 1
            verb = r.institution_verbs.search(text, max(clause_start, mod_start - 12), mod_start)
            listed = text[mod_start - 1:mod_start] == "、" or text[e:e + 1] in ("、", "与", "和", "及")
            if not verb and not (listed and _SIBLING.search(text, max(0, mod_start - 8), min(len(text), e + 8 + len(head)))):
                continue
            cue = f"前有:{verb.group()}" if verb else "并列"
            yield Candidate(mod_start, e, "suffix_name", r.w["suffix_name"], [f"制度名:{head}", cue])


def _institution_start(run: str, head: str, cut, max_mod: int) -> int | None:
    """Where the institution noun ending ``run`` starts in ``run`` (a Han run ending with ``head``),
    by jieba's pieces: a dictionary word ending in the head (准入制, 河长制), else the pieces before
    the head back to two characters or more (清单|制, 包|保|制), ``None`` when longer than ``max_mod``."""
    pieces = cut(run)
    last = pieces[-1] if pieces else ""
    if last.endswith(head) and len(last) > len(head):
        return len(run) - len(last) if len(last) - len(head) <= max_mod else None
    size = 0
    for piece in reversed(pieces[:-1]):
        size += len(piece)
        if size >= 2:
            break
    return len(run) - len(head) - size if 2 <= size <= max_mod else None
