"""What the sentence around a number says about it: planned or reported (``is_target``), and whether a
small count only sums up the items just listed (``sums_up_a_list``)."""
from __future__ import annotations

import re
from functools import lru_cache

from .numbers import parse_number
from .rules import MetricRules

_SENTENCE_END = re.compile(r"[。！？!?\n]")
_BY_YEAR = re.compile(r"(?:^|[^\u4e00-\u9fff]|[在争])(?:到|至)\d{4}年")  # 到2025年, 力争至2030年
_CLAUSE = re.compile(r"[^，,。；;：:！？!?\n（(]*$")
_QUOTES = "“”‘’\"'《》「」"
_HEADING = re.compile(r"^[ \t　]*[一二三四五六七八九十]{1,3}、(.{0,40})$", re.M)


@lru_cache(maxsize=8)
def _headings(text: str, words: tuple, review: tuple) -> tuple[tuple[int, bool], ...]:
    """(start, opens a section of plans) of every numbered heading line (一、… 二、…)."""
    return tuple((m.start(), any(w in m.group(1) for w in words) and not any(w in m.group(1) for w in review))
                 for m in _HEADING.finditer(text))


def _in_plan_section(text: str, start: int, r: MetricRules) -> bool:
    if not r.plan_headings:
        return False
    last = None
    for pos, plan in _headings(text, r.plan_headings, r.review_headings):
        if pos > start:
            break
        last = plan
    return bool(last)


def _sentence_start(text: str, start: int) -> int:
    for i in range(start - 1, max(-1, start - 300), -1):
        if _SENTENCE_END.match(text, i):
            return i + 1
    return max(0, start - 300)


@lru_cache(maxsize=512)
def _tokens(sentence: str) -> tuple[tuple[int, str], ...]:
    """(end, word) of each dictionary word of a sentence, cut once for all its numbers."""
    from .subjects import _cut

    out, pos = [], 0
    for token in _cut(sentence):
        pos += len(token)
        out.append((pos, token))
    return tuple(out)


def is_target(text: str, start: int, r: MetricRules) -> bool:
    """Whether the sentence before the number plans it: a target word (力争, 计划, 预期目标, 要, 将) or
    到/至 + a year, with no word of a result (已, 去年, 完成了) after it.

    >>> from governance_kit.metrics.rules import bundled_rules
    >>> r = bundled_rules()
    >>> is_target("力争新增市场主体300家。", 8, r), is_target("去年新增市场主体300家。", 8, r)
    (True, False)
    """
    if not r.target_words:
        return False
    begin = _sentence_start(text, start)
    end = _SENTENCE_END.search(text, start)
    sentence_tokens = _tokens(text[begin:end.start() if end else len(text)])
    prefix = text[begin:start]
    planned = -1
    by_year = None
    for by_year in _BY_YEAR.finditer(prefix):
        pass
    if by_year is not None:
        planned = by_year.end()
    done = False
    for pos, token in sentence_tokens:
        if pos > len(prefix):
            break
        if token in r.target_words and prefix[pos:pos + 1] not in "，,、。；;：:)）内外":
            planned = max(planned, pos)
        elif token in r.done_words and prefix[pos - len(token) - 1:pos - len(token)] not in "比较":
            done = True
            planned = -1
    if planned >= 0:
        return True
    return not done and _in_plan_section(text, start, r)


def sums_up_a_list(text: str, start: int, num: str) -> bool:
    """Whether the count at ``start`` only sums up the items listed right before it in its clause
    (甲村、乙村、丙村三个村委会; “甲、乙、丙”三个问题): as many items as the number says."""
    if any(c.isdigit() for c in num):
        return False  # a summing count is written in words (四个村委会); 5个区域功能型党支部 counts new bodies
    clause = _CLAUSE.search(text, max(0, start - 80), start)
    if not clause or "、" not in clause.group():
        return False
    items = [i.strip(_QUOTES) for i in clause.group().strip(_QUOTES).split("、")]
    last = re.split("和|及|与|以及", items[-1])
    items = items[:-1] + [i for i in last if i]
    value = parse_number(num)
    if value is None or not 2 <= value <= 12 or value != int(value):
        return False
    return len(items) == int(value) and all(0 < len(i) <= 12 for i in items[1:]) and 0 < len(items[0]) <= 30
