"""The course as shipped: nine lecture sources in nbgrader format, at least 30 auto-checked
exercises, trainee notebooks in notebooks/ that are exactly nbgrader's release of the sources, and no
solution or hidden-test text in any of them. (Executing them is nbval's job: `make test-notebooks`.)"""
import re
from pathlib import Path

import nbformat
import pytest

from governance_kit.course.coursedir import SOURCE, source_assignments
from governance_kit.course.release import CHECK_TAG, release

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
LECTURES = ["00_intro", "01_cleaning", "02_tokens", "03_coding", "04_metrics", "05_comparison",
            "06_grid", "07_deliberation", "08_capstone"]
HEADER = ("学习目标", "预计用时", "先修", "用到的数据")


def _source(assignment):
    return nbformat.read(SOURCE / assignment / f"{assignment}.ipynb", as_version=4)


def _between(text: str, begin: str, end: str) -> list[str]:
    return [line.strip() for block in re.findall(rf"{begin}\n(.*?)\n?[ \t]*{end}", text, re.S)
            for line in block.splitlines()]


def test_nine_lectures_with_headers_and_summary():
    assert source_assignments() == LECTURES
    for assignment in LECTURES:
        text = "\n".join(c.source for c in _source(assignment).cells if c.cell_type == "markdown")
        missing = [word for word in HEADER + ("小结",) if word not in text]
        assert not missing, f"{assignment} 缺少:{missing}"


def test_at_least_30_checked_exercises_each_with_answer_and_check():
    total = 0
    for assignment in LECTURES:
        cells = _source(assignment).cells
        answers = [c for c in cells if c.metadata.get("nbgrader", {}).get("solution")]
        checks = [c for c in cells if c.metadata.get("nbgrader", {}).get("grade")]
        assert len(checks) >= 3, assignment
        assert len(answers) >= len(checks), assignment
        assert all("### BEGIN SOLUTION" in c.source for c in answers if c.cell_type == "code")
        total += len(checks)
    assert total >= 30


def test_no_pip_or_network_cells():
    for assignment in LECTURES:
        for cell in _source(assignment).cells:
            if cell.cell_type == "code":
                assert not re.search(r"^\s*[%!]\s*pip|pip install|urlopen|requests\.get", cell.source, re.M), assignment


@pytest.fixture(scope="module")
def fresh_release(tmp_path_factory):
    out = tmp_path_factory.mktemp("release")
    release(out=out)
    return out


def test_notebooks_folder_is_the_current_release(fresh_release):
    stale = [a for a in LECTURES if (NOTEBOOKS / f"{a}.ipynb").read_text(encoding="utf-8")
             != (fresh_release / f"{a}.ipynb").read_text(encoding="utf-8")]
    assert not stale, f"notebooks/ 与 exercises/source 不一致:{stale};请运行 govkit exercises release --out notebooks --force"
    assert sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb")) == LECTURES


def test_no_solution_or_hidden_text_in_trainee_notebooks():
    for assignment in LECTURES:
        source = "\n".join(c.source for c in _source(assignment).cells)
        secret = [line for line in _between(source, "### BEGIN SOLUTION", "### END SOLUTION")
                  + _between(source, "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")
                  if line and not line.startswith("#") and len(line) > 3]
        assert secret, assignment
        released = (NOTEBOOKS / f"{assignment}.ipynb").read_text(encoding="utf-8")
        trainee_code = "\n".join(c.source for c in nbformat.reads(released, as_version=4).cells)
        leaked = [line for line in secret if line in trainee_code.splitlines() or line in released]
        assert not leaked, f"{assignment} 学员版含有答案:{leaked[:3]}"
        assert "BEGIN SOLUTION" not in released and "HIDDEN TESTS" not in released


def test_check_cells_of_trainee_notebooks_may_fail_but_nothing_else():
    for assignment in LECTURES:
        for cell in nbformat.read(NOTEBOOKS / f"{assignment}.ipynb", as_version=4).cells:
            tagged = CHECK_TAG in cell.metadata.get("tags", [])
            assert tagged == bool(cell.metadata.get("nbgrader", {}).get("grade")), assignment
