"""Checks that see what just happened, in a real IPython shell: a failed answer cell is reported
instead of grading an older value (also when the check is run twice or another cell ran in between),
a name never given is a hint rather than a NameError, and the coach names the cell that defines a
missing name."""
from __future__ import annotations

import json

import pytest

from governance_kit.course import coach, session

CHECK = "from governance_kit.course.checks import answer, nb00\nnb00.ex1(answer('n_docs'))"


@pytest.fixture
def shell():
    from IPython.core.interactiveshell import InteractiveShell

    sh = InteractiveShell.instance()
    coach.enable(sh)
    sh.run_cell("import governance_kit as gk\ncorpus = gk.load_corpus()", store_history=True)
    yield sh
    InteractiveShell.clear_instance()


def run(sh, code):
    result = sh.run_cell(code, store_history=True)
    return result, result.error_before_exec or result.error_in_exec


def test_a_failed_answer_cell_is_reported_not_the_older_value(shell, capsys):
    run(shell, "n_docs = len(corpus)")
    _, error = run(shell, CHECK)
    assert error is None and "✓ 练习 0.1 通过" in capsys.readouterr().out
    run(shell, "n_docs = len(corpus['no_such_doc'])")  # fails: n_docs keeps the right, older value
    for _ in range(2):  # running the check twice changes nothing
        _, error = run(shell, CHECK)
        assert "运行出错" in str(error) and "还没有得到新的答案" in str(error), error
    run(shell, "x = 1")  # an unrelated cell in between
    _, error = run(shell, CHECK)
    assert "运行出错" in str(error)
    assert "✓" not in capsys.readouterr().out
    run(shell, "n_docs = len(corpus)")  # corrected
    _, error = run(shell, CHECK)
    assert error is None and "✓ 练习 0.1 通过" in capsys.readouterr().out


def test_a_syntax_error_in_the_answer_cell_counts_as_failed(shell):
    run(shell, "n_docs = len(corpus)")
    run(shell, "n_docs = len(corpus，)")
    _, error = run(shell, CHECK)
    assert "运行出错" in str(error) and "中文标点“，”" in str(error) and "还没有得到新的答案" in str(error)


def test_the_cell_just_before_the_check_failed_without_assigning(shell):
    run(shell, "n_docs = len(corpus)")
    run(shell, "print(n_docs + '篇')")  # mentions n_docs, assigns nothing
    _, error = run(shell, CHECK)
    assert str(error).startswith("练习 0.1 未通过：上一个单元格运行出错（TypeError")


def test_a_name_never_given_is_a_hint_not_a_name_error(shell):
    _, error = run(shell, "from governance_kit.course.checks import answer, nb05\nnb05.ex3(answer('party_pairs'))")
    assert type(error).__name__ == "Hint" and "还没有 party_pairs" in str(error)


def _notebook(path, cells):
    path.write_text(json.dumps({"cells": [{"cell_type": t, "metadata": {}, "source": s, "outputs": []}
                                          for t, s in cells], "metadata": {}, "nbformat": 4,
                                "nbformat_minor": 5}, ensure_ascii=False), encoding="utf-8")


def test_the_coach_names_the_cell_that_defines_a_missing_name(shell, tmp_path, monkeypatch, capsys):
    _notebook(tmp_path / "05_comparison.ipynb", [
        ("code", "import governance_kit as gk"), ("markdown", "### 练习 5.3"),
        ("code", "co = gk.cooccurrence([])"), ("code", "# 把结果存到 party_pairs 里\nparty_pairs = co[co.count > 2]"),
        ("code", "party_pairs.head()")])
    monkeypatch.chdir(tmp_path)
    _, error = run(shell, "party_pairs.head()")
    assert type(error) is NameError
    out = capsys.readouterr().out
    assert "上面第 3 个代码单元格（含有“party_pairs = …”的那一格）中定义，请先运行它" in out, out
    _, error = run(shell, "from governance_kit.course.checks import answer, nb05\nnb05.ex3(answer('party_pairs'))")
    assert "第 3 个代码单元格" in str(error)


def test_the_coach_names_a_defining_cell_that_failed(shell, capsys):
    run(shell, "party_pairs = undefined_table[0]")
    run(shell, "party_pairs")
    out = capsys.readouterr().out
    assert "那一格运行时出错了（NameError" in out and "请先改正那里的错误" in out


def test_assigned_names_are_read_from_code_and_from_broken_code():
    assert session.assigned("a = 1\nfor b in x: pass\nimport pandas as pd\ndef f(): pass") >= {"a", "b", "pd", "f"}
    assert session.assigned("party_pairs = co[(co.a == 1，)]") == {"party_pairs"}
    assert session.assigned("x == 1") == set()


def test_the_session_name_of_the_server_finds_the_notebook(shell, tmp_path, monkeypatch, capsys):
    # two notebooks in the folder, the running cell in neither (not saved yet): the server's name decides
    _notebook(tmp_path / "04_metrics.ipynb", [("code", "x = 1"), ("code", "staff_per_grid = x / 2")])
    _notebook(tmp_path / "05_comparison.ipynb", [("code", "party_pairs = 1")])
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("JPY_SESSION_NAME", "notebooks/04_metrics.ipynb")
    run(shell, "print(staff_per_grid)")
    assert "第 2 个代码单元格（含有“staff_per_grid = …”的那一格）" in capsys.readouterr().out
