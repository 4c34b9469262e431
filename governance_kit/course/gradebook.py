"""The wide gradebook an instructor files: one row per trainee (姓名, 学号, 班级), a column per question
named as the trainee saw it (``练习 6.1``), a total per lecture and overall, whole scores as integers.

Written as UTF-8-with-BOM CSV (Excel on a Chinese Windows opens it as is) and as .xlsx with the lists
to check beside it (匹配待确认, 未提交, 重复提交 and other problems). Text that a spreadsheet would run as
a formula (starting with = + - @) is neutralised with a leading apostrophe.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..export.spreadsheet import neutralise

ID_COLUMNS = ["姓名", "学号", "班级"]
CHECK_COLUMNS = ["类别", "讲次", "姓名", "学号", "说明", "来源文件"]


def question_label(grade_id: str) -> str:
    """``ex06_1_check`` → ``练习 6.1``; other ids are kept as they are."""
    found = re.fullmatch(r"ex0*(\d+)_0*(\d+)(?:_\w+)?", grade_id)
    return f"练习 {found.group(1)}.{found.group(2)}" if found else grade_id


def lecture_label(assignment: str) -> str:
    """``06_grid`` → ``第 6 讲``."""
    found = re.match(r"0*(\d+)", assignment)
    return f"第 {found.group(1)} 讲" if found else assignment


def number(value):
    """1.0 → 1, 0.5 → 0.5, None → ""."""
    if value is None or value == "":
        return ""
    value = float(value)
    return int(value) if value.is_integer() else round(value, 2)


def safe_text(value):
    """A string a spreadsheet shows as text, never runs as a formula."""
    return neutralise(value)


@dataclass
class Gradebook:
    header: list[str]
    rows: list[list] = field(default_factory=list)
    checks: list[list] = field(default_factory=list)   # rows of CHECK_COLUMNS


def build(result) -> Gradebook:
    """The wide table of a :class:`.grading.GradingResult` (its rows, roster and lists to check)."""
    collected = result.collected
    questions: dict[str, list[str]] = {}
    for row in result.rows:
        if row["题目"] and row["题目"] not in questions.setdefault(row["练习"], []):
            questions[row["练习"]].append(row["题目"])
    lectures = sorted(questions)
    header = list(ID_COLUMNS)
    for lecture in lectures:
        header += [question_label(q) for q in questions[lecture]] + [f"{lecture_label(lecture)}合计"]
    header.append("总分")
    people: dict[tuple[str, str], dict] = {}
    if collected is not None and collected.roster is not None:
        for person in collected.roster.people:
            people.setdefault((person.name, person.student_id), {"班级": person.group, "scores": {}})
    for row in result.rows:
        if not row["题目"]:
            continue
        entry = people.setdefault((row["学员"], row.get("学号", "")), {"班级": row.get("班级", ""), "scores": {}})
        entry["scores"][(row["练习"], row["题目"])] = row["得分"]
    book = Gradebook(header)
    for (name, student_id), entry in people.items():
        line = [name, student_id, entry["班级"]]
        overall = 0.0
        for lecture in lectures:
            got = [entry["scores"].get((lecture, q)) for q in questions[lecture]]
            handed = any(score is not None for score in got)
            total = sum(score or 0.0 for score in got)
            overall += total
            line += [number(score) for score in got] + [number(total) if handed else ""]
        line.append(number(overall))
        book.rows.append(line)
    book.checks = _checks(result)
    return book


def _checks(result) -> list[list]:
    collected = result.collected
    out = []
    if collected is not None:
        for guess in collected.guesses:
            out.append(["匹配待确认", "", guess.person.name, guess.person.student_id,
                        f"文件中写的是“{guess.written}”，{guess.how}，请确认是否为同一人", guess.origin])
        for lecture, people in sorted(collected.missing.items()):
            for person in people:
                out.append(["未提交", lecture_label(lecture), person.name, person.student_id, "没有找到这一讲的作业", ""])
    for problem in result.problems:
        out.append([problem.kind, lecture_label(problem.assignment) if problem.assignment else "",
                    problem.student, "", problem.reason, problem.origin])
    return out


def write_csv(book: Gradebook, path) -> Path:
    return _write_table(path, book.header, book.rows)


def write_checks_csv(book: Gradebook, path) -> Path:
    return _write_table(path, CHECK_COLUMNS, book.checks)


def _write_table(path, header, rows) -> Path:
    """A UTF-8-with-BOM CSV of ``header`` and ``rows``, every cell neutralised against formulas."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows([safe_text(v) for v in row] for row in rows)
    return path


def write_xlsx(book: Gradebook, path) -> Path:
    """成绩表 on the first sheet, then 匹配待确认, 未提交 and 其他问题 (each with a header even when empty)."""
    import openpyxl
    from openpyxl.styles import Font

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = openpyxl.Workbook()
    sheets = [("成绩表", book.header, book.rows)]
    for title, kinds in (("匹配待确认", {"匹配待确认"}), ("未提交", {"未提交"})):
        sheets.append((title, CHECK_COLUMNS, [r for r in book.checks if r[0] in kinds]))
    sheets.append(("其他问题", CHECK_COLUMNS, [r for r in book.checks if r[0] not in ("匹配待确认", "未提交")]))
    for i, (title, header, rows) in enumerate(sheets):
        sheet = workbook.active if i == 0 else workbook.create_sheet()
        sheet.title = title
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([safe_text(v) for v in row])
        if i == 0:
            for cell in sheet["B"]:
                cell.number_format = "@"  # 学号 stays text (no 2.02E+09)
        sheet.freeze_panes = "B2" if i == 0 else "A2"
    workbook.save(path)
    return path
