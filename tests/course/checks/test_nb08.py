"""Checks of notebook 08 (综合实践): the trainee's own design passes by its properties; unanswered and
typical wrong answers get their own hint."""
from __future__ import annotations

import copy

import pytest

from governance_kit.course.checks import nb08
from governance_kit.course.feedback import Hint
from governance_kit.design.brief import design_brief, design_brief_docx
from governance_kit.design.deliberation import TEMPLATES, Context, Group, Stage, simulate
from governance_kit.design.grid import plan, validate
from governance_kit.design.grid_simulation import simulate as simulate_grid

# a trainee's own figures (a small invented village, not the notebook's example)
UNITS = [("东庄", 120), ("西庄", 150), ("南湾", 90), ("北岭", 140), ("河口", 110)]
SPECIAL = ["村办砖厂"]


def _hint(call, *phrases):
    with pytest.raises(Hint) as caught:
        call()
    for phrase in phrases:
        assert phrase in str(caught.value), str(caught.value)


@pytest.fixture(scope="module")
def design():
    my_plan = plan("东湖村", UNITS, special_units=SPECIAL, kind="村", target=300)
    context = Context.village(households=sum(h for _, h in UNITS))
    procedure = TEMPLATES["四议两公开"]()
    groups = [Group("常住代表", 55, 0.85, 0.65), Group("外出代表", 6, 0.3, 0.6)]
    grid_result = simulate_grid(my_plan, days=120, seed=1)
    _, vote = simulate(procedure, groups, runs=300, seed=1)
    return my_plan, context, procedure, groups, grid_result, vote


# --- 8.1 ---------------------------------------------------------------------------------------------

def test_ex1_right_answer_passes(design, capsys):
    my_plan = design[0]
    nb08.ex1(my_plan, UNITS, SPECIAL)
    nb08.ex1_hidden(my_plan, UNITS, SPECIAL)
    out = capsys.readouterr().out
    assert "你的方案:" in out and "✓ 练习 8.1 通过" in out


def test_ex1_unanswered_and_wrong_objects(design):
    my_plan = design[0]
    _hint(lambda: nb08.ex1(..., UNITS, SPECIAL), "还没有作答")
    _hint(lambda: nb08.ex1(validate(plan("x", [("1号楼", 10)])), UNITS, SPECIAL),
          "validate(...) 的检验结果")
    _hint(lambda: nb08.ex1(my_plan.to_frame(), UNITS, SPECIAL), "to_frame() 的表格")


def test_ex1_a_grid_without_staff_is_an_error(design):
    bare = copy.deepcopy(design[0])
    bare.grids[0].staff = {}
    _hint(lambda: nb08.ex1(bare, UNITS, SPECIAL), "方案还有错误", "没有配备网格员")


def test_ex1_plan_of_other_figures(design):
    other = plan("东湖村", UNITS[:3], special_units=SPECIAL, kind="村")
    _hint(lambda: nb08.ex1(other, UNITS, SPECIAL), "没有划进任何综合网格", "北岭")


def test_ex1_households_typed_again_differently(design):
    typed = plan("东湖村", [(n, h + 1) for n, h in UNITS], special_units=SPECIAL, kind="村")
    _hint(lambda: nb08.ex1(typed, UNITS, SPECIAL), "请用 MY_UNITS 重新生成")


def test_ex1_special_units_are_required(design):
    # used to pass the visible check: plan(MY_NAME, MY_UNITS) without the special units
    without = plan("东湖村", UNITS, kind="村", target=300)
    _hint(lambda: nb08.ex1(without, UNITS, SPECIAL, "村"), "村办砖厂", "special_units=MY_SPECIAL_UNITS")
    _hint(lambda: nb08.ex1_hidden(without, UNITS, SPECIAL, "村"), "村办砖厂")


def test_ex1_kind_must_match(design, capsys):
    # used to pass: plan(...) without kind= makes a 社区 plan for a 村
    urban = plan("东湖村", UNITS, special_units=SPECIAL, target=300)
    _hint(lambda: nb08.ex1(urban, UNITS, SPECIAL, "村"), "你的村(社区)是“村”", "kind=MY_KIND", "默认是“社区”")
    _hint(lambda: nb08.ex1_hidden(urban, UNITS, SPECIAL, "村"), "kind=MY_KIND")
    nb08.ex1(design[0], UNITS, SPECIAL, "村")
    assert "✓ 练习 8.1 通过" in capsys.readouterr().out


def test_ex1_hidden_duplicates(design):
    doubled = copy.deepcopy(design[0])
    doubled.grids[1].units.append(doubled.grids[0].units[0])
    _hint(lambda: nb08.ex1_hidden(doubled, UNITS, SPECIAL), "不止一个综合网格")


# --- 8.2 ---------------------------------------------------------------------------------------------

def test_ex2_right_answers_pass(design, capsys):
    context = design[1]
    nb08.ex2(design[2], context)
    nb08.ex2_hidden(design[2], context)
    quorum_two_thirds = TEMPLATES["四议两公开"]()
    quorum_two_thirds.stages[3].quorum = 2 / 3
    nb08.ex2(quorum_two_thirds, context)
    community = Context.community(households=600)
    nb08.ex2(TEMPLATES["城市居民议事会"](), community)
    nb08.ex2_hidden(TEMPLATES["城市居民议事会"](), community)
    assert "✓ 练习 8.2 通过" in capsys.readouterr().out


def test_ex2_unanswered_and_template_function(design):
    _hint(lambda: nb08.ex2(..., design[1]), "还没有作答")
    _hint(lambda: nb08.ex2(TEMPLATES["四议两公开"], design[1]), "加上 () 调用它")


def test_ex2_kind_mismatch(design):
    _hint(lambda: nb08.ex2(TEMPLATES["城市居民议事会"](), design[1]), "程序却是“社区”的程序")


def test_ex2_no_decision_or_council_decides(design):
    _hint(lambda: nb08.ex2(TEMPLATES["村务监督"](), design[1]), "没有“决议”环节")
    _hint(lambda: nb08.ex2(TEMPLATES["村务公开"](), design[1]), "决议由“两委联席会议”作出不合法")


def test_ex2_community_representatives_need_the_residents_meeting_thresholds():
    community = Context.community(households=2000)
    reps = TEMPLATES["城市居民议事会"]()
    reps.stages[2].body, reps.stages[2].quorum_basis = "居民代表会议", "members"
    nb08.ex2(reps, community)
    reps.stages[2].quorum = 0.3
    _hint(lambda: nb08.ex2(reps, community), "法律里没有“居民代表会议”")


def test_ex2_no_publicity_after_decision(design):
    procedure = TEMPLATES["民事民提民议民决民评"]()
    _hint(lambda: nb08.ex2(procedure, design[1]), "没有“公开”环节")


def test_ex2_legal_error_is_named(design):
    procedure = TEMPLATES["四议两公开"]()
    procedure.stages[3].quorum = 0.5
    _hint(lambda: nb08.ex2(procedure, design[1]), "依法检验有错误", "第二十六条")


def test_ex2_hidden_wants_notice_and_a_proposal_first(design):
    procedure = TEMPLATES["四议两公开"]()
    procedure.stages[3].notice_days = None
    nb08.ex2(procedure, design[1])
    _hint(lambda: nb08.ex2_hidden(procedure, design[1]), "notice_days")
    reordered = TEMPLATES["四议两公开"]()
    reordered.stages.insert(0, Stage("商议", "村民议事会"))
    _hint(lambda: nb08.ex2_hidden(reordered, design[1]), "从“提议”开始")


# --- 8.3 ---------------------------------------------------------------------------------------------

def test_ex3_right_answer_passes(design, capsys):
    my_plan, context, procedure, groups, grid_result, vote = design
    nb08.ex3(grid_result, vote)
    nb08.ex3_hidden(my_plan, procedure, groups)
    nb08.ex3(grid_result, vote, procedure, groups, context)
    nb08.ex3_hidden(my_plan, procedure, groups, context)
    assert "✓ 练习 8.3 通过" in capsys.readouterr().out


def test_ex3_unanswered_and_wrong_objects(design):
    my_plan, _, procedure, groups, grid_result, vote = design
    _hint(lambda: nb08.ex3(..., vote), "还没有作答")
    _hint(lambda: nb08.ex3(grid_result, ...), "还没有作答")
    _hint(lambda: nb08.ex3(my_plan, vote), "存的是网格方案")
    _hint(lambda: nb08.ex3(grid_result.summary, vote), "存的是摘要")
    _hint(lambda: nb08.ex3(grid_result, simulate(procedure, groups, runs=50)), "_, vote = simulate")
    _hint(lambda: nb08.ex3(grid_result, {"on_time_rate": 1.0}), "pass_rate")
    _hint(lambda: nb08.ex3(simulate(procedure, groups, runs=50), vote), "议事模拟", "simulate_grid")


def test_ex3_too_short_a_simulation(design):
    short = simulate_grid(design[0], days=30, seed=1)
    _hint(lambda: nb08.ex3(short, design[5]), "只模拟了 30 天")


def test_ex3_grid_below_thresholds(design):
    slow = copy.deepcopy(design[4])
    slow.summary = dict(slow.summary, on_time_rate=0.7)
    _hint(lambda: nb08.ex3(slow, design[5]), "按时办结率只有 70%", "staff_load")
    unstaffed = copy.deepcopy(design[4])
    unstaffed.summary = dict(unstaffed.summary, small_matters_in_grid=0.1)
    _hint(lambda: nb08.ex3(unstaffed, design[5]), "在网格内解决的只有 10%")


def test_ex3_vote_below_threshold(design):
    _, _, procedure, _, grid_result, _ = design
    _, low = simulate(procedure, [Group("代表", 61, 0.5, 0.6)], runs=200, seed=1)
    _hint(lambda: nb08.ex3(grid_result, low), "通过率只有", "不要降低法定比例")


def test_ex3_groups_must_be_the_deciding_meetings_members(capsys):
    # used to pass: 166 village representatives "deciding" for a 社区 of 1656 households by households
    units = [(f"{i}号楼", 92) for i in range(1, 19)]
    my_plan = plan("幸福社区", units, kind="社区", target=400)
    context = Context.community(households=1656)
    procedure = TEMPLATES["城市居民议事会"]()
    representatives = [Group("常住代表", 154, 0.85, 0.65), Group("外出代表", 12, 0.3, 0.6)]
    grid_result = simulate_grid(my_plan, days=120, seed=1)
    _, vote = simulate(procedure, representatives, runs=300, seed=1)
    assert vote["pass_rate"] >= nb08.PASS_MIN
    _hint(lambda: nb08.ex3(grid_result, vote, procedure, representatives, context),
          "MY_GROUPS 合计 166", "全体户数", "共 1656", "每户算一个")
    _hint(lambda: nb08.ex3_hidden(my_plan, procedure, representatives, context), "MY_GROUPS 合计 166")
    households = [Group("常住户", 1400, 0.7, 0.65), Group("外出户", 256, 0.3, 0.6)]
    _, vote = simulate(procedure, households, runs=300, seed=1)
    nb08.ex3(grid_result, vote, procedure, households, context)
    assert "✓ 练习 8.3 通过" in capsys.readouterr().out


def test_ex3_groups_basis_adults_and_representatives(design):
    my_plan, context, _, groups, grid_result, vote = design
    by_adults = TEMPLATES["民事民提民议民决民评"]()         # 村民会议, quorum counted on adults
    _hint(lambda: nb08.ex3(grid_result, vote, by_adults, groups, context), "十八周岁以上的人数", str(context.adults))
    too_few = [Group("常住代表", 30, 0.85, 0.65)]             # half of the 61 representatives
    _hint(lambda: nb08.ex3(grid_result, vote, design[2], too_few, context), "村民代表人数", "共 61")
    with_committee = groups + [Group("村委会成员", 5, 0.95, 0.7)]  # 村民代表会议 includes the committee
    nb08.ex3(grid_result, vote, design[2], with_committee, context)


def test_ex3_hidden_reruns_with_a_fixed_seed(design):
    my_plan, _, procedure, _, grid_result, vote = design
    nb08.ex3(grid_result, vote)                            # the trainee's own (good) numbers …
    _hint(lambda: nb08.ex3_hidden(my_plan, procedure, [Group("代表", 61, 0.5, 0.6)]),  # … but not their groups
          "用固定的随机数重新模拟")
    bare = copy.deepcopy(my_plan)
    for g in bare.grids:
        g.staff = {}
    _hint(lambda: nb08.ex3_hidden(bare, procedure, design[3]), "重新模拟")


# --- 8.4 ---------------------------------------------------------------------------------------------

@pytest.fixture
def brief(design, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    my_plan, context, procedure, _, grid_result, vote = design
    return design_brief_docx(my_plan, procedure, context, "设计简报.docx", grid_summary=grid_result,
                             deliberation_summary=vote)


def test_ex4_right_answer_passes(design, brief, capsys):
    nb08.ex4(brief, design[0], design[2])
    nb08.ex4_hidden(brief, design[0], design[2])
    nb08.ex4(str(brief), design[0], design[2])
    assert "✓ 练习 8.4 通过" in capsys.readouterr().out


def test_ex4_unanswered_markdown_and_missing_file(design, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    my_plan, context, procedure = design[0], design[1], design[2]
    _hint(lambda: nb08.ex4(..., my_plan, procedure), "还没有作答")
    _hint(lambda: nb08.ex4(design_brief(my_plan, procedure, context), my_plan, procedure), "Markdown 文字")
    _hint(lambda: nb08.ex4("简报.md", my_plan, procedure), "不是 Word 文件")
    _hint(lambda: nb08.ex4("不存在.docx", my_plan, procedure), "找不到文件")
    (tmp_path / "坏文件.docx").write_bytes(b"not a zip")
    _hint(lambda: nb08.ex4("坏文件.docx", my_plan, procedure), "打不开")


def test_ex4_brief_of_another_design(design, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    my_plan, context, procedure = design[0], design[1], design[2]
    other_plan = plan("西湖村", UNITS, kind="村")
    path = design_brief_docx(other_plan, procedure, context, "别的方案.docx")
    _hint(lambda: nb08.ex4(path, my_plan, procedure), "找不到网格“东湖村第1网格”")
    with_review = copy.deepcopy(procedure)
    with_review.stages.append(Stage("评议", "村务监督委员会"))
    path = design_brief_docx(my_plan, procedure, context, "旧程序.docx")
    _hint(lambda: nb08.ex4(path, my_plan, with_review), "找不到环节“评议:村务监督委员会”")


def test_ex4_brief_without_simulations(design, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    my_plan, context, procedure = design[0], design[1], design[2]
    path = design_brief_docx(my_plan, procedure, context, "没有模拟.docx")
    _hint(lambda: nb08.ex4(path, my_plan, procedure), "缺少模拟结果")


def test_ex4_right_answer_with_context_passes(design, brief, capsys):
    nb08.ex4(brief, design[0], design[2], design[1])
    nb08.ex4_hidden(brief, design[0], design[2], design[1])
    assert "✓ 练习 8.4 通过" in capsys.readouterr().out


def test_ex4_brief_of_an_unsound_design_fails(design, tmp_path, monkeypatch):
    # used to pass although 8.2/8.3 failed: the brief only had to hold the same design
    monkeypatch.chdir(tmp_path)
    my_plan, context, procedure, _, grid_result, vote = design
    summaries = {"grid_summary": grid_result, "deliberation_summary": vote}
    urban = TEMPLATES["城市居民议事会"]()                       # a 社区 procedure for a 村
    path = design_brief_docx(my_plan, urban, context, "类型不一致.docx", **summaries)
    _hint(lambda: nb08.ex4(path, my_plan, urban, context), "请先回到练习 8.1–8.3")
    _hint(lambda: nb08.ex4(path, my_plan, urban), "类型不一致的提醒", "8.1–8.3")   # from the brief's text alone
    unlawful = TEMPLATES["四议两公开"]()
    unlawful.stages[3].quorum = 0.5
    path = design_brief_docx(my_plan, unlawful, context, "不合法.docx", **summaries)
    _hint(lambda: nb08.ex4(path, my_plan, unlawful, context), "依法检验还有错误", "8.1–8.3")
    _hint(lambda: nb08.ex4(path, my_plan, unlawful), "还有“错误”", "8.1–8.3")
    council = TEMPLATES["村务公开"]()
    path = design_brief_docx(my_plan, council, context, "两委决议.docx", **summaries)
    _hint(lambda: nb08.ex4(path, my_plan, council, context), "这不合法", "8.1–8.3")
    bare = copy.deepcopy(my_plan)
    bare.grids[0].staff = {}
    path = design_brief_docx(bare, procedure, context, "没有网格员.docx", **summaries)
    _hint(lambda: nb08.ex4(path, bare, procedure, context), "网格方案还有错误", "8.1–8.3")


def test_ex4_hidden_table_and_folder(design, brief, tmp_path, monkeypatch):
    my_plan, context, procedure, _, grid_result, vote = design
    grown = copy.deepcopy(my_plan)
    grown.grids.append(copy.deepcopy(grown.grids[-1]))
    grown.grids[-1].name = grown.grids[0].name               # still finds every name, but one row more
    _hint(lambda: nb08.ex4_hidden(brief, grown, procedure), "网格数不一致")
    elsewhere = tmp_path / "子文件夹"
    path = design_brief_docx(my_plan, procedure, context, elsewhere / "简报.docx", grid_summary=grid_result,
                             deliberation_summary=vote)
    nb08.ex4(path, my_plan, procedure)
    _hint(lambda: nb08.ex4_hidden(path, my_plan, procedure), "当前文件夹")
