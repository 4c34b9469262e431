"""Chinese prose uses full-width punctuation (GB/T 15834): no half-width , ; : ( ) next to a Chinese
character in the markdown of the lectures or in the messages of the checks, the feedback and the coach.

Code is not prose: inline code in backticks and fenced code in markdown, and in messages a call such as
``gk.load_codebook(路径)`` (a name directly followed by its bracketed arguments), keep Python's
punctuation."""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "exercises" / "source"
COURSE = ROOT / "governance_kit" / "course"
HALF = re.compile(r"(?<=[\u4e00-\u9fff])[,;:()]|[,;:()](?=[\u4e00-\u9fff])")
CODE_IN_MARKDOWN = re.compile(r"```.*?```|`[^`\n]*`", re.S)
CALL = re.compile(r"[A-Za-z_][\w.]*\((?:[^()]|\([^()]*\))*\)")

LECTURES = sorted(p.name for p in SOURCE.iterdir() if p.is_dir())
MODULES = sorted(p for p in (COURSE / "checks").glob("*.py")) + [COURSE / "feedback.py", COURSE / "coach.py",
                                                                COURSE / "session.py"]


def half_width(text: str) -> list[str]:
    """The half-width marks next to Chinese characters, each with a little context."""
    return [text[max(0, m.start() - 8):m.end() + 8] for m in HALF.finditer(text)]


def test_the_counter_sees_prose_and_skips_code():
    assert half_width("先运行,再检查") and half_width("见第 00 讲(导论)")
    assert not half_width(CODE_IN_MARKDOWN.sub(" ", "写成 `f(网格)` 即可"))
    assert not half_width(CALL.sub(" ", "再用 gk.load_codebook(路径) 读回"))


@pytest.mark.parametrize("lecture", LECTURES)
def test_markdown_of_the_lectures(lecture):
    notebook = json.loads((SOURCE / lecture / f"{lecture}.ipynb").read_text(encoding="utf-8"))
    found = []
    for number, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] == "markdown":
            text = "".join(cell["source"])
            found += [f"单元格 {number}：{s!r}" for s in half_width(CODE_IN_MARKDOWN.sub(" ", text))]
    assert not found, f"{lecture} 的说明文字里有 {len(found)} 处半角标点：{found[:10]}"


def _literals(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


@pytest.mark.parametrize("path", MODULES,
                         ids=lambda p: p.name)
def test_messages_of_the_checks_feedback_and_coach(path):
    found = [f"第 {line} 行：{s!r}" for line, text in _literals(path) for s in half_width(CALL.sub(" ", text))]
    assert not found, f"{path.name} 的文字里有 {len(found)} 处半角标点：{found[:10]}"
