"""The law the validator cites: bundled official texts unchanged, every quoted wording verbatim in the
article and paragraph it names, and the thresholds read as the law defines 以上 and 过半数."""
from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from governance_kit.design import law_texts
from governance_kit.design.legal import BASES, rules
from governance_kit.design.thresholds import as_strict_as, meets, share_words


@pytest.mark.parametrize("law", sorted(law_texts.sources()))
def test_bundled_texts_are_byte_for_byte_what_their_source_gave(law):
    assert law_texts.checksum_ok(law)
    assert law_texts.articles(law)  # parsed into articles


QUOTES = [(r["id"], q) for r in rules() for q in r["quote"]]


@pytest.mark.parametrize("rule, quote", QUOTES, ids=[f"{r}-{q['article']}" for r, q in QUOTES])
def test_every_quote_is_verbatim_in_its_article_and_paragraph(rule, quote):
    assert law_texts.quote_found(quote), f"{rule}: {law_texts.citation(quote)} 中没有“{quote['text']}”"


def test_every_rule_quotes_its_article_or_names_a_checked_source():
    for rule in rules():
        assert rule["basis"] in BASES
        assert rule["quote"] or (rule.get("source_text") and rule.get("checked")), rule["id"]
        if rule["basis"] == "法律":
            assert rule["quote"], f"{rule['id']}: a legal rule must quote a bundled text"


def test_a_quote_under_the_wrong_article_is_caught():
    # the residents' meeting rule is in 第九条; 第十条 is about convening and reporting
    quote = next(q for r in rules() if r["id"] == "residents_meeting" for q in r["quote"])
    assert law_texts.quote_found(quote)
    assert not law_texts.quote_found({**quote, "article": "第十条"})
    assert not law_texts.quote_found({**quote, "paragraph": 1})


def test_the_civil_code_defines_the_words_the_thresholds_follow():
    (text,) = law_texts.paragraphs("民法典附则", "第一千二百五十九条")
    assert "“以上”、“以下”、“以内”、“届满”，包括本数" in text and "“超过”、“以外”，不包括本数" in text
    assert meets(28, 42, 2 / 3) and not meets(27, 42, 2 / 3)  # 三分之二以上 includes 28 of 42
    assert not meets(21, 42, 0.5) and meets(22, 42, 0.5)  # 过半数 = 超过半数 excludes 21 of 42
    assert meets(21, 42, 0.5, inclusive=True)  # 半数以上 (the party rule) includes it
    assert share_words(2 / 3) == "三分之二以上" and share_words(0.5) == "过半数"


@given(st.integers(0, 500), st.integers(1, 500), st.sampled_from([Fraction(1, 2), Fraction(2, 3), Fraction(4, 5), Fraction(1, 3)]),
       st.booleans())
def test_meets_is_exact_arithmetic(count, base, share, inclusive):
    exact = count * share.denominator
    expected = exact > base * share.numerator if share == Fraction(1, 2) and not inclusive else exact >= base * share.numerator
    assert meets(count, base, share, inclusive) == expected
    assert meets(count, base, float(share), inclusive) == expected  # 2/3 typed as a float


def test_a_stricter_requirement_passes_a_looser_one_does_not():
    assert as_strict_as(0.5, False, Fraction(1, 2))
    assert not as_strict_as(0.5, True, Fraction(1, 2))  # 半数以上 asks less than 过半数
    assert as_strict_as(0.5, False, Fraction(1, 2), True)
    assert as_strict_as(0.7, False, Fraction(2, 3)) and as_strict_as(0.667, False, Fraction(2, 3))
    assert not as_strict_as(0.66, False, Fraction(2, 3))  # 0.66 is not 三分之二


def test_the_check_table_in_docs_is_current():
    from pathlib import Path

    from governance_kit.design.legal import check_table

    doc = Path(__file__).resolve().parents[2] / "docs" / "法条核对表.md"
    assert doc.read_text(encoding="utf-8") == check_table() + "\n", "请运行 python scripts/law_table.py 重新生成"
    assert all(f"{rule['id']}（" in doc.read_text(encoding="utf-8") for rule in rules())
