"""Discovery of named governance mechanisms that a codebook may not list yet (DESIGN.md §4).

Case reports name their inventions: a brand in quotes (“鹤乡网格e事”), a numeral formula
(一委三会, 四公开四统一), an ``X+Y`` formula (互联网+基层治理), an institution with a telling head
word (共富工坊, 乡贤理事会), or an item of a numbered list (一是坚持党建引领). :func:`discover`
finds these in clean Simplified text with a few compiled regular expressions and scores each find
from the cues around it, so a researcher can review the list and add what is real to the codebook.

Kinds
-----
``quoted``          a short name in Chinese quotes with cues: 打造“共创高桥”品牌
``numeric_formula`` numeral formulas: 一局三中心, 三治融合, 四位一体, “四个公开”, “两委”
``plus_formula``    X+ / X+Y formulas: “党小组+”, 大数据+网格化+铁脚板 (never arithmetic like 1+1>2)
``suffix_name``     modifier + institutional head word: 区域共治委员会, 网格e事工作室, 共富工坊
``coined``          an unquoted coinage, the whole object of a measure, naming or recruiting verb:
                    推行门楣亮星。 村里人叫收支上桥: 设雪道长 — only when it is no ordinary word
                    (see :mod:`governance_kit.codebook.discovery.unquoted`)
``learned``         a span a logistic regression over simple features rates as a name (山头长, 清沟亮巷),
                    where no rule found one (:mod:`governance_kit.codebook.discovery.model`)
``slogan``          a short parallel formula in quotes followed by a mechanism word:
                    采取“民事民提、民事民议、民事民决、民事民评”的方式
``enumeration``     the heading of each item of 一是……二是……, 一要……二要……, 模式一:…, 启示之一:…,
                    首先……其次……; items that state a problem (……发挥不充分) are left out

Slogans that are sayings (“人人有责、人人尽责、人人享有”的良好氛围) or results
(实现“小事不出网格,大事不出村居”) are not returned: only a mechanism word after the quote
(方式/模式/格局/体系 …) makes a slogan a named mechanism. Pass ``slogans=False`` to drop them all.

Each kind has its finder (:mod:`governance_kit.codebook.discovery.scanner` lists them). Cue words,
stop lists and score weights live in ``data/discovery.yaml`` (:mod:`governance_kit.codebook.discovery.rules`);
``confidence`` is the sum
of the weights of the cues found (clipped to [0, 1]), and ``cues`` lists them for review. The
category comes from a cue word inside the name (调解室 → dispute_resolution) or, failing that, from
the codebook's nearest category for the name and its sentence (:mod:`governance_kit.codebook.discovery.categories`).

>>> text = "我县创新“鹤乡网格e事”社会治理品牌,在镇“一局三中心”设置网格e事工作室。"
>>> for d in discover(text):
...     print(d.name, d.kind, d.category, d.confidence)
鹤乡网格e事 quoted grid_management 1.0
一局三中心 numeric_formula grid_management 1.0
网格e事工作室 suffix_name grid_management 0.7
>>> d = discover(text)[0]
>>> text[d.start:d.end] == d.name
True
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ...corpus import as_documents
from .categories import guess_categories
from .checks import rejected
from .domain import economy_document, evidence, keep, widespread
from .candidates import Candidate
from .rules import DiscoveryRules, default_discovery_rules
from .scanner import Scanner

KINDS = ("quoted", "numeric_formula", "plus_formula", "suffix_name", "coined", "slogan", "enumeration", "learned")
# identical spans found twice keep the more telling kind: a formula, then the author's own quotes
_KIND_PRIORITY = {"numeric_formula": 5, "plus_formula": 5, "quoted": 4, "suffix_name": 3, "coined": 2, "slogan": 2,
                  "enumeration": 1, "learned": 0}



@dataclass(frozen=True)
class Discovery:
    """A named mechanism found in a text: ``text[start:end] == name``.

    ``kind`` is one of :data:`KINDS`; ``category`` one of :data:`~governance_kit.codebook.discovery.rules.CATEGORIES` (``None`` when no cue
    word points anywhere); ``confidence`` in [0, 1]; ``sentence_start:sentence_end`` is the sentence
    holding the name; ``cues`` are the pieces of evidence that made up the confidence.
    """

    name: str
    start: int
    end: int
    kind: str
    category: str | None
    confidence: float
    sentence_start: int
    sentence_end: int
    cues: tuple[str, ...] = field(default=(), compare=False)



# --- the public functions -------------------------------------------------------------------------

def discover(text: str, *, min_confidence: float | None = None, kinds: Iterable[str] | None = None,
             slogans: bool = True, rules: DiscoveryRules | None = None) -> list[Discovery]:
    """Named governance mechanisms in clean Simplified ``text``, in text order.

    Parameters
    ----------
    text : str
        Clean text (``doc.text``); offsets index into it: ``text[d.start:d.end] == d.name``.
    min_confidence : float, optional
        Drop finds scoring below this (default: ``min_confidence`` of ``data/discovery.yaml``, 0.5).
        ``0`` shows every candidate, for reviewing the cue lists.
    kinds : iterable of str, optional
        Only these kinds (see :data:`KINDS`); default all.
    slogans : bool
        Return short parallel formulas followed by a mechanism word (kind ``slogan``).
    rules : DiscoveryRules, optional
        Cue lists loaded with :func:`load_discovery_rules` (default: the bundled ones).

    Returns
    -------
    list of Discovery
        Overlapping finds are resolved in favour of the longer, then the more confident one;
        enumeration items may contain other finds (the item 深化“三治融合”创新模式 and the name 三治融合).

    >>> [d.name for d in discover("推行“四议两公开”工作法,成立乡贤理事会。")]
    ['四议两公开', '乡贤理事会']
    >>> [(d.name, d.kind) for d in discover("一是坚持党建引领,形成合力。二是实行网格化管理,增强动力。", kinds=["enumeration"])]
    [('坚持党建引领', 'enumeration'), ('实行网格化管理', 'enumeration')]
    >>> discover("形成“1+1>2”的工作合力,党的十八届四中全会提出。")
    []
    """
    if not isinstance(text, str):
        raise TypeError(f"discover 需要字符串(文档的 .text),收到的是 {type(text).__name__};"
                        "一篇文档请写 discover(doc.text),文档或整个语料要一张表请用 governance_kit.codebook.discovery.discover_frame")
    rules = rules or default_discovery_rules()
    threshold = rules.min_confidence if min_confidence is None else float(min_confidence)
    wanted = set(KINDS) if kinds is None else set(kinds)
    unknown = wanted - set(KINDS)
    if unknown:
        raise ValueError(f"kinds 中有未知的类型 {', '.join(sorted(unknown))};可用:{', '.join(KINDS)}")
    if not text:
        return []
    scan = Scanner(text, rules)
    cands: list[Candidate] = []
    sources = (scan.quoted(slogans), scan.numeric(), scan.plus(), scan.suffixes(), scan.enumerations(),
               scan.coined() if "coined" in wanted else (), scan.learned() if "learned" in wanted else ())
    for source in sources:
        cands.extend(c for c in source if c.kind in wanted and c.end > c.start)

    # category evidence, final score, threshold. A cue word inside the name decides the category;
    # other names (not enumeration items) get the codebook's guess from name and sentence
    # (governance_kit.codebook.discovery.categories), which placed unseen names better than cue words in the sentence
    placed = []
    for c in cands:
        sent = scan.sentence(c.start, c.end)
        placed.append((c, sent) + scan.category(c.start, c.end, sent))
    unplaced = [i for i, (c, _, _, where) in enumerate(placed) if where != "name" and c.kind != "enumeration"]
    if unplaced:
        guesses = guess_categories(((text[placed[i][0].start:placed[i][0].end], text[placed[i][1][0]:placed[i][1][1]])
                                    for i in unplaced), cue_words=rules.categories)
        for i, guess in zip(unplaced, guesses):
            c, sent, _, where = placed[i]
            c.cues.append("类别:据编码本推测")
            placed[i] = (c, sent, guess, where)
    scored = []
    for c, sent, category, where in placed:
        if rejected(text[c.start:c.end], c, rules):
            continue
        score = c.score
        if c.kind == "learned":  # the model's probability (above the model's own threshold too)
            if score >= threshold:
                scored.append((c, category, sent, round(score, 3)))
            continue
        if where == "name":
            score += rules.w["category_in_name"]
        elif where == "sentence":
            score += rules.w["category_in_sentence"]
        score = round(min(1.0, max(0.0, score)), 3)
        if score >= threshold:
            scored.append((c, category, sent, score))

    # identical spans merge (the more specific kind wins); then overlaps go to the longer, more confident
    by_span: dict[tuple[int, int, bool], tuple] = {}
    for item in scored:
        c = item[0]
        key = (c.start, c.end, c.kind == "enumeration")
        old = by_span.get(key)
        if old is None:
            by_span[key] = item
            continue
        best, other = (item, old) if (_KIND_PRIORITY[c.kind], item[3]) > (_KIND_PRIORITY[old[0].kind], old[3]) else (old, item)
        cues = list(dict.fromkeys(best[0].cues + other[0].cues))
        merged = Candidate(c.start, c.end, best[0].kind, best[0].score, cues)
        by_span[key] = (merged, best[1], best[2], round(min(1.0, max(best[3], other[3]) + 0.05), 3))
    accepted: list[tuple] = []
    taken: list[tuple[int, int]] = []
    # rule finds first; the learned scorer only fills what they leave
    ranked = sorted(by_span.values(),
                    key=lambda it: (it[0].kind == "learned", -(it[0].end - it[0].start), -it[3], it[0].start))
    for item in ranked:
        c = item[0]
        if c.kind != "enumeration":
            i = bisect_left(taken, (c.start, c.end))
            if (i < len(taken) and taken[i][0] < c.end) or (i > 0 and taken[i - 1][1] > c.start):
                continue
            taken.insert(i, (c.start, c.end))
        accepted.append(item)
    accepted.sort(key=lambda it: (it[0].start, it[0].end))
    return [Discovery(text[c.start:c.end], c.start, c.end, c.kind, category, score, sent[0], sent[1], tuple(c.cues))
            for c, category, sent, score in accepted]


# what code_patterns reports by default (its discover=True): on 70 finds drawn from 20 government work
# reports, headings of 一是……二是…… lists were never names (0 of 11) and the learned scorer below
# 0.95 rarely (3 of 13)
PRECISE_MIN_CONFIDENCE = 0.5
PRECISE_LEARNED_MIN = 0.95
PRECISE_COINED_MIN = 0.6  # unquoted coinages at 0.5-0.55 were ordinary phrases (免费学前教育, 家族帮派) in both samples


def precise(items: Iterable[Discovery]) -> list[Discovery]:
    """The finds of :func:`discover` precise enough to report unasked: no enumeration headings, the
    learned scorer's only at ``PRECISE_LEARNED_MIN`` or more, unquoted coinages at ``PRECISE_COINED_MIN``
    or more, every kind at ``PRECISE_MIN_CONFIDENCE`` or more."""
    return [d for d in items if d.kind != "enumeration" and d.confidence >= PRECISE_MIN_CONFIDENCE
            and (d.kind != "learned" or d.confidence >= PRECISE_LEARNED_MIN)
            and (d.kind != "coined" or d.confidence >= PRECISE_COINED_MIN)]


def precise_discover(text: str) -> list[Discovery]:
    """:func:`precise` finds of :func:`discover` in ``text`` that :mod:`~governance_kit.codebook.discovery.domain`
    keeps as ways of governing (the default of ``code_patterns``)."""
    needs = economy_document(text)
    return [d for d in precise(discover(text)) if keep(evidence(d, text), needs_evidence=needs)]


def precise_discover_corpus(texts: Sequence[str]) -> list[list[Discovery]]:
    """:func:`precise_discover` of each text, where a name found in many of the texts also counts
    against it (:func:`~governance_kit.codebook.discovery.domain.widespread`: 两个维护 in every work
    report); with fewer texts than the corpus minimum, exactly :func:`precise_discover` of each."""
    found = [precise(discover(text)) for text in texts]
    common = widespread([[d.name for d in items] for items in found])
    out = []
    for text, items in zip(texts, found):
        kept, needs = [], economy_document(text)
        for d in items:
            pro, con = evidence(d, text)
            if d.name in common:
                con.append("多篇通用")
            if keep((pro, con), needs_evidence=needs):
                kept.append(d)
        out.append(kept)
    return out


precise_discover.corpus = precise_discover_corpus  # type: ignore[attr-defined]  # code_patterns uses it per batch


def discover_frame(doc_or_corpus, **options):
    """Discoveries of a Document, a Corpus, a list of Documents or a string, as one DataFrame.

    Columns: ``doc_id, name, kind, category, confidence, start, end, sentence, cues``; the options
    are those of :func:`discover`. A plain string is cleaned first (see ``as_documents``).
    """
    import pandas as pd

    rows = []
    for doc in as_documents(doc_or_corpus):
        for d in discover(doc.text, **options):
            rows.append({"doc_id": doc.doc_id, "name": d.name, "kind": d.kind, "category": d.category,
                         "confidence": d.confidence, "start": d.start, "end": d.end,
                         "sentence": doc.text[d.sentence_start:d.sentence_end], "cues": "、".join(d.cues)})
    return pd.DataFrame(rows, columns=["doc_id", "name", "kind", "category", "confidence", "start", "end", "sentence", "cues"])
