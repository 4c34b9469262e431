"""Checks for notebook 07, “设计议事协商体系”: one function per exercise, hints in Chinese.

The legal thresholds come from the kit (``design.deliberation.validate`` and its rules file), the
order of 四议两公开 from the kit's template; nothing is written here that the kit can compute.
"""
from __future__ import annotations

import numbers

from ._membership import lenient
from ..feedback import exercise

# exercise 7.3: figures the notebook states in the exercise (teaching choices, not law)
TARGET_PASS_RATE = 0.8        # the decision must pass in at least 80% of the simulated meetings
MAX_ATTEND = 0.9              # no group is assumed to attend with more than 90% (teaching assumption)
MAX_ELDERLY_GAP = 0.10        # share of 60+ among those present within 10 points of the population's
RUNS, SEED = 400, 2024        # the simulation the check runs
MARGIN, ROBUST_PASS_RATE = 0.05, 0.5  # hidden check: 5 points less turnout everywhere still passes half the time
DECIDING_BODIES_VILLAGE = ("村民会议", "村民代表会议")
# exercise 7.3: the households of 纺织新村 as the notebook defines them in `groups` (name: size, attend,
# support; invented teaching figures, not computable from the kit; a test checks the notebook agrees)
NOTEBOOK_GROUPS = {"常住老年户": (150, 0.55, 0.75), "上班族户": (130, 0.30, 0.60), "外出与出租户": (80, 0.05, 0.50)}


def _kit():
    from ...design import deliberation

    return deliberation


def _findings(ex, procedure, context, name: str):
    """validate() of the (lenient) procedure; a structural problem becomes a hint."""
    from ...design.grid import DesignError

    try:
        return _kit().validate(lenient(procedure), context)
    except DesignError as error:
        ex.fail(f"{name} 的写法有问题：{error}。环节（role）只能是 {'、'.join(_kit().ROLES)} 之一，主体（body）要用工具箱认识的名称。")


def _errors(findings):
    return [f for f in findings if f.level == "错误"]


def _procedure(ex, value, name: str):
    deliberation = _kit()
    ex.answered(value, name)
    if callable(value) and not isinstance(value, deliberation.Procedure):
        ex.fail(f"{name} 存的是一个函数（例如模板本身），不是程序：在后面加上 () 调用它，得到一个 Procedure。")
    ex.is_type(value, deliberation.Procedure, name, "一个议事程序（Procedure(...)）")
    if not value.stages:
        ex.fail(f"{name} 里还没有任何环节：在 Procedure 的第三个参数里按顺序列出 Stage(...)。")
    for stage in value.stages:
        _numbers(ex, stage)


def _deciding(procedure):
    return next((s for s in procedure.stages if s.role == "决议"), None)


def _order(procedure) -> str:
    return " → ".join(f"{s.body}{s.role}" for s in procedure.stages)


# --- 7.1 四议两公开 ------------------------------------------------------------------------------------

def ex1(village_procedure, village):
    with exercise("7.1", later="第二议由村“两委”会议进行，决议公开在决议之后，换成 150 户和 1200 户的村依法检验也没有错误") as ex:
        _procedure(ex, village_procedure, "village_procedure")
        findings = _findings(ex, village_procedure, village, "village_procedure")
        template = _kit().TEMPLATES["四议两公开"]()
        if village_procedure.kind != template.kind:
            ex.fail(f"“四议两公开”是村级重大事项的决策程序，Procedure 的第二个参数（kind）应写“{template.kind}”，"
                    f"你写的是“{village_procedure.kind}”。")
        roles = [s.role for s in village_procedure.stages if s.role != "实施"]
        expected = [s.role for s in template.stages if s.role != "实施"]
        if "审议" not in roles:
            ex.fail("缺少“党员大会审议”这一议：四议是 党组织提议、两委商议、党员大会审议、村民（代表）会议决议。")
        if roles.count("公开") < expected.count("公开"):
            ex.fail("“两公开”缺了一个：决议作出后要公开决议，实施之后还要公开实施结果——两个“公开”环节都要有。")
        if roles != expected:
            ex.fail(f"环节的顺序不对。四议两公开的顺序是：{' → '.join(expected)}（“实施”可以放在两个公开之间）；"
                    f"你的顺序是：{' → '.join(roles) or '（空）'}。")
        proposer = village_procedure.stages[0].body
        if "党组织" not in proposer:
            ex.fail(f"第一议“提议”由村党组织提出，你写的提议主体是“{proposer}”。")
        reviewer = next(s.body for s in village_procedure.stages if s.role == "审议")
        if reviewer != "党员大会":
            ex.fail(f"第三议“审议”由党员大会进行，你写的是“{reviewer}”。")
        decider = _deciding(village_procedure).body
        if decider not in DECIDING_BODIES_VILLAGE:
            ex.fail(f"决议必须由村民会议或（经授权的）村民代表会议作出（《村民委员会组织法》第二十四条），"
                    f"不能由“{decider}”代替。")
        if not village_procedure.matters:
            ex.fail("没有写明决定什么事项：在 Procedure 里加上 matters=[\"公益事业筹资筹劳方案\"]。")
        errors = _errors(findings)
        for f in errors:
            if f.rule == "representatives_meeting_quorum":
                ex.fail("村民代表会议的出席比例没写或低于三分之二：在决议环节写 quorum=0.67（《村民委员会组织法》第二十六条）。")
            if f.rule == "representatives_meeting_majority":
                ex.fail("村民代表会议的表决比例没写或太低：决定须经到会人员过半数同意，在决议环节写 majority=0.5"
                        "（第二十六条）。")
            if f.rule.startswith("villagers_meeting"):
                ex.fail(f"由村民会议决议时，{f.message}（{f.source}）：请在决议环节写 quorum、quorum_basis、majority、notice_days。")
        if errors:
            ex.fail(f"依法检验还有错误：{errors[0].message}（依据：{errors[0].source}）。"
                    "运行 validate(village_procedure, village) 看全部问题。")


def ex1_hidden(village_procedure, village):
    with exercise("7.1（附加检查）") as ex:
        _procedure(ex, village_procedure, "village_procedure")
        deliberation = _kit()
        consult = next((s.body for s in village_procedure.stages if s.role == "商议"), "")
        if "两委" not in consult:
            ex.fail(f"第二议“商议”由村“两委”会议进行，你写的是“{consult}”。")
        roles = [s.role for s in village_procedure.stages]
        decide = roles.index("决议")
        if roles.index("公开") < decide:
            ex.fail("决议公开必须在决议之后。")
        for households in (150, 1200):  # a lawful procedure stays lawful in a smaller and a larger village
            bigger = deliberation.Context.village(households=households)
            errors = _errors(_findings(ex, village_procedure, bigger, "village_procedure"))
            if errors:
                ex.fail(f"换一个 {households} 户的村检验时出现错误：{errors[0].message}（依据：{errors[0].source}）。")


# --- 7.2 an unlawful quorum ------------------------------------------------------------------------

def _draft_untouched(ex, fixed, draft, village):
    """The statement asks for a copy: ``fixed`` must not be (or share stages with) ``draft``, and
    ``draft`` must still be the unlawful draft the notebook shows."""
    if draft is None:
        return
    again = "请从定义 draft 的单元格重新运行，再用 fixed = copy.deepcopy(draft) 复制一份，只改复制品。"
    if fixed is draft:
        ex.fail(f"fixed 和 draft 是同一个程序（fixed = draft 没有复制），改 fixed 也就改了草案。{again}")
    if any(a is b for a in fixed.stages for b in draft.stages) or fixed.stages is draft.stages:
        ex.fail(f"fixed 和 draft 共用同一些环节（copy.copy 或直接引用 draft.stages 只复制了外壳），改 fixed 的环节也就改了草案。{again}")
    if not _errors(_findings(ex, draft, village, "draft")):
        ex.fail(f"草案 draft 本身被改动了（它现在已经合法了）：题目要求保留草案、在复制品上改。{again}")


def _numbers(ex, stage) -> None:
    """A share typed as words or in quotes (quorum="三分之二") gets a hint, not a TypeError later
    (checked for every stage of every procedure an exercise is given, by :func:`_procedure`)."""
    for name in ("quorum", "majority"):
        value = getattr(stage, name, None)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
            ex.fail(f"{name} 写成了 {value!r}：比例要写成数，三分之二写 2/3（或 0.67），过半数写 1/2（或 0.5），"
                    "不要写成汉字，也不要加引号。")


def ex2(fixed, village, draft=None):
    with exercise("7.2", later="决定的事项和程序类型（村）没有改动，出席比例在 0 到 1 之间") as ex:
        _procedure(ex, fixed, "fixed")
        _draft_untouched(ex, fixed, draft, village)
        stage = _deciding(fixed)
        if stage is None or stage.body != "村民会议":
            ex.fail("题目只要求改正出席比例：决议环节仍应由村民会议作出（换成村民代表会议须经村民会议授权，不是本题的意思），"
                    "不要删掉或替换这个环节。")
        if len(fixed.stages) < 3 or fixed.stages[0].role != "提议" or fixed.stages[-1].role != "公开":
            ex.fail("其他环节也被改动了：只改决议环节的出席比例，提议和公开环节保持不变。")
        if isinstance(stage.quorum, (int, float)) and stage.quorum > 1:
            ex.fail(f"出席比例写成了 {stage.quorum}：比例要写成 0 到 1 之间的小数，例如三分之二写 0.67，过半数写 0.5。")
        if stage.quorum_basis not in ("adults", "households"):
            ex.fail(f"村民会议没有固定的“组成人员”，quorum_basis=\"{stage.quorum_basis}\" 说不清按谁计算："
                    "法律规定按本村十八周岁以上村民（\"adults\"）或按户（\"households\"）计算（第二十二条）。")
        if stage.quorum is None:
            ex.fail("决议环节没有出席比例（quorum）：请写上。")
        if stage.quorum_basis == "households" and stage.quorum < 2 / 3 - 1e-9:
            ex.fail(f"按户计算时，须有本村三分之二以上的户的代表参加（第二十二条），{stage.quorum:.0%} 不够；"
                    "或者改为按十八周岁以上村民计算、过半数出席。")
        if stage.quorum_basis == "adults" and stage.quorum < 0.5:
            ex.fail(f"按十八周岁以上村民计算时，须有过半数参加（第二十二条），{stage.quorum:.0%} 不够。")
        if stage.majority is None or stage.majority < 0.5:
            ex.fail("表决比例被改低了：村民会议的决定须经到会人员过半数通过，majority 应为 0.5。")
        if stage.notice_days is None or stage.notice_days < 10:
            ex.fail("通知天数被改动了：召开村民会议应当提前十天通知（第二十一条），notice_days 应不少于 10。")
        errors = _errors(_findings(ex, fixed, village, "fixed"))
        if errors:
            ex.fail(f"依法检验还有错误：{errors[0].message}（依据：{errors[0].source}）。运行 validate(fixed, village) 看全部问题。")


def ex2_hidden(fixed, village, draft=None):
    with exercise("7.2（附加检查）") as ex:
        _procedure(ex, fixed, "fixed")
        if not fixed.matters:
            ex.fail("决定的事项（matters）被删掉了：改正出席比例时不要改动要决定的事项。")
        if fixed.kind != "村":
            ex.fail("程序的类型（kind）被改动了，应仍为“村”。")
        stage = _deciding(fixed)
        if stage is None or stage.quorum is None or not 0 < stage.quorum <= 1:
            ex.fail("出席比例应在 0 到 1 之间。")


# --- 7.3 low turnout -------------------------------------------------------------------------------

def _groups(ex, value, name: str):
    Group = _kit().Group
    ex.answered(value, name)
    if isinstance(value, Group):
        ex.fail(f"{name} 应是几个人群组成的列表，即使只有一个也要写成 [Group(...)]。")
    ex.is_type(value, list, name, "一个由 Group(...) 组成的列表")
    if not value or not all(isinstance(g, Group) for g in value):
        ex.fail(f"{name} 里每一项都应是 Group(名称, 户数, 出席率, 支持率, …)。")
    for g in value:
        for field, what in (("size", "户数（人数）"), ("attend", "出席率"), ("support", "支持率")):
            v = getattr(g, field, None)
            if isinstance(v, bool) or not isinstance(v, numbers.Real):
                ex.fail(f"“{g.name}”的{what}（{field}）写成了 {v!r}：要写成数，如 0.7 或 120，不要加引号，也不要写汉字。")
        if not (0 <= g.attend <= 1 and 0 <= g.support <= 1):
            ex.fail(f"“{g.name}”的出席率和支持率应在 0 到 1 之间（0.7 表示 70%），现在是 {g.attend!r}、{g.support!r}。")


def _simulate(procedure, groups, *, runs=RUNS, seed=SEED) -> dict:
    return _kit().simulate(lenient(procedure), groups, runs=runs, seed=seed)[1]


def _groups_untouched(ex, remedy_groups, groups, procedure=None):
    """``remedy_groups`` is a copy: not the very list or Group objects of ``groups``, and ``groups`` still
    the notebook's situation, in which the meeting almost never reaches its quorum."""
    again = "请从定义 groups 的单元格重新运行，再用 remedy_groups = copy.deepcopy(groups) 复制一份，只改复制品的 attend。"
    if remedy_groups is groups:
        ex.fail(f"remedy_groups 和 groups 是同一个列表（remedy_groups = groups 没有复制），改 remedy_groups 也就改了原来的人群，"
                f"检查就无从比较。{again}")
    shared = [g for g in remedy_groups if any(g is old for old in groups)]
    if shared:
        ex.fail(f"remedy_groups 里的“{shared[0].name}”和 groups 里的是同一个对象（list(groups)、groups[:] 或 copy.copy 只复制了列表），"
                f"改它也就改了原来的人群。{again}")
    if not (isinstance(groups, list) and groups and all(isinstance(g, _kit().Group) for g in groups)):
        return
    changed = [g for g in groups if g.name in NOTEBOOK_GROUPS
               and any(abs(a - b) > 1e-9 for a, b in zip((g.size, g.attend, g.support), NOTEBOOK_GROUPS[g.name]))]
    if changed:
        ex.fail(f"原来的人群 groups 被改动了（“{changed[0].name}”已不是笔记本里的数字），检查就无从比较。{again}")
    if procedure is not None and not all(g.name in NOTEBOOK_GROUPS for g in groups):
        if _simulate(procedure, groups)["pass_rate"] >= TARGET_PASS_RATE:
            ex.fail(f"原来的人群 groups 已经被改动了：按它模拟，会议也能开成，可笔记本里的原始情况是几乎每次都达不到法定人数。{again}")


def ex3(remedy_procedure, remedy_groups, groups, community):
    from ._membership import mismatch

    with exercise("7.3") as ex:
        _procedure(ex, remedy_procedure, "remedy_procedure")
        _groups(ex, remedy_groups, "remedy_groups")
        _groups_untouched(ex, remedy_groups, groups)
        stage = _deciding(remedy_procedure)
        if stage is None or stage.body != "居民会议":
            ex.fail("公益项目向居民筹资，要“经居民会议讨论决定”（《城市居民委员会组织法》第十六条；又见第十条第二款）；"
                    "议事会只能商议，不能代替居民会议表决。请保留居民会议这个决议环节。")
        errors = _errors(_findings(ex, remedy_procedure, community, "remedy_procedure"))
        if errors:
            ex.fail(f"不能靠降低法定出席比例或表决比例来“提高成功率”：{errors[0].message}（依据：{errors[0].source}）。"
                    "办法应当是让更多户参加。")
        total = sum(g.size for g in remedy_groups)
        if stage.quorum_basis == "households" and total != community.households:
            ex.fail(f"人群的户数合计是 {total}，但小区共有 {community.households} 户：不能把外出户、出租户从名单里去掉——"
                    "法定人数按全体户计算，少算了人既不合法，也让他们失去了发言权。")
        wrong = mismatch(stage, community, total, tolerance=0)
        if wrong:
            count, what, how = wrong
            ex.fail(f"人群合计 {total}，而居民会议的法定人数按{what}计算，共 {count}:simulate 把人群当作会议的全部成员，"
                    f"{how}。本题的人群是各类户，出席比例请仍按户计算（quorum_basis=\"households\"）。")
        _groups_untouched(ex, remedy_groups, groups, remedy_procedure)  # the original situation, lawfully decided
        baseline = {g.name: g.support for g in groups} | {name: v[2] for name, v in NOTEBOOK_GROUPS.items()}
        for g in remedy_groups:
            old = baseline.get(g.name)
            if old is not None and abs(g.support - old) > 1e-9:
                ex.fail(f"“{g.name}”的支持率被改动了（{old} → {g.support}）：本题的对策是提高参与，不是假设更多人赞成；"
                        "请保持 support 不变，只改 attend（出席率）。")
        if any(g.attend > MAX_ATTEND for g in remedy_groups):
            high = next(g for g in remedy_groups if g.attend > MAX_ATTEND)
            ex.fail(f"“{high.name}”的出席率 {high.attend:.0%} 过于乐观：本题假设任何一群人的出席率都不超过 {MAX_ATTEND:.0%}。"
                    "想想别的人群怎样才能参加。")
        summary = _simulate(remedy_procedure, remedy_groups)
        if summary["pass_rate"] < TARGET_PASS_RATE:
            lowest = min(remedy_groups, key=lambda g: g.attend)
            ex.fail(f"按 simulate(..., runs={RUNS}, seed={SEED}) 模拟，通过率只有 {summary['pass_rate']:.0%}，"
                    f"低于 {TARGET_PASS_RATE:.0%}（达不到法定人数的概率 {summary['quorum_failure_rate']:.0%}）。"
                    f"出席率最低的是“{lowest.name}”（{lowest.attend:.0%}）：书面委托家人、线上参会、晚间或周末开会都能提高出席。")
        gap = summary["elderly_share_present"] - summary["elderly_share_population"]
        if abs(gap) > MAX_ELDERLY_GAP:
            ex.fail(f"会开成了，但到会者中 60 岁以上的比例是 {summary['elderly_share_present']:.0%}，人口中是 "
                    f"{summary['elderly_share_population']:.0%}，相差超过 {MAX_ELDERLY_GAP:.0%}：只靠一部分人多来，"
                    "决定就不能代表全体。让上班族和外出户也参加进来。")
        _robust(ex, remedy_procedure, remedy_groups)  # the grading check, run live too: no ✓ that grading takes back


def ex3_hidden(remedy_procedure, remedy_groups, groups, community):
    with exercise("7.3（附加检查）") as ex:
        _procedure(ex, remedy_procedure, "remedy_procedure")
        _groups(ex, remedy_groups, "remedy_groups")
        _groups_untouched(ex, remedy_groups, groups)
        _robust(ex, remedy_procedure, remedy_groups)


def _robust(ex, remedy_procedure, remedy_groups) -> None:
    """Turnout a little below the plan everywhere: does the meeting still decide? (checked live and at grading)"""
    import copy

    lower = copy.deepcopy(remedy_groups)
    for g in lower:
        g.attend = max(0.0, g.attend - MARGIN)
    summary = _simulate(remedy_procedure, lower)
    if summary["pass_rate"] < ROBUST_PASS_RATE:
        ex.fail(f"方案太“紧”：各类户的实际出席率都比设想低 {MARGIN * 100:.0f} 个百分点时，通过率只有 {summary['pass_rate']:.0%}"
                f"（要求不低于 {ROBUST_PASS_RATE:.0%}）。多留一点余地，尤其想想外出与出租户怎样参加。")


# --- 7.4 the flowchart -----------------------------------------------------------------------------

def _boxes(flowchart: str) -> list[str]:
    import re

    return re.findall(r'^\s*S\d+\["(.*?)"\]\s*$', flowchart, flags=re.M)


def ex4(flowchart, renovation):
    deliberation = _kit()
    with exercise("7.4", later="箭头数比环节数少 1，前面几个环节的顺序与改造程序一致") as ex:
        ex.answered(flowchart, "flowchart")
        if isinstance(flowchart, deliberation.Procedure):
            ex.fail("flowchart 存的是程序本身：用 to_mermaid(...) 把程序转成流程图文字。")
        if hasattr(flowchart, "_repr_markdown_") or hasattr(flowchart, "data"):
            ex.fail("show(...) 返回的是在屏幕上显示用的对象；要流程图的文字，请用 to_mermaid(...)。")
        ex.is_type(flowchart, str, "flowchart", "一段文字（to_mermaid 的结果）")
        if not flowchart.lstrip().startswith("flowchart"):
            ex.fail("流程图文字应以 flowchart 开头：请用 to_mermaid(...) 生成，不要手写。")
        if renovation.stages and renovation.stages[-1].role == "评议":
            ex.fail("你直接在 renovation 上追加了环节（或把追加的单元格运行了多次）。请从定义 renovation 的单元格重新运行，"
                    "再用 copy.deepcopy(renovation) 复制一份后追加“评议”环节。")
        boxes = _boxes(flowchart)
        for stage in renovation.stages:
            if not any(box.startswith(f"{stage.role}<br/>{stage.body}") for box in boxes):
                ex.fail(f"流程图里找不到“{stage.body}{stage.role}”这个环节：是不是画了别的程序？请在 renovation 的复制品上追加。")
        if not any(box.startswith("评议") for box in boxes):
            ex.fail("还没有加上“民评”环节：在复制品的 stages 末尾追加 Stage(\"评议\", \"评议会\")，再画流程图。")
        if not boxes[-1].startswith("评议"):
            ex.fail("“评议”应是最后一个环节：事情办完、结果公开之后，再由群众评议。用 stages.append(...) 加在末尾。")
        if len(boxes) != len(renovation.stages) + 1:
            ex.fail(f"流程图里有 {len(boxes)} 个环节，应是改造程序的 {len(renovation.stages)} 个加上 1 个评议："
                    "是不是把追加的单元格运行了不止一次？重新复制后只追加一次。")


def ex4_hidden(flowchart, renovation):
    with exercise("7.4（附加检查）") as ex:
        ex.answered(flowchart, "flowchart")
        ex.is_type(flowchart, str, "flowchart")
        boxes = _boxes(flowchart)
        arrows = [line for line in flowchart.splitlines() if "-->" in line]
        ex.that(len(arrows) == len(boxes) - 1, "流程图的箭头数应比环节数少 1：每个环节指向下一个。")
        order = [b.split("<br/>")[:2] for b in boxes[: len(renovation.stages)]]
        ex.that(order == [[s.role, s.body] for s in renovation.stages],
                "流程图前面几个环节的顺序应与改造程序一致：提议 → 商议 → 决议 → 公开。")
