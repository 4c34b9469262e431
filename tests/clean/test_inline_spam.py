"""Forum jammer strings and link spam glued to paragraphs: found by shape, removed, listed; body untouched."""
from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from governance_kit import clean_text
from governance_kit.clean.inline_spam import JAMMER_RULE, LINK_SPAM_RULE, find_spans

BODY = "今年以来，街道按照“一网统管”要求，把辖区划成二十六个网格，每个网格配备一名专职网格员，群众反映的问题当天受理。"
BODY2 = "下一步，社区将继续完善议事协商制度，让居民在家门口就能说事、议事、办事。"


def discuz_jammer(rng: random.Random) -> str:
    """The string Discuz! X's jammer() hides in a post: 5–15 pairs of chr(32–59), a space, chr(63–126)."""
    n = 5
    while n < 15 and rng.random() < 0.7:
        n += 1
    return "".join(chr(rng.randint(32, 59)) + " " + chr(rng.randint(63, 126)) for _ in range(n))


def usable(jammer: str) -> bool:
    # a run of mostly spaces is not told from ordinary spacing, and one ending in a space merges with it
    return sum(1 for i in range(0, len(jammer), 3) if jammer[i] != " ") >= 3


@settings(max_examples=200, deadline=None)
@given(st.randoms(use_true_random=False), st.sampled_from(["line", "start", "end"]))
def test_every_jammer_is_removed_and_the_body_kept(rng, where):
    jammer = discuz_jammer(rng)
    if not usable(jammer):
        return
    if where == "line":
        text = f"{BODY}\n{jammer}\n{BODY2}"
    elif where == "start":
        text = f"{BODY}\n{jammer}{BODY2}"
    else:
        text = f"{BODY}{jammer}\n{BODY2}"
    result = clean_text(text)
    assert result.text == f"{BODY}\n{BODY2}"
    removed = [c for c in result.report.removed if c.rule == JAMMER_RULE]
    assert [c.original for c in removed] == [jammer.strip()] or [c.original for c in removed] == [jammer]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("网格员社区治理，。、；：“”（）0123456789 ABCabc%-./年月日")), max_size=300))
def test_nothing_is_found_in_ordinary_text(text):
    # Chinese text with numbers, percentages, abbreviations and single spaces is never a jammer
    assert [s for s in find_spans(text) if s.rule == JAMMER_RULE] == []


def test_spaced_letters_and_numbers_stay():
    for line in ("图 1 A 2 B 3 C 4 D 5 E 6 F", "选项 A. B. C. D. E. F.", "x + y = z, a + b = c, 1 + 2 = 3",
                 "GDP 增长 5.2% 10 A 20 B", "编号：3 N8"):
        assert find_spans(line) == [], line


def test_link_spam_before_and_after_a_paragraph_is_removed():
    text = f"某某医院权威专家 https://m.example.com/a_123.html {BODY}\n{BODY2}某某专科热线 http://x.example.cn/"
    result = clean_text(text)
    assert result.text == f"{BODY}\n{BODY2}"
    assert [c.rule for c in result.report.removed] == [LINK_SPAM_RULE, LINK_SPAM_RULE]
    assert result.report.removed[0].original.startswith("某某医院权威专家 https://")


def test_a_url_the_sentence_introduces_stays():
    for text in (f"详见网址 https://www.gov.cn/zhengce/ {BODY}",
                 f"{BODY}请登录 https://www.gov.cn/ 查询。",
                 f"{BODY}原文链接 https://www.gov.cn/zhengce/",
                 "通知全文 https://www.gov.cn/a.html 网格",  # not followed by running text
                 f"{BODY}{BODY2}"):
        assert [s for s in find_spans(text) if s.rule == LINK_SPAM_RULE] == [], text
