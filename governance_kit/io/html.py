"""HTML page → text: drop page chrome (``data/html_chrome.yaml``), lay out blocks as lines, keep the
lines of the main text (trafilatura's pick, :mod:`~governance_kit.io.maintext`), read meta tags.

Takes the decoded page source; :func:`declared_charset` reads the charset a page names from its
raw bytes. The chrome list is read again after an instructor edits it. lxml, PyYAML and trafilatura
are imported on first use; without trafilatura (or when it fails on a page) the rules alone decide.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..datafiles import bundled, read_yaml, reloaded
from ..errors import EmptyFileError, RuleFileError, check_choice
from . import maintext
from .dates import normalise_date
from .flathtml import flat_text

__all__ = ["EXTRACTORS", "chrome_config", "chrome_file", "declared_charset", "html_to_text", "load_chrome"]

EXTRACTORS = ("auto", "rules")  # the rules, then trafilatura's main text; the rules alone

_BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu nav ol "
    "p pre section summary table tbody thead tfoot tr ul".split()
)
_CELL_TAGS = frozenset(("td", "th"))
_CELL_MARK = "\ue000"  # private-use stand-in for a tab between table cells
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])\s*\n\s*(?=[{_CJK}])")
_SPACES = re.compile(r"\s+")
_XML_DECL_STR = re.compile(r"^\s*<\?xml[^>]*\?>")
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # what lxml will not store as text
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_DECLARED = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]+)", re.IGNORECASE)
_XML_DECLARED = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9_.:\-]+)", re.IGNORECASE)

# <meta name|property> → meta key; for each key the earlier names in this table win.
_META_KEYS = {
    "author": "author", "dc.creator": "author", "article:author": "author", "dcterms.creator": "author",
    "keywords": "keywords", "news_keywords": "keywords",
    "description": "description", "og:description": "description",
    "publishdate": "date", "pubdate": "date", "publish_date": "date", "publishtime": "date",
    "firstpublishedtime": "date", "article:published_time": "date", "dc.date": "date",
    "dcterms.created": "date", "dc.date.issued": "date", "date": "date", "maketime": "date",
    "contentsource": "source", "source": "source", "dc.publisher": "source", "sitename": "source",
    "og:site_name": "source",
}
_META_RANK = {name: rank for rank, name in enumerate(_META_KEYS)}


def declared_charset(data: bytes) -> str | None:
    """The charset named by the XML declaration or a ``<meta charset>`` in the page head, if any."""
    head = data[:8192]
    m = _XML_DECLARED.match(head) or _DECLARED.search(head)
    return m.group(1).decode("ascii") if m else None


@dataclass(frozen=True)
class _Chrome:
    drop_tags: frozenset
    chrome_tags: frozenset
    keep_inside_article: frozenset
    article_tags: frozenset
    roles: frozenset
    pattern: re.Pattern
    field_line: re.Pattern | None  # a line stating a field of the document (来源：, 发布时间：, 索引号： …)


CHROME_FILE = "html_chrome.yaml"


def chrome_file() -> Path:
    """The chrome list in use: the bundled ``data/html_chrome.yaml`` (tests point it elsewhere)."""
    return bundled(CHROME_FILE)


@reloaded(lambda: chrome_file())  # looked up at each call
def chrome_config() -> _Chrome:
    """The page-chrome rules of ``data/html_chrome.yaml``; read again after the file is edited."""
    return load_chrome(chrome_file(), f"governance_kit/data/{CHROME_FILE}")


def load_chrome(path, label: str | None = None) -> _Chrome:
    """Page-chrome rules from a YAML file laid out like ``data/html_chrome.yaml``.

    Raises :class:`RuleFileError` in Chinese naming ``label`` (default: the path) and, where it is
    known, the line: a YAML syntax error, a key that is not a list of tag names, a bad regex.
    """
    label = label or str(path)
    doc, text = read_yaml(Path(path), label)
    if not isinstance(doc, dict) or "source" not in doc:
        raise RuleFileError(f"{label}:缺少 source 说明行或格式不是映射")

    def words(key: str, what: str) -> list[str]:
        value = doc.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise RuleFileError(f"{_where(label, text, key)}:{key} 应是{what}列表,实际是 {value!r}")
        return value

    def tags(key: str) -> frozenset:
        return frozenset(v.lower() for v in words(key, "标签名"))

    fields = sorted({_SPACES.sub("", v) for v in words("field_labels", "字段名")} - {""}, key=len, reverse=True)

    patterns = doc.get("chrome_patterns", [])
    if not isinstance(patterns, list):
        raise RuleFileError(f"{_where(label, text, 'chrome_patterns')}:chrome_patterns 应是正则表达式列表")
    for p in patterns:
        try:
            re.compile(p)
        except (re.error, TypeError) as exc:
            raise RuleFileError(f"{_where(label, text, 'chrome_patterns', str(p))}:chrome_patterns 中的 {p!r} "
                                f"不是有效的正则表达式({exc})") from exc
    joined = "|".join(f"(?:{p})" for p in patterns) or r"(?!x)x"
    return _Chrome(
        drop_tags=tags("drop_tags"), chrome_tags=tags("chrome_tags"),
        keep_inside_article=tags("keep_inside_article"), article_tags=tags("article_tags"),
        roles=tags("chrome_roles"), pattern=re.compile(joined, re.IGNORECASE),
        field_line=re.compile(rf"[【\[（(]?(?:{'|'.join(map(re.escape, fields))})[:：]") if fields else None,
    )


def _where(label: str, text: str, key: str, item: str | None = None) -> str:
    """``label 第 N 行`` at the line of ``key:`` (or of the list ``item`` below it); ``label`` when not found."""
    lines = text.splitlines()
    at = next((i for i, ln in enumerate(lines) if ln.startswith(f"{key}:")), None)
    if at is not None and item is not None:
        at = next((i for i in range(at, len(lines)) if item in lines[i]), at)
    return label if at is None else f"{label} 第 {at + 1} 行"


def html_to_text(source: str, path: str | None, *, extractor: str = "auto") -> tuple[str, dict, list[str]]:
    """Text of a decoded HTML page without its chrome; return (text, meta, warnings).

    ``extractor="auto"`` drops the chrome the rules of ``data/html_chrome.yaml`` find, then the lines
    around the main text trafilatura finds (falling back to the rules alone, with a warning, when
    trafilatura is missing or fails); ``"rules"`` uses the rules alone. Meta tags give ``meta``;
    trafilatura's title, date, author and site name fill the keys the meta tags left empty.
    """
    import lxml.etree
    import lxml.html

    check_choice("extractor", extractor, EXTRACTORS)
    warnings: list[str] = []
    source = _XML_DECL_STR.sub("", source, count=1)
    if _CELL_MARK in source:
        source = source.replace(_CELL_MARK, "")
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True)
    try:
        root = lxml.html.document_fromstring(source.encode("utf-8", "replace"), parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise EmptyFileError("网页中没有可读的内容(解析后为空)", path) from exc

    meta = _html_meta(root)
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):  # the tree lost the deeper text
        text = flat_text(source)
        if not text:
            raise EmptyFileError("网页中没有可读的正文文字", path)
        return text, meta, ["网页标签嵌套超过解析器的上限（2048 层），已改为直接去掉标签读取全部文字，"
                            "导航、页脚等网页框架未能去除"]
    found = None
    if extractor == "auto":
        found, notes = maintext.pick(root)  # before the rules change the tree: trafilatura sees the page
        warnings += notes
    body = root.find(".//body")
    if body is None:
        body = root
    cfg = chrome_config()
    for el in [e for e in body.iter() if isinstance(e.tag, str) and e.tag.lower() in cfg.drop_tags]:
        _drop(el)
    full = _html_lines(body)
    for el in _chrome_elements(body, cfg):
        _drop(el)
    lines = _html_lines(body)
    full_chars = sum(len(line.text) for line in full)
    if full_chars and sum(len(line.text) for line in lines) < 0.1 * full_chars:
        lines = full
        warnings.append("去掉导航、页脚等网页框架后几乎没有正文,已保留整个网页的文字(其中可能含有导航等杂项)")
    elif found is not None:
        lines = [line for line, keep in zip(lines, maintext.keep_lines(lines, found, fields=cfg.field_line)) if keep]
    if found is not None:
        for key, value in found.meta.items():
            meta.setdefault(key, normalise_date(value) if key == "date" else value)
    if not lines:
        raise EmptyFileError("网页中没有可读的正文文字(可能是由脚本动态加载内容的页面)", path)
    return "\n".join(line.text for line in lines), meta, warnings


def _drop(el) -> None:
    """Remove ``el`` and its children, keeping its tail text. lxml refuses to join a tail onto text
    holding a character it parsed itself but will not store (a stray backspace in a scraped page,
    U+FFFE): only when the joined text would hold one are those characters left out of both pieces."""
    if el.tail:
        before = el.getprevious()
        joined_onto = el.getparent().text if before is None else before.tail
        if _XML_UNSAFE.search((joined_onto or "") + el.tail):
            if before is None:
                el.getparent().text = _XML_UNSAFE.sub("", joined_onto or "")
            else:
                before.tail = _XML_UNSAFE.sub("", joined_onto or "")
            el.tail = _XML_UNSAFE.sub("", el.tail)
    el.drop_tree()


def _html_meta(root) -> dict:
    meta: dict = {}
    title = root.find(".//title")
    if title is not None:
        text = _SPACES.sub(" ", title.text_content()).strip()
        if text:
            meta["title"] = text
    ranks: dict = {}
    for el in root.iter("meta"):
        key = (el.get("name") or el.get("property") or el.get("itemprop") or "").strip().lower()
        value = _SPACES.sub(" ", el.get("content") or "").strip()
        target = _META_KEYS.get(key)
        if target and value and _META_RANK[key] < ranks.get(target, len(_META_RANK)):
            ranks[target] = _META_RANK[key]
            meta[target] = normalise_date(value) if target == "date" else value
    return meta


# --------------------------------------------------------------------------------------------
# Page chrome


def _chrome_elements(body, cfg: _Chrome) -> list:
    """Elements of page chrome under ``body`` (outermost only)."""
    para_total = _paragraph_chars(body)
    found = []
    stack = list(reversed(body))
    while stack:
        el = stack.pop()
        if not isinstance(el.tag, str):
            continue
        if _is_chrome(el, cfg) and not _holds_main_text(el, para_total):
            found.append(el)
        else:
            stack.extend(reversed(el))
    return found


def _is_chrome(el, cfg: _Chrome) -> bool:
    tag = el.tag.lower()
    if tag in cfg.chrome_tags:
        if tag in cfg.keep_inside_article and any(a.tag in cfg.article_tags for a in el.iterancestors()):
            return False
        return True
    if (el.get("role") or "").strip().lower() in cfg.roles:
        return True
    if el.get("hidden") is not None or _HIDDEN_STYLE.search(el.get("style") or ""):
        return True
    tokens = (el.get("class") or "").split()
    if el.get("id"):
        tokens.append(el.get("id"))
    return any(cfg.pattern.search(t) for t in tokens)


def _holds_main_text(el, para_total: int) -> bool:
    """A chrome-looking wrapper (an ASP.NET page-wide <form>, a mis-named div) that holds at
    least half of the page's paragraph text is kept; chrome inside it is still removed."""
    return bool(para_total) and _paragraph_chars(el) >= 0.5 * para_total


def _paragraph_chars(el) -> int:
    return sum(len(p.text_content().strip()) for p in el.iter("p"))


# --------------------------------------------------------------------------------------------
# Layout


def _html_lines(body) -> list[maintext.Line]:
    """Text of ``body`` block by block: one line per paragraph, table rows with tab-separated cells;
    each line with the share of its characters inside links and the place of its block element."""
    lines: list[maintext.Line] = []
    buf: list[tuple[str, bool]] = []  # (text, inside a link?)
    owners: list[tuple] = [()]  # places (child indices from body) of the open block elements
    links = 0  # <a> elements open around the walk

    def flush() -> None:
        if not buf:
            return
        s = "".join(text for text, _ in buf)
        linked = sum(len(_SPACES.sub("", text)) for text, in_link in buf if in_link)
        buf.clear()
        if "\n" in s:
            s = _CJK_BREAK.sub("", s)
        s = _SPACES.sub(" ", s).strip()
        if _CELL_MARK in s:
            s = re.sub(rf" ?{_CELL_MARK} ?", "\t", s).strip("\t ")
        if s:
            lines.append(maintext.Line(s, min(1.0, linked / max(1, len(_SPACES.sub("", s)))), owners[-1]))

    stack: list[tuple] = [(body, False, False, ())]  # (element, closing?, is a block?, place)
    while stack:
        el, closing, block, place = stack.pop()
        if closing:
            if block:
                flush()
                owners.pop()
            if el.tag == "a":
                links -= 1
            if el.tail and el is not body:
                buf.append((el.tail, links > 0))
            continue
        if not isinstance(el.tag, str):  # comment or processing instruction: keep only its tail
            stack.append((el, True, False, place))
            continue
        tag = el.tag.lower()
        if tag in ("br", "pre"):  # a line break, or preformatted lines kept as they are; then the tail
            flush()
            if tag == "pre":
                lines.extend(maintext.Line(ln.rstrip(), 0.0, place) for ln in el.text_content().splitlines() if ln.strip())
            stack.append((el, True, False, place))
            continue
        block = tag in _BLOCK_TAGS
        if tag in _CELL_TAGS:
            if any(isinstance(d.tag, str) and d.tag in _BLOCK_TAGS for d in el.iterdescendants()):
                block = True  # a layout cell holding paragraphs
            elif "".join(text for text, _ in buf).strip():
                buf.append((_CELL_MARK, False))
        if block:
            flush()
            owners.append(place)
        if el.tag == "a":
            links += 1
        if el.text:
            buf.append((el.text, links > 0))
        stack.append((el, True, block, place))
        stack.extend((child, False, False, place + (i,)) for i, child in reversed(list(enumerate(el))))
    flush()
    return lines
