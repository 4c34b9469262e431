"""Whole-corpus runs: batches of files read, cleaned, tokenized, coded and measured, written as
Parquet tables with a manifest and a per-document cache; local processes or Dask (``..scale``).

``run`` is the entry point; ``plan`` cuts the files into batches, ``batch`` is the worker, ``tables``
the schemas, ``cache`` and ``relabel`` reuse earlier results, ``manifest`` records the run."""
from .manifest import PipelineResult
from .run import run_pipeline
from .tables import STAGES, TABLES, read_table

__all__ = ["STAGES", "TABLES", "PipelineResult", "read_table", "run_pipeline"]
