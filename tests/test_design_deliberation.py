"""Deliberation design: templates and legal validation with articles (governance_kit.design.deliberation)."""
from __future__ import annotations

import pytest

from governance_kit.design.deliberation import TEMPLATES, Context, Procedure, Stage, rules, validate
from governance_kit.design.grid import DesignError


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
    "residents_meeting": (lambda: (TEMPLATES["城市居民议事会"](), Context.community(households=500)),
                          lambda: (_with_stage(TEMPLATES["城市居民议事会"](), 2, quorum=0.3), Context.community(households=500))),
}


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


def test_every_rule_in_the_data_file_is_tested():
    assert {r["id"] for r in rules()} == set(CASES)


def test_bad_procedures_get_chinese_errors():
    with pytest.raises(DesignError, match="没有任何环节"):
        validate(Procedure("空", "村", []), _village())
    with pytest.raises(DesignError, match="未知的环节"):
        validate(Procedure("怪", "村", [Stage("投票", "村民会议")]), _village())
    with pytest.raises(DesignError, match="Procedure"):
        validate("程序", _village())
