"""The design brief (设计简报) of one community: its grid plan and its deliberation procedure together,
as Markdown (:func:`design_brief`) or as a Word document (:func:`design_brief_docx`).

The brief, in this order: the title (marked （虚构教学案例） when the community is one of the bundled
teaching cases), the date and the status of the draft; 设计说明与理由 from the trainee's own text
(``rationale``); the grid part — grid table, staffing, duties and cadences, the findings of
:func:`governance_kit.design.grid.validate`, the simulated figures with the table of assumptions
behind them; the deliberation part as :func:`governance_kit.design.deliberation.brief_blocks` writes
it (stages, the flowchart — an image in Word, Mermaid in Markdown —, legal findings, simulated
figures and assumptions), its headings moved one level down; and 借鉴做法及出处 (``adopted``: the
mechanisms taken from lectures 03–04 with their evidence sentences). A part the trainee has not
supplied shows a line saying what to write; nothing is made up. Every line is set in full-width
Chinese punctuation (:mod:`.typography`).

A Word brief is never written over an existing file unless ``overwrite=True``: a trainee's earlier
brief is never lost. :func:`new_brief_path` gives a fresh, time-stamped name.

>>> from governance_kit.design.grid import plan
>>> from governance_kit.design.deliberation import TEMPLATES, Context
>>> text = design_brief(plan("示例社区", [("1号楼", 200), ("2号楼", 200)]), TEMPLATES["城市居民议事会"](),
...                     Context.community(households=400))
>>> text.splitlines()[0]
'# 示例社区基层治理设计简报'
"""
from __future__ import annotations

import math
import re
from collections import Counter
from datetime import date, datetime
from pathlib import Path

from ..export.redaction import redact_blocks
from ..export.redaction import summary as mask_summary
from . import deliberation
from .assumptions import grid_assumptions
from .blocks import Block, Bullets, Figure, Heading, Paragraph, Table, to_markdown
from .flowchart import grid_flow_lines, grid_flowchart_png
from .deliberation import Context, Procedure
from .findings import DesignError
from .grid import GridPlan
from .grid import standards
from .grid import validate as validate_grid
from .sections import adopted_blocks, fictional_note, rationale_blocks, teaching_case_named
from .simulation import SimulationResult
from .typography import typeset
from .word import to_docx_bytes

NUMERALS = "一二三四五六七八九十"
FICTIONAL_MARK = "（虚构教学案例）"


def design_brief(grid_plan: GridPlan, procedure: Procedure, context: Context, *, grid_summary=None,
                 deliberation_summary=None, title: str | None = None, rationale=None, adopted=None,
                 fictional: bool | None = None, on: date | None = None, redact: bool = True) -> str:
    """The brief in Markdown (Chinese). ``grid_summary`` is the result of
    :func:`~governance_kit.design.grid_simulation.simulate` (or its ``summary``),
    ``deliberation_summary`` the result of :func:`~governance_kit.design.deliberation.simulate` (or
    its summary dict); either may be left out.

    ``rationale``: the trainee's reasoning, a text or a mapping of subheading → text (设计说明与理由).
    ``adopted``: the mechanisms adopted from lectures 03–04 — rows of a coding table
    (:func:`~governance_kit.codebook.coding.code_patterns`: ``name``, ``sentence``, ``doc_id``) or
    a list of dicts with those keys (借鉴做法及出处). ``fictional``: mark the brief as a fictional
    teaching case; ``None`` (default) marks it when the community is a bundled teaching case.
    ``on``: the date printed (default today). ``redact``: phone, ID and card numbers and the other
    identifiers of :mod:`governance_kit.export.redaction` are masked in every line (default); the brief
    says what was masked, or that masking was turned off."""
    return to_markdown(_blocks(grid_plan, procedure, context, grid_summary, deliberation_summary, title,
                               rationale=rationale, adopted=adopted, fictional=fictional, on=on, redact=redact))


def design_brief_docx(grid_plan: GridPlan, procedure: Procedure, context: Context, path, *, grid_summary=None,
                      deliberation_summary=None, title: str | None = None, overwrite: bool = False, rationale=None,
                      adopted=None, fictional: bool | None = None, on: date | None = None,
                      redact: bool = True) -> Path:
    """Write the brief as a Word document at ``path`` (a ``.docx`` name) and return the path; the
    keywords are those of :func:`design_brief`. An existing file is kept and
    :class:`FileExistsError` raised, unless ``overwrite=True``."""
    path = Path(path)
    if path.suffix.lower() != ".docx":
        raise DesignError(f"Word 简报的文件名应以 .docx 结尾，收到的是“{path.name}”")
    if path.exists() and not overwrite:
        raise _exists(path)
    blocks = _blocks(grid_plan, procedure, context, grid_summary, deliberation_summary, title,
                     rationale=rationale, adopted=adopted, fictional=fictional, on=on, redact=redact)
    data = to_docx_bytes(blocks)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:  # "xb" refuses to replace a file that appeared in the meantime
        with open(path, "wb" if overwrite else "xb") as handle:
            handle.write(data)
    except FileExistsError:
        raise _exists(path) from None
    return path


def new_brief_path(community: str, *, folder=".", now: datetime | None = None) -> Path:
    """A file name for a new brief in ``folder`` that no existing file has:
    ``设计简报_<社区>_<年月日-时分>.docx``, with ``_2``, ``_3`` … added if that name is taken."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M")
    safe = re.sub(r'[\\/:*?"<>|\s]+', "_", str(community)).strip("_") or "社区"
    folder = Path(folder)
    candidate = folder / f"设计简报_{safe}_{stamp}.docx"
    number = 2
    while candidate.exists():
        candidate = folder / f"设计简报_{safe}_{stamp}_{number}.docx"
        number += 1
    return candidate


def _exists(path: Path) -> FileExistsError:
    return FileExistsError(f"文件“{path}”已经存在。为免覆盖之前的设计简报，请换一个文件名（例如用 new_brief_path(...) "
                           f"生成带时间的文件名）；确实要覆盖时，再传入 overwrite=True")


# --- content ---------------------------------------------------------------------------------------

def _blocks(grid_plan, procedure, context, grid_summary, deliberation_summary, title, *, rationale=None,
            adopted=None, fictional=None, on=None, redact=True) -> list[Block]:
    """Either part may be left out (``grid_plan=None``, or ``procedure=context=None``): lectures 06
    and 07 export one design each, lecture 08 both."""
    has_grid, has_procedure = grid_plan is not None, procedure is not None or context is not None
    if not (has_grid or has_procedure):
        raise DesignError("设计简报至少需要一个网格方案或一个议事程序")
    if has_grid and (not isinstance(grid_plan, GridPlan) or not grid_plan.grids):
        raise DesignError("设计简报需要 plan(...) 生成且至少有一个网格的网格方案")
    if has_procedure and (not isinstance(procedure, Procedure) or not isinstance(context, Context)):
        raise DesignError("设计简报需要一个议事程序（Procedure）和一个村社情况（Context）")
    if fictional not in (None, True, False):
        raise DesignError(f"fictional 应为 True、False 或 None（自动判断），收到的是 {fictional!r}")
    grid_summary = _summary(grid_summary, "grid", "grid_summary 应是网格模拟结果的 summary（字典）或模拟结果本身")
    deliberation_summary = _summary(deliberation_summary, "deliberation",
                                    "deliberation_summary 应是议事模拟 simulate(...) 返回的 summary（字典）")
    subject = grid_plan.community if has_grid else procedure.name
    case = teaching_case_named(subject)
    fictional = case is not None if fictional is None else fictional
    heading = title or f"{subject}基层治理设计简报"
    day = on or date.today()
    blocks: list[Block] = [
        Heading(1, heading + (FICTIONAL_MARK if fictional and "虚构" not in heading else "")),
        Paragraph(f"生成日期：{day.year}年{day.month}月{day.day}日"),
        *([fictional_note(case, subject)] if fictional else []),
        Paragraph("本简报由基层治理研习工具箱（governance_kit）生成，是供讨论的设计草案：网格方案与议事程序须经本地党组织和"
                  "居（村）民会议等法定程序讨论通过后方可实施。文中标为“教学假设”的数字是课程为教学编定的，不是本地的实际数据。"),
    ]
    kinds = ({grid_plan.community_kind} if has_grid else set()) | ({procedure.kind, context.kind} if has_procedure else set())
    if len(kinds) > 1:
        blocks.append(Paragraph("注意：" + "，".join(
            ([f"网格方案按“{grid_plan.community_kind}”设计"] if has_grid else [])
            + [f"议事程序是“{procedure.kind}”的程序", f"村社情况写的是“{context.kind}”"]) + "，请核对是否一致。"))
    parts = [("设计说明与理由", rationale_blocks(rationale))]
    if has_grid:
        parts.append(("网格体系", _grid_blocks(grid_plan, grid_summary)))
    if has_procedure:
        parts.append((None, _deliberation_blocks(procedure, context, deliberation_summary, fictional)))
    parts.append(("借鉴做法及出处", adopted_blocks(adopted)))
    for number, (name, part) in enumerate(parts):
        if name is None:  # the deliberation part brings its own heading: number it
            first = part[0]
            part = [Heading(first.level, f"{NUMERALS[number]}、{first.text}"), *part[1:]]
        else:
            part = [Heading(2, f"{NUMERALS[number]}、{name}"), *part]
        blocks += part
    return typeset(_redacted(blocks) if redact else [*blocks, Paragraph("本简报未遮盖个人信息（redact=False）。")])


def _redacted(blocks: list[Block]) -> list[Block]:
    """The blocks with personal data masked and, when something was, a closing line counting it."""
    counts = Counter()
    blocks = redact_blocks(blocks, counts)
    return [*blocks, Paragraph(f"个人信息已遮盖：{mask_summary(counts)}。")] if counts else blocks


def _summary(value, kind: str, message: str) -> dict | None:
    """The summary dict of a simulation ``value`` of the given ``kind``: the result itself or its summary."""
    if value is None or isinstance(value, dict):
        return value
    if isinstance(value, SimulationResult) and value.kind == kind:
        return value.summary
    raise DesignError(message)


def _grid_blocks(grid_plan: GridPlan, summary: dict | None) -> list[Block]:
    kinds = {}
    for g in grid_plan.grids:
        kinds[g.kind] = kinds.get(g.kind, 0) + 1
    counts = "、".join(f"{kind} {n} 个" for kind, n in kinds.items())
    blocks: list[Block] = [
        Paragraph(f"{grid_plan.community}（{grid_plan.community_kind}），共 {grid_plan.households} 户，"
                  f"划分 {len(grid_plan.grids)} 个网格：{counts}。"),
        Heading(3, "网格划分"), Table(_grid_table(grid_plan)),
        *_grid_flow(summary),
        Heading(3, "人员配置"),
        Bullets(tuple(f"{role}：{n} 人" for role, n in grid_plan.staff_totals().items())),
    ]
    workers = sum(g.workers for g in grid_plan.grids)
    if workers:
        blocks.append(Paragraph(f"在格工作人员（不含网格指导员）共 {workers} 人，平均每人联系约 {grid_plan.households / workers:.0f} 户。"
                                "每格人数的默认值是教学假设（没有找到全国统一的配置比例），请按本地规定调整。"))
    findings = validate_grid(grid_plan)
    blocks += [
        Heading(3, "职责清单与工作节奏"),
        Bullets(tuple(f"职责：{duty}" for duty in grid_plan.duties)
                + tuple(f"节奏：{cadence}" for cadence in grid_plan.cadences.values())),
        Heading(3, "依规检验"),
        Bullets(tuple(f"【{f.level}】{f.message}（依据：{f.source}；可信度：{f.confidence}）" for f in findings)
                or ("未发现与所依据标准不符之处。",)),
    ]
    if summary:
        blocks += [Heading(3, "模拟结果"), Bullets(tuple(_grid_summary_lines(summary))), *grid_assumptions(summary),
                   Paragraph("模拟结果用于比较不同方案，不是对实际工作量的预测。")]
    return blocks


def _grid_flow(summary: dict | None) -> list[Block]:
    """The event-handling flowchart: tiers, handlers and time limits of the simulation that was run,
    or of ``data/standards.yaml`` (its teaching assumptions) when none was."""
    inputs = (summary or {}).get("inputs")
    basis = "各层人手与办结时限同下文“模拟所依据的假设”"
    if not isinstance(inputs, dict):
        spec = standards()["simulation"]
        inputs = {"tiers": spec["tiers"], "handlers": spec["handlers"], "time_limit_days": spec["time_limit_days"]}
        basis = "各层人手为教学假设，办结时限参照凤县的地方规定"
    tiers, handlers, limits = list(inputs["tiers"]), list(inputs["handlers"]), list(inputs["time_limit_days"])
    steps = ["；".join([head, *rest]) for head, rest in grid_flow_lines(tiers, handlers, limits)]
    return [Heading(3, "事件处置流程"),
            Figure(f"图　网格事件逐级处置流程（{basis}）",
                   lambda: grid_flowchart_png(tiers, handlers, limits), "\n".join(f"{i}. {step}" for i, step in
                                                                           enumerate(steps, 1)), "text")]


def _grid_table(grid_plan: GridPlan) -> tuple[tuple[str, ...], ...]:
    frame = grid_plan.to_frame()
    roles = [c for c in frame.columns if c not in ("网格", "类型", "户数", "包含")]
    rows = [("网格", "类型", "户数", "包含", *roles)]
    for record in frame.to_dict("records"):
        staff = [_count(record.get(role)) for role in roles]
        rows.append((str(record["网格"]), str(record["类型"]), str(record["户数"]), str(record["包含"]), *staff))
    return tuple(rows)


def _count(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "0"
    return str(int(value))


def _grid_summary_lines(summary: dict) -> list[str]:
    lines = []

    def share(key, label):
        if isinstance(summary.get(key), (int, float)):
            lines.append(f"{label}：{summary[key]:.1%}")

    if "events" in summary:
        lines.append(f"模拟期内发生事件 {summary['events']} 件，办结 {summary.get('closed', 0)} 件")
    share("on_time_rate", "按时办结率")
    share("small_matters_in_grid", "在网格内解决（小事不出网格）")
    share("major_matters_in_village", "在村（社区）及以下解决（大事不出村居）")
    share("not_passed_up_to_county", "未上交到县")
    share("found_by_patrol_share", "由巡查发现的比例")
    for key, label in (("mean_days_to_close", "平均办结用时"), ("p90_days_to_close", "九成事件办结用时不超过")):
        value = summary.get(key)
        if isinstance(value, (int, float)) and not math.isnan(value):
            lines.append(f"{label}：{value:.1f} 天")
    if isinstance(summary.get("backlog_mean"), (int, float)):
        lines.append(f"平均积压（已发现未办结）：{summary['backlog_mean']:.1f} 件")
    if isinstance(summary.get("staff_load"), dict):
        loads = "、".join(f"{tier} {load:.0%}" for tier, load in summary["staff_load"].items())
        lines.append(f"各层人员负荷（处理时间占工作时间）：{loads}")
    return lines


def _deliberation_blocks(procedure: Procedure, context: Context, summary: dict | None, teaching_case: bool) -> list[Block]:
    """:func:`deliberation.brief_blocks`, each heading one level lower (the caller numbers the first)."""
    return [Heading(block.level + 1, block.text) if isinstance(block, Heading) else block
            for block in deliberation.brief_blocks(procedure, context, summary=summary, teaching_case=teaching_case)]
