"""Checks of notebook 06 (设计网格体系): right answers pass, blanks and typical mistakes fail with their own hint."""
from __future__ import annotations

from functools import partial

import numpy as np
import pandas as pd
import pytest

from governance_kit.course.checks import nb06
from governance_kit.course.feedback import Hint
from governance_kit.design import grid
from governance_kit.design.teaching import teaching_case

URBAN = teaching_case("urban")
RURAL = teaching_case("rural")
TIGHT = list(nb06.BASE_HANDLERS)


def fails(check, *args, phrase: str) -> str:
    with pytest.raises(Hint) as err:
        check(*args)
    message = str(err.value)
    assert phrase in message, message
    return message


def passes(check, *args, capsys, number: str) -> None:
    check(*args)
    assert f"✓ 练习 {number} 通过" in capsys.readouterr().out


def urban(**options):
    return grid.plan(**URBAN.plan_args(), **options)


def rural(**options):
    return grid.plan(**RURAL.plan_args(), **options)


@pytest.fixture(scope="module")
def draft():
    return urban()  # the notebook's 初稿: default target


@pytest.fixture(scope="module")
def gap(draft):
    table = grid.compare_with_cases(draft)   # as the notebook's solution reads it
    staff = table[table.indicator == "staff_per_grid"]
    return float(staff[staff.source == "方案"].value.iloc[0] - staff[staff.place == "射阳县"].value.iloc[0])


def test_unanswered(draft):
    for check in (nb06.ex1, nb06.ex1_hidden, nb06.ex2, nb06.ex2_hidden, nb06.ex4_hidden):
        fails(check, ..., phrase="还没有作答")
    fails(nb06.ex3, ..., draft, phrase="还没有作答")
    fails(nb06.ex4, ..., draft, phrase="还没有作答")


# --------------------------------------------------------------------------- 6.1
def test_ex1_right_answer(capsys):
    passes(nb06.ex1, urban(target=350), capsys=capsys, number="6.1")
    passes(nb06.ex1_hidden, urban(target=350), capsys=capsys, number="6.1（附加检查）")


def test_ex1_default_size_leaves_a_small_grid(draft):
    fails(nb06.ex1, draft, phrase="换一个 target 再试")


@pytest.mark.parametrize("answer, phrase", [
    (lambda: grid.plan(URBAN.name, URBAN.units, target=350), "special_units=community.special_units"),
    (lambda: grid.plan(URBAN.name, URBAN.units[:-3], special_units=URBAN.special_units, target=350), "漏了"),
    (lambda: grid.plan(**{**URBAN.plan_args(), "kind": "村"}, target=350), 'kind="社区"'),
    (lambda: urban(target=350, micro_grids=True), "去掉 micro_grids=True"),
    (lambda: grid.validate(urban()), "validate(...) 返回的问题清单"),
    (lambda: grid.divide(URBAN.units, target=350), "grid.divide(...) 的分组结果"),
    (lambda: URBAN.plan_args(), "展开"),
    (lambda: 350, "GridPlan"),
])
def test_ex1_mistakes(answer, phrase):
    fails(nb06.ex1, answer(), phrase=phrase)


def test_ex1_a_grid_without_staff_is_an_error():
    plan = urban(target=350)
    plan.grids[0].staff = {}
    fails(nb06.ex1, plan, phrase="校验器报告了错误")


def test_ex1_hidden_wants_no_warning_and_neighbours():
    fails(nb06.ex1_hidden, urban(target=350, public_posting=False), phrase="默认的职责清单并公开公示")
    scattered = urban(target=350)
    first, second = scattered.grids[0], scattered.grids[1]
    first.units[-1], second.units[0] = second.units[0], first.units[-1]   # swap two buildings
    nb06.ex1(scattered)                                                     # the visible check cannot tell
    fails(nb06.ex1_hidden, scattered, phrase="不相邻")


# --------------------------------------------------------------------------- 6.2
def test_ex2_right_answer(capsys):
    passes(nb06.ex2, rural(target=350), capsys=capsys, number="6.2")
    passes(nb06.ex2_hidden, rural(target=350), capsys=capsys, number="6.2（附加检查）")


def test_ex2_mistakes():
    published = list(rural().duties)
    broken = rural(target=350)
    broken.grids[1].staff = {}
    fails(nb06.ex2, broken, phrase="不要在 broken 上修补")
    fails(nb06.ex2, rural(target=300), phrase="target=300")
    fails(nb06.ex2, rural(target=350, duties=published + ["代收水电费"]), phrase="不传 duties")
    fails(nb06.ex2, rural(target=350, public_posting=False), phrase="public_posting=True")
    fails(nb06.ex2, rural(target=350, micro_grids=True), phrase="去掉 micro_grids=True")
    fails(nb06.ex2, grid.plan(**{**RURAL.plan_args(), "kind": "社区"}, target=350), phrase='kind="村"')
    fails(nb06.ex2, grid.plan(RURAL.name, RURAL.units, kind="村", target=350), phrase="special_units=village")


def test_ex2_hidden_wants_neighbouring_villages():
    scattered = rural(target=350)
    first, second = scattered.grids[0], scattered.grids[1]
    first.units[0], second.units[-1] = second.units[-1], first.units[0]
    fails(nb06.ex2_hidden, scattered, phrase="不相邻")


# --------------------------------------------------------------------------- 6.3
def test_ex3_right_answer(draft, capsys):
    passes(nb06.ex3, [1, 2, 1, 1], draft, capsys=capsys, number="6.3")
    passes(nb06.ex3, (1, 2, 1, 1), draft, capsys=capsys, number="6.3")


def test_ex3_the_target_is_not_met_already(draft):
    fails(nb06.ex3, TIGHT, draft, phrase="还没达到")


@pytest.mark.parametrize("handlers, phrase", [
    ([1, 1, 2, 1], "超时最多的是“村(社区)”层"),       # help at the street, where few events end
    ([2, 1, 1, 1], "网格层的数字是每个网格的人数"),     # one more per grid is one per grid
    ([1, 2, 3, 4], "超出了预算"),
    ([0, 2, 1, 1], "设成了 0"),
    ([1, 2, 1, 0], "最高一层"),
    ([1, 2, 1], "应是 4 个数的列表"),
    (6, "不是一个数"),
    ([1, 2.5, 1, 1], "整数"),
])
def test_ex3_mistakes(draft, handlers, phrase):
    fails(nb06.ex3, handlers, draft, phrase=phrase)


def test_ex3_needs_the_draft():
    fails(nb06.ex3, [1, 2, 1, 1], ..., phrase="draft 不是桂园社区的初稿方案")


# --------------------------------------------------------------------------- 6.4
def test_ex4_right_answer(draft, gap, capsys):
    passes(nb06.ex4, gap, draft, capsys=capsys, number="6.4")
    passes(nb06.ex4, np.float64(round(gap, 2)), draft, capsys=capsys, number="6.4")
    passes(nb06.ex4_hidden, gap, capsys=capsys, number="6.4（附加检查）")


def test_ex4_mistakes(draft, gap):
    check = partial(nb06.ex4, draft=draft)
    figures = nb06._sheyang()
    ratios = nb06._ratios(draft)
    mine, sheyang = ratios["mine"], ratios["sheyang"]
    fails(check, -gap, phrase="正负号反了")
    fails(check, mine, phrase="其中一方")
    fails(check, mine - figures["网格长、网格员"] / figures["综合网格"], phrase="专属网格")
    fails(check, draft.households / 8 - sheyang, phrase="households_per_grid")
    fails(check, gap + 0.5, phrase="staff_per_grid 的两行")
    fails(check, pd.DataFrame({"value": [gap]}), phrase="一张表")
    fails(check, "-0.22", phrase="一段文字")


def test_ex4_hidden_uses_the_untouched_draft():
    other = urban(target=300)                      # one grid more than the draft
    other_gap = nb06._ratios(other)["gap"]
    nb06.ex4(other_gap, other)                     # consistent with the plan it was given …
    fails(nb06.ex4_hidden, other_gap, phrase="原样计算")   # … but not with the notebook's draft


def test_ex1_hint_describes_the_trainees_own_target(capsys):
    # used to say “默认 target=400” whatever target the trainee used
    message = fails(nb06.ex1, urban(target=300), phrase="你的方案把楼栋分成了每格 348、348、304")
    assert "默认 target=400" not in message and "198 户的小网格" in message
