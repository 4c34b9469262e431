"""Builders of hostile inputs for the limit, integrity and adversarial-folder tests: Word files that
unpack to far more than they weigh ("zip bombs"), a truncated Word file, deep HTML. The text is
invented, in the style of grassroots-governance documents. Everything is generated where it is used
(tmp_path); nothing large is kept in the repository."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PARAGRAPH = "社区网格员每周入户走访两次，收集群众诉求，及时上报街道综治中心。"
_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
          'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships'
          '+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="bin" '
          'ContentType="application/octet-stream"/><Override PartName="/word/document.xml" ContentType="application/'
          'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
         '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
_HEAD = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>'
_TAIL = "</w:body></w:document>"


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def docx(paragraphs: list[str] | None = None, *, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal valid Word file holding ``paragraphs`` (and the ``extra`` members, stored deflated)."""
    body = "".join(_p(t) for t in (paragraphs or [PARAGRAPH]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _TYPES)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("word/document.xml", _HEAD + body + _TAIL)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return out.getvalue()


def docx_bomb(path: Path, xml_mb: int = 200) -> Path:
    """A Word file whose document.xml unpacks to ``xml_mb`` MB of paragraphs (a few hundred KB on disk),
    written in blocks so that building it never holds the XML in memory."""
    block = (_p(PARAGRAPH) * 2000).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", _TYPES)
        zf.writestr("_rels/.rels", _RELS)
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(_HEAD.encode())
            written = 0
            while written < xml_mb * 1024 * 1024:
                fh.write(block)
                written += len(block)
            fh.write(_TAIL.encode())
    return path


def zip_ratio_bomb(path: Path, mb: int = 64) -> Path:
    """A Word file with a short body and a ``mb`` MB member of zero bytes (packed about 1,000 : 1)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _TYPES)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("word/document.xml", _HEAD + _p(PARAGRAPH) + _TAIL)
        with zf.open("word/media/image1.bin", "w") as fh:
            zero = bytes(1024 * 1024)
            for _ in range(mb):
                fh.write(zero)
    path.write_bytes(out.getvalue())
    return path


def truncated_docx() -> bytes:
    data = docx([PARAGRAPH] * 50)
    return data[: len(data) // 2]


def deep_html(levels: int = 5000) -> str:
    """A page whose middle paragraph sits ``levels`` elements deep, beyond lxml's 2,048."""
    return ("<html><head><title>网格化管理通报</title></head><body><p>开头的段落：" + PARAGRAPH + "</p>"
            + "<div>" * levels + "最深处的段落：" + PARAGRAPH + "</div>" * levels
            + "<p>结尾的段落：" + PARAGRAPH + "</p></body></html>")
