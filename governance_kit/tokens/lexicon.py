"""The tokenizer's word lists: the governance lexicon (``data/lexicon.txt``, jieba's user-dictionary
format) and the stopwords (``data/stopwords.txt``), from the bundled files or a user's own, plus
terms given in code. The bundled files are re-read after an instructor edits them."""
from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from ..datafiles import bundled, reloaded
from ..errors import RuleFileError

LEXICON_FILE = "lexicon.txt"
STOPWORDS_FILE = "stopwords.txt"

_ENTRY = re.compile(r"^(?P<word>.+?)(?: (?P<freq>[0-9]+))?(?: (?P<tag>[a-z]+))?$")

Entry = tuple  # (word: str, freq: int | None, tag: str | None)


def _read_lines(path, label: str) -> list[str]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FileNotFoundError(f"找不到文件 {label}") from None
    except UnicodeDecodeError:
        raise RuleFileError(f"{label} 不是 UTF-8 编码;请用记事本或 WPS 另存为 UTF-8 后再试") from None
    return text.lstrip("\ufeff").splitlines()


def parse_lexicon(lines: Iterable[str], label: str) -> list[Entry]:
    """Entries ``(word, freq, tag)`` of lexicon lines; a malformed line raises ``RuleFileError`` naming
    ``label``, the line number and the line.

    >>> parse_lexicon(["# 注释", "网格员 3000 n", "红色代办 nz", "鹤乡网格e事"], "我的词典.txt")
    [('网格员', 3000, 'n'), ('红色代办', None, 'nz'), ('鹤乡网格e事', None, None)]
    """
    entries = []
    for lineno, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = _ENTRY.match(line)
        freq = int(m["freq"]) if m and m["freq"] else None
        if m is None or "\t" in line or freq == 0:
            raise RuleFileError(
                f"{label} 第 {lineno} 行格式不对:{line!r};每行应为「词语 词频 词性」,用一个空格分隔,"
                f"如「网格员 3000 n」;词频(正整数)和词性(小写字母)可以省略")
        entries.append((m["word"], freq, m["tag"]))
    return entries


def parse_stopwords(lines: Iterable[str]) -> frozenset[str]:
    """One stopword per line; blank lines and ``#`` comments skipped.

    >>> sorted(parse_stopwords(["# 虚词", "的", " 了 ", ""]))
    ['了', '的']
    """
    return frozenset(w for w in (line.strip() for line in lines) if w and not w.startswith("#"))


@reloaded(LEXICON_FILE)
def bundled_lexicon() -> tuple[Entry, ...]:
    """The entries of ``data/lexicon.txt`` (one tuple while the file is unchanged)."""
    return tuple(parse_lexicon(_read_lines(bundled(LEXICON_FILE), LEXICON_FILE), LEXICON_FILE))


@reloaded(STOPWORDS_FILE)
def bundled_stopwords() -> frozenset[str]:
    """The words of ``data/stopwords.txt`` (one frozenset while the file is unchanged)."""
    return parse_stopwords(_read_lines(bundled(STOPWORDS_FILE), STOPWORDS_FILE))


def load_lexicon(path: str | os.PathLike | None = None) -> list[tuple[str, int | None, str | None]]:
    """The entries ``(word, freq, tag)`` of a lexicon file (``None``: the bundled ``data/lexicon.txt``).

    The format is jieba's user dictionary: one ``word freq tag`` entry per line, UTF-8, freq and
    tag optional; lines starting with ``#`` are comments. A malformed line raises
    :class:`~governance_kit.errors.RuleFileError` naming file, line and value.

    >>> ("三治融合", 3000, "nz") in load_lexicon()
    True
    """
    if path is None:
        return list(bundled_lexicon())
    return parse_lexicon(_read_lines(path, str(path)), str(path))


def load_stopwords(path: str | os.PathLike | None = None) -> frozenset[str]:
    """The stopwords of a file, one per line (``None``: the bundled ``data/stopwords.txt``).

    >>> sw = load_stopwords()
    >>> "的" in sw, "网格员" in sw
    (True, False)
    """
    if path is None:
        return bundled_stopwords()
    return parse_stopwords(_read_lines(path, str(path)))


def as_entries(terms, where: str) -> list[Entry]:
    """Terms given in code: ``"网格e事"``, a list of them, or ``(word, freq[, tag])`` tuples.

    >>> as_entries(["红色代办", ("鹤乡网格e事", 5000)], "add_terms")
    [('红色代办', None, None), ('鹤乡网格e事', 5000, None)]
    """
    if isinstance(terms, str):
        terms = [terms]
    try:
        items = list(terms)
    except TypeError:
        raise TypeError(f"{where} 需要词语列表,如 ['鹤乡网格e事', '红色代办'],收到的是 {type(terms).__name__}") from None
    entries = []
    for item in items:
        word, freq, tag = item, None, None
        if isinstance(item, (tuple, list)) and 1 <= len(item) <= 3:
            word, freq, tag = (*item, None, None)[:3]
        if not isinstance(word, str) or not word.strip() or "\n" in word or "\r" in word:
            raise ValueError(f"{where} 中的词语无效:{item!r};每个词语应是不含换行的非空字符串")
        if freq is not None and (isinstance(freq, bool) or not isinstance(freq, int) or freq < 1):
            raise ValueError(f"{where} 中 {word!r} 的词频无效:{freq!r};词频应为正整数,或省略由工具箱计算")
        entries.append((word.strip(), freq, tag))
    return entries
