"""One result type for both simulations (governance_kit.design.simulation)."""
from __future__ import annotations

import pandas as pd
import pytest

from governance_kit.design import grid_simulation
from governance_kit.design.deliberation import TEMPLATES, Group
from governance_kit.design.deliberation import simulate as simulate_vote
from governance_kit.design.grid import plan
from governance_kit.design.grid_simulation import simulate as simulate_grid
from governance_kit.design.simulation import SimulationResult


@pytest.fixture(scope="module")
def grid_result():
    return simulate_grid(plan("示例社区", [("1号楼", 200), ("2号楼", 200)]), days=40, seed=1)


@pytest.fixture(scope="module")
def vote_result():
    return simulate_vote(TEMPLATES["城市居民议事会"](), [Group("常住户", 300, 0.7, 0.6)], runs=100, seed=1)


def test_both_simulators_return_the_shared_type(grid_result, vote_result):
    assert type(grid_result) is SimulationResult and type(vote_result) is SimulationResult
    assert grid_simulation.SimulationResult is SimulationResult   # the old import path still works
    assert (grid_result.kind, vote_result.kind) == ("grid", "deliberation")


def test_a_grid_result_reads_as_before(grid_result):
    assert list(grid_result.events.columns) == grid_simulation.EVENT_COLUMNS
    assert grid_result.events is grid_result.table
    assert list(grid_result.backlog.columns) == ["day", "open"] and len(grid_result.backlog) == 40
    assert grid_result.summary["events"] >= grid_result.summary["closed"] == len(grid_result.events)


def test_a_deliberation_result_unpacks_as_frame_and_summary(vote_result):
    frame, summary = vote_result
    assert list(frame.columns) == ["present", "quorum_met", "yes", "passed", "women_share", "elderly_share"]
    assert len(frame) == 100 and summary["pass_rate"] == pytest.approx(frame.passed.mean())
    assert vote_result[0] is frame and vote_result[1] is summary and vote_result[-1] is summary
    assert len(vote_result) == 2 and vote_result.backlog is None
    _, again = simulate_vote(TEMPLATES["城市居民议事会"](), [Group("常住户", 300, 0.7, 0.6)], runs=100, seed=1)
    assert again == summary


def test_an_index_past_the_pair_is_refused(vote_result):
    with pytest.raises(IndexError):
        vote_result[2]


def test_the_kind_must_be_a_known_simulator():
    with pytest.raises(ValueError, match="kind 只能是 'grid'、'deliberation' 之一"):
        SimulationResult("网格", pd.DataFrame(), {})
