"""Spreadsheet cells that never run as formulas (OWASP "CSV injection"), for every writer of CSV or
Excel in the kit, whatever its stage (the codebook's workbook, the exports, the course's grades).

A text cell that would start with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
leading apostrophe; numbers stay numbers. :func:`restore` undoes it when the kit reads back a file it
wrote (the codebook's workbook). :mod:`governance_kit.export.spreadsheet` re-exports these and adds
whole-table helpers.

>>> neutralise("=1+1"), neutralise(-5), restore("'=1+1"), restore("'网格")
("'=1+1", -5, '=1+1', "'网格")
"""
from __future__ import annotations

from collections import Counter

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value, counts: Counter | None = None):
    """``value`` with a leading apostrophe when it is text starting with a formula trigger."""
    if isinstance(value, str) and value.startswith(TRIGGERS):
        if counts is not None:
            counts["cells"] += 1
        return "'" + value
    return value


def restore(value):
    """The text :func:`neutralise` was given: an apostrophe before a formula trigger is dropped."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(TRIGGERS):
        return value[1:]
    return value


def no_formulas(worksheet) -> int:
    """Make every formula cell of an openpyxl worksheet a text cell; the number changed."""
    changed = 0
    for row in worksheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"
                changed += 1
    return changed
