"""Deliberation design (议事协商): a procedure of ordered stages, templates, and legal validation
with the article cited for every finding (``data/deliberation_rules.yaml``; DESIGN.md §6).

A :class:`Procedure` is a list of :class:`Stage` — who acts (党组织, 两委, 党员大会, 村民会议,
村民代表会议, 居民会议, 居民议事会 …), the stage's role (提议, 商议, 审议, 决议, 公开, 实施, 评议),
its quorum and its decision rule — plus the matters it decides, the publicity cadence and the
supervision committee. A :class:`Context` describes the village or community (households, adults,
representatives …). :func:`validate` checks the procedure against the thresholds of the
《村民委员会组织法》 and 《城市居民委员会组织法》.

>>> from governance_kit.design.deliberation import TEMPLATES, Context, validate
>>> validate(TEMPLATES["四议两公开"](), Context.village(households=400))
[]
"""
from __future__ import annotations

import copy
import math

from .blocks import Block, Bullets, Figure, Heading, Numbered, Paragraph, to_markdown
from .findings import DesignError, Finding
from .legal import RULES_FILE, rules, rules_path, validate
from .procedure import BODIES, ROLES, Context, Group, Procedure, Stage
from .simulation import SimulationResult
from .thresholds import meets, share_words
from .word import to_docx_bytes

__all__ = ["BODIES", "ROLES", "RULES_FILE", "TEMPLATES", "Context", "DesignError", "Finding", "Group", "Procedure", "Stage", "brief", "brief_docx",
           "panel", "rules", "rules_path", "show", "simulate", "to_mermaid", "validate"]

_REPRESENTATIVES_NOTICE = "提前三天通知为浙江等地的地方规定(法律未规定村民代表会议的通知期)"


def _si_yi_liang_gong_kai() -> Procedure:
    """四议两公开 (domain_facts 3.6): 党组织提议 → 两委商议 → 党员大会审议 → 村民(代表)会议决议 → 决议公开 → 实施结果公开."""
    return Procedure("四议两公开", "村", [
        Stage("提议", "村党组织"),
        Stage("商议", "村两委会议"),
        Stage("审议", "党员大会", quorum=1 / 2, quorum_inclusive=True, majority=1 / 2, majority_basis="members",
              note="半数以上有表决权的党员到会,赞成超过应到会党员的半数(《中国共产党支部工作条例(试行)》第十一条,党内法规)"),
        Stage("决议", "村民代表会议", quorum=2 / 3, majority=1 / 2, notice_days=3, note=_REPRESENTATIVES_NOTICE),
        Stage("公开", "村委会", note="决议公开"),
        Stage("实施", "村委会"),
        Stage("公开", "村委会", note="实施结果公开"),
    ], matters=["公益事业筹资筹劳方案"])


def _min_shi() -> Procedure:
    """民事民提、民议、民决、民评: residents propose, deliberate, decide, evaluate (a widely reported
    practice; in the bundled corpus the phrase occurs only in the novel, seed 003 — taught as such)."""
    return Procedure("民事民提民议民决民评", "村", [
        Stage("提议", "村民"),
        Stage("商议", "村民议事会"),
        Stage("决议", "村民会议", quorum=0.5, quorum_basis="adults", majority=0.5, notice_days=10),
        Stage("实施", "村委会"),
        Stage("评议", "村务监督委员会"),
    ])


def _residents_council() -> Procedure:
    """城市居民议事会 with the 居民会议 deciding (城市居民委员会组织法 第九条第三款; 7 days' notice is a
    teaching assumption: the law sets none)."""
    return Procedure("城市居民议事会", "社区", [
        Stage("提议", "居民"),
        Stage("商议", "居民议事会"),
        Stage("决议", "居民会议", quorum=0.5, quorum_basis="households", majority=0.5, notice_days=7,
              note="提前七天通知为教学假设(法律未规定居民会议的通知期)"),
        Stage("公开", "居委会"),
    ])


def _democratic_consultation() -> Procedure:
    """民主恳谈 (温岭, domain_facts 3.8): an open 恳谈会 where villagers question and cadres answer, then
    the 村民代表会议 decides on what was raised."""
    return Procedure("民主恳谈", "村", [
        Stage("提议", "村民", note="村民自愿参加提问"),
        Stage("商议", "恳谈会", note="干部与群众对话,有问必答"),
        Stage("决议", "村民代表会议", quorum=2 / 3, majority=1 / 2, notice_days=3, note=_REPRESENTATIVES_NOTICE),
        Stage("公开", "村委会", note="恳谈意见与处理结果公开"),
    ])


def _nantang_rules() -> Procedure:
    """南塘议事规则 (domain_facts 3.7): a 村民议事会 run by the thirteen speaking rules — neutral chair,
    motions, two minutes and two turns each, sides alternating — whose motion passes when ayes
    exceed noes (a tie fails); what binds the village still goes to the 村民会议."""
    return Procedure("南塘议事规则", "村", [
        Stage("提议", "村民", note="动议:具体、明确、可操作"),
        Stage("商议", "村民议事会", majority=0.0,
              note="主持人中立;举手发言,每人每项动议不超过 2 次、每次不超过 2 分钟;正反方轮流;赞成多于反对即通过,平局不通过"),
        Stage("决议", "村民会议", quorum=0.5, quorum_basis="adults", majority=0.5, notice_days=10),
        Stage("公开", "村委会"),
    ])


def _village_affairs_publicity() -> Procedure:
    """村务公开 (村委会组织法 第三十条; 山东省村务公开条例 procedure, domain_facts 3.4): 村委会 drafts →
    村务监督委员会 reviews → 两委联席会议 decides → publish; general items quarterly, finance monthly."""
    return Procedure("村务公开", "村", [
        Stage("提议", "村委会", note="拟定公开内容"),
        Stage("审议", "村务监督委员会", note="审核"),
        Stage("决议", "两委联席会议"),
        Stage("公开", "村委会", note="一般事项每季度、财务收支每月、重大事项随时"),
    ])


def _village_affairs_supervision() -> Procedure:
    """村务监督 (村委会组织法 第三十二、三十三条; 2017 指导意见, a policy document: 一般 3–5 members): the
    村务监督委员会 (no 村委会 member or relative) supervises and chairs the yearly 民主评议 by the 村民代表会议."""
    return Procedure("村务监督", "村", [
        Stage("审议", "村务监督委员会", note="列席村委会会议,监督村务公开和财务"),
        Stage("评议", "村民代表会议", quorum=2 / 3, majority=1 / 2, notice_days=3, note="每年至少一次民主评议;" + _REPRESENTATIVES_NOTICE),
        Stage("公开", "村委会", note="评议结果公布"),
    ])


def _recall() -> Procedure:
    """罢免村民委员会成员 (村委会组织法 第十六条): a fifth of the voters or a third of the representatives
    propose, the member answers, the registered voters vote (more than half voting, more than half of
    those voting in favour)."""
    return Procedure("罢免村委会成员", "村", [
        Stage("提议", "村民", note="五分之一以上有选举权的村民或三分之一以上村民代表联名,说明理由"),
        Stage("商议", "村委会", note="被提出罢免的成员提出申辩意见"),
        Stage("决议", "村民", quorum=1 / 2, quorum_basis="adults", majority=1 / 2,
              note="登记参加选举的村民过半数投票,投票的村民过半数通过"),
        Stage("公开", "村委会", note="公布表决结果"),
    ], matters=["罢免村民委员会成员"])


TEMPLATES = {"四议两公开": _si_yi_liang_gong_kai, "民事民提民议民决民评": _min_shi, "城市居民议事会": _residents_council,
             "民主恳谈": _democratic_consultation, "南塘议事规则": _nantang_rules, "村务公开": _village_affairs_publicity,
             "村务监督": _village_affairs_supervision, "罢免村委会成员": _recall}


# --- rendering --------------------------------------------------------------------------------------

def to_mermaid(procedure: Procedure) -> str:
    """The procedure as a Mermaid flowchart (JupyterLab renders it in a Markdown cell or via
    :func:`show`): one box per stage, role and body, with quorum, majority and notice where set.

    >>> print(to_mermaid(TEMPLATES["城市居民议事会"]()).splitlines()[1])
        S1["提议<br/>居民"]
    """
    lines = ["flowchart TD"]
    for i, s in enumerate(procedure.stages, start=1):
        detail = []
        if s.quorum is not None:
            basis = {"members": "组成人员", "adults": "十八周岁以上成员", "households": "户"}[s.quorum_basis]
            detail.append(f"{share_words(s.quorum, s.quorum_inclusive)}{basis}出席")
        if s.majority is not None:
            detail.append(f"{'应到会' if s.majority_basis == 'members' else '到会'}{share_words(s.majority)}通过")
        if s.notice_days is not None:
            detail.append(f"提前{s.notice_days}天通知")
        label = "<br/>".join([s.role, s.body, *detail, *([s.note] if s.note else [])]).replace('"', "'")
        lines.append(f'    S{i}["{label}"]')
    lines += [f"    S{i} --> S{i + 1}" for i in range(1, len(procedure.stages))]
    return "\n".join(lines)


def show(procedure: Procedure):
    """Display the flowchart in JupyterLab (a Markdown ```mermaid``` block)."""
    from IPython.display import Markdown

    return Markdown(f"```mermaid\n{to_mermaid(procedure)}\n```")


# --- simulation -------------------------------------------------------------------------------------

def simulate(procedure: Procedure, groups: list[Group], *, runs: int = 2000, seed: int = 0) -> SimulationResult:
    """Monte Carlo of the deciding meeting: attendance of each group drawn binomially, quorum checked
    against the stage's quorum (share of all members), votes drawn from each group's support, passed
    when yes votes exceed the stage's majority of those present. Returns a
    :class:`~governance_kit.design.simulation.SimulationResult` that unpacks as ``frame, summary``: a
    DataFrame (one row per run: present, quorum_met, yes, passed, women_share, elderly_share) and a
    summary dict with the quorum-failure rate, the pass rate, mean shares of women and elderly among
    those present against their shares in the population, and the days to a decision (notice days of
    every stage plus one day per stage; a failed quorum costs another notice period); ``summary["inputs"]``
    records what the run assumed (the deciding stage, the groups, runs and seed)."""
    import numpy as np
    import pandas as pd

    if not groups or any(not isinstance(g, Group) for g in groups):
        raise DesignError("simulate 需要至少一个人群(Group)")
    for g in groups:
        if g.size < 0 or not (0 <= g.attend <= 1 and 0 <= g.support <= 1 and 0 <= g.women <= 1 and 0 <= g.elderly <= 1):
            raise DesignError(f"人群“{g.name}”的人数须不小于 0,各比例须在 0 到 1 之间")
    if not isinstance(runs, int) or runs <= 0:
        raise DesignError(f"runs 应为正整数,收到的是 {runs!r}")
    stage = next((s for s in procedure.stages if s.role == "决议"), None)
    if stage is None:
        raise DesignError(f"议事程序“{procedure.name}”没有决议环节,无法模拟表决")
    from scipy.stats import binom

    rng = np.random.default_rng(seed)
    sizes = np.array([g.size for g in groups])
    total = sizes.sum()
    if total == 0:
        raise DesignError("参会人群总人数为 0")
    # attendance and votes by inverting the binomial at common uniforms: for the same seed a higher
    # turnout or support can only give more people present or more yes votes (coupled runs)
    u_attend, u_vote = rng.uniform(size=(runs, len(groups))), rng.uniform(size=(runs, len(groups)))
    present = binom.ppf(u_attend, sizes, [g.attend for g in groups]).astype(int)
    yes = binom.ppf(u_vote, present, [g.support for g in groups]).astype(int)
    attending = present.sum(axis=1)
    # 以上 includes the number, 过半数 does not (《民法典》第一千二百五十九条; see .thresholds)
    quorum_met = meets(attending, total, stage.quorum or 0, stage.quorum_inclusive)
    voters = total if stage.majority_basis == "members" else attending
    passed = quorum_met & meets(yes.sum(axis=1), voters, stage.majority if stage.majority is not None else 0.5)
    with np.errstate(invalid="ignore", divide="ignore"):
        women = (present * [g.women for g in groups]).sum(axis=1) / attending
        elderly = (present * [g.elderly for g in groups]).sum(axis=1) / attending
    frame = pd.DataFrame({"present": attending, "quorum_met": quorum_met, "yes": yes.sum(axis=1), "passed": passed,
                          "women_share": women, "elderly_share": elderly})
    notice = sum(s.notice_days or 0 for s in procedure.stages) + len(procedure.stages)
    failure = float(1 - quorum_met.mean())
    summary = {
        "quorum_failure_rate": failure,
        "pass_rate": float(passed.mean()),
        "women_share_present": float(np.nanmean(women)),
        "women_share_population": float(sum(g.size * g.women for g in groups) / total),
        "elderly_share_present": float(np.nanmean(elderly)),
        "elderly_share_population": float(sum(g.size * g.elderly for g in groups) / total),
        # each failed meeting is called again after its notice period; never met: no decision at all
        "expected_days_to_decision": (notice + (stage.notice_days or 0) * failure / (1 - failure)) if failure < 1 else math.inf,
        # what the run assumed, for the brief's table of assumptions
        "inputs": {"procedure": procedure.name, "deciding_body": stage.body, "quorum": stage.quorum,
                   "quorum_basis": stage.quorum_basis, "quorum_inclusive": stage.quorum_inclusive,
                   "majority": stage.majority, "majority_basis": stage.majority_basis,
                   "notice_days": stage.notice_days, "stages": len(procedure.stages), "days_without_failure": notice,
                   "groups": [{"name": g.name, "size": g.size, "attend": g.attend, "support": g.support,
                               "women": g.women, "elderly": g.elderly} for g in groups],
                   "runs": runs, "seed": seed},
    }
    return SimulationResult("deliberation", frame, summary)


# --- the design brief --------------------------------------------------------------------------------

def brief_blocks(procedure: Procedure, context: Context, *, summary: dict | None = None,
                 teaching_case: bool = False) -> list[Block]:
    """The design brief as blocks (:mod:`.blocks`): stages, the flowchart (an image in Word, Mermaid
    in Markdown), legal findings, the simulation summary with the assumptions behind it
    (``teaching_case``: the group estimates are 教学假设), all in full-width Chinese punctuation."""
    from .assumptions import deliberation_assumptions
    from .flowchart import flowchart_png
    from .typography import typeset

    findings = validate(procedure, context)
    drawn = copy.deepcopy(procedure)  # the image is drawn when rendered: of the procedure as it is now
    blocks: list[Block] = [
        Heading(1, f"议事协商方案：{procedure.name}"),
        Paragraph(f"适用：{context.kind}，{context.households} 户，十八周岁以上 {context.adults} 人。"),
        Heading(2, "程序环节"),
        Numbered(tuple(f"**{s.role}**：{s.body}" + _note(s.note) for s in procedure.stages)),
        Heading(2, "流程图"),
        Figure(f"图　{procedure.name}议事流程", lambda: flowchart_png(drawn), to_mermaid(procedure)),
        Heading(2, "依法检验"),
        Bullets(tuple(f"【{f.level}】{f.message}（依据：{f.source}）" for f in findings) or ("未发现与法定要求不符之处。",)),
    ]
    if summary:
        days = summary["expected_days_to_decision"]
        blocks += [Heading(2, "模拟结果"), Bullets((
            f"达不到法定人数的概率：{summary['quorum_failure_rate']:.1%}",
            f"通过的概率：{summary['pass_rate']:.1%}",
            f"到会者中妇女占比 {summary['women_share_present']:.1%}（人口中 {summary['women_share_population']:.1%}）",
            f"到会者中 60 岁以上占比 {summary['elderly_share_present']:.1%}（人口中 {summary['elderly_share_population']:.1%}）",
            f"预计从提议到决议约 {days:.0f} 天" if math.isfinite(days) else "模拟中会议从未达到法定人数：按此设计无法作出决议")),
            *deliberation_assumptions(summary, teaching_case=teaching_case)]
    return typeset(blocks)


def _note(note: str) -> str:
    """A stage's note after its body: in brackets, or after a dash when it has brackets of its own
    (no brackets inside brackets)."""
    if not note:
        return ""
    return f"——{note}" if any(mark in note for mark in "()（）") else f"（{note}）"


def brief(procedure: Procedure, context: Context, *, summary: dict | None = None) -> str:
    """A design brief in Markdown (Chinese): stages, flowchart, legal findings, simulation summary."""
    return to_markdown(brief_blocks(procedure, context, summary=summary))


def brief_docx(procedure: Procedure, context: Context, path, *, summary: dict | None = None):
    """The same brief as a Word document (python-docx), the flowchart drawn as an image."""
    from pathlib import Path

    path = Path(path)
    path.write_bytes(to_docx_bytes(brief_blocks(procedure, context, summary=summary)))
    return path


def panel(procedure: Procedure, groups: list[Group], *, runs: int = 2000, seed: int = 0):
    """An ipywidgets panel for JupyterLab: a turnout slider per group and the deciding stage's quorum
    and majority; every change re-runs :func:`simulate` and shows the summary in Chinese."""
    import ipywidgets as widgets

    deciding = next((i for i, s in enumerate(procedure.stages) if s.role == "决议"), None)
    if deciding is None:
        raise DesignError(f"议事程序“{procedure.name}”没有决议环节,无法调节")
    stage = procedure.stages[deciding]
    turnout = [widgets.FloatSlider(value=g.attend, min=0, max=1, step=0.05, description=f"{g.name}出席",
                                   style={"description_width": "initial"}) for g in groups]
    quorum = widgets.FloatSlider(value=stage.quorum or 0.0, min=0, max=1, step=0.05, description="法定出席比例",
                                 style={"description_width": "initial"})
    majority = widgets.FloatSlider(value=stage.majority or 0.5, min=0, max=0.95, step=0.05, description="通过比例",
                                   style={"description_width": "initial"})
    output = widgets.HTML()

    def update(*_):
        trial = copy.deepcopy(procedure)
        trial.stages[deciding].quorum, trial.stages[deciding].majority = quorum.value, majority.value
        people = [Group(g.name, g.size, s.value, g.support, g.women, g.elderly) for g, s in zip(groups, turnout)]
        _, summary = simulate(trial, people, runs=runs, seed=seed)
        output.value = (f"达不到法定人数的概率 {summary['quorum_failure_rate']:.1%};通过的概率 {summary['pass_rate']:.1%};"
                        f"到会者中妇女 {summary['women_share_present']:.1%}(人口中 {summary['women_share_population']:.1%}),"
                        f"60 岁以上 {summary['elderly_share_present']:.1%}(人口中 {summary['elderly_share_population']:.1%})")

    for control in [*turnout, quorum, majority]:
        control.observe(update, names="value")
    update()
    return widgets.VBox([*turnout, quorum, majority, output])
