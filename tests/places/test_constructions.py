"""Places found by their construction: autonomous units in their short form, villages listed by bare name
after their town, communities of a development zone, coined names after 在/来到, surname + word villages.
Fixtures are invented."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from governance_kit.places import places_in_text
from governance_kit.places.gazetteer import short_forms


def _found(text: str) -> dict:
    return {p.name: p for p in places_in_text(text)}


def test_autonomous_units_in_their_short_form_with_their_ending():
    found = _found("湖南省湘西州凤凰县推行院落议事。宜昌市五峰县和琼中县也有类似做法。")
    assert (found["湘西州"].level, found["湘西州"].parent) == ("city", "湖南省")
    assert found["凤凰县"].parent == "湘西土家族苗族自治州"
    assert found["五峰县"].level == "county" and found["五峰县"].parent == "宜昌市"
    assert found["琼中县"].level == "county"  # standing alone: 琼中县 can only be the place
    assert short_forms("鄂伦春自治旗") == ["鄂伦春", "鄂伦春旗"]


@pytest.mark.parametrize("text, names", [
    ("新塘镇丰源、石岭、坳背三个村开展评比。", ["丰源", "石岭", "坳背"]),
    ("新塘镇丰源、石岭和坳背3个村委会开展评比。", ["丰源", "石岭", "坳背"]),
    ("新塘镇丰源村、石岭村和坳背村开展评比。", ["丰源村", "石岭村", "坳背村"]),
])
def test_villages_listed_after_their_town_have_it_as_parent(text, names):
    found = _found(text)
    for name in names:
        assert (found[name].level, found[name].parent, found[name].known) == ("village", "新塘镇", False)


@pytest.mark.parametrize("text", [
    "新塘镇丰源、石岭、坳背两个村开展评比。",  # the count does not match the items
    "新塘镇东片、西片、南片三个村民小组开展评比。",  # groups below a village, no villages
    "新塘镇党建、产业、文化等村级事务。",  # ordinary words
])
def test_lists_that_are_no_villages(text):
    assert [p.name for p in places_in_text(text) if p.level == "village"] == []


def test_towns_listed_after_their_county():
    found = _found("桃源县青松、牙叉两个乡镇试点。")
    assert [(found[n].level, found[n].parent) for n in ("青松", "牙叉")] == [("town", "桃源县")] * 2


_SYLLABLES = ["丰源", "石岭", "坳背", "桐冲", "杉湾", "樟坑", "榕坪", "柏垄", "枫坳"]
_NUMERALS = {2: "两", 3: "三", 4: "四", 5: "五"}


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(_SYLLABLES), min_size=2, max_size=5, unique=True), st.booleans())
def test_any_counted_list_after_a_town_gives_its_villages(items, right_count):
    n = len(items) if right_count else len(items) + 1
    text = f"近日，新塘镇{'、'.join(items)}{_NUMERALS.get(n, str(n))}个村委会完成换届。"
    villages = [p for p in places_in_text(text) if p.level == "village"]
    if right_count:
        assert [p.name for p in villages] == items and {p.parent for p in villages} == {"新塘镇"}
    else:
        assert villages == []


def test_a_community_of_a_county_development_zone_and_its_later_mentions():
    text = "射阳经济开发区润丰社区召开议事会。会后，润丰社区组织志愿者清理楼道。"
    rows = [p for p in places_in_text(text) if p.name == "润丰社区"]
    assert len(rows) == 2 and {(p.level, p.parent) for p in rows} == {("community", "射阳")}


def test_coined_village_names_after_a_verb_of_place_and_surname_villages():
    assert _found("我们来到柯楠坪村，看到新修的水渠。")["柯楠坪村"].level == "village"
    assert _found("村口附近的李小河村，群众自发修路。")["李小河村"].level == "village"
    for text in ("王主任村里的事都管。", "在全村推行积分制。", "在贫困村开展帮扶。", "落实到户到村。"):
        assert [p.name for p in places_in_text(text)] == [], text


def test_a_park_named_after_a_village_is_no_village():
    assert [p.name for p in places_in_text("支持新区中关村科技园引进企业。") if p.level == "village"] == []
