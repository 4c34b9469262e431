"""Person names in bylines: ``张三 李四``, ``张三、李四``, ``文/张三``, ``本报记者 张三 通讯员 李四``,
``朱 林 王 峥`` (names spaced out letter by letter) — split into names, never a date or a label.

The words around names (记者, 通讯员, 摄影 …) are in ``data/opening.yaml`` (:mod:`.vocabulary`).
"""
from __future__ import annotations

import re

from ..clean.boilerplate import surnames
from .vocabulary import current as vocabulary

__all__ = ["is_name", "looks_like_names", "names_only", "parse_byline", "split_glued", "split_names"]

_HAN_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,6}[·•][\u4e00-\u9fff·•]{1,12}")
_LONG_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")  # names whose surname the list lacks (才让卓玛, 巴特尔)
_SEPARATORS = re.compile(r"[、,，;；/／|｜]+|\s+")
_ROLE_SEPARATORS = " \t:：/／|｜"
NOT_NAMES = frozenset({"佚名", "未知", "不详", "本报", "本刊", "本台", "本网", "记者", "通讯员", "编辑", "作者", "管理员",
                       "网友", "匿名", "小编", "原创", "转载", "综合", "整理", "来源", "发布"})


def is_name(token: str, *, strict: bool = True) -> bool:
    """A plausible personal name: 2–4 Han characters (a surname first when ``strict``), or a name with ·."""
    if token in NOT_NAMES or not token or token in vocabulary().buttons:
        return False  # 全屏 and 分享 have a surname's first character, but are buttons
    if "·" in token or "•" in token:
        return bool(_HAN_NAME.fullmatch(token))
    if not strict:
        return bool(_LONG_NAME.fullmatch(token))
    if not _HAN_NAME.fullmatch(token):
        return False
    family = surnames()
    return token[:1] in family or token[:2] in family


def split_names(value: str, *, strict: bool = False) -> list[str]:
    """The names in a byline value, in order, each once; single characters spaced out are joined.

    >>> split_names("张三 李四"), split_names("张三、李四"), split_names("文/张三")
    (['张三', '李四'], ['张三', '李四'], ['张三'])
    >>> split_names("朱 林 王 峥 许俊仁"), split_names("秦 增 起"), split_names("2023-05-22")
    (['朱林', '王峥', '许俊仁'], ['秦增起'], [])
    """
    value = _strip_roles(str(value or "").strip())
    tokens = [t for t in _SEPARATORS.split(value) if t]
    if any(re.search(r"\d", t) for t in tokens):
        tokens = [t for t in tokens if not re.search(r"\d", t)]  # a date or a counter is never a name
    names: list[str] = []
    for token in _join_spaced(tokens):
        token = token.strip("()（）[]【】 ")
        if is_name(token, strict=strict) and token not in names:
            names.append(token)
    return names


def _join_spaced(tokens: list[str]) -> list[str]:
    """Runs of single characters joined into names: two or three make one name, longer runs pairs
    (``['朱', '林', '王', '峥', '许俊仁']`` → ``['朱林', '王峥', '许俊仁']``)."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and len(tokens[j]) == 1:
            j += 1
        if j == i:
            out.append(tokens[i])
            i += 1
            continue
        run = tokens[i:j]
        if len(run) <= 3:
            out.append("".join(run))
        else:
            cuts = list(range(0, len(run) - (3 if len(run) % 2 else 0), 2))
            out.extend("".join(run[c:c + 2]) for c in cuts)
            if len(run) % 2:
                out.append("".join(run[-3:]))
        i = j
    return out


def _strip_roles(value: str) -> str:
    """``文/张三`` → ``张三``; ``作者:张三`` → ``张三``; roles inside the value become separators."""
    roles = vocabulary().author_role_pattern
    return roles.sub(" ", value).strip(_ROLE_SEPARATORS)


def split_glued(value: str) -> list[str]:
    """Names written without a space (``段某某佟某某``): the one way to cut the run into names of two
    or three characters that each begin with a surname; [] when there is none or more than one.

    >>> split_glued("刘某某陈某")
    ['刘某某', '陈某']
    """
    value = value.strip()
    if not re.fullmatch(r"[\u4e00-\u9fff]{4,9}", value):
        return []
    family = surnames()
    cuts: list[list[str]] = []

    def walk(rest: str, done: list[str]) -> None:
        if len(cuts) > 1:
            return
        if not rest:
            cuts.append(done)
            return
        for size in (2, 3):
            piece = rest[:size]
            if len(piece) == size and piece[:1] in family and not (size == 2 and len(rest) == 3):
                walk(rest[size:], done + [piece])

    walk(value, [])
    return cuts[0] if len(cuts) == 1 and len(cuts[0]) > 1 else []


def names_only(value: str) -> list[str]:
    """The names of a value made only of names (surnames checked), else []."""
    value = _strip_roles(str(value or "").strip())
    names = split_names(value, strict=True) or split_glued(value)
    if looks_like_names(value):
        names = _join_spaced([t for t in _SEPARATORS.split(value) if t])
    if not names:
        return []
    written = len(re.sub(r"[\s、,，;；/／|｜]", "", value))
    return names if len("".join(names)) >= written else []


def looks_like_names(line: str) -> bool:
    """A line made only of personal names (surnames checked), e.g. ``王晓宇 顾欣欣 相生年``."""
    if len(line) > 40 or re.search(r"[\d:：。，,！？!?《》“”\"]", line):
        return False
    tokens = [t for t in _SEPARATORS.split(line.strip()) if t]
    if not tokens:
        return False
    joined = _join_spaced(tokens)
    if len(joined) >= 2 and all(re.fullmatch(r"[\u4e00-\u9fff]{2,3}", t) and t not in NOT_NAMES for t in joined):
        return 2 * sum(is_name(t) for t in joined) >= len(joined)  # a surname the list lacks (佟, 嘎 …)
    return all(is_name(t) for t in joined)


def parse_byline(line: str) -> tuple[list[str], list[str]] | None:
    """``(authors, credited)`` of a byline such as ``本报记者 张三 通讯员 李四 王五`` or
    ``文/张三 摄影/李四`` (credited: photographers, editors); None when the line is not a byline.

    A byline is made of role words (``data/opening.yaml``: author_roles, credit_roles), each followed by
    names; a unit may be glued before the first role (``某县融媒体中心记者 张三``).
    """
    vocab = vocabulary()
    marks = list(vocab.any_role_pattern.finditer(line))
    if not marks or len(line) > 60:
        return None
    lead = line[: marks[0].start()].strip(_ROLE_SEPARATORS)
    if lead and (len(lead) > 14 or re.search(r"[\d，,。:：]", lead) or " " in lead):
        return None
    authors: list[str] = []
    credited: list[str] = []
    for mark, nxt in zip(marks, marks[1:] + [None]):
        segment = line[mark.end(): nxt.start() if nxt else len(line)].strip(_ROLE_SEPARATORS)
        if not segment:
            continue
        names = split_names(segment)
        if not names or len("".join(names)) < len(re.sub(r"[\s、,，;；/／|｜]", "", segment)) - 1:
            return None  # words after a role that are not names: not a byline
        role = mark.group().strip(_ROLE_SEPARATORS)
        (credited if role in vocab.credit_roles else authors).extend(n for n in names if n not in authors)
    if not authors and not credited:
        return None
    return authors, credited
