"""Findings, their order and the design error, shared by grid and deliberation (governance_kit.design.findings)."""
from __future__ import annotations

import dataclasses

import pytest

from governance_kit.design import deliberation, grid
from governance_kit.design.findings import LEVELS, DesignError, Finding, by_level


def _finding(level: str, rule: str) -> Finding:
    return Finding(level, f"{rule} 的说明", rule, "某条例第一条", "高")


def test_by_level_puts_errors_first_and_keeps_the_order_within_a_level():
    findings = [_finding("提示", "h1"), _finding("警告", "w1"), _finding("错误", "e1"), _finding("提示", "h2"),
                _finding("错误", "e2")]
    assert [f.rule for f in by_level(findings)] == ["e1", "e2", "w1", "h1", "h2"]
    assert by_level([]) == []


def test_an_unknown_level_is_refused():
    with pytest.raises(ValueError):
        by_level([_finding("严重", "x")])


def test_findings_are_frozen_values():
    finding = _finding("错误", "e1")
    assert finding == _finding("错误", "e1") and finding != _finding("警告", "e1")
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.level = "提示"


def test_grid_and_deliberation_share_one_error_and_one_finding_type():
    """Course checks catch ``grid.DesignError`` around deliberation calls: it must be the same class."""
    assert grid.DesignError is DesignError and deliberation.DesignError is DesignError
    assert grid.Finding is Finding and deliberation.Finding is Finding
    assert grid.LEVELS == LEVELS == ("错误", "警告", "提示")
    assert issubclass(DesignError, ValueError)
    with pytest.raises(grid.DesignError):
        deliberation.validate("程序", deliberation.Context.village(households=100))


def test_validators_return_findings_sorted_by_level():
    """The rules file lists a hint (committee size) before an error (staff): the validator sorts them."""
    plan = grid.plan("小社区", [("1号楼", 60)], public_posting=False)
    plan.grids[0].staff = {}
    found = grid.validate(plan)
    assert {type(f) for f in found} == {Finding}
    assert [f.level for f in found] == ["错误", "警告", "警告", "提示"]
