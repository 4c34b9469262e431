"""Page furniture across a folder: which short lines recur in several files of one folder.

The counting half of :mod:`governance_kit.clean.furniture`: every file contributes the keys of its
candidate lines (short, not ending like a sentence, as the boilerplate step sees them); a key held
by ``MIN_FILES`` files or more of the same folder is furniture there, and each file is cleaned with
the furniture lines it holds. ``load_corpus`` and the pipeline group files the same way (by the
folder of their label, the path relative to the corpus), so both give a file the same text.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence

from ..clean.furniture import MIN_FILES


def folder_of(label: str) -> str:
    """The folder part of a file's label (``""`` at the top of the corpus).

    >>> folder_of("县网/2024/a.html"), folder_of("a.txt"), folder_of("sub\\\\b.txt")
    ('县网/2024', '', 'sub')
    """
    label = label.replace("\\", "/")
    return label.rsplit("/", 1)[0] if "/" in label else ""


def recurring_lines(labels: Sequence[str], keys: Sequence[Iterable[int] | None]) -> list[dict[int, int]]:
    """For each file, its candidate lines that recur in ``MIN_FILES`` files or more of its folder
    (line key → number of files); ``None`` keys (a file not read) count for nothing."""
    counts: dict[str, Counter] = {}
    for label, k in zip(labels, keys):
        if k:
            counts.setdefault(folder_of(label), Counter()).update(set(k))
    out = []
    for label, k in zip(labels, keys):
        c = counts.get(folder_of(label))
        out.append({key: c[key] for key in set(k) if c[key] >= MIN_FILES} if k and c else {})
    return out


def furniture_digest(furniture: dict[int, int]) -> str:
    """A short digest of the lines that are furniture in a file (for cache keys); ``""`` for none.

    >>> furniture_digest({}), len(furniture_digest({5: 3, 7: 4}))
    ('', 16)
    """
    if not furniture:
        return ""
    return hashlib.sha256(",".join(map(str, sorted(furniture))).encode()).hexdigest()[:16]


def furniture_key(key: str | None, furniture: dict[int, int] | None) -> str | None:
    """A file's cache key with the digest of its furniture lines folded in (unchanged without any):
    the one form load_corpus and the pipeline both use.

    >>> furniture_key("abc:kit", {}), furniture_key(None, {5: 3}), furniture_key("abc:kit", {5: 3}).count(":")
    ('abc:kit', None, 2)
    """
    return f"{key}:{furniture_digest(furniture)}" if key and furniture else key


def worth_surveying(labels: Sequence[str]) -> bool:
    """Whether any folder holds ``MIN_FILES`` files, so that any line could recur often enough."""
    return any(n >= MIN_FILES for n in Counter(folder_of(label) for label in labels).values())
