"""Coding quality against gold lists written by reading the texts (tests/data): recall, categories.

Figures are printed (run with ``-s``) and reported in the issue notes; the asserts are floors that
catch regressions.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import governance_kit as gk
from governance_kit.codebook.discovery.finder import discover

from coding_eval import DATA, evaluate, judge

ROOT = Path(__file__).resolve().parents[2]


def _heldout(name: str):
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))["documents"]


# (gold file, recall floor, ceiling on the share of wrong categories). Sets 1–11 have each been used,
# after a first measurement, to widen the rules and (with the seeds) to train the learned scorer of
# discovery (scripts/train_discovery_model.py); set 12 has not: it was measured once with rules and
# model frozen (24/29) and the bundled model is trained without it. The issue notes give every
# set's first-contact figure.
@pytest.mark.parametrize(
    "gold_file, floor, wrong_ceiling",
    [("heldout_mechanisms.yaml", 0.9, 0.2), ("heldout2_mechanisms.yaml", 0.75, 0.2),
     ("heldout3_mechanisms.yaml", 0.75, 0.2), ("heldout4_mechanisms.yaml", 0.9, 0.3),
     ("heldout5_mechanisms.yaml", 0.8, 0.3), ("heldout6_mechanisms.yaml", 0.9, 0.3),
     ("heldout7_mechanisms.yaml", 0.9, 0.3), ("heldout8_mechanisms.yaml", 0.8, 0.3),
     ("heldout9_mechanisms.yaml", 0.9, 0.3), ("heldout10_mechanisms.yaml", 0.9, 0.35),
     ("heldout11_mechanisms.yaml", 0.9, 0.3), ("heldout12_mechanisms.yaml", 0.8, 0.3)],
)
def test_discovery_finds_unseen_mechanisms(gold_file, floor, wrong_ceiling):
    outcomes = []
    for doc in _heldout(gold_file):
        text = gk.clean_text((ROOT / doc["file"]).read_text(encoding="utf-8")).text
        found = discover(text)
        for d in found:
            assert text[d.start : d.end] == d.name
        outcomes += [judge(text, doc["file"], m, found) for m in doc["mechanisms"]]
    figures = evaluate(outcomes)
    print(gold_file, figures)
    assert figures["recall"] >= floor
    assert figures["wrong_category_share"] <= wrong_ceiling


def test_codebook_and_discovery_recall_on_the_seeds():
    from coding_eval import seed_gold

    corpus = gk.load_corpus()
    rows = gk.code_patterns(corpus)
    for row in rows.itertuples():
        assert corpus[row.doc_id].text[row.start : row.end] == row.match
    outcomes = []
    for entry in seed_gold():
        doc = corpus[entry["doc_id"]]
        outcomes.append(judge(doc.text, doc.doc_id, entry, list(rows[rows.doc_id == doc.doc_id].itertuples())))
    figures = evaluate(outcomes)
    print("seeds", figures)
    assert figures["recall"] >= 0.88
    assert figures["wrong_category_share"] <= 0.1
