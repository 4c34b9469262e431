"""The 村情填报表: written in Chinese with data validation, read back into lecture 08's structures, and
every problem of an untrusted workbook reported by sheet, row and column — never a crash, never a
silently dropped row, never an overwritten or modified file, never an evaluated formula."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from governance_kit.design import community_form as cf
from governance_kit.design import form_cells
from governance_kit.design.deliberation import Group
from governance_kit.design.teaching import teaching_case

UNIT_HEADER = [c[0] for c in cf.UNIT_COLUMNS]
GROUP_HEADER = [c[0] for c in cf.GROUP_COLUMNS]


def _workbook(units=(), groups=(), basics=None, *, sheets=(cf.SHEET_BASICS, cf.SHEET_UNITS, cf.SHEET_GROUPS)):
    """A form as a trainee might leave it (invented village 东湖村): rows given as lists."""
    wb = Workbook()
    wb.remove(wb.active)
    if cf.SHEET_BASICS in sheets:
        ws = wb.create_sheet(cf.SHEET_BASICS)
        ws.append(["项目", "填写", "说明"])
        for label, value in (basics if basics is not None else {"名称": "东湖村", "类型": "村", "数据来源": "村委会台账"}).items():
            ws.append([label, value])
    if cf.SHEET_UNITS in sheets:
        ws = wb.create_sheet(cf.SHEET_UNITS)
        ws.append(UNIT_HEADER)
        for row in units:
            ws.append(list(row))
    if cf.SHEET_GROUPS in sheets:
        ws = wb.create_sheet(cf.SHEET_GROUPS)
        ws.append(GROUP_HEADER)
        for row in groups:
            ws.append(list(row))
    return wb


UNITS = [["东庄", 120, "否"], ["西庄", 150, None], ["村办砖厂", None, "是"]]
GROUPS = [["常住代表", 50, 85, "会议记录", 65, "走访", 40, 30], ["外出代表", 11, 30, "春节才回村", 60, "电话征求意见"]]


def _saved(tmp_path, wb, name="东湖村.xlsx") -> Path:
    path = tmp_path / name
    wb.save(path)
    return path


def _problems(form):
    return [(p.sheet, p.row, p.column) for p in form.problems]


# --- writing -------------------------------------------------------------------------------------------

def test_blank_form_sheets_columns_and_validation(tmp_path):
    path = cf.write_form(folder=tmp_path)
    assert path.name.startswith("村情填报表_") and path.suffix == ".xlsx"
    wb = load_workbook(path)
    assert wb.sheetnames == ["填写说明", "基本情况", "楼栋或自然村", "人群"]
    assert [c.value for c in wb["楼栋或自然村"][1]] == ["楼栋或自然村", "户数", "专属单位（是/否）", "备注"]
    assert [c.value for c in wb["人群"][1]][:6] == ["人群名称", "人数", "出席率估计（%）", "出席率依据", "支持率估计（%）", "支持率依据"]
    help_text = "\n".join(str(r[0].value) for r in wb["填写说明"].iter_rows() if r[0].value)
    assert "示例" in help_text and "跳过" in help_text and "依据" in help_text
    rules = {(v.type, v.operator, v.formula1, v.formula2, str(v.sqref)) for ws in wb for v in ws.data_validations.dataValidation}
    assert ("whole", "greaterThanOrEqual", "0", None, f"B2:B{cf.MAX_ROWS + 1}") in rules          # 户数 ≥ 0
    assert ("list", None, '"是,否"', None, f"C2:C{cf.MAX_ROWS + 1}") in rules                       # 专属单位
    assert ("decimal", "between", "0", "100", f"C2:C{cf.MAX_ROWS + 1}") in rules                    # 出席率 0–100
    assert ("list", None, '"村,社区"', None, "B3") in rules
    assert all(v.error and v.prompt for ws in wb for v in ws.data_validations.dataValidation)
    examples = [r[0] for r in wb["楼栋或自然村"].iter_rows(min_row=2) if r[0].value]
    assert examples and all(c.value.startswith("示例") and c.font.italic for c in examples)


def test_blank_form_reads_back_as_examples_skipped(tmp_path):
    form = cf.read_form(cf.write_form(folder=tmp_path))
    assert form.examples_skipped == 4 and not form.units and not form.groups
    assert {p.message.split("：")[0] for p in form.problems} >= {"没有填写村（社区）的名称", "没有填写类型",
                                                                  "没有填写任何楼栋或自然村（示例行不计）"}


def test_teaching_form_round_trip_is_marked_invented(tmp_path):
    case = teaching_case("rural")
    path = cf.write_form(folder=tmp_path, teaching="rural")
    assert "虚构" in path.name
    assert "虚构" in load_workbook(path)["填写说明"]["A1"].value
    form = cf.read_form(path)
    assert form.ok, form.problems
    assert form.invented and form.name == case.name and form.kind == "村"
    assert form.units == case.units and form.special_units == case.special_units and form.adults == case.adults
    assert form.groups == [Group("常住的村民代表", 60, 0.85, 0.65, 0.45, 0.4), Group("外出务工的村民代表", 12, 0.3, 0.6, 0.2, 0.0)]
    assert all(b["出席率"] and b["支持率"] for b in form.bases.values())
    context = form.context()
    assert (context.kind, context.households, context.representatives) == ("村", case.households, 72)
    assert list(form.bases_frame().columns) == ["人群", "人数", "出席率估计", "出席率依据", "支持率估计", "支持率依据"]
    assert form.problems_frame().empty and "虚构" in repr(form)


def test_never_overwrites(tmp_path):
    first = cf.write_form(folder=tmp_path)
    second = cf.write_form(folder=tmp_path)
    assert first != second and first.exists() and second.exists()
    before = first.read_bytes()
    with pytest.raises(FileExistsError, match="已经存在"):
        cf.write_form(first)
    assert first.read_bytes() == before
    stamp = dt.datetime(2025, 3, 1, 9, 30)
    (tmp_path / "村情填报表_20250301-0930.xlsx").write_bytes(b"x")
    assert cf.form_path(tmp_path, now=stamp).name == "村情填报表_20250301-0930_2.xlsx"


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_libreoffice_opens_the_form(tmp_path):
    path = cf.write_form(folder=tmp_path, teaching="rural")
    subprocess.run(["soffice", "--headless", "--convert-to", "csv", "--outdir", str(tmp_path), str(path)],
                   check=True, timeout=120, capture_output=True)
    assert list(tmp_path.glob("*.csv"))


# --- reading a trainee's workbook ------------------------------------------------------------------------

def test_a_good_form_and_the_read_is_read_only(tmp_path):
    path = _saved(tmp_path, _workbook(UNITS, GROUPS))
    before, mtime = path.read_bytes(), path.stat().st_mtime_ns
    form = cf.read_form(path)
    assert form.ok, form.problems
    assert form.units == [("东庄", 120), ("西庄", 150)] and form.special_units == ["村办砖厂"]
    assert form.groups[0] == Group("常住代表", 50, 0.85, 0.65, 0.4, 0.3)
    assert form.groups[1].women == Group("x", 1, 0, 0).women          # optional shares: Group's defaults
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime
    assert not form.invented


@pytest.mark.parametrize("units, groups, where, phrase", [
    ([["东庄", None, "否"]], GROUPS, ("楼栋或自然村", 2, "户数"), "必填，却是空的"),
    ([[None, 120, "否"], ["西庄", 10]], GROUPS, ("楼栋或自然村", 2, "楼栋或自然村"), "必填，却是空的"),
    ([["东庄", "一百二十"]], GROUPS, ("楼栋或自然村", 2, "户数"), "是文字“一百二十”，不是数"),
    ([["东庄", -5]], GROUPS, ("楼栋或自然村", 2, "户数"), "不能小于 0"),
    ([["东庄", "-5"]], GROUPS, ("楼栋或自然村", 2, "户数"), "不能小于 0"),
    ([["东庄", 12.5]], GROUPS, ("楼栋或自然村", 2, "户数"), "应是整数"),
    ([["东庄", 10], ["西庄", 20], ["东庄", 30]], GROUPS, ("楼栋或自然村", 4, "楼栋或自然村"), "与第 2 行重名"),
    ([["东庄", 10, "可能"]], GROUPS, ("楼栋或自然村", 2, "专属单位（是/否）"), "只能填“是”或“否”"),
    ([["东庄", dt.datetime(2025, 1, 2)]], GROUPS, ("楼栋或自然村", 2, "户数"), "是日期"),
    (UNITS, [["常住代表", 50, 85, None, 65, "走访"]], ("人群", 2, "出席率依据"), "必填，却是空的"),
    (UNITS, [["常住代表", 50, 85, "会议记录", 65, "  "]], ("人群", 2, "支持率依据"), "必填，却是空的"),
    (UNITS, [["常住代表", 50, 120, "会议记录", 65, "走访"]], ("人群", 2, "出席率估计（%）"), "不能超过 100"),
    (UNITS, [["常住代表", 50, 0.85, "会议记录", 65, "走访"]], ("人群", 2, "出席率估计（%）"), "85% 请填 85"),
    (UNITS, [["常住代表", 50, 85, "会议记录", -1, "走访"]], ("人群", 2, "支持率估计（%）"), "不能小于 0"),
    (UNITS, [["常住代表", 50, 85, "会议记录", 65, "走访"], ["常住代表", 5, 85, "记录", 65, "走访"]],
     ("人群", 3, "人群名称"), "与第 2 行重名"),
    (UNITS, [["常住代表", None, 85, "会议记录", 65, "走访"]], ("人群", 2, "人数"), "必填，却是空的"),
])
def test_each_problem_names_sheet_row_and_column(tmp_path, units, groups, where, phrase):
    form = cf.read_form(_saved(tmp_path, _workbook(units, groups)))
    hits = [p for p in form.problems if (p.sheet, p.row, p.column) == where]
    assert hits and phrase in hits[0].message, form.problems
    assert str(hits[0]).startswith(f"工作表“{where[0]}”第 {where[1]} 行“{where[2]}”列：")
    frame = form.problems_frame()
    assert list(frame.columns) == ["工作表", "行", "列", "问题"] and where[1] in frame["行"].dropna().tolist()


def test_a_bad_row_is_left_out_and_the_others_kept(tmp_path):
    form = cf.read_form(_saved(tmp_path, _workbook([["东庄", 120], ["西庄", -3], ["南湾", 90]], GROUPS)))
    assert form.units == [("东庄", 120), ("南湾", 90)]
    assert _problems(form) == [("楼栋或自然村", 3, "户数")]


def test_formulas_are_text_never_evaluated(tmp_path):
    wb = _workbook([["东庄", "=100+20"], ["=HYPERLINK(\"http://x\")", 10], ["南湾", 90, "否", "=1+1"], ["西庄", "@SUM(B2)"]],
                   [["常住代表", 50, "=50+35", "+会议记录", 65, "走访"], ["外出代表", 11, 30, "-春节回村", 60, "=A1"]])
    form = cf.read_form(_saved(tmp_path, wb))
    assert form.units == [("南湾", 90)]
    messages = {(p.row, p.column): p.message for p in form.problems}
    assert "不会当作公式计算" in messages[(2, "户数")] and "不会当作公式计算" in messages[(5, "户数")]
    assert "像公式" in messages[(3, "楼栋或自然村")]
    assert "不会当作公式计算" in messages[(2, "出席率估计（%）")]
    assert form.bases["外出代表"] == {"出席率": "-春节回村", "支持率": "=A1"}          # free text stays text


def test_percent_formats_and_numbers_typed_as_text(tmp_path):
    wb = _workbook([["东庄", " 120 "], ["西庄", "１５０"]], [["常住代表", "50", "85%", "记录", 0.65, "走访"]])
    wb["人群"]["E2"].number_format = "0%"
    form = cf.read_form(_saved(tmp_path, wb))
    assert form.ok, form.problems
    assert form.units == [("东庄", 120), ("西庄", 150)]
    assert (form.groups[0].attend, form.groups[0].support) == (0.85, 0.65)


def test_header_below_a_title_row_and_extra_columns(tmp_path):
    wb = _workbook(UNITS, GROUPS)
    wb["楼栋或自然村"].insert_rows(1)
    wb["楼栋或自然村"]["A1"] = "东湖村各自然村户数"
    wb["人群"]["K1"] = "我自己加的列"
    form = cf.read_form(_saved(tmp_path, wb))
    assert form.ok, form.problems
    assert form.units == [("东庄", 120), ("西庄", 150)]


def test_basics_problems(tmp_path):
    wb = _workbook(UNITS, GROUPS, basics={"名称": None, "类型": "乡", "十八周岁以上人数": "很多", "人口": 3})
    form = cf.read_form(_saved(tmp_path, wb))
    assert {(p.row, p.column) for p in form.problems} == {(2, "填写"), (3, "填写"), (4, "填写"), (5, "项目")}
    with pytest.raises(ValueError, match="没有填写类型"):
        form.context()


def test_wrong_sheet_names(tmp_path):
    wb = _workbook(UNITS, GROUPS)
    wb["人群"].title = "Sheet3"
    form = cf.read_form(_saved(tmp_path, wb))
    assert [str(p) for p in form.problems] == ["工作表“人群”：缺少工作表“人群”；现有的工作表：基本情况、楼栋或自然村、Sheet3。"
                                                "请用 write_form() 生成的表填写，不要改工作表的名字"]
    assert form.units                                       # the other sheets are still read
    wb = _workbook(UNITS, GROUPS)
    wb["楼栋或自然村"].delete_rows(1)
    assert ("楼栋或自然村", 1, "") in _problems(cf.read_form(_saved(tmp_path, wb, "无表头.xlsx")))


def test_merged_cells_leave_an_empty_required_cell(tmp_path):
    wb = _workbook([["东庄", 120], ["西庄", 120]], GROUPS)
    wb["楼栋或自然村"].merge_cells("B2:B3")
    form = cf.read_form(_saved(tmp_path, wb))
    assert _problems(form) == [("楼栋或自然村", 3, "户数")] and "合并单元格" in form.problems[0].message


def test_huge_row_counts_are_capped_and_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(cf, "MAX_ROWS", 50)
    form = cf.read_form(_saved(tmp_path, _workbook([[f"{i}号楼", 10] for i in range(200)], GROUPS)))
    assert len(form.units) == 50
    assert _problems(form) == [("楼栋或自然村", 52, "")] and "超过 50 行" in form.problems[0].message


def test_a_sheet_reaching_row_a_million_is_not_walked_but_reported(tmp_path):
    import time

    wb = _workbook(UNITS, GROUPS)
    wb["楼栋或自然村"]["A1048000"] = "远处的一格"
    path = _saved(tmp_path, wb)
    start = time.perf_counter()
    form = cf.read_form(path)
    assert time.perf_counter() - start < 5
    assert form.units == [("东庄", 120), ("西庄", 150)]
    assert _problems(form) == [("楼栋或自然村", cf.MAX_ROWS + 2, "")] and "一直到第 1048000 行" in form.problems[0].message


# --- files that are not a form ---------------------------------------------------------------------------

@pytest.mark.parametrize("name, content, phrase", [
    ("东湖村.csv", "楼栋或自然村,户数\n东庄,120\n".encode(), "另存为"),
    ("东湖村.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 100, "另存为"),
    ("东湖村.docx", b"PK\x03\x04", "文件名应以 .xlsx 结尾"),
    ("东湖村.xlsx", b"", "空文件"),
    ("东湖村.xlsx", "楼栋或自然村,户数".encode(), "不是有效的 .xlsx"),
    ("东湖村.xlsx", b"\xd0\xcf\x11\xe0" + b"\0" * 100, "打开密码"),
    ("~$东湖村.xlsx", b"lock", "临时锁定文件"),
])
def test_not_a_workbook(tmp_path, name, content, phrase):
    path = tmp_path / name
    path.write_bytes(content)
    form = cf.read_form(path)
    assert len(form.problems) == 1 and form.problems[0].sheet == "" and phrase in form.problems[0].message
    assert str(form.problems[0]).startswith("文件：")


def test_missing_file(tmp_path):
    assert "找不到文件" in cf.read_form(tmp_path / "没有这个文件.xlsx").problems[0].message


def test_corrupt_zip_and_broken_parts(tmp_path):
    good = _saved(tmp_path, _workbook(UNITS, GROUPS))
    data = good.read_bytes()
    truncated = tmp_path / "截断.xlsx"
    truncated.write_bytes(data[: len(data) // 2])
    assert "已损坏" in cf.read_form(truncated).problems[0].message
    broken = tmp_path / "坏工作表.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                body = body[: len(body) // 2]              # XML cut in the middle
            target.writestr(item, body)
    form = cf.read_form(broken)
    assert form.problems and "已损坏" in form.problems[-1].message
    no_workbook = tmp_path / "没有工作簿.xlsx"
    with zipfile.ZipFile(no_workbook, "w") as target:
        target.writestr("hello.txt", "不是工作簿")
    assert "已损坏" in cf.read_form(no_workbook).problems[0].message


def test_locked_file(tmp_path, monkeypatch):
    path = _saved(tmp_path, _workbook(UNITS, GROUPS))
    real_open = Path.open

    def locked(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", locked)
    assert "被占用" in cf.read_form(path).problems[0].message


def test_zip_bomb_guard(tmp_path, monkeypatch):
    path = _saved(tmp_path, _workbook(UNITS, GROUPS))
    monkeypatch.setattr(form_cells, "MAX_UNPACKED_BYTES", 1000)
    assert "解压后过大" in cf.read_form(path).problems[0].message
    monkeypatch.setattr(form_cells, "MAX_FILE_BYTES", 100)
    assert "远大于一份填报表" in cf.read_form(path).problems[0].message


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=600))
def test_random_bytes_never_crash(tmp_path, data):
    path = tmp_path / "随机.xlsx"
    path.write_bytes(b"PK\x03\x04" + data)
    form = cf.read_form(path)
    assert form.problems and not form.units


# --- Hypothesis: any cell values, no crash and no silently dropped row -----------------------------------

CELL = st.one_of(st.none(), st.integers(-5, 10_000), st.floats(-10, 200, allow_nan=False), st.booleans(),
                 st.sampled_from(["是", "否", "=1+1", "+5", "-3", "@x", "85%", "示例：x", " ", "１２", "东庄", "会议记录"]),
                 st.text(alphabet="东西庄村0123456789=-+@ ", max_size=6),
                 st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 1, 1)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(units=st.lists(st.lists(CELL, min_size=1, max_size=4), max_size=8),
       groups=st.lists(st.lists(CELL, min_size=1, max_size=8), max_size=5))
def test_any_cells_every_row_is_read_or_reported(tmp_path, units, groups):
    path = tmp_path / "随机内容.xlsx"
    path.unlink(missing_ok=True)
    _workbook(units, groups).save(path)
    form = cf.read_form(path)
    reported = {(p.sheet, p.row) for p in form.problems}
    for sheet, rows, kept in (("楼栋或自然村", units, [u for u, _ in form.units] + form.special_units),
                              ("人群", groups, [g.name for g in form.groups])):
        counted = 0
        for r, row in enumerate(rows, start=2):
            values = [v for v in row if v is not None and not (isinstance(v, str) and not v.strip())]
            first = row[0] if row else None
            if not values or (isinstance(first, str) and first.strip().startswith("示例")):
                continue
            assert (sheet, r) in reported or len(kept) > counted, (sheet, r, row, form.problems)
            counted += (sheet, r) not in reported
        assert counted == len(kept)
    for g in form.groups:
        assert 0 <= g.attend <= 1 and 0 <= g.support <= 1 and g.size >= 0
    assert all(h >= 0 for _, h in form.units)
