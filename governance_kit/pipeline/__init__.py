"""Whole-corpus runs: batches of files read, cleaned, tokenized, coded and measured, written as
Parquet tables with a manifest and a per-document cache; local processes or Dask (``..scale``)."""
from .run import STAGES, TABLES, PipelineResult, read_table, run_pipeline

__all__ = ["STAGES", "TABLES", "PipelineResult", "read_table", "run_pipeline"]
