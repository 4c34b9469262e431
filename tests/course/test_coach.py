"""The error coach: the mistakes trainees make, explained in Chinese; anything else shown as usual."""
from __future__ import annotations

import pandas as pd
import pytest

from governance_kit.course import coach
from governance_kit.course.feedback import Hint


def _caught(code: str, names: dict | None = None):
    names = dict(names or {})
    try:
        exec(compile(code, "<cell>", "exec"), names)
    except BaseException as exc:  # noqa: BLE001 - the test wants whatever the code raises
        return exc, exc.__traceback__, names
    raise AssertionError("no error")


@pytest.mark.parametrize("code, phrases", [
    ("x = max(1，2)", ["第 1 行", "中文标点“，”", "“,”"]),
    ("x = 1\ny = (x）", ["第 2 行", "“)”"]),
    ("if 1 > 0\n    x = 1", ["冒号"]),
    ("s = '网格员", ["引号没有成对"]),
    ("x = [1, 2", ["括号没有成对"]),
])
def test_syntax_errors_name_the_position_and_the_fix(code, phrases):
    error, tb, _ = _caught(code)
    message = coach.explain(error, tb)
    assert message and all(p in message for p in phrases), message


def test_a_missing_name_points_to_a_typo_or_the_cell_to_run():
    error, tb, names = _caught("village_procedur", {"village_procedure": 1})
    assert "village_procedure" in coach.explain(error, tb, names)
    error, tb, names = _caught("party_pairs")
    assert "先运行" in coach.explain(error, tb, names)


def test_a_missing_column_lists_the_columns():
    frame = pd.DataFrame({"value": [1], "unit": ["个"], "subject": ["网格"]})
    error, tb, _ = _caught("frame['values']", {"frame": frame})
    message = coach.explain(error, tb)
    assert "“values”" in message and "value、unit、subject" in message and "是不是想写“value”" in message


def test_conditions_without_brackets_and_missing_arguments():
    frame = pd.DataFrame({"value": [1, 200]})
    error, tb, _ = _caught("frame[frame.value > 1 and frame.value < 300]", {"frame": frame})
    assert "加括号" in coach.explain(error, tb)
    error, tb, _ = _caught("def plan(households, size):\n    pass\nplan(400)")
    assert "plan()" in coach.explain(error, tb) and "size" in coach.explain(error, tb)
    error, tb, _ = _caught("'三分之二' < 0.5")
    assert "不要写成“三分之二”" in coach.explain(error, tb)


def test_rerunning_a_cell_that_makes_a_folder(tmp_path):
    error, tb, _ = _caught(f"import os\nos.mkdir({str(tmp_path)!r})")
    assert "exist_ok=True" in coach.explain(error, tb)


def test_other_errors_are_left_alone():
    error, tb, _ = _caught("1 / 0")
    assert coach.explain(error, tb) is None
    error, tb, _ = _caught("{}['x']")  # a KeyError outside pandas
    assert coach.explain(error, tb) is None


def test_in_a_shell_the_message_replaces_the_traceback_and_hints_stay(capsys):
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    assert coach.enable(shell) and coach.enable(shell)  # idempotent
    result = shell.run_cell("y = max(1，2)")
    assert not result.success  # the cell still failed: 运行全部 stops here
    out = capsys.readouterr()
    assert "✗ 第 1 行" in out.out + out.err and "完整的错误信息" in out.out  # message as the error, traceback folded
    shell.user_ns["Hint"] = Hint
    result = shell.run_cell("raise Hint('练习 0.1 未通过：再试一次')")
    out = capsys.readouterr()
    assert not result.success and "练习 0.1 未通过" in out.out + out.err
    result = shell.run_cell("1 / 0")
    out = capsys.readouterr()
    assert "ZeroDivisionError" in out.out + out.err
