"""The blocks of a design brief (:mod:`.blocks`) as a Word document (python-docx): headings, body
text with ``**bold**`` as bold runs, bullet lists, a ruled table with a bold header row, and code in
a small monospace font. East Asian text is set in 宋体."""
from __future__ import annotations

from .blocks import Block, Bullets, Code, Heading, Numbered, Paragraph, Table, numbered_items


def to_docx_bytes(blocks: list[Block]) -> bytes:
    """The ``.docx`` file of ``blocks``, as bytes (the caller decides where and whether to write it)."""
    from io import BytesIO

    from docx import Document as Word
    from docx.oxml.ns import qn

    word = Word()
    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Title"):
        style = word.styles[name]
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    for block in blocks:
        if isinstance(block, Heading):
            word.add_heading(block.text, level=block.level)
        elif isinstance(block, Paragraph):
            _runs(word.add_paragraph(), block.text)
        elif isinstance(block, Bullets):
            for item in block.items:
                _runs(word.add_paragraph(style="List Bullet"), item)
        elif isinstance(block, Numbered):
            for item in numbered_items(block):
                _runs(word.add_paragraph(), item)
        elif isinstance(block, Table):
            _table(word, block.rows)
        elif isinstance(block, Code):
            _code(word, block.text)
    buffer = BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _runs(paragraph, text: str) -> None:
    """Markdown ``**bold**`` as bold runs."""
    for i, part in enumerate(text.split("**")):
        if part:
            paragraph.add_run(part).bold = i % 2 == 1


def _table(word, rows) -> None:
    table = word.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
            if r == 0:
                for run in table.cell(r, c).paragraphs[0].runs:
                    run.bold = True


def _code(word, text: str) -> None:
    """One paragraph, a line break between lines, in Courier New 9 pt."""
    from docx.shared import Pt

    paragraph = word.add_paragraph()
    lines = text.splitlines()
    for i, line in enumerate(lines):
        run = paragraph.add_run(line)
        run.font.name = "Courier New"
        run.font.size = Pt(9)
        if i < len(lines) - 1:
            run.add_break()
