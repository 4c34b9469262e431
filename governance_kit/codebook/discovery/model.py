"""A learned scorer for named mechanisms that the rules of :mod:`governance_kit.codebook.discovery` miss.

The rules find names by their form (quotes, numeral formulas, head words, verbs before them). Many
names in real reports are casual coinages whose form no rule anticipates (山头长, 清沟亮巷,
周三无会日). This module looks at every short stretch of a clause instead: each run of one to five
dictionary words (2–10 characters, cut without jieba's HMM) is a candidate, described by simple
features — its first and last characters and words, the words and characters around it, its length,
whether it is a dictionary word or a kit lexicon term, whether a piece of it is a rare word, how many
single characters and numerals it holds, quotes around it, how often it recurs in the text. A
logistic regression over these features, trained on the gold lists in ``tests/data`` (the seeds and
the held-out reports, every named mechanism of each text marked), gives each candidate a
probability; the best non-overlapping candidates above the model's threshold are returned.

The model is a data file (``data/discovery_model.json``: intercept, one weight per feature,
threshold, and where it was trained), read again after it is replaced; ``scripts/train_discovery_model.py``
rebuilds it and prints its leave-one-set-out figures. Scoring needs no scikit-learn: a sum of
weights per candidate.

>>> spans = learned_spans("各村推选一名山头长,负责火险巡查。")
>>> [name for name, *_ in spans]
['山头长']
"""
from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path

from ...datafiles import bundled, reloaded
from ...errors import RuleFileError
from ...tokens.pieces import dictionary_pieces
from .rules import default_discovery_rules

MODEL_FILE = "discovery_model.json"
MAX_TOKENS = 5
MIN_CHARS, MAX_CHARS = 2, 10
RARE_FREQUENCY = 300  # a piece rarer than this in jieba's dictionary is a rare word (as in discovery.yaml)
_CLAUSE = re.compile(r"[^，,。！？!?；;：:\n、“”「」『』‘’（）()《》\s]+")
_LATIN = re.compile(r"[A-Za-z+＋]")
_NUMERALS = frozenset("一二两三四五六七八九十百千双")
_OPENING, _CLOSING = "“「『‘", "”」』’"
# a candidate never starts or ends with these words (function words: 的, 了, 和 …) or with a count
# (一名, 三个, 每个: 推选一名山头长 names 山头长)
_FUNCTION_WORDS = frozenset("的 了 着 过 和 与 及 或 在 是 为 把 被 将 对 向 从 于 也 都 又 并 让 由 以 等 这 那 其 每 各 该 要 就 还 而 但"
                            " 这个 那个 这些 那些 每个 各个 一些".split())
_COUNT = re.compile(r"[一二两三四五六七八九十百千万\d]+[个名位批支套种项座间条户家次处所块张]")


def _edge_stop(token: str, verbs: frozenset[str] | None = None) -> bool:
    """Words a candidate never starts or ends with: function words, counts, and the verbs that
    introduce names in ``discovery.yaml`` (推行, 搞, 成立 … alone or with 了/起; ``verbs``: those
    of the current rules when not given)."""
    verbs = _verbs() if verbs is None else verbs
    return (token in _FUNCTION_WORDS or _COUNT.fullmatch(token) is not None
            or token in verbs or (token[-1:] in "了起" and token[:-1] in verbs))


def _verbs() -> frozenset[str]:
    """The verbs of the current ``data/discovery.yaml`` (read again after an edit)."""
    return _verbs_of(default_discovery_rules())


@lru_cache(maxsize=2)
def _verbs_of(rules) -> frozenset[str]:
    return frozenset(rules.coined_verbs)


def candidates(text: str) -> list[tuple[int, int, dict[str, float]]]:
    """Every candidate span of ``text``: ``(start, end, features)``."""
    words, lexicon, cut = dictionary_pieces()
    verbs = _verbs()
    out = []
    for tokens in _clause_tokens(text, cut):
        for i in range(len(tokens)):
            if _edge_stop(tokens[i][0], verbs):
                continue
            for j in range(i, min(i + MAX_TOKENS, len(tokens))):
                s, e = tokens[i][1], tokens[j][2]
                if e - s > MAX_CHARS:
                    break
                if e - s < MIN_CHARS or _edge_stop(tokens[j][0], verbs):
                    continue
                out.append((s, e, _features(text, s, e, tokens, i, j, words, lexicon)))
    return out


def _clause_tokens(text: str, cut):
    """The words of each clause as ``[(word, start, end), …]``, from one cut of the whole text (jieba
    never joins characters across the clause marks, so this equals cutting clause by clause)."""
    bounds = [(m.start(), m.end()) for m in _CLAUSE.finditer(text)]
    clauses, k, pos = [], 0, 0
    current: list[tuple[str, int, int]] = []
    for token in cut(text):
        start, end = pos, pos + len(token)
        pos = end
        while k < len(bounds) and bounds[k][1] <= start:
            if current:
                clauses.append(current)
                current = []
            k += 1
        if k < len(bounds) and bounds[k][0] <= start and end <= bounds[k][1]:
            current.append((token, start, end))
        elif k < len(bounds) and start < bounds[k][1] and end > bounds[k][0]:
            return _clause_tokens_slow(text, cut)  # a word reaching over a clause mark (never seen with jieba)
    if current:
        clauses.append(current)
    return clauses


def _clause_tokens_slow(text: str, cut):
    out = []
    for clause in _CLAUSE.finditer(text):
        tokens, pos = [], clause.start()
        for token in cut(clause.group()):
            tokens.append((token, pos, pos + len(token)))
            pos += len(token)
        out.append(tokens)
    return out


def _features(text, s, e, tokens, i, j, words, lexicon) -> dict[str, float]:
    span = text[s:e]
    pieces = [t for t, _, _ in tokens[i:j + 1]]
    before, after = text[max(0, s - 2):s], text[e:e + 2]
    f = {
        "head1=" + span[-1]: 1.0, "head2=" + span[-2:]: 1.0, "first1=" + span[0]: 1.0,
        "prev1=" + before[-1:]: 1.0, "prev2=" + before: 1.0, "next1=" + after[:1]: 1.0, "next2=" + after: 1.0,
        f"len={min(e - s, 9)}": 1.0, f"ntok={j - i + 1}": 1.0,
        "lasttok=" + pieces[-1]: 1.0, "firsttok=" + pieces[0]: 1.0,
        f"singles={min(sum(len(p) == 1 for p in pieces), 3)}": 1.0,
        f"nums={min(sum(c in _NUMERALS for c in span), 3)}": 1.0,
        f"rep={min(text.count(span), 3)}": 1.0,
    }
    f["prevtok=" + tokens[i - 1][0] if i > 0 else "clause_start"] = 1.0
    f["nexttok=" + tokens[j + 1][0] if j + 1 < len(tokens) else "clause_end"] = 1.0
    if span in words:
        f["in_dict"] = 1.0
    if span in lexicon:
        f["in_lex"] = 1.0
    if any(len(p) > 1 and words.get(p, 0) < RARE_FREQUENCY and p not in lexicon for p in pieces):
        f["rare"] = 1.0
    lowest = min(words.get(p, 0) for p in pieces)
    f[f"minfreq={min(int(math.log10(lowest + 1)), 4)}"] = 1.0  # ordinary phrases are made of common words
    if all(len(p) > 1 for p in pieces):
        f["all_words"] = 1.0
    if _LATIN.search(span):
        f["latin"] = 1.0
    if s > 0 and e < len(text) and text[s - 1] in _OPENING and text[e] in _CLOSING:
        f["quoted"] = 1.0
    return f


class Model:
    """Weights of the logistic regression, its threshold and provenance (``data/discovery_model.json``)."""

    def __init__(self, data: dict):
        self.intercept = float(data["intercept"])
        self.weights: dict[str, float] = {k: float(v) for k, v in data["weights"].items()}
        self.threshold = float(data["threshold"])
        self.source = str(data.get("source", ""))

    def probability(self, features: dict[str, float]) -> float:
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def load_model(path: str | Path | None = None) -> Model:
    """The bundled model (or one written by ``scripts/train_discovery_model.py`` to ``path``).

    Raises
    ------
    RuleFileError
        The file is no valid JSON (the message names the file and the line, in Chinese).
    """
    if path is None:
        return _bundled()
    return _read(Path(path), str(path))


@reloaded(MODEL_FILE)
def _bundled() -> Model:
    """The bundled model, read once (and again after ``data/discovery_model.json`` is replaced)."""
    return _read(bundled(MODEL_FILE), f"governance_kit/data/{MODEL_FILE}")


def _read(source: Path, label: str) -> Model:
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise RuleFileError(f"{label} 第 {exc.lineno} 行:JSON 格式错误:{exc.msg}") from exc
    return Model(data)


def learned_spans(text: str, *, threshold: float | None = None, model: Model | None = None):
    """The best non-overlapping candidates scoring at least ``threshold`` (default: the model's):
    ``[(name, start, end, probability), …]`` in text order."""
    model = model or load_model()
    cut_off = model.threshold if threshold is None else threshold
    scored = sorted(_scores(text, model, cut_off), key=lambda t: (-t[0], t[1]))
    chosen: list[tuple[int, int, float]] = []
    for p, s, e in scored:
        if any(s < b and a < e for a, b, _ in chosen):
            continue
        chosen.append((s, e, p))
    chosen.sort()
    return [(text[s:e], s, e, round(p, 3)) for s, e, p in chosen]


def _scores(text: str, model: Model, cut_off: float):
    """``(probability, start, end)`` of the candidates scoring at least ``cut_off``.

    The same sum of weights as ``model.probability(features)`` for every candidate of
    :func:`candidates` (a test checks it), computed about ten times faster: the features that depend
    only on where a span starts (its first character and word, what stands before it) or only on
    where it ends are summed once per word boundary, the rest are kept up to date as a span grows by
    one word, and the count of the span in the text is looked up only when it could lift the span
    over the cut-off.
    """
    words, lexicon, cut = dictionary_pieces()
    verbs = _verbs()
    w = model.weights.get
    # the span-level weights, looked up once: by length, number of words, singles, numerals, rarity
    by_len = [w(f"len={min(x, 9)}", 0.0) for x in range(MAX_CHARS + 1)]
    by_ntok = [w(f"ntok={x}", 0.0) for x in range(MAX_TOKENS + 1)]
    by_singles = [w(f"singles={min(x, 3)}", 0.0) for x in range(MAX_TOKENS + 1)]
    by_nums = [w(f"nums={min(x, 3)}", 0.0) for x in range(MAX_CHARS + 1)]
    by_minfreq = [w(f"minfreq={x}", 0.0) for x in range(5)]
    by_rep = [0.0] + [w(f"rep={x}", 0.0) for x in range(1, 4)]
    in_dict, in_lex, rare_w, all_words_w, latin_w, quoted_w = (
        w(k, 0.0) for k in ("in_dict", "in_lex", "rare", "all_words", "latin", "quoted"))
    rep_gain = max(max(by_rep[1:]), 0.0)
    need = math.log(cut_off / (1 - cut_off)) if 0 < cut_off < 1 else (-math.inf if cut_off <= 0 else math.inf)
    out = []
    n = len(text)
    for tokens in _clause_tokens(text, cut):
        k = len(tokens)
        starts, ends, info = [], [], []
        for i, (token, s, e) in enumerate(tokens):
            before, after = text[max(0, s - 2):s], text[e:e + 2]
            starts.append(w("first1=" + text[s], 0.0) + w("firsttok=" + token, 0.0) + w("prev1=" + before[-1:], 0.0)
                          + w("prev2=" + before, 0.0) + (w("prevtok=" + tokens[i - 1][0], 0.0) if i else w("clause_start", 0.0)))
            ends.append(w("head1=" + text[e - 1], 0.0) + w("lasttok=" + token, 0.0) + w("next1=" + after[:1], 0.0)
                        + w("next2=" + after, 0.0)
                        + (w("nexttok=" + tokens[i + 1][0], 0.0) if i + 1 < k else w("clause_end", 0.0)))
            frequency = words.get(token, 0)
            single = len(token) == 1
            info.append((single, sum(c in _NUMERALS for c in token), frequency,
                         not single and frequency < RARE_FREQUENCY and token not in lexicon,
                         _LATIN.search(token) is not None, _edge_stop(token, verbs)))
        for i in range(k):
            if info[i][5]:
                continue
            s = tokens[i][1]
            singles = numerals = 0
            rare = latin = False
            all_words, lowest = True, None
            base = model.intercept + starts[i]
            for j in range(i, min(i + MAX_TOKENS, k)):
                e = tokens[j][2]
                if e - s > MAX_CHARS:
                    break
                single, nums, frequency, is_rare, has_latin, stop = info[j]
                singles += single
                numerals += nums
                lowest = frequency if lowest is None or frequency < lowest else lowest
                rare = rare or is_rare
                latin = latin or has_latin
                all_words = all_words and not single
                if e - s < MIN_CHARS or stop:
                    continue
                span = text[s:e]
                z = (base + ends[j] + w("head2=" + text[e - 2:e], 0.0) + by_len[e - s] + by_ntok[j - i + 1]
                     + by_singles[singles] + by_nums[min(numerals, MAX_CHARS)]
                     + by_minfreq[min(int(math.log10(lowest + 1)), 4)])
                if span in words:
                    z += in_dict
                if span in lexicon:
                    z += in_lex
                if rare:
                    z += rare_w
                if all_words:
                    z += all_words_w
                if latin:
                    z += latin_w
                if s > 0 and e < n and text[s - 1] in _OPENING and text[e] in _CLOSING:
                    z += quoted_w
                if z + rep_gain < need:
                    continue
                z += by_rep[min(text.count(span), 3)]
                if z >= need:
                    out.append((1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))), s, e))
    return out
