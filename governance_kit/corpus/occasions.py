"""What the opening lines of speeches, work reports and laws state about their occasion: the meeting
line (``——2019年1月26日在某市第十六届人民代表大会第三次会议上``), the speaker line (``市长 王某某``) and a
law's notes (``（2018年3月11日第十三届全国人民代表大会第一次会议通过）``, 修正, 公布, 施行).

Dates may be written in Arabic or Chinese numerals (``二〇一九年一月二十六日``); all come out as ISO dates.
"""
from __future__ import annotations

import re

from ..io.dates import date_number
from .names import is_name
from .vocabulary import current as vocabulary

__all__ = ["iso_date", "law_notes", "meeting_line", "speaker_line"]

_YEAR = r"\d{4}|[〇○Ｏ零一二三四五六七八九]{4}"
_SMALL = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
DATE = rf"(?:{_YEAR})\s*年\s*(?:{_SMALL})\s*月\s*(?:{_SMALL})\s*日"
_DATE = re.compile(rf"(?P<y>{_YEAR})\s*年\s*(?P<m>{_SMALL})\s*月\s*(?P<d>{_SMALL})\s*日"
                   rf"|(?P<y2>\d{{4}})\s*[-/.]\s*(?P<m2>\d{{1,2}})\s*[-/.]\s*(?P<d2>\d{{1,2}})(?!\d)")
_DASH = r"[\-—―－─–~～]"
_OCCASION = r"(?:会议|大会|常委会|会|典礼|仪式|论坛|培训班|研讨班|座谈会|开幕式|闭幕式|报告会|推进会|现场会|动员会)"
_MORE_DAYS = r"(?:\s*[和、至及\-—~～]\s*(?:\d{1,2}\s*月\s*)?\d{1,2}\s*日)?"  # 12月21日和22日
_MEETING = re.compile(
    rf"^(?P<lead>{_DASH}*\s*[(（]?)\s*(?:(?P<date>{DATE}){_MORE_DAYS})?\s*(?P<meeting>在(?:(?!在).){{2,70}}?{_OCCASION}(?:上|开幕式上|闭幕式上))"
    rf"(?:的(?:讲话|发言|报告|致辞|工作报告))?\s*[)）]?(?:\s*(?P<speaker>\S.{{1,40}}))?$")
_DIGIT_SPACE = re.compile(r"(?<=\d)\s+(?=[\d年月日])|(?<=[年月])\s+(?=\d)")
_OPEN_MEETING = re.compile(rf"^{_DASH}*\s*[(（]?\s*(?:{DATE})?\s*在[\u4e00-\u9fff\d]{{2,40}}$")
_LAW_EVENT = re.compile(
    rf"(?P<date>{DATE})(?P<what>(?:(?!(?:{_YEAR})\s*年).){{0,80}}?)(?P<verb>通过|修正|修订|公布|施行|批准|发布|颁布)")
_VERB_FIELD = {"通过": "adopted", "批准": "adopted", "修正": "amended", "修订": "amended", "公布": "promulgated",
               "发布": "promulgated", "颁布": "promulgated", "施行": "effective"}


def iso_date(value: str | None) -> str | None:
    """The first date in ``value`` as ``YYYY-MM-DD`` (Arabic or Chinese numerals); None if none is valid.

    >>> iso_date("2023年05月22日"), iso_date("2019-03-23 01:17"), iso_date("二〇一九年一月二十六日"), iso_date("网格1993个")
    ('2023-05-22', '2019-03-23', '2019-01-26', None)
    """
    if not value:
        return None
    for m in _DATE.finditer(str(value)):
        y, mo, d = (m.group("y"), m.group("m"), m.group("d")) if m.group("y") else (m.group("y2"), m.group("m2"), m.group("d2"))
        year, month, day = (date_number(part) or 0 for part in (y, mo, d))
        if 1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def opens_meeting(line: str) -> bool:
    """The first half of a meeting line broken in two (``——2026年1月26日在某省第十四届``)."""
    return bool(_OPEN_MEETING.match(line)) and not line.endswith("上")


def meeting_line(line: str) -> dict | None:
    """``{'date', 'meeting'}`` of a line such as ``——2019年1月26日在某市第十六届人民代表大会第三次会议上``.

    >>> meeting_line("——2019年1月26日在某市第十六届人民代表大会第三次会议上")
    {'date': '2019-01-26', 'meeting': '某市第十六届人民代表大会第三次会议'}
    >>> meeting_line("2026年1月27日在某省第十四届人民代表大会第四次会议上 某省省长 王某")["speaker"]
    {'role': '某省省长', 'name': '王某'}
    """
    line = _DIGIT_SPACE.sub("", line.strip())  # 1 9 9 8 年3 月5 日
    m = _MEETING.match(line)
    if not m or len(line) > 110 or not (m.group("date") or m.group("lead").strip()):
        return None  # 在……会议上的讲话 without a date or a dash is a title
    found = {"date": iso_date(m.group("date")), "meeting": re.sub(r"^在|(?:开幕式|闭幕式)?上$", "", m.group("meeting"))}
    if m.group("speaker"):
        speaker = speaker_line(m.group("speaker"))
        if speaker is None:
            return None
        found["speaker"] = speaker
    return found


def speaker_line(line: str) -> dict | None:
    """``{'role', 'name'}`` of a line such as ``某市人民政府市长 王某某`` or ``省长　王某``.

    >>> speaker_line("某市人民政府市长 王某某")
    {'role': '某市人民政府市长', 'name': '王某某'}
    """
    line = re.sub(r"[?？�]+", " ", line).strip()  # a space lost in decoding (国务院总理?李某)
    if len(line) > 45 or re.search(r"[，,。：:；;！？!?“”《》\d]", line):
        return None
    m = vocabulary().speaker_pattern.match(line)
    if not m:
        return None
    name = re.sub(r"\s+", "", m.group("name"))
    if not (2 <= len(name) <= 6 or "·" in name) or len(name) > 16:
        return None
    glued = not re.search(r"\s", line[m.start("name") - 1: m.start("name") + 1])
    if glued and not is_name(name):
        return None  # 优秀党支部书记风采录: an office title inside a phrase, not a speaker line
    return {"role": m.group("role"), "name": name}


def law_notes(line: str) -> dict[str, str] | None:
    """The dates of a law's notes line: adopted, amended (the last amendment), promulgated, effective.

    >>> law_notes("（2018年3月11日第十三届全国人民代表大会第一次会议通过）")
    {'adopted': '2018-03-11'}
    """
    text = line.strip()
    wrapped = text[:1] in "(（" and text[-1:] in ")）"
    if not wrapped and not re.match(rf"^(?:{DATE}|根据)", text):
        return None
    found: dict[str, str] = {}
    for m in _LAW_EVENT.finditer(text):
        field = _VERB_FIELD[m.group("verb")]
        date = iso_date(m.group("date"))
        if date and (field == "amended" or field not in found):
            found[field] = date
    if not found:
        return None
    if not wrapped and len(_LAW_EVENT.sub("", text).strip(" ，,。；;")) > 12:
        return None  # a sentence that happens to hold a date and 通过, not a notes line
    return found
