"""The checks of notebook 05 (比较研究方法): right answers pass, typical mistakes get their own hint."""
from __future__ import annotations

import pytest

import governance_kit as gk
from governance_kit.course.checks import nb05
from check_helpers import hint, passes


@pytest.fixture(scope="module")
def corpus():
    return nb05._corpus()  # gk.load_corpus(), loaded once for the checks and the tests


@pytest.fixture(scope="module")
def rest(corpus):
    return [d for d in corpus.cases() if d.doc_id != "gaoqiao_2024"]


@pytest.fixture(scope="module")
def gaoqiao_key(corpus, rest):
    return gk.keyness(corpus["gaoqiao_2024"], rest)


@pytest.fixture(scope="module")
def grid_lines(corpus):
    return gk.kwic([corpus["sheyang_2023"], corpus["jiangsu_2019"]], "网格")


@pytest.fixture(scope="module")
def co(corpus):
    return gk.cooccurrence(corpus.cases())


@pytest.fixture(scope="module")
def party_pairs(co):
    return co[(co["term_a"] == "党建") & (co["count"] >= 3)]


@pytest.fixture(scope="module")
def evidence(corpus):
    novel = corpus["qingzhou_novel"]
    return {"genre": novel.meta["genre"],
            "top_term": gk.keyness(novel, corpus.cases())["term"].iloc[0],
            "places": gk.extract_places(novel)["name"].tolist(),
            "n_metrics": len(gk.extract_metrics(novel))}


# --- 5.1 -------------------------------------------------------------------------------------------

def test_ex1_right_answer_passes(gaoqiao_key, capsys):
    passes(nb05.ex1, gaoqiao_key, capsys)
    passes(nb05.ex1_hidden, gaoqiao_key, capsys)


def test_ex1_unanswered():
    assert "还没有作答" in hint(nb05.ex1, ...)
    assert "还没有作答" in hint(nb05.ex1_hidden, ...)


def test_ex1_reference_includes_the_target(corpus):
    assert "包括了高桥自己" in hint(nb05.ex1, gk.keyness(corpus["gaoqiao_2024"], corpus.cases()))


def test_ex1_reference_includes_the_novel(corpus):
    others = [d for d in corpus if d.doc_id != "gaoqiao_2024"]
    assert "混进了小说" in hint(nb05.ex1, gk.keyness(corpus["gaoqiao_2024"], others))
    assert "整个语料" in hint(nb05.ex1, gk.keyness(corpus["gaoqiao_2024"], corpus))


def test_ex1_swapped(corpus, rest):
    assert "颠倒" in hint(nb05.ex1, gk.keyness(rest, corpus["gaoqiao_2024"]))


def test_ex1_other_measure(corpus, rest):
    assert "measure" in hint(nb05.ex1, gk.keyness(corpus["gaoqiao_2024"], rest, measure="log_ratio"))


def test_ex1_truncated(gaoqiao_key):
    assert "整张表" in hint(nb05.ex1, gaoqiao_key.head(10))


def test_ex1_hidden_catches_a_filtered_table(gaoqiao_key):
    assert "行数" in hint(nb05.ex1_hidden, gaoqiao_key[gaoqiao_key["score"] > 0])


# --- 5.2 -------------------------------------------------------------------------------------------

def test_ex2_right_answer_passes(grid_lines, capsys):
    passes(nb05.ex2, grid_lines, capsys)


def test_ex2_unanswered():
    assert "还没有作答" in hint(nb05.ex2, ...)


def test_ex2_whole_corpus(corpus):
    assert "其他文档" in hint(nb05.ex2, gk.kwic(corpus, "网格"))


def test_ex2_one_document(corpus):
    assert "jiangsu_2019" in hint(nb05.ex2, gk.kwic(corpus["sheyang_2023"], "网格"))


def test_ex2_longer_term(corpus):
    lines = gk.kwic([corpus["sheyang_2023"], corpus["jiangsu_2019"]], "网格员?", regex=True)
    assert "match 列里有" in hint(nb05.ex2, lines)


def test_ex2_filtered(grid_lines):
    assert "少了" in hint(nb05.ex2, grid_lines[grid_lines["right"].str[:1] != "员"])


# --- 5.3 -------------------------------------------------------------------------------------------

def test_ex3_right_answer_passes(party_pairs, co, capsys):
    passes(nb05.ex3, party_pairs, capsys)
    passes(nb05.ex3_hidden, party_pairs, capsys)
    flipped = co[(co["term_b"] == "党建") & (co["count"] >= 3)]  # the other side of the symmetric table
    passes(nb05.ex3, flipped, capsys)


def test_ex3_unanswered():
    assert "还没有作答" in hint(nb05.ex3, ...)


def test_ex3_not_filtered_by_term(co):
    assert "筛选 term_a" in hint(nb05.ex3, co[co["count"] >= 3])


def test_ex3_not_filtered_by_count(co):
    assert "count 小于" in hint(nb05.ex3, co[co["term_a"] == "党建"])


def test_ex3_both_sides(co):
    both = co[((co["term_a"] == "党建") | (co["term_b"] == "党建")) & (co["count"] >= 3)]
    assert "出现了两次" in hint(nb05.ex3, both)


def test_ex3_novel_included(corpus):
    co_all = gk.cooccurrence(corpus)
    assert "小说" in hint(nb05.ex3, co_all[(co_all["term_a"] == "党建") & (co_all["count"] >= 3)])


def test_ex3_hidden_catches_edited_counts(party_pairs):
    assert "共现次数" in hint(nb05.ex3_hidden, party_pairs.assign(count=party_pairs["count"] + 1))


# --- 5.4 -------------------------------------------------------------------------------------------

def test_ex4_right_answer_passes(evidence, capsys):
    passes(nb05.ex4, evidence, capsys)
    assert evidence["genre"] == "fiction" and evidence["places"] == [] and evidence["n_metrics"] == 0


def test_ex4_unanswered():
    assert "还没有作答" in hint(nb05.ex4, ...)


def test_ex4_missing_key(evidence):
    assert "还缺这些键" in hint(nb05.ex4, {k: v for k, v in evidence.items() if k != "places"})


def test_ex4_genre_in_chinese(evidence):
    assert "英文代码" in hint(nb05.ex4, {**evidence, "genre": "小说"})


def test_ex4_swapped_keyness(evidence, corpus):
    swapped = gk.keyness(corpus.cases(), corpus["qingzhou_novel"])["term"].iloc[0]
    assert "颠倒" in hint(nb05.ex4, {**evidence, "top_term": swapped})


def test_ex4_places_of_the_whole_corpus(evidence, corpus):
    places = gk.extract_places(corpus)
    assert "别的文档的地名" in hint(nb05.ex4, {**evidence, "places": places["name"].tolist()})
    assert ".tolist()" in hint(nb05.ex4, {**evidence, "places": places["name"]})


def test_ex4_metrics_of_another_document(evidence):
    import pandas as pd

    assert "整个语料或别的文档" in hint(nb05.ex4, {**evidence, "n_metrics": evidence["n_metrics"] + 8})
    assert "整数" in hint(nb05.ex4, {**evidence, "n_metrics": pd.Series([], dtype=float)})


def test_ex3_window_named_only_when_the_counts_say_so(corpus, co):
    # the “window” hint used to appear although the trainee never touched window
    strict = co[(co["term_a"] == "党建") & (co["count"] > 3)]
    message = hint(nb05.ex3, strict)
    assert "写成 > 3" in message and "window" not in message
    windowed = gk.cooccurrence(corpus.cases(), window=3)
    message = hint(nb05.ex3, windowed[(windowed["term_a"] == "党建") & (windowed["count"] >= 3)])
    assert "window" in message and "共现次数是" in message
