"""The words of ``data/opening.yaml`` (buttons, chrome markers, labels, byline and speaker roles,
organisation endings), compiled once and re-read after an edit; a mistake is a ``RuleFileError``."""
from __future__ import annotations

import re
import time
from dataclasses import dataclass

from ..datafiles import bundled, read_yaml, reloaded
from ..errors import RuleFileError

OPENING_FILE = "opening.yaml"
# labels of a journal article's apparatus, also written without a colon (摘要 …, 关键词 …)
_APPARATUS = frozenset({"abstract", "keywords", "classification", "article_number", "funding", "author_note"})
_LISTS = ("buttons", "chrome_markers", "author_roles", "credit_roles", "speaker_roles", "organisations",
          "caption_endings", "note_markers")


@dataclass(frozen=True)
class Vocabulary:
    buttons: frozenset[str]
    chrome_markers: tuple[str, ...]
    labels: dict[str, str]  # label → field
    author_roles: tuple[str, ...]
    credit_roles: frozenset[str]
    speaker_roles: tuple[str, ...]
    organisations: tuple[str, ...]
    caption_endings: tuple[str, ...]
    note_markers: tuple[str, ...]
    label_pattern: re.Pattern[str]  # a known label followed by a colon, at the start of a line
    label_anywhere: re.Pattern[str]  # the same after a space (several fields on one line)
    author_role_pattern: re.Pattern[str]
    any_role_pattern: re.Pattern[str]
    speaker_pattern: re.Pattern[str]  # <unit><office title> <name>
    organisation_pattern: re.Pattern[str]


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _spaced(words) -> str:
    """Alternation that also matches the words spaced out (摘 要, 关 键 词)."""
    return "|".join(r"\s*".join(map(re.escape, w)) for w in sorted(set(words), key=len, reverse=True))


@reloaded(OPENING_FILE)
def vocabulary() -> Vocabulary:
    """The compiled vocabulary of ``data/opening.yaml``."""
    label = f"governance_kit/data/{OPENING_FILE}"
    data, _ = read_yaml(bundled(OPENING_FILE), label)
    if not isinstance(data, dict):
        raise RuleFileError(f"{label}:应为键值对(buttons、labels 等各节)")
    lists = {}
    for key in _LISTS:
        value = data.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise RuleFileError(f"{label}:{key} 应为非空字符串的列表,收到的是 {value!r}")
        lists[key] = tuple(value)
    labels = data.get("labels")
    if not isinstance(labels, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in labels.items()):
        raise RuleFileError(f"{label}:labels 应为“标签: 字段名”的映射")
    roles = lists["author_roles"] + lists["credit_roles"]
    return Vocabulary(
        buttons=frozenset(lists["buttons"]),
        chrome_markers=lists["chrome_markers"],
        labels=dict(labels),
        author_roles=lists["author_roles"],
        credit_roles=frozenset(lists["credit_roles"]),
        speaker_roles=lists["speaker_roles"],
        organisations=lists["organisations"],
        caption_endings=lists["caption_endings"],
        note_markers=lists["note_markers"],
        label_pattern=re.compile(
            rf"^[•·\s]*(?:[\[【〔]\s*(?P<boxed>{_spaced(labels)})\s*[\]】〕]\s*[:：]?|(?P<label>{_spaced(labels)})\s*[:：]"
            rf"|(?P<bare>{_spaced(k for k, v in labels.items() if v in _APPARATUS)})\s+(?=\S))\s*"),
        label_anywhere=re.compile(rf"(?:^|(?<=[\s|｜•〕\]】?]))[\[【〔]?(?P<label>{_spaced(labels)})(?:\s*[\]】〕]\s*[:：]?|\s*[:：])"),
        author_role_pattern=re.compile(rf"(?:{_alternation(lists['author_roles'])})\s*[:：/／]?"),
        # a role of two or more characters may be glued to a unit before it (某县融媒体中心记者 张三);
        # a one-character role (文, 图, 摄) only stands at the start or after a separator
        any_role_pattern=re.compile(
            rf"(?:{_alternation(r for r in roles if len(r) > 1)}|(?:^|(?<=[\s,，、;；|｜/／]))(?:{_alternation(r for r in roles if len(r) == 1)}))"
            rf"(?=[\s:：/／]|(?<=[\u4e00-\u9fff]{{2}})[\u4e00-\u9fff])"),
        speaker_pattern=re.compile(
            rf"^(?P<role>[\u4e00-\u9fff、]{{0,30}}?(?:{_alternation(lists['speaker_roles'])}))[\s:：]*"
            rf"(?P<name>[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff·]){{1,10}})$"),
        organisation_pattern=re.compile(rf"^(?:中共|中国共产党)?[\u4e00-\u9fff()（）·]{{1,30}}(?:{_alternation(lists['organisations'])})$"),
    )


_RECENT: list = [0.0, None]  # (when, vocabulary): every opening line asks; the file is checked once a second
FRESH_SECONDS = 1.0


def current() -> Vocabulary:
    """:func:`vocabulary`, looked up again at most once a second (an edit shows within a second)."""
    now = time.monotonic()
    if _RECENT[1] is None or now - _RECENT[0] > FRESH_SECONDS:
        _RECENT[:] = [now, vocabulary()]
    return _RECENT[1]
