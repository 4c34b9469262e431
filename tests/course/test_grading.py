"""Grading a folder of 30 fake submissions with nbgrader, locally: misnamed, foldered and zipped
notebooks are collected, a corrupt one is reported and skipped, the per-question CSV is written
(UTF-8 with BOM) with each failed check's Chinese hint, and every trainee gets a feedback page."""
import csv
import json
import shutil
import zipfile

import pytest

from course_demo import build
from governance_kit.cli import main
from governance_kit.course.release import release


def _answered(notebook: dict, n: str, word: str) -> dict:
    notebook = json.loads(json.dumps(notebook))
    for cell in notebook["cells"]:
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
        if grade_id == "demo_1":
            cell["source"] = f"n = {n}"
        elif grade_id == "demo_2":
            cell["source"] = f"word = {word}"
    return notebook


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    source = tmp_path_factory.mktemp("source")
    build(source)
    trainee = json.loads(release(out=tmp_path_factory.mktemp("release"), source=source)[0].path.read_text(encoding="utf-8"))
    subs = tmp_path_factory.mktemp("submissions")
    expected = {}
    for i in range(25):  # well named, misnamed, and one folder per trainee
        name = f"t{i:02d}"
        right = i % 3 != 0
        notebook = _answered(trainee, "x + 3" if right else "x + 4", "'网格'")
        path = [subs / f"{name}_demo.ipynb", subs / f"{name}-第1讲作业 (1).ipynb", subs / name / "随便.ipynb"][i % 3]
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(notebook, ensure_ascii=False), encoding="utf-8")
        expected[name] = 3.0 if right else 2.0
    for i in range(25, 27):  # zipped by the trainee
        with zipfile.ZipFile(subs / f"t{i}.zip", "w") as archive:
            archive.writestr("作业/demo.ipynb", json.dumps(_answered(trainee, "5", "'网格'"), ensure_ascii=False))
        expected[f"t{i}"] = 3.0
    (subs / "t27_demo.ipynb").write_text(json.dumps(trainee, ensure_ascii=False), encoding="utf-8")  # untouched
    expected["t27"] = 0.0
    shutil.copyfile(source / "demo" / "demo.ipynb", subs / "t28.ipynb")  # the instructor's solution
    expected["t28"] = 3.0
    (subs / "t29_demo.ipynb").write_text('{"cells": [{"cell_type": "code", "sou', encoding="utf-8")  # corrupt
    before = {p: p.read_bytes() for p in subs.rglob("*") if p.is_file()}
    out = tmp_path_factory.mktemp("grades") / "grades.csv"
    code = main(["exercises", "grade", str(subs), "--out", str(out), "--source", str(source)])
    after = {p: p.read_bytes() for p in subs.rglob("*") if p.is_file()}
    return code, out, expected, before == after


def _rows(out):
    with out.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_grading_finishes_and_scores_every_trainee(graded):
    code, out, expected, _ = graded
    assert code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    totals = {}
    for row in _rows(out):
        if row["题目"]:
            totals[row["学员"]] = totals.get(row["学员"], 0.0) + float(row["得分"])
    assert totals == expected


def test_corrupt_file_reported_and_inputs_untouched(graded):
    _, out, _, unchanged = graded
    problems = [row for row in _rows(out) if not row["题目"]]
    assert [row["来源文件"] for row in problems] == ["t29_demo.ipynb"]
    assert "文件损坏" in problems[0]["状态"]
    assert unchanged


def test_wrong_and_unanswered_get_specific_hints(graded):
    _, out, _, _ = graded
    rows = {(row["学员"], row["题目"]): row for row in _rows(out)}
    assert "x 加 3 等于几" in rows[("t00", "demo_1_check")]["提示"]
    assert "你的结果:6" in rows[("t00", "demo_1_check")]["提示"].replace("：", ":")
    assert "还没有作答" in rows[("t27", "demo_2_check")]["提示"]
    assert rows[("t01", "demo_1_check")]["状态"] == "正确" and rows[("t01", "demo_1_check")]["提示"] == ""


def test_feedback_page_per_trainee(graded):
    _, out, expected, _ = graded
    pages = sorted(p.parent.name for p in (out.parent / "feedback").glob("*/demo.html"))
    assert pages == sorted(expected)
    assert "还没有作答" in (out.parent / "feedback" / "t27" / "demo.html").read_text(encoding="utf-8")


def test_grades_csv_neutralises_formulas(tmp_path):
    from governance_kit.course.grading import GradingResult, write_csv
    from governance_kit.course.submissions import Problem

    planted = '=HYPERLINK("http://example.invalid","点击")'
    result = GradingResult(rows=[{"学员": "@张三", "练习": "demo", "题目": "demo_1", "得分": 1.0, "满分": 1.0,
                                  "状态": "正确", "提示": planted, "来源文件": "-a.ipynb", "学号": "+01", "班级": "一班"}])
    result.problems.append(Problem(**{**_problem_fields(Problem), "student": "=1+1", "reason": "-无法读取"}))
    rows = _rows(write_csv(result, tmp_path / "grades.csv"))
    assert rows[0]["提示"] == "'" + planted and rows[0]["学员"] == "'@张三" and rows[0]["学号"] == "'+01"
    assert rows[0]["得分"] == "1.0" and rows[0]["班级"] == "一班"
    assert rows[1]["学员"] == "'=1+1" and rows[1]["状态"] == "'-无法读取"
    cells = [v for row in rows for v in row.values() if v]
    assert not any(v.startswith(("=", "+", "-", "@")) for v in cells)


def _problem_fields(cls) -> dict:
    import dataclasses

    return {f.name: "" for f in dataclasses.fields(cls)}
