"""Shares as the law writes them, compared exactly.

《民法典》第一千二百五十九条: “以上”“以下”“以内”“届满”包括本数;“不满”“超过”“以外”不包括本数.
So 三分之二以上 is met by exactly two thirds (28 of 42), while 过半数 (超过半数) is not met by exactly
half (21 of 42). A share is read the way Chinese law uses it: 1/2 means 过半数 unless ``inclusive``
(半数以上, as the party rule for 党员大会 has it); any other share means 以上. A share typed as a decimal
(0.6667) is taken as the nearest simple fraction (2/3), so a trainee's rounding never flips a result.

>>> meets(28, 42, 2/3), meets(21, 42, 1/2), meets(21, 42, 1/2, inclusive=True), meets(22, 42, 0.5)
(True, False, True, True)
>>> as_strict_as(0.6667, False, 2/3, False), as_strict_as(1/2, True, 1/2, False), share_words(1/2, True)
(True, False, '半数以上')
"""
from __future__ import annotations

from fractions import Fraction

_HALF = Fraction(1, 2)
_WORDS = {Fraction(2, 3): "三分之二以上", Fraction(4, 5): "五分之四以上", Fraction(1, 3): "三分之一以上",
          Fraction(3, 4): "四分之三以上"}


def as_fraction(share) -> Fraction:
    """A share as a fraction: exact for simple fractions however they were typed (0.6667 → 2/3)."""
    exact = Fraction(share)  # "2/3" in a data file, 2/3 or 0.6667 typed in a notebook
    near = exact.limit_denominator(12)
    return near if abs(near - exact) < Fraction(1, 2000) else exact.limit_denominator(10_000)


def strict(share, inclusive: bool = False) -> bool:
    """Whether the threshold excludes the number itself (过半数), as opposed to 以上."""
    return as_fraction(share) == _HALF and not inclusive


def meets(count, base, share, inclusive: bool = False):
    """Whether ``count`` out of ``base`` reaches ``share`` in the law's sense; works on NumPy arrays."""
    f = as_fraction(share)
    left, right = count * f.denominator, base * f.numerator
    return left > right if strict(f, inclusive) else left >= right


def as_strict_as(share, inclusive: bool, law_share, law_inclusive: bool = False) -> bool:
    """Whether a requirement (``share``, ``inclusive``) asks at least what the law's does."""
    mine, law = as_fraction(share), as_fraction(law_share)
    if mine != law:
        return mine > law
    return strict(mine, inclusive) or not strict(law, law_inclusive)


def share_words(share, inclusive: bool = False) -> str:
    """The share in the law's words: 过半数, 半数以上, 三分之二以上 …, else a percentage with 以上."""
    f = as_fraction(share)
    if f == _HALF:
        return "半数以上" if inclusive else "过半数"
    return _WORDS.get(f, f"{float(share):.0%}以上")
