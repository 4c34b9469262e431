"""The invented teaching cases (governance_kit.design.teaching): labelled, consistent, plan-ready."""
from __future__ import annotations

import dataclasses

import pytest

from governance_kit.design import grid, teaching
from governance_kit.design.grid import DesignError
from governance_kit.design.teaching import TeachingCase, _case, teaching_case, teaching_cases
from governance_kit.errors import RuleFileError


@pytest.fixture(params=["urban", "rural"])
def case(request) -> TeachingCase:
    return teaching_case(request.param)


def test_both_cases_are_there():
    assert teaching_cases() == ["urban", "rural"]
    assert teaching_case().key == "urban"


def test_every_case_says_it_is_invented(case):
    assert case.invented is True
    assert "虚构" in case.note and "虚构" in repr(case)
    assert "不得当作真实统计" in case.note


def test_figures_add_up(case):
    frame = case.to_frame()
    assert list(frame.columns) == ["名称", "户数", "人口", "18岁以上", "外出", "外出占比", "说明"]
    assert case.households == frame["户数"].sum() == sum(h for _, h in case.units)
    assert case.residents == frame["人口"].sum()
    assert all(u.adults <= u.residents and u.away <= u.residents for u in case.parts)
    assert 0 < case.away_share < 1
    assert len({u.name for u in case.parts}) == len(case.parts)


def test_the_urban_community_has_the_shape_the_course_promises():
    urban = teaching_case("urban")
    assert urban.kind == "社区" and urban.unit_label == "楼栋"
    assert 2700 <= urban.households <= 3300 and 20 <= len(urban.parts) <= 40
    types = {s.type for s in urban.specials}
    assert {"商圈市场", "学校"} <= types


def test_the_village_has_natural_villages_with_people_away():
    rural = teaching_case("rural")
    assert rural.kind == "村" and rural.unit_label == "自然村"
    shares = [u.away / u.residents for u in rural.parts]
    assert min(shares) > 0 and max(shares) > 2 * min(shares)   # remote villages lose more people


def test_a_case_plugs_into_plan_and_validate(case):
    plan = grid.plan(**case.plan_args())
    assert plan.community == case.name and plan.community_kind == case.kind
    assert plan.households == case.households
    assert [g.name for g in plan.grids if g.kind == "专属网格"] == case.special_units
    assert not [f for f in grid.validate(plan) if f.level == "错误"]


def test_sizing_is_a_real_choice(case):
    """Notebook 06 relies on this: the default size leaves a grid outside 300–500 households, another size does not."""
    def size_warnings(target):
        plan = grid.plan(**case.plan_args(), target=target)
        return [f for f in grid.validate(plan) if f.rule == "households_per_comprehensive_grid"]

    assert size_warnings(400 if case.kind == "社区" else 300)
    assert not size_warnings(350)


def test_cases_are_frozen(case):
    with pytest.raises(dataclasses.FrozenInstanceError):
        case.name = "别的社区"


def test_unknown_key_names_the_choices():
    with pytest.raises(DesignError, match="urban、rural"):
        teaching_case("suburban")


@pytest.mark.parametrize("entry, phrase", [
    ({"invented": False}, "invented: true"),
    ({"kind": "街道"}, "kind"),
    ({"units": [{"name": "1号楼", "households": -1, "residents": 1, "adults": 1, "away": 0}]}, "households"),
    ({"units": [{"name": "1号楼", "households": 5, "residents": 10, "adults": 12, "away": 0}]}, "不能超过人口"),
    ({"special_units": [{"name": "市场"}]}, "name 和 type"),
    ({"note": ""}, "note"),
])
def test_malformed_entries_are_named(entry, phrase):
    good = {"name": "样例社区", "kind": "社区", "parent": "样例街道", "invented": True, "note": "虚构的教学数据",
            "unit_label": "楼栋", "units": [{"name": "1号楼", "households": 5, "residents": 10, "adults": 8, "away": 1}]}
    with pytest.raises(RuleFileError, match=phrase) as err:
        _case("demo", {**good, **entry})
    assert "teaching_cases.yaml" in str(err.value)


# --- the data file: re-read after an edit, syntax errors named by line ------------------------------------

def test_an_edited_cases_file_is_read_again(tmp_path, monkeypatch, edit):
    copy = tmp_path / "teaching_cases.yaml"
    copy.write_text(teaching.cases_path().read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(teaching, "cases_path", lambda: copy)
    assert teaching_case("urban").name == "桂园社区"
    edit(copy, "name: 桂园社区", "name: 桂花社区")
    assert teaching_case("urban").name == "桂花社区"


def test_a_yaml_error_in_the_cases_file_names_the_line(tmp_path, monkeypatch):
    broken = tmp_path / "teaching_cases.yaml"
    broken.write_text("cases:\n  urban:\n    name: 桂园社区: 虚构\n    kind: 社区\n", encoding="utf-8")
    monkeypatch.setattr(teaching, "cases_path", lambda: broken)
    with pytest.raises(RuleFileError, match=r"^teaching_cases.yaml 第 3 行:YAML 格式错误"):
        teaching_case("urban")
