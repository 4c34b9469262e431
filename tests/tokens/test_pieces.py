"""The dictionary-only cut (governance_kit.tokens.pieces) that discovery, metrics and places share."""
from __future__ import annotations


from hypothesis import given, settings
from hypothesis import strategies as st

from governance_kit.tokens import Tokenizer, lexicon, load_lexicon
from governance_kit.tokens.dictionary import main_dictionary
from governance_kit.tokens.pieces import dictionary_pieces


def test_pieces_are_jiebas_words_the_lexicon_and_a_cut_without_hmm():
    words, terms, cut = dictionary_pieces()
    assert words is main_dictionary()[0]
    assert terms == {w for w, _, _ in load_lexicon()}
    assert cut("藏鸡托养") == ["藏", "鸡", "托", "养"]  # unknown characters stay apart
    assert Tokenizer().cut("藏鸡托养") == ["藏鸡托养"]  # where the HMM would glue them into one word
    assert cut("射阳县推进三治融合") == ["射阳县", "推进", "三治融合"]  # lexicon terms stay whole


def test_pieces_are_built_once():
    first, second = dictionary_pieces(), dictionary_pieces()
    assert first[2].__self__ is second[2].__self__


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="网格员三治融合的藏鸡托养射阳县村(居)委会+ 1993", max_size=40))
def test_the_cut_keeps_every_character(text):
    assert "".join(dictionary_pieces()[2](text)) == text


def test_pieces_follow_an_edited_lexicon(bundled_copy):
    edited = bundled_copy(lexicon.LEXICON_FILE, lexicon)
    assert "藏鸡托养" not in dictionary_pieces()[1]
    with edited.open("a", encoding="utf-8") as fh:
        fh.write("藏鸡托养 3000 nz\n")
    words, terms, cut = dictionary_pieces()
    assert "藏鸡托养" in terms and cut("发展藏鸡托养") == ["发展", "藏鸡托养"]
    assert "藏鸡托养" not in words  # jieba's own dictionary is never changed
