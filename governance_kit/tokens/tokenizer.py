"""Word segmentation: jieba with the kit's governance lexicon and stopword list.

Bare jieba does not know the vocabulary of grassroots governance: it cuts 三治融合 into 三治/融合,
网格员 into 网格/员 and 四议两公开 into 四议/两/公开, so word counts, keywords and TF-IDF miss the
very terms a course on 基层治理 is about. :class:`Tokenizer` adds the bundled lexicon
(``data/lexicon.txt``, about 1,200 terms) to a private jieba dictionary.

How it works
------------
* Each :class:`Tokenizer` owns a private ``jieba.Tokenizer``: jieba's main dictionary (read once per
  process, from a cache file in the kit's cache folder) plus the lexicon. jieba's global tokenizer
  ``jieba.dt`` is never initialised or changed, so other code using jieba is not affected, and
  :meth:`Tokenizer.add_terms` changes one instance only.
* jieba splits text on a fixed regex before it consults its dictionary, so a term holding ``( )``,
  ``（ ）``, ``·``, a space or a full-width ``＋`` can never come out whole (村(居)委会 → 村/(/居/)/委会).
  Every term that is not a plain run of Han characters (党小组+, 互联网+基层治理, 村(居)委会,
  12345热线) is therefore found first — Aho-Corasick, longest match, left to right, ``＋（）`` matched
  like ``+()`` — and kept as one token; only the text between such terms goes to jieba.
* Each lexicon term carries a frequency chosen so jieba keeps it whole (see the header of
  ``lexicon.txt``); jieba's total count is left at its main-dictionary value, so text holding no
  lexicon term is cut exactly as bare jieba cuts it.
* Tokens never lose or add a character: ``"".join(tok.cut(text)) == text``, whitespace and
  punctuation included, and :meth:`Tokenizer.tokenize` gives offsets into ``text``.
* :meth:`Tokenizer.words` keeps content words only: stopwords (``data/stopwords.txt``),
  punctuation, whitespace, bare numbers (1993, 70%, 二十) and Latin or pinyin fragments are dropped;
  lexicon terms are always kept.

jieba is imported on first use, not when this module is imported; its log messages ("Building
prefix dict…") are silenced while the dictionary loads, so nothing reaches stderr.

A faster engine, with the same output
-------------------------------------
``Tokenizer(engine="rjieba")`` segments with rjieba (a binding of jieba-rs, the Rust port of
jieba) and gives exactly the tokens of ``engine="jieba"``, about eight times faster (the tokenize
stage of ``bench/run.py`` on 100 MB: 7.4 against 0.93 MB/s). Three differences between
the engines are bridged:

* **The dictionary total.** jieba scores a word ``log(freq) - log(total)``; jieba-rs adds every word's
  frequency to the total, while the kit keeps jieba's main total (see above). The rjieba dictionary
  is therefore rescaled so that every segmentation keeps its rank: a word of ``n`` characters gets
  ``M·freq·rⁿ⁻¹`` (``M = 2³⁰``), a character jieba does not know gets ``M``, and ``r`` solves
  ``Σ freq·rⁿ = total`` over the dictionary. Then every word's score is jieba's plus ``n·log r``,
  the same for every segmentation of a text, so jieba's choice is rjieba's (rounding moves a score
  by less than 10⁻⁸).
* **Characters that only begin words.** Some characters (``A``, ``1`` …) are in jieba's dictionary
  only as the start of longer words; where such a word fits, jieba gives the character no
  one-character path. A jieba *block* (a maximal run of ``[\u4e00-\u9fd5a-zA-Z0-9+#&._%-]``, which
  jieba segments independently of its neighbours) holding such a word is cut by Python jieba.
* **The HMM and the character classes.** With the HMM on, jieba-rs keeps ``2019-03-23`` whole where
  jieba splits it at ``-`` and ``.``: blocks holding one of ``+#&._%-`` are cut by Python jieba.
  jieba-rs counts CJK extension and compatibility characters as Han, jieba does not: a text
  holding one is cut by Python jieba entirely.

``tests/test_tokens_engine.py`` compares the two engines on the seeds and every test corpus. rjieba
is optional (``pip install rjieba``, part of the ``scale`` extra); building its dictionary takes
about two seconds once per process.

>>> from governance_kit.tokens import Tokenizer
>>> tok = Tokenizer()
>>> tok.cut("创设“党小组+”模式,实行“三治融合”")
['创设', '“', '党小组+', '”', '模式', ',', '实行', '“', '三治融合', '”']
"""
from __future__ import annotations

import contextlib
import logging
import os
import re
import threading
import warnings
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from itertools import product
from pathlib import Path

from ..errors import RuleFileError
from .dictionary import import_jieba as _import_jieba, main_dictionary as _base_dictionary, silenced as _silenced

__all__ = ["Tokenizer", "tokenize", "default_tokenizer", "load_lexicon", "load_stopwords"]

LEXICON_FILE = "lexicon.txt"
STOPWORDS_FILE = "stopwords.txt"

#: Frequency given to a term added without one (and the floor of the bundled lexicon): about that of
#: an everyday content word in jieba's dictionary (社区 6115, 长度 1542; total 60,101,967).
TERM_FREQ_FLOOR = 3000

_JIEBA_WORD = re.compile("[\u4e00-\u9fd5]+")  # runs jieba's dictionary can keep whole (its re_han class)
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_NUMBER = re.compile(
    r"[0-9０-９〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟.,．，:：%％‰+＋\-－−×/]+"
)
_ENTRY = re.compile(r"^(?P<word>.+?)(?: (?P<freq>[0-9]+))?(?: (?P<tag>[a-z]+))?$")
_ASCII_ALNUM = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
# characters matched in either form inside special terms (each variant has the same length)
_VARIANTS = {"+": "+＋", "＋": "+＋", "(": "(（", "（": "(（", ")": ")）", "）": ")）",
             "·": "·・•", "・": "·・•", "•": "·・•", " ": " \u3000", "\u3000": " \u3000"}
_MAX_VARIANTS = 64
_KEEP_CACHE_MAX = 500_000
ENGINES = ("jieba", "rjieba")
# jieba's block (re_han_default): the unit it segments on its own
_BLOCK = re.compile("[\u4e00-\u9fd5a-zA-Z0-9+#&._%\\-]+")
# characters inside a block that jieba-rs's HMM treats differently from jieba's
_HMM_UNSAFE = re.compile("[+#&._%\\-]")
# Han to jieba-rs but not to jieba (CJK extensions, compatibility ideographs, U+9FD6-U+9FFF), and
# whitespace to Python's re but not to Rust's regex: a text holding one is cut by Python jieba alone
_ENGINE_UNSAFE = re.compile("[\u3400-\u4dbf\u9fd6-\u9fff\uf900-\ufaff\U00020000-\U0003134f\x1c-\x1f]")

Entry = tuple  # (word: str, freq: int | None, tag: str | None)


# --- data files -----------------------------------------------------------------------------------

def _data_file(name: str):
    return resources.files("governance_kit") / "data" / name


def _read_lines(path, label: str) -> list[str]:
    try:
        if isinstance(path, (str, os.PathLike)):
            text = Path(path).read_text(encoding="utf-8")
        else:  # an importlib.resources Traversable
            text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FileNotFoundError(f"找不到文件 {label}") from None
    except UnicodeDecodeError:
        raise RuleFileError(f"{label} 不是 UTF-8 编码;请用记事本或 WPS 另存为 UTF-8 后再试") from None
    return text.lstrip("\ufeff").splitlines()


def _parse_lexicon(lines: Iterable[str], label: str) -> list[Entry]:
    entries = []
    for lineno, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = _ENTRY.match(line)
        freq = int(m["freq"]) if m and m["freq"] else None
        if m is None or "\t" in line or freq == 0:
            raise RuleFileError(
                f"{label} 第 {lineno} 行格式不对:{line!r};每行应为「词语 词频 词性」,用一个空格分隔,"
                f"如「网格员 3000 n」;词频(正整数)和词性(小写字母)可以省略")
        entries.append((m["word"], freq, m["tag"]))
    return entries


@lru_cache(maxsize=1)
def _bundled_lexicon() -> tuple[Entry, ...]:
    return tuple(_parse_lexicon(_read_lines(_data_file(LEXICON_FILE), LEXICON_FILE), LEXICON_FILE))


@lru_cache(maxsize=1)
def _bundled_stopwords() -> frozenset[str]:
    return _parse_stopwords(_read_lines(_data_file(STOPWORDS_FILE), STOPWORDS_FILE))


def _parse_stopwords(lines: Iterable[str]) -> frozenset[str]:
    return frozenset(w for w in (line.strip() for line in lines) if w and not w.startswith("#"))


def load_lexicon(path: str | os.PathLike | None = None) -> list[tuple[str, int | None, str | None]]:
    """The entries ``(word, freq, tag)`` of a lexicon file (``None``: the bundled ``data/lexicon.txt``).

    The format is jieba's user dictionary: one ``word freq tag`` entry per line, UTF-8, freq and
    tag optional; lines starting with ``#`` are comments. A malformed line raises
    :class:`~governance_kit.errors.RuleFileError` naming file, line and value.

    >>> ("三治融合", 3000, "nz") in load_lexicon()
    True
    """
    if path is None:
        return list(_bundled_lexicon())
    return _parse_lexicon(_read_lines(path, str(path)), str(path))


def load_stopwords(path: str | os.PathLike | None = None) -> frozenset[str]:
    """The stopwords of a file, one per line (``None``: the bundled ``data/stopwords.txt``).

    >>> sw = load_stopwords()
    >>> "的" in sw, "网格员" in sw
    (True, False)
    """
    if path is None:
        return _bundled_stopwords()
    return _parse_stopwords(_read_lines(path, str(path)))


# --- the tokenizer --------------------------------------------------------------------------------

def _text_of(obj, where: str) -> str:
    if isinstance(obj, str):
        return obj
    text = getattr(obj, "text", None)
    if isinstance(text, str):  # a Document
        return text
    if hasattr(obj, "documents"):
        raise TypeError(f"{where} 一次处理一篇文档;对整个语料请逐篇调用,如 [gk.tokenize(d) for d in corpus]")
    raise TypeError(f"{where} 需要字符串或 Document,收到的是 {type(obj).__name__}")


def _is_special(word: str) -> bool:
    """Terms jieba's dictionary cannot be relied on to keep whole: anything but a run of Han characters."""
    return _JIEBA_WORD.fullmatch(word) is None


def _variants(word: str) -> list[str]:
    options = [_VARIANTS.get(ch, ch) for ch in word]
    count = 1
    for o in options:
        count *= len(o)
    if count > _MAX_VARIANTS:
        return [word]
    return ["".join(chars) for chars in product(*options)]


def _as_entries(terms, where: str) -> list[Entry]:
    """Terms given in code: ``"网格e事"``, a list of them, or ``(word, freq[, tag])`` tuples."""
    if isinstance(terms, str):
        terms = [terms]
    try:
        items = list(terms)
    except TypeError:
        raise TypeError(f"{where} 需要词语列表,如 ['鹤乡网格e事', '红色代办'],收到的是 {type(terms).__name__}") from None
    entries = []
    for item in items:
        word, freq, tag = item, None, None
        if isinstance(item, (tuple, list)) and 1 <= len(item) <= 3:
            word, freq, tag = (*item, None, None)[:3]
        if not isinstance(word, str) or not word.strip() or "\n" in word or "\r" in word:
            raise ValueError(f"{where} 中的词语无效:{item!r};每个词语应是不含换行的非空字符串")
        if freq is not None and (isinstance(freq, bool) or not isinstance(freq, int) or freq < 1):
            raise ValueError(f"{where} 中 {word!r} 的词频无效:{freq!r};词频应为正整数,或省略由工具箱计算")
        entries.append((word.strip(), freq, tag))
    return entries


class Tokenizer:
    """Segment Chinese text with jieba plus the governance lexicon (configured once, reused).

    Parameters
    ----------
    lexicon : None, False, path or iterable of str, optional
        Terms to add to the bundled lexicon ``data/lexicon.txt``: a path to a file in jieba's
        ``word freq tag`` format, or an iterable of terms (``["鹤乡网格e事"]``, or ``(word, freq)``
        tuples). ``None`` (default): the bundled lexicon only; ``False``: no lexicon at all (bare
        jieba, for comparison). A term given without a frequency gets
        ``max(jieba's own freq, 3000, 10 × jieba.suggest_freq(term))``.
    stopwords : True, False, path or iterable of str, optional
        Words :meth:`words` drops: ``True`` (default) the bundled ``data/stopwords.txt``; ``False``
        none; a path or an iterable replaces the bundled list.
    hmm : bool, optional
        Let jieba's HMM join characters its dictionary does not know (default ``True``).
    engine : {"jieba", "rjieba"}, optional
        ``"jieba"`` (default): Python jieba. ``"rjieba"``: the same tokens, several times faster, from
        rjieba (a binding of jieba-rs; ``pip install rjieba``) with a rescaled dictionary, and Python
        jieba for the few blocks where the engines' rules differ; see the module notes.

    An instance is callable (``tok(text) == tok.words(text)``), so it plugs into scikit-learn:
    ``TfidfVectorizer(tokenizer=Tokenizer(), lowercase=False, token_pattern=None)``. It pickles (the
    jieba dictionary is rebuilt on first use after unpickling). jieba's dictionary loads on the first
    call, not at construction.

    Examples
    --------
    >>> tok = Tokenizer()
    >>> tok.cut("网格员每日开展网格风险隐患排查")
    ['网格员', '每日', '开展', '网格', '风险', '隐患', '排查']
    >>> tok.words("构建“一委三会”的基层治理体系,共划分综合网格1993个")
    ['构建', '一委三会', '基层治理', '体系', '划分', '综合网格']
    >>> tok.tokenize("推进“四议两公开”")
    [('推进', 0, 2), ('“', 2, 3), ('四议两公开', 3, 8), ('”', 8, 9)]
    >>> local = Tokenizer().add_terms(["鹤乡网格e事"])
    >>> local.cut("创新“鹤乡网格e事”品牌")
    ['创新', '“', '鹤乡网格e事', '”', '品牌']
    """

    def __init__(self, *, lexicon=None, stopwords=True, hmm: bool = True, engine: str = "jieba"):
        if not isinstance(hmm, bool):
            raise TypeError(f"hmm 只能是 True 或 False,收到的是 {hmm!r}")
        self.hmm = hmm
        self.engine = _check_engine(engine)
        if lexicon is None or lexicon is True:
            self._bundled, extra = True, []
        elif lexicon is False:
            self._bundled, extra = False, []
        elif isinstance(lexicon, (str, os.PathLike)):
            if not Path(lexicon).is_file():
                raise FileNotFoundError(
                    f"找不到词典文件 {os.fspath(lexicon)!r};若要直接添加词语,请传入列表,如 lexicon=['鹤乡网格e事']")
            self._bundled, extra = True, load_lexicon(lexicon)
        else:
            self._bundled, extra = True, _as_entries(lexicon, "lexicon")
        if stopwords is True:
            stopset = load_stopwords()
        elif stopwords is False or stopwords is None:
            stopset = frozenset()
        elif isinstance(stopwords, (str, os.PathLike)):
            if not Path(stopwords).is_file():
                raise FileNotFoundError(f"找不到停用词文件 {os.fspath(stopwords)!r};也可以传入词语列表,或 True(内置停用词表)、False(不去停用词)")
            stopset = load_stopwords(stopwords)
        else:
            try:
                stopset = frozenset(stopwords)
            except TypeError:
                raise TypeError(f"stopwords 应为 True、False、文件路径或词语列表,收到的是 {type(stopwords).__name__}") from None
            if not all(isinstance(w, str) for w in stopset):
                raise TypeError("stopwords 列表中的每一项都应是字符串")
        self._setup(self._bundled, extra, stopset)

    def _setup(self, bundled: bool, extra: list[Entry], stopset: frozenset[str]) -> None:
        self._bundled = bundled
        self._extra: list[Entry] = list(extra)
        self._stopset = stopset
        self._lock = threading.RLock()
        self._jieba = None
        self._automaton = None
        self._specials: dict[str, str] = {}
        self._keep: dict[str, bool] = {}
        self._rust = None  # engine="rjieba": (rjieba tokenizer, automaton of words Python must cut)
        entries = (list(_bundled_lexicon()) if bundled else []) + self._extra
        self._terms = {word for word, _, _ in entries}

    # --- configuration ----------------------------------------------------------------------------

    @property
    def terms(self) -> frozenset[str]:
        """Every lexicon term of this instance (bundled, given and added)."""
        return frozenset(self._terms)

    @property
    def stopword_set(self) -> frozenset[str]:
        """The stopwords :meth:`words` drops."""
        return self._stopset

    def add_terms(self, terms) -> "Tokenizer":
        """Add local terms to this instance only (other tokenizers and jieba are not affected).

        ``terms``: one term, a list of terms, or ``(word, freq)`` tuples. Returns ``self``.

        >>> tok = Tokenizer().add_terms("红色代办")
        >>> "红色代办" in tok.cut("推行红色代办服务")
        True
        """
        entries = _as_entries(terms, "add_terms")
        with self._lock:
            self._extra.extend(entries)
            self._terms.update(word for word, _, _ in entries)
            if self._jieba is not None:
                self._apply(entries)
            self._keep = {}
            self._rust = None  # rebuilt from the new dictionary on next use
        return self

    def _ensure(self):
        with self._lock:
            if self._jieba is None:
                jieba = _import_jieba()
                freq, total = _base_dictionary()
                jt = jieba.Tokenizer()
                jt.FREQ, jt.total, jt.initialized = dict(freq), total, True
                self._specials = {}
                self._jieba = jt
                self._apply((list(_bundled_lexicon()) if self._bundled else []) + self._extra)
            return self._jieba

    def _apply(self, entries: Iterable[Entry]) -> None:
        """Put entries into the private jieba dictionary or, for special terms, into the matcher."""
        jt, specials = self._jieba, self._specials
        FREQ = jt.FREQ
        for word, freq, _tag in entries:
            if _is_special(word):
                for variant in _variants(word):
                    specials[variant] = word
                self._automaton = None
                continue
            if freq is None:
                freq = max(FREQ.get(word, 0), TERM_FREQ_FLOOR, 10 * jt.suggest_freq(word))
            # jieba's total stays that of its main dictionary (unlike jieba.add_word): a larger total
            # would favour long words everywhere, so text holding no lexicon term is cut as by bare jieba
            FREQ[word] = freq  # never 0: jieba would force-split it through its global HMM module
            for k in range(1, len(word)):
                FREQ.setdefault(word[:k], 0)

    def _matcher(self):
        if self._automaton is None and self._specials:
            import ahocorasick_rs

            self._automaton = ahocorasick_rs.AhoCorasick(
                list(self._specials), matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
        return self._automaton

    # --- segmentation -----------------------------------------------------------------------------

    def _special_spans(self, text: str) -> list[tuple[int, int]]:
        automaton = self._matcher()
        if automaton is None:
            return []
        spans, n = [], len(text)
        for _, start, end in automaton.find_matches_as_indexes(text):
            # a term starting or ending with a Latin letter or digit must not cut into a longer run
            if text[start] in _ASCII_ALNUM and start > 0 and text[start - 1] in _ASCII_ALNUM:
                continue
            if text[end - 1] in _ASCII_ALNUM and end < n and text[end] in _ASCII_ALNUM:
                continue
            spans.append((start, end))
        return spans

    def cut(self, text) -> list[str]:
        """All tokens of ``text``, whitespace and punctuation included: ``"".join(tokens) == text``.

        >>> Tokenizer().cut("村(居)委会 主任")
        ['村(居)委会', ' ', '主任']
        """
        text = _text_of(text, "cut")
        jt = self._jieba or self._ensure()
        hmm = self.hmm
        if self.engine == "rjieba" and _ENGINE_UNSAFE.search(text) is None:
            lcut = self._hybrid_cut
        else:
            lcut = jt.lcut
        spans = self._special_spans(text) if self._specials else ()
        if not spans:
            return lcut(text, HMM=hmm)
        tokens, pos = [], 0
        for start, end in spans:
            if start > pos:
                tokens += lcut(text[pos:start], HMM=hmm)
            tokens.append(text[start:end])
            pos = end
        if pos < len(text):
            tokens += lcut(text[pos:], HMM=hmm)
        return tokens

    def _python_blocks(self, text: str, marks_automaton) -> list[tuple[int, int]]:
        """Spans of the jieba blocks Python jieba must cut (engine="rjieba"): those holding a word that
        starts with a character known only as a word start, and with the HMM on those holding one of
        ``+#&._%-``; neighbouring ones merged."""
        marks = [s for _, s, _ in marks_automaton.find_matches_as_indexes(text)] if marks_automaton else []
        if self.hmm:
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
            while left > 0 and _in_block(text[left - 1]):
                left -= 1
            start, end = search(text, left).span()
            if spans and search(text, spans[-1][1], start) is None:
                spans[-1] = (spans[-1][0], end)  # no block between: one call for both
            else:
                spans.append((start, end))
        return spans

    def _hybrid_cut(self, text: str, HMM: bool = True) -> list[str]:  # noqa: N803 (jieba's keyword)
        """``jt.lcut(text, HMM=HMM)``, computed by rjieba except on the blocks of :meth:`_python_blocks`."""
        rust, marks = self._rust or self._ensure_rust()
        spans = self._python_blocks(text, marks)
        if not spans:
            return rust.cut(text, HMM)
        jt = self._jieba
        tokens, pos = [], 0
        for start, end in spans:
            if start > pos:
                tokens += rust.cut(text[pos:start], HMM)
            tokens += jt.lcut(text[start:end], HMM=HMM)
            pos = end
        if pos < len(text):
            tokens += rust.cut(text[pos:], HMM)
        return tokens

    def _ensure_rust(self):
        with self._lock:
            if self._rust is None:
                key = (self._bundled, tuple(self._extra))
                built = _RUST_CACHE.get(key)
                if built is None:
                    built = _RUST_CACHE[key] = _scaled_rjieba(self._jieba.FREQ, self._jieba.total)
                    while len(_RUST_CACHE) > 2:
                        _RUST_CACHE.pop(next(iter(_RUST_CACHE)))
                self._rust = built
            return self._rust

    def tokenize(self, text) -> list[tuple[str, int, int]]:
        """``(word, start, end)`` for every token, with ``text[start:end] == word``.

        >>> Tokenizer().tokenize("实行“互联网+基层治理”")
        [('实行', 0, 2), ('“', 2, 3), ('互联网+基层治理', 3, 11), ('”', 11, 12)]
        """
        out, pos = [], 0
        for word in self.cut(text):
            end = pos + len(word)
            out.append((word, pos, end))
            pos = end
        return out

    def _keeps(self, token: str) -> bool:
        if token in self._stopset:
            return False
        if token in self._terms:
            return True
        return _HAN.search(token) is not None and _NUMBER.fullmatch(token) is None

    def words(self, text) -> list[str]:
        """Content words: :meth:`cut` without stopwords, punctuation, whitespace, bare numbers and
        Latin or pinyin fragments (lexicon terms are always kept unless listed as stopwords).

        >>> Tokenizer().words("我县共划分综合网格1993个、专属网格442个")
        ['我县', '划分', '综合网格', '专属网格']
        """
        keep, kept = self._keep, self._kept
        return [token for token in self.cut(text) if (keep[token] if token in keep else kept(token))]

    __call__ = words

    def word_spans(self, text) -> list[tuple[str, int, int]]:
        """The content words of :meth:`words` with their offsets, as :meth:`tokenize` gives them.

        >>> Tokenizer().word_spans("我县共划分综合网格1993个")
        [('我县', 0, 2), ('划分', 3, 5), ('综合网格', 5, 9)]
        """
        keep, kept = self._keep, self._kept
        return [span for span in self.tokenize(text) if (keep[span[0]] if span[0] in keep else kept(span[0]))]

    def _kept(self, token: str) -> bool:
        """:meth:`_keeps`, remembered for up to ``_KEEP_CACHE_MAX`` distinct tokens."""
        flag = self._keep.get(token)
        if flag is None:
            flag = self._keeps(token)
            if len(self._keep) < _KEEP_CACHE_MAX:
                self._keep[token] = flag
        return flag

    # --- pickling and display ---------------------------------------------------------------------

    def __getstate__(self) -> dict:
        return {"hmm": self.hmm, "bundled": self._bundled, "extra": list(self._extra),
                "stopwords": self._stopset, "engine": self.engine}

    def __setstate__(self, state: dict) -> None:
        self.hmm = state["hmm"]
        self.engine = state.get("engine", "jieba")
        self._setup(state["bundled"], state["extra"], state["stopwords"])

    def __repr__(self) -> str:
        source = "内置词典" if self._bundled else "无内置词典"
        return (f"<Tokenizer {source} + {len(self._extra)} 个自定义词语 (共 {len(self._terms)} 个词语),"
                f" {len(self._stopset)} 个停用词, hmm={self.hmm}{', engine=rjieba' if self.engine == 'rjieba' else ''}>")


_BLOCK_ASCII = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+#&._%-")


def _in_block(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fd5" or ch in _BLOCK_ASCII


def _check_engine(engine) -> str:
    if engine not in ENGINES:
        raise ValueError(f"engine 只能是 {' 或 '.join(repr(e) for e in ENGINES)},收到的是 {engine!r}")
    if engine == "rjieba" and not rjieba_available():
        raise ImportError("engine='rjieba' 需要安装 rjieba(pip install rjieba);不安装也可以用默认的 engine='jieba',结果相同,只是慢一些")
    return engine


def rjieba_available() -> bool:
    """Whether the optional rjieba package is installed (checked without importing it)."""
    import importlib.util

    return importlib.util.find_spec("rjieba") is not None


_RUST_CACHE: dict = {}
_RUST_SCALE = 2 ** 30


def _scaled_rjieba(freq: dict, total: int):
    """An rjieba tokenizer that segments like a jieba one with dictionary ``freq`` and ``total``.

    jieba's score of a word is ``log f - log total``; rjieba's is ``log f' - log T'`` with ``T' = Σ f'``.
    With ``f' = M·f·rⁿ⁻¹`` (``n``: the word's length) and ``r`` solving ``r·Σ f·rⁿ⁻¹ = total``, rjieba's
    score is jieba's plus ``n·log r``: a constant per character, so the same for every segmentation
    of a block, and the best segmentation is the same. Characters of the block class that jieba's
    dictionary lacks get ``f = 1`` (jieba's default) and so ``M``. Characters jieba knows only as
    the start of longer words (frequency 0) get ``M`` too; where one of those longer words fits, the
    block goes to Python jieba (the words are returned as an automaton that marks those blocks).
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
        add(w, max(1, round(_RUST_SCALE * f * r ** (len(w) - 1))), "")
    for c in unknown:
        add(c, _RUST_SCALE, "")
    marked = sorted(w for w, _ in words if w[0] in starts_only)
    marks = ahocorasick_rs.AhoCorasick(marked) if marked else None
    return rust, marks


# --- module-level shortcuts -----------------------------------------------------------------------

_DEFAULT: Tokenizer | None = None
_DEFAULT_LOCK = threading.Lock()


def default_tokenizer() -> Tokenizer:
    """The shared :class:`Tokenizer` behind :func:`tokenize` (bundled lexicon and stopwords), built once.

    Add terms to your own instance (``Tokenizer().add_terms(...)``), not to this shared one.
    """
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = Tokenizer()
        return _DEFAULT


def tokenize(text_or_doc, *, stopwords: bool = True) -> list[str]:
    """Segment a string or a Document with the kit's lexicon.

    ``stopwords=True`` (default) returns content words (:meth:`Tokenizer.words`); ``False`` returns
    every token (:meth:`Tokenizer.cut`), so ``"".join(tokenize(text, stopwords=False)) == text``.

    >>> tokenize("坚持和发展新时代“枫桥经验”,做到小事不出村")
    ['坚持', '发展', '新时代', '枫桥经验', '做到', '小事不出村']
    >>> tokenize("三治融合的射阳实践", stopwords=False)
    ['三治融合', '的', '射阳', '实践']
    """
    text = _text_of(text_or_doc, "tokenize")
    if stopwords is True:
        return default_tokenizer().words(text)
    if stopwords is False:
        return default_tokenizer().cut(text)
    raise ValueError(f"stopwords 只能是 True 或 False,收到的是 {stopwords!r};"
                     "要用自己的停用词表,请创建 Tokenizer(stopwords=...) 并调用其 words()")
