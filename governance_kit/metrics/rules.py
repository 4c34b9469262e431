"""``data/metrics.yaml``, validated and compiled into the expression that finds quantities.

The expression reads ``[qualifier] number [range mark number] [unit] [qualifier]``. A number is Arabic
(1993, 4,744, 17.8 or 17．8, thin-space groups such as 45 120), Chinese (二百一十, 四亿零七百多万) or
financial (壹佰贰拾), optionally with 余/多 and a magnitude (240余万, 2.8万, 1.5亿). A unit may carry
its own magnitude (万千瓦 is 万 + 千瓦 ×1000).
"""
from __future__ import annotations

import re
from pathlib import Path

from ..datafiles import bundled, read_yaml, reloaded
from ..errors import RuleFileError

RULES_FILE = "metrics.yaml"
# what a qualifier says about the value: exact; more_than / less_than (余, 超过, 以上 / 不到, 不足, 以下:
# a bound, inclusive or not as the text leaves it); at_least / at_most (不少于, 至少, 及以上 / 不超过,
# 最多, 及以下: an inclusive bound the text states); about (近, 约, 左右)
QUALIFIERS = ("exact", "more_than", "about", "less_than", "at_least", "at_most")

HAN = "\u4e00-\u9fff"
SPACES = " \u00a0\u2009\u202f"
# digit groups of three separated by a (thin) space, or digits with thousands commas; decimal point
# half- or full-width
# a middle dot is a decimal point in older print (14·1％) only before a percent sign: 5·12 is a date
ARABIC = rf"\d{{1,3}}(?:[{SPACES}]\d{{3}})+(?!\d)(?:[.．]\d+)?|\d[\d,，]*(?:[.．]\d+|·\d+(?=[%％‰]))?"
CHINESE = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟"
DIGIT_CHARS = "零〇一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾"


def alternation(words) -> str:
    """A regular-expression alternation of plain words, longest first."""
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

        def optional(key) -> list:
            value = data.get(key, []) if isinstance(data, dict) else []
            if not isinstance(value, list):
                raise RuleFileError(f"{label}:{key} 应为词语列表,实际为 {value!r}")
            return [str(v) for v in value]

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
        for kind in QUALIFIERS[1:]:
            for side, table in (("before", self.before), ("after", self.after)):
                words = q.get(f"{kind}_{side}", [] if kind.startswith("at_") else None)
                if not isinstance(words, list):
                    raise RuleFileError(f"{label}:qualifiers.{kind}_{side} 应为词语列表")
                table.update({str(w): kind for w in words})
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
        self.tails = need("subject_tails", list)
        self.tail_re = re.compile(rf"(?:{alternation(self.tails)})$")
        self.strong_boundaries = frozenset(need("strong_boundaries", list))
        # optional lists (older copies of the file lack them)
        self.change_words = optional("change_words")
        self.change_re = (re.compile(rf"(?:[、,，；;]|和|及|与)?的?(?:比(?:上|去)年|同比|实际|名义|年均|平均)?(?:{alternation(self.change_words)})?了?$") if self.change_words
                          else None)
        self.target_words = frozenset(optional("target_words"))
        self.done_words = frozenset(optional("done_words"))
        self.plan_headings = tuple(optional("plan_headings"))
        self.review_headings = tuple(optional("review_headings"))
        self.phase_units = frozenset(optional("phase_units"))
        self.term_units = frozenset(optional("term_units"))
        self.people_nouns = tuple(optional("people_nouns"))
        self.abstract_nouns = tuple(optional("abstract_nouns"))
        self.name_units = frozenset(optional("name_units"))
        self.money_verbs = tuple(optional("money_verbs"))
        self.pronouns = tuple(optional("pronouns"))
        self.age_units = frozenset(optional("age_units"))
        self.source = str(data.get("source", ""))
        # a magnitude 千 is no part of the number before a unit that starts with 千 (33万千瓦, 五千米)
        qian = "千(?!瓦|米|克)"
        cn = CHINESE.replace("千", "")
        # 1万6千多, 3亿2000万: a magnitude followed by more digits of the same number
        number = (rf"(?:百分之)?(?:(?:{ARABIC})(?:[万亿]\d+(?:[千百]|{qian})?(?:[万亿])?[余多]?"
                  rf"|[余多](?:[万亿]|{qian})*|(?:[万亿]|{qian})+[余多]?)?"
                  rf"|(?:[{cn}点余多]|{qian})+)")
        self.pattern = re.compile(
            rf"(?P<pre>{alternation(self.before)})?"
            rf"(?P<num>{number})"
            rf"(?:(?P<mark>{alternation(self.range_marks)})(?P<num2>{number}))?"
            rf"(?P<unit>%|％|成|{alternation(self.units)})?"
            rf"(?P<post>{alternation(self.after)})?")
        self.not_before_re = re.compile(alternation(self.not_before))
        self.after_stop_re = re.compile(rf"[^{HAN}、]|{alternation(self.after_stops)}")


def load_metric_rules(path: str | Path | None = None) -> MetricRules:
    """The unit and word lists (the bundled ``data/metrics.yaml`` when ``path`` is None)."""
    source = Path(path) if path else bundled(RULES_FILE)
    label = str(path) if path else f"governance_kit/data/{RULES_FILE}"
    return MetricRules(read_yaml(source, label)[0], label)


@reloaded(RULES_FILE)
def bundled_rules() -> MetricRules:
    return load_metric_rules()
