"""One batch in a worker: a broken file is an error in the summary and never stops the batch; the
partitions are written with the fixed schemas and stored in the cache when asked."""
from __future__ import annotations

import pyarrow.parquet as pq

from governance_kit.pipeline.batch import Stopwatch, _token_rows, process_batch
from governance_kit.pipeline.jobs import BatchJob, FileJob, Options
from governance_kit.pipeline.tables import schema

TEXT = "江苏省射阳县推进“三治融合”,全县共划分综合网格1993个,配备网格员4744名。"


def test_a_batch_with_a_broken_file_writes_the_others(tmp_path):
    (tmp_path / "in").mkdir()
    good = tmp_path / "in" / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    files = [FileJob(str(tmp_path / "in" / "empty.txt"), "empty.txt", "empty", None, "k0"),
             FileJob(str(good), "good.txt", "good", None, "k1")]
    options = Options(stages=("metrics",))
    summary = process_batch(BatchJob(3, files, str(tmp_path / "out"), options, str(tmp_path / "cache")))
    assert summary.index == 3 and summary.documents == 1 and summary.bytes_in == good.stat().st_size
    assert [(e.path, e.kind) for e in summary.errors] == [("empty.txt", "EmptyFileError")]
    docs = pq.read_table(tmp_path / "out" / "documents" / "part-00003.parquet")
    assert docs.schema == schema("documents", "counts") and docs.column("doc_id").to_pylist() == ["good"]
    metrics = pq.read_table(tmp_path / "out" / "metrics" / "part-00003.parquet")
    assert metrics.schema == schema("metrics", "counts") and 1993.0 in metrics.column("value").to_pylist()
    assert summary.rows == {"documents": 1, "metrics": metrics.num_rows}
    assert not (tmp_path / "out" / "tokens").exists()
    # the broken file has no key in the cache; the good one is stored
    assert summary.cached == ["k1"] and summary.cache_part
    assert {"read", "clean", "metrics", "write"} <= set(summary.seconds)


def test_a_batch_of_only_broken_files_writes_empty_partitions(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    job = BatchJob(0, [FileJob(str(tmp_path / "empty.txt"), "empty.txt", "e", None, None)], str(tmp_path / "out"),
                   Options(stages=("code",)), None)
    summary = process_batch(job)
    assert summary.documents == 0 and summary.rows == {"documents": 0, "codings": 0} and summary.cache_part is None
    assert pq.read_table(tmp_path / "out" / "codings" / "part-00000.parquet").schema == schema("codings", "counts")


class _Tok:
    def words(self, text):
        return ["网格", "治理", "网格", "村"]

    def word_spans(self, text):
        return [("网格", 0, 2), ("治理", 2, 4)]


class _Doc:
    doc_id, text = "d", "网格治理"


def test_token_rows_count_or_place_each_word():
    assert _token_rows(_Tok(), _Doc(), "counts") == {"doc_id": ["d"] * 3, "token": ["网格", "村", "治理"],
                                                     "count": [2, 1, 1]}
    assert _token_rows(_Tok(), _Doc(), "spans") == {"doc_id": ["d", "d"], "token": ["网格", "治理"],
                                                    "start": [0, 2], "end": [2, 4]}


def test_the_stopwatch_adds_up_wall_and_cpu_time():
    seconds = {"read": 1.0}
    with Stopwatch(seconds, "read"):
        sum(range(10000))
    assert seconds["read"] > 1.0 and seconds["cpu:read"] >= 0.0
