"""The tables of assumptions behind the simulated figures of a brief: what each simulation assumed,
read from ``summary["inputs"]`` of :func:`governance_kit.design.grid_simulation.simulate` and
:func:`governance_kit.design.deliberation.simulate`, with the nature of each figure — 教学假设 (a
figure of ``data/standards.yaml`` the course made up for teaching), 学员设定 (the trainee chose it),
网格方案 or 议事程序 (taken from the design), 模拟设定 (days, runs, seed) or 地方规定.

A summary without ``inputs`` (from an older kit) gets a line saying the simulation has to be run
again; no figure is made up.

>>> blocks = deliberation_assumptions({"inputs": {"deciding_body": "村民会议", "quorum": 0.5,
...     "quorum_basis": "adults", "quorum_inclusive": False, "majority": 0.5, "majority_basis": "present",
...     "notice_days": 10, "stages": 3, "days_without_failure": 13, "runs": 400, "seed": 1,
...     "groups": [{"name": "在村村民", "size": 300, "attend": 0.6, "support": 0.7, "women": 0.5, "elderly": 0.4}]}})
>>> blocks[3].rows[1]
('在村村民', '300', '60%', '70%', '50%', '40%')
"""
from __future__ import annotations

from .blocks import Block, Paragraph, Table
from .thresholds import share_words

TEACHING = "教学假设"
CHOSEN = "学员设定"
RUN = "模拟设定"
_HEADER = ("项目", "取值", "性质")
_BASES = {"members": "组成人员", "adults": "十八周岁以上成员", "households": "户"}
_RERUN = "这份模拟结果没有记录它所依据的假设（由旧版工具箱生成）。请重新运行模拟后再生成简报，简报才能列出这些假设。"


def _number(value) -> str:
    """``0.05`` → ``0.05``, ``3.0`` → ``3``: no trailing zeros."""
    return f"{value:g}" if isinstance(value, float) else str(value)


def _percent(value) -> str:
    return f"{value:.0%}" if isinstance(value, (int, float)) else str(value)


def grid_assumptions(summary: dict) -> list[Block]:
    """The assumptions of a grid simulation: a table of 项目、取值、性质 and a line on their nature."""
    inputs = summary.get("inputs")
    if not isinstance(inputs, dict):
        return [Paragraph(_RERUN)]
    given = inputs.get("given") or {}
    tiers = inputs["tiers"]
    kinds = "、".join(f"{kind} {n} 个" for kind, n in inputs["grid_kinds"].items())
    per_grid = inputs["grid_handlers"]
    low, high = min(per_grid), max(per_grid)
    each = f"每格 {low} 人" if low == high else f"每格 {low}—{high} 人"
    rows = [_HEADER,
            ("模拟天数", f"{inputs['days']} 天", RUN),
            ("随机数种子（seed）", str(inputs["seed"]), RUN + "（种子相同，结果可以重现）"),
            ("网格", f"{inputs['grids']} 个（{kinds}），共 {inputs['households']} 户", "网格方案"),
            (f"{tiers[0]}层处理人手", f"{each}，共 {sum(per_grid)} 人",
             CHOSEN if given.get("handlers") else "网格方案（每格在格工作人员）")]
    rows += [(f"{tier}层处理人手", f"{n} 人", CHOSEN if given.get("handlers") else TEACHING)
             for tier, n in zip(tiers[1:], inputs["handlers"][1:])]
    rows += [
        ("巡查覆盖", f"每名网格员每天 {_number(inputs['patrol_households_per_day'])} 户",
         CHOSEN if given.get("patrol_households_per_day") else TEACHING),
        ("居民主动上报", f"事件发生后平均 {_number(inputs['resident_report_days'])} 天", TEACHING),
        ("平均处理用时", "、".join(f"{t} {_number(d)} 天" for t, d in zip(tiers, inputs["service_days"])), TEACHING),
        ("办结时限", "、".join(f"{t} {d} 天" for t, d in zip(tiers, inputs["time_limit_days"])),
         "地方规定（参照《凤县城乡网格化综合管理工作快速处置机制》，2018 年；各层对应关系为教学假设）"),
    ]
    for kind, rule in inputs["event_rates"].items():
        shares = rule["tiers"]
        total = sum(shares) or 1
        split = "、".join(f"{t} {s / total:.0%}" for t, s in zip(tiers, shares))
        rows.append((f"事件发生率：{kind}", f"每户每年 {_number(rule['per_household_year'])} 件；须由各层解决的比例：{split}",
                     CHOSEN + "（只模拟了选定的事件类型）" if given.get("event_kinds") else TEACHING))
    return [Paragraph("**模拟所依据的假设**"), Table(tuple(rows)),
            Paragraph(f"标为“{TEACHING}”的数字是课程为教学编定的（见工具箱 data/standards.yaml），没有找到全国统一的标准；"
                      "用于本地时请换成本地的实际数据。")]


def deliberation_assumptions(summary: dict, *, teaching_case: bool = False) -> list[Block]:
    """The assumptions of a deliberation simulation: the deciding stage and the run (项目、取值、性质),
    then one row per group of people with its size and the estimated chances of attending and of
    voting yes — 教学假设 in a teaching case, the trainee's estimates otherwise."""
    inputs = summary.get("inputs")
    if not isinstance(inputs, dict):
        return [Paragraph(_RERUN)]
    rows = [_HEADER, ("决议机构", str(inputs["deciding_body"]), "议事程序")]
    if inputs.get("quorum") is not None:
        share = share_words(inputs["quorum"], inputs.get("quorum_inclusive", False))
        rows.append(("法定出席", f"{share}{_BASES.get(inputs['quorum_basis'], '')}出席", "议事程序（是否合法见“依法检验”）"))
    if inputs.get("majority") is not None:
        basis = "应到会" if inputs.get("majority_basis") == "members" else "到会"
        rows.append(("通过规则", f"{basis}{share_words(inputs['majority'])}赞成", "议事程序（是否合法见“依法检验”）"))
    if inputs.get("notice_days") is not None:
        rows.append(("决议会议通知期", f"提前 {inputs['notice_days']} 天", "议事程序"))
    rows += [("一次开成时从提议到决议", f"{inputs['days_without_failure']} 天",
              f"{TEACHING}（各环节通知天数之和，另加每个环节 1 天，共 {inputs['stages']} 个环节）"),
             ("模拟次数", f"{inputs['runs']} 次", RUN),
             ("随机数种子（seed）", str(inputs["seed"]), RUN + "（种子相同，结果可以重现）")]
    nature = TEACHING if teaching_case else "学员的估计"
    people = [("人群", "人数", "出席概率", "赞成概率", "妇女占比", "60 岁以上占比")]
    people += [(str(g["name"]), str(g["size"]), _percent(g["attend"]), _percent(g["support"]), _percent(g["women"]),
                _percent(g["elderly"])) for g in inputs["groups"]]
    why = ("这些数字是为教学虚构的案例编定的。" if teaching_case
           else "每一项估计的依据（往年到会记录、走访、问卷等）请写在“设计说明与理由”里。")
    return [Paragraph("**模拟所依据的假设**"), Table(tuple(rows)),
            Paragraph(f"**参会人群**（人数、出席和赞成概率、妇女和 60 岁以上者占比均为{nature}）："), Table(tuple(people)),
            Paragraph(f"模拟按各人群的出席概率和赞成概率随机抽取到会和表决，重复 {inputs['runs']} 次。{why}")]
