"""The pipeline's tables: their names, fixed Arrow schemas (so empty partitions and cached ones read
as one dataset), partitions written atomically, and a table read back as a DataFrame.

>>> schema("tokens", "spans").names
['doc_id', 'token', 'start', 'end']
>>> part_name(7)
'part-00007.parquet'
"""
from __future__ import annotations

import os
import uuid
from pathlib import Path

from ..corpus.records import DOCUMENT_COLUMNS
from ..errors import check_choice

STAGES = ("tokenize", "code", "metrics", "places")
TABLES = ("documents", "tokens", "codings", "metrics", "places")
STAGE_TABLE = {"tokenize": "tokens", "code": "codings", "metrics": "metrics", "places": "places"}
TOKEN_MODES = ("counts", "spans")


def schemas() -> dict:
    """Arrow schemas of the tables (``tokens:counts`` and ``tokens:spans`` for the two token tables)."""
    import pyarrow as pa

    s, i, f, b = pa.string(), pa.int64(), pa.float64(), pa.bool_()
    kinds = {"string": s, "int": i}
    return {
        "documents": pa.schema([(name, kinds[kind]) for name, kind in DOCUMENT_COLUMNS]),
        "tokens:counts": pa.schema([("doc_id", s), ("token", s), ("count", i)]),
        "tokens:spans": pa.schema([("doc_id", s), ("token", s), ("start", i), ("end", i)]),
        "codings": pa.schema([("doc_id", s), ("pattern", s), ("category", s), ("match", s), ("start", i),
                              ("end", i), ("sentence", s), ("source", s), ("name", s), ("via", s),
                              ("confidence", f)]),
        "metrics": pa.schema([("doc_id", s), ("value", f), ("unit", s), ("qualifier", s), ("subject", s),
                              ("number_as_written", s), ("unit_as_written", s), ("start", i), ("end", i),
                              ("quote", s), ("sentence", s), ("value_high", f), ("target", b)]),
        "places": pa.schema([("doc_id", s), ("name", s), ("level", s), ("parent", s), ("start", i), ("end", i),
                             ("known", b), ("adcode", s), ("sentence", s)]),
    }


def schema(table: str, tokens: str):
    """The schema of ``table`` (``tokens``: the token mode, ``"counts"`` or ``"spans"``)."""
    return schemas()["tokens:" + tokens if table == "tokens" else table]


def to_arrow(frame, schema):
    """A DataFrame (or None: nothing found) as an Arrow table of ``schema``."""
    import pyarrow as pa

    if frame is None or len(frame) == 0:
        return schema.empty_table()
    return pa.Table.from_pandas(frame[schema.names], schema=schema, preserve_index=False)


def write_parquet(table, path: Path) -> None:
    """Write a Parquet file atomically (a crash never leaves half a partition)."""
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)


def part_name(index: int) -> str:
    return f"part-{index:05d}.parquet"


def read_table(out, name: str, *, columns=None):
    """One table of a pipeline output folder as a pandas DataFrame (all partitions, in order)."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = Path(out) / name
    check_choice("表名", name, TABLES)
    if not folder.is_dir():
        raise FileNotFoundError(f"{Path(out)} 中没有 {name} 表(这次运行没有包括相应的步骤?)")
    parts = sorted(folder.glob("part-*.parquet"))
    tables = [pq.read_table(p, columns=columns) for p in parts]
    if not tables:
        return pd.DataFrame(columns=columns)
    return pa.concat_tables(tables).to_pandas()
