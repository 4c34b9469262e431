"""The codebook as an Excel workbook, for instructors who edit it in a spreadsheet.

Sheet 编码本 holds one row per pattern under a header of Chinese field names (编号, 名称, 类别,
类别名称, 定义, 别名, 线索, 例句, 来源, 备注): aliases separated by "；", cues one regex per line.
Sheet 类别 holds the category keys, labels and definitions. A cell that would start a formula (``=``,
``+``, ``-``, ``@``) is written with a leading apostrophe (:mod:`governance_kit.io.cells`) and read
back without it. :meth:`Codebook.to_excel
<governance_kit.codebook.Codebook.to_excel>` and :meth:`Codebook.from_excel
<governance_kit.codebook.Codebook.from_excel>` call :func:`write_excel` and :func:`read_excel`;
this module knows the entries and their validation (:mod:`governance_kit.codebook.validation`), not
the :class:`Codebook` class.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from ..errors import CodebookError, check_choice
from ..io.cells import neutralise, no_formulas, restore
from .entries import FIELD_LABELS, FIELDS, LIST_FIELDS, REQUIRED_FIELDS, Category, Pattern, row_strings
from .validation import Where, normalise_categories, validate_patterns

SHEET_PATTERNS = "编码本"
SHEET_CATEGORIES = "类别"
_CATEGORY_LABEL_COLUMN = "类别名称"  # written for reading convenience, ignored when loading
_ALIAS_SPLIT = re.compile(r"[；;\n]+")


def write_excel(codebook, path: str | os.PathLike) -> Path:
    """Write ``codebook`` (anything with ``patterns``, ``categories`` and ``category_definitions``)
    as a workbook: sheet 编码本 (one row per pattern) and sheet 类别; returns the path.

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
        row = row_strings(p)
        values = [row[f] or None for f in FIELDS]
        values.insert(3, labels.get(p.category))
        ws.append([neutralise(v) for v in values])  # a cell from a codebook never runs as a formula
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
        cats.append([neutralise(v) for v in (key, label, definitions.get(key) or None)])
    for letter, width in (("A", 26), ("B", 14), ("C", 70)):
        cats.column_dimensions[letter].width = width
    for cell in cats[1]:
        cell.font = Font(bold=True)
    no_formulas(ws)
    no_formulas(cats)
    dv = DataValidation(type="list", formula1=f"={SHEET_CATEGORIES}!$A$2:$A${len(labels) + 1}", allow_blank=False)
    dv.error, dv.errorTitle = "请从“类别”工作表的键中选择", "类别无效"
    ws.add_data_validation(dv)
    dv.add(f"C2:C{max(2, len(codebook.patterns) + 200)}")
    wb.save(path)
    return path


def read_excel(path: str | os.PathLike) -> tuple[str, dict[str, Category], list[Pattern]]:
    """``(label, categories, patterns)`` of a workbook written by :func:`write_excel` (or edited from
    one), validated; errors name the sheet, the row and the column.

    Sheet 类别 (optional: default the 14 fixed categories) is read first, so its errors come first;
    in sheet 编码本 lists are split and a Chinese category label is replaced by its key.

    Raises
    ------
    FileNotFoundError
        No file at ``path``.
    CodebookError
        Not a workbook, no sheet 编码本, an empty or unknown header, a malformed entry.
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
        col_of = {f: i for i, f in columns.items()}
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
            place = f"第 {r} 行" + (f"({entry['id']})" if entry.get("id") else "")
            entries.append((entry, Where(f"{label} 工作表“{SHEET_PATTERNS}”", place, excel_row=r, excel_columns=col_of)))
    finally:
        wb.close()
    return label, categories, validate_patterns(entries, categories)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return restore(str(value).strip())  # '=… as write_excel neutralised it: back to =…


def _excel_columns(header, label: str) -> dict[int, str]:
    names = {FIELD_LABELS[f]: f for f in FIELDS}  # Chinese names first: they are what the error lists first
    names.update({f: f for f in FIELDS})
    names["线索(正则)"] = "cues"
    columns = {}
    for i, h in enumerate(header):
        h = _cell(h)
        if not h or h == _CATEGORY_LABEL_COLUMN:
            continue
        check_choice(f"{label} 工作表“{SHEET_PATTERNS}”第 1 行:列名", h, (*names, _CATEGORY_LABEL_COLUMN),
                     error=CodebookError)
        if names[h] in columns.values():
            raise CodebookError(f"{label} 工作表“{SHEET_PATTERNS}”第 1 行:列 {h!r} 出现了两次")
        columns[i] = names[h]
    missing = [FIELD_LABELS[f] for f in REQUIRED_FIELDS if f not in columns.values()]
    if missing:
        raise CodebookError(f"{label} 工作表“{SHEET_PATTERNS}”第 1 行:缺少列 {'、'.join(missing)}")
    return columns
