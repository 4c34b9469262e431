"""The 村情填报表: an Excel/WPS workbook in which a trainee describes their own village or community
for lecture 08, written by :func:`write_form` and read back by :func:`read_form` into the structures
the lecture uses (units, special units, the context, the groups of the deciding meeting and the basis
of every estimate).

Sheets, all in Chinese: 填写说明 (how to fill it in), 基本情况 (name, 村/社区, adults, representatives,
data source), 楼栋或自然村 (name, households, 专属单位 是/否, note) and 人群 (name, size, attendance and
support estimates in percent with the basis of each, shares of women and of people 60 or older).

Example rows are marked 示例: their first cell begins with “示例”, and the reader **skips** them, so a
trainee may leave them or delete them. Reading never raises and never drops a row silently: a bad
row is left out of the structures and reported as a :class:`FormProblem` naming the sheet, the row and
the column. Writing never overwrites: a new dated name is chosen, or :class:`FileExistsError` raised.

>>> import tempfile
>>> folder = tempfile.mkdtemp()
>>> form = read_form(write_form(folder=folder, teaching="rural"))
>>> form.name, form.kind, form.invented, len(form.units), form.special_units, form.problems
('青石村', '村', True, 10, ['青石茶叶园区'], [])
>>> blank = read_form(write_form(folder=folder))
>>> blank.examples_skipped, str(blank.problems[0])
(4, '工作表“基本情况”第 2 行“填写”列：没有填写村（社区）的名称')
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..datafiles import bundled, read_yaml, reloaded
from ..errors import RuleFileError
from . import form_cells as cells
from .form_layout import (BASICS, EXAMPLE_MARK, GROUP_COLUMNS, MAX_COLUMNS, MAX_ROWS, SHEET_BASICS, SHEET_GROUPS,
                          SHEET_UNITS, UNIT_COLUMNS, build)
from .findings import DesignError
from .procedure import Context, Group

DATA_FILE = "community_form.yaml"


@dataclass(frozen=True)
class FormProblem:
    """One problem of a form: where (sheet, Excel row, column; empty for the whole file) and what."""
    sheet: str
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = "文件" if not self.sheet else f"工作表“{self.sheet}”" + (f"第 {self.row} 行" if self.row else "") \
            + (f"“{self.column}”列" if self.column else "")
        return f"{where}：{self.message}"


@dataclass
class CommunityForm:
    """What a form holds, in the structures of lecture 08, and every problem found while reading it."""
    path: Path
    name: str = ""
    kind: str = ""
    adults: int | None = None
    representatives: int | None = None
    source: str = ""
    units: list[tuple[str, int]] = field(default_factory=list)
    special_units: list[str] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    bases: dict[str, dict[str, str]] = field(default_factory=dict)   # group → {"出席率": …, "支持率": …}
    problems: list[FormProblem] = field(default_factory=list)
    examples_skipped: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def invented(self) -> bool:
        """The form says its figures are invented (a teaching case): 数据来源 mentions 虚构."""
        return "虚构" in self.source

    @property
    def households(self) -> int:
        return sum(h for _, h in self.units)

    def context(self) -> Context:
        """The :class:`~.procedure.Context` of the deliberation exercises (defaults as Context states)."""
        if self.kind == "村":
            return Context.village(households=self.households, adults=self.adults, representatives=self.representatives)
        if self.kind == "社区":
            return Context.community(households=self.households, adults=self.adults)
        raise DesignError("填报表的“基本情况”里没有填写类型（村或社区），无法确定村社情况：请先改正表里的问题")

    def problems_frame(self):
        """One row per problem, Chinese columns 工作表, 行, 列, 问题 (an empty table when there is none)."""
        import pandas as pd

        frame = pd.DataFrame([{"工作表": p.sheet or "（文件）", "行": p.row, "列": p.column, "问题": p.message}
                              for p in self.problems], columns=["工作表", "行", "列", "问题"])
        return frame.astype({"行": "Int64"})

    def bases_frame(self):
        """Every group's estimates beside their basis."""
        import pandas as pd

        return pd.DataFrame([{"人群": g.name, "人数": g.size, "出席率估计": f"{g.attend:.0%}",
                              "出席率依据": self.bases.get(g.name, {}).get("出席率", ""), "支持率估计": f"{g.support:.0%}",
                              "支持率依据": self.bases.get(g.name, {}).get("支持率", "")} for g in self.groups])

    def __repr__(self) -> str:
        state = "没有发现问题" if self.ok else f"有 {len(self.problems)} 处问题（用 .problems_frame() 查看）"
        return (f"村情填报表“{self.path.name}”：{self.name or '（未填名称）'}，{self.kind or '（未填类型）'}"
                f"{'（虚构的教学数据）' if self.invented else ''}；{len(self.units)} 个楼栋或自然村，{self.households} 户，"
                f"专属单位 {len(self.special_units)} 个，人群 {len(self.groups)} 类；跳过示例行 {self.examples_skipped} 行；{state}。")


# --- writing ---------------------------------------------------------------------------------------

def form_path(folder=".", *, label: str = "", now: datetime | None = None) -> Path:
    """A name no existing file has: ``村情填报表[_label]_<年月日-时分>.xlsx``, ``_2``, ``_3`` … if taken."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M")
    stem = "_".join(p for p in ("村情填报表", label, stamp) if p)
    candidate, number = Path(folder) / f"{stem}.xlsx", 2
    while candidate.exists():
        candidate, number = Path(folder) / f"{stem}_{number}.xlsx", number + 1
    return candidate


def write_form(path: str | os.PathLike | None = None, *, folder=".", teaching: str | None = None) -> Path:
    """Write a form and return its path: blank with rows marked 示例, or (``teaching="rural"``) filled
    with an invented teaching case, marked 虚构. Without ``path`` a new dated name in ``folder`` is
    chosen (:func:`form_path`); an existing ``path`` raises :class:`FileExistsError` — never overwritten."""
    if teaching is not None:
        from .teaching import teaching_case

        case, extra = teaching_case(teaching), _teaching(teaching)
        basics = {"名称": case.name, "类型": case.kind, "十八周岁以上人数": case.adults,
                  "村民代表人数": extra.get("representatives"), "数据来源": extra["source"]}
        units = [[u.name, u.households, "否", u.note] for u in case.parts] + \
                [[s.name, 0, "是", s.note or s.type] for s in case.specials]
        groups = [[g["name"], g["size"], g["attend"], g["attend_basis"], g["support"], g["support_basis"],
                   g.get("women"), g.get("elderly"), "虚构"] for g in extra["groups"]]
        notice = f"本表是虚构的教学案例“{case.name}”（{case.note}）。请换成你自己的村（社区）。"
        label = f"{case.name}_虚构"
    else:
        examples = _data()["examples"]
        basics, units, groups, notice, label = {}, examples[SHEET_UNITS], examples[SHEET_GROUPS], "", ""
    path = Path(path) if path is not None else form_path(folder, label=label)
    workbook = build(basics, units, groups, notice=notice, example=teaching is None)
    try:
        with path.open("xb") as handle:
            workbook.save(handle)
    except FileExistsError:
        raise FileExistsError(f"文件“{path}”已经存在。为免覆盖你填好的表，请换一个文件名（不传文件名时会自动生成带日期时间的新文件名）") from None
    return path


# --- reading ---------------------------------------------------------------------------------------

def read_form(path: str | os.PathLike) -> CommunityForm:
    """Read a form (read-only, formulas as text) into a :class:`CommunityForm`; never raises for a bad
    file or cell: every problem is in ``problems``, with sheet, row and column."""
    form = CommunityForm(Path(path))
    try:
        workbook = cells.open_workbook(form.path)
    except cells.FormFileError as error:
        form.problems.append(FormProblem("", None, "", str(error)))
        return form
    try:
        sheets = {cells.normal(title): title for title in workbook.sheetnames}
        found = {}
        for wanted in (SHEET_BASICS, SHEET_UNITS, SHEET_GROUPS):
            if wanted not in sheets:
                form.problems.append(FormProblem(wanted, None, "", f"缺少工作表“{wanted}”；现有的工作表："
                                                 f"{'、'.join(workbook.sheetnames)}。请用 write_form() 生成的表填写，不要改工作表的名字"))
            else:
                found[wanted] = workbook[sheets[wanted]]
        try:
            if SHEET_BASICS in found:
                _read_basics(form, found[SHEET_BASICS])
            if SHEET_UNITS in found:
                _read_units(form, found[SHEET_UNITS])
            if SHEET_GROUPS in found:
                _read_groups(form, found[SHEET_GROUPS])
        except Exception:  # untrusted file: a broken sheet XML surfaces while iterating
            form.problems.append(FormProblem("", None, "", f"“{form.path.name}”的内容已损坏，读到一半无法继续：请用 Excel/WPS 打开后重新保存为 .xlsx。"))
    finally:
        workbook.close()
    order = {"": 0, SHEET_BASICS: 1, SHEET_UNITS: 2, SHEET_GROUPS: 3}
    form.problems.sort(key=lambda p: (order.get(p.sheet, 4), p.row or 0))
    return form


def _rows(form, sheet, key: str):
    """``(header, rows)``: the header row (a dict column → index) found among the first five rows by its
    first column ``key``, and ``(excel_row, cells)`` of up to :data:`MAX_ROWS` rows below it."""
    title = sheet.title
    top = list(sheet.iter_rows(min_row=1, max_row=5, max_col=MAX_COLUMNS))
    for number, row in enumerate(top, start=1):
        header = {cells.normal(str(c.value)): i for i, c in enumerate(row) if c.value is not None}
        if cells.normal(key) in header:
            break
    else:
        form.problems.append(FormProblem(title, 1, "", f"找不到表头（第一列应为“{key}”）：请不要删除或改动表头行"))
        return None, []
    first = number + 1
    rows = []
    for r, row in enumerate(sheet.iter_rows(min_row=first, max_row=first + MAX_ROWS - 1, max_col=MAX_COLUMNS), start=first):
        rows.append((r, row))
    # what lies below the cap is not walked (a sheet may claim a million rows); its extent is reported
    extent = getattr(sheet, "max_row", None)
    if isinstance(extent, int) and extent >= first + MAX_ROWS:
        form.problems.append(FormProblem(title, first + MAX_ROWS, "", f"表里的数据超过 {MAX_ROWS} 行（一直到第 {extent} 行），"
                                         "从这一行起没有读取：一个村（社区）用不了这么多行，请检查是否粘贴了别的表，删掉多余的行"))
    return header, rows


def _read_cells(form, title, header, r, row, columns):
    """The values of one row by column name, or ``None`` when the row is empty or an example row."""
    raw = {}
    for column, _, _, _ in columns:
        i = header.get(cells.normal(column))
        cell = row[i] if i is not None and i < len(row) else None
        raw[column] = (getattr(cell, "value", None), getattr(cell, "number_format", "General") or "General")
    if all(v is None or (isinstance(v, str) and not v.strip()) for v, _ in raw.values()):
        return None
    first = raw[columns[0][0]][0]
    if isinstance(first, str) and first.strip().startswith(EXAMPLE_MARK):
        form.examples_skipped += 1
        return None
    values, bad = {}, False
    for column, reader, required, _ in columns:
        value, fmt = raw[column]
        if cells.normal(column) not in header:
            if required:
                form.problems.append(FormProblem(title, r, column, "表头里没有这一列：请用 write_form() 生成的表，不要删列"))
                bad = True
            values[column] = None
            continue
        parsed, complaint = reader(value, fmt)
        if complaint:
            form.problems.append(FormProblem(title, r, column, complaint))
            bad = True
        elif required and parsed in (None, ""):
            form.problems.append(FormProblem(title, r, column, "必填，却是空的（如果用了合并单元格，请取消合并，每行各填一格）"))
            bad = True
        values[column] = parsed
    return None if bad else values


def _read_basics(form, sheet):
    header, rows = _rows(form, sheet, "项目")
    if header is None:
        return
    labels = {cells.normal(label): label for label, _ in BASICS}
    seen = {}
    for r, row in rows:
        item = row[0].value if row else None
        value = row[1].value if len(row) > 1 else None
        if item is None and value is None:
            continue
        label = labels.get(cells.normal(str(item)) if item is not None else "")
        if label is None:
            form.problems.append(FormProblem(sheet.title, r, "项目", f"不认识的项目“{item}”；应为{'、'.join(labels.values())}之一"))
            continue
        seen[label] = (r, value)
    for label, (r, value) in seen.items():
        if label in ("名称", "数据来源"):
            setattr(form, "name" if label == "名称" else "source", cells.text(value)[0])
        elif label == "类型":
            kind = cells.normal(str(value)) if value is not None else ""
            if kind in ("村", "社区"):
                form.kind = kind
            elif not kind:
                form.problems.append(FormProblem(sheet.title, r, "填写", "没有填写类型：填“村”或“社区”"))
            else:
                form.problems.append(FormProblem(sheet.title, r, "填写", f"类型是“{value or ''}”：只能填“村”或“社区”"))
        else:
            number, complaint = cells.count(value)
            if complaint:
                form.problems.append(FormProblem(sheet.title, r, "填写", f"{label}{complaint}"))
            setattr(form, "adults" if label == "十八周岁以上人数" else "representatives", number)
    if not form.name:
        form.problems.append(FormProblem(sheet.title, seen.get("名称", (None,))[0], "填写", "没有填写村（社区）的名称"))
    if "类型" not in seen:
        form.problems.append(FormProblem(sheet.title, None, "填写", "没有填写类型：填“村”或“社区”"))


def _read_units(form, sheet):
    header, rows = _rows(form, sheet, UNIT_COLUMNS[0][0])
    if header is None:
        return
    first_row = {}
    for r, row in rows:
        values = _read_cells(form, sheet.title, header, r, row, UNIT_COLUMNS)
        if values is None:
            continue
        unit, households, special = values["楼栋或自然村"], values["户数"], values["专属单位（是/否）"]
        if unit in first_row:
            form.problems.append(FormProblem(sheet.title, r, "楼栋或自然村", f"“{unit}”与第 {first_row[unit]} 行重名：每个楼栋或自然村只写一行，同名的请加以区分"))
            continue
        if households is None and not special:
            form.problems.append(FormProblem(sheet.title, r, "户数", "必填，却是空的（只有专属单位可以不填户数；如果用了合并单元格，请取消合并，每行各填一格）"))
            continue
        first_row[unit] = r
        if special:
            form.special_units.append(unit)
        else:
            form.units.append((unit, households))
    if not form.units:
        form.problems.append(FormProblem(sheet.title, None, "", "没有填写任何楼栋或自然村（示例行不计）：请在示例行下面每行填一个"))


def _read_groups(form, sheet):
    header, rows = _rows(form, sheet, GROUP_COLUMNS[0][0])
    if header is None:
        return
    first_row = {}
    for r, row in rows:
        values = _read_cells(form, sheet.title, header, r, row, GROUP_COLUMNS)
        if values is None:
            continue
        group = values["人群名称"]
        if group in first_row:
            form.problems.append(FormProblem(sheet.title, r, "人群名称", f"“{group}”与第 {first_row[group]} 行重名：每类人群只写一行"))
            continue
        first_row[group] = r
        share = {"women": values["妇女占比（%）"], "elderly": values["60岁以上占比（%）"]}
        form.groups.append(Group(group, values["人数"], values["出席率估计（%）"] / 100, values["支持率估计（%）"] / 100,
                                 **{k: v / 100 for k, v in share.items() if v is not None}))
        form.bases[group] = {"出席率": values["出席率依据"], "支持率": values["支持率依据"]}
    if not form.groups:
        form.problems.append(FormProblem(sheet.title, None, "", "没有填写任何人群（示例行不计）：请写出作决定的那次会议由哪几类人组成"))


# --- data ------------------------------------------------------------------------------------------

@reloaded(DATA_FILE)
def _data() -> dict:
    data, _ = read_yaml(bundled(DATA_FILE), DATA_FILE)
    if not isinstance(data, dict) or not all(isinstance(data.get(k), (dict, list)) for k in ("examples", "teaching", "measures")):
        raise RuleFileError(f"{DATA_FILE}：需要 examples、teaching 和 measures 三项")
    return data


def _teaching(key: str) -> dict:
    extra = _data()["teaching"].get(key)
    if not isinstance(extra, dict) or not extra.get("groups") or "虚构" not in str(extra.get("source", "")):
        raise DesignError(f"没有教学案例 {key!r} 的填报表数据（{DATA_FILE} 的 teaching 里应有 groups，source 注明“虚构”）；"
                          f"可用：{'、'.join(_data()['teaching'])}")
    return extra


def measures() -> list[str]:
    """Words that name a measure against low attendance (``data/community_form.yaml``)."""
    return [str(m) for m in _data()["measures"]]
