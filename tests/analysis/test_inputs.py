"""What the analysis verbs take in (governance_kit.analysis.inputs): documents of any input, the kit's words."""
from __future__ import annotations

import pytest

import governance_kit as gk
from governance_kit.analysis import documents_of, measures, words_of
from governance_kit.corpus import Corpus, as_documents


def test_a_string_is_cleaned_into_one_document():
    [doc] = documents_of("實(shí)現(xiàn)三治融合。", "keywords")
    assert doc.doc_id == "text" and doc.text == "实现三治融合。"


def test_documents_a_list_and_a_corpus_pass_through():
    docs = as_documents("网格员巡查。") + as_documents("村规民约。")
    assert documents_of(docs, "kwic") == docs
    assert documents_of(docs[0], "kwic") == [docs[0]]
    assert documents_of(Corpus(docs), "kwic") == docs


def test_the_wrong_kind_of_input_names_the_verb():
    with pytest.raises(TypeError) as info:
        documents_of(42, "wordcloud")
    assert str(info.value).startswith("wordcloud 需要文档、语料库、文档列表或字符串:") and "int" in str(info.value)
    with pytest.raises(TypeError, match="^similarity 需要"):
        documents_of(["不是文档"], "similarity")


def test_no_documents_is_a_value_error_naming_the_verb():
    with pytest.raises(ValueError, match="^dtm:没有文档可分析$"):
        documents_of([], "dtm")


def test_words_are_the_kits_words():
    words = words_of("推进三治融合,网格员4744名每日巡查。")
    assert "三治融合" in words and "网格员" in words  # lexicon terms stay whole
    assert not any(w.isdigit() or w in (",", "。") for w in words)
    assert words == gk.default_tokenizer().words("推进三治融合,网格员4744名每日巡查。")


def test_the_measures_use_these_inputs():
    assert measures._words is words_of  # the earlier private name, kept for tests and notebooks
    with pytest.raises(TypeError, match="^keywords 需要"):
        measures.keywords(42)


def test_a_choice_error_lists_what_is_allowed():
    with pytest.raises(ValueError, match="^method 只能是 'tfidf'、'textrank' 之一,收到的是 'lda'$"):
        measures.keywords("网格员巡查。", method="lda")
    with pytest.raises(ValueError, match="^measure 只能是 'g2'、'chi2'、'log_ratio' 之一,收到的是 'pmi'$"):
        measures.keyness("网格员巡查。", "网格员巡查。", measure="pmi")
