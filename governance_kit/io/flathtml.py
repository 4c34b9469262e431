"""HTML → lines without a tree: the fallback for a page nested deeper than lxml's parser goes
(2,048 levels), whose deeper text a tree would lose. Scripts, styles and comments are dropped, block
tags end a line, table cells are tab-separated; page chrome is not removed (there is no tree to find it).

>>> flat_text("<div><p>第一段</p><script>x()</script><p>第二&amp;三</p><table><tr><td>甲</td><td>乙</td></tr></table>")
'第一段\\n第二&三\\n甲\\t乙'
"""
from __future__ import annotations

import html
import re

__all__ = ["flat_text"]

_DROP = re.compile(r"<(script|style|noscript|template|head)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
_BREAK = re.compile(
    r"<(?:br|hr|/?(?:p|div|li|tr|h[1-6]|table|section|article|blockquote|pre|ul|ol|dl|dd|dt|header|footer|"
    r"main|nav|aside|center|form|address|caption|figure|figcaption))\b[^>]*>", re.IGNORECASE)
_CELL = re.compile(r"</t[dh]\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_BLANKS = re.compile(r"[ \f\v\r\u3000\xa0]+")


def flat_text(source: str) -> str:
    """The text of an HTML page, one block a line (blank lines dropped)."""
    text = _DROP.sub(" ", source)
    text = _BREAK.sub("\n", text)
    text = _CELL.sub("\x00", text)
    text = html.unescape(_TAG.sub("", text))
    lines = []
    for line in text.split("\n"):
        cells = [_BLANKS.sub(" ", cell).strip() for cell in line.replace("\t", " ").split("\x00")]
        while cells and not cells[-1]:
            cells.pop()
        if any(cells):
            lines.append("\t".join(cells))
    return "\n".join(lines)
