"""Subjects of figures in the constructions of work reports (invented sentences)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from governance_kit.metrics import metrics_in_text


def _subjects(text: str) -> list:
    return [m.subject for m in metrics_in_text(text)]


@pytest.mark.parametrize("text, subjects", [
    # A、B分别 x、y: each figure its own item, with the head written after 的
    ("全年市级财政用于养老、托育和助残事业的支出分别为12亿元、5亿元和3亿元。", ["养老支出", "托育事业支出", "助残事业支出"]),
    ("客运量、货运量分别增长6.1%和4.3%。", ["客运量", "货运量"]),
    ("氨氮、总磷排放量由上年分别下降2.5%和3.5%。", ["氨氮", "总磷排放量"]),
    # a later figure compared with an earlier time counts what the first one counts
    ("城乡居民存款余额达到5200亿元，比上年末增加410亿元。", ["城乡居民存款余额", "城乡居民存款余额"]),
    ("全县教育经费投入36亿元，是2015年的1.6倍。", ["教育经费投入", "教育经费投入"]),
    ("全市旅游收入2020年达到800亿元，平均每年增长9.2%。", ["旅游收入", "旅游收入"]),
    ("工业总产值完成560亿元，按可比价格计算，比上年增长7.1%。", ["工业总产值", "工业总产值"]),
    # a figure modifying a noun with 的, a count word before its noun, a quoted name
    ("撬动社会资金形成120亿元的投资规模。", ["投资规模"]),
    ("出台支持制造业发展和数字化转型8条措施。", ["措施"]),
    ("新增“一网通办”事项60项、“一件事一次办”25项。", ["事项", "一件事一次办"]),
    # shares and rates keep what they are of
    ("茶叶出口占全省同类产品出口总值的61%。", ["茶叶出口"]),
    ("科研经费支出占地区生产总值比重达到2.6%。", ["科研经费支出占地区生产总值比重"]),
    ("全县化肥（折纯）施用量3.2万吨。", ["化肥施用量"]),
    ("新增国家级景区2个、4A级景区3个。", ["国家级景区", "4A级景区"]),
])
def test_subjects_in_report_constructions(text, subjects):
    assert _subjects(text) == subjects


def test_a_list_cut_short_is_no_subject():
    subject = _subjects("新获批2所中外合作办学机构、新筹建1个研究院。")[0]
    assert subject == "中外合作办学机构"


_ITEMS = ["粮食产量", "油料产量", "生猪出栏", "蔬菜产量", "水果产量"]


@settings(max_examples=20, deadline=None)
@given(st.lists(st.sampled_from(_ITEMS), min_size=2, max_size=4, unique=True),
       st.lists(st.integers(min_value=1, max_value=40), min_size=4, max_size=4))
def test_respectively_gives_the_kth_item_to_the_kth_figure(items, values):
    figures = [f"{v}.5%" for v in values[:len(items)]]
    text = f"去年{'、'.join(items[:-1])}和{items[-1]}分别增长{'、'.join(figures[:-1])}和{figures[-1]}。"
    assert _subjects(text) == items
