"""The whole corpus pipeline in one call: ``run_pipeline(folder, out=...)``.

For every file it reads, cleans, tokenizes, codes, extracts metrics and places — the same
functions as ``read_document``, ``tokenize``, ``code_patterns``, ``extract_metrics`` and
``extract_places`` — and writes tidy Parquet tables, one partition per batch of documents::

    out/
      manifest.json             what ran: options, kit version, files, errors, rows, seconds per stage
      documents/part-00000.parquet   one row per document (the columns of Corpus.to_frame)
      tokens/part-00000.parquet      doc_id, token, count  (tokens="spans": doc_id, token, start, end)
      codings/…  metrics/…  places/…  the columns of code_patterns, extract_metrics, extract_places

How it scales
-------------
* **Batches, streamed.** Files are grouped into batches of about ``batch_mb`` megabytes; each
  batch is processed and written by one worker, which returns only a short summary. At most two
  batches per worker are in flight, so memory stays bounded whatever the size of the corpus.
* **Every core.** ``workers=N`` runs batches in N processes (default: all cores); ``engine="dask"``
  runs the very same batch function over a Dask bag, on a local cluster or a real one
  (:mod:`governance_kit.scale`). Batches are planned before anything runs, so the tables are the
  same whatever the engine and the number of workers.
* **Cached.** Each document's results are kept in the kit's cache folder, keyed by the SHA-256 of
  the file, the kit's fingerprint (version + data files) and the options that change results
  (stages, ``discover``, ``tokens``). A second run over unchanged files only hashes them and copies
  their rows; editing one file reprocesses that file only.
* **Page furniture across a folder.** Before the batches, every file is read and prepared once more
  to count the short lines that recur in its folder (:mod:`.survey`); each batch then cleans its
  files with those lines, as ``load_corpus`` does, and the cache key covers them.
* **Segmentation dominates.** Python jieba takes most of the time. When rjieba is installed the
  pipeline segments with it (``segmenter="auto"``): the same tokens, several times faster
  (:class:`governance_kit.tokens.Tokenizer`, ``engine="rjieba"``). Discovery of new mechanisms
  re-segments text, so it is off unless ``discover=True``.


Where each part lives: :mod:`.tables` (schemas, partitions, ``read_table``), :mod:`.jobs` (options,
jobs, summaries), :mod:`.plan`, :mod:`.batch` (the worker), :mod:`.cache` and :mod:`.relabel`
(reusing earlier results), :mod:`.survey` (furniture lines), :mod:`.manifest` (the output folder and ``PipelineResult``); the files
are listed along :mod:`governance_kit.corpus.folder`, the path ``load_corpus`` takes.

>>> result = run_pipeline("corpus", out="out/", workers=2)        # doctest: +SKIP
>>> result.table("codings").groupby("category").size()            # doctest: +SKIP
"""
from __future__ import annotations

import os
import time
from pathlib import Path

from ..corpus.folder import open_files, open_folder
from ..errors import check_choice
from .batch import process_batch
from .cache import PipelineCache
from .jobs import Options
from .manifest import PipelineResult, build_manifest, prepare_out, write_manifest
from .plan import file_jobs, file_size, plan
from .relabel import copy_cached
from .tables import STAGES, TABLES, TOKEN_MODES, read_table
from .survey import survey_furniture

__all__ = ["STAGES", "TABLES", "PipelineResult", "read_table", "run_pipeline"]

ENGINES = ("local", "dask")
SEGMENTERS = ("auto", "jieba", "rjieba")
MIN_BATCH_BYTES = 256_000


def _run_local(jobs, workers: int):
    """Summaries of the jobs, in completion order; at most two jobs per worker in flight."""
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield process_batch(job)
        return
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    pending = list(reversed(jobs))
    running = set()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        while pending or running:
            while pending and len(running) < 2 * workers:
                running.add(pool.submit(process_batch, pending.pop()))
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()


def run_pipeline(source=None, *, out, workers: int | None = None, engine: str = "local", stages=STAGES,
                 discover: bool = False, tokens: str = "counts", segmenter: str = "auto",
                 batch_mb: float = 4.0, use_cache: bool = True, overwrite: bool = False, catalog=None,
                 client=None, redact: bool = True) -> PipelineResult:
    """Read, clean, tokenize, code and measure a whole corpus into Parquet tables.

    Parameters
    ----------
    source : folder, list of files, or None
        A folder (subfolders included, like :func:`~governance_kit.load_corpus`), a list of file
        paths, or ``None`` for the bundled corpus. A ``catalog.csv`` in the folder sets doc_ids and
        metadata. Input files are never modified.
    out : folder
        Where the tables go: ``out/<table>/part-NNNNN.parquet`` and ``out/manifest.json``. It must be
        empty or absent, or hold an earlier run (replaced when ``overwrite=True``).
    workers : int, optional
        Processes (default: all cores). ``1`` runs in this process.
    engine : {"local", "dask"}
        ``"dask"`` runs the same batches on Dask workers: ``client`` (a ``distributed.Client``) or,
        when none is given, a local cluster of ``workers`` processes (:mod:`governance_kit.scale`).
    stages : iterable of str
        Any of ``"tokenize", "code", "metrics", "places"`` (reading and cleaning always run).
    discover : bool
        Also report mechanisms the codebook lacks (``code_patterns(discover=True)``; several times
        slower, since its scorer segments the text again).
    tokens : {"counts", "spans"}
        The tokens table: content words counted per document, or every one with its offsets.
    segmenter : {"auto", "jieba", "rjieba"}
        The segmentation engine: ``"rjieba"`` gives the same tokens as ``"jieba"``, faster (needs the
        rjieba package); ``"auto"`` (default) takes rjieba when it is installed.
    batch_mb : float
        Megabytes of input per batch at most (one Parquet partition per batch and table); a small
        corpus is cut into about 16 batches so that all workers stay busy.
    use_cache : bool
        Reuse the results of unchanged files (content hash + kit version + options) and store new ones.
    redact : bool
        Mask personal data (phones, ID numbers, bank cards, e-mail, contact names; see
        :mod:`governance_kit.export.redaction`) in every text column but ``doc_id``; ``False`` keeps
        it and the manifest says so.

    Returns
    -------
    PipelineResult
        ``.table(name)`` reads a table as a DataFrame; ``.errors`` lists unreadable files and catalog
        problems, including catalog rows whose file is missing (Chinese reasons);
        ``.manifest`` holds options, counts and seconds per stage.
    """
    from ..tokens import check_engine, rjieba_available

    check_choice("engine", engine, ENGINES)
    check_choice("tokens", tokens, TOKEN_MODES)
    check_choice("segmenter", segmenter, SEGMENTERS)
    if segmenter == "auto":
        segmenter = "rjieba" if rjieba_available() else "jieba"
    check_engine(segmenter)
    if isinstance(stages, str):
        stages = (stages,)
    stages = tuple(stages)
    for s in stages:
        check_choice("stages 中的", s, STAGES)
    if workers is not None and (isinstance(workers, bool) or not isinstance(workers, int) or workers < 1):
        raise ValueError(f"workers 应为正整数,收到的是 {workers!r}")
    if not batch_mb or batch_mb <= 0:
        raise ValueError(f"batch_mb 应为正数,收到的是 {batch_mb!r}")
    options = Options(tuple(s for s in STAGES if s in stages), bool(discover), tokens, segmenter, bool(redact))
    out_dir = prepare_out(Path(out), overwrite)

    t0 = time.perf_counter()
    if source is None or isinstance(source, (str, os.PathLike)):
        folder = open_folder(source, catalog=catalog, single_file_hint="要处理几个文件,请传入文件路径的列表")
    else:
        folder = open_files(source, catalog=catalog)
    files, renamed = file_jobs(folder)
    errors = folder.errors + renamed  # catalog problems and rows without a file, then repeated doc_ids
    cache = PipelineCache(options) if use_cache else None
    if cache is not None:
        for f in files:
            f.key = cache.key_for(f.path)
    n_workers = workers or os.cpu_count() or 1
    survey_furniture(files, n_workers, use_cache)  # page furniture recurring across a folder's files, as load_corpus finds it
    total = sum(file_size(f.path) for f in files)
    # at least ~16 batches when the corpus is small, so that every worker stays busy to the end; the
    # size does not depend on the number of workers, so neither do the partitions
    batch_bytes = min(batch_mb * 1e6, max(total / 16, MIN_BATCH_BYTES))
    cached_jobs, todo_jobs = plan(files, str(out_dir), options, cache, batch_bytes)
    t_plan = time.perf_counter() - t0

    summaries = [copy_cached(job, cache) for job in cached_jobs]
    if engine == "dask":
        from ..scale import run_batches

        summaries += run_batches(todo_jobs, process_batch, client=client, workers=n_workers)
    else:
        summaries += list(_run_local(todo_jobs, n_workers))
    summaries.sort(key=lambda s: s.index)
    if cache is not None:
        cache.save({k: s.cache_part for s in summaries if s.cache_part for k in s.cached})
    for s in summaries:
        errors.extend(s.errors)
    manifest = build_manifest(options, engine, n_workers, folder.label, files, errors, folder.skipped, summaries,
                              time.perf_counter() - t0, t_plan)
    write_manifest(out_dir, manifest)
    return PipelineResult(out_dir, manifest)
