"""The checks of notebook 04 (治理指标抽取与比较): right answers pass, typical mistakes get their own hint."""
from __future__ import annotations

import pytest

import governance_kit as gk
from governance_kit.course.checks import nb04
from check_helpers import hint, passes


@pytest.fixture(scope="module")
def corpus():
    return nb04._corpus()  # gk.load_corpus(), loaded once for the checks and the tests


@pytest.fixture(scope="module")
def sheyang_metrics(corpus):
    return gk.extract_metrics(corpus["sheyang_2023"])


@pytest.fixture(scope="module")
def grid_figures(sheyang_metrics):
    m = sheyang_metrics
    return m[m["subject"].str.contains("网格")]


@pytest.fixture(scope="module")
def table(corpus):
    return gk.metrics_table(corpus.cases())


@pytest.fixture(scope="module")
def comparison(table):
    return table[table["derived"]].pivot(index="place", columns="label", values="value")


RIGHT_KINDS = {"1993个": "指标", "4744名": "指标", "238个": "指标", "每月10日": "日期", "一委三会": "名称或口号",
               "1+1>2": "名称或口号", "二十大": "序数"}


# --- 4.1 -------------------------------------------------------------------------------------------

def test_ex1_right_answer_passes(grid_figures, capsys):
    passes(nb04.ex1, grid_figures, capsys)
    passes(nb04.ex1_hidden, grid_figures, capsys)


def test_ex1_unanswered():
    assert "还没有作答" in hint(nb04.ex1, ...)
    assert "还没有作答" in hint(nb04.ex1_hidden, ...)


def test_ex1_unfiltered_table_names_the_non_grid_number(sheyang_metrics):
    message = hint(nb04.ex1, sheyang_metrics)
    assert "不是网格的数字" in message and "238个" in message


def test_ex1_filtered_by_unit_is_caught(sheyang_metrics):
    by_unit = sheyang_metrics[sheyang_metrics["unit"] == "个"]
    assert "不要按单位“个”筛选" in hint(nb04.ex1, by_unit)


def test_ex1_one_kind_of_grid_only(sheyang_metrics):
    only = sheyang_metrics[sheyang_metrics["subject"] == "综合网格"]
    message = hint(nb04.ex1, only)
    assert "少了" in message and "专属网格" in message


def test_ex1_other_documents(corpus, sheyang_metrics):
    import pandas as pd

    both = pd.concat([gk.extract_metrics(corpus["gaoqiao_2024"]), sheyang_metrics], ignore_index=True)
    assert "其他文档" in hint(nb04.ex1, both)


def test_ex1_empty_selection(sheyang_metrics):
    assert "表是空的" in hint(nb04.ex1, sheyang_metrics[sheyang_metrics["subject"] == "网格"])


def test_ex1_hidden_wants_the_evidence_columns(grid_figures):
    assert "sentence" in hint(nb04.ex1_hidden, grid_figures[["doc_id", "value", "unit", "subject", "quote"]])


def test_ex1_hidden_catches_edited_values(grid_figures):
    edited = grid_figures.assign(value=grid_figures["value"] + 1)
    assert "不要手改 value" in hint(nb04.ex1_hidden, edited)


# --- 4.2 -------------------------------------------------------------------------------------------

def _v(sheyang_metrics):
    return sheyang_metrics.set_index("subject")["value"]


def test_ex2_right_answer_passes(sheyang_metrics, table, capsys):
    v = _v(sheyang_metrics)
    answer = v["网格长、网格员"] / (v["综合网格"] + v["专属网格"])
    passes(nb04.ex2, answer, capsys)
    # the same ratio as the kit's derived indicator (rounded there to 4 places)
    derived = table.loc[(table["indicator"] == "staff_per_grid"), "value"].iloc[0]
    assert answer == pytest.approx(derived, abs=1e-4)


def test_ex2_unanswered():
    assert "还没有作答" in hint(nb04.ex2, ...)


def test_ex2_one_kind_of_grid(sheyang_metrics):
    v = _v(sheyang_metrics)
    message = hint(nb04.ex2, v["网格长、网格员"] / v["综合网格"])
    assert "只除以了综合网格" in message and "专属网格" in message


def test_ex2_inverted(sheyang_metrics):
    v = _v(sheyang_metrics)
    assert "分子分母颠倒" in hint(nb04.ex2, (v["综合网格"] + v["专属网格"]) / v["网格长、网格员"])


def test_ex2_divided_by_villages(sheyang_metrics):
    v = _v(sheyang_metrics)
    assert "村(社区)" in hint(nb04.ex2, v["网格长、网格员"] / v["村(社区)"])


def test_ex2_rounded(sheyang_metrics):
    v = _v(sheyang_metrics)
    assert "不要手抄或四舍五入" in hint(nb04.ex2, round(v["网格长、网格员"] / (v["综合网格"] + v["专属网格"]), 2))


def test_ex2_series_and_text(sheyang_metrics):
    m = sheyang_metrics
    assert ".iloc[0]" in hint(nb04.ex2, m.loc[m["subject"] == "网格长、网格员", "value"])
    assert "去掉引号" in hint(nb04.ex2, "1.95")


# --- 4.3 -------------------------------------------------------------------------------------------

def test_ex3_right_answer_passes(comparison, capsys):
    passes(nb04.ex3, comparison, capsys)


def test_ex3_indicator_ids_as_columns_pass(table, capsys):
    wide = table[table["derived"]].pivot(index="place", columns="indicator", values="value")
    passes(nb04.ex3, wide, capsys)


def test_ex3_unanswered():
    assert "还没有作答" in hint(nb04.ex3, ...)


def test_ex3_long_table(table):
    assert "长表" in hint(nb04.ex3, table[table["derived"]])


def test_ex3_raw_metrics_mixed_in(table):
    # pivot_table: raw rows may share a label within a place (6个共富工坊中有4个: both count 共富工坊)
    wide = table.pivot_table(index="place", columns="label", values="value", aggfunc="first")
    assert "混进了原始数字" in hint(nb04.ex3, wide)


def test_ex3_doc_ids_as_rows(table):
    wide = table[table["derived"]].pivot(index="doc_id", columns="label", values="value")
    assert "index=\"place\"" in hint(nb04.ex3, wide)


def test_ex3_blanks_filled_with_zero(comparison):
    assert "不要填 0" in hint(nb04.ex3, comparison.fillna(0))


# --- 4.4 -------------------------------------------------------------------------------------------

def test_ex4_candidates_are_in_the_sheyang_report(corpus):
    text = corpus["sheyang_2023"].text
    assert all(c in text for c in nb04.CANDIDATES)
    assert set(RIGHT_KINDS) == set(nb04.CANDIDATES)


def test_ex4_right_answer_passes(capsys):
    passes(nb04.ex4, RIGHT_KINDS, capsys)
    passes(nb04.ex4_hidden, RIGHT_KINDS, capsys)


def test_ex4_unanswered():
    assert "还没有作答" in hint(nb04.ex4, ...)


def test_ex4_a_date_called_a_metric():
    assert "不在 gk.extract_metrics" in hint(nb04.ex4, {**RIGHT_KINDS, "每月10日": "指标"})


def test_ex4_a_metric_called_a_name():
    message = hint(nb04.ex4, {**RIGHT_KINDS, "4744名": "名称或口号"})
    assert "抽取出的指标" in message and "网格长、网格员" in message


def test_ex4_unknown_label_and_missing_key():
    assert "标签只能是" in hint(nb04.ex4, {**RIGHT_KINDS, "二十大": "届次"})
    assert "还缺这些候选" in hint(nb04.ex4, {k: v for k, v in RIGHT_KINDS.items() if k != "1+1>2"})


def test_ex4_reasons_are_checked_live_as_at_grading():
    # used to show ✓ in class and score 0 at grading: the reasons were checked by the hidden test only
    assert "序数" in hint(nb04.ex4, {**RIGHT_KINDS, "二十大": "名称或口号"})
    assert "序数" in hint(nb04.ex4_hidden, {**RIGHT_KINDS, "二十大": "名称或口号"})
    assert "日期" in hint(nb04.ex4_hidden, {**RIGHT_KINDS, "每月10日": "序数"})
    assert "一委三会" in hint(nb04.ex4_hidden, {**RIGHT_KINDS, "一委三会": "序数"})


def test_ex1_all_columns_are_required(grid_figures):
    # used to pass: the statement says 保留…所有列, but sentence, start and end could be dropped
    some = grid_figures[["doc_id", "value", "unit", "subject", "quote"]]
    message = hint(nb04.ex1, some)
    assert "所有列" in message and "sentence" in message and "start" in message and "end" in message
