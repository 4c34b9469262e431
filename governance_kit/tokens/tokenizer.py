"""Word segmentation: jieba with the kit's governance lexicon and stopword list.

Bare jieba does not know the vocabulary of grassroots governance: it cuts 三治融合 into 三治/融合,
网格员 into 网格/员 and 四议两公开 into 四议/两/公开, so word counts, keywords and TF-IDF miss the
very terms a course on 基层治理 is about. :class:`Tokenizer` adds the bundled lexicon
(``data/lexicon.txt``, about 1,200 terms) to a private jieba dictionary.

How it works
------------
* Each :class:`Tokenizer` owns a private ``jieba.Tokenizer``: jieba's main dictionary (read once per
  process, from a cache file in the kit's cache folder: :mod:`.dictionary`) plus the lexicon
  (:mod:`.lexicon`). jieba's global tokenizer ``jieba.dt`` is never initialised or changed, so other
  code using jieba is not affected, and :meth:`Tokenizer.add_terms` changes one instance only.
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
* ``Tokenizer(engine="rjieba")`` gives exactly the same tokens, several times faster
  (:mod:`.engine`).

jieba is imported on first use, not when this module is imported; its log messages ("Building
prefix dict…") are silenced while the dictionary loads, so nothing reaches stderr. The shared
tokenizer behind :func:`governance_kit.tokenize` lives in :mod:`.shared`.

>>> from governance_kit.tokens import Tokenizer
>>> tok = Tokenizer()
>>> tok.cut("创设“党小组+”模式,实行“三治融合”")
['创设', '“', '党小组+', '”', '模式', ',', '实行', '“', '三治融合', '”']
"""
from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterable
from itertools import product
from pathlib import Path

from .dictionary import import_jieba as _import_jieba, main_dictionary as _base_dictionary
from .engine import ENGINE_UNSAFE, ENGINES, check_engine, hybrid_cut, python_blocks, rjieba_for
from .engine import rjieba_available  # imported from here by governance_kit.pipeline
from .lexicon import Entry, as_entries, bundled_lexicon, load_lexicon, load_stopwords

__all__ = ["Tokenizer", "load_lexicon", "load_stopwords", "ENGINES", "rjieba_available", "text_of"]


#: Frequency given to a term added without one (and the floor of the bundled lexicon): about that of
#: an everyday content word in jieba's dictionary (社区 6115, 长度 1542; total 60,101,967).
TERM_FREQ_FLOOR = 3000

_JIEBA_WORD = re.compile("[\u4e00-\u9fd5]+")  # runs jieba's dictionary can keep whole (its re_han class)
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_NUMBER = re.compile(
    r"[0-9０-９〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟.,．，:：%％‰+＋\-－−×/]+"
)
_ASCII_ALNUM = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
# characters matched in either form inside special terms (each variant has the same length)
_VARIANTS = {"+": "+＋", "＋": "+＋", "(": "(（", "（": "(（", ")": ")）", "）": ")）",
             "·": "·・•", "・": "·・•", "•": "·・•", " ": " \u3000", "\u3000": " \u3000"}
_MAX_VARIANTS = 64
_KEEP_CACHE_MAX = 500_000


def text_of(obj, where: str) -> str:
    """The text of a string or a Document; a Chinese ``TypeError`` naming ``where`` otherwise."""
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
        self.engine = check_engine(engine)
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
            self._bundled, extra = True, as_entries(lexicon, "lexicon")
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
        self._base: tuple[Entry, ...] = bundled_lexicon() if bundled else ()  # as read at construction
        self._terms = {word for word, _, _ in self._base} | {word for word, _, _ in self._extra}

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

        ``terms``: one term, a list of terms, or ``(word, freq)`` tuples. Returns ``self``. The shared
        tokenizer of :func:`~governance_kit.tokens.default_tokenizer` is never changed: there,
        ``add_terms`` returns a new tokenizer, as :meth:`with_terms` does.

        >>> tok = Tokenizer().add_terms("红色代办")
        >>> "红色代办" in tok.cut("推行红色代办服务")
        True
        """
        entries = as_entries(terms, "add_terms")
        with self._lock:
            self._extra.extend(entries)
            self._terms.update(word for word, _, _ in entries)
            if self._jieba is not None:
                self._apply(entries)
            self._keep = {}
            self._rust = None  # rebuilt from the new dictionary on next use
        return self

    def with_terms(self, terms) -> Tokenizer:
        """A new tokenizer: this one's lexicon, stopwords, HMM and engine plus ``terms``; this one is
        left unchanged.

        >>> base = Tokenizer()
        >>> mine = base.with_terms("红色代办")
        >>> "红色代办" in mine.terms, "红色代办" in base.terms
        (True, False)
        """
        entries = as_entries(terms, "add_terms")
        clone = Tokenizer.__new__(Tokenizer)
        clone.__setstate__(Tokenizer.__getstate__(self))
        return clone.add_terms(entries)

    def _ensure(self):
        with self._lock:
            if self._jieba is None:
                jieba = _import_jieba()
                freq, total = _base_dictionary()
                jt = jieba.Tokenizer()
                jt.FREQ, jt.total, jt.initialized = dict(freq), total, True
                self._specials = {}
                self._jieba = jt
                self._apply(list(self._base) + self._extra)
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
        text = text_of(text, "cut")
        jt = self._jieba or self._ensure()
        hmm = self.hmm
        if self.engine == "rjieba" and ENGINE_UNSAFE.search(text) is None:
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
        """The spans Python jieba must cut for engine="rjieba" (:func:`.engine.python_blocks`)."""
        return python_blocks(text, marks_automaton, self.hmm)

    def _hybrid_cut(self, text: str, HMM: bool = True) -> list[str]:  # noqa: N803 (jieba's keyword)
        """``jt.lcut(text, HMM=HMM)``, computed by rjieba except on the blocks of :meth:`_python_blocks`."""
        rust, marks = self._rust or self._ensure_rust()
        return hybrid_cut(text, HMM, rust, marks, self._jieba.lcut)

    def _ensure_rust(self):
        with self._lock:
            if self._rust is None:
                key = (self._base, tuple(self._extra))
                self._rust = rjieba_for(key, self._jieba.FREQ, self._jieba.total)
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

