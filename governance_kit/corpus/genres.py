"""Genre from the text: cues in ``data/genres.yaml`` scored per genre, the highest wins.

The file is re-read after an instructor edits it; a mistake in it (YAML syntax, an unknown genre,
a cue without weight, an invalid regex) is a ``RuleFileError`` in Chinese naming file and line.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..clean import CleanReport
from ..datafiles import bundled, read_yaml, reloaded
from ..errors import RuleFileError, check_choice

GENRES = ("case_report", "academic_article", "interview", "policy_document", "news", "fiction")
GENRES_FILE = "genres.yaml"


def _genres_path() -> Path:
    return bundled(GENRES_FILE)


@reloaded(lambda: _genres_path())  # looked up at each call (tests point it elsewhere)
def _genre_cues() -> tuple[str, dict]:
    """``(default genre, {genre: [(pattern, hint, field, weight, cap), …]})`` of the genres file."""
    path = _genres_path()
    label = f"governance_kit/data/{GENRES_FILE}" if path == bundled(GENRES_FILE) else str(path)
    data, text = read_yaml(path, label)
    return compile_cues(data, text, label)


def compile_cues(data, text: str, label: str) -> tuple[str, dict]:
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
    compiled = {}
    for genre, spec in data["genres"].items():
        check_choice(f"{where('genres', genre)}:体裁", genre, GENRES, error=RuleFileError)
        entries = spec.get("cues") if isinstance(spec, dict) else None
        if not isinstance(entries, list):
            raise RuleFileError(f"{where('genres', genre)}:体裁 {genre} 缺少 cues 列表")
        cues = []
        for i, cue in enumerate(entries):
            at = where("genres", genre, "cues", i)
            if not isinstance(cue, dict) or not any(k in cue for k in ("pattern", "hint", "field")):
                raise RuleFileError(f"{at}:每条线索要有 pattern(正则)、hint 或 field 之一")
            try:
                weight, cap = float(cue["weight"]), int(cue.get("cap", 1))
            except KeyError:
                raise RuleFileError(f"{at}:线索缺少 weight(每次命中的分值)") from None
            except (TypeError, ValueError):
                raise RuleFileError(f"{at}:weight 应为数字、cap 应为整数,收到的是 {cue.get('weight')!r}、{cue.get('cap')!r}") from None
            try:
                pattern = re.compile(cue["pattern"]) if "pattern" in cue else None
            except (re.error, TypeError) as exc:
                raise RuleFileError(f"{at}:正则表达式无效:{exc}") from None
            cues.append((pattern, cue.get("hint"), cue.get("field"), weight, cap))
        compiled[genre] = cues
    return default, compiled


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


def genre_scores(text: str, report: CleanReport | None = None) -> dict[str, float]:
    """Score each genre by its cues (see ``data/genres.yaml``)."""
    _, cues = _genre_cues()
    fields = report.fields() if report else {}
    hints = report.genre_hints if report else []
    scores = {}
    for genre, entries in cues.items():
        score = 0.0
        for pattern, hint, field, weight, cap in entries:
            if pattern is not None:
                count = sum(1 for _ in zip(range(cap), pattern.finditer(text)))
            elif hint is not None:
                count = min(cap, hints.count(hint))
            else:
                count = min(cap, len(fields.get(field, [])))
            score += weight * count
        scores[genre] = score
    return scores


def guess_genre(text: str, report: CleanReport | None = None) -> str:
    """The genre whose cues score highest; the file's default genre when nothing matches."""
    default, _ = _genre_cues()
    scores = genre_scores(text, report)
    best = max(scores, key=scores.get)
    return best if scores[best] > 0 else default
