"""Codebook sources that quote a bundled law (《信访工作条例》(2022)第十五条第三款(“…”)) quote it word for word."""
from __future__ import annotations

import re

from governance_kit.codebook import load_codebook
from governance_kit.design import law_texts

_CITE = re.compile(r"《(?P<law>[^》]+)》(?:\(\d{4}\))?(?P<article>第[一二三四五六七八九十百]+条)"
                   r"(?:第(?P<para>[一二三四五六七八九十])款)?\(“(?P<text>[^”]+)”\)")
_WIDTH = str.maketrans({"（": "(", "）": ")", "‘": "“", "’": "”"})


def test_quoted_law_in_codebook_sources_is_verbatim():
    laws = {key: key for key in law_texts.sources()}
    checked = 0
    for entry in load_codebook().patterns:
        for m in _CITE.finditer(entry.source or ""):
            if m["law"] not in laws:
                continue
            para = "一二三四五六七八九十".index(m["para"]) + 1 if m["para"] else None
            paras = law_texts.paragraphs(m["law"], m["article"])
            where = [paras[para - 1]] if para else list(paras)
            assert any(m["text"].translate(_WIDTH) in p.translate(_WIDTH) for p in where), (entry.id, m.group())
            checked += 1
    assert checked >= 3
