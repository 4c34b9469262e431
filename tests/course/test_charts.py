"""Charts handed out in the course: heatmap axes name places, not file ids; a word cloud never shows
the nonsense a partial garble repair leaves in the clean text."""
from __future__ import annotations

import governance_kit as gk
from governance_kit import viz
from governance_kit.corpus import as_documents
from governance_kit.tokens.dictionary import common_words


def _misaligned(text: str) -> str:
    """``text`` as a GBK page that lost one byte: the rest decoded a byte out of step."""
    data = text.encode("gbk")
    return data[:1].decode("gbk", "replace") + data[3:].decode("gbk", "replace")


def test_words_inside_a_garbled_span_count_only_when_they_are_real_words():
    corpus = gk.load_corpus()
    doc = corpus["gaoqiao_2024"]
    spans = viz._garbled_spans(doc)
    assert spans, "the seed has garbled spans the cleaner repaired"
    inside = {w for w, a, b in gk.Tokenizer().word_spans(doc.text) if any(a < e and s < b for s, e in spans)}
    drawn = set(viz.chart_words(doc))
    dropped = inside - drawn
    assert dropped and all(len(w) <= 4 for w in dropped)
    assert drawn >= set(gk.tokenize(doc)) - inside  # nothing outside the damage is lost
    cloud = viz.wordcloud(doc)
    assert not set(cloud.words) & dropped


def test_an_uncleaned_text_is_checked_for_garble_too():
    sound = "社区网格员每天走访居民，收集大家对停车和加装电梯的意见，再交给居民议事会商量。"
    damaged = "街道召开会议。" + _misaligned("基层治理能力的提升有利于有效化解矛盾冲突，") + sound
    words = set(viz.chart_words(as_documents(damaged)[0]))
    assert set(gk.tokenize(sound)) <= words
    garbled = set(gk.tokenize(damaged)) - set(gk.tokenize("街道召开会议。" + sound))
    assert garbled and not (garbled & words) - common_words(), garbled & words


def test_heatmap_axes_show_place_names():
    corpus = gk.load_corpus()
    prof = gk.profile(corpus.cases())
    fig = viz.profile_heatmap(prof, corpus=corpus)
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert "射阳县" in ticks and "宁波市海曙区高桥镇" in ticks
    assert not any(t.endswith(("_2019", "_2023", "_2024")) for t in ticks), ticks
    assert viz.place_labels(corpus, ["jiangsu_2019"])["jiangsu_2019"].endswith("等 5 地")
