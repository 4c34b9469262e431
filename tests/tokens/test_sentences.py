"""Sentence spans: evidence units for codings and metrics."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from governance_kit.tokens.sentences import SentenceIndex, sentence_spans, sentences_at


def test_seed_sentences_cover_the_text(seed_clean):
    for result in seed_clean.values():
        text = result.text
        spans = sentence_spans(text)
        covered = "".join(text[a:b] for a, b in spans)
        assert covered == text.replace("\n", "")  # every character but the line breaks lies in a sentence
        assert all(b > a for a, b in spans)


def test_sentence_at_finds_the_holding_sentence():
    text = "我县创设“党小组+”模式;网格员每日排查。\n第二段讲三治融合。"
    index = SentenceIndex(text)
    assert index.sentence_at(text.index("党小组")) == "我县创设“党小组+”模式;"
    assert index.sentence_at(text.index("三治")) == "第二段讲三治融合。"


@given(st.text(alphabet="网格员治理。;!?”\n ab", max_size=80))
def test_spans_are_ordered_and_inside_the_text(text):
    spans = sentence_spans(text)
    last = 0
    for a, b in spans:
        assert last <= a < b <= len(text)
        assert text[a:b].strip() == text[a:b]
        last = b


# --- the batch path used by code_patterns ----------------------------------------------------------

_SPLIT_ALPHABET = "网格员排查小组会办。！？!?；;”’」』）)\n \t“(好a1"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=_SPLIT_ALPHABET, max_size=40), min_size=1, max_size=4), st.data())
def test_sentence_ids_agree_with_sentences_at(texts, data):
    """The vectorised batch split gives, span by span, exactly what sentences_at gives per text."""
    from governance_kit.tokens.sentences import sentence_ids

    doc, starts, ends = [], [], []
    for i, text in enumerate(texts):
        for _ in range(data.draw(st.integers(0, 5))):
            if not text:
                break
            s = data.draw(st.integers(0, len(text) - 1))
            e = data.draw(st.integers(s + 1, len(text)))
            doc.append(i), starts.append(s), ends.append(e)
    sentences, ids = sentence_ids(texts, doc, starts, ends)
    expected = [sentences_at(texts[d], [s], [e])[0] for d, s, e in zip(doc, starts, ends)]
    assert [sentences[i] for i in ids] == expected
