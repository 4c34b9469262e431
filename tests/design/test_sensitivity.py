"""Attendance sensitivity of a deliberation design (exercise 8.3): the deliberation simulation rerun with
every attendance estimate shifted, clipped to 0–100 %, and a record of what it was computed from."""
from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from governance_kit.design import deliberation, sensitivity
from governance_kit.design.deliberation import TEMPLATES, Group, simulate
from governance_kit.design.findings import DesignError
from governance_kit.design.sensitivity import COLUMNS, SHIFTS, attendance_sensitivity, differs, named_measures, shifted

GROUPS = [Group("常住代表", 55, 0.85, 0.65, 0.45, 0.4), Group("外出代表", 6, 0.3, 0.6, 0.2, 0.0)]


@pytest.fixture(scope="module")
def procedure():
    return TEMPLATES["四议两公开"]()


@pytest.fixture(scope="module")
def table(procedure):
    return attendance_sensitivity(procedure, GROUPS, runs=300, seed=3)


def test_columns_shifts_and_the_attendance_of_each_row(table):
    assert list(table.columns) == list(COLUMNS) == ["出席率变化（百分点）", "各人群出席率", "预计到会人数",
                                                    "达不到法定人数的概率（%）", "通过的概率（%）"]
    assert table["出席率变化（百分点）"].tolist() == list(SHIFTS) == [-10, -5, 0, 5, 10]
    assert table["各人群出席率"].tolist()[0] == "常住代表 75%，外出代表 20%"
    assert table["各人群出席率"].tolist()[-1] == "常住代表 95%，外出代表 40%"


def test_the_unshifted_row_is_the_simulation_itself(procedure, table):
    frame, summary = simulate(procedure, GROUPS, runs=300, seed=3)
    row = table[table["出席率变化（百分点）"] == 0].iloc[0]
    assert row["通过的概率（%）"] == round(100 * summary["pass_rate"], 1)
    assert row["达不到法定人数的概率（%）"] == round(100 * summary["quorum_failure_rate"], 1)
    assert row["预计到会人数"] == round(frame["present"].mean(), 1)


def test_it_reuses_the_deliberation_simulation(procedure, monkeypatch):
    calls = []
    real = deliberation.simulate

    def counting(*args, **kwargs):
        calls.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(sensitivity, "simulate", counting)
    attendance_sensitivity(procedure, GROUPS, runs=50, seed=7)
    assert len(calls) == len(SHIFTS) and all(c == {"runs": 50, "seed": 7} for c in calls)


def test_shifts_are_clipped_to_0_and_100_percent():
    groups = [Group("几乎都来", 10, 0.97, 0.5), Group("几乎不来", 10, 0.04, 0.5)]
    assert [g.attend for g in shifted(groups, 10)] == [1.0, 0.14]
    assert [g.attend for g in shifted(groups, -10)] == [0.87, 0.0]
    assert shifted(groups, 0) == groups and groups[0].attend == 0.97          # the input is not changed


def test_lower_attendance_makes_the_design_fragile(table):
    # the teaching point: at the guess the decision passes, ten points lower it often does not
    passing = dict(zip(table["出席率变化（百分点）"], table["通过的概率（%）"]))
    assert passing[0] > 90 and passing[-10] < passing[0] - 20


@settings(max_examples=25, deadline=None)
@given(sizes=st.lists(st.integers(0, 80), min_size=1, max_size=3),
       attend=st.lists(st.floats(0, 1), min_size=3, max_size=3), support=st.lists(st.floats(0, 1), min_size=3, max_size=3),
       seed=st.integers(0, 1000))
def test_more_attendance_never_means_fewer_present_or_a_larger_quorum_failure(sizes, attend, support, seed):
    if sum(sizes) == 0:
        sizes = [*sizes[:-1], 1]
    groups = [Group(f"人群{i}", n, a, s) for i, (n, a, s) in enumerate(zip(sizes, attend, support))]
    table = attendance_sensitivity(TEMPLATES["四议两公开"](), groups, runs=60, seed=seed)
    assert table["预计到会人数"].is_monotonic_increasing
    assert table["达不到法定人数的概率（%）"].is_monotonic_decreasing
    assert table["通过的概率（%）"].between(0, 100).all()


def test_the_table_records_what_it_was_computed_from(procedure, table):
    assert table.attrs["runs"] == 300 and table.attrs["seed"] == 3 and table.attrs["procedure"] == "四议两公开"
    assert differs(table, procedure, GROUPS) is None
    assert differs(table, procedure, tuple(GROUPS)) is None


def test_differs_names_what_changed(procedure, table):
    tuned = [Group("常住代表", 55, 0.95, 0.65, 0.45, 0.4), GROUPS[1]]
    assert "另一组人群" in differs(table, procedure, tuned)
    renamed = copy.deepcopy(procedure)
    renamed.name = "村道修缮"
    assert "议事程序“四议两公开”" in differs(table, renamed, GROUPS)
    stricter = copy.deepcopy(procedure)
    stricter.stages[3].quorum = 0.9
    assert "重新计算的结果不一样" in differs(table, stricter, GROUPS)
    edited = table.copy()
    edited.loc[1, "通过的概率（%）"] = 99.9
    assert "重新计算的结果不一样" in differs(edited, procedure, GROUPS)
    bare = table.copy()
    bare.attrs = {}
    assert "不是 attendance_sensitivity" in differs(bare, procedure, GROUPS)
    assert "不是 attendance_sensitivity" in differs({"pass_rate": 1.0}, procedure, GROUPS)
    no_decision = copy.deepcopy(procedure)
    no_decision.stages = [s for s in no_decision.stages if s.role != "决议"]
    assert "无法重新计算" in differs(table, no_decision, GROUPS)


@pytest.mark.parametrize("procedure_, groups, kwargs, phrase", [
    ("四议两公开", [], {}, "Group"),
    ("四议两公开", ["常住代表"], {}, "Group"),
    ("四议两公开", [Group("代表", 10, 1.2, 0.5)], {}, "出席率应为 0 到 1 之间的数"),
    ("四议两公开", [Group("代表", 10, "85%", 0.5)], {}, "出席率应为 0 到 1 之间的数"),
    ("四议两公开", GROUPS, {"shifts": ("低", "高")}, "shifts"),
    (None, GROUPS, {}, "需要一个议事程序"),
])
def test_errors_in_chinese(procedure_, groups, kwargs, phrase):
    target = TEMPLATES[procedure_]() if procedure_ else "四议两公开"
    with pytest.raises(DesignError, match=phrase):
        attendance_sensitivity(target, groups, runs=20, **kwargs)


def test_a_single_group_and_custom_shifts(procedure):
    table = attendance_sensitivity(procedure, GROUPS[0], shifts=(-20, 0), runs=30)
    assert table["出席率变化（百分点）"].tolist() == [-20, 0]


@pytest.mark.parametrize("answer, found", [
    ("改在晚上开会，提前通知外出代表", ["通知", "提前", "晚上"]),
    ("委托户代表参加，会前入户征求意见", ["入户", "委托", "户代表", "征求意见"]),
    ("那就算了", []),
])
def test_named_measures(answer, found):
    assert sorted(named_measures(answer)) == sorted(found)
