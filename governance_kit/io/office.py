"""Word (.docx) and PDF → text: paragraphs and tables of a document, the text layer of a PDF, and their metadata.

Damaged, encrypted or image-only files raise :class:`ReadError` subclasses with Chinese reasons.
python-docx and pdfminer.six are imported on first use.
"""
from __future__ import annotations

import codecs
import re
from io import BytesIO, StringIO

from ..errors import CorruptFileError, EmptyFileError, NoTextLayerError, UnsupportedFormatError
from .altchunk import chunk_lines
from .dates import normalise_date, stated_date
from .limits import check_zip
from .lines import join_broken_lines

__all__ = ["pdf_string", "read_docx", "read_pdf"]

# --------------------------------------------------------------------------------------------
# DOCX

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_DOCX_SKIP = {_W + t for t in ("del", "delText", "instrText", "rPr", "pPr", "fldData", "moveFrom")} | {_MC_FALLBACK}
_DOCX_WRAPPERS = {_W + "sdt", _W + "sdtContent", _W + "customXml"}



def read_docx(data: bytes, path: str | None) -> tuple[str, dict, list[str]]:
    """Lines of a Word document (table rows with tab-separated cells, ``w:altChunk`` parts in place);
    return (text, meta, warnings)."""
    import docx

    _check_unzipped_size(data, path)
    warnings: list[str] = []
    try:
        document = docx.Document(BytesIO(data))
        meta = _docx_meta(document)
        lines: list[str] = []
        _docx_blocks(document.element.body, lines,
                     lambda el: chunk_lines(el, document.part, path, warnings, meta))
    except ValueError as exc:
        msg = str(exc)
        if "content type" in msg:
            kind = "启用宏的 Word 文档(.docm)" if "macroEnabled" in msg else (
                "Word 模板(.dotx)" if "template" in msg else "非标准的 Word 文件")
            raise UnsupportedFormatError(f"这是{kind},请在 Word 中另存为 .docx 后再导入", path) from exc
        raise CorruptFileError(f"Word 文档已损坏:{_docx_problem(exc)},无法读取其中的内容", path) from exc
    except Exception as exc:  # zipfile, lxml and python-docx raise many kinds
        raise CorruptFileError(
            f"Word 文档已损坏:{_docx_problem(exc)},无法打开。"
            "请用 Word 打开修复后另存", path) from exc
    if not lines:
        why = f"({';'.join(warnings)})" if warnings else ""
        raise EmptyFileError(f"Word 文档中没有文字(正文为空){why}", path)
    text = "\n".join(lines)
    _date_from_text(meta, text)  # the file's dates are often a template's
    return text, meta, warnings


def _check_unzipped_size(data: bytes, path: str | None) -> None:
    """Refuse a docx whose parts, unpacked, would not fit the memory bound (a "zip bomb"), from the zip
    directory alone (:func:`~.limits.check_zip`)."""
    import zipfile

    try:
        zf = zipfile.ZipFile(BytesIO(data))
    except Exception:  # python-docx reports the damage in its own words below
        return
    with zf:
        check_zip(zf, len(data), path)


def _docx_problem(exc: Exception) -> str:
    """What is wrong inside a docx, in plain Chinese (the original exception stays chained)."""
    name = type(exc).__name__
    if isinstance(exc, KeyError) or "no item named" in str(exc):
        part = re.search(r"'([^']+)'", str(exc))
        return f"压缩包里缺少必要的部分 {part.group(1)}" if part else "压缩包里缺少必要的部分"
    if name == "XMLSyntaxError":
        line = getattr(exc, "lineno", None)
        return f"内部 XML 内容有误(第 {line} 行)" if line else "内部 XML 内容有误"
    if name in ("BadZipFile", "error", "EOFError") or "zip" in str(exc).lower():
        return "压缩数据损坏或不完整"
    return "内部结构有误"


def _docx_blocks(container, lines: list[str], chunk=None) -> None:
    """Append the lines of the block-level children of ``container`` (body, cell, text box);
    ``chunk(element)`` gives the lines of a ``w:altChunk``."""
    for child in container:
        tag = child.tag
        if tag == _W + "p":
            text, boxes = _docx_paragraph(child)
            lines.extend(s for s in (ln.strip() for ln in text.split("\n")) if s)
            for box in boxes:
                _docx_blocks(box, lines, chunk)
        elif tag == _W + "tbl":
            for row in _docx_children(child, "tr"):
                cells = []
                for cell in _docx_children(row, "tc"):
                    inner: list[str] = []
                    _docx_blocks(cell, inner, chunk)
                    cells.append(" ".join(s.replace("\t", " ") for s in inner))
                if any(cells):
                    lines.append("\t".join(cells).rstrip())
        elif tag in _DOCX_WRAPPERS:
            _docx_blocks(child, lines, chunk)
        elif tag == _W + "altChunk" and chunk is not None:
            lines.extend(chunk(child))


def _docx_children(el, name: str):
    """Children ``w:name`` of ``el``, looking through content-control / custom-XML wrappers."""
    for child in el:
        if child.tag == _W + name:
            yield child
        elif child.tag in _DOCX_WRAPPERS:
            yield from _docx_children(child, name)


def _docx_paragraph(p) -> tuple[str, list]:
    """Text of a ``w:p`` (tabs and breaks kept) and the text boxes it anchors."""
    parts: list[str] = []
    boxes: list = []

    def walk(el) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _DOCX_SKIP:
                continue
            if tag == _W + "t":
                parts.append(child.text or "")
            elif tag in (_W + "tab", _W + "ptab"):
                parts.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                parts.append("\n")
            elif tag == _W + "noBreakHyphen":
                parts.append("-")
            elif tag == _W + "txbxContent":
                boxes.append(child)
            else:
                walk(child)

    walk(p)
    return "".join(parts), boxes


def _docx_meta(document) -> dict:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    # python-docx invents default core properties when the file has none: do not report those
    if not any(rel.reltype == RT.CORE_PROPERTIES for rel in document.part.package.rels.values()):
        return {}
    props = document.core_properties
    meta: dict = {}
    for key, value in (("title", props.title), ("author", props.author), ("keywords", props.keywords)):
        if value and value.strip():
            meta[key] = value.strip()
    if props.created is not None:
        meta["date"] = props.created.date().isoformat()
    return meta


# --------------------------------------------------------------------------------------------
# PDF

_CID = re.compile(r"\(cid:\d+\)")
_PDF_INFO_KEYS = (("Title", "title"), ("Author", "author"), ("CreationDate", "date"), ("ModDate", "date"),
                  ("Keywords", "keywords"))


def read_pdf(data: bytes, path: str | None) -> tuple[str, dict, list[str]]:
    """The text layer of a PDF, page after page; return (text, meta, warnings)."""
    import logging

    logger = logging.getLogger("pdfminer")
    old_level = logger.level
    logger.setLevel(logging.CRITICAL + 1)  # pdfminer logs warnings about harmless quirks
    try:
        return _read_pdf_quiet(data, path)
    finally:
        logger.setLevel(old_level)


def _read_pdf_quiet(data: bytes, path: str | None) -> tuple[str, dict, list[str]]:
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    warnings: list[str] = []
    try:
        document = PDFDocument(PDFParser(BytesIO(data)))
    except PDFPasswordIncorrect as exc:
        raise CorruptFileError("PDF 已加密,需要密码才能打开;请先去掉密码(另存为不加密的 PDF)后再导入", path) from exc
    except PDFEncryptionError as exc:
        raise CorruptFileError("PDF 已加密,且加密方式无法识别;请先去掉密码(另存为不加密的 PDF)后再导入", path) from exc
    except Exception as exc:
        raise CorruptFileError(f"PDF 文件已损坏:{_pdf_problem(exc)},无法解析", path) from exc
    meta = _pdf_meta(document)
    if not document.is_extractable:
        warnings.append("PDF 设置了禁止复制的权限标记,已照常读取其中的文字")

    out = StringIO()
    manager = PDFResourceManager(caching=True)
    device = _line_recorder()(manager, out, laparams=LAParams())
    interpreter = PDFPageInterpreter(manager, device)
    pages: list[str] = []
    boxes: list[dict | None] = []
    failed: list[int] = []
    try:
        for number, page in enumerate(PDFPage.create_pages(document), 1):
            out.seek(0)
            out.truncate(0)
            try:
                interpreter.process_page(page)
            except Exception:
                failed.append(number)
                pages.append("")
                boxes.append(None)
                continue
            pages.append(out.getvalue())
            boxes.append(device.boxes)
    except Exception as exc:
        if not pages:
            raise CorruptFileError(f"PDF 文件已损坏:{_pdf_problem(exc)},读不出页面", path) from exc
        warnings.append(f"PDF 第 {len(pages)} 页之后的页面结构损坏,只读取了前 {len(pages)} 页")
    finally:
        device.close()

    n = len(pages)
    if n == 0:
        raise EmptyFileError("PDF 中没有任何页面", path)
    cid = 0
    cleaned = []
    for number, text in enumerate(pages):
        text = text.replace("\f", "")
        found = len(_CID.findall(text))
        if found:
            cid += found
            text = _CID.sub("\ufffd", text)
        lead = len(text) - len(text.lstrip("\n"))  # lines stripped off the top: renumber the boxes
        if boxes[number] is not None:
            boxes[number] = {i - lead: box for i, box in boxes[number].items() if i >= lead}
        cleaned.append("\n".join(ln.rstrip() for ln in text.strip("\n").split("\n")))
    cleaned, meta["lines_joined"], meta["lines_kept"] = join_broken_lines(cleaned, boxes)
    text = "\n".join(cleaned).strip("\n")
    _date_from_text(meta, text)
    if not any(ch.isalpha() for ch in text):
        if cid:
            raise NoTextLayerError(
                f"PDF 共 {n} 页,文字层无法识别(字体缺少编码表,提取出的只是字形编号),请先用 OCR 识别后再导入", path)
        raise NoTextLayerError(f"PDF 共 {n} 页,但没有文字层(可能是扫描件),请先用 OCR 识别后再导入", path)
    blank = [i for i, t in enumerate(cleaned, 1) if i not in failed and not any(ch.isalpha() for ch in t)]
    if blank:
        warnings.append(f"PDF 第 {_page_list(blank)} 页没有文字(可能是扫描页、图片页或空白页),这些页如有内容需先做 OCR 识别")
    if failed:
        warnings.append(f"PDF 第 {_page_list(failed)} 页无法解析,已跳过")
    if cid:
        warnings.append(f"有 {cid} 个字符因 PDF 字体缺少编码表无法识别,已替换为 U+FFFD(�)")
    return text, meta, warnings


def _line_recorder():
    """pdfminer's TextConverter writing the very same text, and noting for each line of a page it
    writes where that line stands (``boxes``: {line number on the page: (x0, y0, x1, y1)})."""
    from pdfminer.converter import TextConverter
    from pdfminer.layout import LTContainer, LTText, LTTextBox, LTTextLine

    class LineRecorder(TextConverter):
        boxes: dict = {}

        def receive_layout(self, ltpage) -> None:
            boxes: dict = {}
            state = {"line": 0, "started": False}  # line number, and whether it already holds text

            def write(text: str) -> None:
                self.write_text(text)
                if "\n" in text:
                    state["line"] += text.count("\n")
                    state["started"] = not text.endswith("\n")
                elif text:
                    state["started"] = True

            def render(item) -> None:
                if isinstance(item, LTTextLine):
                    text = item.get_text()
                    if not state["started"] and text.endswith("\n") and text.count("\n") == 1:
                        boxes[state["line"]] = tuple(item.bbox)
                    write(text)
                elif isinstance(item, LTContainer):
                    for child in item:
                        render(child)
                elif isinstance(item, LTText):
                    write(item.get_text())
                if isinstance(item, LTTextBox):
                    write("\n")

            render(ltpage)
            self.write_text("\f")
            self.boxes = boxes

    return LineRecorder


def _date_from_text(meta: dict, text: str) -> None:
    """Prefer the date the document states on a line of its own to the file's creation or
    modification date (often the date of a template or of a later conversion); say which was used."""
    if "date" in meta:
        meta["file_date"] = meta["date"]
    lines = text.split("\n")
    found = stated_date(lines[:200] + lines[-40:] if len(lines) > 240 else lines)
    if found:
        meta["date"], meta["date_line"] = found
        meta["date_source"] = "text"
    elif "date" in meta:
        meta["date_source"] = "file"


def _pdf_problem(exc: Exception) -> str:
    """What is wrong with a PDF, in plain Chinese (the original exception stays chained)."""
    name, text = type(exc).__name__, str(exc)
    if name in ("PSEOF", "EOFError") or "EOF" in text:
        return "文件不完整,可能下载不全或被截断"
    if "Root" in text or "xref" in text.lower() or name == "PDFNoValidXRef":
        return "找不到文档的目录结构"
    return "内部结构有误"


def _page_list(numbers: list[int]) -> str:
    shown = "、".join(map(str, numbers[:10]))
    return shown + (f" 等共 {len(numbers)}" if len(numbers) > 10 else "")


def _pdf_meta(document) -> dict:
    from pdfminer.pdftypes import resolve1

    meta: dict = {}
    for info in document.info or []:
        try:
            info = resolve1(info)
        except Exception:
            continue
        if not isinstance(info, dict):
            continue
        for key, target in _PDF_INFO_KEYS:
            if target in meta or key not in info:
                continue
            try:
                value = pdf_string(resolve1(info[key]))
            except Exception:
                value = None
            if value:
                meta[target] = normalise_date(value) if target == "date" else value
    return meta


def pdf_string(value) -> str | None:
    """Decode a PDF text string: UTF-16 (with BOM), UTF-8 (with BOM or valid), else PDFDocEncoding."""
    from pdfminer.psparser import PSLiteral
    from pdfminer.utils import decode_text

    if isinstance(value, PSLiteral):
        value = value.name
    if isinstance(value, bytes):
        if value[:2] == codecs.BOM_UTF16_BE:
            text = value[2:].decode("utf_16_be", "replace")
        elif value[:2] == codecs.BOM_UTF16_LE:
            text = value[2:].decode("utf_16_le", "replace")
        elif value[:3] == codecs.BOM_UTF8:
            text = value[3:].decode("utf-8", "replace")
        else:
            try:
                text = value.decode("utf-8")
            except UnicodeDecodeError:
                text = decode_text(value)
    elif isinstance(value, str):
        text = value
    else:
        return None
    text = text.replace("\x00", "").strip()
    return text or None
