"""Shared pieces of the benchmark scripts: varied copies of the seed texts, and a timer.

Every copy gets a numbered first line and its lines rotated, so no two texts are identical and no
cache can serve one copy for another.
"""
from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "corpus").glob("*.txt"))


def varied_copies(bases: list[str], megabytes: float) -> Iterator[str]:
    """Yield varied copies of ``bases`` until ``megabytes`` of UTF-8 have been produced."""
    total, i = 0, 0
    while total < megabytes * 1e6:
        lines = bases[i % len(bases)].split("\n")
        k = (i // len(bases)) % max(1, len(lines) // 3)
        text = f"第{i}份副本\n" + "\n".join(lines[k:] + lines[:k])
        total += len(text.encode("utf-8"))
        i += 1
        yield text


def timed(fn):
    """(seconds, result) of calling ``fn``."""
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result
