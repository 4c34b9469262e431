"""code_patterns (governance_kit.codebook.coding): the table of hits on small written codebooks and texts,
and properties on random texts."""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from governance_kit.clean.cleaner import CleanReport
from governance_kit.codebook import coding
from governance_kit.codebook.coding import COLUMNS, code_patterns
from governance_kit.codebook.matcher import CUE_CONFIDENCE, NAME_CONFIDENCE
from governance_kit.codebook.model import Codebook, Pattern, load_codebook
from governance_kit.corpus import Corpus, Document


def doc(doc_id: str, text: str) -> Document:
    """A document whose text is taken as it is (no cleaning: offsets are those of ``text``)."""
    return Document(doc_id, text, text, {"title": None}, CleanReport())


def rows(df) -> list[tuple]:
    return list(zip(df.pattern, df.match, df.start, df.via, df.confidence))


SHAIBA = Pattern("shaiba", "晒坝议事", "deliberation", aliases=["晒坝会"], cues=[r"晒坝[^。]{0,4}商量"])


def test_name_alias_and_cue_hits_and_their_confidence():
    text = "村里召开晒坝议事。再开晒坝会。村民在晒坝里商量修路。"
    df = code_patterns(doc("d", text), Codebook([SHAIBA]), discover=False)
    assert rows(df) == [
        ("shaiba", "晒坝议事", 4, "name", NAME_CONFIDENCE),
        ("shaiba", "晒坝会", 11, "alias", NAME_CONFIDENCE),
        ("shaiba", "晒坝里商量", 18, "cue", CUE_CONFIDENCE),
    ]
    assert (NAME_CONFIDENCE, CUE_CONFIDENCE) == (1.0, 0.7)
    assert set(df.source) == {"codebook"} and set(df.category) == {"deliberation"} and set(df.name) == {"晒坝议事"}


def test_every_span_indexes_the_text_and_its_sentence():
    text = "推进三治融合。\n村里召开晒坝议事,大家在晒坝上商量。坚持新时代枫桥经验!"
    cb = load_codebook().with_patterns(SHAIBA)
    df = code_patterns(doc("d", text), cb, discover=False)
    assert len(df) >= 4 and list(df.columns) == COLUMNS
    for row in df.itertuples():
        assert text[row.start:row.end] == row.match
        assert row.match in row.sentence and row.sentence in text
    assert df.start.is_monotonic_increasing


@pytest.mark.parametrize("patterns, text, expected", [
    # nested: the longer name wins, the shorter one still counts where it stands alone
    ([Pattern("fengqiao", "枫桥经验", "dispute_resolution"), Pattern("new_fengqiao", "新时代枫桥经验", "dispute_resolution")],
     "坚持新时代枫桥经验,学习枫桥经验", [("new_fengqiao", "新时代枫桥经验"), ("fengqiao", "枫桥经验")]),
    # crossing: the longest wins even when it starts later (longest first, not leftmost first)
    ([Pattern("zhengzhi", "整治形式主义", "burden_reduction"), Pattern("two_isms", "形式主义、官僚主义", "burden_reduction")],
     "整治形式主义、官僚主义", [("two_isms", "形式主义、官僚主义")]),
    # crossing, equal length: the leftmost wins
    ([Pattern("sanzhi", "三治融合", "self_governance"), Pattern("ronghe", "融合发展", "services")],
     "推动三治融合发展", [("sanzhi", "三治融合")]),
    # a chain of three: the middle one is longest and pushes both neighbours out
    ([Pattern("a", "甲乙", "services"), Pattern("b", "乙丙丁戊", "services"), Pattern("c", "戊己", "services")],
     "甲乙丙丁戊己", [("b", "乙丙丁戊")]),
])
def test_longest_first_among_overlapping_names(patterns, text, expected):
    df = code_patterns(doc("d", text), Codebook(patterns), discover=False)
    assert list(zip(df.pattern, df.match)) == expected
    for row in df.itertuples():
        assert text[row.start:row.end] == row.match


def test_traditional_aliases_match_simplified_text():
    cb = Codebook([Pattern("fengqiao", "枫桥式工作法", "dispute_resolution", aliases=["楓橋經驗"])])
    text = "学习枫桥经验,推广枫桥式工作法。"
    df = code_patterns(doc("d", text), cb, discover=False)  # no cleaning: the text stays as written
    assert rows(df) == [("fengqiao", "枫桥经验", 2, "alias", 1.0), ("fengqiao", "枫桥式工作法", 9, "name", 1.0)]


def test_traditional_text_is_cleaned_when_given_as_a_string():
    df = code_patterns("推廣楓橋經驗", Codebook([Pattern("fengqiao", "枫桥经验", "dispute_resolution")]), discover=False)
    assert list(zip(df.doc_id, df.match, df.via)) == [("text", "枫桥经验", "name")]


def test_corpus_input_gives_a_doc_id_per_row():
    docs = [doc("first", "召开晒坝议事。"), doc("empty", "天气很好。"), doc("second", "开晒坝会,再开晒坝会。")]
    cb = Codebook([SHAIBA])
    df = code_patterns(Corpus(docs), cb, discover=False)
    assert list(zip(df.doc_id, df.start)) == [("first", 2), ("second", 1), ("second", 7)]
    assert df.equals(code_patterns(docs, cb, discover=False))
    for row in df.itertuples():
        text = next(d.text for d in docs if d.doc_id == row.doc_id)
        assert text[row.start:row.end] == row.match


def test_documents_coded_together_or_alone_give_the_same_rows():
    cb = load_codebook()
    docs = [doc(f"d{i}", text) for i, text in enumerate(
        ["推进网格化管理,网格员每日巡查。", "", "坚持和发展新时代枫桥经验。", "村务公开,实行四议两公开。"])]
    together = code_patterns(docs, cb, discover=False)
    alone = [code_patterns(d, cb, discover=False) for d in docs]
    assert rows(together) == [r for df in alone for r in rows(df)]
    assert list(together.doc_id) == [d for df in alone for d in df.doc_id]


def test_many_batches_give_the_table_of_one(monkeypatch):
    docs = [doc(f"d{i}", text) for i, text in enumerate(
        ["推进网格化管理,镇里建立“老兵调解站”。", "坚持和发展新时代枫桥经验,开设“邻里茶话会”。", "",
         "村务公开,实行四议两公开,成立乡贤理事会。", "网格员每日巡查,推行“红色管家”服务品牌。",
         "打造“共创高桥”品牌,每月召开院坝会。", "网格员走访农户,村里搞了晒粮议价。"])]
    whole = code_patterns(docs, discover=True)
    batches = coding._batches
    monkeypatch.setattr(coding, "_batches", lambda d: batches(d, chars=20))  # about a batch per document
    assert len(list(coding._batches(docs))) >= 5
    assert code_patterns(docs, discover=True).equals(whole)
    assert "discovered" in set(whole.source) and list(whole.doc_id.unique()) == [d.doc_id for d in docs if d.text]


def test_discovered_rows_index_the_text_too():
    text = "镇里建立“老兵调解站”,推行四议两公开工作法。"
    df = code_patterns(doc("d", text), load_codebook())
    assert {"codebook", "discovered"} <= set(df.source)
    for row in df.itertuples():
        assert text[row.start:row.end] == row.match
    found = df[df.source == "discovered"]
    assert "老兵调解站" in set(found.match) and set(found.pattern) == set(found.name)


# --- properties ----------------------------------------------------------------------------------------

_CB = load_codebook()
_SURFACES = sorted({s for p in _CB.patterns for s, _ in p.surfaces()})
_PIECES = st.one_of(st.sampled_from(_SURFACES), st.sampled_from(["。", ",", "\n", "网格员", "每日巡查", "村民", "议事",
                                                                  "的", "和", "推行", "建立", "“", "”"]))
_TEXTS = st.lists(_PIECES, max_size=25).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TEXTS, min_size=1, max_size=3))
def test_rows_index_the_text_and_never_overlap_within_a_pattern(texts):
    docs = [doc(f"d{i}", t) for i, t in enumerate(texts)]
    df = code_patterns(docs, _CB, discover=False)
    assert list(df.columns) == COLUMNS
    by_id = {d.doc_id: d.text for d in docs}
    for row in df.itertuples():
        text = by_id[row.doc_id]
        assert 0 <= row.start < row.end <= len(text)
        assert text[row.start:row.end] == row.match
        assert row.confidence == (CUE_CONFIDENCE if row.via == "cue" else NAME_CONFIDENCE)
    for (_, _), group in df.groupby(["doc_id", "pattern"]):
        spans = sorted(zip(group.start, group.end))
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), spans


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_every_name_in_the_text_lies_under_a_name_row(text):
    """Longest first drops a name hit only for an overlapping name hit at least as long: no occurrence
    of a name or alias goes uncoded."""
    df = code_patterns(doc("d", text), _CB, discover=False)
    names = df[df.via != "cue"]
    spans = list(zip(names.start, names.end))
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))  # name rows never overlap, whatever their pattern
    for surface in _SURFACES:
        for m in re.finditer(re.escape(surface), text):
            covering = [(a, b) for a, b in spans if a < m.end() and m.start() < b]
            assert covering and max(b - a for a, b in covering) >= len(surface), (surface, m.start(), spans)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_code_patterns_on_any_text_never_raises(text):
    df = code_patterns(text, _CB)  # a string: cleaned first; discovery included
    assert list(df.columns) == COLUMNS
    assert set(df.doc_id) <= {"text"}
