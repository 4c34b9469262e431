"""Before the batches: which short lines recur across the files of each folder (page furniture, see
:mod:`governance_kit.corpus.furniture`), so that every batch cleans its files as ``load_corpus`` does.

Each file is read and prepared once more for this (no model, no metadata); a file that cannot be
read counts for nothing here and is reported by its batch. The keys found are cached by the file's
SHA-256 and the kit's fingerprint, so a second run over unchanged files reads none of them again.
"""
from __future__ import annotations

from ..clean.cleaner import prepare_text
from ..clean.furniture import text_keys
from ..corpus.furniture import furniture_key, recurring_lines, worth_surveying
from .jobs import FileJob
from .tables import write_parquet

PARALLEL_MIN_FILES = 32


def line_keys_of(path: str) -> frozenset[int] | None:
    """Keys of a file's candidate furniture lines; None when it cannot be read (never raised)."""
    return read_line_keys(path)[1]


def read_line_keys(path: str) -> tuple[str | None, frozenset[int] | None]:
    """``(SHA-256 of the bytes read, keys of their candidate furniture lines)``; ``(None, None)``
    when the file cannot be read (never raised)."""
    from ..io.reader import read_file

    try:
        raw = read_file(path)
        return raw.sha256, text_keys(prepare_text(raw.text))
    except Exception:  # the batch reads the file again and reports why it failed
        return None, None


class SurveyCache:
    """Line keys of files surveyed before: SHA-256 of the file → keys, one Parquet file per kit
    fingerprint in the kit's cache folder. Damaged or unwritable: ignored, never fatal."""

    def __init__(self):
        from ..storage import cache_root, fingerprint

        self.path = cache_root() / "pipeline" / "survey" / f"{fingerprint()}.parquet"
        self.rows = self._read()
        self.added: dict[str, list[int]] = {}

    def _read(self) -> dict[str, list[int]]:
        try:
            import pyarrow.parquet as pq

            table = pq.read_table(self.path)
            return dict(zip(table.column("sha256").to_pylist(), table.column("line_keys").to_pylist()))
        except Exception:  # missing or damaged: rebuilt
            return {}

    def get(self, sha: str | None) -> list[int] | None:
        return self.rows.get(sha) if sha else None

    def put(self, sha: str | None, keys) -> None:
        if sha and keys is not None:
            self.added[sha] = sorted(keys)

    def save(self) -> None:
        if not self.added:
            return
        try:
            import pyarrow as pa

            rows = {**self._read(), **self.added}  # another run may have written meanwhile
            write_parquet(pa.table({"sha256": pa.array(list(rows), pa.string()),
                                    "line_keys": pa.array(list(rows.values()), pa.list_(pa.int64()))}), self.path)
        except (OSError, ValueError):
            return


def survey_furniture(files: list[FileJob], workers: int, use_cache: bool = True) -> int:
    """Give each file the furniture lines it holds (``FileJob.furniture``) and fold their digest
    into its cache key (``FileJob.key``, ``<sha256>:<options>`` when the cache is on); returns the
    number of files with furniture."""
    labels = [f.label for f in files]
    if not worth_surveying(labels):
        return 0
    cache = SurveyCache() if use_cache else None
    shas = [f.key.split(":", 1)[0] if f.key else None for f in files]
    keys = [cache.get(sha) if cache else None for sha in shas]
    todo = [i for i, k in enumerate(keys) if k is None]
    for i, (read, found) in zip(todo, _survey([files[i].path for i in todo], workers)):
        keys[i] = found
        if cache:
            cache.put(read, found)  # under the bytes surveyed (the file may have been saved meanwhile)
    if cache:
        cache.save()
    n = 0
    for f, lines in zip(files, recurring_lines(labels, keys)):
        if lines:
            n += 1
            f.furniture = lines
            f.key = furniture_key(f.key, lines)
    return n


def _survey(paths: list[str], workers: int) -> list:
    if workers <= 1 or len(paths) < PARALLEL_MIN_FILES:
        return [read_line_keys(p) for p in paths]
    from .workers import pool as worker_pool  # workers that end with this process

    with worker_pool(workers) as pool:
        return list(pool.map(read_line_keys, paths, chunksize=max(1, len(paths) // (workers * 8))))
