"""A failure while a batch is stored in the pipeline cache (a MemoryError, a full disk) loses nothing:
the tables are written as without the cache, the manifest says which batch was not cached, no
half-stored cache part stays, and the next run processes those files again."""
from __future__ import annotations

import errno

import pandas as pd
import pytest

import governance_kit.pipeline.cache as cache_module
from governance_kit.pipeline import run_pipeline
from governance_kit.pipeline.jobs import PipelineWarning

TEXT = "{town}镇村民议事会每月召开一次，今年共协商解决道路硬化、垃圾分类等事项{n}件。\n"


@pytest.fixture()
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVKIT_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "语料"
    root.mkdir()
    for i, town in enumerate(["青石", "柳河", "白沙"]):
        (root / f"{town}.txt").write_text(f"{town}镇工作简报\n" + TEXT.format(town=town, n=10 + i) * 4, encoding="utf-8")
    return root


def _tables(out):
    return {name: pd.read_parquet(out / name) for name in ("documents", "codings", "metrics")}


@pytest.mark.parametrize("error", [MemoryError(), OSError(errno.ENOSPC, "No space left on device"), RuntimeError("x")])
def test_a_batch_that_cannot_be_cached_is_still_written(folder, tmp_path, monkeypatch, error):
    reference = run_pipeline(folder, out=tmp_path / "ref", workers=1, use_cache=False,
                             stages=["code", "metrics"])
    real = cache_module.write_parquet

    def failing(table, path):
        if path.parent.name == "_docs":  # after the tables were copied into the cache part
            raise error
        return real(table, path)

    monkeypatch.setattr(cache_module, "write_parquet", failing)
    with pytest.warns(PipelineWarning, match="没能存入流水线缓存"):
        result = run_pipeline(folder, out=tmp_path / "a", workers=1, stages=["code", "metrics"])
    assert result.manifest["documents"] == reference.manifest["documents"] == 3
    assert result.manifest["rows"] == reference.manifest["rows"]
    for name, frame in _tables(tmp_path / "ref").items():
        pd.testing.assert_frame_equal(_tables(tmp_path / "a")[name], frame)
    notes = [n for n in result.manifest["notices"] if "没能存入流水线缓存" in n]
    assert notes and type(error).__name__ in notes[0] and "表格已照常写出" in notes[0]
    stored = [p for p in (tmp_path / "cache" / "pipeline").rglob("*.parquet*") if p.parent.name != "survey"]
    assert not [p for p in stored if p.name != "index.parquet"]  # no half-stored part

    monkeypatch.setattr(cache_module, "write_parquet", real)
    again = run_pipeline(folder, out=tmp_path / "b", workers=1, stages=["code", "metrics"])
    assert again.manifest["from_cache"] == 0 and again.manifest["notices"] == []
    third = run_pipeline(folder, out=tmp_path / "c", workers=1, stages=["code", "metrics"])
    assert third.manifest["from_cache"] == 3
