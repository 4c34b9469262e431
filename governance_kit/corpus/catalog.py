"""``catalog.csv``: the metadata an instructor or researcher states for each file of a corpus.

Columns: doc_id, file, title, author, date, place, province, genre, script, source, note.
Lists (author, place) are separated by ``;``. The file is UTF-8 (with or without BOM, so Excel can
save it). Problems are reported per row and field, in Chinese, and never stop a load.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from .genres import GENRES
from .meta import iso_date

COLUMNS = ("doc_id", "file", "title", "author", "date", "place", "province", "genre", "script", "source", "note")
LIST_COLUMNS = ("author", "place")
SCRIPTS = ("simplified", "traditional")
FILENAME = "catalog.csv"


@dataclass(frozen=True)
class CatalogProblem:
    row: int  # 1-based line number in the file (the header is line 1)
    field: str
    reason: str

    def message(self, path: str) -> str:
        return f"{path} 第 {self.row} 行,字段 {self.field}:{self.reason}"


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.replace(";", ";").split(";") if v.strip()]


def read_catalog(path: str | Path) -> tuple[dict[str, dict], list[CatalogProblem]]:
    """Read a catalog; returns ``{file: row}`` (values cleaned, lists split) and the problems found."""
    text = Path(path).read_bytes().decode("utf-8-sig", errors="replace")
    reader = csv.DictReader(io.StringIO(text))
    problems: list[CatalogProblem] = []
    missing = [c for c in ("doc_id", "file") if c not in (reader.fieldnames or [])]
    if missing:
        return {}, [CatalogProblem(1, ",".join(missing), f"缺少必需的列 {'、'.join(missing)};应有的列:{', '.join(COLUMNS)}")]
    rows: dict[str, dict] = {}
    seen_ids: set[str] = set()
    for line_no, raw in enumerate(reader, start=2):
        row = {k: (v or "").strip() for k, v in raw.items() if k}
        if not any(row.values()):
            continue
        doc_id, file = row.get("doc_id", ""), row.get("file", "")
        if not doc_id or not file:
            problems.append(CatalogProblem(line_no, "doc_id" if not doc_id else "file", "不能为空,该行已忽略"))
            continue
        if doc_id in seen_ids:
            problems.append(CatalogProblem(line_no, "doc_id", f"{doc_id!r} 与前面的行重复,该行已忽略"))
            continue
        seen_ids.add(doc_id)
        if row.get("date"):
            iso = iso_date(row["date"])
            if iso is None:
                problems.append(CatalogProblem(line_no, "date", f"{row['date']!r} 不是有效日期,应写成 2023-05-22;已按空值处理"))
            row["date"] = iso or ""
        if row.get("genre") and row["genre"] not in GENRES:
            problems.append(CatalogProblem(line_no, "genre", f"{row['genre']!r} 不是可用的体裁;可用:{', '.join(GENRES)};已改为从正文推断"))
            row["genre"] = ""
        if row.get("script") and row["script"] not in SCRIPTS:
            problems.append(CatalogProblem(line_no, "script", f"{row['script']!r} 无效,只能是 simplified 或 traditional;已改为自动判断"))
            row["script"] = ""
        for column in LIST_COLUMNS:
            row[column] = _split(row.get(column, ""))
        row["_line"] = line_no
        rows[file] = row
    return rows, problems


def apply_catalog(meta: dict, row: dict) -> dict:
    """Catalog values override what the text states; records which field came from where."""
    merged = dict(meta)
    origin = dict(meta.get("meta_source", {}))
    for column in COLUMNS:
        if column in ("file",):
            continue
        value = row.get(column)
        if value:
            merged[column] = value
            origin[column] = "catalog"
    merged["meta_source"] = origin
    return merged


def row_json(row: dict | None) -> str:
    """A catalog row as compared between runs (its line number in catalog.csv does not count)."""
    return json.dumps({k: v for k, v in (row or {}).items() if k != "_line"}, ensure_ascii=False, sort_keys=True)
