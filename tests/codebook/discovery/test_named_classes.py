"""Classes of named mechanisms discovery must find, and words it must not return (invented texts)."""
from __future__ import annotations

import pytest

import governance_kit as gk
from governance_kit.codebook.discovery import discover


def names(text: str) -> dict[str, str]:
    return {d.name: d.kind for d in discover(text)}


@pytest.mark.parametrize("text, name", [
    ("这一做法被媒体称为“桃源模式”,在全省推广。", "桃源模式"),      # a place + 模式 in quotes
    ("议事会采用“5+N”议事模式:5为固定成员。", "5+N"),             # a digit-letter formula, quoted
    ("镇里推行1+N帮扶机制,每名党员联系农户。", "1+N"),             # … before a mechanism word
    ("全镇村级事务实行报备制,未报备的不得下派。", "报备制"),        # an institution noun after a verb
    ("形成了台账制、轮值制与积分制等做法。", "轮值制"),             # … in a list of such nouns
    ("推行“积分评比+环境整治+产业发展+邻里互助”模式。", "积分评比+环境整治+产业发展+邻里互助"),
])
def test_named_classes_are_found(text, name):
    assert name in names(text)


@pytest.mark.parametrize("text, word", [
    ("完善体制机制,实行股份制改造。", "股份制"),     # ordinary vocabulary
    ("该镇的做法可谓“一枝独秀”。", "一枝独秀"),       # an idiom in quotes
    ("这是一种“新模式”。", "新模式"),                 # a one-character modifier
    ("文献标识码:A 文章编号:1001", "文献标识码"),    # article apparatus
    ("另有其他特色清单若干。", "他特色清单"),         # the tail of 其他
    ("他们形成“1+1>2”的合力,5+3=8。", "1+1"),         # arithmetic
    ("组织打扫卫生行动。", "组织打扫卫生行动"),       # an ordinary phrase before a common head
])
def test_ordinary_words_are_not_names(text, word):
    assert not any(word in n for n in names(text))


def test_a_legal_adviser_counts_only_in_a_village_context():
    def coded(text):
        return gk.code_patterns(text, discover=False)["pattern"].tolist()

    assert "village_legal_adviser" not in coded("县政府法律顾问列席常务会议。")
    assert "village_legal_adviser" not in coded("聘请律师担任市政府法律顾问。")
    assert "village_legal_adviser" in coded("全乡为每个村配备法律顾问。")
    assert "village_legal_adviser" in coded("全县86名法律顾问实现村(社区)全覆盖。")


def test_common_abbreviations_and_variants_of_codebook_names():
    df = gk.code_patterns("重大事项须经村代会讨论,推进乡村数字化治理。", discover=False)
    assert set(df["pattern"]) >= {"villagers_rep_meeting", "digital_village"}


def test_discovered_rows_in_code_patterns_point_into_the_text():
    text = "该县探索“清溪模式”,村级事务实行准入制。"
    df = gk.code_patterns(text)
    found = df[df["source"] == "discovered"]
    assert {"清溪模式", "准入制"} <= set(found["match"])
    for row in found.itertuples():
        assert row.end > row.start and len(row.match) == row.end - row.start


@pytest.mark.parametrize("text, word", [
    ("构建“六横六纵”水网,推进“一江一河一带”建设。", "六横六纵"),   # a layout of places
    ("形成“一核两翼多点”的空间格局。", "一核两翼多点"),
    ("大力发展银发经济和首发经济。", "银发经济"),                     # an economic sector
    ("建设国际数据中心和人工智能公共服务平台。", "国际数据中心"),     # a facility
])
def test_layouts_and_sectors_are_not_mechanisms(text, word):
    assert word not in names(text)


def test_a_governance_centre_or_a_branded_platform_is_kept():
    found = names("建成为民服务中心,群众可在县里的溪口e家亲平台反映问题。")
    assert "为民服务中心" in found and any("溪口e家亲" in n for n in found)




def test_code_patterns_reports_the_precise_finds_by_default():
    text = "一是坚持党建引领,凝聚各方力量。二是实行“清溪模式”,村级事务实行准入制。"
    default = gk.code_patterns(text)
    everything = gk.code_patterns(text, discover="all")
    kinds = set(default.loc[default.source == "discovered", "via"])
    assert "enumeration" not in kinds and {"清溪模式", "准入制"} <= set(default["match"])
    assert "enumeration" in set(everything.loc[everything.source == "discovered", "via"])


def test_a_name_never_spans_a_line_break():
    text = "关键词:基层治理;服务型治理\n基金项目:某省社科基金(2021)\n推进\n+互联网政务服务。"
    for d in discover(text):
        assert "\n" not in d.name
