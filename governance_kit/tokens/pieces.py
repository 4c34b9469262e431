"""The dictionary-only cut that discovery, metrics and places use to test whether a string is made of
known words: jieba's main dictionary, the kit's lexicon terms, and a ``cut`` without jieba's HMM."""
from __future__ import annotations

from .dictionary import main_dictionary
from .tokenizer import Tokenizer

_PIECES = None


def dictionary_pieces():
    """jieba's main dictionary (word -> frequency), the kit's lexicon terms, and a ``cut`` into
    dictionary words without jieba's HMM (which would glue unknown characters into one new word:
    藏鸡托养 must come out as 藏/鸡/托养)."""
    global _PIECES

    if _PIECES is None:
        _PIECES = Tokenizer(hmm=False)
    return main_dictionary()[0], _PIECES.terms, _PIECES.cut
