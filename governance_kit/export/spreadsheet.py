"""Spreadsheet safety (OWASP "CSV injection"): no cell of a CSV or Excel export is read as a formula.

A text cell that would start with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
leading apostrophe (``'=HYPERLINK(…)``, ``'-5``, ``'+86 …``), as OWASP recommends; spreadsheet
programs then show it as text. Numbers stay numbers: numeric columns (and numbers inside text
columns) are never touched, so ``-5.0`` in a value column is still a number. A *text* cell ``"-5"``
is prefixed too: it came from a document's text, and OWASP names the sign among formula triggers.
Column names are text cells as well. In Excel, every string is also written as a string: openpyxl
reads any string starting with ``=`` as a formula, so :func:`no_formulas` turns the type of every
cell back to text after writing (belt and braces after the prefix).

>>> neutralise("=1+1"), neutralise("-5"), neutralise(-5), neutralise("网格员300名")
("'=1+1", "'-5", -5, '网格员300名')
"""
from __future__ import annotations

from collections import Counter

from ..io.cells import TRIGGERS, neutralise, no_formulas, restore  # the cell rules live low: the codebook uses them too

__all__ = ["TRIGGERS", "neutralise", "no_formulas", "restore", "safe_frame"]


def safe_frame(frame, counts: Counter | None = None):
    """A copy of a DataFrame whose text cells and column names cannot start a formula."""
    from .redaction import is_text_column

    out = frame.copy()
    for column in out.columns:
        if is_text_column(out[column]):
            out[column] = out[column].map(lambda v: neutralise(v, counts))
    return out.rename(columns=lambda c: neutralise(c, counts) if isinstance(c, str) else c)
