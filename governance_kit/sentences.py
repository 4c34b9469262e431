"""Sentence spans of clean Chinese text: the unit of evidence for codings, metrics and places.

A sentence ends after 。！？!? or ; / ；(a semicolon ends a clause that reads as a sentence in
policy prose: 网格员每日开展排查;网格党小组每周会办…), or at a line end; closing quotes and
brackets after the mark stay with the sentence.
"""
from __future__ import annotations

import re
from bisect import bisect_right

_SENTENCE = re.compile(r"[^\n。！？!?；;]*(?:[。！？!?；;]+[”’」』）)]*|\n|$)")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every sentence, leading/trailing spaces excluded; empty ones skipped.

    >>> text = "网格员每日排查;小组每周会办。村民说:“好!”\\n新段落"
    >>> [text[a:b] for a, b in sentence_spans(text)]
    ['网格员每日排查;', '小组每周会办。', '村民说:“好!”', '新段落']
    """
    spans = []
    for m in _SENTENCE.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start] in " \t\n":
            start += 1
        while end > start and text[end - 1] in " \t\n":
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


class SentenceIndex:
    """Find the sentence holding a position quickly (one sentence split per text)."""

    def __init__(self, text: str):
        self.text = text
        self.spans = sentence_spans(text)
        self._starts = [a for a, _ in self.spans]

    def span_at(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < self.spans[i][1]:
            return self.spans[i]
        return (pos, pos)

    def sentence_at(self, pos: int, end: int | None = None) -> str:
        """The sentence containing ``pos`` (extended to the sentence holding ``end`` when a match spans two)."""
        a, b = self.span_at(pos)
        if end is not None and end > b:
            b = max(b, self.span_at(end - 1)[1])
        return self.text[a:b]
