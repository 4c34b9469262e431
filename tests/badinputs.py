"""Build a folder of awkward inputs for the reader (governance_kit.io).

``make_bad_inputs(folder)`` writes one file per case and returns ``{file name: description}``.
The source strings are module constants so tests can compare decoded text with what was encoded.
"""
from __future__ import annotations

import datetime as dt
import io
import os
import sys
from pathlib import Path

PARA_SIMPLIFIED = (
    "坚持和发展新时代“枫桥经验”，推进自治、法治、德治相结合的城乡基层治理体系。全县共划分综合网格1993个，"
    "配备网格员4744名。各乡镇（街道）建立矛盾纠纷多元化解中心，推行“小事不出村、大事不出镇、矛盾不上交”的"
    "工作机制，2023年共排查化解各类矛盾纠纷3126件，化解率达98.6%。同时，依托村民议事会、红白理事会和乡贤参事会，"
    "引导群众有序参与村级事务的协商与监督，基层治理的社会化、法治化、智能化、专业化水平不断提升。"
)
PARA_TRADITIONAL = (
    "堅持和發展新時代「楓橋經驗」，推進自治、法治、德治相結合的城鄉基層治理體系。全縣共劃分綜合網格1993個，"
    "配備網格員4744名。各鄉鎮（街道）建立矛盾糾紛多元化解中心，推行「小事不出村、大事不出鎮、矛盾不上交」的"
    "工作機制，2023年共排查化解各類矛盾糾紛3126件，化解率達98.6%。同時，依託村民議事會、紅白理事會和鄉賢參事會，"
    "引導群眾有序參與村級事務的協商與監督，基層治理的社會化、法治化、智能化、專業化水平不斷提升。"
)
PARA_GRID = (
    "网格员每周入户走访不少于两次，及时收集社情民意，做到“民有所呼、我有所应”。对排查发现的安全隐患、"
    "矛盾苗头和困难群众诉求，网格员通过“基层治理四平台”逐级上报，乡镇综合信息指挥室统一分派，"
    "限时办结并向群众反馈，形成“发现、流转、处置、反馈”的工作闭环。"
)
PARA_RULES = (
    "修订完善村规民约和居民公约，把移风易俗、垃圾分类、邻里互助等内容写入公约，"
    "由村（居）民代表会议讨论通过后张榜公布，接受群众监督。"
)
# The lines of crlf.txt (joined with "\r\n", trailing "\r\n").
CRLF_LINES = ("第一章 总则", PARA_GRID, PARA_RULES, "第二章 网格划分", "以自然村或居民小区为单位划分网格。")

# Where the stray byte goes in truncated_gbk.txt: after this many characters.
TRUNCATED_AT = 40
# What reading truncated_gbk.txt must give: the stray byte and the cut-off last character
# each become one U+FFFD.
TRUNCATED_GBK_TEXT = PARA_SIMPLIFIED[:TRUNCATED_AT] + "\ufffd" + PARA_SIMPLIFIED[TRUNCATED_AT:-1] + "\ufffd"

GBK_NAME_BYTES = "网格名单".encode("gbk") + b".txt"

DOCX_TITLE = "网格化服务管理工作总结"
DOCX_AUTHOR = "县委政法委"
DOCX_DATE = dt.datetime(2024, 3, 15, 9, 30)
DOCX_HEADER = "内部资料 注意保存"
DOCX_FOOTER = "县委政法委印发"
DOCX_TABLE = (("乡镇", "网格数", "网格员"), ("城关镇", "312", "706"), ("枫桥镇", "268", "590"))
# Lines read_bytes must return for good.docx, in order.
DOCX_LINES = (DOCX_TITLE, PARA_SIMPLIFIED, PARA_GRID) + tuple("\t".join(r) for r in DOCX_TABLE) + (PARA_RULES,)

PDF_TITLE = "枫桥经验调研报告"
PDF_AUTHOR = "张三"
PDF_LINES = (
    "坚持和发展新时代“枫桥经验”，推进自治、法治、德治相结合。",
    "全县共划分综合网格1993个，配备网格员4744名。",
    "小事不出村、大事不出镇、矛盾不上交。",
)

HTML_TITLE = "坚持发展新时代“枫桥经验” 推进基层治理现代化_某某县人民政府"
HTML_HEADLINE = "坚持发展新时代“枫桥经验” 推进基层治理现代化"
# Body paragraphs of page.html as they must come out (one line each).
HTML_PARAGRAPHS = (
    PARA_SIMPLIFIED,
    PARA_GRID,
    "县司法局组织法律顾问进村（社区）开展“法律明白人”培训，全年举办讲座126场，"
    "培训村干部和群众骨干5300余人次，群众办事依法、遇事找法的意识明显增强。",
    PARA_RULES,
)
# Phrases of page chrome that must not survive.
HTML_CHROME = ("首页", "政务公开", "当前位置", "分享到", "上一篇", "下一篇", "热点新闻", "版权所有", "备案号", "ICP",
               "网站标识码", "打印本页", "关闭窗口", "无障碍", "trackPageview", "font-size")

_PAGE_HTML = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>{title}</title>
<meta name="SiteName" content="某某县人民政府">
<meta name="ArticleTitle" content="{headline}">
<meta name="PubDate" content="2024-03-15 09:30">
<meta name="ContentSource" content="县委政法委">
<meta name="Keywords" content="枫桥经验,网格化,基层治理">
<meta name="Author" content="县委政法委 李明">
<meta name="description" content="某某县坚持发展新时代枫桥经验,推进基层治理现代化。">
<link rel="stylesheet" href="/css/style.css">
<style>body {{ font-size: 14px; }} .nav li {{ float: left; }}</style>
<script>var _hmt = _hmt || []; _hmt.push(['_trackPageview']);</script>
</head>
<body>
<div class="top-bar"><a href="/wza/">无障碍</a> | <a href="/login">登录</a></div>
<div id="header" class="header"><div class="logo"><img src="/img/logo.png" alt="某某县人民政府"></div>
  <form class="search" action="/search"><input name="q" placeholder="请输入关键字"><button>搜索</button></form></div>
<div class="nav"><ul>
  <li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
  <li><a href="/bsfw/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li>
</ul></div>
<div class="main">
  <div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 工作动态</div>
  <div class="article">
    <h1>{headline}</h1>
    <div class="info">发布时间：2024-03-15 来源：县委政法委
      <span class="fontsize">【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</span>
      <span class="print"><a href="javascript:window.print()">打印本页</a></span>
      <span class="close-window"><a href="javascript:window.close()">关闭窗口</a></span></div>
    <div class="content" id="zoom">
      <p>　　{p1}</p>
      <p>　　{p2a}
{p2b}</p>
      <p style="text-indent:2em">{p3a}<strong>{p3b}</strong>{p3c}</p>
      <!-- 正文结束 -->
      <p>&nbsp;&nbsp;{p4}</p>
    </div>
    <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
    <div class="prev-next"><p>上一篇：<a href="/1.html">县召开平安建设推进会</a></p>
      <p>下一篇：<a href="/3.html">网格员培训班开班</a></p></div>
  </div>
  <div class="sidebar"><h3>热点新闻</h3><ul><li><a href="#">全县网格员大比武</a></li></ul></div>
</div>
<div class="footer">
  <p>版权所有：某某县人民政府办公室 &copy; 2024　主办单位：某某县人民政府办公室</p>
  <p>网站标识码：3306810001　备案号：<a href="https://beian.miit.gov.cn/">浙ICP备12345678号-1</a></p>
</div>
<script src="/js/share.js"></script>
</body>
</html>
"""


def _page_html() -> str:
    p2, p3 = HTML_PARAGRAPHS[1], HTML_PARAGRAPHS[2]
    return _PAGE_HTML.format(
        title=HTML_TITLE, headline=HTML_HEADLINE, p1=HTML_PARAGRAPHS[0],
        # a source line break between two Chinese characters must not become a space
        p2a=p2[:30], p2b=p2[30:],
        p3a=p3[:20], p3b=p3[20:35], p3c=p3[35:], p4=HTML_PARAGRAPHS[3],
    )


def _png_bytes() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(buf, "PNG")
    return buf.getvalue()


def _write_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    props = document.core_properties
    props.title, props.author, props.created = DOCX_TITLE, DOCX_AUTHOR, DOCX_DATE
    props.keywords = "网格化,枫桥经验"
    section = document.sections[0]
    section.header.paragraphs[0].text = DOCX_HEADER
    section.footer.paragraphs[0].text = DOCX_FOOTER
    document.add_heading(DOCX_TITLE, level=1)
    document.add_paragraph(PARA_SIMPLIFIED)
    document.add_paragraph(PARA_GRID)
    table = document.add_table(rows=len(DOCX_TABLE), cols=len(DOCX_TABLE[0]))
    for row, values in zip(table.rows, DOCX_TABLE):
        for cell, value in zip(row.cells, values):
            cell.text = value
    document.add_paragraph("")
    document.add_paragraph(PARA_RULES)
    document.save(str(path))


def _write_scan_pdf(path: Path) -> None:
    from PIL import Image, ImageDraw

    img = Image.new("L", (620, 877), 245)  # an A4-ish greyscale "scan"
    draw = ImageDraw.Draw(img)
    for y in range(80, 800, 22):  # lines of "print" as grey bars, no text layer
        draw.rectangle((60, y, 560 - (y * 7) % 120, y + 9), fill=60)
    img.save(str(path), "PDF", resolution=72.0)


def _write_text_pdf(path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), invariant=1)
    c.setTitle(PDF_TITLE)
    c.setAuthor(PDF_AUTHOR)
    c.setFont("STSong-Light", 12)
    y = 760
    for line in PDF_LINES:
        c.drawString(72, y, line)
        y -= 24
    c.showPage()
    c.save()


def _write_big(path: Path, megabytes: int) -> None:
    paragraphs = [PARA_SIMPLIFIED, PARA_GRID, PARA_RULES, "——", "第{n}条 " + PARA_RULES]
    block = "\n".join(p.replace("{n}", str(i)) for i, p in enumerate(paragraphs * 200)) + "\n"
    chunk = block.encode("utf-8")
    target = megabytes * 1024 * 1024
    with open(path, "wb") as fh:
        written = 0
        while written < target:
            fh.write(chunk)
            written += len(chunk)


def make_bad_inputs(folder: Path, big_mb: int = 50) -> dict[str, str]:
    """Create the awkward inputs inside ``folder``; return {file name: short description}."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    cases: dict[str, str] = {}

    def put(name: str, data: bytes, what: str) -> None:
        (folder / name).write_bytes(data)
        cases[name] = what

    put("empty.txt", b"", "empty file, 0 bytes")
    put("image.txt", _png_bytes(), "a real PNG image renamed .txt")

    gbk = PARA_SIMPLIFIED.encode("gb18030")
    cut = len(PARA_SIMPLIFIED[:TRUNCATED_AT].encode("gb18030"))
    put("truncated_gbk.txt", gbk[:cut] + b"\x80" + gbk[cut:-1],
        "GB18030 paragraph with a stray byte inserted and the last byte cut off")
    put("utf16_nobom.txt", PARA_SIMPLIFIED.encode("utf_16_le"), "UTF-16 LE Chinese paragraph without BOM")

    _write_big(folder / "big.txt", big_mb)
    cases["big.txt"] = f"~{big_mb} MB of UTF-8 Chinese text"

    _write_docx(folder / "good.docx")
    cases["good.docx"] = "real docx: heading, paragraphs, a table, header/footer, core properties"
    good = (folder / "good.docx").read_bytes()
    put("broken.docx", good[: len(good) // 2], "the bytes of good.docx truncated to half")

    _write_scan_pdf(folder / "scan.pdf")
    cases["scan.pdf"] = "one-page PDF that is only an image (a scan without text layer)"
    _write_text_pdf(folder / "text.pdf")
    cases["text.pdf"] = "PDF with a Chinese text layer (reportlab, STSong-Light)"

    put("gbk.txt", PARA_SIMPLIFIED.encode("gbk"), "Simplified Chinese paragraph in GBK")
    put("big5.txt", PARA_TRADITIONAL.encode("big5"), "Traditional Chinese paragraph in Big5")
    put("utf8_bom.txt", PARA_SIMPLIFIED.encode("utf_8_sig"), "UTF-8 with BOM")
    put("crlf.txt", ("\r\n".join(CRLF_LINES) + "\r\n").encode("utf-8"), "UTF-8 with CRLF line endings")
    put("page.html", _page_html().encode("utf-8"),
        "government web page: nav, breadcrumbs, share buttons, footer with copyright and ICP number, 4 paragraphs")

    loop = folder / "loop"
    loop.mkdir(exist_ok=True)
    try:
        os.symlink("b", loop / "a")
        os.symlink("a", loop / "b")
        os.symlink("..", loop / "self", target_is_directory=True)
    except (OSError, NotImplementedError):  # e.g. Windows without symlink rights
        cases["loop"] = "directory only: this system refused to create symlinks"
    else:
        cases["loop"] = "directory with a symlink loop (a -> b, b -> a) and self -> .. (its parent)"

    if sys.platform.startswith("linux"):  # macOS and Windows only allow valid Unicode names
        fd = os.open(os.path.join(os.fsencode(folder), GBK_NAME_BYTES), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            os.write(fd, PARA_SIMPLIFIED.encode("gbk"))
        finally:
            os.close(fd)
        cases[os.fsdecode(GBK_NAME_BYTES)] = "file name in GBK bytes (not UTF-8), GBK content"
    return cases


def hand_made_pdf(content: bytes, font: bytes = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>") -> bytes:
    """A one-page PDF written by hand: the content stream and the font /F1 given."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
         b"/Resources << /Font << /F1 5 0 R >> >> >>"),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        font,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)
