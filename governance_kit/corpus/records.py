"""Plain records of a document: the documents row (spelled once, here), a load problem, and the
JSON form of a document's parts kept in the cache.

The documents row is the contract of ``Corpus.to_frame`` and of the pipeline's ``documents`` table
(DESIGN.md §4): the metadata columns, the clean text and the cleaning figures.

>>> [name for name, _ in DOCUMENT_COLUMNS][:4]
['doc_id', 'title', 'author', 'date']
>>> meta_columns({"author": ["韩亚栋", "管筱璞"], "place": [], "path": "a.txt"})["author"]
'韩亚栋、管筱璞'
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from ..clean import Change, CleanReport

# (column, kind): kind is "string" or "int" (the pipeline's Parquet schema is built from it)
DOCUMENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("doc_id", "string"), ("title", "string"), ("author", "string"), ("date", "string"), ("place", "string"),
    ("province", "string"), ("genre", "string"), ("script", "string"), ("source", "string"), ("path", "string"),
    ("text", "string"), ("chars_raw", "int"), ("chars_clean", "int"), ("removed_lines", "int"),
    ("pinyin_removed", "int"), ("garble_repaired", "int"), ("garble_flagged", "int"), ("lost_chars", "int"),
    ("converted_chars", "int"), ("encoding", "string"), ("format", "string"), ("sha256", "string"),
)
RECORD_COLUMNS = [name for name, _ in DOCUMENT_COLUMNS]
# the columns taken from a document's metadata (a catalog row can change them without re-reading)
META_COLUMNS = ("title", "author", "date", "place", "province", "genre", "script", "source", "path")
_LISTS = ("author", "place")  # lists in the metadata, joined with 、 in the row
# cleaning figures: row column → key of CleanReport.counts
_COUNTS = (("removed_lines", "removed"), ("pinyin_removed", "pinyin"), ("garble_repaired", "repaired"),
           ("garble_flagged", "flagged"), ("lost_chars", "lost_char"), ("converted_chars", "converted_chars"))


@dataclass(frozen=True)
class LoadError:
    """A file that could not be read: where, why (Chinese) and the exception type."""

    path: str
    reason: str
    kind: str


def meta_columns(meta: dict) -> dict:
    """The metadata columns of a documents row, as the row writes them (lists joined with 、)."""
    return {name: ("、".join(meta.get(name) or []) or None) if name in _LISTS else meta.get(name)
            for name in META_COLUMNS}


def document_row(doc_id: str, text: str, meta: dict, report: CleanReport) -> dict:
    """One documents row (the columns of :data:`RECORD_COLUMNS`, in that order)."""
    counts = report.counts
    return {
        "doc_id": doc_id, **meta_columns(meta), "text": text,
        "chars_raw": report.chars_in, "chars_clean": report.chars_out,
        **{column: counts[key] for column, key in _COUNTS},
        "encoding": meta.get("encoding"), "format": meta.get("format"), "sha256": meta.get("sha256"),
    }


# --- a document's parts as the cache keeps them ------------------------------------------------------
# parts: {"text", "raw", "meta", "report"} — what reading and cleaning one file gives, before a
# catalog row or a doc_id is applied

def parts_to_json(parts: dict) -> dict:
    return {"text": parts["text"], "raw": parts["raw"], "meta": json.dumps(parts["meta"], ensure_ascii=False),
            "report": json.dumps(parts["report"].to_dict(), ensure_ascii=False), "line_keys": parts.get("line_keys")}


def parts_from_json(row: dict) -> dict:
    """The parts of a cached row; the report stays a JSON string until it is used (see Document.cleaning)."""
    return {"text": row["text"], "raw": row["raw"], "meta": json.loads(row["meta"]), "report": row["report"],
            "line_keys": row.get("line_keys")}


def report_from_json(text: str) -> CleanReport:
    report = json.loads(text)
    report["changes"] = [Change(**c) for c in report["changes"]]
    report["pinyin_notes"] = [tuple(n) for n in report.get("pinyin_notes", [])]
    return CleanReport(**report)
