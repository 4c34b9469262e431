"""Bytes → text: read txt, md, html, docx and pdf files into :class:`RawText`.

``read_file`` / ``read_bytes`` find the real format (magic bytes first, then the file suffix)
and hand the bytes to the reader for it: :mod:`~governance_kit.io.encoding` decodes text,
:mod:`~governance_kit.io.html` strips HTML page chrome, :mod:`~governance_kit.io.office` reads
Word files and PDFs. Problems raise :class:`~governance_kit.errors.ReadError` subclasses whose
``reason`` is in Simplified Chinese; recoverable damage (a few undecodable bytes) becomes a warning.

Heavy dependencies (lxml, python-docx, pdfminer.six, charset-normalizer, PyYAML) are imported
inside the functions that need them, so ``import governance_kit.io`` stays fast.
"""
from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from io import BytesIO

from ..errors import CorruptFileError, EmptyFileError, ReadError, UnsupportedFormatError, check_choice
from .html import declared_charset, html_to_text
from .markdown import markdown_to_text
from .office import read_docx, read_pdf
from .encoding import decode
from .filebytes import NOT_REGULAR, read_once
from .limits import check_text_bytes, check_text_length

__all__ = ["RawText", "file_bytes", "read_bytes", "read_file", "SUPPORTED_SUFFIXES"]

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".htm", ".html", ".xhtml", ".docx", ".pdf", ".text", "")

FORMATS = ("txt", "md", "html", "docx", "pdf")

_SUFFIX_FORMAT = {
    ".txt": "txt", ".text": "txt", "": "txt",
    ".md": "md", ".markdown": "md",
    ".htm": "html", ".html": "html", ".xhtml": "html",
    ".docx": "docx", ".pdf": "pdf",
}
_FORMAT_ALIASES = {
    "txt": "txt", "text": "txt", "md": "md", "markdown": "md",
    "html": "html", "htm": "html", "xhtml": "html", "docx": "docx", "pdf": "pdf",
}
_FORMAT_LABEL = {"txt": "纯文本", "md": "Markdown 文本", "html": "网页", "docx": "Word 文档(.docx)", "pdf": "PDF"}
_IS_FOLDER = "这是一个文件夹,不是文件;请指定文件夹里的某个文件"


@dataclass(frozen=True)
class RawText:
    """Text decoded from one input, with what was learnt while decoding it.

    ``line_endings`` describes the input's text (``'none'`` for docx/pdf, which have no line
    terminators of their own); ``text`` always uses ``"\\n"``.
    """

    text: str
    encoding: str
    format: str
    line_endings: str
    path: str | None
    sha256: str
    size: int
    meta: dict = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    def __repr__(self) -> str:  # never dump megabytes of text into a notebook
        preview = self.text[:40] + ("…" if len(self.text) > 40 else "")
        return (
            f"RawText(format={self.format!r}, encoding={self.encoding!r}, chars={len(self.text)}, "
            f"path={self.path!r}, text={preview!r}, warnings={len(self.warnings)})"
        )


# --------------------------------------------------------------------------------------------
# Public API


def read_file(path: str | bytes | os.PathLike) -> RawText:
    """Read one file (opened read-only, never modified) into a :class:`RawText`.

    Raises ``FileNotFoundError`` when the path does not exist, :class:`ReadError` for a folder,
    a symlink loop, a device or pipe (refused before it is read), a file without read permission,
    over :data:`~.limits.MAX_FILE_BYTES` or changing while it is read (:func:`file_bytes`), and the
    :class:`ReadError` subclasses of :func:`read_bytes` for the content. ``sha256`` is the hash of
    exactly the bytes parsed.
    """
    return read_bytes(file_bytes(path), name=os.fsdecode(os.fspath(path)))


def file_bytes(path: str | bytes | os.PathLike) -> bytes:
    """The bytes of one regular file, read once (:func:`~.filebytes.read_once`); the errors of :func:`read_file`."""
    raw_path = os.fspath(path)
    shown = os.fsdecode(raw_path)
    try:
        st = os.stat(raw_path)
    except FileNotFoundError:
        if os.path.islink(raw_path):
            raise FileNotFoundError(errno.ENOENT, "符号链接指向的文件不存在(链接已失效)", shown) from None
        raise FileNotFoundError(errno.ENOENT, "找不到文件(路径不存在)", shown) from None
    except OSError as exc:
        raise ReadError(os_error_reason(exc), shown) from exc
    if stat.S_ISDIR(st.st_mode):
        raise ReadError(_IS_FOLDER, shown)
    if not stat.S_ISREG(st.st_mode):
        raise ReadError(NOT_REGULAR, shown)
    try:
        return read_once(raw_path, shown)
    except OSError as exc:
        raise ReadError(os_error_reason(exc), shown) from exc


def read_bytes(data: bytes, *, name: str | None = None, format: str | None = None) -> RawText:
    """Decode ``data`` into a :class:`RawText`.

    ``name`` (a file name or path) gives the suffix used to choose the format and is stored as
    ``path``; ``format`` ('txt', 'md', 'html', 'docx', 'pdf') overrides the suffix. Magic bytes
    win over both: a PDF is read as PDF whatever its name, a PNG is always refused. Without
    name or format, bytes that start like an HTML document are read as HTML.

    Raises :class:`EmptyFileError`, :class:`UnsupportedFormatError`, :class:`EncodingError`,
    :class:`CorruptFileError` or :class:`NoTextLayerError` (all :class:`ReadError`), and
    :class:`ReadError` for text over the limits of :mod:`.limits` (a zip bomb, a text of more than
    :func:`~.limits.max_text_chars` characters).
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"read_bytes 需要 bytes 类型的数据,收到的是 {type(data).__name__}")
    data = bytes(data)
    path = os.fsdecode(name) if name is not None else None
    sha256 = hashlib.sha256(data).hexdigest()
    if not data:
        raise EmptyFileError("文件为空(0 字节)", path)

    fmt, warnings = _resolve_format(data, path, format)
    meta: dict = {}
    if fmt in ("docx", "pdf"):
        text, meta, more = (read_docx if fmt == "docx" else read_pdf)(data, path)
        encoding, line_endings = fmt, "none"
    else:
        check_text_bytes(len(data), path)
        declared = declared_charset(data) if fmt == "html" else None
        text, encoding, more = decode(data, path, declared)
        line_endings = _line_endings(text)
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if fmt == "html":
            text, meta, html_notes = html_to_text(text, path)
            more += html_notes
        elif fmt == "md":
            text, meta, md_notes = markdown_to_text(text, path)
            more += md_notes
    check_text_length(text, path)
    warnings += more
    return RawText(
        text=text, encoding=encoding, format=fmt, line_endings=line_endings, path=path,
        sha256=sha256, size=len(data), meta=meta, warnings=tuple(warnings),
    )


def os_error_reason(exc: OSError) -> str:
    """Why the system refused to open a file, in plain Chinese."""
    code = exc.errno
    if code == errno.ELOOP:
        return "路径中的符号链接形成了循环(链接最终指回自己),无法读取"
    if code in (errno.EACCES, errno.EPERM):
        return "没有读取这个文件的权限,请检查文件权限或换一个账户打开"
    if code == errno.EISDIR:
        return _IS_FOLDER
    if code == errno.ENOENT:
        return "文件不存在(可能是失效的符号链接)"
    if code == errno.ENOTDIR:
        return "路径中有一段不是文件夹,请检查路径是否写错"
    if code == errno.ENAMETOOLONG:
        return "文件路径或文件名太长,系统无法打开"
    return f"无法读取文件(系统错误 {errno.errorcode.get(code, code)}:{exc.strerror})"


# --------------------------------------------------------------------------------------------
# Format: magic bytes, then suffix


def _resolve_format(data: bytes, path: str | None, fmt: str | None) -> tuple[str, list[str]]:
    warnings: list[str] = []
    suffix = None
    if fmt is not None:
        key = str(fmt).strip().lower().lstrip(".")
        check_choice("format", key, tuple(_FORMAT_ALIASES),
                     error=lambda message: UnsupportedFormatError(message, path))
        declared = _FORMAT_ALIASES[key]
    elif path is not None:
        suffix = os.path.splitext(path)[1].lower()
        declared = _SUFFIX_FORMAT.get(suffix)
    else:
        declared = None

    sniffed = _sniff_container(data, declared, path)
    if sniffed is not None:
        if declared is not None and declared != sniffed:
            said = f"扩展名是 {suffix}" if suffix is not None else f"指定的格式是 {declared}"
            label = _FORMAT_LABEL[sniffed]
            warnings.append(f"{said},但内容其实是{_sp(label, trail=False)},已按{_sp(label)}读取")
        return sniffed, warnings
    if declared == "docx":
        raise CorruptFileError(
            f"不是有效的 Word 文档(.docx):文件开头没有 ZIP 压缩包的标记(开头是 {_head_repr(data)}),"
            "可能已损坏,或只是改了扩展名", path)
    if declared == "pdf":
        raise CorruptFileError(
            f"不是有效的 PDF 文件:文件开头没有 %PDF 标记(开头是 {_head_repr(data)}),可能已损坏,或只是改了扩展名",
            path)
    if declared is None:
        declared = "html" if _looks_like_html(data) else "txt"
        if suffix is not None:
            warnings.append(f"扩展名 {suffix} 不在支持的格式之列,已按{_sp(_FORMAT_LABEL[declared])}读取")
    return declared, warnings


def _head_repr(data: bytes) -> str:
    """How the file starts, for error messages: a few characters if it is UTF-8 text, else hex."""
    text = data[:32].decode("utf-8", "ignore")[:10]
    if text and text.isprintable():
        return f"“{text}”"
    return f"十六进制 {data[:8].hex(' ')}"


# (test, description, hint) — description reads "这是一个{description},不是文本文件"
_OFFICE_HINT = ",请用 Word 或 WPS 打开后另存为 .docx 或 .txt 再导入"
_MAGIC: tuple[tuple, ...] = (
    (lambda d: d.startswith(b"\x89PNG\r\n\x1a\n"), "PNG 图片", ""),
    (lambda d: d.startswith(b"\xff\xd8\xff"), "JPEG 图片", ""),
    (lambda d: d[:6] in (b"GIF87a", b"GIF89a"), "GIF 图片", ""),
    (lambda d: d.startswith(b"BM") and len(d) > 26 and d[6:10] == b"\0\0\0\0", "BMP 图片", ""),
    (lambda d: d[:4] in (b"II*\x00", b"MM\x00*"), "TIFF 图片", ""),
    (lambda d: d[:4] == b"RIFF" and d[8:12] == b"WEBP", "WebP 图片", ""),
    (lambda d: d[:4] == b"RIFF" and d[8:12] == b"WAVE", "WAV 音频", ""),
    (lambda d: d[:4] == b"RIFF" and d[8:12] == b"AVI ", "AVI 视频", ""),
    (lambda d: d[4:8] == b"ftyp" and d[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"avif"), "HEIC/AVIF 图片(手机照片)", ""),
    (lambda d: d[4:8] == b"ftyp", "MP4/MOV 音视频文件", ""),
    (lambda d: d.startswith(b"8BPS"), "Photoshop 图像(PSD)", ""),
    (lambda d: d.startswith(b"\x00\x00\x01\x00") and len(d) > 22, "ICO 图标", ""),
    (lambda d: d.startswith(b"ID3") or d[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"), "MP3 音频", ""),
    (lambda d: d.startswith(b"OggS"), "Ogg 音频", ""),
    (lambda d: d.startswith(b"fLaC"), "FLAC 音频", ""),
    (lambda d: d.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), "旧版 Office 文件(.doc/.xls/.ppt 或 WPS 格式)", _OFFICE_HINT),
    (lambda d: d.startswith(b"{\\rtf"), "RTF 富文本文件", _OFFICE_HINT),
    (lambda d: d.startswith(b"\x7fELF"), "Linux 可执行程序(ELF)", ""),
    (lambda d: d.startswith(b"MZ") and b"\x00" in d[:64], "Windows 可执行程序(EXE/DLL)", ""),
    (lambda d: d[:4] in (b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe"), "macOS 可执行程序", ""),
    (lambda d: d.startswith(b"\xca\xfe\xba\xbe"), "Java 类文件或 macOS 程序", ""),
    (lambda d: d.startswith(b"\x00asm"), "WebAssembly 程序", ""),
    (lambda d: d.startswith(b"\x1f\x8b"), "GZIP 压缩文件", ",请先解压"),
    (lambda d: d.startswith(b"BZh") and d[4:10] == b"\x31\x41\x59\x26\x53\x59", "BZIP2 压缩文件", ",请先解压"),
    (lambda d: d.startswith(b"\xfd7zXZ\x00"), "XZ 压缩文件", ",请先解压"),
    (lambda d: d.startswith(b"7z\xbc\xaf\x27\x1c"), "7z 压缩包", ",请先解压"),
    (lambda d: d.startswith(b"Rar!\x1a\x07"), "RAR 压缩包", ",请先解压"),
    (lambda d: d.startswith(b"\x28\xb5\x2f\xfd"), "Zstandard 压缩文件", ",请先解压"),
    (lambda d: d[257:262] == b"ustar", "TAR 归档文件", ",请先解包"),
    (lambda d: d.startswith(b"SQLite format 3\x00"), "SQLite 数据库", ""),
    (lambda d: d.startswith(b"PAR1"), "Parquet 数据文件", ""),
)


def _sniff_container(data: bytes, declared: str | None, path: str | None) -> str | None:
    """'pdf' / 'docx' when the bytes say so; raise for any other binary format; else None."""
    at = data.find(b"%PDF-", 0, 1024)
    if at == 0 or (at > 0 and (not data[:at].strip() or any(b < 9 for b in data[:at]))):
        return "pdf"  # readers accept a little binary junk before the header
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"):
        return _sniff_zip(data, declared, path)
    for test, what, hint in _MAGIC:
        if test(data):
            raise _not_text(what, hint, path)
    return None


def _not_text(what: str, hint: str, path: str | None) -> UnsupportedFormatError:
    return UnsupportedFormatError(f"这是一个{_sp(what)},不是文本文件{hint}", path)


def _sp(what: str, trail: bool = True) -> str:
    """Space a Latin word off from the Chinese around it: '一个 PNG 图片', '按 PDF 读取'."""
    lead = " " if what[:1].isascii() and what[:1].isalnum() else ""
    end = " " if trail and what[-1:].isascii() and what[-1:].isalnum() else ""
    return f"{lead}{what}{end}"


def _sniff_zip(data: bytes, declared: str | None, path: str | None) -> str:
    import zipfile

    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            names = set(zf.namelist())
            types = _head(zf, "[Content_Types].xml", 8192) if "[Content_Types].xml" in names else b""
            mimetype = _head(zf, "mimetype", 100) if "mimetype" in names else b""
    except Exception as exc:  # zipfile raises BadZipFile, ValueError, EOFError, OSError …
        if declared == "docx" or b"word/" in data[:65536]:
            raise CorruptFileError(
                f"Word 文档已损坏:ZIP 压缩结构不完整(文件可能下载不全或被截断,现有 {len(data)} 字节),无法打开。"
                "请重新获取原文件,或用 Word 打开修复后另存", path) from exc
        raise _not_text("已损坏的 ZIP 压缩包", "", path) from exc
    if "word/document.xml" in names or b"wordprocessingml.document.main" in types:
        return "docx"
    if "xl/workbook.xml" in names:
        kind = "Excel 表格(.xlsx)"
    elif "ppt/presentation.xml" in names:
        kind = "PowerPoint 演示文稿(.pptx)"
    elif mimetype.startswith(b"application/vnd.oasis.opendocument"):
        kind = "OpenDocument 文件(.odt/.ods/.odp)"
    elif mimetype.startswith(b"application/epub"):
        kind = "EPUB 电子书"
    elif "OFD.xml" in names:
        kind = "OFD 版式文件(电子公文格式)"
    elif any(n.startswith("word/") for n in names):
        raise CorruptFileError("Word 文档已损坏:压缩包里缺少正文部分 word/document.xml,无法读取", path)
    else:
        kind = "ZIP 压缩包"
    if declared == "docx":
        raise CorruptFileError(f"不是有效的 Word 文档:压缩包里没有 word/document.xml,实际是{_sp(kind)}", path)
    hint = ",请先转换为 PDF 或 .docx" if "OFD" in kind else (",请先解压" if kind == "ZIP 压缩包" else "")
    raise _not_text(kind, hint, path)


def _head(zf, name: str, n: int) -> bytes:
    """The first ``n`` bytes of a zip member (never the whole of a member that may be huge)."""
    with zf.open(name) as fh:
        return fh.read(n)


_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>])",
    re.IGNORECASE | re.DOTALL,
)


def _looks_like_html(data: bytes) -> bool:
    return bool(_HTML_START.match(data[:2048]))


# --------------------------------------------------------------------------------------------
# Line endings


def _line_endings(text: str) -> str:
    """'LF', 'CRLF', 'CR', 'mixed' or 'none'."""
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [k for k, n in (("LF", lf), ("CRLF", crlf), ("CR", cr)) if n]
    if not kinds:
        return "none"
    return kinds[0] if len(kinds) == 1 else "mixed"
