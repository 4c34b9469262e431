"""One batch of files, in a worker process (local pool or Dask): read and clean each file along the
corpus's folder-reading path, run the per-document functions, write the batch's partition of every
table (and its cache entry) and send back a short summary."""
from __future__ import annotations

import os
import time
from collections import Counter
from pathlib import Path

from ..corpus.folder import read_parts, to_document
from ..corpus.records import LoadError
from ..export.redaction import redact_document
from .cache import store_batch
from .jobs import BatchJob, BatchSummary, FileJob, Options, read_warnings
from .tables import part_name, schema, to_arrow, write_parquet


class Stopwatch:
    """Adds the wall-clock seconds of a block to ``seconds[stage]`` and its CPU seconds (this
    process) to ``seconds["cpu:" + stage]``: on a shared machine CPU time is the steadier figure."""

    def __init__(self, seconds: dict, stage: str):
        self.seconds, self.stage = seconds, stage

    def __enter__(self):
        self.t0, self.c0 = time.perf_counter(), time.process_time()

    def __exit__(self, *exc):
        s, k = self.seconds, self.stage
        s[k] = s.get(k, 0.0) + time.perf_counter() - self.t0
        s["cpu:" + k] = s.get("cpu:" + k, 0.0) + time.process_time() - self.c0
        return False


_TOKENIZERS: dict = {}


def _tokenizer(segmenter: str):
    """One Tokenizer per worker process and segmenter (the jieba dictionary loads once)."""
    tok = _TOKENIZERS.get(segmenter)
    if tok is None:
        from ..tokens import Tokenizer

        tok = _TOKENIZERS[segmenter] = Tokenizer(engine=segmenter)
    return tok


_WARM: set = set()


def _warm_up(options: Options, seconds: dict) -> None:
    """Load dictionaries, rules and automata once per process (timed apart as ``warmup``), so the
    stage timings measure throughput, not start-up."""
    if options in _WARM:
        return
    from ..clean import clean_text
    from ..corpus import as_documents
    from ..metrics import numbers
    from ..tokens.dictionary import common_words

    with Stopwatch(seconds, "warmup"):
        common_words()  # the garbled-text repair's word list, loaded by the first garbled text
        numbers.parse_number("一千二百三十四")  # imports cn2an
        docs = as_documents(clean_text("全县共划分综合网格1993个、专属网格四百四十二个,江苏省射阳县推进“三治融合”。").text)
        _tokenizer(options.segmenter).cut("网格员")
        process_documents(docs, options, {})
    _WARM.add(options)


def _read(file: FileJob, seconds: dict):
    """``(Document, bytes read)`` for one file, or ``(LoadError, 0)`` (never raised)."""
    parts = read_parts(file.path, file.label, timer=lambda stage: Stopwatch(seconds, stage), furniture=file.furniture)
    if isinstance(parts, LoadError):
        return parts, 0
    with Stopwatch(seconds, "clean"):
        doc = to_document(parts, file.doc_id, file.catalog_row)
    return doc, parts["meta"]["size"]


def read_key(file: FileJob, doc, summary: BatchSummary) -> str | None:
    """The cache key of the bytes actually parsed: the planned key when the file is as it was
    when the run was planned; else the planned key with the new SHA-256, and the change recorded
    in ``summary.changed`` (the file was saved while the run went on)."""
    if not file.key or ":" not in file.key:
        return file.key
    planned, rest = file.key.split(":", 1)
    read = doc.meta.get("sha256")
    if not read or read == planned:
        return file.key
    summary.changed.append({"path": file.label, "planned": planned, "read": read})
    return f"{read}:{rest}"


def _token_rows(tok, doc, mode: str) -> dict:
    """Content words of one document: counts, or every occurrence with its offsets."""
    if mode == "counts":
        counts = Counter(tok.words(doc.text))
        ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return {"doc_id": [doc.doc_id] * len(ordered), "token": [t for t, _ in ordered],
                "count": [c for _, c in ordered]}
    spans = tok.word_spans(doc.text)
    return {"doc_id": [doc.doc_id] * len(spans), "token": [w for w, _, _ in spans],
            "start": [a for _, a, _ in spans], "end": [b for _, _, b in spans]}


def process_documents(docs, options: Options, seconds: dict | None = None) -> dict:
    """The tables of a list of Documents: ``{table: pandas.DataFrame}`` (per-document functions,
    batched where the function itself batches: coding runs numpy over many texts at once)."""
    import pandas as pd

    seconds = {} if seconds is None else seconds
    frames = {"documents": pd.DataFrame([d.to_record() for d in docs], columns=schema("documents", "counts").names)}
    if "tokenize" in options.stages:
        with Stopwatch(seconds, "tokenize"):
            tok = _tokenizer(options.segmenter)
            columns: dict[str, list] = {}
            for doc in docs:
                for name, values in _token_rows(tok, doc, options.tokens).items():
                    columns.setdefault(name, []).extend(values)
            frames["tokens"] = pd.DataFrame(columns or None, columns=schema("tokens", options.tokens).names)
    if "code" in options.stages:
        from ..codebook import code_patterns

        with Stopwatch(seconds, "code"):
            frames["codings"] = code_patterns(docs, discover=options.discover) if docs else None
    if "metrics" in options.stages:
        from ..metrics import extract_metrics

        with Stopwatch(seconds, "metrics"):
            frames["metrics"] = extract_metrics(docs) if docs else None
    if "places" in options.stages:
        from ..places import extract_places

        with Stopwatch(seconds, "places"):
            frames["places"] = extract_places(docs) if docs else None
    return frames


def process_batch(job: BatchJob) -> BatchSummary:
    """Read, clean and analyse the files of one batch; write its partition of every table (and its
    cache entry). Runs in a worker process (local pool or Dask); returns only a short summary."""
    summary = BatchSummary(job.index, pid=os.getpid())
    seconds = summary.seconds
    _warm_up(job.options, seconds)
    docs, keys = [], []
    for file in job.files:
        doc, size = _read(file, seconds)
        if isinstance(doc, LoadError):
            summary.errors.append(doc)
            continue
        docs.append(doc)
        summary.warnings.extend(read_warnings(file.label, doc.meta))
        keys.append(read_key(file, doc, summary))
        summary.bytes_in += size
    if job.options.redact:  # personal data masked before any table is made (doc_id, the join key, kept)
        masked = Counter()
        docs = [redact_document(d, masked, keep_id=True) for d in docs]
        summary.masked = dict(masked)
    frames = process_documents(docs, job.options, seconds)
    summary.documents = len(docs)
    with Stopwatch(seconds, "write"):
        tables = {}
        for name in job.options.tables():
            tables[name] = to_arrow(frames.get(name), schema(name, job.options.tokens))
            summary.rows[name] = tables[name].num_rows
            write_parquet(tables[name], Path(job.out) / name / part_name(job.index))
        if job.cache_dir and docs and all(keys):
            try:
                summary.cache_part = store_batch(job, docs, keys)
                summary.cached = sorted(set(keys))
            except Exception as exc:  # a full or unwritable cache, even a MemoryError: the batch is kept, uncached
                summary.notices.append(
                    f"批次 {part_name(job.index)}（{len(docs)} 篇文档）的结果没能存入流水线缓存（{type(exc).__name__}），"
                    "表格已照常写出；下次运行时这些文件会重新处理")
    return summary
