"""nbgrader's round trip on the real lectures: every solution notebook grades 100 %, every untouched
trainee notebook grades 0, and each unanswered check says so in Chinese (not a bare AssertionError)."""
import shutil

import pytest

from governance_kit.course.coursedir import SOURCE, source_assignments
from governance_kit.course.grading import grade

NOTEBOOKS = SOURCE.parents[1] / "notebooks"


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    submissions = tmp_path_factory.mktemp("submissions")
    for assignment in source_assignments():
        for trainee, folder in (("solution", SOURCE / assignment), ("untouched", NOTEBOOKS)):
            (submissions / trainee).mkdir(exist_ok=True)
            shutil.copyfile(folder / f"{assignment}.ipynb", submissions / trainee / f"{assignment}.ipynb")
    return grade(submissions, feedback_dir=tmp_path_factory.mktemp("feedback"))


def test_solutions_full_marks_untouched_zero(result):
    totals = result.totals()
    assert not result.problems, result.problems
    for assignment in source_assignments():
        score, most = totals[("solution", assignment)]
        assert most >= 3 and score == most, (assignment, score, most)
        assert totals[("untouched", assignment)][0] == 0, assignment


def test_every_unanswered_check_gives_a_chinese_hint(result):
    untouched = [row for row in result.rows if row["学员"] == "untouched"]
    assert len(untouched) >= 30
    for row in untouched:
        assert row["提示"].startswith("Hint: 练习") and "还没有作答" in row["提示"], row
