"""Word files whose text sits in a ``w:altChunk`` part (governance_kit.io.altchunk), built here as
the national database of laws exports them: a docx whose body points to an .mht part — a MIME
message, quoted-printable or base64, around an HTML page in GB2312/GB18030 or UTF-8."""
from __future__ import annotations

import base64
import io
import quopri
import zipfile

import pytest

from governance_kit import io as gio
from governance_kit.errors import CorruptFileError, EmptyFileError
from governance_kit.io import altchunk, limits, office
from governance_kit.io.office import read_docx

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PAGE = ('<html><head><meta http-equiv=Content-Type content="text/html; charset={charset}">'
        "<title>某某县村规民约示范文本</title></head><body><div class=WordSection1>"
        "<p class=MsoNormal align=center><b>某某县村规民约示范文本</b></p>"
        "<p class=MsoNormal>（2023年6月1日县民政局印发）</p>"
        "<p class=MsoNormal>第一条　本村村民应当遵守法律法规，参与村级议事协商。</p>"
        "<table><tr><td>事项</td><td>时限</td></tr><tr><td>矛盾调解</td><td>七日</td></tr></table>"
        "<p class=MsoNormal>第二条　红白喜事从简办理，不搞攀比。</p></div></body></html>")
LINES = ["某某县村规民约示范文本", "（2023年6月1日县民政局印发）", "第一条 本村村民应当遵守法律法规，参与村级议事协商。",
         "事项\t时限", "矛盾调解\t七日", "第二条 红白喜事从简办理，不搞攀比。"]


def mht(charset: str = "gb2312", transfer: str = "quoted-printable", page: str = PAGE) -> bytes:
    """An .mht file as Word writes one: a multipart/related MIME message holding the HTML page."""
    body = page.format(charset=charset).encode("gb18030" if charset.startswith("gb") else charset)
    encoded = quopri.encodestring(body) if transfer == "quoted-printable" else base64.encodebytes(body)
    head = ('MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="----=_NextPart_01D9A"\r\n\r\n'
            "This document is a Single File Web Page, also known as a Web Archive file.\r\n\r\n"
            "------=_NextPart_01D9A\r\nContent-Location: file:///C:/export/afchunk.htm\r\n"
            f'Content-Transfer-Encoding: {transfer}\r\nContent-Type: text/html; charset="{charset}"\r\n\r\n')
    return head.encode("ascii") + encoded + b"\r\n------=_NextPart_01D9A--\r\n"


def altchunk_docx(chunk: bytes | None, *, before: str = "", after: str = "", content_type: str = "message/rfc822",
                  part: str = "afchunk.mht", in_table: bool = False) -> bytes:
    """A docx (python-docx's template) whose body holds ``<w:altChunk r:id="rIdAlt1"/>`` pointing to
    ``word/<part>``; ``chunk=None`` leaves the part out (a dangling reference)."""
    import docx

    document = docx.Document()
    if before:
        document.add_paragraph(before)
    buffer = io.BytesIO()
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    element = f'<w:altChunk xmlns:r="{R}" r:id="rIdAlt1"/>'
    if in_table:
        element = f"<w:tbl><w:tr><w:tc>{element}</w:tc><w:tc><w:p><w:r><w:t>旁注</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    if after:
        element += f"<w:p><w:r><w:t>{after}</w:t></w:r></w:p>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            content = source.read(name)
            if name == "word/document.xml":
                content = content.replace(b"<w:sectPr", element.encode() + b"<w:sectPr", 1)
            elif name == "word/_rels/document.xml.rels" and chunk is not None:
                content = content.replace(b"</Relationships>", (
                    f'<Relationship Id="rIdAlt1" Type="{R}/aFChunk" Target="{part}"/></Relationships>').encode())
            elif name == "[Content_Types].xml" and chunk is not None:
                content = content.replace(b"</Types>", (
                    f'<Override PartName="/word/{part}" ContentType="{content_type}"/></Types>').encode())
            target.writestr(name, content)
        if chunk is not None:
            target.writestr(f"word/{part}", chunk)
    return out.getvalue()


@pytest.mark.parametrize("charset, transfer", [("gb2312", "quoted-printable"), ("gb18030", "base64"),
                                               ("utf-8", "quoted-printable"), ("utf-8", "base64")])
def test_the_text_of_an_mht_chunk_is_read(charset, transfer):
    text, meta, warnings = read_docx(altchunk_docx(mht(charset, transfer)), "法规.docx")
    assert text.split("\n") == LINES
    assert meta["title"] == "某某县村规民约示范文本" and warnings == []


def test_a_chunk_comes_in_document_order_with_the_paragraphs():
    text, _, _ = read_docx(altchunk_docx(mht(), before="前言：以下为示范文本。", after="附：填写说明"), None)
    assert text.split("\n") == ["前言：以下为示范文本。", *LINES, "附：填写说明"]


def test_a_chunk_inside_a_table_cell():
    text, _, _ = read_docx(altchunk_docx(mht(), in_table=True), None)
    assert text.split("\n")[0].startswith("某某县村规民约示范文本 （2023年6月1日") and text.endswith("\t旁注")


@pytest.mark.parametrize("chunk, content_type, part", [
    (PAGE.format(charset="gb2312").encode("gb18030"), "text/html", "afchunk.htm"),
    (PAGE.format(charset="utf-8").encode("utf-8"), "application/xhtml+xml", "chunk.xhtml"),
    # an .mht part that is not a MIME message but the page itself
    (PAGE.format(charset="utf-8").encode("utf-8"), "message/rfc822", "afchunk.mht"),
])
def test_html_chunks(chunk, content_type, part):
    text, _, _ = read_docx(altchunk_docx(chunk, content_type=content_type, part=part), None)
    assert text.split("\n") == LINES


def test_a_plain_text_chunk():
    chunk = "第一条 网格员每周走访。\r\n\r\n第二条 村民议事会每季度召开。".encode("gb18030")
    text, _, _ = read_docx(altchunk_docx(chunk, content_type="text/plain", part="chunk.txt"), None)
    assert text == "第一条 网格员每周走访。\n第二条 村民议事会每季度召开。"


def test_without_the_chunk_reader_such_a_file_had_no_text():
    # what happened before: the paragraphs alone are empty
    lines: list[str] = []
    import docx

    office._docx_blocks(docx.Document(io.BytesIO(altchunk_docx(mht()))).element.body, lines)
    assert lines == []
    assert gio.read_bytes(altchunk_docx(mht()), name="法规.docx").text.split("\n") == LINES


@pytest.mark.parametrize("chunk, content_type, needle", [
    (None, "message/rfc822", "缺失"),
    (b"{\\rtf1\\ansi \\b bold}", "application/rtf", "RTF"),
    (b"MIME-Version: 1.0\r\nContent-Type: image/png\r\n\r\nxx", "message/rfc822", "没有网页或文本部分"),
])
def test_unreadable_chunks_are_reported_in_chinese_and_skipped(chunk, content_type, needle):
    data = altchunk_docx(chunk, content_type=content_type, before="正文第一段。")
    text, _, warnings = read_docx(data, None)
    assert text == "正文第一段。" and len(warnings) == 1 and needle in warnings[0]
    with pytest.raises(EmptyFileError) as info:  # nothing else to read: the reason is given
        read_docx(altchunk_docx(chunk, content_type=content_type), None)
    assert "没有文字" in info.value.reason and needle in info.value.reason


def test_a_chunk_over_the_size_cap_is_skipped(monkeypatch):
    monkeypatch.setattr(altchunk, "MAX_CHUNK_BYTES", 1000)
    text, _, warnings = read_docx(altchunk_docx(mht(), before="正文第一段。"), None)
    assert text == "正文第一段。"
    assert "超过 0 MB 的上限" in warnings[0] and "afchunk.mht" in warnings[0]


def test_a_docx_unpacking_beyond_the_memory_bound_is_refused(monkeypatch):
    monkeypatch.setattr(limits, "MAX_UNZIPPED_BYTES", 20_000)
    big = altchunk_docx(mht(page=PAGE + "<p>" + "网格" * 20000 + "</p>"))
    with pytest.raises(CorruptFileError) as info:
        read_docx(big, "大文件.docx")
    assert "解压后共" in info.value.reason and "压缩炸弹" in info.value.reason
