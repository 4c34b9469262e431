"""engine="rjieba" gives exactly the tokens of engine="jieba" (skipped when rjieba is not installed).

The comparison runs on every seed (raw and cleaned) and every test corpus, with and without the HMM,
plus strings built to hit each difference the engine bridges (the dictionary total, characters known
only as word starts, ``-``/``.`` inside blocks, CJK extension characters); the mismatch rate must be 0.
"""
from __future__ import annotations

import pickle
import random
from pathlib import Path

import pytest

from governance_kit.tokens import Tokenizer, rjieba_available

pytestmark = pytest.mark.skipif(not rjieba_available(), reason="rjieba 未安装")

ROOT = Path(__file__).resolve().parents[2]
CORPORA = sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "tests" / "data").glob("*_reports/*.txt"))

# each hits one difference between jieba and jieba-rs (see governance_kit/tokens.py)
EDGE_CASES = [
    "群众意见通过网格员收集",        # the dictionary total: bare jieba-rs with the lexicon joins 群众意见
    "万元以上的项目须经村民代表会议",  # idem (万元以上, 须经)
    "于2019-03-23召开,详见m.pinshuzw.com",  # the HMM's handling of - and . inside a block
    "governance_kit 第3.5版增长50%,C++与C#",
    "A股B超T恤,1号楼4号楼",           # characters known only as the start of longer words
    "𠀀网格化管理䶮三治融合\u9fd6村",    # CJK extension and U+9FD6+ characters
    "网格长\x1c网格员",                 # whitespace to Python, not to Rust
    "", " ", "\n\n", "a", "1", "网",
]


@pytest.fixture(scope="module")
def texts():
    import governance_kit as gk

    out = []
    for path in CORPORA:
        doc = gk.read_document(path)
        out += [doc.raw, doc.text]
    return out


@pytest.fixture(scope="module")
def engines():
    return {hmm: (Tokenizer(hmm=hmm), Tokenizer(hmm=hmm, engine="rjieba")) for hmm in (True, False)}


@pytest.mark.parametrize("hmm", [True, False])
def test_identical_tokens_on_seeds_and_test_corpora(texts, engines, hmm):
    python, rust = engines[hmm]
    tokens = mismatched = 0
    for text in texts + EDGE_CASES:
        a, b = python.cut(text), rust.cut(text)
        tokens += len(a)
        if a != b:
            mismatched += sum(x != y for x, y in zip(a, b)) + abs(len(a) - len(b))
    assert len(texts) >= 2 * 40 and tokens > 50_000
    assert mismatched == 0, f"{mismatched} of {tokens} tokens differ ({mismatched / tokens:.4%})"


def test_identical_tokens_on_mutated_snippets(texts, engines):
    """Random snippets of the corpora with characters swapped for rare Han, Latin, digits and
    block punctuation: the places where the two engines' rules differ."""
    rnd = random.Random(0)
    pool = list("ABCabcXYZ0123456789+#&._%- \n") + [chr(c) for c in rnd.sample(range(0x4E00, 0x9FD6), 200)]
    for _ in range(600):
        src = rnd.choice(texts)
        k = rnd.randrange(max(1, len(src)))
        snippet = "".join(c if rnd.random() > 0.15 else rnd.choice(pool) for c in src[k:k + rnd.randint(1, 50)])
        for python, rust in engines.values():
            assert python.cut(snippet) == rust.cut(snippet), snippet


def test_engine_is_faster_where_it_counts(texts, engines):
    """Most of a governance text goes to rjieba: only a small share of characters is cut by Python."""
    python, rust = engines[True]
    rust.cut("网格")
    marks = rust._ensure_rust()[1]
    text = "\n".join(texts[1::2])  # the cleaned texts
    share = sum(b - a for a, b in rust._python_blocks(text, marks)) / len(text)
    assert share < 0.2


def test_add_terms_and_pickling_keep_the_engine():
    tok = Tokenizer(engine="rjieba")
    assert "鹤乡网格e事" not in tok.cut("创新鹤乡网格e事品牌")
    tok.add_terms(["鹤乡网格e事", "红色代办"])
    assert tok.cut("创新鹤乡网格e事品牌,推行红色代办") == Tokenizer(lexicon=["鹤乡网格e事", "红色代办"]).cut(
        "创新鹤乡网格e事品牌,推行红色代办")
    clone = pickle.loads(pickle.dumps(tok))
    assert clone.engine == "rjieba" and clone.cut("推行红色代办") == tok.cut("推行红色代办")
    assert "engine=rjieba" in repr(tok)


def test_unknown_engine_is_a_chinese_value_error():
    with pytest.raises(ValueError, match="engine 只能是"):
        Tokenizer(engine="pkuseg")
