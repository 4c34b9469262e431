"""The parts of a brief written from the trainee's own material: 设计说明与理由 (their reasoning, as
text), 借鉴做法及出处 (the mechanisms they adopted from the documents coded in lectures 03–04, each
with its evidence sentence and source document), and the mark of a fictional teaching case.

Nothing is made up: a part the trainee has not supplied shows one line saying what to write there.

>>> [type(b).__name__ for b in rationale_blocks({"网格划分": "按小区边界划分。", "议事程序": "沿用本村惯例。"})]
['Heading', 'Paragraph', 'Heading', 'Paragraph']
>>> adopted_rows([{"name": "网格化管理", "sentence": "全县划分网格 120 个。", "doc_id": "示例县_2023"}])
[('网格化管理', '全县划分网格 120 个。', '示例县_2023')]
"""
from __future__ import annotations

from collections.abc import Mapping

from .blocks import Block, Heading, Paragraph, Table
from .findings import DesignError

RATIONALE_PLACEHOLDER = ("【待填写】请用自己的话写明设计理由：为什么这样划分网格、配备人员，为什么选用这个议事程序，"
                         "模拟中各项估计（出席、赞成、人手）的依据是什么。生成简报时用 rationale 参数传入这段文字，"
                         "也可以传入一个以小标题为键、以文字为值的字典。")
ADOPTED_PLACEHOLDER = ("【待填写】请列出从第 03—04 讲的材料中借鉴的做法及其出处：生成简报时用 adopted 参数传入编码结果中选出的行"
                       "（code_patterns 的结果，含 name、sentence、doc_id 三列），或一个字典列表，每项写明 name（做法）、"
                       "sentence（原文证据句）和 doc_id（出处文件）。")
ADOPTED_HEADER = ("借鉴做法", "原文证据", "出处")
MAX_ADOPTED = 30     # rows shown; a whole coding table would drown the brief
# column names accepted for each field, in order of preference (code_patterns' names first)
_FIELDS = {"name": ("name", "pattern", "做法", "机制"), "sentence": ("sentence", "evidence", "证据", "证据句"),
           "document": ("title", "doc_id", "document", "文件", "出处")}


def rationale_blocks(rationale, *, level: int = 3) -> list[Block]:
    """The trainee's reasoning: a text (paragraphs split at blank lines or line breaks) or a mapping
    of subheading → text; nothing given, the placeholder line."""
    if rationale is None or (isinstance(rationale, (str, Mapping)) and not _has_text(rationale)):
        return [Paragraph(RATIONALE_PLACEHOLDER)]
    if isinstance(rationale, str):
        return _paragraphs(rationale)
    if isinstance(rationale, Mapping):
        blocks: list[Block] = []
        for heading, text in rationale.items():
            text = "" if text is None else text
            if not isinstance(text, str):
                raise DesignError(f"rationale 中“{heading}”对应的应是一段文字（str），收到的是 {type(text).__name__}")
            blocks += [Heading(level, str(heading).strip()),
                       *(_paragraphs(text) or [Paragraph(f"【待填写】请在 rationale 的“{str(heading).strip()}”一项里写上你的理由。")])]
        return blocks
    raise DesignError(f"rationale 应是一段文字（str）或“小标题→文字”的字典，收到的是 {type(rationale).__name__}")


def _has_text(rationale) -> bool:
    return bool(rationale.strip()) if isinstance(rationale, str) else bool(rationale)


def _paragraphs(text: str) -> list[Block]:
    return [Paragraph(line.strip()) for line in text.splitlines() if line.strip()]


def adopted_rows(adopted) -> list[tuple[str, str, str]]:
    """``(做法, 证据句, 出处)`` of each adopted mechanism, from a coding DataFrame (``code_patterns``
    columns ``name``/``pattern``, ``sentence``, ``doc_id``; a ``title`` column wins over ``doc_id``)
    or a list of dicts with the same keys (or 做法、证据、出处); duplicates dropped, order kept."""
    if hasattr(adopted, "to_dict") and hasattr(adopted, "columns"):
        records = adopted.to_dict("records")
    elif isinstance(adopted, (list, tuple)) and all(isinstance(r, Mapping) for r in adopted):
        records = list(adopted)
    else:
        raise DesignError("adopted 应是编码结果（code_patterns 返回的表或从中选出的行）或字典的列表，"
                          f"收到的是 {type(adopted).__name__}")
    rows, seen = [], set()
    for i, record in enumerate(records, start=1):
        name, sentence, document = (_field(record, key) for key in ("name", "sentence", "document"))
        if not name or not sentence:
            raise DesignError(f"adopted 第 {i} 行缺少做法名称（name 或 pattern）或证据句（sentence）；"
                              f"这一行有：{'、'.join(map(str, record)) or '（空）'}")
        row = (name, sentence, document or "（未注明）")
        if row not in seen:
            seen.add(row)
            rows.append(row)
    return rows


def _field(record: Mapping, key: str) -> str:
    for column in _FIELDS[key]:
        value = record.get(column)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return ""


def adopted_blocks(adopted) -> list[Block]:
    """The table of adopted mechanisms (at most :data:`MAX_ADOPTED` rows), or the placeholder line."""
    if adopted is None:
        return [Paragraph(ADOPTED_PLACEHOLDER)]
    rows = adopted_rows(adopted)
    if not rows:
        return [Paragraph(ADOPTED_PLACEHOLDER)]
    blocks: list[Block] = [Paragraph("下表列出本设计借鉴的做法，每项附原文证据句和出处文件，供核对。"),
                           Table((ADOPTED_HEADER, *rows[:MAX_ADOPTED]))]
    if len(rows) > MAX_ADOPTED:
        blocks.append(Paragraph(f"另有 {len(rows) - MAX_ADOPTED} 条未列出：请只选出真正借鉴的做法，每种留一两句证据。"))
    return blocks


def teaching_case_named(name: str | None):
    """The bundled teaching case whose name ``name`` is or begins with (``"青石村"``,
    ``"青石村四议两公开"``), or ``None``."""
    from ..errors import RuleFileError
    from .teaching import teaching_case, teaching_cases

    if not name:
        return None
    try:
        cases = [teaching_case(key) for key in teaching_cases()]
    except (RuleFileError, OSError):  # a broken teaching file must not stop a brief
        return None
    return next((case for case in cases if str(name).startswith(case.name)), None)


def fictional_note(case, name: str) -> Paragraph:
    """The line under the title of a brief on a fictional teaching case."""
    what = case.note if case is not None else f"“{name}”是虚构的教学案例，名称和数字都是编的，不得当作真实情况引用。"
    return Paragraph(f"**说明：本简报所用的是虚构教学案例。**{what}")
