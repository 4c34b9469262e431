"""Evaluation of coding against hand-made gold lists (tests/data): recall and category agreement.

A gold mechanism counts as found when a coding row overlaps one of its occurrences by at least half
of the mechanism's length and half of the row's match; its category is right when the row's
category is the gold category or its ``also``.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data"


@dataclass
class Outcome:
    doc_id: str
    mechanism: str
    category: str
    found: bool
    category_right: bool
    matches: list[str]


def occurrences(text: str, strings: list[str]) -> list[tuple[int, int]]:
    spans = []
    for s in strings:
        start = text.find(s)
        while start >= 0:
            spans.append((start, start + len(s)))
            start = text.find(s, start + 1)
    return spans


def judge(text: str, doc_id: str, entry: dict, rows) -> Outcome:
    names = [entry["mechanism"]] + list(entry.get("variants") or [])
    allowed = {entry["category"]} | ({entry["also"]} if entry.get("also") else set())
    found = right = False
    matches = []
    for a, b in occurrences(text, names):
        for row in rows:
            overlap = min(b, row.end) - max(a, row.start)
            if overlap > 0 and overlap >= (b - a) / 2 and overlap >= (row.end - row.start) / 2:
                found = True
                label = getattr(row, "match", None) or getattr(row, "name", "")
                matches.append(f"{label}→{row.category}")
                right = right or row.category in allowed
    return Outcome(doc_id, entry["mechanism"], entry["category"], found, right, matches)


def seed_gold() -> list[dict]:
    return yaml.safe_load((DATA / "seed_mechanisms.yaml").read_text(encoding="utf-8"))["mechanisms"]


def heldout_gold() -> list[dict]:
    return yaml.safe_load((DATA / "heldout_mechanisms.yaml").read_text(encoding="utf-8"))["documents"]


def evaluate(outcomes: list[Outcome]) -> dict[str, float]:
    found = [o for o in outcomes if o.found]
    return {
        "gold": len(outcomes),
        "found": len(found),
        "recall": len(found) / len(outcomes) if outcomes else 0.0,
        "wrong_category_share": sum(not o.category_right for o in found) / len(found) if found else 0.0,
    }
