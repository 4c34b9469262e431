"""Text a Word document keeps outside its paragraphs: ``w:altChunk`` parts.

Word files exported by some sites (the national database of laws and regulations among them) hold
their whole text in an "alternative format chunk": an MHT file (a MIME message, usually
quoted-printable, in GBK/GB18030 or UTF-8, around an HTML page), a plain HTML page or plain text,
which Word renders in place of the ``<w:altChunk r:id="…"/>`` element. The chunk's page is read with
the stdlib :mod:`email` package, decoded by :func:`~governance_kit.io.encoding.decode` (the charset
the MIME part names first) and turned into lines by :func:`~governance_kit.io.html.html_to_text`.

A chunk larger than :data:`MAX_CHUNK_BYTES` is skipped and reported; problems become Chinese warnings,
never exceptions, so the rest of the document is still read.
"""
from __future__ import annotations

from ..errors import ReadError
from .encoding import decode

__all__ = ["MAX_CHUNK_BYTES", "chunk_lines"]

MAX_CHUNK_BYTES = 32 * 1024 * 1024
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_MIME_HEAD = (b"mime-version:", b"content-type:", b"from:", b"date:", b"subject:", b"message-id:",
              b"content-location:", b"x-")


def chunk_lines(element, part, path: str | None, warnings: list[str], meta: dict) -> list[str]:
    """Lines of the chunk an ``w:altChunk`` element of ``part`` (a python-docx part) points to.

    Problems are appended to ``warnings`` in Chinese; the title of an HTML chunk fills ``meta``
    when the document names none.
    """
    rel_id = element.get(_R_ID)
    rel = part.rels.get(rel_id) if rel_id else None
    if rel is None or rel.is_external:
        warnings.append(f"Word 文档引用的嵌入内容(altChunk {rel_id or '无编号'})缺失,已跳过")
        return []
    target = rel.target_part
    name = str(target.partname).lstrip("/")
    blob = target.blob
    if len(blob) > MAX_CHUNK_BYTES:
        warnings.append(f"Word 文档中嵌入的内容 {name} 共 {len(blob) / 1048576:.1f} MB,"
                        f"超过 {MAX_CHUNK_BYTES // 1048576} MB 的上限,为保护内存已跳过")
        return []
    kind = _kind((target.content_type or "").lower(), name.lower(), blob)
    try:
        if kind == "mht":
            return _mht_lines(blob, name, path, warnings, meta)
        if kind == "html":
            return _html_lines(blob, None, path, warnings, meta)
        if kind == "text":
            text, _, notes = decode(blob, path)
            warnings.extend(notes)
            return _nonblank(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    except ReadError as exc:
        warnings.append(f"Word 文档中嵌入的内容 {name} 无法读取({exc.reason}),已跳过")
        return []
    warnings.append(f"Word 文档中嵌入的内容 {name} 是{_spaced(kind)}格式,暂不支持,已跳过")
    return []


def _kind(content_type: str, name: str, blob: bytes) -> str:
    """'mht', 'html', 'text', or how to name a kind that is not read: by content type, else by suffix."""
    if blob[:5] == b"{\\rtf" or "rtf" in content_type:
        return "RTF 富文本"
    if content_type in ("message/rfc822", "multipart/related"):
        return "mht"
    if content_type in _HTML_TYPES:
        return "html"
    if content_type == "text/plain":
        return "text"
    for suffixes, kind in (((".mht", ".mhtml"), "mht"), ((".htm", ".html", ".xhtml"), "html"), ((".txt",), "text")):
        if name.endswith(suffixes):
            return kind
    return content_type or "未知类型"


def _mht_lines(blob: bytes, name: str, path, warnings: list[str], meta: dict) -> list[str]:
    """The HTML (else plain text) part of an MHT message; a chunk that is no MIME message is read as HTML."""
    import email
    import email.policy

    if not blob.lstrip()[:40].lower().startswith(_MIME_HEAD):
        return _html_lines(blob, None, path, warnings, meta)
    message = email.message_from_bytes(blob, policy=email.policy.compat32)
    parts = [p for p in message.walk() if not p.is_multipart()]
    page = next((p for p in parts if p.get_content_type() in _HTML_TYPES), None)
    if page is None:
        page = next((p for p in parts if p.get_content_type() == "text/plain"), None)
    if page is None:
        warnings.append(f"Word 文档中嵌入的 MHT 内容 {name} 里没有网页或文本部分,已跳过")
        return []
    payload = page.get_payload(decode=True) or b""
    charset = page.get_content_charset()
    if page.get_content_type() == "text/plain":
        text, _, notes = decode(payload, path, charset)
        warnings.extend(notes)
        return _nonblank(text.split("\n"))
    return _html_lines(payload, charset, path, warnings, meta)


def _html_lines(data: bytes, charset: str | None, path, warnings: list[str], meta: dict) -> list[str]:
    from .html import declared_charset, html_to_text

    text, _, notes = decode(data, path, charset or declared_charset(data))
    warnings.extend(notes)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        body, page_meta, notes = html_to_text(text, path)
    except ReadError:  # a chunk without text: nothing to add
        return []
    warnings.extend(notes)
    if page_meta.get("title"):
        meta.setdefault("title", page_meta["title"])
    return _nonblank(body.split("\n"))


def _nonblank(lines) -> list[str]:
    return [s for s in (ln.strip() for ln in lines) if s]


def _spaced(what: str) -> str:
    return f" {what} " if what[:1].isascii() else what
