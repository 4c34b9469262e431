"""The opening lines of a document: what each line before the first body paragraph is, and the title.

Every line of the head is given a kind — ``chrome`` (buttons, breadcrumbs, toolbars), ``label``
(``来源:``, ``关键词:``, ``标题:`` …), ``date``, ``issue`` (``某刊 2008年6期``), ``names`` (bylines, author
lists, ``张三(某大学,某省 某市 100000)``), ``affiliation``, ``organisation``, ``caption`` (``(资料图)``),
``section`` (``第一章 总 则``, ``一、…``), ``meeting`` and ``speaker`` (speeches, work reports), ``law``
(``(…会议通过)``), ``keywords``, ``salutation`` (``各位代表:``), ``subtitle`` (``——以…为例``), ``body``
or ``candidate`` — a short line without sentence punctuation that may be the title.

The title is the longest run of candidates (a subtitle line after it attached); in a run the last line
is the title and those before it the kicker (引题). The run right above a meeting line or a law's
notes is the document's own title and wins over a longer page headline; a ``标题:`` line wins over all.
Which lines are chrome is decided by ``is_chrome(line) -> bool``, by default :func:`is_chrome_line`;
a better model of page chrome can be plugged in. Metadata a file states elsewhere (front matter,
``<meta>``) is weighed in :mod:`.meta`, not here.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..clean.boilerplate import is_body_line
from .chrome import is_chrome_line
from .names import looks_like_names, names_only, parse_byline, split_names
from .occasions import DATE, iso_date, law_notes, meeting_line, opens_meeting, speaker_line
from .vocabulary import current as vocabulary

__all__ = ["HeadLine", "Opening", "is_chrome_line", "read_opening"]

HEAD_LINES = 40  # lines looked at before the body must have begun
TAIL_LINES = 10  # lines at the end searched for a byline when the head has none
_HAN = re.compile(r"[\u4e00-\u9fff]")
_SENTENCE_END = "。；;…"
_INNER_SENTENCE = re.compile(r"[。！？!?；;](?=.{2,})")
_DATE_TIME = re.compile(rf"(?:{DATE}|\d{{4}}\s*[-/.]\s*\d{{1,2}}\s*[-/.]\s*\d{{1,2}})(?:\s*\d{{1,2}}[:：]\d{{2}}(?:[:：]\d{{2}})?)?"
                        r"(?:\s*(?:星期|周)[一二三四五六日天]?)?")
_ISSUE = re.compile(r"^《?(?P<source>[\u4e00-\u9fff]{2,16})?》?\s*(?:(?P<year>\d{4})\s*年)?\s*第?\s*"
                    r"(?P<issue>\d{1,3}|[一二三四五六七八九十]{1,3})\s*期$")
_SECTION = re.compile(r"^(?:第[一二三四五六七八九十百零〇\d]+[章编节部分篇卷]|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]"
                      r"|\d{1,2}(?:\.\d{1,2})*\s+[\u4e00-\u9fff]|\d{1,2}[、．]|(?:总|附|前|引|序|导|结)\s*(?:则|言|论|语)$|目\s*录$)")
_SALUTATION = re.compile(r"^(?:各位|同志们|尊敬的|亲爱的|女士们|先生们|朋友们|大家好)[^。！？]{0,30}[:：!！]?$|^[\u4e00-\u9fff、]{2,30}[:：]$")
_KEYWORD_LIST = re.compile(r"^[^;；，,。:：]{2,20}(?:[;；][^;；，,。:：]{2,20}){2,}[;；]?$")
_POSTCODE = re.compile(r"\b\d{6}\b")
_PARENS = re.compile(r"^[(（](?P<inner>[^()（）]+)[)）]$")
_CAPTION_CREDIT = re.compile(r"(?:[。.]\s*\S{0,20}(?:记者|通讯员)\s*\S{0,12}|(?:供图|摄影?|资料图|配图|截图)[)）]?)$")
_NOTE_END = re.compile(r"[。.]$")
_DASHES = "—―－─–~～-"
_DASH_RUN = re.compile(r"\s*[—―－─–~～-]{2}")
_TAG = re.compile(r"^[【\[](?P<tag>[^】\]]{1,8})[】\]]\s*(?=\S{4,})")
_WHO_TITLE = re.compile(r"^(?P<who>[\u4e00-\u9fff·]{2,4})\s*[:：]\s*(?P<title>.{4,})$")
_BARE_REPORT = re.compile(r"^(?P<year>\d{4}年)?(?P<rest>(?:政府|人民政府)工作报告)$")
_DATELINE = re.compile(r"^(?:新华社|中新社|本报|本刊|人民网|新华网|央视网|[\u4e00-\u9fff]{2,8}(?:网|报|台|社|客户端))?"
                       r"[\u4e00-\u9fff]{0,6}(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:电|讯|消息)$")
_FULL_TEXT = re.compile(r"^《(?P<title>[^》]{4,80})》(?:全文|原文)(?:如下)?[:：。]?$")


@dataclass
class HeadLine:
    """One opening line: its position, text (as in the cleaned text), kind and what it states."""

    index: int
    text: str
    kind: str
    data: dict = field(default_factory=dict)


@dataclass
class Opening:
    """What the opening lines of a document state (see the module docstring)."""

    title: str | None = None
    kicker: str | None = None
    subtitle: str | None = None
    authors: list[str] = field(default_factory=list)
    credited: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)  # labelled values: source, keywords, abstract …
    dates: dict[str, str] = field(default_factory=dict)  # ISO dates by kind: meeting, adopted, written, head …
    meeting: str | None = None
    speaker: str | None = None
    speaker_role: str | None = None
    issuers: list[str] = field(default_factory=list)  # organisation lines (the bodies issuing a document)
    lines: list[HeadLine] = field(default_factory=list)

    def kinds(self) -> list[str]:
        return [h.kind for h in self.lines]


def _core(line: str) -> tuple[str, str | None]:
    """The line without Markdown heading marks and a leading ``【栏目】`` tag (returned apart)."""
    s = line.strip().lstrip("#").strip()
    m = _TAG.match(s)
    if m and not vocabulary().label_pattern.match(s):
        return s[m.end():].strip(), m.group("tag")
    return s, None


def _labels(core: str) -> dict[str, str] | None:
    """``{field: value}`` of a line made of ``label: value`` segments; None if it does not start with one."""
    vocab = vocabulary()
    first = vocab.label_pattern.match(core)
    if not first:
        return None
    marks = [first] + [m for m in vocab.label_anywhere.finditer(core) if m.start() >= first.end()]
    fields: dict[str, str] = {}
    for mark, nxt in zip(marks, marks[1:] + [None]):
        name = re.sub(r"\s+", "", next((g for g in mark.groupdict().values() if g), ""))
        value = core[mark.end(): nxt.start() if nxt else len(core)].strip(" \t|｜•·")
        key = vocab.labels.get(name, "other")
        if value and key not in fields:
            fields[key] = value
    return fields or {"empty": ""}


def _date_line(core: str) -> dict | None:
    """A line that is a date (and time), perhaps with names or a unit before or after it."""
    if len(core) > 60:
        return None
    m = _DATE_TIME.search(core)
    if not m:
        return None
    rest = (core[: m.start()] + " " + core[m.end():]).strip()
    if len(rest) > 24 or re.search(r"[。，,！？!?“”]", rest):
        return None
    data = {"date": iso_date(m.group())}
    names = names_only(rest) if rest else []
    if names:
        data["authors"] = names
    elif rest and vocabulary().organisation_pattern.match(rest):
        data["source"] = rest
    return data


def _affiliation(inner: str) -> bool:
    vocab = vocabulary()
    return bool(_POSTCODE.search(inner) or any(inner.rstrip(" ,，").split(",")[0].split("，")[0].endswith(o) for o in vocab.organisations)
                or re.search(r"(大学|学院|党校|研究院|研究所|研究中心)", inner))


def _names_with_unit(core: str) -> dict | None:
    """``张三 李四(某大学,某省 某市 100000)`` or ``中共某县委党校 张三``."""
    m = re.match(r"^(?P<names>[^()（）]{2,30})[(（](?P<unit>[^()（）]{2,60})[)）]$", core)
    if m and _affiliation(m.group("unit")):
        names = split_names(m.group("names"), strict=True)
        if names and looks_like_names(" ".join(names)):
            return {"authors": names, "affiliation": m.group("unit").strip()}
    m = re.match(r"^(?P<unit>\S{4,30})\s+(?P<names>[\u4e00-\u9fff·\s]{2,12}?)\s*(?:[(（](?:执笔|整理|撰稿|供稿|主笔)[)）])?$", core)
    if m and (vocabulary().organisation_pattern.match(m.group("unit")) or _affiliation(m.group("unit"))):
        names = split_names(m.group("names"))
        if names:
            return {"authors": names, "affiliation": m.group("unit")}
    return None


def _is_body(core: str) -> bool:
    n = len(core)
    if n > 90 or core[-1:] in _SENTENCE_END:
        return True
    if n >= 16 and _INNER_SENTENCE.search(core):
        return True
    return (n >= 40 and len(re.findall(r"[，,]", core)) >= 2) or (is_body_line(core) and core[-1:] not in "!！?？")


def _caption(core: str) -> bool:
    m = _PARENS.match(core)
    if m:
        inner = m.group("inner")
        return len(inner) <= 30 and not _affiliation(inner)
    return len(core) <= 90 and bool(_CAPTION_CREDIT.search(core)) and bool(re.search(r"[。(（]|记者|通讯员", core))


def _candidate(core: str) -> dict | None:
    """A title-like line: short, mostly Han, without sentence-final punctuation; trailing date and ``*`` removed."""
    data: dict = {}
    if core[:1] in "•·▪◆●■□-*":
        return None  # an item of a list (• 投稿 …), never a title
    m = re.search(rf"\s+({_DATE_TIME.pattern})$", core)
    if m:
        data["date"] = iso_date(m.group(1))
        core = core[: m.start()].rstrip()
    core = core.rstrip("*＊ ")
    han = len(_HAN.findall(core))
    if han < 3 or len(core) < 4 or len(core) > 80 or han < 0.6 * len(re.sub(r"\s", "", core)):
        return None
    if core[-1:] in "，,、:：" or (core[-1:] in "!！?？" and len(core) > 45):
        return None
    data["title"] = core
    return data


def _read(line: str, core: str, readers) -> HeadLine | None:
    """The first ``(kind, reader)`` whose reader finds something in ``core``, as a HeadLine."""
    for kind, reader in readers:
        found = reader(core)
        if found:
            return HeadLine(0, line, kind, found)
    return None


def classify(line: str, *, is_chrome: Callable[[str], bool] = is_chrome_line) -> HeadLine:
    """The kind of one opening line (index 0; see the module docstring for the kinds)."""
    core, tag = _core(line)
    if not core or not re.search(r"[\u4e00-\u9fffA-Za-z]", core):
        return HeadLine(0, line, "blank")
    if is_chrome(line.strip()) or is_chrome(core):
        return HeadLine(0, line, "chrome")
    read = _read(line, core, (("meeting", meeting_line), ("law", law_notes)))
    if read:
        return read
    labels = _labels(core)
    if labels is not None:
        authors = labels.get("author")
        if authors is not None and not names_only(authors):
            return HeadLine(0, line, "body" if _is_body(core) else "turn")  # 记者:为什么…? is a question
        return HeadLine(0, line, "label", labels)
    read = _read(line, core, (("date", _date_line), ("names", _names_with_unit)))
    if read:
        return read
    if _DATELINE.match(core):
        return HeadLine(0, line, "dateline")
    m = _ISSUE.match(core)
    if m:
        return HeadLine(0, line, "issue", {k: v for k, v in m.groupdict().items() if v})
    m = _PARENS.match(core)
    if m and _affiliation(m.group("inner")):
        return HeadLine(0, line, "affiliation", {"affiliation": m.group("inner").strip()})
    if _caption(core):
        return HeadLine(0, line, "caption")
    read = _read(line, core, (("speaker", speaker_line),))
    if read:
        return read
    byline = parse_byline(core)
    if byline:
        return HeadLine(0, line, "names", {"authors": byline[0], "credited": byline[1]})
    if looks_like_names(core):
        return HeadLine(0, line, "names", {"authors": names_only(core)})
    if _SECTION.match(core):
        return HeadLine(0, line, "section")
    if _SALUTATION.match(core):
        return HeadLine(0, line, "salutation")
    if _KEYWORD_LIST.match(core):
        return HeadLine(0, line, "keywords", {"keywords": core})
    if core[:1] in _DASHES and len(core.lstrip(_DASHES)) >= 4 and not _is_body(core.lstrip(_DASHES)):
        return HeadLine(0, line, "subtitle", {"subtitle": core.lstrip(_DASHES).strip()})
    if _is_body(core):
        return HeadLine(0, line, "body")
    if vocabulary().organisation_pattern.match(core) and not core.startswith("关于"):
        return HeadLine(0, line, "organisation", {"organisation": core})
    found = _candidate(core)
    parts = _DASH_RUN.split(core, maxsplit=1)
    if len(parts) == 2 and meeting_line("——" + parts[1]):
        found = _candidate(parts[0])  # 政府工作报告 ——2010年3月5日在…会议上
        if found:
            found.update(meeting_line("——" + parts[1]))
    if found:
        if tag:
            found["tag"] = tag
        return HeadLine(0, line, "candidate", found)
    return HeadLine(0, line, "other")


def _head(text: str, is_chrome) -> list[HeadLine]:
    """The classified lines before the first body paragraph (notes before the title skipped)."""
    raw = text.split("\n", HEAD_LINES + 1)[:HEAD_LINES]
    head: list[HeadLine] = []
    i = 0
    while i < len(raw):
        line = raw[i]
        if i + 1 < len(raw) and opens_meeting(line.strip()) and raw[i + 1].strip().endswith(("上", "上）", "上)")):
            line = line.strip() + raw[i + 1].strip()  # a meeting line broken in two
            i += 1
        h = classify(line, is_chrome=is_chrome)
        h.index = i
        if h.kind == "body" and not any(x.kind == "candidate" for x in head) and _is_note(line):
            h.kind = "note"
        head.append(h)
        if h.kind in ("body", "turn", "salutation", "section"):
            break
        i += 1
    return head


def _is_note(line: str) -> bool:
    s = line.strip()
    return s.startswith("#") or any(s.startswith(m) for m in vocabulary().note_markers) and bool(_NOTE_END.search(s))


def _choose_title(head: list[HeadLine]) -> tuple[str | None, str | None, str | None]:
    """``(title, kicker, subtitle)``: the longest run of candidates (its last line the title)."""
    groups: list[dict] = []
    previous = None
    for h in head:
        if h.kind == "candidate":
            text = h.data["title"]
            if previous == "candidate" and groups and groups[-1]["subtitle"] is None:
                if groups[-1]["lines"][-1] != text:
                    groups[-1]["lines"].append(text)
            else:
                groups.append({"lines": [text], "subtitle": None, "stated": False})
            if h.data.get("meeting"):
                groups[-1]["stated"] = True
        elif h.kind == "subtitle" and previous == "candidate" and groups:
            groups[-1]["subtitle"] = h.data["subtitle"]
        elif h.kind in ("meeting", "law") and previous in ("candidate", "subtitle") and groups:
            groups[-1]["stated"] = True  # the title a meeting line or a law's notes stand under
        previous = h.kind
    if not groups:
        return None, None, None
    for g in groups:  # a title printed again split over two lines: keep the whole line only
        g["lines"] = [x for x in g["lines"] if not any(x != y and x in y for y in g["lines"])]
    stated = [g for g in groups if g["stated"]]
    best = stated[0] if stated else max(groups, key=lambda g: len(g["lines"][-1]) + len(g["subtitle"] or ""))
    kicker = "".join(best["lines"][:-1]) or None
    return best["lines"][-1], kicker, best["subtitle"]


def _place_of_meeting(meeting: str) -> str | None:
    """``某省第十四届人民代表大会第四次会议`` → ``某省``; None for a national meeting."""
    m = re.match(r"^(?P<place>[\u4e00-\u9fff]{1,20}?(?:省|市|自治区|自治州|州|地区|盟|县|自治县|区|旗|镇|乡|街道))"
                 r"(?:第[一二三四五六七八九十百\d]+届|人民代表大会|人大)", meeting)
    return m.group("place") if m and "全国" not in m.group("place") else None


def read_opening(text: str, *, is_chrome: Callable[[str], bool] | None = None) -> Opening:
    """Read the opening (and, for bylines, the closing) lines of a cleaned text.

    >>> o = read_opening("政府工作报告\\n——2019年1月26日在某市第十六届人民代表大会第三次会议上\\n市长 王某某\\n各位代表:")
    >>> o.title, o.dates["meeting"], o.meeting, o.speaker
    ('某市政府工作报告', '2019-01-26', '某市第十六届人民代表大会第三次会议', '王某某')
    """
    is_chrome = is_chrome or is_chrome_line
    head = _head(text, is_chrome)
    out = Opening(lines=head)
    for h in head:
        _collect(out, h)
    if out.meeting and out.speaker is None:  # 毛某某 alone under the meeting line
        after = [h for h in head if h.kind == "names" and h.index > min(x.index for x in head if x.kind in ("meeting", "candidate"))]
        if after and len(after[0].data.get("authors", [])) == 1:
            out.speaker = after[0].data["authors"][0]
    out.title, out.kicker, out.subtitle = _choose_title(head)
    if out.fields.get("title"):
        out.title, out.kicker, out.subtitle = out.fields["title"], None, None
    if out.title is None:
        out.title = _title_from_body(text)
    if out.title:
        m = _WHO_TITLE.match(out.title)  # "张三:推进基层治理" — the byline repeated before the title
        if m and (m.group("who") in out.authors or (not out.authors and looks_like_names(m.group("who"))
                                                     and not re.search(r"[省市县区镇乡村旗]$", m.group("who")))):
            out.title = m.group("title")
            out.authors = out.authors or [m.group("who")]
        bare = _BARE_REPORT.match(out.title)
        place = _place_of_meeting(out.meeting) if out.meeting else None
        if bare and place:
            out.title = f"{bare.group('year') or ''}{place}{bare.group('rest')}"
    if not out.authors:
        out.authors = [out.speaker] if out.speaker else (_body_byline(text, head) or _tail_byline(text))
    return out


def _collect(out: Opening, h: HeadLine) -> None:
    """Add what one classified line states to ``out``."""
    data = h.data
    if data.get("meeting"):  # a meeting line, or a title with the meeting after it
        out.meeting = out.meeting or data["meeting"]
        if data.get("date"):
            out.dates.setdefault("meeting", data["date"])
        if data.get("speaker") and out.speaker is None:
            out.speaker, out.speaker_role = data["speaker"]["name"], data["speaker"]["role"]
        return
    if h.kind == "law":
        for key, value in data.items():
            if key == "amended" or key not in out.dates:
                out.dates[key] = value
    elif h.kind == "speaker":
        if out.speaker is None:
            out.speaker, out.speaker_role = data["name"], data["role"]
    elif h.kind == "label":
        for key, value in data.items():
            if key == "author":
                out.authors += [n for n in names_only(value) if n not in out.authors]
            elif key in ("date", "written", "promulgated", "effective", "received"):
                if iso_date(value):
                    out.dates.setdefault("head" if key == "date" else key, iso_date(value))
            elif key not in out.fields and value:
                out.fields[key] = value
    elif h.kind in ("date", "names", "affiliation", "issue", "keywords", "organisation", "candidate"):
        if data.get("date"):
            out.dates.setdefault("head", data["date"])
        out.authors += [n for n in data.get("authors", []) if n not in out.authors]
        out.credited += [n for n in data.get("credited", []) if n not in out.credited]
        if data.get("organisation") and data["organisation"] not in out.issuers:
            out.issuers.append(data["organisation"])
        for key in ("affiliation", "source", "keywords", "issue"):
            if data.get(key) and key not in out.fields:
                out.fields[key] = data[key]
    elif h.kind == "chrome":
        date = iso_date(h.text) if _DATE_TIME.match(h.text.strip()) else None
        if date:
            out.dates.setdefault("head", date)


def _title_from_body(text: str) -> str | None:
    """A reposted document announced in its first lines: ``《关于…的意见》全文如下。``"""
    for line in text.split("\n", 4)[:4]:
        m = _FULL_TEXT.match(line.strip())
        if m:
            return m.group("title")
    return None


_INLINE_BYLINE = re.compile(r"[(（](?:(?:本报|本刊)?(?:记者|通讯员)\s*(?P<a>[\u4e00-\u9fff·\s、]{2,20})|(?P<b>[\u4e00-\u9fff·\s、]{2,12})\s*(?:文|文/图|文／图|报道))[)）]")


def _body_byline(text: str, head: list[HeadLine]) -> list[str]:
    """Names in the first paragraph: ``本报记者 张三 通讯员 李四 “…`` or ``(记者张三)``."""
    body = next((h.text.strip() for h in head if h.kind == "body"), "")
    if not body:
        return []
    m = re.match(r"^(?P<byline>(?:[\u4e00-\u9fff]{0,8}(?:记者|通讯员)\s*[\u4e00-\u9fff·]{2,4}\s*)+)(?=[“\"「\u4e00-\u9fff])", body)
    if m:
        found = parse_byline(m.group("byline").strip())
        if found and found[0]:
            return found[0]
    m = _INLINE_BYLINE.search(body[:80])
    if m:
        return split_names(m.group("a") or m.group("b") or "")
    return []


def _tail_byline(text: str) -> list[str]:
    """A byline among the last lines (``通讯员:张三``, ``张三 李四``), never an editor's credit."""
    for line in reversed(text.rstrip().split("\n")[-TAIL_LINES:]):
        core = line.strip().strip("()（）")
        labels = _labels(core)
        if labels is not None:
            if labels.get("author"):
                return split_names(labels["author"])
            continue
        byline = parse_byline(core)
        if byline and byline[0]:
            return byline[0]
        if looks_like_names(core) and not _is_body(core):
            return names_only(core)
    return []
