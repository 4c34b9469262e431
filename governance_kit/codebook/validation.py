"""Checking codebook entries read from YAML, Excel or Python, with errors that say where, in Chinese.

Every reader turns its file into raw entries (dicts of fields), each with a :class:`Where` (file,
line or sheet row, per-field lines); :func:`validate_patterns` checks them one by one and as a whole
and returns the :class:`~governance_kit.codebook.entries.Pattern` objects, or raises
:class:`~governance_kit.errors.CodebookError` naming the file, the line or row, the entry and the field.

>>> validate_patterns([({"id": "x", "name": "某机制", "category": "services"}, Where("编码本", "第 1 条模式"))],
...                   normalise_categories(None, "编码本"))
[Pattern(id='x', name='某机制', category='services', description='', aliases=(), cues=(), example='', source='', note='')]
"""
from __future__ import annotations

import re

from ..errors import CodebookError, check_choice
from .entries import CATEGORY_KEYS, CATEGORY_LABELS, FIELD_LABELS, FIELDS, LIST_FIELDS, REQUIRED_FIELDS, Category, Pattern

_ID = re.compile(r"[a-z][a-z0-9_]*\Z")


class Where:
    """Where an entry is, for error messages: file, line or row, and per-field lines.

    >>> Where("cb.yaml", "第 2 条模式", line=7, field_lines={"cues": 9}, item_lines={"cues": [10, 11]})("cues", 1)
    'cb.yaml 第 11 行(第 2 条模式) 字段 cues(线索) 第 2 项'
    """

    def __init__(self, label: str, entry: str, *, line: int | None = None, field_lines=None, item_lines=None,
                 excel_row: int | None = None, excel_columns=None):
        self.label, self.entry, self.line = label, entry, line
        self.field_lines = field_lines or {}
        self.item_lines = item_lines or {}
        self.excel_row, self.excel_columns = excel_row, excel_columns

    def __call__(self, field_name: str | None = None, item: int | None = None) -> str:
        name = f"字段 {field_name}({FIELD_LABELS.get(field_name, '')})" if field_name else ""
        if self.excel_row is not None:
            col = ""
            if field_name and field_name in (self.excel_columns or {}):
                from openpyxl.utils import get_column_letter

                col = f" {get_column_letter(self.excel_columns[field_name] + 1)} 列"
            text = f"{self.label} {self.entry}{col}"
            if name:
                text += f" {name}"
            if item is not None:
                text += f" 第 {item + 1} 项"
            return text
        line = self.line
        if field_name and field_name in self.field_lines:
            line = self.field_lines[field_name]
            items = self.item_lines.get(field_name)
            if item is not None and items and item < len(items):
                line = items[item]
        text = f"{self.label} 第 {line} 行({self.entry})" if line else f"{self.label} {self.entry}"
        if name:
            text += f" {name}"
        if item is not None:
            text += f" 第 {item + 1} 项"
        return text

    def place(self) -> str:
        """Short position for cross-references ("第 12 行" / "第 7 行" / "第 3 条模式")."""
        if self.excel_row is not None:
            return f"第 {self.excel_row} 行"
        return f"第 {self.line} 行" if self.line else self.entry


def _allowed_categories(categories: dict[str, Category]) -> str:
    return "、".join(f"{k}({c.label})" for k, c in categories.items())


def normalise_categories(raw, label: str, lines: dict | None = None, unit: str = "行") -> dict[str, Category]:
    """Categories from a mapping key → label | {label, definition}; None gives the 14 fixed ones.

    ``lines``: key → line (or sheet row, ``unit``) for error messages.
    """
    if raw is None:
        return {k: Category(k, v) for k, v in CATEGORY_LABELS.items()}
    if isinstance(raw, dict) and all(isinstance(v, Category) for v in raw.values()):
        raw = {k: {"label": c.label, "definition": c.definition} for k, c in raw.items()}
    if not isinstance(raw, dict):
        raise CodebookError(f"{label}:categories 应为“类别键: 名称”的映射,实际为 {type(raw).__name__}")
    lines = lines or {}
    out = {}
    for key, value in raw.items():
        where = f"{label} 第 {lines[key]} {unit}" if key in lines else label
        key = str(key).strip()
        check_choice(f"{where}:类别键", key, CATEGORY_KEYS, error=CodebookError)
        if isinstance(value, str) or value is None:
            value = {"label": value}
        if not isinstance(value, dict):
            raise CodebookError(f"{where}:类别 {key} 应为名称或 {{label, definition}},实际为 {value!r}")
        extra = set(value) - {"label", "definition"}
        if extra:
            raise CodebookError(f"{where}:类别 {key} 有未知字段 {'、'.join(map(str, extra))};只能有 label、definition")
        lab = str(value.get("label") or "").strip() or CATEGORY_LABELS[key]
        out[key] = Category(key, lab, str(value.get("definition") or "").strip())
    return out


def validate_patterns(entries: list[tuple[object, Where]], categories: dict[str, Category]) -> list[Pattern]:
    """Check every entry and the codebook as a whole; return the patterns or raise CodebookError."""
    from ..clean.convert import to_simplified

    patterns, first_id, owner = [], {}, {}
    for entry, where in entries:
        if not isinstance(entry, dict):
            raise CodebookError(f"{where()}:应为键值对(id、name、category …),实际为 {entry!r}")
        unknown = [k for k in entry if k not in FIELDS]
        if unknown:
            raise CodebookError(f"{where()}:未知字段 {'、'.join(map(str, unknown))};允许的字段:"
                                + "、".join(f"{f}({FIELD_LABELS[f]})" for f in FIELDS))
        for f in REQUIRED_FIELDS:
            value = entry.get(f)
            if value is None or (isinstance(value, str) and not value.strip()):
                raise CodebookError(f"{where(f)}:缺少字段 {f}({FIELD_LABELS[f]})")
            if not isinstance(value, str):
                raise CodebookError(f"{where(f)}:应为文字,实际为 {value!r}")
        for f in ("description", "example", "source", "note"):
            value = entry.get(f)
            if value is not None and not isinstance(value, (str, int, float)):
                raise CodebookError(f"{where(f)}:应为文字,实际为 {value!r}")
        pid = entry["id"].strip()
        if not _ID.match(pid):
            raise CodebookError(f"{where('id')}:id {pid!r} 应为小写英文字母开头的 snake_case(只含 a-z、0-9、下划线),例如 grid_management")
        if pid in first_id:
            raise CodebookError(f"{where('id')}:id {pid!r} 重复,{first_id[pid].place()}已有同一 id")
        first_id[pid] = where
        cat = entry["category"].strip()
        if cat not in categories:
            raise CodebookError(f"{where('category')}:类别 {cat!r} 不是允许的类别键;允许的类别键:{_allowed_categories(categories)}")
        for f in LIST_FIELDS:
            value = entry.get(f)
            if value is None:
                continue
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, (list, tuple)):
                raise CodebookError(f"{where(f)}:应为列表,实际为 {value!r}")
            for i, v in enumerate(value):
                if not isinstance(v, str) or not v.strip():
                    raise CodebookError(f"{where(f, i)}:应为非空文字,实际为 {v!r}")
        for i, cue in enumerate(entry.get("cues") or ()):
            try:
                compiled = re.compile(cue)
            except re.error as exc:
                raise CodebookError(f"{where('cues', i)}:正则表达式 {cue!r} 无效:{exc}") from exc
            if compiled.fullmatch("") is not None or compiled.search("") is not None:
                raise CodebookError(f"{where('cues', i)}:正则表达式 {cue!r} 可以匹配空字符串,会在每个位置命中;请写出必须出现的字")
        pattern = Pattern(pid, entry["name"], cat, entry.get("description") or "", entry.get("aliases") or (),
                          entry.get("cues") or (), entry.get("example") or "", entry.get("source") or "", entry.get("note") or "")
        forms = [(pattern.name, "name", None)] + [(a, "aliases", i) for i, a in enumerate(pattern.aliases)]
        for text, f, i in forms:
            simple = to_simplified(text)
            other = owner.get(simple)
            if other is not None and other[0] != pid:
                oid, owhere, otext = other
                what = "名称" if f == "name" else "别名"
                raise CodebookError(f"{where(f, i)}:{what} {text!r} 与{owhere.place()}模式 {oid} 的名称或别名 {otext!r} 相同(简体形式 {simple!r}),"
                                    "有歧义:同一个词只能属于一个模式")
            owner.setdefault(simple, (pid, where, text))
        patterns.append(pattern)
    return patterns
