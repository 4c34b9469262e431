"""Line rules that remove page furniture, adverts and spam (rules live in data/boilerplate.yaml)."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path

from ..datafiles import bundled, read_yaml, reloaded
from ..errors import RuleFileError, check_choice
from . import chrome, furniture as furniture_mod

RULES_FILE = "boilerplate.yaml"
SURNAMES_FILE = "surnames.txt"
_ZONES = ("head", "tail", "any")
_KINDS = ("line", "block", "keywords", "fields")
_MATCHES = ("line", "contains")
_DATE_VALUE = re.compile(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(\s+\d{1,2}:\d{2}(:\d{2})?)?")
_SEPARATORS = " \t|｜·•/"
_BODY_PUNCT = re.compile(r"[。！？；!?;]")
_MIN_WIDE_SHARE = 0.3  # share of non-ASCII characters (Han, full-width punctuation) in running text


@dataclass(frozen=True)
class Rule:
    id: str
    label: str
    pattern: re.Pattern[str]
    zone: str = "any"
    kind: str = "line"
    max_len: int = 200
    followed_by: re.Pattern[str] | None = None
    requires_surname: bool = False
    terms: tuple[str, ...] = ()
    min_hits: int = 1
    genre_hint: str | None = None
    contains: bool = False  # match: contains -> the pattern is searched in the line instead of matching all of it
    labels: tuple[tuple[str, str], ...] = ()  # kind fields: (label, field) pairs, e.g. ("发布时间", "date")


@dataclass
class LineHit:
    """A removed line: its span in the text the rules ran on, the rule and captured fields."""

    start: int
    end: int
    text: str
    rule: Rule
    fields: dict[str, str] = field(default_factory=dict)
    score: float | None = None  # the chrome model's probability, when it ran


def load_rules(path: str | Path | None = None) -> tuple[Rule, ...]:
    """Load and validate cleaning rules; errors name the file, the line, the rule and the field (in Chinese).

    Combine with the bundled rules: ``gk.clean_text(text, rules=gk.default_rules() + gk.load_rules("my.yaml"))``.
    """
    import yaml

    source = Path(path) if path else bundled(RULES_FILE)
    label = str(path) if path else f"governance_kit/data/{RULES_FILE}"
    doc, text = read_yaml(source, label)
    if not isinstance(doc, dict) or not isinstance(doc.get("rules"), list):
        raise RuleFileError(f"{label}:缺少 rules 列表")
    rules_node = next(v for k, v in yaml.compose(text).value if k.value == "rules")
    lines = [item.start_mark.line + 1 for item in rules_node.value]
    rules, seen = [], set()
    for n, entry in enumerate(doc["rules"], start=1):
        where = f"{label} 第 {lines[n - 1]} 行(第 {n} 条规则)"
        if not isinstance(entry, dict):
            raise RuleFileError(f"{where}:应为键值对,实际为 {entry!r}")
        required = ("id", "label") if entry.get("kind") in ("keywords", "fields") else ("id", "label", "pattern")
        for key in required:
            if not entry.get(key):
                raise RuleFileError(f"{where}:缺少字段 {key}")
        rid = entry["id"]
        if rid in seen:
            raise RuleFileError(f"{where}:id {rid!r} 重复")
        seen.add(rid)
        zone, kind = entry.get("zone", "any"), entry.get("kind", "line")
        check_choice(f"{where}({rid}):match", entry.get("match", "line"), _MATCHES, error=RuleFileError)
        check_choice(f"{where}({rid}):zone", zone, _ZONES, error=RuleFileError)
        check_choice(f"{where}({rid}):kind", kind, _KINDS, error=RuleFileError)
        labels = tuple((str(k), str(v)) for k, v in (entry.get("labels") or {}).items())
        if kind == "fields":
            if not labels:
                raise RuleFileError(f"{where}({rid}):fields 规则需要 labels(标签: 字段名)")
            # one literal-led branch per label keeps the line scan fast (see _union)
            entry = {**entry, "pattern": "|".join(rf"{re.escape(k)}\s*[:：]" for k, _ in sorted(labels, key=lambda kv: -len(kv[0])))}
        try:
            pattern = re.compile(entry.get("pattern") or ".*")
            followed = re.compile(entry["followed_by"]) if entry.get("followed_by") else None
        except re.error as exc:
            raise RuleFileError(f"{where}({rid}):正则表达式无效:{exc}") from exc
        terms = tuple(entry.get("terms") or ())
        if kind == "keywords" and not terms:
            raise RuleFileError(f"{where}({rid}):keywords 规则需要 terms 列表")
        rules.append(
            Rule(
                id=rid,
                label=entry["label"],
                pattern=pattern,
                zone=zone,
                kind=kind,
                max_len=int(entry.get("max_len", 200)),
                followed_by=followed,
                requires_surname=bool(entry.get("requires_surname", False)),
                terms=terms,
                min_hits=int(entry.get("min_hits", 1)),
                genre_hint=entry.get("genre_hint"),
                contains=entry.get("match", "line") == "contains" or kind == "fields",
                labels=labels,
            )
        )
    return tuple(rules)


@reloaded(RULES_FILE)
def default_rules() -> tuple[Rule, ...]:
    """The bundled rules; re-read automatically after ``data/boilerplate.yaml`` is edited."""
    return load_rules()


class _Prefilter:
    """Cheap rejection of lines no rule can remove: per line length, one expression over the rules
    allowed at that length (full-line patterns matched whole, ``contains`` patterns searched)."""

    def __init__(self, rules: tuple[Rule, ...]):
        self.limits = sorted({r.max_len for r in rules})
        self.filters = []
        for limit in self.limits:
            allowed = [r for r in rules if r.max_len >= limit]
            full = [_ungroup(r.pattern.pattern) for r in allowed if r.kind != "keywords" and not r.contains]
            part = [_ungroup(r.pattern.pattern) for r in allowed if r.kind != "keywords" and r.contains]
            terms = [re.escape(t) for r in allowed if r.kind == "keywords" for t in r.terms]
            self.filters.append((_union(full), _union(part + terms)))

    def may_match(self, line: str) -> bool:
        i = bisect_left(self.limits, len(line))
        if i == len(self.limits):
            return False
        full, part = self.filters[i]
        return bool(full.fullmatch(line) or part.search(line))


def _ungroup(pattern: str) -> str:
    """Named and numbered groups to non-capturing ones (the union must not repeat group names)."""
    return re.sub(r"(?<!\\)\((?:\?P<\w+>|(?!\?))", "(?:", pattern)


def _union(patterns: list[str]) -> re.Pattern[str]:
    """Join alternatives without wrapping them in groups: alternation is associative, and a flat
    alternation whose branches start with literal text lets the regex engine skip ahead quickly."""
    return re.compile("|".join(patterns) or r"(?!)")


_PREFILTERS: dict[int, tuple[tuple[Rule, ...], _Prefilter]] = {}


def _prefilter(rules: tuple[Rule, ...]) -> _Prefilter:
    """One prefilter per rules tuple (looked up by identity: hashing 30 rules per text is slow)."""
    entry = _PREFILTERS.get(id(rules))
    if entry is None or entry[0] is not rules:
        if len(_PREFILTERS) > 16:
            _PREFILTERS.clear()
        entry = _PREFILTERS[id(rules)] = (rules, _Prefilter(rules))
    return entry[1]


@reloaded(SURNAMES_FILE)
def surnames() -> frozenset[str]:
    """``data/surnames.txt``, in Simplified and Traditional forms."""
    from .convert import to_traditional

    text = bundled(SURNAMES_FILE).read_text(encoding="utf-8")
    names = {w for line in text.splitlines() if not line.startswith("#") for w in line.split()}
    return frozenset(names | {to_traditional(n) for n in names})


_PLACE_END = re.compile(r"(?:[省市县区镇乡村州旗盟]|街道|社区)$")


def is_person_names(value: str) -> bool:
    """Every piece starts with a surname and none is a button or menu word (全屏 and 分享 start with
    surnames too) or a place (张家界市, 王家村: three characters or more ending in 市, 县, 村 …)."""
    names = [n for n in re.split(r"[ 、,，]+", value) if n]
    family, buttons = surnames(), chrome.chrome_words()
    return bool(names) and all((n[:1] in family or n[:2] in family) and not buttons.fullmatch(n)
                               and not (len(n) >= 3 and _PLACE_END.search(n)) for n in names)


def is_body_line(line: str) -> bool:
    """A paragraph of running text: long enough, with sentence punctuation, and not mostly ASCII (a URL
    or a run of ASCII noise is not running text, whatever its punctuation)."""
    n = len(line)
    if n < 12 or not ((n >= 30 and _BODY_PUNCT.search(line)) or line[-1] in "。！？!?"):
        return False
    return n - len(line.encode("ascii", "ignore")) >= _MIN_WIDE_SHARE * n


def _matches(rule: Rule, line: str, next_line: str | None) -> re.Match[str] | None:
    if len(line) > rule.max_len:
        return None
    if rule.kind == "keywords":
        hits = sum(1 for term in rule.terms if term in line)
        return re.match(r".*", line) if hits >= rule.min_hits else None
    if rule.kind == "fields":
        return _FieldsMatch.parse(rule, line)
    m = rule.pattern.search(line) if rule.contains else rule.pattern.fullmatch(line)
    if m is None:
        return None
    if rule.followed_by is not None and (next_line is None or not rule.followed_by.fullmatch(next_line)):
        return None
    if rule.requires_surname and not is_person_names(m.groupdict().get("author") or line):
        return None
    return m


def _segments(line: str, marks: list[re.Match[str]]):
    """``(label mark, value)`` for each label of a line: the value runs to the next label."""
    for mark, nxt in zip(marks, marks[1:] + [None]):
        yield mark, line[mark.end() : nxt.start() if nxt else len(line)].strip(_SEPARATORS)


class _FieldsMatch:
    """A line made only of ``label:value`` segments (and dates), e.g. 发布时间:2024-03-15 来源:县委政法委."""

    def __init__(self, fields: dict[str, str]):
        self._fields = fields

    def groupdict(self) -> dict[str, str]:
        return self._fields

    @classmethod
    def parse(cls, rule: Rule, line: str) -> "_FieldsMatch | None":
        names = dict(rule.labels)
        marks = list(rule.pattern.finditer(line))
        if not marks:
            return None
        fields: dict[str, str] = {}
        lead = line[: marks[0].start()].strip(_SEPARATORS)
        if lead:
            if not _DATE_VALUE.fullmatch(lead):
                return None
            fields["date"] = lead
        for mark, value in _segments(line, marks):
            if not value:
                return None
            label = re.sub(r"\s*[:：]$", "", mark.group())
            field = names.get(label)
            if field and field not in fields:
                fields[field] = value
        return cls(fields)


def _split_lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end incl. newline, stripped text) for each line of ``text``."""
    lines, pos = [], 0
    for raw in text.splitlines(keepends=True):
        lines.append((pos, pos + len(raw), raw.strip()))
        pos += len(raw)
    return lines


def find_boilerplate(text: str, rules: tuple[Rule, ...] | None = None) -> list[LineHit]:
    """Return the lines of ``text`` that the rules remove, in order (spans include the newline)."""
    return _rule_hits(_split_lines(text), default_rules() if rules is None else rules)


def _rule_hits(lines: list[tuple[int, int, str]], rules: tuple[Rule, ...], body_flags: list[bool] | None = None) -> list[LineHit]:
    if body_flags is None:
        body_flags = [bool(s) and is_body_line(s) for _, _, s in lines]
    body = [i for i, flag in enumerate(body_flags) if flag]
    first_body = body[0] if body else len(lines)
    last_body = body[-1] if body else -1
    nonempty = [i for i, (_, _, s) in enumerate(lines) if s]
    next_of = {a: b for a, b in zip(nonempty, nonempty[1:])}

    hits: list[LineHit] = []
    prefilter = _prefilter(rules)
    block_until, block_rule = -1, None
    for i, (start, end, line) in enumerate(lines):
        if not line:
            continue
        if i <= block_until:
            if body_flags[i] or len(line) > 60:
                block_until = -1
            else:
                hits.append(LineHit(start, end, line, block_rule))
                continue
        if not prefilter.may_match(line):
            continue
        nxt = next_of.get(i)
        next_line = lines[nxt][2] if nxt is not None else None
        for rule in rules:
            if rule.zone == "head" and i >= first_body or rule.zone == "tail" and i <= last_body:
                continue
            m = _matches(rule, line, next_line)
            if m is None:
                continue
            fields = {k: v for k, v in m.groupdict().items() if v} if rule.kind != "keywords" else {}
            hits.append(LineHit(start, end, line, rule, fields))
            if rule.kind == "block":
                block_rule, block_until = rule, len(lines)
            break
    return hits


_LABEL_MARK = re.compile(r"(?:^|(?<=\s))([\u4e00-\u9fffA-Za-z]{1,8})\s*[:：]")


def label_fields(line: str, names: dict[str, str]) -> dict[str, str]:
    """``label:value`` segments of a line as fields (索引号, 发文字号, 成文日期 …): a label the rules know
    (发布时间 → date) under the rules' field name, any other under its own; empty values skipped."""
    fields: dict[str, str] = {}
    for mark, value in _segments(line, list(_LABEL_MARK.finditer(line))):
        key = names.get(mark.group(1), mark.group(1))
        if value and key not in fields:
            fields[key] = value
    return fields


CHROME_RULE = Rule("chrome_model", "按行特征判断为版面杂项(导航、按钮、计数、署名或声明)", re.compile(".*"))
SUSPECT_RULE = Rule("chrome_suspect", "疑似版面杂项,但像正文,已保留并标记", re.compile(".*"))
FURNITURE_RULE = Rule("corpus_repeat", "疑似版面杂项,且在同一文件夹的多个文件中重复出现", re.compile(".*"))


@dataclass
class PageScan:
    """Lines to remove (rules and the chrome model, in order) and lines kept but flagged."""

    removed: list[LineHit]
    suspects: list[LineHit]
    line_keys: frozenset[int] | None = None  # keys of the page's candidate furniture lines, when asked for


def scan_page(text: str, rules: tuple[Rule, ...] | None = None, *, model: bool = True,
              furniture: dict[int, int] | None = None, keys: bool = False) -> PageScan:
    """The rules, then the chrome model (:mod:`.chrome`) on the short lines they leave.

    Every line is given the model's probability in ``fields['score']`` of its hit (rule hits too,
    when the model ran); ``model=False`` runs the rules alone. ``furniture`` (line key → files of the
    folder holding the line, see :mod:`.furniture`) turns doubted lines that recur into removals;
    ``keys`` also returns the keys of the page's candidate lines for such a survey.
    """
    rules = default_rules() if rules is None else rules
    lines = _split_lines(text)
    line_keys = furniture_mod.page_keys(s for _, _, s in lines) if keys else None
    running = [bool(s) and is_body_line(s) for _, _, s in lines]
    hits = _rule_hits(lines, rules, running)
    if not model:
        return PageScan(hits, [], line_keys)
    stripped = [s for _, _, s in lines]
    index = {start: i for i, (start, _, _) in enumerate(lines)}
    ruled = {index[h.start] for h in hits}
    body = [flag and i not in ruled for i, flag in enumerate(running)]
    params = chrome.chrome_model()
    scores = chrome.score_page(stripped, body, model=params)
    names = {label: name for rule in rules for label, name in rule.labels}
    suspects = []
    for h in hits:
        if index[h.start] in scores:
            h.score = scores[index[h.start]]
    body_at = [i for i, flag in enumerate(body) if flag]
    inside = range(body_at[0], body_at[-1]) if body_at else range(0)
    for i, p in scores.items():
        if i in ruled or p < params.repeat and p < params.flag:
            continue
        start, end, line = lines[i]
        final = chrome.ends_sentence(line)  # never removed by the model, only flagged
        # between paragraphs a recurring line may be a section heading (典型意义): it needs the flag score
        repeat = params.flag if i in inside else params.repeat
        if p >= params.remove and not final:
            hits.append(LineHit(start, end, line, CHROME_RULE, label_fields(line, names), score=p))
        elif p >= repeat and not final and furniture_mod.recurring(furniture, line):
            hits.append(LineHit(start, end, line, FURNITURE_RULE, label_fields(line, names), score=p))
        elif p >= params.flag:
            suspects.append(LineHit(start, end, line, SUSPECT_RULE, score=p))
    hits.sort(key=lambda h: h.start)
    return PageScan(hits, suspects, line_keys)
