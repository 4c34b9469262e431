"""Who handed what in: invented class folders (renamed files, group folders, a class zip, duplicates)
collected without and with a roster (GBK CSV, .xlsx). No notebook is run here."""
import json
import os
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from governance_kit.course.identity import name_in
from governance_kit.course.roster import Person, Roster, pinyin_available, read_roster
from governance_kit.course.submissions import collect
from governance_kit.errors import ReadError

EXPECTED = {"00_intro": {"ex00_1", "ex00_1_check"}, "06_grid": {"ex06_1", "ex06_1_check", "ex06_2_check"}}
KNOWN = set(EXPECTED) | {"intro", "grid"}


def notebook(lecture: str, answer: str = "", executed: str | None = None) -> str:
    number = lecture[:2]
    cells = [{"cell_type": "code", "source": answer, "metadata": {"nbgrader": {"grade_id": f"ex{number}_1", "solution": True}},
              "outputs": [], "execution_count": None},
             {"cell_type": "code", "source": "assert True", "outputs": [], "execution_count": None,
              "metadata": {"nbgrader": {"grade_id": f"ex{number}_1_check", "grade": True, "points": 1}}}]
    if executed:
        cells[0]["metadata"]["execution"] = {"iopub.status.idle": executed}
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, ensure_ascii=False)


def write(path, text, mtime=None):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if mtime:
        os.utime(path, (mtime, mtime))


def who(collected):
    return sorted((s.student, s.assignment) for s in collected.submissions)


@pytest.mark.parametrize("stem, name", [
    ("Hwang Li_00_intro", "Hwang Li"), ("林 峰_06_grid", "林 峰"), ("林_峰-06_grid", "林_峰"),
    ("张三-第6讲作业 (1)", "张三"), ("王五_06_grid-副本", "王五"), ("Alice_copy", "Alice"), ("𠮷田_06_grid（2）", "𠮷田"),
    ("06_grid (1)", ""), ("hw06_Hwang", "Hwang"), ("2024001_赵六_06_grid", "赵六"),
    ("Zoe\u0301 Chen_06_grid", "Zo\u00e9 Chen"),  # a decomposed (macOS) file name
    ("\uf900\u5c71_06_grid", "\uf900\u5c71"),  # a compatibility ideograph stays as written
])
def test_names_kept_as_written(stem, name):
    assert name_in(stem, KNOWN)[0] == name


def test_identity_cases_without_roster(tmp_path):
    write(tmp_path / "林 峰_06_grid.ipynb", notebook("06_grid"))
    write(tmp_path / "林_峰_06_grid.ipynb", notebook("06_grid"))
    write(tmp_path / "Hwang Li_00_intro.ipynb", notebook("00_intro"))
    write(tmp_path / "06_grid (1).ipynb", notebook("06_grid"))
    write(tmp_path / "第二组" / "钱七_06_grid.ipynb", notebook("06_grid"))     # a group folder: split
    write(tmp_path / "第二组" / "孙八-第6讲.ipynb", notebook("06_grid"))
    write(tmp_path / "周九" / "随便.ipynb", notebook("06_grid"))              # a trainee's folder
    write(tmp_path / "周九" / "00_intro.ipynb", notebook("00_intro"))
    found = collect(tmp_path, EXPECTED)
    assert who(found) == sorted([("林 峰", "06_grid"), ("林_峰", "06_grid"), ("Hwang Li", "00_intro"),
                                 ("钱七", "06_grid"), ("孙八", "06_grid"), ("周九", "06_grid"), ("周九", "00_intro")])
    reasons = {p.origin: p.reason for p in found.problems}
    assert "没有学员姓名" in reasons["06_grid (1).ipynb"]
    assert "钱七" in reasons["第二组"] and "孙八" in reasons["第二组"]
    assert len({s.key for s in found.submissions}) == 6  # one nbgrader id per trainee


def test_folder_and_file_naming_different_people_is_flagged(tmp_path):
    write(tmp_path / "下载" / "吴十_06_grid.ipynb", notebook("06_grid"))
    found = collect(tmp_path, EXPECTED)
    assert who(found) == [("下载", "06_grid")]
    assert [p.kind for p in found.problems] == ["匹配待确认"] and "吴十" in found.problems[0].reason


def test_class_zip_with_three_trainees(tmp_path):
    with zipfile.ZipFile(tmp_path / "三班第6讲.zip", "w") as archive:
        archive.writestr("张三_06_grid.ipynb", notebook("06_grid"))
        archive.writestr("李四/06_grid.ipynb", notebook("06_grid"))
        archive.writestr("王 五-第6讲作业.ipynb", notebook("06_grid"))
    found = collect(tmp_path, EXPECTED)
    assert who(found) == sorted([("张三", "06_grid"), ("李四", "06_grid"), ("王 五", "06_grid")])
    assert len(found.submissions) == 3


def test_duplicates_latest_by_the_notebooks_own_time(tmp_path):
    # the file saved later by the trainee was downloaded first (older on this disk)
    write(tmp_path / "张三_06_grid.ipynb", notebook("06_grid", "a = 2", "2026-03-02T10:00:00Z"), mtime=2_000_000_000)
    write(tmp_path / "张三_06_grid (1).ipynb", notebook("06_grid", "a = 1", "2026-03-01T10:00:00Z"), mtime=2_000_000_500)
    write(tmp_path / "李四_06_grid.ipynb", notebook("06_grid", "b = 1"), mtime=1_900_000_000)
    write(tmp_path / "李四_06_grid-副本.ipynb", notebook("06_grid", "b = 2"), mtime=1_900_000_900)
    found = collect(tmp_path, EXPECTED)
    used = {s.student: s for s in found.submissions}
    assert used["张三"].origin == "张三_06_grid.ipynb" and "notebook 内" in used["张三"].saved_basis
    assert used["李四"].origin == "李四_06_grid-副本.ipynb" and "文件修改时间" in used["李四"].saved_basis
    duplicates = [p for p in found.problems if p.kind == "重复提交"]
    assert sorted(p.origin for p in duplicates) == ["张三_06_grid (1).ipynb", "李四_06_grid.ipynb"]
    assert all("采用较新的" in p.reason for p in duplicates)


def test_zip_member_time_decides(tmp_path):
    for name, stamp in (("赵六.zip", (2026, 3, 5, 9, 0, 0)), ("赵六 (1).zip", (2026, 3, 1, 9, 0, 0))):
        with zipfile.ZipFile(tmp_path / name, "w") as archive:
            archive.writestr(zipfile.ZipInfo("作业/06_grid.ipynb", stamp), notebook("06_grid", name))
    found = collect(tmp_path, EXPECTED)
    assert [(s.student, s.origin) for s in found.submissions] == [("赵六", "赵六.zip/作业/06_grid.ipynb")]
    assert "压缩包" in found.submissions[0].saved_basis


ROSTER_ROWS = [("姓名", "学号", "班级"), ("林峰", "2024001", "一班"), ("林 峰", "2024002", "二班"),
               ("张三", "2024003", "一班"), ("欧阳娜娜", "2024004", "二班"), ("李四", "2024005", "二班")]


def test_roster_gbk_csv_matches_exact_id_and_guesses(tmp_path):
    roster_file = tmp_path / "名单.csv"
    roster_file.write_bytes("\n".join(",".join(r) for r in ROSTER_ROWS).encode("gbk"))
    roster = read_roster(roster_file)
    assert roster.people[1] == Person("林 峰", "2024002", "二班")
    subs = tmp_path / "subs"
    write(subs / "林 峰_06_grid.ipynb", notebook("06_grid"))         # exact: the 二班 one
    write(subs / "林_峰_06_grid.ipynb", notebook("06_grid", "x"))    # 林峰 or 林 峰? never decided silently
    write(subs / "2024003_06_grid.ipynb", notebook("06_grid"))       # 学号 only
    write(subs / "欧阳那娜_06_grid.ipynb", notebook("06_grid"))       # a typo: fuzzy guess
    write(subs / "陌生人_06_grid.ipynb", notebook("06_grid"))
    found = collect(subs, EXPECTED, roster)
    by_origin = {s.origin: s for s in found.submissions}
    assert (by_origin["林 峰_06_grid.ipynb"].student_id, by_origin["2024003_06_grid.ipynb"].student) == ("2024002", "张三")
    guesses = {g.origin: g for g in found.guesses}
    assert set(guesses) == {"欧阳那娜_06_grid.ipynb"}
    assert by_origin["林_峰_06_grid.ipynb"].student == "林_峰" and not by_origin["林_峰_06_grid.ipynb"].student_id
    # 那娜 and 娜娜 sound the same: a pinyin guess (a near spelling without pypinyin), never certain
    expected = "拼音一致" if pinyin_available() else "相近"
    assert guesses["欧阳那娜_06_grid.ipynb"].person.name == "欧阳娜娜" and expected in guesses["欧阳那娜_06_grid.ipynb"].how
    assert by_origin["陌生人_06_grid.ipynb"].student == "陌生人"
    assert sorted(p.origin for p in found.problems if p.kind == "名单外") == ["林_峰_06_grid.ipynb", "陌生人_06_grid.ipynb"]
    assert [p.name for p in found.missing["06_grid"]] == ["林峰", "李四"]


def test_roster_xlsx_with_header_variants(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["2026 年春季培训班名单"])
    sheet.append(["学员姓名", "编号", "小组"])
    sheet.append(["Hwang Li", 2024101, "第一组"])
    sheet.append(["𠮷田", 2024102, "第二组"])
    book.save(tmp_path / "roster.xlsx")
    roster = read_roster(tmp_path / "roster.xlsx")
    assert roster.people == [Person("Hwang Li", "2024101", "第一组"), Person("𠮷田", "2024102", "第二组")]
    write(tmp_path / "s" / "Hwang Li_00_intro.ipynb", notebook("00_intro"))
    found = collect(tmp_path / "s", EXPECTED, roster)
    assert [(s.student, s.student_id, s.group) for s in found.submissions] == [("Hwang Li", "2024101", "第一组")]
    assert not found.guesses
    assert [p.name for p in found.missing["00_intro"]] == ["𠮷田"]


def test_unique_near_spelling_is_a_guess_not_a_certainty():
    roster = Roster([Person("林峰", "1"), Person("张三", "2")])
    match = roster.match(["林_峰"], [])
    assert match.person.name == "林峰" and not match.certain
    assert roster.match(["张三"], []).certain and roster.match(["x"], ["2"]).how == "学号一致"


def test_a_name_in_pinyin_is_a_guess_and_a_shared_pinyin_is_no_guess():
    roster = Roster([Person("张三", "1"), Person("李四", "2")])
    match = roster.match(["Zhang San"], [])
    assert match.person.name == "张三" and not match.certain and match.how == "拼音一致"
    assert Roster([Person("张三", "1"), Person("章三", "2")]).match(["zhangsan"], []) is None


@pytest.mark.parametrize("content, words", [(b"\xff\xfe\xfa" * 5, "编码"), ("学号,班级\n1,2".encode(), "姓名")])
def test_bad_roster_is_a_chinese_error(tmp_path, content, words):
    path = tmp_path / "r.csv"
    path.write_bytes(content)
    with pytest.raises(ReadError, match=words):
        read_roster(path)


_NAME = st.text(st.characters(whitelist_categories=("Lo", "Lu", "Ll"), max_codepoint=0x2FFFF), min_size=1, max_size=4)


@settings(max_examples=60, deadline=None)
@given(first=_NAME, second=_NAME, sep=st.sampled_from([" ", "_", "·"]))
def test_names_with_spaces_and_rare_characters_round_trip(first, second, sep):
    name = f"{first}{sep}{second}"
    if name_in(name, set())[0] != name:  # only words the kit removes on purpose may differ
        assert any(w in name.lower() for w in ("hw", "copy", "final", "ver", "submit", "exercise", "作业", "练习",
                                               "副本", "提交", "定稿", "新版", "旧版", "修改", "最终", "lecture",
                                               "notebook", "homework", "assignment", "untitled", "ipynb", "v"))
    else:
        assert name_in(f"{name}_06_grid (1)", KNOWN)[0] == name
        assert Roster([Person(name)]).match([name], []).certain
