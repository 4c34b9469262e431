"""The output folder and its manifest: an earlier run replaced only when asked, other folders never
touched; the manifest adds up the batches; PipelineResult reads it back."""
from __future__ import annotations

import json

import pytest

import governance_kit as gk
from governance_kit.corpus.records import LoadError
from governance_kit.pipeline.jobs import BatchSummary, Options
from governance_kit.pipeline.manifest import (
    MANIFEST,
    PipelineResult,
    build_manifest,
    prepare_out,
    write_manifest,
)


def test_an_output_folder_is_made_and_protected(tmp_path):
    out = prepare_out(tmp_path / "new" / "out", overwrite=False)
    assert out.is_dir() and not any(out.iterdir())
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(NotADirectoryError, match="应为文件夹"):
        prepare_out(tmp_path / "file", overwrite=True)
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(FileExistsError, match="不是空的"):
        prepare_out(tmp_path / "mine", overwrite=True)
    assert (tmp_path / "mine" / "notes.txt").is_file()


def test_an_earlier_run_is_replaced_only_when_asked(tmp_path):
    out = tmp_path / "out"
    (out / "codings").mkdir(parents=True)
    (out / "codings" / "part-00000.parquet").write_bytes(b"")
    (out / "notes.txt").write_text("研究笔记", encoding="utf-8")
    write_manifest(out, {"tables": ["documents", "codings"]})
    with pytest.raises(FileExistsError, match="overwrite=True"):
        prepare_out(out, overwrite=False)
    prepare_out(out, overwrite=True)
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]


def test_the_manifest_adds_up_the_batches(tmp_path):
    options = Options(stages=("code",))
    summaries = [
        BatchSummary(0, documents=2, rows={"documents": 2, "codings": 7}, seconds={"read": 1.0, "cpu:read": 0.5},
                     errors=[LoadError("b.txt", "文件为空(0 字节)", "EmptyFileError")], bytes_in=100, pid=11),
        BatchSummary(1, documents=3, rows={"documents": 3, "codings": 1}, seconds={"cache": 0.25}, from_cache=True),
    ]
    errors = [LoadError("catalog.csv", "第 3 行:登记的文件 'x.txt' 在文件夹中不存在", "CatalogError"),
              *summaries[0].errors]
    m = build_manifest(options, "local", 2, "/语料", ["f"] * 6, errors, ["link(文件夹的符号链接,未跟随)"], summaries,
                       4.56789, 0.5)
    assert m["files"] == 6 and m["documents"] == 5 and m["from_cache"] == 3 and m["bytes_in"] == 100
    assert m["rows"] == {"documents": 5, "codings": 8} and m["tables"] == ["documents", "codings"]
    assert m["stage_seconds"] == {"plan": 0.5, "cpu:plan": 0.5, "read": 1.0, "cpu:read": 0.5, "cache": 0.25}
    assert m["worker_cpu_seconds"] == [0.5] and m["seconds"] == 4.568 and m["partitions"] == 2
    assert m["errors"][0] == {"path": "catalog.csv", "reason": "第 3 行:登记的文件 'x.txt' 在文件夹中不存在",
                              "kind": "CatalogError"}
    assert [e["kind"] for e in m["errors"]] == ["CatalogError", "EmptyFileError"]
    assert m["skipped"] == ["link(文件夹的符号链接,未跟随)"] and m["kit_version"] == gk.__version__
    json.dumps(m)  # plain JSON


def test_a_result_is_read_back_from_its_folder(tmp_path):
    manifest = {"tables": ["documents"], "documents": 4, "from_cache": 1, "seconds": 2.0,
                "errors": [{"path": "a.txt", "reason": "文件为空(0 字节)", "kind": "EmptyFileError"}]}
    write_manifest(tmp_path, manifest)
    assert not any(p.name.endswith(".tmp") for p in tmp_path.iterdir())
    result = PipelineResult.open(tmp_path)
    assert result.manifest == manifest and result.tables == ["documents"]
    assert result.errors.to_dict("records") == manifest["errors"]
    assert "4 篇文档(其中 1 篇来自缓存)" in repr(result) and "1 个问题" in repr(result)
    with pytest.raises(FileNotFoundError, match=MANIFEST):
        PipelineResult.open(tmp_path / "elsewhere")
