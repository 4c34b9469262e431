"""The matching engine (governance_kit.codebook.matcher, overlaps, cue_anchors): batches, the longest-first
choice and cue anchors, against plain reference implementations on random input."""
from __future__ import annotations

import re

import numpy as np
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from governance_kit.codebook.cue_anchors import cue_anchors, cue_width
from governance_kit.codebook.matcher import Matcher
from governance_kit.codebook.model import Codebook, Pattern, load_codebook
from governance_kit.codebook.overlaps import longest_first, longest_first_order

_CB = load_codebook()


def test_find_reports_names_aliases_and_cues_in_text_order():
    matcher = Matcher((Pattern("shaiba", "晒坝议事", "deliberation", aliases=["晒坝会"], cues=[r"晒坝[^。]{0,4}商量"]),
                       Pattern("grid", "网格员", "grid_management")))
    text = "网格员召集晒坝会,在晒坝上商量;晒坝议事"
    assert matcher.find(text) == [(0, 3, 1, "name", 1.0), (5, 8, 0, "alias", 1.0), (10, 15, 0, "cue", 0.7),
                                  (16, 20, 0, "name", 1.0)]
    assert matcher.surfaces == {"晒坝议事", "晒坝会", "网格员"}


def test_a_codebook_keeps_its_matcher():
    cb = Codebook([Pattern("shaiba", "晒坝议事", "deliberation")])
    assert cb.matcher() is cb.matcher()
    assert cb.add(id="grid", name="网格员", category="grid_management").matcher() is not cb.matcher()


_WORDS = ["网格", "网格员", "巡查", "议事会", "村民议事会", "三治", "三治融合", "枫桥经验", "公开", "。", ",", "在", "的"]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(_WORDS), max_size=30).map("".join), min_size=1, max_size=4))
def test_a_batch_finds_what_each_text_finds_alone(texts):
    matcher = _CB.matcher()
    hits = matcher.find_all(texts)
    together = list(zip(hits.doc.tolist(), hits.start.tolist(), hits.end.tolist(), hits.pattern.tolist()))
    alone = [(d, s, e, p) for d, text in enumerate(texts) for s, e, p, _, _ in matcher.find(text)]
    assert together == alone
    for d, s, e, _ in together:
        assert 0 <= s < e <= len(texts[d])


# --- the longest-first choice --------------------------------------------------------------------------

_SPANS = st.lists(st.tuples(st.integers(0, 40), st.integers(1, 8)).map(lambda t: (t[0], t[0] + t[1])),
                  max_size=40, unique=True)


@settings(max_examples=300, deadline=None)
@given(_SPANS)
def test_longest_first_keeps_no_overlap_and_drops_only_for_a_longer_hit(spans):
    hits = [(s, e, i) for i, (s, e) in enumerate(spans)]
    kept = longest_first(hits)
    assert kept == sorted(kept)
    assert all(a[1] <= b[0] for a, b in zip(kept, kept[1:]))
    for h in set(hits) - set(kept):
        rivals = [k for k in kept if k[0] < h[1] and h[0] < k[1]]
        assert rivals and any(k[1] - k[0] >= h[1] - h[0] for k in rivals), (h, kept)


@settings(max_examples=300, deadline=None)
@given(_SPANS)
def test_the_numpy_choice_keeps_the_same_hits(spans):
    start = np.array([s for s, _ in spans], dtype=np.int64)
    end = np.array([e for _, e in spans], dtype=np.int64)
    order = longest_first_order(start, end)
    by_numpy = [(int(start[i]), int(end[i])) for i in order]
    assert by_numpy == [(s, e) for s, e, _ in longest_first([(s, e, 0) for s, e in spans])]


def test_per_pattern_only_hits_of_one_pattern_compete():
    hits = [(0, 4, 0, "cue"), (2, 5, 1, "cue"), (3, 9, 0, "cue")]
    assert longest_first(hits, per_pattern=True) == [(2, 5, 1, "cue"), (3, 9, 0, "cue")]
    assert longest_first(hits) == [(3, 9, 0, "cue")]


# --- cue anchors ---------------------------------------------------------------------------------------

_CHARS = "网格员巡查议事会村民"
_LITERAL = st.text(alphabet=_CHARS, min_size=1, max_size=3)
_PART = st.one_of(
    _LITERAL,
    _LITERAL,
    st.integers(0, 4).map(lambda n: f"[^。]{{0,{n}}}"),
    st.tuples(_LITERAL, _LITERAL).map(lambda t: f"({t[0]}|{t[1]})"),
    st.sampled_from(["[巡排]", "[村居]民", ".", "查?"]),
)
_CUES = st.lists(_PART, min_size=1, max_size=4).map("".join)


def _valid(cue: str) -> bool:
    try:
        regex = re.compile(cue)
    except re.error:
        return False
    return regex.search("") is None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_CUES, st.text(alphabet=_CHARS + "。,排居", max_size=60))
def test_every_match_holds_an_anchor_where_cue_anchors_says(cue, text):
    assume(_valid(cue))
    anchors = cue_anchors(cue)
    width = cue_width(cue)
    for m in re.finditer(cue, text):
        if width is not None:
            assert m.end() - m.start() <= width
        if anchors:
            assert any(text.startswith(lit, m.start() + k) for lit, lo, hi in anchors for k in range(lo, hi + 1)), (
                cue, m.group(), anchors)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_CUES, min_size=1, max_size=3), st.text(alphabet=_CHARS + "。,排居", max_size=60))
def test_cue_hits_equal_plain_regex_scanning(cues, text):
    """Anchored or not, the matcher finds each cue where searching from every position finds it (then
    longest first among the hits of one pattern)."""
    assume(all(_valid(c) for c in cues))
    patterns = tuple(Pattern(f"p{i}", f"甲乙{i}", "services", cues=[c]) for i, c in enumerate(cues))
    expected = []
    for i, cue in enumerate(cues):
        regex, pos = re.compile(cue), 0
        while (m := regex.search(text, pos)) is not None:
            expected.append((m.start(), m.end(), i, "cue", 0.7))
            pos = m.start() + 1
    assert Matcher(patterns).find(text) == sorted(longest_first(expected, per_pattern=True))


def test_cues_without_an_anchor_are_searched_from_every_start():
    # two cues in the alternation matching at one start: both are hits
    both = Matcher((Pattern("p0", "甲乙", "services", cues=[".{0,2}(议事|议事)"]),
                    Pattern("p1", "丙丁", "services", cues=[".{0,2}(议事|议事)"])))
    assert both.cue_re is not None and not any(both.anchors_of)
    assert both.find("议事") == [(0, 2, 0, "cue", 0.7), (0, 2, 1, "cue", 0.7)]
    # a cue scanned alone (it has a named group): a longer match starting inside an earlier one wins
    alone = Matcher((Pattern("p", "甲乙", "services", cues=[r"(?P<a>[^。])(?P=a)|.{3}议"]),))
    assert alone.unanchored == [0]
    assert alone.find("事事开会议") == [(1, 5, 0, "cue", 0.7)]
