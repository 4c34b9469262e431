"""Planning a run before anything runs: the files of the source as jobs with unique doc_ids, then
partitions numbered in file order — runs of cached files copied as they were, the others cut into
batches of about the same size. The plan depends neither on the engine nor on the number of
workers, so neither do the tables."""
from __future__ import annotations

import os

from ..corpus.folder import Folder, unique_doc_ids
from ..corpus.records import LoadError
from .cache import PipelineCache
from .jobs import BatchJob, FileJob, Options


def file_jobs(folder: Folder) -> tuple[list[FileJob], list[LoadError]]:
    """One job per file of ``folder``, doc_ids made unique before reading (a repeated one is
    reported); keys are filled in later, when the cache is used."""
    ids, renamed = unique_doc_ids(folder.files)
    return [FileJob(f.path, f.label, doc_id, f.catalog_row, None) for f, doc_id in zip(folder.files, ids)], renamed


def file_size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def batches(files: list[FileJob], batch_bytes: float) -> list[list[FileJob]]:
    """Consecutive runs of files of about ``batch_bytes`` bytes (by size on disk)."""
    out, batch, size = [], [], 0
    for f in files:
        batch.append(f)
        size += file_size(f.path)
        if size >= batch_bytes:
            out.append(batch)
            batch, size = [], 0
    if batch:
        out.append(batch)
    return out


def plan(files: list[FileJob], out: str, options: Options, cache: PipelineCache | None,
         batch_bytes: float) -> tuple[list[BatchJob], list[BatchJob]]:
    """Partitions to copy from the cache and partitions to compute, numbered in file order.

    Consecutive files whose results are cached in the same cache part make one partition (a batch
    of an earlier run comes back whole); runs of other files are cut into batches of about
    ``batch_bytes``. Tables read partition by partition are thus in file order, cached or not."""
    cache_dir = str(cache.dir) if cache else None
    tables = options.tables()
    cached = [cache is not None and cache.has(f.key, tables) for f in files]
    jobs_cached: list[BatchJob] = []
    jobs_todo: list[BatchJob] = []
    pending: list[FileJob] = []

    def flush():
        for batch in batches(pending, batch_bytes):
            jobs_todo.append(BatchJob(len(jobs_cached) + len(jobs_todo), batch, out, options, cache_dir))
        pending.clear()

    i, n = 0, len(files)
    while i < n:
        if not cached[i]:
            pending.append(files[i])
            i += 1
            continue
        flush()
        part, group = cache.index[files[i].key], []
        while i < n and cached[i] and cache.index[files[i].key] == part:
            group.append(files[i])
            i += 1
        jobs_cached.append(BatchJob(len(jobs_cached) + len(jobs_todo), group, out, options, cache_dir))
    flush()
    return jobs_cached, jobs_todo
