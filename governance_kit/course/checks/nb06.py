"""Checks for notebook 06, “设计网格体系”: one function per exercise, hints in Chinese.

Every expected property is computed with the kit: the validator's findings on the trainee's plan
(``design.grid.validate``), the simulated on-time rate of the trainee's staffing with a fixed seed
(``design.grid_simulation.simulate``), the Sheyang ratio from the corpus (``compare_with_cases``).
The teaching cases come from ``design.teaching`` (invented data).
"""
from __future__ import annotations

import numbers
from functools import lru_cache

from ..feedback import exercise

# exercise 6.3: the scenario the statement describes (the notebook uses the same numbers)
SIM_DAYS = 180
SIM_SEED = 0
BASE_HANDLERS = (1, 1, 1, 1)    # 网格(每格)、村(社区)、镇(街道)、县: a tight staffing the trainee improves
TARGET_ON_TIME = 0.94
EXTRA_STAFF = 2                 # at most this many more people (the grid tier counts once per grid)
TOLERANCE = 0.01                # exercise 6.4: the ratio difference, to two decimals


def _case(key: str):
    from ...design.teaching import teaching_case

    return teaching_case(key)


def _grid():
    from ...design import grid

    return grid


def _is_plan(ex, value, name: str, call: str) -> None:
    """``value`` is a GridPlan; specific hints for validate findings, divide groups and plan_args."""
    grid = _grid()
    if isinstance(value, grid.GridPlan):
        return
    if isinstance(value, list) and value and isinstance(value[0], grid.Finding):
        ex.fail(f"{name} 是 validate(...) 返回的问题清单；{name} 应是方案本身：{name} = {call}，再把它交给 validate。")
    if isinstance(value, list) and value and isinstance(value[0], list):
        ex.fail(f"{name} 是 grid.divide(...) 的分组结果，只分了组还没有配人员；请用 {name} = {call} 生成完整方案。")
    if isinstance(value, dict) and "grids" not in value:
        ex.fail(f"{name} 是一个字典（也许是 community.plan_args()）；把它展开交给 plan：{name} = grid.plan(**...)。")
    ex.fail(f"{name} 应是 {call} 生成的网格方案（GridPlan），现在是 {type(value).__name__}。")


def _same_community(ex, plan, case, name: str, variable: str) -> None:
    """The plan covers exactly the case's units, with its kind and its special units."""
    if plan.community_kind != case.kind:
        ex.fail(f"{case.name}是{case.kind}，{name} 的 kind 却是“{plan.community_kind}”：生成方案时写 kind=\"{case.kind}\""
                f"（或用 **{variable}.plan_args()，其中已带上 kind）。")
    covered = sorted(u for g in plan.grids if g.kind == "综合网格" for u in g.units)
    expected = sorted(name_ for name_, _ in case.units)
    if covered != expected or plan.households != case.households:
        missing = sorted(set(expected) - set(covered))
        detail = f"漏了：{'、'.join(missing[:5])}{'等' if len(missing) > 5 else ''}" if missing else \
            f"方案 {plan.households} 户，{case.name}共 {case.households} 户"
        ex.fail(f"{name} 没有完整覆盖{case.name}的{case.unit_label}（{detail}）。请把 {variable}.units 整个交给 plan，"
                f"不要自己挑选或改动户数。")
    exclusive = {g.name for g in plan.grids if g.kind == "专属网格"}
    lacking = [s for s in case.special_units if s not in exclusive]
    if lacking:
        ex.fail(f"“{'、'.join(lacking)}”没有单独设专属网格：生成方案时加上 special_units={variable}.special_units。")


def _findings(plan, level: str):
    return [f for f in _grid().validate(plan) if f.level == level]


def ex1(plan_a):
    """6.1: the urban teaching community divided into grids within the standard."""
    with exercise("6.1", later="方案没有任何提醒，且每个网格由相邻的楼栋组成") as ex:
        _check1(ex, plan_a)


def _check1(ex, plan_a) -> None:
    ex.answered(plan_a, "plan_a")
    _is_plan(ex, plan_a, "plan_a", "grid.plan(...)")
    _same_community(ex, plan_a, _case("urban"), "plan_a", "community")
    errors = _findings(plan_a, "错误")
    if errors:
        ex.fail(f"校验器报告了错误：{errors[0].message}。用 grid.plan 生成方案时它会按标准配齐人员，不要事后删改网格。")
    sizes = [f for f in _findings(plan_a, "警告") if f.rule == "households_per_comprehensive_grid"]
    if sizes:
        comprehensive = [g for g in plan_a.grids if g.kind == "综合网格"]
        made = "、".join(str(g.households) for g in comprehensive)
        bad = next((g for g in comprehensive if g.name in sizes[0].message), comprehensive[-1])
        why = (f"最后几栋楼剩成了一个只有 {bad.households} 户的小网格"
               if bad is comprehensive[-1] and bad.households == min(g.households for g in comprehensive)
               else f"“{bad.name}”有 {bad.households} 户")
        ex.fail(f"{sizes[0].message}。你的方案把{_case('urban').unit_label}分成了每格 {made} 户：你用的 target {why}。"
                f"换一个 target 再试（可以先用 grid.divide(community.units, target=...) 看看每组多少户）。")
    micro = [f for f in _findings(plan_a, "警告") if f.rule == "households_per_micro_grid"]
    if micro:
        ex.fail(f"{micro[0].message}。本题不要求微网格：去掉 micro_grids=True（高层楼一栋就超过 80 户，整栋划不进一个微网格）。")


def ex1_hidden(plan_a):
    """6.1, stricter: no warning of any kind, and each grid made of neighbouring buildings."""
    with exercise("6.1（附加检查）") as ex:
        _check1(ex, plan_a)
        warnings = _findings(plan_a, "警告")
        if warnings:
            ex.fail(f"方案还有警告：{warnings[0].message}。请用默认的职责清单并公开公示（不要改 duties 和 public_posting）。")
        _neighbours(ex, plan_a, _case("urban"))


def _neighbours(ex, plan, case) -> None:
    """Each comprehensive grid holds units that are next to each other in the case's map order."""
    order = {name: i for i, (name, _) in enumerate(case.units)}
    for g in plan.grids:
        if g.kind == "综合网格":
            places = sorted(order[u] for u in g.units)
            if places != list(range(places[0], places[0] + len(places))):
                ex.fail(f"“{g.name}”把不相邻的{case.unit_label}划在了一起（{'、'.join(g.units)}）："
                        f"请按 {case.unit_label}的原有顺序交给 plan，让相邻的{case.unit_label}在同一个网格。")


def ex2(fixed):
    """6.2: the rejected village plan, regenerated so that the validator finds no error and no warning."""
    with exercise("6.2", later="每个网格由相邻的自然村组成") as ex:
        _check2(ex, fixed)


def _check2(ex, fixed) -> None:
    ex.answered(fixed, "fixed")
    _is_plan(ex, fixed, "fixed", "grid.plan(...)")
    _same_community(ex, fixed, _case("rural"), "fixed", "village")
    errors = _findings(fixed, "错误")
    if errors:
        ex.fail(f"还有错误：{errors[0].message}。不要在 broken 上修补——用 grid.plan(...) 重新生成方案，"
                f"它会给每个网格按标准配上网格员。")
    for finding in _findings(fixed, "警告"):
        if finding.rule == "households_per_comprehensive_grid":
            ex.fail(f"{finding.message}。原方案 target=300 让最后几个自然村剩成了一个小网格；"
                    f"调整 target，让各网格都落在 300–500 户之间（先用 grid.divide(village.units, target=...) 试分组）。")
        if finding.rule == "duties_from_published_list":
            ex.fail(f"{finding.message}。把清单外的职责删掉，或干脆不传 duties 参数——plan 默认使用公开的事项清单。")
        if finding.rule == "households_per_micro_grid":
            ex.fail(f"{finding.message}。本题不要求微网格：去掉 micro_grids=True（自然村不拆开，大的自然村一个就超过 80 户）。")
        if finding.rule == "public_posting":
            ex.fail("网格名称、边界、网格员姓名电话和监督电话要向社会公示：生成方案时写 public_posting=True（或不写，默认就是公示）。")
        ex.fail(f"还有警告：{finding.message}（规则 {finding.rule}）。")


def ex2_hidden(fixed):
    """6.2, stricter: each grid made of neighbouring natural villages."""
    with exercise("6.2（附加检查）") as ex:
        _check2(ex, fixed)
        _neighbours(ex, fixed, _case("rural"))


def _handlers(ex, handlers, name: str) -> list[int]:
    """Four non-negative whole numbers, the last one positive."""
    tiers = _grid().standards()["simulation"]["tiers"]
    if isinstance(handlers, numbers.Number):
        ex.fail(f"{name} 应是 {len(tiers)} 个数的列表（依次为{'、'.join(tiers)}每层的人手），不是一个数，例如 [1, 1, 1, 1]。")
    if not isinstance(handlers, (list, tuple)) or len(handlers) != len(tiers):
        ex.fail(f"{name} 应是 {len(tiers)} 个数的列表，依次为{'、'.join(tiers)}每层的人手；现在是 {handlers!r}。")
    if any(isinstance(h, bool) or not isinstance(h, numbers.Integral) or h < 0 for h in handlers):
        ex.fail(f"人手应是不小于 0 的整数（几个人），现在是 {list(handlers)!r}。")
    if handlers[-1] == 0:
        ex.fail(f"最高一层“{tiers[-1]}”必须有人处理：{name} 的最后一项不能是 0。")
    return [int(h) for h in handlers]


def ex3(handlers_new, draft):
    """6.3: staffing that raises the simulated on-time rate of the draft plan to the target, within budget."""
    with exercise("6.3") as ex:
        ex.answered(handlers_new, "handlers_new")
        new = _handlers(ex, handlers_new, "handlers_new")
        if not isinstance(draft, _grid().GridPlan) or draft.households != _case("urban").households:
            ex.fail("draft 不是桂园社区的初稿方案：请从上面“生成初稿”的单元格开始重新运行。")
        tiers = _grid().standards()["simulation"]["tiers"]
        n_grids = len(draft.grids)
        budget = people(BASE_HANDLERS, n_grids) + EXTRA_STAFF
        if people(new, n_grids) > budget:
            per_grid = (f"网格层的数字是每个网格的人数：{n_grids} 个网格每格多 {new[0] - BASE_HANDLERS[0]} 人，"
                        f"就是多 {(new[0] - BASE_HANDLERS[0]) * n_grids} 人。") if new[0] > BASE_HANDLERS[0] else ""
            ex.fail(f"{per_grid}{handlers_new!r} 一共要 {people(new, n_grids)} 人，超出了预算：现在 "
                    f"{people(BASE_HANDLERS, n_grids)} 人，最多只能再加 {EXTRA_STAFF} 人。人手有成本：想一想加在哪一层最管用。")
        zero = [t for t, h, b in zip(tiers, new, BASE_HANDLERS) if h == 0 and b > 0]
        if zero:
            ex.fail(f"你把“{'、'.join(zero)}”层的人手设成了 0：这一层就不再处理，事件全部上交，上一层会更拥挤。")
        from ...design.grid_simulation import simulate

        result = simulate(draft, days=SIM_DAYS, seed=SIM_SEED, handlers=new)
        rate = result.summary["on_time_rate"]
        if rate < TARGET_ON_TIME:
            events = result.events
            late = events[~events.on_time].closed_tier.value_counts()
            worst, count = (late.index[0], int(late.iloc[0])) if len(late) else (tiers[1], 0)
            ex.fail(f"按时办结率是 {rate:.1%}，还没达到 {TARGET_ON_TIME:.0%}。超时最多的是“{worst}”层（{count} 件）："
                    "像上面的 base.events 那样，把 gs.simulate(draft, days=180, seed=0, handlers=handlers_new).events "
                    "按 closed_tier 分组，看看各层的按时率，把人手加在最拥挤的那一层。")


def people(handlers, n_grids: int) -> int:
    """Handlers in people: the grid tier's number is per grid, the others are shared."""
    return handlers[0] * n_grids + sum(handlers[1:])


def _number(ex, value, name: str) -> float:
    import pandas as pd

    if isinstance(value, (pd.DataFrame, pd.Series)):
        ex.fail(f"{name} 现在是一张表或一列数据；要的是一个数：从表里取出两行的 value（例如 .iloc[0]），再相减。")
    if isinstance(value, str):
        ex.fail(f"{name} 是一段文字（{value!r}）：去掉引号，写出相减的计算，结果才是一个数。")
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        ex.is_type(value, float, name)
    return float(value)


@lru_cache(maxsize=1)
def _sheyang() -> dict:
    """Sheyang's figures from the bundled corpus: ``{indicator: value}`` of ``metrics_table``."""
    import governance_kit as gk

    table = gk.metrics_table(gk.load_corpus())
    rows = table[table.place.fillna("").str.contains("射阳")]
    return {r.indicator: float(r.value) for r in rows.itertuples()}


def _ratios(plan) -> dict:
    """The plan's and Sheyang's ratios as ``compare_with_cases`` gives them, and the expected difference."""
    table = _grid().compare_with_cases(plan)
    mine = table[table.source == "方案"].set_index("indicator").value
    cases = table[(table.indicator == "staff_per_grid") & table.place.fillna("").str.contains("射阳")]
    sheyang = float(cases.value.iloc[0])
    return {"mine": float(mine["staff_per_grid"]), "households": float(mine["households_per_grid"]),
            "sheyang": sheyang, "gap": float(mine["staff_per_grid"]) - sheyang}


def ex4(gap, draft):
    """6.4: staff per grid of the draft minus Sheyang's, from compare_with_cases."""
    with exercise("6.4", later="差值是用没有改动过的初稿（教学社区的默认方案）算出的") as ex:
        ex.answered(gap, "gap")
        value = _number(ex, gap, "gap")
        if not isinstance(draft, _grid().GridPlan):
            ex.fail("draft 不是网格方案：请从上面“生成初稿”的单元格开始重新运行。")
        r = _ratios(draft)

        def near(x):
            return abs(value - x) <= TOLERANCE

        if not near(r["gap"]):
            if near(-r["gap"]):
                ex.fail("正负号反了：题目要的是“方案 − 射阳”，不是“射阳 − 方案”。")
            if near(r["mine"]) or near(r["sheyang"]):
                ex.fail("这是其中一方自己的比值；还差一步：用方案的值减去射阳的值。")
            figures = _sheyang()
            comprehensive, staff = figures.get("综合网格"), figures.get("网格长、网格员")
            if comprehensive and staff and near(r["mine"] - staff / comprehensive):
                ex.fail("你只用了射阳的综合网格数；射阳的网格还包括专属网格，compare_with_cases 的射阳一行已经把两者加在一起了。")
            if near(r["households"]) or near(r["households"] - r["sheyang"]):
                ex.fail("你用的是“每个网格的户数”（households_per_grid）；本题比较的是“每个网格的网格员数”（staff_per_grid）。")
        ex.close(value, r["gap"], "差值不对：在 compare_with_cases(draft) 的表中找 indicator 为 staff_per_grid 的两行，"
                 "用方案一行的 value 减去射阳一行的 value", abs_=TOLERANCE)


def ex4_hidden(gap):
    """6.4, stricter: the difference for the untouched draft (the default plan of the teaching community)."""
    with exercise("6.4（附加检查）") as ex:
        ex.answered(gap, "gap")
        value = _number(ex, gap, "gap")
        draft = _grid().plan(**_case("urban").plan_args())
        ex.close(value, _ratios(draft)["gap"], "请用“生成初稿”单元格得到的 draft 原样计算，不要改动它", abs_=TOLERANCE)
