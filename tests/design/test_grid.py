"""Grid-system design: planning and validation against sourced standards (governance_kit.design.grid)."""
from __future__ import annotations

import pytest

from governance_kit.design import grid
from governance_kit.design.grid import DesignError, Grid, GridPlan, divide, plan, standards, validate
from governance_kit.errors import RuleFileError

BUILDINGS = [("1号楼", 110), ("2号楼", 110), ("3号楼", 120), ("4号楼", 170), ("5号楼", 170)]


def _good():
    return plan("桃源社区", BUILDINGS, special_units=["桃源农贸市场"], target=350)


def test_divide_keeps_units_whole_and_near_the_target():
    groups = divide([("甲村", 200), ("乙村", 150), ("丙村", 90), ("丁村", 260), ("戊村", 900)], target=400)
    assert [[n for n, _ in g] for g in groups] == [["甲村", "乙村", "丙村"], ["丁村"], ["戊村"]]
    assert sum(len(g) for g in groups) == 5  # nobody lost, nobody split


def test_a_good_plan_validates_clean_and_is_staffed():
    p = _good()
    assert validate(p) == []
    assert p.staff_totals() == {"网格长": 2, "专职网格员": 2, "网格指导员": 1, "网格员": 1}
    assert p.cadences and p.to_frame().shape[0] == 3


# every rule: a passing case (the good plan above) and a failing one, each finding citing its source
@pytest.mark.parametrize(
    "rule, broken",
    [
        ("households_per_comprehensive_grid", lambda p: p.grids[0].__setattr__("households", 620)),
        ("households_per_micro_grid", lambda p: p.grids.append(Grid("微网格1", "微网格", ["1号楼"], 120, {"兼职网格员": 1}))),
        ("residents_committee_size", lambda p: p.grids[1].__setattr__("households", 400)),
        ("every_grid_has_staff", lambda p: p.grids[2].__setattr__("staff", {})),
        ("duties_from_published_list", lambda p: p.duties.append("收取物业费")),
        ("public_posting", lambda p: setattr(p, "public_posting", False)),
        ("special_units_get_exclusive_grids", lambda p: p.grids[0].units.append("实验学校")),
    ],
)
def test_each_rule_fails_a_bad_plan_and_cites_its_source(rule, broken):
    assert rule not in {f.rule for f in validate(_good())}
    p = _good()
    broken(p)
    found = [f for f in validate(p) if f.rule == rule]
    assert found, rule
    assert all(f.source and f.level in ("错误", "警告", "提示") and f.confidence for f in found)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in found[0].message)


def test_every_rule_in_the_data_file_has_a_source_and_is_tested():
    rules = {r["id"] for r in standards()["rules"]}
    assert all(r["source"] and r["confidence"] for r in standards()["rules"])
    tested = {p[0] for p in test_each_rule_fails_a_bad_plan_and_cites_its_source.pytestmark[0].args[1]}
    assert rules == tested


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: plan("社区", [("1号楼", -5)]), "户数"),
        (lambda: plan("社区", []), "至少需要"),
        (lambda: plan("社区", [("1号楼", 100)], kind="小区"), "kind"),
        (lambda: divide([("1号楼", 100)], target=0), "目标户数"),
        (lambda: validate(GridPlan("社区", "社区", [], [], {})), "没有任何网格"),
        (lambda: validate("方案"), "网格方案"),
    ],
)
def test_bad_designs_get_chinese_errors(call, message):
    with pytest.raises(DesignError, match=message):
        call()


def test_micro_grids_sit_inside_and_are_not_counted_twice():
    p = plan("小区", [("1单元", 60), ("2单元", 70), ("3单元", 55), ("4单元", 75), ("5单元", 60)], micro_grids=True, target=320)
    micro = [g for g in p.grids if g.kind == "微网格"]
    assert [g.households for g in micro] == [60, 70, 55, 75, 60]
    assert p.households == 320
    assert [f.rule for f in validate(p)] == []


# --- the standards file: re-read after an edit, syntax errors named by line --------------------------------

def test_an_edited_standards_file_is_read_again(tmp_path, monkeypatch, edit):
    copy = tmp_path / "standards.yaml"
    copy.write_text(grid.standards_path().read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(grid, "standards_path", lambda: copy)
    big = plan("社区", [("1号楼", 480)])
    assert "households_per_comprehensive_grid" not in {f.rule for f in validate(big)}
    edit(copy, "low: 300\n    high: 500", "low: 300\n    high: 450")   # an instructor tightens the rule
    assert standards()["rules"][0]["high"] == 450
    assert "households_per_comprehensive_grid" in {f.rule for f in validate(big)}


def test_a_yaml_error_in_the_standards_file_names_the_line(tmp_path, monkeypatch):
    broken = tmp_path / "standards.yaml"
    broken.write_text("rules:\n  - id: x\n    message: 覆盖 {households} 户: 过多\n", encoding="utf-8")
    monkeypatch.setattr(grid, "standards_path", lambda: broken)
    with pytest.raises(RuleFileError, match=r"^standards.yaml 第 3 行:YAML 格式错误:这里不能出现“键: 值”"):
        standards()


def test_the_kind_of_a_plan_is_one_of_two():
    with pytest.raises(DesignError, match="kind 只能是 '社区'、'村' 之一,收到的是 '小区'"):
        plan("社区", [("1号楼", 100)], kind="小区")
