"""Noise glued into running text that no line rule can remove without losing the sentence beside it.

* **Forum jammer strings.** Discuz! X forums (most Chinese local BBS, 信息港 portals) hide random characters
  in every post to spoil copying (``source/class/discuz/discuz_code.php`` and older ``function_discuzcode.php``, ``jammer()``): pairs of a character
  from U+0020–U+003B, a space and a character from U+003F–U+007E, five pairs or more, e.g.
  ``* w% x5 D" t0 V/ a7 ]``. Copied text keeps them as whole lines or glued to the start or end of a
  paragraph. The shape is specific enough to find them by it alone.
* **Link spam.** Search-engine spam inserts an anchor text and its address before or after a paragraph
  (``某某知名专家 https://…``). A URL is spam here only when it stands between the edge of the line and
  running text, with a bare anchor and no label that would introduce it (网址、链接、详见 …).

:func:`find_spans` returns the spans; the cleaner removes them and lists each in the CleanReport.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .boilerplate import is_body_line

_JAMMER = re.compile(r"(?<![\x21-\x7e])(?:[\x20-\x3b] [\x3f-\x7e]){5,}(?![\x21-\x7e])")
_MIN_JAMMER_MARKS = 3  # pairs whose first character is not a space
_URL = r"https?://[\x21-\x7e]+"
_ANCHOR = r"[\u4e00-\u9fffA-Za-z0-9]{2,24}"
_LEAD_SPAM = re.compile(rf"^(?P<anchor>{_ANCHOR})[ \t]+{_URL}[ \t]+")
_TAIL_SPAM = re.compile(rf"(?<=[。！？!?])[ \t]*(?P<anchor>{_ANCHOR})[ \t]+{_URL}[ \t]*$")
# an anchor ending in one of these introduces its address: the URL belongs to the sentence
_LABELS = ("网址", "网站", "链接", "地址", "官网", "详见", "访问", "登录", "关注", "下载", "来源", "出处", "原文", "见")

JAMMER_RULE, JAMMER_LABEL = "forum_jammer", "论坛防复制干扰码(随机字符)"
LINK_SPAM_RULE, LINK_SPAM_LABEL = "link_spam", "插在正文前后的广告链接"


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    rule: str
    label: str


def find_spans(text: str) -> list[Span]:
    """Jammer strings and link spam in ``text``, in order; spans never overlap."""
    spans: list[Span] = []
    if " " in text:
        spans += [Span(*m.span(), JAMMER_RULE, JAMMER_LABEL) for m in _JAMMER.finditer(text) if _is_jammer(m.group())]
    if "://" in text:
        spans += _link_spam(text)
    spans.sort(key=lambda s: s.start)
    out: list[Span] = []
    for span in spans:
        if not out or span.start >= out[-1].end:
            out.append(span)
    return out


def _is_jammer(run: str) -> bool:
    marks = sum(1 for i in range(0, len(run), 3) if run[i] != " ")
    return marks >= _MIN_JAMMER_MARKS


def _link_spam(text: str) -> list[Span]:
    spans, pos = [], 0
    for line in text.split("\n"):
        for pattern, rest in ((_LEAD_SPAM, lambda m: line[m.end():]), (_TAIL_SPAM, lambda m: line[: m.start()])):
            m = pattern.search(line)
            if m and not m.group("anchor").endswith(_LABELS) and is_body_line(rest(m).strip()):
                spans.append(Span(pos + m.start(), pos + m.end(), LINK_SPAM_RULE, LINK_SPAM_LABEL))
        pos += len(line) + 1
    return spans
