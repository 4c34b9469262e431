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

import math
import re
from dataclasses import dataclass, field
from fractions import Fraction

from ..datafiles import bundled, read_yaml, reloaded
from .blocks import Block, Bullets, Code, Heading, Numbered, Paragraph, to_markdown
from .findings import DesignError, Finding, by_level
from .simulation import SimulationResult
from .word import to_docx_bytes

RULES_FILE = "deliberation_rules.yaml"

ROLES = ("提议", "商议", "审议", "决议", "公开", "实施", "评议")
BODIES = ("村党组织", "社区党组织", "党组织", "村两委会议", "两委联席会议", "党员大会", "村民会议", "村民代表会议",
          "村民小组会议", "居民会议", "居民代表会议", "居民议事会", "村民议事会", "恳谈会", "听证会", "协调会", "评议会",
          "村务监督委员会", "村委会", "居委会", "村民", "居民", "镇政府")


@dataclass
class Stage:
    role: str
    body: str
    quorum: float | None = None          # share of the basis that must attend
    quorum_basis: str = "members"        # members | adults | households
    majority: float | None = None        # share of those present needed (strictly more than)
    notice_days: int | None = None
    note: str = ""


@dataclass
class Procedure:
    name: str
    kind: str                                          # 村 | 社区
    stages: list[Stage]
    matters: list[str] = field(default_factory=list)   # matters this procedure decides
    delegated_to_representatives: bool = True         # 村民会议 has authorised 村民代表会议 (第二十四条)
    publicity_days: dict[str, int] = field(default_factory=lambda: {"一般事项": 90, "财务收支": 30})
    supervision_members: int = 3
    supervision_includes_committee_relatives: bool = False

    def deciding_body(self) -> str | None:
        return next((s.body for s in self.stages if s.role == "决议"), None)


@dataclass
class Context:
    kind: str
    households: int
    adults: int
    representatives: int = 0
    villager_representatives: int = 0
    women_representatives: int = 0
    many_finance_transactions: bool = True

    @classmethod
    def village(cls, *, households: int, adults: int | None = None, representatives: int | None = None) -> "Context":
        """A typical village: 2.4 adults per household, one representative per 10 households, 4/5 of
        them villagers and 2/5 women (teaching assumptions)."""
        reps = representatives if representatives is not None else max(1, round(households / 10))
        return cls("村", households, adults if adults is not None else round(households * 2.4), reps,
                   round(reps * 0.85), round(reps * 0.4))

    @classmethod
    def community(cls, *, households: int, adults: int | None = None) -> "Context":
        return cls("社区", households, adults if adults is not None else round(households * 2.2))


def rules_path():
    """The path of ``data/deliberation_rules.yaml`` (looked up at each read: tests point it elsewhere)."""
    return bundled(RULES_FILE)


@reloaded(lambda: rules_path())
def rules() -> list[dict]:
    """The legal rules of ``data/deliberation_rules.yaml``, fractions ("2/3") as numbers; read again
    after the file is edited."""
    data, _ = read_yaml(rules_path(), RULES_FILE)
    return [{key: _fraction(value) for key, value in rule.items()} for rule in data["rules"]]


def _fraction(value):
    """"2/3" → 0.666…; anything else unchanged."""
    if isinstance(value, str) and re.fullmatch(r"\d+/\d+", value):
        return float(Fraction(value))
    return value


_EPSILON = 1e-9  # 2/3 typed as 2/3 meets a 2/3 threshold despite rounding


def _si_yi_liang_gong_kai() -> Procedure:
    """四议两公开 (domain_facts 3.6): 党组织提议 → 两委商议 → 党员大会审议 → 村民(代表)会议决议 → 决议公开 → 实施结果公开."""
    return Procedure("四议两公开", "村", [
        Stage("提议", "村党组织"),
        Stage("商议", "村两委会议"),
        Stage("审议", "党员大会", quorum=0.6667, majority=0.5, note="党员大会审议的出席与表决比例为地方实践文本(可信度低—中)"),
        Stage("决议", "村民代表会议", quorum=0.6667, majority=0.5, notice_days=3),
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
    """城市居民议事会 with the 居民会议 deciding (城市居民委员会组织法 第十条)."""
    return Procedure("城市居民议事会", "社区", [
        Stage("提议", "居民"),
        Stage("商议", "居民议事会"),
        Stage("决议", "居民会议", quorum=0.5, quorum_basis="households", majority=0.5, notice_days=7),
        Stage("公开", "居委会"),
    ])


def _democratic_consultation() -> Procedure:
    """民主恳谈 (温岭, domain_facts 3.8): an open 恳谈会 where villagers question and cadres answer, then
    the 村民代表会议 decides on what was raised."""
    return Procedure("民主恳谈", "村", [
        Stage("提议", "村民", note="村民自愿参加提问"),
        Stage("商议", "恳谈会", note="干部与群众对话,有问必答"),
        Stage("决议", "村民代表会议", quorum=0.6667, majority=0.5, notice_days=3),
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
    """村务监督 (村委会组织法 第三十二、三十三条; 2017 指导意见): the 村务监督委员会 (3–5 members, no
    村委会 member or relative) supervises and chairs the yearly 民主评议 by the 村民代表会议."""
    return Procedure("村务监督", "村", [
        Stage("审议", "村务监督委员会", note="列席村委会会议,监督村务公开和财务"),
        Stage("评议", "村民代表会议", quorum=0.6667, majority=0.5, notice_days=3, note="每年至少一次民主评议"),
        Stage("公开", "村委会", note="评议结果公布"),
    ])


TEMPLATES = {"四议两公开": _si_yi_liang_gong_kai, "民事民提民议民决民评": _min_shi, "城市居民议事会": _residents_council,
             "民主恳谈": _democratic_consultation, "南塘议事规则": _nantang_rules, "村务公开": _village_affairs_publicity,
             "村务监督": _village_affairs_supervision}


def _check_structure(procedure: Procedure) -> None:
    """Errors that make a procedure unreadable: no stages, unknown roles or bodies, a stage without a
    body, shares outside 0–1 (a quorum above 1 is allowed here: :func:`validate` reports it)."""
    if not procedure.stages:
        raise DesignError(f"议事程序“{procedure.name}”没有任何环节")
    for i, s in enumerate(procedure.stages, start=1):
        if s.role not in ROLES:
            raise DesignError(f"第 {i} 个环节“{s.role}”不是已知环节;可用:{'、'.join(ROLES)}(未知的环节)")
        if not s.body:
            raise DesignError(f"第 {i} 个环节“{s.role}”没有写明由谁(主体)来做")
        if s.body not in BODIES:
            raise DesignError(f"第 {i} 个环节的主体“{s.body}”不是已知主体;可用:{'、'.join(BODIES)}")
        if s.quorum is not None and (isinstance(s.quorum, bool) or not isinstance(s.quorum, (int, float)) or s.quorum < 0):
            raise DesignError(f"“{s.body}”的出席比例应为 0 到 1 之间的数,收到的是 {s.quorum!r}")
        if s.majority is not None and not 0 <= s.majority < 1:
            raise DesignError(f"“{s.body}”的表决比例应在 0 到 1 之间,收到的是 {s.majority!r}")
        if s.notice_days is not None and (not isinstance(s.notice_days, int) or s.notice_days < 0):
            raise DesignError(f"“{s.body}”的通知天数应为不小于 0 的整数,收到的是 {s.notice_days!r}")


def validate(procedure: Procedure, context: Context) -> list[Finding]:
    """Findings (errors first) of ``procedure`` in ``context``, each naming the article it rests on."""
    if not isinstance(procedure, Procedure) or not isinstance(context, Context):
        raise DesignError("validate 需要一个议事程序(Procedure)和一个村社情况(Context)")
    _check_structure(procedure)
    findings = []
    for s in procedure.stages:  # a quorum above the whole membership can never be met
        if s.quorum is not None and s.quorum > 1:
            findings.append(Finding("错误", f"“{s.body}”的出席比例 {s.quorum:.0%} 超过全体成员,会议永远无法召开",
                                    "quorum_exceeds_membership", "程序自身的一致性", "高"))
    for rule in rules():
        def add(**values):
            findings.append(Finding(rule["level"], rule["message"].format(**values), rule["id"], rule["article"],
                                    rule["confidence"]))

        check = rule["check"]
        stages = [s for s in procedure.stages if s.body == rule.get("body")]
        if check == "quorum":
            for s in stages:
                needed = rule.get(s.quorum_basis)
                if s.quorum is None or needed is None or s.quorum < needed - _EPSILON:
                    add()
        elif check == "majority":
            for s in stages:
                if s.majority is None or s.majority < rule["share"] - _EPSILON:
                    add()
        elif check == "notice":
            for s in stages:
                if s.notice_days is None or s.notice_days < rule["days"]:
                    add()
        elif check == "quorum_majority":
            for s in stages:
                if (s.quorum or 0) < rule["quorum"] or (s.majority or 0) < rule["share"]:
                    add()
        elif check == "kind":
            if procedure.kind != context.kind:
                add(procedure_kind=procedure.kind, context_kind=context.kind)
        elif procedure.kind == "村" and any(s.body == "村民代表会议" for s in procedure.stages):
            reps = context.representatives
            if check == "representatives_share" and reps and context.villager_representatives / reps < rule["share"] - _EPSILON:
                add()
            elif check == "women_share" and reps and context.women_representatives / reps < rule["share"] - _EPSILON:
                add()
            elif check == "households_per_representative" and reps and not (
                    rule["low"] <= context.households / reps <= rule["high"]):
                add()
        if check == "matters" and procedure.kind == "村":
            body = procedure.deciding_body() or "(无决议环节)"
            allowed = {"村民会议"} | ({"村民代表会议"} if procedure.delegated_to_representatives else set())
            for matter in procedure.matters:
                if matter in rule["matters"] and body not in allowed:
                    add(matter=matter, body=body)
        elif check == "publicity" and procedure.kind == "村":
            finance_limit = rule["finance_days"] if context.many_finance_transactions else rule["general_days"]
            if (procedure.publicity_days.get("一般事项", 10**6) > rule["general_days"]
                    or procedure.publicity_days.get("财务收支", 10**6) > finance_limit):
                add()
        elif check == "supervision" and procedure.kind == "村":
            if not rule["low"] <= procedure.supervision_members <= rule["high"] or procedure.supervision_includes_committee_relatives:
                add()
    return by_level(findings)


# --- rendering --------------------------------------------------------------------------------------

_SHARE_WORDS = {Fraction(1, 2): "过半数", Fraction(2, 3): "三分之二以上", Fraction(4, 5): "五分之四以上",
                Fraction(1, 3): "三分之一以上"}


def _share_words(share: float) -> str:
    """A share in the law's words (过半数 is strictly more than half), else as a percentage."""
    near = Fraction(share).limit_denominator(10)
    return _SHARE_WORDS.get(near, f"{share:.0%}以上") if abs(float(near) - share) < 1e-3 else f"{share:.0%}以上"


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
            detail.append(f"{_share_words(s.quorum)}{basis}出席")
        if s.majority is not None:
            detail.append(f"到会{_share_words(s.majority)}通过")
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

@dataclass
class Group:
    """A part of the electorate: its size, chance of attending, chance of voting yes, share of women
    and of people 60 or older (figures are the trainee's assumptions)."""
    name: str
    size: int
    attend: float
    support: float
    women: float = 0.5
    elderly: float = 0.3


def simulate(procedure: Procedure, groups: list[Group], *, runs: int = 2000, seed: int = 0) -> SimulationResult:
    """Monte Carlo of the deciding meeting: attendance of each group drawn binomially, quorum checked
    against the stage's quorum (share of all members), votes drawn from each group's support, passed
    when yes votes exceed the stage's majority of those present. Returns a
    :class:`~governance_kit.design.simulation.SimulationResult` that unpacks as ``frame, summary``: a
    DataFrame (one row per run: present, quorum_met, yes, passed, women_share, elderly_share) and a
    summary dict with the quorum-failure rate, the pass rate, mean shares of women and elderly among
    those present against their shares in the population, and the days to a decision (notice days of
    every stage plus one day per stage; a failed quorum costs another notice period)."""
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
    quorum_met = attending > (stage.quorum or 0) * total
    passed = quorum_met & (yes.sum(axis=1) > (stage.majority or 0.5) * attending)
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
    }
    return SimulationResult("deliberation", frame, summary)


# --- the design brief --------------------------------------------------------------------------------

def brief_blocks(procedure: Procedure, context: Context, *, summary: dict | None = None) -> list[Block]:
    """The design brief as blocks (:mod:`.blocks`): stages, flowchart, legal findings, simulation summary."""
    findings = validate(procedure, context)
    blocks: list[Block] = [
        Heading(1, f"议事协商方案:{procedure.name}"),
        Paragraph(f"适用:{context.kind},{context.households} 户,十八周岁以上 {context.adults} 人。"),
        Heading(2, "程序环节"),
        Numbered(tuple(f"**{s.role}**:{s.body}" + (f"({s.note})" if s.note else "") for s in procedure.stages)),
        Heading(2, "流程图"), Code(to_mermaid(procedure)),
        Heading(2, "依法检验"),
        Bullets(tuple(f"【{f.level}】{f.message}(依据:{f.source})" for f in findings) or ("未发现与法定要求不符之处。",)),
    ]
    if summary:
        days = summary["expected_days_to_decision"]
        blocks += [Heading(2, "模拟结果"), Bullets((
            f"达不到法定人数的概率:{summary['quorum_failure_rate']:.1%}",
            f"通过的概率:{summary['pass_rate']:.1%}",
            f"到会者中妇女占比 {summary['women_share_present']:.1%}(人口中 {summary['women_share_population']:.1%})",
            f"到会者中 60 岁以上占比 {summary['elderly_share_present']:.1%}(人口中 {summary['elderly_share_population']:.1%})",
            f"预计从提议到决议约 {days:.0f} 天" if math.isfinite(days) else "模拟中会议从未达到法定人数:按此设计无法作出决议"))]
    return blocks


def brief(procedure: Procedure, context: Context, *, summary: dict | None = None) -> str:
    """A design brief in Markdown (Chinese): stages, flowchart, legal findings, simulation summary."""
    return to_markdown(brief_blocks(procedure, context, summary=summary))


def brief_docx(procedure: Procedure, context: Context, path, *, summary: dict | None = None):
    """The same brief as a Word document (python-docx); the flowchart is given as its Mermaid text."""
    from pathlib import Path

    path = Path(path)
    path.write_bytes(to_docx_bytes(brief_blocks(procedure, context, summary=summary)))
    return path


def panel(procedure: Procedure, groups: list[Group], *, runs: int = 2000, seed: int = 0):
    """An ipywidgets panel for JupyterLab: a turnout slider per group and the deciding stage's quorum
    and majority; every change re-runs :func:`simulate` and shows the summary in Chinese."""
    import copy

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
