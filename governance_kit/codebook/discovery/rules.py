"""The rules of discovery: cue words, stop lists and score weights of ``data/discovery.yaml``.

:class:`DiscoveryRules` validates the file (every error names the file, the line and the key, in
Chinese) and compiles the regular expressions the candidate finders use
(:mod:`governance_kit.codebook.discovery.scanner`). :func:`default_discovery_rules` is the bundled
file, read once and again after an instructor edits it.

>>> rules = default_discovery_rules()
>>> 0 < rules.min_confidence < 1, rules.cue_categories["调解"]
(True, ['dispute_resolution'])
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ...datafiles import bundled, read_yaml, reloaded
from ...errors import RuleFileError, check_choice

RULES_FILE = "discovery.yaml"
CATEGORIES = ("party_leadership", "grid_management", "self_governance", "rule_of_law", "rule_of_virtue",
              "smart_governance", "deliberation", "transparency_supervision", "dispute_resolution",
              "social_organizations", "volunteering", "collective_economy", "burden_reduction", "services")

# character classes the rules and the finders share
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
NAME_CHARS = HAN + "A-Za-z□"          # characters of a name (□ marks a character lost in cleaning)
CLAUSE_END = ",，。:：;；!?！？\n"

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
# optional sections (a rule file written before they existed still loads; the feature is then off)
_OPTIONAL = {
    "institution": {"heads": list, "max_modifier": int, "ordinary_frequency": int, "verbs": list},
    "reject": {"chrome_words": list, "bad_starts": list, "ordinary_heads": list, "layout_chars": str,
               "sector_endings": list, "governed_heads": list, "governance_words": list},
}
_TYPE_NAMES = {int: "整数", str: "字符串", list: "字符串列表", dict: "键值对"}


def _alt(words: Iterable[str]) -> str:
    """An alternation of literal words, longest first (so 调解委员会 wins over 委员会)."""
    words = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in words) or r"(?!)"


class DiscoveryRules:
    """Cue words, stop lists and weights of ``data/discovery.yaml``, validated and compiled once.

    ``data`` is the parsed file; ``label`` names it in errors and ``lines`` maps dotted keys
    (``quoted.max_len``) to their lines (see :func:`load_discovery_rules`).
    """

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
        self.optional = {name: self._section(data, name, spec) for name, spec in _OPTIONAL.items() if name in data}
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
        for key in cats:
            check_choice(f"{self._where(f'categories.{key}')}:类别", key, CATEGORIES, error=RuleFileError)
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
            rf"(?:[ \t]*(?:[、,，]|与|和|及|或)?{hb})*(?:等)?{hb}?(?:的)?[{NAME_CHARS}]{{0,6}}?"
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
        x = rf"(?:(?![{re.escape(num2)}百千万亿])[{HAN}])"
        heads = [word for word, _, _ in self._suffix_entries()]  # 两代表一委员|工作室
        end = rf"(?=$|[^{HAN}]|{_alt(n['end_words'] + heads)})"
        n1 = f"[{re.escape(num)}]"
        # 一委三会, 四公开四统一, 一提二议三公示, 一带五, 百师结千户 (hundreds and thousands only here)
        h1, h2 = f"[{re.escape(num)}百千]", f"[{re.escape(num2)}百千]"
        two_part = rf"{h1}{{1,2}}个?{x}{{1,3}}?(?:{h2}{{1,2}}个?(?:{x}{{1,3}}?)?){{1,2}}"
        with_tail = rf"(?:{n1}{{1,2}}|多)个?{x}{{1,2}}?(?:{_alt(n['tails'])})"  # 三治融合, 四位一体, 多网合一
        campaign = rf"{n1}{{1,2}}(?:个{n1}|{x}{{1,3}}?)(?:{_alt(n['cue_tails'])})"  # 五个一工程, 五步工作法
        self.numeric_re = re.compile(rf"(?:{campaign})|(?:{two_part}{end})|(?:{with_tail})")  # 五个一工程 before 五个一
        # inside quotes a short form is enough: “两委”, “六提升”, “四个公开”, “五个一”
        short = rf"{n1}{{1,2}}{x}{{1,2}}|{n1}个{x}[{HAN}]{{1,2}}|{n1}个{n1}"
        self.numeric_full = re.compile(rf"(?:{two_part})|(?:{with_tail})|(?:{short})")
        self.not_after = re.compile(_alt(n["not_after_numeral"]))
        self.allowed_after = tuple(n["allowed_after_numeral"])
        self.not_before = frozenset("".join(n["not_before"]))
        self.numeric_stop = frozenset(n["stop_words"])
        self.numeral_run = re.compile(rf"[{re.escape(num2)}百千万]+")

        term = rf"[{NAME_CHARS}]{{1,{p['max_term']}}}"
        self.plus_left = re.compile(rf"{term}\Z")  # \Z: $ would match before a line break
        self.plus_right = re.compile(rf"(?:[+＋]{term})+(?:[+＋](?![{NAME_CHARS}\d]))?(?![+＋])|[+＋](?![{NAME_CHARS}\d+＋])")
        self.plus_end = re.compile(_alt(p["end_words"]))
        inst = self.optional.get("institution")
        self.institution_re = re.compile(rf"[{HAN}]{{2,{inst['max_modifier']}}}(?:{_alt(inst['heads'])})") if inst else None
        self.institution_verbs = re.compile(_alt(inst["verbs"])) if inst else None
        rej = self.optional.get("reject", {})
        self.chrome_words = tuple(rej.get("chrome_words", ()))
        self.reject_starts = tuple(rej.get("bad_starts", ()))
        self.ordinary_heads = tuple(sorted(rej.get("ordinary_heads", ()), key=len, reverse=True))
        self.layout_chars = frozenset(rej.get("layout_chars", ""))
        self.sector_endings = tuple(rej.get("sector_endings", ()))
        self.governed_heads = tuple(rej.get("governed_heads", ()))
        self.governance_words = tuple(rej.get("governance_words", ()))
        self.plus_full = re.compile(rf"{term}(?:[+＋]{term})*(?:[+＋])?")
        # a code of digits and letters (6+X, 1+N, 1+3+N): a name only when quoted or before a mechanism word
        self.plus_code = re.compile(r"(?<![A-Za-z\d+＋.])(?:\d{1,2}|[A-Za-z])(?:[+＋](?:\d{1,2}|[A-Za-z]))+(?![A-Za-z\d+＋=<>＜＞.%])")

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
        self.enum_term = re.compile(rf"[{CLAUSE_END}?]")
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
