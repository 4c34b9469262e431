"""Detect the encoding of text bytes and decode them, Chinese codecs first.

Order: byte-order mark, UTF-16 without BOM, strict UTF-8, the charset an HTML page declares,
then charset-normalizer with GB18030/Big5 preferred. Undecodable bytes become U+FFFD and are
counted into a warning; bytes that are not text raise :class:`EncodingError`.
charset-normalizer is imported on first use.
"""
from __future__ import annotations

import codecs
import re
import threading

from ..errors import EmptyFileError, EncodingError

__all__ = ["decode"]

# Bytes sampled for encoding detection, and for the mess-ratio comparison of Chinese codecs.
_SAMPLE_BYTES = 256 * 1024
_PROBE_BYTES = 16 * 1024
# cn's default chaos threshold: above this a decoding is not plausible text.
_MAX_MESS = 0.2

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf_32"), (codecs.BOM_UTF32_BE, "utf_32"),
    (codecs.BOM_UTF8, "utf_8_sig"),
    (codecs.BOM_UTF16_LE, "utf_16"), (codecs.BOM_UTF16_BE, "utf_16"),
)
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "cp936", "euc_cn", "gb_2312_80", "euc_gb2312_cn"}
_CHINESE = {"gb18030", "big5", "big5hkscs", "cp950"}
_CODEC_LABEL = {
    "utf_8": "UTF-8", "utf_8_sig": "UTF-8(带 BOM)", "utf_16": "UTF-16(带 BOM)", "utf_32": "UTF-32(带 BOM)",
    "utf_16_le": "UTF-16 LE", "utf_16_be": "UTF-16 BE", "gb18030": "GB18030", "big5": "Big5",
}
# C0 control bytes that never occur in text (NUL is counted separately)
_CONTROL = bytes(b for b in range(1, 32) if b not in (9, 10, 11, 12, 13, 27)) + b"\x7f"
_HIGH = bytes(range(128, 256))
# ASCII, Latin (pinyin tone marks), Greek, Cyrillic, general punctuation, CJK punctuation and
# kana, CJK ideographs, full-width forms
_COMMON_TEXT = re.compile(
    r"[\t\n\r\x20-\x7e\u00a0-\u024f\u0370-\u04ff\u2000-\u206f\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]")


def decode(data: bytes, path: str | None, declared: str | None = None) -> tuple[str, str, list[str]]:
    """Decode text bytes; return (text without BOM/NUL, codec name, warnings).

    ``declared`` is the charset an HTML page names; it is used only when it fits the bytes.
    """
    warnings: list[str] = []
    text, codec = _decode_raw(data, path, declared, warnings)
    if text.startswith("\ufeff"):
        text = text[1:]
    if text.endswith("\x1a"):  # Ctrl-Z end-of-file mark of old DOS/Windows editors
        text = text[:-1]
    if "\x00" in text:
        nul = text.count("\x00")
        text = text.replace("\x00", "")
        warnings.append(f"已删除 {nul} 个空字符(NUL)")
    if not text or text.isspace():
        if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not text:
            raise EmptyFileError(f"文件只有字节顺序标记(BOM,共 {len(data)} 字节),没有文字内容", path)
        if data.count(0) == len(data):
            raise EmptyFileError(f"文件只包含空字符(NUL,共 {len(data)} 字节),没有文字内容", path)
        raise EmptyFileError(f"文件只有空白字符(共 {len(data)} 字节),没有文字内容", path)
    return text, codec, warnings


def _decode_raw(data: bytes, path: str | None, declared: str | None, warnings: list[str]) -> tuple[str, str]:
    # 1. byte-order mark
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text, bad = _decode_counting(data, codec)
            if bad <= max(4, len(data) // 100):
                if bad:
                    warnings.append(_replaced_note(codec, bad))
                return text, codec
            unicode_name = {"utf_8_sig": "UTF-8", "utf_16": "UTF-16", "utf_32": "UTF-32"}[codec]
            warnings.append(
                f"文件开头有 {unicode_name} 的字节顺序标记(BOM),但内容不是 {unicode_name},已忽略该标记并重新检测编码")
            data = data[len(bom):]
            break

    sample = _sample(data)
    # 2. UTF-16 without BOM, when there are NUL bytes (ASCII-only UTF-16 is also valid UTF-8)
    has_nul = b"\x00" in sample
    if has_nul and (codec := _sniff_utf16(sample)):
        return _decode_noting(data, codec, warnings), codec

    # 3. strict UTF-8: most files
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _check_not_binary(sample, path, count_nul=False)
        if declared and not data.isascii():
            dec = _html_codec(declared)
            if dec and dec != "utf_8":
                warnings.append(f"网页声明的编码是 {declared},但内容实际是 UTF-8,已按 UTF-8 读取")
        return text, "utf_8"

    # 4. UTF-16 of CJK text has no NUL but often control bytes, which GBK/Big5 never have
    if not has_nul and _count_control(sample) and (codec := _sniff_utf16(sample)):
        return _decode_noting(data, codec, warnings), codec
    _check_not_binary(sample, path, count_nul=True)

    # 5. charset declared by the HTML page, when it fits the bytes
    if declared:
        dec = _html_codec(declared)
        if dec:
            try:
                text = data.decode(dec)
            except UnicodeDecodeError:
                text = None
            if text is not None and (dec in _CHINESE or _plausible(_sample(data, _PROBE_BYTES), dec)):
                return text, dec
            warnings.append(f"网页声明的编码是 {declared},但内容与之不符,已自动检测编码")
        else:
            warnings.append(f"网页声明的编码 {declared} 无法识别,已自动检测编码")

    # 6. charset-normalizer on a sample, then decode everything with its choice
    codec, note = _detect(sample, path)
    text, bad = _decode_counting(data, codec)
    non_ascii = _count_non_ascii(data)
    if bad > 8 and bad > 0.2 * non_ascii:
        raise EncodingError(
            f"无法确定文本编码:按最可能的 {_label(codec)} 解码时仍有 {bad} 个字节无法识别"
            f"(占非 ASCII 字节的 {round(100 * bad / non_ascii)}%),文件可能损坏或混用了多种编码", path)
    if note and bad:
        warnings.append(f"{note},有 {bad} 个字节无法识别,已替换为 U+FFFD(�)")
    elif note or bad:
        warnings.append(note or _replaced_note(codec, bad))
    return text, codec


def _detect(sample: bytes, path: str | None) -> tuple[str, str | None]:
    """Choose a codec for bytes that are not UTF-8 or UTF-16; return (codec, low-confidence note).

    This is a Chinese kit: bytes that decode as GB18030 or Big5 (allowing a little damage) are
    read as Chinese, the two weighed against each other with charset-normalizer's mess measure
    (ties go to GB18030). charset-normalizer's own choice is used when neither fits; on short or
    damaged Chinese texts it often answers Korean, Japanese, Thai or nothing at all.
    """
    import charset_normalizer
    from charset_normalizer.md import mess_ratio

    probe = _sample(sample, _PROBE_BYTES)
    non_ascii = _count_non_ascii(probe)
    tolerance = max(1, non_ascii // 50)  # undecodable bytes accepted as damage

    # UTF-8 with a few damaged bytes (a cut-off character, a stray byte)
    _, bad = _decode_counting(probe, "utf_8")
    if bad <= tolerance and bad * 20 <= non_ascii:
        return "utf_8", "文本基本是 UTF-8 编码,但有损坏的字节"

    best = charset_normalizer.from_bytes(sample).best()
    cn_codec = _codec_or_none(best.encoding) if best is not None else None
    if cn_codec in ("utf_8", "ascii"):
        return "utf_8", None
    if cn_codec and cn_codec.startswith(("utf_16", "utf_32")) and b"\x00" in sample:
        return cn_codec, None

    scored = []
    for rank, codec in enumerate(("gb18030", "big5")):
        text, bad = _decode_counting(probe, codec)
        scored.append((bad, mess_ratio(text, 1.0), rank, codec))
    bad, _, _, codec = min(scored)
    # UTF-16 of CJK text alone has no NUL or control byte: believe charset-normalizer when the
    # bytes also read as printable UTF-16 and not cleanly as GB18030/Big5
    if cn_codec in ("utf_16_le", "utf_16_be") and bad and _sniff_utf16(sample) == cn_codec:
        return cn_codec, None
    if bad <= tolerance:
        if cn_codec is not None and cn_codec != codec:
            why = f"检测器的首选是 {cn_codec}"
        elif bad:
            why = "文本有损坏"
        elif non_ascii < 40:
            why = "文本太短"
        else:
            return codec, None
        return codec, f"编码检测置信度低({why}),按 {_label(codec)} 解码"
    if cn_codec:
        return cn_codec, f"按 {cn_codec} 编码解码(这不是常见的中文编码),请核对文字是否正确"
    raise EncodingError("无法识别文本编码:内容既不是 UTF-8,也不像 GB18030/GBK 或 Big5 编码的中文", path)


def _sniff_utf16(sample: bytes) -> str | None:
    """UTF-16 without BOM. Called when the sample holds NUL or other control bytes (never found
    in UTF-8, GBK or Big5 text, common in UTF-16: ASCII, line breaks, U+xx00–U+xx1F).
    One byte order must decode to printable text; Chinese text and NUL parity break ties.
    Returns 'utf_16_le', 'utf_16_be' or None."""
    s = sample[:65536]
    s = s[: len(s) // 2 * 2]
    if len(s) < 4:
        return None
    scores = {}
    for codec in ("utf_16_le", "utf_16_be"):
        text = s.decode(codec, "replace")
        if text.count("\ufffd") > 1:
            continue
        printable = sum(1 for ch in text if ch.isprintable() or ch.isspace())
        common = len(_COMMON_TEXT.findall(text)) / len(text)
        # GB2312 text read as UTF-16 BE is printable Hangul: ask for common characters too
        if printable >= 0.95 * len(text) and common >= 0.8:
            scores[codec] = common
    if len(scores) == 1:
        return next(iter(scores))
    if not scores:
        return None
    le, be = scores["utf_16_le"], scores["utf_16_be"]
    if abs(le - be) > 0.05:
        return "utf_16_le" if le > be else "utf_16_be"
    even, odd = s[0::2].count(0), s[1::2].count(0)  # ASCII: NUL on odd bytes in LE, even in BE
    return "utf_16_be" if even > odd else "utf_16_le"


def _sample(data: bytes, limit: int = _SAMPLE_BYTES) -> bytes:
    """A slice of ``data`` for detection: starts at the first non-ASCII byte if the head is ASCII,
    and ends on a character boundary (after a newline, else after the last ASCII byte)."""
    if len(data) <= limit:
        return data
    start = 0
    if data[:limit].isascii():
        m = re.search(rb"[\x80-\xff]", data)
        if m is None:
            return data[:limit]
        start = m.start() - m.start() % 2  # keep UTF-16 code units aligned
    chunk = data[start:start + limit]
    cut = chunk.rfind(b"\n")
    if cut >= limit // 2:
        return chunk[:cut + 1]
    for i in range(len(chunk) - 1, max(-1, len(chunk) - 1025), -1):
        if chunk[i] < 0x80:
            return chunk[:i + 1]
    return chunk


def _check_not_binary(sample: bytes, path: str | None, *, count_nul: bool) -> None:
    n = len(sample)
    ctrl = _count_control(sample)
    nul = sample.count(0) if count_nul else 0
    if (ctrl > 0.05 * n and ctrl > 2) or nul > 0.3 * n:
        pct = round(100 * (ctrl + nul) / n)
        raise EncodingError(
            f"内容不是文本:前 {n} 个字节中有 {pct}% 是控制字符,像是二进制文件(程序、数据库、压缩包等),"
            "无法按文字读取", path)


def _count_control(data: bytes) -> int:
    return len(data) - len(data.translate(None, _CONTROL))


def _count_non_ascii(data: bytes) -> int:
    return len(data) - len(data.translate(None, _HIGH))


def _plausible(probe: bytes, codec: str) -> bool:
    """Single-byte codecs decode anything: ask charset-normalizer's mess measure instead."""
    from charset_normalizer.md import mess_ratio

    return mess_ratio(probe.decode(codec, "replace"), 1.0) < _MAX_MESS


# --------------------------------------------------------------------------------------------
# Codec names and labels


def _codec_name(name: str) -> str:
    """Python codec name with underscores; the GB2312/GBK family becomes its superset GB18030."""
    norm = codecs.lookup(name).name.replace("-", "_")
    return "gb18030" if norm in _GB_FAMILY else norm


def _codec_or_none(name: str) -> str | None:
    try:
        return _codec_name(name)
    except LookupError:
        return None


def _html_codec(declared: str) -> str | None:
    """The codec an HTML page declares, or None if unknown."""
    codec = _codec_or_none(declared)
    # HTML pages that claim UTF-16/32 without a BOM are really ASCII-compatible (WHATWG rule)
    return None if codec is None or codec.startswith(("utf_16", "utf_32")) else codec


def _label(codec: str) -> str:
    return _CODEC_LABEL.get(codec, codec.upper())


def _replaced_note(codec: str, bad: int) -> str:
    return f"按 {_label(codec)} 解码时有 {bad} 个字节无法识别,已替换为 U+FFFD(�)"


# --------------------------------------------------------------------------------------------
# Decoding that counts undecodable bytes

_ERRORS = "governance_kit.count_replace"
_tls = threading.local()


def _count_replace(exc: UnicodeError):
    """Codec error handler: like 'replace', but counts the undecodable bytes (per thread)."""
    if isinstance(exc, UnicodeDecodeError):
        _tls.bad = getattr(_tls, "bad", 0) + (exc.end - exc.start)
        return "\ufffd", exc.end
    raise exc


codecs.register_error(_ERRORS, _count_replace)


def _decode_counting(data: bytes, codec: str) -> tuple[str, int]:
    _tls.bad = 0
    text = data.decode(codec, _ERRORS)
    return text, _tls.bad


def _decode_noting(data: bytes, codec: str, warnings: list[str]) -> str:
    """Decode with ``codec``; note undecodable bytes in ``warnings``."""
    text, bad = _decode_counting(data, codec)
    if bad:
        warnings.append(_replaced_note(codec, bad))
    return text
