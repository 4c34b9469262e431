"""Quantities a report states, with what they count: ``extract_metrics`` (DESIGN.md §4).

A metric is a number with a unit or measure word — 综合网格1993个, 配备4744名网格长、网格员, 共吸纳157人就业,
投资240余万元, 超过70%, 六成 — found with one compiled expression over the clean text. Its value is
in base units (万/亿 applied, % and 成 as fractions: :mod:`governance_kit.metrics.numbers`), its qualifier comes
from 余/超/近/约/左右/不到/以上 …, and its subject is the noun phrase it counts, in the document's words:
the phrase right before the number (综合网格1993个) or, when a verb stands there, the phrase after
the unit (配备4744名网格长、网格员).

Not metrics: dates and years (年/月/日 are no units here), ordinals and names (第三批, 十八届, 二十大),
numbers inside numeral formulas and slogans (一委三会, 五个一工程, 四个公开: the spans
:mod:`governance_kit.codebook.discovery` finds), idioms (千家万户), phone numbers, and the article 一 before a
measure word (一个平台, 一名党员). Units, qualifier words and these lists live in ``data/metrics.yaml``.

>>> df = extract_metrics("全县共划分综合网格1993个,配备4744名网格长、网格员,共吸纳157人就业,投资240余万元。")
>>> df[["value", "unit", "qualifier", "subject", "quote"]].values.tolist()
[[1993.0, '个', 'exact', '综合网格', '1993个'], [4744.0, '名', 'exact', '网格长、网格员', '4744名'], [157.0, '人', 'exact', '就业', '157人'], [2400000.0, '元', 'more_than', '投资', '240余万元']]
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from ..datafiles import bundled, read_yaml, reloaded
from ..errors import RuleFileError
from .numbers import parse_number

RULES_FILE = "metrics.yaml"
INDICATORS_FILE = "indicators.yaml"
COLUMNS = ["doc_id", "value", "unit", "qualifier", "subject", "number_as_written", "unit_as_written",
           "start", "end", "quote", "sentence", "value_high"]
QUALIFIERS = ("exact", "more_than", "about", "less_than")

_HAN = "\u4e00-\u9fff"
_ARABIC = r"\d[\d,，]*(?:\.\d+)?"
_CHINESE = "零〇一二两三四五六七八九十百千万亿"
_PHONE = re.compile(r"1[3-9]\d{9}|\d{3,4}-\d{6,8}")  # mobile numbers and area code + number
_PHONE_WORDS = re.compile(r"电话|热线|手机|联系|拨打|座机|号码|传真")
_SUBJECT_CLAUSE = re.compile(rf"[{_HAN}、]+$")
_BRACKET = re.compile(rf"[(（][{_HAN}]{{1,6}}[)）]")


@dataclass(frozen=True)
class Metric:
    """One quantity: ``text[start:end] == quote``; ``value`` in base units (``value_high`` for ranges)."""

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


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


class MetricRules:
    """``data/metrics.yaml``, validated and compiled."""

    def __init__(self, data: dict, label: str):
        self.label = label

        def need(key, kind):
            value = data.get(key) if isinstance(data, dict) else None
            if not isinstance(value, kind) or not value:
                raise RuleFileError(f"{label}:缺少键 {key},或它不是{'列表' if kind is list else '键值对'}")
            return value

        units = need("units", dict)
        self.units: dict[str, tuple[str, float]] = {}
        for written, spec in units.items():
            if (not isinstance(spec, list) or len(spec) != 2 or not isinstance(spec[0], str)
                    or isinstance(spec[1], bool) or not isinstance(spec[1], (int, float))):
                raise RuleFileError(f"{label}:units.{written} 应为 [基本单位, 倍数],实际为 {spec!r}")
            self.units[str(written)] = (spec[0], float(spec[1]))
        q = need("qualifiers", dict)
        self.before: dict[str, str] = {}
        self.after: dict[str, str] = {}
        for kind in ("more_than", "about", "less_than"):
            for side, table in (("before", self.before), ("after", self.after)):
                words = q.get(f"{kind}_{side}")
                if not isinstance(words, list):
                    raise RuleFileError(f"{label}:qualifiers.{kind}_{side} 应为词语列表")
                table.update({w: kind for w in words})
        self.range_marks = need("range_marks", list)
        self.boundaries = frozenset(need("subject_boundaries", list))
        self.after_stops = need("subject_after_stops", list)
        self.subject_max = int(data.get("subject_max", 10))
        self.not_after = tuple(need("not_after", list))
        self.not_before = need("not_before", list)
        self.article_units = frozenset(need("article_units", list))
        self.not_after_unit = tuple(need("not_after_unit", list))
        self.office_units = frozenset(need("office_units", list))
        self.trailing = tuple(need("subject_trailing", list))
        self.measure_nouns = tuple(need("measure_nouns", list))
        self.tail_re = re.compile(rf"(?:{_alt(need('subject_tails', list))})$")
        self.strong_boundaries = frozenset(need("strong_boundaries", list))
        self.source = str(data.get("source", ""))
        number = rf"(?:百分之)?(?:{_ARABIC}(?:[余多][万亿千]*|[万亿千]+[余多]?)?|[{_CHINESE}点余多]+)"
        self.pattern = re.compile(
            rf"(?P<pre>{_alt(self.before)})?"
            rf"(?P<num>{number})"
            rf"(?:(?P<mark>{_alt(self.range_marks)})(?P<num2>{number}))?"
            rf"(?P<unit>%|％|成|{_alt(self.units)})?"
            rf"(?P<post>{_alt(self.after)})?")
        self.not_before_re = re.compile(_alt(self.not_before))
        self.after_stop_re = re.compile(rf"[^{_HAN}、]|{_alt(self.after_stops)}")


def load_metric_rules(path: str | Path | None = None) -> MetricRules:
    """The unit and word lists (the bundled ``data/metrics.yaml`` when ``path`` is None)."""
    source = Path(path) if path else bundled(RULES_FILE)
    label = str(path) if path else f"governance_kit/data/{RULES_FILE}"
    return MetricRules(read_yaml(source, label)[0], label)


@reloaded(RULES_FILE)
def _bundled_rules() -> MetricRules:
    return load_metric_rules()


def _excluded_spans(text: str) -> list[tuple[int, int]]:
    """Numeral formulas, X+Y formulas, slogans and quoted names (一委三会, 五个一工程, “一米小院”): numbers
    inside are names."""
    from ..codebook.discovery import Scanner, default_discovery_rules

    rules = default_discovery_rules()
    scan = Scanner(text, rules)  # the rules' candidates only: no categories, no learned scorer
    spans = [(c.start, c.end) for source in (scan.numeric(), scan.plus()) for c in source]
    spans += [(c.start, c.end) for c in scan.quoted(True) if c.score >= rules.min_confidence or c.kind != "quoted"]
    return spans


def metrics_in_text(text: str, rules: MetricRules | None = None) -> list[Metric]:
    """Every metric of a clean text, in text order."""
    if not isinstance(text, str):
        raise TypeError(f"metrics_in_text 需要字符串(文档的 .text),收到的是 {type(text).__name__}")
    r = rules or _bundled_rules()
    excluded = None
    out: list[Metric] = []
    for m in r.pattern.finditer(text):
        unit = m.group("unit")
        num = m.group("num")
        if not unit and not num.startswith("百分之"):
            continue
        start, end = m.span()
        n_start = m.start("num")
        if not any(c.isdigit() or c in "零〇一二两三四五六七八九十" for c in num) and not m.group("pre"):
            continue  # 多个, 万人, 千家: no digit and no qualifier (近千名 keeps its 近)
        if n_start > 0 and (text[n_start - 1].isdigit() or text[n_start - 1] in ".,"):
            continue
        if text[max(0, start - 2):start].endswith(r.not_after):
            continue  # 第三批, 前三名
        if r.not_before_re.match(text, m.end("num2") if m.group("num2") else m.end("num")) and not unit:
            continue
        if unit and r.not_before_re.match(text, m.start("unit")) and text[m.start("unit")] not in "个":
            continue
        digits = num.replace(",", "")
        if _PHONE.fullmatch(digits) or (m.end("num") < len(text) and text[m.end("num")] == "-"):
            continue
        if digits.isdigit() and len(digits) >= 7 and _PHONE_WORDS.search(text, max(0, start - 8), start):
            continue  # 服务热线 12345678
        if unit == "个" and end < len(text) and text[m.end("unit"):m.end("unit") + 1] in _CHINESE:
            continue  # 五个一工程
        if num == "一" and unit in r.article_units and not m.group("pre"):
            continue  # 一个平台, 一名党员: the article, not a count
        if unit and text.startswith(r.not_after_unit, m.end("unit")):
            continue  # 三次全会
        if unit in r.office_units and num in "一二三四五六七八九十" and (
                end >= len(text) or not "\u4e00" <= text[end] <= "\u9fff" or text[end] in "长主" + unit):
            continue  # 编研五处处长: an office
        written_unit = unit or ""
        value = parse_number(num + ("成" if unit == "成" else "") + ("%" if unit in ("%", "％") else ""))
        if value is None:
            continue
        base, multiplier = ("%", 1.0) if unit in ("%", "％", "成") or num.startswith("百分之") else r.units[unit]
        value *= multiplier
        value_high = None
        if m.group("num2"):
            high = parse_number(m.group("num2") + ("%" if unit in ("%", "％") else ""))
            if high is None:
                continue
            value_high = high * multiplier
        if value_high is None:  # a range (三至五人) is no formula, though it looks like one
            if excluded is None:
                excluded = _excluded_spans(text)
            if any(a < end and start < b for a, b in excluded):
                continue
        qualifier = _qualifier(m, num, r)
        previous_end = out[-1].end if out else 0
        out.append(Metric(value=_tidy(value), unit=base, qualifier=qualifier,
                          subject=_subject(text, start, end, r, previous_end), number_as_written=num,
                          unit_as_written=written_unit, start=start, end=end, quote=text[start:end],
                          value_high=None if value_high is None else _tidy(value_high)))
    return out


def _cut(phrase: str) -> list[str]:
    """Dictionary words of a short phrase (the kit's lexicon, no HMM), to find word boundaries."""
    from ..tokens.pieces import dictionary_pieces

    return dictionary_pieces()[2](phrase)


def _tidy(value: float) -> float:
    return float(round(value, 9)) if not math.isnan(value) else value


def _qualifier(m: re.Match, num: str, r: MetricRules) -> str:
    if m.group("pre"):
        return r.before[m.group("pre")]
    if m.group("post"):
        return r.after[m.group("post")]
    if "余" in num or (num.endswith("多") or "多万" in num):
        return "more_than"
    return "exact"


def _subject(text: str, start: int, end: int, r: MetricRules, previous_end: int = 0) -> str | None:
    """What the number counts: the noun phrase right before it (after the last verb or function word,
    and after the previous metric), unless that is empty or a list (公寓楼、企业、自然村5个区域功能型党支部);
    then the phrase after the unit (配备4744名网格长、网格员), parentheses included (238个村(社区))."""
    before = _SUBJECT_CLAUSE.search(text, max(previous_end, start - 20), start)
    phrase = ""
    if before:
        stop = start
        while (tail := r.tail_re.search(text, before.start(), stop)) and tail.end() == stop and tail.start() > before.start():
            stop = tail.start()  # 总收入达, 成功率在, 下降到: the verb before the number is no part of the subject
        # cut after the last boundary that is a whole word (共富工坊 keeps its 共, 各类事件 its 各)
        ends, pos = [], before.start()
        for token in _cut(text[before.start():stop]):
            pos += len(token)
            ends.append((pos, token))
        cut = max((e for e, t in ends if t in r.boundaries), default=before.start())
        if text[cut:stop].endswith(r.measure_nouns) and cut > before.start():
            # 调解成功率, 办结率, 养老服务补贴: a rate or amount keeps its whole noun compound
            cut = max((e for e, t in ends if t in r.strong_boundaries), default=before.start())
        phrase = text[cut:stop].strip("、")
    stop = r.after_stop_re.search(text, end, min(len(text), end + r.subject_max + 1))
    after_end = stop.start() if stop else min(len(text), end + r.subject_max)
    bracket = _BRACKET.match(text, after_end)
    if bracket and after_end > end:
        after_end = bracket.end()
    after = text[end:after_end].strip("、")
    if len(after) > 2 and after.endswith(r.trailing):
        after = after[:-1]
    if phrase and not ("、" in phrase and after):
        return phrase[-r.subject_max:]
    if after:
        return after
    return text[before.start():start] if before and before.start() < start else None


def extract_metrics(doc_or_corpus):
    """Metrics of a Document, a Corpus, a list of Documents or a string (cleaned first), as a DataFrame.

    Columns: ``doc_id, value, unit, qualifier, subject, number_as_written, unit_as_written, start, end,
    quote, sentence`` (the contract of DESIGN.md §4), then ``value_high``: the upper end of a range
    such as 300—500户 (``value`` is then the lower end), empty otherwise. Spans index
    ``doc.text``: ``doc.text[start:end] == quote``.
    """
    import pandas as pd

    from ..corpus import rows_with_sentences

    frame = pd.DataFrame(rows_with_sentences(doc_or_corpus, metrics_in_text), columns=COLUMNS)
    return frame.astype({"start": "int64", "end": "int64"})  # typed even when empty


TABLE_COLUMNS = ["doc_id", "place", "indicator", "label", "value", "unit", "qualifier", "derived", "formula", "quote"]


@reloaded(INDICATORS_FILE)
def _indicators() -> list[dict]:
    """``data/indicators.yaml``: the ratios :func:`metrics_table` derives."""
    label = f"governance_kit/data/{INDICATORS_FILE}"
    data = read_yaml(bundled(INDICATORS_FILE), label)[0]
    if not isinstance(data, dict) or not isinstance(data.get("indicators"), list):
        raise RuleFileError(f"{label}:缺少键 indicators,或它不是列表")
    return data["indicators"]


def _matching(rows, side: dict) -> dict[str, tuple[float, str]]:
    """The metrics on one side of a ratio: subject -> (largest value, quote)."""
    out: dict[str, tuple[float, str]] = {}
    for row in rows:
        subject = row["subject"] or ""
        if row["unit"] not in side["units"] or not any(w in subject for w in side["contains"]):
            continue
        if any(w in subject for w in side.get("excludes") or ()):
            continue
        if subject not in out or row["value"] > out[subject][0]:
            out[subject] = (row["value"], row["quote"])
    return out


def metrics_table(corpus, *, place_of=None):
    """A tidy table per document and place: every metric, then the derived indicators of
    ``data/indicators.yaml`` wherever a document reports both numerator and denominator.

    ``place``: the document's place (``meta['place']``, else its most mentioned county-level or larger
    place from :func:`governance_kit.places.extract_places`; ``place_of(doc)`` overrides). Derived rows
    have ``derived=True`` and a ``formula`` naming the quotes they were computed from, e.g.
    ``4744名 / (1993个 + 442个)``: nothing is typed in.
    """
    import pandas as pd

    from ..corpus import as_documents
    from ..places import places_in_text

    records = []
    for doc in as_documents(corpus):
        metrics = [m.__dict__ for m in metrics_in_text(doc.text)]
        for m in metrics:
            m["subject"] = m["subject"] or ""
        if place_of is not None:
            place = place_of(doc)
        else:
            listed = (doc.meta or {}).get("place") or []
            place = listed[0] if listed else None
            if place is None:
                counts: dict[str, int] = {}
                for p in places_in_text(doc.text):
                    if p.known:
                        counts[p.name] = counts.get(p.name, 0) + 1
                place = max(counts, key=counts.get) if counts else None
        for m in metrics:
            records.append({"doc_id": doc.doc_id, "place": place, "indicator": m["subject"] or None,
                            "label": m["subject"] or None, "value": m["value"], "unit": m["unit"],
                            "qualifier": m["qualifier"], "derived": False, "formula": None, "quote": m["quote"]})
        for spec in _indicators():
            top, bottom = _matching(metrics, spec["numerator"]), _matching(metrics, spec["denominator"])
            if not top or not bottom:
                continue
            numerator = sum(v for v, _ in top.values())
            denominator = sum(v for v, _ in bottom.values())
            if denominator <= 0:
                continue
            formula = (" + ".join(q for _, q in top.values()) + " / ("
                       + " + ".join(q for _, q in bottom.values()) + ")")
            records.append({"doc_id": doc.doc_id, "place": place, "indicator": spec["id"], "label": spec["label"],
                            "value": round(numerator / denominator, 4), "unit": spec["unit"], "qualifier": "exact",
                            "derived": True, "formula": formula, "quote": None})
    return pd.DataFrame(records, columns=TABLE_COLUMNS)
