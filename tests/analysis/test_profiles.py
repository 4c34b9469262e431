"""Category profiles from codings: counts, rates per 10,000 characters, the four-mode balance."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from governance_kit.corpus import as_documents
from governance_kit.analysis.profiles import CATEGORIES, MODES, profile


def _codings(rows):
    return pd.DataFrame(rows, columns=["doc_id", "pattern", "category", "match", "start", "end", "sentence", "source"])


def test_counts_rates_and_balance():
    docs = as_documents("推进三治融合和网格化管理,法治为保障,德治为基础。") + as_documents("网格员巡查。")
    docs[1].doc_id = "second"
    codings = _codings([
        ("text", "sanzhi", "self_governance", "三治融合", 2, 6, "", "codebook"),
        ("text", "sanzhi", "self_governance", "三治融合", 2, 6, "", "codebook"),  # same span twice counts once
        ("text", "grid", "grid_management", "网格化管理", 7, 12, "", "codebook"),
        ("text", "law", "rule_of_law", "法治", 13, 15, "", "codebook"),
        ("text", "virtue", "rule_of_virtue", "德治", 19, 21, "", "discovered"),
    ])
    frame = profile(docs, codings=codings)
    assert list(frame.index) == ["text", "second"]
    row = frame.loc["text"]
    assert row["codings"] == 4 and row["grid_management"] == 1
    assert row["grid_management_per_10k"] == pytest.approx(1 / len(docs[0].text) * 10_000)
    assert sum(row[f"balance_{m}"] for m in MODES) == pytest.approx(1.0)
    assert row["balance_self_governance"] == pytest.approx(1 / 3)
    assert frame.loc["second", "codings"] == 0 and math.isnan(frame.loc["second", "balance_rule_of_law"])
    without = profile(docs, codings=codings, include_discovered=False)
    assert without.loc["text", "rule_of_virtue"] == 0
    assert {f"{k}_per_10k" for k in CATEGORIES} <= set(frame.columns)


def test_fiction_is_left_out_unless_asked_for():
    import governance_kit as gk

    corpus = gk.load_corpus()
    frame = profile(corpus)
    assert "qingzhou_novel" not in frame.index and len(frame) == 4
    assert "qingzhou_novel" in profile(corpus, include_fiction=True).index
    assert frame.loc["sheyang_2023", "grid_management"] > 0
    assert frame.loc["jiangsu_2019", "rule_of_law_per_10k"] > 0
