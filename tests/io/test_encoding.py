"""Encoding detection and decoding of text bytes (governance_kit.io.encoding)."""
from __future__ import annotations

import codecs
import re
import sys
import threading
from pathlib import Path

import badinputs as B
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from governance_kit.errors import EmptyFileError, EncodingError, ReadError
from governance_kit.io.encoding import _ERRORS, _decode_counting, decode

HAN = re.compile(r"[\u4e00-\u9fff]")
CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _corpus_sentences() -> list[str]:
    """Sentences of the bundled corpus that GBK can encode (real text for the detection properties)."""
    found = []
    for path in sorted(CORPUS.glob("*.txt")):
        for sentence in re.findall(r"[^。！？\n]+[。！？]", path.read_text(encoding="utf-8")):
            sentence = sentence.strip()
            try:
                sentence.encode("gbk")
            except UnicodeEncodeError:
                continue
            if len(sentence) >= 8:
                found.append(sentence)
    return found


SIMPLIFIED = _corpus_sentences()


def _traditional_sentences() -> list[str]:
    from governance_kit.clean.convert import to_traditional

    found = []
    for sentence in SIMPLIFIED:
        traditional = to_traditional(sentence)
        try:
            traditional.encode("big5")
        except UnicodeEncodeError:
            continue
        found.append(traditional)
    return found


TRADITIONAL = _traditional_sentences()


def test_the_property_tests_have_real_text_to_draw_from():
    assert len(SIMPLIFIED) > 100 and len(TRADITIONAL) > 50
    assert all(HAN.search(s) for s in SIMPLIFIED + TRADITIONAL)


# --------------------------------------------------------------------------------------------
# Which encoding is chosen


@pytest.mark.parametrize("text, data, codec", [
    (B.PARA_SIMPLIFIED, B.PARA_SIMPLIFIED.encode("utf-8"), "utf_8"),
    (B.PARA_SIMPLIFIED, B.PARA_SIMPLIFIED.encode("gbk"), "gb18030"),  # GBK is read as its superset
    (B.PARA_SIMPLIFIED, B.PARA_SIMPLIFIED.encode("gb2312"), "gb18030"),
    ("𠀀" + B.PARA_SIMPLIFIED, ("𠀀" + B.PARA_SIMPLIFIED).encode("gb18030"), "gb18030"),  # four-byte sequence
    (B.PARA_TRADITIONAL, B.PARA_TRADITIONAL.encode("big5"), "big5"),
    (B.PARA_SIMPLIFIED, B.PARA_SIMPLIFIED.encode("utf_16_le"), "utf_16_le"),
    (B.PARA_SIMPLIFIED, B.PARA_SIMPLIFIED.encode("utf_16_be"), "utf_16_be"),
    ("Grid report\nsecond line\n", "Grid report\nsecond line\n".encode("utf_16_le"), "utf_16_le"),
])
def test_each_encoding_is_recognised_without_warnings(text, data, codec):
    assert decode(data, "x.txt") == (text, codec, [])


@pytest.mark.parametrize("bom, body, codec", [
    (codecs.BOM_UTF8, "utf-8", "utf_8_sig"),
    (codecs.BOM_UTF16_LE, "utf_16_le", "utf_16"),
    (codecs.BOM_UTF16_BE, "utf_16_be", "utf_16"),
    (codecs.BOM_UTF32_LE, "utf_32_le", "utf_32"),
    (codecs.BOM_UTF32_BE, "utf_32_be", "utf_32"),
])
def test_a_byte_order_mark_decides_and_is_removed(bom, body, codec):
    text, chosen, warnings = decode(bom + B.PARA_GRID.encode(body), None)
    assert (text, chosen, warnings) == (B.PARA_GRID, codec, [])


def test_a_mark_that_lies_is_ignored_with_a_warning():
    text, codec, warnings = decode(codecs.BOM_UTF8 + B.PARA_SIMPLIFIED.encode("gbk"), None)
    assert (text, codec) == (B.PARA_SIMPLIFIED, "gb18030")
    assert len(warnings) == 1 and "UTF-8 的字节顺序标记" in warnings[0] and "已忽略" in warnings[0]
    text, codec, warnings = decode(codecs.BOM_UTF16_LE + B.PARA_SIMPLIFIED.encode("gbk"), None)
    assert (text, codec) == (B.PARA_SIMPLIFIED, "gb18030") and "UTF-16" in warnings[0]


def test_short_text_is_read_but_with_low_confidence():
    text, codec, warnings = decode("网格员每周入户走访".encode("gbk"), None)
    assert (text, codec) == ("网格员每周入户走访", "gb18030")
    assert len(warnings) == 1 and "置信度低" in warnings[0] and "GB18030" in warnings[0]


def test_a_long_paragraph_is_read_with_confidence():
    for codec in ("gbk", "big5"):
        text = B.PARA_TRADITIONAL if codec == "big5" else B.PARA_SIMPLIFIED
        assert decode(text.encode(codec), None)[2] == []


def test_a_codec_that_is_not_chinese_is_named_in_the_warning():
    russian = "Привет, как дела? Это обычный русский текст для проверки кодировки."
    text, codec, warnings = decode(russian.encode("cp1251"), None)
    assert text == russian and codec == "cp1251"
    assert len(warnings) == 1 and "cp1251" in warnings[0] and "不是常见的中文编码" in warnings[0]


def test_detection_looks_past_a_long_ascii_head():
    # more than the 256 KiB detection sample of ASCII, then GBK: the sample starts at the first Chinese byte
    head = ("grid report, line %06d\n" * 12_000) % tuple(range(12_000))
    data = head.encode() + (B.PARA_SIMPLIFIED + "\n").encode("gbk") * 3
    text, codec, warnings = decode(data, None)
    assert codec == "gb18030" and warnings == [] and text == head + (B.PARA_SIMPLIFIED + "\n") * 3


def test_a_sample_cut_inside_long_lines_still_detects():
    # over 256 KiB of GBK without a line break: the sample must end on a character boundary
    data = (B.PARA_SIMPLIFIED * 900).encode("gbk")
    assert len(data) > 256 * 1024
    assert decode(data, None) == (B.PARA_SIMPLIFIED * 900, "gb18030", [])


# --------------------------------------------------------------------------------------------
# The charset an HTML page declares


@pytest.mark.parametrize("declared", ["gb2312", "GBK", "gb18030", "cp936"])
def test_a_fitting_declaration_is_used_silently(declared):
    assert decode(B.PARA_SIMPLIFIED.encode("gbk"), None, declared) == (B.PARA_SIMPLIFIED, "gb18030", [])


def test_a_declaration_settles_short_big5():
    assert decode("楓橋經驗".encode("big5"), None, "big5") == ("楓橋經驗", "big5", [])


@pytest.mark.parametrize("declared, data, needle", [
    ("gbk", B.PARA_SIMPLIFIED.encode("utf-8"), "实际是 UTF-8"),
    ("iso-8859-1", B.PARA_SIMPLIFIED.encode("gbk"), "不符"),
    ("x-unknown", B.PARA_SIMPLIFIED.encode("gbk"), "无法识别"),
    ("utf-16", B.PARA_SIMPLIFIED.encode("gbk"), "无法识别"),  # an ASCII-compatible page cannot be UTF-16
])
def test_a_wrong_declaration_is_overruled_with_a_warning(declared, data, needle):
    text, codec, warnings = decode(data, None, declared)
    assert text == B.PARA_SIMPLIFIED and codec in ("utf_8", "gb18030")
    assert len(warnings) == 1 and declared in warnings[0] and needle in warnings[0]


# --------------------------------------------------------------------------------------------
# Damaged, mixed, truncated and empty input


def test_truncated_utf8_keeps_the_text_and_counts_the_bytes():
    data = B.PARA_SIMPLIFIED.encode()[:-1]  # the closing "。" loses its last byte
    text, codec, warnings = decode(data, None)
    assert codec == "utf_8" and text == B.PARA_SIMPLIFIED[:-1] + "\ufffd"
    assert len(warnings) == 1 and "2 个字节" in warnings[0] and "U+FFFD" in warnings[0]


def test_truncated_gbk_keeps_the_text():
    text, codec, warnings = decode(B.PARA_SIMPLIFIED.encode("gbk")[:-1], None)
    assert codec == "gb18030" and text == B.PARA_SIMPLIFIED[:-1] + "\ufffd"
    assert len(warnings) == 1 and "1 个字节" in warnings[0] and "置信度低" in warnings[0]


def test_a_stray_byte_in_gbk_is_one_replacement():
    data = B.PARA_SIMPLIFIED.encode("gbk") + b"\xff" + B.PARA_GRID.encode("gbk")
    text, codec, warnings = decode(data, None)
    assert codec == "gb18030" and text == B.PARA_SIMPLIFIED + "\ufffd" + B.PARA_GRID
    assert "1 个字节" in warnings[0]


def test_mostly_utf8_with_a_gbk_word_stays_utf8():
    data = (B.PARA_SIMPLIFIED * 3).encode() + "网格员".encode("gbk")
    text, codec, warnings = decode(data, None)
    assert codec == "utf_8" and text.startswith(B.PARA_SIMPLIFIED * 3)
    assert text.count("\ufffd") >= 1 and "4 个字节" in warnings[0]


def test_hopelessly_mixed_bytes_are_an_encoding_error():
    data = B.PARA_SIMPLIFIED.encode()[:300:3] + B.PARA_SIMPLIFIED.encode("gbk")[::5]
    with pytest.raises(EncodingError) as info:
        decode(data, "混合.txt")
    assert info.value.path == "混合.txt" and "无法识别文本编码" in info.value.reason


def test_control_bytes_are_binary_not_text():
    with pytest.raises(EncodingError) as info:
        decode(b"\x01\x02\x03abc\x04\x05\x06" * 50, "x.bin")
    assert "不是文本" in info.value.reason and "控制字符" in info.value.reason


def test_nul_characters_and_the_dos_end_mark_are_removed():
    text, codec, warnings = decode(B.PARA_RULES.encode() + b"\x00\x00\x00" + b"\x1a", None)
    assert (text, codec) == (B.PARA_RULES, "utf_8") and warnings == ["已删除 3 个空字符(NUL)"]


@pytest.mark.parametrize("data, needle", [
    (b"", "0 字节"),
    (codecs.BOM_UTF8, "BOM"),
    (codecs.BOM_UTF16_LE, "BOM"),
    (b" \r\n\t ", "空白"),
    (b"\x00" * 16, "空字符"),
    ("\u3000\u3000\n".encode("gbk"), "空白"),  # ideographic spaces only
])
def test_inputs_without_text_are_empty_file_errors(data, needle):
    with pytest.raises(EmptyFileError) as info:
        decode(data, "空.txt")
    assert needle in info.value.reason and info.value.path == "空.txt"


# --------------------------------------------------------------------------------------------
# The error handler that counts what it replaces


def test_the_counting_handler_replaces_like_replace_and_counts_bytes():
    assert b"a\xffb\xfe".decode("utf-8", _ERRORS) == b"a\xffb\xfe".decode("utf-8", "replace")
    assert _decode_counting(b"a\xffb\xfe", "utf_8") == ("a\ufffdb\ufffd", 2)
    assert _decode_counting("网格".encode()[:-1], "utf_8") == ("网\ufffd", 2)  # one sequence of two bytes
    assert _decode_counting(B.PARA_GRID.encode(), "utf_8") == (B.PARA_GRID, 0)  # the count starts again


def test_the_counting_handler_does_not_swallow_encode_errors():
    with pytest.raises(UnicodeEncodeError):
        "网格".encode("ascii", _ERRORS)


def test_counts_are_kept_per_thread():
    # many undecodable bytes per call, and a tiny switch interval: threads interleave inside decoding
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    results, errors = {}, []
    start = threading.Barrier(6)

    def work(n: int) -> None:
        data = (b"x" + b"\xff" * n) * 2_000
        start.wait()
        for _ in range(5):
            _, bad = _decode_counting(data, "utf_8")
            if bad != 2_000 * n:
                errors.append((n, bad))
        results[n] = bad

    threads = [threading.Thread(target=work, args=(n,)) for n in range(1, 7)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(old)
    assert errors == [] and results == {n: 2_000 * n for n in range(1, 7)}


# --------------------------------------------------------------------------------------------
# Properties


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\t\n\r"), min_size=1,
).filter(lambda t: not t.isspace() and not t.startswith("\ufeff"))


@given(_TEXT, st.sampled_from(["utf-8", "utf_8_sig", "utf-16", "utf-32"]))
def test_any_text_in_a_unicode_encoding_comes_back(text, codec):
    assert decode(text.encode(codec), None)[0] == text


def _paragraphs(sentences: list[str]):
    return st.lists(st.sampled_from(sentences), min_size=1, max_size=8).map("\n".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_paragraphs(SIMPLIFIED), st.sampled_from(["gbk", "gb18030", "utf_16_le", "utf_16_be"]))
def test_chinese_text_in_each_codec_comes_back(text, codec):
    decoded, chosen, _ = decode(text.encode(codec), None)
    assert decoded == text
    assert chosen == ("gb18030" if codec == "gbk" else codec)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_paragraphs(TRADITIONAL))
def test_traditional_text_in_big5_comes_back(text):
    assert decode(text.encode("big5"), None)[:2] == (text, "big5")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_random_bytes_give_text_or_a_read_error(data):
    try:
        text, codec, warnings = decode(data, "随机.bin")
    except ReadError as exc:
        assert isinstance(exc, (EmptyFileError, EncodingError)) and HAN.search(exc.reason)
    else:
        assert text.strip() and "\x00" not in text and not text.startswith("\ufeff")
        assert isinstance(codec, str) and all(HAN.search(w) for w in warnings)

