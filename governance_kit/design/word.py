"""The blocks of a design brief (:mod:`.blocks`) as a Word document (python-docx): headings, body
text with ``**bold**`` as bold runs, bullet lists, a ruled table with a bold header row, code in a
small monospace font, and figures as pictures with a caption below.

The page is A4 with a page number (a ``PAGE`` field: Word, WPS and LibreOffice fill it in) centred in
the footer as ``— 1 —`` (GB/T 9704). Every style the brief uses names its East Asian font
(``w:eastAsia``: 宋体) and drops the theme fonts and colours of python-docx's template, which would
otherwise win over it; Latin text is set in Times New Roman, headings in black."""
from __future__ import annotations

from .blocks import Block, Bullets, Code, Figure, Heading, Numbered, Paragraph, Table, numbered_items

EAST_ASIAN_FONT = "宋体"
LATIN_FONT = "Times New Roman"
STYLES = ("Normal", "Heading 1", "Heading 2", "Heading 3", "Title", "Caption", "List Bullet")
_PICTURE_CM = (15.0, 20.0)   # the largest picture: width, height (A4 text area with the margins below)


def to_docx_bytes(blocks: list[Block]) -> bytes:
    """The ``.docx`` file of ``blocks``, as bytes (the caller decides where and whether to write it)."""
    from io import BytesIO

    from docx import Document as Word

    word = Word()
    _page(word)
    _fonts(word)
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
        elif isinstance(block, Figure):
            _figure(word, block)
    buffer = BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _page(word) -> None:
    """A4, margins near GB/T 9704, and ``— PAGE —`` centred in the footer."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    for section in word.sections:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.top_margin, section.bottom_margin = Cm(3.0), Cm(2.8)
        section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.add_run("— ")
        _field(footer, "PAGE")
        footer.add_run(" —")


def _field(paragraph, instruction: str) -> None:
    """A Word field (``PAGE``, ``NUMPAGES`` …): begin, instruction, separate, a placeholder, end."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str):
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    paragraph.add_run()._r.append(char("begin"))
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    paragraph.add_run()._r.append(char("separate"))
    paragraph.add_run("1")
    paragraph.add_run()._r.append(char("end"))


def _fonts(word) -> None:
    from docx.oxml.ns import qn
    from docx.shared import RGBColor

    for name in STYLES:
        style = word.styles[name]
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)   # a theme font overrides the named one
        fonts.set(qn("w:ascii"), LATIN_FONT)
        fonts.set(qn("w:hAnsi"), LATIN_FONT)
        fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
        if name != "Normal" and name != "List Bullet":
            style.font.color.rgb = RGBColor(0, 0, 0)


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


def _figure(word, figure: Figure) -> None:
    """The picture, centred, as wide as the text area unless that makes it too tall; the caption below."""
    from io import BytesIO

    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    try:
        data = figure.draw()
    except (ImportError, OSError) as error:  # no font or no matplotlib: the brief is still written
        _runs(word.add_paragraph(), f"（未能绘制“{figure.caption}”：{error}）")
        return
    # a PNG's IHDR chunk: width and height, big-endian, at bytes 16–24
    ratio = int.from_bytes(data[20:24], "big") / max(int.from_bytes(data[16:20], "big"), 1)
    width, height = _PICTURE_CM
    size = {"width": Cm(width)} if width * ratio <= height else {"height": Cm(height)}
    paragraph = word.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run().add_picture(BytesIO(data), **size)
    caption = word.add_paragraph(style="Caption")
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _runs(caption, figure.caption)
