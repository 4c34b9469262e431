"""Instant feedback for exercises: checks that fail with a specific hint in Simplified Chinese.

A check cell of a notebook calls one function of :mod:`governance_kit.course.checks`; that function
opens :func:`exercise` and states what a right answer looks like::

    with exercise("0.1") as ex:
        ex.answered(n_docs, "n_docs")
        ex.is_type(n_docs, int, "n_docs")
        ex.equal(n_docs, expected, "数一数 corpus 中的文档：len(corpus)")

A failed check raises :class:`Hint` (an ``AssertionError``, so nbgrader scores the cell 0) whose
message names the exercise and says what to try; the traceback is cut to the message. A passed
exercise prints ``✓ 练习 0.1 通过``. The expected values are computed by the checks from the kit
and the corpus, never written into the notebook, so a trainee's copy holds no answers.
"""
from __future__ import annotations

import math
from contextlib import contextmanager


class Hint(AssertionError):
    """A failed exercise check; the message is the hint shown to the trainee."""

    def _render_traceback_(self):  # IPython shows only this instead of the traceback
        return [f"\x1b[31m✗ {self}\x1b[0m"]


def _unanswered(value) -> bool:
    return value is Ellipsis or value is None


def _shown(value, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Exercise:
    """The checks of one exercise; every method raises :class:`Hint` when its condition fails."""

    def __init__(self, number: str):
        self.number = number

    def fail(self, message: str):
        raise Hint(f"练习 {self.number} 未通过：{message}")

    def that(self, condition, message: str) -> None:
        if not condition:
            self.fail(message)

    def answered(self, value, name: str) -> None:
        if _unanswered(value):
            self.fail(f"还没有作答({name} 仍是 ...)。请在上面的单元格里把 {name} = ... 中的 ... 换成你的代码并运行它;"
                      "如果那个单元格报了错,先按错误信息改正,再运行本单元格。")

    def is_type(self, value, types, name: str, what: str | None = None) -> None:
        if types is int and isinstance(value, bool):
            self.fail(f"{name} 应是一个整数，现在是真/假值 {value}。")
        if not isinstance(value, types):
            wanted = what or _type_names(types)
            self.fail(f"{name} 应是{wanted}，现在是 {type(value).__name__}：{_shown(value)}。")

    def equal(self, value, expected, message: str) -> None:
        if value != expected:
            self.fail(f"{message}（你的结果：{_shown(value)}）")

    def close(self, value, expected: float, message: str, *, rel: float = 1e-6, abs_: float = 1e-9) -> None:
        try:
            ok = math.isclose(float(value), float(expected), rel_tol=rel, abs_tol=abs_)
        except (TypeError, ValueError):
            ok = False
        if not ok:
            self.fail(f"{message}（你的结果：{_shown(value)}）")

    def columns(self, frame, required, name: str) -> None:
        import pandas as pd

        self.is_type(frame, pd.DataFrame, name, "一个表格（pandas DataFrame）")
        missing = [column for column in required if column not in frame.columns]
        if missing:
            self.fail(f"{name} 缺少这些列：{'、'.join(map(str, missing))}；现有的列：{'、'.join(map(str, frame.columns))}。")


_TYPE_NAMES = {int: "一个整数", float: "一个数", str: "一段文字（字符串）", list: "一个列表", dict: "一个字典",
               set: "一个集合", tuple: "一个元组", bool: "真/假值"}


def _type_names(types) -> str:
    types = types if isinstance(types, tuple) else (types,)
    return "或".join(_TYPE_NAMES.get(t, t.__name__) for t in types)


@contextmanager
def exercise(number: str):
    """Run the checks of exercise ``number``; print ``✓`` when all of them pass."""
    yield Exercise(number)
    print(f"✓ 练习 {number} 通过")
