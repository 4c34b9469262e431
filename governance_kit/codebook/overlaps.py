"""Which of overlapping hits to keep: the longest first (ties: the leftmost).

Overlapping name hits are resolved longest first (三治融合 beats 三治, 新时代枫桥经验 beats 枫桥经验),
so an alias never matches inside a longer name of another pattern; cue hits compete the same way
among the hits of one pattern. :func:`longest_first` works on hit tuples, :func:`longest_first_order`
on numpy columns of a whole batch of texts; both keep the same hits.

>>> longest_first([(0, 4, 0), (0, 2, 1), (3, 6, 2), (6, 8, 3)])
[(0, 4, 0), (6, 8, 3)]
"""
from __future__ import annotations


def longest_first(hits: list[tuple], *, per_pattern: bool = False) -> list[tuple]:
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
            out.extend(longest_first(group) if len(group) > 1 else group)
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


_END = (float("inf"), float("inf"))  # closes the last cluster of longest_first


def _choose(cluster: list[tuple]) -> list[tuple]:
    """Longest first, then leftmost, skipping hits that overlap one already kept."""
    kept = []
    for h in sorted(cluster, key=lambda h: (h[0] - h[1], h[0])):
        s, e = h[0], h[1]
        if all(e <= k[0] or s >= k[1] for k in kept):
            kept.append(h)
    kept.sort()
    return kept


def longest_first_order(start, end):
    """The hits :func:`longest_first` keeps, for spans given as numpy arrays: their indices, in order
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
