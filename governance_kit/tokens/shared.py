"""The tokenizer every caller shares: :func:`default_tokenizer` (bundled lexicon and stopwords) and
the module-level :func:`tokenize` (``gk.tokenize``) that uses it.

The shared tokenizer is never changed, so one notebook cell cannot silently alter what
``gk.tokenize`` gives in every other: its :meth:`~SharedTokenizer.add_terms` returns a new
:class:`~governance_kit.tokens.tokenizer.Tokenizer` of the caller's own, and its settings cannot be
reassigned. It is rebuilt when an instructor edits ``data/lexicon.txt`` or ``data/stopwords.txt``.
"""
from __future__ import annotations

import threading

from .lexicon import bundled_lexicon, bundled_stopwords
from .tokenizer import Tokenizer, text_of

__all__ = ["SharedTokenizer", "default_tokenizer", "tokenize"]


class SharedTokenizer(Tokenizer):
    """A :class:`Tokenizer` with the bundled lexicon and stopwords that no caller can change.

    >>> shared = default_tokenizer()
    >>> mine = shared.add_terms("红色代办")
    >>> mine is shared, "红色代办" in mine.terms, "红色代办" in shared.terms
    (False, True, False)
    """

    def __init__(self):
        super().__init__()
        self._frozen = True

    def add_terms(self, terms) -> Tokenizer:
        """A new tokenizer of the caller's own: the bundled lexicon plus ``terms`` (this one is unchanged)."""
        return self.with_terms(terms)

    def __setattr__(self, name: str, value) -> None:
        if not name.startswith("_") and getattr(self, "_frozen", False):
            raise AttributeError(f"共享的默认分词器不能修改(属性 {name});"
                                 "请新建自己的分词器,如 gk.Tokenizer(hmm=False) 或 gk.Tokenizer().add_terms([...])")
        super().__setattr__(name, value)

    def __reduce__(self):
        return default_tokenizer, ()  # unpickled or copied: the shared tokenizer of that process


_DEFAULT: tuple | None = None  # (lexicon entries, stopwords, the tokenizer built from them)
_DEFAULT_LOCK = threading.Lock()


def default_tokenizer() -> SharedTokenizer:
    """The shared tokenizer behind :func:`tokenize` (bundled lexicon and stopwords), built once and
    rebuilt after the bundled lexicon or stopword file is edited.

    It cannot be changed: ``default_tokenizer().add_terms(...)`` returns a new tokenizer of your own,
    like ``Tokenizer().add_terms(...)``.
    """
    global _DEFAULT
    lexicon, stopwords = bundled_lexicon(), bundled_stopwords()
    with _DEFAULT_LOCK:
        if _DEFAULT is None or _DEFAULT[0] is not lexicon or _DEFAULT[1] is not stopwords:
            _DEFAULT = (lexicon, stopwords, SharedTokenizer())
        return _DEFAULT[2]


def tokenize(text_or_doc, *, stopwords: bool = True) -> list[str]:
    """Segment a string or a Document with the kit's lexicon.

    ``stopwords=True`` (default) returns content words (:meth:`Tokenizer.words`); ``False`` returns
    every token (:meth:`Tokenizer.cut`), so ``"".join(tokenize(text, stopwords=False)) == text``.

    >>> tokenize("坚持和发展新时代“枫桥经验”,做到小事不出村")
    ['坚持', '发展', '新时代', '枫桥经验', '做到', '小事不出村']
    >>> tokenize("三治融合的射阳实践", stopwords=False)
    ['三治融合', '的', '射阳', '实践']
    """
    text = text_of(text_or_doc, "tokenize")
    if stopwords is True:
        return default_tokenizer().words(text)
    if stopwords is False:
        return default_tokenizer().cut(text)
    raise ValueError(f"stopwords 只能是 True 或 False,收到的是 {stopwords!r};"
                     "要用自己的停用词表,请创建 Tokenizer(stopwords=...) 并调用其 words()")
