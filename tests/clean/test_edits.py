"""Offset bookkeeping: spans map back to the input and forward to the output exactly."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from governance_kit.clean.edits import Trail, apply


@st.composite
def text_and_replacements(draw):
    text = draw(st.text(alphabet="abcdef网格治理", min_size=0, max_size=40))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8, unique=True)))
    reps = []
    for a, b in zip(cuts[::2], cuts[1::2]):
        reps.append((a, b, draw(st.text(alphabet="XYZ", max_size=3))))
    return text, reps


@given(text_and_replacements())
def test_untouched_characters_map_both_ways(case):
    text, reps = case
    new, emap = apply(text, reps)
    touched = set()
    for a, b, _ in reps:
        touched.update(range(a, b))
    for i, ch in enumerate(text):
        if i in touched:
            continue
        j = emap.to_output(i)
        assert new[j] == ch
        assert emap.to_input(j) == i


@given(text_and_replacements())
def test_replacement_spans_round_trip(case):
    text, reps = case
    new, emap = apply(text, reps)
    for a, b, r in reps:
        start, end = emap.to_output(a), emap.to_output(b, end=True)
        assert new[start:end] == r
        assert emap.to_input(start) == a or r == ""


def test_trail_chains_steps():
    trail = Trail()
    text = "实(shí)现(xiàn)治理"
    step1, m1 = apply(text, [(1, 6, ""), (7, 13, "")])
    trail.add(m1)
    step2, m2 = apply(step1, [(2, 4, "ZL")])
    trail.add(m2)
    assert step2 == "实现ZL"
    assert trail.to_input(2, 2) == 13 and trail.to_input(4, 2, end=True) == 15


@given(text_and_replacements(), st.booleans())
def test_vectorised_mapping_equals_scalar(case, end):
    import numpy as np

    text, reps = case
    new, emap = apply(text, reps)
    outs = np.arange(len(new) + 1)
    ins = np.arange(len(text) + 1)
    assert emap.to_input_many(outs, end=end).tolist() == [emap.to_input(int(p), end=end) for p in outs]
    assert emap.to_output_many(ins, end=end).tolist() == [emap.to_output(int(p), end=end) for p in ins]


@given(text_and_replacements())
def test_fast_delete_equals_apply(case):
    from governance_kit.clean.edits import delete

    text, reps = case
    spans = [(a, b) for a, b, _ in reps]
    new_a, map_a = apply(text, [(a, b, "") for a, b in spans])
    new_b, map_b = delete(text, spans)
    assert new_a == new_b
    assert (map_a.starts, map_a.ends, map_a.new_starts, map_a.new_ends) == (map_b.starts, map_b.ends, map_b.new_starts, map_b.new_ends)
