"""The matching engine of coding: every name, alias and cue of a codebook found in a batch of texts.

Coding is one scan per text for the names (one Aho-Corasick automaton over every name and alias,
with the literal anchors of the cues, :mod:`governance_kit.codebook.cue_anchors`) and one scan for
the cues without an anchor; what follows the scans runs on batches of texts, numpy working on all
their hits at once. Overlapping name hits are resolved longest first
(:mod:`governance_kit.codebook.overlaps`); a cue hit overlapping a name hit of the same pattern is
dropped. The engine works on a tuple of :class:`~governance_kit.codebook.entries.Pattern`; a
codebook builds and keeps one (:meth:`Codebook.matcher <governance_kit.codebook.Codebook.matcher>`).

>>> from governance_kit.codebook.entries import Pattern
>>> m = Matcher((Pattern("sanzhi", "三治融合", "self_governance", aliases=["三治"]),))
>>> m.find("推进三治融合,三治并举")
[(2, 6, 0, 'name', 1.0), (7, 9, 0, 'alias', 1.0)]
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .cue_anchors import cue_anchors, cue_width
from .overlaps import longest_first_order

if TYPE_CHECKING:
    from .entries import Pattern

NAME_CONFIDENCE = 1.0
CUE_CONFIDENCE = 0.7

_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")


class _Cue:
    """One cue: its regex, its pattern, and the literal anchors one of which every match contains.

    ``anchors``: ``(literal, before_min, before_max)`` — the literal starts between ``before_min`` and
    ``before_max`` characters after the match start. ``None``: no usable anchor (scanned in full).
    """

    __slots__ = ("regex", "pattern", "anchors", "width")

    def __init__(self, regex: re.Pattern, pattern: int, anchors, width: int | None):
        self.regex, self.pattern, self.anchors, self.width = regex, pattern, anchors, width



class Hits:
    """Hits of a batch of texts as columns (numpy arrays, one entry per hit): ``doc`` (the text's
    number in the batch), ``start``, ``end``, ``pattern`` (index into the patterns), ``via`` (index
    into ``Matcher.vias``), ``match`` (index into ``matches``, a list of strings: a name hit's match
    is its automaton key) and ``confidence``.
    """

    __slots__ = ("doc", "start", "end", "pattern", "via", "match", "confidence", "matches")
    _COLUMNS = ("doc", "start", "end", "pattern", "via", "match", "confidence")

    def __init__(self, doc, start, end, pattern, via, match, confidence, matches):
        self.doc, self.start, self.end, self.pattern = doc, start, end, pattern
        self.via, self.match, self.confidence, self.matches = via, match, confidence, matches

    def __len__(self) -> int:
        return len(self.start)

    def take(self, index) -> Hits:
        """The hits at ``index`` (numpy indices, in that order, or a mask)."""
        return Hits(*(getattr(self, c)[index] for c in self._COLUMNS), self.matches)

    def merged(self, other: Hits) -> Hits:
        """These hits and ``other``'s, in order of document, start, end, pattern (``list.sort`` of
        the hit tuples of :meth:`Matcher.find`: no two hits share all four)."""
        import numpy as np

        both = Hits(*(np.concatenate([getattr(self, c), getattr(other, c)]) for c in self._COLUMNS),
                    list(self.matches) + list(other.matches))
        both.match[len(self):] += len(self.matches)
        return both.take(np.lexsort((both.pattern, both.end, both.start, both.doc)))


class Matcher:
    """Names, aliases and cue anchors in one Aho-Corasick automaton; cues verified where an anchor is.

    The automaton (``ahocorasick_rs``, a binding of the Rust ``aho-corasick`` crate, built as a DFA)
    reports every occurrence of every key, overlapping ones included, in one pass over the text;
    offsets are in characters. Overlaps among names are then resolved longest first (not leftmost
    first: in 整治形式主义、官僚主义 the 9-character name wins over 整治形式主义). Speed notes
    (measured, see bench/coding.py): this scan runs at about 100 MB/s on the seeds, twice
    pyahocorasick with its root lookups tuned; what follows it is batched over many texts
    (:meth:`find_all`). A single alternation of all cues scanned by ``re``
    was 20x slower than the cues one by one (``re`` has no multi-literal prefilter), so each cue is
    found through a literal it must contain (:func:`cue_anchors`) and confirmed with ``match`` at
    the few possible start positions; cues without such a literal are scanned in one alternation.
    """

    def __init__(self, patterns: tuple[Pattern, ...]):
        import time

        t0 = time.perf_counter()
        self.patterns = patterns
        names: dict[str, tuple[int, str, int]] = {}
        for i, p in enumerate(patterns):
            for simple, via in p.surfaces():
                names.setdefault(simple, (i, via, len(simple)))  # validation: one owner per surface
        self.surfaces: set[str] = set(names)
        self.cues: list[_Cue] = []
        anchored: dict[str, list[tuple[int, int, int, int]]] = {}
        branches, self.cue_groups = [], {}
        sample = "\n".join(p.example + "\n" + p.description for p in patterns)  # governance prose
        for i, p in enumerate(patterns):
            for cue in p.cues:
                regex = re.compile(cue)
                anchors = cue_anchors(cue, sample.count)
                k = len(self.cues)
                self.cues.append(_Cue(regex, i, anchors, cue_width(cue)))
                if anchors:
                    for lit, lo, hi in anchors:
                        anchored.setdefault(lit, []).append((k, lo, hi, len(lit)))
                elif not regex.groupindex and not _BACKREFERENCE.search(cue):
                    name = f"c{k}"
                    self.cue_groups[name] = k
                    branches.append(f"(?P<{name}>{cue})")
        self.unanchored = [k for k, q in enumerate(self.cues) if not q.anchors and f"c{k}" not in self.cue_groups]
        self.cue_re = re.compile("|".join(branches)) if branches else None

        # key k of the automaton: a name (pattern, via) and/or a cue anchor (its cues)
        keys = sorted(set(names) | set(anchored))
        self.name_of = [names.get(key, (-1, "", 0))[:2] for key in keys]
        self.anchors_of = [tuple(anchored.get(key, ())) for key in keys]
        self.keys = keys
        self.vias = sorted({via for _, via, _ in names.values()}) + ["cue"]  # via codes of the hits
        self._columns = None  # per key, as arrays: made on the first scan (numpy)
        self.automaton = None
        if keys:
            import ahocorasick_rs

            self.automaton = ahocorasick_rs.AhoCorasick(
                keys, implementation=ahocorasick_rs.Implementation.DFA)
        self.build_seconds = time.perf_counter() - t0

    def find(self, text: str) -> list[tuple[int, int, int, str, float]]:
        """``(start, end, pattern index, via, confidence)`` of every hit, in text order (the hits of
        :meth:`find_all` for one text, as tuples)."""
        hits = self.find_all([text])
        vias = [self.vias[v] for v in hits.via.tolist()]
        return list(zip(hits.start.tolist(), hits.end.tolist(), hits.pattern.tolist(), vias, hits.confidence.tolist()))

    def find_all(self, texts: list[str]) -> Hits:
        """The hits of many texts at once, as columns (:class:`Hits`), in order of text, start, end.

        Batched: the automaton runs once per text, then every step with as many iterations as hits is
        done by numpy over the whole batch; the only Python loops left are over cue anchors (each
        confirmed with ``re``) and over the rare clusters that need the slow path of :mod:`~governance_kit.codebook.overlaps`. On 5 MB of seed
        copies (53k raw hits) this takes 80–90 ms, 40 of them in the automaton, against 105–125 ms
        for the same steps done hit by hit in Python, text by text. The price is numpy's cost per
        call: text by text, :meth:`find` takes about twice that (0.5 ms for a text of 4k characters),
        so code many texts with this method. Positions are made global (each text's offset added,
        see :func:`_offsets`) so that hits of different texts never overlap.
        """
        offset = _offsets(texts)
        doc, key, start, end = self._scan_keys(texts)
        names = self._names(doc, key, start, end, offset)
        cues = self._cues(texts, doc, key, end, offset)
        if not len(cues):
            return names
        return names.merged(cues.take(~_overlaps_same_pattern(cues, names, offset)))

    def _names(self, doc, key, start, end, offset) -> Hits:
        """The name hits among the key hits, overlaps resolved longest first."""
        import numpy as np

        key_pattern, key_via, _ = self._key_columns()
        is_name = key_pattern[key] >= 0
        doc, key, start, end = doc[is_name], key[is_name], start[is_name], end[is_name]
        names = Hits(doc, start, end, key_pattern[key], key_via[key], key, np.full(len(key), NAME_CONFIDENCE),
                     self.keys)
        return names.take(longest_first_order(start + offset[doc], end + offset[doc]))

    def _cues(self, texts, doc, key, end, offset) -> Hits:
        """The cue hits (found through the anchors among the key hits, or scanned), overlaps among the
        hits of each pattern resolved longest first."""
        import numpy as np

        anchored = self._key_columns()[2][key]
        found = self._confirm(texts, doc[anchored], key[anchored], end[anchored])
        if self.cue_re is not None or self.unanchored:
            for d, text in enumerate(texts):
                found.extend((d,) + hit[:3] for hit in self._scan(text))
        n = len(found)
        doc, start, end, pattern = np.array(found, dtype=np.int64).reshape(n, 4).T
        cues = Hits(doc, start, end, pattern, np.full(n, len(self.vias) - 1), np.arange(n),
                    np.full(n, CUE_CONFIDENCE), [texts[d][a:b] for d, a, b, _ in found])
        apart = pattern * offset[-1] + offset[doc]  # the hits of each pattern set apart: they compete alone
        return cues.take(longest_first_order(start + apart, end + apart))

    def _key_columns(self):
        """Per automaton key: its pattern (-1: a cue anchor only), its via code, whether it anchors cues."""
        if self._columns is None:
            import numpy as np

            codes = {via: i for i, via in enumerate(self.vias)}
            self._columns = (np.array([p for p, _ in self.name_of], dtype=np.int64),
                             np.array([codes.get(via, 0) for _, via in self.name_of], dtype=np.int64),
                             np.array([bool(a) for a in self.anchors_of], dtype=bool))
        return self._columns

    def _scan_keys(self, texts):
        """``doc, key, start, end`` (numpy) of every occurrence of every key in the texts, overlapping
        ones included. The tuples of all texts are flattened by one ``np.fromiter`` (5 ms for 53k hits;
        ``np.array`` on the tuples takes twice that)."""
        import numpy as np
        from itertools import chain

        raw = [self.automaton.find_matches_as_indexes(t, overlapping=True) if self.automaton is not None and t else []
               for t in texts]
        counts = [len(r) for r in raw]
        flat = np.fromiter(chain.from_iterable(chain.from_iterable(raw)), dtype=np.int64, count=3 * sum(counts))
        key, start, end = flat.reshape(-1, 3).T
        return np.repeat(np.arange(len(texts)), counts), key, start, end

    def _confirm(self, texts, docs, keys, ends) -> list[tuple[int, int, int, int]]:
        """``(doc, start, end, pattern)`` of the cue matches starting where an anchor allows (the
        anchor hits: ``docs``, ``keys``, ``ends``): ``match`` at a single possible start, else a
        ``search`` bounded to the window (its end leaves room for the longest match, so greedy parts
        choose as they would in the whole text)."""
        out, seen = [], set()
        cues, anchors_of = self.cues, self.anchors_of
        for d, key, end in zip(docs.tolist(), keys.tolist(), ends.tolist()):
            text = texts[d]
            for k, lo, hi, length in anchors_of[key]:
                a = end - length
                if lo == hi:  # the usual anchor: one possible start
                    s0 = a - lo
                    if s0 >= 0:
                        cue = cues[k]
                        m = cue.regex.match(text, s0)
                        if m is not None and m.end() > s0 and (d, s0, k) not in seen:
                            seen.add((d, s0, k))
                            out.append((d, s0, m.end(), cue.pattern))
                    continue
                first, last = max(0, a - hi), a - lo
                if last < first:
                    continue
                cue = cues[k]
                if first == last or cue.width is None:
                    for s0 in range(first, last + 1):
                        m = cue.regex.match(text, s0)
                        if m is not None and m.end() > s0 and (d, s0, k) not in seen:
                            seen.add((d, s0, k))
                            out.append((d, s0, m.end(), cue.pattern))
                    continue
                limit = min(len(text), last + cue.width + 32)  # 32: room for a lookahead after the longest match
                search, pos = cue.regex.search, first
                while pos <= last:
                    m = search(text, pos, limit)
                    if m is None or m.start() > last:
                        break
                    s0 = m.start()
                    if m.end() > s0 and (d, s0, k) not in seen:
                        seen.add((d, s0, k))
                        out.append((d, s0, m.end(), cue.pattern))
                    pos = s0 + 1
        return out

    def _scan(self, text: str) -> list[tuple[int, int, int, str, float]]:
        """Cues without an anchor, searched again after each hit start, as anchored cues are: those in
        the alternation (at each start it finds, every cue of it that matches there: the alternation
        itself reports only its first branch), then the rest one by one."""
        out = []
        if self.cue_re is not None:
            grouped, search, pos = [self.cues[k] for k in self.cue_groups.values()], self.cue_re.search, 0
            while (m := search(text, pos)) is not None:
                s = m.start()
                for cue in grouped:
                    hit = cue.regex.match(text, s)
                    if hit is not None and hit.end() > s:
                        out.append((s, hit.end(), cue.pattern, "cue", CUE_CONFIDENCE))
                pos = s + 1
        for k in self.unanchored:
            cue = self.cues[k]
            search, pos = cue.regex.search, 0
            while (m := search(text, pos)) is not None:
                if m.end() > m.start():
                    out.append((m.start(), m.end(), cue.pattern, "cue", CUE_CONFIDENCE))
                pos = m.start() + 1
        return out


def _offsets(texts):
    """Where each text starts when the texts are laid end to end, and (last) their total length plus
    one: hits of different texts never overlap at these global positions, nor do hits of different
    patterns when each pattern's are moved ``pattern * offset[-1]`` further."""
    import numpy as np

    offset = np.zeros(len(texts) + 1, dtype=np.int64)
    offset[1:] = np.cumsum([len(t) for t in texts])
    offset[-1] += 1
    return offset


def _overlaps_same_pattern(cues: Hits, names: Hits, offset):
    """For each cue hit, whether a name hit of its pattern overlaps it (``offset``: each text's start
    in the batch). Name hits never overlap one another, so in order of (pattern, end) their starts
    ascend too: one binary search per cue."""
    import numpy as np

    if not len(names):
        return np.zeros(len(cues), dtype=bool)
    apart = names.pattern * offset[-1] + offset[names.doc]  # each pattern set apart
    order = np.argsort(names.end + apart, kind="stable")
    name_start, name_end = (names.start + apart)[order], (names.end + apart)[order]
    apart = cues.pattern * offset[-1] + offset[cues.doc]
    i = np.searchsorted(name_end, cues.start + apart, side="right")  # the first name ending after
    found = i < len(name_end)
    return found & (name_start[np.minimum(i, len(name_end) - 1)] < cues.end + apart)

