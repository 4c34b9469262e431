"""Tests of governance_kit.io: bytes → text for txt, md, html, docx and pdf."""
from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import random
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[0]))
import badinputs as B  # noqa: E402

from governance_kit import io as gio  # noqa: E402
from governance_kit.io.html import chrome_config  # noqa: E402
from governance_kit.io.dates import normalise_date  # noqa: E402
from governance_kit.io.office import pdf_string  # noqa: E402
from governance_kit.errors import (  # noqa: E402
    CorruptFileError,
    EmptyFileError,
    EncodingError,
    NoTextLayerError,
    ReadError,
    UnsupportedFormatError,
)

HAN = re.compile(r"[\u4e00-\u9fff]")
REQUIRED = {
    "empty.txt", "image.txt", "truncated_gbk.txt", "utf16_nobom.txt", "big.txt", "good.docx", "scan.pdf",
    "text.pdf", "broken.docx", "loop", "gbk.txt", "big5.txt", "utf8_bom.txt", "crlf.txt", "page.html",
}
ON_LINUX = sys.platform.startswith("linux")
GBK_NAME = os.fsdecode(B.GBK_NAME_BYTES)

# The brief's hard case: a short governance paragraph in GBK and its Traditional form in Big5.
SHORT_SIMPLIFIED = "坚持和发展新时代“枫桥经验”，推进自治、法治、德治相结合的城乡基层治理体系。全县共划分综合网格1993个，配备网格员4744名。"
SHORT_TRADITIONAL = "堅持和發展新時代「楓橋經驗」，推進自治、法治、德治相結合的城鄉基層治理體系。"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_chinese(exc: BaseException, *needles: str) -> None:
    """The message is Chinese and names the problem."""
    message = getattr(exc, "reason", None) or str(exc)
    assert HAN.search(message), message
    for needle in needles:
        assert needle in message, f"{needle!r} not in {message!r}"


@pytest.fixture(scope="module")
def bad(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bad_inputs")
    cases = B.make_bad_inputs(folder, big_mb=50)
    missing = REQUIRED - set(cases)
    assert not missing, missing
    return folder


# --------------------------------------------------------------------------------------------
# The folder of bad inputs


def test_every_case_is_created(bad):
    names = set(os.listdir(bad))
    assert REQUIRED <= names
    if ON_LINUX:
        assert GBK_NAME in names
    assert (bad / "big.txt").stat().st_size >= 50 * 1024 * 1024


def test_empty_file(bad):
    with pytest.raises(EmptyFileError) as info:
        gio.read_file(bad / "empty.txt")
    assert_chinese(info.value, "为空", "0 字节")
    assert info.value.path == str(bad / "empty.txt")


def test_png_renamed_txt_names_the_real_type(bad):
    with pytest.raises(UnsupportedFormatError) as info:
        gio.read_file(bad / "image.txt")
    assert_chinese(info.value, "PNG", "图片", "不是文本文件")


def test_truncated_gbk_is_read_with_a_warning(bad):
    raw = gio.read_file(bad / "truncated_gbk.txt")
    assert raw.text == B.TRUNCATED_GBK_TEXT
    assert raw.encoding == "gb18030"
    assert raw.format == "txt"
    assert len(raw.warnings) == 1
    note = raw.warnings[0]
    assert HAN.search(note) and "2 个字节" in note and "U+FFFD" in note and "GB18030" in note


def test_utf16_le_without_bom(bad):
    raw = gio.read_file(bad / "utf16_nobom.txt")
    assert raw.text == B.PARA_SIMPLIFIED
    assert raw.encoding == "utf_16_le"
    assert raw.warnings == ()


def test_big_file_reads_fast(bad, monkeypatch):
    monkeypatch.setenv("GOVKIT_MAX_TEXT_CHARS", str(100_000_000))  # the default refuses 50 MB of text
    path = bad / "big.txt"
    start = time.perf_counter()
    raw = gio.read_file(path)
    elapsed = time.perf_counter() - start
    assert elapsed < 20, f"50 MB took {elapsed:.1f} s"
    assert raw.encoding == "utf_8"
    assert raw.line_endings == "LF"
    assert raw.size == path.stat().st_size
    assert raw.text.startswith(B.PARA_SIMPLIFIED + "\n" + B.PARA_GRID + "\n")
    assert raw.sha256 == _sha(path)


def test_a_text_over_the_limit_is_refused_in_chinese_before_decoding(bad):
    start = time.perf_counter()
    with pytest.raises(ReadError) as info:
        gio.read_file(bad / "big.txt")
    assert time.perf_counter() - start < 5
    assert_chinese(info.value, "上限", "GOVKIT_MAX_TEXT_CHARS")


def test_good_docx(bad):
    raw = gio.read_file(bad / "good.docx")
    assert raw.format == "docx" and raw.encoding == "docx" and raw.line_endings == "none"
    assert tuple(raw.text.split("\n")) == B.DOCX_LINES
    assert "乡镇\t网格数\t网格员" in raw.text.split("\n")
    assert B.DOCX_HEADER not in raw.text and B.DOCX_FOOTER not in raw.text
    assert raw.meta == {"title": B.DOCX_TITLE, "author": B.DOCX_AUTHOR, "date": "2024-03-15",
                        "keywords": "网格化,枫桥经验", "file_date": "2024-03-15", "date_source": "file"}


def test_broken_docx(bad):
    with pytest.raises(CorruptFileError) as info:
        gio.read_file(bad / "broken.docx")
    assert_chinese(info.value, "Word", "损坏")


def test_scan_pdf_needs_ocr(bad):
    with pytest.raises(NoTextLayerError) as info:
        gio.read_file(bad / "scan.pdf")
    assert_chinese(info.value, "共 1 页", "没有文字层", "扫描", "OCR")


def test_text_pdf(bad):
    raw = gio.read_file(bad / "text.pdf")
    assert raw.format == "pdf" and raw.encoding == "pdf"
    lines = [ln for ln in raw.text.split("\n") if ln.strip()]
    assert lines == list(B.PDF_LINES)
    assert raw.meta["title"] == B.PDF_TITLE and raw.meta["author"] == B.PDF_AUTHOR
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw.meta["date"])
    assert raw.warnings == ()


@pytest.mark.parametrize(
    "name, text, encoding, line_endings",
    [
        ("gbk.txt", B.PARA_SIMPLIFIED, "gb18030", "none"),
        ("big5.txt", B.PARA_TRADITIONAL, "big5", "none"),
        ("utf8_bom.txt", B.PARA_SIMPLIFIED, "utf_8_sig", "none"),
        ("crlf.txt", "\n".join(B.CRLF_LINES) + "\n", "utf_8", "CRLF"),
    ],
)
def test_text_files(bad, name, text, encoding, line_endings):
    raw = gio.read_file(bad / name)
    assert raw.text == text
    assert raw.encoding == encoding
    assert raw.line_endings == line_endings
    assert raw.format == "txt"
    assert raw.path == str(bad / name)
    assert "\ufeff" not in raw.text and "\r" not in raw.text
    assert raw.warnings == ()


def test_page_html(bad):
    raw = gio.read_file(bad / "page.html")
    assert raw.format == "html" and raw.encoding == "utf_8"
    lines = raw.text.split("\n")
    for paragraph in B.HTML_PARAGRAPHS:  # every body paragraph, whole, on its own line
        assert paragraph in lines, paragraph[:20]
    assert B.HTML_HEADLINE in lines
    for chrome in B.HTML_CHROME:
        assert chrome not in raw.text, chrome
    assert raw.meta["title"] == B.HTML_TITLE
    assert raw.meta["date"] == "2024-03-15"
    assert raw.meta["author"] == "县委政法委 李明"
    assert raw.meta["keywords"] == "枫桥经验,网格化,基层治理"
    assert raw.meta["source"] == "县委政法委"
    assert set(raw.meta) <= {"title", "author", "date", "source", "keywords", "description"}


def test_symlink_loop_raises_quickly(bad):
    loop = bad / "loop"
    if not (loop / "a").is_symlink():
        pytest.skip("this system cannot create symlinks")
    for name in ("a", "b"):
        start = time.perf_counter()
        with pytest.raises((ReadError, OSError)) as info:
            gio.read_file(loop / name)
        assert time.perf_counter() - start < 5
        assert_chinese(info.value, "循环")
    with pytest.raises(ReadError) as info:
        gio.read_file(loop / "self")  # a symlink to a directory
    assert_chinese(info.value, "文件夹")
    with pytest.raises(ReadError) as info:
        gio.read_file(loop)
    assert_chinese(info.value, "文件夹")


@pytest.mark.skipif(not ON_LINUX, reason="non-UTF-8 file names need Linux")
def test_non_utf8_file_name(bad):
    by_bytes = gio.read_file(os.path.join(os.fsencode(bad), B.GBK_NAME_BYTES))
    listed = [n for n in os.listdir(str(bad)) if n.endswith(".txt") and "\udc80" <= n[0] <= "\udcff"]
    assert listed == [GBK_NAME]
    by_str = gio.read_file(os.path.join(str(bad), listed[0]))
    for raw in (by_bytes, by_str):
        assert raw.text == B.PARA_SIMPLIFIED
        assert raw.encoding == "gb18030"
        assert isinstance(raw.path, str) and raw.path.endswith(GBK_NAME)


def test_reading_never_modifies_files(bad):
    files = [p for p in bad.iterdir() if p.is_file() and not p.is_symlink()]
    before = {p: (_sha(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files}
    for p in files:
        try:
            gio.read_file(p)
        except ReadError:
            pass
    after = {p: (_sha(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files}
    assert before == after


# --------------------------------------------------------------------------------------------
# Encodings through read_bytes (no name)


@pytest.mark.parametrize(
    "codec, family",
    [
        ("utf-8", "utf_8"), ("utf-8-sig", "utf_8_sig"), ("gb18030", "gb18030"), ("gbk", "gb18030"),
        ("gb2312", "gb18030"), ("utf-16", "utf_16"), ("utf_16_le", "utf_16_le"), ("utf_16_be", "utf_16_be"),
        ("utf-32", "utf_32"),
    ],
)
def test_read_bytes_simplified(codec, family):
    raw = gio.read_bytes(B.PARA_SIMPLIFIED.encode(codec))
    assert raw.text == B.PARA_SIMPLIFIED
    assert raw.encoding == family
    assert raw.path is None and raw.format == "txt"
    assert raw.warnings == ()


@pytest.mark.parametrize("codec, family", [("big5", "big5"), ("utf-8", "utf_8"), ("utf_16_le", "utf_16_le")])
def test_read_bytes_traditional(codec, family):
    """Big5 and Unicode forms of the Traditional paragraph."""
    raw = gio.read_bytes(B.PARA_TRADITIONAL.encode(codec))
    assert raw.text == B.PARA_TRADITIONAL
    assert raw.encoding == family


@pytest.mark.parametrize("text, codec", [(SHORT_SIMPLIFIED, "gb18030"), (SHORT_SIMPLIFIED, "gbk"),
                                         (SHORT_TRADITIONAL, "big5")])
def test_short_gbk_versus_big5(text, codec):
    raw = gio.read_bytes(text.encode(codec))
    assert raw.text == text
    assert raw.encoding == ("big5" if codec == "big5" else "gb18030")


def test_multiline_gbk_and_big5_documents():
    simplified = "\r\n".join([B.PARA_SIMPLIFIED, B.PARA_GRID, B.PARA_RULES]) + "\r\n"
    raw = gio.read_bytes(simplified.encode("gbk"), name="报告.txt")
    assert raw.encoding == "gb18030" and raw.line_endings == "CRLF"
    assert raw.text == simplified.replace("\r\n", "\n")
    raw = gio.read_bytes((B.PARA_TRADITIONAL + "\n" + SHORT_TRADITIONAL + "\n").encode("big5"))
    assert raw.encoding == "big5" and raw.text == B.PARA_TRADITIONAL + "\n" + SHORT_TRADITIONAL + "\n"


@pytest.mark.parametrize("bom, codec", [(b"\xff\xfe", "utf_16_le"), (b"\xfe\xff", "utf_16_be")])
def test_utf16_with_explicit_bom(bom, codec):
    raw = gio.read_bytes(bom + B.PARA_SIMPLIFIED.encode(codec), name="名单.txt")
    assert raw.text == B.PARA_SIMPLIFIED and raw.encoding == "utf_16"


def test_utf16_be_without_bom_and_ascii_utf16():
    raw = gio.read_bytes(("一一" + B.PARA_GRID + "\n").encode("utf_16_be"))
    assert raw.encoding == "utf_16_be" and raw.text == "一一" + B.PARA_GRID + "\n"
    raw = gio.read_bytes("Grid report\r\nsecond line\r\n".encode("utf_16_le"))
    assert raw.encoding == "utf_16_le" and raw.text == "Grid report\nsecond line\n"


def test_utf16_without_nul_bytes_and_gbk_with_control_bytes():
    # pure CJK UTF-16 has no NUL byte; GB2312 text read as UTF-16 BE would be printable Hangul
    pure = "坚持和发展新时代枫桥经验推进自治法治德治相结合的城乡基层治理体系"
    for codec in ("utf_16_le", "utf_16_be"):
        raw = gio.read_bytes(pure.encode(codec))
        assert raw.encoding == codec and raw.text == pure
    for text, codec in ((B.PARA_GRID, "gbk"), (B.PARA_TRADITIONAL, "big5")):
        raw = gio.read_bytes(text.encode(codec) + b"\x1a")  # DOS end-of-file mark
        assert raw.encoding == ("big5" if codec == "big5" else "gb18030") and raw.text == text


@pytest.mark.parametrize(
    "text, expected",
    [("一\n二\n", "LF"), ("一\r\n二\r\n", "CRLF"), ("一\r二\r", "CR"), ("一\n二\r\n三\r", "mixed"), ("一二三", "none")],
)
def test_line_endings(text, expected):
    for codec in ("utf-8", "gbk"):
        raw = gio.read_bytes(text.encode(codec))
        assert raw.line_endings == expected
        assert raw.text == text.replace("\r\n", "\n").replace("\r", "\n")


def test_damaged_utf8_keeps_the_text():
    data = B.PARA_SIMPLIFIED.encode()
    raw = gio.read_bytes(data[:-1] + b"\n" + data)  # the last character of line 1 is cut
    assert raw.encoding == "utf_8"
    assert raw.text == B.PARA_SIMPLIFIED[:-1] + "\ufffd\n" + B.PARA_SIMPLIFIED
    # the two bytes left of "。" (E3 80) are one undecodable sequence: one U+FFFD, 2 bytes counted
    assert len(raw.warnings) == 1 and "2 个字节" in raw.warnings[0]


def test_nul_characters_are_removed():
    raw = gio.read_bytes(B.PARA_RULES.encode() + b"\x00" * 20)
    assert raw.text == B.PARA_RULES
    assert any("20 个空字符" in w for w in raw.warnings)


def test_binary_garbage_is_an_encoding_error():
    noise = random.Random(7).randbytes(20000)
    with pytest.raises(EncodingError) as info:
        gio.read_bytes(noise, name="数据.txt")
    assert_chinese(info.value, "不是文本")


@pytest.mark.parametrize(
    "data, needle",
    [(b"", "为空"), (b" \r\n\t\n", "空白"), (b"\xef\xbb\xbf", "BOM"), (b"\xef\xbb\xbf  \n", "空白"),
     (b"\xff\xfe", "BOM"), (b"\x00" * 64, "空字符")],
)
def test_empty_inputs(data, needle):
    with pytest.raises(EmptyFileError) as info:
        gio.read_bytes(data, name="x.txt")
    assert_chinese(info.value, needle)


# --------------------------------------------------------------------------------------------
# Formats


def test_magic_bytes_win_over_suffix(bad):
    docx_bytes = (bad / "good.docx").read_bytes()
    raw = gio.read_bytes(docx_bytes, name="总结.txt")
    assert raw.format == "docx" and tuple(raw.text.split("\n")) == B.DOCX_LINES
    assert any("Word" in w for w in raw.warnings)
    raw = gio.read_bytes((bad / "text.pdf").read_bytes(), name="报告.txt")
    assert raw.format == "pdf"
    html = gio.read_bytes((bad / "page.html").read_bytes(), name="page.txt")
    assert html.format == "txt" and "<p>" in html.text  # HTML named .txt is plain text


def test_other_zip_files_are_refused():
    def zipped(*names: str) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            for name in names:
                zf.writestr(name, "<x/>")
        return buf.getvalue()

    with pytest.raises(UnsupportedFormatError) as info:
        gio.read_bytes(zipped("名单/a.txt"), name="资料.txt")
    assert_chinese(info.value, "ZIP")
    xlsx = zipped("[Content_Types].xml", "xl/workbook.xml")
    with pytest.raises(UnsupportedFormatError) as info:
        gio.read_bytes(xlsx, name="表.txt")
    assert_chinese(info.value, "Excel")
    with pytest.raises(CorruptFileError) as info:
        gio.read_bytes(xlsx, name="表.docx")
    assert_chinese(info.value, "word/document.xml", "Excel")


def test_fake_docx_and_pdf_are_corrupt():
    with pytest.raises(CorruptFileError) as info:
        gio.read_bytes(B.PARA_RULES.encode(), name="公约.docx")
    assert_chinese(info.value, "Word", "ZIP")
    with pytest.raises(CorruptFileError) as info:
        gio.read_bytes(B.PARA_RULES.encode(), name="公约.pdf")
    assert_chinese(info.value, "PDF")


def test_docx_with_broken_xml(bad):
    good = zipfile.ZipFile(io.BytesIO((bad / "good.docx").read_bytes()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name in good.namelist():
            data = good.read(name)
            zf.writestr(name, data[: len(data) // 2] if name == "word/document.xml" else data)
    with pytest.raises(CorruptFileError) as info:
        gio.read_bytes(buf.getvalue(), name="x.docx")
    assert_chinese(info.value, "XML")


@pytest.mark.parametrize(
    "data, needle",
    [(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG"), (b"GIF89a\x01\x00\x01\x00", "GIF"),
     (b"\x7fELF\x02\x01\x01" + b"\x00" * 60, "ELF"), (b"\x1f\x8b\x08\x00" + b"\x00" * 20, "GZIP"),
     (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "旧版 Office")],
)
def test_binary_formats_are_named(data, needle):
    with pytest.raises(UnsupportedFormatError) as info:
        gio.read_bytes(data, name="x.txt")
    assert_chinese(info.value, needle)


def test_markdown_and_unknown_suffix():
    md = "# 网格化管理\n\n- **网格员**：4744 名\n"
    raw = gio.read_bytes(md.encode(), name="笔记.md")
    assert raw.format == "md" and raw.text == "网格化管理\n\n网格员：4744 名\n"  # markup stripped (tests/io/test_markdown.py)
    assert raw.meta == {"title": "网格化管理"}
    raw = gio.read_bytes("乡镇,网格数\n城关镇,312\n".encode("gbk"), name="统计.csv")
    assert raw.format == "txt" and raw.encoding == "gb18030" and raw.text == "乡镇,网格数\n城关镇,312\n"
    assert any(".csv" in w for w in raw.warnings)
    raw = gio.read_bytes(B.PARA_RULES.encode(), format="markdown")
    assert raw.format == "md"
    with pytest.raises(UnsupportedFormatError) as info:
        gio.read_bytes(b"abc", format="rtf")
    assert_chinese(info.value, "rtf")


def test_bytes_without_name_sniff_html():
    raw = gio.read_bytes(f"<!DOCTYPE html><html><body><p>{B.PARA_RULES}</p></body></html>".encode())
    assert raw.format == "html" and raw.text == B.PARA_RULES


# --------------------------------------------------------------------------------------------
# HTML details


@pytest.mark.parametrize(
    "head, codec, family",
    [
        ('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "gbk", "gb18030"),
        ('<meta charset="big5">', "big5", "big5"),
        ('<meta charset="iso-8859-1">', "gbk", "gb18030"),  # declared wrongly: detection wins
    ],
)
def test_html_declared_charset(head, codec, family):
    text, title = (B.PARA_TRADITIONAL, "標題") if codec == "big5" else (B.PARA_SIMPLIFIED, "标题")
    page = f"<html><head>{head}<title>{title}</title></head><body><p>{text}</p></body></html>"
    raw = gio.read_bytes(page.encode(codec), name="x.htm")
    assert raw.encoding == family and raw.text == text and raw.meta == {"title": title}


def test_html_blocks_tables_and_inline():
    page = (
        "<html><body><div>第一段<span>同一行</span><a href='#'>链接</a></div>"
        "<table><tr><th>乡镇</th><th>网格数</th></tr><tr><td>城关镇</td><td>312</td></tr></table>"
        "<p>甲&nbsp;乙<br>丙</p><ul><li>一</li><li>二</li></ul><h2>小标题</h2></body></html>"
    )
    raw = gio.read_bytes(page.encode(), format="html")
    assert raw.text.split("\n") == ["第一段同一行链接", "乡镇\t网格数", "城关镇\t312", "甲 乙", "丙", "一", "二", "小标题"]


def test_html_fallback_when_chrome_is_everything():
    page = "<html><body><div class='nav'>" + B.PARA_GRID + "</div><p>短</p></body></html>"
    raw = gio.read_bytes(page.encode(), name="x.html")
    assert B.PARA_GRID in raw.text and "短" in raw.text
    assert len(raw.warnings) == 1 and HAN.search(raw.warnings[0])


def test_html_page_wide_form_is_kept():
    page = (f"<html><body><form id='form1'><div class='nav'>首页</div><div class='content'><p>{B.PARA_SIMPLIFIED}</p>"
            f"<p>{B.PARA_GRID}</p></div><div class='footer'>版权所有</div></form></body></html>")
    raw = gio.read_bytes(page.encode(), name="x.aspx.html")
    assert raw.text.split("\n") == [B.PARA_SIMPLIFIED, B.PARA_GRID]


def test_html_without_text():
    with pytest.raises(EmptyFileError) as info:
        gio.read_bytes(b"<html><head><script>var a = 1;</script></head><body><div id='app'></div></body></html>",
                       name="x.html")
    assert_chinese(info.value, "网页")


def test_chrome_patterns_file():
    cfg = chrome_config()
    assert "script" in cfg.drop_tags and "nav" in cfg.chrome_tags and "navigation" in cfg.roles
    for token in ("nav", "topNav", "breadcrumb", "footer", "copyright", "share-box", "bdsharebuttonbox",
                  "comment-list", "related-news", "ad-banner", "pagination", "prev-next", "sidebar"):
        assert cfg.pattern.search(token), token
    for token in ("content", "article", "main", "zoom", "head-line-title-text", "canvas", "download", "TRS_Editor"):
        assert not cfg.pattern.search(token), token


# --------------------------------------------------------------------------------------------
# PDF details


def test_pdfminer_warnings_stay_quiet(tmp_path):
    # an invalid line width makes pdfminer log a warning; nothing may reach stderr
    pdf = tmp_path / "odd.pdf"
    pdf.write_bytes(B.hand_made_pdf(b"/abc w BT /F1 12 Tf 72 720 Td (Grid report) Tj ET"))
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    control = subprocess.run(
        [sys.executable, "-c", "import sys; from pdfminer.high_level import extract_text; extract_text(sys.argv[1])",
         str(pdf)], capture_output=True, text=True, env=env, timeout=60)
    ours = subprocess.run(
        [sys.executable, "-c", "import sys, governance_kit.io as g; print(g.read_file(sys.argv[1]).text)", str(pdf)],
        capture_output=True, text=True, env=env, timeout=60)
    assert ours.returncode == 0, ours.stderr
    assert ours.stdout.strip() == "Grid report"
    assert ours.stderr == ""
    if not control.stderr:
        pytest.skip("this pdfminer version logs nothing for the test file")


def test_pdfminer_logger_level_is_restored(bad):
    logger = logging.getLogger("pdfminer")
    before = logger.level
    gio.read_file(bad / "text.pdf")
    with pytest.raises(NoTextLayerError):
        gio.read_file(bad / "scan.pdf")
    assert logger.level == before


def test_pdf_truncated_and_encrypted(bad):
    data = (bad / "text.pdf").read_bytes()
    with pytest.raises(CorruptFileError) as info:
        gio.read_bytes(data[: len(data) // 2], name="半截.pdf")
    assert_chinese(info.value, "PDF", "损坏")

    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt="secret")
    c.drawString(72, 700, "Grid report")
    c.showPage()
    c.save()
    with pytest.raises(CorruptFileError) as info:
        gio.read_bytes(buf.getvalue(), name="加密.pdf")
    assert_chinese(info.value, "加密", "密码")


def test_pdf_string_decoding():
    assert pdf_string(b"\xfe\xff" + "枫桥".encode("utf_16_be")) == "枫桥"
    assert pdf_string(b"\xef\xbb\xbf" + "枫桥".encode()) == "枫桥"
    assert pdf_string(b"Grid report") == "Grid report"
    assert normalise_date("D:20230522103000+08'00'") == "2023-05-22"
    assert normalise_date("2023年5月2日") == "2023-05-02"


# --------------------------------------------------------------------------------------------
# read_file edge cases, import cost, repr


def test_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError) as info:
        gio.read_file(tmp_path / "不存在.txt")
    assert_chinese(info.value, "找不到")


def test_broken_symlink(tmp_path):
    link = tmp_path / "dangling.txt"
    try:
        os.symlink(tmp_path / "gone.txt", link)
    except (OSError, NotImplementedError):
        pytest.skip("no symlinks here")
    with pytest.raises(FileNotFoundError) as info:
        gio.read_file(link)
    assert_chinese(info.value, "符号链接")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_does_not_hang(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(ReadError) as info:
        gio.read_file(fifo)
    assert_chinese(info.value, "不是普通文件")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("机密", encoding="utf-8")
    path.chmod(0)
    try:
        with pytest.raises(ReadError) as info:
            gio.read_file(path)
        assert_chinese(info.value, "权限")
    finally:
        path.chmod(0o644)


def test_import_is_light():
    code = ("import sys, json, governance_kit.io; "
            "print(json.dumps([m for m in ('lxml', 'docx', 'pdfminer', 'charset_normalizer', 'yaml') "
            "if m in sys.modules]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(out.stdout) == []


def test_rawtext_repr_is_short(bad):
    raw = gio.read_file(bad / "gbk.txt")
    assert len(repr(raw)) < 300 and "gb18030" in repr(raw)
    assert raw.sha256 == _sha(bad / "gbk.txt") and raw.size == (bad / "gbk.txt").stat().st_size


def test_read_bytes_rejects_str():
    with pytest.raises(TypeError) as info:
        gio.read_bytes("文本")  # type: ignore[arg-type]
    assert_chinese(info.value, "bytes")


def test_an_unknown_format_lists_the_formats_and_keeps_the_path():
    with pytest.raises(UnsupportedFormatError) as info:
        gio.read_bytes(b"abc", name="x.txt", format=".RTF")
    assert info.value.path == "x.txt"
    assert info.value.reason == ("format 只能是 'txt'、'text'、'md'、'markdown'、'html'、'htm'、'xhtml'、'docx'、'pdf' "
                                 "之一,收到的是 'rtf'")
