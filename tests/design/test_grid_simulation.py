"""Simulation of a grid plan and the comparison with the corpus."""
from __future__ import annotations

import pytest

from governance_kit.design.grid import DesignError, GridPlan, compare_with_cases, plan
from governance_kit.design.grid_simulation import EVENT_COLUMNS, simulate


@pytest.fixture(scope="module")
def community():
    return plan("示例社区", [(f"{i}号楼", 100) for i in range(20)])  # 2,000 households


def test_reproducible_with_a_seed(community):
    a, b = simulate(community, days=120, seed=7), simulate(community, days=120, seed=7)
    assert list(a.events.columns) == EVENT_COLUMNS
    assert a.events.equals(b.events) and a.summary == b.summary
    assert not a.events.equals(simulate(community, days=120, seed=8).events)


def test_more_patrol_never_lowers_discovery(community):
    low = simulate(community, days=120, seed=3, patrol_households_per_day=40)
    high = simulate(community, days=120, seed=3, patrol_households_per_day=300)
    assert high.summary["found_by_patrol_share"] >= low.summary["found_by_patrol_share"]
    delay = lambda r: (r.events.found - r.events.arrival).mean()  # noqa: E731
    assert delay(high) <= delay(low)


def test_a_tier_without_handlers_passes_everything_up(community):
    result = simulate(community, days=120, seed=5, handlers=[2, 0, 3, 4])
    events = result.events
    assert not (events.closed_tier == "村(社区)").any()
    needing_village = events[events.needs_tier == "村(社区)"]
    assert len(needing_village) and (needing_village.closed_tier == "镇(街道)").all()


def test_average_backlog_agrees_with_littles_law(community):
    days = 300
    result = simulate(community, days=days, seed=11)
    events = result.events[result.events.closed < days - 30]  # settled events
    rate = len(result.events) / days
    mean_open = (result.events.closed - result.events.found).mean()
    assert result.summary["backlog_mean"] == pytest.approx(rate * mean_open, rel=0.2)
    assert len(events) > 100


def test_time_limits_are_honoured_in_the_log(community):
    events = simulate(community, days=120, seed=2).events
    assert (events.on_time == (events.closed <= events.deadline)).all()
    in_grid = events[events.closed_tier == "网格"]
    assert ((in_grid.deadline - in_grid.found).round(9) == 1.0).all()  # same-day rule: 1 day from being found
    assert (events.closed >= events.found).all() and (events.found >= events.arrival).all()


def test_summary_shares_and_loads(community):
    s = simulate(community, days=120, seed=4).summary
    assert sum(s["closed_share_by_tier"].values()) == pytest.approx(1.0)
    assert s["small_matters_in_grid"] <= s["major_matters_in_village"] <= s["not_passed_up_to_county"] <= 1
    assert all(0 <= v <= 1 for v in s["staff_load"].values())


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda p: simulate(GridPlan("社区", "社区", [], [], {})), "至少有一个网格"),
        (lambda p: simulate(p, days=0), "days"),
        (lambda p: simulate(p, handlers=[1, 1, 1, 0]), "最高一层"),
        (lambda p: simulate(p, handlers=[1, 1]), "handlers"),
        (lambda p: simulate(p, event_kinds=["火灾"]), "未知的事件类型"),
        (lambda p: simulate(p, patrol_households_per_day=-1), "patrol"),
        (lambda p: plan("社区", [("1号楼", -1)]), "户数"),
    ],
)
def test_bad_designs_get_chinese_errors(community, call, message):
    with pytest.raises(DesignError, match=message):
        call(community)


def test_comparison_with_sheyang_from_the_corpus(community):
    table = compare_with_cases(community)
    sheyang = table[(table.source == "sheyang_2023") & (table.indicator == "staff_per_grid")]
    assert len(sheyang) == 1 and sheyang.value.iloc[0] == pytest.approx(4744 / (1993 + 442), abs=1e-4)
    assert sheyang.formula.iloc[0] == "4744名 / (1993个 + 442个)"
    mine = table[(table.source == "方案") & (table.indicator == "households_per_grid")]
    assert mine.value.iloc[0] == pytest.approx(2000 / len([g for g in community.grids if g.kind == "综合网格"]))


def test_micro_grids_do_not_count_as_grids_in_the_comparison():
    """Sheyang's 4744 staff / (1993 + 442) counts comprehensive and special grids only."""
    units = [(f"{i}号楼", 130) for i in range(1, 13)]
    flat, micro = plan("社区", units, special_units=["农贸市场"]), plan("社区", units, special_units=["农贸市场"], micro_grids=True)
    assert any(g.kind == "微网格" for g in micro.grids)
    for p in (flat, micro):
        mine = compare_with_cases(p, corpus=[])
        staff_per_grid = mine[mine.indicator == "staff_per_grid"].value.iloc[0]
        outer = [g for g in p.grids if g.kind != "微网格"]
        assert staff_per_grid == pytest.approx(sum(g.workers for g in p.grids) / len(outer), abs=1e-4)


def test_the_summary_records_what_the_run_assumed(community):
    """The brief's table of assumptions is read from summary["inputs"]."""
    default = simulate(community, days=30, seed=5).summary["inputs"]
    assert (default["days"], default["seed"], default["households"], default["grids"]) == (30, 5, 2000, len(community.grids))
    assert default["handlers"][0] == sum(g.workers for g in community.grids) and default["handlers"][1:] == [2, 3, 4]
    assert default["patrol_households_per_day"] == 150 and default["time_limit_days"] == [1, 3, 7, 15]
    assert default["event_rates"]["矛盾纠纷"]["per_household_year"] == 0.05
    assert default["given"] == {"handlers": False, "patrol_households_per_day": False, "event_kinds": False}
    chosen = simulate(community, days=30, seed=5, handlers=[2, 1, 1, 1], patrol_households_per_day=80,
                      event_kinds=["环境卫生"]).summary["inputs"]
    assert chosen["grid_handlers"] == [2] * len(community.grids) and chosen["handlers"][1:] == [1, 1, 1]
    assert list(chosen["event_rates"]) == ["环境卫生"] and all(chosen["given"].values())
