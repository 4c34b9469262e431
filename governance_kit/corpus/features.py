"""Measures of a text's layout and voice that genre cues may use (``feature:`` cues in
``data/genres.yaml``): the share of dialogue turns, question-and-answer lines, reported speech,
personal pronouns, novel chapter headings, numbered articles.

Each measure is a plain number; rates are per 1,000 characters so that long and short texts compare.
"""
from __future__ import annotations

import re

__all__ = ["FEATURES", "measure"]

_TURN = re.compile(r"^(?P<who>[\u4e00-\u9fff·]{1,6}|[A-Z])\s*[:：]\s*(?P<said>.{6,})")
_QA = re.compile(r"(?m)^\s*(?:问|答|Q|A|提问|回答)\s*[:：]")
_SAID = re.compile(r"(?:说|道|问|喊|叫|笑道|答道|想)[:：，,]?\s*“|”[，,]?\s*(?:他|她|我)[\u4e00-\u9fff]{0,4}(?:说|道|问)")
_THIRD = re.compile(r"[他她](?!们)")
_FIRST = re.compile(r"我(?![们国省市县区镇乡村党院部局校厅委会司所队社])")
_CHAPTER = re.compile(r"(?m)^第[一二三四五六七八九十百千零〇\d]+[章回]\s*(?P<name>\S{0,24})\s*$")
_STATUTE_CHAPTER = re.compile(r"总\s*则|附\s*则|一般规定|法律责任|罚\s*则")
_ARTICLE = re.compile(r"(?m)^\s*第[一二三四五六七八九十百零〇\d]+条")
_NOT_SPEAKERS = frozenset({"关键词", "摘要", "来源", "作者", "时间", "地点", "注", "备注", "说明", "附件", "电话", "地址",
                           "邮箱", "网址", "日期", "主题", "标题", "编辑", "责任编辑", "基金项目", "作者简介", "一", "二", "三"})
SAMPLE_LINES = 120  # lines looked at for layout measures
SAMPLE_CHARS = 8000  # characters looked at for rates


def _per_thousand(count: int, text: str) -> float:
    return round(1000 * count / max(len(text), 1), 2)


def speaker_turns(text: str) -> float:
    """Share of paragraphs that open with a speaker's name and a colon (``张三:…``), when at least two
    speakers speak more than once, take turns and the two main voices hold most turns; 0 otherwise
    (a list of ``农业:…``, ``工业:…`` is not a dialogue)."""
    lines = [s.strip() for s in text.split("\n", SAMPLE_LINES)[:SAMPLE_LINES] if s.strip()]
    turns = [m.group("who") for m in map(_TURN.match, lines) if m and m.group("who") not in _NOT_SPEAKERS]
    regular = {who for who in turns if turns.count(who) >= 2}  # a speaker speaks more than once
    changes = sum(1 for a, b in zip(turns, turns[1:]) if a != b and a in regular and b in regular)
    top_two = sum(sorted((turns.count(w) for w in set(turns)), reverse=True)[:2])
    if len(turns) < 4 or len(regular) < 2 or changes < 2 or top_two < 0.6 * len(turns):
        return 0.0  # a list of 钢:…, 原煤:…, 水泥:… has many labels; a dialogue has few voices
    return round(len(turns) / len(lines), 3)


def qa_lines(text: str) -> int:
    return len(_QA.findall(text[:SAMPLE_CHARS]))


def said_quotes(text: str) -> float:
    """Reported speech of a narrative (``他说:“…”``, ``“…”她问``) per 1,000 characters."""
    sample = text[:SAMPLE_CHARS]
    return _per_thousand(len(_SAID.findall(sample)), sample)


def third_person(text: str) -> float:
    """他/她 (not 他们/她们) per 1,000 characters: narrative fiction runs at 10–30, reports near 0."""
    sample = text[:SAMPLE_CHARS]
    return _per_thousand(len(_THIRD.findall(sample)), sample)


def first_person(text: str) -> float:
    """我 as a person (not 我们, 我国, 我县 …) per 1,000 characters."""
    sample = text[:SAMPLE_CHARS]
    return _per_thousand(len(_FIRST.findall(sample)), sample)


def novel_chapters(text: str) -> int:
    """Headings ``第X章 名字`` of a novel: none when the text is made of numbered articles (a statute's
    chapters, 第一章 总则, are not a novel's)."""
    if len(_ARTICLE.findall(text[:SAMPLE_CHARS])) >= 3:
        return 0
    return sum(1 for m in _CHAPTER.finditer(text) if not _STATUTE_CHAPTER.search(m.group("name")))


def articles(text: str) -> int:
    """Paragraphs that open with ``第X条`` (statutes, regulations, village compacts)."""
    return len(_ARTICLE.findall(text))


FEATURES = {f.__name__: f for f in (speaker_turns, qa_lines, said_quotes, third_person, first_person, novel_chapters,
                                    articles)}


def measure(text: str, names) -> dict[str, float]:
    """The named measures of ``text``."""
    return {name: FEATURES[name](text) for name in names}
