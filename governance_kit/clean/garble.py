"""Spans of GBK text decoded one byte out of alignment: find them, repair what can be recovered.

How the damage arises (seen in the seeds, see shared/research/tech_probe.md §4): a GBK page lost a
byte, so the following bytes were decoded in pairs one byte out of step (``;鶎又卫砟芰Φ`` instead of
``基層治理能力的``) until an ASCII byte brought the decoder back in step; later the text was converted
from full-width to half-width punctuation (``；`` → ``;``) and undecodable pairs became ``?``.

Detection: clusters of characters that are rare in modern Chinese (outside ``data/common_chars.txt``),
private-use, bopomofo, Greek or Cyrillic letters, circled numbers or lone ASCII letters wedged between
Chinese characters. Repair: half-width punctuation back to full width, re-encode as GB18030, drop
the first byte and decode again; among candidate span boundaries the repair that turns most
characters into dictionary words (jieba's, :func:`governance_kit.tokens.dictionary.common_words`)
wins, and it is accepted only if it gains clearly. What cannot be recovered is flagged, never
silently changed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..datafiles import bundled, reloaded
from ..tokens.dictionary import common_words

COMMON_CHARS_FILE = "common_chars.txt"
LOST_CHAR = "□"  # the conventional mark for a missing character (缺字符号)
FULL_REPAIR_SHARE = 0.8  # a repair with fewer Han characters inside dictionary words is reported as partial

_FULLWIDTH = str.maketrans({";": "；", ":": "：", "?": "？", ",": "，", "!": "！"})
_HARD = (
    "\ue000-\uf8ff"  # private use area: GBK user-defined pairs
    "\u3040-\u30ff"  # kana
    "\u3100-\u312f"  # bopomofo
    "\u0370-\u03ff\u0400-\u04ff"  # Greek, Cyrillic
    "\u2460-\u24ff\u2160-\u217f\u2500-\u257f"  # enclosed numbers, roman numerals, box drawing
)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_JUNK = re.compile(rf"[{_HARD}]")
_MIN_POINTS = 3
_MAX_GAP = 3
_MIN_GAIN = 3.0
# ASCII bytes that can be the second byte of a GBK pair and so end a misaligned run
_TRAIL_BYTES = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_^`@[]{}|~")


@dataclass(frozen=True)
class GarbleFix:
    """One damaged span: ``start``/``end`` in the text given to :func:`find_and_repair`."""

    start: int
    end: int
    original: str
    replacement: str  # equals ``original`` (apart from lost-char marks) when only flagged
    repaired: bool
    gain: float  # dictionary-covered characters gained by the repair
    word_share: float = 0.0  # share of the repair's Han characters that stand inside dictionary words


@reloaded(COMMON_CHARS_FILE)
def _common_chars() -> frozenset[str]:
    """``data/common_chars.txt``: the characters of modern Chinese that are not suspect."""
    text = bundled(COMMON_CHARS_FILE).read_text(encoding="utf-8")
    return frozenset("".join(ln for ln in text.splitlines() if ln and not ln.startswith("#")))




def _ranges(codepoints: list[int]) -> str:
    """Compact regex character-class body for sorted code points."""
    parts: list[str] = []
    start = prev = codepoints[0]
    for cp in codepoints[1:] + [-1]:
        if cp == prev + 1:
            prev = cp
            continue
        parts.append(re.escape(chr(start)) if start == prev else f"{re.escape(chr(start))}-{re.escape(chr(prev))}")
        start = prev = cp
    return "".join(parts)


@reloaded(COMMON_CHARS_FILE)
def _suspect_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Suspect characters (rare or never-in-Chinese) and lone ASCII letters between Chinese characters.

    Two expressions rather than one alternation: a single character class lets the regex engine
    scan quickly, an alternation makes it ten times slower.
    """
    common = _common_chars()
    rare = [cp for cp in range(0x4E00, 0xA000) if chr(cp) not in common]
    chars = re.compile(rf"[{_HARD}{_ranges(rare)}\u3400-\u4dbf]")
    lone = re.compile(r"[A-Za-z_^`@?](?<=[^\x00-\x7f].)(?=[^\x00-\x7f])")  # class first, then the lookbehind
    return chars, lone


def _coverage_scores(texts: list[str]) -> list[float]:
    """Score several candidates with one Traditional → Simplified conversion."""
    from .convert import to_simplified

    joined = to_simplified("\n".join(texts)).split("\n")
    if len(joined) != len(texts):  # a conversion changed the line structure: score one by one
        joined = [to_simplified(t) for t in texts]
    return [_coverage_score(t) for t in joined]


def _coverage_score(simple: str) -> float:
    """Characters inside dictionary words minus half the Han characters outside any, minus lost bytes.

    ``simple`` must already be in Simplified script (the dictionary is jieba's).
    """
    words = common_words()
    covered = uncovered = 0
    i = 0
    while i < len(simple):
        for size in (4, 3, 2):
            if simple[i : i + size] in words:
                covered += size
                i += size
                break
        else:
            if _HAN.match(simple[i]) or simple[i] == "\ufffd":
                uncovered += 1
            i += 1
    junk = len(_JUNK.findall(simple))
    return covered - 0.5 * uncovered - junk - 2 * simple.count("\ufffd")


def _word_share(text: str) -> float:
    """Share of Han characters inside dictionary words (greedy longest match, Simplified)."""
    from .convert import to_simplified

    simple = to_simplified(text)
    han = len(_HAN.findall(simple))
    if not han:
        return 0.0
    words, covered, i = common_words(), 0, 0
    while i < len(simple):
        size = next((n for n in (4, 3, 2) if simple[i : i + n] in words), 0)
        covered += size
        i += size or 1
    return covered / han


def shift_decode(segment: str) -> str:
    """Undo a one-byte misalignment: full-width punctuation back, GB18030 bytes, drop one, decode.

    >>> shift_decode(";鶎又卫砟芰Φ奶")  # the odd last byte is lost (U+FFFD)
    '基層治理能力的\ufffd'
    """
    data = segment.translate(_FULLWIDTH).encode("gb18030", errors="replace")
    return data[1:].decode("gb18030", errors="replace")


def _clusters(text: str) -> list[tuple[int, int]]:
    chars, lone = _suspect_patterns()
    hits = [(m.start(), 2 if _JUNK.match(m.group()) else 1) for m in chars.finditer(text)]
    lones = [(m.start(), 1) for m in lone.finditer(text)]
    if lones:
        hits = sorted(hits + lones)
    spans: list[tuple[int, int]] = []
    start = end = -1
    points = count = 0
    for pos, weight in hits:
        if start >= 0 and pos - end <= _MAX_GAP and "\n" not in text[end:pos]:
            end, points, count = pos + 1, points + weight, count + 1
            continue
        if start >= 0 and points >= _MIN_POINTS and count >= 2:
            spans.append((start, end))
        start, end, points, count = pos, pos + 1, weight, 1
    if start >= 0 and points >= _MIN_POINTS and count >= 2:
        spans.append((start, end))
    return spans


def _garble_compatible(ch: str) -> bool:
    """Can this character be part of a misaligned run? (non-ASCII, or half-width from full-width)."""
    return (ord(ch) > 0x7F and ch not in f"{LOST_CHAR}\n\u3000“”") or ch in ";:?,!"


def _resync_end(text: str, b: int, hi: int) -> int:
    """End of a misaligned run: decoding stays out of step until the next ASCII byte.

    An ASCII letter (or ``_^`` …) there was read as the second byte of the last garbled pair and
    belongs to the run; any other ASCII character, a lost-character mark or the line end stops it.
    """
    if text[b - 1] in _TRAIL_BYTES:
        return b
    e = b
    while e < hi and e - b < 40:
        ch = text[e]
        if ch in _TRAIL_BYTES:
            return e + 1
        if ch.isascii() or ch == LOST_CHAR:
            return e
        e += 1
    return e


def _best_repair(text: str, a: int, b: int, lo: int) -> tuple[float, int, int, str]:
    """Try run starts up to 4 characters before the first suspect; the run ends at the resync point.

    Candidates are scored together with a few characters of left context, so a start that breaks a
    correct word (治|理;鶎…) loses to one that keeps it.
    """
    line_end = text.find("\n", b)
    e = _resync_end(text, b, len(text) if line_end < 0 else line_end)
    starts = [a]
    while starts[-1] - 1 >= lo and a - (starts[-1] - 1) <= 4 and _garble_compatible(text[starts[-1] - 1]):
        starts.append(starts[-1] - 1)
    left = max(lo, starts[-1] - 3)
    repairs = [shift_decode(text[s:e]) for s in starts]
    candidates = [text[left:e]] + [text[left:s] + r for s, r in zip(starts, repairs)]
    baseline, *scores = _coverage_scores(candidates)
    best = (float("-inf"), a, e, text[a:e])
    for s, repaired, score in zip(starts, repairs, scores):
        gain = score - baseline
        if gain >= best[0]:  # on a tie the longer run wins: lost punctuation such as （ comes back
            best = (gain, s, e, repaired)
    return best


def find_and_repair(text: str) -> list[GarbleFix]:
    """Find misaligned-GBK clusters in ``text`` and return one fix (repair or flag) per cluster."""
    fixes: list[GarbleFix] = []
    last_end = 0
    for a, b in _clusters(text):
        if a < last_end:
            continue
        lo = max(text.rfind("\n", 0, a) + 1, last_end)
        gain, s, e, repaired = _best_repair(text, a, b, lo)
        if gain >= _MIN_GAIN and repaired.count("\ufffd") <= 1:
            if text[e : e + 1] in (LOST_CHAR, "?"):  # the pair after the run did not decode: one lost character
                repaired = repaired.removesuffix("\ufffd") + LOST_CHAR
                e += text[e] == "?"
            repaired = repaired.replace("\ufffd", LOST_CHAR)
            if s > lo and text[s - 1] == "?":  # an undecodable pair just before the run: a lost character
                s -= 1
                repaired = LOST_CHAR + repaired
            fixes.append(GarbleFix(s, e, text[s:e], repaired, True, gain, _word_share(repaired)))
            last_end = e
        else:
            flagged = re.sub(r"(?<=[^\x00-\x7f])\?|\?(?=[^\x00-\x7f])", LOST_CHAR, text[a:b])
            fixes.append(GarbleFix(a, b, text[a:b], flagged, False, max(gain, 0.0)))
            last_end = b
    return fixes
