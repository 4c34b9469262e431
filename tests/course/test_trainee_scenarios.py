"""A trainee's session, executed for real (nbclient, a fresh kernel): cells of the released lecture 04
with wrong answers put in. No English traceback for the error kinds the coach knows, and no stale ✓
after an answer cell failed."""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
LECTURE = ROOT / "notebooks" / "04_metrics.ipynb"


def _cells():
    notebook = nbformat.read(LECTURE, as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    setup = code[0]
    checks = {c.metadata["nbgrader"]["grade_id"]: c for c in code if c.metadata.get("nbgrader", {}).get("grade")}
    return setup, checks


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    from nbclient import NotebookClient

    setup, checks = _cells()
    check = checks["ex04_2_check"].source
    steps = [
        setup.source,
        "staff_per_grid = 2.0",                                    # an older (wrong) value
        'v = gk.extract_metrics(corpus["sheyang_2023"]).set_index("subject")["value"]\n'
        'staff_per_grid = float(v["网格长"] / (v["综合网格"] + v["专属网格"]))',  # KeyError
        check, check,                                              # the check, twice
        "staff_per_grid = float(v[\"网格长、网格员\"]，2)",             # full-width comma
        check,
        'staff_per_grid = float(v["网格长、网格员"] / (v["综合网格"] + v["专属网格"]))',
        check,                                                     # now right: ✓
        checks["ex04_3_check"].source,                             # comparison never given
    ]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in steps])
    folder = tmp_path_factory.mktemp("trainee")
    NotebookClient(notebook, timeout=600, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(folder)}}).execute()
    return notebook.cells


def _shown(cell) -> str:
    parts = []
    for out in cell.get("outputs", []):
        if out["output_type"] == "stream":
            parts.append(out["text"])
        elif out["output_type"] == "error":
            parts.append(re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(out["traceback"])))
    return "\n".join(parts)


def _error(cell):
    return next((o for o in cell.get("outputs", []) if o["output_type"] == "error"), None)


def test_errors_are_explained_in_chinese_without_a_traceback(session):
    for cell in session[2:]:
        error = _error(cell)
        if error is not None:
            text = _shown(cell)
            assert "Traceback" not in text and "---->" not in text and text.lstrip().startswith("✗"), text
    assert "“网格长”" in _shown(session[2]) and "网格长、网格员" in _shown(session[2])
    assert "中文标点“，”" in _shown(session[5])


def test_no_stale_tick_after_a_failed_answer(session):
    for index in (3, 4, 6):  # after the KeyError (twice) and after the syntax error
        assert "✓" not in _shown(session[index])
        assert "还没有得到新的答案" in _shown(session[index]), _shown(session[index])
    assert "✓ 练习 4.2 通过" in _shown(session[8])


def test_a_name_never_given_is_a_hint(session):
    text = _shown(session[9])
    assert "还没有 comparison" in text and "NameError" not in text, text
