"""Partitions written from the cache: the rows of earlier runs under this run's doc_ids, paths and
catalog metadata (a file renamed, copied under two names or given a new catalog row is not read
again), in this run's file order."""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

from ..corpus.catalog import apply_catalog, row_json
from ..corpus.records import meta_columns
from ..export.redaction import redact_arrow
from .cache import PipelineCache
from .jobs import BatchJob, BatchSummary, FileJob, read_warnings
from .tables import part_name, schema, write_parquet


def copy_cached(job: BatchJob, cache: PipelineCache) -> BatchSummary:
    """Write partition ``job.index`` from cached results, with the doc_ids, paths and catalog
    metadata of this run. When the job is an earlier batch unchanged (same files, names and
    catalog rows, in the same order) its files are copied as they are."""
    import shutil

    import pyarrow as pa
    import pyarrow.compute as pc

    t0 = time.perf_counter()
    summary = BatchSummary(job.index, from_cache=True, documents=len(job.files))
    parts = list(dict.fromkeys(cache.index[f.key] for f in job.files))
    docs = pa.concat_tables([cache.read_part("_docs", p) for p in parts])  # CorruptCachePart if damaged
    meta_of = dict(zip(docs.column("key").to_pylist(), docs.column("meta").to_pylist()))
    for f in job.files:  # read warnings kept with the cache entry, under this run's paths
        summary.warnings.extend(read_warnings(f.label, json.loads(meta_of.get(f.key) or "{}")))
    same = len(parts) == 1 and docs.num_rows == len(job.files) and (
        docs.select(["doc_id", "label", "catalog"]).to_pylist()
        == [{"doc_id": f.doc_id, "label": f.label, "catalog": row_json(f.catalog_row)} for f in job.files])
    if same:
        for name in job.options.tables():
            summary.rows[name] = cache.read_part(name, parts[0]).num_rows  # read back whole: verified
        for name in job.options.tables():
            target = Path(job.out) / name / part_name(job.index)
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.tmp")
            shutil.copyfile(cache.part_path(name, parts[0]), tmp)
            os.replace(tmp, target)
        summary.seconds["cache"] = time.perf_counter() - t0
        return summary

    wanted: dict[str, list[FileJob]] = {}
    for f in job.files:
        wanted.setdefault(f.key, []).append(f)
    rank = {f.doc_id: i for i, f in enumerate(job.files)}
    key_of = dict(zip(docs.column("doc_id").to_pylist(), docs.column("key").to_pylist()))  # earlier doc_id → key
    old_ids = pa.array(list(key_of), pa.string())
    old_keys = pa.array(list(key_of.values()), pa.string())
    for name in job.options.tables():
        table_schema = schema(name, job.options.tokens)
        pieces = []
        for part in parts:
            table = cache.read_part(name, part)
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
                        m = apply_catalog(m, f.catalog_row)
                    out.append({**row, **meta_columns(m), "doc_id": f.doc_id})
            out.sort(key=lambda r: rank[r["doc_id"]])
            result = pa.Table.from_pylist(out, schema=table_schema)
            if job.options.redact:  # this run's paths and catalog metadata, masked as in a fresh batch
                result = redact_arrow(result)
        else:
            result = _relabel(_first_copy(table), wanted, table_schema, rank)
        summary.rows[name] = result.num_rows
        write_parquet(result, Path(job.out) / name / part_name(job.index))
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


def _relabel(table, wanted: dict, table_schema, rank: dict):
    """Cached rows with the doc_ids of this run (a file copied under two names gets both), in the
    order of the job's files (``wanted``: key → files, filled in file order; ``rank``: doc_id →
    position). Vectorised: a table of token counts holds millions of rows."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if table.num_rows == 0:
        return table_schema.empty_table()
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
    return table.select(table_schema.names)
