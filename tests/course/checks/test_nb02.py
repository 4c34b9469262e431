"""The checks of notebook 02 (分词与词频): right answers pass, typical mistakes get their own hint."""
from __future__ import annotations

from collections import Counter

import pytest

import governance_kit as gk
from governance_kit.course.checks import nb02
from governance_kit.course.feedback import Hint
from check_helpers import fails


@pytest.fixture(scope="module")
def corpus():
    return gk.load_corpus()


@pytest.fixture(scope="module")
def sheyang(corpus):
    return corpus["sheyang_2023"]


@pytest.fixture(scope="module")
def gaoqiao(corpus):
    return corpus["gaoqiao_2024"]


# --- 2.1 ------------------------------------------------------------------------------------------

def test_ex1_right_answer_passes(sheyang, capsys):
    words = gk.tokenize(sheyang)
    nb02.ex1(words)
    nb02.ex1_hidden(words)
    assert "✓ 练习 2.1 通过" in capsys.readouterr().out


@pytest.mark.parametrize("check", [nb02.ex1, nb02.ex1_hidden])
def test_ex1_unanswered(check):
    fails(check, ..., "还没有作答")


def test_ex1_bare_jieba(sheyang):
    fails(nb02.ex1, gk.Tokenizer(lexicon=False).words(sheyang), "lexicon=False")


def test_ex1_stopwords_kept(sheyang):
    fails(nb02.ex1, gk.tokenize(sheyang, stopwords=False), "stopwords=False")


def test_ex1_other_document(gaoqiao):
    fails(nb02.ex1, gk.tokenize(gaoqiao), "题目要射阳")


def test_ex1_one_sentence_only():
    fails(nb02.ex1, gk.tokenize("网格员每日开展网格风险隐患排查"), "只切了标题或一句话")


def test_ex1_text_not_words(sheyang):
    fails(nb02.ex1, sheyang.text, "还没有切成词")


def test_ex1_counter_not_list(sheyang):
    fails(nb02.ex1, Counter(gk.tokenize(sheyang)), "计数")


def test_ex1_sorted_list(sheyang):
    fails(nb02.ex1, sorted(gk.tokenize(sheyang)), "不要改动、排序或去重")


def test_ex1_hidden_pieces(sheyang):
    fails(nb02.ex1_hidden, ["三治", "融合"], "完整的词")


# --- 2.2 ------------------------------------------------------------------------------------------

def test_ex2_right_answer_passes(gaoqiao, capsys):
    counts = Counter(gk.Tokenizer().add_terms("城乡接合部").words(gaoqiao))
    nb02.ex2(counts)
    nb02.ex2_hidden(counts)
    assert "✓ 练习 2.2 通过" in capsys.readouterr().out
    nb02.ex2(Counter(gk.Tokenizer(lexicon=["城乡接合部"]).words(gaoqiao)))  # the other way to add a term


@pytest.mark.parametrize("check", [nb02.ex2, nb02.ex2_hidden])
def test_ex2_unanswered(check):
    fails(check, ..., "还没有作答")


def test_ex2_term_not_added(gaoqiao):
    fails(nb02.ex2, Counter(gk.tokenize(gaoqiao)), "gk.tokenize，它用共享的内置词典")


def test_ex2_a_typo_in_the_added_term_is_named_as_such(gaoqiao):
    # a term that never occurs leaves the counts as they were: the hint names both causes
    fails(nb02.ex2, Counter(gk.Tokenizer().add_terms("城乡结合部").words(gaoqiao)), "逐字核对")
    # a part of the term that does occur shows up as a new word: the hint names it
    fails(nb02.ex2, Counter(gk.Tokenizer().add_terms("城乡接合").words(gaoqiao)), "你的计数里有“城乡接合”")


def test_ex2_wrong_document(sheyang):
    fails(nb02.ex2, Counter(gk.Tokenizer().add_terms("城乡接合部").words(sheyang)), "你数的是射阳一文")


def test_ex2_stopwords_kept(gaoqiao):
    fails(nb02.ex2, Counter(gk.Tokenizer().add_terms("城乡接合部").cut(gaoqiao)), "“的”“和”或标点")


def test_ex2_no_lexicon(gaoqiao):
    fails(nb02.ex2, Counter(gk.Tokenizer(lexicon=False).add_terms("城乡接合部").words(gaoqiao)), "lexicon=False 关掉了")


def test_ex2_list_not_counter(gaoqiao):
    fails(nb02.ex2, gk.Tokenizer().add_terms("城乡接合部").words(gaoqiao), "再用 Counter")


def test_ex2_tokenizer_not_counter():
    fails(nb02.ex2, gk.Tokenizer().add_terms("城乡接合部"), "分词器本身")


def test_ex2_hidden_partial_count(gaoqiao):
    counts = Counter(gk.Tokenizer().add_terms("城乡接合部").words(gaoqiao))
    del counts["高桥镇"]
    nb02.ex2(counts)  # the visible check looks at the three words only
    fails(nb02.ex2_hidden, counts, "不完全一致")


def test_shared_tokenizer_changed(gaoqiao, monkeypatch):
    """Adding the term to gk.default_tokenizer() changes every count: the checks say so first."""
    shared = gk.default_tokenizer()
    monkeypatch.setattr(shared, "_terms", set(shared._terms) | {"城乡接合部"})
    fails(nb02.ex2, Counter(), "共享的默认分词器被改动了")


# --- 2.3 ------------------------------------------------------------------------------------------

def test_ex3_right_answer_passes(gaoqiao, capsys):
    top20 = Counter(gk.tokenize(gaoqiao)).most_common(20)
    nb02.ex3(top20)
    nb02.ex3_hidden(top20)
    assert "✓ 练习 2.3 通过" in capsys.readouterr().out


def test_ex3_value_counts_and_ties_pass(gaoqiao):
    import pandas as pd

    nb02.ex3(pd.Series(gk.tokenize(gaoqiao)).value_counts().head(20))
    counts = Counter(gk.tokenize(gaoqiao))
    by_count_then_word = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:20]  # other tie order
    nb02.ex3_hidden(by_count_then_word)


@pytest.mark.parametrize("check", [nb02.ex3, nb02.ex3_hidden])
def test_ex3_unanswered(check):
    fails(check, ..., "还没有作答")


def test_ex3_stopwords_kept(gaoqiao):
    fails(nb02.ex3, Counter(gk.tokenize(gaoqiao, stopwords=False)).most_common(20), "停用词或标点")


def test_ex3_wrong_document(sheyang):
    fails(nb02.ex3, Counter(gk.tokenize(sheyang)).most_common(20), "射阳一文的高频词")


def test_ex3_whole_corpus(corpus):
    counts = Counter(w for doc in corpus for w in gk.tokenize(doc))
    fails(nb02.ex3, counts.most_common(20), "全部语料")


def test_ex3_local_tokenizer(gaoqiao):
    counts = Counter(gk.Tokenizer().add_terms("城乡接合部").words(gaoqiao))
    fails(nb02.ex3, counts.most_common(20), "加了“城乡接合部”的分词器")


def test_ex3_tfidf_keywords(gaoqiao):
    import pandas as pd

    # the shape of gk.keywords(gaoqiao, top=20) (built by hand: scikit-learn is slow to import)
    words = [w for w, _ in Counter(gk.tokenize(gaoqiao)).most_common(20)]
    table = pd.DataFrame({"doc_id": "gaoqiao_2024", "rank": range(1, 21), "term": words, "score": 0.1})
    fails(nb02.ex3, table, "TF-IDF")


def test_ex3_wrong_length(gaoqiao):
    fails(nb02.ex3, Counter(gk.tokenize(gaoqiao)).most_common(10), "应正好 20 项")


def test_ex3_words_without_counts(gaoqiao):
    fails(nb02.ex3, [w for w, _ in Counter(gk.tokenize(gaoqiao)).most_common(20)], "只有词，没有次数")


def test_ex3_not_sorted(gaoqiao):
    top20 = Counter(gk.tokenize(gaoqiao)).most_common(20)
    fails(nb02.ex3, top20[::-1], "从高到低")


def test_ex3_wrong_count(gaoqiao):
    top20 = Counter(gk.tokenize(gaoqiao)).most_common(20)
    top20[0] = (top20[0][0], top20[0][1] + 1)
    fails(nb02.ex3, top20, "请用 Counter(gk.tokenize(gaoqiao)) 计数")


def test_ex3_hidden_duplicates(gaoqiao):
    top20 = Counter(gk.tokenize(gaoqiao)).most_common(19)
    fails(nb02.ex3_hidden, top20 + [top20[-1]], "从高到低排列")


# --- 2.4 ------------------------------------------------------------------------------------------

def _image(words):
    from PIL import Image

    img = Image.new("RGB", (8, 8), "white")
    img.words = dict(words)
    return img


def test_ex4_right_answer_passes(gaoqiao, capsys):
    # what gk.viz.wordcloud(gaoqiao) returns: an image whose .words are the 150 most frequent words
    # (drawing one takes seconds; the notebook itself draws the real one)
    cloud = _image(Counter(gk.tokenize(gaoqiao)).most_common(150))
    nb02.ex4(cloud)
    nb02.ex4_hidden(cloud)
    assert "✓ 练习 2.4 通过" in capsys.readouterr().out


@pytest.mark.parametrize("check", [nb02.ex4, nb02.ex4_hidden])
def test_ex4_unanswered(check):
    fails(check, ..., "还没有作答")


def test_ex4_default_font_has_no_chinese(gaoqiao):
    from wordcloud import WordCloud

    cloud = WordCloud(width=120, height=80).generate_from_frequencies(Counter(gk.tokenize(gaoqiao)))
    fails(nb02.ex4, cloud, "画出来会是一个个方框")


def test_ex4_wordcloud_with_kit_font_passes(gaoqiao):
    from wordcloud import WordCloud

    from governance_kit import viz

    cloud = WordCloud(font_path=str(viz.font_path()), width=120, height=80)
    nb02.ex4(cloud.generate_from_frequencies(Counter(gk.tokenize(gaoqiao))))


def test_ex4_image_without_words(gaoqiao):
    from PIL import Image

    fails(nb02.ex4, Image.new("RGB", (8, 8)), "没有记录画了哪些词")


def test_ex4_wrong_document(sheyang):
    fails(nb02.ex4, _image(Counter(gk.tokenize(sheyang)).most_common(150)), "射阳一文的词云")


def test_ex4_stopwords_drawn(gaoqiao):
    fails(nb02.ex4, _image(Counter(gk.tokenize(gaoqiao, stopwords=False)).most_common(150)), "停用词或标点")


def test_ex4_too_few_words(gaoqiao):
    counts = Counter(gk.tokenize(gaoqiao))
    fails(nb02.ex4, _image(counts.most_common()[5:60]), "top 设得太小")


def test_ex4_hidden_top20(gaoqiao):
    counts = Counter(gk.tokenize(gaoqiao))
    small = _image(counts.most_common(8))
    nb02.ex4(small)
    fails(nb02.ex4_hidden, small, "前 20 个高频词应都画在词云上")


def test_ex4_matplotlib_figure():
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    fails(nb02.ex4, Figure(), "matplotlib 图")


def test_ex1_stopword_hint_is_short(sheyang):
    # the hint used to list about 110 stopwords
    with pytest.raises(Hint) as caught:
        nb02.ex1(gk.tokenize(sheyang, stopwords=False))
    message = str(caught.value)
    assert "停用词或标点" in message and "等 " in message and message.count("“") <= nb02.SHOWN_JUNK + 2, message
