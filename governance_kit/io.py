"""Bytes → text: read txt, md, html, docx and pdf files into :class:`RawText`.

``read_file`` / ``read_bytes`` find the real format (magic bytes first, then the file suffix),
detect the text encoding (BOM, strict UTF-8, UTF-16 without BOM, then charset-normalizer),
strip HTML page chrome, pull paragraphs and tables out of Word files and the text layer out
of PDFs. Problems raise :class:`~governance_kit.errors.ReadError` subclasses whose ``reason``
is in Simplified Chinese; recoverable damage (a few undecodable bytes) becomes a warning.

Heavy dependencies (lxml, python-docx, pdfminer.six, charset-normalizer, PyYAML) are imported
inside the functions that need them, so ``import governance_kit.io`` stays fast.
"""
from __future__ import annotations

import codecs
import errno
import functools
import hashlib
import os
import re
import stat
import threading
from dataclasses import dataclass, field
from io import BytesIO, StringIO

from governance_kit.errors import (
    CorruptFileError,
    EmptyFileError,
    EncodingError,
    NoTextLayerError,
    ReadError,
    RuleFileError,
    UnsupportedFormatError,
)

__all__ = ["RawText", "read_bytes", "read_file", "SUPPORTED_SUFFIXES"]

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

# Bytes sampled for encoding detection, and for the mess-ratio comparison of Chinese codecs.
_SAMPLE_BYTES = 256 * 1024
_PROBE_BYTES = 16 * 1024
# cn's default chaos threshold: above this a decoding is not plausible text.
_MAX_MESS = 0.2


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
    a symlink loop, a device or pipe, or a file without read permission, and the
    :class:`ReadError` subclasses of :func:`read_bytes` for the content.
    """
    raw_path = os.fspath(path)
    shown = os.fsdecode(raw_path)
    try:
        st = os.stat(raw_path)
    except FileNotFoundError:
        if os.path.islink(raw_path):
            raise FileNotFoundError(errno.ENOENT, "符号链接指向的文件不存在(链接已失效)", shown) from None
        raise FileNotFoundError(errno.ENOENT, "找不到文件(路径不存在)", shown) from None
    except OSError as exc:
        raise ReadError(_os_reason(exc), shown) from exc
    if stat.S_ISDIR(st.st_mode):
        raise ReadError("这是一个文件夹,不是文件;请指定文件夹里的某个文件", shown)
    if not stat.S_ISREG(st.st_mode):
        raise ReadError("这不是普通文件(可能是设备、管道或套接字),无法作为文本读取", shown)
    try:
        with open(raw_path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise ReadError(_os_reason(exc), shown) from exc
    return read_bytes(data, name=shown)


def read_bytes(data: bytes, *, name: str | None = None, format: str | None = None) -> RawText:
    """Decode ``data`` into a :class:`RawText`.

    ``name`` (a file name or path) gives the suffix used to choose the format and is stored as
    ``path``; ``format`` ('txt', 'md', 'html', 'docx', 'pdf') overrides the suffix. Magic bytes
    win over both: a PDF is read as PDF whatever its name, a PNG is always refused. Without
    name or format, bytes that start like an HTML document are read as HTML.

    Raises :class:`EmptyFileError`, :class:`UnsupportedFormatError`, :class:`EncodingError`,
    :class:`CorruptFileError` or :class:`NoTextLayerError` (all :class:`ReadError`).
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
    if fmt == "docx":
        text, meta, more = _read_docx(data, path)
        encoding, line_endings = "docx", "none"
    elif fmt == "pdf":
        text, meta, more = _read_pdf(data, path)
        encoding, line_endings = "pdf", "none"
    else:
        declared = _declared_charset(data) if fmt == "html" else None
        text, encoding, more = _decode(data, path, declared)
        line_endings = _line_endings(text)
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if fmt == "html":
            text, meta, html_notes = _read_html(text, path)
            more += html_notes
    warnings += more
    return RawText(
        text=text, encoding=encoding, format=fmt, line_endings=line_endings, path=path,
        sha256=sha256, size=len(data), meta=meta, warnings=tuple(warnings),
    )


# --------------------------------------------------------------------------------------------
# Format: magic bytes, then suffix


def _os_reason(exc: OSError) -> str:
    code = exc.errno
    if code == errno.ELOOP:
        return "路径中的符号链接形成了循环(链接最终指回自己),无法读取"
    if code in (errno.EACCES, errno.EPERM):
        return "没有读取这个文件的权限,请检查文件权限或换一个账户打开"
    if code == errno.EISDIR:
        return "这是一个文件夹,不是文件;请指定文件夹里的某个文件"
    if code == errno.ENOTDIR:
        return "路径中有一段不是文件夹,请检查路径是否写错"
    if code == errno.ENAMETOOLONG:
        return "文件路径或文件名太长,系统无法打开"
    return f"无法读取文件(系统错误 {errno.errorcode.get(code, code)}:{exc.strerror})"


def _resolve_format(data: bytes, path: str | None, fmt: str | None) -> tuple[str, list[str]]:
    warnings: list[str] = []
    suffix = None
    if fmt is not None:
        key = str(fmt).strip().lower().lstrip(".")
        if key not in _FORMAT_ALIASES:
            raise UnsupportedFormatError(f"不支持的格式 {fmt!r},可选:txt、md、html、docx、pdf", path)
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
            raise UnsupportedFormatError(f"这是一个{_sp(what)},不是文本文件{hint}", path)
    return None


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
            types = zf.read("[Content_Types].xml")[:8192] if "[Content_Types].xml" in names else b""
            mimetype = zf.read("mimetype")[:100] if "mimetype" in names else b""
    except Exception as exc:  # zipfile raises BadZipFile, ValueError, EOFError, OSError …
        if declared == "docx" or b"word/" in data[:65536]:
            raise CorruptFileError(
                f"Word 文档已损坏:ZIP 压缩结构不完整(文件可能下载不全或被截断,现有 {len(data)} 字节),无法打开。"
                "请重新获取原文件,或用 Word 打开修复后另存", path) from exc
        raise UnsupportedFormatError("这是一个已损坏的 ZIP 压缩包,不是文本文件", path) from exc
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
    raise UnsupportedFormatError(f"这是一个{_sp(kind)},不是文本文件{hint}", path)


_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>])",
    re.IGNORECASE | re.DOTALL,
)


def _looks_like_html(data: bytes) -> bool:
    return bool(_HTML_START.match(data[:2048]))


# --------------------------------------------------------------------------------------------
# Encodings

_ERRORS = "governance_kit.count_replace"
_tls = threading.local()


def _count_replace(exc: UnicodeError):
    """Codec error handler: like 'replace', but counts the undecodable bytes (per thread)."""
    if isinstance(exc, UnicodeDecodeError):
        _tls.bad = getattr(_tls, "bad", 0) + (exc.end - exc.start)
        return "\ufffd", exc.end
    raise exc


codecs.register_error(_ERRORS, _count_replace)


def _decode_counting(data: bytes, codec: str) -> tuple[str, int]:
    _tls.bad = 0
    text = data.decode(codec, _ERRORS)
    return text, _tls.bad


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf_32"), (codecs.BOM_UTF32_BE, "utf_32"),
    (codecs.BOM_UTF8, "utf_8_sig"),
    (codecs.BOM_UTF16_LE, "utf_16"), (codecs.BOM_UTF16_BE, "utf_16"),
)
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "cp936", "euc_cn", "gb_2312_80", "euc_gb2312_cn"}
_CHINESE = {"gb18030", "big5", "big5hkscs", "cp950"}
_CODEC_LABEL = {
    "utf_8": "UTF-8", "utf_8_sig": "UTF-8(带 BOM)", "utf_16": "UTF-16(带 BOM)", "utf_32": "UTF-32(带 BOM)",
    "utf_16_le": "UTF-16 LE", "utf_16_be": "UTF-16 BE", "gb18030": "GB18030", "big5": "Big5",
}
# C0 control bytes that never occur in text (NUL is counted separately)
_CONTROL = bytes(b for b in range(1, 32) if b not in (9, 10, 11, 12, 13, 27)) + b"\x7f"
_HIGH = bytes(range(128, 256))


def _codec_name(name: str) -> str:
    """Python codec name with underscores; the GB2312/GBK family becomes its superset GB18030."""
    norm = codecs.lookup(name).name.replace("-", "_")
    return "gb18030" if norm in _GB_FAMILY else norm


def _label(codec: str) -> str:
    return _CODEC_LABEL.get(codec, codec.upper())


def _replaced_note(codec: str, bad: int) -> str:
    return f"按 {_label(codec)} 解码时有 {bad} 个字节无法识别,已替换为 U+FFFD(�)"


def _sample(data: bytes, limit: int = _SAMPLE_BYTES) -> bytes:
    """A slice of ``data`` for detection: starts at the first non-ASCII byte if the head is ASCII,
    and ends on a character boundary (after a newline, else after the last ASCII byte)."""
    if len(data) <= limit:
        return data
    start = 0
    if data[:limit].isascii():
        m = re.search(rb"[\x80-\xff]", data)
        if m is None:
            return data[:limit]
        start = m.start() - m.start() % 2  # keep UTF-16 code units aligned
    chunk = data[start:start + limit]
    cut = chunk.rfind(b"\n")
    if cut >= limit // 2:
        return chunk[:cut + 1]
    for i in range(len(chunk) - 1, max(-1, len(chunk) - 1025), -1):
        if chunk[i] < 0x80:
            return chunk[:i + 1]
    return chunk


def _sniff_utf16(sample: bytes) -> str | None:
    """UTF-16 without BOM. Called when the sample holds NUL or other control bytes (never found
    in UTF-8, GBK or Big5 text, common in UTF-16: ASCII, line breaks, U+xx00–U+xx1F).
    One byte order must decode to printable text; Chinese text and NUL parity break ties.
    Returns 'utf_16_le', 'utf_16_be' or None."""
    s = sample[:65536]
    s = s[: len(s) // 2 * 2]
    if len(s) < 4:
        return None
    scores = {}
    for codec in ("utf_16_le", "utf_16_be"):
        text = s.decode(codec, "replace")
        if text.count("\ufffd") > 1:
            continue
        printable = sum(1 for ch in text if ch.isprintable() or ch.isspace())
        common = len(_COMMON_TEXT.findall(text)) / len(text)
        # GB2312 text read as UTF-16 BE is printable Hangul: ask for common characters too
        if printable >= 0.95 * len(text) and common >= 0.8:
            scores[codec] = common
    if len(scores) == 1:
        return next(iter(scores))
    if not scores:
        return None
    le, be = scores["utf_16_le"], scores["utf_16_be"]
    if abs(le - be) > 0.05:
        return "utf_16_le" if le > be else "utf_16_be"
    even, odd = s[0::2].count(0), s[1::2].count(0)  # ASCII: NUL on odd bytes in LE, even in BE
    return "utf_16_be" if even > odd else "utf_16_le"


# ASCII, Latin (pinyin tone marks), Greek, Cyrillic, general punctuation, CJK punctuation and
# kana, CJK ideographs, full-width forms
_COMMON_TEXT = re.compile(
    r"[\t\n\r\x20-\x7e\u00a0-\u024f\u0370-\u04ff\u2000-\u206f\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]")


def _decode_utf16(data: bytes, codec: str, warnings: list[str]) -> str:
    text, bad = _decode_counting(data, codec)
    if bad:
        warnings.append(_replaced_note(codec, bad))
    return text


def _check_not_binary(sample: bytes, path: str | None, *, count_nul: bool) -> None:
    n = len(sample)
    ctrl = n - len(sample.translate(None, _CONTROL))
    nul = sample.count(0) if count_nul else 0
    if (ctrl > 0.05 * n and ctrl > 2) or nul > 0.3 * n:
        pct = round(100 * (ctrl + nul) / n)
        raise EncodingError(
            f"内容不是文本:前 {n} 个字节中有 {pct}% 是控制字符,像是二进制文件(程序、数据库、压缩包等),"
            "无法按文字读取", path)


_DECLARED = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]+)", re.IGNORECASE)
_XML_DECLARED = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9_.:\-]+)", re.IGNORECASE)


def _declared_charset(data: bytes) -> str | None:
    head = data[:8192]
    m = _XML_DECLARED.match(head) or _DECLARED.search(head)
    return m.group(1).decode("ascii") if m else None


def _decode(data: bytes, path: str | None, declared: str | None = None) -> tuple[str, str, list[str]]:
    """Decode text bytes; return (text without BOM/NUL, codec name, warnings)."""
    warnings: list[str] = []
    text, codec = _decode_raw(data, path, declared, warnings)
    if text.startswith("\ufeff"):
        text = text[1:]
    if text.endswith("\x1a"):  # Ctrl-Z end-of-file mark of old DOS/Windows editors
        text = text[:-1]
    if "\x00" in text:
        nul = text.count("\x00")
        text = text.replace("\x00", "")
        warnings.append(f"已删除 {nul} 个空字符(NUL)")
    if not text or text.isspace():
        if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not text:
            raise EmptyFileError(f"文件只有字节顺序标记(BOM,共 {len(data)} 字节),没有文字内容", path)
        if data.count(0) == len(data):
            raise EmptyFileError(f"文件只包含空字符(NUL,共 {len(data)} 字节),没有文字内容", path)
        raise EmptyFileError(f"文件只有空白字符(共 {len(data)} 字节),没有文字内容", path)
    return text, codec, warnings


def _decode_raw(data: bytes, path: str | None, declared: str | None, warnings: list[str]) -> tuple[str, str]:
    # 1. byte-order mark
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text, bad = _decode_counting(data, codec)
            if bad <= max(4, len(data) // 100):
                if bad:
                    warnings.append(_replaced_note(codec, bad))
                return text, codec
            unicode_name = {"utf_8_sig": "UTF-8", "utf_16": "UTF-16", "utf_32": "UTF-32"}[codec]
            warnings.append(
                f"文件开头有 {unicode_name} 的字节顺序标记(BOM),但内容不是 {unicode_name},已忽略该标记并重新检测编码")
            data = data[len(bom):]
            break

    sample = _sample(data)
    # 2. UTF-16 without BOM, when there are NUL bytes (ASCII-only UTF-16 is also valid UTF-8)
    has_nul = b"\x00" in sample
    if has_nul and (codec := _sniff_utf16(sample)):
        return _decode_utf16(data, codec, warnings), codec

    # 3. strict UTF-8: most files
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _check_not_binary(sample, path, count_nul=False)
        if declared and not data.isascii():
            dec = _safe_codec(declared)
            if dec and dec != "utf_8":
                warnings.append(f"网页声明的编码是 {declared},但内容实际是 UTF-8,已按 UTF-8 读取")
        return text, "utf_8"

    # 4. UTF-16 of CJK text has no NUL but often control bytes, which GBK/Big5 never have
    if not has_nul and len(sample.translate(None, _CONTROL)) < len(sample) and (codec := _sniff_utf16(sample)):
        return _decode_utf16(data, codec, warnings), codec
    _check_not_binary(sample, path, count_nul=True)

    # 5. charset declared by the HTML page, when it fits the bytes
    if declared:
        dec = _safe_codec(declared)
        if dec:
            try:
                text = data.decode(dec)
            except UnicodeDecodeError:
                text = None
            if text is not None and (dec in _CHINESE or _plausible(_sample(data, _PROBE_BYTES), dec)):
                return text, dec
            warnings.append(f"网页声明的编码是 {declared},但内容与之不符,已自动检测编码")
        else:
            warnings.append(f"网页声明的编码 {declared} 无法识别,已自动检测编码")

    # 6. charset-normalizer on a sample, then decode everything with its choice
    codec, note = _detect(sample, path)
    text, bad = _decode_counting(data, codec)
    non_ascii = len(data) - len(data.translate(None, _HIGH))
    if bad > 8 and bad > 0.2 * non_ascii:
        raise EncodingError(
            f"无法确定文本编码:按最可能的 {_label(codec)} 解码时仍有 {bad} 个字节无法识别"
            f"(占非 ASCII 字节的 {round(100 * bad / non_ascii)}%),文件可能损坏或混用了多种编码", path)
    if note and bad:
        warnings.append(f"{note},有 {bad} 个字节无法识别,已替换为 U+FFFD(�)")
    elif note or bad:
        warnings.append(note or _replaced_note(codec, bad))
    return text, codec


def _plausible(probe: bytes, codec: str) -> bool:
    """Single-byte codecs decode anything: ask charset-normalizer's mess measure instead."""
    from charset_normalizer.md import mess_ratio

    return mess_ratio(probe.decode(codec, "replace"), 1.0) < _MAX_MESS


def _safe_codec(name: str) -> str | None:
    try:
        codec = _codec_name(name)
    except LookupError:
        return None
    # HTML pages that claim UTF-16/32 without a BOM are really ASCII-compatible (WHATWG rule)
    return None if codec.startswith(("utf_16", "utf_32")) else codec


def _detect(sample: bytes, path: str | None) -> tuple[str, str | None]:
    """Choose a codec for bytes that are not UTF-8 or UTF-16; return (codec, low-confidence note).

    This is a Chinese kit: bytes that decode as GB18030 or Big5 (allowing a little damage) are
    read as Chinese, the two weighed against each other with charset-normalizer's mess measure
    (ties go to GB18030). charset-normalizer's own choice is used when neither fits; on short or
    damaged Chinese texts it often answers Korean, Japanese, Thai or nothing at all.
    """
    import charset_normalizer
    from charset_normalizer.md import mess_ratio

    probe = _sample(sample, _PROBE_BYTES)
    non_ascii = len(probe) - len(probe.translate(None, _HIGH))
    tolerance = max(1, non_ascii // 50)  # undecodable bytes accepted as damage

    # UTF-8 with a few damaged bytes (a cut-off character, a stray byte)
    _, bad = _decode_counting(probe, "utf_8")
    if bad <= tolerance and bad * 20 <= non_ascii:
        return "utf_8", "文本基本是 UTF-8 编码,但有损坏的字节"

    best = charset_normalizer.from_bytes(sample).best()
    cn_codec = None
    if best is not None:
        try:
            cn_codec = _codec_name(best.encoding)
        except LookupError:
            cn_codec = None
    if cn_codec in ("utf_8", "ascii"):
        return "utf_8", None
    if cn_codec and cn_codec.startswith(("utf_16", "utf_32")) and b"\x00" in sample:
        return cn_codec, None

    scored = []
    for rank, codec in enumerate(("gb18030", "big5")):
        text, bad = _decode_counting(probe, codec)
        scored.append((bad, mess_ratio(text, 1.0), rank, codec))
    bad, _, _, codec = min(scored)
    # UTF-16 of CJK text alone has no NUL or control byte: believe charset-normalizer when the
    # bytes also read as printable UTF-16 and not cleanly as GB18030/Big5
    if cn_codec in ("utf_16_le", "utf_16_be") and bad and _sniff_utf16(sample) == cn_codec:
        return cn_codec, None
    if bad <= tolerance:
        if cn_codec is not None and cn_codec != codec:
            why = f"检测器的首选是 {cn_codec}"
        elif bad:
            why = "文本有损坏"
        elif non_ascii < 40:
            why = "文本太短"
        else:
            return codec, None
        return codec, f"编码检测置信度低({why}),按 {_label(codec)} 解码"
    if cn_codec:
        return cn_codec, f"按 {cn_codec} 编码解码(这不是常见的中文编码),请核对文字是否正确"
    raise EncodingError("无法识别文本编码:内容既不是 UTF-8,也不像 GB18030/GBK 或 Big5 编码的中文", path)


def _line_endings(text: str) -> str:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [k for k, n in (("LF", lf), ("CRLF", crlf), ("CR", cr)) if n]
    if not kinds:
        return "none"
    return kinds[0] if len(kinds) == 1 else "mixed"


# --------------------------------------------------------------------------------------------
# Metadata helpers

_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2}))?")
_DATE_COMPACT = re.compile(r"(?:D:)?(\d{4})(\d{2})?(\d{2})?")


def _iso_date(value: str) -> str:
    """'2023年5月22日' / '2023/05/22 10:30' / 'D:20230522…' → '2023-05-22'; otherwise unchanged."""
    value = value.strip()
    m = _DATE.search(value) or _DATE_COMPACT.match(value)
    if not m:
        return value
    parts = [m.group(1)] + [g.zfill(2) for g in m.groups()[1:] if g]
    return "-".join(parts)


# --------------------------------------------------------------------------------------------
# HTML

_BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu nav ol "
    "p pre section summary table tbody thead tfoot tr ul".split()
)
_CELL_TAGS = frozenset(("td", "th"))
_CELL_MARK = "\ue000"  # private-use stand-in for a tab between table cells
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])\s*\n\s*(?=[{_CJK}])")
_SPACES = re.compile(r"\s+")
_XML_DECL_STR = re.compile(r"^\s*<\?xml[^>]*\?>")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

# <meta name|property> → meta key; for each key the earlier names in this table win.
_META_KEYS = {
    "author": "author", "dc.creator": "author", "article:author": "author", "dcterms.creator": "author",
    "keywords": "keywords", "news_keywords": "keywords",
    "description": "description", "og:description": "description",
    "publishdate": "date", "pubdate": "date", "publish_date": "date", "publishtime": "date",
    "firstpublishedtime": "date", "article:published_time": "date", "dc.date": "date",
    "dcterms.created": "date", "dc.date.issued": "date", "date": "date", "maketime": "date",
    "contentsource": "source", "source": "source", "dc.publisher": "source", "sitename": "source",
    "og:site_name": "source",
}
_META_RANK = {name: rank for rank, name in enumerate(_META_KEYS)}


@dataclass(frozen=True)
class _Chrome:
    drop_tags: frozenset
    chrome_tags: frozenset
    keep_inside_article: frozenset
    article_tags: frozenset
    roles: frozenset
    pattern: re.Pattern


@functools.lru_cache(maxsize=1)
def _chrome_config() -> _Chrome:
    """Load ``data/html_chrome.yaml`` once."""
    from importlib.resources import files

    import yaml

    name = "governance_kit/data/html_chrome.yaml"
    doc = yaml.safe_load((files("governance_kit") / "data" / "html_chrome.yaml").read_text(encoding="utf-8"))
    if not isinstance(doc, dict) or "source" not in doc:
        raise RuleFileError(f"{name}:缺少 source 说明行或格式不是映射")

    def tags(key: str) -> frozenset:
        value = doc.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise RuleFileError(f"{name}:{key} 应是标签名列表,实际是 {value!r}")
        return frozenset(v.lower() for v in value)

    patterns = doc.get("chrome_patterns", [])
    if not isinstance(patterns, list):
        raise RuleFileError(f"{name}:chrome_patterns 应是正则表达式列表")
    for p in patterns:
        try:
            re.compile(p)
        except (re.error, TypeError) as exc:
            raise RuleFileError(f"{name}:chrome_patterns 中的 {p!r} 不是有效的正则表达式({exc})") from exc
    joined = "|".join(f"(?:{p})" for p in patterns) or r"(?!x)x"
    return _Chrome(
        drop_tags=tags("drop_tags"), chrome_tags=tags("chrome_tags"),
        keep_inside_article=tags("keep_inside_article"), article_tags=tags("article_tags"),
        roles=tags("chrome_roles"), pattern=re.compile(joined, re.IGNORECASE),
    )


def _read_html(source: str, path: str | None) -> tuple[str, dict, list[str]]:
    import lxml.etree
    import lxml.html

    warnings: list[str] = []
    source = _XML_DECL_STR.sub("", source, count=1)
    if _CELL_MARK in source:
        source = source.replace(_CELL_MARK, "")
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True)
    try:
        root = lxml.html.document_fromstring(source.encode("utf-8", "replace"), parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise EmptyFileError("网页中没有可读的内容(解析后为空)", path) from exc

    meta = _html_meta(root)
    body = root.find(".//body")
    if body is None:
        body = root
    cfg = _chrome_config()
    for el in [e for e in body.iter() if isinstance(e.tag, str) and e.tag.lower() in cfg.drop_tags]:
        el.drop_tree()
    full = _html_lines(body)
    for el in _chrome_elements(body, cfg):
        el.drop_tree()
    lines = _html_lines(body)
    full_chars = sum(map(len, full))
    if full_chars and sum(map(len, lines)) < 0.1 * full_chars:
        lines = full
        warnings.append("去掉导航、页脚等网页框架后几乎没有正文,已保留整个网页的文字(其中可能含有导航等杂项)")
    if not lines:
        raise EmptyFileError("网页中没有可读的正文文字(可能是由脚本动态加载内容的页面)", path)
    return "\n".join(lines), meta, warnings


def _html_meta(root) -> dict:
    meta: dict = {}
    title = root.find(".//title")
    if title is not None:
        text = _SPACES.sub(" ", title.text_content()).strip()
        if text:
            meta["title"] = text
    ranks: dict = {}
    for el in root.iter("meta"):
        key = (el.get("name") or el.get("property") or el.get("itemprop") or "").strip().lower()
        value = _SPACES.sub(" ", el.get("content") or "").strip()
        target = _META_KEYS.get(key)
        if target and value and _META_RANK[key] < ranks.get(target, len(_META_RANK)):
            ranks[target] = _META_RANK[key]
            meta[target] = _iso_date(value) if target == "date" else value
    return meta


def _chrome_elements(body, cfg: _Chrome) -> list:
    """Elements of page chrome under ``body`` (outermost only)."""
    para_total = sum(len(p.text_content().strip()) for p in body.iter("p"))
    found = []
    stack = list(reversed(body))
    while stack:
        el = stack.pop()
        if not isinstance(el.tag, str):
            continue
        if _is_chrome(el, cfg) and not _holds_main_text(el, para_total):
            found.append(el)
        else:
            stack.extend(reversed(el))
    return found


def _is_chrome(el, cfg: _Chrome) -> bool:
    tag = el.tag.lower()
    if tag in cfg.chrome_tags:
        if tag in cfg.keep_inside_article and any(a.tag in cfg.article_tags for a in el.iterancestors()):
            return False
        return True
    if (el.get("role") or "").strip().lower() in cfg.roles:
        return True
    if el.get("hidden") is not None or _HIDDEN_STYLE.search(el.get("style") or ""):
        return True
    tokens = (el.get("class") or "").split()
    if el.get("id"):
        tokens.append(el.get("id"))
    return any(cfg.pattern.search(t) for t in tokens)


def _holds_main_text(el, para_total: int) -> bool:
    """A chrome-looking wrapper (an ASP.NET page-wide <form>, a mis-named div) that holds at
    least half of the page's paragraph text is kept; chrome inside it is still removed."""
    if not para_total:
        return False
    inside = sum(len(p.text_content().strip()) for p in el.iter("p"))
    return inside >= 0.5 * para_total


def _html_lines(body) -> list[str]:
    """Text of ``body`` block by block: one line per paragraph, table rows with tab-separated cells."""
    lines: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        if not buf:
            return
        s = "".join(buf)
        buf.clear()
        if "\n" in s:
            s = _CJK_BREAK.sub("", s)
        s = _SPACES.sub(" ", s).strip()
        if _CELL_MARK in s:
            s = re.sub(rf" ?{_CELL_MARK} ?", "\t", s).strip("\t ")
        if s:
            lines.append(s)

    stack: list[tuple] = [(body, False, False)]  # (element, closing?, is a block?)
    while stack:
        el, closing, block = stack.pop()
        if closing:
            if block:
                flush()
            if el.tail and el is not body:
                buf.append(el.tail)
            continue
        if not isinstance(el.tag, str):  # comment or processing instruction: keep only its tail
            if el.tail:
                buf.append(el.tail)
            continue
        tag = el.tag.lower()
        if tag == "br":
            flush()
            if el.tail:
                buf.append(el.tail)
            continue
        if tag == "pre":
            flush()
            lines.extend(ln.rstrip() for ln in el.text_content().splitlines() if ln.strip())
            if el.tail:
                buf.append(el.tail)
            continue
        block = tag in _BLOCK_TAGS
        if tag in _CELL_TAGS:
            if any(isinstance(d.tag, str) and d.tag in _BLOCK_TAGS for d in el.iterdescendants()):
                block = True  # a layout cell holding paragraphs
            elif "".join(buf).strip():
                buf.append(_CELL_MARK)
        if block:
            flush()
        if el.text:
            buf.append(el.text)
        stack.append((el, True, block))
        stack.extend((child, False, False) for child in reversed(el))
    flush()
    return lines


# --------------------------------------------------------------------------------------------
# DOCX

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_DOCX_SKIP = {_W + t for t in ("del", "delText", "instrText", "rPr", "pPr", "fldData", "moveFrom")} | {_MC_FALLBACK}


def _read_docx(data: bytes, path: str | None) -> tuple[str, dict, list[str]]:
    import docx

    try:
        document = docx.Document(BytesIO(data))
        body = document.element.body
        lines: list[str] = []
        _docx_blocks(body, lines)
        meta = _docx_meta(document)
    except ReadError:
        raise
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
        raise EmptyFileError("Word 文档中没有文字(正文为空)", path)
    return "\n".join(lines), meta, []


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


def _pdf_problem(exc: Exception) -> str:
    """What is wrong with a PDF, in plain Chinese (the original exception stays chained)."""
    name, text = type(exc).__name__, str(exc)
    if name in ("PSEOF", "EOFError") or "EOF" in text:
        return "文件不完整,可能下载不全或被截断"
    if "Root" in text or "xref" in text.lower() or name == "PDFNoValidXRef":
        return "找不到文档的目录结构"
    return "内部结构有误"


def _docx_blocks(container, lines: list[str]) -> None:
    """Append the lines of the block-level children of ``container`` (body, cell, text box)."""
    for child in container:
        tag = child.tag
        if tag == _W + "p":
            text, boxes = _docx_paragraph(child)
            lines.extend(s for s in (ln.strip() for ln in text.split("\n")) if s)
            for box in boxes:
                _docx_blocks(box, lines)
        elif tag == _W + "tbl":
            for row in _docx_children(child, "tr"):
                cells = []
                for cell in _docx_children(row, "tc"):
                    inner: list[str] = []
                    _docx_blocks(cell, inner)
                    cells.append(" ".join(s.replace("\t", " ") for s in inner))
                if any(cells):
                    lines.append("\t".join(cells).rstrip())
        elif tag in _DOCX_WRAPPERS:
            _docx_blocks(child, lines)


_DOCX_WRAPPERS = {_W + "sdt", _W + "sdtContent", _W + "customXml"}


def _docx_children(el, name: str):
    """Children ``w:name`` of ``el``, looking through content-control / custom-XML wrappers."""
    for child in el:
        if child.tag == _W + name:
            yield child
        elif child.tag in _DOCX_WRAPPERS:
            yield from _docx_children(child, name)


def _docx_paragraph(p) -> tuple[str, list]:
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


def _read_pdf(data: bytes, path: str | None) -> tuple[str, dict, list[str]]:
    import logging

    logger = logging.getLogger("pdfminer")
    old_level = logger.level
    logger.setLevel(logging.CRITICAL + 1)  # pdfminer logs warnings about harmless quirks
    try:
        return _read_pdf_quiet(data, path)
    finally:
        logger.setLevel(old_level)


def _read_pdf_quiet(data: bytes, path: str | None) -> tuple[str, dict, list[str]]:
    from pdfminer.converter import TextConverter
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
    device = TextConverter(manager, out, laparams=LAParams())
    interpreter = PDFPageInterpreter(manager, device)
    pages: list[str] = []
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
                continue
            pages.append(out.getvalue())
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
    for text in pages:
        text = text.replace("\f", "")
        found = len(_CID.findall(text))
        if found:
            cid += found
            text = _CID.sub("\ufffd", text)
        cleaned.append("\n".join(ln.rstrip() for ln in text.strip("\n").split("\n")))
    text = "\n".join(cleaned).strip("\n")
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


def _page_list(numbers: list[int]) -> str:
    shown = "、".join(map(str, numbers[:10]))
    return shown + (f" 等共 {len(numbers)}" if len(numbers) > 10 else "")


_PDF_INFO_KEYS = (("Title", "title"), ("Author", "author"), ("CreationDate", "date"), ("Keywords", "keywords"))


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
                value = _pdf_string(resolve1(info[key]))
            except Exception:
                value = None
            if value:
                meta[target] = _iso_date(value) if target == "date" else value
    return meta


def _pdf_string(value) -> str | None:
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
