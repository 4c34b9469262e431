"""A two-exercise demo course (built in a temp folder) for testing release and grading quickly."""
from __future__ import annotations

from governance_kit.course.authoring import answer, check, code, markdown, write_notebook

SOLUTION_LINES = ("n = x + 3", "word = '网格'")
HIDDEN_LINE = "assert isinstance(n, int)"


def build(root) -> None:
    cells = [
        markdown("# 演示练习"), code("x = 2"),
        answer("demo_1", "n = ...\n### BEGIN SOLUTION\nn = x + 3\n### END SOLUTION"),
        check("demo_1_check", 'from governance_kit.course.feedback import exercise\nwith exercise("1.1") as ex:\n'
              '    ex.answered(n, "n")\n    ex.equal(n, 5, "x 加 3 等于几?")', hidden=HIDDEN_LINE),
        answer("demo_2", "word = ...\n### BEGIN SOLUTION\nword = '网格'\n### END SOLUTION"),
        check("demo_2_check", 'from governance_kit.course.feedback import exercise\nwith exercise("1.2") as ex:\n'
              '    ex.answered(word, "word")\n    ex.equal(word, "网格", "写“网格”两个字")', points=2),
        markdown("## 小结"),
    ]
    write_notebook(cells, root / "demo" / "demo.ipynb")
