"""Coding texts with a codebook: ``code_patterns`` and the matching engine behind it.

Coding is one scan per text for the names (one Aho-Corasick automaton over every name and alias) and
one scan for the cues (each cue found through a literal it must contain, the rest in one compiled
alternation); what follows the scans runs on batches of texts, numpy working on all their hits at
once. Overlapping name hits are resolved longest first (三治融合 beats 三治, 新时代枫桥经验 beats
枫桥经验), so an alias never matches inside a longer name of another pattern; a cue hit overlapping a
name hit of the same pattern is dropped. Each hit gets its sentence as evidence
(:mod:`governance_kit.tokens.sentences`); named mechanisms found by :mod:`governance_kit.codebook.discovery` are merged
in when asked for.

The codebook itself (patterns, files, validation) is :mod:`governance_kit.codebook`, which also
re-exports :func:`code_patterns`.

>>> from governance_kit.codebook.coding import code_patterns
>>> code_patterns("推进網格化管理和楓橋經驗", discover=False)[["pattern", "match", "via"]].values.tolist()
[['grid_management', '网格化管理', 'name'], ['fengqiao_experience', '枫桥经验', 'name']]
"""
from __future__ import annotations

import re
from bisect import bisect_left

COLUMNS = ["doc_id", "pattern", "category", "match", "start", "end", "sentence", "source", "name", "via", "confidence"]
NAME_CONFIDENCE = 1.0
CUE_CONFIDENCE = 0.7

_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")
_UNBOUNDED = 10_000  # a regex part wider than this counts as unbounded


class _Cue:
    """One cue: its regex, its pattern, and the literal anchors one of which every match contains.

    ``anchors``: ``(literal, before_min, before_max)`` — the literal starts between ``before_min`` and
    ``before_max`` characters after the match start. ``None``: no usable anchor (scanned in full).
    """

    __slots__ = ("regex", "pattern", "anchors", "width")

    def __init__(self, regex: re.Pattern, pattern: int, anchors, width: int | None):
        self.regex, self.pattern, self.anchors, self.width = regex, pattern, anchors, width


def cue_width(cue: str) -> int | None:
    """The most characters a match of the cue can span, ``None`` when unbounded."""
    parser, _ = _sre()
    try:
        hi = parser.parse(cue).getwidth()[1]
    except (re.error, OverflowError):
        return None
    return hi if hi < _UNBOUNDED else None


def _sre():
    try:
        from re import _constants, _parser  # Python 3.11+
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_constants as _constants
        import sre_parse as _parser
    return _parser, _constants


def _literals(sub, c, limit: int = 16) -> list[str] | None:
    """The strings a part can match when it is made only of literal text, alternations of literal
    texts and classes of literal characters (at most ``limit`` strings); ``None`` otherwise."""
    out = [""]
    for op, av in sub:
        if op is c.LITERAL:
            options = [chr(av)]
        elif op is c.SUBPATTERN and not av[1] and not av[2]:  # a group without inline flags
            options = _literals(av[-1], c, limit)
        elif op is c.BRANCH:
            options = []
            for alt in av[1]:
                found = _literals(alt, c, limit)
                if found is None:
                    return None
                options.extend(found)
        elif op is c.IN and av and all(o is c.LITERAL for o, _ in av):
            options = [chr(v) for _, v in av]
        else:
            return None
        if not options:
            return None
        out = [x + y for x in out for y in options]
        if len(out) > limit:
            return None
    return out if out != [""] else None


def cue_anchors(cue: str, rarity=None):
    """Literal anchors of a cue regex: ``[(literal, before_min, before_max), …]`` or ``None``.

    Every match of the cue contains one of the literals, starting ``before_min``…``before_max``
    characters after the match start. Chosen among the parts of the top-level sequence that must
    match (literal runs, groups of literal alternatives, classes of literal characters), preferring
    literals of two or more characters, then rare ones (``rarity(literal)``: an estimated count,
    lower is rarer), then long ones and a narrow ``before`` range; a top-level ``a|b`` gets the
    anchors of each side.

    >>> cue_anchors("网格员[^。]{0,12}(巡查|排查)")
    [('网格员', 0, 0)]
    >>> cue_anchors("(党组织|党支部)提议")
    [('党组织提议', 0, 0), ('党支部提议', 0, 0)]
    """
    parser, c = _sre()
    try:
        parsed = parser.parse(cue)
    except re.error:
        return None
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    return _anchors_of(parsed, parser, c, rarity or (lambda text: 0))


def _anchors_of(sub, parser, c, rarity):
    items = list(sub)
    if len(items) == 1 and items[0][0] is c.BRANCH:  # a|b: the anchors of every side
        out = []
        for alt in items[0][1][1]:
            found = _anchors_of(alt, parser, c, rarity)
            if not found:
                return None
            out.extend(found)
        return out
    parts = [parser.SubPattern(sub.state, [item]) for item in items]
    widths = [part.getwidth() for part in parts]
    options = [_literals(part, c) for part in parts]
    best, best_score = None, None
    lo = hi = 0
    for i in range(len(items)):
        if options[i] and hi < _UNBOUNDED:
            lits, j = options[i], i + 1
            while j < len(items) and options[j] and len(lits) * len(options[j]) <= 16:
                lits = [x + y for x in lits for y in options[j]]
                j += 1
            shortest = min(len(x) for x in lits)
            if shortest > 0:
                score = (shortest >= 2, -sum(rarity(x) for x in lits), min(shortest, 4), -(hi - lo), -len(lits))
                if best_score is None or score > best_score:
                    best, best_score = [(x, lo, hi) for x in lits], score
        lo += widths[i][0]
        hi = min(hi + widths[i][1], _UNBOUNDED)
    return best


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
        confirmed with ``re``) and over the rare clusters that need :func:`_choose`. On 5 MB of seed
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
        return names.take(_longest_first_order(start + offset[doc], end + offset[doc]))

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
        return cues.take(_longest_first_order(start + apart, end + apart))

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
        """Cues without an anchor: one alternation (searched again after each hit start), then the rest."""
        out = []
        if self.cue_re is not None:
            groups, search, pos = self.cue_groups, self.cue_re.search, 0
            while (m := search(text, pos)) is not None:
                s, e = m.span()
                if e > s:
                    out.append((s, e, self.cues[groups[m.lastgroup]].pattern, "cue", CUE_CONFIDENCE))
                pos = s + 1
        for k in self.unanchored:
            cue = self.cues[k]
            out.extend((m.start(), m.end(), cue.pattern, "cue", CUE_CONFIDENCE)
                       for m in cue.regex.finditer(text) if m.end() > m.start())
        return out


def _longest_first_order(start, end):
    """The hits :func:`_longest_first` keeps, for spans given as numpy arrays: their indices, in order
    of (start, end).

    Vectorised over the clusters of overlapping spans: a cluster whose longest span (the leftmost of
    the longest) overlaps every other keeps just that one. This settles all clusters of one or two
    and, on the seeds, all larger ones too (1.6k clusters of three or four per 5 MB); any other
    cluster goes through :func:`_choose`.
    """
    import numpy as np

    order = np.lexsort((end, start))
    s, e = start[order], end[order]
    n = len(s)
    if n < 2:
        return order
    head = np.ones(n, dtype=bool)
    head[1:] = s[1:] >= np.maximum.accumulate(e)[:-1]  # at or after the end of every earlier span
    if head.all():  # no overlaps
        return order
    heads = np.flatnonzero(head)
    cluster = np.cumsum(head) - 1
    length = e - s
    longest = np.flatnonzero(length == np.maximum.reduceat(length, heads)[cluster])
    first = np.ones(len(longest), dtype=bool)  # np.diff would do, at 15 µs a call
    first[1:] = cluster[longest[1:]] != cluster[longest[:-1]]
    best = longest[first]  # the leftmost of the longest, per cluster
    alone = np.logical_and.reduceat((s < e[best][cluster]) & (s[best][cluster] < e), heads)
    keep = np.zeros(n, dtype=bool)
    keep[best[alone]] = True
    stops = np.append(heads[1:], n)
    for h, stop in zip(heads[~alone].tolist(), stops[~alone].tolist()):
        spans = zip(s[h:stop].tolist(), e[h:stop].tolist(), range(h, stop))
        keep[[i for _, _, i in _choose(list(spans))]] = True
    return order[keep]


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


def _longest_first(hits: list[tuple], *, per_pattern: bool = False) -> list[tuple]:
    """Keep non-overlapping hits, longest first (ties: leftmost); with ``per_pattern`` only hits of
    one pattern compete. Returned in text order.

    Hits are first cut into clusters of overlapping spans (one sweep); only clusters of two or
    more hits need the longest-first choice.
    """
    if per_pattern:
        groups: dict[int, list[tuple]] = {}
        for h in hits:
            groups.setdefault(h[2], []).append(h)
        out = []
        for group in groups.values():
            out.extend(_longest_first(group) if len(group) > 1 else group)
        out.sort()
        return out
    order = sorted(hits)
    # fast path: no hit starts before the end of an earlier one
    reach, overlap = -1, False
    for h in order:
        if h[0] < reach:
            overlap = True
            break
        reach = h[1]
    if not overlap:
        return order
    out, cluster, reach = [], [], -1
    append = out.append
    for h in order + [_END]:
        if h[0] >= reach:
            if len(cluster) == 1:
                append(cluster[0])
            elif len(cluster) == 2:  # the usual overlap: keep the longer, the left one on a tie
                a, b = cluster
                append(a if a[1] - a[0] >= b[1] - b[0] else b)
            elif cluster:
                out.extend(_choose(cluster))
            cluster, reach = [h], h[1]
        else:
            cluster.append(h)
            if h[1] > reach:
                reach = h[1]
    return out


_END = (float("inf"), float("inf"))  # closes the last cluster of _longest_first


def _choose(cluster: list[tuple]) -> list[tuple]:
    """Longest first, then leftmost, skipping hits that overlap one already kept."""
    kept = []
    for h in sorted(cluster, key=lambda h: (h[0] - h[1], h[0])):
        s, e = h[0], h[1]
        if all(e <= k[0] or s >= k[1] for k in kept):
            kept.append(h)
    kept.sort()
    return kept


def code_patterns(doc_or_corpus, codebook=None, *, discover: bool = True):
    """Code documents with the codebook: one row per hit, with the sentence as evidence.

    Parameters
    ----------
    doc_or_corpus : Document, Corpus, list of Documents or str
        A string is cleaned first (Traditional → Simplified, furniture removed) and coded as doc_id "text".
    codebook : Codebook or path, optional
        Default: the bundled codebook (:func:`load_codebook`).
    discover : bool
        Also report named mechanisms the codebook lacks (``governance_kit.codebook.discovery``, when present):
        rows with ``source="discovered"``; those overlapping a codebook hit, or whose name is a codebook
        name or alias, are dropped.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, pattern, category, match, start, end, sentence, source`` (the contract), then
        ``name`` (Chinese name), ``via`` (``name`` | ``alias`` | ``cue`` | the discovery kind) and
        ``confidence`` (1.0 names and aliases, 0.7 cues, discovery's own figure). ``pattern`` is the
        pattern id (for discovered rows: the discovered name). ``doc.text[start:end] == match``.

    >>> df = code_patterns("我县深化“三治融合”,实行網格化管理。", discover=False)
    >>> df[["pattern", "category", "match", "start", "via"]].values.tolist()
    [['sanzhi_ronghe', 'self_governance', '三治融合', 5, 'name'], ['grid_management', 'grid_management', '网格化管理', 13, 'name']]
    """
    from . import model
    from ..corpus import as_documents

    cb = model._as_codebook(codebook)
    matcher = cb.matcher()
    finder = model._discovery() if discover else None
    table = _Table(cb.patterns, matcher)
    with _gc_paused():  # tens of thousands of small tuples per batch: the cyclic collector would rescan them
        for batch in _batches(as_documents(doc_or_corpus)):
            texts = [doc.text for doc in batch]
            hits = matcher.find_all(texts)
            if finder is not None:
                hits = table.discovered(hits, finder, texts, matcher.surfaces)
            table.add(hits, [doc.doc_id for doc in batch], texts)
        return table.frame()


def _batches(docs, chars: int = 1_000_000):
    """The documents in runs of about ``chars`` characters (3 MB of Chinese UTF-8), each coded at
    once: numpy works on whole runs, and the raw hits of one run stay few (30k tuples). On 50 MB,
    runs of 0.25 to 4 M characters all ran at the same speed as one run of everything, which holds
    530k tuples at a time."""
    batch, size = [], 0
    for doc in docs:
        batch.append(doc)
        size += len(doc.text)
        if size >= chars:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


class _Table:
    """The table of :func:`code_patterns` as it fills, batch by batch: per-hit columns (numpy arrays)
    and the lists of values they point into. Pattern numbers from ``n_codebook`` on are discovered
    names, each with its own id, category and name."""

    _NUMBERS = ("doc", "pattern", "via", "match", "sentence", "start", "end", "confidence")

    def __init__(self, patterns, matcher: Matcher):
        self.ids = [p.id for p in patterns]
        self.cats = [p.category for p in patterns]
        self.names = [p.name for p in patterns]
        self.n_codebook = len(self.ids)
        self.vias = list(matcher.vias)
        self.doc_ids: list[str] = []
        self.matches: list[str] = []
        self.sentences: list[str] = []
        self.parts: dict[str, list] = {c: [] for c in self._NUMBERS}

    def discovered(self, hits: Hits, finder, texts: list[str], surfaces: set[str]) -> Hits:
        """``hits`` and the named mechanisms ``finder`` discovers that :func:`_discovered` keeps."""
        import numpy as np

        rows = []
        bounds = np.searchsorted(hits.doc, np.arange(len(texts) + 1)).tolist()  # hits are in doc order
        for d, text in enumerate(texts):
            spans = zip(hits.start[bounds[d]:bounds[d + 1]].tolist(), hits.end[bounds[d]:bounds[d + 1]].tolist())
            for s, e, item in _discovered(finder(text), text, list(spans), surfaces):
                rows.append((d, s, e, len(self.ids), len(self.vias), float(getattr(item, "confidence", 0.0) or 0.0)))
                self.ids.append(str(item.name))
                self.cats.append(getattr(item, "category", None))
                self.names.append(str(item.name))
                self.vias.append(getattr(item, "kind", None))
        if not rows:
            return hits
        doc, start, end, pattern, via, confidence = (np.array(c) for c in zip(*rows))
        matches = [texts[d][s:e] for d, s, e, *_ in rows]
        found = Hits(doc, start, end, pattern, via, np.arange(len(rows)), confidence.astype(np.float64), matches)
        return hits.merged(found)

    def add(self, hits: Hits, doc_ids: list[str], texts: list[str]) -> None:
        """The rows of one batch of documents."""
        from ..tokens.sentences import sentence_ids

        sentences, sentence = sentence_ids(texts, hits.doc, hits.start, hits.end)
        parts = self.parts
        parts["doc"].append(hits.doc + len(self.doc_ids))
        parts["match"].append(hits.match + len(self.matches))
        parts["sentence"].append(sentence + len(self.sentences))
        for c in ("pattern", "via", "start", "end", "confidence"):
            parts[c].append(getattr(hits, c))
        self.doc_ids.extend(doc_ids)
        self.matches.extend(hits.matches)
        self.sentences.extend(sentences)

    def frame(self):
        """The DataFrame.

        Every text column is a lookup: a list of distinct values and one number per row (documents,
        patterns, vias; matches: names are their automaton key; sentences: one string per sentence,
        however many hits it holds). Text columns get pandas' default string dtype, built through
        Arrow when that is what pandas uses (pandas 3): the distinct values converted once, then one
        ``take`` per column. For 50 MB of text most of the time goes to writing the sentence column
        (81 MB of UTF-8) into fresh memory; on the benchmark VM pyarrow's jemalloc pool did that about
        twice as fast as its default pool, but only when no freed table was there to reuse: not adopted.
        """
        import numpy as np
        import pandas as pd

        col = {c: np.concatenate(self.parts[c]) if self.parts[c] else np.zeros(0, dtype=np.int64)
               for c in self._NUMBERS}
        default = pd.Series(["x"]).dtype
        if isinstance(default, pd.StringDtype) and default.storage == "pyarrow":
            import pyarrow as pa

            def looked_up(values, positions):
                return pd.Series(pa.array(values, type=pa.large_string()).take(pa.array(positions)), dtype=default)
        else:
            def looked_up(values, positions):
                values = [values[i] for i in positions.tolist()]
                return pd.Series(values, dtype=default if len(values) else object)

        pattern = col["pattern"]
        data = {
            "doc_id": looked_up(self.doc_ids, col["doc"]),
            "pattern": looked_up(self.ids, pattern),
            "category": looked_up(self.cats, pattern),
            "match": looked_up(self.matches, col["match"]),
            "start": pd.Series(np.asarray(col["start"], dtype=np.int64)),
            "end": pd.Series(np.asarray(col["end"], dtype=np.int64)),
            "sentence": looked_up(self.sentences, col["sentence"]),
            "source": looked_up(["codebook", "discovered"], (pattern >= self.n_codebook).astype(np.intp)),
            "name": looked_up(self.names, pattern),
            "via": looked_up(self.vias, col["via"]),
            "confidence": pd.Series(np.asarray(col["confidence"], dtype=np.float64)),
        }
        return pd.DataFrame(data, columns=COLUMNS)


class _gc_paused:
    """Pause the cyclic garbage collector for a block (restored afterwards, also on errors)."""

    def __enter__(self):
        import gc

        self._was = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc):
        import gc

        if self._was:
            gc.enable()
        return False


def _discovered(items, text: str, hits, surfaces: set[str]) -> list[tuple[int, int, object]]:
    """Discovered items that neither overlap a codebook hit nor repeat a codebook name or alias."""
    from ..clean.convert import to_simplified

    spans = sorted((h[0], h[1]) for h in hits)
    starts = [a for a, _ in spans]
    out = []
    for item in items or ():
        s, e = int(item.start), int(item.end)
        if not (0 <= s < e <= len(text)):
            continue
        name = str(item.name)
        if name in surfaces or to_simplified(name) in surfaces or text[s:e] in surfaces:
            continue
        k = bisect_left(starts, e)  # spans starting at or after e cannot overlap
        if any(a < e and s < b for a, b in spans[:k]):
            continue
        out.append((s, e, item))
    return out

