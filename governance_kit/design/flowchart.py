"""A deliberation procedure drawn as a flowchart image (PNG) for the Word brief, offline: matplotlib
only (no Node, no Mermaid renderer, no graphviz binary), Chinese set in the OFL font Noto Sans CJK SC
that :func:`governance_kit.viz.font_path` finds in the ``mplfonts`` package.

One box per stage, top to bottom in the order of the procedure, joined by arrows: the stage's role
(提议, 商议, 决议 …) and body on the first line, then its quorum, majority, notice and note — the same
content as :func:`governance_kit.design.deliberation.to_mermaid`. matplotlib is imported on the
first drawing, never when the kit is imported.

>>> from governance_kit.design.procedure import Procedure, Stage
>>> png = flowchart_png(Procedure("示例", "村", [Stage("提议", "村民"), Stage("决议", "村民会议")]))
>>> png[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
True
"""
from __future__ import annotations

from .procedure import Procedure, Stage
from .thresholds import share_words
from .typography import fullwidth

BASES = {"members": "组成人员", "adults": "十八周岁以上成员", "households": "户"}
# box colours by role: deciding stages stand out, publicity and evaluation are quieter
_FILL = {"决议": "#fde2c8", "公开": "#e3f1e3", "评议": "#e3f1e3"}
_PLAIN = "#e8eef7"
_WIDTH_CHARS = 28          # characters per line inside a box
_LINE = 0.27               # inches per text line
_GAP = 0.36                # inches between boxes (the arrow)


def stage_lines(stage: Stage) -> list[str]:
    """The text of one box: ``"提议：村民"``, then the quorum, majority and notice in one line, then
    the note — in full-width punctuation."""
    rules = []
    if stage.quorum is not None:
        rules.append(f"{share_words(stage.quorum, stage.quorum_inclusive)}{BASES.get(stage.quorum_basis, '')}出席")
    if stage.majority is not None:
        rules.append(f"{'应到会' if stage.majority_basis == 'members' else '到会'}{share_words(stage.majority)}通过")
    if stage.notice_days is not None:
        rules.append(f"提前 {stage.notice_days} 天通知")
    lines = [f"{stage.role}：{stage.body}", *(["，".join(rules)] if rules else []), *([stage.note] if stage.note else [])]
    return [fullwidth(line) for line in lines]


_NO_LINE_START = "，。；：、！？）》”’"


def _wrap(text: str, width: int = _WIDTH_CHARS) -> list[str]:
    """Break ``text`` every ``width`` characters (Chinese has no spaces to break at), preferring to
    break after a comma, semicolon or full stop in the second half of the line; a closing mark is
    never put at the start of a line."""
    out, rest = [], text
    while len(rest) > width:
        cut = max(rest.rfind(mark, 0, width) for mark in "，；。、")
        cut = cut + 1 if cut >= width // 2 else width
        while cut < len(rest) and rest[cut] in _NO_LINE_START:
            cut += 1
        out.append(rest[:cut])
        rest = rest[cut:]
    return out + ([rest] if rest else [])


def flowchart_png(procedure: Procedure, *, dpi: int = 200) -> bytes:
    """The flowchart of ``procedure`` as PNG bytes (white background, about 6.3 inches wide)."""
    boxes = []
    for stage in procedure.stages:
        first, *details = stage_lines(stage)
        boxes.append((_FILL.get(stage.role, _PLAIN), first, details))
    return boxes_png(boxes, dpi=dpi)


def grid_flow_lines(tiers, handlers, time_limit_days) -> list[tuple[str, list[str]]]:
    """The boxes of a grid plan's event handling, one per tier from the grid up: the tier, who
    handles there, and its time limit; the last box closes the chain."""
    boxes = []
    for number, (tier, people, days) in enumerate(zip(tiers, handlers, time_limit_days)):
        who = f"{people} 人处理" if people else "不设专人，事件直接上报上一层"
        limit = "当天办结" if days == 0 else f"{days} 天内办结"
        if number == 0:
            head = f"{tier}：网格员巡查发现、居民上报"
        else:
            head = f"{tier}：处理下一层办不了的事件"
        up = "，办不了的上报上一层" if number < len(tiers) - 1 else "，须办结"
        boxes.append((head, [fullwidth(f"{who}；{limit}{up}")]))
    return boxes


def grid_flowchart_png(tiers, handlers, time_limit_days, *, dpi: int = 200) -> bytes:
    """The event handling of a grid plan (网格 → 村(社区) → 镇(街道) → 县) as PNG bytes."""
    return boxes_png([(_PLAIN if i else _FILL["决议"], head, rest) for i, (head, rest)
                      in enumerate(grid_flow_lines(tiers, handlers, time_limit_days))], dpi=dpi)


def boxes_png(boxes, *, dpi: int = 200) -> bytes:
    """Boxes ``(fill colour, first line, detail lines)`` drawn top to bottom, joined by arrows."""
    from io import BytesIO

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    from ..viz import font_path

    font = FontProperties(fname=str(font_path()))
    boxes = [(fill, _wrap(first), [w for line in details for w in _wrap(line)]) for fill, first, details in boxes]
    heights = [(len(head) + len(rest)) * _LINE + 0.28 for _, head, rest in boxes]
    width = 6.3
    total = sum(heights) + _GAP * (len(boxes) - 1) + 0.2
    fig = Figure(figsize=(width, total), dpi=dpi)  # no pyplot: no global state, a notebook's backend untouched
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(0, total)
    ax.axis("off")
    left, box_width, top = 0.35, width - 0.7, total - 0.1
    for number, ((fill, head, rest), height) in enumerate(zip(boxes, heights)):
        bottom = top - height
        ax.add_patch(FancyBboxPatch((left, bottom), box_width, height, boxstyle="round,pad=0,rounding_size=0.12",
                                    facecolor=fill, edgecolor="#34495e", linewidth=1.2))
        y = top - 0.14 - _LINE / 2
        for i, line in enumerate(head + rest):
            ax.text(width / 2, y - i * _LINE, line, ha="center", va="center", fontproperties=font,
                    fontsize=12.5 if i < len(head) else 10.5, color="#1b2631" if i < len(head) else "#34495e",
                    parse_math=False)
        if number < len(boxes) - 1:
            ax.add_patch(FancyArrowPatch((width / 2, bottom), (width / 2, bottom - _GAP), arrowstyle="-|>",
                                         mutation_scale=16, color="#34495e", linewidth=1.4,
                                         shrinkA=0, shrinkB=0))
        top = bottom - _GAP
    buffer = BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return buffer.getvalue()


def flowchart_steps(procedure: Procedure) -> list[str]:
    """The boxes as text, one line per stage (the text fallback of the image)."""
    return ["；".join(stage_lines(stage)) for stage in procedure.stages]
