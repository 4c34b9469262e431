"""Lines that recur across the files of one folder: the evidence one page alone cannot give.

A site prints the same navigation, signature or notice on every page. One page shows such a line
once, and the chrome model (:mod:`.chrome`) may give it a middling score; a folder of that site's pages
shows it again and again. The corpus stage (:mod:`governance_kit.corpus.furniture`) counts, per folder,
in how many files each short line occurs and hands every file the recurring lines it holds; the
boilerplate step then removes a line that recurs in ``MIN_FILES`` files or more when its score reaches
the model's ``repeat`` threshold (the score one body line in twenty of the training data exceeds;
``data/chrome_model.json``) and it does not end like a sentence. Repetition alone never removes a
line: headings (第一章 总则), salutations and clauses recur across policy documents and score low.
The folder is the unit: files of one site kept in one folder share their furniture.

Lines are compared by :func:`line_key`, a 63-bit checksum of the line with its spaces collapsed,
computed on the lines as the boilerplate step sees it (:func:`governance_kit.clean.cleaner.prepare_text`)
so that a survey of the files and their cleaning agree.
"""
from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping

from .chrome import MAX_LEN, ends_sentence

MIN_FILES = 3  # files of one folder a line must occur in to count as furniture


def line_key(line: str) -> int:
    """A stable 63-bit key of a line (spaces collapsed): the same in every process and run, and small
    enough for a signed 64-bit column."""
    data = " ".join(line.split()).encode("utf-8")
    return zlib.crc32(data) << 31 | zlib.adler32(data) >> 1


def is_candidate(line: str) -> bool:
    """Lines that may be furniture: short enough for the chrome model and not ending like a sentence."""
    return 2 <= len(line) <= MAX_LEN and not ends_sentence(line)


def page_keys(lines: Iterable[str]) -> frozenset[int]:
    """Keys of the candidate lines among ``lines`` (stripped lines of a prepared text)."""
    return frozenset(line_key(line) for line in lines if is_candidate(line))


def text_keys(prepared: str) -> frozenset[int]:
    """Keys of the candidate lines of a prepared text."""
    return page_keys(line.strip() for line in prepared.splitlines())  # the boilerplate step's lines


def recurring(furniture: Mapping[int, int] | None, line: str) -> int:
    """In how many files of its folder ``line`` occurs, when that makes it furniture; else 0."""
    if not furniture:
        return 0
    n = furniture.get(line_key(line), 0)
    return n if n >= MIN_FILES else 0
