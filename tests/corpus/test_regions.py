"""The province of a document's subject from the places its title, meeting line or lead name."""
from __future__ import annotations

import pytest

from governance_kit.corpus.regions import province_of


@pytest.mark.parametrize("texts, province", [
    (("射阳县“三治融合”的实践与启示",), "江苏省"),
    (("贵州剑河:积分超市激活乡村治理",), "贵州省"),
    (("2026年浙江省政府工作报告",), "浙江省"),
    (("政府工作报告", "北京市第十六届人民代表大会第四次会议"), "北京市"),
    (("第十一届全国人民代表大会第三次会议",), None),
    (("黔东南州:鼓楼夜话",), "贵州省"),
    (("以浙江湖州和山东淄博为例",), None),  # two provinces compared
    (("中山大学学者谈基层治理",), None),  # a short name inside another name
    (("老城区社区物业管理的模式选择",), None),  # a district name that is a word
    (("鼓楼区社区议事会",), None),  # a district name of several provinces
    (("宁波市台湾同胞投资保障条例",), "浙江省"),  # the first place is the subject
])
def test_province_of(texts, province):
    assert province_of(*texts)[0] == province


def test_counties_in_running_text_need_a_town_after_them():
    assert province_of(None, running="县委办会同县委社会工作部开展督查")[0] is None
    assert province_of(None, running="近日，射阳县某某镇召开议事会")[0] == "江苏省"
