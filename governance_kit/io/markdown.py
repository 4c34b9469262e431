"""Markdown → text: front matter as metadata, markup stripped, the words left as they were.

A Markdown file as public repositories keep government reports and laws: an optional YAML front
matter block (``---`` … ``---``) whose fields (title/标题, date/发布日期, source/来源, author/作者,
url/链接, province/省份, 地区 …) become metadata; then headings (``# 标题``), HTML comments
(``<!-- INFO END -->``), emphasis, images, links, lists, block quotes and tables. The text keeps
every heading as a line of its own, the words of links without their URLs, table rows as
tab-separated cells, and everything else unchanged. A body written in HTML (blog exports) goes
through :func:`~governance_kit.io.html.html_to_text`.

Every step is a scan of the text or a regular expression that cannot backtrack beyond one line,
so the time taken grows with the length of the file. PyYAML is imported on first use.
"""
from __future__ import annotations

import datetime as dt
import re

from .dates import normalise_date

__all__ = ["front_matter", "markdown_to_text", "strip_markdown"]

# The front matter is looked for in the first lines only, and never read beyond this many characters.
_FRONT_MAX_CHARS = 64 * 1024
_FRONT_MAX_LINES = 400
_FRONT_OPEN = re.compile(r"\A(?:[ \t]*\n)*---[ \t]*\n")
_FRONT_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_IDENTIFIER = re.compile(r"^[A-Za-z_][\w.-]{0,40}$", re.ASCII)
_PLAIN_FIELD = re.compile(r"^([^\s:：#][^:：\n]{0,40}?)\s*[:：]\s*(.*?)\s*$")

# front-matter key (lower case) → metadata key; for each metadata key the earlier names win
_FIELDS = {
    "title": "title", "标题": "title", "题目": "title", "名称": "title", "文件名称": "title",
    "date": "date", "发布日期": "date", "发布时间": "date", "日期": "date", "成文日期": "date",
    "published": "date", "pubdate": "date", "publish_date": "date", "publishdate": "date",
    "公布日期": "date", "施行日期": "effective", "effective": "effective",
    "source": "source", "来源": "source", "出处": "source", "publisher": "source", "发布机关": "source",
    "发文机关": "source", "制定机关": "source", "媒体": "source",
    "author": "author", "authors": "author", "作者": "author", "撰稿": "author",
    "url": "url", "link": "url", "链接": "url", "原文链接": "url", "网址": "url", "source_url": "url",
    "province": "province", "省份": "province", "省": "province", "省区市": "province",
    "地区": "place", "region": "place", "place": "place", "地点": "place", "city": "place", "城市": "place",
    "keywords": "keywords", "关键词": "keywords", "tags": "keywords", "标签": "keywords",
    "文号": "number", "发文字号": "number", "description": "description", "摘要": "description",
}
_RANK = {name: rank for rank, name in enumerate(_FIELDS)}
_MAX_VALUE = 500  # characters kept of one front-matter value

# --- markup ------------------------------------------------------------------------------------------
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+|$)")
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_BREAK = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_QUOTE = re.compile(r"^ {0,3}(?:>[ \t]?)+")
_BULLET = re.compile(r"^([ \t]*)[-*+][ \t]+(?:\[[ xX]\][ \t]+)?")
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)+\|?[ \t]*$")
_LINK_DEF = re.compile(r"^ {0,3}\[[^\[\]\n]{1,200}\]:[ \t]*\S+(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*$")
_URL = r"\((?:[^()\n]|\([^()\n]{0,500}\)){0,2000}\)"  # one level of parentheses inside a URL
_IMAGE = re.compile(rf"!\[[^\[\]\n]{{0,500}}\](?:{_URL}|\[[^\[\]\n]{{0,200}}\])")
_LINK = re.compile(rf"\[([^\[\]\n]{{0,500}})\](?:{_URL}|\[[^\[\]\n]{{0,200}}\])")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]{1,2000})>")
_CODE = re.compile(r"`([^`\n]{1,2000})`")
_STAR = re.compile(r"(?<![\d*\\])\*(?=[^\s*])([^*\n]{1,2000}?)(?<=[^\s*\\])\*(?![\d*])")
_UNDERSCORE = re.compile(r"(?<![\w\\])_(?=[^\s_])([^_\n]{1,2000}?)(?<=[^\s_\\])_(?!\w)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")
# HTML a Markdown writer puts inline; Chinese text in angle brackets (<中华人民共和国保险法>) is no tag
_INLINE_TAG = re.compile(
    r"</?(?:a|b|br|center|code|del|em|font|i|img|ins|kbd|mark|p|s|small|span|strong|sub|sup|u|div|hr)"
    r"(?:\s[^<>\n]{0,2000})?/?>", re.IGNORECASE)
_HTML_BLOCK = re.compile(r"<(?:p|div|table|br|section|article|h[1-6]|ul|ol|li|tr|td)[\s>/]", re.IGNORECASE)


def markdown_to_text(source: str, path: str | None) -> tuple[str, dict, list[str]]:
    """Text of a decoded Markdown file and the metadata its front matter and first heading state.

    Returns ``(text, meta, warnings)``. ``meta`` holds the front-matter fields under the kit's
    names (``title``, ``date`` in ISO form, ``source``, ``author``, ``url``, ``province``, ``place``
    (a list), ``keywords`` …), and ``title`` from the first ``# `` heading when the front matter
    names none.

    >>> text, meta, _ = markdown_to_text("---\\ntitle: 工作报告\\ndate: 2024-03-05\\n---\\n# 工作报告\\n**一、**回顾[详见](http://x)", None)
    >>> text, meta["title"], meta["date"]
    ('工作报告\\n一、回顾详见', '工作报告', '2024-03-05')
    """
    meta, body, warnings = front_matter(source)
    if _looks_like_html(body):
        from .html import html_to_text

        text, page_meta, notes = html_to_text(body, path)
        for key, value in page_meta.items():
            meta.setdefault(key, value)
        return text, meta, warnings + notes
    text, heading = strip_markdown(body)
    if heading and "title" not in meta:
        meta["title"] = heading
    return text, meta, warnings


def front_matter(source: str) -> tuple[dict, str, list[str]]:
    """Split a YAML front matter block off ``source``: ``(metadata, body, warnings)``.

    The block opens with ``---`` on the first non-blank line and closes with ``---`` or ``...``
    within the first 400 lines; without a closing line the text has no front matter and is kept
    whole. A block PyYAML cannot read (tabs, unquoted colons) is read line by line as
    ``key: value``.
    """
    opened = _FRONT_OPEN.match(source)
    if not opened:
        return {}, source, []
    head = source[opened.end():opened.end() + _FRONT_MAX_CHARS]
    closed = _FRONT_CLOSE.search(head)
    if not closed or head.count("\n", 0, closed.start()) > _FRONT_MAX_LINES:
        return {}, source, []
    block = head[:closed.start()]
    body = source[opened.end() + closed.end():]
    body = body[1:] if body.startswith("\n") else body
    fields, parsed = _parse_block(block)
    if not _is_metadata(fields, block, parsed):
        return {}, source, []  # a passage between two rules, not metadata: nothing is taken out
    meta = _metadata(fields)
    warnings = [] if parsed or meta or not block.strip() else [
        "文件开头的元数据块(front matter)无法解析,已忽略其中的内容"]
    return meta, body, warnings


def _parse_block(block: str) -> tuple[dict, bool]:
    """The fields of a front matter block, and whether YAML could read it."""
    try:
        import yaml

        data = yaml.safe_load(block)
    except Exception:  # a YAML error, or a tag safe_load refuses: read the simple lines instead
        data = None
    if isinstance(data, dict):
        return data, True
    fields: dict = {}
    for line in block.split("\n"):
        m = _PLAIN_FIELD.match(line)
        if m and m.group(2):
            fields.setdefault(m.group(1), m.group(2).strip("'\""))
    return fields, data is None and not block.strip()


def _is_metadata(fields: dict, block: str, parsed: bool) -> bool:
    """Whether a block between ``---`` lines is front matter: its keys (read by YAML, else from its
    ``key: value`` lines, every other line indented under one) are all identifiers or field names."""
    if not block.strip():
        return True
    if not parsed and not all(_PLAIN_FIELD.match(ln) or ln[:1] in " \t" or not ln.strip() or ln.lstrip().startswith("#")
                              for ln in block.split("\n")):
        return False
    keys = [str(k).strip() for k in fields]
    return bool(keys) and all(k.lower() in _FIELDS or _IDENTIFIER.match(k) for k in keys)


def _metadata(fields: dict) -> dict:
    meta: dict = {}
    ranks: dict = {}
    for key, value in fields.items():
        name = str(key).strip().lower()
        target = _FIELDS.get(name)
        if target is None or _RANK[name] >= ranks.get(target, len(_RANK)):
            continue
        value = _value(value, as_list=target in ("place", "author", "keywords"))
        if value:
            ranks[target] = _RANK[name]
            meta[target] = value
    for key in ("date", "effective"):
        if key in meta:
            meta[key] = normalise_date(meta[key])
    for key in ("author", "keywords"):
        if key in meta:
            meta[key] = "、".join(meta[key])
    return meta


def _value(value, *, as_list: bool):
    """A front-matter value as text (dates in ISO form), or a list of texts; None when empty."""
    items = value if isinstance(value, (list, tuple)) else [value]
    texts = []
    for item in items[:50]:
        if isinstance(item, (dt.date, dt.datetime)):
            item = item.isoformat()[:10]
        elif isinstance(item, dict):
            item = item.get("name")  # author: {name: …, url: …}
        if isinstance(item, (str, int, float)) and not isinstance(item, bool):
            text = str(item).strip()[:_MAX_VALUE]
            if text:
                texts.append(text)
    if as_list:
        return texts or None
    return "、".join(texts) or None


def _looks_like_html(body: str) -> bool:
    """A body written in HTML: block tags open at least a third of its non-blank lines (of the first 200)."""
    lines = [ln for ln in body[:200_000].split("\n", 400)[:200] if ln.strip()]
    tagged = sum(1 for ln in lines if _HTML_BLOCK.match(ln.lstrip()))
    return len(lines) > 0 and tagged >= 2 and tagged * 3 >= len(lines)


# --- markup ------------------------------------------------------------------------------------------

def strip_markdown(body: str) -> tuple[str, str | None]:
    """``body`` without Markdown markup, and the text of its first level-one heading (None if none).

    Headings, list items and table rows stay lines of their own; fenced code keeps its lines; blank
    lines stay where they were. Only markup is removed: a line without any is returned unchanged.
    """
    body = _drop_comments(body)
    out: list[str] = []
    title = None
    fence = None
    for line in body.split("\n"):
        if fence is not None:  # inside fenced code: keep the lines, drop the closing fence
            if line.lstrip(" ").startswith(fence):
                fence = None
            else:
                out.append(line)
            continue
        m = _FENCE.match(line)
        if m:
            fence = m.group(1)[0] * 3
            continue
        if _SETEXT.match(line) and out and out[-1].strip():
            continue  # the underline of a heading written as the line above ===/---
        if _BREAK.match(line) or _LINK_DEF.match(line) or _TABLE_RULE.match(line):
            continue
        line = _QUOTE.sub("", line)
        h = _HEADING.match(line)
        if h:
            text = _inline(_CLOSING_HASHES.sub("", line[h.end():])).strip()
            if title is None and text and h.group(0).strip() == "#":
                title = text
            out.append(text)
            continue
        line = _BULLET.sub(r"\1", line)
        if "|" in line and _is_table_row(line):
            cells = [_inline(c).strip() for c in line.strip().strip("|").split("|")]
            out.append("\t".join(cells).rstrip("\t"))
            continue
        out.append(_inline(line))
    return "\n".join(out), title


def _drop_comments(text: str) -> str:
    """``text`` without ``<!-- … -->``; an unclosed comment is kept as text (nothing is lost)."""
    if "<!--" not in text:
        return text
    parts, at = [], 0
    while True:
        start = text.find("<!--", at)
        if start < 0:
            break
        end = text.find("-->", start + 4)
        if end < 0:
            break
        parts.append(text[at:start])
        at = end + 3
        if at < len(text) and text[at] == "\n" and (start == 0 or text[start - 1] == "\n"):
            at += 1  # a comment on a line of its own leaves no blank line
    parts.append(text[at:])
    return "".join(parts)


def _is_table_row(line: str) -> bool:
    s = line.strip()
    return s.startswith("|") and s.endswith("|") and s.count("|") >= 2


def _inline(line: str) -> str:
    """One line without inline markup: images, links (their words kept), code, emphasis, tags, escapes."""
    if "![" in line:
        line = _IMAGE.sub("", line)
    if "[" in line:
        line = _LINK.sub(r"\1", line)
    if "<" in line:
        line = _AUTOLINK.sub(r"\1", line)
        line = _INLINE_TAG.sub("", line)
    if "`" in line:
        line = _CODE.sub(r"\1", line)
    for mark in ("**", "__", "~~"):
        if mark in line and line.count(mark) % 2 == 0:
            line = line.replace(mark, "")
    if "*" in line:
        line = _STAR.sub(r"\1", line)
    if "_" in line:
        line = _UNDERSCORE.sub(r"\1", line)
    if "\\" in line:
        line = _ESCAPE.sub(r"\1", line)
    return line
