"""Fixtures of the design tests."""
from __future__ import annotations

import os

import pytest


@pytest.fixture
def edit():
    """``edit(path, old, new)``: replace ``old`` by ``new`` in a file and move its modification time on,
    as an instructor's edit would (the data-file caches notice size or time)."""
    def edit(path, old: str, new: str) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    return edit
