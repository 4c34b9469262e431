"""Cache of processed documents: one Parquet file per corpus folder, rows keyed by content hash.

A row is reused when the file's bytes (SHA-256) and the kit's fingerprint (version + the data files
that steer cleaning) are unchanged, so editing a rule or upgrading the kit invalidates it. The cache
lives outside the corpus folder (input folders are never written to): ``$GOVKIT_CACHE_DIR`` or the
platform's user cache folder. A cache that cannot be read or written is ignored, never fatal; caches of folders not loaded for
30 days are deleted.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from ..storage import cache_root, fingerprint
from .folder import content_key
from .records import parts_from_json, parts_to_json


class CorpusCache:
    """Processed documents of one folder, keyed by ``<sha256>:<fingerprint>``."""

    def __init__(self, folder: str | os.PathLike):
        name = hashlib.sha1(os.fsencode(os.path.abspath(folder))).hexdigest()[:16]
        self.path = cache_root() / "corpora" / f"{name}.parquet"
        self._rows: dict[str, dict] | None = None
        self._dirty = False
        self._fingerprint = fingerprint()  # once per load, not once per file (it stats every data file)

    def key_for(self, path: str | os.PathLike) -> str | None:
        return content_key(path, self._fingerprint)

    def _load(self) -> dict[str, dict]:
        if self._rows is None:
            self._rows = {}
            if self.path.is_file():
                try:
                    import pyarrow.parquet as pq

                    for row in pq.ParquetFile(self.path).read().to_pylist():  # no pyarrow.dataset import
                        self._rows[row.pop("key")] = row
                except Exception:  # a damaged cache is rebuilt, not fatal
                    self._rows = {}
        return self._rows

    def get(self, key: str) -> dict | None:
        row = self._load().get(key)
        return parts_from_json(row) if row else None

    def put(self, key: str, parts: dict) -> None:
        self._load()[key] = parts_to_json(parts)
        self._dirty = True

    def save(self, keep: set[str]) -> None:
        """Write the rows still in use (atomically); silently skip if the cache folder is not writable."""
        rows = self._load()
        stale = set(rows) - keep
        if not self._dirty and not stale:
            return
        for key in stale:
            del rows[key]
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq

            self.path.parent.mkdir(parents=True, exist_ok=True)
            table = pa.Table.from_pylist([{"key": k, **v} for k, v in rows.items()])
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            os.close(fd)
            pq.write_table(table, tmp, compression="zstd")
            os.replace(tmp, self.path)
            _prune(self.path.parent)
        except OSError:
            return


MAX_AGE_DAYS = 30


def _prune(folder: Path) -> None:
    """Drop corpus caches not written for ``MAX_AGE_DAYS`` days (e.g. of temporary folders)."""
    import time

    limit = time.time() - MAX_AGE_DAYS * 86400
    for entry in folder.glob("*.parquet"):
        try:
            if entry.stat().st_mtime < limit:
                entry.unlink()
        except OSError:
            continue
