"""Dates: those of file metadata (HTML meta tags, PDF document info, Markdown front matter) in ISO
form, and the date a document states in its own lines (a date line under the title, a signature date).
"""
from __future__ import annotations

import re

__all__ = ["normalise_date", "stated_date"]

_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2}))?")
_DATE_COMPACT = re.compile(r"(?:D:)?(\d{4})(\d{2})?(\d{2})?")
# RFC 2822 (e-mail, RSS, blog front matter): "Sat, 05 Mar 2022 07:52:05 GMT"
_RFC2822 = re.compile(r"^(?:[A-Z][a-z]{2},\s*)?\d{1,2}\s+[A-Z][a-z]{2}\s+\d{4}\b")


def normalise_date(value: str) -> str:
    """'2023年5月22日' / '2023/05/22 10:30' / 'D:20230522…' / 'Sat, 05 Mar 2022 07:52:05 GMT' →
    ISO form ('2023-05-22'); otherwise unchanged."""
    value = value.strip()
    if _RFC2822.match(value):
        from email.utils import parsedate

        parsed = parsedate(value)
        if parsed:
            return f"{parsed[0]:04d}-{parsed[1]:02d}-{parsed[2]:02d}"
    m = _DATE.search(value) or _DATE_COMPACT.match(value)
    if not m:
        return value
    parts = [m.group(1)] + [g.zfill(2) for g in m.groups()[1:] if g]
    return "-".join(parts)


# --- dates a document states -------------------------------------------------------------------------
# Chinese numerals as 公文 write a signature date: 二〇二四年三月五日
_HAN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0, "O": 0, "o": 0}
_HAN_YEAR = "〇零○ＯOo一二三四五六七八九"
_HAN_DAY = "一二三四五六七八九十"
_FULL_DATE = (rf"(?:(?P<y>\d{{4}})\s*年\s*(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*日"
              rf"|(?P<hy>[{_HAN_YEAR}]{{4}})\s*年\s*(?P<hm>[{_HAN_DAY}]{{1,2}})\s*月\s*(?P<hd>[{_HAN_DAY}]{{1,3}})\s*日"
              rf"|(?P<iy>\d{{4}})[-./](?P<im>\d{{1,2}})[-./](?P<id>\d{{1,2}}))")
# A line that is a date and no more than a date: alone or in brackets, a speech's "——2019年1月26日在…会议上",
# a law's "(2019年1月26日 …会议通过)", "发布日期：2024年3月5日"
_DATE_LINE = re.compile(
    rf"^\s*(?:(?:发布|印发|成文|公布)(?:日期|时间)\s*[:：]\s*)?[—－\-–]*\s*[（(]?\s*{_FULL_DATE}\s*"
    rf"(?:[）)]?\s*$|[^\n]{{0,80}}?(?:会议|大会|常务会议|会)上(?:的(?:讲话|报告|发言))?\s*[）)]?\s*$"
    rf"|[^\n]{{0,80}}?(?:通过|批准|公布|发布|印发|施行|修正|修订)\s*[）)]?\s*$)")


def date_number(text: str) -> int | None:
    """A number as dates write it: Arabic digits, Chinese digits one by one (二〇一九 → 2019) or with
    十 (十二 → 12, 二十五 → 25, 三十一 → 31); None when ``text`` is none of these.

    >>> date_number("2019"), date_number("二〇一九"), date_number("三十一"), date_number("十"), date_number("十十")
    (2019, 2019, 31, 10, None)
    """
    if text.isascii() and text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        if any(part and part not in _HAN_DIGIT for part in (tens, ones)):
            return None
        return (_HAN_DIGIT[tens] if tens else 1) * 10 + (_HAN_DIGIT[ones] if ones else 0)
    if text and all(c in _HAN_DIGIT for c in text):
        return int("".join(str(_HAN_DIGIT[c]) for c in text))
    return None


def _iso(m: re.Match) -> str | None:
    if m.group("y"):
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    elif m.group("hy"):
        y, mo, d = (date_number(m.group(g)) or 0 for g in ("hy", "hm", "hd"))
    else:
        y, mo, d = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
    if 1900 <= y <= 2100 and 1 <= mo <= 12 and 1 <= d <= 31:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def stated_date(lines: list[str], *, head: int = 12, tail: int = 8) -> tuple[str, str] | None:
    """The date a document states on a line of its own: ``(iso_date, line)`` or None.

    Looked for among the first ``head`` non-blank lines (a date under the title, a speech's
    "——2019年1月26日在…会议上", a law's "(…通过)" line), then among the last ``tail`` (the date
    under a signature). A date inside a sentence is not the document's date and is never taken.

    >>> stated_date(["关于做好网格工作的通知", "各乡镇：", "……", "县人民政府办公室", "二〇二四年三月五日"])
    ('2024-03-05', '二〇二四年三月五日')
    >>> stated_date(["政府工作报告", "——2023年3月5日在第十四届全国人民代表大会第一次会议上"])[0]
    '2023-03-05'
    >>> stated_date(["2023年全县新增网格员120名。"]) is None
    True
    """
    filled = [ln for ln in lines if ln.strip()]
    for candidates in (filled[:head], filled[-tail:][::-1]):
        for line in candidates:
            if len(line) > 120:
                continue
            m = _DATE_LINE.match(line)
            if m:
                iso = _iso(m)
                if iso:
                    return iso, line.strip()
    return None
