"""Normalise the dates found in file metadata (HTML meta tags, PDF document info) to ISO form."""
from __future__ import annotations

import re

__all__ = ["normalise_date"]

_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2}))?")
_DATE_COMPACT = re.compile(r"(?:D:)?(\d{4})(\d{2})?(\d{2})?")


def normalise_date(value: str) -> str:
    """'2023年5月22日' / '2023/05/22 10:30' / 'D:20230522…' → '2023-05-22'; otherwise unchanged."""
    value = value.strip()
    m = _DATE.search(value) or _DATE_COMPACT.match(value)
    if not m:
        return value
    parts = [m.group(1)] + [g.zfill(2) for g in m.groups()[1:] if g]
    return "-".join(parts)
