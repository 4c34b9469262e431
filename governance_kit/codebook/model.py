"""The codebook of governance mechanisms: the model, its YAML file, loading and validation.

A codebook lists the named mechanisms, practices, bodies and slogans of grassroots governance
(三治融合, 网格化管理, 四议两公开 …). Each entry (:class:`Pattern`) has an ASCII ``id``, a Chinese
``name``, one of 14 fixed ``category`` keys, a ``description``, ``aliases`` (variant names,
abbreviations, Traditional forms), ``cues`` (regular expressions for descriptions of the mechanism that
do not use its name), an ``example`` sentence and the ``source`` of the definition.

The bundled codebook is ``data/codebook.yaml``; instructors edit it, or a copy, in YAML or in Excel
(:meth:`Codebook.to_excel` / :meth:`Codebook.from_excel`, in :mod:`governance_kit.codebook.excel`).
Every load is validated and an error names the file, the line (YAML) or sheet row (Excel), the entry
and the field, in Chinese.

Coding texts with a codebook (:func:`code_patterns`, the automaton and cue matching) is
:mod:`governance_kit.codebook.coding`; ``code_patterns`` is re-exported here.

>>> from governance_kit.codebook import code_patterns
>>> code_patterns("推进網格化管理和楓橋經驗", discover=False)[["pattern", "match", "via"]].values.tolist()
[['grid_management', '网格化管理', 'name'], ['fengqiao_experience', '枫桥经验', 'name']]
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .coding import (  # noqa: F401  re-exported: the matching engine lives in coding.py
    COLUMNS,
    CUE_CONFIDENCE,
    NAME_CONFIDENCE,
    Matcher,
    _longest_first,
    code_patterns,
    cue_anchors,
    cue_width,
)
from ..datafiles import reloaded
from ..errors import CodebookError


CODEBOOK_FILE = "codebook.yaml"

CATEGORY_LABELS: dict[str, str] = {
    "party_leadership": "党建引领",
    "grid_management": "网格化管理",
    "self_governance": "自治",
    "rule_of_law": "法治",
    "rule_of_virtue": "德治",
    "smart_governance": "智治",
    "deliberation": "议事协商",
    "transparency_supervision": "公开与监督",
    "dispute_resolution": "矛盾调解",
    "social_organizations": "社会组织协同",
    "volunteering": "志愿服务",
    "collective_economy": "集体经济与共富",
    "burden_reduction": "基层减负",
    "services": "为民服务",
}
CATEGORY_KEYS: tuple[str, ...] = tuple(CATEGORY_LABELS)

FIELDS: tuple[str, ...] = ("id", "name", "category", "description", "aliases", "cues", "example", "source", "note")
FIELD_LABELS: dict[str, str] = {
    "id": "编号", "name": "名称", "category": "类别", "description": "定义", "aliases": "别名",
    "cues": "线索", "example": "例句", "source": "来源", "note": "备注",
}
REQUIRED_FIELDS = ("id", "name", "category")
LIST_FIELDS = ("aliases", "cues")

_ID = re.compile(r"[a-z][a-z0-9_]*\Z")


# --- the model --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Pattern:
    """One codebook entry: a named mechanism, practice, body or slogan of grassroots governance.

    ``aliases`` and ``cues`` may be given as lists; they are stored as tuples. Matching uses the
    Simplified form of the name and aliases (texts are cleaned to Simplified before coding).

    >>> p = Pattern("sanzhi", "三治融合", "self_governance", aliases=["三治結合"])
    >>> p.aliases
    ('三治結合',)
    """

    id: str
    name: str
    category: str
    description: str = ""
    aliases: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    example: str = ""
    source: str = ""
    note: str = ""

    def __post_init__(self):
        for name in LIST_FIELDS:
            value = getattr(self, name)
            if isinstance(value, str):
                value = [value] if value.strip() else []
            object.__setattr__(self, name, tuple(str(v).strip() for v in (value or ()) if str(v).strip()))
        for name in ("id", "name", "category", "description", "example", "source", "note"):
            value = getattr(self, name)
            object.__setattr__(self, name, "" if value is None else str(value).strip())

    def surfaces(self) -> list[tuple[str, str]]:
        """``(simplified form, via)`` of the name and every alias, first occurrence kept (via ``name``/``alias``)."""
        from ..clean.convert import to_simplified

        seen: dict[str, str] = {}
        for text, via in [(self.name, "name")] + [(a, "alias") for a in self.aliases]:
            simple = to_simplified(text)
            if simple and simple not in seen:
                seen[simple] = via
        return list(seen.items())

    def to_dict(self) -> dict:
        """A plain dict (lists for aliases and cues), in field order; empty note left out."""
        out = {f: (list(getattr(self, f)) if f in LIST_FIELDS else getattr(self, f)) for f in FIELDS}
        if not out["note"]:
            del out["note"]
        return out


@dataclass(frozen=True)
class Category:
    """A category: its fixed key, Chinese label and one-sentence definition."""

    key: str
    label: str
    definition: str = ""


class Codebook:
    """Patterns and categories, validated; compiled for matching on first use.

    Build one with :meth:`from_yaml`, :meth:`from_excel`, :func:`load_codebook`, or from
    :class:`Pattern` objects. A codebook is not changed in place: :meth:`add` and
    :meth:`with_patterns` return a new one (validated), e.g. in a notebook::

        cb = gk.load_codebook().add(id="yuanzi_yishi", name="院子议事", category="deliberation",
                                    cues=[r"院坝.{0,4}议事"])

    Raises
    ------
    CodebookError
        When an entry is malformed (missing or unknown category, duplicate id, bad regex,
        an alias that is another pattern's name or alias …).
    """

    def __init__(self, patterns=(), categories=None, *, origin: str | None = None):
        cats = _normalise_categories(categories, origin or "编码本")
        entries = []
        for n, p in enumerate(patterns, start=1):
            if isinstance(p, Pattern):
                raw = {f: getattr(p, f) for f in FIELDS}
            elif isinstance(p, dict):
                raw = dict(p)
            else:
                raise CodebookError(f"{origin or '编码本'} 第 {n} 条:应为 Pattern 或字典,实际为 {type(p).__name__}")
            entries.append((raw, _Where(origin or "编码本", f"第 {n} 条模式")))
        self._patterns: tuple[Pattern, ...] = tuple(_validate(entries, cats))
        self._categories: dict[str, Category] = cats
        self._by_id = {p.id: p for p in self._patterns}
        self.origin = origin
        self._matcher = None

    @classmethod
    def _trusted(cls, patterns: tuple[Pattern, ...], categories: dict[str, Category], origin) -> "Codebook":
        cb = cls.__new__(cls)
        cb._patterns, cb._categories, cb.origin, cb._matcher = patterns, categories, origin, None
        cb._by_id = {p.id: p for p in patterns}
        return cb

    # --- container protocol
    @property
    def patterns(self) -> tuple[Pattern, ...]:
        return self._patterns

    @property
    def categories(self) -> dict[str, str]:
        """Category key → Chinese label."""
        return {k: c.label for k, c in self._categories.items()}

    @property
    def category_definitions(self) -> dict[str, str]:
        """Category key → one-sentence Chinese definition."""
        return {k: c.definition for k, c in self._categories.items()}

    def __len__(self) -> int:
        return len(self._patterns)

    def __iter__(self):
        return iter(self._patterns)

    def __contains__(self, pattern_id) -> bool:
        return pattern_id in self._by_id

    def __getitem__(self, pattern_id: str) -> Pattern:
        try:
            return self._by_id[pattern_id]
        except KeyError:
            raise KeyError(f"编码本中没有 id 为 {pattern_id!r} 的模式") from None

    def __eq__(self, other) -> bool:
        if not isinstance(other, Codebook):
            return NotImplemented
        return self._patterns == other._patterns and self._categories == other._categories

    def __repr__(self) -> str:
        return f"<Codebook {len(self)} 个模式, {len(self._categories)} 个类别{', 来自 ' + self.origin if self.origin else ''}>"

    # --- new codebooks from this one
    def add(self, pattern: Pattern | dict | None = None, **fields_) -> "Codebook":
        """A new codebook with one more pattern (a :class:`Pattern`, a dict, or keyword fields)."""
        if pattern is None:
            pattern = fields_
        elif fields_:
            raise TypeError("add() 接受一个 Pattern/字典,或关键字字段,不能两者同时给出")
        return self.with_patterns(pattern)

    def with_patterns(self, *patterns) -> "Codebook":
        """A new codebook with these patterns added (a pattern whose id exists replaces it)."""
        new = []
        for p in patterns:
            new.extend(p if isinstance(p, (list, tuple)) and not isinstance(p, Pattern) else [p])
        new_ids = {(p.id if isinstance(p, Pattern) else (p or {}).get("id")) for p in new}
        kept = [p for p in self._patterns if p.id not in new_ids]
        cats = {k: c for k, c in self._categories.items()}
        return Codebook(kept + new, cats)  # no longer the file it was read from: origin None

    def without(self, *ids: str) -> "Codebook":
        """A new codebook without the patterns of these ids."""
        unknown = [i for i in ids if i not in self._by_id]
        if unknown:
            raise KeyError(f"编码本中没有这些 id:{'、'.join(unknown)}")
        return Codebook._trusted(tuple(p for p in self._patterns if p.id not in ids), self._categories, None)

    # --- tables
    def to_frame(self):
        """One row per pattern: id, name, category, category_label, description, aliases, cues, example, source, note.

        Lists are joined: aliases with "；", cues with a newline.
        """
        import pandas as pd

        rows = []
        for p in self._patterns:
            row = _row_strings(p)
            row["category_label"] = self.categories.get(p.category, "")
            rows.append(row)
        columns = ["id", "name", "category", "category_label", "description", "aliases", "cues", "example", "source", "note"]
        return pd.DataFrame(rows, columns=columns)

    # --- files
    @classmethod
    def from_yaml(cls, path: str | os.PathLike | None = None) -> "Codebook":
        """Load and validate a YAML codebook (``None``: the bundled ``data/codebook.yaml``)."""
        source = Path(path) if path is not None else bundled_path()
        label = str(path) if path is not None else f"governance_kit/data/{CODEBOOK_FILE}"
        try:
            text = source.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise FileNotFoundError(f"找不到编码本文件 {label}") from None
        except UnicodeDecodeError as exc:
            raise CodebookError(f"{label}:不是 UTF-8 编码的文本文件({exc.reason});请另存为 UTF-8") from exc
        return cls._from_yaml_text(text, label)

    @classmethod
    def _from_yaml_text(cls, text: str, label: str) -> "Codebook":
        import yaml

        loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        loader = loader_cls(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        except yaml.YAMLError as exc:
            raise CodebookError(f"{label}:YAML 格式错误:{exc}") from exc
        finally:
            loader.dispose()
        if not isinstance(data, dict) or not isinstance(data.get("patterns"), list):
            raise CodebookError(f"{label}:缺少 patterns 列表(每个模式一项,以 “- id: …” 开头)")
        top = {k.value: v for k, v in node.value}
        cats_node = top.get("categories")
        cat_lines = {}
        if isinstance(cats_node, yaml.MappingNode):
            cat_lines = {k.value: k.start_mark.line + 1 for k, _ in cats_node.value}
        categories = _normalise_categories(data.get("categories"), label, cat_lines)
        entries = []
        items = top["patterns"].value
        for n, (entry, item) in enumerate(zip(data["patterns"], items), start=1):
            field_lines, item_lines = {}, {}
            if isinstance(item, yaml.MappingNode):
                for k, v in item.value:
                    field_lines[k.value] = k.start_mark.line + 1
                    if isinstance(v, yaml.SequenceNode):
                        item_lines[k.value] = [x.start_mark.line + 1 for x in v.value]
            ident = entry.get("id") if isinstance(entry, dict) else None
            where = _Where(label, f"第 {n} 条模式{' ' + str(ident) if ident else ''}", line=item.start_mark.line + 1,
                           field_lines=field_lines, item_lines=item_lines)
            entries.append((entry, where))
        return cls._trusted(tuple(_validate(entries, categories)), categories, label)

    def to_yaml(self, path: str | os.PathLike, *, header: str | None = None) -> Path:
        """Write the codebook as YAML (readable: one field per line, lists in brackets); returns the path.

        ``header`` replaces the default comment block at the top (each line is written as a comment).
        """
        path = Path(path)
        path.write_text(self.to_yaml_text(header=header), encoding="utf-8")
        return path

    def to_yaml_text(self, *, header: str | None = None) -> str:
        """The YAML text :meth:`to_yaml` writes."""
        header = _DEFAULT_HEADER if header is None else header
        out = [("# " + line).rstrip() for line in header.strip("\n").splitlines()] if header.strip() else []
        out.append("categories:")
        for c in self._categories.values():
            out.append(f"  {c.key}: {{label: {_scalar(c.label, flow=True)}, definition: {_scalar(c.definition, flow=True)}}}")
        out.append("")
        out.append("patterns:")
        for p in self._patterns:
            d = p.to_dict()
            first = True
            for key, value in d.items():
                lead = "  - " if first else "    "
                first = False
                if key in LIST_FIELDS:
                    if key == "cues" and value:
                        out.append(f"{lead}{key}:")
                        out.extend(f"      - {_scalar(v)}" for v in value)
                    else:
                        out.append(f"{lead}{key}: [{', '.join(_scalar(v, flow=True) for v in value)}]")
                else:
                    out.append(f"{lead}{key}: {_scalar(value)}")
            out.append("")
        return "\n".join(out).rstrip("\n") + "\n"

    def to_excel(self, path: str | os.PathLike) -> Path:
        """Write an Excel workbook: sheet 编码本 (one row per pattern) and sheet 类别; returns the path.

        In sheet 编码本 aliases are separated by "；" and cues by line breaks (one regex per line);
        the 类别 column holds the category key (a Chinese label is accepted too when reading back).
        See :func:`governance_kit.codebook.excel.write_excel`.
        """
        from .excel import write_excel

        return write_excel(self, path)

    @classmethod
    def from_excel(cls, path: str | os.PathLike) -> "Codebook":
        """Load and validate an Excel codebook written by :meth:`to_excel` (or edited from one).

        Sheet 编码本: a header row with the Chinese field names (编号, 名称, 类别, 定义, 别名, 线索,
        例句, 来源, 备注; English field names work too), one row per pattern; empty rows are skipped.
        Sheet 类别 is optional (default: the 14 fixed categories).
        """
        from .excel import read_excel

        label, categories, rows = read_excel(path, _normalise_categories)
        entries = [(entry, _Where(sheet, place, excel_row=r, excel_columns=columns))
                   for entry, sheet, place, r, columns in rows]
        return cls._trusted(tuple(_validate(entries, categories)), categories, label)

    # --- matching
    def matcher(self) -> Matcher:
        """The compiled automaton and cue expression (built on first use, then kept)."""
        if self._matcher is None:
            self._matcher = Matcher(self._patterns)
        return self._matcher


# --- validation ------------------------------------------------------------------------------------

class _Where:
    """Where an entry is, for error messages: file, line or row, and per-field lines."""

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


def _normalise_categories(raw, label: str, lines: dict | None = None, unit: str = "行") -> dict[str, Category]:
    """Categories from a mapping key → label | {label, definition}; None gives the 14 fixed ones."""
    if raw is None:
        return {k: Category(k, v, _DEFAULT_DEFINITIONS.get(k, "")) for k, v in CATEGORY_LABELS.items()}
    if isinstance(raw, dict) and all(isinstance(v, Category) for v in raw.values()):
        raw = {k: {"label": c.label, "definition": c.definition} for k, c in raw.items()}
    if not isinstance(raw, dict):
        raise CodebookError(f"{label}:categories 应为“类别键: 名称”的映射,实际为 {type(raw).__name__}")
    lines = lines or {}
    out = {}
    allowed = "、".join(f"{k}({v})" for k, v in CATEGORY_LABELS.items())
    for key, value in raw.items():
        where = f"{label} 第 {lines[key]} {unit}" if key in lines else label
        key = str(key).strip()
        if key not in CATEGORY_LABELS:
            raise CodebookError(f"{where}:类别键 {key!r} 不是固定的类别键之一;允许的类别键:{allowed}")
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


def _validate(entries: list[tuple[object, _Where]], categories: dict[str, Category]) -> list[Pattern]:
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


# --- YAML writing helpers --------------------------------------------------------------------------

def _scalar(value: str, *, flow: bool = False) -> str:
    """One YAML scalar, quoted only when needed (plain Chinese text stays unquoted).

    ``flow``: the scalar sits inside ``[...]`` or ``{...}``, where ``,[]{}`` end a plain scalar.
    """
    import yaml

    if value == "":
        return '""'
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1 << 30).rstrip("\n")
    if text.endswith("\n..."):
        text = text[: -len("\n...")]
    quoted = text.startswith(("'", '"'))
    if "\n" in text or (flow and not quoted and any(c in value for c in ",[]{}")):
        text = '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'
    return text


def _row_strings(p: Pattern) -> dict[str, str]:
    row = {f: getattr(p, f) for f in FIELDS}
    row["aliases"] = "；".join(p.aliases)
    row["cues"] = "\n".join(p.cues)
    return row


_DEFAULT_HEADER = """\
基层治理模式编码本(governance_kit)。
每个模式:id(英文 snake_case,唯一)、name(中文规范名)、category(14 个固定类别键之一)、
description(定义)、aliases(别名、简称、繁体写法)、cues(不出现名称时描述该机制的正则表达式)、
example(例句)、source(定义出处)、note(备注,可省)。
"""

_DEFAULT_DEFINITIONS: dict[str, str] = {}


# --- loading -----------------------------------------------------------------------------------------

def bundled_path() -> Path:
    """Path of the bundled ``data/codebook.yaml``."""
    return Path(str(resources.files("governance_kit") / "data" / CODEBOOK_FILE))


def load_codebook(path: str | os.PathLike | None = None) -> Codebook:
    """Load a codebook: ``None`` = the bundled one (cached; re-read when the file changes), a ``.yaml``/``.yml`` or ``.xlsx`` file otherwise.

    Raises
    ------
    CodebookError
        The file has a malformed entry (the message names line/row, entry and field).
    """
    if path is None:
        return _bundled()
    suffix = Path(path).suffix.lower()
    if suffix in (".yaml", ".yml"):
        return Codebook.from_yaml(path)
    if suffix in (".xlsx", ".xlsm"):
        return Codebook.from_excel(path)
    raise CodebookError(f"{path}:编码本应为 .yaml/.yml 或 .xlsx 文件,收到的后缀是 {suffix or '(无)'}")


@reloaded(lambda: bundled_path())  # looked up at each call (tests point it elsewhere)
def _bundled() -> Codebook:
    return Codebook.from_yaml(None)


def _as_codebook(codebook) -> Codebook:
    if codebook is None:
        return load_codebook()
    if isinstance(codebook, Codebook):
        return codebook
    if isinstance(codebook, (str, os.PathLike)):
        return load_codebook(codebook)
    raise TypeError(f"codebook 应为 Codebook、编码本文件路径或 None,收到的是 {type(codebook).__name__}")


# --- the optional discovery hook (looked up here, so a caller can swap it) ---------------------

def _discovery():
    """``governance_kit.codebook.discovery.discover`` when that module exists (it is optional)."""
    try:
        from .discovery.finder import discover
    except ImportError:
        return None
    return discover
