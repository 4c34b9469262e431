"""The pipeline's cache: keys by content and options, complete parts only, an index merged with
what another run wrote, a damaged index never fatal, a stored batch described per document."""
from __future__ import annotations

import json

import pyarrow as pa
import pytest

from governance_kit.corpus.folder import read_parts, to_document
from governance_kit.pipeline.cache import PipelineCache, store_batch
from governance_kit.pipeline.jobs import BatchJob, FileJob, Options
from governance_kit.pipeline.tables import part_name, schema, write_parquet


@pytest.fixture()
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVKIT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_keys_follow_content_and_options(cache_dir, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("网格", encoding="utf-8")
    counts, spans = PipelineCache(Options()), PipelineCache(Options(tokens="spans"))
    assert counts.dir.parent == cache_dir / "pipeline"
    assert counts.key_for(str(path)).split(":")[0] == spans.key_for(str(path)).split(":")[0]
    assert counts.key_for(str(path)) != spans.key_for(str(path))
    assert counts.key_for(str(tmp_path / "none.txt")) is None


def test_a_part_counts_only_when_every_table_and_docs_are_there(cache_dir):
    cache = PipelineCache(Options())
    cache.index = {"k": "p"}
    for table in ("documents", "codings"):
        cache.part_path(table, "p").parent.mkdir(parents=True)
        cache.part_path(table, "p").write_bytes(b"")
    assert not cache.has("k", ["documents", "codings"])  # no _docs yet
    fresh = PipelineCache(Options())
    fresh.index = {"k": "p"}
    cache.part_path("_docs", "p").parent.mkdir(parents=True)
    cache.part_path("_docs", "p").write_bytes(b"")
    assert fresh.has("k", ["documents", "codings"]) and not fresh.has("other", ["documents"])
    assert not fresh.has(None, ["documents"])


def test_the_index_is_merged_with_what_another_run_saved(cache_dir):
    one, two = PipelineCache(Options()), PipelineCache(Options())
    one.save({"a": "p1"})
    two.save({"b": "p2"})
    assert two.index == {"a": "p1", "b": "p2"}
    assert PipelineCache(Options()).index == {"a": "p1", "b": "p2"}


def test_a_damaged_index_is_rebuilt(cache_dir):
    cache = PipelineCache(Options())
    cache.dir.mkdir(parents=True)
    (cache.dir / "index.parquet").write_bytes(b"not parquet")
    assert PipelineCache(Options()).index == {}
    cache.save({"a": "p"})
    assert PipelineCache(Options()).index == {"a": "p"}


def test_a_stored_batch_keeps_its_partitions_and_describes_each_document(cache_dir, tmp_path):
    options = Options(stages=())
    source = tmp_path / "a.txt"
    source.write_text("我县推进网格化管理。", encoding="utf-8")
    row = {"doc_id": "x1", "file": "a.txt", "title": "甲", "_line": 2}
    job = BatchJob(0, [FileJob(str(source), "a.txt", "x1", row, "key1")], str(tmp_path / "out"), options,
                   str(PipelineCache(options).dir))
    doc = to_document(read_parts(str(source), "a.txt"), "x1", row)
    write_parquet(pa.Table.from_pylist([doc.to_record()], schema=schema("documents", "counts")),
                  tmp_path / "out" / "documents" / part_name(0))
    part = store_batch(job, [doc], ["key1"])
    cache = PipelineCache(options)
    import pyarrow.parquet as pq

    assert pq.read_table(cache.part_path("documents", part)).column("doc_id").to_pylist() == ["x1"]
    [described] = pq.read_table(cache.part_path("_docs", part)).to_pylist()
    assert described["key"] == "key1" and described["label"] == "a.txt"
    assert json.loads(described["catalog"]) == {"doc_id": "x1", "file": "a.txt", "title": "甲"}  # no line number
    assert json.loads(described["meta"])["title"] == "甲"
