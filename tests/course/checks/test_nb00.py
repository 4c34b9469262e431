"""Checks of notebook 00: right answers pass, blanks and typical mistakes fail with their own hint."""
from __future__ import annotations

import numpy as np
import pytest

import governance_kit as gk
from governance_kit.corpus import bundled_corpus_dir
from governance_kit.course.checks import nb00
from check_helpers import fails, passes


@pytest.fixture(scope="module")
def corpus():
    return gk.load_corpus()


@pytest.fixture(scope="module")
def frame(corpus):
    return corpus.to_frame()


# --------------------------------------------------------------------------- 0.1
def test_ex1_right_answer(corpus, capsys):
    passes(nb00.ex1, len(corpus), capsys, "0.1")
    passes(nb00.ex1, np.int64(len(corpus)), capsys, "0.1")


@pytest.mark.parametrize("check", [nb00.ex1, nb00.ex2, nb00.ex3, nb00.ex4, nb00.ex2_hidden, nb00.ex3_hidden,
                                   nb00.ex4_hidden])
def test_unanswered(check):
    fails(check, ..., "还没有作答")


def test_ex1_mistakes(corpus, frame):
    fails(nb00.ex1, len(corpus.cases()), "corpus.cases()")
    fails(nb00.ex1, len(frame.columns), "列数")
    fails(nb00.ex1, sum(1 for p in bundled_corpus_dir().iterdir() if p.is_file()), "catalog.csv")
    fails(nb00.ex1, 0, "gk.load_corpus()")
    fails(nb00.ex1, str(len(corpus)), "去掉引号")
    fails(nb00.ex1, True, "真/假值")
    fails(nb00.ex1, len(corpus) + 10, "文档数不对")


# --------------------------------------------------------------------------- 0.2
def _jiangsu(frame):
    return frame.loc[frame["province"] == "江苏省", "doc_id"].tolist()


def test_ex2_right_answer(frame, capsys):
    ids = _jiangsu(frame)
    assert ids
    passes(nb00.ex2, ids, capsys, "0.2")
    passes(nb00.ex2, list(reversed(ids)), capsys, "0.2")
    passes(nb00.ex2_hidden, ids, capsys, "0.2")


def test_ex2_mistakes(corpus, frame):
    jiangsu = frame["province"] == "江苏省"
    fails(nb00.ex2, frame.loc[jiangsu, ["doc_id", "title"]], "一张表")
    fails(nb00.ex2, frame.loc[jiangsu, "doc_id"], ".tolist()")
    fails(nb00.ex2, _jiangsu(frame)[0], "方括号")
    fails(nb00.ex2, frame.loc[jiangsu, "title"].tolist(), "是标题")
    fails(nb00.ex2, ["江苏"], "不是语料里的 doc_id")
    fails(nb00.ex2, frame.loc[frame["place"] == "江苏省", "doc_id"].tolist(), "province 列")
    fails(nb00.ex2, frame.loc[frame["province"].notna(), "doc_id"].tolist(), "不在江苏省")
    fails(nb00.ex2, _jiangsu(frame)[:1], "还少了")
    fails(nb00.ex2, [1, 2], "doc_id 文字")


def test_ex2_hidden_catches_duplicates(frame):
    ids = _jiangsu(frame)
    nb00.ex2(ids + ids[:1])  # the visible check compares sets
    fails(nb00.ex2_hidden, ids + ids[:1], "重复")


# --------------------------------------------------------------------------- 0.3
def test_ex3_right_answer(frame, capsys):
    answer = (frame["script"] == "traditional").sum()
    passes(nb00.ex3, answer, capsys, "0.3")
    passes(nb00.ex3_hidden, answer, capsys, "0.3")


def test_ex3_mistakes(corpus, frame):
    fails(nb00.ex3, int((frame["script"] == "simplified").sum()), "简体原文")
    fails(nb00.ex3, len(corpus), "全部文档")
    fails(nb00.ex3, frame["script"] == "traditional", ".sum()")
    fails(nb00.ex3, 99, "繁体原文的篇数不对")
    fails(nb00.ex3_hidden, 99, "繁简转换")


# --------------------------------------------------------------------------- 0.4
def test_ex4_right_answer(frame, capsys):
    answer = frame.loc[frame["genre"] == "fiction", "doc_id"].tolist()
    passes(nb00.ex4, answer, capsys, "0.4")
    passes(nb00.ex4_hidden, answer, capsys, "0.4")


def test_ex4_mistakes(corpus, frame):
    novel = frame.loc[frame["genre"] == "fiction", "doc_id"].tolist()
    interview = frame.loc[frame["genre"] == "interview", "doc_id"].tolist()
    article = frame.loc[frame["genre"] == "academic_article", "doc_id"].tolist()
    fails(nb00.ex4, [], "fiction")
    fails(nb00.ex4, novel + interview, "访谈")
    fails(nb00.ex4, article, "学术文章")
    fails(nb00.ex4, novel[0], "方括号")
    fails(nb00.ex4, [corpus[novel[0]].title], "是标题")
    fails(nb00.ex4, frame.loc[frame["genre"] == "fiction"], "一张表")
    fails(nb00.ex4_hidden, novel + novel, "重复")


def test_ex2_empty_list_names_the_missing_province_character(frame, monkeypatch):
    # used to blame the place column when province == "江苏" (without 省) was written
    monkeypatch.setattr(nb00, "_recent_code", lambda: 'jiangsu_ids = frame.loc[frame["province"] == "江苏", "doc_id"].tolist()')
    message = fails(nb00.ex2, frame.loc[frame["province"] == "江苏", "doc_id"].tolist(), "少了“省”字")
    assert "place" not in message
    monkeypatch.setattr(nb00, "_recent_code", lambda: 'frame.loc[frame["place"] == "江苏省", "doc_id"].tolist()')
    fails(nb00.ex2, [], "place 列写的是县、市的名字")
    monkeypatch.setattr(nb00, "_recent_code", lambda: "")
    message = fails(nb00.ex2, [], "江苏省")
    assert "不要写成 \"江苏\"" in message and "place" in message
