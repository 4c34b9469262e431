"""What every candidate finder of discovery shares: the :class:`Candidate` it yields and
:class:`ScannedText`, the lookups of one text computed once (book titles, sentences, category cues).

Each kind of candidate has its own finder, a subclass of :class:`ScannedText` (see
:mod:`governance_kit.codebook.discovery.scanner`, which combines them); :func:`~governance_kit.codebook.discovery.finder.discover`
scores and merges what they yield.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ...tokens.sentences import SentenceIndex
from .rules import CATEGORIES, HAN, DiscoveryRules

CLOSING_QUOTES = "”」』’"
HAN_CHAR = re.compile(f"[{HAN}]")
_BOOK = re.compile(r"《[^《》\n]{0,80}》")


@dataclass
class Candidate:
    """A span a finder proposes as a name: ``kind`` (one of discovery's kinds), the score of the
    cues found so far and those cues (in Chinese, for review)."""

    start: int
    end: int
    kind: str
    score: float
    cues: list[str]


class ScannedText:
    """One text and its rules: book-title spans, category cue hits and sentence spans, computed once.

    >>> from governance_kit.codebook.discovery.rules import default_discovery_rules
    >>> scan = ScannedText("依据《人民调解法》成立调解室。", default_discovery_rules())
    >>> scan.in_book(3, 7), scan.category(11, 14, scan.sentence(11, 14))
    (True, ('dispute_resolution', 'name'))
    """

    def __init__(self, text: str, rules: DiscoveryRules):
        self.text, self.r = text, rules
        self.books = [m.span() for m in _BOOK.finditer(text)]
        self._book_starts = [a for a, _ in self.books]
        self.sentences = SentenceIndex(text)
        hits = [(m.start(), m.end(), m.group()) for m in rules.category_re.finditer(text)]
        self._hit_starts = [h[0] for h in hits]
        self._hits = hits

    def in_book(self, start: int, end: int) -> bool:
        """Whether ``start:end`` lies inside a book title (《…》): a law or a document, not a mechanism."""
        i = bisect_right(self._book_starts, start) - 1
        return i >= 0 and self.books[i][0] <= start and end <= self.books[i][1]

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The span of the sentence(s) holding ``start:end``."""
        a, b = self.sentences.span_at(start)
        if a == b:
            a, b = start, end
        b = max(b, self.sentences.span_at(max(start, end - 1))[1], end)
        return min(a, start), b

    def category(self, start: int, end: int, sent: tuple[int, int]) -> tuple[str | None, str]:
        """The guessed category and where its evidence was (``name``, ``sentence`` or ``""``)."""
        r, scores, longest = self.r, {}, {}
        for m in r.category_re.finditer(self.text, start, end):
            for cat in r.cue_categories[m.group()]:
                scores[cat] = scores.get(cat, 0.0) + 2.0
                longest[cat] = max(longest.get(cat, 0), len(m.group()))
        lo, hi = bisect_left(self._hit_starts, sent[0]), bisect_left(self._hit_starts, sent[1])
        counted: dict[str, int] = {}
        for a, b, cue in self._hits[lo:hi]:
            if b > sent[1] or (a < end and b > start):
                continue
            for cat in r.cue_categories[cue]:
                if counted.get(cat, 0) < 3:
                    counted[cat] = counted.get(cat, 0) + 1
                    scores[cat] = scores.get(cat, 0.0) + 0.5
        if not scores:
            return None, ""
        order = {c: i for i, c in enumerate(CATEGORIES)}
        best = max(scores, key=lambda c: (scores[c], longest.get(c, 0), -order[c]))
        return best, "name" if best in longest else "sentence"

    def trim_left(self, run_start: int, head: int) -> int:
        """Move ``run_start`` past the last verb or function word before ``head`` (建立, 在, 的 …)."""
        cut = run_start
        for m in self.r.boundary.finditer(self.text, run_start, head):
            if m.lastgroup == "cut":
                cut = m.end()
        return cut
