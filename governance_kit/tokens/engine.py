"""The rjieba engine: ``Tokenizer(engine="rjieba")`` segments with rjieba (a binding of jieba-rs, the
Rust port of jieba) and gives exactly the tokens of ``engine="jieba"``, about eight times faster (the
tokenize stage of ``bench/run.py`` on 100 MB: 7.4 against 0.93 MB/s). Three differences between the
engines are bridged:

* **The dictionary total.** jieba scores a word ``log(freq) - log(total)``; jieba-rs adds every word's
  frequency to the total, while the kit keeps jieba's main total (see
  :mod:`governance_kit.tokens.tokenizer`). The rjieba dictionary is therefore rescaled so that every
  segmentation keeps its rank: a word of ``n`` characters gets ``M·freq·rⁿ⁻¹`` (``M = 2³⁰``), a
  character jieba does not know gets ``M``, and ``r`` solves ``Σ freq·rⁿ = total`` over the
  dictionary. Then every word's score is jieba's plus ``n·log r``, the same for every segmentation of
  a text, so jieba's choice is rjieba's (rounding moves a score by less than 10⁻⁸).
* **Characters that only begin words.** Some characters (``A``, ``1`` …) are in jieba's dictionary
  only as the start of longer words; where such a word fits, jieba gives the character no
  one-character path. A jieba *block* (a maximal run of ``[\u4e00-\u9fd5a-zA-Z0-9+#&._%-]``, which
  jieba segments independently of its neighbours) holding such a word is cut by Python jieba.
* **The HMM and the character classes.** With the HMM on, jieba-rs keeps ``2019-03-23`` whole where
  jieba splits it at ``-`` and ``.``: blocks holding one of ``+#&._%-`` are cut by Python jieba.
  jieba-rs counts CJK extension and compatibility characters as Han, jieba does not: a text
  holding one is cut by Python jieba entirely.

``tests/tokens/test_engine.py`` compares the two engines on the seeds and every test corpus. rjieba
is optional (``pip install rjieba``, part of the ``scale`` extra); building its dictionary takes
about two seconds once per process.
"""
from __future__ import annotations

import re

from ..errors import check_choice

ENGINES = ("jieba", "rjieba")
# jieba's block (re_han_default): the unit it segments on its own
_BLOCK = re.compile("[\u4e00-\u9fd5a-zA-Z0-9+#&._%\\-]+")
_BLOCK_ASCII = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+#&._%-")
# characters inside a block that jieba-rs's HMM treats differently from jieba's
_HMM_UNSAFE = re.compile("[+#&._%\\-]")
#: Han to jieba-rs but not to jieba (CJK extensions, compatibility ideographs, U+9FD6-U+9FFF), and
#: whitespace to Python's re but not to Rust's regex: a text holding one is cut by Python jieba alone
ENGINE_UNSAFE = re.compile("[\u3400-\u4dbf\u9fd6-\u9fff\uf900-\ufaff\U00020000-\U0003134f\x1c-\x1f]")
_SCALE = 2 ** 30
_BUILT: dict = {}  # the last two rjieba dictionaries built, by the tokenizer configuration they serve


def rjieba_available() -> bool:
    """Whether the optional rjieba package is installed (checked without importing it)."""
    import importlib.util

    return importlib.util.find_spec("rjieba") is not None


def check_engine(engine) -> str:
    """``engine`` if it is one of :data:`ENGINES` and usable here; a Chinese error otherwise.

    >>> check_engine("jieba")
    'jieba'
    >>> check_engine("pkuseg")
    Traceback (most recent call last):
    ...
    ValueError: engine 只能是 'jieba'、'rjieba' 之一,收到的是 'pkuseg'
    """
    check_choice("engine", engine, ENGINES)
    if engine == "rjieba" and not rjieba_available():
        raise ImportError("engine='rjieba' 需要安装 rjieba(pip install rjieba);不安装也可以用默认的 engine='jieba',结果相同,只是慢一些")
    return engine


def in_block(ch: str) -> bool:
    """Is ``ch`` one of the characters of a jieba block?"""
    return "\u4e00" <= ch <= "\u9fd5" or ch in _BLOCK_ASCII


def scaled_rjieba(freq: dict, total: int):
    """An rjieba tokenizer that segments like a jieba one with dictionary ``freq`` and ``total``, and an
    automaton of the words whose blocks Python jieba must cut (``None`` when there are none).

    jieba's score of a word is ``log f - log total``; rjieba's is ``log f' - log T'`` with ``T' = Σ f'``.
    With ``f' = M·f·rⁿ⁻¹`` (``n``: the word's length, ``M = 2³⁰``) and ``r`` solving ``r·Σ f·rⁿ⁻¹ = total``,
    rjieba's score is jieba's plus ``n·log r``: a constant per character, so the same for every
    segmentation of a block, and the best segmentation is the same (rounding moves a score by less
    than 10⁻⁸). Characters of the block class that jieba's dictionary lacks get ``f = 1`` (jieba's
    default) and so ``M``. Characters jieba knows only as the start of longer words (frequency 0) get
    ``M`` too; where one of those longer words fits, the block goes to Python jieba.
    """
    import ahocorasick_rs
    import rjieba

    words = [(w, f) for w, f in freq.items() if f > 0]
    singles = [chr(c) for c in range(0x4E00, 0x9FD6)] + sorted(_BLOCK_ASCII)
    unknown = [c for c in singles if not freq.get(c)]
    starts_only = {c for c in unknown if c in freq}  # frequency 0: a prefix of longer words only
    by_length: dict[int, float] = {1: float(len(unknown))}
    for w, f in words:
        by_length[len(w)] = by_length.get(len(w), 0.0) + f

    def weighted(r: float) -> float:
        return sum(f * r ** n for n, f in by_length.items())

    lo, hi = 0.0, 1.0  # weighted(r) grows with r; weighted(1) > total
    for _ in range(100):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if weighted(mid) < total else (lo, mid)
    r = (lo + hi) / 2
    rust = rjieba.Jieba.empty()
    add = rust.add_word
    for w, f in words:
        add(w, max(1, round(_SCALE * f * r ** (len(w) - 1))), "")
    for c in unknown:
        add(c, _SCALE, "")
    marked = sorted(w for w, _ in words if w[0] in starts_only)
    marks = ahocorasick_rs.AhoCorasick(marked) if marked else None
    return rust, marks


def rjieba_for(key, freq: dict, total: int):
    """:func:`scaled_rjieba` of ``freq`` and ``total``, shared by tokenizers of the same configuration
    ``key`` (building one takes about two seconds; the last two built are kept)."""
    built = _BUILT.get(key)
    if built is None:
        built = _BUILT[key] = scaled_rjieba(freq, total)
        while len(_BUILT) > 2:
            _BUILT.pop(next(iter(_BUILT)))
    return built


def python_blocks(text: str, marks_automaton, hmm: bool) -> list[tuple[int, int]]:
    """Spans of the jieba blocks Python jieba must cut: those holding a word that starts with a
    character known only as a word start, and with the HMM on those holding one of ``+#&._%-``;
    neighbouring ones merged."""
    marks = [s for _, s, _ in marks_automaton.find_matches_as_indexes(text)] if marks_automaton else []
    if hmm:
        marks += [m.start() for m in _HMM_UNSAFE.finditer(text)]
    if not marks:
        return []
    marks.sort()
    spans: list[tuple[int, int]] = []
    search = _BLOCK.search
    for pos in marks:
        if spans and pos < spans[-1][1]:
            continue
        left = pos  # the block holding pos starts after the last non-block character before it
        while left > 0 and in_block(text[left - 1]):
            left -= 1
        start, end = search(text, left).span()
        if spans and search(text, spans[-1][1], start) is None:
            spans[-1] = (spans[-1][0], end)  # no block between: one call for both
        else:
            spans.append((start, end))
    return spans


def hybrid_cut(text: str, hmm: bool, rust, marks, python_lcut) -> list[str]:
    """``python_lcut(text, HMM=hmm)``, computed by rjieba except on the blocks of :func:`python_blocks`."""
    spans = python_blocks(text, marks, hmm)
    if not spans:
        return rust.cut(text, hmm)
    tokens, pos = [], 0
    for start, end in spans:
        if start > pos:
            tokens += rust.cut(text[pos:start], hmm)
        tokens += python_lcut(text[start:end], HMM=hmm)
        pos = end
    if pos < len(text):
        tokens += rust.cut(text[pos:], hmm)
    return tokens
