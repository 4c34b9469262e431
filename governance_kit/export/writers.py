"""CSV that Excel opens (UTF-8 with BOM), an Excel workbook with one sheet per table, Parquet.

Every writer masks personal data by default (:mod:`.redaction`; ``redacted=False`` keeps it) and
records what it did: how many identifiers of each kind were masked, or that masking was switched
off. A workbook holds the record in a last sheet “说明”; a CSV or Parquet file gets a sidecar
``<file>.manifest.json`` beside it (the CSV itself stays one tidy table). CSV and Excel cells cannot
start a formula (:mod:`.spreadsheet`); Parquet is data for programs, not a spreadsheet, and keeps
text as written.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from datetime import datetime
from pathlib import Path

from .redaction import KIND_LABELS, KINDS, redact, summary
from .spreadsheet import no_formulas, safe_frame

NOTE_SHEET = "说明"


def manifest_path(path) -> Path:
    """The sidecar of an exported file: ``表.csv`` → ``表.csv.manifest.json``."""
    path = Path(path)
    return path.with_name(path.name + ".manifest.json")


def output_record(path, *, redacted: bool, masked: Counter, rows, cells: int | None = None) -> dict:
    """What an output holds about personal data: masking on or off, counts by kind, formula cells."""
    from .. import __version__

    record = {
        "file": Path(path).name, "created": datetime.now().isoformat(timespec="seconds"),
        "kit_version": __version__, "rows": rows,
        "redaction": "on" if redacted else "off",
        "masked": {k: masked[k] for k in KINDS if masked.get(k)}, "masked_total": sum(masked.values()),
        "note": (f"个人信息已遮盖：{summary(masked)}" if redacted
                 else "个人信息未遮盖：调用时指定了 redacted=False（命令行 --no-redact）"),
    }
    if cells is not None:
        record["neutralised_cells"] = cells
    return record


def write_record(path, record: dict) -> Path:
    """Write ``record`` as the sidecar ``<file>.manifest.json``."""
    target = manifest_path(path)
    target.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return target


def _private(frame, redacted: bool, masked: Counter):
    return redact(frame, masked) if redacted else frame


def to_csv(frame, path, *, redacted: bool = True) -> Path:
    """Write a CSV Excel opens correctly (UTF-8 with a byte-order mark, whatever the system locale;
    CRLF line ends, so a cell holding a carriage return is quoted), with personal data masked and
    no cell that starts a formula; the record goes to ``<file>.manifest.json``."""
    path = Path(path)
    masked, cells = Counter(), Counter()
    table = safe_frame(_private(frame, redacted, masked), cells)
    table.to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\r\n")
    write_record(path, output_record(path, redacted=redacted, masked=masked, rows=len(frame), cells=cells["cells"]))
    return path


def _sheet_names(names, reserved=(NOTE_SHEET,)) -> list[str]:
    used, out = set(reserved), []
    for name in names:
        sheet = re.sub(r"[\[\]:*?/\\]", "_", str(name))[:31] or "表"
        while sheet in used:
            sheet = sheet[:29] + f"_{len(used)}"
        used.add(sheet)
        out.append(sheet)
    return out


def to_excel(tables: dict, path, *, redacted: bool = True) -> Path:
    """Write ``{sheet name: DataFrame}`` as one workbook (sheet names cut to Excel's 31 characters),
    plus a last sheet “说明” recording what was masked. Text cells are always written as text."""
    import pandas as pd

    if not isinstance(tables, dict) or not tables:
        raise ValueError("to_excel 需要 {工作表名: 表格} 形式的字典,且至少有一张表")
    path = Path(path)
    masked, cells = Counter(), Counter()
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        rows = {}
        for sheet, frame in zip(_sheet_names(tables), tables.values()):
            safe_frame(_private(frame, redacted, masked), cells).to_excel(writer, sheet_name=sheet, index=False)
            rows[sheet] = len(frame)
        record = output_record(path, redacted=redacted, masked=masked, rows=rows, cells=cells["cells"])
        note = [("个人信息", record["note"])]
        note += [(f"已遮盖的{KIND_LABELS[k]}", n) for k, n in record["masked"].items()]
        note += [("防公式处理的单元格", record["neutralised_cells"]), ("生成时间", record["created"]),
                 ("工具箱版本", record["kit_version"])]
        pd.DataFrame(note, columns=["项目", "内容"]).to_excel(writer, sheet_name=NOTE_SHEET, index=False)
        for worksheet in writer.sheets.values():
            no_formulas(worksheet)
    return path


def to_parquet(frame, path, *, redacted: bool = True) -> Path:
    """Write a Parquet file (pyarrow) with personal data masked; the record goes to
    ``<file>.manifest.json``."""
    path = Path(path)
    masked = Counter()
    _private(frame, redacted, masked).to_parquet(path, index=False)
    write_record(path, output_record(path, redacted=redacted, masked=masked, rows=len(frame)))
    return path
