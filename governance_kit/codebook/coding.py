"""Coding texts with a codebook: :func:`code_patterns` and the table it returns.

Each batch of texts goes through the codebook's matching engine (:mod:`governance_kit.codebook.matcher`:
names, aliases and cues, overlaps resolved longest first); each hit gets its sentence as evidence
(:mod:`governance_kit.tokens.sentences`); named mechanisms found by
:mod:`governance_kit.codebook.discovery` are merged in when asked for. The codebook itself (patterns,
files, validation) is :mod:`governance_kit.codebook.model`.

>>> from governance_kit.codebook.coding import code_patterns
>>> code_patterns("推进網格化管理和楓橋經驗", discover=False)[["pattern", "match", "via"]].values.tolist()
[['grid_management', '网格化管理', 'name'], ['fengqiao_experience', '枫桥经验', 'name']]
"""
from __future__ import annotations

from bisect import bisect_left

from ..clean.convert import to_simplified
from ..corpus import as_documents
from ..tokens.sentences import sentence_ids
from .matcher import Hits, Matcher
from .model import as_codebook

COLUMNS = ["doc_id", "pattern", "category", "match", "start", "end", "sentence", "source", "name", "via", "confidence"]


def code_patterns(doc_or_corpus, codebook=None, *, discover: bool | str = True):
    """Code documents with the codebook: one row per hit, with the sentence as evidence.

    Parameters
    ----------
    doc_or_corpus : Document, Corpus, list of Documents or str
        A string is cleaned first (Traditional → Simplified, furniture removed) and coded as doc_id "text".
    codebook : Codebook or path, optional
        Default: the bundled codebook (:func:`load_codebook`).
    discover : bool or "all"
        Also report named mechanisms the codebook lacks (``governance_kit.codebook.discovery``, when present):
        rows with ``source="discovered"``; those overlapping a codebook hit, or whose name is a codebook
        name or alias, are dropped. ``True`` keeps the precise kinds only
        (:func:`~governance_kit.codebook.discovery.finder.precise`: no headings of 一是……二是…… lists,
        the learned scorer only where it is near certain, confidence 0.6 or more) that
        :mod:`~governance_kit.codebook.discovery.domain` takes for ways of governing (no programme
        names, doctrine formulas or results; over many documents, no name many of them repeat); ``"all"`` keeps
        everything :func:`~governance_kit.codebook.discovery.discover` returns, for reviewing.

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
    cb = as_codebook(codebook)
    matcher = cb.matcher()
    finder = _discovery(everything=discover == "all") if discover else None
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
        over_corpus = getattr(finder, "corpus", None)  # a corpus-level pass when the finder has one
        found = over_corpus(texts) if over_corpus else [finder(text) for text in texts]
        for d, text in enumerate(texts):
            spans = zip(hits.start[bounds[d]:bounds[d + 1]].tolist(), hits.end[bounds[d]:bounds[d + 1]].tolist())
            for s, e, item in _discovered(found[d], text, list(spans), surfaces):
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


# --- the optional discovery hook (looked up at each call, so a caller can swap it) ------------------

def _discovery(everything: bool = False):
    """``governance_kit.codebook.discovery.finder.discover`` (``everything``) or its precise finds
    (``precise_discover``) when that module can be imported (it is optional)."""
    try:
        from .discovery.finder import discover, precise_discover
    except ImportError:
        return None
    return discover if everything else precise_discover
