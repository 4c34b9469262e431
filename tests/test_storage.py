"""Where the kit keeps its own files: cache folder per platform, fingerprint, file hashes."""
from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

from governance_kit import storage


def test_cache_root_honours_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("GOVKIT_CACHE_DIR", str(tmp_path / "c"))
    assert storage.cache_root() == tmp_path / "c"


@pytest.mark.parametrize("platform, env, parts", [
    ("win32", {"LOCALAPPDATA": "/x/Local"}, ("/x/Local", "governance_kit", "Cache")),
    ("darwin", {}, ("Library", "Caches", "governance_kit")),
    ("linux", {"XDG_CACHE_HOME": "/x/cache"}, ("/x/cache", "governance_kit")),
])
def test_cache_root_per_platform(monkeypatch, platform, env, parts):
    monkeypatch.delenv("GOVKIT_CACHE_DIR", raising=False)
    monkeypatch.setattr(sys, "platform", platform)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    root = storage.cache_root()
    assert root.parts[-len(parts[1:]):] == parts[1:]
    if parts[0].startswith("/"):
        assert str(root).startswith(parts[0])
    else:
        assert str(root).startswith(str(Path.home()))


def test_file_sha256_reads_in_blocks(tmp_path):
    data = bytes(range(256)) * (5 * 4096 + 7)  # > 1 MiB, not a multiple of the block size
    path = tmp_path / "big.bin"
    path.write_bytes(data)
    assert storage.file_sha256(path) == hashlib.sha256(data).hexdigest()


def test_fingerprint_is_stable_and_depends_on_data_content(monkeypatch):
    first = storage.fingerprint()
    assert first == storage.fingerprint() and len(first) == 16
    int(first, 16)
    monkeypatch.setattr("governance_kit.__version__", "0.0.0-test")
    storage._fingerprint.cache_clear()
    try:
        assert storage.fingerprint() != first  # the version is part of it
    finally:
        storage._fingerprint.cache_clear()
