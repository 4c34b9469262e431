"""What no finder should return, whatever its cues: the last checks of :func:`~governance_kit.codebook.discovery.finder.discover`.

A discovered name is dropped when it holds the apparatus of an article or a web page (文献标识码,
中图分类号: ``reject.chrome_words`` of the rules), starts like no name does (a pronoun or a
demonstrative: 他特色清单 is the tail of 其他特色清单), is an ordinary word in quotes (“一枝独秀”,
“紧箍咒”: in jieba's dictionary, not in the kit's lexicon, with no mechanism word after it), a
one-character modifier before a head word (“新模式”), a numeral formula that is or holds an idiom
(举一反三), a coined name that is a person's (叫陈某某), or a span of the learned scorer that is not
clearly a name (below ``LEARNED_MIN``, or holding punctuation, digits, letters or 的).

>>> from governance_kit.codebook.discovery.candidates import Candidate
>>> from governance_kit.codebook.discovery.rules import default_discovery_rules
>>> r = default_discovery_rules()
>>> rejected("文献标识码", Candidate(0, 5, "suffix_name", 0.7, []), r)
True
>>> rejected("一枝独秀", Candidate(0, 4, "quoted", 0.55, ["引号"]), r)
True
>>> rejected("村民说事", Candidate(0, 4, "quoted", 1.0, ["引号", "机构词:说事"]), r)
False
"""
from __future__ import annotations

import re

from ...clean.boilerplate import surnames
from ...tokens.pieces import dictionary_pieces
from .candidates import Candidate
from .rules import HAN, DiscoveryRules

LEARNED_MIN = 0.0    # the model's own threshold applies (discovery_model.json); the shape checks do the rest
_HAN_ONLY = re.compile(f"[{HAN}]+")
_IDIOM_FREQUENCY = 20  # a four-character word this frequent in jieba's dictionary is a set phrase
_WORD_FREQUENCY = 10   # a quoted word this frequent there is ordinary vocabulary (门前三包, 3, is a name)
_PREPOSITIONS = frozenset("到凭在从把被向给")
_INNER_VERBS = ("进行", "成为", "无法", "推动", "建立")
_FUNCTION_CHARS = frozenset("在从和与及把被将对向于")  # inside a learned span: a phrase, not a name


def rejected(name: str, cand: Candidate, rules: DiscoveryRules) -> bool:
    """Whether a scored candidate is no name at all (see the module's list)."""
    if any(word in name for word in rules.chrome_words) or name.startswith(rules.reject_starts):
        return True
    words, lexicon, cut = dictionary_pieces()
    kind = cand.kind
    if name.endswith(rules.sector_endings) or (kind == "learned" and name.endswith("基金")):
        return True  # 银发经济, 私募股权投资基金: an economic sector or a fund, not a way of governing
    if _layout(name, rules):
        return True  # 六横六纵, 一江一河一带, 一核两翼多点, 三校一院: a layout of places or facilities
    if kind == "learned":
        return cand.score < LEARNED_MIN or not _learned_shape(name, rules)
    if kind == "quoted":
        followed = any(c.startswith(("后接", "机构词")) for c in cand.cues)
        if words.get(name, 0) >= _WORD_FREQUENCY and name not in lexicon and not followed:
            return True  # “一枝独秀”, “紧箍咒”: an ordinary word in quotes
        head = next((c.split(":", 1)[1] for c in cand.cues if c.startswith("机构词:")), "")
        return len(head) >= 2 and len(name) - len(head) == 1  # “新模式”, “该机制”
    if kind == "numeric_formula":
        return any(len(p) >= 4 and p != name and words.get(p, 0) >= _IDIOM_FREQUENCY for p in cut(name))  # 一到举一反三
    if kind == "suffix_name" and name.endswith("中心") and len(name) > 3:
        modifier = name[:-2]
        if any(m in modifier for m in ("部", "局", "厅", "署", "政府")):
            return True  # 农业农村部信息中心: an agency
        if modifier[0] in "省市县区" and _ordinary_phrase(modifier[1:], rules):
            return True  # 县住房保障中心
        if re.match(r"..{0,3}[省市县]", modifier) and not modifier.startswith(("市民", "县域", "市场")):
            return True  # 北京市市民热线服务中心: a place's agency
    if kind == "suffix_name" and name.endswith(rules.governed_heads) and not any(w in name for w in rules.governance_words):
        head = next(h for h in rules.governed_heads if name.endswith(h))
        if _ordinary_phrase(name[:-len(head)], rules):
            return True  # 国际数据中心, 人工智能公共服务平台: a facility (but 颍川e家亲平台 is a brand)
    if kind == "suffix_name" and any(p in _PREPOSITIONS for p in cut(name)[1:-1]):
        return True  # 凭存折到镇超市: a phrase with a preposition, not a name
    if kind == "suffix_name" and name.endswith(rules.ordinary_heads):
        head = next(h for h in rules.ordinary_heads if name.endswith(h))
        return _ordinary_phrase(name[:-len(head)], rules)  # 年度工作计划, 县住房保障中心
    if kind == "coined" and "称名" in cand.cues and len(name) <= 3:
        return name[:1] in surnames()  # 叫陈某某: a person
    return False


def _ordinary_phrase(modifier: str, rules: DiscoveryRules) -> bool:
    """Whether a modifier is made of common words only: a dictionary word itself (打扫卫生), or
    dictionary words (年度|工作, 组织|打扫卫生) with at most one single character among them (not
    清|牌|减|表 or 堤|角|公益, which coin something; nor 市民热线, new to the dictionary)."""
    words, lexicon, cut = dictionary_pieces()
    if not modifier or modifier in words:
        return True
    pieces = cut(modifier)
    if any(len(p) > 1 and p not in words and p not in lexicon for p in pieces):
        return False
    if any(not _HAN_ONLY.fullmatch(p) for p in pieces):
        return False
    return sum(len(p) == 1 for p in pieces) < 2


def _learned_shape(name: str, rules: DiscoveryRules) -> bool:
    """Whether a learned span is shaped like a name: Han characters only, at most eight, no 的 and no
    preposition or conjunction inside (共同在乡村治理中, 民主管理和民主监督), no measure verb (推动大振兴,
    建立健全城乡融合) and no idiom inside it."""
    if not _HAN_ONLY.fullmatch(name) or len(name) > 8 or "的" in name:
        return False
    if any(name[i] in _FUNCTION_CHARS for i in range(2, len(name) - 2)):
        return False  # 民主管理和民主监督, 共同在乡村治理中 (but 家和驿站)
    # opening with a measure verb (推动大振兴), a verb of a clause inside (政协委员进行座谈), an idiom
    # inside (一到举一反三): a phrase
    verb = rules.boundary.match(name)
    if (verb and verb.lastgroup == "cut" and len(verb.group()) >= 2) or any(v in name for v in _INNER_VERBS):
        return False
    words, _, cut = dictionary_pieces()
    return not any(len(p) >= 4 and p != name and words.get(p, 0) >= _IDIOM_FREQUENCY for p in cut(name))


def _layout(name: str, rules: DiscoveryRules) -> bool:
    """A numeral formula made of place and facility characters only (``reject.layout_chars``)."""
    return (any(ch in rules.all_numerals for ch in name) and any(ch in rules.layout_chars for ch in name)
            and all(ch in rules.all_numerals or ch in rules.layout_chars or ch == "个" for ch in name))
