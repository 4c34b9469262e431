"""The documents row, spelled once: Corpus.to_frame, the pipeline's documents table and its cache
all take their columns from corpus.records; the cache's JSON form of a document round-trips."""
from __future__ import annotations

from governance_kit.clean import clean_text
from governance_kit.corpus.records import (
    DOCUMENT_COLUMNS,
    META_COLUMNS,
    RECORD_COLUMNS,
    document_row,
    meta_columns,
    parts_from_json,
    parts_to_json,
    report_from_json,
)

RAW = "城市基層治理\n作者:孫肖遠\n實(shí)現(xiàn)街道社區的治理。"


def _parts():
    result = clean_text(RAW)
    meta = {"title": "标题", "author": ["甲", "乙"], "place": [], "date": None, "path": "a.txt",
            "encoding": "utf-8", "format": "txt", "sha256": "ab" * 32, "genre": "news"}
    return {"text": result.text, "raw": RAW, "meta": meta, "report": result.report, "line_keys": [3, 2**62]}


def test_the_row_has_the_contract_columns_in_order():
    parts = _parts()
    row = document_row("d1", parts["text"], parts["meta"], parts["report"])
    assert list(row) == RECORD_COLUMNS == [name for name, _ in DOCUMENT_COLUMNS]
    assert RECORD_COLUMNS[:11] == ["doc_id", *META_COLUMNS, "text"]
    assert row["author"] == "甲、乙" and row["place"] is None and row["province"] is None
    assert row["chars_raw"] == len(RAW) and row["chars_clean"] == len(parts["text"])
    assert row["pinyin_removed"] == parts["report"].counts["pinyin"] > 0
    assert row["converted_chars"] == parts["report"].counts["converted_chars"] > 0
    assert {kind for _, kind in DOCUMENT_COLUMNS} == {"string", "int"}


def test_meta_columns_are_the_row_s_metadata():
    parts = _parts()
    row = document_row("d1", parts["text"], parts["meta"], parts["report"])
    assert meta_columns(parts["meta"]) == {k: row[k] for k in META_COLUMNS}


def test_the_cache_form_round_trips():
    parts = _parts()
    stored = parts_to_json(parts)
    assert all(isinstance(v, str) for k, v in stored.items() if k != "line_keys")
    assert stored["line_keys"] == parts["line_keys"] and all(isinstance(k, int) for k in stored["line_keys"])
    back = parts_from_json(stored)
    assert back["text"] == parts["text"] and back["raw"] == RAW and back["meta"] == parts["meta"]
    assert back["line_keys"] == parts["line_keys"]
    assert report_from_json(back["report"]).to_dict() == parts["report"].to_dict()
    assert report_from_json(back["report"]).changes == parts["report"].changes
