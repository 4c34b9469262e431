"""Quantities a report states, with what they count: ``extract_metrics`` (DESIGN.md §4).

A metric is a number with a unit or measure word — 综合网格1993个, 配备4744名网格长、网格员, 共吸纳157人就业,
投资240余万元, 超过70%, 六成, 提高3个百分点, 增长1.5倍, 装机33万千瓦 — or a 万/亿 number without one
(投资85万, 1300多万常住人口), found with one compiled expression over the clean text
(:mod:`governance_kit.metrics.rules`). Its value is in base units (万/亿 applied, % and 成 as fractions,
percentage points and multiples as written: :mod:`governance_kit.metrics.numbers`); its qualifier
comes from 余/超/近/约/左右/不到/以上/不少于/不超过 …; its subject is the noun phrase it counts
(:mod:`governance_kit.metrics.subjects`); ``target`` says whether the sentence plans it (力争, 计划,
预期目标, 到2025年) rather than reports it.

Not metrics: dates and years (年/月/日 are no units here), ordinals and names (第三批, 十八届, 二十大,
九届四次全会, 八项规定, 30人论坛, 10万吨级), phases (滨江污水厂三期), terms (二元结构), numbers inside
numeral formulas, slogans and short quoted names (一委三会, 五个一工程, “三个转变”: the spans
:mod:`governance_kit.codebook.discovery` finds), a count that only sums up the items just listed
(甲、乙、丙三个村), idioms (千家万户), phone numbers, and the article 一 before a measure word (一个平台,
一名党员). Units, qualifier words and these lists live in ``data/metrics.yaml``.

>>> df = extract_metrics("全县共划分综合网格1993个,配备4744名网格长、网格员,共吸纳157人就业,投资240余万元。")
>>> df[["value", "unit", "qualifier", "subject", "quote"]].values.tolist()
[[1993.0, '个', 'exact', '综合网格', '1993个'], [4744.0, '名', 'exact', '网格长、网格员', '4744名'], [157.0, '人', 'exact', '就业', '157人'], [2400000.0, '元', 'more_than', '投资', '240余万元']]
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .context import is_target, sums_up_a_list
from .numbers import parse_number
from .rules import (
    CHINESE, DIGIT_CHARS, HAN, QUALIFIERS, RULES_FILE, MetricRules, bundled_rules, load_metric_rules,
)
from .subjects import subject as _subject

__all__ = ["COLUMNS", "QUALIFIERS", "RULES_FILE", "Metric", "MetricRules", "extract_metrics", "load_metric_rules",
           "metrics_in_text"]

COLUMNS = ["doc_id", "value", "unit", "qualifier", "subject", "number_as_written", "unit_as_written",
           "start", "end", "quote", "sentence", "value_high", "target"]

_PHONE = re.compile(r"1[3-9]\d{9}|\d{3,4}-\d{6,8}")  # mobile numbers and area code + number
_PHONE_WORDS = re.compile(r"电话|热线|手机|联系|拨打|座机|号码|传真")
_ONE_DIGIT = set("一二两三四五六七八九十")
_MAGNITUDE_END = re.compile(r"[万亿][余多]?$")
_VAGUE = re.compile("一二|两三|二三|三四|四五|五六|六七|七八|八九")
_FRACTION = re.compile(r"(?P<pre>约|近|超过|不到)?(?P<num>[一二三四五六七八九十]+分之[一二三四五六七八九十]+"
                       r"|(?<=[占的为])\d{1,2}/\d{1,3}(?![\d/]))")
_QUOTED = re.compile(r"“[^“”\n]{1,16}”|「[^「」\n]{1,16}」")


@dataclass(frozen=True)
class Metric:
    """One quantity: ``text[start:end] == quote``; ``value`` in base units (``value_high`` for ranges);
    ``target``: a planned figure (力争, 计划, 预期目标), not a result."""

    value: float
    unit: str
    qualifier: str
    subject: str | None
    number_as_written: str
    unit_as_written: str
    start: int
    end: int
    quote: str
    value_high: float | None = None
    target: bool = False


def _excluded_spans(text: str) -> list[tuple[int, int]]:
    """Numeral formulas, X+Y formulas, slogans and quoted names (一委三会, 五个一工程, “一米小院”,
    “三个转变”): numbers inside are names."""
    from ..codebook.discovery import Scanner, default_discovery_rules

    rules = default_discovery_rules()
    scan = Scanner(text, rules)  # the rules' candidates only: no categories, no learned scorer
    spans = [(c.start, c.end) for source in (scan.numeric(), scan.plus()) for c in source]
    spans += [(c.start, c.end) for c in scan.quoted(True) if c.score >= rules.min_confidence or c.kind != "quoted"]
    spans += [m.span() for m in _QUOTED.finditer(text)]
    return spans


def _excluded_mask(text: str) -> bytearray:
    """One byte a character: 1 inside a formula, slogan or quoted name."""
    mask = bytearray(len(text))
    for a, b in _excluded_spans(text):
        mask[a:b] = b"\x01" * (b - a)
    return mask


def _is_verb_before(text: str, start: int, r: MetricRules) -> bool:
    """Whether the word right before ``start`` is a verb (举办三期 counts; 滨江污水厂三期 names a phase)."""
    from ..tokens.dictionary import word_tags
    from .subjects import _cut

    tokens = _cut(text[max(0, start - 6):start])
    if not tokens:
        return True
    last = tokens[-1]
    tag = word_tags().get(last) or ""
    return last in r.boundaries or (tag.startswith("v") and tag != "vn")


def _bare_unit(text: str, m: re.Match, r: MetricRules) -> str | None:
    """The unit of a 万/亿 number with no measure word (投资85万 → 万, 1300多万常住人口 → 人), or None
    when it is no metric (十万火急, 上万)."""
    num = m.group("num")
    if not _MAGNITUDE_END.search(num) or m.group("num2"):
        return None
    end = m.end("num")
    following = text[end:end + 6]
    if following.startswith(r.people_nouns) or any(following[1:].startswith(w) for w in r.people_nouns
                                                    if len(w) > 2 and following[:1] in "常户流"):
        return "人"
    before = text[max(0, m.start() - 10):m.start()]
    if any(w in before for w in r.people_nouns if w != "人次") and not text[end:end + 1].strip("，,。；;、）)"):
        return "人"  # 贫困人口减少6800多万。
    if not any(c.isdigit() for c in num) and len(num.rstrip("余多")) < 3:
        return None  # 十万, 百万 without a measure word: too often an idiom
    if end < len(text) and "\u4e00" <= text[end] <= "\u9fff" and not m.group("post"):
        money = text[max(0, m.start() - 4):m.start()].endswith(r.money_verbs)
        if not money:
            return None  # a noun right after (60万农民) is a count of it only with its measure word
    return num.rstrip("余多")[-1]


def _skip(text: str, m: re.Match, unit: str | None, r: MetricRules) -> bool:
    """The rules that tell a number with a unit from an ordinal, name, date, formula or phone number."""
    num = m.group("num")
    start, end = m.span()
    n_start = m.start("num")
    if not any(c.isdigit() or c in DIGIT_CHARS for c in num) and not m.group("pre"):
        return True  # 多个, 万人, 千家: no digit and no qualifier (近千名 keeps its 近)
    if n_start > 0 and (text[n_start - 1].isdigit()
                        or (text[n_start - 1] in ".,．" and n_start > 1 and text[n_start - 2].isdigit())):
        return True  # the tail of a longer number
    if _VAGUE.fullmatch(num):
        return True  # 四五个, 两三天: a guess, not a figure
    if num == "一" and text[max(0, start - 1):start] == "每":
        return True  # 每一户
    if unit in r.phase_units and text[max(0, start - 1):start] == "年":
        return True  # 2008年6期: an issue number
    if unit == "分" and not any(c.isdigit() for c in num):
        return True  # 十分重要
    if unit and text.startswith(r.abstract_nouns, m.end("unit") if not m.group("post") else end):
        return True  # 三个方面
    if r.pronouns and text[max(0, start - 2):start].endswith(r.pronouns):
        return True  # 我们两位委员
    if unit in r.age_units and (m.group("post") or text.startswith("的", end)):
        return True  # 60岁以上的, 35岁及以下: an age group
    if text[max(0, start - 2):start].endswith(r.not_after):
        return True  # 第三批, 前三名, 九届四次全会
    if r.not_before_re.match(text, m.end("num2") if m.group("num2") else m.end("num")) and not unit:
        return True
    if unit and r.not_before_re.match(text, m.start("unit")) and text[m.start("unit")] not in "个":
        return True
    digits = re.sub(rf"[,{re.escape(' ')}\u00a0\u2009\u202f]", "", num)
    if _PHONE.fullmatch(digits) or (m.end("num") < len(text) and text[m.end("num")] == "-"):
        return True
    if digits.isdigit() and len(digits) >= 7 and _PHONE_WORDS.search(text, max(0, start - 8), start):
        return True  # 服务热线 12345678
    after_unit = m.end("unit") if unit else m.end("num")
    if unit == "个" and end < len(text) and text[after_unit:after_unit + 1] in CHINESE:
        return True  # 五个一工程
    if num == "一" and unit in r.article_units and (not m.group("pre") or unit == "批"):
        return True  # 一个平台, 一名党员, 突破一批: the article, not a count
    if unit and text.startswith(r.not_after_unit, after_unit):
        return True  # 三次全会, 八项规定, 30人论坛, 10万吨级
    next_char = text[end:end + 1] if not m.group("post") else ""
    if unit in r.office_units and num in "一二三四五六七八九十" and (
            end >= len(text) or not "\u4e00" <= text[end] <= "\u9fff" or text[end] in "长主" + unit):
        return True  # 编研五处处长: an office
    if unit in r.phase_units and num in _ONE_DIGIT and start > 0 and "\u4e00" <= text[start - 1] <= "\u9fff" \
            and (text.startswith(("工程", "项目"), after_unit) or not _is_verb_before(text, start, r)):
        return True  # 滨江污水厂三期, 二期工程: a phase
    if unit in r.term_units and num in _ONE_DIGIT and re.match(rf"[{HAN}]", next_char) and next_char not in "钱的左以余多":
        return True  # 二元结构, 一元化
    return False


def _quantity(m: re.Match, unit: str, r: MetricRules) -> tuple[str, float, float | None] | None:
    """(base unit, value, value_high) of a match, or None when a number does not parse."""
    num = m.group("num")
    percent = unit in ("%", "％", "成") or num.startswith("百分之")
    suffix = "成" if unit == "成" else "%" if unit in ("%", "％") else ""
    value = parse_number(num + suffix)
    if value is None:
        return None
    if percent:
        base, multiplier = "%", 1.0
    else:
        base, multiplier = r.units.get(unit, (unit, 1.0))
    high = None
    if m.group("num2"):
        high = parse_number(m.group("num2") + ("%" if unit in ("%", "％") else ""))
        if high is None:
            return None
        high *= multiplier
    return base, value * multiplier, high


def metrics_in_text(text: str, rules: MetricRules | None = None) -> list[Metric]:
    """Every metric of a clean text, in text order."""
    if not isinstance(text, str):
        raise TypeError(f"metrics_in_text 需要字符串(文档的 .text),收到的是 {type(text).__name__}")
    r = rules or bundled_rules()
    excluded = None
    out: list[Metric] = []
    for m in r.pattern.finditer(text):
        unit = m.group("unit")
        num = m.group("num")
        written_unit = unit or ""
        if not unit and not num.startswith("百分之"):
            unit = _bare_unit(text, m, r)
            if unit is None:
                continue
        if _skip(text, m, m.group("unit"), r):
            continue
        start, end = m.span()
        quantity = _quantity(m, written_unit, r)
        if quantity is None:
            continue
        base, value, value_high = quantity
        if not written_unit and not num.startswith("百分之"):
            base = unit  # 投资85万: the magnitude stands for the missing measure word
        if value_high is None:  # a range (三至五人) is no formula, though it looks like one
            if excluded is None:
                excluded = _excluded_mask(text)
            if any(excluded[start:end]):
                continue
        if sums_up_a_list(text, m.start(), num):
            continue  # 东村、西村、南村三个村委会
        previous = out[-1] if out else None
        out.append(Metric(value=_tidy(value), unit=base, qualifier=_qualifier(m, num, r),
                          subject=_subject(text, start, end, r, previous, written_unit), number_as_written=num,
                          unit_as_written=written_unit, start=start, end=end, quote=text[start:end],
                          value_high=None if value_high is None else _tidy(value_high),
                          target=is_target(text, start, r)))
    out = _with_fractions(text, out, r, excluded)
    return _without_repeats(text, out, r)


def _fraction_value(num: str) -> float | None:
    if "/" in num:
        top, bottom = num.split("/")
        return int(top) / int(bottom) if int(bottom) else None
    bottom, top = num.split("分之")
    top_value, bottom_value = parse_number(top), parse_number(bottom)
    return top_value / bottom_value if top_value is not None and bottom_value else None


def _with_fractions(text: str, out: list[Metric], r: MetricRules, excluded) -> list[Metric]:
    """Fractions as proportions (约占总数的2/3 → 0.6667 %, 三分之一 → 0.3333 %), merged in text order."""
    found = []
    for m in _FRACTION.finditer(text):
        value = _fraction_value(m.group("num"))
        if value is None or not 0 < value <= 1:
            continue
        start, end = m.span()
        if any(a.start < end and start < a.end for a in out):
            continue
        if excluded is None:
            excluded = _excluded_mask(text)
        if any(excluded[start:end]):
            continue
        if m.group("pre"):
            qualifier = r.before.get(m.group("pre"), "exact")
        else:
            qualifier = "about" if re.search(r"(?:约|近|大约)占[^，,。；]{0,6}$", text[max(0, start - 10):start]) else "exact"
        previous = max((x for x in out if x.end <= start), key=lambda x: x.end, default=None)
        found.append(Metric(value=_tidy(value), unit="%", qualifier=qualifier,
                            subject=_subject(text, start, end, r, previous), number_as_written=m.group("num"),
                            unit_as_written="", start=start, end=end, quote=text[start:end],
                            target=is_target(text, start, r)))
    return sorted(out + found, key=lambda x: x.start) if found else out


def _without_repeats(text: str, out: list[Metric], r: MetricRules) -> list[Metric]:
    """Drop a figure repeated with the same subject (a page printed twice), a headline figure the body
    repeats, and a count in a unit of
    ``name_units`` that recurs three times or more (某县28条: the name of a list of rules)."""
    contexts: dict[str, set] = {}
    for x in out:
        if x.unit_as_written in r.name_units:  # counted in different contexts (a page printed twice is one)
            contexts.setdefault(x.quote, set()).add(text[max(0, x.start - 3):x.start])
    title_end = text.find("\n")
    title_end = title_end if 0 <= title_end <= 80 else -1  # a headline is one short first line
    later = {(x.value, x.unit) for x in out if x.start > title_end >= 0}
    seen, kept = set(), []
    for x in out:
        if len(contexts.get(x.quote, ())) >= 3:
            continue
        if 0 <= x.start and x.end <= title_end and (x.value, x.unit) in later:
            continue  # a headline figure the body states again
        key = (x.quote, x.value, x.unit, x.subject)
        if key in seen:
            continue
        seen.add(key)
        kept.append(x)
    return kept


def _tidy(value: float) -> float:
    return float(round(value, 9)) if not math.isnan(value) else value


def _qualifier(m: re.Match, num: str, r: MetricRules) -> str:
    if m.group("pre"):
        return r.before[m.group("pre")]
    if m.group("post"):
        return r.after[m.group("post")]
    if "余" in num or (num.endswith("多") or "多万" in num or "多亿" in num):
        return "more_than"
    return "exact"


def extract_metrics(doc_or_corpus):
    """Metrics of a Document, a Corpus, a list of Documents or a string (cleaned first), as a DataFrame.

    Columns: ``doc_id, value, unit, qualifier, subject, number_as_written, unit_as_written, start, end,
    quote, sentence`` (the contract of DESIGN.md §4), then ``value_high``: the upper end of a range
    such as 300—500户 (``value`` is then the lower end), empty otherwise; and ``target``: True for a
    planned figure (力争新增300家, 预期目标增长5%左右), False for a reported one. Spans index
    ``doc.text``: ``doc.text[start:end] == quote``.
    """
    import pandas as pd

    from ..corpus import rows_with_sentences

    frame = pd.DataFrame(rows_with_sentences(doc_or_corpus, metrics_in_text), columns=COLUMNS)
    return frame.astype({"start": "int64", "end": "int64", "target": "bool"})  # typed even when empty
