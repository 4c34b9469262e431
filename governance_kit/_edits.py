"""Replacing spans of a text while keeping track of where every position came from.

Each cleaning step applies a list of replacements to its input and returns an :class:`EditMap`;
chaining the maps lets the report give, for anything removed, repaired or flagged, its span in the
text the caller passed in and its span in the cleaned text.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

Replacement = tuple[int, int, str]  # (start, end, new text) in the step's input


@dataclass
class EditMap:
    """Position mapping for one step; replacements are sorted and do not overlap."""

    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    new_starts: list[int] = field(default_factory=list)
    new_ends: list[int] = field(default_factory=list)

    def to_input(self, pos: int, *, end: bool = False) -> int:
        """Map an output position back to the input.

        A start inside a replacement maps to the replaced span's start; an end (exclusive) inside
        or at the end of a replacement maps to its end, and an end just before an edit stays before it.
        """
        i = bisect_right(self.new_starts, pos) - 1
        if end:
            while i >= 0 and self.new_starts[i] == pos:
                i -= 1
            if i >= 0 and pos <= self.new_ends[i]:
                return self.ends[i]
        elif i >= 0 and pos < self.new_ends[i]:
            return self.starts[i]
        return pos if i < 0 else self.ends[i] + (pos - self.new_ends[i])

    def to_output(self, pos: int, *, end: bool = False) -> int:
        """Map an input position forward; a position inside a replaced span collapses onto it."""
        i = bisect_right(self.starts, pos) - 1
        if end:
            while i >= 0 and self.starts[i] == pos:
                i -= 1
            if i >= 0 and pos <= self.ends[i]:
                return self.new_ends[i]
        elif i >= 0 and pos < self.ends[i]:
            return self.new_starts[i]
        return pos if i < 0 else self.new_ends[i] + (pos - self.ends[i])


    def _arrays(self):
        cached = self.__dict__.get("_cached_arrays")
        if cached is None:
            import numpy as np

            cached = tuple(np.asarray(v, dtype=np.int64) for v in (self.starts, self.ends, self.new_starts, self.new_ends))
            self.__dict__["_cached_arrays"] = cached
        return cached

    def to_input_many(self, pos, *, end: bool = False):
        """Vectorised :meth:`to_input` over a NumPy array of positions."""
        import numpy as np

        if not self.starts:
            return pos
        s, e, ns, ne = self._arrays()
        i = np.searchsorted(ns, pos, side="left" if end else "right") - 1
        j = np.maximum(i, 0)
        inside = (i >= 0) & ((pos <= ne[j]) if end else (pos < ne[j]))
        mapped = np.where(inside, e[j] if end else s[j], e[j] + (pos - ne[j]))
        return np.where(i < 0, pos, mapped)

    def to_output_many(self, pos, *, end: bool = False):
        """Vectorised :meth:`to_output` over a NumPy array of positions."""
        import numpy as np

        if not self.starts:
            return pos
        s, e, ns, ne = self._arrays()
        i = np.searchsorted(s, pos, side="left" if end else "right") - 1
        j = np.maximum(i, 0)
        inside = (i >= 0) & ((pos <= e[j]) if end else (pos < e[j]))
        mapped = np.where(inside, ne[j] if end else ns[j], ne[j] + (pos - e[j]))
        return np.where(i < 0, pos, mapped)


def apply(text: str, replacements: list[Replacement]) -> tuple[str, EditMap]:
    """Apply sorted, non-overlapping replacements; return the new text and its map."""
    out: list[str] = []
    emap = EditMap()
    cursor = 0
    shift = 0
    for start, end, new in replacements:
        if start < cursor:
            raise ValueError(f"overlapping replacement at {start} (previous ended at {cursor})")
        out.append(text[cursor:start])
        out.append(new)
        emap.starts.append(start)
        emap.ends.append(end)
        emap.new_starts.append(start + shift)
        shift += len(new) - (end - start)
        emap.new_ends.append(end + shift)
        cursor = end
    out.append(text[cursor:])
    return "".join(out), emap


def delete(text: str, spans: list[tuple[int, int]]) -> tuple[str, EditMap]:
    """Delete sorted, non-overlapping spans (fast path for many small deletions)."""
    import numpy as np

    arr = np.asarray(spans, dtype=np.int64).reshape(-1, 2)
    keep_from = np.concatenate(([0], arr[:, 1]))
    keep_to = np.concatenate((arr[:, 0], [len(text)]))
    new_text = "".join(text[a:b] for a, b in zip(keep_from.tolist(), keep_to.tolist()))
    removed_before = np.concatenate(([0], np.cumsum(arr[:, 1] - arr[:, 0])[:-1]))
    new_starts = (arr[:, 0] - removed_before).tolist()
    return new_text, EditMap(arr[:, 0].tolist(), arr[:, 1].tolist(), new_starts, list(new_starts))


_SCALAR_BELOW = 32  # below this many positions, plain Python beats NumPy's call overhead


def _array(values: list[int]):
    import numpy as np

    return np.asarray(values, dtype=np.int64)


class Trail:
    """The maps of all steps so far, to translate positions between any step and the input."""

    def __init__(self) -> None:
        self.maps: list[EditMap] = []

    def add(self, emap: EditMap) -> int:
        """Record a step's map; returns the step number (positions after it live in step+1)."""
        self.maps.append(emap)
        return len(self.maps)

    def to_input(self, pos: int, step: int, *, end: bool = False) -> int:
        """Map a position in the text after ``step`` maps back to the original input."""
        for emap in reversed(self.maps[:step]):
            if emap.starts:
                pos = emap.to_input(pos, end=end)
        return pos

    def to_input_many(self, pos, step: int, *, end: bool = False):
        """Vectorised :meth:`to_input`; a short array is mapped element by element (less overhead)."""
        if len(pos) < _SCALAR_BELOW:
            return _array([self.to_input(int(p), step, end=end) for p in pos])
        for emap in reversed(self.maps[:step]):
            pos = emap.to_input_many(pos, end=end)
        return pos

    def to_output_many(self, pos, step: int, *, end: bool = False):
        """Vectorised :meth:`to_output`."""
        if len(pos) < _SCALAR_BELOW:
            return _array([self.to_output(int(p), step, end=end) for p in pos])
        for emap in self.maps[step:]:
            pos = emap.to_output_many(pos, end=end)
        return pos

    def to_output(self, pos: int, step: int, *, end: bool = False) -> int:
        """Map a position in the text after ``step`` forward to the final text."""
        for emap in self.maps[step:]:
            if emap.starts:
                pos = emap.to_output(pos, end=end)
        return pos
