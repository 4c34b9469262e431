"""Lines of a PDF text layer: join the line breaks a page's width put inside a sentence.

A PDF has no paragraphs, only lines placed on a page; pdfminer writes them one a line, with a blank
line after each text box it groups them into — and its boxes are not paragraphs (an indented first
line, a tight line spacing or one box a line all happen). A sentence that ran to the right edge
continues on the next line, so a break is joined when the line before it is *full* and does not end
a sentence, and the line after it carries on: it is the next line down at the usual line pitch,
starts at the left margin (an indented line opens a paragraph), in the same font size, and is not a
heading or a list item (第X章/第X条/一、/(一)/1./①/•…) nor a page number; a title is not joined
to the date line under it. A short line (a title, the end of a paragraph) is never full, and a
wider gap than the line pitch is a paragraph gap.

With the lines' boxes on the page (from pdfminer) these are measured; without them (text alone)
"full" is about as wide as the body lines in characters (CJK 1, ASCII ½) and a blank line is a
paragraph gap — unless every line of a page stands in a box of its own, where it is line spacing.
"""
from __future__ import annotations

import re
from statistics import median

__all__ = ["join_broken_lines", "line_width"]

_FULL = 0.85  # text mode: a line at least this share of the body width is full
_MIN_LINES = 4  # text mode: lines of at least 8 characters needed to know the body width
_ENDS_SENTENCE = re.compile(r"[。！？!?；;：:…][”’」』）)》\"']*\s*$")
_STARTS_BLOCK = re.compile(
    r"^\s*(?:第[一二三四五六七八九十百千零〇两\d]+(?:[编章节条篇]|部分)(?:[\s\u3000]|$)"
    r"|[一二三四五六七八九十百]+\s*[、.．]"
    r"|[（(]\s*[一二三四五六七八九十百\d]+\s*[）)]"
    r"|\d+(?:\.\d+)*\s*[、.．)）](?!\d)"
    r"|[①-⑳⑴-⒇❶-❿]"
    r"|[•●○■□◆◇▪▶►·※★☆\-–—*]"
    r"|(?:附件|附表|附录|注|说明|抄送|抄报|主送|联系人|联系电话)\s*[:：\d一二三四五六七八九十]"
    r")")
# a header line that opens with a date, as a law's or a report's "2021年6月23日 某某会议通过"
_DATE_OPENS = re.compile(r"^\s*[（(]?\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?:[）)]?\s*$|\s)")
_BEFORE_DATE = set("，,、于在至自从到和及与或的是为将对截止")
_PAGE_NUMBER = re.compile(r"^\s*[-—–－\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*/\s*\d{1,4})?[-—–－\s]*$")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")

Box = tuple  # (x0, y0, x1, y1) of a line on its page, in PDF points (y upwards)


def line_width(line: str) -> float:
    """Width of a line in character cells: CJK and full-width 1, ASCII ½, spaces ignored."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in line if not ch.isspace())


def join_broken_lines(pages: list[str], boxes: list[dict | None] | None = None) -> tuple[list[str], int, int]:
    """``pages`` with line breaks inside sentences joined; also (breaks joined, breaks kept).

    ``boxes``, one a page: {line number on the page: (x0, y0, x1, y1)} for the lines whose place
    is known (a page with None, or no ``boxes`` at all, is judged from its text alone). A break
    counts as kept when it stands between two non-blank lines (across blank lines only where they
    might have been joined) and is not joined.

    >>> body = "第一条 为了加强和改进基层治理工作，推进网格化服务管理的规范化"
    >>> pages = ["\\n".join([body, "精细化，制定本办法。", body, "建设，结合本县实际，制定本办法。", "第二章 职责", body, "和网格员。"])]
    >>> out, joined, kept = join_broken_lines(pages)
    >>> out[0].split("\\n")[0][-12:], joined, kept
    ('范化精细化，制定本办法。', 3, 3)
    """
    width = _body_width([ln for page in pages for ln in page.split("\n")])
    span = _body_span(pages, boxes) if boxes is not None else None
    out, joined, kept = [], 0, 0
    for n, page in enumerate(pages):
        geometry = boxes[n] if boxes is not None and n < len(boxes) else None
        if geometry is not None:
            judge = _GeometryJudge.of(page.split("\n"), geometry, span) if span else None
        else:
            judge = _TextJudge(width, _spaced(page.split("\n"))) if width else None
        if judge is None:
            out.append(page)
            kept += _breaks(page)
            continue
        text, j, k = _join_page(page.split("\n"), judge)
        out.append(text)
        joined += j
        kept += k
    return out, joined, kept


def _breaks(page: str) -> int:
    lines = page.split("\n")
    return sum(1 for a, b in zip(lines, lines[1:]) if a.strip() and b.strip())


def _text_allows(piece: str, follower: str) -> bool:
    """What the words say: ``piece`` does not end a sentence, ``follower`` opens no heading, list
    item or page number, and they are not a title and the date line under it."""
    if _ENDS_SENTENCE.search(piece) or _STARTS_BLOCK.match(follower) or _PAGE_NUMBER.match(follower):
        return False
    return not (_DATE_OPENS.match(follower) and piece.rstrip()[-1:] not in _BEFORE_DATE)


def _join_page(lines: list[str], judge) -> tuple[str, int, int]:
    """Join the breaks ``judge(k, j)`` allows between line k and the next non-blank line j."""
    out: list[str] = []
    joined = kept = 0
    i = 0
    while i < len(lines) and not lines[i].strip():
        out.append(lines[i])
        i += 1
    while i < len(lines):
        current, last = lines[i], i  # the line being built, and the last physical line in it
        j = i + 1
        while True:
            while j < len(lines) and not lines[j].strip():
                j += 1
            if j >= len(lines):
                break
            verdict = judge(lines, last, j)
            if verdict is None:  # the blank lines between are a paragraph gap: not even a candidate
                break
            if not verdict:
                kept += 1
                break
            follower = lines[j]
            sep = " " if _ASCII_WORD.match(current[-1:]) and _ASCII_WORD.match(follower.lstrip()[:1]) else ""
            current = current.rstrip() + sep + follower.lstrip()
            joined += 1
            last, j = j, j + 1
        out.append(current)
        out.extend(lines[last + 1:j])  # blank lines after a kept break stay as they were
        i = j
    return "\n".join(out), joined, kept


# --- judging from the text alone ---------------------------------------------------------------------

def _body_width(lines: list[str]) -> float | None:
    """The width of a full body line: the upper quartile of the widths of lines of 8+ characters."""
    widths = sorted(line_width(ln) for ln in lines if len(ln.strip()) >= 8)
    if len(widths) < _MIN_LINES:
        return None
    return widths[(3 * len(widths)) // 4]


def _spaced(lines: list[str]) -> bool:
    """Every line a box of its own: non-blank lines nearly always one blank line apart."""
    gaps = [i for i in range(len(lines) - 1) if lines[i].strip()]
    singles = sum(1 for i in gaps if lines[i + 1].strip())
    doubles = sum(1 for i in gaps if i + 2 < len(lines) and not lines[i + 1].strip() and lines[i + 2].strip())
    return doubles >= 3 and doubles >= 4 * singles


class _TextJudge:
    def __init__(self, width: float, spaced: bool):
        self.width, self.spaced = width, spaced

    def __call__(self, lines: list[str], k: int, j: int) -> bool | None:
        if j - k > (2 if self.spaced else 1):
            return None
        piece = lines[k]
        return line_width(piece) >= _FULL * self.width and _text_allows(piece, lines[j])


# --- judging from where the lines stand on the page --------------------------------------------------

def _body_span(pages: list[str], boxes: list[dict | None]) -> float | None:
    """How wide a full body line is in the document: the upper quartile of the widths of lines of
    8+ characters, in points; None with fewer than four such lines."""
    widths = []
    for page, placed in zip(pages, boxes):
        lines = page.split("\n")
        widths += [b[2] - b[0] for i, b in (placed or {}).items() if i < len(lines) and len(lines[i].strip()) >= 8]
    if len(widths) < _MIN_LINES:
        return None
    return sorted(widths)[(3 * len(widths)) // 4]


class _GeometryJudge:
    """Joins a line to the next one down when it reaches the right margin and the next starts at
    the left margin one line pitch below, in the same font size."""

    def __init__(self, boxes: dict, left: float, right: float, pitch: float | None):
        self.boxes, self.left, self.right, self.pitch = boxes, left, right, pitch

    @classmethod
    def of(cls, lines: list[str], boxes: dict, span: float):
        """The judge of a page, or None when it has no two lines as wide as the document's body
        lines (``span``) to find its margins from (a cover, a table, columns)."""
        placed = {i: b for i, b in boxes.items() if i < len(lines) and lines[i].strip()}
        long = [b for b in placed.values() if b[2] - b[0] >= _FULL * span]
        if len(long) < 2:
            return None
        order = sorted(placed)
        heights = [placed[i][3] - placed[i][1] for i in order]
        h = median(heights)
        steps = [placed[a][1] - placed[b][1] for a, b in zip(order, order[1:])]
        steps = [d for d in steps if 0.9 * h <= d <= 3 * h]
        return cls(placed, min(b[0] for b in long), max(b[2] for b in long), median(steps) if steps else None)

    def __call__(self, lines: list[str], k: int, j: int) -> bool:
        a, b = self.boxes.get(k), self.boxes.get(j)
        if a is None or b is None or not _text_allows(lines[k], lines[j]):
            return False
        ha, hb = a[3] - a[1], b[3] - b[1]
        if abs(ha - hb) > 0.25 * max(ha, hb):  # a change of font size: a title, a footnote
            return False
        step = a[1] - b[1]  # how far the next line stands below
        limit = 1.3 * self.pitch if self.pitch else 2.2 * ha
        return (a[2] >= self.right - 1.2 * ha  # reaches the right margin (less than a character short)
                and b[0] <= self.left + 0.6 * hb  # starts at the left margin: not indented
                and 0.5 * ha < step <= limit)
