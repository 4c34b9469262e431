"""Context rules: when a name of the codes is a place (governance_kit.places.known, suffixed)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import governance_kit as gk
from governance_kit.places import extract_places, places_in_text


def names(text):
    return [p.name for p in places_in_text(text)]


@pytest.mark.parametrize("text", [
    "今年新建高标准农田五万亩,落实惠民政策。",          # 新建 (南昌新建区), 惠民 (惠民县)
    "南海渔业资源养护,推进碳中和。",                    # 南海 (南海区), 中和 (新北市中和区)
    "创建国家级示范县,完善市和县两级财政体制。",        # 范县, 和县
    "维护安定团结的政治局面,和平发展。",                # 安定区 and its town 团结镇, 和平区
    "沿海城市开放,加强西安区域协作。",                  # 海城市, 西安区
])
def test_ordinary_words_are_not_places(text):
    assert names(text) == []


@pytest.mark.parametrize("text, expected", [
    ("南昌新建区和南昌市新建区", ["南昌", "新建区", "南昌市", "新建区"]),
    ("滨州惠民县推行积分制。", ["滨州", "惠民县"]),
    ("佛山市南海区里水镇", ["佛山市", "南海区", "里水镇"]),
    ("在范县调研,河南濮阳范县。", ["范县", "河南", "濮阳", "范县"]),
])
def test_the_same_names_written_as_places(text, expected):
    assert names(text) == expected


def test_taiwan_districts_only_in_text_about_taiwan():
    assert names("台湾新北市中和区居民来访。") == ["台湾", "新北市", "中和区"]
    assert "中和区" not in names("新北市是台湾人口最多的城市。本县中和区域发展。")
    assert names("中和区") == []


@pytest.mark.parametrize("text, name, level, parent", [
    ("云南省保山市隆阳区推行“一站式”服务。隆阳的经验值得推广。", "隆阳", "district", "保山市"),
    ("深圳市坪山区社区工作者培训。坪山在全市率先试点。", "坪山", "district", "深圳市"),
    ("海南琼中推出积分制。", "琼中", "county", "海南省"),
])
def test_short_forms_of_counties_with_their_parent_named(text, name, level, parent):
    found = {p.name: p for p in places_in_text(text)}
    assert (found[name].level, found[name].parent, found[name].known) == (level, parent, True)


def test_towns_and_streets_come_from_the_codes():
    found = {p.name: p for p in places_in_text("北京市东城区东华门街道和四川省泸州市纳溪区护国镇")}
    assert found["东华门街道"].level == "street" and found["东华门街道"].parent == "东城区"
    assert found["护国镇"].level == "town" and found["护国镇"].known and len(found["护国镇"].adcode) == 9


@pytest.mark.parametrize("text", [
    "公示栏上写着村务公开的时间。", "县里印发村规民约范本。", "其中3项由村委会负责。",
    "贯彻中华人民共和国村民委员会组织法。", "各镇大力开展乡村治理。", "重大事项须经村民会议讨论。",
    "以数字赋能乡村振兴。", "美化社区环境,推进村改居社区建设。", "不得乱占街道。", "大力发展社区慈善。",
])
def test_villages_and_communities_only_as_proper_names(text):
    assert names(text) == [], names(text)


@pytest.mark.parametrize("text, expected", [
    ("某某街道的正街社区、建设社区和环保社区", ["正街社区", "建设社区", "环保社区"]),
    ("在沙湾村委会召开会议。", ["沙湾村"]),
    ("高桥镇后塘村的党员", ["后塘村"]),
])
def test_named_villages_and_communities(text, expected):
    assert [n for n in names(text) if n.endswith(("村", "社区"))] == expected


def test_one_word_inputs():
    df = extract_places("张家界市")
    assert df[["name", "level", "parent"]].values.tolist() == [["张家界市", "city", "湖南省"]]
    assert extract_places("射阳县").name.tolist() == ["射阳县"]
    assert extract_places("").empty


def test_dateline_is_not_a_place_of_the_text():
    assert names("新华社北京8月22日电 近日,有关部门印发意见。") == []


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="新建惠民南海中和示范县市和区镇村社区街道台湾北隆阳保山坪深圳琼中写着印发的在、。", max_size=40))
def test_context_rules_never_raise_and_spans_round_trip(text):
    for p in places_in_text(text):
        assert text[p.start:p.end] == p.name
        assert p.known or p.adcode is None


def test_extract_places_keeps_its_columns():
    df = extract_places(gk.load_corpus())
    assert list(df.columns)[:6] == ["doc_id", "name", "level", "parent", "start", "end"]
    assert {"known", "adcode", "sentence"} <= set(df.columns)
