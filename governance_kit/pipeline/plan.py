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


ZIP_FORMATS = (".docx", ".docm", ".odt", ".epub", ".zip", ".xlsx", ".pptx")
MAX_UNZIPPED = 2_000_000_000  # a zip directory claiming more is counted as this much


def text_estimate(path: str) -> int:
    """An upper estimate of the characters a file holds once read, without reading it: its size
    on disk, or for a zip-based document (.docx …) the uncompressed size its directory declares —
    a 600 KB .docx may hold 200 MB of XML. The reader enforces the real limits."""
    size = file_size(path)
    if path.lower().endswith(ZIP_FORMATS):
        import zipfile

        try:
            with zipfile.ZipFile(path) as z:
                size = max(size, min(sum(i.file_size for i in z.infolist()), MAX_UNZIPPED))
        except (OSError, zipfile.BadZipFile, ValueError, RuntimeError):
            pass
    return size


def batches(files: list[FileJob], batch_bytes: float, max_docs: int | None = None,
            max_chars: float | None = None) -> list[list[FileJob]]:
    """Consecutive runs of files of about ``batch_bytes`` bytes (by size on disk), cut earlier at
    ``max_docs`` documents or ``max_chars`` characters (estimated, :func:`text_estimate`): the
    memory budget of a batch. The rule only looks back to the start of its run of files, so a
    resumed run cuts the files it still has to do exactly as the interrupted one did."""
    out, batch, size, chars = [], [], 0, 0
    for f in files:
        estimate = text_estimate(f.path) if max_chars else 0
        if batch and max_chars and chars + estimate > max_chars:
            out.append(batch)
            batch, size, chars = [], 0, 0
        batch.append(f)
        size += file_size(f.path)
        chars += estimate
        if size >= batch_bytes or (max_docs and len(batch) >= max_docs):
            out.append(batch)
            batch, size, chars = [], 0, 0
    if batch:
        out.append(batch)
    return out


def plan(files: list[FileJob], out: str, options: Options, cache: PipelineCache | None,
         batch_bytes: float, max_docs: int | None = None,
         max_chars: float | None = None) -> tuple[list[BatchJob], list[BatchJob]]:
    """Partitions to copy from the cache and partitions to compute, numbered in file order.

    Consecutive files whose results are cached in the same cache part make one partition (a batch
    of an earlier run comes back whole); runs of other files are cut into batches of about
    ``batch_bytes`` (and the memory budget, see :func:`batches`). Tables read partition by partition
    are thus in file order, cached or not."""
    cache_dir = str(cache.dir) if cache else None
    tables = options.tables()
    cached = [cache is not None and cache.has(f.key, tables) for f in files]
    jobs_cached: list[BatchJob] = []
    jobs_todo: list[BatchJob] = []
    pending: list[FileJob] = []

    def flush():
        for batch in batches(pending, batch_bytes, max_docs, max_chars):
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
