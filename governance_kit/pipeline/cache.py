"""The pipeline's cache of processed documents, in the kit's cache folder (never in the corpus).

``<cache>/pipeline/<options key>/<table>/<part>.parquet`` holds the partitions of earlier batches as
they were written, ``_docs/<part>.parquet`` what each of their documents was (doc_id, content key,
label, catalog row, metadata), and ``index.parquet`` maps a document's key to its part. A key is
``<sha256 of the file>:<options key>`` (:func:`governance_kit.corpus.folder.content_key`); the options
key covers the kit's fingerprint, so an edited data file or a new version starts afresh.
"""
from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

from ..corpus.catalog import row_json
from ..corpus.folder import content_key
from .jobs import BatchJob, Options
from .tables import part_name, write_parquet


class CorruptCachePart(Exception):
    """A cache part that cannot be read back (truncated, garbage): dropped and rebuilt by the run."""

    def __init__(self, path: Path, part: str, cause: BaseException):
        super().__init__(str(path))
        self.path, self.part, self.cause = path, part, cause

    def message(self, files: int) -> str:
        return (f"流水线缓存文件 {self.path} 已损坏，读不出来（{type(self.cause).__name__}），"
                f"已删除这条缓存，相应的 {files} 个文件重新处理")


def _read_index(path: Path, damaged: list | None = None) -> dict[str, str]:
    """key → part of an index file; empty when it is missing or damaged (rebuilt, never fatal;
    a damaged one is named in ``damaged``)."""
    if not path.is_file():
        return {}
    try:
        import pyarrow.parquet as pq

        table = pq.read_table(path)
        return dict(zip(table.column("key").to_pylist(), table.column("part").to_pylist()))
    except Exception:  # a damaged index is rebuilt, not fatal
        if damaged is not None:
            damaged.append(f"流水线缓存的索引 {path} 已损坏，已重建（之前缓存的结果这次重新计算）")
        return {}


class PipelineCache:
    """Per-document results of earlier runs with the same options (see the module's docstring)."""

    def __init__(self, options: Options):
        from ..storage import cache_root

        self.options_key = options.key()
        self.dir = cache_root() / "pipeline" / self.options_key
        self.notices: list[str] = []  # damage found and repaired (Chinese)
        self.index: dict[str, str] = _read_index(self.dir / "index.parquet", self.notices)
        self._parts: dict[str, bool] = {}

    def key_for(self, path: str) -> str | None:
        return content_key(path, self.options_key)

    def part_path(self, table: str, part: str) -> Path:
        return self.dir / table / f"{part}.parquet"

    def has(self, key: str | None, tables: list[str]) -> bool:
        """Whether the document of ``key`` is cached with every one of ``tables``."""
        part = self.index.get(key) if key else None
        if part is None:
            return False
        found = self._parts.get(part)
        if found is None:  # one look per cache part, not per file
            found = self._parts[part] = all(self.part_path(t, part).is_file() for t in [*tables, "_docs"])
        return found

    def read_part(self, table: str, part: str):
        """A cached partition as an Arrow table; :class:`CorruptCachePart` when it cannot be read."""
        import pyarrow.parquet as pq

        path = self.part_path(table, part)
        try:
            return pq.read_table(path)
        except Exception as exc:  # truncated, garbage, missing: never an Arrow error for the user
            raise CorruptCachePart(path, part, exc) from exc

    def drop(self, part: str) -> None:
        """Forget a damaged cache part: its files and its index entries."""
        for folder in self.dir.iterdir() if self.dir.is_dir() else ():
            try:
                (folder / f"{part}.parquet").unlink(missing_ok=True)
            except OSError:
                pass
        self._parts[part] = False
        self.index = {k: p for k, p in self.index.items() if p != part}
        self.save({}, dropped=part)

    def save(self, added: dict[str, str], dropped: str | None = None) -> None:
        """Merge new entries into the index (re-read first: another run may have written meanwhile);
        ``dropped``: a part whose entries go."""
        if not added and not dropped:
            return
        try:
            import pyarrow as pa

            path = self.dir / "index.parquet"
            index = _read_index(path)
            index.update(added)
            if dropped:
                index = {k: p for k, p in index.items() if p != dropped}
            table = pa.table({"key": pa.array(list(index), pa.string()),
                              "part": pa.array(list(index.values()), pa.string())})
            write_parquet(table, path)
            self.index = index
        except Exception:  # an unwritable or full cache is skipped, never fatal
            return


def store_batch(job: BatchJob, docs, keys) -> str:
    """Keep a batch's partitions for reuse: the output files as they are, plus ``_docs`` (doc_id,
    content key, label, catalog row, metadata of each document). Returns the cache part's name; on
    any failure the part's files are removed and the exception goes to the caller."""
    part = uuid.uuid4().hex
    cache = Path(job.cache_dir)
    try:
        _store(job, docs, keys, cache, part)
    except BaseException:  # no half-stored part left behind (it would never be used)
        for name in [*job.options.tables(), "_docs"]:
            for path in (cache / name).glob(f"*{part}.parquet*"):  # the part and its temporary files
                try:
                    path.unlink(missing_ok=True)
                except OSError:
                    pass
        raise
    return part


def _store(job: BatchJob, docs, keys, cache: Path, part: str) -> None:
    import shutil

    import pyarrow as pa

    for name in job.options.tables():
        target = cache / name / f"{part}.parquet"
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        shutil.copyfile(Path(job.out) / name / part_name(job.index), tmp)
        os.replace(tmp, target)
    file_of = {f.doc_id: f for f in job.files}
    table = pa.table({
        "doc_id": pa.array([d.doc_id for d in docs], pa.string()),
        "key": pa.array(keys, pa.string()),
        "label": pa.array([file_of[d.doc_id].label for d in docs], pa.string()),
        "catalog": pa.array([row_json(file_of[d.doc_id].catalog_row) for d in docs], pa.string()),
        "meta": pa.array([json.dumps(d.meta, ensure_ascii=False, default=str) for d in docs], pa.string()),
    })
    write_parquet(table, cache / "_docs" / f"{part}.parquet")  # written last: a part without it is incomplete
