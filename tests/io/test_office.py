"""Word (.docx) and PDF → text (governance_kit.io.office), with files built in tmp_path by python-docx and reportlab."""
from __future__ import annotations

import datetime as dt
import errno
import io
import os
import re
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import badinputs as B
from governance_kit import io as gio
from governance_kit.errors import (
    CorruptFileError,
    EmptyFileError,
    NoTextLayerError,
    ReadError,
    UnsupportedFormatError,
)
from governance_kit.io import filebytes, reader
from governance_kit.io.office import pdf_string, read_docx, read_pdf

HAN = re.compile(r"[\u4e00-\u9fff]")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# --------------------------------------------------------------------------------------------
# Building test files


def _docx(build=None, *, properties: bool = True) -> bytes:
    import docx

    document = docx.Document()
    if properties:
        props = document.core_properties
        props.title, props.author, props.keywords = " 网格化工作总结 ", "县委政法委", "网格,枫桥经验"
        props.created = dt.datetime(2024, 3, 15, 9, 30)
    if build:
        build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _rezip(data: bytes, change) -> bytes:
    """``data`` (a zip) with each member passed through ``change(name, bytes)``; None leaves it out."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            content = change(name, source.read(name))
            if content is not None:
                target.writestr(name, content)
    return out.getvalue()


def _docx_with_body(xml: str) -> bytes:
    """A docx whose body is the WordprocessingML fragment ``xml`` (namespaces w and mc declared)."""
    def change(name, content):
        if name != "word/document.xml":
            return content
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<w:document xmlns:w="{W}" '
                f'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
                f"<w:body>{xml}</w:body></w:document>").encode()
    return _rezip(_docx(), change)


def _p(*runs: str) -> str:
    return "<w:p>" + "".join(f"<w:r><w:t xml:space='preserve'>{r}</w:t></w:r>" for r in runs) + "</w:p>"


def _pdf(pages, *, title=None, author=None, **canvas_options) -> bytes:
    """A PDF with one page per list of lines (STSong-Light, a Chinese text layer)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, invariant=1, **canvas_options)
    if title:
        c.setTitle(title)
    if author:
        c.setAuthor(author)
    for lines in pages:
        c.setFont("STSong-Light", 12)
        for i, line in enumerate(lines):
            c.drawString(72, 760 - 24 * i, line)
        c.showPage()
    c.save()
    return buffer.getvalue()


def _scan_pdf(pages: int = 1) -> bytes:
    from PIL import Image, ImageDraw

    images = []
    for _ in range(pages):
        img = Image.new("L", (300, 400), 245)
        ImageDraw.Draw(img).rectangle((40, 60, 260, 70), fill=60)  # a line of "print", no text layer
        images.append(img)
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", resolution=72.0, save_all=True, append_images=images[1:])
    return buffer.getvalue()


def _lines(text: str) -> list[str]:
    return [ln for ln in text.split("\n") if ln]


# --------------------------------------------------------------------------------------------
# DOCX: paragraphs, tables, properties


def _report(document) -> None:
    document.add_heading("网格化服务管理工作总结", level=1)
    document.add_paragraph("第一段:全县划分网格1993个。")
    table = document.add_table(rows=3, cols=3)
    for row, values in zip(table.rows, (("乡镇", "网格数", "网格员"), ("城关镇", "312", "706"), ("枫桥镇", "", ""))):
        for cell, value in zip(row.cells, values):
            cell.text = value
    paragraph = document.add_paragraph("第二段")
    paragraph.add_run().add_tab()
    paragraph.add_run("制表之后")
    paragraph.add_run().add_break()
    paragraph.add_run("换行之后")
    document.add_paragraph("   ")  # a blank paragraph is no line
    document.add_paragraph("最后一段。")


DOCX = _docx(_report)


def test_paragraphs_and_tables_come_in_document_order():
    text, _, warnings = read_docx(_docx(_report), "总结.docx")
    assert text.split("\n") == [
        "网格化服务管理工作总结", "第一段:全县划分网格1993个。",
        "乡镇\t网格数\t网格员", "城关镇\t312\t706", "枫桥镇",
        "第二段\t制表之后", "换行之后", "最后一段。",
    ]
    assert warnings == []


def test_core_properties_become_front_matter():
    _, meta, _ = read_docx(_docx(_report), None)
    assert meta == {"title": "网格化工作总结", "author": "县委政法委", "keywords": "网格,枫桥经验", "date": "2024-03-15",
                    "file_date": "2024-03-15", "date_source": "file"}


def _dated_notice(document) -> None:
    document.add_paragraph("关于做好网格员培训工作的通知")
    document.add_paragraph("各乡镇:为提升网格员服务能力,现就有关事项通知如下。")
    document.add_paragraph("县委政法委")
    document.add_paragraph("2025年4月8日")


def test_a_word_document_takes_the_date_it_states_over_its_template_date():
    _, meta, _ = read_docx(_docx(_dated_notice), "通知.docx")
    assert meta["date"] == "2025-04-08" and meta["date_source"] == "text"
    assert meta["file_date"] == "2024-03-15"  # the core properties' date is kept beside it


def test_a_file_without_core_properties_reports_none():
    # python-docx invents default properties (author 'python-docx') when the part is missing
    def change(name, content):
        if name == "docProps/core.xml":
            return None
        if name == "_rels/.rels":
            return re.sub(rb"<Relationship [^>]*core-properties[^>]*/>", b"", content)
        return content

    data = _rezip(_docx(_report), change)
    text, meta, _ = read_docx(data, None)
    assert meta == {} and text.startswith("网格化服务管理工作总结")


def test_a_cell_holding_several_paragraphs_is_one_cell():
    def build(document):
        cell = document.add_table(rows=1, cols=2).rows[0].cells
        cell[0].text = "第一行"
        cell[0].add_paragraph("第二行\t带制表符")
        cell[1].text = "右"

    assert read_docx(_docx(build), None)[0] == "第一行 第二行 带制表符\t右"


def test_nested_tables_are_read_inside_their_cell():
    def build(document):
        outer = document.add_table(rows=1, cols=2).rows[0].cells
        outer[0].text = "外"
        outer[1].add_table(rows=1, cols=2).rows[0].cells[0].text = "内"

    assert read_docx(_docx(build), None)[0] == "外\t内"


def test_text_boxes_content_controls_and_revisions():
    body = (
        _p("正文")
        + "<w:sdt><w:sdtContent>" + _p("内容控件里的段落") + "</w:sdtContent></w:sdt>"
        + "<w:p><w:r><w:t>锚定</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing>"
          "<w:txbxContent>" + _p("文本框里的字") + "</w:txbxContent></w:drawing></mc:Choice>"
          "<mc:Fallback><w:pict><w:txbxContent>" + _p("文本框里的字") + "</w:txbxContent></w:pict></mc:Fallback>"
          "</mc:AlternateContent></w:r></w:p>"
        + "<w:p><w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>已删除</w:delText></w:r></w:del>"
          "<w:del><w:r><w:t>删除的正文</w:t></w:r></w:del><w:moveFrom><w:r><w:t>移走的</w:t></w:r></w:moveFrom>"
          "<w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:t>插入</w:t></w:r><w:r><w:noBreakHyphen/></w:r>"
          "<w:r><w:t>尾</w:t></w:r></w:p>"
    )
    text, _, _ = read_docx(_docx_with_body(body), None)
    assert text.split("\n") == ["正文", "内容控件里的段落", "锚定", "文本框里的字", "保留插入-尾"]


def test_headers_and_footers_are_not_body_text():
    def build(document):
        section = document.sections[0]
        section.header.paragraphs[0].text = "内部资料 注意保存"
        section.footer.paragraphs[0].text = "县委政法委印发"
        document.add_paragraph("正文")

    assert read_docx(_docx(build), None)[0] == "正文"


def test_an_empty_document():
    with pytest.raises(EmptyFileError) as info:
        read_docx(_docx(lambda d: d.add_paragraph("  ")), "空.docx")
    assert "正文为空" in info.value.reason and info.value.path == "空.docx"


# --------------------------------------------------------------------------------------------
# DOCX: damaged and unsupported files


@pytest.mark.parametrize("damage, needle", [
    (lambda data: data[: len(data) // 2], "压缩数据损坏或不完整"),  # truncated
    (lambda data: b"", "压缩数据损坏或不完整"),  # zero bytes
    (lambda data: b"PK\x03\x04" + b"\x00" * 200, "压缩数据损坏或不完整"),  # a zip header and nothing else
    (lambda data: _rezip(data, lambda n, c: None if n == "word/document.xml" else c), "缺少必要的部分 word/document.xml"),
    (lambda data: _rezip(data, lambda n, c: c[: len(c) // 2] if n == "word/document.xml" else c), "内部 XML 内容有误(第"),
])
def test_broken_docx_is_a_corrupt_file_error_in_chinese(damage, needle):
    with pytest.raises(CorruptFileError) as info:
        read_docx(damage(_docx(_report)), "损坏.docx")
    reason = info.value.reason
    assert reason.startswith("Word 文档已损坏:") and needle in reason, reason
    assert info.value.path == "损坏.docx" and info.value.__cause__ is not None


@pytest.mark.parametrize("content_type, kind", [
    ("application/vnd.ms-word.document.macroEnabled.main+xml", ".docm"),
    ("application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml", ".dotx"),
])
def test_macro_documents_and_templates_are_refused(content_type, kind):
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

    def change(name, content):
        return content.replace(main.encode(), content_type.encode()) if name == "[Content_Types].xml" else content

    with pytest.raises(UnsupportedFormatError) as info:
        read_docx(_rezip(_docx(_report), change), "宏.docx")
    assert kind in info.value.reason and "另存为 .docx" in info.value.reason


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=6), st.integers(1, 10**6))
def test_damaged_docx_bytes_give_text_or_a_read_error(edits, keep):
    data = bytearray(DOCX)
    for position, value in edits:
        data[position % len(data)] = value
    try:
        text, meta, _ = read_docx(bytes(data[: max(1, keep % (len(data) + 1))]), None)
    except ReadError as exc:
        assert HAN.search(exc.reason)
    else:
        assert text and isinstance(meta, dict)


# --------------------------------------------------------------------------------------------
# PDF: text layer, scans, metadata


def test_a_text_layer_is_read_page_after_page():
    data = _pdf([["第一页第一行", "第一页第二行"], ["第二页"]], title="枫桥经验调研报告", author="张三")
    text, meta, warnings = read_pdf(data, "报告.pdf")
    assert _lines(text) == ["第一页第一行", "第一页第二行", "第二页"]
    assert meta["title"] == "枫桥经验调研报告" and meta["author"] == "张三"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta["date"])  # CreationDate made ISO
    assert warnings == []


def test_a_page_without_text_is_named_in_a_warning():
    text, _, warnings = read_pdf(_pdf([["第一页"], [], ["第三页"]]), None)
    assert _lines(text) == ["第一页", "第三页"]
    assert warnings == ["PDF 第 2 页没有文字(可能是扫描页、图片页或空白页),这些页如有内容需先做 OCR 识别"]


@pytest.mark.parametrize("data, pages", [(lambda: _scan_pdf(1), 1), (lambda: _scan_pdf(3), 3), (lambda: _pdf([[]]), 1)])
def test_a_scan_has_no_text_layer(data, pages):
    with pytest.raises(NoTextLayerError) as info:
        read_pdf(data(), "扫描件.pdf")
    assert f"PDF 共 {pages} 页" in info.value.reason and "OCR" in info.value.reason


def test_glyph_numbers_without_a_map_are_replaced_and_counted():
    text, _, warnings = read_pdf(B.hand_made_pdf(b"BT /F1 12 Tf 72 720 Td (Grid) Tj ET BT /F1 12 Tf 72 700 Td <0041> Tj ET"), None)
    assert _lines(text) == ["Grid", "\ufffdA"]
    assert warnings == ["有 1 个字符因 PDF 字体缺少编码表无法识别,已替换为 U+FFFD(�)"]


def test_a_font_without_any_map_is_no_text_layer():
    font = (b"<< /Type /Font /Subtype /Type0 /BaseFont /Foo /Encoding /Identity-H /DescendantFonts "
            b"[<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Foo "
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>] >>")
    with pytest.raises(NoTextLayerError) as info:
        read_pdf(B.hand_made_pdf(b"BT /F1 12 Tf 72 720 Td <0041004200430044> Tj ET", font), None)
    assert "字形编号" in info.value.reason


def test_a_copy_protected_pdf_is_read_with_a_warning():
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, encrypt=pdfencrypt.StandardEncryption("", canPrint=1, canCopy=0))
    c.drawString(72, 700, "Grid report")
    c.showPage()
    c.save()
    text, _, warnings = read_pdf(buffer.getvalue(), None)
    assert text == "Grid report" and warnings == ["PDF 设置了禁止复制的权限标记,已照常读取其中的文字"]


def test_a_password_protected_pdf_is_refused():
    with pytest.raises(CorruptFileError) as info:
        read_pdf(_pdf([["机密"]], encrypt="secret"), None)
    assert "已加密" in info.value.reason and "密码" in info.value.reason


@pytest.mark.parametrize("damage, needle", [
    (lambda data: data[: len(data) // 2], "文件不完整"),
    (lambda data: b"", "找不到文档的目录结构"),
    (lambda data: b"%PDF-1.4\n", "找不到文档的目录结构"),
])
def test_a_damaged_pdf_is_a_corrupt_file_error(damage, needle):
    with pytest.raises(CorruptFileError) as info:
        read_pdf(damage(_pdf([["第一页"]])), "半截.pdf")
    assert info.value.reason.startswith("PDF 文件已损坏:") and needle in info.value.reason


def test_the_pdfminer_logger_is_quiet_and_restored():
    import logging

    logger = logging.getLogger("pdfminer")
    logger.setLevel(logging.INFO)
    try:
        read_pdf(_pdf([["第一页"]]), None)
        with pytest.raises(CorruptFileError):
            read_pdf(b"%PDF-1.4\n", None)
        assert logger.level == logging.INFO
    finally:
        logger.setLevel(logging.NOTSET)


# --------------------------------------------------------------------------------------------
# PDF text strings


@pytest.mark.parametrize("value, expected", [
    (b"\xfe\xff" + "枫桥".encode("utf_16_be"), "枫桥"),
    (b"\xff\xfe" + "枫桥".encode("utf_16_le"), "枫桥"),
    (b"\xef\xbb\xbf" + "枫桥".encode(), "枫桥"),
    ("枫桥经验".encode(), "枫桥经验"),  # UTF-8 without a mark
    (b"caf\xe9", "café"),  # not UTF-8: PDFDocEncoding
    (b"\x80 item", "• item"),  # PDFDocEncoding's bullet
    (b"  Grid report \x00", "Grid report"),
    ("  已是文字 ", "已是文字"),
    (b"\x00\x00", None),
    (b"", None),
    (5, None),
])
def test_pdf_string(value, expected):
    assert pdf_string(value) == expected


def test_pdf_string_of_a_name():
    from pdfminer.psparser import PSLiteral

    assert pdf_string(PSLiteral("Report")) == "Report"


@given(st.binary(max_size=200))
def test_pdf_string_never_raises_on_bytes(value):
    text = pdf_string(value)
    assert text is None or (text == text.strip() and text and "\x00" not in text)


# --------------------------------------------------------------------------------------------
# Office files on disk: unreadable, failing, truncated, zero bytes


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read anything")
def test_an_unreadable_docx_is_a_permission_error_not_a_corrupt_file(tmp_path):
    path = tmp_path / "总结.docx"
    path.write_bytes(DOCX)
    path.chmod(0)
    try:
        with pytest.raises(ReadError) as info:
            gio.read_file(path)
        assert not isinstance(info.value, CorruptFileError) and "权限" in info.value.reason
    finally:
        path.chmod(0o644)


def test_a_disk_error_while_reading_a_pdf(tmp_path, monkeypatch):
    path = tmp_path / "报告.pdf"
    path.write_bytes(_pdf([["第一页"]]))

    def failing_read(*args, **kwargs):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(filebytes, "_read_block", failing_read)
    with pytest.raises(ReadError) as info:
        gio.read_file(path)
    assert "EIO" in info.value.reason and info.value.path == str(path)


@pytest.mark.parametrize("name", ["总结.docx", "报告.pdf"])
def test_office_files_on_disk_truncated_or_empty(tmp_path, name):
    data = DOCX if name.endswith(".docx") else _pdf([["第一页"]])
    path = tmp_path / name
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(CorruptFileError) as info:
        gio.read_file(path)
    assert HAN.search(info.value.reason) and info.value.path == str(path)
    path.write_bytes(b"")
    with pytest.raises(EmptyFileError, match="0 字节"):
        gio.read_file(path)
    path.write_bytes(data)
    assert HAN.search(gio.read_file(path).text)
