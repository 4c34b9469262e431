"""Limits that keep one hostile or enormous input from exhausting memory: file size, the unpacked size
and compression ratio of a zip-based file (.docx), and the length of a document's text.

Exceeding one is a :class:`~governance_kit.errors.ReadError` with a Chinese reason for that file
(reported and skipped by ``load_corpus``), never the end of a load. The text limit can be changed for a
session with ``$GOVKIT_MAX_TEXT_CHARS`` (read in every worker process too) or by setting
:data:`MAX_TEXT_CHARS`; the others are module constants.

>>> check_text_length("政策" * 10, "a.txt", limit=100)
>>> check_text_length("政策" * 100, "a.txt", limit=100)
Traceback (most recent call last):
...
governance_kit.errors.ReadError: a.txt:文档正文有 200 个字符，超过每篇 100 个字符的上限，为保护内存未读取（可用环境变量 GOVKIT_MAX_TEXT_CHARS 调高上限）
"""
from __future__ import annotations

import os

from ..errors import CorruptFileError, ReadError

__all__ = ["MAX_FILE_BYTES", "MAX_TEXT_FILE_BYTES", "MAX_TEXT_CHARS", "MAX_UNZIPPED_BYTES", "MAX_ZIP_XML_BYTES",
           "MAX_ZIP_RATIO", "check_text_length", "check_zip", "max_text_chars"]

MAX_FILE_BYTES = 256 * 1024 * 1024  # any file (a PDF of scanned pages can be large)
MAX_TEXT_FILE_BYTES = 64 * 1024 * 1024  # .txt / .md / .html: all of it becomes text
MAX_TEXT_CHARS = 5_000_000  # one document's text (a long law compilation has about 1 million)
MAX_UNZIPPED_BYTES = 256 * 1024 * 1024  # all members of a .docx, unpacked (python-docx holds them all)
MAX_ZIP_XML_BYTES = 48 * 1024 * 1024  # its XML parts, unpacked (lxml takes ~20 bytes per byte of XML)
MAX_ZIP_RATIO = 150  # unpacked : packed, for a member over RATIO_MIN_BYTES (Word's XML packs 5-20 : 1)
RATIO_MIN_BYTES = 2 * 1024 * 1024
_ENV_CHARS = "GOVKIT_MAX_TEXT_CHARS"
_BINARY_PARTS = ("/media/", "/embeddings/", "/fonts/")  # pictures, embedded files, fonts: kept as bytes, not parsed


def max_text_chars() -> int:
    """The text limit in force: ``$GOVKIT_MAX_TEXT_CHARS`` when set to a positive number, else :data:`MAX_TEXT_CHARS`."""
    value = os.environ.get(_ENV_CHARS, "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else MAX_TEXT_CHARS


def check_text_length(text: str, path: str | None, *, limit: int | None = None) -> None:
    """Raise :class:`ReadError` when ``text`` is longer than the limit (default :func:`max_text_chars`)."""
    limit = limit or max_text_chars()
    if len(text) > limit:
        raise ReadError(f"文档正文有 {len(text)} 个字符，超过每篇 {limit} 个字符的上限，为保护内存未读取"
                        f"（可用环境变量 {_ENV_CHARS} 调高上限）", path)


def check_text_bytes(size: int, path: str | None) -> None:
    """Refuse, before decoding, text bytes that cannot fit the text limit (4 bytes a character at most)."""
    limit = max_text_chars()
    if size > min(MAX_TEXT_FILE_BYTES, 4 * limit + 4):
        raise ReadError(f"文本文件有 {_mb(size)}，解码后必然超过每篇 {limit} 个字符的上限，为保护内存未读取"
                        f"（可用环境变量 {_ENV_CHARS} 调高上限）", path)


def check_zip(zf, size: int, path: str | None, what: str = "Word 文档") -> None:
    """Refuse a zip-based file (an open ``zipfile.ZipFile`` of ``size`` bytes) whose directory says it
    unpacks to more than the limits allow, in total, in XML, or at a ratio only a "zip bomb" reaches.
    Nothing is unpacked: the sizes come from the zip directory (and reading a member stops at its
    stated size, so the directory cannot understate it)."""
    total = xml = 0
    for info in zf.infolist():
        total += info.file_size
        if not any(part in info.filename.lower() for part in _BINARY_PARTS):
            xml += info.file_size
        if info.file_size > RATIO_MIN_BYTES and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1):
            raise CorruptFileError(
                f"{what}中的 {info.filename} 压缩了 {info.file_size / max(info.compress_size, 1):.0f} 倍"
                f"（{_mb(info.compress_size)} 解压后 {_mb(info.file_size)}），超过 {MAX_ZIP_RATIO} 倍的上限"
                "（可能是恶意构造的“压缩炸弹”），为保护内存未读取", path)
    if total > MAX_UNZIPPED_BYTES or total > MAX_ZIP_RATIO * max(size, 1) and total > RATIO_MIN_BYTES:
        raise CorruptFileError(
            f"{what}解压后共 {_mb(total)}（文件本身 {_mb(size)}），超过 {_mb(MAX_UNZIPPED_BYTES)} 或 "
            f"{MAX_ZIP_RATIO} 倍的上限（可能是恶意构造的“压缩炸弹”），为保护内存未读取", path)
    if xml > MAX_ZIP_XML_BYTES:
        raise CorruptFileError(
            f"{what}中的 XML 内容解压后共 {_mb(xml)}，超过 {_mb(MAX_ZIP_XML_BYTES)} 的上限"
            "（可能是恶意构造的“压缩炸弹”），为保护内存未读取", path)


def _mb(n: int) -> str:
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} 字节"
