"""Cached rows under this run's doc_ids: one copy per name, in this run's file order."""
from __future__ import annotations

import pyarrow as pa

from governance_kit.pipeline.jobs import FileJob
from governance_kit.pipeline.relabel import _first_copy, _relabel
from governance_kit.pipeline.tables import schema

COUNTS = schema("tokens", "counts")


def _table(rows):
    return pa.Table.from_pylist([{"doc_id": d, "token": t, "count": c, "_key": k} for d, t, c, k in rows])


def _job(doc_id, key):
    return FileJob(f"/c/{doc_id}.txt", f"{doc_id}.txt", doc_id, None, key)


def test_rows_take_the_new_names_and_the_new_order():
    table = _table([("old1", "甲", 2, "k1"), ("old1", "乙", 1, "k1"), ("old2", "丙", 5, "k2")])
    files = [_job("new2", "k2"), _job("new1", "k1")]
    wanted = {"k2": [files[0]], "k1": [files[1]]}
    out = _relabel(table, wanted, COUNTS, {"new2": 0, "new1": 1})
    assert out.schema == COUNTS
    assert out.to_pylist() == [{"doc_id": "new2", "token": "丙", "count": 5},
                               {"doc_id": "new1", "token": "甲", "count": 2},
                               {"doc_id": "new1", "token": "乙", "count": 1}]


def test_the_same_bytes_under_two_names_give_rows_for_both():
    table = _table([("old1", "甲", 2, "k1"), ("old2", "丙", 5, "k2")])
    files = [_job("a", "k1"), _job("b", "k2"), _job("c", "k1")]
    wanted = {"k1": [files[0], files[2]], "k2": [files[1]]}
    out = _relabel(table, wanted, COUNTS, {"a": 0, "b": 1, "c": 2})
    assert [(r["doc_id"], r["token"]) for r in out.to_pylist()] == [("a", "甲"), ("b", "丙"), ("c", "甲")]


def test_no_rows_give_an_empty_table_of_the_schema():
    empty = _table([("x", "甲", 1, "k")]).slice(0, 0)
    assert _relabel(empty, {"k": [_job("a", "k")]}, COUNTS, {"a": 0}) == COUNTS.empty_table()


def test_copies_in_an_earlier_run_come_back_once():
    table = _table([("twin_b", "甲", 1, "k1"), ("twin_a", "甲", 1, "k1"), ("other", "乙", 3, "k2"),
                    ("twin_a", "丁", 2, "k1")])
    kept = _first_copy(table)
    assert [(r["doc_id"], r["token"]) for r in kept.to_pylist()] == [("twin_b", "甲"), ("other", "乙")]
    unique = _table([("a", "甲", 1, "k1"), ("b", "乙", 1, "k2")])
    assert _first_copy(unique) is unique
