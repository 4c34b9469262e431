"""The codebook's files (governance_kit.codebook.yaml_file, excel, model.load_codebook): the bundled file
re-read after an edit, syntax errors naming file and line in Chinese, "must be one of" errors."""
from __future__ import annotations

import os

import pytest

from governance_kit.codebook import coding
from governance_kit.codebook import model as cbm
from governance_kit.codebook.model import Codebook, load_codebook
from governance_kit.errors import CodebookError

NEW_ENTRY = """
  - id: shaiba_yishi
    name: 晒坝议事
    category: deliberation
    aliases: [晒坝会]
"""


def _touch(path) -> None:
    """A later modification time, as an editor's save gives (two writes may share one clock tick)."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))


@pytest.fixture
def bundled_copy(tmp_path, monkeypatch):
    """A copy of data/codebook.yaml standing in for the bundled file (the real one is never edited)."""
    path = tmp_path / "codebook.yaml"
    path.write_text(cbm.bundled_path().read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(cbm, "bundled_path", lambda: path)
    return path


def test_an_edited_bundled_codebook_is_read_again_by_coding(bundled_copy):
    text = "村里召开晒坝会,商量修路。"
    before = load_codebook()
    assert "shaiba_yishi" not in before
    assert "shaiba_yishi" not in set(coding.code_patterns(text, discover=False).pattern)
    with bundled_copy.open("a", encoding="utf-8") as f:
        f.write(NEW_ENTRY)
    _touch(bundled_copy)
    after = load_codebook()
    assert after is not before and len(after) == len(before) + 1
    assert load_codebook() is after  # read once per edit
    df = coding.code_patterns(text, discover=False)  # the default codebook is the edited file
    assert list(zip(df.pattern, df.match, df.via)) == [("shaiba_yishi", "晒坝会", "alias")]


def test_a_syntax_error_in_the_bundled_codebook_names_the_line_in_chinese(bundled_copy):
    text = bundled_copy.read_text(encoding="utf-8")
    first = text.index("  - id: ")
    line = text[:first].count("\n") + 2  # the line after the first entry's id
    end_of_line = text.index("\n", text.index("\n", first) + 1)
    bundled_copy.write_text(text[:end_of_line] + ": [" + text[end_of_line:], encoding="utf-8")
    _touch(bundled_copy)
    with pytest.raises(CodebookError) as info:
        load_codebook()
    message = str(info.value)
    assert message.startswith(f"governance_kit/data/codebook.yaml 第 {line} 行:YAML 格式错误:"), message
    assert "无法解析" not in message  # said in Chinese, not only passed on from PyYAML


@pytest.mark.parametrize("body, line, words", [
    ("patterns:\n  - id: x\n    name: [未闭合\n    category: services\n", 4, "方括号列表没有闭合"),
    ("patterns:\n  - id: x\n    name: 甲: 乙\n", 3, "键: 值"),
    ("patterns:\n\t- id: x\n", 2, "Tab"),
])
def test_yaml_syntax_errors_name_file_and_line(tmp_path, body, line, words):
    path = tmp_path / "我的编码本.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(CodebookError) as info:
        load_codebook(path)
    message = str(info.value)
    assert message.startswith(f"{path} 第 {line} 行:YAML 格式错误:") and words in message, message


def test_a_byte_order_mark_is_accepted_and_other_encodings_are_named(tmp_path):
    path = tmp_path / "cb.yaml"
    path.write_text("patterns:\n  - {id: x, name: 某机制, category: services}\n", encoding="utf-8-sig")
    assert [p.name for p in Codebook.from_yaml(path)] == ["某机制"]
    path.write_bytes("patterns:\n  - {id: x, name: 某机制, category: services}\n".encode("gbk"))
    with pytest.raises(CodebookError, match="UTF-8"):
        Codebook.from_yaml(path)


def test_unknown_choices_say_what_is_allowed(tmp_path):
    with pytest.raises(CodebookError, match=r"后缀 只能是 '\.yaml'、'\.yml'、'\.xlsx'、'\.xlsm' 之一,收到的是 '\.csv'"):
        load_codebook(tmp_path / "codebook.csv")
    path = tmp_path / "cb.yaml"
    path.write_text("categories:\n  grid_management: 网格\n  safety: 平安\npatterns: []\n", encoding="utf-8")
    with pytest.raises(CodebookError, match=r"第 3 行:类别键 只能是 'party_leadership'、.* 之一,收到的是 'safety'"):
        load_codebook(path)


def test_an_unknown_excel_column_says_which_are_allowed(tmp_path):
    from openpyxl import load_workbook

    cb = Codebook([{"id": "x", "name": "某机制", "category": "services"}])
    path = cb.to_excel(tmp_path / "cb.xlsx")
    wb = load_workbook(path)
    wb["编码本"].cell(row=1, column=1, value="别称")
    wb.save(path)
    with pytest.raises(CodebookError) as info:
        Codebook.from_excel(path)
    message = str(info.value)
    assert "工作表“编码本”第 1 行:列名 只能是 '编号'、'名称'" in message and "收到的是 '别称'" in message


def test_excel_rows_keep_their_places_in_errors(tmp_path):
    from openpyxl import load_workbook

    cb = Codebook([{"id": "x", "name": "某机制", "category": "services"}, {"id": "y", "name": "另一机制", "category": "services"}])
    path = cb.to_excel(tmp_path / "cb.xlsx")
    wb = load_workbook(path)
    wb["编码本"].cell(row=3, column=2, value="某机制")  # y's name becomes x's
    wb.save(path)
    with pytest.raises(CodebookError, match=r"工作表“编码本” 第 3 行\(y\) B 列 字段 name\(名称\):名称 '某机制' 与第 2 行模式 x"):
        Codebook.from_excel(path)


def test_excel_cells_never_run_as_formulas_and_read_back_unchanged(tmp_path):
    from openpyxl import load_workbook

    planted = '=HYPERLINK("http://example.invalid","点击查看")'
    cb = Codebook([{"id": "x", "name": "某机制", "category": "services", "description": planted,
                    "example": "-5个网格合并为一个", "note": "@某人 请核对"}])
    path = cb.to_excel(tmp_path / "cb.xlsx")
    wb = load_workbook(path)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in cells)
    values = {c.value for c in cells}
    assert "'" + planted in values and "'-5个网格合并为一个" in values and "'@某人 请核对" in values
    assert not any(isinstance(v, str) and v.startswith(("=", "+", "-", "@")) for v in values)
    back = Codebook.from_excel(path)
    assert back["x"].description == planted and back["x"].example == "-5个网格合并为一个" and back == cb
