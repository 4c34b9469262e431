"""A design brief as a list of blocks — headings, paragraphs, lists, tables, code, figures — written
once and rendered to Markdown here (:func:`to_markdown`) and to Word in :mod:`.word`.

A :class:`Figure` is an image with a caption: Word shows the image (drawn only then: ``draw`` is
called by the Word renderer), Markdown shows the caption and the figure's text instead — for the
flowchart its Mermaid source, which JupyterLab draws.

In the text of a paragraph or a list item, ``**…**`` marks bold (Markdown keeps the marks, Word makes
bold runs); headings and table cells are plain text.

>>> print(to_markdown([Heading(1, "简报"), Paragraph("正文"), Numbered(("**提议**:村民", "**决议**:村民会议")),
...                    Table((("网格", "户数"), ("第1网格", "340")))]), end="")
# 简报
<BLANKLINE>
正文
<BLANKLINE>
1. **提议**:村民
2. **决议**:村民会议
<BLANKLINE>
| 网格 | 户数 |
| --- | --- |
| 第1网格 | 340 |
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    level: int          # 1 = the title
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Numbered:
    """A numbered list (1., 2., …)."""
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]   # the first row is the header


@dataclass(frozen=True)
class Code:
    text: str
    language: str = "mermaid"


@dataclass(frozen=True)
class Figure:
    """An image: ``draw()`` returns its PNG bytes; ``text`` (in ``language``) stands for it in Markdown."""
    caption: str
    draw: Callable[[], bytes] = field(compare=False, repr=False)
    text: str = ""
    language: str = "mermaid"


Block = Heading | Paragraph | Bullets | Numbered | Table | Code | Figure


def numbered_items(block: Numbered) -> list[str]:
    """The items of a numbered list with their numbers, as both renderers write them."""
    return [f"{number}. {item}" for number, item in enumerate(block.items, start=1)]


def to_markdown(blocks: list[Block]) -> str:
    """The blocks as Markdown: a blank line after each block, one newline at the end."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            out += ["#" * block.level + " " + block.text, ""]
        elif isinstance(block, Paragraph):
            out += [block.text, ""]
        elif isinstance(block, Bullets) and block.items:
            out += [f"- {item}" for item in block.items] + [""]
        elif isinstance(block, Numbered) and block.items:
            out += numbered_items(block) + [""]
        elif isinstance(block, Table):
            cells = [[cell.replace("|", "\\|") for cell in row] for row in block.rows]
            out += ["| " + " | ".join(cells[0]) + " |", "|" + " --- |" * len(cells[0])]
            out += ["| " + " | ".join(row) + " |" for row in cells[1:]] + [""]
        elif isinstance(block, Code):
            out += [f"```{block.language}", block.text, "```", ""]
        elif isinstance(block, Figure):
            out += [f"**{block.caption}**", ""] + ([f"```{block.language}", block.text, "```", ""] if block.text else [])
    return "\n".join(out).rstrip("\n") + "\n"
