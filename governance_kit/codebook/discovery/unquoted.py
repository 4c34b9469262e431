"""Unquoted names: coinages after a measure, naming or recruiting verb (kind ``coined``: 推行门楣亮星。
村里人叫收支上桥: 设雪道长) and spans the learned model rates as names where no rule found one
(kind ``learned``: 山头长, 清沟亮巷; the model is :mod:`governance_kit.codebook.discovery.model`).

>>> from governance_kit.codebook.discovery.rules import default_discovery_rules
>>> scan = UnquotedNames("每月初公示账目,村里人叫收支上桥:谁都能看。", default_discovery_rules())
>>> [scan.text[c.start:c.end] for c in scan.coined()]
['收支上桥']
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from ...tokens.pieces import dictionary_pieces
from .candidates import HAN_CHAR, Candidate, ScannedText
from .model import learned_spans
from .rules import CLAUSE_END, HAN

_HAN_RUN = re.compile(f"[{HAN}]+")
_COUNT_TAIL = re.compile(r"\d+[个支名家条处所座间户人]$")
_HEADING = re.compile(r"[ \t]*(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．]|0\d[ \t])")


class UnquotedNames(ScannedText):
    """Coinages found by their verb, and the learned scorer's spans minus words the rules know are no names."""

    def coined(self) -> Iterable[Candidate]:
        """Unquoted coinages: the whole object of a measure verb, when it is no ordinary word.

        推行门楣亮星。 / 探索复垦联营。 / 村里人叫收支上桥: / 选聘86名矿嫂联络员 — the object runs from
        the verb (and an optional count) to the clause end or to a word such as 方式/的/等. It must be
        new to jieba's dictionary and the kit's lexicon and look coined (a rare word among its pieces,
        or two single characters: 双岗三评, 场村共建); ordinary phrases (社区自治, 良性互动) are not.
        The score rises with a strong or naming verb, a role head after a recruiting verb, repetition
        in the text, a mechanism word after it elsewhere (复垦联营方式) and a numbered heading line.
        """
        text, r = self.text, self.r
        c, w = r.coined, r.w
        words, lexicon, cut = dictionary_pieces()
        n = len(text)
        for m in r.coined_verb_re.finditer(text):
            vs, ve = m.span()
            if (vs > 0 and text[vs - 1:ve] in words) or text[vs:ve + 1] in words:
                continue  # the verb is part of a longer word: 召开, 建设, 设置
            kind = r.coined_verbs[m.group()]
            start = ve
            q = r.coined_quantity.match(text, start)
            if q and (kind == "role" or not q.group()[:1].isdigit() and q.group()[:1] not in r.all_numerals):
                start = q.end()  # 选聘86名…, 搞了个…; but 推行三户互看 keeps its numeral
            run = _HAN_RUN.match(text, start)
            if not run:
                continue
            end = run.end()
            stop = r.coined_end.search(text, start + 2, end)
            if stop:
                end = stop.start()
            if end < n and not (text[end] in CLAUSE_END or text[end] in "、" or r.coined_end.match(text, end)):
                continue  # the object goes on: not the whole object of the verb
            name = text[start:end]
            if not c["min_len"] <= len(name) <= c["max_len"] or self.in_book(start, end):
                continue
            # a naming verb may name anything but a pronoun (叫它…); other verbs' objects must not start
            # with a function word (推行这一…)
            if name[0] in (r.coined_pronouns if kind == "naming" else r.coined_bad_start):
                continue
            if name.endswith(r.coined_generic) or name in words:
                continue
            role = kind == "role" and name.endswith(r.role_heads)
            if kind == "role" and not role:
                continue
            # a term of the kit's lexicon is a governance term, not an ordinary phrase, when a strong or
            # naming verb introduces it (推行村社合一); as a role it is a generic one (设网格长)
            if name in lexicon and (kind == "role" or len(name) < 4):
                continue
            if not (name in lexicon and kind in ("strong", "naming")):
                pieces = cut(name)
                rare = any(len(p) > 1 and words.get(p, 0) < c["rare_frequency"] and p not in lexicon for p in pieces)
                # three or more pieces after a strong verb: a composite (搞了个普法小板凳, 评红石榴家庭)
                composite = len(pieces) >= 3 and kind in ("strong", "naming")
                if len(pieces) < 2 or not (rare or role or composite or sum(len(p) == 1 for p in pieces) >= 2):
                    continue
            score, cues = w["coined"], [f"前有:{m.group()}"]
            if kind == "strong":
                score += w["coined_strong_verb"]
            elif kind == "naming":
                score += w["coined_naming"]
                cues.append("称名")
            if role:
                score += w["coined_role"]
                cues.append("角色")
            if text.count(name) >= 2:
                score += w["coined_repeated"]
                cues.append("重复出现")
            if any(text.find(name + word) >= 0 for word in r.coined_mechanism):
                score += w["coined_mechanism_word"]
                cues.append("后接机制词")
            if text[end:end + 1] in ":：":
                score += w["coined_explained"]
                cues.append("后接解释")
            line_start = text.rfind("\n", 0, vs) + 1
            if _HEADING.match(text, line_start) and text[end:end + 1] in "。\n" and vs - line_start <= 24:
                score += w["coined_heading"]
                cues.append("标题")
            yield Candidate(start, end, "coined", score, cues)

    # the learned scorer --------------------------------------------------------------------------------
    def learned(self) -> Iterable[Candidate]:
        """Spans the model of :mod:`governance_kit.codebook.discovery.model` rates as names, minus words the rule
        lists know are no names (quoted metaphors, statutory bodies, adjectives in 式/化/性/感)."""
        r = self.r
        words, lexicon, _ = dictionary_pieces()
        for name, start, end, probability in learned_spans(self.text):
            stripped = name.strip("\"'")  # "民主日: a straight quote the model took in
            if stripped != name and stripped:
                start += len(name) - len(name.lstrip("\"'"))
                name, end = stripped, start + len(stripped)
            count = _COUNT_TAIL.search(name)
            if count and count.start() >= 3:  # 护河娘子军37支: the name without its count
                name, end = name[:count.start()], start + count.start()
            if len(name) < 3 or not HAN_CHAR.search(name) or (name in words and (name not in lexicon or len(name) < 4)):
                continue  # 法治, +1>2, 议事会: ordinary words, not names (a kit lexicon term may be one)
            if name in r.stop_names or name in r.generic_names or name.endswith(r.generic_endings):
                continue
            if name.endswith(r.coined_generic) or name in r.numeric_stop or name.endswith(r.adjective_endings):
                continue
            if self.in_book(start, end):
                continue
            quote = self._quote_around(start, end)
            if quote:  # part of a short quoted text (乡网格e事 in “鹤乡网格e事”): the quoted text is the name
                start, end = quote
                if self.text[start:end] in r.stop_names:
                    continue
            yield Candidate(start, end, "learned", probability, [f"模型概率:{probability:.2f}"])

    def _quote_around(self, start: int, end: int) -> tuple[int, int] | None:
        """The content span of the short quote (at most ``quoted.max_len`` characters) that holds
        ``start:end`` as a part, not the whole; ``None`` otherwise."""
        text = self.text
        opening = max(text.rfind(q, max(0, start - 30), start) for q in "“「『")
        if opening < 0 or any(ch in text[opening + 1:start] for ch in "”」』\n"):
            return None
        closing = min((k for k in (text.find(q, end, end + 30) for q in "”」』") if k >= 0), default=-1)
        if closing < 0 or any(ch in text[end:closing] for ch in "“「『\n"):
            return None
        if closing - opening - 1 > self.r.quoted["max_len"] or (opening + 1 == start and closing == end):
            return None
        return opening + 1, closing
