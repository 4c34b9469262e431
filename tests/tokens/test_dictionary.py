"""jieba's dict.txt, read in one place (governance_kit.tokens.dictionary): the prefix dictionary,
the common words garble scores with and the part-of-speech tags places reads."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from governance_kit.tokens import Tokenizer
from governance_kit.tokens.dictionary import (
    common_words,
    dict_file,
    main_dictionary,
    parse_entries,
    word_tags,
)

ROOT = Path(__file__).resolve().parents[2]


def reference_rows() -> list[list[str]]:
    """dict.txt read line by line here, independently of the module."""
    import jieba

    path = Path(jieba.__file__).with_name("dict.txt")
    return [line.split(" ") for line in path.read_text(encoding="utf-8").splitlines()]


def line_by_line(text: str) -> list[tuple[str, str, str | None]]:
    rows = [line.split() for line in text.splitlines()]
    return [(r[0], r[1], r[2] if len(r) > 2 else None) for r in rows if len(r) >= 2]


def test_dict_file_is_jiebas():
    import jieba

    assert dict_file() == Path(jieba.__file__).with_name("dict.txt")


def test_common_words_are_the_2_to_4_character_words_of_frequency_3_or_more():
    expected = {w for w, f, *_ in reference_rows() if 2 <= len(w) <= 4 and int(f) >= 3}
    words = common_words()
    assert words == expected and len(words) > 250_000
    assert isinstance(words, frozenset)
    assert {"治理", "基层", "网格"} <= words and "的" not in words and "网格化管理" not in words


def test_common_words_agree_with_the_prefix_dictionary():
    freq, _ = main_dictionary()
    assert common_words() == {w for w, f in freq.items() if 2 <= len(w) <= 4 and f >= 3}


def test_word_tags_are_the_tags_of_dict_txt():
    expected = {r[0]: r[2] for r in reference_rows() if len(r) >= 3}
    tags = word_tags()
    assert dict(tags) == expected
    assert tags["江苏"] == "ns" and tags["治理"] == "v"
    with pytest.raises(TypeError):
        tags["网格"] = "ns"  # shared by every caller: read-only


def test_each_view_is_read_once():
    assert common_words() is common_words()
    assert word_tags() is word_tags()
    assert main_dictionary() is main_dictionary()


def test_the_prefix_dictionary_is_never_mutated():
    freq, total = main_dictionary()
    size = len(freq)
    tok = Tokenizer().add_terms(["鹤乡网格e事", "红色代办"])
    tok.cut("推行红色代办服务")
    assert "红色代办" in tok._jieba.FREQ
    assert "红色代办" not in freq and len(freq) == size and main_dictionary()[1] == total
    assert freq["网格"] > 0 and freq["网"] > 0 and freq.get("网格员", 0) == 0  # prefixes only at 0


# --- parsing ------------------------------------------------------------------------------------

def test_parse_entries_fast_path_and_line_by_line_agree():
    text = "网格 120 n\n网格员 3 n\n三治 5 nz\n"
    assert list(parse_entries(text)) == [("网格", "120", "n"), ("网格员", "3", "n"), ("三治", "5", "nz")]
    # lines without a tag, blank lines and no final newline take the line-by-line path
    assert list(parse_entries("网格 120\n\n网格员 3 n")) == [("网格", "120", None), ("网格员", "3", "n")]
    # as many fields as three per line, but not aligned: the frequency column must be numbers
    assert list(parse_entries("甲 1\n乙 2 n x\n丙 3 n\n")) == [("甲", "1", None), ("乙", "2", "n"), ("丙", "3", "n")]
    assert list(parse_entries("")) == []


WORD = st.text(alphabet="网格员治理三融合abc", min_size=1, max_size=4)
LINE = st.one_of(
    st.tuples(WORD, st.integers(0, 9999), st.sampled_from(["n", "v", "ns", "nz"])).map(lambda t: f"{t[0]} {t[1]} {t[2]}"),
    st.tuples(WORD, st.integers(0, 9999)).map(lambda t: f"{t[0]} {t[1]}"),
    st.tuples(WORD, st.integers(0, 99), st.just("n"), WORD).map(lambda t: f"{t[0]} {t[1]} {t[2]} {t[3]}"),
    st.sampled_from(["", " "]),
)


@given(st.lists(LINE, max_size=30), st.booleans())
def test_parse_entries_matches_a_line_by_line_reading(lines, final_newline):
    text = "\n".join(lines) + ("\n" if final_newline else "")
    assert list(parse_entries(text)) == line_by_line(text)


# --- quiet and lazy ---------------------------------------------------------------------------------

def test_views_load_without_a_sound_and_without_importing_jieba(tmp_path):
    code = ("import sys; from governance_kit.tokens.dictionary import common_words, word_tags, dict_file\n"
            "dict_file(); common_words(); word_tags(); print('jieba' in sys.modules)")
    env = {**os.environ, "GOVKIT_CACHE_DIR": str(tmp_path / "cache"), "PYTHONWARNINGS": "default"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "" and result.stdout.strip() == "False"
