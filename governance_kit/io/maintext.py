"""The main text of a web page: trafilatura's pick, checked line by line against the kit's own lines.

trafilatura (imported on first use) finds the article in a page. The kit keeps its own layout and chrome
rules (:mod:`~governance_kit.io.html`) and uses trafilatura's pick only to drop the lines around the
article: navigation, related links, footers that the rules left. A line that reads as prose is never
dropped on trafilatura's word alone, so body text trafilatura misses still comes through.

How lines are kept (:func:`keep_lines`), measured on invented portal pages of many layouts:

1. the *core*: from the first to the last prose line that trafilatura also kept, every line between;
2. grown outwards over neighbouring lines that trafilatura kept, that are table rows or that sit in the
   element holding the core, unless mostly link text (a document number, the addressee, a signature,
   a data table, a list of names);
3. every prose line anywhere, unless mostly link text or one of the comments trafilatura found;
4. runs of at most two lines between kept lines, unless mostly link text or comments (section heads);
5. the headline (the line that is trafilatura's title) and the lines stating a field of the document
   (来源：, 发布时间：, 索引号： … listed in ``data/html_chrome.yaml``): the cleaner reads them into
   the document's metadata.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import NamedTuple

__all__ = ["Line", "Pick", "keep_lines", "pick"]

# Pages beyond these are left to the rules alone: trafilatura's time grows with the number of
# elements (about 2 s for 10,000 on this machine) and it recurses on nesting.
MAX_ELEMENTS = 10_000
MAX_DEPTH = 400
MAX_CHARS = 5_000_000

LINK_SHARE = 0.5  # a line with at least this share of its characters inside links is link text
MIN_PROSE = 10  # characters a prose line has at least
GAP = 2  # lines between kept lines that are kept too

_SENTENCE_END = re.compile(r"[。！？；!?]|\.(?=\s|$)")
_SPACE = re.compile(r"\s+")
_DATE_PARAMS = {"extensive_search": False, "original_date": True}  # no guesses from a copyright year


class Line(NamedTuple):
    """One line of a page's text as :mod:`~governance_kit.io.html` lays it out."""

    text: str
    links: float  # share of its characters inside links
    where: tuple = ()  # its block element: child indices from <body>


@dataclass(frozen=True)
class Pick:
    """What trafilatura found in a page: its main text, the comments, and metadata."""

    text: str
    comments: str = ""
    meta: dict = field(default_factory=dict)  # title, date, author, source — those it found


def pick(root) -> tuple[Pick | None, list[str]]:
    """trafilatura's main text of a parsed page ``root`` (an ``lxml.html`` document), and warnings.

    trafilatura works on its own copy of ``root``. ``None`` with a warning in Chinese when trafilatura
    is not installed, fails or the page is too large for it; ``None`` alone when it finds no main
    text. Never raises.
    """
    too_big = _too_big(root)
    if too_big:
        return None, [f"{too_big}，未用 trafilatura 识别正文，只按 data/html_chrome.yaml 的规则去除网页框架"]
    try:
        import trafilatura
    except ImportError:
        return None, ["未安装 trafilatura（pip install trafilatura），只按 data/html_chrome.yaml 的规则去除网页框架，"
                      "导航、相关链接等可能残留较多"]
    try:
        doc = trafilatura.bare_extraction(
            root, fast=True, include_comments=True, include_tables=True, with_metadata=True,
            date_extraction_params=dict(_DATE_PARAMS),
        )
    except Exception as exc:  # any failure in a third-party extractor: fall back, never abort
        return None, [f"trafilatura 识别正文时出错（{type(exc).__name__}：{str(exc)[:80]}），"
                      "已改为只按 data/html_chrome.yaml 的规则去除网页框架"]
    if doc is None or not (doc.text or "").strip():
        return None, []
    meta = {key: value.strip() for key, value in (
        ("title", doc.title), ("date", doc.date), ("author", doc.author), ("source", doc.sitename),
    ) if isinstance(value, str) and value.strip()}
    return Pick(text=doc.text, comments=doc.comments or "", meta=meta), []


def _too_big(root) -> str | None:
    """Why ``root`` is too large for trafilatura, in Chinese, or ``None``."""
    count, chars = 0, 0
    stack = [(root, 0)]
    while stack:
        el, depth = stack.pop()
        count += 1
        if count > MAX_ELEMENTS:
            return f"网页元素超过 {MAX_ELEMENTS} 个"
        if depth > MAX_DEPTH:
            return f"网页标签嵌套超过 {MAX_DEPTH} 层"
        chars += len(el.text or "") + len(el.tail or "")
        if chars > MAX_CHARS:
            return f"网页文字超过 {MAX_CHARS} 个字符"
        stack.extend((child, depth + 1) for child in el)
    return None


def _norm(text: str) -> str:
    """``text`` as compared with trafilatura's: no white space, NFC (trafilatura normalises so)."""
    return unicodedata.normalize("NFC", _SPACE.sub("", text))


def keep_lines(lines: list[Line], found: Pick, *, fields: re.Pattern | None = None) -> list[bool]:
    """Which of the page's ``lines`` (after the chrome rules) to keep, given trafilatura's pick.
    All of them when trafilatura kept no prose line. ``fields`` matches (at the start of a line without
    white space) the lines stating a field of the document, which stay unless mostly link text."""
    n = len(lines)
    norm = [_norm(line.text) for line in lines]
    body, comments = _norm(found.text), _norm(found.comments)
    body_lines = {_norm(ln) for ln in found.text.splitlines()}
    hit = [bool(s) and (s in body_lines or (len(s) >= MIN_PROSE and s in body)) for s in norm]
    comment = [bool(s) and not hit[i] and bool(comments) and s in comments for i, s in enumerate(norm)]
    linky = [line.links >= LINK_SHARE for line in lines]
    prose = [not linky[i] and len(norm[i]) >= MIN_PROSE and bool(_SENTENCE_END.search(line.text))
             for i, line in enumerate(lines)]
    core = [i for i in range(n) if hit[i] and prose[i]]
    if not core:
        return [True] * n

    keep = [False] * n
    box = _common_prefix([lines[i].where for i in core])  # the element holding the core
    grows = [not linky[i] and (hit[i] or "\t" in lines[i].text or lines[i].where[:len(box)] == box)
             for i in range(n)]
    first, last = core[0], core[-1]
    while first > 0 and grows[first - 1]:
        first -= 1
    while last < n - 1 and grows[last + 1]:
        last += 1
    keep[first:last + 1] = [True] * (last + 1 - first)

    for i in range(n):
        if prose[i] and not comment[i]:
            keep[i] = True

    i = 0
    while i < n:
        if keep[i]:
            i += 1
            continue
        j = i
        while j < n and not keep[j]:
            j += 1
        if 0 < i and j < n and j - i <= GAP:
            for k in range(i, j):
                keep[k] = not linky[k] and not comment[k]
        i = j

    for i in range(n):  # after the gaps, like the headline: what lies between them and the text is no gap
        if fields is not None and not linky[i] and fields.match(norm[i]):
            keep[i] = True
    title = _norm(found.meta.get("title", ""))
    if title:
        exact = [i for i in range(n) if norm[i] == title]
        part = [i for i in range(n) if norm[i] and len(norm[i]) >= 0.6 * len(title) and norm[i] in title]
        for i in (exact or part)[:1]:
            keep[i] = True
    return keep


def _common_prefix(places: list[tuple]) -> tuple:
    first, last = min(places), max(places)  # the common prefix of all is that of the extremes
    k = 0
    while k < min(len(first), len(last)) and first[k] == last[k]:
        k += 1
    return first[:k]
