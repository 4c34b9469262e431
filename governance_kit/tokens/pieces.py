"""The dictionary-only cut that discovery, metrics and places use to test whether a string is made of
known words: jieba's main dictionary, the kit's lexicon terms, and a ``cut`` without jieba's HMM."""
from __future__ import annotations

import threading

from .dictionary import main_dictionary
from .lexicon import bundled_lexicon
from .tokenizer import Tokenizer

_PIECES: tuple | None = None  # (lexicon entries, the tokenizer built with them)
_LOCK = threading.Lock()


def dictionary_pieces():
    """jieba's main dictionary (word -> frequency), the kit's lexicon terms, and a ``cut`` into
    dictionary words without jieba's HMM (which would glue unknown characters into one new word,
    藏鸡托养). Rebuilt after ``data/lexicon.txt`` is edited.

    >>> words, terms, cut = dictionary_pieces()
    >>> cut("藏鸡托养"), "三治融合" in terms, words["网格"] > 0
    (['藏', '鸡', '托', '养'], True, True)
    """
    global _PIECES
    lexicon = bundled_lexicon()
    with _LOCK:
        if _PIECES is None or _PIECES[0] is not lexicon:
            _PIECES = (lexicon, Tokenizer(hmm=False))
        pieces = _PIECES[1]
    return main_dictionary()[0], pieces.terms, pieces.cut
