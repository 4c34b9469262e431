"""Deliberation design: templates and legal validation with articles (governance_kit.design.deliberation)."""
from __future__ import annotations

import pytest

from fractions import Fraction

from governance_kit.design import deliberation, legal
from governance_kit.design.thresholds import as_fraction
from governance_kit.design.deliberation import TEMPLATES, Context, Procedure, Stage, rules, validate
from governance_kit.design.grid import DesignError
from governance_kit.errors import RuleFileError


def _village():
    return Context.village(households=400)


def _villagers_meeting(**stage):
    values = {"quorum": 0.5, "quorum_basis": "adults", "majority": 0.5, "notice_days": 10} | stage
    return Procedure("村民会议决定", "村", [Stage("提议", "村委会"), Stage("决议", "村民会议", **values)])


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_every_template_is_lawful_in_a_typical_context(name):
    procedure = TEMPLATES[name]()
    context = _village() if procedure.kind == "村" else Context.community(households=500)
    assert validate(procedure, context) == []


# (rule, a lawful procedure/context, an unlawful one)
CASES = {
    "law_matches_place": (lambda: (TEMPLATES["四议两公开"](), _village()),
                          lambda: (TEMPLATES["四议两公开"](), Context.community(households=400))),
    "villagers_meeting_quorum": (lambda: (_villagers_meeting(), _village()),
                                 lambda: (_villagers_meeting(quorum=0.4), _village())),
    "villagers_meeting_majority": (lambda: (_villagers_meeting(), _village()),
                                   lambda: (_villagers_meeting(majority=0.4), _village())),
    "villagers_meeting_notice": (lambda: (_villagers_meeting(), _village()),
                                 lambda: (_villagers_meeting(notice_days=5), _village())),
    "representatives_share": (lambda: (TEMPLATES["四议两公开"](), _village()),
                              lambda: (TEMPLATES["四议两公开"](), Context("村", 400, 960, 40, 30, 16))),
    "representatives_women": (lambda: (TEMPLATES["四议两公开"](), _village()),
                              lambda: (TEMPLATES["四议两公开"](), Context("村", 400, 960, 40, 36, 10))),
    "representatives_per_households": (lambda: (TEMPLATES["四议两公开"](), _village()),
                                       lambda: (TEMPLATES["四议两公开"](), Context("村", 400, 960, 10, 9, 4))),
    "representatives_meeting_quorum": (lambda: (TEMPLATES["四议两公开"](), _village()),
                                       lambda: (_with_stage(TEMPLATES["四议两公开"](), 3, quorum=0.5), _village())),
    "representatives_meeting_majority": (lambda: (TEMPLATES["四议两公开"](), _village()),
                                         lambda: (_with_stage(TEMPLATES["四议两公开"](), 3, majority=0.3), _village())),
    "matters_for_villagers": (lambda: (TEMPLATES["四议两公开"](), _village()),
                              lambda: (_decided_by(TEMPLATES["四议两公开"](), "村两委会议"), _village())),
    "village_affairs_publicity": (lambda: (TEMPLATES["四议两公开"](), _village()),
                                  lambda: (_set(TEMPLATES["四议两公开"](), publicity_days={"一般事项": 180, "财务收支": 30}), _village())),
    "supervision_committee": (lambda: (TEMPLATES["四议两公开"](), _village()),
                              lambda: (_set(TEMPLATES["四议两公开"](), supervision_includes_committee_relatives=True), _village())),
    "villager_group_meeting_quorum": (lambda: (_group_meeting(), _village()),
                                      lambda: (_group_meeting(quorum=0.6), _village())),
    "villager_group_meeting_majority": (lambda: (_group_meeting(), _village()),
                                        lambda: (_group_meeting(majority=0.4), _village())),
    "collective_members_matters": (lambda: (_collective(), _village()),
                                   lambda: (_set(_villagers_meeting(), matters=["集体经济所得收益的使用"]), _village())),
    "collective_matters_not_by_representatives": (
        lambda: (_set(_collective(), matters=["征地补偿费使用分配方案"]), _village()),
        lambda: (_set(TEMPLATES["四议两公开"](), matters=["征地补偿费使用分配方案"]), _village())),
    "owners_decide": (lambda: (_owners(), Context.community(households=500)),
                      lambda: (_set(TEMPLATES["城市居民议事会"](), matters=["加装电梯"]), Context.community(households=500))),
    "supervision_committee_size": (lambda: (TEMPLATES["四议两公开"](), _village()),
                                   lambda: (_set(TEMPLATES["四议两公开"](), supervision_members=7), _village())),
    "party_members_meeting": (lambda: (TEMPLATES["四议两公开"](), _village()),
                              lambda: (_with_stage(TEMPLATES["四议两公开"](), 2, majority_basis="present"), _village())),
    "recall_vote": (lambda: (TEMPLATES["罢免村委会成员"](), _village()),
                    lambda: (_decided_by(TEMPLATES["罢免村委会成员"](), "村民代表会议"), _village())),
    "residents_meeting": (lambda: (TEMPLATES["城市居民议事会"](), Context.community(households=500)),
                          lambda: (_with_stage(TEMPLATES["城市居民议事会"](), 2, quorum=0.3), Context.community(households=500))),
}


def _group_meeting(**stage):
    values = {"quorum": 2 / 3, "quorum_basis": "households", "majority": 0.5} | stage
    return Procedure("村民小组会议决定", "村", [Stage("提议", "村民"), Stage("决议", "村民小组会议", **values)])


def _collective():
    """A decision of the members' assembly of the village's collective economic organisation (2/3 of all members)."""
    return Procedure("成员大会决定", "村", [Stage("提议", "村党组织"), Stage("决议", "集体经济组织成员大会", quorum=2 / 3,
                     majority=2 / 3, majority_basis="members", notice_days=10)], matters=["集体经济所得收益的使用"])


def _owners():
    return Procedure("业主共同决定", "社区", [Stage("商议", "居民议事会"), Stage("决议", "业主大会")], matters=["加装电梯"])


def _with_stage(procedure, index, **changes):
    for key, value in changes.items():
        setattr(procedure.stages[index], key, value)
    return procedure


def _decided_by(procedure, body):
    next(s for s in procedure.stages if s.role == "决议").body = body
    return procedure


def _set(procedure, **changes):
    for key, value in changes.items():
        setattr(procedure, key, value)
    return procedure


@pytest.mark.parametrize("rule", sorted(CASES))
def test_each_legal_rule_has_a_lawful_and_an_unlawful_case_and_names_its_article(rule):
    lawful, unlawful = CASES[rule]
    assert rule not in {f.rule for f in validate(*lawful())}
    found = [f for f in validate(*unlawful()) if f.rule == rule]
    assert found, rule
    assert all("条" in f.source or "意见" in f.source for f in found)
    basis = next(r["basis"] for r in rules() if r["id"] == rule)
    assert basis == "法律" or f"（{basis}）" in found[0].source  # a non-statutory basis is labelled


def test_households_per_representative_counts_villager_representatives_only():
    # 400 households, 30 members of whom 24 村民代表: 400 / 24 > 15, although 400 / 30 would pass
    found = [f for f in validate(TEMPLATES["四议两公开"](), Context("村", 400, 960, 30, 24, 10)) if f.rule == "representatives_per_households"]
    assert found and "16.7" in found[0].message


def test_the_supervision_committee_size_is_a_warning_not_an_error():
    found = {f.rule: f.level for f in validate(_set(TEMPLATES["四议两公开"](), supervision_members=6), _village())}
    assert found == {"supervision_committee_size": "警告"}
    assert {f.rule for f in validate(_set(TEMPLATES["四议两公开"](), supervision_members=0), _village())} == {"supervision_committee"}


@pytest.mark.parametrize("quorum, inclusive, lawful", [(0.5, False, True), (0.5, True, False), (0.51, True, True),
                                                       (2 / 3, False, True), (0.6667, False, True), (0.66, False, True)])
def test_half_means_more_than_half_unless_inclusive(quorum, inclusive, lawful):
    # 村民会议: 十八周岁以上村民的过半数 — 半数以上 (half itself) asks less than the law
    found = validate(_villagers_meeting(quorum=quorum, quorum_inclusive=inclusive), _village())
    assert ("villagers_meeting_quorum" not in {f.rule for f in found}) is lawful


def test_every_rule_in_the_data_file_is_tested():
    assert {r["id"] for r in rules()} == set(CASES)


def test_bad_procedures_get_chinese_errors():
    with pytest.raises(DesignError, match="没有任何环节"):
        validate(Procedure("空", "村", []), _village())
    with pytest.raises(DesignError, match="未知的环节"):
        validate(Procedure("怪", "村", [Stage("投票", "村民会议")]), _village())
    with pytest.raises(DesignError, match="Procedure"):
        validate("程序", _village())


# --- rendering, simulation and the brief ----------------------------------------------------------------

from governance_kit.design.deliberation import Group, brief, brief_docx, simulate, to_mermaid  # noqa: E402

GROUPS = [Group("在村中老年", 500, 0.7, 0.6, women=0.55, elderly=0.6),
          Group("外出务工青壮年", 400, 0.15, 0.5, women=0.35, elderly=0.0),
          Group("党员", 60, 0.9, 0.7, women=0.3, elderly=0.5)]


def test_mermaid_has_a_box_per_stage_and_arrows_in_order():
    chart = to_mermaid(TEMPLATES["四议两公开"]())
    assert chart.startswith("flowchart TD")
    assert chart.count('["') == 7 and "S6 --> S7" in chart and "三分之二以上组成人员出席" in chart


def test_simulation_is_reproducible_and_low_turnout_fails_the_quorum():
    procedure = TEMPLATES["民事民提民议民决民评"]()  # a 村民会议 needing more than half of the adults
    frame, summary = simulate(procedure, GROUPS, runs=500, seed=1)
    again, _ = simulate(procedure, GROUPS, runs=500, seed=1)
    assert frame.equals(again)
    assert 0 <= summary["quorum_failure_rate"] <= 1 and summary["pass_rate"] <= 1 - summary["quorum_failure_rate"] + 1e-9
    low = [Group(g.name, g.size, g.attend / 3, g.support) for g in GROUPS]
    assert simulate(procedure, low, runs=500, seed=1)[1]["quorum_failure_rate"] > summary["quorum_failure_rate"]
    # migrants stay away: the elderly are over-represented among those present
    assert summary["elderly_share_present"] > summary["elderly_share_population"]
    assert summary["expected_days_to_decision"] >= 10


def test_simulation_errors():
    procedure = TEMPLATES["民事民提民议民决民评"]()
    with pytest.raises(DesignError, match="人群"):
        simulate(procedure, [])
    with pytest.raises(DesignError, match="比例"):
        simulate(procedure, [Group("x", 10, 1.5, 0.5)])
    with pytest.raises(DesignError, match="没有决议环节"):
        simulate(Procedure("无决议", "村", [Stage("提议", "村民")]), GROUPS)


def test_brief_in_markdown_and_word(tmp_path):
    from docx import Document as Word

    procedure = TEMPLATES["四议两公开"]()
    summary = simulate(procedure, GROUPS, runs=200, seed=2)[1]
    text = brief(procedure, _village(), summary=summary)
    assert text.startswith("# 议事协商方案：四议两公开") and "```mermaid" in text and "未发现" in text
    path = brief_docx(procedure, _village(), tmp_path / "方案.docx", summary=summary)
    word = Word(str(path))
    paragraphs = [p.text for p in word.paragraphs]
    assert paragraphs[0] == "议事协商方案：四议两公开" and any("达不到法定人数" in p for p in paragraphs)
    assert len(word.inline_shapes) == 1 and "图　四议两公开议事流程" in paragraphs   # the flowchart as a picture


def test_higher_turnout_never_lowers_quorum_success():
    procedure = TEMPLATES["四议两公开"]()
    rates = []
    for attend in (0.3, 0.5, 0.65, 0.7, 0.8, 0.95):
        frame, summary = simulate(procedure, [Group("代表", 40, attend, 0.6)], runs=400, seed=9)
        rates.append(1 - summary["quorum_failure_rate"])
        if len(rates) > 1:
            assert rates[-1] >= rates[-2]
    assert rates[0] < rates[-1]


def test_a_unanimous_population_always_passes_a_valid_procedure():
    procedure = TEMPLATES["四议两公开"]()
    assert validate(procedure, _village()) == []
    frame, summary = simulate(procedure, [Group("代表", 40, 1.0, 1.0)], runs=300, seed=4)
    assert frame.passed.all() and summary["pass_rate"] == 1.0


def test_a_quorum_above_the_membership_always_fails_with_a_finding():
    procedure = _with_stage(TEMPLATES["四议两公开"](), 3, quorum=1.2)
    assert "quorum_exceeds_membership" in {f.rule for f in validate(procedure, _village())}
    frame, summary = simulate(procedure, [Group("代表", 40, 1.0, 1.0)], runs=200, seed=1)
    assert not frame.quorum_met.any() and summary["pass_rate"] == 0.0
    assert summary["expected_days_to_decision"] == float("inf")
    assert "无法作出决议" in brief(procedure, _village(), summary=summary)


def test_exactly_two_thirds_is_lawful_and_just_below_is_not():
    """“三分之二以上” includes two thirds (the rules file holds the fraction, not 0.6667)."""
    for quorum, lawful in ((2 / 3, True), (0.67, True), (0.66, False)):
        procedure = _with_stage(TEMPLATES["四议两公开"](), 3, quorum=quorum)
        assert ("representatives_meeting_quorum" not in {f.rule for f in validate(procedure, _village())}) is lawful


@pytest.mark.parametrize(
    "stage, message",
    [
        (Stage("决议", ""), "没有写明由谁"),
        (Stage("决议", "理事大会"), "不是已知主体"),
        (Stage("表决", "村民会议"), "不是已知环节"),
        (Stage("决议", "村民会议", quorum=-0.1), "出席比例"),
        (Stage("决议", "村民会议", majority=1.5), "表决比例"),
        (Stage("决议", "村民会议", notice_days=-3), "通知天数"),
    ],
)
def test_bad_stages_get_chinese_errors(stage, message):
    with pytest.raises(DesignError, match=message):
        validate(Procedure("坏程序", "村", [stage]), _village())


def test_the_widget_panel_recomputes_when_a_slider_moves():
    from governance_kit.design.deliberation import panel

    box = panel(TEMPLATES["民事民提民议民决民评"](), GROUPS, runs=300, seed=1)
    sliders, output = box.children[:-1], box.children[-1]
    before = output.value
    assert "达不到法定人数的概率" in before
    sliders[1].value = 0.9  # migrant workers come home for the meeting
    assert output.value != before


def test_the_word_brief_holds_the_same_blocks_as_the_markdown(tmp_path):
    """brief and brief_docx render one list of blocks: every Markdown line has its Word paragraph."""
    from docx import Document as Word

    procedure = TEMPLATES["民事民提民议民决民评"]()
    summary = simulate(procedure, GROUPS, runs=200, seed=2).summary
    text = brief(procedure, _village(), summary=summary)
    word = Word(str(brief_docx(procedure, _village(), tmp_path / "方案.docx", summary=summary)))
    paragraphs = [(p.style.name, p.text) for p in word.paragraphs]
    assert ("Heading 2", "流程图") in paragraphs and ("Caption", "图　民事民提民议民决民评议事流程") in paragraphs
    assert not any("flowchart" in t for _, t in paragraphs) and "flowchart TD" in text   # Mermaid in Markdown only
    assert ("Normal", "1. 提议：村民") in paragraphs
    bullets = [line[2:] for line in text.splitlines() if line.startswith("- ")]
    assert bullets and [t for style, t in paragraphs if style == "List Bullet"] == bullets


# --- the rules file: re-read after an edit, syntax errors named by line ------------------------------------

def test_an_edited_rules_file_is_read_again(tmp_path, monkeypatch, edit):
    copy = tmp_path / "deliberation_rules.yaml"
    copy.write_text(deliberation.rules_path().read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(legal, "rules_path", lambda: copy)
    assert validate(TEMPLATES["四议两公开"](), _village()) == []
    edit(copy, "    body: 村民代表会议\n    members: 2/3", "    body: 村民代表会议\n    members: 3/4")
    assert as_fraction(next(r for r in rules() if r["id"] == "representatives_meeting_quorum")["members"]) == Fraction(3, 4)
    assert [f.rule for f in validate(TEMPLATES["四议两公开"](), _village())] == ["representatives_meeting_quorum"]


def test_a_yaml_error_in_the_rules_file_names_the_line(tmp_path, monkeypatch):
    broken = tmp_path / "deliberation_rules.yaml"
    broken.write_text("rules:\n  - id: x\n    level: 错误\n    message: 须有三分之二以上: 参加\n", encoding="utf-8")
    monkeypatch.setattr(legal, "rules_path", lambda: broken)
    with pytest.raises(RuleFileError, match=r"^deliberation_rules.yaml 第 4 行:YAML 格式错误"):
        rules()


def test_the_summary_records_what_the_run_assumed():
    """The brief's table of assumptions is read from summary["inputs"]."""
    procedure = TEMPLATES["四议两公开"]()
    inputs = simulate(procedure, GROUPS, runs=120, seed=3).summary["inputs"]
    assert (inputs["runs"], inputs["seed"], inputs["deciding_body"], inputs["notice_days"]) == (120, 3, "村民代表会议", 3)
    assert inputs["quorum"] == 2 / 3 and inputs["majority"] == 1 / 2 and inputs["stages"] == len(procedure.stages)
    assert [g["name"] for g in inputs["groups"]] == [g.name for g in GROUPS]
    assert inputs["groups"][1] == {"name": "外出务工青壮年", "size": 400, "attend": 0.15, "support": 0.5,
                                   "women": 0.35, "elderly": 0.0}
