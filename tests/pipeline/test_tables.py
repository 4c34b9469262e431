"""The pipeline's tables: schemas (the documents one from corpus.records), atomic partitions, reading back."""
from __future__ import annotations

import pandas as pd
import pytest

from governance_kit.corpus.records import RECORD_COLUMNS
from governance_kit.pipeline.tables import (
    STAGE_TABLE,
    STAGES,
    TABLES,
    part_name,
    read_table,
    schema,
    schemas,
    to_arrow,
    write_parquet,
)


def test_every_table_has_a_schema_and_documents_is_the_corpus_row():
    assert schema("documents", "counts").names == RECORD_COLUMNS
    assert set(STAGE_TABLE) == set(STAGES) and set(STAGE_TABLE.values()) | {"documents"} == set(TABLES)
    assert {k.split(":")[0] for k in schemas()} == set(TABLES)
    assert schema("tokens", "counts").names == ["doc_id", "token", "count"]
    assert all(schema(t, "spans").names[0] == "doc_id" for t in TABLES)


def test_nothing_found_is_an_empty_table_of_the_schema():
    s = schema("metrics", "counts")
    assert to_arrow(None, s).schema == s and to_arrow(None, s).num_rows == 0
    assert to_arrow(pd.DataFrame(columns=s.names), s).num_rows == 0


def test_a_frame_is_cast_to_the_schema_in_its_column_order():
    s = schema("tokens", "counts")
    table = to_arrow(pd.DataFrame({"count": [3], "token": ["网格"], "doc_id": ["a"], "extra": [1]}), s)
    assert table.schema == s and table.to_pylist() == [{"doc_id": "a", "token": "网格", "count": 3}]


def test_partitions_are_written_whole_and_read_back_in_order(tmp_path):
    s = schema("tokens", "counts")
    for i, token in ((1, "二"), (0, "一")):
        write_parquet(to_arrow(pd.DataFrame({"doc_id": ["a"], "token": [token], "count": [i]}), s),
                      tmp_path / "tokens" / part_name(i))
    assert sorted(p.name for p in (tmp_path / "tokens").iterdir()) == ["part-00000.parquet", "part-00001.parquet"]
    assert read_table(tmp_path, "tokens").token.tolist() == ["一", "二"]
    assert read_table(tmp_path, "tokens", columns=["token"]).columns.tolist() == ["token"]


def test_reading_a_table_that_is_not_there(tmp_path):
    with pytest.raises(ValueError, match="表名 只能是 'documents'"):
        read_table(tmp_path, "words")
    with pytest.raises(FileNotFoundError, match="没有 codings 表"):
        read_table(tmp_path, "codings")
    (tmp_path / "places").mkdir()
    assert read_table(tmp_path, "places").empty
