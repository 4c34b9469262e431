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
* **Segmentation dominates.** Python jieba takes most of the time. When rjieba is installed the
  pipeline segments with it (``segmenter="auto"``): the same tokens, several times faster
  (:class:`governance_kit.tokens.Tokenizer`, ``engine="rjieba"``). Discovery of new mechanisms
  re-segments text, so it is off unless ``discover=True``.

>>> result = run_pipeline("corpus", out="out/", workers=2)        # doctest: +SKIP
>>> result.table("codings").groupby("category").size()            # doctest: +SKIP
"""
from __future__ import annotations

import hashlib
import json
import os
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["run_pipeline", "PipelineResult", "STAGES", "TABLES", "read_table"]

STAGES = ("tokenize", "code", "metrics", "places")
TABLES = ("documents", "tokens", "codings", "metrics", "places")
_STAGE_TABLE = {"tokenize": "tokens", "code": "codings", "metrics": "metrics", "places": "places"}
ENGINES = ("local", "dask")
TOKEN_MODES = ("counts", "spans")
SEGMENTERS = ("auto", "jieba", "rjieba")
MANIFEST = "manifest.json"
MIN_BATCH_BYTES = 256_000
PIPELINE_VERSION = 1  # bump when the tables change shape: old cache entries are then ignored


# --- table schemas ---------------------------------------------------------------------------------

def _schemas() -> dict:
    """Arrow schemas of the tables (fixed, so empty partitions and cached ones read as one dataset)."""
    import pyarrow as pa

    s, i, f, b = pa.string(), pa.int64(), pa.float64(), pa.bool_()
    documents = [("doc_id", s), ("title", s), ("author", s), ("date", s), ("place", s), ("province", s),
                 ("genre", s), ("script", s), ("source", s), ("path", s), ("text", s), ("chars_raw", i),
                 ("chars_clean", i), ("removed_lines", i), ("pinyin_removed", i), ("garble_repaired", i),
                 ("garble_flagged", i), ("lost_chars", i), ("converted_chars", i), ("encoding", s),
                 ("format", s), ("sha256", s)]
    return {
        "documents": pa.schema(documents),
        "tokens:counts": pa.schema([("doc_id", s), ("token", s), ("count", i)]),
        "tokens:spans": pa.schema([("doc_id", s), ("token", s), ("start", i), ("end", i)]),
        "codings": pa.schema([("doc_id", s), ("pattern", s), ("category", s), ("match", s), ("start", i),
                              ("end", i), ("sentence", s), ("source", s), ("name", s), ("via", s),
                              ("confidence", f)]),
        "metrics": pa.schema([("doc_id", s), ("value", f), ("unit", s), ("qualifier", s), ("subject", s),
                              ("number_as_written", s), ("unit_as_written", s), ("start", i), ("end", i),
                              ("quote", s), ("sentence", s), ("value_high", f)]),
        "places": pa.schema([("doc_id", s), ("name", s), ("level", s), ("parent", s), ("start", i), ("end", i),
                             ("known", b), ("adcode", s), ("sentence", s)]),
    }


def _schema(table: str, tokens: str):
    return _schemas()["tokens:" + tokens if table == "tokens" else table]


# --- options and jobs ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Options:
    """What a run computes; everything here but ``segmenter`` can change the tables (and the cache key).

    ``segmenter`` is left out of the key on purpose: both engines give the same tokens."""

    stages: tuple[str, ...] = STAGES
    discover: bool = False
    tokens: str = "counts"
    segmenter: str = "jieba"

    def key(self) -> str:
        from ..storage import fingerprint

        spec = {"v": PIPELINE_VERSION, "stages": sorted(self.stages), "discover": self.discover,
                "tokens": self.tokens, "kit": fingerprint()}
        return hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:16]

    def tables(self) -> list[str]:
        return ["documents"] + [_STAGE_TABLE[s] for s in STAGES if s in self.stages]


@dataclass
class FileJob:
    path: str
    label: str  # the path shown to the user, relative to the corpus folder
    doc_id: str
    catalog_row: dict | None
    key: str | None  # content hash + options; None when the file could not be hashed


@dataclass
class BatchJob:
    index: int  # partition number: part-<index>.parquet
    files: list[FileJob]
    out: str
    options: Options
    cache_dir: str | None  # where to store the batch's results for reuse (None: no cache)


@dataclass
class BatchSummary:
    index: int
    documents: int = 0
    rows: dict = field(default_factory=dict)
    seconds: dict = field(default_factory=dict)  # per stage
    errors: list = field(default_factory=list)  # (path, reason, kind)
    cached: list = field(default_factory=list)  # keys stored in the cache …
    cache_part: str | None = None  # … in this cache partition
    bytes_in: int = 0
    from_cache: bool = False
    pid: int = 0  # the process that ran the batch


# --- one batch: the per-document functions ---------------------------------------------------------

class _Stopwatch:
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

    from ..clean import garble
    from ..metrics import numbers

    with _Stopwatch(seconds, "warmup"):
        garble._dictionary()  # loaded by the first garbled text
        numbers.parse_number("一千二百三十四")  # imports cn2an
        docs = as_documents(clean_text("全县共划分综合网格1993个、专属网格四百四十二个,江苏省射阳县推进“三治融合”。").text)
        _tokenizer(options.segmenter).cut("网格员")
        process_documents(docs, options, {})
    _WARM.add(options)


def _read_and_clean(job: FileJob, seconds: dict):
    """A Document for one file, or a (path, reason, kind) error (never raised)."""
    from ..io import reader as gk_io
    from ..corpus.documents import _describe, _document
    from ..errors import ReadError

    try:
        with _Stopwatch(seconds, "read"):
            raw = gk_io.read_file(job.path)
        with _Stopwatch(seconds, "clean"):
            parts = _describe(raw, job.label)
            doc = _document(parts, job.doc_id, job.catalog_row)
            doc.doc_id = doc.meta["doc_id"] = job.doc_id
        return doc, raw.size
    except (ReadError, OSError) as exc:
        reason = getattr(exc, "reason", None) or gk_io.os_error_reason(exc)
        return (job.label, reason, type(exc).__name__), 0
    except Exception as exc:  # a bug or an unforeseen format must not abort a 100,000-file run
        return (job.label, f"处理时出错({type(exc).__name__}: {exc}),已跳过", type(exc).__name__), 0


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
    frames = {"documents": pd.DataFrame([d.to_record() for d in docs], columns=_schema("documents", "counts").names)}
    if "tokenize" in options.stages:
        with _Stopwatch(seconds, "tokenize"):
            tok = _tokenizer(options.segmenter)
            columns: dict[str, list] = {}
            for doc in docs:
                for name, values in _token_rows(tok, doc, options.tokens).items():
                    columns.setdefault(name, []).extend(values)
            frames["tokens"] = pd.DataFrame(columns or None, columns=_schema("tokens", options.tokens).names)
    if "code" in options.stages:
        from ..codebook import code_patterns

        with _Stopwatch(seconds, "code"):
            frames["codings"] = code_patterns(docs, discover=options.discover) if docs else None
    if "metrics" in options.stages:
        from ..metrics import extract_metrics

        with _Stopwatch(seconds, "metrics"):
            frames["metrics"] = extract_metrics(docs) if docs else None
    if "places" in options.stages:
        from ..places import extract_places

        with _Stopwatch(seconds, "places"):
            frames["places"] = extract_places(docs) if docs else None
    return frames


def _arrow(frame, schema):
    import pyarrow as pa

    if frame is None or len(frame) == 0:
        return schema.empty_table()
    return pa.Table.from_pandas(frame[schema.names], schema=schema, preserve_index=False)


def _write(table, path: Path) -> None:
    """Write a Parquet file atomically (a crash never leaves half a partition)."""
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)


def _part_name(index: int) -> str:
    return f"part-{index:05d}.parquet"


def _catalog_json(row: dict | None) -> str:
    """A catalog row as compared between runs (its line number in catalog.csv does not count)."""
    return json.dumps({k: v for k, v in (row or {}).items() if k != "_line"}, ensure_ascii=False, sort_keys=True)


def _store(job: BatchJob, docs, keys) -> str:
    """Keep a batch's partitions for reuse: the output files as they are, plus ``_docs`` (doc_id,
    content key, path, catalog row, metadata of each document). Returns the cache part's name."""
    import shutil

    import pyarrow as pa

    part = uuid.uuid4().hex
    cache = Path(job.cache_dir)
    for name in job.options.tables():
        target = cache / name / f"{part}.parquet"
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        shutil.copyfile(Path(job.out) / name / _part_name(job.index), tmp)
        os.replace(tmp, target)
    label = {f.doc_id: f for f in job.files}
    table = pa.table({
        "doc_id": pa.array([d.doc_id for d in docs], pa.string()),
        "key": pa.array(keys, pa.string()),
        "label": pa.array([label[d.doc_id].label for d in docs], pa.string()),
        "catalog": pa.array([_catalog_json(label[d.doc_id].catalog_row) for d in docs], pa.string()),
        "meta": pa.array([json.dumps(d.meta, ensure_ascii=False, default=str) for d in docs], pa.string()),
    })
    _write(table, cache / "_docs" / f"{part}.parquet")  # written last: a part without it is incomplete
    return part


def process_batch(job: BatchJob) -> BatchSummary:
    """Read, clean and analyse the files of one batch; write its partition of every table (and its
    cache entry). Runs in a worker process (local pool or Dask); returns only a short summary."""
    summary = BatchSummary(job.index, pid=os.getpid())
    seconds = summary.seconds
    _warm_up(job.options, seconds)
    docs, keys = [], []
    for file in job.files:
        doc, size = _read_and_clean(file, seconds)
        if isinstance(doc, tuple):
            summary.errors.append(doc)
            continue
        docs.append(doc)
        keys.append(file.key)
        summary.bytes_in += size
    frames = process_documents(docs, job.options, seconds)
    summary.documents = len(docs)
    with _Stopwatch(seconds, "write"):
        tables = {}
        for name in job.options.tables():
            tables[name] = _arrow(frames.get(name), _schema(name, job.options.tokens))
            summary.rows[name] = tables[name].num_rows
            _write(tables[name], Path(job.out) / name / _part_name(job.index))
        if job.cache_dir and docs and all(keys):
            try:
                summary.cache_part = _store(job, docs, keys)
                summary.cached = sorted(set(keys))
            except OSError:  # an unwritable cache is skipped, never fatal
                pass
    return summary


# --- the cache of processed documents --------------------------------------------------------------

class PipelineCache:
    """Per-document results of earlier runs: ``<cache>/pipeline/<options key>/<table>/<part>.parquet``
    plus ``index.parquet`` (document key → part). A key is ``<sha256 of the file>:<options key>``."""

    def __init__(self, options: Options):
        from ..storage import cache_root

        self.options_key = options.key()
        self.dir = cache_root() / "pipeline" / self.options_key
        self.index: dict[str, str] = {}
        self._parts: dict[str, bool] = {}
        path = self.dir / "index.parquet"
        if path.is_file():
            try:
                import pyarrow.parquet as pq

                table = pq.read_table(path)
                self.index = dict(zip(table.column("key").to_pylist(), table.column("part").to_pylist()))
            except Exception:  # a damaged index is rebuilt, not fatal
                self.index = {}

    def key_for(self, path: str) -> str | None:
        from ..storage import file_sha256

        try:
            return f"{file_sha256(path)}:{self.options_key}"
        except OSError:
            return None

    def part_path(self, table: str, part: str) -> Path:
        return self.dir / table / f"{part}.parquet"

    def has(self, key: str | None, tables: list[str]) -> bool:
        part = self.index.get(key) if key else None
        if part is None:
            return False
        found = self._parts.get(part)
        if found is None:  # one look per cache part, not per file
            found = self._parts[part] = all(self.part_path(t, part).is_file() for t in [*tables, "_docs"])
        return found

    def save(self, added: dict[str, str]) -> None:
        """Merge new entries into the index (re-read first: another run may have written meanwhile)."""
        if not added:
            return
        try:
            import pyarrow as pa

            fresh = PipelineCache.__new__(PipelineCache)
            fresh.options_key, fresh.dir = self.options_key, self.dir
            fresh.index = {}
            path = self.dir / "index.parquet"
            if path.is_file():
                try:
                    import pyarrow.parquet as pq

                    table = pq.read_table(path)
                    fresh.index = dict(zip(table.column("key").to_pylist(), table.column("part").to_pylist()))
                except Exception:
                    fresh.index = {}
            fresh.index.update(added)
            table = pa.table({"key": pa.array(list(fresh.index), pa.string()),
                              "part": pa.array(list(fresh.index.values()), pa.string())})
            _write(table, path)
            self.index = fresh.index
        except OSError:
            return


_META_FIELDS = ("title", "author", "date", "place", "province", "genre", "script", "source", "path")


def _record_meta(meta: dict) -> dict:
    """The metadata columns of a documents row (as ``Document.to_record`` writes them)."""
    return {"title": meta.get("title"), "author": "、".join(meta.get("author") or []) or None,
            "date": meta.get("date"), "place": "、".join(meta.get("place") or []) or None,
            "province": meta.get("province"), "genre": meta.get("genre"), "script": meta.get("script"),
            "source": meta.get("source"), "path": meta.get("path")}


def copy_cached(job: BatchJob, cache: PipelineCache) -> BatchSummary:
    """Write partition ``job.index`` from cached results, with the doc_ids, paths and catalog
    metadata of this run. When the job is an earlier batch unchanged (same files, names and
    catalog rows, in the same order) its files are copied as they are."""
    import shutil

    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from ..corpus import catalog as catalog_mod

    t0 = time.perf_counter()
    summary = BatchSummary(job.index, from_cache=True, documents=len(job.files))
    parts = list(dict.fromkeys(cache.index[f.key] for f in job.files))
    docs = pa.concat_tables([pq.read_table(cache.part_path("_docs", p)) for p in parts])
    same = len(parts) == 1 and docs.num_rows == len(job.files) and docs.select(["doc_id", "label", "catalog"]).to_pylist() == [
        {"doc_id": f.doc_id, "label": f.label, "catalog": _catalog_json(f.catalog_row)} for f in job.files]
    if same:
        for name in job.options.tables():
            target = Path(job.out) / name / _part_name(job.index)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cache.part_path(name, parts[0]), target)
            summary.rows[name] = pq.ParquetFile(target).metadata.num_rows
        summary.seconds["cache"] = time.perf_counter() - t0
        return summary

    wanted: dict[str, list[FileJob]] = {}
    for f in job.files:
        wanted.setdefault(f.key, []).append(f)
    rank = {f.doc_id: i for i, f in enumerate(job.files)}
    key_of = dict(zip(docs.column("doc_id").to_pylist(), docs.column("key").to_pylist()))  # earlier doc_id → key
    old_ids = pa.array(list(key_of), pa.string())
    old_keys = pa.array(list(key_of.values()), pa.string())
    meta_of = dict(zip(docs.column("key").to_pylist(), docs.column("meta").to_pylist()))
    for name in job.options.tables():
        schema = _schema(name, job.options.tokens)
        pieces = []
        for part in parts:
            table = pq.read_table(cache.part_path(name, part))
            table = table.append_column("_key", old_keys.take(pc.index_in(table.column("doc_id"), value_set=old_ids)))
            table = table.filter(pc.is_in(table.column("_key"), value_set=pa.array(list(wanted), pa.string())))
            pieces.append(table)
        table = pa.concat_tables(pieces)
        if name == "documents":
            out, seen = [], set()
            for row in table.to_pylist():
                key = row.pop("_key")
                if key in seen:  # the same bytes twice in the earlier run: once is enough
                    continue
                seen.add(key)
                meta = json.loads(meta_of[key])
                for f in wanted[key]:
                    m = dict(meta, path=f.label)
                    if f.catalog_row:
                        m = catalog_mod.apply_catalog(m, f.catalog_row)
                    out.append({**row, **_record_meta(m), "doc_id": f.doc_id})
            out.sort(key=lambda r: rank[r["doc_id"]])
            result = pa.Table.from_pylist(out, schema=schema)
        else:
            result = _relabel(_first_copy(table), wanted, schema, rank)
        summary.rows[name] = result.num_rows
        _write(result, Path(job.out) / name / _part_name(job.index))
    summary.seconds["cache"] = time.perf_counter() - t0
    return summary


def _first_copy(table):
    """Rows of the first document holding each content key (an earlier run may have had copies)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if table.num_rows == 0:
        return table
    doc = pc.index_in(table.column("doc_id"), value_set=pc.unique(table.column("doc_id"))).to_numpy(zero_copy_only=False)
    key = pc.index_in(table.column("_key"), value_set=pc.unique(table.column("_key"))).to_numpy(zero_copy_only=False)
    first_doc = np.full(key.max() + 1, -1)
    for d, k in zip(*np.unique(np.stack([doc, key]), axis=1)):
        if first_doc[k] < 0 or d < first_doc[k]:
            first_doc[k] = d
    keep = first_doc[key] == doc
    return table if keep.all() else table.filter(pa.array(keep))


def _relabel(table, wanted: dict, schema, rank: dict):
    """Cached rows with the doc_ids of this run (a file copied under two names gets both), in the
    order of the job's files (``wanted``: key → files, filled in file order; ``rank``: doc_id →
    position). Vectorised: a table of token counts holds millions of rows."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if table.num_rows == 0:
        return schema.empty_table()
    keys = list(wanted)
    row_key = pc.index_in(table.column("_key"), value_set=pa.array(keys, pa.string())).to_numpy(zero_copy_only=False)
    copies = np.array([len(wanted[k]) for k in keys])
    if (copies == 1).all():
        take = np.arange(table.num_rows)
        file_of = row_key
    else:  # the same bytes under several names: each row once per name
        take = np.repeat(np.arange(table.num_rows), copies[row_key])
        nth = np.concatenate([np.arange(copies[k]) for k in row_key])
        file_of = None
    ids = [f.doc_id for k in keys for f in wanted[k]]
    first = np.concatenate([[0], np.cumsum(copies)[:-1]])
    which = first[row_key[take]] + (nth if file_of is None else 0)
    order = np.array([rank[i] for i in ids])[which]
    sort = np.argsort(order, kind="stable") if (np.diff(order) < 0).any() else None
    if sort is not None:
        take, which = take[sort], which[sort]
    table = table.take(pa.array(take)).drop_columns(["_key"])
    doc_ids = pa.array(ids, pa.string()).take(pa.array(which))
    table = table.set_column(table.schema.get_field_index("doc_id"), "doc_id", doc_ids)
    return table.select(schema.names)


# --- planning --------------------------------------------------------------------------------------

def _list_sources(source, catalog) -> tuple[list[FileJob], list[tuple[str, str, str]], list[str], str]:
    """The files of a folder (or a list of files) with their doc_ids and catalog rows."""
    from ..corpus import catalog as catalog_mod
    from ..corpus.documents import _doc_id_for, display_path, folder_files

    errors: list[tuple[str, str, str]] = []
    if source is None or isinstance(source, (str, os.PathLike)):
        root, files, skipped = folder_files(source, "要处理几个文件,请传入文件路径的列表")
    else:
        paths = [Path(p) for p in source]
        for p in paths:
            if not p.is_file():
                raise FileNotFoundError(f"文件不存在:{display_path(p)}")
        root = Path(os.path.commonpath([str(p.resolve().parent) for p in paths])) if paths else Path(".")
        files = [(str(p), display_path(os.path.relpath(p.resolve(), root))) for p in paths]
        skipped = []
    catalog_path = Path(catalog) if catalog else root / catalog_mod.FILENAME
    rows: dict[str, dict] = {}
    if catalog_path.is_file():
        rows, problems = catalog_mod.read_catalog(catalog_path)
        label = display_path(catalog_path)
        errors += [(label, p.message(label), "CatalogError") for p in problems]
    jobs, used = [], set()
    for full, rel in files:
        row = rows.get(rel)
        doc_id = row["doc_id"] if row else _doc_id_for(rel)
        if doc_id in used:
            new = f"{doc_id}~{len(jobs)}"
            errors.append((rel, f"doc_id {doc_id!r} 重复,已改名为 {new}", "CatalogError"))
            doc_id = new
        used.add(doc_id)
        jobs.append(FileJob(full, rel, doc_id, row, None))
    return jobs, errors, skipped, display_path(root)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _batches(files: list[FileJob], batch_bytes: float) -> list[list[FileJob]]:
    """Consecutive runs of files of about ``batch_bytes`` bytes (by size on disk)."""
    out, batch, size = [], [], 0
    for f in files:
        n = _size(f.path)
        batch.append(f)
        size += n
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
        for batch in _batches(pending, batch_bytes):
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


# --- running ---------------------------------------------------------------------------------------

def _run_local(jobs: list[BatchJob], workers: int):
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


def _check(name: str, value, allowed) -> None:
    if value not in allowed:
        raise ValueError(f"{name} 只能是 {'、'.join(repr(a) for a in allowed)} 之一,收到的是 {value!r}")


def run_pipeline(source=None, *, out, workers: int | None = None, engine: str = "local", stages=STAGES,
                 discover: bool = False, tokens: str = "counts", segmenter: str = "auto",
                 batch_mb: float = 4.0, use_cache: bool = True, overwrite: bool = False, catalog=None,
                 client=None) -> PipelineResult:
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

    Returns
    -------
    PipelineResult
        ``.table(name)`` reads a table as a DataFrame; ``.errors`` lists unreadable files (Chinese reasons);
        ``.manifest`` holds options, counts and seconds per stage.
    """
    from ..tokens.tokenizer import _check_engine, rjieba_available

    _check("engine", engine, ENGINES)
    _check("tokens", tokens, TOKEN_MODES)
    _check("segmenter", segmenter, SEGMENTERS)
    if segmenter == "auto":
        segmenter = "rjieba" if rjieba_available() else "jieba"
    _check_engine(segmenter)
    if isinstance(stages, str):
        stages = (stages,)
    stages = tuple(stages)
    for s in stages:
        _check("stages 中的", s, STAGES)
    if workers is not None and (isinstance(workers, bool) or not isinstance(workers, int) or workers < 1):
        raise ValueError(f"workers 应为正整数,收到的是 {workers!r}")
    if not batch_mb or batch_mb <= 0:
        raise ValueError(f"batch_mb 应为正数,收到的是 {batch_mb!r}")
    options = Options(tuple(s for s in STAGES if s in stages), bool(discover), tokens, segmenter)
    out_dir = _prepare_out(Path(out), overwrite)

    t0 = time.perf_counter()
    files, errors, skipped, root = _list_sources(source, catalog)
    cache = PipelineCache(options) if use_cache else None
    if cache is not None:
        for f in files:
            f.key = cache.key_for(f.path)
    total = sum(_size(f.path) for f in files)
    # at least ~16 batches when the corpus is small, so that every worker stays busy to the end; the
    # size does not depend on the number of workers, so neither do the partitions
    batch_bytes = min(batch_mb * 1e6, max(total / 16, MIN_BATCH_BYTES))
    cached_jobs, todo_jobs = plan(files, str(out_dir), options, cache, batch_bytes)
    t_plan = time.perf_counter() - t0
    n_workers = workers or os.cpu_count() or 1

    summaries = [copy_cached(job, cache) for job in cached_jobs]
    if engine == "dask":
        from ..scale import run_batches

        summaries += run_batches(todo_jobs, client=client, workers=n_workers)
    else:
        summaries += list(_run_local(todo_jobs, n_workers))
    summaries.sort(key=lambda s: s.index)
    if cache is not None:
        cache.save({k: s.cache_part for s in summaries if s.cache_part for k in s.cached})
    for s in summaries:
        errors.extend(tuple(e) for e in s.errors)
    manifest = _manifest(options, engine, n_workers, root, files, errors, skipped, summaries,
                         time.perf_counter() - t0, t_plan)
    tmp = out_dir / f".{MANIFEST}.tmp"
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, out_dir / MANIFEST)
    return PipelineResult(out_dir, manifest)


def _prepare_out(out: Path, overwrite: bool) -> Path:
    """An empty output folder (an earlier run's tables are removed when ``overwrite``)."""
    import shutil

    if out.exists() and not out.is_dir():
        raise NotADirectoryError(f"out 应为文件夹,{out} 是一个文件")
    if out.is_dir() and any(out.iterdir()):
        if not (out / MANIFEST).is_file():
            raise FileExistsError(f"输出文件夹 {out} 不是空的,也不是之前的流水线结果;为避免误删,请换一个文件夹")
        if not overwrite:
            raise FileExistsError(f"输出文件夹 {out} 已有之前的结果;如确需覆盖请加 overwrite=True(命令行:--force)")
        for name in TABLES:
            shutil.rmtree(out / name, ignore_errors=True)
        (out / MANIFEST).unlink()
    out.mkdir(parents=True, exist_ok=True)
    return out


def _manifest(options, engine, workers, root, files, errors, skipped, summaries, seconds, t_plan) -> dict:
    from .. import __version__
    from ..storage import fingerprint

    stage_seconds: dict[str, float] = {"plan": t_plan, "cpu:plan": t_plan}
    for s in summaries:
        for k, v in s.seconds.items():
            stage_seconds[k] = stage_seconds.get(k, 0.0) + v
    rows = {t: sum(s.rows.get(t, 0) for s in summaries) for t in options.tables()}
    per_process: dict[int, float] = {}  # CPU seconds of the stages, per worker process
    for s in summaries:
        if not s.from_cache:
            cpu = sum(v for k, v in s.seconds.items() if k.startswith("cpu:"))
            per_process[s.pid] = per_process.get(s.pid, 0.0) + cpu
    return {
        "kit_version": __version__, "fingerprint": fingerprint(), "pipeline_version": PIPELINE_VERSION,
        "source": root, "engine": engine, "workers": workers,
        "options": {"stages": list(options.stages), "discover": options.discover, "tokens": options.tokens,
                    "segmenter": options.segmenter},
        "files": len(files), "documents": sum(s.documents for s in summaries),
        "from_cache": sum(s.documents for s in summaries if s.from_cache),
        "bytes_in": sum(s.bytes_in for s in summaries if not s.from_cache),
        "partitions": len(summaries), "tables": options.tables(), "rows": rows,
        "seconds": round(seconds, 3), "stage_seconds": {k: round(v, 3) for k, v in stage_seconds.items()},
        "worker_cpu_seconds": sorted(round(v, 3) for v in per_process.values()),
        "errors": [{"path": p, "reason": r, "kind": k} for p, r, k in errors], "skipped": list(skipped),
    }


# --- results ---------------------------------------------------------------------------------------

def read_table(out, name: str, *, columns=None):
    """One table of a pipeline output folder as a pandas DataFrame (all partitions, in order)."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = Path(out) / name
    if name not in TABLES:
        raise ValueError(f"没有名为 {name!r} 的表;可用:{'、'.join(TABLES)}")
    if not folder.is_dir():
        raise FileNotFoundError(f"{Path(out)} 中没有 {name} 表(这次运行没有包括相应的步骤?)")
    parts = sorted(folder.glob("part-*.parquet"))
    tables = [pq.read_table(p, columns=columns) for p in parts]
    if not tables:
        return pd.DataFrame(columns=columns)
    return pa.concat_tables(tables).to_pandas()


class PipelineResult:
    """The output of :func:`run_pipeline`: where the tables are, and the manifest of the run."""

    def __init__(self, out: Path, manifest: dict):
        self.out = Path(out)
        self.manifest = manifest

    @classmethod
    def open(cls, out) -> PipelineResult:
        """The result of an earlier run, from its folder."""
        path = Path(out) / MANIFEST
        if not path.is_file():
            raise FileNotFoundError(f"{out} 中没有 {MANIFEST};它不是流水线的输出文件夹")
        return cls(Path(out), json.loads(path.read_text(encoding="utf-8")))

    @property
    def tables(self) -> list[str]:
        return list(self.manifest["tables"])

    def table(self, name: str, *, columns=None):
        """A table as a pandas DataFrame (for corpora larger than memory use :meth:`dask`)."""
        return read_table(self.out, name, columns=columns)

    def dask(self, name: str):
        """A table as a lazy Dask DataFrame (one partition per Parquet file)."""
        from ..scale import read_dask

        return read_dask(self.out, name)

    @property
    def errors(self):
        """Unreadable files and catalog problems: a DataFrame of path, reason (Chinese), kind."""
        import pandas as pd

        return pd.DataFrame(self.manifest["errors"], columns=["path", "reason", "kind"])

    def __repr__(self) -> str:
        m = self.manifest
        return (f"<PipelineResult {m['documents']} 篇文档(其中 {m['from_cache']} 篇来自缓存),"
                f"{len(m['errors'])} 个问题,{m['seconds']:.1f} 秒,输出在 {self.out}>")
