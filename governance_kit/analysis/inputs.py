"""What every analysis verb (and viz's word cloud) takes in: documents from any input, and the kit's words.

``documents_of`` accepts a Document, a Corpus, a list of Documents or a string (cleaned first);
``words_of`` segments with the kit's tokenizer (governance lexicon, ``words()``: no stopwords,
punctuation, bare numbers or pinyin fragments).
"""
from __future__ import annotations

__all__ = ["documents_of", "words_of"]


def documents_of(doc_or_corpus, where: str) -> list:
    """The documents of ``doc_or_corpus``; ``where`` (the verb's name) starts the Chinese error when
    the input is of the wrong kind (``TypeError``) or holds no document (``ValueError``)."""
    from ..corpus import as_documents

    try:
        docs = as_documents(doc_or_corpus)
    except TypeError as exc:
        raise TypeError(f"{where} 需要文档、语料库、文档列表或字符串:{exc}") from None
    if not docs:
        raise ValueError(f"{where}:没有文档可分析")
    return docs


def words_of(text: str) -> list[str]:
    """The kit's words of ``text`` (the default tokenizer's ``words()``)."""
    from ..tokens import default_tokenizer

    return default_tokenizer().words(text)
