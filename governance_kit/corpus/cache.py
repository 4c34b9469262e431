"""Cache of processed documents: one Parquet file per corpus folder, rows keyed by content hash.

A row is reused when the file's bytes (SHA-256 of exactly the bytes that were parsed, see
:func:`.folder.read_keyed`) and the kit's fingerprint (version + the data files that steer cleaning)
are unchanged, so editing a rule or upgrading the kit invalidates it. The cache lives outside the
corpus folder (input folders are never written to): ``$GOVKIT_CACHE_DIR`` or the platform's user
cache folder. Caches of folders not loaded for 30 days are deleted.

Every row carries a checksum of its content; a row is verified when it is read (checksum, and the
hash its text was read from against its key). A damaged row or file is dropped and rebuilt, with a
Chinese note in :attr:`CorpusCache.warnings`; a cache that cannot be read or written — for any
reason, a full disk or a memory error included — is never fatal to a load.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from ..storage import cache_root, fingerprint
from .folder import content_key
from .records import parts_from_json, parts_to_json

_COLUMNS = ("key", "text", "raw", "meta", "report", "check")


def checksum(row: dict) -> str:
    """A digest of a cached row's content (its text, raw text, metadata, report and line keys)."""
    digest = hashlib.sha256()
    for name in ("text", "raw", "meta", "report"):
        digest.update(row[name].encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    digest.update(json.dumps(row.get("line_keys"), ensure_ascii=False).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


class CorpusCache:
    """Processed documents of one folder, keyed by ``<sha256>:<fingerprint>``."""

    def __init__(self, folder: str | os.PathLike):
        name = hashlib.sha1(os.fsencode(os.path.abspath(folder))).hexdigest()[:16]
        self.path = cache_root() / "corpora" / f"{name}.parquet"
        self._rows: dict[str, dict] | None = None
        self._dirty = False
        self._fingerprint = fingerprint()  # once per load, not once per file (it stats every data file)
        self.warnings: list[str] = []  # Chinese notes: a damaged cache rebuilt, a cache not written

    @property
    def salt(self) -> str:
        """What a key adds to a file's hash: the kit's fingerprint."""
        return self._fingerprint

    def key_for(self, path: str | os.PathLike) -> str | None:
        return content_key(path, self._fingerprint)

    def keys(self) -> frozenset[str]:
        """The keys of the rows held (not yet verified: :meth:`get` does that)."""
        return frozenset(self._load())

    def _load(self) -> dict[str, dict]:
        if self._rows is None:
            self._rows = {}
            if self.path.is_file():
                try:
                    import pyarrow.parquet as pq

                    table = pq.ParquetFile(self.path).read()  # no pyarrow.dataset import
                    if "check" not in table.column_names and set(_COLUMNS) - {"check"} <= set(table.column_names):
                        self._dirty = True  # written by a kit before checksums: rebuilt quietly
                        return self._rows
                    missing = set(_COLUMNS) - set(table.column_names)
                    if missing:
                        raise ValueError(f"缺少列 {'、'.join(sorted(missing))}")
                    for row in table.to_pylist():
                        self._rows[row.pop("key")] = row
                except Exception as exc:  # a damaged cache is rebuilt, not fatal
                    self._rows = {}
                    self._dirty = True
                    self._warn(f"语料缓存文件 {self.path} 已损坏（{_why(exc)}），已丢弃并重新读取全部文件")
        return self._rows

    def get(self, key: str) -> dict | None:
        """The parts cached under ``key``, verified; None when absent or damaged (then dropped)."""
        rows = self._load()
        row = rows.get(key)
        if row is None:
            return None
        try:
            if row.get("check") != checksum(row):
                raise ValueError("校验和不符")
            parts = parts_from_json(row)
            if parts["meta"].get("sha256") != key.split(":", 1)[0]:
                raise ValueError("内容与其文件哈希不符")
            return parts
        except Exception as exc:
            del rows[key]
            self._dirty = True
            self._warn(f"语料缓存中的一条记录已损坏（{_why(exc)}），已丢弃并重新读取对应的文件")
            return None

    def put(self, key: str, parts: dict) -> None:
        """Keep ``parts`` under ``key``; a failure (a memory error, say) only leaves them uncached."""
        try:
            row = parts_to_json(parts)
            row["check"] = checksum(row)
        except Exception as exc:
            self._warn(f"有文档未能写入语料缓存（{_why(exc)}），不影响本次读取，下次会重新读取")
            return
        self._load()[key] = row
        self._dirty = True

    def save(self, keep: set[str]) -> None:
        """Write the rows still in use (atomically); a cache that cannot be written is noted in
        :attr:`warnings`, never raised."""
        tmp = None
        try:
            rows = self._load()
            stale = set(rows) - keep
            if not self._dirty and not stale:
                return
            for key in stale:
                del rows[key]
            import pyarrow as pa
            import pyarrow.parquet as pq

            self.path.parent.mkdir(parents=True, exist_ok=True)
            table = pa.Table.from_pylist([{"key": k, **v} for k, v in rows.items()])
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            os.close(fd)
            pq.write_table(table, tmp, compression="zstd")
            os.replace(tmp, self.path)
            tmp = None
            _prune(self.path.parent)
        except Exception as exc:  # MemoryError, a full disk, a read-only folder …
            self._warn(f"语料缓存 {self.path} 未能写入（{_why(exc)}），本次读取的文档不受影响，下次会重新读取")
        finally:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)


def _why(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}：{text[:120]}" if text else type(exc).__name__


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
