"""The layout of the 村情填报表 (:mod:`.community_form`) — sheets, columns, the help text — and its
workbook: styles and data validation that
Excel and WPS both honour (whole numbers ≥ 0, percentages 0–100, 是/否 and 村/社区 lists, each with a
Chinese prompt and error message)."""
from __future__ import annotations

from . import form_cells as cells

MAX_ROWS = 1000        # data rows read per sheet; a village has tens of units, a meeting a handful of groups
MAX_COLUMNS = 30
EXAMPLE_MARK = "示例"
SHEET_HELP, SHEET_BASICS, SHEET_UNITS, SHEET_GROUPS = "填写说明", "基本情况", "楼栋或自然村", "人群"

# (column, reader, required, width); the first column names the row
UNIT_COLUMNS = (("楼栋或自然村", cells.name, True, 18), ("户数", cells.count, False, 10),
                ("专属单位（是/否）", cells.yes_no, False, 16), ("备注", cells.text, False, 50))
GROUP_COLUMNS = (("人群名称", cells.name, True, 22), ("人数", cells.count, True, 8),
                 ("出席率估计（%）", cells.percent, True, 14), ("出席率依据", cells.text, True, 36),
                 ("支持率估计（%）", cells.percent, True, 14), ("支持率依据", cells.text, True, 36),
                 ("妇女占比（%）", cells.percent, False, 12), ("60岁以上占比（%）", cells.percent, False, 15),
                 ("备注", cells.text, False, 30))
BASICS = (("名称", "村或社区的名称，例如“幸福社区”"), ("类型", "填“村”或“社区”"),
          ("十八周岁以上人数", "可空着：空着时按每户 2.4 人估计"),
          ("村民代表人数", "村填写（每五户至十五户推选一人）；空着时按每 10 户一人估计；社区不填"),
          ("数据来源", "数字从哪里来，例如“2025 年村委会台账”；教学案例写“虚构”"))
HELP = (
    "村情填报表：为第 08 讲（综合实践）描述你自己的村（社区）。",
    "1. 在“基本情况”里填写名称、类型（村或社区）等；数字从哪里来，写在“数据来源”。",
    "2. 在“楼栋或自然村”里每行填一个楼栋或自然村及其户数，按地图上相邻的顺序排列；"
    "市场、学校、园区、医院等专属单位也各占一行，“专属单位（是/否）”填“是”，户数可填 0。",
    "3. 在“人群”里写作决定的那次会议的全部组成人员，分成几类人群：人数、出席率估计、支持率估计（都填 0–100 的百分数，85% 填 85）。"
    "按户计算时写户数，按人计算时写十八周岁以上的人数，村民代表会议写代表人数。",
    "4. 每个估计都要写“依据”：这个数从哪里来（会议记录、走访、往年情况……）。没有依据的估计会被指出来。",
    "5. 名称以“示例”开头的行是示例，读取时跳过：可以留着，也可以删掉。请在示例行下面填写自己的数据。",
    "6. 只填数字和文字，不要用公式；以 = + - @ 开头的内容按文字读取，不会计算。不要合并单元格。",
    "7. 填好后保存为 .xlsx（Excel 工作簿），关闭 Excel/WPS，再回到笔记本读取。读取时会指出每处问题所在的工作表、行和列。",
)

_HEADER_FILL = "DDEBF7"
_EXAMPLE_FILL = "EDEDED"
_NOTICE_FILL = "FFF2CC"


def build(basics: dict, units: list, groups: list, *, notice: str = "", example: bool = True):
    """A workbook: 填写说明, 基本情况 (values from ``basics``), 楼栋或自然村 and 人群 (rows as given,
    styled as examples when ``example``); ``notice`` (e.g. the 虚构 label) heads every sheet's help."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor=_HEADER_FILL)
    wrap = Alignment(wrap_text=True, vertical="top")
    workbook = Workbook()
    help_sheet = workbook.active
    help_sheet.title = SHEET_HELP
    lines = ([notice, ""] if notice else []) + list(HELP)
    for line in lines:
        help_sheet.append([line])
    help_sheet.column_dimensions["A"].width = 110
    for row in help_sheet.iter_rows():
        row[0].alignment = wrap
    help_sheet["A1"].font = Font(bold=True, size=13, color="C00000" if notice else "000000")
    if notice:
        help_sheet["A1"].fill = PatternFill("solid", fgColor=_NOTICE_FILL)

    sheet = workbook.create_sheet(SHEET_BASICS)
    sheet.append(["项目", "填写", "说明"])
    for label, explanation in BASICS:
        sheet.append([label, basics.get(label), explanation])
    _style_header(sheet, header_fill, bold, (14, 30, 60))
    _validate(sheet, "list", "B3", formula1=_choices("村", "社区"), prompt="填“村”或“社区”", error="类型只能是“村”或“社区”")
    _validate(sheet, "whole", "B4:B5", operator="greaterThanOrEqual", formula1="0",
              prompt="填不小于 0 的整数，可空着", error="人数应是不小于 0 的整数")

    for title, columns, rows in ((SHEET_UNITS, UNIT_COLUMNS, units), (SHEET_GROUPS, GROUP_COLUMNS, groups)):
        sheet = workbook.create_sheet(title)
        sheet.append([c[0] for c in columns])
        for row in rows:
            sheet.append(list(row))
        _style_header(sheet, header_fill, bold, tuple(c[3] for c in columns))
        if example:
            fill = PatternFill("solid", fgColor=_EXAMPLE_FILL)
            for row in sheet.iter_rows(min_row=2, max_row=len(rows) + 1):
                for cell in row:
                    cell.fill, cell.font = fill, Font(italic=True, color="7F7F7F")
        for i, (column, reader, _, _) in enumerate(columns):
            letter = sheet.cell(row=1, column=i + 1).column_letter
            cells = f"{letter}2:{letter}{MAX_ROWS + 1}"
            kind = reader.__name__
            if kind == "count":
                _validate(sheet, "whole", cells, operator="greaterThanOrEqual", formula1="0",
                          prompt="填不小于 0 的整数", error=f"“{column}”应是不小于 0 的整数")
            elif kind == "percent":
                _validate(sheet, "decimal", cells, operator="between", formula1="0", formula2="100",
                          prompt="填 0–100 的百分数，85% 填 85", error=f"“{column}”应是 0 到 100 之间的数（85% 填 85）")
            elif kind == "yes_no":
                _validate(sheet, "list", cells, formula1=_choices("是", "否"), prompt="填“是”或“否”，空着算“否”",
                          error="只能填“是”或“否”")
            sheet.column_dimensions[letter].width = columns[i][3]
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = wrap
    return workbook


def _choices(*items: str) -> str:
    """A list validation's formula: the items in quotes, separated by the comma Excel and WPS expect."""
    return '"' + ",".join(items) + '"'


def _style_header(sheet, fill, bold, widths):
    from openpyxl.styles import Alignment

    for i, cell in enumerate(sheet[1]):
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[cell.column_letter].width = widths[i] if i < len(widths) else 14
    sheet.freeze_panes = "A2"


def _validate(sheet, kind, cells, *, prompt, error, **formula):
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(type=kind, allow_blank=True, showErrorMessage=True, showInputMessage=True, **formula)
    validation.promptTitle, validation.prompt = "填写提示", prompt
    validation.errorTitle, validation.error = "填写有误", error
    sheet.add_data_validation(validation)
    validation.add(cells)
