"""Spans of GBK text decoded one byte out of alignment: find them, repair what can be recovered.

How the damage arises (seen in the seeds, see shared/research/tech_probe.md §4): a GBK page lost a
byte, so the following bytes were decoded in pairs one byte out of step (``;鶎又卫砟芰Φ`` instead of
``基層治理能力的``) until an ASCII byte brought the decoder back in step; later the text was converted
from full-width to half-width punctuation (``；`` → ``;``) and undecodable pairs became ``?``.

Long runs. Candidates are clusters of characters that are rare in modern Chinese (outside
``data/common_chars.txt``), private-use, bopomofo, Greek or Cyrillic letters, circled numbers or lone
ASCII letters wedged between Chinese characters. Repair: half-width punctuation back to full width,
re-encode as GB18030, drop the first byte and decode again; among candidate span boundaries the repair
that turns most characters into dictionary words (jieba's,
:func:`governance_kit.tokens.dictionary.common_words`) wins, and it is accepted only if it gains
clearly. A cluster whose repair fails is flagged only with evidence of misalignment (:func:`_misaligned`):
letters that never stand in Chinese running text side by side, an ASCII byte that brings the decoder
back in step and completes a common character, or lost pairs (``?``) between suspect characters. Rare
but real characters (铟镓硒, 芝罘), box drawing used as dashes, Roman numerals (Ⅰ—Ⅲ类), circled
numbers and kana in names are left alone.

Short residues (:func:`_residues`): a ``?`` (a pair whose first byte was lost), a few characters
decoded one byte off and the ASCII byte that brought the decoder back (``?,F`` for ``。現``:
A1A3 AC46 read from A3; ``€`` is the byte 0x80). Shifting them back gives the text after the lost
character; where that reads as common characters and dictionary words the residue is repaired, the
lost character written ``□`` (or 。 before a closing quote, or the one character that joins its
neighbours into a dictionary word). Where it does not, but the run shows damage (a symbol byte such
as ``@`` between characters, rare characters ended by a byte that completes a common one), the
damaged characters are replaced by ``□`` and flagged. A question mark in ordinary text is none of
these: the run must end within a few characters the way such runs end, and an ordinary character
after the ``?`` must be followed by a rare one. Every fix is reported, none is silent.
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
# never in Chinese running text two side by side: private use, bopomofo, Greek, Cyrillic (kana, circled
# numbers, Roman numerals and box drawing are: Japanese names, lists, water classes Ⅰ—Ⅲ, dashes ──)
_ALIEN = "\ue000-\uf8ff\u3100-\u312f\u0370-\u03ff\u0400-\u04ff"
_ALIEN_PAIR = re.compile(rf"[{_ALIEN}]{{2}}")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_JUNK = re.compile(rf"[{_HARD}]")
_MIN_POINTS = 3
_MAX_GAP = 3
_MIN_GAIN = 3.0
_LOOK_BACK = 12  # how far before a cluster a lost pair (?) may mark where its run began
# ASCII bytes that can be the second byte of a GBK pair and so end a misaligned run
_TRAIL_BYTES = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_^`@[]{}|~\\")
_RESIDUE_MAX = 8  # characters a short residue may hold before the byte that ends it
_RESIDUE_PUNCT = frozenset("，。、；：？！“”‘’（）《》〈〉【】…—·")  # punctuation a repaired residue may hold
_QUOTES = frozenset("“”‘’「」『』《》〈〉【】〔〕（）…—")


@dataclass(frozen=True)
class GarbleFix:
    """One damaged span: ``start``/``end`` in the text given to :func:`find_and_repair`."""

    start: int
    end: int
    original: str
    replacement: str  # a flag: ``original`` with lost pairs marked, or (short residues) marks for what was lost
    repaired: bool
    gain: float  # dictionary-covered characters gained by the repair
    word_share: float = 0.0  # share of the repair's Han characters that stand inside dictionary words

    @property
    def kept(self) -> bool:
        """A flag that left the damaged characters in place (only lost pairs ``?`` marked ``□``)."""
        return not self.repaired and len(self.replacement) == len(self.original) and all(
            a == b or a == "?" for a, b in zip(self.original, self.replacement)
        )


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
    """Characters inside dictionary words minus half the Han characters outside any (a whole one for
    a rare character), minus lost bytes.

    ``simple`` must already be in Simplified script (the dictionary is jieba's).
    """
    words = common_words()
    rare, _ = _suspect_patterns()
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
                uncovered += 2 if rare.match(simple[i]) else 1  # a rare character left over costs more
            i += 1
    junk = len(_JUNK.findall(simple))
    return covered - 0.5 * uncovered - junk - 2 * simple.count("\ufffd")


def _word_share(text: str, lo: int = 0, hi: int | None = None) -> float:
    """Share of Han characters inside dictionary words (greedy longest match, Simplified).

    With ``lo``/``hi`` only the Han characters of ``text[lo:hi]`` are counted; the text around them is
    context that words may run into (寧 in 寧|海縣).
    """
    from .convert import to_simplified

    simple = to_simplified(text)
    if len(simple) != len(text):  # a phrase conversion changed the length: no context
        simple, lo, hi = to_simplified(text[lo:hi]), 0, None
    hi = len(simple) if hi is None else hi
    han = len(_HAN.findall(simple, lo, hi))
    if not han:
        return 0.0
    words, covered, i = common_words(), 0, 0
    while i < len(simple) and i < hi:
        size = next((n for n in (4, 3, 2) if simple[i : i + n] in words), 0)
        covered += len(_HAN.findall(simple, max(i, lo), min(i + size, hi))) if size else 0
        i += size or 1
    return covered / han


def _encode(text: str) -> bytes:
    """GB18030 bytes of ``text`` with ``€`` as the single byte 0x80 (what a Windows GBK decoder made of it)."""
    return b"\x80".join(part.encode("gb18030", errors="replace") for part in text.split("€"))


def shift_decode(segment: str) -> str:
    """Undo a one-byte misalignment: full-width punctuation back, GB18030 bytes, drop one, decode.

    >>> shift_decode(";鶎又卫砟芰Φ奶")  # the odd last byte is lost (U+FFFD)
    '基層治理能力的\ufffd'
    """
    return _encode(segment.translate(_FULLWIDTH))[1:].decode("gb18030", errors="replace")


def _pair_bytes(ch: str) -> bytes | None:
    """The two GBK bytes of ``ch``, or None for ASCII and characters GBK does not hold in two bytes."""
    data = _encode(ch)
    return data if len(data) == 2 else None


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
    return (ord(ch) > 0x7F and ch not in f"{LOST_CHAR}\ufffd\n\u3000“”") or ch in ";:?,!"


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
        if ch.isascii() or ch in (LOST_CHAR, "\ufffd"):
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
    if text[a] == "?" and text[a - 1 : a] != "?":  # the cluster opens with a lost pair: the run follows it
        a += 1
    starts = [a]
    while starts[-1] - 1 >= lo and a - (starts[-1] - 1) <= 4 and _garble_compatible(text[starts[-1] - 1]):
        k = starts[-1] - 1
        if text[k] == "?" and text[k - 1 : k] != "?":  # a lost pair, not a ？ read out of step (see find_and_repair)
            break
        starts.append(k)
    # a lost pair inside the cluster: the run may begin after it (鬆懈?⒇熑…: 鬆懈 is sound text)
    after_lost = [k + 1 for k in range(min(b, e) - 2, a, -1)
                  if text[k] == "?" and text[k - 1] != "?" and _garble_compatible(text[k + 1])]
    starts = after_lost + starts  # shortest runs first: on a tie the longer run wins
    k = starts[-1] - 1  # or after a lost pair further back, the run's first characters being common ones
    while k >= lo and starts[-1] - k <= _LOOK_BACK and text[k] != "?" and _garble_compatible(text[k]):
        k -= 1
    if k >= lo and k < starts[-1] - 1 and text[k] == "?" and text[k - 1 : k] != "?":
        starts.append(k + 1)
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


def _resyncs(before: str, letter: str, common: frozenset[str]) -> bool:
    """Is ``letter`` the ASCII byte that brought the decoder back in step after ``before``? Then the
    last byte of ``before`` and the letter make one character of the original, a common one."""
    pair = _pair_bytes(before)
    if pair is None:
        return False
    try:
        return bytes((pair[1], ord(letter))).decode("gbk") in common
    except UnicodeDecodeError:
        return False


def _misaligned(text: str, a: int, b: int) -> bool:
    """Evidence that a cluster whose repair failed is misaligned GBK after all, not rare but real text.

    Two letters side by side that Chinese running text never holds (private use, bopomofo, Greek,
    Cyrillic); a lone ASCII letter completing a common character with the last byte before it (the
    byte that brought the decoder back: ``⑴c`` is A2 C5 | 63, and C5 63 is 與); undecodable pairs
    (``?``) between suspect characters, two or more. Rare characters, kana, circled numbers, Roman
    numerals and box drawing alone are no evidence: real text holds them (铟镓硒, Ⅰ—Ⅲ类, ①②, ──).
    """
    if _ALIEN_PAIR.search(text, a, b):
        return True
    chars, _ = _suspect_patterns()
    common = _common_chars()
    lost = 0
    for k in range(max(a, 1), b):
        ch, before, after = text[k], text[k - 1], text[k + 1 : k + 2]
        if not after or after.isascii() or before.isascii():
            continue
        if ch in _TRAIL_BYTES and _resyncs(before, ch, common):
            return True
        lost += ch == "?" and bool(chars.match(before)) and bool(chars.match(after))
    return lost >= 2  # one could be a question mark


def _residue_start(ch: str) -> bool:
    """Can ``ch`` be the first pair after a lost one: a half-width mark made from a full-width one, or
    any character GBK holds in two bytes but quotes and brackets (``?”`` is ordinary text)."""
    return ch in ",!?:;" or (_pair_bytes(ch) is not None and ch not in _QUOTES)


def _typical_start(ch: str) -> bool:
    """The first pair after a lost 。！？，； (whose last byte is A1 or A3): punctuation or a full-width
    form, often made half-width since. A run that ends in another lost pair must start so: between
    two question marks any text could stand."""
    pair = _pair_bytes(ch)
    return ch in ",!?:;" or (pair is not None and pair[0] in (0xA1, 0xA3) and ch not in _QUOTES)


def _residue_run(text: str, i: int) -> tuple[int, str] | None:
    """End of the misaligned run starting at ``text[i]`` and how the decoder came back in step:
    ``"letter"`` (an ASCII byte after the run, read as a second byte: included), ``"pair"`` (the last
    character holds the ASCII byte as its second byte), ``"lost"`` (an undecodable pair ``?`` follows:
    included). None when the run does not end within a few characters the way such runs end."""
    e = i
    while e - i <= _RESIDUE_MAX and e < len(text):
        ch = text[e]
        if e > i and (ch in _TRAIL_BYTES or ch == "€"):
            after = text[e + 1 : e + 2]
            return None if after.isascii() and after.isalnum() else (e + 1, "letter")
        if e > i and ch == "?":
            return (e + 1, "lost") if _typical_start(text[i]) else None
        pair = None if ch.isascii() else _pair_bytes(ch)
        if pair is None and e > i:
            return None
        if pair is not None and pair[1] < 0x80:  # the ASCII byte must begin ASCII text with what follows: [1], a word
            byte, after = chr(pair[1]), text[e + 1 : e + 2]
            opens = after.isascii() and (after.isalnum() if byte == "[" else byte.isalpha() and after.isalpha())
            return (e + 1, "pair") if opens else None
        e += 1
    return None


def _readable(repaired: str, context: str) -> bool:
    """Does a shifted run read as text: common characters or punctuation, and where it holds two or
    more Han characters, nearly all of them inside dictionary words (which may run on into the context
    after it)? Four common characters side by side often hold one word by chance."""
    common = _common_chars()
    han = 0
    for ch in repaired:
        if ch.isascii() or ch in _RESIDUE_PUNCT or ch == LOST_CHAR:
            continue
        if ch not in common:
            return False
        han += 1
    return han <= 1 or _word_share(repaired + context, 0, len(repaired)) >= FULL_REPAIR_SHARE


def _lost_char(trail: int, left: str, right: str) -> str:
    """The character lost before a residue, known by its second byte ``trail`` alone: 。 (A1A3) where
    that byte is A3 and a closing quote follows; a common character that joins its neighbours into a
    dictionary word, if exactly one does (寧□縣, lost byte A3: 寧海縣); else the lost-character mark."""
    if trail == 0xA3 and right[:1] in "”’":
        return "。"
    from .convert import to_simplified

    common = _common_chars()
    candidates = []
    for lead in range(0x81, 0xFF):
        try:
            ch = bytes((lead, trail)).decode("gbk")
        except UnicodeDecodeError:
            continue
        if ch in common:
            candidates.append(ch)
    simple = to_simplified("".join(candidates))
    if len(simple) != len(candidates):
        return LOST_CHAR
    words, left, right = common_words(), to_simplified(left[-2:]), to_simplified(right[:2])
    found = {ch for ch, sc in zip(candidates, simple)
             if any(w in words for w in (left[-1:] + sc + right[:1], left[-2:] + sc + right[:1], left[-1:] + sc + right[:2]))}
    return found.pop() if len(found) == 1 else LOST_CHAR


def _readable_tail(tail: str, context: str) -> bool:
    """A tail of a shifted run that reads as words although the run as a whole does not: pairs lost
    inside a run (private-use characters a page dropped) spoil the characters around them only."""
    return (
        len(_HAN.findall(tail)) >= 2 and _readable(tail, context)
        and _word_share(tail + context, 0, len(tail)) == 1.0
    )


def _residue_damaged(text: str, q: int, e: int, how: str) -> bool:
    """Evidence that a residue which does not read as text is damage: the byte that ended it is a
    symbol Chinese text does not hold between characters (``@``, ``€`` …), or the run holds rare
    characters and either ends in a letter completing a common character with the byte before it or
    ends in a lost pair after a start no ordinary text puts after a question mark (``?。``, not ``?!``)."""
    chars, _ = _suspect_patterns()
    rare = bool(chars.search(text, q + 2, e - 1) or _JUNK.search(text, q + 2, e - 1))
    if how == "letter":
        return text[e - 1] in "€@[]^_`{|}~" or (rare and _resyncs(text[e - 2], text[e - 1], _common_chars()))
    return how == "lost" and not text[q + 1].isascii() and rare


def _residue(text: str, q: int) -> GarbleFix | None:
    """The fix for a short residue starting with the lost pair ``text[q] == "?"``, or None."""
    found = _residue_run(text, q + 1) if _residue_start(text[q + 1]) else None
    if found is None:
        return None
    e, how = found
    run = text[q + 1 : e - 1] if how == "lost" else text[q + 1 : e]
    repaired = shift_decode(run)
    if how == "lost":  # the last byte's partner is gone: one more lost character
        repaired = repaired.removesuffix("\ufffd") + LOST_CHAR
    if "\ufffd" in repaired or not any(ord(ch) > 0x7F and ch != LOST_CHAR for ch in repaired):
        return None  # undecodable, or nothing but ASCII recovered
    chars, _ = _suspect_patterns()
    if not _typical_start(text[q + 1]) and not (chars.search(run) or _JUNK.search(run)):
        return None  # an ordinary character after a question mark, and nothing rare after it
    context = text[e : e + 4]
    readable = _readable(repaired, context)
    if not readable:
        if not _residue_damaged(text, q, e, how):
            return None
        keep = next((k for k in range(len(repaired) - 1) if _readable_tail(repaired[k:], context)), len(repaired))
        masked = "".join(ch if ch.isascii() or ch in _RESIDUE_PUNCT else LOST_CHAR for ch in repaired[:keep])
        repaired = masked + repaired[keep:]
    lost = _lost_char(_encode(run.translate(_FULLWIDTH))[0], text[max(0, q - 2) : q], repaired + context)
    if not readable:  # only punctuation may be guessed for the lost character here
        return GarbleFix(q, e, text[q:e], (LOST_CHAR if _HAN.match(lost) else lost) + repaired, False, 0.0)
    before, after = _coverage_scores([text[q:e] + context, lost + repaired + context])
    left = text[max(0, q - 2) : q]
    share = _word_share(left + lost + repaired + context, len(left), len(left) + 1 + len(repaired))
    if not _HAN.search(lost + repaired) and LOST_CHAR not in lost + repaired:
        share = 1.0  # punctuation read back whole (。”[)
    return GarbleFix(q, e, text[q:e], lost + repaired, True, after - before, share)


def _residues(text: str) -> list[GarbleFix]:
    """Short residues: a lost pair ``?``, a few characters decoded one byte off, the ASCII byte that
    brought the decoder back (``?,F`` for ``。現``, GBK A1A3 AC46 read from A3: A3AC ， then 46 F)."""
    fixes: list[GarbleFix] = []
    q = text.find("?")
    while 0 <= q < len(text) - 1:
        before = text[q - 1 : q]
        fix = None if before.isascii() and before.isalnum() else _residue(text, q)
        if fix is not None:
            fixes.append(fix)
        q = text.find("?", fix.end if fix else q + 1)
    return fixes


def _overlaps(start: int, end: int, fixes: list[GarbleFix]) -> bool:
    return any(f.start < end and start < f.end for f in fixes)


def find_and_repair(text: str) -> list[GarbleFix]:
    """Find misaligned-GBK spans in ``text`` and return one fix (repair or flag) per span, in order."""
    residues = _residues(text)
    fixes: list[GarbleFix] = []
    last_end = 0
    for a, b in _clusters(text):
        if a < last_end or _overlaps(a, b, residues):
            continue
        lo = max([text.rfind("\n", 0, a) + 1, last_end] + [f.end for f in residues if f.end <= a])
        gain, s, e, repaired = _best_repair(text, a, b, lo)
        if gain >= _MIN_GAIN and repaired.count("\ufffd") <= 1:
            if text[e : e + 1] in (LOST_CHAR, "?", "\ufffd"):  # the pair after the run did not decode: one lost character
                repaired = repaired.removesuffix("\ufffd") + LOST_CHAR
                e += text[e] != LOST_CHAR
            repaired = repaired.replace("\ufffd", LOST_CHAR)
            if s > lo and text[s - 1] == "?":  # an undecodable pair just before the run: a lost character
                s -= 1
                repaired = LOST_CHAR + repaired
            if _overlaps(s, e, residues):
                continue
            fixes.append(GarbleFix(s, e, text[s:e], repaired, True, gain, _word_share(repaired)))
            last_end = e
        elif _misaligned(text, a, b):
            flagged = re.sub(r"(?<=[^\x00-\x7f])\?|\?(?=[^\x00-\x7f])", LOST_CHAR, text[a:b])
            fixes.append(GarbleFix(a, b, text[a:b], flagged, False, max(gain, 0.0)))
            last_end = b
    return sorted(fixes + residues, key=lambda f: f.start)
