"""Replacing spans of a text while keeping track of where every position came from.

Each cleaning step applies a list of replacements to its input and returns an :class:`EditMap`;
chaining the maps lets the report give, for anything removed, repaired or flagged, its span in the
text the caller passed in and its span in the cleaned text.

Mapping rule (both directions): a start position inside a replaced span goes to the start of its
counterpart, an end position (exclusive) inside or at the end of a replaced span goes to the end
of its counterpart, and an end position right before an edit stays before it.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

Replacement = tuple[int, int, str]  # (start, end, new text) in the step's input
_SCALAR_BELOW = 32  # below this many positions, plain Python beats NumPy's call overhead


def _map_one(pos: int, src_s, src_e, dst_s, dst_e, end: bool) -> int:
    i = (bisect_left(src_s, pos) if end else bisect_right(src_s, pos)) - 1
    if i < 0:
        return pos
    if (pos <= src_e[i]) if end else (pos < src_e[i]):
        return dst_e[i] if end else dst_s[i]
    return dst_e[i] + (pos - src_e[i])


def _map_many(pos, src_s, src_e, dst_s, dst_e, end: bool):
    import numpy as np

    i = np.searchsorted(src_s, pos, side="left" if end else "right") - 1
    j = np.maximum(i, 0)
    inside = (i >= 0) & ((pos <= src_e[j]) if end else (pos < src_e[j]))
    mapped = np.where(inside, dst_e[j] if end else dst_s[j], dst_e[j] + (pos - src_e[j]))
    return np.where(i < 0, pos, mapped)


@dataclass
class EditMap:
    """Position mapping for one step; replacements are sorted and do not overlap."""

    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    new_starts: list[int] = field(default_factory=list)
    new_ends: list[int] = field(default_factory=list)

    def _sides(self, backwards: bool, arrays: bool = False):
        if arrays:
            cached = self.__dict__.get("_arrays")
            if cached is None:
                import numpy as np

                cached = tuple(np.asarray(v, dtype=np.int64) for v in (self.starts, self.ends, self.new_starts, self.new_ends))
                self.__dict__["_arrays"] = cached
            s, e, ns, ne = cached
        else:
            s, e, ns, ne = self.starts, self.ends, self.new_starts, self.new_ends
        return (ns, ne, s, e) if backwards else (s, e, ns, ne)

    def to_input(self, pos: int, *, end: bool = False) -> int:
        """Map an output position back to the input."""
        return _map_one(pos, *self._sides(True), end) if self.starts else pos

    def to_output(self, pos: int, *, end: bool = False) -> int:
        """Map an input position forward to the output."""
        return _map_one(pos, *self._sides(False), end) if self.starts else pos

    def to_input_many(self, pos, *, end: bool = False):
        """Vectorised :meth:`to_input` over a NumPy array of positions."""
        return _map_many(pos, *self._sides(True, arrays=True), end) if self.starts else pos

    def to_output_many(self, pos, *, end: bool = False):
        """Vectorised :meth:`to_output` over a NumPy array of positions."""
        return _map_many(pos, *self._sides(False, arrays=True), end) if self.starts else pos


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


class Trail:
    """The maps of all steps so far, to translate positions between any step and the input."""

    def __init__(self) -> None:
        self.maps: list[EditMap] = []

    def add(self, emap: EditMap) -> int:
        """Record a step's map; returns the step number (positions after it live in step+1)."""
        self.maps.append(emap)
        return len(self.maps)

    def to_input(self, pos: int, step: int, *, end: bool = False) -> int:
        """Map a position in the text before map ``step`` back to the original input."""
        for emap in reversed(self.maps[:step]):
            pos = emap.to_input(pos, end=end)
        return pos

    def to_output(self, pos: int, step: int, *, end: bool = False) -> int:
        """Map a position in the text before map ``step`` forward to the final text."""
        for emap in self.maps[step:]:
            pos = emap.to_output(pos, end=end)
        return pos

    def to_input_many(self, pos, step: int, *, end: bool = False):
        """Vectorised :meth:`to_input`; short arrays are mapped element by element (less overhead)."""
        if len(pos) < _SCALAR_BELOW:
            return _array([self.to_input(int(p), step, end=end) for p in pos])
        for emap in reversed(self.maps[:step]):
            pos = emap.to_input_many(pos, end=end)
        return pos


def _array(values: list[int]):
    import numpy as np

    return np.asarray(values, dtype=np.int64)
