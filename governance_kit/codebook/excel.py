"""The codebook as an Excel workbook, for instructors who edit it in a spreadsheet.

Sheet 编码本 holds one row per pattern under a header of Chinese field names (编号, 名称, 类别,
类别名称, 定义, 别名, 线索, 例句, 来源, 备注): aliases separated by "；", cues one regex per line.
Sheet 类别 holds the category keys, labels and definitions. :meth:`Codebook.to_excel
<governance_kit.codebook.Codebook.to_excel>` and :meth:`Codebook.from_excel
<governance_kit.codebook.Codebook.from_excel>` call :func:`write_excel` and :func:`read_excel`;
validation of the entries read stays with the model (:mod:`governance_kit.codebook`).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from .model import FIELD_LABELS, FIELDS, LIST_FIELDS, REQUIRED_FIELDS
from ..errors import CodebookError

SHEET_PATTERNS = "编码本"
SHEET_CATEGORIES = "类别"
_CATEGORY_LABEL_COLUMN = "类别名称"  # written for reading convenience, ignored when loading
_ALIAS_SPLIT = re.compile(r"[；;\n]+")


def _row_strings(p) -> dict[str, str]:
    """The pattern's fields as cell texts: aliases joined with "；", cues with a newline."""
    row = {f: getattr(p, f) for f in FIELDS}
    row["aliases"] = "；".join(p.aliases)
    row["cues"] = "\n".join(p.cues)
    return row


def write_excel(codebook, path: str | os.PathLike) -> Path:
    """Write ``codebook`` as a workbook: sheet 编码本 (one row per pattern) and sheet 类别; returns the path.

    In sheet 编码本 aliases are separated by "；" and cues by line breaks (one regex per line);
    the 类别 column holds the category key (a Chinese label is accepted too when reading back).
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    labels, definitions = codebook.categories, codebook.category_definitions
    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_PATTERNS
    headers = [FIELD_LABELS[f] for f in FIELDS]
    headers.insert(3, _CATEGORY_LABEL_COLUMN)
    ws.append(headers)
    for p in codebook.patterns:
        row = _row_strings(p)
        values = [row[f] or None for f in FIELDS]
        values.insert(3, labels.get(p.category))
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
    for key, label in labels.items():
        cats.append([key, label, definitions.get(key) or None])
    for letter, width in (("A", 26), ("B", 14), ("C", 70)):
        cats.column_dimensions[letter].width = width
    for cell in cats[1]:
        cell.font = Font(bold=True)
    dv = DataValidation(type="list", formula1=f"={SHEET_CATEGORIES}!$A$2:$A${len(labels) + 1}", allow_blank=False)
    dv.error, dv.errorTitle = "请从“类别”工作表的键中选择", "类别无效"
    ws.add_data_validation(dv)
    dv.add(f"C2:C{max(2, len(codebook.patterns) + 200)}")
    wb.save(path)
    return path


def read_excel(path: str | os.PathLike, normalise_categories):
    """Read a workbook written by :func:`write_excel` (or edited from one), not yet validated.

    ``normalise_categories(raw, label, rows, unit=...)`` turns sheet 类别 (``raw``: key →
    ``{label, definition}``, or ``None`` when the sheet is missing) into the codebook's categories
    (a mapping key → object with a ``label``); it is called before the pattern rows are read, so
    its errors come first.

    Returns ``(label, categories, rows)``: ``rows`` holds ``(entry, sheet, place, row, columns)`` per
    non-empty row of sheet 编码本 — the entry as a dict of fields (lists split, a Chinese category
    label replaced by its key), the sheet's and the row's names for messages, the row number and
    field → column index.

    Raises
    ------
    FileNotFoundError
        No file at ``path``.
    CodebookError
        Not a workbook, no sheet 编码本, an empty or unknown header.
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
            categories = normalise_categories(categories, f"{label} 工作表“{SHEET_CATEGORIES}”", cat_rows, unit="行")
        else:
            categories = normalise_categories(None, label)
        by_label = {c.label: k for k, c in categories.items()}
        rows = wb[SHEET_PATTERNS].iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise CodebookError(f"{label} 工作表“{SHEET_PATTERNS}”:是空的,第 1 行应为表头({'、'.join(FIELD_LABELS.values())})")
        columns = _excel_columns(header, label)
        out = []
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
            out.append((entry, f"{label} 工作表“{SHEET_PATTERNS}”",
                        f"第 {r} 行" + (f"({entry['id']})" if entry.get("id") else ""), r, col_of))
    finally:
        wb.close()
    return label, categories, out


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
