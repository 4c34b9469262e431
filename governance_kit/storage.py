"""Where the kit keeps files of its own: the user's cache folder, the kit's fingerprint (version plus
the bundled data files, so an edited rule invalidates cached results) and file hashes.

The cache lives outside every corpus folder (inputs are never written to): ``$GOVKIT_CACHE_DIR`` or
the platform's user cache folder.
"""
from __future__ import annotations

import errno
import hashlib
import os
import stat
import sys
from functools import lru_cache
from pathlib import Path

from .datafiles import data_dir


def cache_root() -> Path:
    env = os.environ.get("GOVKIT_CACHE_DIR")
    if env:
        return Path(env)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
        return base / "governance_kit" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "governance_kit"
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "governance_kit"


def fingerprint() -> str:
    """Kit version plus a hash of every bundled data file (recomputed when a data file is edited)."""
    data = data_dir()
    stamps = tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in data.iterdir() if p.is_file()))
    return _fingerprint(stamps)


@lru_cache(maxsize=4)
def _fingerprint(stamps: tuple) -> str:
    from . import __version__

    digest = hashlib.sha256(__version__.encode())
    data = data_dir()
    for name, _, _ in stamps:
        digest.update(name.encode())
        digest.update((data / name).read_bytes())
    return digest.hexdigest()[:16]


def file_sha256(path: str | os.PathLike) -> str:
    """SHA-256 of a regular file, read in blocks. Anything else (a FIFO, a device, a folder) raises
    ``OSError`` before a byte is read: it is opened without blocking and checked first."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "不是普通文件(可能是设备、管道或套接字)", os.fsdecode(os.fspath(path)))
        digest = hashlib.sha256()
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
