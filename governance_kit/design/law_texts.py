"""The official texts the validator cites (``data/law/``, sources and checksums in ``sources.yaml``) and
lookup of an article's paragraphs, so that every quoted wording can be checked against its source.

An article is the run of lines from ``第X条`` to the next article or heading; its paragraphs (款) are
its non-empty lines, and an item line (``（一）…``) belongs to the paragraph before it, as in the
official numbering (第二十四条第一款 holds items (一)–(九)).

>>> paragraphs("城市居民委员会组织法", "第九条")[2][:12]
'居民会议必须有全体十八周'
>>> quote_found({"law": "村民委员会组织法", "article": "第二十二条", "paragraph": 1, "text": "到会人员的过半数通过"})
True
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from ..datafiles import bundled, read_yaml
from .findings import DesignError

SOURCES_FILE = "law/sources.yaml"
_ARTICLE = re.compile(r"^(第[一二三四五六七八九十百千零]+条)(?:\s+|$)")
_ITEM = re.compile(r"^（[一二三四五六七八九十]+）")


@lru_cache(maxsize=1)
def sources() -> dict[str, dict]:
    """law id → its entry in ``data/law/sources.yaml`` (file, title, version, path, sha256)."""
    data, _ = read_yaml(bundled(SOURCES_FILE), f"governance_kit/data/{SOURCES_FILE}")
    return data["texts"]


def law_bytes(law: str) -> bytes:
    """The bundled text of ``law`` as stored (byte for byte as its source gave it)."""
    entry = sources().get(law)
    if entry is None:
        raise DesignError(f"没有随附“{law}”的原文;随附的有:{'、'.join(sources())}")
    return bundled(f"law/{entry['file']}").read_bytes()


def checksum_ok(law: str) -> bool:
    """Whether the bundled file still has the SHA-256 recorded in ``sources.yaml``."""
    return hashlib.sha256(law_bytes(law)).hexdigest() == sources()[law]["sha256"]


@lru_cache(maxsize=None)
def articles(law: str) -> dict[str, tuple[str, ...]]:
    """article (``第九条``) → its paragraphs, the article number taken off the first one."""
    out: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in law_bytes(law).decode("utf-8").splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("#") or line.startswith("<!--"):
            current = None
            continue
        m = _ARTICLE.match(line)
        if m:
            current = out.setdefault(m.group(1), [])
            line = line[m.end():]
            if not line:
                continue
        if current is None:
            continue
        if _ITEM.match(line) and current:
            current[-1] += "\n" + line
        else:
            current.append(line)
    return {k: tuple(v) for k, v in out.items()}


def paragraphs(law: str, article: str) -> tuple[str, ...]:
    found = articles(law).get(article)
    if found is None:
        raise DesignError(f"“{law}”中没有{article}")
    return found


def quote_found(quote: dict) -> bool:
    """Whether ``quote['text']`` occurs verbatim in the article (and paragraph, counted from 1) it names."""
    paras = paragraphs(quote["law"], quote["article"])
    n = quote.get("paragraph")
    where = [paras[n - 1]] if n and n <= len(paras) else ([] if n else list(paras))
    return any(quote["text"] in p for p in where)


def citation(quote: dict) -> str:
    """``《城市居民委员会组织法》第九条第三款`` for a quote (the 民法典's books are cited as 《民法典》)."""
    n = quote.get("paragraph")
    cn = "一二三四五六七八九十"
    para = f"第{cn[n - 1]}款" if n and n <= 10 else ""
    return f"《{sources()[quote['law']].get('cite', quote['law'])}》{quote['article']}{para}"
