"""Full-width Chinese punctuation for the briefs (governance_kit.design.typography, GB/T 15834)."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from governance_kit.design.blocks import Code, Figure, Heading, Numbered, Paragraph, Table
from governance_kit.design.typography import count_halfwidth, fullwidth, typeset

HALF_WIDTH = re.compile(r"(?<=[\u4e00-\u9fff])[,;:()]|[,;:()](?=[\u4e00-\u9fff])")


@pytest.mark.parametrize("text, expected", [
    ("通过的概率:100.0%", "通过的概率：100.0%"),
    ("居民会议(第九条)", "居民会议（第九条）"),
    ("甲, 乙; 丙", "甲，乙；丙"),
    ("有问题吗?有!", "有问题吗？有！"),
    ("《条例(试行)》第十一条,党内法规", "《条例（试行）》第十一条，党内法规"),
    ("约 1,000 户,09:30 开会", "约 1,000 户，09:30 开会"),     # digits on both sides stay
    ("调用 plan(...) 生成方案", "调用 plan(...) 生成方案"),   # a call between Latin letters stays
    ("用 simulate(程序, 人群) 模拟", "用 simulate（程序，人群）模拟"),
    ("seed=0, runs=400", "seed=0, runs=400"),                 # no Chinese: nothing changes
    ("S1[\"提议<br/>居民\"]", "S1[\"提议<br/>居民\"]"),
    ("", ""),
])
def test_fullwidth(text, expected):
    assert fullwidth(text) == expected


_TEXT = st.text(alphabet="网格社区村民议事会甲乙丙 abcXYZ0123,;:()?!.%=“”《》", max_size=40)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_no_half_width_mark_stays_next_to_chinese(text):
    out = fullwidth(text)
    assert not HALF_WIDTH.search(out) and count_halfwidth(out) == 0
    assert fullwidth(out) == out                                      # idempotent
    # only marks change and only spaces next to a changed mark go: the other characters are kept in order
    kept = lambda t: re.sub(r"[ ,;:()?!，；：（）？！]", "", t)    # noqa: E731
    assert kept(out) == kept(text)


def test_typeset_reaches_every_text_but_code():
    blocks = typeset([Heading(2, "一、方案(草案)"), Paragraph("注意:核对"), Numbered(("提议:村民",)),
                      Table((("项目", "取值"), ("出席", "三分之二(含)"))), Figure("图:流程", lambda: b"", "S1[\"甲(乙)\"]"),
                      Code("x = f(a, b)  # 注释:保留")])
    assert blocks[0].text == "一、方案（草案）" and blocks[1].text == "注意：核对" and blocks[2].items == ("提议：村民",)
    assert blocks[3].rows[1] == ("出席", "三分之二（含）")
    assert blocks[4].caption == "图：流程" and blocks[4].text == "S1[\"甲（乙）\"]"
    assert blocks[5].text == "x = f(a, b)  # 注释:保留"
