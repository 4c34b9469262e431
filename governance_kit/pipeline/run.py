"""The whole corpus pipeline in one call: ``run_pipeline(folder, out=...)``.

For every file it reads, cleans, tokenizes, codes, extracts metrics and places — the same
functions as ``read_document``, ``tokenize``, ``code_patterns``, ``extract_metrics`` and
``extract_places`` — and writes tidy Parquet tables, one partition per batch of documents::

    out/
      manifest.json             what ran: options, kit version, files, errors, read warnings, rows, seconds per stage
      documents/part-00000.parquet   one row per document (the columns of Corpus.to_frame)
      tokens/part-00000.parquet      doc_id, token, count  (tokens="spans": doc_id, token, start, end)
      codings/…  metrics/…  places/…  the columns of code_patterns, extract_metrics, extract_places

How it scales
-------------
* **Batches, streamed.** Files are grouped into batches of about ``batch_mb`` megabytes, at most
  ``batch_docs`` documents and ``batch_chars`` characters (estimated before reading: a small .docx
  may unzip to a large text); each batch is processed and written by one worker, which returns only a short summary. At most two
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


* **Crash-safe.** One run at a time per output folder (``out/.govkit-lock``: a second run is
  refused, naming the first; the lock of a killed run is taken over). Every partition is written
  atomically and recorded as done when it is; after a crash or a full disk the same command
  resumes, keeps the finished partitions and ends with the tables of an uninterrupted run, and
  ``overwrite=True`` (``--force``) clears the partial output instead. Workers end with the run
  (:mod:`.workers`); damaged cache parts are dropped and rebuilt with a warning (:mod:`.outdir`).

Where each part lives: :mod:`.tables` (schemas, partitions, ``read_table``), :mod:`.jobs` (options,
jobs, summaries), :mod:`.plan`, :mod:`.batch` (the worker), :mod:`.cache` and :mod:`.relabel`
(reusing earlier results), :mod:`.survey` (furniture lines), :mod:`.outdir` and :mod:`.lock` (the output folder, its lock and
progress records), :mod:`.workers` (the process pool), :mod:`.manifest` (``PipelineResult``); the files
are listed along :mod:`governance_kit.corpus.folder`, the path ``load_corpus`` takes.

>>> result = run_pipeline("corpus", out="out/", workers=2)        # doctest: +SKIP
>>> result.table("codings").groupby("category").size()            # doctest: +SKIP
"""
from __future__ import annotations

import os
import time
import warnings
from pathlib import Path

from ..corpus.folder import content_key, open_files, open_folder
from ..errors import check_choice
from .cache import CorruptCachePart, PipelineCache
from .jobs import BatchJob, Options, PipelineWarning
from .manifest import PipelineResult, build_manifest, write_manifest
from .outdir import Output, open_output, record_done, write_error
from .plan import file_jobs, file_size, plan
from .relabel import copy_cached
from .survey import survey_furniture
from .tables import STAGES, TABLES, TOKEN_MODES, read_table
from .workers import run_job, run_local

__all__ = ["STAGES", "TABLES", "PipelineResult", "read_table", "run_pipeline"]

ENGINES = ("local", "dask")
SEGMENTERS = ("auto", "jieba", "rjieba")
MIN_BATCH_BYTES = 256_000
BATCH_DOCS = 500  # documents per batch at most
BATCH_CHARS = 50_000_000  # characters per batch at most (estimated before reading, see plan.text_estimate)
INDEX_EVERY = 2.0  # seconds between saves of the cache index while batches finish


def run_pipeline(source=None, *, out, workers: int | None = None, engine: str = "local", stages=STAGES,
                 discover: bool = False, tokens: str = "counts", segmenter: str = "auto",
                 batch_mb: float = 4.0, use_cache: bool = True, overwrite: bool = False, catalog=None,
                 client=None, redact: bool = True, batch_docs: int = BATCH_DOCS,
                 batch_chars: int = BATCH_CHARS) -> PipelineResult:
    """Read, clean, tokenize, code and measure a whole corpus into Parquet tables.

    Parameters
    ----------
    source : folder, list of files, or None
        A folder (subfolders included, like :func:`~governance_kit.load_corpus`), a list of file
        paths, or ``None`` for the bundled corpus. A ``catalog.csv`` in the folder sets doc_ids and
        metadata. Input files are never modified.
    out : folder
        Where the tables go: ``out/<table>/part-NNNNN.parquet`` and ``out/manifest.json``. It must be
        empty or absent, hold an earlier run (replaced when ``overwrite=True``), or an interrupted
        run of the same command (resumed: its finished partitions are kept; ``overwrite=True``
        starts afresh). One run at a time: a second one into the same folder is refused.
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
    batch_docs, batch_chars : int
        The memory budget of a batch: documents, and characters as estimated before reading.

    Returns
    -------
    PipelineResult
        ``.table(name)`` reads a table as a DataFrame; ``.errors`` lists unreadable files and catalog
        problems, including catalog rows whose file is missing (Chinese reasons);
        ``.manifest`` holds options, counts, seconds per stage, and which partitions were computed,
        copied from the cache or kept from an interrupted run.

    Raises
    ------
    FileExistsError
        The output folder is someone else's, holds a finished run (without ``overwrite``) or is in
        use by another run (:class:`~governance_kit.pipeline.lock.OutputLockedError`).
    OSError
        :class:`~governance_kit.pipeline.outdir.OutputWriteError`: the output cannot be written (disk
        full, read-only, no permission); the message names the path, and the same call resumes.
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
    for name, value in (("workers", workers), ("batch_docs", batch_docs), ("batch_chars", batch_chars)):
        if (value is not None or name != "workers") and (
                isinstance(value, bool) or not isinstance(value, int) or value < 1):
            raise ValueError(f"{name} 应为正整数,收到的是 {value!r}")
    if not batch_mb or batch_mb <= 0:
        raise ValueError(f"batch_mb 应为正数,收到的是 {batch_mb!r}")
    options = Options(tuple(s for s in STAGES if s in stages), bool(discover), tokens, segmenter, bool(redact))

    t0 = time.perf_counter()
    if source is None or isinstance(source, (str, os.PathLike)):
        folder = open_folder(source, catalog=catalog, single_file_hint="要处理几个文件,请传入文件路径的列表")
    else:
        folder = open_files(source, catalog=catalog)
    what = {"source": folder.label, "options": {"stages": list(options.stages), "discover": options.discover,
                                                "tokens": options.tokens, "redact": options.redact}}
    out_dir = Path(out)
    output = open_output(out_dir, overwrite, {**what, "same_as": what, "pid": os.getpid(),
                                              "started": time.strftime("%Y-%m-%d %H:%M:%S")})
    for notice in output.notices:
        warnings.warn(notice, PipelineWarning, stacklevel=2)
    try:
        manifest = _run(output, folder, options, engine, workers, client, use_cache,
                        (batch_mb, batch_docs, batch_chars), t0)
    except OSError as exc:
        output.release()
        if isinstance(exc, FileExistsError) or (exc.filename and not _inside(exc.filename, out_dir)):
            raise
        raise write_error(exc, out_dir) from exc
    except BaseException:
        output.release()
        raise
    output.finish()
    return PipelineResult(out_dir, manifest)


def _inside(path, folder: Path) -> bool:
    try:
        Path(path).resolve().relative_to(folder.resolve())
        return True
    except (ValueError, OSError):
        return False


def _run(output: Output, folder, options: Options, engine: str, workers, client, use_cache: bool,
         budget: tuple, t0: float) -> dict:
    """Plan, resume, copy, compute and record; the manifest of the run (written)."""
    out_dir = output.out
    files, renamed = file_jobs(folder)
    errors = folder.errors + renamed  # catalog problems and rows without a file, then repeated doc_ids
    cache = PipelineCache(options) if use_cache else None
    options_key = options.key()
    for f in files:  # the content key also tells an interrupted run's partitions from changed ones
        f.key = content_key(f.path, options_key)
    n_workers = workers or os.cpu_count() or 1
    survey_furniture(files, n_workers, use_cache)  # page furniture recurring across a folder's files, as load_corpus finds it
    total = sum(file_size(f.path) for f in files)
    # at least ~16 batches when the corpus is small, so that every worker stays busy to the end; the
    # size does not depend on the number of workers, so neither do the partitions
    batch_mb, batch_docs, batch_chars = budget
    batch_bytes = min(batch_mb * 1e6, max(total / 16, MIN_BATCH_BYTES))
    cached_jobs, todo_jobs = plan(files, str(out_dir), options, cache, batch_bytes, batch_docs, batch_chars)
    t_plan = time.perf_counter() - t0
    notices = list(output.notices) + (cache.notices if cache else [])
    for notice in cache.notices if cache else []:
        warnings.warn(notice, PipelineWarning, stacklevel=3)

    summaries, to_copy, to_run = [], [], []
    for jobs, rest in ((cached_jobs, to_copy), (todo_jobs, to_run)):
        for job in jobs:
            kept = output.reusable(job)
            if kept is not None:
                summaries.append(kept)
            else:
                rest.append(job)
    output.keep_only({s.index for s in summaries}, options.tables())
    index = _Index(cache)
    rebuilt = []
    for job in to_copy:
        try:
            summary = copy_cached(job, cache)
        except CorruptCachePart as exc:
            cache.drop(exc.part)
            message = exc.message(len(job.files))
            warnings.warn(message, PipelineWarning, stacklevel=3)
            notices.append(message)
            rebuilt.append(job.index)
            to_run.append(job)
            continue
        record_done(job, summary)
        summaries.append(summary)
    to_run.sort(key=lambda j: j.index)
    if engine == "dask":
        from ..scale import run_batches

        done = run_batches(to_run, run_job, client=client, workers=n_workers)
    else:
        done = run_local(to_run, n_workers)
    try:
        for summary in done:
            summaries.append(summary)
            index.add(summary)
    finally:  # also when a batch failed: the finished ones are reused by the next run
        index.flush()
        if hasattr(done, "close"):
            done.close()  # the pool stops now, before the lock is released (not when the traceback goes)
    summaries.sort(key=lambda s: s.index)
    for s in summaries:
        errors.extend(s.errors)
    for s in summaries:
        for message in [] if s.reused else s.notices:  # e.g. a batch that could not be cached
            warnings.warn(message, PipelineWarning, stacklevel=3)
            notices.append(message)
    changed = [c for s in summaries for c in s.changed]
    for c in changed:
        message = (f"{c['path']}：运行中被修改过（计划时 SHA-256 {c['planned'][:12]}，读取时 {c['read'][:12]}），"
                   "已按实际读到的内容处理和缓存")
        warnings.warn(message, PipelineWarning, stacklevel=3)
        notices.append(message)
    manifest = build_manifest(options, engine, n_workers, folder.label, files, errors, folder.skipped, summaries,
                              time.perf_counter() - t0, t_plan)
    manifest["batches"] = {
        "computed": [s.index for s in summaries if not s.from_cache and not s.reused],
        "from_cache": [s.index for s in summaries if s.from_cache and not s.reused],
        "kept_from_interrupted_run": [s.index for s in summaries if s.reused],
        "rebuilt_after_damaged_cache": sorted(rebuilt),
    }
    manifest["changed_during_run"] = changed
    manifest["notices"] = notices
    write_manifest(out_dir, manifest)
    return manifest


class _Index:
    """New cache entries, merged into the cache index as batches finish (at most every
    ``INDEX_EVERY`` seconds, and at the end), so a killed run's finished batches are reused."""

    def __init__(self, cache: PipelineCache | None):
        self.cache, self.pending, self.last = cache, {}, time.monotonic()

    def add(self, summary) -> None:
        if self.cache is None or not summary.cache_part:
            return
        self.pending.update({k: summary.cache_part for k in summary.cached})
        if time.monotonic() - self.last >= INDEX_EVERY:
            self.flush()

    def flush(self) -> None:
        if self.cache is not None and self.pending:
            self.cache.save(self.pending)
            self.pending, self.last = {}, time.monotonic()
