"""The tokenizer's word lists (governance_kit.tokens.lexicon): parsing, terms given in code, and the
bundled files re-read after an instructor edits them."""
from __future__ import annotations


import pytest

from governance_kit.errors import RuleFileError
from governance_kit.tokens import Tokenizer, lexicon
from governance_kit.tokens.lexicon import (
    as_entries,
    load_lexicon,
    load_stopwords,
    parse_lexicon,
    parse_stopwords,
)


def test_parse_lexicon_reads_jiebas_user_dictionary_format():
    lines = ["# 注释", "", "网格员 3000 n", "红色代办 nz", "鹤乡网格e事", "村(居)委会 20000 nt", " 三治融合 5000 nz "]
    assert parse_lexicon(lines, "词典.txt") == [
        ("网格员", 3000, "n"), ("红色代办", None, "nz"), ("鹤乡网格e事", None, None), ("村(居)委会", 20000, "nt"),
        ("三治融合", 5000, "nz")]


@pytest.mark.parametrize("line", ["网格长 0 n", "网格长\t3000"])
def test_parse_lexicon_names_file_and_line_of_a_bad_entry(line):
    with pytest.raises(RuleFileError, match=r"词典\.txt 第 3 行格式不对"):
        parse_lexicon(["# 注释", "网格员 3000 n", line], "词典.txt")


def test_parse_stopwords():
    assert parse_stopwords(["# 虚词", "的", " 了 ", "", "的"]) == frozenset({"的", "了"})


def test_as_entries():
    assert as_entries("红色代办", "add_terms") == [("红色代办", None, None)]
    assert as_entries([" 红色代办 ", ("鹤乡网格e事", 5000), ["网格e事", 4000, "nz"]], "add_terms") == [
        ("红色代办", None, None), ("鹤乡网格e事", 5000, None), ("网格e事", 4000, "nz")]
    with pytest.raises(TypeError, match="add_terms 需要词语列表"):
        as_entries(42, "add_terms")
    for bad in (["网格\n员"], [("网格员", 0)], [("网格员", True)], [("网格员", "3000")], [None]):
        with pytest.raises(ValueError, match="add_terms 中"):
            as_entries(bad, "add_terms")


def test_a_file_in_another_encoding_is_named(tmp_path):
    path = tmp_path / "停用词.txt"
    path.write_bytes("的\n了\n".encode("gbk"))
    with pytest.raises(RuleFileError, match="停用词.txt 不是 UTF-8"):
        load_stopwords(path)
    with pytest.raises(FileNotFoundError, match="找不到文件"):
        load_lexicon(tmp_path / "没有.txt")


def test_a_bom_is_ignored(tmp_path):
    path = tmp_path / "词典.txt"
    path.write_text("\ufeff红色代办 2000 nz\n", encoding="utf-8")
    assert load_lexicon(path) == [("红色代办", 2000, "nz")]


@pytest.fixture
def edited_files(bundled_copy):
    """Copies of the bundled lexicon and stopwords that the kit reads instead of the originals."""
    return {name: bundled_copy(name, lexicon) for name in (lexicon.LEXICON_FILE, lexicon.STOPWORDS_FILE)}


def test_bundled_files_are_reread_after_an_edit(edited_files):
    before_terms, before_stop = load_lexicon(), load_stopwords()
    assert lexicon.bundled_lexicon() is lexicon.bundled_lexicon()  # one reading while unchanged
    with edited_files["lexicon.txt"].open("a", encoding="utf-8") as fh:
        fh.write("城乡接合部 3000 n\n")
    with edited_files["stopwords.txt"].open("a", encoding="utf-8") as fh:
        fh.write("职责\n")
    assert load_lexicon() == before_terms + [("城乡接合部", 3000, "n")]
    assert load_stopwords() == before_stop | {"职责"}
    assert Tokenizer().words("城乡接合部的职责") == ["城乡接合部"]


def test_a_tokenizer_keeps_the_lexicon_it_was_built_with(edited_files):
    tok = Tokenizer()  # built, not used yet
    with edited_files["lexicon.txt"].open("a", encoding="utf-8") as fh:
        fh.write("城乡接合部 3000 n\n")
    assert "城乡接合部" not in tok.terms
    assert "城乡接合部" not in tok.cut("地处城乡接合部")
    assert "城乡接合部" in Tokenizer().cut("地处城乡接合部")


def test_an_edit_that_breaks_the_lexicon_names_the_line(edited_files):
    lines = edited_files["lexicon.txt"].read_text(encoding="utf-8").splitlines()
    edited_files["lexicon.txt"].write_text("\n".join(lines + ["城乡接合部\t3000"]) + "\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=rf"lexicon\.txt 第 {len(lines) + 1} 行格式不对"):
        Tokenizer()
