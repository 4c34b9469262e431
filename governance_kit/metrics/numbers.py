"""Numbers as written in Chinese reports → values: 1993, 4,744, 4.2万, 240余万, 二百一十, 三百余, 近千,
百分之九十五, 70%, 六成, 17．8 (full-width point), 45 120 (digit groups), 壹佰贰拾 (financial numerals).

Chinese numerals are converted by cn2an (``smart`` mode, which also reads 4.2万 and 1.2亿); this
module only prepares what cn2an does not take: thousands separators, full-width digits, 余/多 inside
a number (240余万 is about 240万: the qualifier goes to the caller), a bare 百/千/万 (近千 → 1000),
percentages (百分之…, %) and tenths (成). It converts one number at a time and never rewrites running
text, so proper names (十八届四中全会) are left alone: deciding what is a number is the caller's job
(:mod:`governance_kit.metrics`).

>>> parse_number("4,744"), parse_number("240余万"), parse_number("二百一十"), parse_number("近千"[1:])
(4744.0, 2400000.0, 210.0, 1000.0)
>>> parse_number("百分之九十五"), parse_number("70%"), parse_number("六成")
(0.95, 0.7, 0.6)
>>> parse_number("17．8"), parse_number("318 402 117"), parse_number("壹佰贰拾")
(17.8, 318402117.0, 120.0)
"""
from __future__ import annotations

import re
from functools import lru_cache

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，％·", "0123456789.,%.")
_APPROXIMATE = re.compile(r"(?<=[\d零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟])[余多](?=[万亿千百]?$)")
_GROUP_SPACE = re.compile(r"(?<=\d)[ \u00a0\u2009\u202f](?=\d{3}(?!\d))")  # 45 120 is 33939
_SEPARATED = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_BARE_UNIT = {"十": 10.0, "百": 100.0, "千": 1000.0, "万": 1e4, "亿": 1e8}
_ARABIC_SCALED = re.compile(r"^(\d+(?:\.\d+)?)([十百千万亿]+)$")
_SCALE = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
# the characters a number may be written with (Arabic, Chinese, decimal point, 余/多 inside)
NUMBER_CHARS = "0123456789.,零〇一二两三四五六七八九十百千万亿点余多壹贰叁肆伍陆柒捌玖拾佰仟"


def _cn2an():
    import cn2an  # 0.15 s to import: only when a Chinese numeral is met

    return cn2an


def _plain(text: str) -> float | None:
    """A number without percent or tenths: Arabic, Chinese or mixed (4.2万)."""
    if not text:
        return None
    if _SEPARATED.match(text):
        text = text.replace(",", "")
    try:
        return float(text)
    except ValueError:
        pass
    if text in _BARE_UNIT:
        return _BARE_UNIT[text]
    scaled = _ARABIC_SCALED.match(text)
    if scaled:  # 4.2万, 1.5亿, 3千万
        value = float(scaled.group(1))
        for ch in scaled.group(2):
            value *= _SCALE[ch]
        return value
    if text[:1] in "百千万亿":  # 千万 → 一千万 (cn2an wants the leading 一)
        text = "一" + text
    return _chinese(text)


@lru_cache(maxsize=4096)
def _chinese(text: str) -> float | None:
    try:
        return float(_cn2an().cn2an(text, "smart"))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def parse_number(text: str) -> float | None:
    """The value of one number as written, ``None`` when it is not one.

    ``余``/``多`` inside (240余万, 三百余) is dropped — whether the value is a lower bound is for the
    caller to record. Percentages and 成 become fractions.
    """
    if not isinstance(text, str):
        return None
    text = _GROUP_SPACE.sub("", text.strip().translate(_FULL_WIDTH))
    text = _APPROXIMATE.sub("", text)
    if text.startswith("百分之"):
        value = _plain(text[3:])
        return None if value is None else round(value / 100, 12)
    if text.endswith("%"):
        value = _plain(text[:-1])
        return None if value is None else round(value / 100, 12)
    if text.endswith("成") and len(text) > 1:
        value = _plain(text[:-1])
        return None if value is None or value > 10 else round(value / 10, 12)
    return _plain(text)
