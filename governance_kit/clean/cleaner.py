"""Cleaning scraped Chinese policy texts: ``clean_text(text) -> CleanResult(text, report)``.

Steps, in order (each records what it changed, so nothing disappears silently):

1. ``normalise`` – control and zero-width characters out, non-breaking and ideographic spaces to
   spaces, all line endings to ``\\n``;
2. ``garble`` – GBK text decoded one byte out of alignment repaired, or flagged (:mod:`.garble`);
   it runs before pinyin removal because the ``(`` of a note is where a misaligned run ends;
3. ``pinyin`` – pinyin annotations after characters (``實(shí)現(xiàn)`` → ``實現``) removed; real
   parentheses (``(村)``, ``(作者单位:…)``, ``(m.pinshuzw.com)``) stay, because a note must be lower-case
   Latin letters with a tone mark. A note whose ``(`` was eaten by a bad decode (``?xiàng)``) marks a
   lost character, written ``□``;
4. ``script`` – Traditional → Simplified with OpenCC (:mod:`.convert`);
5. ``width`` – full-width Latin letters and digits to ASCII (Chinese punctuation is kept);
6. ``inline`` – forum jammer strings and link spam glued to a paragraph removed (:mod:`.inline_spam`);
7. ``boilerplate`` – page furniture, adverts and spam lines removed by the rules of
   ``data/boilerplate.yaml`` (:mod:`.boilerplate`); header lines are kept as metadata fields;
8. ``whitespace`` – spaces trimmed and collapsed, one paragraph per line, no blank lines.

Spans in the report are given in the text passed in (``start``/``end``) and, for what is still there,
in the cleaned text (``clean_start``/``clean_end``).
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from . import edits as _edits
from . import boilerplate
from . import garble, inline_spam
from .convert import has_traditional, to_simplified_passage, traditional_only_count

_TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_SYLLABLE = rf"[a-zü]*[{_TONES}][a-zü]*(?:\s[a-zü]*[{_TONES}][a-zü]*)*"
_TONE = re.compile(rf"[{_TONES}]")
# a toneless note (村(cun), 组(zu)(zu)) is one syllable of the 汉语拼音方案 after a Han character or after
# another note; the grammar (initial + final) admits a few syllables Mandarin lacks, never an English word
# of two or more syllables. Such notes are removed only where a text has several: one lone "(an)" is left.
_INITIAL = "(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
_FINAL = ("(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|üan|van|ai|ei|ao|ou|an|en|er|in|un|ün|"
          "ia|ie|iu|ua|uo|ui|ue|üe|ve|a|o|e|i|u|ü|v)")
_PLAIN_NOTE = re.compile(rf"[(（]{_INITIAL}{_FINAL}[)）]")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
MIN_PLAIN_NOTES = 3  # toneless notes a text must hold before any is removed
_NOTE = re.compile(rf"[(（]{_SYLLABLE}[)）]")
_BROKEN_NOTE = re.compile(  # an orphan must follow a non-ASCII character: checked in code (a lookbehind here is slow)
    rf"(?P<lost>\?{_SYLLABLE}[)）](?:[A-Za-z_^](?=[^\x00-\x7f]|[(（]))?)"
    rf"|(?P<orphan>{_SYLLABLE}[)）])"
)
_CONTROL = re.compile(r"\r\n?|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200d\u2060\ufeff]")
_ODD_SPACE = re.compile(r"[\xa0\u3000\u2002\u2003\u2009\u202f]")
_FULLWIDTH_ALNUM = re.compile(r"[０-９Ａ-Ｚａ-ｚ]")
_WHITESPACE_RUN = re.compile(r"[ \t\n]{2,}")  # runs of 2+: one newline if they hold one, else one space
_VECTORISE_FROM = 64  # map spans with NumPy from this many changes in one step
_TRADITIONAL_SHARE = 0.02  # share of characters changed by t2s above which a text counts as Traditional

KIND_LABELS = {
    "removed": "删除的版面杂项行",
    "pinyin": "删除的拼音注音",
    "lost_char": "无法恢复的缺字(□)",
    "repaired": "修复的错位 GBK 乱码",
    "flagged": "无法修复、已标记的乱码",
    "suspect": "疑似版面杂项、保留并标记的行",
}


@dataclass(slots=True)
class Change:
    """One thing the cleaner removed, repaired or flagged."""

    kind: str  # removed | pinyin | lost_char | repaired | flagged | suspect
    rule: str  # rule id (boilerplate rule, or the step's name)
    label: str  # Chinese description
    original: str
    replacement: str
    start: int  # span in the input text
    end: int
    clean_start: int | None = None  # span in the cleaned text (None when removed)
    clean_end: int | None = None
    fields: dict[str, str] = field(default_factory=dict)
    score: float | None = None  # removed and suspect lines: the chrome model's probability (see .chrome)


_CHANGE_FIELDS = tuple(Change.__dataclass_fields__)


@dataclass
class CleanReport:
    """What cleaning did to one text, with counts and spans."""

    changes: list[Change] = field(default_factory=list)
    chars_in: int = 0
    chars_out: int = 0
    lines_in: int = 0
    lines_out: int = 0
    script: str = "simplified"  # script of the input: simplified | traditional
    converted_chars: int = 0  # characters changed by Traditional → Simplified
    normalised_chars: int = 0  # control/zero-width characters dropped, spaces and widths normalised
    genre_hints: list[str] = field(default_factory=list)
    pinyin_notes: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, note) in the input

    def _of(self, kind: str) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]

    @property
    def removed(self) -> list[Change]:
        return self._of("removed")

    @property
    def repaired(self) -> list[Change]:
        return self._of("repaired")

    @property
    def flagged(self) -> list[Change]:
        """Suspected mojibake that could not be repaired reliably (left as it was)."""
        return self._of("flagged")

    @property
    def suspects(self) -> list[Change]:
        """Lines the chrome model doubts: kept in the text, listed here with their score."""
        return self._of("suspect")

    @property
    def lost(self) -> list[Change]:
        """Characters lost for good in the source, marked □ in the text."""
        return self._of("lost_char")

    @property
    def pinyin(self) -> list[Change]:
        """Every pinyin note removed (complete notes and those whose bracket was lost)."""
        return [c for c in self.all_changes() if c.kind == "pinyin"]

    @property
    def counts(self) -> dict[str, int]:
        counts = {kind: 0 for kind in KIND_LABELS}
        for c in self.changes:
            counts[c.kind] += 1
        counts["pinyin"] += len(self.pinyin_notes)
        counts["converted_chars"] = self.converted_chars
        return counts

    @property
    def partial_repairs(self) -> int:
        """Repairs whose result is only partly made of dictionary words (check them against the source)."""
        return sum(1 for c in self.repaired if float(c.fields.get("word_share", 1)) < garble.FULL_REPAIR_SHARE)

    def fields(self) -> dict[str, list[str]]:
        """Metadata captured by boilerplate rules (date, author, source …), in document order."""
        out: dict[str, list[str]] = {}
        for c in self.removed:
            for key, value in c.fields.items():
                out.setdefault(key, []).append(value)
        return out

    def summary(self) -> str:
        """A short report in Chinese."""
        n = self.counts
        parts = [
            f"输入 {self.chars_in} 字、{self.lines_in} 行 → 输出 {self.chars_out} 字、{self.lines_out} 行",
            f"删除版面杂项/广告行 {n['removed']} 行" + (f"(另有 {n['suspect']} 行疑似杂项,已保留并标记)" if n["suspect"] else ""),
            f"删除拼音注音 {n['pinyin']} 处",
            f"修复错位 GBK 乱码 {n['repaired']} 处(其中部分修复 {self.partial_repairs} 处),标记无法修复的乱码 {n['flagged']} 处、缺字 {n['lost_char']} 处",
            f"繁体转简体 {self.converted_chars} 字(原文为{'繁体' if self.script == 'traditional' else '简体'})",
        ]
        return ";".join(parts) + "。"

    def to_frame(self):
        """One row per change (pandas DataFrame)."""
        import pandas as pd

        columns = list(Change.__dataclass_fields__)
        frame = pd.DataFrame([asdict(c) for c in self.all_changes()], columns=columns)
        return frame.astype({"start": "int64", "end": "int64", "clean_start": "Int64", "clean_end": "Int64"})

    def all_changes(self) -> list[Change]:
        """Every change including each complete pinyin note, in input order."""
        notes = [Change("pinyin", "pinyin_note", KIND_LABELS["pinyin"], o, "", a, b) for a, b, o in self.pinyin_notes]
        return sorted(self.changes + notes, key=lambda c: (c.start, c.end))

    def to_dict(self) -> dict:
        """Plain data (JSON-ready); faster than ``dataclasses.asdict`` on thousands of notes."""
        out = {name: getattr(self, name) for name in self.__dataclass_fields__}
        out["changes"] = [{name: getattr(c, name) for name in _CHANGE_FIELDS} for c in self.changes]
        return out

    def __str__(self) -> str:
        return self.summary()


@dataclass
class CleanResult:
    text: str
    report: CleanReport

    def __iter__(self):  # allows ``text, report = gk.clean_text(raw)``
        return iter((self.text, self.report))


class _Pipeline:
    """Runs replacement steps over a text; maps every change's span to the input and the output at the end."""

    def __init__(self, text: str):
        self.input = text
        self.text = text
        self.trail = _edits.Trail()
        self.recorded: list[tuple[int, list[Change]]] = []  # (step whose input the spans refer to, changes)
        self.recorded_spans: list[tuple[int, list[tuple[int, int]], list]] = []

    def replace(self, replacements: list[_edits.Replacement], changes: list[Change]) -> None:
        """Apply replacements; ``changes`` give their spans in the current text."""
        if changes:
            self.recorded.append((len(self.trail.maps), changes))
        self.text, emap = _edits.apply(self.text, replacements)
        self.trail.add(emap)

    def replace_spans(self, spans: list[tuple[int, int]], sink: list) -> None:
        """Delete many spans; ``sink`` receives ``(start, end, original)`` in the input at :meth:`finish`."""
        if not spans:
            return
        self.recorded_spans.append((len(self.trail.maps), spans, sink))
        self.text, emap = _edits.delete(self.text, spans)
        self.trail.add(emap)

    def finish(self) -> None:
        """Fill in input spans, originals and clean spans of all recorded changes."""
        import numpy as np

        trail = self.trail
        for step, changes in self.recorded:
            if len(changes) >= _VECTORISE_FROM:
                starts = np.fromiter((c.start for c in changes), dtype=np.int64, count=len(changes))
                ends = np.fromiter((c.end for c in changes), dtype=np.int64, count=len(changes))
                in_starts = trail.to_input_many(starts, step).tolist()
                in_ends = trail.to_input_many(ends, step, end=True).tolist()
            else:
                in_starts = [trail.to_input(c.start, step) for c in changes]
                in_ends = [trail.to_input(c.end, step, end=True) for c in changes]
            own = trail.maps[step]
            for c, a, b in zip(changes, in_starts, in_ends):
                new_start = own.to_output(c.start) if c.replacement else 0
                c.start, c.end = a, b
                c.original = self.input[a:b]
                c.clean_start = c.clean_end = None
                if c.replacement:
                    x = trail.to_output(new_start, step + 1)
                    y = trail.to_output(new_start + len(c.replacement), step + 1, end=True)
                    if y > x:
                        c.clean_start, c.clean_end = x, y
        for step, spans, sink in self.recorded_spans:
            arr = np.asarray(spans, dtype=np.int64)
            starts = trail.to_input_many(arr[:, 0], step).tolist()
            ends = trail.to_input_many(arr[:, 1], step, end=True).tolist()
            sink.extend((a, b, self.input[a:b]) for a, b in zip(starts, ends))


def _normalise(pipe: _Pipeline, report: CleanReport) -> None:
    reps = [(m.start(), m.end(), "\n" if m.group().startswith("\r") else "") for m in _CONTROL.finditer(pipe.text)]
    report.normalised_chars += sum(1 for r in reps if r[2] == "")
    pipe.replace(reps, [])
    # one-to-one character replacements keep every offset
    for pattern, repl in ((_ODD_SPACE, lambda m: " "), (_FULLWIDTH_ALNUM, lambda m: chr(ord(m.group()) - 0xFEE0))):
        pipe.text, n = pattern.subn(repl, pipe.text)
        report.normalised_chars += n


def _plain_notes(text: str) -> list[tuple[int, int]]:
    """Spans of toneless notes (``村(cun)(cun)``), when the text holds at least MIN_PLAIN_NOTES of them."""
    spans = []
    for m in _PLAIN_NOTE.finditer(text):
        start = m.start()
        before = text[start - 1] if start else ""
        follows_note = bool(spans) and spans[-1][1] == start
        if follows_note or _HAN.match(before):
            spans.append(m.span())
    return spans if len(spans) >= MIN_PLAIN_NOTES else []


def _pinyin(pipe: _Pipeline, report: CleanReport) -> None:
    toned = _TONE.search(pipe.text) is not None
    # complete notes: many per text (one per character in some copies), handled as plain spans
    spans = [m.span() for m in _NOTE.finditer(pipe.text)] if toned else []
    plain = _plain_notes(pipe.text)
    pipe.replace_spans(sorted(spans + plain) if plain else spans, report.pinyin_notes)
    if not toned:
        return
    # notes whose "(" a bad decode ate: ``?xiàng)`` marks a lost character, a bare ``xiàng)`` is dropped
    reps, changes = [], []
    for m in _BROKEN_NOTE.finditer(pipe.text):
        if m.lastgroup == "orphan" and (m.start() == 0 or pipe.text[m.start() - 1].isascii()):
            continue
        lost = m.lastgroup == "lost"
        new = garble.LOST_CHAR if lost else ""
        reps.append((m.start(), m.end(), new))
        kind = "lost_char" if lost else "pinyin"
        label = "注音的括号被乱码吞掉,前一个字已丢失" if lost else "拼音注音(左括号已丢失)"
        changes.append(Change(kind, "pinyin_" + m.lastgroup, label, m.group(), new, m.start(), m.end()))
    pipe.replace(reps, changes)
    report.changes += changes


def _garble(pipe: _Pipeline, report: CleanReport) -> None:
    reps, changes = [], []
    for fix in garble.find_and_repair(pipe.text):
        kind = "repaired" if fix.repaired else "flagged"
        if not fix.repaired:
            label = "疑似错位 GBK 乱码,无法可靠修复," + ("原样保留" if fix.kept else "乱码已换成缺字符号 □")
        elif fix.word_share < garble.FULL_REPAIR_SHARE:
            label = f"错位 GBK 乱码,已移位重新解码,但只有约 {fix.word_share:.0%} 的字构成词语:部分修复,请核对原文"
        else:
            label = "错位 GBK 乱码,已按移位一个字节重新解码"
        if fix.replacement != fix.original:
            reps.append((fix.start, fix.end, fix.replacement))
        fields = {"word_share": f"{fix.word_share:.2f}"} if fix.repaired else {}
        changes.append(Change(kind, "garble_gbk_shift", label, fix.original, fix.replacement, fix.start, fix.end, fields=fields))
    pipe.replace(reps, changes)
    report.changes += changes


def _script(pipe: _Pipeline, report: CleanReport) -> None:
    """Traditional → Simplified where the text is Traditional: every line of a Traditional text, and in a
    Simplified text only the lines holding a Traditional-only character (實, 網 …), so Simplified names
    written with 乾 or 於 stay; names in data/t2s_protected.txt are never converted."""
    before = pipe.text
    if not has_traditional(before):
        return
    total = traditional_only_count(before)
    if total == 0:  # only characters Simplified also writes (乾, 著): nothing to convert
        return
    whole = total > _TRADITIONAL_SHARE * len(before)
    converted_text = to_simplified_passage(before) if whole else ""  # no phrase spans a line break
    if whole and len(converted_text) == len(before):  # one call for the whole text
        changed = _count_differences(before, converted_text)
        pipe.text = converted_text
    else:
        changed = _convert_lines(pipe, before, whole)
    report.converted_chars = changed
    report.script = "traditional" if changed > _TRADITIONAL_SHARE * len(before) else "simplified"


def _convert_lines(pipe: _Pipeline, before: str, whole: bool) -> int:
    """Convert line by line (every line, or those with a Traditional-only character); the characters changed."""
    lines = before.splitlines(keepends=True)
    # protected names never span lines, so a line's count is its share of the total
    counts = [1] * len(lines) if whole else [traditional_only_count(line) for line in lines]
    converted = [to_simplified_passage(line) if n else line for line, n in zip(lines, counts)]
    if all(len(a) == len(b) for a, b in zip(lines, converted)):
        changed = sum(_count_differences(a, b) for a, b in zip(lines, converted))
        pipe.text = "".join(converted)
    else:  # a phrase changed length: record the changed lines as replacements
        reps, pos, changed = [], 0, 0
        for line, new in zip(lines, converted):
            if new != line:
                changed += _count_differences(line, new) if len(new) == len(line) else len(line)
                reps.append((pos, pos + len(line), new))
            pos += len(line)
        pipe.replace(reps, [])
    return changed


def _count_differences(a: str, b: str) -> int:
    if a == b:
        return 0
    import numpy as np

    x = np.frombuffer(a.encode("utf-32-le"), dtype=np.uint32)
    y = np.frombuffer(b.encode("utf-32-le"), dtype=np.uint32)
    return int((x != y).sum())


def _inline_spam(pipe: _Pipeline, report: CleanReport) -> None:
    spans = inline_spam.find_spans(pipe.text)
    changes = [Change("removed", s.rule, s.label, pipe.text[s.start : s.end], "", s.start, s.end) for s in spans]
    pipe.replace([(s.start, s.end, "") for s in spans], changes)
    report.changes += changes


def _boilerplate(pipe: _Pipeline, report: CleanReport, rules, chrome: bool, furniture=None, keys: bool = False):
    reps, changes = [], []
    scan = boilerplate.scan_page(pipe.text, rules, model=chrome, furniture=furniture, keys=keys)
    for hit in scan.removed:
        reps.append((hit.start, hit.end, ""))
        original = pipe.text[hit.start : hit.end]
        changes.append(Change("removed", hit.rule.id, hit.rule.label, original, "", hit.start, hit.end,
                              fields=hit.fields, score=_rounded(hit.score)))
        if hit.rule.genre_hint:
            report.genre_hints.append(hit.rule.genre_hint)
    for hit in scan.suspects:  # kept: the replacement is the line itself
        original = pipe.text[hit.start : hit.end]
        changes.append(Change("suspect", hit.rule.id, hit.rule.label, original, original, hit.start, hit.end, score=_rounded(hit.score)))
    pipe.replace(reps, changes)
    report.changes += changes
    return scan.line_keys


def _rounded(score: float | None) -> float | None:
    return None if score is None else round(score, 3)


def _whitespace(pipe: _Pipeline) -> None:
    """Trim lines, squeeze runs of spaces to one, drop blank lines: one paragraph per line."""
    reps = [(m.start(), m.end(), "\n" if "\n" in m.group() else " ") for m in _WHITESPACE_RUN.finditer(pipe.text)]
    pipe.replace(reps, [])
    text = pipe.text
    stripped = text.strip(" \t\n")
    if len(stripped) != len(text):
        head = len(text) - len(text.lstrip(" \t\n"))
        ends = [(0, head, "")] if head else []
        if head + len(stripped) < len(text):
            ends.append((head + len(stripped), len(text), ""))
        if not stripped:
            ends = [(0, len(text), "")]
        pipe.replace(ends, [])


_PREPARE = (_normalise, _garble, _pinyin, _script, _inline_spam)  # the steps before the boilerplate step, in order


def prepare_text(text: str) -> str:
    """The text as the boilerplate step sees it: normalised, repaired, without pinyin notes, in Simplified."""
    pipe, report = _Pipeline(text), CleanReport()  # the report is not returned
    for step in _PREPARE:
        step(pipe, report)
    return pipe.text


def clean_text(text: str, *, rules=None, chrome: bool = True, furniture: dict[int, int] | None = None) -> CleanResult:
    """Clean one text: remove page furniture and pinyin notes, repair mojibake, convert to Simplified.

    Parameters
    ----------
    text : str
        Decoded text (see :func:`governance_kit.read_document` for files and bytes).
    rules : tuple of Rule, optional
        Boilerplate rules (default: ``data/boilerplate.yaml``; see :func:`governance_kit.clean.boilerplate.load_rules`).
    chrome : bool, default True
        Also remove short lines that the learned chrome model (:mod:`governance_kit.clean.chrome`) scores
        as page furniture, and flag those it doubts; ``False`` runs the rules alone.
    furniture : dict, optional
        Lines recurring across the files of the text's folder (:mod:`governance_kit.clean.furniture`
        key → number of files): a line the chrome model doubts is removed when it recurs in three files
        or more. :func:`governance_kit.load_corpus` and the pipeline fill this in per folder.

    Returns
    -------
    CleanResult
        ``.text`` the clean Simplified text (one paragraph per line) and ``.report`` the CleanReport.

    Examples
    --------
    >>> import governance_kit as gk
    >>> gk.clean_text("城市基層治理法治化的實(shí)現(xiàn)路徑").text
    '城市基层治理法治化的实现路径'
    """
    if not isinstance(text, str):
        raise TypeError(f"clean_text 需要字符串(str),收到的是 {type(text).__name__};文件请用 gk.read_document 读取")
    return clean_and_survey(text, rules=rules, chrome=chrome, furniture=furniture)[0]


def clean_and_survey(text: str, *, rules=None, chrome: bool = True, furniture=None, keys: bool = False):
    """:func:`clean_text`, and with ``keys`` the furniture keys of the prepared text's candidate lines
    (:func:`governance_kit.clean.furniture.text_keys` of :func:`prepare_text`, computed on the way)."""
    report = CleanReport(chars_in=len(text), lines_in=text.count("\n") + 1 if text else 0)
    pipe = _Pipeline(text)
    for step in _PREPARE:
        step(pipe, report)
    line_keys = _boilerplate(pipe, report, rules, chrome, furniture, keys)
    _whitespace(pipe)
    pipe.finish()
    for change in report.changes:  # what the change left, as it reads in the cleaned text
        if change.clean_start is not None:
            change.replacement = pipe.text[change.clean_start : change.clean_end]
    report.chars_out = len(pipe.text)
    report.lines_out = pipe.text.count("\n") + 1 if pipe.text else 0
    report.changes.sort(key=lambda c: (c.start, c.end))
    return CleanResult(pipe.text, report), line_keys
