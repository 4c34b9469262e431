"""Checks of notebook 07 (设计议事协商体系): right answers pass, unanswered and typical wrong answers get their hint."""
from __future__ import annotations

import copy

import pytest

from governance_kit.course.checks import nb07
from governance_kit.course.feedback import Hint
from governance_kit.design.deliberation import TEMPLATES, Context, Group, Procedure, Stage, to_mermaid


# --- the notebook's objects ------------------------------------------------------------------------

@pytest.fixture
def village():
    return Context.village(households=420)


@pytest.fixture
def community():
    return Context.community(households=360)


def _si_yi(**decide):
    values = {"quorum": 0.67, "majority": 0.5, "notice_days": 3} | decide
    return Procedure("桃溪村村道与路灯改造", "村", [
        Stage("提议", "村党组织"), Stage("商议", "村两委会议"),
        Stage("审议", "党员大会", quorum=1 / 2, quorum_inclusive=True, majority=1 / 2, majority_basis="members"),
        Stage("决议", "村民代表会议", **values),
        Stage("公开", "村委会"), Stage("实施", "村委会"), Stage("公开", "村委会")], matters=["公益事业筹资筹劳方案"])


def _draft():
    return Procedure("桃溪村集体收益使用(草案)", "村", [
        Stage("提议", "村委会"), Stage("商议", "村两委会议"),
        Stage("决议", "村民会议", quorum=0.5, quorum_basis="households", majority=0.5, notice_days=10),
        Stage("公开", "村委会")], matters=["集体经济所得收益的使用"])


def _fixed(**changes):
    fixed = _draft()
    for key, value in ({"quorum": 0.67} | changes).items():
        setattr(fixed.stages[2], key, value)
    return fixed


@pytest.fixture
def renovation():
    return Procedure("纺织新村改造公益项目与自愿筹资", "社区", [
        Stage("提议", "居民"), Stage("商议", "居民议事会"),
        Stage("决议", "居民会议", quorum=0.5, quorum_basis="households", majority=0.5, notice_days=7),
        Stage("公开", "居委会")])


@pytest.fixture
def groups():
    return [Group("常住老年户", 150, attend=0.55, support=0.75, women=0.55, elderly=0.9),
            Group("上班族户", 130, attend=0.30, support=0.60, women=0.50, elderly=0.1),
            Group("外出与出租户", 80, attend=0.05, support=0.50, women=0.50, elderly=0.3)]


def _attend(groups, *attend):
    out = copy.deepcopy(groups)
    for g, a in zip(out, attend):
        g.attend = a
    return out


def _hint(call, *phrases):
    with pytest.raises(Hint) as caught:
        call()
    for phrase in phrases:
        assert phrase in str(caught.value), str(caught.value)


# --- 7.1 ---------------------------------------------------------------------------------------------

def test_ex1_right_answers_pass(village, capsys):
    nb07.ex1(_si_yi(), village)
    nb07.ex1_hidden(_si_yi(), village)
    nb07.ex1(_si_yi(quorum=2 / 3), village)             # two thirds is lawful (“三分之二以上”)
    nb07.ex1(TEMPLATES["四议两公开"](), village)
    assert "✓ 练习 7.1 通过" in capsys.readouterr().out


def test_ex1_unanswered_and_wrong_types(village):
    _hint(lambda: nb07.ex1(..., village), "还没有作答")
    _hint(lambda: nb07.ex1(TEMPLATES["四议两公开"], village), "加上 () 调用它")
    _hint(lambda: nb07.ex1("四议两公开", village), "议事程序")


@pytest.mark.parametrize("change, phrase", [
    (lambda p: setattr(p, "kind", "社区"), "（kind）应写“村”"),
    (lambda p: p.stages.pop(2), "缺少“党员大会审议”"),
    (lambda p: p.stages.pop(), "“两公开”缺了一个"),
    (lambda p: p.stages.insert(4, p.stages.pop(2)), "环节的顺序不对"),
    (lambda p: setattr(p.stages[0], "body", "村委会"), "由村党组织提出"),
    (lambda p: setattr(p.stages[3], "body", "村两委会议"), "不能由“村两委会议”代替"),
    (lambda p: setattr(p, "matters", []), "matters="),
    (lambda p: setattr(p.stages[3], "quorum", None), "出席比例没写或低于三分之二"),
    (lambda p: setattr(p.stages[3], "majority", None), "过半数同意"),
    (lambda p: setattr(p.stages[3], "body", "村民会议"), "由村民会议决议时"),
    (lambda p: setattr(p.stages[0], "role", "动议"), "写法有问题"),
])
def test_ex1_typical_mistakes(village, change, phrase):
    procedure = _si_yi()
    change(procedure)
    _hint(lambda: nb07.ex1(procedure, village), phrase)


def test_ex1_other_legal_errors_are_named(village):
    procedure = _si_yi()
    procedure.publicity_days = {"一般事项": 180, "财务收支": 30}
    _hint(lambda: nb07.ex1(procedure, village), "依法检验还有错误", "第三十条")


def test_ex1_hidden(village):
    wrong = _si_yi()
    wrong.stages[1].body = "村委会"
    _hint(lambda: nb07.ex1_hidden(wrong, village), "两委")


# --- 7.2 ---------------------------------------------------------------------------------------------

def test_ex2_right_answers_pass(village, capsys):
    for fixed in (_fixed(), _fixed(quorum=2 / 3), _fixed(quorum=0.5, quorum_basis="adults"),
                  _fixed(quorum=0.6, quorum_basis="adults")):
        nb07.ex2(fixed, village)
        nb07.ex2_hidden(fixed, village)
    assert "✓ 练习 7.2 通过" in capsys.readouterr().out


def test_ex2_unanswered(village):
    _hint(lambda: nb07.ex2(..., village), "还没有作答")


@pytest.mark.parametrize("fixed, phrase", [
    (lambda: _draft(), "三分之二以上的户"),
    (lambda: _fixed(quorum=0.6), "三分之二以上的户"),
    (lambda: _fixed(quorum=67), "0 到 1 之间的小数"),
    (lambda: _fixed(quorum_basis="members"), "按户（\"households\"）计算"),
    (lambda: _fixed(quorum=0.4, quorum_basis="adults"), "须有过半数参加"),
    (lambda: _fixed(body="村民代表会议"), "仍应由村民会议"),
    (lambda: _fixed(majority=0.3), "表决比例被改低了"),
    (lambda: _fixed(notice_days=7), "提前十天通知"),
    (lambda: _fixed(quorum=None), "没有出席比例"),
    (lambda: _fixed(quorum="三分之二"), "不要写成汉字"),
    (lambda: _fixed(majority="0.5"), "也不要加引号"),
])
def test_ex2_typical_mistakes(village, fixed, phrase):
    _hint(lambda: nb07.ex2(fixed(), village), phrase)


def test_ex2_hidden_check_gives_a_hint_for_a_share_in_words(village):
    _hint(lambda: nb07.ex2_hidden(_fixed(quorum="三分之二"), village), "不要写成汉字")


def test_ex2_other_stages_must_stay(village):
    fixed = _fixed()
    fixed.stages.pop()
    _hint(lambda: nb07.ex2(fixed, village), "其他环节也被改动了")


def test_ex2_in_place_change_without_a_copy_is_caught(village, capsys):
    # used to pass: fixed = draft (no copy) changes the draft the notebook shows
    draft = _draft()
    fixed = draft
    fixed.stages[2].quorum = 0.67
    _hint(lambda: nb07.ex2(fixed, village, draft), "同一个程序", "copy.deepcopy(draft)")
    draft = _draft()
    shallow = copy.copy(draft)
    shallow.stages[2].quorum = 0.67
    _hint(lambda: nb07.ex2(shallow, village, draft), "共用同一些环节")
    draft = _draft()
    draft.stages[2].quorum = 0.67              # changed the draft, then copied it
    _hint(lambda: nb07.ex2(copy.deepcopy(draft), village, draft), "草案 draft 本身被改动了")
    draft = _draft()
    nb07.ex2(_fixed(), village, draft)           # a real copy passes
    nb07.ex2_hidden(_fixed(), village, draft)
    assert "✓ 练习 7.2 通过" in capsys.readouterr().out


def test_ex2_hidden(village):
    fixed = _fixed()
    fixed.matters = []
    _hint(lambda: nb07.ex2_hidden(fixed, village), "matters")


# --- 7.3 ---------------------------------------------------------------------------------------------

def test_ex3_right_answer_passes(renovation, groups, community, capsys):
    remedy = _attend(groups, 0.70, 0.60, 0.50)
    nb07.ex3(renovation, remedy, groups, community)
    nb07.ex3_hidden(renovation, remedy, groups, community)
    assert "✓ 练习 7.3 通过" in capsys.readouterr().out


def test_ex3_unanswered(renovation, groups, community):
    _hint(lambda: nb07.ex3(..., ..., groups, community), "还没有作答")
    _hint(lambda: nb07.ex3(renovation, ..., groups, community), "还没有作答")
    _hint(lambda: nb07.ex3(renovation, groups[0], groups, community), "列表")


def test_ex3_unchanged_turnout_is_too_low(renovation, groups, community):
    _hint(lambda: nb07.ex3(renovation, copy.deepcopy(groups), groups, community), "通过率只有", "外出与出租户")


def test_ex3_dropping_the_absent_is_refused(renovation, groups, community):
    remedy = _attend(groups, 0.70, 0.60)[:2]
    _hint(lambda: nb07.ex3(renovation, remedy, groups, community), "不能把外出户")


def test_ex3_lowering_the_quorum_is_refused(renovation, groups, community):
    lax = copy.deepcopy(renovation)
    lax.stages[2].quorum = 0.3
    _hint(lambda: nb07.ex3(lax, copy.deepcopy(groups), groups, community), "不能靠降低法定出席比例")


def test_ex3_council_cannot_decide(renovation, groups, community):
    council = copy.deepcopy(renovation)
    council.stages[2].body = "居民议事会"
    _hint(lambda: nb07.ex3(council, copy.deepcopy(groups), groups, community), "经居民会议讨论决定")


def test_ex3_support_must_stay(renovation, groups, community):
    remedy = _attend(groups, 0.70, 0.60, 0.50)
    remedy[2].support = 0.9
    _hint(lambda: nb07.ex3(renovation, remedy, groups, community), "支持率被改动了")


def test_ex3_turnout_above_the_cap(renovation, groups, community):
    _hint(lambda: nb07.ex3(renovation, _attend(groups, 1.0, 0.6, 0.5), groups, community), "过于乐观")


def test_ex3_only_the_elderly_is_not_representative(renovation, groups, community):
    _hint(lambda: nb07.ex3(renovation, _attend(groups, 0.9, 0.45, 0.05), groups, community), "60 岁以上的比例")


def test_ex3_remedy_without_a_copy_is_caught(renovation, groups, community):
    # used to pass: remedy_groups = groups, then support raised in place -> compared with itself
    remedy = groups
    for g, a in zip(remedy, (0.70, 0.60, 0.50)):
        g.attend = a
    remedy[1].support = 0.9
    _hint(lambda: nb07.ex3(renovation, remedy, groups, community), "同一个列表", "copy.deepcopy(groups)")
    _hint(lambda: nb07.ex3_hidden(renovation, remedy, groups, community), "同一个列表")


def test_ex3_shared_group_objects_are_caught(renovation, groups, community):
    remedy = list(groups)                      # a new list of the very same Group objects
    remedy[0].attend = 0.7
    _hint(lambda: nb07.ex3(renovation, remedy, groups, community), "同一个对象", "copy.deepcopy")


def test_ex3_groups_changed_before_copying_are_caught(renovation, groups, community):
    groups[2].support = 0.9                    # changed the notebook's groups, then copied them
    remedy = _attend(groups, 0.70, 0.60, 0.50)
    _hint(lambda: nb07.ex3(renovation, remedy, groups, community), "groups 被改动了", "外出与出租户")


def test_ex3_support_compared_with_the_notebook_values(renovation, groups, community):
    remedy = _attend(groups, 0.70, 0.60, 0.50)
    remedy[0].support = 0.95
    _hint(lambda: nb07.ex3(renovation, remedy, groups, community), "支持率被改动了（0.75 → 0.95）")


def test_ex3_groups_must_be_the_households_the_quorum_counts(renovation, groups, community):
    by_adults = copy.deepcopy(renovation)
    by_adults.stages[2].quorum_basis = "adults"  # lawful, but the groups are households, not adults
    _hint(lambda: nb07.ex3(by_adults, _attend(groups, 0.70, 0.60, 0.50), groups, community),
          "十八周岁以上的人数", "quorum_basis=\"households\"")


def test_notebook_defines_the_groups_the_check_knows():
    import json
    from pathlib import Path

    source = Path(__file__).resolve().parents[3] / "exercises/source/07_deliberation/07_deliberation.ipynb"
    code = "\n".join("".join(c["source"]) for c in json.loads(source.read_text(encoding="utf-8"))["cells"])
    for name, (size, attend, support) in nb07.NOTEBOOK_GROUPS.items():
        assert f'Group("{name}", {size}, attend={attend:.2f}, support={support:.2f}' in code, name


def test_ex3_wants_a_margin_live_as_at_grading(renovation, groups, community):
    tight = _attend(groups, 0.70, 0.45, 0.30)          # reaches the target, but only just
    # the grading check runs live too: no ✓ in class that grading takes back
    _hint(lambda: nb07.ex3(renovation, tight, groups, community), "方案太“紧”")
    _hint(lambda: nb07.ex3_hidden(renovation, tight, groups, community), "低 5 个百分点时")


# --- 7.4 ---------------------------------------------------------------------------------------------

def _with_review(renovation, stage=("评议", "评议会")):
    with_review = copy.deepcopy(renovation)
    with_review.stages.append(Stage(*stage))
    return with_review


def test_ex4_right_answer_passes(renovation, capsys):
    flowchart = to_mermaid(_with_review(renovation))
    nb07.ex4(flowchart, renovation)
    nb07.ex4_hidden(flowchart, renovation)
    nb07.ex4(to_mermaid(_with_review(renovation, ("评议", "居民"))), renovation)
    assert "✓ 练习 7.4 通过" in capsys.readouterr().out


def test_ex4_unanswered_and_wrong_objects(renovation):
    from governance_kit.design.deliberation import show

    _hint(lambda: nb07.ex4(..., renovation), "还没有作答")
    _hint(lambda: nb07.ex4(_with_review(renovation), renovation), "to_mermaid(...) 把程序转成流程图文字")
    _hint(lambda: nb07.ex4(show(_with_review(renovation)), renovation), "show(...) 返回的是")
    _hint(lambda: nb07.ex4("S1 --> S2", renovation), "应以 flowchart 开头")


def test_ex4_typical_mistakes(renovation):
    _hint(lambda: nb07.ex4(to_mermaid(renovation), renovation), "还没有加上“民评”环节")
    _hint(lambda: nb07.ex4(to_mermaid(TEMPLATES["民事民提民议民决民评"]()), renovation), "找不到")
    first = copy.deepcopy(renovation)
    first.stages.insert(0, Stage("评议", "评议会"))
    _hint(lambda: nb07.ex4(to_mermaid(first), renovation), "应是最后一个环节")
    twice = _with_review(_with_review(renovation))
    _hint(lambda: nb07.ex4(to_mermaid(twice), renovation), "运行了不止一次")


def test_ex4_in_place_append_is_caught(renovation):
    renovation.stages.append(Stage("评议", "评议会"))
    _hint(lambda: nb07.ex4(to_mermaid(renovation), renovation), "copy.deepcopy(renovation)")


def test_ex4_hidden(renovation):
    flowchart = to_mermaid(_with_review(renovation))
    broken = "\n".join(line for line in flowchart.splitlines() if "S1 --> S2" not in line)
    _hint(lambda: nb07.ex4_hidden(broken, renovation), "箭头数")
