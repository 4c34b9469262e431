"""The rjieba engine's checks and block rules (governance_kit.tokens.engine) that need no rjieba."""
from __future__ import annotations

import pytest

from governance_kit.tokens import Tokenizer, check_engine, engine
from governance_kit.tokens.engine import ENGINE_UNSAFE, ENGINES, in_block, python_blocks


def test_check_engine():
    assert [check_engine(e) for e in ENGINES if e == "jieba"] == ["jieba"]
    with pytest.raises(ValueError, match="engine 只能是 'jieba'、'rjieba' 之一,收到的是 'pkuseg'"):
        check_engine("pkuseg")


def test_rjieba_missing_is_a_chinese_import_error(monkeypatch):
    monkeypatch.setattr(engine, "rjieba_available", lambda: False)
    with pytest.raises(ImportError, match="pip install rjieba"):
        check_engine("rjieba")
    with pytest.raises(ImportError, match="pip install rjieba"):
        Tokenizer(engine="rjieba")


def test_in_block_is_jiebas_block_class():
    assert all(in_block(c) for c in "网格aZ09+#&._%-")
    assert not any(in_block(c) for c in " ,。“(\u9fd6\u3400")


@pytest.mark.parametrize("text, hmm, spans", [
    ("网格员于2019-03-23召开会议", True, [(0, 18)]),   # one block holding "-": Python cuts it
    ("网格员于2019-03-23召开会议", False, []),          # without the HMM the engines agree
    ("网格 a.b 治理 c-d", True, [(3, 6), (10, 13)]),      # separate blocks
    ("a.b c-d", True, [(0, 7)]),                          # no block between: one span for both
    ("网格员会议", True, []),
])
def test_python_blocks_with_the_hmm(text, hmm, spans):
    assert python_blocks(text, None, hmm) == spans


def test_texts_only_python_cuts():
    assert ENGINE_UNSAFE.search("𠀀网格") and ENGINE_UNSAFE.search("网格长\x1c网格员")
    assert not ENGINE_UNSAFE.search("网格员每日开展排查, 2024-03-15")
