"""The output folder of a run: made ready (an earlier run is replaced only when asked), its
``manifest.json`` (options, kit version, files, errors, rows, seconds per stage) and the
:class:`PipelineResult` that reads it back."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from ..corpus.records import LoadError
from .jobs import PIPELINE_VERSION, BatchSummary, Options
from .outdir import MANIFEST, RUN_DIR, _check, clear, state
from .tables import TABLES, read_table


def prepare_out(out: Path, overwrite: bool) -> Path:
    """An empty output folder (an earlier run's tables are removed when ``overwrite``), without a
    lock: :func:`.outdir.open_output` is what a run uses."""
    _check(out, state(out), overwrite)
    clear(out)
    shutil.rmtree(out / RUN_DIR, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    return out


def build_manifest(options: Options, engine: str, workers: int, root: str, files: list, errors: list[LoadError],
                   skipped: list[str], summaries: list[BatchSummary], seconds: float, t_plan: float) -> dict:
    """What ran: options, kit version, counts, rows per table, seconds per stage, errors and skips."""
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
                    "segmenter": options.segmenter, "redact": options.redact},
        "redaction": _redaction(options, summaries),
        "files": len(files), "documents": sum(s.documents for s in summaries),
        "from_cache": sum(s.documents for s in summaries if s.from_cache),
        "bytes_in": sum(s.bytes_in for s in summaries if not s.from_cache),
        "partitions": len(summaries), "tables": options.tables(), "rows": rows,
        "seconds": round(seconds, 3), "stage_seconds": {k: round(v, 3) for k, v in stage_seconds.items()},
        "worker_cpu_seconds": sorted(round(v, 3) for v in per_process.values()),
        "errors": [{"path": e.path, "reason": e.reason, "kind": e.kind} for e in errors], "skipped": list(skipped),
        "warnings": [{"path": w.path, "reason": w.reason, "kind": w.kind} for s in summaries for w in s.warnings],
    }


def _redaction(options: Options, summaries: list[BatchSummary]) -> dict:
    """Masking on or off, and what was masked (by kind) in the documents processed in this run;
    documents from the cache were masked when first processed (the option is part of the cache key)."""
    masked: dict[str, int] = {}
    for s in summaries:
        for kind, n in s.masked.items():
            masked[kind] = masked.get(kind, 0) + n
    return {"on": options.redact, "masked": masked,
            "documents_counted": sum(s.documents for s in summaries if not s.from_cache),
            "note": "个人信息已遮盖（doc_id 除外）" if options.redact else "个人信息未遮盖：运行时指定了 redact=False（命令行 --no-redact）"}


def write_manifest(out: Path, manifest: dict) -> None:
    """``out/manifest.json``, written last and atomically: its presence marks a finished run."""
    tmp = out / f".{MANIFEST}.tmp"
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, out / MANIFEST)


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

        return read_dask(self.out, name, tables=TABLES)

    @property
    def errors(self):
        """Unreadable files and catalog problems: a DataFrame of path, reason (Chinese), kind."""
        import pandas as pd

        return pd.DataFrame(self.manifest["errors"], columns=["path", "reason", "kind"])

    @property
    def warnings(self):
        """Files read with recoverable damage (NUL bytes removed, bytes replaced…): path, reason, kind."""
        import pandas as pd

        return pd.DataFrame(self.manifest.get("warnings", []), columns=["path", "reason", "kind"])

    def __repr__(self) -> str:
        m = self.manifest
        return (f"<PipelineResult {m['documents']} 篇文档(其中 {m['from_cache']} 篇来自缓存),"
                f"{len(m['errors'])} 个问题,{m['seconds']:.1f} 秒,输出在 {self.out}>")
