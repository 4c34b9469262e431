"""The learned scorer of discovery (governance_kit.codebook.discovery.model)."""
from __future__ import annotations

import json
from importlib import resources

from hypothesis import given, settings
from hypothesis import strategies as st

from governance_kit.codebook.discovery.finder import discover
from governance_kit.codebook.discovery.model import _edge_stop, _scores, candidates, learned_spans, load_model


def _reference(text, model):
    """Probabilities from the plain feature dictionaries (the form the model is trained on)."""
    return {(s, e): model.probability(f) for s, e, f in candidates(text)}


def test_fast_scorer_equals_the_feature_dictionaries(seed_clean):
    model = load_model()
    for result in seed_clean.values():
        text = result.text[:3000]
        reference = _reference(text, model)
        fast = {(s, e): p for p, s, e in _scores(text, model, 0.0)}
        assert fast.keys() == reference.keys()
        assert max(abs(fast[k] - reference[k]) for k in fast) < 1e-9


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="网格员议事会一名三个推行搞长堂村社合一“”「」,。、\n e+1的了和", max_size=80))
def test_fast_scorer_and_spans_on_arbitrary_text(text):
    model = load_model()
    reference = _reference(text, model)
    fast = {(s, e): p for p, s, e in _scores(text, model, 0.0)}
    assert fast.keys() == reference.keys()
    spans = learned_spans(text, threshold=0.0)
    for name, s, e, _ in spans:
        assert text[s:e] == name
    assert all(a[2] <= b[1] for a, b in zip(spans, spans[1:]))  # in order, never overlapping


def test_spans_never_start_or_end_with_function_words_counts_or_verbs():
    from governance_kit.tokens.pieces import dictionary_pieces as _dictionary

    cut = _dictionary()[2]
    text = "各村推选一名山头长,负责火险巡查;每个山场设三个哨点,村里搞了晒粮议价。"
    for name, *_ in learned_spans(text, threshold=0.0):
        pieces = cut(name)
        assert not _edge_stop(pieces[0]) and not _edge_stop(pieces[-1]), pieces


def test_a_casual_coinage_is_found_by_the_model():
    found = {d.name: d for d in discover("村里办起了板凳课堂,老人们最爱听。")}
    assert found["板凳课堂"].kind == "learned"
    assert 0.5 <= found["板凳课堂"].confidence <= 1.0
    assert any(c.startswith("模型概率") for c in found["板凳课堂"].cues)


def test_the_model_file_names_its_training_and_threshold():
    data = json.loads((resources.files("governance_kit") / "data" / "discovery_model.json").read_text(encoding="utf-8"))
    assert "tests/data" in data["source"] and 0.5 <= data["threshold"] < 1
    assert data["cross_validation"]["method"] == "leave one set out"
    assert len(data["weights"]) > 1000
