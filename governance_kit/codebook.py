"""The codebook of governance mechanisms, and coding texts with it: ``code_patterns``.

A codebook lists the named mechanisms, practices, bodies and slogans of grassroots governance
(三治融合, 网格化管理, 四议两公开 …). Each entry (:class:`Pattern`) has an ASCII ``id``, a Chinese
``name``, one of 14 fixed ``category`` keys, a ``description``, ``aliases`` (variant names,
abbreviations, Traditional forms), ``cues`` (regular expressions for descriptions of the mechanism that
do not use its name), an ``example`` sentence and the ``source`` of the definition.

The bundled codebook is ``data/codebook.yaml``; instructors edit it, or a copy, in YAML or in Excel
(:meth:`Codebook.to_excel` / :meth:`Codebook.from_excel`). Every load is validated and an error names
the file, the line (YAML) or sheet row (Excel), the entry and the field, in Chinese.

Coding is one scan per text for the names (one Aho-Corasick automaton over every name and alias) and
one scan for the cues (one compiled alternation of every cue). Overlapping name hits are resolved
longest first (三治融合 beats 三治, 新时代枫桥经验 beats 枫桥经验), so an alias never matches inside a
longer name of another pattern; a cue hit overlapping a name hit of the same pattern is dropped.

>>> from governance_kit.codebook import code_patterns
>>> code_patterns("推进網格化管理和楓橋經驗", discover=False)[["pattern", "match", "via"]].values.tolist()
[['grid_management', '网格化管理', 'name'], ['fengqiao_experience', '枫桥经验', 'name']]
"""
from __future__ import annotations

import os
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .errors import CodebookError

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

COLUMNS = ["doc_id", "pattern", "category", "match", "start", "end", "sentence", "source", "name", "via", "confidence"]
NAME_CONFIDENCE = 1.0
CUE_CONFIDENCE = 0.7

SHEET_PATTERNS = "编码本"
SHEET_CATEGORIES = "类别"
_CATEGORY_LABEL_COLUMN = "类别名称"  # written for reading convenience, ignored when loading
_ALIAS_SPLIT = re.compile(r"[；;\n]+")
_ID = re.compile(r"[a-z][a-z0-9_]*\Z")
_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")




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
        from .convert import to_simplified

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
        return Codebook(kept + new, cats, origin=self.origin)

    def without(self, *ids: str) -> "Codebook":
        """A new codebook without the patterns of these ids."""
        unknown = [i for i in ids if i not in self._by_id]
        if unknown:
            raise KeyError(f"编码本中没有这些 id:{'、'.join(unknown)}")
        return Codebook._trusted(tuple(p for p in self._patterns if p.id not in ids), self._categories, self.origin)

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
        """
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font
        from openpyxl.worksheet.datavalidation import DataValidation

        path = Path(path)
        wb = Workbook()
        ws = wb.active
        ws.title = SHEET_PATTERNS
        headers = [FIELD_LABELS[f] for f in FIELDS]
        headers.insert(3, _CATEGORY_LABEL_COLUMN)
        ws.append(headers)
        for p in self._patterns:
            row = _row_strings(p)
            values = [row[f] or None for f in FIELDS]
            values.insert(3, self.categories.get(p.category))
            ws.append(values)
        widths = {"编号": 24, "名称": 18, "类别": 22, _CATEGORY_LABEL_COLUMN: 12, "定义": 50, "别名": 30, "线索": 40,
                  "例句": 50, "来源": 36, "备注": 30}
        wrap = Alignment(wrap_text=True, vertical="top")
        for i, h in enumerate(headers, start=1):
            letter = ws.cell(row=1, column=i).column_letter
            ws.column_dimensions[letter].width = widths.get(h, 20)
            ws.cell(row=1, column=i).font = Font(bold=True)
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = wrap
        ws.freeze_panes = "C2"
        cats = wb.create_sheet(SHEET_CATEGORIES)
        cats.append(["键", "名称", "定义"])
        for c in self._categories.values():
            cats.append([c.key, c.label, c.definition or None])
        for letter, width in (("A", 26), ("B", 14), ("C", 70)):
            cats.column_dimensions[letter].width = width
        for cell in cats[1]:
            cell.font = Font(bold=True)
        dv = DataValidation(type="list", formula1=f"={SHEET_CATEGORIES}!$A$2:$A${len(self._categories) + 1}", allow_blank=False)
        dv.error, dv.errorTitle = "请从“类别”工作表的键中选择", "类别无效"
        ws.add_data_validation(dv)
        dv.add(f"C2:C{max(2, len(self._patterns) + 200)}")
        wb.save(path)
        return path

    @classmethod
    def from_excel(cls, path: str | os.PathLike) -> "Codebook":
        """Load and validate an Excel codebook written by :meth:`to_excel` (or edited from one).

        Sheet 编码本: a header row with the Chinese field names (编号, 名称, 类别, 定义, 别名, 线索,
        例句, 来源, 备注; English field names work too), one row per pattern; empty rows are skipped.
        Sheet 类别 is optional (default: the 14 fixed categories).
        """
        from openpyxl import load_workbook
        from openpyxl.utils.exceptions import InvalidFileException

        label = str(path)
        if not Path(path).exists():
            raise FileNotFoundError(f"找不到编码本文件 {label}")
        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except (InvalidFileException, OSError, KeyError, ValueError) as exc:
            raise CodebookError(f"{label}:无法作为 Excel 工作簿(.xlsx)打开:{exc}") from exc
        try:
            if SHEET_PATTERNS not in wb.sheetnames:
                raise CodebookError(f"{label}:缺少工作表“{SHEET_PATTERNS}”;现有工作表:{'、'.join(wb.sheetnames)}")
            categories = None
            if SHEET_CATEGORIES in wb.sheetnames:
                categories, cat_rows = {}, {}
                for r, row in enumerate(wb[SHEET_CATEGORIES].iter_rows(min_row=2, values_only=True), start=2):
                    cells = [_cell(v) for v in (row or ())] + ["", "", ""]
                    if not any(cells[:3]):
                        continue
                    categories[cells[0]] = {"label": cells[1], "definition": cells[2]}
                    cat_rows[cells[0]] = r
                categories = _normalise_categories(categories, f"{label} 工作表“{SHEET_CATEGORIES}”", cat_rows, unit="行")
            else:
                categories = _normalise_categories(None, label)
            by_label = {c.label: k for k, c in categories.items()}
            rows = wb[SHEET_PATTERNS].iter_rows(values_only=True)
            header = next(rows, None)
            if header is None:
                raise CodebookError(f"{label} 工作表“{SHEET_PATTERNS}”:是空的,第 1 行应为表头({'、'.join(FIELD_LABELS.values())})")
            columns = _excel_columns(header, label)
            entries = []
            for r, row in enumerate(rows, start=2):
                cells = {}
                for i, f in columns.items():
                    cells[f] = _cell(row[i]) if row is not None and i < len(row) else ""
                if not any(cells.values()):
                    continue
                entry = {f: v for f, v in cells.items() if v != ""}
                for f in LIST_FIELDS:
                    if f in entry:
                        parts = _ALIAS_SPLIT.split(entry[f]) if f == "aliases" else entry[f].split("\n")
                        entry[f] = [s.strip() for s in parts if s.strip()]
                if entry.get("category") in by_label:
                    entry["category"] = by_label[entry["category"]]
                col_of = {f: i for i, f in columns.items()}
                where = _Where(f"{label} 工作表“{SHEET_PATTERNS}”", f"第 {r} 行" + (f"({entry['id']})" if entry.get("id") else ""),
                               excel_row=r, excel_columns=col_of)
                entries.append((entry, where))
        finally:
            wb.close()
        return cls._trusted(tuple(_validate(entries, categories)), categories, label)

    # --- matching
    def matcher(self) -> "_Matcher":
        """The compiled automaton and cue expression (built on first use, then kept)."""
        if self._matcher is None:
            self._matcher = _Matcher(self._patterns)
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
    from .convert import to_simplified

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


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _excel_columns(header, label: str) -> dict[int, str]:
    names = {}
    for f in FIELDS:
        names[f] = f
        names[FIELD_LABELS[f]] = f
    names["线索(正则)"] = "cues"
    columns = {}
    for i, h in enumerate(header):
        h = _cell(h)
        if not h or h == _CATEGORY_LABEL_COLUMN:
            continue
        if h not in names:
            raise CodebookError(f"{label} 工作表“{SHEET_PATTERNS}”第 1 行:未知列名 {h!r};允许的列名:"
                                + "、".join(FIELD_LABELS[f] for f in FIELDS) + f"(以及只供阅读的“{_CATEGORY_LABEL_COLUMN}”)")
        if names[h] in columns.values():
            raise CodebookError(f"{label} 工作表“{SHEET_PATTERNS}”第 1 行:列 {h!r} 出现了两次")
        columns[i] = names[h]
    missing = [FIELD_LABELS[f] for f in REQUIRED_FIELDS if f not in columns.values()]
    if missing:
        raise CodebookError(f"{label} 工作表“{SHEET_PATTERNS}”第 1 行:缺少列 {'、'.join(missing)}")
    return columns


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
        stat = bundled_path().stat()
        return _bundled(stat.st_mtime_ns, stat.st_size)
    suffix = Path(path).suffix.lower()
    if suffix in (".yaml", ".yml"):
        return Codebook.from_yaml(path)
    if suffix in (".xlsx", ".xlsm"):
        return Codebook.from_excel(path)
    raise CodebookError(f"{path}:编码本应为 .yaml/.yml 或 .xlsx 文件,收到的后缀是 {suffix or '(无)'}")


@lru_cache(maxsize=2)
def _bundled(mtime_ns: int, size: int) -> Codebook:
    return Codebook.from_yaml(None)


def _as_codebook(codebook) -> Codebook:
    if codebook is None:
        return load_codebook()
    if isinstance(codebook, Codebook):
        return codebook
    if isinstance(codebook, (str, os.PathLike)):
        return load_codebook(codebook)
    raise TypeError(f"codebook 应为 Codebook、编码本文件路径或 None,收到的是 {type(codebook).__name__}")


# --- matching ----------------------------------------------------------------------------------------

_UNBOUNDED = 10_000  # a regex part wider than this counts as unbounded
_SENTINEL = "\uffff"  # never left in a mapped text (see _Matcher): ends the root-ordering dummy words


class _Cue:
    """One cue: its regex, its pattern, and the literal anchors one of which every match contains.

    ``anchors``: ``(literal, before_min, before_max)`` — the literal starts between ``before_min`` and
    ``before_max`` characters after the match start. ``None``: no usable anchor (scanned in full).
    """

    __slots__ = ("regex", "pattern", "anchors", "width")

    def __init__(self, regex: re.Pattern, pattern: int, anchors, width: int | None):
        self.regex, self.pattern, self.anchors, self.width = regex, pattern, anchors, width


def cue_width(cue: str) -> int | None:
    """The most characters a match of the cue can span, ``None`` when unbounded."""
    parser, _ = _sre()
    try:
        hi = parser.parse(cue).getwidth()[1]
    except (re.error, OverflowError):
        return None
    return hi if hi < _UNBOUNDED else None


def _sre():
    try:
        from re import _constants, _parser  # Python 3.11+
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_constants as _constants
        import sre_parse as _parser
    return _parser, _constants


def _literals(sub, c, limit: int = 16) -> list[str] | None:
    """The strings a part can match when it is made only of literal text, alternations of literal
    texts and classes of literal characters (at most ``limit`` strings); ``None`` otherwise."""
    out = [""]
    for op, av in sub:
        if op is c.LITERAL:
            options = [chr(av)]
        elif op is c.SUBPATTERN and not av[1] and not av[2]:  # a group without inline flags
            options = _literals(av[-1], c, limit)
        elif op is c.BRANCH:
            options = []
            for alt in av[1]:
                found = _literals(alt, c, limit)
                if found is None:
                    return None
                options.extend(found)
        elif op is c.IN and av and all(o is c.LITERAL for o, _ in av):
            options = [chr(v) for _, v in av]
        else:
            return None
        if not options:
            return None
        out = [x + y for x in out for y in options]
        if len(out) > limit:
            return None
    return out if out != [""] else None


def cue_anchors(cue: str, rarity=None):
    """Literal anchors of a cue regex: ``[(literal, before_min, before_max), …]`` or ``None``.

    Every match of the cue contains one of the literals, starting ``before_min``…``before_max``
    characters after the match start. Chosen among the parts of the top-level sequence that must
    match (literal runs, groups of literal alternatives, classes of literal characters), preferring
    literals of two or more characters, then rare ones (``rarity(literal)``: an estimated count,
    lower is rarer), then long ones and a narrow ``before`` range; a top-level ``a|b`` gets the
    anchors of each side.

    >>> cue_anchors("网格员[^。]{0,12}(巡查|排查)")
    [('网格员', 0, 0)]
    >>> cue_anchors("(党组织|党支部)提议")
    [('党组织提议', 0, 0), ('党支部提议', 0, 0)]
    """
    parser, c = _sre()
    try:
        parsed = parser.parse(cue)
    except re.error:
        return None
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    return _anchors_of(parsed, parser, c, rarity or (lambda text: 0))


def _anchors_of(sub, parser, c, rarity):
    items = list(sub)
    if len(items) == 1 and items[0][0] is c.BRANCH:  # a|b: the anchors of every side
        out = []
        for alt in items[0][1][1]:
            found = _anchors_of(alt, parser, c, rarity)
            if not found:
                return None
            out.extend(found)
        return out
    parts = [parser.SubPattern(sub.state, [item]) for item in items]
    widths = [part.getwidth() for part in parts]
    options = [_literals(part, c) for part in parts]
    best, best_score = None, None
    lo = hi = 0
    for i in range(len(items)):
        if options[i] and hi < _UNBOUNDED:
            lits, j = options[i], i + 1
            while j < len(items) and options[j] and len(lits) * len(options[j]) <= 16:
                lits = [x + y for x in lits for y in options[j]]
                j += 1
            shortest = min(len(x) for x in lits)
            if shortest > 0:
                score = (shortest >= 2, -sum(rarity(x) for x in lits), min(shortest, 4), -(hi - lo), -len(lits))
                if best_score is None or score > best_score:
                    best, best_score = [(x, lo, hi) for x in lits], score
        lo += widths[i][0]
        hi = min(hi + widths[i][1], _UNBOUNDED)
    return best


class _Matcher:
    """Names, aliases and cue anchors in one Aho-Corasick automaton; cues verified where an anchor is.

    Speed notes (measured, see bench/coding.py): pyahocorasick looks a character up in a node's
    children by a linear search, so the root (hundreds of first characters) dominates the scan. The
    text is therefore mapped, character for character, so that every character that occurs in no
    key becomes one filler character, and the root's children are ordered filler first, then key
    characters by their frequency in the codebook's own examples (dummy keys ending in a sentinel
    that never occurs). Offsets do not change. A single alternation of all cues scanned by ``re``
    was 20x slower than the cues one by one (``re`` has no multi-literal prefilter), so each cue is
    found through a literal it must contain (:func:`cue_anchors`) and confirmed with ``match`` at
    the few possible start positions; cues without such a literal are scanned in one alternation.
    """

    def __init__(self, patterns: tuple[Pattern, ...]):
        import time
        from collections import Counter

        import ahocorasick
        import numpy as np

        t0 = time.perf_counter()
        self.patterns = patterns
        names: dict[str, tuple[int, str, int]] = {}
        for i, p in enumerate(patterns):
            for simple, via in p.surfaces():
                names.setdefault(simple, (i, via, len(simple)))  # validation: one owner per surface
        self.surfaces: set[str] = set(names)
        self.cues: list[_Cue] = []
        anchored: dict[str, list[tuple[int, int, int, int]]] = {}
        branches, self.cue_groups = [], {}
        sample = "\n".join(p.example + "\n" + p.description for p in patterns)  # governance prose
        for i, p in enumerate(patterns):
            for cue in p.cues:
                regex = re.compile(cue)
                anchors = cue_anchors(cue, sample.count)
                k = len(self.cues)
                self.cues.append(_Cue(regex, i, anchors, cue_width(cue)))
                if anchors:
                    for lit, lo, hi in anchors:
                        anchored.setdefault(lit, []).append((k, lo, hi, len(lit)))
                elif not regex.groupindex and not _BACKREFERENCE.search(cue):
                    name = f"c{k}"
                    self.cue_groups[name] = k
                    branches.append(f"(?P<{name}>{cue})")
        self.unanchored = [k for k, q in enumerate(self.cues) if not q.anchors and f"c{k}" not in self.cue_groups]
        self.cue_re = re.compile("|".join(branches)) if branches else None

        keys = set(names) | set(anchored)
        key_chars = set("".join(keys))
        filler = next(ch for ch in ("\x01", "\x02", "\x03", "\u2060") if ch not in key_chars)
        self.empty = not keys
        self.lut = None
        self.automaton = ahocorasick.Automaton()
        if not self.empty:
            lut = np.full(0x110000, ord(filler), dtype=np.uint32)
            codes = np.fromiter((ord(ch) for ch in key_chars), dtype=np.uint32, count=len(key_chars))
            lut[codes] = codes
            self.lut = lut
            counts = Counter(sample)
            order = [filler] + sorted(key_chars, key=lambda ch: (-counts[ch], ch))
            sentinel = _SENTINEL if _SENTINEL not in key_chars else "\U0010fffd"
            for ch in order:
                self.automaton.add_word(ch + sentinel, None)
            for key in keys:
                self.automaton.add_word(key, (names.get(key), tuple(anchored.get(key, ()))))
            self.automaton.make_automaton()
        self.build_seconds = time.perf_counter() - t0

    def _mapped(self, text: str) -> str:
        import numpy as np

        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        return self.lut[codes].tobytes().decode("utf-32-le", "surrogatepass")

    def find(self, text: str) -> list[tuple[int, int, int, str, float]]:
        """``(start, end, pattern index, via, confidence)`` of every hit, in text order."""
        names, cues = [], []
        if not self.empty and text:
            # values: (name or None, anchors); dummy keys never match. Comprehensions, not a loop
            # with appends: this is the hottest Python code of the kit's coding.
            raw = list(self.automaton.iter(self._mapped(text)))
            names = [(e + 1 - v[0][2], e + 1, v[0][0], v[0][1]) for e, v in raw if v[0] is not None]
            anchor_hits = [(e + 1, v[1]) for e, v in raw if v[1]]
            if anchor_hits:
                cues = self._confirm(text, anchor_hits)
        if self.cue_re is not None or self.unanchored:
            cues.extend(self._scan(text))
        if len(names) > 1:
            names = _longest_first(names)
        hits = [(s, e, i, via, NAME_CONFIDENCE) for s, e, i, via in names]
        if cues:
            by_pattern: dict[int, list[tuple[int, int]]] = {}
            for s, e, i, _ in names:
                by_pattern.setdefault(i, []).append((s, e))
            for s, e, i, via in _longest_first(cues, per_pattern=True):
                spans = by_pattern.get(i)
                if spans and any(a < e and s < b for a, b in spans):
                    continue  # the name of the same pattern is already there
                hits.append((s, e, i, via, CUE_CONFIDENCE))
            hits.sort()
        return hits

    def _confirm(self, text: str, anchor_hits) -> list[tuple[int, int, int, str]]:
        """Cue matches starting where an anchor allows: ``match`` at a single possible start, else a
        ``search`` bounded to the window (its end leaves room for the longest match, so greedy parts
        choose as they would in the whole text)."""
        out, seen = [], set()
        cues, n = self.cues, len(text)
        for end, anchors in anchor_hits:
            for k, lo, hi, length in anchors:
                a = end - length
                first, last = max(0, a - hi), a - lo
                if last < first:
                    continue
                cue = cues[k]
                if first == last or cue.width is None:
                    for s0 in range(first, last + 1):
                        m = cue.regex.match(text, s0)
                        if m is not None and m.end() > s0 and (s0, k) not in seen:
                            seen.add((s0, k))
                            out.append((s0, m.end(), cue.pattern, "cue"))
                    continue
                limit = min(n, last + cue.width + 32)  # 32: room for a lookahead after the longest match
                search, pos = cue.regex.search, first
                while pos <= last:
                    m = search(text, pos, limit)
                    if m is None or m.start() > last:
                        break
                    s0 = m.start()
                    if m.end() > s0 and (s0, k) not in seen:
                        seen.add((s0, k))
                        out.append((s0, m.end(), cue.pattern, "cue"))
                    pos = s0 + 1
        return out

    def _scan(self, text: str) -> list[tuple[int, int, int, str]]:
        """Cues without an anchor: one alternation (searched again after each hit start), then the rest."""
        out = []
        if self.cue_re is not None:
            groups, search, pos = self.cue_groups, self.cue_re.search, 0
            while (m := search(text, pos)) is not None:
                s, e = m.span()
                if e > s:
                    out.append((s, e, self.cues[groups[m.lastgroup]].pattern, "cue"))
                pos = s + 1
        for k in self.unanchored:
            cue = self.cues[k]
            out.extend((m.start(), m.end(), cue.pattern, "cue") for m in cue.regex.finditer(text) if m.end() > m.start())
        return out


def _longest_first(hits: list[tuple], *, per_pattern: bool = False) -> list[tuple]:
    """Keep non-overlapping hits, longest first (ties: leftmost); with ``per_pattern`` only hits of
    one pattern compete. Returned in text order.

    Hits are first cut into clusters of overlapping spans (one sweep); only clusters of two or
    more hits need the longest-first choice.
    """
    if per_pattern:
        groups: dict[int, list[tuple]] = {}
        for h in hits:
            groups.setdefault(h[2], []).append(h)
        out = []
        for group in groups.values():
            out.extend(_longest_first(group) if len(group) > 1 else group)
        out.sort()
        return out
    order = sorted(hits)
    # fast path: no hit starts before the end of an earlier one
    reach, overlap = -1, False
    for h in order:
        if h[0] < reach:
            overlap = True
            break
        reach = h[1]
    if not overlap:
        return order
    out, cluster, reach = [], [], -1
    for h in order:
        if h[0] >= reach:
            if len(cluster) == 1:
                out.append(cluster[0])
            elif cluster:
                out.extend(_choose(cluster))
            cluster, reach = [h], h[1]
        else:
            cluster.append(h)
            if h[1] > reach:
                reach = h[1]
    if len(cluster) == 1:
        out.append(cluster[0])
    elif cluster:
        out.extend(_choose(cluster))
    return out


def _choose(cluster: list[tuple]) -> list[tuple]:
    """Longest first, then leftmost, skipping hits that overlap one already kept."""
    kept = []
    for h in sorted(cluster, key=lambda h: (h[0] - h[1], h[0])):
        s, e = h[0], h[1]
        if all(e <= k[0] or s >= k[1] for k in kept):
            kept.append(h)
    kept.sort()
    return kept


def code_patterns(doc_or_corpus, codebook=None, *, discover: bool = True):
    """Code documents with the codebook: one row per hit, with the sentence as evidence.

    Parameters
    ----------
    doc_or_corpus : Document, Corpus, list of Documents or str
        A string is cleaned first (Traditional → Simplified, furniture removed) and coded as doc_id "text".
    codebook : Codebook or path, optional
        Default: the bundled codebook (:func:`load_codebook`).
    discover : bool
        Also report named mechanisms the codebook lacks (``governance_kit.discovery``, when present):
        rows with ``source="discovered"``; those overlapping a codebook hit, or whose name is a codebook
        name or alias, are dropped.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, pattern, category, match, start, end, sentence, source`` (the contract), then
        ``name`` (Chinese name), ``via`` (``name`` | ``alias`` | ``cue`` | the discovery kind) and
        ``confidence`` (1.0 names and aliases, 0.7 cues, discovery's own figure). ``pattern`` is the
        pattern id (for discovered rows: the discovered name). ``doc.text[start:end] == match``.

    >>> df = code_patterns("我县深化“三治融合”,实行網格化管理。", discover=False)
    >>> df[["pattern", "category", "match", "start", "via"]].values.tolist()
    [['sanzhi_ronghe', 'self_governance', '三治融合', 5, 'name'], ['grid_management', 'grid_management', '网格化管理', 13, 'name']]
    """
    from .corpus import as_documents

    cb = _as_codebook(codebook)
    matcher = cb.matcher()
    finder = _discovery() if discover else None
    ids = [p.id for p in cb.patterns]
    cats = [p.category for p in cb.patterns]
    names = [p.name for p in cb.patterns]
    cols: dict[str, list] = {c: [] for c in COLUMNS}
    with _gc_paused():  # millions of small tuples: the cyclic collector would rescan them all
        for doc in as_documents(doc_or_corpus):
            text = doc.text
            rows = matcher.find(text)
            if finder is not None:
                found = _discovered(finder(text), text, rows, matcher.surfaces)
                if found:
                    extra = len(ids)
                    for s, e, item in found:  # discovered rows point past the codebook's patterns
                        ids.append(str(item.name))
                        cats.append(getattr(item, "category", None))
                        names.append(str(item.name))
                        rows.append((s, e, extra, getattr(item, "kind", None),
                                     float(getattr(item, "confidence", 0.0) or 0.0)))
                        extra += 1
                    rows.sort()
            if not rows:
                continue
            starts, ends, index, via, conf = zip(*rows)
            n = len(rows)
            cols["doc_id"].extend([doc.doc_id] * n)
            cols["pattern"].extend([ids[i] for i in index])
            cols["category"].extend([cats[i] for i in index])
            cols["match"].extend([text[s:e] for s, e in zip(starts, ends)])
            cols["start"].extend(starts)
            cols["end"].extend(ends)
            cols["sentence"].extend(_sentences(text, starts, ends))
            cols["source"].extend(["codebook" if i < len(cb.patterns) else "discovered" for i in index])
            cols["name"].extend([names[i] for i in index])
            cols["via"].extend(via)
            cols["confidence"].extend(conf)
        return _frame(cols)


_TEXT_COLUMNS = ("doc_id", "pattern", "category", "match", "sentence", "source", "name", "via")


def _frame(cols: dict[str, list]):
    """The result table; text columns get pandas' default string dtype, built through Arrow when
    that is what pandas uses (pandas 3), which is several times faster than inferring from lists."""
    import numpy as np
    import pandas as pd

    data = {}
    default = pd.Series(["x"]).dtype
    arrow = isinstance(default, pd.StringDtype) and default.storage == "pyarrow"
    for c in COLUMNS:
        values = cols[c]
        if c in _TEXT_COLUMNS:
            if arrow:
                import pyarrow as pa

                data[c] = pd.Series(pa.array(values, type=pa.large_string()), dtype=default)
            else:
                data[c] = pd.Series(values, dtype=default if len(values) else object)
        elif c == "confidence":
            data[c] = pd.Series(np.asarray(values, dtype=np.float64))
        else:
            data[c] = pd.Series(np.asarray(values, dtype=np.int64))
    return pd.DataFrame(data, columns=COLUMNS)


class _gc_paused:
    """Pause the cyclic garbage collector for a block (restored afterwards, also on errors)."""

    def __enter__(self):
        import gc

        self._was = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc):
        import gc

        if self._was:
            gc.enable()
        return False


def _sentences(text: str, starts, ends) -> list[str]:
    """The sentence of each ``start:end`` span, exactly as ``SentenceIndex(text).sentence_at(start, end)``.

    Uses the sentence expression of :mod:`governance_kit.sentences` directly: its raw matches tile the
    text, so the one holding a position is found by bisection and trimmed only when used.
    """
    from . import sentences

    pattern = getattr(sentences, "_SENTENCE", None)
    if pattern is None:  # pragma: no cover - the module changed: take the slow, public way
        index = sentences.SentenceIndex(text)
        return [index.sentence_at(s, e) for s, e in zip(starts, ends)]
    raw = [m.span() for m in pattern.finditer(text)]
    firsts = [a for a, _ in raw]
    blank = " \t\n"

    def span_at(pos: int) -> tuple[int, int]:
        k = bisect_right(firsts, pos) - 1
        if k < 0:
            return pos, pos
        a, b = raw[k]
        while a < b and text[a] in blank:
            a += 1
        while b > a and text[b - 1] in blank:
            b -= 1
        if a <= pos < b:
            return a, b
        return pos, pos

    out, cache = [], {}
    for s, e in zip(starts, ends):
        k = bisect_right(firsts, s) - 1
        known = cache.get(k)  # (a, b, sentence) of raw sentence k, trimmed
        if known is None:
            a, b = span_at(s)
            if a == b:  # s lies in blank space: not a sentence of its own
                known = None
            else:
                known = cache[k] = (a, b, text[a:b])
        if known is not None and known[0] <= s and e <= known[1]:
            out.append(known[2])  # the usual case: the hit lies inside one sentence
            continue
        a, b = span_at(s)
        if e > b:
            b = max(b, span_at(e - 1)[1])
        out.append(text[a:b])
    return out


def _discovery():
    """``governance_kit.discovery.discover`` when that module exists (it is optional)."""
    try:
        from .discovery import discover
    except ImportError:
        return None
    return discover


def _discovered(items, text: str, hits, surfaces: set[str]) -> list[tuple[int, int, object]]:
    """Discovered items that neither overlap a codebook hit nor repeat a codebook name or alias."""
    from .convert import to_simplified

    spans = sorted((h[0], h[1]) for h in hits)
    starts = [a for a, _ in spans]
    out = []
    for item in items or ():
        s, e = int(item.start), int(item.end)
        if not (0 <= s < e <= len(text)):
            continue
        name = str(item.name)
        if name in surfaces or to_simplified(name) in surfaces or text[s:e] in surfaces:
            continue
        k = bisect_left(starts, e)  # spans starting at or after e cannot overlap
        if any(a < e and s < b for a, b in spans[:k]):
            continue
        out.append((s, e, item))
    return out

