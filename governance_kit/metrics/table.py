"""A tidy table of every metric per document and place, with the derived indicators of
``data/indicators.yaml`` (``metrics_table``).

A ratio is derived only from figures about the same units, place and period: numerator and
denominator must match the indicator's units and subject words, be reported results (not targets),
single values (not ranges), and stand in the same paragraph of the same document — a paragraph speaks
of one place and one period, while a report's other paragraphs (another county, last year, the plan)
do not. Each paragraph where both sides are found gives one derived row.
"""
from __future__ import annotations

from ..datafiles import bundled, read_yaml, reloaded
from ..errors import RuleFileError

INDICATORS_FILE = "indicators.yaml"
TABLE_COLUMNS = ["doc_id", "place", "indicator", "label", "value", "unit", "qualifier", "derived", "formula", "quote"]


@reloaded(INDICATORS_FILE)
def _indicators() -> list[dict]:
    """``data/indicators.yaml``: the ratios :func:`metrics_table` derives."""
    label = f"governance_kit/data/{INDICATORS_FILE}"
    data = read_yaml(bundled(INDICATORS_FILE), label)[0]
    if not isinstance(data, dict) or not isinstance(data.get("indicators"), list):
        raise RuleFileError(f"{label}:缺少键 indicators,或它不是列表")
    return data["indicators"]


def _matching(rows, side: dict) -> dict[str, tuple[float, str, str]]:
    """The metrics on one side of a ratio: subject -> (largest value, quote, qualifier)."""
    out: dict[str, tuple[float, str, str]] = {}
    for row in rows:
        if row.get("target") or row.get("value_high") is not None:
            continue  # a plan or a range is no measured figure
        subject = row["subject"] or ""
        if row["unit"] not in side["units"] or not any(w in subject for w in side["contains"]):
            continue
        if any(w in subject for w in side.get("excludes") or ()):
            continue
        if subject not in out or row["value"] > out[subject][0]:
            out[subject] = (row["value"], row["quote"], row["qualifier"])
    return out


def metrics_table(corpus, *, place_of=None):
    """A tidy table per document and place: every metric, then the derived indicators of
    ``data/indicators.yaml`` wherever a document reports both numerator and denominator.

    ``place``: the document's place (``meta['place']``, else its most mentioned county-level or larger
    place from :func:`governance_kit.places.extract_places`; ``place_of(doc)`` overrides). Derived rows
    have ``derived=True`` and a ``formula`` naming the quotes they were computed from, e.g.
    ``4744名 / (1993个 + 442个)``: nothing is typed in.
    """
    import pandas as pd

    from ..corpus import as_documents
    from ..places import places_in_text
    from .quantities import metrics_in_text

    records = []
    for doc in as_documents(corpus):
        metrics = [m.__dict__ for m in metrics_in_text(doc.text)]
        for m in metrics:
            m["subject"] = m["subject"] or ""
        if place_of is not None:
            place = place_of(doc)
        else:
            listed = (doc.meta or {}).get("place") or []
            place = listed[0] if listed else None
            if place is None:
                counts: dict[str, int] = {}
                for p in places_in_text(doc.text):
                    if p.known:
                        counts[p.name] = counts.get(p.name, 0) + 1
                place = max(counts, key=counts.get) if counts else None
        for m in metrics:
            records.append({"doc_id": doc.doc_id, "place": place, "indicator": m["subject"] or None,
                            "label": m["subject"] or None, "value": m["value"], "unit": m["unit"],
                            "qualifier": m["qualifier"], "derived": False, "formula": None, "quote": m["quote"]})
        records += _derived(doc, metrics, place)
    return pd.DataFrame(records, columns=TABLE_COLUMNS)


def _derived(doc, metrics: list[dict], place) -> list[dict]:
    """The derived rows of one document: per indicator, per paragraph holding both sides."""
    paragraphs: dict[int, list[dict]] = {}
    for m in metrics:
        paragraphs.setdefault(doc.text.count("\n", 0, m["start"]), []).append(m)
    out = []
    for spec in _indicators():
        for rows in paragraphs.values():
            top, bottom = _matching(rows, spec["numerator"]), _matching(rows, spec["denominator"])
            if not top or not bottom:
                continue
            numerator = sum(v for v, _, _ in top.values())
            denominator = sum(v for v, _, _ in bottom.values())
            if denominator <= 0:
                continue
            formula = (" + ".join(q for _, q, _ in top.values()) + " / ("
                       + " + ".join(q for _, q, _ in bottom.values()) + ")")
            exact = all(q == "exact" for side in (top, bottom) for _, _, q in side.values())
            out.append({"doc_id": doc.doc_id, "place": place, "indicator": spec["id"], "label": spec["label"],
                        "value": round(numerator / denominator, 4), "unit": spec["unit"],
                        "qualifier": "exact" if exact else "about", "derived": True, "formula": formula,
                        "quote": None})
    return out
