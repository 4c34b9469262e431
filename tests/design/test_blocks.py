"""The blocks of a design brief rendered as Markdown (governance_kit.design.blocks)."""
from __future__ import annotations

from governance_kit.design.blocks import Bullets, Code, Figure, Heading, Numbered, Paragraph, Table, to_markdown


def test_each_block_is_followed_by_a_blank_line_and_the_text_ends_with_one_newline():
    text = to_markdown([Heading(1, "标题"), Paragraph("正文。"), Heading(2, "小节"), Bullets(("甲", "乙")),
                        Heading(3, "细目"), Code("flowchart TD\n    S1 --> S2")])
    assert text == ("# 标题\n\n正文。\n\n## 小节\n\n- 甲\n- 乙\n\n### 细目\n\n"
                    "```mermaid\nflowchart TD\n    S1 --> S2\n```\n")


def test_numbered_lists_count_from_one_and_keep_bold_marks():
    assert to_markdown([Numbered(("**提议**:村民", "**决议**:村民会议（提前十天通知）"))]) == (
        "1. **提议**:村民\n2. **决议**:村民会议（提前十天通知）\n")


def test_tables_have_a_header_rule_and_escape_pipes():
    text = to_markdown([Table((("网格", "包含"), ("第1网格", "1号楼|2号楼"))), Paragraph("后文")])
    assert text == "| 网格 | 包含 |\n| --- | --- |\n| 第1网格 | 1号楼\\|2号楼 |\n\n后文\n"


def test_an_empty_list_leaves_no_trace():
    assert to_markdown([Paragraph("前"), Bullets(()), Numbered(()), Paragraph("后")]) == "前\n\n后\n"


def test_the_code_language_is_written_on_the_fence():
    assert to_markdown([Code("print(1)", language="python")]).startswith("```python\n")


def test_a_figure_is_its_caption_and_its_text_in_markdown_and_is_never_drawn_there():
    def draw():
        raise AssertionError("Markdown must not draw the image")

    figure = Figure("图　议事流程", draw, "flowchart TD\n    S1 --> S2")
    assert to_markdown([figure]) == "**图　议事流程**\n\n```mermaid\nflowchart TD\n    S1 --> S2\n```\n"
    assert to_markdown([Figure("图　示意", draw)]) == "**图　示意**\n"
