"""Coding texts with a codebook: ``code_patterns`` and the matching engine behind it.

Coding is one scan per text for the names (one Aho-Corasick automaton over every name and alias) and
one scan for the cues (each cue found through a literal it must contain, the rest in one compiled
alternation). Overlapping name hits are resolved longest first (三治融合 beats 三治, 新时代枫桥经验
beats 枫桥经验), so an alias never matches inside a longer name of another pattern; a cue hit
overlapping a name hit of the same pattern is dropped. Each hit gets its sentence as evidence
(:mod:`governance_kit.sentences`); named mechanisms found by :mod:`governance_kit.discovery` are merged
in when asked for.

The codebook itself (patterns, files, validation) is :mod:`governance_kit.codebook`, which also
re-exports :func:`code_patterns`.

>>> from governance_kit.coding import code_patterns
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


class Matcher:
    """Names, aliases and cue anchors in one Aho-Corasick automaton; cues verified where an anchor is.

    The automaton (``ahocorasick_rs``, a binding of the Rust ``aho-corasick`` crate, built as a DFA)
    reports every occurrence of every key, overlapping ones included, in one pass over the text;
    offsets are in characters. Overlaps among names are then resolved longest first (not leftmost
    first: in 整治形式主义、官僚主义 the 9-character name wins over 整治形式主义). Speed notes
    (measured, see bench/coding.py): this scan runs at about 100 MB/s on the seeds, twice
    pyahocorasick with its root lookups tuned. A single alternation of all cues scanned by ``re``
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
        self.automaton = None
        if keys:
            import ahocorasick_rs

            self.automaton = ahocorasick_rs.AhoCorasick(
                keys, implementation=ahocorasick_rs.Implementation.DFA)
        self.build_seconds = time.perf_counter() - t0

    def find(self, text: str) -> list[tuple[int, int, int, str, float]]:
        """``(start, end, pattern index, via, confidence)`` of every hit, in text order."""
        names, cues = [], []
        if self.automaton is not None and text:
            # Comprehensions, not a loop with appends: this is the hottest Python code of the kit's
            # coding. Hits are built once, as the final tuples (confidence included).
            raw = self.automaton.find_matches_as_indexes(text, overlapping=True)
            name_of, anchors_of, one = self.name_of, self.anchors_of, NAME_CONFIDENCE
            names = [(s, e) + name_of[k] + (one,) for k, s, e in raw if name_of[k][0] >= 0]
            anchor_hits = [(e, anchors_of[k]) for k, s, e in raw if anchors_of[k]]
            if anchor_hits:
                cues = self._confirm(text, anchor_hits)
        if self.cue_re is not None or self.unanchored:
            cues.extend(self._scan(text))
        if len(names) > 1:
            names = _longest_first(names)
        hits = names
        if cues:
            kept = _longest_first(cues, per_pattern=True)
            named: dict[int, list[tuple]] = {h[2]: [] for h in kept}
            for h in names:  # name hits of the patterns with cue hits
                if h[2] in named:
                    named[h[2]].append(h)
            for hit in kept:
                same = named[hit[2]]
                if same:
                    s, e = hit[0], hit[1]
                    if any(h[0] < e and s < h[1] for h in same):
                        continue  # the name of the same pattern is already there
                hits.append(hit)
            hits.sort()
        return hits

    def _confirm(self, text: str, anchor_hits) -> list[tuple[int, int, int, str, float]]:
        """Cue matches starting where an anchor allows: ``match`` at a single possible start, else a
        ``search`` bounded to the window (its end leaves room for the longest match, so greedy parts
        choose as they would in the whole text)."""
        out, seen = [], set()
        cues, n = self.cues, len(text)
        for end, anchors in anchor_hits:
            for k, lo, hi, length in anchors:
                a = end - length
                if lo == hi:  # the usual anchor: one possible start
                    s0 = a - lo
                    if s0 >= 0:
                        cue = cues[k]
                        m = cue.regex.match(text, s0)
                        if m is not None and m.end() > s0 and (s0, k) not in seen:
                            seen.add((s0, k))
                            out.append((s0, m.end(), cue.pattern, "cue", CUE_CONFIDENCE))
                    continue
                first, last = max(0, a - hi), a - lo
                if last < first:
                    continue
                cue = cues[k]
                if first == last or cue.width is None:
                    for s0 in range(first, last + 1):
                        m = cue.regex.match(text, s0)
                        if m is not None and m.end() > s0 and (s0, k) not in seen:
                            seen.add((s0, k))
                            out.append((s0, m.end(), cue.pattern, "cue", CUE_CONFIDENCE))
                    continue
                limit = min(n, last + cue.width + 32)  # 32: room for a lookahead after the longest match
                search, pos = cue.regex.search, first
                while pos <= last:
                    m = search(text, pos, limit)
                    if m is None or m.start() > last:
                        break
                    s0 = m.start()
                    if m.end() > s0 and (s0, k) not in seen:
                        seen.add((s0, k))
                        out.append((s0, m.end(), cue.pattern, "cue", CUE_CONFIDENCE))
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
        Also report named mechanisms the codebook lacks (``governance_kit.discovery``, when present):
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
    from . import codebook as model
    from .corpus import as_documents
    from .sentences import sentences_at

    cb = model._as_codebook(codebook)
    matcher = cb.matcher()
    finder = model._discovery() if discover else None
    ids = [p.id for p in cb.patterns]
    cats = [p.category for p in cb.patterns]
    names = [p.name for p in cb.patterns]
    n_codebook = len(ids)
    # one pass over the documents fills plain lists; per-pattern and per-document columns are
    # looked up from the hit's pattern and document number once, for the whole corpus, in _frame
    doc_ids: list[str] = []
    cols: dict[str, list] = {c: [] for c in ("doc", "index", "match", "start", "end", "sentence", "via", "confidence")}
    doc_col, index_col, match_col, start_col, end_col, sentence_col, via_col, conf_col = cols.values()
    with _gc_paused():  # millions of small tuples: the cyclic collector would rescan them all
        for doc in as_documents(doc_or_corpus):
            text = doc.text
            rows = matcher.find(text)
            if finder is not None:
                found = _discovered(finder(text), text, rows, matcher.surfaces)
                if found:
                    extra = len(ids)
                    for s, e, item in found:  # discovered rows point past the codebook's patterns
                        ids.append(str(item.name))
                        cats.append(getattr(item, "category", None))
                        names.append(str(item.name))
                        rows.append((s, e, extra, getattr(item, "kind", None),
                                     float(getattr(item, "confidence", 0.0) or 0.0)))
                        extra += 1
                    rows.sort()
            if not rows:
                continue
            starts, ends, index, via, conf = zip(*rows)
            doc_col.extend([len(doc_ids)] * len(rows))
            doc_ids.append(doc.doc_id)
            index_col.extend(index)
            match_col.extend([text[s:e] for s, e in zip(starts, ends)])
            start_col.extend(starts)
            end_col.extend(ends)
            sentence_col.extend(sentences_at(text, starts, ends))
            via_col.extend(via)
            conf_col.extend(conf)
        return _frame(cols, doc_ids=doc_ids, ids=ids, cats=cats, names=names, n_codebook=n_codebook)


def _frame(cols: dict[str, list], *, doc_ids, ids, cats, names, n_codebook: int):
    """The result table from the hit lists of :func:`code_patterns`.

    ``cols["doc"]`` numbers the document of each hit (into ``doc_ids``) and ``cols["index"]`` its
    pattern (into ``ids``, ``cats``, ``names``; from ``n_codebook`` on: discovered names). Text
    columns get pandas' default string dtype, built through Arrow when that is what pandas uses
    (pandas 3), which is several times faster than inferring from lists; there the per-document and
    per-pattern columns are one ``take`` each.
    """
    import numpy as np
    import pandas as pd

    default = pd.Series(["x"]).dtype
    arrow = isinstance(default, pd.StringDtype) and default.storage == "pyarrow"
    doc = np.asarray(cols["doc"], dtype=np.intp)
    index = np.asarray(cols["index"], dtype=np.intp)
    source = ["codebook", "discovered"]
    is_discovered = (index >= n_codebook).astype(np.intp)
    if arrow:
        import pyarrow as pa

        def text(values):
            return pd.Series(pa.array(values, type=pa.large_string()), dtype=default)

        def looked_up(values, positions):
            return pd.Series(pa.array(values, type=pa.large_string()).take(pa.array(positions)), dtype=default)

        def repeated(values):
            """Long texts that repeat (a sentence with several hits): each converted once."""
            seen: dict[str, int] = {}
            positions = [seen.setdefault(v, len(seen)) for v in values]
            return looked_up(list(seen), np.asarray(positions, dtype=np.intp))
    else:
        def text(values):
            return pd.Series(values, dtype=default if len(values) else object)

        def looked_up(values, positions):
            return text([values[i] for i in positions.tolist()])

        repeated = text

    data = {
        "doc_id": looked_up(doc_ids, doc),
        "pattern": looked_up(ids, index),
        "category": looked_up(cats, index),
        "match": text(cols["match"]),
        "start": pd.Series(np.asarray(cols["start"], dtype=np.int64)),
        "end": pd.Series(np.asarray(cols["end"], dtype=np.int64)),
        "sentence": repeated(cols["sentence"]),
        "source": looked_up(source, is_discovered),
        "name": looked_up(names, index),
        "via": text(cols["via"]),
        "confidence": pd.Series(np.asarray(cols["confidence"], dtype=np.float64)),
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
    from .convert import to_simplified

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

