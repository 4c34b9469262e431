"""Page chrome by its own look (buttons, toolbars, breadcrumbs, navigation bars, notices, links): the
default ``is_chrome(line)`` of :mod:`.opening`. Its words are in ``data/opening.yaml``. A line-level
model of page chrome can replace it (``read_opening(text, is_chrome=...)``)."""
from __future__ import annotations

import re

from .names import looks_like_names, parse_byline
from .vocabulary import current as vocabulary

__all__ = ["is_chrome_line"]


def _tokens(line: str) -> list[str]:
    return [t for t in re.split(r"[\s|｜>»›＞/／•·]+", line.strip("【】[] ")) if t]


def is_chrome_line(line: str) -> bool:
    """Page chrome by its own look: buttons and toolbars, breadcrumbs, navigation bars, notices, links.

    >>> [is_chrome_line(s) for s in ("当前所在:首页 > 资讯动态 > 正文", "立即注册", "• 字体: [ ] [ ] [ ]", "张三 李四")]
    [True, True, True, False]
    """
    vocab = vocabulary()
    s = line.strip()
    if not s:
        return False
    if s.startswith("<!--") or "![" in s or re.search(r"https?://|www\.|\.(?:com|cn|net)\b", s):
        return True
    if any(marker in s for marker in vocab.chrome_markers) or re.search(r"[\[【]\s*[\]】]", s):
        return True
    if re.search(r"[【\[][^】\]]*(?:侵权|删除|转载|声明|免责)[^】\]]*[】\]]", s):
        return True
    tokens = [t.strip("【】[]:：") for t in _tokens(s)]
    tokens = [t for t in tokens if t]
    if tokens and all(t in vocab.buttons or re.fullmatch(r"[\W\d_]+", t) for t in tokens):
        return True
    if re.search(r"[>›»＞]", s) and len(tokens) >= 2 and all(len(t) <= 8 for t in tokens):
        return True  # breadcrumb
    if len(tokens) >= 2 and tokens[0] == "首页":
        return True
    if (len(tokens) >= 4 and all(len(t) <= 6 for t in tokens) and not re.search(r"[。，,！？!?]", s)
            and not looks_like_names(s) and parse_byline(s) is None):
        return True  # navigation bar
    return False
