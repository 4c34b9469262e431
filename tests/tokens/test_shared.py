"""The shared tokenizer (governance_kit.tokens.shared): one per process, never changed by a caller;
adding terms gives the caller a tokenizer of its own."""
from __future__ import annotations

import copy
import pickle

import pytest

from governance_kit.tokens import Tokenizer, default_tokenizer, lexicon, tokenize
from governance_kit.tokens.shared import SharedTokenizer

TEXT = "创新“鹤乡网格e事”品牌,推行红色代办服务"


def test_add_terms_on_the_shared_tokenizer_gives_a_new_one():
    shared = default_tokenizer()
    before = shared.cut(TEXT)
    mine = shared.add_terms(["鹤乡网格e事", "红色代办"])
    assert mine is not shared and type(mine) is Tokenizer
    assert "鹤乡网格e事" in mine.cut(TEXT) and "红色代办" in mine.words(TEXT)
    assert default_tokenizer() is shared and shared.cut(TEXT) == before and tokenize(TEXT, stopwords=False) == before
    assert "红色代办" not in shared.terms
    mine.add_terms("服务品牌")  # the new one is the caller's own: it changes in place
    assert "服务品牌" in mine.terms and "服务品牌" not in shared.terms


def test_the_shared_tokenizers_settings_cannot_be_reassigned():
    shared = default_tokenizer()
    for name, value in (("hmm", False), ("engine", "rjieba"), ("words", len)):
        with pytest.raises(AttributeError, match="共享的默认分词器不能修改"):
            setattr(shared, name, value)
    assert shared.hmm is True and shared.engine == "jieba" and shared.words("网格员") == ["网格员"]


def test_copies_and_pickles_of_the_shared_tokenizer_are_the_shared_tokenizer():
    shared = default_tokenizer()
    assert copy.copy(shared) is shared and copy.deepcopy(shared) is shared
    assert pickle.loads(pickle.dumps(shared)) is shared


def test_with_terms_leaves_the_receiver_unchanged():
    base = Tokenizer(stopwords=["职责"], hmm=False)
    mine = base.with_terms(["红色代办"])
    assert "红色代办" in mine.terms and "红色代办" not in base.terms
    assert (mine.hmm, mine.stopword_set, mine.engine) == (False, frozenset({"职责"}), "jieba")
    assert mine.words("网格员的职责,推行红色代办") == ["网格员", "的", "推行", "红色代办"]
    assert "红色代办" not in base.cut("推行红色代办")
    with pytest.raises(ValueError, match="词语无效"):
        base.with_terms([""])


def test_the_shared_tokenizer_follows_an_edited_lexicon(bundled_copy):
    edited = bundled_copy(lexicon.LEXICON_FILE, lexicon)
    shared = default_tokenizer()
    assert default_tokenizer() is shared and "城乡接合部" not in tokenize("地处城乡接合部")
    with edited.open("a", encoding="utf-8") as fh:
        fh.write("城乡接合部 3000 n\n")
    assert default_tokenizer() is not shared and isinstance(default_tokenizer(), SharedTokenizer)
    assert "城乡接合部" in tokenize("地处城乡接合部")
