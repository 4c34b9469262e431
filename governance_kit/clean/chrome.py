"""Page chrome by what it looks like: a learned score for each short line of a page.

The rules of ``data/boilerplate.yaml`` remove furniture whose wording they know. Real pages bring
menus, breadcrumbs, counters, credits and forum frames in wordings no list anticipates, so every
short line the rules leave is also described by features that generalise:

- its shape: length, share of Han characters, digits, Latin letters and ASCII symbols, pieces
  separated by spaces, separators (``|`` ``>`` ``»`` ``/`` ``•``), bracketed or label-only lines,
  empty boxes (``[ ]``), URLs, counters and dates, sentence punctuation;
- its words: how much of it the chrome vocabulary covers (``data/chrome_words.txt``: navigation,
  buttons, counters, credits, notices — one feature among many, so a sentence mentioning 来源 stays);
- its place: before the first or after the last paragraph of running text, how far from one, in a
  run of short lines, repeated in the page;
- its distance from the body's language: the share of its character pairs that the page's
  paragraphs also use (headings reuse the body's words; menus do not); headings (一、 第三条 …)
  are marked as such.

A logistic regression over these features (``data/chrome_model.json``: intercept, weights,
thresholds and how it was trained and checked; ``scripts/train_chrome_model.py`` rebuilds it) gives a
probability. Lines above ``remove`` are removed; lines between ``flag`` and ``remove`` are kept and
flagged in the CleanReport. Scoring needs no scikit-learn: a sum of weights per line.
"""
from __future__ import annotations

import json
import math
import re
from bisect import bisect_left
from dataclasses import dataclass

from ..datafiles import bundled, reloaded
from ..errors import RuleFileError

MODEL_FILE = "chrome_model.json"
WORDS_FILE = "chrome_words.txt"
MAX_LEN = 120  # longer lines are text or spam (the rules handle spam); never scored
BODY_SAMPLE = 60_000  # characters of running text whose character pairs describe the body's language

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SEPARATOR = re.compile(r"[|｜>＞»›/•·■□◆◇▪●○→]")
_BREADCRUMB = re.compile(r"(首页|主页|网站首页)\s*[>＞»›/→]|[>＞»›]\s*(正文|详情|内容)\s*$")
_URL = re.compile(r"https?://|www\.|\.(com|cn|net|org|gov)\b", re.IGNORECASE)
_COUNTER = re.compile(r"\d+\s*(次|人次|条评论|人阅读|赞)|(量|数|次数|人气)\s*[:：]?\s*\d+|[(（]\d+[)）]\s*$")
_DATE = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|\d{1,2}:\d{2}")
_SENTENCE_END = re.compile(r"[。！？!?…][”’」』)）]?$")
_INNER_PUNCT = re.compile(r"[，,；;。、]")
_LABEL = re.compile(r"^[^\s:：]{1,8}\s*[:：]")
_BRACKETED = re.compile(r"^[(（\[【〔［][^()（）\[\]【】]*[)）\]】〕］]$")
_EMPTY_BOX = re.compile(r"[\[【［(（]\s*[\]】］)）]")
_ASCII_SYMBOL = re.compile(r"[!-/:-@\[-`{-~]")
_HEADING = re.compile(
    r"^(第[一二三四五六七八九十百零〇\d]+[章节条款编部分篇]|[一二三四五六七八九十]+[、．.]|[(（][一二三四五六七八九十\d]+[)）]"
    r"|\d{1,2}[、．.]\s*[\u4e00-\u9fff]|[①-⑳]|#{1,6}\s|附件|附录|前言|引言|结语|摘要|关键词)"
)
_ISSUE = re.compile(r"\d{4}\s*年\s*(第\s*)?\d{1,2}\s*期|第\s*\d{1,3}\s*期|[Vv]ol\.|No\.\s*\d")
_DIGIT = re.compile(r"\d")
_LATIN = re.compile(r"[A-Za-z]")
_ALL_DIGITS = re.compile(r"^[\d\s.,:%-]+$")

FEATURES = (
    "len_log", "len_le4", "len_le10", "han_share", "digit_share", "latin_share", "symbol_share",
    "pieces", "separators", "breadcrumb", "sentence_end", "inner_punct", "vocab_share", "vocab_hits",
    "url", "counter", "date", "label", "bracketed", "empty_box", "in_head", "in_tail", "no_body",
    "body_near", "short_run", "body_overlap", "heading", "number_only", "repeated", "issue",
)


@dataclass(frozen=True)
class ChromeModel:
    intercept: float
    weights: dict[str, float]
    remove: float  # probability at or above which a line is removed
    flag: float  # probability at or above which a kept line is flagged
    source: str
    repeat: float = 1.0  # … at or above which a line recurring across its folder is removed (see .furniture)


@reloaded(MODEL_FILE)
def chrome_model() -> ChromeModel:
    """The bundled model (``data/chrome_model.json``), read again after it is replaced."""
    path = bundled(MODEL_FILE)
    label = f"governance_kit/data/{MODEL_FILE}"
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        weights = {str(k): float(v) for k, v in doc["weights"].items()}
        model = ChromeModel(float(doc["intercept"]), weights, float(doc["remove"]), float(doc["flag"]), str(doc.get("source", "")),
                            float(doc.get("repeat", doc["flag"])))
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise RuleFileError(f"{label}:模型文件格式不对({exc})") from exc
    unknown = sorted(set(weights) - set(FEATURES))
    if unknown:
        raise RuleFileError(f"{label}:未知特征 {'、'.join(unknown)}")
    return model


@reloaded(WORDS_FILE)
def chrome_words() -> re.Pattern[str]:
    """One expression over the chrome vocabulary (longest words first)."""
    text = bundled(WORDS_FILE).read_text(encoding="utf-8")
    words = {w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")}
    words = {w for w in words if len(w) >= 2}
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))), re.IGNORECASE)


def _pairs(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1) if _HAN.match(text[i]) and _HAN.match(text[i + 1])}


class PageContext:
    """What the features need to know about the page: where its running text is and what it says."""

    def __init__(self, lines: list[str], body: list[bool]):
        self.nonempty = [i for i, s in enumerate(lines) if s]
        self.rank = {i: k for k, i in enumerate(self.nonempty)}
        body_idx = [i for i in self.nonempty if body[i]]
        self.body_ranks = [self.rank[i] for i in body_idx]
        self.first_body = body_idx[0] if body_idx else None
        self.last_body = body_idx[-1] if body_idx else None
        sample, size = [], 0
        for i in body_idx:
            sample.append(lines[i])
            size += len(lines[i])
            if size > BODY_SAMPLE:
                break
        self.body_text = "\n".join(sample)  # a pair of Han characters never spans the joins
        counts: dict[str, int] = {}
        for i in self.nonempty:
            if len(lines[i]) <= MAX_LEN:
                counts[lines[i]] = counts.get(lines[i], 0) + 1
        self.counts = counts
        self.short = [len(lines[i]) <= 20 and not body[i] for i in self.nonempty]

    def body_distance(self, i: int) -> int:
        """Non-empty lines between line ``i`` and the nearest paragraph of running text."""
        ranks, r = self.body_ranks, self.rank[i]
        if not ranks:
            return 99
        k = bisect_left(ranks, r)
        near = [abs(ranks[j] - r) for j in (k - 1, k) if 0 <= j < len(ranks)]
        return min(near)

    def short_run(self, i: int) -> int:
        """Length of the run of short non-body lines that line ``i`` belongs to (capped at 8)."""
        r = self.rank[i]
        if not self.short[r]:
            return 0
        a = r
        while a > 0 and self.short[a - 1] and r - a < 8:
            a -= 1
        b = r
        while b + 1 < len(self.short) and self.short[b + 1] and b - r < 8:
            b += 1
        return b - a + 1


def features(line: str, i: int, page: PageContext, words: re.Pattern[str] | None = None) -> dict[str, float]:
    """The features of line ``i`` (already stripped) of a page."""
    words = chrome_words() if words is None else words
    n = max(len(line), 1)
    han = len(_HAN.findall(line))
    digits = len(_DIGIT.findall(line))
    latin = len(_LATIN.findall(line))
    found = words.findall(line)
    covered, hits = sum(map(len, found)), len(found)
    pairs = _pairs(line)
    overlap = sum(pair in page.body_text for pair in pairs) / len(pairs) if pairs else 0.0
    has_body = page.first_body is not None
    f = {
        "len_log": math.log1p(n) / 5,
        "len_le4": float(n <= 4),
        "len_le10": float(n <= 10),
        "han_share": han / n,
        "digit_share": digits / n,
        "latin_share": latin / n,
        "symbol_share": len(_ASCII_SYMBOL.findall(line)) / n,
        "pieces": min(len(line.split()), 8) / 8,
        "separators": min(len(_SEPARATOR.findall(line)), 4) / 4,
        "breadcrumb": float(bool(_BREADCRUMB.search(line))),
        "sentence_end": float(bool(_SENTENCE_END.search(line))),
        "inner_punct": min(len(_INNER_PUNCT.findall(line)), 3) / 3,
        "vocab_share": min(covered / n, 1.0),
        "vocab_hits": min(hits, 3) / 3,
        "url": float(bool(_URL.search(line))),
        "counter": float(bool(_COUNTER.search(line))),
        "date": float(bool(_DATE.search(line))),
        "label": float(bool(_LABEL.match(line))),
        "bracketed": float(bool(_BRACKETED.match(line))),
        "empty_box": float(bool(_EMPTY_BOX.search(line))),
        "in_head": float(has_body and i < page.first_body),
        "in_tail": float(has_body and i > page.last_body),
        "no_body": float(not has_body),
        "body_near": 1.0 / (1 + page.body_distance(i)),
        "short_run": min(page.short_run(i), 8) / 8,
        "body_overlap": overlap,
        "heading": float(bool(_HEADING.match(line))),
        "number_only": float(bool(_ALL_DIGITS.match(line))),
        "repeated": float(page.counts.get(line, 0) > 1),
        "issue": float(bool(_ISSUE.search(line))),
    }
    return f


def ends_sentence(line: str) -> bool:
    """A line ending like a sentence (。！？) is never removed by the model, only flagged."""
    return bool(_SENTENCE_END.search(line))


def probability(feats: dict[str, float], model: ChromeModel) -> float:
    z = model.intercept + sum(w * feats.get(name, 0.0) for name, w in model.weights.items())
    return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))


def score_page(lines: list[str], body: list[bool], model: ChromeModel | None = None) -> dict[int, float]:
    """Probability of being chrome for each short non-body line of a page (``lines`` stripped;
    ``body`` marks paragraphs of running text)."""
    model = chrome_model() if model is None else model
    if not any(body):  # no running text to tell furniture from: a heading, a list, a short string
        return {}
    page = PageContext(lines, body)
    words = chrome_words()
    scores = {}
    for i in page.nonempty:
        line = lines[i]
        if body[i] or len(line) > MAX_LEN:
            continue
        scores[i] = probability(features(line, i, page, words), model)
    return scores
