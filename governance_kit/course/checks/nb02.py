"""Checks for notebook 02, “分词与词频”: one function per exercise, hints in Chinese.

Expected values are computed from the bundled corpus with the kit's tokenizer, never written here.
The constants below are the documents and terms named in the exercise statements.
"""
from __future__ import annotations

from functools import lru_cache

from ..feedback import exercise

SHEYANG = "sheyang_2023"     # 2.1 segments this document
GAOQIAO = "gaoqiao_2024"     # 2.2–2.4 work on this one
WHOLE_TERM = "三治融合"       # 2.1: must stay one word
LOCAL_TERM = "城乡接合部"     # 2.2: the local term added to the lexicon
TOP = 20                     # 2.3: how many words
TOP_SHOWN = 5                # 2.4: the most frequent words a word cloud must show
SHOWN_JUNK = 8               # 2.1: stopwords named in a hint (the rest counted)
PIECES = ("三治", "融合")


# --- expected values ------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _corpus():
    import governance_kit as gk

    return gk.load_corpus()


@lru_cache(maxsize=None)
def _words(doc_id: str, mode: str = "kit") -> tuple[str, ...]:
    """The words of one document: ``kit`` (gk.tokenize), ``all`` (stopwords kept), ``bare`` (jieba
    without the lexicon), ``local`` (lexicon plus LOCAL_TERM)."""
    import governance_kit as gk
    from ...tokens import Tokenizer

    text = _corpus()[doc_id].text
    if mode == "kit":
        return tuple(gk.tokenize(text))
    if mode == "all":
        return tuple(gk.tokenize(text, stopwords=False))
    if mode == "bare":
        return tuple(Tokenizer(lexicon=False).words(text))
    if mode == "bare_local":
        return tuple(Tokenizer(lexicon=False).add_terms(LOCAL_TERM).words(text))
    if mode == "local":
        return tuple(Tokenizer().add_terms(LOCAL_TERM).words(text))
    raise ValueError(mode)


@lru_cache(maxsize=None)
def _counts(doc_id: str, mode: str = "kit"):
    from collections import Counter

    return Counter(_words(doc_id, mode))


@lru_cache(maxsize=1)
def _corpus_counts():
    from collections import Counter

    total = Counter()
    for doc in _corpus():
        total.update(_counts(doc.doc_id))
    return total


def _stopwords() -> frozenset[str]:
    import governance_kit as gk

    return gk.default_tokenizer().stopword_set


def _junk(words) -> list[str]:
    """Stopwords, punctuation and whitespace among ``words`` (what ``words()`` would have dropped)."""
    import re

    stop = _stopwords()
    return [w for w in words if w in stop or not re.search(r"\w", w)]


def _shared_tokenizer_intact(ex) -> None:
    """Fail when the shared default tokenizer was changed behind its back (its add_terms gives a new one)."""
    import governance_kit as gk

    added = sorted(gk.default_tokenizer().terms - frozenset(w for w, _, _ in _bundled_lexicon()))
    if added:
        ex.fail(f"共享的默认分词器被改动了（加进了“{added[0]}”），之后所有 gk.tokenize 的结果都会跟着变。"
                "请重启内核（Kernel → Restart），用自己的分词器加词：gk.Tokenizer().add_terms(...)。")


def _bundled_lexicon():
    from ...tokens import load_lexicon

    return load_lexicon()


# --- 2.1 ------------------------------------------------------------------------------------------

def _word_list(ex, value, name: str) -> list:
    import pandas as pd

    _shared_tokenizer_intact(ex)
    if isinstance(value, str):
        ex.fail(f"{name} 是一整段文字，还没有切成词：把文档交给 gk.tokenize(...)，它返回词语的列表。")
    if isinstance(value, dict):
        ex.fail(f"{name} 是一个计数（词 → 次数）；题目要的是分词得到的词语列表本身：gk.tokenize(sheyang)。")
    if isinstance(value, pd.Series):
        ex.fail(f"{name} 是一列数据（Series），在末尾加 .tolist() 变成列表。")
    if isinstance(value, tuple):
        value = list(value)
    ex.is_type(value, list, name)
    for item in value:
        if not isinstance(item, str):
            ex.fail(f"{name} 里应全是词语（文字），现在有 {type(item).__name__}：{item!r}。")
    return value


def _which_doc(words) -> str | None:
    for doc in _corpus():
        if list(words) == list(_words(doc.doc_id)):
            return doc.doc_id
    return None


def ex1(sheyang_words):
    """2.1: the content words of the Sheyang report, with 三治融合 kept whole."""
    with exercise("2.1", later="原文中的每一处“三治融合”都是列表里的一个词") as ex:
        ex.answered(sheyang_words, "sheyang_words")
        words = _word_list(ex, sheyang_words, "sheyang_words")
        expected = list(_words(SHEYANG))
        if words == expected:
            return
        if not words:
            ex.fail("列表是空的：把射阳一文交给 gk.tokenize(sheyang)。")
        if WHOLE_TERM not in words and all(p in words for p in PIECES):
            ex.fail(f"“{WHOLE_TERM}”被切成了“{PIECES[0]}”“{PIECES[1]}”：你用的是不带领域词典的分词器"
                    "（lexicon=False，相当于裸 jieba）。请用工具箱的 gk.tokenize(sheyang)，它带着治理词典。")
        junk = _junk(words)
        if junk:
            distinct = [w for w in dict.fromkeys(junk) if w.strip()]
            shown = "、".join(f"“{w}”" for w in distinct[:SHOWN_JUNK]) or "空白"
            if len(distinct) > SHOWN_JUNK:
                shown += f"等 {len(distinct)} 个"
            ex.fail(f"列表里还有 {shown} 这类停用词或标点：分词器的 .cut() 或 stopwords=False 会保留一切。"
                    "去掉这个参数，gk.tokenize(sheyang) 默认只留实词。")
        other = _which_doc(words)
        if other is not None and other != SHEYANG:
            ex.fail(f"这是 {other} 的词语；题目要射阳一文：corpus[\"{SHEYANG}\"]。")
        if len(words) < len(expected) and WHOLE_TERM not in words:
            ex.fail("列表太短，而且里面没有“三治融合”：你可能只切了标题或一句话。请对整篇文档分词：gk.tokenize(sheyang)。")
        ex.equal(len(words), len(expected),
                 "词数与 gk.tokenize(sheyang) 的结果不同：请直接对整篇文档（sheyang 或 sheyang.text）分词，不要另加参数。")
        ex.equal(words, expected, "词语与 gk.tokenize(sheyang) 的结果不一致：请不要改动、排序或去重这个列表。")


def ex1_hidden(sheyang_words):
    """2.1, second route: every 三治融合 of the text is one word of the list."""
    with exercise("2.1") as ex:
        ex.answered(sheyang_words, "sheyang_words")
        words = _word_list(ex, sheyang_words, "sheyang_words")
        in_text = _corpus()[SHEYANG].text.count(WHOLE_TERM)
        ex.equal(words.count(WHOLE_TERM), in_text, f"原文里每一处“{WHOLE_TERM}”都应是列表里的一个完整的词。")


# --- 2.2 ------------------------------------------------------------------------------------------

def _counter(ex, value, name: str):
    from ...tokens import Tokenizer

    _shared_tokenizer_intact(ex)
    if isinstance(value, Tokenizer):
        ex.fail(f"{name} 是分词器本身；还要用它给高桥一文分词并计数：Counter(my_tok.words(gaoqiao))。")
    if isinstance(value, (list, tuple)):
        ex.fail(f"{name} 是词语列表；再用 Counter(...) 数一数每个词出现几次。")
    ex.is_type(value, dict, name, "一个计数（Counter）")
    return value


def _near_term(counts) -> str | None:
    """A word of ``counts`` the built-in tokenizer does not give and that looks like LOCAL_TERM (a typo
    or a part of it), or None."""
    import difflib

    base = _counts(GAOQIAO)
    new = [str(w) for w in counts if w not in base]
    close = difflib.get_close_matches(LOCAL_TERM, new, n=1, cutoff=0.6)
    return close[0] if close else None


def ex2(counts_after):
    """2.2: word counts of the Gaoqiao report after adding LOCAL_TERM to one's own tokenizer."""
    with exercise("2.2", later="整个计数与 Counter(gk.Tokenizer().add_terms(\"城乡接合部\").words(gaoqiao)) 完全一致") as ex:
        ex.answered(counts_after, "counts_after")
        counts = _counter(ex, counts_after, "counts_after")
        expected = _counts(GAOQIAO, "local")
        if _junk(counts):
            ex.fail("计数里有“的”“和”或标点：.cut() 或 stopwords=False 会保留一切；请用分词器的 .words(gaoqiao)。")
        if not counts.get(LOCAL_TERM):
            close = _near_term(counts)
            if close:
                ex.fail(f"你的计数里有“{close}”，却没有“{LOCAL_TERM}”：add_terms 里的词要和原文一字不差"
                        f"（是“接合部”的“接”）。请改成 add_terms(\"{LOCAL_TERM}\") 再数。")
            if dict(counts) == dict(_counts(GAOQIAO)):
                ex.fail(f"“{LOCAL_TERM}”一次也没有数到，计数和内置词典的结果一样。两种可能："
                        f"① 用的是 gk.tokenize，它用共享的内置词典，不含你加的词，请建自己的分词器 "
                        f"my_tok = gk.Tokenizer().add_terms(\"{LOCAL_TERM}\")，再数 my_tok.words(gaoqiao)；"
                        f"② 已经建了自己的分词器，但 add_terms 里的词和原文不一致（如把“接合部”写成“结合部”），"
                        f"请逐字核对“{LOCAL_TERM}”。")
            if dict(counts) == dict(_counts(SHEYANG)) or dict(counts) == dict(_counts(SHEYANG, "local")):
                ex.fail(f"你数的是射阳一文，那里没有“{LOCAL_TERM}”；题目要高桥：corpus[\"{GAOQIAO}\"]。")
            ex.fail(f"“{LOCAL_TERM}”一次也没有数到：请确认 ① 用 add_terms(\"{LOCAL_TERM}\") 把词加进了你自己的分词器；"
                    f"② 用这个分词器（不是 gk.tokenize）给高桥一文分词。")
        if dict(counts) == dict(_counts(GAOQIAO, "bare_local")):
            ex.fail("“城乡接合部”数到了，但“基层治理”这类词被切碎了：lexicon=False 关掉了内置的治理词典。"
                    "请用 gk.Tokenizer()（默认带内置词典）再 add_terms。")
        for word in (LOCAL_TERM, "城乡", "接合部"):
            ex.equal(counts.get(word, 0), expected[word],
                     f"“{word}”的次数不对：应数 gk.Tokenizer().add_terms(\"{LOCAL_TERM}\").words(gaoqiao) 中的词。")


def ex2_hidden(counts_after):
    """2.2, stricter: the whole count equals that of the extended tokenizer."""
    with exercise("2.2") as ex:
        ex.answered(counts_after, "counts_after")
        counts = _counter(ex, counts_after, "counts_after")
        ex.equal(dict(counts), dict(_counts(GAOQIAO, "local")),
                 f"计数与 Counter(gk.Tokenizer().add_terms(\"{LOCAL_TERM}\").words(gaoqiao)) 不完全一致。")


# --- 2.3 ------------------------------------------------------------------------------------------

def _pairs(ex, value, name: str) -> list[tuple[str, int]]:
    """(word, count) pairs from a list of pairs, a Series (value_counts) or a dict."""
    import numbers

    import pandas as pd

    _shared_tokenizer_intact(ex)
    if isinstance(value, pd.DataFrame):
        if {"term", "score"} <= set(value.columns):
            ex.fail(f"{name} 是 gk.keywords 的 TF-IDF 关键词表，那是“有多特别”，不是“有多常见”。"
                    "题目要词频：Counter(gk.tokenize(gaoqiao)).most_common(20)。")
        ex.fail(f"{name} 是一张表；题目要 （词，次数） 的列表：Counter(gk.tokenize(gaoqiao)).most_common(20)。")
    if isinstance(value, pd.Series):
        value = list(value.items())
    elif isinstance(value, dict):
        value = list(value.items())
    if isinstance(value, tuple):
        value = list(value)
    ex.is_type(value, list, name)
    pairs = []
    for item in value:
        if isinstance(item, str):
            ex.fail(f"{name} 里只有词，没有次数：用 Counter(...).most_common(20)，每一项是 （词，次数）。")
        if not (isinstance(item, (tuple, list)) and len(item) == 2 and isinstance(item[0], str)
                and isinstance(item[1], numbers.Integral)):
            ex.fail(f"{name} 的每一项应是 （词，次数），现在有 {item!r}。")
        pairs.append((item[0], int(item[1])))
    return pairs


def _is_top(pairs, counts, n: int = TOP) -> bool:
    """Whether ``pairs`` are the ``n`` most frequent words of ``counts`` (any order among ties)."""
    if len(pairs) != n or len({w for w, _ in pairs}) != n:
        return False
    if any(counts.get(w) != c for w, c in pairs):
        return False
    return sorted((c for _, c in pairs), reverse=True) == sorted(counts.values(), reverse=True)[:n]


def ex3(top20):
    """2.3: the 20 most frequent content words of the Gaoqiao report, as (word, count) pairs."""
    with exercise("2.3", later="没有重复的词，每个次数准确，并按次数从多到少排列") as ex:
        ex.answered(top20, "top20")
        pairs = _pairs(ex, top20, "top20")
        expected = _counts(GAOQIAO)
        if len(pairs) != TOP:
            ex.fail(f"应正好 {TOP} 项，现在是 {len(pairs)} 项：most_common({TOP})。")
        words = [w for w, _ in pairs]
        junk = _junk(words)
        if junk:
            ex.fail(f"高频词里有“{junk[0]}”这类停用词或标点：分词时不要用 stopwords=False，gk.tokenize(gaoqiao) 默认会去掉它们。")
        if not _is_top(pairs, expected):
            if _is_top(pairs, _counts(GAOQIAO, "local")):
                ex.fail(f"你用的是加了“{LOCAL_TERM}”的分词器；本题用工具箱的标准分词：gk.tokenize(gaoqiao)。")
            if _is_top(pairs, _counts(SHEYANG)):
                ex.fail(f"这是射阳一文的高频词；题目要高桥：corpus[\"{GAOQIAO}\"]。")
            if _is_top(pairs, _corpus_counts()):
                ex.fail("这是全部语料合起来的高频词；题目只要高桥一篇：gk.tokenize(gaoqiao)。")
            if _is_top(pairs, _counts(GAOQIAO, "bare")):
                ex.fail("“基层治理”这类术语被切碎了：你用的是不带词典的分词器（lexicon=False）。请用 gk.tokenize(gaoqiao)。")
            wrong = [(w, c) for w, c in pairs if expected.get(w) != c]
            if wrong:
                w, c = wrong[0]
                ex.fail(f"“{w}”在高桥一文中出现 {expected.get(w, 0)} 次，你写的是 {c} 次：请用 Counter(gk.tokenize(gaoqiao)) 计数。")
            ex.fail(f"有更常见的词没有列进来：按次数从高到低取前 {TOP} 个，most_common({TOP}) 正好做这件事。")
        counts = [c for _, c in pairs]
        ex.that(counts == sorted(counts, reverse=True), "词都对了，但没有按次数从高到低排列：用 most_common(20)，或排序后再取前 20 个。")


def ex3_hidden(top20):
    """2.3, stricter: no word twice, each count exact, sorted."""
    with exercise("2.3") as ex:
        ex.answered(top20, "top20")
        pairs = _pairs(ex, top20, "top20")
        counts = [c for _, c in pairs]
        ex.that(_is_top(pairs, _counts(GAOQIAO)) and counts == sorted(counts, reverse=True),
                f"应是高桥一文出现最多的 {TOP} 个词及其次数，从高到低排列。")


# --- 2.4 ------------------------------------------------------------------------------------------

@lru_cache(maxsize=8)
def _cmap(font_file: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(font_file, lazy=True, fontNumber=0) as font:
        return frozenset(font.getBestCmap())


def _missing_glyphs(font_file: str, text: str) -> list[str]:
    cmap = _cmap(str(font_file))
    return sorted({ch for ch in text if not ch.isspace() and ord(ch) not in cmap})


def _drawn(ex, cloud, name: str) -> dict:
    """The words a word cloud shows, after checking that its font has a glyph for every character."""
    from pathlib import Path

    import governance_kit.viz as viz

    _shared_tokenizer_intact(ex)
    try:
        from wordcloud import WordCloud
    except ImportError:  # pragma: no cover - wordcloud is a dependency of the kit
        WordCloud = ()
    if WordCloud and isinstance(cloud, WordCloud):
        words = dict(getattr(cloud, "words_", None) or {})
        if not words:
            ex.fail(f"{name} 还是一个空的词云：要先生成（generate_from_frequencies），更简单的是直接用 gk.viz.wordcloud(gaoqiao)。")
        missing = _missing_glyphs(cloud.font_path, "".join(words))
        if missing:
            ex.fail(f"词云用的字体 {Path(cloud.font_path).name} 没有“{''.join(missing[:5])}”等汉字的字形，画出来会是一个个方框。"
                    "改用 gk.viz.wordcloud(gaoqiao)（内置开源中文字体），或给 WordCloud 传 font_path=str(gk.viz.font_path())。")
        return words
    try:
        from PIL import Image
    except ImportError:  # pragma: no cover
        Image = None
    if Image is not None and isinstance(cloud, Image.Image):
        words = getattr(cloud, "words", None)
        if words is None:
            ex.fail(f"{name} 这张图没有记录画了哪些词（.words）：请直接用 gk.viz.wordcloud(gaoqiao) 返回的图片，"
                    "不要再缩放、转换或从文件读回。")
        missing = viz.font_covers("".join(words))
        if missing:
            ex.fail(f"内置字体没有“{''.join(missing[:5])}”的字形，这几个字会显示成方框：检查这些词是不是乱码残留。")
        return dict(words)
    if type(cloud).__name__ == "Figure":
        ex.fail(f"{name} 是一张 matplotlib 图；gk.viz.wordcloud(gaoqiao) 直接返回词云图片，把它本身存进 {name}。")
    ex.fail(f"{name} 应是 gk.viz.wordcloud(...) 返回的词云图片，现在是 {type(cloud).__name__}。")


def _top_words(counts, n: int) -> set[str]:
    """Words certainly among the ``n`` most frequent (ties at the boundary left out)."""
    if len(counts) <= n:
        return set(counts)
    cut = sorted(counts.values(), reverse=True)[n - 1]
    return {w for w, c in counts.items() if c > cut}


def ex4(cloud):
    """2.4: a word cloud of the Gaoqiao report drawn with a font that has every glyph."""
    with exercise("2.4", later="前 20 个高频词都画进了词云") as ex:
        ex.answered(cloud, "cloud")
        words = _drawn(ex, cloud, "cloud")
        expected = _counts(GAOQIAO)
        strangers = [w for w in words if w not in expected]
        if strangers:
            if _junk(strangers):
                ex.fail(f"词云里有“{_junk(strangers)[0]}”这类停用词或标点：用 gk.viz.wordcloud(gaoqiao)，它画的是去掉停用词后的词。")
            if all(w in _counts(SHEYANG) for w in words):
                ex.fail(f"这是射阳一文的词云；题目要高桥：corpus[\"{GAOQIAO}\"]。")
            if all(w in _corpus_counts() for w in words):
                ex.fail("这是全部语料的词云；题目只要高桥一篇：gk.viz.wordcloud(gaoqiao)。")
            ex.fail(f"词云里有高桥一文中没有的词，如“{strangers[0]}”：请对 gaoqiao 画词云。")
        ints = all(isinstance(c, int) for c in words.values())
        if ints:
            wrong = [w for w, c in words.items() if c != expected[w]]
            if wrong:
                ex.fail(f"“{wrong[0]}”的次数与高桥一文不符：请直接用 gk.viz.wordcloud(gaoqiao)。")
        missing = sorted(_top_words(expected, TOP_SHOWN) - set(words))
        if missing:
            ex.fail(f"高桥一文最常见的词“{missing[0]}”没有画上：是不是把 top 设得太小？用默认参数即可。")


def ex4_hidden(cloud):
    """2.4, stricter: every word among the 20 most frequent is drawn."""
    with exercise("2.4") as ex:
        ex.answered(cloud, "cloud")
        words = _drawn(ex, cloud, "cloud")
        missing = sorted(_top_words(_counts(GAOQIAO), TOP) - set(words))
        ex.that(not missing, f"高桥一文前 {TOP} 个高频词应都画在词云上，少了：{'、'.join(missing[:5])}。")
