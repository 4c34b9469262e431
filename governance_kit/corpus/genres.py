"""Genre from the text: cues in ``data/genres.yaml`` scored per genre, the highest wins.

A cue is a regular expression searched in the text, the opening lines (``in: head``) or the title
(``in: title``); a ``genre_hint`` of a cleaning rule (``hint``); a metadata field the header states
(``field``: keywords, classification, meeting, adopted …); or a measure of the text's layout and voice
(``feature`` with ``min``, see :mod:`.features`). Each cue has a weight per match and a cap on the
matches counted. A genre may require a ``min_score`` to be chosen at all (``fiction`` needs evidence of
fiction). :func:`explain_genre` returns the genre with the cues that fired, in Chinese.

The file is re-read after an instructor edits it; a mistake in it (YAML syntax, an unknown genre,
a cue without weight, an invalid regex, an unknown feature) is a ``RuleFileError`` in Chinese naming
file and line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..clean import CleanReport
from ..datafiles import bundled, read_yaml, reloaded
from ..errors import RuleFileError, check_choice
from .features import FEATURES, measure

GENRES = ("case_report", "academic_article", "interview", "policy_document", "news", "fiction",
          "work_report", "plan", "law_regulation", "speech")
GENRES_FILE = "genres.yaml"
TEXT_SAMPLE = 8000  # characters of the text the cues search: a genre shows in its first pages
_PLACES = ("text", "head", "title")


@dataclass(frozen=True)
class Cue:
    pattern: re.Pattern[str] | None
    hint: str | None
    field: str | None
    feature: str | None
    minimum: float
    weight: float
    cap: int
    where: str  # text | head | title
    label: str


@dataclass(frozen=True)
class Evidence:
    """What a document offers the cues: its text, opening lines, title, header fields, cleaning hints."""

    text: str
    head: str = ""
    title: str = ""
    fields: frozenset[str] = frozenset()
    hints: tuple[str, ...] = ()


def _genres_path() -> Path:
    return bundled(GENRES_FILE)


@reloaded(lambda: _genres_path())  # looked up at each call (tests point it elsewhere)
def _genre_cues() -> tuple[str, dict, dict]:
    """``(default genre, {genre: [Cue, …]}, {genre: min_score})`` of the genres file."""
    path = _genres_path()
    label = f"governance_kit/data/{GENRES_FILE}" if path == bundled(GENRES_FILE) else str(path)
    data, text = read_yaml(path, label)
    return compile_cues(data, text, label)


def compile_cues(data, text: str, label: str) -> tuple[str, dict, dict]:
    """The cues of a parsed genres file (``text``: its source, for line numbers in errors)."""
    tree: list = []  # the composed YAML, built on first use (once per load)

    def where(*path) -> str:
        if not tree:
            import yaml

            tree.append(yaml.compose(text))
        line = _line_of(tree[0], path)
        return f"{label} 第 {line} 行" if line else label

    if not isinstance(data, dict) or not isinstance(data.get("genres"), dict):
        raise RuleFileError(f"{label}:缺少 genres(每种体裁一节,各有 cues 列表)")
    default = check_choice(f"{where('default')}:default", data.get("default", "news"), GENRES, error=RuleFileError)
    compiled, minimum = {}, {}
    for genre, spec in data["genres"].items():
        check_choice(f"{where('genres', genre)}:体裁", genre, GENRES, error=RuleFileError)
        entries = spec.get("cues") if isinstance(spec, dict) else None
        if not isinstance(entries, list):
            raise RuleFileError(f"{where('genres', genre)}:体裁 {genre} 缺少 cues 列表")
        try:
            minimum[genre] = float(spec.get("min_score", 0))
        except (TypeError, ValueError):
            raise RuleFileError(f"{where('genres', genre)}:min_score 应为数字,收到的是 {spec.get('min_score')!r}") from None
        compiled[genre] = [_cue(cue, where("genres", genre, "cues", i)) for i, cue in enumerate(entries)]
    return default, compiled, minimum


def _cue(cue, at: str) -> Cue:
    if not isinstance(cue, dict) or not any(k in cue for k in ("pattern", "hint", "field", "feature")):
        raise RuleFileError(f"{at}:每条线索要有 pattern(正则)、hint、field 或 feature 之一")
    try:
        weight, cap, minimum = float(cue["weight"]), int(cue.get("cap", 1)), float(cue.get("min", 0))
    except KeyError:
        raise RuleFileError(f"{at}:线索缺少 weight(每次命中的分值)") from None
    except (TypeError, ValueError):
        raise RuleFileError(f"{at}:weight 应为数字、cap 应为整数,收到的是 {cue.get('weight')!r}、{cue.get('cap')!r}") from None
    try:
        pattern = re.compile(cue["pattern"]) if "pattern" in cue else None
    except (re.error, TypeError) as exc:
        raise RuleFileError(f"{at}:正则表达式无效:{exc}") from None
    place = check_choice(f"{at}:in", cue.get("in", "text"), _PLACES, error=RuleFileError)
    feature = cue.get("feature")
    if feature is not None:
        check_choice(f"{at}:feature", feature, tuple(FEATURES), error=RuleFileError)
    label = str(cue.get("label") or _default_label(cue, place))
    return Cue(pattern, cue.get("hint"), cue.get("field"), feature, minimum, weight, cap, place, label)


def _default_label(cue: dict, place: str) -> str:
    if "pattern" in cue:
        where = {"text": "正文", "head": "开头几行", "title": "标题"}[place]
        return f"{where}中有 {cue['pattern']}"
    if "hint" in cue:
        return f"清洗规则标出的线索 {cue['hint']}"
    if "field" in cue:
        return f"开头注明了 {cue['field']}"
    return f"{cue['feature']} ≥ {cue.get('min', 0)}"


def _line_of(node, path: tuple) -> int | None:
    """The line (1-based) of the key or list item at ``path`` in a composed YAML node; None if not found."""
    import yaml

    line = None
    for step in path:
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if k.value == str(step)), None)
            if pair is None:
                return line
            line, node = pair[0].start_mark.line + 1, pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def _evidence(text: str, report: CleanReport | None, evidence: Evidence | None) -> Evidence:
    if evidence is not None:
        return evidence
    fields = report.fields() if report else {}
    return Evidence(text, fields=frozenset(k for k, v in fields.items() if v),
                    hints=tuple(report.genre_hints) if report else ())


def _score(cues: list[Cue], ev: Evidence, measures: dict) -> tuple[float, list[str]]:
    score, fired = 0.0, []
    for cue in cues:
        if cue.pattern is not None:
            where = {"text": ev.text[:TEXT_SAMPLE], "head": ev.head, "title": ev.title}[cue.where]
            count = sum(1 for _ in zip(range(cue.cap), cue.pattern.finditer(where))) if where else 0
        elif cue.hint is not None:
            count = min(cue.cap, ev.hints.count(cue.hint))
        elif cue.field is not None:
            count = 1 if cue.field in ev.fields else 0
        else:
            count = 1 if measures[cue.feature] >= cue.minimum and measures[cue.feature] > 0 else 0
        if count and cue.weight:
            score += cue.weight * count
            fired.append(f"{cue.label}(+{cue.weight * count:g})")
    return score, fired


def explain_genre(text: str, report: CleanReport | None = None, *,
                  evidence: Evidence | None = None) -> tuple[str, list[str], dict[str, float]]:
    """``(genre, evidence, scores)``: the winning genre, the cues that fired for it (in Chinese, with
    their points) and every genre's score. With nothing to go on the genre is the file's default."""
    default, cues, minimum = _genre_cues()
    ev = _evidence(text, report, evidence)
    names = {c.feature for entries in cues.values() for c in entries if c.feature}
    measures = measure(ev.text, names)
    results = {genre: _score(entries, ev, measures) for genre, entries in cues.items()}
    scores = {genre: score for genre, (score, _) in results.items()}
    ranked = sorted((g for g in scores if scores[g] > 0 and scores[g] >= minimum.get(g, 0)),
                    key=lambda g: -scores[g])
    if not ranked:
        return default, ["没有任何体裁线索,取默认体裁"], scores
    return ranked[0], results[ranked[0]][1], scores


def genre_scores(text: str, report: CleanReport | None = None, *, evidence: Evidence | None = None) -> dict[str, float]:
    """Score each genre by its cues (see ``data/genres.yaml``)."""
    return explain_genre(text, report, evidence=evidence)[2]


def guess_genre(text: str, report: CleanReport | None = None, *, evidence: Evidence | None = None) -> str:
    """The genre whose cues score highest (and reach its ``min_score``); the file's default when none does."""
    return explain_genre(text, report, evidence=evidence)[0]
