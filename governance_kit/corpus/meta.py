"""Document metadata from what a text states: title, authors, date, source, genre.

Header lines the cleaner removed (bylines, dates, journal issues, keywords) carry their values as
fields of the CleanReport; the title is the heading that opens the cleaned text. The genre is scored
from the cues in ``data/genres.yaml``. A catalog row (``corpus/catalog.csv``) overrides all of this
(see :mod:`governance_kit.corpus`).
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from ..clean.boilerplate import is_body_line, is_person_names
from ..clean import CleanReport

GENRES = ("case_report", "academic_article", "interview", "policy_document", "news", "fiction")
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


@lru_cache(maxsize=1)
def _genre_cues() -> tuple[str, dict]:
    import yaml

    doc = yaml.safe_load((resources.files("governance_kit") / "data" / "genres.yaml").read_text(encoding="utf-8"))
    compiled = {}
    for genre, spec in doc["genres"].items():
        if genre not in GENRES:
            raise ValueError(f"genres.yaml: 未知体裁 {genre!r},只能是 {', '.join(GENRES)}")
        cues = []
        for cue in spec["cues"]:
            pattern = re.compile(cue["pattern"]) if "pattern" in cue else None
            cues.append((pattern, cue.get("hint"), cue.get("field"), float(cue["weight"]), int(cue.get("cap", 1))))
        compiled[genre] = cues
    return doc.get("default", "news"), compiled


def genre_scores(text: str, report: CleanReport | None = None) -> dict[str, float]:
    """Score each genre by its cues (see ``data/genres.yaml``)."""
    _, cues = _genre_cues()
    fields = report.fields() if report else {}
    hints = report.genre_hints if report else []
    scores = {}
    for genre, entries in cues.items():
        score = 0.0
        for pattern, hint, field, weight, cap in entries:
            if pattern is not None:
                count = sum(1 for _ in zip(range(cap), pattern.finditer(text)))
            elif hint is not None:
                count = min(cap, hints.count(hint))
            else:
                count = min(cap, len(fields.get(field, [])))
            score += weight * count
        scores[genre] = score
    return scores


def guess_genre(text: str, report: CleanReport | None = None) -> str:
    """The genre whose cues score highest; the file's default genre when nothing matches."""
    default, _ = _genre_cues()
    scores = genre_scores(text, report)
    best = max(scores, key=scores.get)
    return best if scores[best] > 0 else default


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
