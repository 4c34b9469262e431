"""Text-analysis verbs (governance_kit.analysis) on the seeds."""
from __future__ import annotations

import math

import numpy as np
import pytest

import governance_kit as gk
from governance_kit.analysis import measures as analysis


@pytest.fixture(scope="module")
def corpus():
    return gk.load_corpus()


def test_dtm_counts_the_kits_words(corpus):
    matrix, vocabulary, ids = analysis.dtm(corpus)
    assert matrix.shape == (len(ids), len(vocabulary)) and ids == [d.doc_id for d in corpus]
    j = vocabulary.index("三治融合")  # a lexicon term stays whole
    sheyang = ids.index("sheyang_2023")
    assert matrix[sheyang, j] == analysis._words(corpus["sheyang_2023"].text).count("三治融合")
    assert not any(term.isdigit() for term in vocabulary)


def test_keywords_never_rank_numbers_or_latin_fragments(corpus):
    for method in ("tfidf", "textrank"):
        df = analysis.keywords(corpus, method=method, top=30)
        assert set(df.doc_id) == {d.doc_id for d in corpus}
        assert df.groupby("doc_id")["rank"].max().max() <= 30
        assert not df.term.str.fullmatch(r"[\d.%,]+|[A-Za-z]+").any()
        for _, group in df.groupby("doc_id"):
            assert list(group.score) == sorted(group.score, reverse=True)


def test_keyness_of_sheyang_against_the_rest(corpus):
    rest = [d for d in corpus if d.doc_id != "sheyang_2023"]
    g2 = analysis.keyness(corpus["sheyang_2023"], rest)
    top = g2.head(15)
    assert (top.target_per_10k > top.reference_per_10k).all()
    assert "射阳" in set(g2.head(20).term)  # the place only Sheyang's report names
    # the formula, checked by hand for one term
    row = g2.set_index("term").loc["城乡"]
    c = sum(len(analysis._words(corpus["sheyang_2023"].text)) for _ in [0])
    d = sum(len(analysis._words(x.text)) for x in rest)
    a, b = row.target_count, row.reference_count
    e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
    assert row.score == pytest.approx(2 * (a * math.log(a / e1) + b * math.log(b / e2)))
    ratio = analysis.keyness(corpus["sheyang_2023"], rest, measure="log_ratio").set_index("term").loc["城乡"]
    assert ratio.score == pytest.approx(math.log2((a / c) / (b / d)))
    chi2 = analysis.keyness(corpus["sheyang_2023"], rest, measure="chi2")
    assert chi2.term.iloc[0] in set(top.term)


def test_kwic_rows_match_their_pattern(corpus):
    df = analysis.kwic(corpus, "网格员", window=8)
    assert len(df) > 0 and (df.match == "网格员").all()
    for row in df.itertuples():
        text = corpus[row.doc_id].text
        assert text[row.start:row.end] == row.match
        assert text[row.start - len(row.left):row.start] == row.left
    regex = analysis.kwic(corpus, r"网格[员长]", regex=True)
    assert set(regex.match) <= {"网格员", "网格长"} and len(regex) >= len(df)


def test_cooccurrence_is_symmetric_and_graphable(corpus):
    df = analysis.cooccurrence(corpus, min_count=3)
    pairs = {(r.term_a, r.term_b): r.count for r in df.itertuples()}
    assert all(pairs[(b, a)] == n for (a, b), n in pairs.items())
    assert (df["count"] >= 3).all()
    graph = analysis.cooccurrence(corpus, min_count=3, graph=True)
    a, b = next(iter(pairs))
    assert graph[a][b]["weight"] == pairs[(a, b)]
    near = analysis.cooccurrence(corpus, window=2, min_count=2)
    assert len(near) > 0


def test_similarity_is_one_with_itself_and_symmetric(corpus):
    sim = analysis.similarity(corpus)
    assert np.allclose(np.diag(sim.values), 1.0)
    assert np.allclose(sim.values, sim.values.T)
    assert ((sim.values >= 0) & (sim.values <= 1 + 1e-9)).all()


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda c: analysis.keywords(c, method="lda"), "method"),
        (lambda c: analysis.keywords(c, top=0), "top"),
        (lambda c: analysis.keyness(c, c, measure="pmi"), "measure"),
        (lambda c: analysis.kwic(c, ""), "检索词"),
        (lambda c: analysis.kwic(c, "(", regex=True), "正则"),
        (lambda c: analysis.cooccurrence(c, window="paragraph"), "window"),
        (lambda c: analysis.dtm(c, min_df=0), "min_df"),
        (lambda c: analysis.similarity([]), "没有文档"),
        (lambda c: analysis.keywords(42), "需要文档"),
    ],
)
def test_bad_arguments_give_chinese_errors(corpus, call, message):
    with pytest.raises((ValueError, TypeError), match=message):
        call(corpus)
