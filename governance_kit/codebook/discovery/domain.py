"""Whether a discovered name is a way of governing: the evidence behind ``code_patterns(discover=True)``.

Discovery finds names by their form; government work reports are full of names of the same form that
are no governance mechanism: economic programmes (“登峰计划”, 服务业扩能提质行动), doctrine formulas
(“两个维护”), results (“双下降”), ordinary words (三农). :func:`evidence` weighs what the text says
about one find, from the word lists of ``data/discovery_domain.yaml``:

for    a governance word in the name (接诉, 议事, 积分 …; programme words blanked first, so 服务业 is no
       服务), a mechanism word right after it (“X”模式, X机制, X工作法) or a governance word (“三务”公开),
       a coined system (积分制, not 一国两制), a grassroots place right before it (某县“X”, 某镇的“X”),
       a governed term of an ``X+Y`` formula;
against a programme word in the name or right after it (“X”工程, X行动), a result verb before it
       (实现“X”, 入选“X”), a change inside it (双下降), a doctrine formula (两个X, 四个X), an ordinary
       dictionary word, a sentence about the economy with no governance word, and the shape of no
       name (opening with a measure verb, cutting a common word in two: 要素积分|为).

:func:`keep` decides from both (more strictly in a document about the economy, :func:`economy_document`).
Over a corpus, :func:`widespread` adds the evidence that a name is found in many documents (a
formula everyone repeats); :mod:`governance_kit.codebook.discovery.finder` applies them
(``precise_discover``, ``precise_discover_corpus``).

>>> text = "我县推行“村民说事”制度。全省实施“登峰计划”，实现“双下降”。"
>>> from governance_kit.codebook.discovery.finder import discover
>>> [(d.name, keep(evidence(d, text))) for d in discover(text)]
[('村民说事', True), ('登峰计划', False), ('双下降', False)]
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ...datafiles import bundled, read_yaml, reloaded
from ...errors import RuleFileError
from ...tokens.pieces import dictionary_pieces

DOMAIN_FILE = "discovery_domain.yaml"
_LISTS = ("governance_words", "not_governance", "programme_words", "programme_heads", "verb_starts", "bad_starts", "mechanism_markers",
          "result_before", "result_words", "place_endings", "place_not")
_QUOTES = "“”\"'‘’「」『』"
_DOCTRINE = re.compile(r"[一二两三四五六七八九十]个")  # 两个维护, 四个自信, 五个必须: doctrine, not a device
_CLAUSE_END = re.compile(r"[，,。；;：:！？!?、\n“”（）()]")
_AFTER = 8    # characters after a name where a mechanism or programme word counts
_BEFORE = 6   # characters before a name where a result verb or a place counts


@dataclass(frozen=True)
class Domain:
    """The word lists of ``data/discovery_domain.yaml``, as tuples, and its thresholds."""

    governance_words: tuple[str, ...]
    not_governance: tuple[str, ...]
    programme_words: tuple[str, ...]
    programme_heads: tuple[str, ...]
    verb_starts: tuple[str, ...]
    bad_starts: tuple[str, ...]
    mechanism_markers: tuple[str, ...]
    result_before: tuple[str, ...]
    result_words: tuple[str, ...]
    place_endings: tuple[str, ...]
    place_not: tuple[str, ...]
    ordinary_frequency: int
    economy_ratio: float
    sentence_programme_words: int
    corpus_min_batch: int
    corpus_min_documents: int
    corpus_share: float


def load_domain(path=None) -> Domain:
    """The word lists (the bundled ``data/discovery_domain.yaml`` when ``path`` is None).

    Raises
    ------
    RuleFileError
        A Chinese message naming the file and the key that is missing or malformed.
    """
    from pathlib import Path

    source = Path(path) if path else bundled(DOMAIN_FILE)
    label = str(path) if path else f"governance_kit/data/{DOMAIN_FILE}"
    data, _ = read_yaml(source, label)
    if not isinstance(data, dict):
        raise RuleFileError(f"{label}：应为键值对（governance_words、programme_words …）")
    lists = {}
    for key in _LISTS:
        value = data.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise RuleFileError(f"{label}：{key} 应为非空字符串列表")
        lists[key] = tuple(sorted(set(value), key=len, reverse=True))
    corpus = data.get("corpus") or {}
    try:
        numbers = dict(ordinary_frequency=int(data["ordinary_frequency"]), economy_ratio=float(data["economy_ratio"]),
                       sentence_programme_words=int(data["sentence_programme_words"]),
                       corpus_min_batch=int(corpus["min_batch"]), corpus_min_documents=int(corpus["min_documents"]),
                       corpus_share=float(corpus["share"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise RuleFileError(f"{label}：缺少或无效的数值（{exc}）") from exc
    return Domain(**lists, **numbers)


@reloaded(DOMAIN_FILE)
def default_domain() -> Domain:
    """The bundled word lists, read once (and again after the file is edited)."""
    return load_domain()


def evidence(d, text: str, domain: Domain | None = None) -> tuple[list[str], list[str]]:
    """``(for, against)``: the evidence ``text`` gives that the find ``d`` (a Discovery) is a way of
    governing, or is something else; each item a short Chinese label for review."""
    dm = domain or default_domain()
    name = d.name
    pro: list[str] = []
    con: list[str] = []
    bare = _blank(name, dm.programme_words)
    if _any_in(_blank(bare, dm.not_governance), dm.governance_words):
        pro.append("治理词")
    after = _after(text, d.end)
    before = _before(text, d.start)
    clause = _CLAUSE_END.split(after, 1)[0]
    if name.endswith(dm.mechanism_markers) or _coined_system(name, dm) or after.startswith("制") \
            or any(0 <= clause.find(m) <= 4 for m in dm.mechanism_markers):
        pro.append("后接机制词")
    if after.startswith(dm.governance_words) and not _any_in(clause, dm.programme_heads):
        pro.append("后接治理词")  # “三务”公开, “阳光物业”小区治理: the name is what is governed
    if _place_before(before, dm):
        pro.append("地名在前")
    if d.kind == "plus_formula" and governed_part(name, dm):
        pro.append("加号")  # 人工智能+政务: one term of the formula is governed
    if bare != name:
        con.append("名含经济产业词")
    elif _any_in(after[:4], dm.programme_words):
        con.append("后接经济产业词")
    if name.endswith(dm.programme_heads):
        con.append("名为项目工程")
    elif _any_in(clause, dm.programme_heads):
        con.append("后接项目工程")
    if (name.startswith(dm.verb_starts) and len(name) > 4) or name.startswith(dm.bad_starts) \
            or _cut_word(text, d.start, d.end):
        con.append("不成名称")  # a clause or a piece of one, not a name
    if _any_in(name, dm.result_words):
        con.append("名含成效")
    elif before.endswith(dm.result_before):
        con.append("成效")
    if _DOCTRINE.match(name):
        con.append("提法")
    words, lexicon, _ = dictionary_pieces()
    if words.get(name, 0) >= dm.ordinary_frequency and name not in lexicon:
        con.append("常用词")
    sentence = text[d.sentence_start:d.sentence_end]
    if "治理词" not in pro and _sentence_is_economy(sentence, dm):
        con.append("经济语境")
    return pro, con


def keep(found: tuple[list[str], list[str]], *, needs_evidence: bool = False) -> bool:
    """Whether the evidence ``(for, against)`` of :func:`evidence` keeps a find.

    A name opening with a measure verb, or cutting a common word in two, is a clause or a piece of
    one: dropped. Otherwise a find with evidence for it is kept, and one with none against it in its
    own name (or, over a corpus, its spread) too —
    except where the document asks for evidence (``needs_evidence``: a document about the economy,
    :func:`economy_document`). There a name that says by itself what else it is (ending in a
    programme head: 八项民生工程; holding a programme word: 长期护理保险, except an ``X+Y``
    formula with a governed term) is dropped; a doctrine formula, a result or a
    name every document repeats is dropped unless a governance word in it (or, for the latter two,
    a mechanism word after it) says otherwise; and the rest needs evidence for it and none from the
    economy around it, or a governance word in its name.
    """
    pro, con = found
    if "不成名称" in con:
        return False  # 实施职教高考, 要素积分|为
    if not needs_evidence:  # only the name itself speaks against it: 电商服务站, 乡村振兴战略
        return bool(pro) or not any(c in _IN_NAME for c in con)
    if "名为项目工程" in con or ("名含经济产业词" in con and "加号" not in pro):
        return False  # 八项民生工程, 长期护理保险 in a work report
    governed = "治理词" in pro
    if "提法" in con and not governed:
        return False  # 两个维护, 四个意识
    if governed:
        return True
    if any(c in _STRONG for c in con) and "后接机制词" not in pro:
        return False  # 实现“双下降”, 两重
    return bool(pro) and not any(c in _ECONOMY for c in con)


_STRONG = ("成效", "名含成效", "多篇通用")
_IN_NAME = ("名含经济产业词", "名为项目工程", "名含成效", "常用词", "多篇通用")
_ECONOMY = ("后接经济产业词", "后接项目工程", "经济语境")


def economy_document(text: str, domain: Domain | None = None) -> bool:
    """Whether ``text`` speaks more of the economy than of governing (a government work report, a
    development plan): programme words far outnumber governance words there. In such a document a find
    needs evidence for it to be kept (``economy_ratio`` of the word lists: more than that many
    programme words per governance word in the first 200,000 characters)."""
    dm = domain or default_domain()
    sample = text[:200_000]
    programme = sum(sample.count(w) for w in dm.programme_words)
    bare = _blank(sample, dm.programme_words)
    governance = sum(bare.count(w) for w in dm.governance_words)
    return programme > dm.economy_ratio * governance


def widespread(names_per_doc: Sequence[Iterable[str]], domain: Domain | None = None) -> set[str]:
    """The names found in so many of the documents that they are formulas everyone repeats: at least
    ``corpus.share`` of them and ``corpus.min_documents``, in a corpus of ``corpus.min_batch`` or more
    (an empty set for fewer documents: one document alone says nothing about spread)."""
    dm = domain or default_domain()
    n = len(names_per_doc)
    if n < dm.corpus_min_batch:
        return set()
    counts = Counter(name for names in names_per_doc for name in set(names))
    need = max(dm.corpus_min_documents, dm.corpus_share * n)
    return {name for name, k in counts.items() if k >= need}


def governed_part(name: str, dm: Domain) -> bool:
    """Whether a term of an ``X+Y`` formula holds a governance word."""
    return any(_any_in(_blank(term, dm.programme_words), dm.governance_words) for term in re.split(r"[+＋]", name))


def _cut_word(text: str, start: int, end: int) -> bool:
    """Whether a name starts or ends inside a common word (调解组|织, 要素积分|为, 个|人养老金, 行|政裁量权;
    but 落实|行政执法责任制 starts with a word of its own)."""
    words = dictionary_pieces()[0]
    return ((end < len(text) and words.get(text[end - 1:end + 1], 0) >= _CUT_WORD)
            or (start > 0 and words.get(text[start - 1:start + 1], 0) >= _CUT_WORD
                and text[start:start + 2] not in words))


_CUT_WORD = 1000  # a two-character word this frequent that a name would cut in two


def _coined_system(name: str, dm: Domain) -> bool:
    """A name ending in 制 that is no common word ending so (积分制, 湖长制; not 一国两制, 公有制, 寄宿制)."""
    if not name.endswith("制"):
        return False
    words = dictionary_pieces()[0]
    return not any(words.get(name[-k:], 0) >= dm.ordinary_frequency for k in range(2, min(len(name), 4) + 1)
                   if name[-k:] != "责任制")


def _blank(name: str, words: tuple[str, ...]) -> str:
    for w in words:
        if w in name:
            name = name.replace(w, "□" * len(w))
    return name


def _any_in(name: str, words: tuple[str, ...]) -> bool:
    return any(w in name for w in words)


def _after(text: str, end: int) -> str:
    """The text right after a name, its closing quote and a 的 skipped."""
    tail = text[end:end + _AFTER + 2].lstrip(_QUOTES)
    return tail[1:] if tail.startswith("的") else tail


def _before(text: str, start: int) -> str:
    """The text right before a name, its opening quote and a 的 skipped."""
    head = text[max(0, start - _BEFORE - 2):start].rstrip(_QUOTES)
    return head[:-1] if head.endswith("的") else head


def _place_before(before: str, dm: Domain) -> bool:
    """Whether ``before`` ends with a grassroots place: two or more characters ending in 县, 镇, 村 …
    that are not 全县, 本村, 自治区 and the like."""
    words = dictionary_pieces()[0]
    for ending in dm.place_endings:
        if before.endswith(ending):
            m = re.search(r"[\u4e00-\u9fff]{1,4}$", before[:-len(ending)])
            if not m:
                return False
            place = m.group()
            if words.get(place[-1] + ending, 0) >= _COMMON_PLACE_WORD:
                return False  # 上市, 城市, 社区, 小区: a word, not a place
            return not any(place.endswith(p) for p in dm.place_not) and not place.startswith(dm.place_not)
    return False


_COMMON_PLACE_WORD = 200  # a two-character word ending in 市/区/村 … this frequent in jieba's dictionary


def _sentence_is_economy(sentence: str, dm: Domain) -> bool:
    bare = _blank(sentence, dm.programme_words)
    found = sum(1 for w in dm.programme_words if w in sentence)
    return found >= dm.sentence_programme_words and not _any_in(bare, dm.governance_words)
