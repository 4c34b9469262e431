"""Document metadata from what a text states: title, authors, date, source, genre.

Header lines the cleaner removed (bylines, dates, journal issues, keywords) carry their values as
fields of the CleanReport; the title is the heading that opens the cleaned text. The genre is scored
from the cues in ``data/genres.yaml`` (:mod:`.genres`). A catalog row (``corpus/catalog.csv``)
overrides all of this (see :mod:`.catalog`).
"""
from __future__ import annotations

import re

from ..clean import CleanReport
from ..clean.boilerplate import is_body_line, is_person_names
from .genres import GENRES, genre_scores, guess_genre

__all__ = ["GENRES", "genre_scores", "guess_genre", "infer_meta", "iso_date"]

_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_AFFILIATION = re.compile(r"[(（]\s*作者单位\s*[:：]\s*(?P<unit>[^)）]+)[)）]")
_NAME_SPLIT = re.compile(r"[\s、,，;；]+")


def iso_date(value: str | None) -> str | None:
    """``2023年05月22日`` / ``2019-03-23 01:17`` → ``2023-05-22``; None if no valid date.

    >>> iso_date("2023年05月22日"), iso_date("2019-03-23 01:17"), iso_date("网格1993个")
    ('2023-05-22', '2019-03-23', None)
    """
    if not value:
        return None
    m = _DATE.search(value)
    if not m:
        return None
    year, month, day = (int(g) for g in m.groups())
    if not (1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _authors(values: list[str]) -> list[str]:
    names: list[str] = []
    for value in values:
        for name in _NAME_SPLIT.split(value.strip()):
            if name and name not in names:
                names.append(name)
    return names


def _headings(text: str, limit: int = 3) -> list[str]:
    """The heading lines that open a text (before its first paragraph)."""
    heads = []
    for line in text.split("\n")[:limit]:
        if not line or is_body_line(line) or len(line) > 60:
            break
        heads.append(line)
    return heads


def _source(fields: dict[str, list[str]]) -> str | None:
    if "issue" in fields and "source" in fields:  # journal line: 唯实 2019年3期
        return f"《{fields['source'][0]}》{fields['year'][0]}年第{fields['issue'][0]}期"
    if "source" in fields:
        return re.sub(r"[(（][^)）]*[)）]\s*$", "", fields["source"][0]).strip("《》 ") or None
    return None


def infer_meta(text: str, report: CleanReport, stated: dict | None = None) -> dict:
    """Metadata from the cleaned text, the cleaning report and what the file container states.

    ``stated`` holds values a container gives (HTML ``<title>``/``<meta>``, docx/pdf properties);
    they fill what the text does not say.
    """
    stated = stated or {}
    fields = report.fields()
    authors = _authors(fields.get("author", []))
    heads = _headings(text)
    title = heads[-1] if heads else None
    kicker = "".join(heads[:-1]) or None
    if title:  # "段谟法:推进基层治理提质增效" — the byline repeated before the title
        m = re.match(r"^(?P<who>[\u4e00-\u9fff·]{2,4})\s*[:：]\s*(?P<title>.+)$", title)
        if m and (m.group("who") in authors or (not authors and is_person_names(m.group("who")))):
            title = m.group("title")
            authors = authors or [m.group("who")]
    if not authors and stated.get("author"):
        authors = _authors([str(stated["author"])])
    dates = fields.get("date", []) + [v for v in fields.get("source", []) if _DATE.search(v)]
    date = next((d for d in map(iso_date, dates) if d), None) or iso_date(stated.get("date"))
    affiliation = _AFFILIATION.search(text)
    return {
        "title": title or stated.get("title"),
        "kicker": kicker,
        "author": authors,
        "date": date,
        "source": _source(fields) or stated.get("source"),
        "edition": fields.get("edition", [None])[0],
        "keywords": fields.get("keywords", [None])[0],
        "affiliation": affiliation.group("unit").strip() if affiliation else None,
        "genre": guess_genre(text, report),
        "script": report.script,
    }
