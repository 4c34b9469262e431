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

Check cells pass the trainee's values through :func:`answer` (``nb04.ex2(answer("staff_per_grid"))``):
a name that was never given becomes a hint instead of a ``NameError``, and :func:`exercise` knows which
names it checks. Before grading, it makes sure the answer is fresh: when the cell meant to give one of
these names failed (see :mod:`.session`), or the cell run just before the check failed, the check says
so instead of grading an older value. In plain Python (tests, scripts) only the values are checked.
"""
from __future__ import annotations

import math
import sys
from contextlib import contextmanager

from . import session


class Hint(AssertionError):
    """A failed exercise check; the message is the hint shown to the trainee."""

    exercise_hint = True  # how .session tells a check's verdict from an error in the trainee's code

    def _render_traceback_(self):  # IPython shows only this instead of the traceback
        return [f"\x1b[31m✗ {self}\x1b[0m"]


class _Missing:
    """The value of a name the notebook never gave (see :func:`answer`)."""

    def __init__(self, name: str):
        self.name = name

    def __repr__(self):
        return f"（没有 {self.name}）"


_ASKED: list[tuple[object, str, object]] = []  # (cell, name, value) of answer() calls not yet checked


def answer(name: str):
    """The value of ``name`` in the notebook (the IPython user namespace, else the caller's globals);
    a placeholder when there is none, which the check then reports as a hint."""
    sh = session.shell()
    names = sh.user_ns if sh is not None else sys._getframe(1).f_globals
    value = names.get(name, _Missing(name)) if isinstance(name, str) else _Missing(str(name))
    _ASKED.append((_cell(sh), name, value))
    return value


def _cell(sh):
    return (id(sh), getattr(sh, "execution_count", None)) if sh is not None else None


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
        if value is None:
            self.fail(f"{name} 是 None（空值），还没有得到答案：多半是把 print(...) 或某个不返回结果的操作"
                      f"（如 .append、.sort）赋给了 {name}。请让 {name} = 后面是算出结果的代码，再运行那一格。")
        if _unanswered(value):
            self.fail(f"还没有作答（{name} 仍是 ...）。请在上面的单元格里把 {name} = ... 中的 ... 换成你的代码并运行它；"
                      "如果那个单元格报了错，先按错误信息改正，再运行本单元格。")

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


STALE = "本练习还没有得到新的答案：请先改正上面的错误并重新运行那一格，再运行本检查。"


def _asked_now() -> list[tuple[str, object]]:
    """The (name, value) pairs the running check cell passed through :func:`answer`."""
    here = _cell(session.shell())
    asked = [(name, value) for cell, name, value in _ASKED if cell == here]
    _ASKED.clear()
    return asked


def _failed(what: str, error, summary: str) -> str:
    """``what`` 运行出错，the stale-answer advice, then why (the coach's Chinese explanation of
    ``error`` when it has one, else the one-line ``summary``)."""
    from .coach import explain

    try:
        told = explain(error, getattr(error, "__traceback__", None))
    except Exception:  # an explanation is a courtesy; the summary will do
        told = None
    if told:
        return f"{what}运行出错，{STALE}出错的原因：{told}"
    return f"{what}运行出错（{summary}），{STALE}"


def _fresh(ex: Exercise) -> None:
    """Fail when the answer is missing or older than a failed cell (see the module docstring)."""
    sh = session.shell()
    asked = _asked_now()
    if sh is not None:
        session.watch(sh)
        for name, _ in asked:
            failed = session.failure(name, sh)
            if failed is not None:
                mark = f"（[{failed.count}]）" if failed.count else ""
                ex.fail(_failed(f"给出 {name} 的单元格{mark}", failed.exception, failed.error))
    for name, value in asked:
        if isinstance(value, _Missing):
            where = session.where_defined(name, sh) if sh is not None else None
            ex.fail(f"还没有 {name}。" + (where or f"请先运行上面含有“{name} = …”的单元格（如果重启过内核，"
                                                  "要从第一个单元格起依次运行），再运行本检查。"))
    if sh is not None:
        last = getattr(sh, "last_execution_result", None)
        error = session.error_of(last)
        source = getattr(getattr(last, "info", None), "raw_cell", "") or ""
        if error is not None and not session.is_hint(error) and (
                not asked or any(session.mentions(source, name) for name, _ in asked)):
            ex.fail(_failed("上一个单元格", error, session.one_line(error)))


@contextmanager
def exercise(number: str, *, later: str | None = None):
    """Run the checks of exercise ``number``; print ``✓`` when all of them pass. ``later`` names what
    the grading checks on top (hidden tests), announced with the ✓ so nothing is checked unannounced."""
    ex = Exercise(number)
    _fresh(ex)
    yield ex
    print(f"✓ 练习 {number} 通过" + (f"（批改时还会检查：{later}。）" if later else ""))
