"""The blocks of a design brief as a Word document (governance_kit.design.word): the same content as
their Markdown, block by block."""
from __future__ import annotations

import re
from io import BytesIO

from hypothesis import given, settings
from hypothesis import strategies as st

from governance_kit.design.blocks import Bullets, Code, Figure, Heading, Numbered, Paragraph, Table, to_markdown
from governance_kit.design.word import to_docx_bytes


def _word(blocks) -> list[tuple]:
    """``(style, text)`` per paragraph and ``("table", rows)`` per table, in document order."""
    from docx import Document
    from docx.table import Table as WordTable

    out = []
    for item in Document(BytesIO(to_docx_bytes(blocks))).iter_inner_content():
        if isinstance(item, WordTable):
            out.append(("table", [[cell.text for cell in row.cells] for row in item.rows]))
        else:
            out.append((item.style.name, item.text))
    return out


def _read_markdown(text: str) -> list[tuple]:
    """The Markdown :func:`to_markdown` writes, read into the same shape (bold marks dropped)."""
    out, lines, i = [], text.splitlines(), 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):
            end = lines.index("```", i + 1)
            out.append(("Normal", "\n".join(lines[i + 1:end])))
            i = end
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                if not re.fullmatch(r"\|( --- \|)+", lines[i]):   # the header rule
                    cells = re.split(r"(?<!\\) \| ", lines[i][2:-2])
                    rows.append([c.replace("\\|", "|") for c in cells])
                i += 1
            out.append(("table", rows))
            continue
        elif heading := re.match(r"(#+) (.*)", line):
            out.append((f"Heading {len(heading[1])}", heading[2]))
        elif line.startswith("- "):
            out.append(("List Bullet", line[2:].replace("**", "")))
        elif line:
            out.append(("Normal", line.replace("**", "")))
        i += 1
    return out


def test_a_brief_shaped_document_reads_the_same_in_both():
    blocks = [Heading(1, "桃源社区基层治理设计简报"), Paragraph("生成日期:**今天**。"), Heading(2, "一、网格体系"),
              Table((("网格", "户数"), ("第1网格", "340"), ("市场|东区", "0"))), Heading(3, "人员配置"),
              Bullets(("网格长:2 人", "网格员:**1** 人")), Numbered(("**提议**:村民", "**决议**:村民会议")),
              Code("flowchart TD\n    S1[\"提议\"]\n    S1 --> S2")]
    word = _word(blocks)
    assert word == _read_markdown(to_markdown(blocks))
    assert ("Normal", "1. 提议:村民") in word and ("Normal", 'flowchart TD\n    S1["提议"]\n    S1 --> S2') in word


def test_bold_marks_become_bold_runs_and_the_header_row_is_bold():
    from docx import Document

    word = Document(BytesIO(to_docx_bytes([Paragraph("先**加粗**后"), Table((("甲", "乙"), ("1", "2")))])))
    assert [(run.text, bool(run.bold)) for run in word.paragraphs[0].runs] == [("先", False), ("加粗", True), ("后", False)]
    header, body = word.tables[0].rows
    assert all(run.bold for cell in header.cells for run in cell.paragraphs[0].runs)
    assert not any(run.bold for cell in body.cells for run in cell.paragraphs[0].runs)


def test_east_asian_text_is_set_in_song():
    from docx import Document
    from docx.oxml.ns import qn

    word = Document(BytesIO(to_docx_bytes([Paragraph("正文")])))
    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Title", "Caption", "List Bullet"):
        fonts = word.styles[name].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) == "宋体"
        assert fonts.get(qn("w:eastAsiaTheme")) is None and fonts.get(qn("w:asciiTheme")) is None   # no theme font wins over it


def _png(width: int, height: int) -> bytes:
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_figure_is_a_centred_picture_with_its_caption_and_fits_the_page():
    from docx import Document

    wide, tall = _png(800, 400), _png(300, 1500)
    word = Document(BytesIO(to_docx_bytes([Figure("图　宽图", lambda: wide), Figure("图　长图", lambda: tall)])))
    first, second = word.inline_shapes
    assert round(first.width.cm, 1) == 15.0 and round(first.height.cm, 1) == 7.5      # as wide as the text
    assert round(second.height.cm, 1) == 20.0 and second.width.cm < 15                # a tall one: capped by height
    captions = [(p.style.name, p.text, p.alignment) for p in word.paragraphs if p.text]
    assert [c[:2] for c in captions] == [("Caption", "图　宽图"), ("Caption", "图　长图")]
    assert all(c[2] == 1 for c in captions)                                            # centred


def test_a_figure_that_cannot_be_drawn_leaves_a_line_instead():
    from docx import Document

    def draw():
        raise ImportError("需要安装 mplfonts")

    word = Document(BytesIO(to_docx_bytes([Paragraph("前"), Figure("图　流程", draw), Paragraph("后")])))
    assert [p.text for p in word.paragraphs] == ["前", "（未能绘制“图　流程”：需要安装 mplfonts）", "后"]
    assert not word.inline_shapes


def test_the_footer_holds_a_page_field_and_the_page_is_a4():
    from docx import Document

    word = Document(BytesIO(to_docx_bytes([Paragraph("正文")])))
    footer = word.sections[0].footer.paragraphs[0]
    assert [c.text.strip() for c in footer._p.xpath(".//w:instrText")] == ["PAGE"] and footer.text == "— 1 —"
    assert round(word.sections[0].page_width.cm, 1) == 21.0


# --- any blocks: Word and Markdown agree -------------------------------------------------------------

_WORDS = st.text(alphabet="网格社区村民议事会户数提议决议甲乙丙abcXYZ0123:,。()", min_size=1, max_size=12)
_PLAIN = _WORDS.filter(lambda t: not re.match(r"\d+\. ", t))
_MARKED = st.lists(st.tuples(_PLAIN, st.booleans()), min_size=1, max_size=3).map(
    lambda parts: "".join(f"**{p}**" if bold else p for p, bold in parts))
_CELL = st.text(alphabet="网格户数甲乙0123|", min_size=1, max_size=8).filter(lambda t: t.strip() == t)
_BLOCK = st.one_of(
    st.builds(Heading, st.integers(1, 3), _PLAIN),
    st.builds(Paragraph, _MARKED),
    st.builds(Bullets, st.lists(_MARKED, min_size=1, max_size=3).map(tuple)),
    st.builds(Numbered, st.lists(_MARKED, min_size=1, max_size=3).map(tuple)),
    st.integers(1, 3).flatmap(lambda cols: st.builds(
        Table, st.lists(st.lists(_CELL, min_size=cols, max_size=cols).map(tuple), min_size=1, max_size=3).map(tuple))),
    st.builds(Code, st.lists(_PLAIN, min_size=1, max_size=3).map("\n".join)),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(_BLOCK, min_size=1, max_size=6))
def test_word_and_markdown_of_the_same_blocks_agree(blocks):
    assert _word(blocks) == _read_markdown(to_markdown(blocks))
