"""Metrics with their meaning (issue 16): qualifiers both ways, units with magnitudes, numbers as
written in reports, what is not a metric, targets, subjects and derived indicators. Invented text."""
from __future__ import annotations

import pytest

from governance_kit.metrics import QUALIFIERS, metrics_in_text, metrics_table


def one(text):
    found = metrics_in_text(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, qualifier", [
    ("每名代表联系群众不少于20户。", "at_least"), ("参与率不低于60%。", "at_least"), ("配备至少3名调解员。", "at_least"),
    ("办理时限不超过三个工作日。", "at_most"), ("群众办事最多1次。", "at_most"), ("60岁及以上老人412人。", "exact"),
    ("空置率低于5%。", "less_than"), ("覆盖人口超过2万人。", "more_than"), ("全村200余户。", "more_than"),
    ("参会约80人。", "about"), ("受理诉求300件左右。", "about"), ("不足10户。", "less_than"), ("控制在3%以内。", "less_than"),
])
def test_qualifiers_read_the_right_way(text, qualifier):
    found = metrics_in_text(text)
    assert found and found[-1].qualifier == qualifier, found
    assert set(QUALIFIERS) >= {"at_least", "at_most", "more_than", "less_than", "about", "exact"}


def test_a_negated_qualifier_is_not_its_positive_half():
    assert one("每月不超过三个工作日。").qualifier == "at_most"
    assert one("不少于三十人。").qualifier == "at_least"


@pytest.mark.parametrize("text, value, unit", [
    ("占比提高2.5个百分点。", 2.5, "个百分点"), ("收入增长1.5倍。", 1.5, "倍"), ("新增装机12万千瓦。", 120000, "千瓦"),
    ("改造屋面3.2万平方米。", 32000, "平方米"), ("完成投资4.5亿元。", 4.5e8, "元"), ("发放资金贰拾万元。", 200000, "元"),
    ("全镇共有社区45 120个。", 45120, "个"), ("常住人口318 402 117人。", 318402117, "人"),
    ("增长17．8％。", 0.178, "%"), ("办结时限压缩至0.5个工作日。", 0.5, "工作日"), ("约占总数的三分之二。", 2 / 3, "%"),
    ("拥有1300多万常住人口。", 13_000_000, "人"), ("当年投资85万建了一座文化礼堂。", 850000, "万"),
    ("累计发放积分3万分。", 30000, "分"), ("1块钱可兑换一支牙膏。", 1, "元"),
])
def test_units_magnitudes_and_numbers_as_written(text, value, unit):
    m = metrics_in_text(text)[0]
    assert (m.value, m.unit) == (pytest.approx(value), unit)
    assert text[m.start:m.end] == m.quote


@pytest.mark.parametrize("text", [
    "推进滨江污水厂三期工程建设。", "破除二元结构。", "严格落实八项规定精神。", "贯彻九届四次、五次全会精神。",
    "举办青年30人论坛。", "建设10万吨级航道。", "刊于2019年6期。", "东村、西村、南村三个村委会参加。",
    "从三个方面推进:一是……", "围绕“三个转变”开展工作。", "来了四五个人。", "这件事十分重要。",
])
def test_names_phases_terms_and_enumerations_are_not_metrics(text):
    assert metrics_in_text(text) == [], metrics_in_text(text)


def test_a_count_that_announces_new_items_stays():
    found = metrics_in_text("在楼栋、商铺、学校3个片区建立功能型党支部5个。")
    assert [m.value for m in found] == [3, 5]
    assert one("举办三期培训班。").value == 3


def test_rule_list_names_repeated_in_a_document_are_not_metrics():
    text = "某县28条出台。某县28条明确了村级事项。推行某县28条以来,村里新建道路3条。"
    assert [m.quote for m in metrics_in_text(text)] == ["3条"]


@pytest.mark.parametrize("text, target", [
    ("力争新增市场主体300家。", True), ("计划投资5亿元建设道路。", True), ("到2027年,建成示范社区50个。", True),
    ("主要预期目标是:生产总值增长5%左右;城镇新增就业12万人以上。", True),
    ("去年新增市场主体300家。", False), ("全年完成投资5亿元。", False), ("已建成示范社区50个。", False),
])
def test_targets_are_told_from_results(text, target):
    assert all(m.target == target for m in metrics_in_text(text)), metrics_in_text(text)


@pytest.mark.parametrize("text, subjects", [
    ("全区生产总值达到2.1万亿元、增长4.8%。", ["生产总值", "生产总值"]),
    ("区属企业由40户整合至9户。", ["区属企业", "区属企业"]),
    ("全区生产总值从2020年的1.2万亿元增长到2025年的1.6万亿元。", ["生产总值", "生产总值"]),
    ("新设5个产业园区。", ["产业园区"]),
    ("覆盖120个社区、9个街道、35家部门。", ["社区", "街道", "部门"]),
    ("受访女性76人,占52.1%。", ["受访女性", "受访女性"]),
    ("县级重点实验室3家落户园区。", ["县级重点实验室"]),
])
def test_subjects_are_the_counted_noun_phrase(text, subjects):
    found = metrics_in_text(text)
    assert [m.subject for m in found] == subjects
    assert not any(m.subject and m.subject[0] in "、,，" for m in found)


def test_derived_indicators_need_figures_of_one_paragraph_and_no_targets():
    same = metrics_table("全县划分网格20个,配备网格员60名。")
    assert same.query("derived").value.tolist() == [3.0]
    apart = metrics_table("甲县划分网格20个。\n乙县配备网格员60名。")
    assert not apart.derived.any()
    planned = metrics_table("全县划分网格20个,力争配备网格员60名。")
    assert not planned.derived.any()


def test_figures_in_a_plan_section_are_targets_and_reviews_are_not():
    text = ("一、2025年工作回顾\n全年新建社区服务站30个。\n"
            "二、2026年工作安排\n新建社区服务站40个，培训网格员500名。\n")
    found = metrics_in_text(text)
    assert [(m.value, m.target) for m in found] == [(30, False), (40, True), (500, True)]


def test_a_report_stored_twice_keeps_one_copy_of_each_figure():
    once = "全区新建社区服务站30个，培训网格员500名。\n"
    assert [m.quote for m in metrics_in_text(once * 2)] == ["30个", "500名"]


@pytest.mark.parametrize("text, value", [("日均新设企业1万6千多户。", 16000), ("投资3亿2000万元。", 3.2e8)])
def test_mixed_magnitudes(text, value):
    assert metrics_in_text(text)[0].value == value
