"""Options: what changes the tables changes the cache key; the tables follow the stages."""
from __future__ import annotations

from governance_kit.pipeline.jobs import Options


def test_the_key_follows_what_changes_the_tables():
    base = Options()
    assert Options(stages=("code",)).key() != base.key()
    assert Options(discover=True).key() != base.key()
    assert Options(tokens="spans").key() != base.key()
    assert Options(segmenter="rjieba").key() == base.key()  # both engines give the same tokens
    assert Options(stages=("places", "code")).key() == Options(stages=("code", "places")).key()
    assert len(base.key()) == 16


def test_tables_follow_the_stages_in_a_fixed_order():
    assert Options().tables() == ["documents", "tokens", "codings", "metrics", "places"]
    assert Options(stages=("places", "tokenize")).tables() == ["documents", "tokens", "places"]
    assert Options(stages=()).tables() == ["documents"]
