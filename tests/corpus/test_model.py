"""Document and Corpus: lookup by doc_id with a Chinese error, slices and cases keep the root,
the frame follows the documents row, as_documents takes every accepted input."""
from __future__ import annotations

import pytest

from governance_kit.clean import clean_text
from governance_kit.corpus.model import Corpus, Document, as_documents
from governance_kit.corpus.records import RECORD_COLUMNS, LoadError, parts_to_json


def _doc(doc_id: str, genre: str = "news", warnings=()) -> Document:
    result = clean_text(f"{doc_id} 的正文:全县划分综合网格1993个。")
    meta = {"title": doc_id.upper(), "genre": genre, "author": [], "place": [], "path": f"{doc_id}.txt",
            "read_warnings": list(warnings)}
    return Document(doc_id, result.text, result.text, meta, result.report)


@pytest.fixture()
def corpus():
    return Corpus([_doc("a"), _doc("b", "fiction"), _doc("c", warnings=["有 1 个字节无法解码,已替换为 U+FFFD"])],
                  errors=[LoadError("x.txt", "文件为空(0 字节)", "EmptyFileError")], root="/语料")


def test_lookup_by_id_position_and_slice(corpus):
    assert corpus["b"].doc_id == "b" and corpus[0].doc_id == "a" and corpus.ids == ["a", "b", "c"]
    with pytest.raises(KeyError, match="没有 doc_id 为 'z'"):
        corpus["z"]
    part = corpus[1:]
    assert isinstance(part, Corpus) and part.ids == ["b", "c"] and part.root == "/语料"


def test_cases_leave_fiction_out(corpus):
    assert corpus.cases().ids == ["a", "c"] and corpus.cases().root == "/语料"


def test_warnings_and_errors(corpus):
    assert [(w.path, w.kind) for w in corpus.warnings] == [("c.txt", "ReadWarning")]
    frame = corpus.errors_frame()
    assert frame.to_dict("records") == [{"path": "x.txt", "reason": "文件为空(0 字节)", "kind": "EmptyFileError"}]
    assert "1 个读取问题" in repr(corpus) and "/语料" in repr(corpus)


def test_frame_follows_the_documents_row(corpus):
    frame = corpus.to_frame()
    assert list(frame.columns) == RECORD_COLUMNS and frame.doc_id.tolist() == ["a", "b", "c"]
    assert frame.title.tolist() == ["A", "B", "C"]
    empty = Corpus([]).to_frame()
    assert list(empty.columns) == RECORD_COLUMNS and len(empty) == 0


def test_a_cached_report_is_parsed_on_first_use():
    doc = _doc("a")
    stored = parts_to_json({"text": doc.text, "raw": doc.raw, "meta": doc.meta, "report": doc.cleaning})
    lazy = Document("a", doc.text, doc.raw, doc.meta, stored["report"])
    assert lazy.cleaning.to_dict() == doc.cleaning.to_dict()


def test_as_documents_accepts_documents_corpora_lists_and_text(corpus):
    doc = corpus["a"]
    assert as_documents(doc) == [doc]
    assert as_documents(corpus) == corpus.documents
    assert as_documents([doc, corpus["b"]]) == [doc, corpus["b"]]
    [text] = as_documents("實(shí)現(xiàn)网格化")
    assert text.doc_id == "text" and text.text == "实现网格化"
    with pytest.raises(TypeError, match="需要 Document、Corpus 或字符串"):
        as_documents(42)


def test_cases_keep_every_genre_but_fiction():
    genres = ["plan", "law_regulation", "work_report", "speech", "policy_document", "interview", "fiction", "news"]
    corpus = Corpus([_doc(g, g) for g in genres], root="/语料")
    assert corpus.cases().ids == [g for g in genres if g != "fiction"]
