"""The wide gradebook: one row per trainee, 练习 6.1 columns, totals per lecture and overall, whole
scores as integers, UTF-8-with-BOM CSV and .xlsx with formulas neutralised and the lists to check."""
import csv
import json
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from governance_kit.course import gradebook
from governance_kit.course.grading import GradingResult
from governance_kit.course.roster import Person, Roster
from governance_kit.course.submissions import Collected, Guess, Problem


def _row(name, lecture, question, score, student_id="", group=""):
    return {"学员": name, "练习": lecture, "题目": question, "得分": score, "满分": 1.0, "状态": "", "提示": "",
            "来源文件": f"{name}.ipynb", "学号": student_id, "班级": group}


@pytest.fixture()
def result():
    roster = Roster([Person("张三", "2024001", "一班"), Person("李 四", "2024002", "二班"), Person("王五", "2024003", "一班")])
    collected = Collected(roster=roster, missing={"06_grid": [Person("王五", "2024003", "一班")]},
                          guesses=[Guess("li_si.ipynb", "李_四", Person("李 四", "2024002", "二班"), "去掉空格、下划线后一致")])
    rows = [_row("张三", "06_grid", "ex06_1_check", 1.0, "2024001", "一班"), _row("张三", "06_grid", "ex06_2_check", 0.5, "2024001", "一班"),
            _row("张三", "00_intro", "ex00_1_check", 1.0, "2024001", "一班"),
            _row("李 四", "06_grid", "ex06_1_check", 0.0, "2024002", "二班"), _row("李 四", "06_grid", "ex06_2_check", 1.0, "2024002", "二班"),
            _row("=HYPERLINK(1)", "06_grid", "ex06_1_check", 1.0), _row("=HYPERLINK(1)", "06_grid", "ex06_2_check", 1.0)]
    problems = [Problem("x.ipynb", "文件损坏", kind="问题"), Problem("李四_06.ipynb", "重复提交，未采用", "李 四", "06_grid", "重复提交")]
    return GradingResult(rows=rows, problems=problems, collected=collected)


def test_columns_totals_and_integers(result):
    book = gradebook.build(result)
    assert book.header == ["姓名", "学号", "班级", "练习 0.1", "第 0 讲合计", "练习 6.1", "练习 6.2", "第 6 讲合计", "总分"]
    rows = {row[0]: row for row in book.rows}
    assert rows["张三"] == ["张三", "2024001", "一班", 1, 1, 1, 0.5, 1.5, 2.5]
    assert rows["李 四"] == ["李 四", "2024002", "二班", "", "", 0, 1, 1, 1]
    assert rows["王五"] == ["王五", "2024003", "一班", "", "", "", "", "", 0]   # on the roster, nothing handed in
    assert list(rows) == ["张三", "李 四", "王五", "=HYPERLINK(1)"]
    kinds = [check[0] for check in book.checks]
    assert kinds == ["匹配待确认", "未提交", "问题", "重复提交"]


def test_csv_is_utf8_bom_and_neutralises_formulas(result, tmp_path):
    book = gradebook.build(result)
    path = gradebook.write_csv(book, tmp_path / "成绩表.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][3] == "练习 0.1" and rows[1][-1] == "2.5" and rows[2][5] == "0"
    assert rows[-1][0] == "'=HYPERLINK(1)"
    checks = gradebook.write_checks_csv(book, tmp_path / "核对清单.csv").read_text(encoding="utf-8-sig")
    assert "匹配待确认" in checks and "李_四" in checks and "未提交" in checks


def test_xlsx_sheets(result, tmp_path):
    import openpyxl

    path = gradebook.write_xlsx(gradebook.build(result), tmp_path / "成绩表.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["成绩表", "匹配待确认", "未提交", "其他问题"]
    sheet = book["成绩表"]
    assert [c.value for c in sheet[1]][-1] == "总分"
    assert [c.value for c in sheet[2]] == ["张三", "2024001", "一班", 1, 1, 1, 0.5, 1.5, 2.5]
    assert sheet.cell(5, 1).value == "'=HYPERLINK(1)" and sheet.cell(5, 1).data_type == "s"
    assert book["未提交"].cell(2, 3).value == "王五"
    assert book["其他问题"].max_row == 3


@pytest.mark.parametrize("grade_id, label", [("ex06_1_check", "练习 6.1"), ("ex10_12_check", "练习 10.12"), ("demo_1_check", "demo_1_check")])
def test_question_labels(grade_id, label):
    assert gradebook.question_label(grade_id) == label


@given(st.text(min_size=1, max_size=20))
def test_no_text_starts_a_formula(text):
    safe = gradebook.safe_text(text)
    assert not safe.startswith(("=", "+", "-", "@")) and safe.endswith(text)


def _answered(notebook, n):
    notebook = json.loads(json.dumps(notebook))
    for cell in notebook["cells"]:
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
        if grade_id == "demo_1":
            cell["source"] = f"n = {n}"
        elif grade_id == "demo_2":
            cell["source"] = "word = '网格'"
    return notebook


def test_cli_with_roster_grades_a_class_zip(tmp_path):
    """End to end (nbgrader runs): a class zip with three trainees and an xlsx roster."""
    import openpyxl

    from course_demo import build
    from governance_kit.cli import main
    from governance_kit.course.release import release

    source = tmp_path / "source"
    build(source)
    trainee = json.loads(release(out=tmp_path / "release", source=source)[0].path.read_text(encoding="utf-8"))
    subs = tmp_path / "subs"
    subs.mkdir()
    with zipfile.ZipFile(subs / "一班.zip", "w") as archive:
        archive.writestr("张三_demo.ipynb", json.dumps(_answered(trainee, "x + 3"), ensure_ascii=False))
        archive.writestr("李 四-demo.ipynb", json.dumps(_answered(trainee, "x + 4"), ensure_ascii=False))
        archive.writestr("Hwang Li_demo (1).ipynb", json.dumps(_answered(trainee, "x + 3"), ensure_ascii=False))
    roster = openpyxl.Workbook()
    for row in (["姓名", "学号", "组"], ["张三", "001", "甲组"], ["李 四", "002", "乙组"], ["Hwang Li", "003", "甲组"], ["缺席者", "004", "乙组"]):
        roster.active.append(row)
    roster.save(tmp_path / "名单.xlsx")
    out = tmp_path / "成绩" / "grades.csv"
    code = main(["exercises", "grade", str(subs), "--out", str(out), "--source", str(source), "--roster", str(tmp_path / "名单.xlsx")])
    assert code == 0
    with (out.parent / "成绩表.csv").open(encoding="utf-8-sig", newline="") as handle:
        table = {row["姓名"]: row for row in csv.DictReader(handle)}
    assert set(table) == {"张三", "李 四", "Hwang Li", "缺席者"}
    assert (table["张三"]["学号"], table["张三"]["总分"], table["李 四"]["总分"], table["缺席者"]["总分"]) == ("001", "3", "2", "0")
    assert (out.parent / "成绩表.xlsx").exists() and (out.parent / "feedback" / "李 四_002" / "demo.html").exists()
    assert "缺席者" in (out.parent / "核对清单.csv").read_text(encoding="utf-8-sig")
