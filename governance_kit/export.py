"""Exports of the kit's tables: CSV that Excel opens (UTF-8 with BOM), an Excel workbook with one
sheet per table, Parquet; and redaction of mainland phone and ID-card numbers in exported text.

Redaction masks, in every text column: mobile numbers (1[3-9] + 9 digits), landlines with an area
code (0xx(x)-xxxxxxx(x)), and 18-character resident ID numbers (6-digit area code, a birth date
19xx/20xx with a valid month and day, 3 digits and a check digit or X) — the middle digits become
``*`` so the length and the shape stay readable: 13912345678 → 139****5678.

>>> redact_text("联系人13912345678,身份证320924199001011234。")
'联系人139****5678,身份证320924********1234。'
"""
from __future__ import annotations

import re
from pathlib import Path

_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)(0\d{2,3}-)(\d{3,4})(\d{4})(?!\d)")
_ID_CARD = re.compile(r"(?<![\dXx])(\d{6})((?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))(\d{3}[\dXx])(?![\dXx])")


def redact_text(text: str) -> str:
    """``text`` with phone and ID-card numbers masked (see the module docstring)."""
    if not isinstance(text, str):
        return text
    text = _ID_CARD.sub(lambda m: m.group(1) + "*" * len(m.group(2)) + m.group(3)[-4:], text)
    text = _MOBILE.sub(lambda m: m.group(1) + "****" + m.group(3), text)
    return _LANDLINE.sub(lambda m: m.group(1) + "*" * len(m.group(2)) + m.group(3), text)


def redact(frame):
    """A copy of a DataFrame with every text column redacted."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or str(out[column].dtype).startswith("str"):
            out[column] = out[column].map(redact_text)
    return out


def _prepared(frame, redacted: bool):
    return redact(frame) if redacted else frame


def to_csv(frame, path, *, redacted: bool = True) -> Path:
    """Write a CSV Excel opens correctly: UTF-8 with a byte-order mark, whatever the system locale."""
    path = Path(path)
    _prepared(frame, redacted).to_csv(path, index=False, encoding="utf-8-sig")
    return path


def to_excel(tables: dict, path, *, redacted: bool = True) -> Path:
    """Write ``{sheet name: DataFrame}`` as one workbook (sheet names cut to Excel's 31 characters)."""
    import pandas as pd

    if not isinstance(tables, dict) or not tables:
        raise ValueError("to_excel 需要 {工作表名: 表格} 形式的字典,且至少有一张表")
    path = Path(path)
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        used = set()
        for name, frame in tables.items():
            sheet = re.sub(r"[\[\]:*?/\\]", "_", str(name))[:31] or "表"
            while sheet in used:
                sheet = sheet[:29] + f"_{len(used)}"
            used.add(sheet)
            _prepared(frame, redacted).to_excel(writer, sheet_name=sheet, index=False)
    return path


def to_parquet(frame, path, *, redacted: bool = True) -> Path:
    """Write a Parquet file (pyarrow)."""
    path = Path(path)
    _prepared(frame, redacted).to_parquet(path, index=False)
    return path
