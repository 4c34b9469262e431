"""Read warnings (NUL bytes removed, undecodable bytes replaced) reach the pipeline's manifest and
the CLI, on a fresh run and on a run served from the cache, under the paths of that run."""
from __future__ import annotations

import json
import shutil

import pytest

from governance_kit.cli import main
from governance_kit.corpus.records import LoadError
from governance_kit.pipeline import run_pipeline
from governance_kit.pipeline.jobs import BatchSummary
from governance_kit.pipeline.outdir import summary_from

TEXT = "东湖街道推行网格化管理，全街道划分综合网格四十二个，配备专职网格员五十名。\n"


@pytest.fixture()
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVKIT_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "语料"
    root.mkdir()
    (root / "空字符.txt").write_bytes(("标题\n" + TEXT * 5).encode("utf-8").replace("。".encode(), "\x00。".encode()))
    (root / "坏字节.txt").write_bytes(TEXT.encode("utf-8") * 20 + b"\xff\xfe" + TEXT.encode("utf-8"))
    (root / "完好.txt").write_text("标题\n" + TEXT * 3, encoding="utf-8")
    return root


def _warned(manifest: dict) -> dict:
    assert all(w["kind"] == "ReadWarning" for w in manifest["warnings"])
    return {w["path"]: w["reason"] for w in manifest["warnings"]}


def test_warnings_in_manifest_fresh_and_from_cache(folder, tmp_path):
    first = run_pipeline(folder, out=tmp_path / "o1", workers=1, stages=["code"])
    warned = _warned(first.manifest)
    assert set(warned) == {"空字符.txt", "坏字节.txt"} and "NUL" in warned["空字符.txt"]
    assert first.manifest["errors"] == [] and first.manifest["from_cache"] == 0
    assert list(first.warnings.columns) == ["path", "reason", "kind"] and len(first.warnings) == 2

    second = run_pipeline(folder, out=tmp_path / "o2", workers=1, stages=["code"])
    assert second.manifest["from_cache"] == 3  # every document from the cache …
    assert _warned(second.manifest) == warned  # … and the warnings with them

    shutil.move(folder / "空字符.txt", folder / "改名.txt")  # same bytes, new name: relabelled from the cache
    third = run_pipeline(folder, out=tmp_path / "o3", workers=1, stages=["code"])
    assert third.manifest["from_cache"] == 3
    assert set(_warned(third.manifest)) == {"改名.txt", "坏字节.txt"}


def test_warnings_survive_the_record_of_a_finished_batch():
    summary = BatchSummary(0, warnings=[LoadError("a.txt", "移除了 3 个 NUL 字符", "ReadWarning")])
    from dataclasses import asdict

    assert summary_from(json.loads(json.dumps(asdict(summary)))).warnings == summary.warnings


def test_cli_prints_the_count(folder, tmp_path, capsys):
    assert main(["pipeline", str(folder), "--out", str(tmp_path / "o"), "--workers", "1", "--stages", "code"]) == 0
    err = capsys.readouterr().err
    assert "有 2 条读取警告" in err and "空字符.txt" in err
