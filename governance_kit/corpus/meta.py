"""Document metadata from what a text states: title, authors, date, source, place, province, genre.

Three sources, in order of trust:

1. what the file container states (``stated``: Markdown front matter, HTML ``<meta>``/``<title>``,
   docx/pdf properties) — its title and date win over anything guessed from the text;
2. header lines the cleaner removed (bylines, dates, journal issues, keywords), kept as fields of the
   CleanReport;
3. the opening lines of the cleaned text, read by :mod:`.opening` (title, kicker, subtitle, bylines,
   labelled fields, the meeting and speaker of a speech or work report, a law's adoption notes).

The date is, in order: the stated date, the meeting date of a speech or work report, a law's last
amendment or adoption, the date a document was written (成文日期), the dates of header lines. The
province is that of the place named in the title, the meeting line or the issuing body (:mod:`.regions`).
The genre comes with the cues that decided it (:mod:`.genres`). A catalog row overrides all of this.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from ..clean import CleanReport
from .genres import GENRES, Evidence, explain_genre, genre_scores, guess_genre
from .names import names_only, split_names
from .occasions import iso_date
from .opening import Opening, read_opening
from .regions import province_of

__all__ = ["GENRES", "genre_scores", "guess_genre", "infer_meta", "iso_date"]

_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_AFFILIATION = re.compile(r"[(（]\s*作者单位\s*[:：]\s*(?P<unit>[^)）]+)[)）]")
_SITE_SUFFIX = re.compile(r"\s*(?:[_|｜]|\s[-—–－]\s)\s*(?P<site>[^_|｜]{1,20})$")
_SITE_WORDS = re.compile(r"(?:网|站|报|台|政府|门户|客户端|在线|新闻|频道|平台|官网|中心|杂志|期刊)$")
_SITE_ONLY = re.compile(r"(?:网站|门户网站|门户|官网|官方网站|政府网|新闻网|首页|主页|网)$")
_PLACEHOLDER = re.compile(r"^(?:Microsoft Word\s*-|文档\s*\d|Document\s*\d|untitled|无标题|新建|标题$)|\.(?:docx?|pdf|wps|txt)$",
                          re.IGNORECASE)
_NOT_AUTHORS = frozenset({"佚名", "未知", "admin", "管理员", "小编"})
_POLICY_GENRES = ("policy_document", "law_regulation", "plan")
_RESEARCH_GENRES = ("academic_article",)  # their first paragraph reviews the field, not their subject
_DATELINE = re.compile(r"^\s*(?:新华社|中新社|本报|本刊|\S{1,8}?(?:网|报|台|社|客户端))\S{0,6}?(?:\d{1,2}月\d{1,2}日电|讯|消息)")
LEAD_CHARS = 200  # characters of the first paragraph searched for the subject's place


def _authors(values) -> list[str]:
    """Names from byline values, each once; a run of names written together (王某某李某) gives way to
    the separate names found elsewhere."""
    names: list[str] = []
    for value in values:
        value = str(value).strip()
        for name in (names_only(value) or split_names(value)):
            if name not in names and name not in _NOT_AUTHORS and not re.search(r"\d", name):
                names.append(name)
    return [n for n in names if not any(o != n and o in n for o in names)]


def _stated_title(stated: str | None, guessed: str | None) -> str | None:
    """The container's title, without a site name after ``_`` / ``|`` / `` - ``; the guessed title when
    the stated one is that title plus a site name."""
    if not stated:
        return None
    title = re.sub(r"\s+", " ", str(stated)).strip()
    if _PLACEHOLDER.search(title):
        return None  # Microsoft Word - 文档1.docx: a file's default title, not the document's
    if guessed and re.sub(r"\s", "", guessed) in re.sub(r"\s", "", title):
        return guessed
    m = _SITE_SUFFIX.search(title)
    if m and _SITE_WORDS.search(m.group("site").strip()) and len(title[: m.start()].strip()) >= 4:
        title = title[: m.start()].strip()
    if guessed and _SITE_ONLY.search(title):
        return None  # a page whose <title> is only the site's name
    return title or None


def _source(fields: dict[str, list[str]], opening: Opening) -> str | None:
    if "issue" in fields and "source" in fields:  # journal line: 唯实 2019年3期
        return f"《{fields['source'][0]}》{fields['year'][0]}年第{fields['issue'][0]}期"
    if "source" in fields:
        return re.sub(r"[(（][^)）]*[)）]\s*$", "", fields["source"][0]).strip("《》 ") or None
    head = opening.fields
    if head.get("source") and head.get("issue"):
        year = next((h.data["year"] for h in opening.lines if h.kind == "issue" and h.data.get("year")), None)
        return f"《{head['source']}》{year + '年' if year else ''}第{head['issue']}期"
    return head.get("source") or None


def _date(stated: dict, opening: Opening, fields: dict[str, list[str]]) -> tuple[str | None, dict]:
    """The document's date and every dated thing its opening states (ISO), in order of trust."""
    dates = dict(opening.dates)
    found = [iso_date(v) for v in fields.get("date", []) + [v for v in fields.get("source", []) if _DATE.search(v)]]
    if any(found):
        dates["published"] = next(d for d in found if d)
    order = [iso_date(stated.get("date")), dates.get("meeting"), dates.get("amended"), dates.get("adopted"),
             dates.get("promulgated"), dates.get("written"), dates.get("published"), dates.get("head")]
    return next((d for d in order if d), None), dates


def _evidence(text: str, report: CleanReport, opening: Opening, title: str | None) -> Evidence:
    fields = {k for k, v in report.fields().items() if v} | {k for k, v in opening.fields.items() if v}
    fields |= {k for k in ("meeting", "speaker") if getattr(opening, k)}
    fields |= {"congress"} if opening.meeting and re.search(r"人民代表大会|人大", opening.meeting) else set()
    fields |= {"adopted"} if set(opening.dates) & {"adopted", "amended", "promulgated", "effective"} else set()
    head = "\n".join(h.text for h in opening.lines if h.kind not in ("body", "turn"))
    return Evidence(text, head=head, title=title or "", fields=frozenset(fields), hints=tuple(report.genre_hints))


def _lead(opening: Opening) -> str:
    """The start of the first paragraph without its dateline (新华社北京…电 names where a report was filed)."""
    lead = next((h.text for h in opening.lines if h.kind == "body"), "")
    return _DATELINE.sub("", lead)[:LEAD_CHARS]


def infer_meta(text: str, report: CleanReport, stated: dict | None = None, *,
               is_chrome: Callable[[str], bool] | None = None) -> dict:
    """Metadata from the cleaned text, the cleaning report and what the file container states.

    ``stated`` holds the values a container gives (front matter, HTML ``<title>``/``<meta>``, docx/pdf
    properties): its title and date win over guessed ones, its other values fill what the text does not
    say. ``is_chrome(line) -> bool`` decides which opening lines are page chrome (default: the kit's
    own checks, :func:`.opening.is_chrome_line`).
    """
    stated = stated or {}
    fields = report.fields()
    opening = read_opening(text, is_chrome=is_chrome)
    guessed = f"{opening.title}——{opening.subtitle}" if opening.title and opening.subtitle else opening.title
    title = _stated_title(stated.get("title"), guessed) or guessed
    authors = _authors(fields.get("author", []) + opening.authors) or _authors([stated["author"]] if stated.get("author") else [])
    if title and opening.title and title == opening.title and title.split(":")[0].split("：")[0] in authors:
        title = re.split(r"[:：]", title, maxsplit=1)[1].strip()
    date, dates = _date(stated, opening, fields)
    affiliation = _AFFILIATION.search(text)
    genre, why, scores = explain_genre(text, report, evidence=_evidence(text, report, opening, title))
    if stated.get("genre") in GENRES:
        genre, why = stated["genre"], ["文件自身注明的体裁"]
    if not authors and genre in _POLICY_GENRES:
        authors = list(opening.issuers)
    province, places = province_of(title, opening.meeting, " ".join(opening.issuers),
                                   running=_lead(opening) if genre not in _RESEARCH_GENRES else None)
    return {
        "title": title,
        "kicker": opening.kicker,
        "subtitle": opening.subtitle,
        "author": authors,
        "date": date,
        "dates": dates,
        "source": _source(fields, opening) or stated.get("source"),
        "edition": fields.get("edition", [None])[0],
        "keywords": fields.get("keywords", [None])[0] or opening.fields.get("keywords"),
        "affiliation": affiliation.group("unit").strip() if affiliation else opening.fields.get("affiliation"),
        "meeting": opening.meeting,
        "speaker": opening.speaker,
        "speaker_role": opening.speaker_role,
        "place": stated.get("place") or places,
        "province": stated.get("province") or province,
        "genre": genre,
        "genre_evidence": why,
        "genre_scores": {g: s for g, s in scores.items() if s},
        "script": report.script,
    }
