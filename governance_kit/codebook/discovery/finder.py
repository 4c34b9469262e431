"""Discovery of named governance mechanisms that a codebook may not list yet (DESIGN.md §4).

Case reports name their inventions: a brand in quotes (“鹤乡网格e事”), a numeral formula
(一委三会, 四公开四统一), an ``X+Y`` formula (互联网+基层治理), an institution with a telling head
word (共富工坊, 乡贤理事会), or an item of a numbered list (一是坚持党建引领). :func:`discover`
finds these in clean Simplified text with a few compiled regular expressions and scores each find
from the cues around it, so a researcher can review the list and add what is real to the codebook.

Kinds
-----
``quoted``          a short name in Chinese quotes with cues: 打造“共创高桥”品牌
``numeric_formula`` numeral formulas: 一局三中心, 三治融合, 四位一体, “四个公开”, “两委”
``plus_formula``    X+ / X+Y formulas: “党小组+”, 大数据+网格化+铁脚板 (never arithmetic like 1+1>2)
``suffix_name``     modifier + institutional head word: 区域共治委员会, 网格e事工作室, 共富工坊
``coined``          an unquoted coinage, the whole object of a measure, naming or recruiting verb:
                    推行门楣亮星。 村里人叫收支上桥: 设雪道长 — only when it is no ordinary word
                    (see :meth:`_Scanner.coined`)
``learned``         a span a logistic regression over simple features rates as a name (山头长, 清沟亮巷),
                    where no rule found one (:mod:`governance_kit.codebook.discovery.model`)
``slogan``          a short parallel formula in quotes followed by a mechanism word:
                    采取“民事民提、民事民议、民事民决、民事民评”的方式
``enumeration``     the heading of each item of 一是……二是……, 一要……二要……, 模式一:…, 启示之一:…,
                    首先……其次……; items that state a problem (……发挥不充分) are left out

Slogans that are sayings (“人人有责、人人尽责、人人享有”的良好氛围) or results
(实现“小事不出网格,大事不出村居”) are not returned: only a mechanism word after the quote
(方式/模式/格局/体系 …) makes a slogan a named mechanism. Pass ``slogans=False`` to drop them all.

Cue words, stop lists and score weights live in ``data/discovery.yaml``; ``confidence`` is the sum
of the weights of the cues found (clipped to [0, 1]), and ``cues`` lists them for review. The
category comes from a cue word inside the name (调解室 → dispute_resolution) or, failing that, from
the codebook's nearest category for the name and its sentence (:mod:`governance_kit.codebook.discovery.categories`).

>>> text = "我县创新“鹤乡网格e事”社会治理品牌,在镇“一局三中心”设置网格e事工作室。"
>>> for d in discover(text):
...     print(d.name, d.kind, d.category, d.confidence)
鹤乡网格e事 quoted grid_management 1.0
一局三中心 numeric_formula grid_management 1.0
网格e事工作室 suffix_name grid_management 0.7
>>> d = discover(text)[0]
>>> text[d.start:d.end] == d.name
True
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ...datafiles import bundled, read_yaml, reloaded
from ...tokens.pieces import dictionary_pieces
from ...errors import RuleFileError
from ...tokens.sentences import SentenceIndex

RULES_FILE = "discovery.yaml"
KINDS = ("quoted", "numeric_formula", "plus_formula", "suffix_name", "coined", "slogan", "enumeration", "learned")
CATEGORIES = ("party_leadership", "grid_management", "self_governance", "rule_of_law", "rule_of_virtue",
              "smart_governance", "deliberation", "transparency_supervision", "dispute_resolution",
              "social_organizations", "volunteering", "collective_economy", "burden_reduction", "services")

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_NAME = _HAN + "A-Za-z□"          # characters of a name (□ marks a character lost in cleaning)
_CLAUSE_END = ",，。:：;；!?！？\n"
_CLOSING_QUOTES = "”」』’"
_QUOTE_OUTER = re.compile(r"“([^“”\n]{1,60})”|「([^「」\n]{1,60})」|『([^『』\n]{1,60})』")
_QUOTE_INNER = re.compile(r"‘([^‘’“”\n]{1,60})’")
_PLUS_SIGN = re.compile(r"[+＋]")
_HAN_CHAR = re.compile(f"[{_HAN}]")
_BOOK = re.compile(r"《[^《》\n]{0,80}》")
_ARITHMETIC = re.compile(r"[\d\s.+＋\-−×÷=<>＜＞%％()（）]+")
_SENTENCE_PUNCT = re.compile(r"[。！？!?；;]")
_SLOGAN_SPLIT = re.compile(r"[、,，]")
_CLAUSE_TAIL = re.compile(rf"[^{_CLAUSE_END}]*$")
_MODIFIER_RUN = re.compile(rf"(?:[{_NAME}]|[(（][{_HAN}]{{1,4}}[)）])+$")
_LEADING_PARENS = re.compile(r"^(?:[(（][^)）]*[)）])+")
_HAN_RUN = re.compile(f"[{_HAN}]+")
_HEADING = re.compile(r"[ \t]*(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．]|0\d[ \t])")
# identical spans found twice keep the more telling kind: a formula, then the author's own quotes
_KIND_PRIORITY = {"numeric_formula": 5, "plus_formula": 5, "quoted": 4, "suffix_name": 3, "coined": 2, "slogan": 2,
                  "enumeration": 1, "learned": 0}

_WEIGHT_KEYS = ("quoted_base", "follow_cue", "follow_cue_weak", "verb_cue", "verb_cue_weak", "formula_chars",
                "suffix_in_name", "category_in_name", "category_in_sentence", "two_chars", "long_name",
                "contains_de", "metaphor_before", "numeric_formula", "quoted_formula", "plus_formula",
                "quoted_plus", "suffix_name", "suffix_long_modifier", "slogan", "enumeration",
                "enumeration_verb", "enumeration_heading", "coined", "coined_strong_verb", "coined_naming",
                "coined_role", "coined_repeated", "coined_mechanism_word", "coined_explained", "coined_heading")
_SCHEMA = {
    "quoted": {"max_len": int, "follow_cues": list, "follow_cues_weak": list, "verb_cues": list,
               "verb_cues_weak": list, "name_suffixes": list, "stop_names": list, "adjective_endings": list,
               "phrase_starts": list, "metaphor_before": list},
    "numeric": {"numerals": str, "second_numerals": str, "tails": list, "cue_tails": list, "end_words": list,
                "not_after_numeral": list, "allowed_after_numeral": list, "not_before": list, "stop_words": list},
    "plus": {"max_term": int, "end_words": list},
    "suffix": {"suffixes": "entries", "max_modifier": int, "boundary_words": list, "protected_words": list,
               "admin_endings": list, "admin_heads": list, "generic_names": list, "generic_endings": list, "measure_words": str, "compound_functions": list,
               "compound_bodies": list},
    "coined": {"min_len": int, "max_len": int, "rare_frequency": int, "strong_verbs": list, "weak_verbs": list,
               "naming_verbs": list, "role_verbs": list, "role_heads": list, "end_words": list,
               "mechanism_words": list, "generic_heads": list, "bad_starts": str},
    "enumeration": {"max_item": int, "heading_words": list, "ordinal_words": list, "problem_cues": list,
                    "measure_starts": list, "adverbs": list},
}
_TYPE_NAMES = {int: "整数", str: "字符串", list: "字符串列表", dict: "键值对"}


@dataclass(frozen=True)
class Discovery:
    """A named mechanism found in a text: ``text[start:end] == name``.

    ``kind`` is one of :data:`KINDS`; ``category`` one of :data:`CATEGORIES` (``None`` when no cue
    word points anywhere); ``confidence`` in [0, 1]; ``sentence_start:sentence_end`` is the sentence
    holding the name; ``cues`` are the pieces of evidence that made up the confidence.
    """

    name: str
    start: int
    end: int
    kind: str
    category: str | None
    confidence: float
    sentence_start: int
    sentence_end: int
    cues: tuple[str, ...] = field(default=(), compare=False)


def _alt(words: Iterable[str]) -> str:
    """An alternation of literal words, longest first (so 调解委员会 wins over 委员会)."""
    words = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in words) or r"(?!)"


def _chars(words: Iterable[str]) -> str:
    return "".join(re.escape(c) for c in sorted({c for w in words for c in w}))


# --- rules: loading and validation ------------------------------------------------------------------

class DiscoveryRules:
    """Cue words, stop lists and weights of ``data/discovery.yaml``, validated and compiled once."""

    def __init__(self, data: dict, *, label: str = f"governance_kit/data/{RULES_FILE}", lines: dict | None = None):
        self.label = label
        self._lines = lines or {}
        self.source = self._get(data, "source", str)
        self.min_confidence = self._number(data, "min_confidence")
        weights = self._get(data, "weights", dict)
        self.w = {k: self._number(weights, k, f"weights.{k}", low=-1.0) for k in _WEIGHT_KEYS}
        sections = {name: self._section(data, name, spec) for name, spec in _SCHEMA.items()}
        q, n, p, s, e = (sections[k] for k in ("quoted", "numeric", "plus", "suffix", "enumeration"))
        self.quoted, self.numeric, self.plus, self.suffix, self.enumeration = q, n, p, s, e
        self.coined = sections["coined"]
        self.categories = self._categories(data)
        self._compile()

    # validation helpers ---------------------------------------------------------------------------
    def _where(self, key: str) -> str:
        line = self._lines.get(key)
        return f"{self.label} 第 {line} 行,键 {key}" if line else f"{self.label},键 {key}"

    def _fail(self, key: str, message: str):
        raise RuleFileError(f"{self._where(key)}:{message}")

    def _get(self, mapping: dict, key: str, kind: type, path: str | None = None):
        path = path or key
        if not isinstance(mapping, dict) or key not in mapping or mapping[key] is None:
            self._fail(path, "缺少此键")
        value = mapping[key]
        if kind is int and (isinstance(value, bool) or not isinstance(value, int) or value <= 0):
            self._fail(path, f"应为正整数,实际为 {value!r}")
        if kind == "entries":  # a list of mappings, checked entry by entry in _suffix_entries
            if not isinstance(value, list) or not value:
                self._fail(path, f"应为非空列表,实际为 {value!r}")
            return value
        if kind is list:
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                self._fail(path, f"应为非空字符串组成的列表,实际为 {value!r}")
        elif not isinstance(value, kind):
            self._fail(path, f"应为{_TYPE_NAMES.get(kind, kind.__name__)},实际为 {value!r}")
        if kind is str and not value.strip():
            self._fail(path, "不能为空")
        return value

    def _number(self, mapping: dict, key: str, path: str | None = None, low: float = 0.0) -> float:
        path = path or key
        if not isinstance(mapping, dict) or key not in mapping:
            self._fail(path, "缺少此键")
        value = mapping[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= 1:
            self._fail(path, f"应为 {low:g} 到 1 之间的数,实际为 {value!r}")
        return float(value)

    def _section(self, data: dict, name: str, spec: dict) -> dict:
        section = self._get(data, name, dict)
        return {key: self._get(section, key, kind, f"{name}.{key}") for key, kind in spec.items()}

    def _categories(self, data: dict) -> dict[str, tuple[str, ...]]:
        cats = self._get(data, "categories", dict)
        unknown = [k for k in cats if k not in CATEGORIES]
        if unknown:
            self._fail(f"categories.{unknown[0]}", f"未知的类别 {unknown[0]!r};可用的类别:{', '.join(CATEGORIES)}")
        missing = [k for k in CATEGORIES if k not in cats]
        if missing:
            self._fail("categories", f"缺少类别 {', '.join(missing)}")
        result = {}
        for key in CATEGORIES:
            entry = cats[key]
            if not isinstance(entry, dict):
                self._fail(f"categories.{key}", f"应为含 label 与 cues 的键值对,实际为 {entry!r}")
            self._get(entry, "label", str, f"categories.{key}.label")
            result[key] = tuple(self._get(entry, "cues", list, f"categories.{key}.cues"))
        return result

    def _suffix_entries(self) -> list[tuple[str, int, tuple[str, ...]]]:
        entries = []
        for i, entry in enumerate(self.suffix["suffixes"]):
            path = f"suffix.suffixes[{i}]"
            if isinstance(entry, str):
                entry = {"suffix": entry, "min": 2}
            if not isinstance(entry, dict) or not isinstance(entry.get("suffix"), str) or not entry["suffix"]:
                self._fail(path, f"应为 {{suffix: 词, min: 数字}},实际为 {entry!r}")
            low = entry.get("min", 2)
            if isinstance(low, bool) or not isinstance(low, int) or low < 0:
                self._fail(path, f"min 应为不小于 0 的整数,实际为 {low!r}")
            after = entry.get("not_before", [])
            if not isinstance(after, list) or not all(isinstance(a, str) and a for a in after):
                self._fail(path, f"not_before 应为字符串列表,实际为 {after!r}")
            entries.append((entry["suffix"], low, tuple(after)))
        if not entries:
            self._fail("suffix.suffixes", "列表为空")
        # function word + body word: 说和团, 评理屋, 验收团, 顾问团 (listed heads keep their own rule)
        listed = {word for word, _, _ in entries}
        for function in self.suffix["compound_functions"]:
            for body in self.suffix["compound_bodies"]:
                if function + body not in listed:
                    entries.append((function + body, 2, ()))
        return entries

    # compiled patterns ------------------------------------------------------------------------------
    def _compile(self) -> None:
        q, n, p, s, e = self.quoted, self.numeric, self.plus, self.suffix, self.enumeration
        hb = r"(?:[“「『‘][^”」』’\n]{1,12}[”」』’])"  # one more quoted name in a series
        self.follow = re.compile(
            rf"(?:[ \t]*(?:[、,，]|与|和|及|或)?{hb})*(?:等)?{hb}?(?:的)?[{_NAME}]{{0,6}}?"
            rf"(?:(?P<strong>{_alt(q['follow_cues'])})|(?P<weak>{_alt(q['follow_cues_weak'])}))")
        self.verb_strong = re.compile(_alt(q["verb_cues"]))
        self.verb_weak = re.compile(_alt(q["verb_cues_weak"]))
        self.name_suffix = tuple(sorted(q["name_suffixes"], key=len, reverse=True))
        self.stop_names = frozenset(q["stop_names"])
        self.adjective_endings = tuple(q["adjective_endings"])
        self.phrase_starts = tuple(q["phrase_starts"])
        self.metaphor_before = tuple(q["metaphor_before"])

        num, num2 = n["numerals"], n["second_numerals"]
        self.numerals = frozenset(num)
        self.all_numerals = frozenset(num + num2 + "百千万")
        x = rf"(?:(?![{re.escape(num2)}百千万亿])[{_HAN}])"
        heads = [word for word, _, _ in self._suffix_entries()]  # 两代表一委员|工作室
        end = rf"(?=$|[^{_HAN}]|{_alt(n['end_words'] + heads)})"
        n1 = f"[{re.escape(num)}]"
        # 一委三会, 四公开四统一, 一提二议三公示, 一带五, 百师结千户 (hundreds and thousands only here)
        h1, h2 = f"[{re.escape(num)}百千]", f"[{re.escape(num2)}百千]"
        two_part = rf"{h1}{{1,2}}个?{x}{{1,3}}?(?:{h2}{{1,2}}个?(?:{x}{{1,3}}?)?){{1,2}}"
        with_tail = rf"(?:{n1}{{1,2}}|多)个?{x}{{1,2}}?(?:{_alt(n['tails'])})"  # 三治融合, 四位一体, 多网合一
        campaign = rf"{n1}{{1,2}}(?:个{n1}|{x}{{1,3}}?)(?:{_alt(n['cue_tails'])})"  # 五个一工程, 五步工作法
        self.numeric_re = re.compile(rf"(?:{campaign})|(?:{two_part}{end})|(?:{with_tail})")  # 五个一工程 before 五个一
        # inside quotes a short form is enough: “两委”, “六提升”, “四个公开”, “五个一”
        short = rf"{n1}{{1,2}}{x}{{1,2}}|{n1}个{x}[{_HAN}]{{1,2}}|{n1}个{n1}"
        self.numeric_full = re.compile(rf"(?:{two_part})|(?:{with_tail})|(?:{short})")
        self.not_after = re.compile(_alt(n["not_after_numeral"]))
        self.allowed_after = tuple(n["allowed_after_numeral"])
        self.not_before = frozenset("".join(n["not_before"]))
        self.numeric_stop = frozenset(n["stop_words"])
        self.numeral_run = re.compile(rf"[{re.escape(num2)}百千万]+")

        term = rf"[{_NAME}]{{1,{p['max_term']}}}"
        self.plus_left = re.compile(rf"{term}$")
        self.plus_right = re.compile(rf"(?:[+＋]{term})+(?:[+＋](?![{_NAME}\d]))?(?![+＋])|[+＋](?![{_NAME}\d+＋])")
        self.plus_end = re.compile(_alt(p["end_words"]))
        self.plus_full = re.compile(rf"{term}(?:[+＋]{term})*(?:[+＋])?")

        entries = self._suffix_entries()
        self.suffix_rules = {w: (low, after) for w, low, after in entries}
        self.suffix_re = re.compile(_alt(self.suffix_rules))
        self.boundary = re.compile(
            rf"(?P<keep>{_alt(s['protected_words'])})|(?P<cut>{_alt(s['boundary_words'])}"
            rf"|[一二两三四五六七八九十百千万\d]+[{re.escape(s['measure_words'])}])")
        self.admin_endings = tuple(s["admin_endings"])
        self.admin_heads = frozenset(s["admin_heads"])
        self.generic_names = frozenset(s["generic_names"])
        self.generic_endings = tuple(s["generic_endings"])

        heads, ords = _alt(e["heading_words"]), _alt(e["ordinal_words"])
        digits = "一二三四五六七八九十"
        self.enum_re = re.compile(
            rf"(?:^|(?<=[\n。;；:：,，!?！？]))[ \t·•]*(?:"
            rf"(?P<hw>{heads})(?:之)?(?P<hn>[{digits}]{{1,2}})\s*[:：、]"
            rf"|(?P<on>[{digits}])(?P<ow>{ords})"
            rf"|其(?P<qn>[{digits}])[,，:：、]"
            rf"|第(?P<dn>[{digits}])[,，:：、]"
            rf"|(?P<sq>首先|其次|再次|最后))", re.M)
        self.enum_term = re.compile(rf"[{_CLAUSE_END}?]")
        self.problem = re.compile(_alt(e["problem_cues"]))
        self.measure = re.compile(rf"(?:{_alt(e['adverbs'])})?(?:{_alt(e['measure_starts'])})")

        c = self.coined
        self.coined_verbs = {v: kind for kind in ("weak", "role", "strong", "naming")
                             for v in c[f"{kind}_verbs"]}  # later kinds win for a verb in two lists
        self.coined_verb_re = re.compile(_alt(self.coined_verbs))
        self.coined_quantity = re.compile(
            rf"(?:[\d]+|[一二两三四五六七八九十百千]+)[{re.escape(s['measure_words'])}]|[了起出]?个|[了起出]")
        self.coined_end = re.compile(_alt(c["end_words"]))
        self.coined_mechanism = tuple(c["mechanism_words"])
        self.coined_generic = tuple(c["generic_heads"])
        self.coined_bad_start = frozenset(c["bad_starts"])
        self.coined_pronouns = frozenset("它他她我你")
        self.role_heads = tuple(sorted(c["role_heads"], key=len, reverse=True))

        cue_map: dict[str, list[str]] = {}
        for cat, cues in self.categories.items():
            for cue in cues:
                cue_map.setdefault(cue, []).append(cat)
        self.cue_categories = cue_map
        self.category_re = re.compile(_alt(cue_map))


def _key_lines(text: str) -> dict[str, int]:
    """``dotted.key -> line`` for every mapping key of a YAML text (for error messages)."""
    import yaml

    lines: dict[str, int] = {}

    def walk(node, prefix: str) -> None:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                path = f"{prefix}.{k.value}" if prefix else str(k.value)
                lines[path] = k.start_mark.line + 1
                walk(v, path)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                lines[f"{prefix}[{i}]"] = item.start_mark.line + 1
                walk(item, f"{prefix}[{i}]")

    try:
        walk(yaml.compose(text), "")
    except yaml.YAMLError:
        pass
    return lines


def load_discovery_rules(path: str | Path | None = None) -> DiscoveryRules:
    """Load and validate discovery cues (the bundled ``data/discovery.yaml`` when ``path`` is None).

    Raises
    ------
    RuleFileError
        A Chinese message naming the file, the line and the key that is malformed.
    """
    source = Path(path) if path else bundled(RULES_FILE)
    label = str(path) if path else f"governance_kit/data/{RULES_FILE}"
    data, text = read_yaml(source, label)
    if not isinstance(data, dict):
        raise RuleFileError(f"{label}:应为键值对(source、weights、quoted、numeric …),实际为 {type(data).__name__}")
    return DiscoveryRules(data, label=label, lines=_key_lines(text))


@reloaded(RULES_FILE)
def default_discovery_rules() -> DiscoveryRules:
    """The bundled rules, loaded once (and again only after ``data/discovery.yaml`` is edited)."""
    return load_discovery_rules()


# --- finding candidates ---------------------------------------------------------------------------

@dataclass
class _Cand:
    start: int
    end: int
    kind: str
    score: float
    cues: list[str]


def _chinese_number(text: str) -> int:
    """一 … 九十九 as an int (enumeration headings: 模式十二)."""
    digits = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}
    if "十" not in text:
        return digits.get(text[-1], 0)
    tens, _, units = text.partition("十")
    return digits.get(tens, 1) * 10 + digits.get(units, 0)


class _Scanner:
    """One text: book-title spans, category cue hits and sentence spans, computed once."""

    def __init__(self, text: str, rules: DiscoveryRules):
        self.text, self.r = text, rules
        self.books = [m.span() for m in _BOOK.finditer(text)]
        self._book_starts = [a for a, _ in self.books]
        self.sentences = SentenceIndex(text)
        hits = [(m.start(), m.end(), m.group()) for m in rules.category_re.finditer(text)]
        self._hit_starts = [h[0] for h in hits]
        self._hits = hits

    def in_book(self, start: int, end: int) -> bool:
        i = bisect_right(self._book_starts, start) - 1
        return i >= 0 and self.books[i][0] <= start and end <= self.books[i][1]

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        a, b = self.sentences.span_at(start)
        if a == b:
            a, b = start, end
        b = max(b, self.sentences.span_at(max(start, end - 1))[1], end)
        return min(a, start), b

    def category(self, start: int, end: int, sent: tuple[int, int]) -> tuple[str | None, str]:
        """The guessed category and where its evidence was (``name``, ``sentence`` or ``""``)."""
        r, scores, longest = self.r, {}, {}
        for m in r.category_re.finditer(self.text, start, end):
            for cat in r.cue_categories[m.group()]:
                scores[cat] = scores.get(cat, 0.0) + 2.0
                longest[cat] = max(longest.get(cat, 0), len(m.group()))
        lo, hi = bisect_left(self._hit_starts, sent[0]), bisect_left(self._hit_starts, sent[1])
        counted: dict[str, int] = {}
        for a, b, cue in self._hits[lo:hi]:
            if b > sent[1] or (a < end and b > start):
                continue
            for cat in r.cue_categories[cue]:
                if counted.get(cat, 0) < 3:
                    counted[cat] = counted.get(cat, 0) + 1
                    scores[cat] = scores.get(cat, 0.0) + 0.5
        if not scores:
            return None, ""
        order = {c: i for i, c in enumerate(CATEGORIES)}
        best = max(scores, key=lambda c: (scores[c], longest.get(c, 0), -order[c]))
        return best, "name" if best in longest else "sentence"

    # numeral formulas -----------------------------------------------------------------------------
    def numeric_ok(self, start: int, end: int, *, quoted: bool = False) -> bool:
        """Reject counts, ordinals and idioms: 十八届四中全会, 二十大, 第三版, 三者, 千家万户.

        Inside quotes a numeral may take 个 (“四个公开”); in running text only before another
        numeral (五个一工程), since 四个方面 is a count.
        """
        text, r = self.text, self.r
        name = text[start:end]
        if name in r.numeric_stop:
            return False
        if start > 0 and (text[start - 1] in r.not_before or text[start - 1] in r.all_numerals):
            return False
        for m in r.numeral_run.finditer(name):
            rest = name[m.end():]
            if not rest:
                continue
            if rest.startswith("个") and (rest[1:2] in r.all_numerals or (quoted and m.start() == 0)):
                continue
            if r.not_after.match(rest) and not rest.startswith(r.allowed_after):
                return False
        return True

    def _quoted_context(self, start: int, end: int) -> bool:
        return start > 0 and end < len(self.text) and self.text[start - 1] in "“「『‘" and self.text[end] in _CLOSING_QUOTES

    def numeric(self) -> Iterable[_Cand]:
        r = self.r
        for m in r.numeric_re.finditer(self.text):
            start, end = m.span()
            if self.in_book(start, end) or not self.numeric_ok(start, end):
                continue
            yield _Cand(start, end, "numeric_formula", r.w["numeric_formula"], ["数字概括式"])

    # X+Y formulas ---------------------------------------------------------------------------------
    def plus(self) -> Iterable[_Cand]:
        """X+Y formulas in running text, found from each plus sign (quoted ones are scored by :meth:`quoted`)."""
        text, r = self.text, self.r
        consumed = -1
        for sign in _PLUS_SIGN.finditer(text):
            p = sign.start()
            if p < consumed:
                continue
            left = r.plus_left.search(text, max(0, p - r.plus["max_term"]), p)
            right = r.plus_right.match(text, p)
            if not left or not right:
                continue
            start, end = left.start(), right.end()
            consumed = end
            before, after = text[start - 1:start], text[end:end + 1]
            if before and (before.isdigit() or before in "=<>＜＞") or after and (after.isdigit() or after in "=<>＜＞"):
                continue
            if self.in_book(start, end) or self._quoted_context(start, end):
                continue
            start = self.trim_left(start, p)
            last_plus = max(text.rfind("+", start, end), text.rfind("＋", start, end))
            cut = r.plus_end.search(text, last_plus + 1, end)
            if cut:
                end = max(cut.start(), last_plus + 1)
            if start >= p or not _HAN_CHAR.search(text, start, end):
                continue
            yield _Cand(start, end, "plus_formula", r.w["plus_formula"], ["X+Y 式"])

    def trim_left(self, run_start: int, head: int) -> int:
        """Move ``run_start`` past the last verb or function word before ``head`` (建立, 在, 的 …)."""
        cut = run_start
        for m in self.r.boundary.finditer(self.text, run_start, head):
            if m.lastgroup == "cut":
                cut = m.end()
        return cut

    # institutional suffixes -----------------------------------------------------------------------
    def suffixes(self) -> Iterable[_Cand]:
        text, r = self.text, self.r
        max_mod = r.suffix["max_modifier"]
        for m in r.suffix_re.finditer(text):
            s, e = m.span()
            low, not_before = r.suffix_rules[m.group()]
            if any(text.startswith(w, e) for w in not_before) or self.in_book(s, e):
                continue
            if len(m.group()) == 1 and s > 0 and text[s - 1:e] in dictionary_pieces()[0]:
                continue  # a one-character head ending a longer word: 交通, 沟通 are no …通 apps
            window_start = max(0, s - max_mod - 6)
            run = _MODIFIER_RUN.search(text, window_start, s)
            run_start = run.start() if run else s
            mod_start = self.trim_left(run_start, s)
            if mod_start == run_start and run_start > 0 and text[run_start - 1] in _CLOSING_QUOTES:
                continue  # “小芒果”儿童之家: the head word of a quoted name
            lead = _LEADING_PARENS.match(text, mod_start, s)
            if lead:
                mod_start = lead.end()
            modifier = text[mod_start:s]
            if mod_start == window_start and window_start > 0 and run_start == window_start:
                continue  # a run longer than the window, with no boundary: not a name
            if len(modifier) < low or len(modifier) > max_mod:
                continue
            if modifier[:1] in r.numerals:
                # 四议两公开工作法, 五步工作法: the numeral formula is the name (numeric pass); but
                # 三老说和团, 五老调解团: a numeral + a group of people heads the body's name
                formula = r.numeric_re.fullmatch(text, mod_start, s)
                if formula or not self.numeric_ok(mod_start, s, quoted=True) or len(modifier) > 3:
                    continue
            if modifier and modifier.endswith(r.admin_endings) and m.group() in r.admin_heads:
                continue  # 高桥镇委员会: an organ of the township (but 梨乡议事厅 is a name)
            name = text[mod_start:e]
            if name in r.generic_names or name.endswith(r.generic_endings):
                continue
            score = r.w["suffix_name"] + (r.w["suffix_long_modifier"] if len(modifier) >= 3 else 0.0)
            yield _Cand(mod_start, e, "suffix_name", score, [f"机构词:{m.group()}"])

    # unquoted coinages ------------------------------------------------------------------------------
    def coined(self) -> Iterable[_Cand]:
        """Unquoted coinages: the whole object of a measure verb, when it is no ordinary word.

        推行门楣亮星。 / 探索复垦联营。 / 村里人叫收支上桥: / 选聘86名矿嫂联络员 — the object runs from
        the verb (and an optional count) to the clause end or to a word such as 方式/的/等. It must be
        new to jieba's dictionary and the kit's lexicon and look coined (a rare word among its pieces,
        or two single characters: 双岗三评, 场村共建); ordinary phrases (社区自治, 良性互动) are not.
        The score rises with a strong or naming verb, a role head after a recruiting verb, repetition
        in the text, a mechanism word after it elsewhere (复垦联营方式) and a numbered heading line.
        """
        text, r = self.text, self.r
        c, w = r.coined, r.w
        words, lexicon, cut = dictionary_pieces()
        n = len(text)
        for m in r.coined_verb_re.finditer(text):
            vs, ve = m.span()
            if (vs > 0 and text[vs - 1:ve] in words) or text[vs:ve + 1] in words:
                continue  # the verb is part of a longer word: 召开, 建设, 设置
            kind = r.coined_verbs[m.group()]
            start = ve
            q = r.coined_quantity.match(text, start)
            if q and (kind == "role" or not q.group()[:1].isdigit() and q.group()[:1] not in r.all_numerals):
                start = q.end()  # 选聘86名…, 搞了个…; but 推行三户互看 keeps its numeral
            run = _HAN_RUN.match(text, start)
            if not run:
                continue
            end = run.end()
            stop = r.coined_end.search(text, start + 2, end)
            if stop:
                end = stop.start()
            if end < n and not (text[end] in _CLAUSE_END or text[end] in "、" or r.coined_end.match(text, end)):
                continue  # the object goes on: not the whole object of the verb
            name = text[start:end]
            if not c["min_len"] <= len(name) <= c["max_len"] or self.in_book(start, end):
                continue
            # a naming verb may name anything but a pronoun (叫它…); other verbs' objects must not start
            # with a function word (推行这一…)
            if name[0] in (r.coined_pronouns if kind == "naming" else r.coined_bad_start):
                continue
            if name.endswith(r.coined_generic) or name in words:
                continue
            role = kind == "role" and name.endswith(r.role_heads)
            if kind == "role" and not role:
                continue
            # a term of the kit's lexicon is a governance term, not an ordinary phrase, when a strong or
            # naming verb introduces it (推行村社合一); as a role it is a generic one (设网格长)
            if name in lexicon and (kind == "role" or len(name) < 4):
                continue
            if not (name in lexicon and kind in ("strong", "naming")):
                pieces = cut(name)
                rare = any(len(p) > 1 and words.get(p, 0) < c["rare_frequency"] and p not in lexicon for p in pieces)
                # three or more pieces after a strong verb: a composite (搞了个普法小板凳, 评红石榴家庭)
                composite = len(pieces) >= 3 and kind in ("strong", "naming")
                if len(pieces) < 2 or not (rare or role or composite or sum(len(p) == 1 for p in pieces) >= 2):
                    continue
            score, cues = w["coined"], [f"前有:{m.group()}"]
            if kind == "strong":
                score += w["coined_strong_verb"]
            elif kind == "naming":
                score += w["coined_naming"]
                cues.append("称名")
            if role:
                score += w["coined_role"]
                cues.append("角色")
            if text.count(name) >= 2:
                score += w["coined_repeated"]
                cues.append("重复出现")
            if any(text.find(name + word) >= 0 for word in r.coined_mechanism):
                score += w["coined_mechanism_word"]
                cues.append("后接机制词")
            if text[end:end + 1] in ":：":
                score += w["coined_explained"]
                cues.append("后接解释")
            line_start = text.rfind("\n", 0, vs) + 1
            if _HEADING.match(text, line_start) and text[end:end + 1] in "。\n" and vs - line_start <= 24:
                score += w["coined_heading"]
                cues.append("标题")
            yield _Cand(start, end, "coined", score, cues)

    # the learned scorer --------------------------------------------------------------------------------
    def learned(self) -> Iterable[_Cand]:
        """Spans the model of :mod:`governance_kit.codebook.discovery.model` rates as names, minus words the rule
        lists know are no names (quoted metaphors, statutory bodies, adjectives in 式/化/性/感)."""
        from .model import learned_spans

        r = self.r
        words, lexicon, _ = dictionary_pieces()
        for name, start, end, probability in learned_spans(self.text):
            if len(name) < 3 or not _HAN_CHAR.search(name) or (name in words and (name not in lexicon or len(name) < 4)):
                continue  # 法治, +1>2, 议事会: ordinary words, not names (a kit lexicon term may be one)
            if name in r.stop_names or name in r.generic_names or name.endswith(r.generic_endings):
                continue
            if name.endswith(r.coined_generic) or name in r.numeric_stop or name.endswith(r.adjective_endings):
                continue
            if self.in_book(start, end):
                continue
            quote = self._quote_around(start, end)
            if quote:  # part of a short quoted text (乡网格e事 in “鹤乡网格e事”): the quoted text is the name
                start, end = quote
                if self.text[start:end] in r.stop_names:
                    continue
            yield _Cand(start, end, "learned", probability, [f"模型概率:{probability:.2f}"])

    def _quote_around(self, start: int, end: int) -> tuple[int, int] | None:
        """The content span of the short quote (at most ``quoted.max_len`` characters) that holds
        ``start:end`` as a part, not the whole; ``None`` otherwise."""
        text = self.text
        opening = max(text.rfind(q, max(0, start - 30), start) for q in "“「『")
        if opening < 0 or any(ch in text[opening + 1:start] for ch in "”」』\n"):
            return None
        closing = min((k for k in (text.find(q, end, end + 30) for q in "”」』") if k >= 0), default=-1)
        if closing < 0 or any(ch in text[end:closing] for ch in "“「『\n"):
            return None
        if closing - opening - 1 > self.r.quoted["max_len"] or (opening + 1 == start and closing == end):
            return None
        return opening + 1, closing

    # quoted names and slogans ---------------------------------------------------------------------
    def quoted(self, slogans: bool) -> Iterable[_Cand]:
        for pattern in (_QUOTE_OUTER, _QUOTE_INNER):
            for m in pattern.finditer(self.text):
                g = next(i for i in range(1, (m.re.groups or 0) + 1) if m.group(i) is not None)
                start, end = m.span(g)
                while start < end and self.text[start].isspace():
                    start += 1
                while end > start and self.text[end - 1].isspace():
                    end -= 1
                if end - start < 2:
                    continue
                cand = self._quoted_one(start, end, m.start(), m.end(), slogans)
                if cand is not None:
                    yield cand

    def _context_cues(self, quote_start: int, quote_end: int) -> tuple[float, list[str]]:
        text, r, w = self.text, self.r, self.r.w
        score, cues = 0.0, []
        f = r.follow.match(text, quote_end)
        if f:
            if f.group("strong"):
                score += w["follow_cue"]
                cues.append(f"后接:{f.group('strong')}")
            else:
                score += w["follow_cue_weak"]
                cues.append(f"后接:{f.group('weak')}")
        clause = _CLAUSE_TAIL.search(text, max(0, quote_start - 30), quote_start)
        if clause:
            v = r.verb_strong.search(text, clause.start(), quote_start)
            if v:
                score += w["verb_cue"]
                cues.append(f"前有:{v.group()}")
            else:
                v = r.verb_weak.search(text, clause.start(), quote_start)
                if v:
                    score += w["verb_cue_weak"]
                    cues.append(f"前有:{v.group()}")
        if text[max(0, quote_start - 4):quote_start].endswith(r.metaphor_before):
            score += w["metaphor_before"]
            cues.append("比喻")
        return score, cues

    def _quoted_one(self, start: int, end: int, quote_start: int, quote_end: int, slogans: bool) -> _Cand | None:
        r, w = self.r, self.r.w
        name = self.text[start:end]
        if (_ARITHMETIC.fullmatch(name) and not name.isdigit()) or _SENTENCE_PUNCT.search(name):
            return None
        if _SLOGAN_SPLIT.search(name):
            return self._slogan(start, end, quote_start, quote_end) if slogans else None
        if len(name) > r.quoted["max_len"] or name in r.stop_names:
            return None
        context, cues = self._context_cues(quote_start, quote_end)
        if "+" in name or "＋" in name:
            if r.plus_full.fullmatch(name):
                return _Cand(start, end, "plus_formula", w["quoted_plus"] + max(context, 0.0) * 0.2, ["引号", "X+Y 式", *cues])
            return None
        if r.numeric_full.fullmatch(name) and self.numeric_ok(start, end, quoted=True):
            return _Cand(start, end, "numeric_formula", w["quoted_formula"] + max(context, 0.0) * 0.2, ["引号", "数字概括式", *cues])
        if name.endswith(r.adjective_endings) or (len(name) >= 5 and name.startswith(r.phrase_starts)):
            return None
        if name.isdigit() and not any(c.startswith("后接") for c in cues):
            return None  # a bare number in quotes is a name only before a mechanism word (“135”工作法)
        score = w["quoted_base"] + context
        cues = ["引号", *cues]
        if any(c in r.numerals for c in name) or re.search(r"[A-Za-z\d]", name):
            score += w["formula_chars"]
            cues.append("含数字或字母")
        suffix = next((s for s in r.name_suffix if name.endswith(s) and len(name) > len(s)), None)
        if suffix:
            score += w["suffix_in_name"]
            cues.append(f"机构词:{suffix}")
        if len(name) == 2:
            score += w["two_chars"]
        if len(name) >= 9:
            score += w["long_name"]
        if "的" in name:
            score += w["contains_de"]
        return _Cand(start, end, "quoted", score, cues)

    def _slogan(self, start: int, end: int, quote_start: int, quote_end: int) -> _Cand | None:
        """A short parallel formula (“民事民提、民事民议、民事民决、民事民评”) followed by a mechanism word."""
        name = self.text[start:end]
        parts = _SLOGAN_SPLIT.split(name)
        if not 2 <= len(parts) <= 4 or len(name) > 24:
            return None
        lengths = {len(p) for p in parts}
        if len(lengths) != 1 or not 2 <= lengths.pop() <= 6:
            return None
        shared = any(len({p[i] for p in parts}) == 1 for i in range(len(parts[0])))
        numbered = all(p[0] in self.r.all_numerals for p in parts)
        if not (shared or numbered):
            return None
        f = self.r.follow.match(self.text, quote_end)
        if not f:
            return None
        cue = f.group("strong") or f.group("weak")
        return _Cand(start, end, "slogan", self.r.w["slogan"], ["引号", "对仗", f"后接:{cue}"])

    # enumerations ---------------------------------------------------------------------------------
    def enumerations(self) -> Iterable[_Cand]:
        text, r = self.text, self.r
        max_item = r.enumeration["max_item"]
        digits = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}
        order = {"首先": 1, "其次": 2, "再次": 3, "最后": 4}
        found = []
        for m in r.enum_re.finditer(text):
            if m.group("hw"):
                number, family = _chinese_number(m.group("hn")), ("heading", m.group("hw"))
            elif m.group("on"):
                number, family = digits[m.group("on")], ("ordinal", m.group("ow"))
            elif m.group("qn"):
                number, family = digits[m.group("qn")], ("qi", "其")
            elif m.group("dn"):
                number, family = digits[m.group("dn")], ("di", "第")
            else:
                number, family = order[m.group("sq")], ("sequence", "首先")
            found.append((m.end(), family, number))
        runs: list[list] = []
        current: dict[tuple, list] = {}
        for pos, family, number in found:
            run = current.get(family)
            if number == 1:
                current[family] = [(pos, family, number)]
                runs.append(current[family])
            elif run is not None and pos - run[-1][0] <= 2000 and (
                    run[-1][2] == number - 1 or (family[0] == "sequence" and number == 4 and len(run) >= 2)):
                run.append((pos, family, number))
            else:
                current.pop(family, None)
        for run in runs:
            if len(run) < 2:
                continue
            for pos, family, _ in run:
                item = self._item(pos, max_item, strip_modal=family[0] in ("qi", "di", "sequence"))
                if item is None:
                    continue
                start, end = item
                name = text[start:end]
                if r.problem.search(name):
                    continue
                score, cues = r.w["enumeration"], [f"列举:{family[1]}"]
                if family[0] == "heading":
                    score += r.w["enumeration_heading"]
                elif r.measure.match(name):
                    score += r.w["enumeration_verb"]
                    cues.append("举措动词")
                yield _Cand(start, end, "enumeration", score, cues)

    def _item(self, pos: int, max_item: int, *, strip_modal: bool = False) -> tuple[int, int] | None:
        """The heading phrase of an item: from the marker to the first clause mark."""
        text = self.text
        start = pos
        while start < len(text) and text[start] in " \t:：,，、":
            start += 1
        if strip_modal and text[start:start + 1] in ("要", "是", "应"):
            start += 1
        term = self.r.enum_term.search(text, start, start + max_item + 1)
        end = term.start() if term else min(len(text), start + max_item + 1)
        if not term and end - start > max_item:
            return None
        while end > start and text[end - 1].isspace():
            end -= 1
        return (start, end) if end - start >= 2 else None


# --- the public functions -------------------------------------------------------------------------

def discover(text: str, *, min_confidence: float | None = None, kinds: Iterable[str] | None = None,
             slogans: bool = True, rules: DiscoveryRules | None = None) -> list[Discovery]:
    """Named governance mechanisms in clean Simplified ``text``, in text order.

    Parameters
    ----------
    text : str
        Clean text (``doc.text``); offsets index into it: ``text[d.start:d.end] == d.name``.
    min_confidence : float, optional
        Drop finds scoring below this (default: ``min_confidence`` of ``data/discovery.yaml``, 0.5).
        ``0`` shows every candidate, for reviewing the cue lists.
    kinds : iterable of str, optional
        Only these kinds (see :data:`KINDS`); default all.
    slogans : bool
        Return short parallel formulas followed by a mechanism word (kind ``slogan``).
    rules : DiscoveryRules, optional
        Cue lists loaded with :func:`load_discovery_rules` (default: the bundled ones).

    Returns
    -------
    list of Discovery
        Overlapping finds are resolved in favour of the longer, then the more confident one;
        enumeration items may contain other finds (the item 深化“三治融合”创新模式 and the name 三治融合).

    >>> [d.name for d in discover("推行“四议两公开”工作法,成立乡贤理事会。")]
    ['四议两公开', '乡贤理事会']
    >>> [(d.name, d.kind) for d in discover("一是坚持党建引领,形成合力。二是实行网格化管理,增强动力。", kinds=["enumeration"])]
    [('坚持党建引领', 'enumeration'), ('实行网格化管理', 'enumeration')]
    >>> discover("形成“1+1>2”的工作合力,党的十八届四中全会提出。")
    []
    """
    if not isinstance(text, str):
        raise TypeError(f"discover 需要字符串(文档的 .text),收到的是 {type(text).__name__};"
                        "一篇文档请写 discover(doc.text),文档或整个语料要一张表请用 governance_kit.codebook.discovery.discover_frame")
    rules = rules or default_discovery_rules()
    threshold = rules.min_confidence if min_confidence is None else float(min_confidence)
    wanted = set(KINDS) if kinds is None else set(kinds)
    unknown = wanted - set(KINDS)
    if unknown:
        raise ValueError(f"kinds 中有未知的类型 {', '.join(sorted(unknown))};可用:{', '.join(KINDS)}")
    if not text:
        return []
    scan = _Scanner(text, rules)
    cands: list[_Cand] = []
    sources = (scan.quoted(slogans), scan.numeric(), scan.plus(), scan.suffixes(), scan.enumerations(),
               scan.coined() if "coined" in wanted else (), scan.learned() if "learned" in wanted else ())
    for source in sources:
        cands.extend(c for c in source if c.kind in wanted and c.end > c.start)

    # category evidence, final score, threshold. A cue word inside the name decides the category;
    # other names (not enumeration items) get the codebook's guess from name and sentence
    # (governance_kit.codebook.discovery.categories), which placed unseen names better than cue words in the sentence
    placed = []
    for c in cands:
        sent = scan.sentence(c.start, c.end)
        placed.append((c, sent) + scan.category(c.start, c.end, sent))
    unplaced = [i for i, (c, _, _, where) in enumerate(placed) if where != "name" and c.kind != "enumeration"]
    if unplaced:
        from .categories import guess_categories

        guesses = guess_categories(((text[placed[i][0].start:placed[i][0].end], text[placed[i][1][0]:placed[i][1][1]])
                                    for i in unplaced), cue_words=rules.categories)
        for i, guess in zip(unplaced, guesses):
            c, sent, _, where = placed[i]
            c.cues.append("类别:据编码本推测")
            placed[i] = (c, sent, guess, where)
    scored = []
    for c, sent, category, where in placed:
        score = c.score
        if c.kind == "learned":  # the model's probability (above the model's own threshold too)
            if score >= threshold:
                scored.append((c, category, sent, round(score, 3)))
            continue
        if where == "name":
            score += rules.w["category_in_name"]
        elif where == "sentence":
            score += rules.w["category_in_sentence"]
        score = round(min(1.0, max(0.0, score)), 3)
        if score >= threshold:
            scored.append((c, category, sent, score))

    # identical spans merge (the more specific kind wins); then overlaps go to the longer, more confident
    by_span: dict[tuple[int, int, bool], tuple] = {}
    for item in scored:
        c = item[0]
        key = (c.start, c.end, c.kind == "enumeration")
        old = by_span.get(key)
        if old is None:
            by_span[key] = item
            continue
        best, other = (item, old) if (_KIND_PRIORITY[c.kind], item[3]) > (_KIND_PRIORITY[old[0].kind], old[3]) else (old, item)
        cues = list(dict.fromkeys(best[0].cues + other[0].cues))
        merged = _Cand(c.start, c.end, best[0].kind, best[0].score, cues)
        by_span[key] = (merged, best[1], best[2], round(min(1.0, max(best[3], other[3]) + 0.05), 3))
    accepted: list[tuple] = []
    taken: list[tuple[int, int]] = []
    # rule finds first; the learned scorer only fills what they leave
    ranked = sorted(by_span.values(),
                    key=lambda it: (it[0].kind == "learned", -(it[0].end - it[0].start), -it[3], it[0].start))
    for item in ranked:
        c = item[0]
        if c.kind != "enumeration":
            i = bisect_left(taken, (c.start, c.end))
            if (i < len(taken) and taken[i][0] < c.end) or (i > 0 and taken[i - 1][1] > c.start):
                continue
            taken.insert(i, (c.start, c.end))
        accepted.append(item)
    accepted.sort(key=lambda it: (it[0].start, it[0].end))
    return [Discovery(text[c.start:c.end], c.start, c.end, c.kind, category, score, sent[0], sent[1], tuple(c.cues))
            for c, category, sent, score in accepted]


def discover_frame(doc_or_corpus, **options):
    """Discoveries of a Document, a Corpus, a list of Documents or a string, as one DataFrame.

    Columns: ``doc_id, name, kind, category, confidence, start, end, sentence, cues``; the options
    are those of :func:`discover`. A plain string is cleaned first (see ``as_documents``).
    """
    import pandas as pd

    from ...corpus import as_documents

    rows = []
    for doc in as_documents(doc_or_corpus):
        for d in discover(doc.text, **options):
            rows.append({"doc_id": doc.doc_id, "name": d.name, "kind": d.kind, "category": d.category,
                         "confidence": d.confidence, "start": d.start, "end": d.end,
                         "sentence": doc.text[d.sentence_start:d.sentence_end], "cues": "、".join(d.cues)})
    return pd.DataFrame(rows, columns=["doc_id", "name", "kind", "category", "confidence", "start", "end", "sentence", "cues"])
