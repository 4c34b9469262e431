"""Legal validation of a deliberation design: :func:`validate` checks a :class:`~.procedure.Procedure`
in its :class:`~.procedure.Context` against the rules of ``data/deliberation_rules.yaml``. Every rule
quotes the article it relies on, word for word from the official texts bundled in ``data/law/``
(:mod:`.law_texts`), or names its non-statutory source; every finding names that source and its
basis (法律, 党内法规, 政策文件 …). Shares are compared as the law writes them (:mod:`.thresholds`).
"""
from __future__ import annotations

from ..datafiles import bundled, read_yaml, reloaded
from .findings import DesignError, Finding, by_level
from .law_texts import citation
from .procedure import Context, Procedure, check_structure
from .thresholds import as_strict_as, meets

RULES_FILE = "deliberation_rules.yaml"
BASES = ("法律", "党内法规", "政策文件", "地方规定", "教学假设")


def rules_path():
    """The path of ``data/deliberation_rules.yaml`` (looked up at each read: tests point it elsewhere)."""
    return bundled(RULES_FILE)


@reloaded(lambda: rules_path())
def rules() -> list[dict]:
    """The rules of ``data/deliberation_rules.yaml``, quotes as lists and ``article`` set to the
    citation a finding shows; read again after the file is edited."""
    data, _ = read_yaml(rules_path(), RULES_FILE)
    out = []
    for rule in data["rules"]:
        rule = dict(rule)
        quotes = rule.get("quote") or []
        rule["quote"] = quotes if isinstance(quotes, list) else [quotes]
        if rule.get("basis") not in BASES:
            raise DesignError(f"{RULES_FILE}:规则 {rule.get('id')} 的 basis 应为 {'、'.join(BASES)} 之一")
        rule["article"] = source_of(rule)
        out.append(rule)
    return out


def source_of(rule: dict) -> str:
    """What a finding cites: the articles quoted (or the named source), with the basis when not 法律."""
    cited = list(dict.fromkeys(citation(q) for q in rule["quote"]))
    text = "；".join(cited) if cited else rule.get("source_text", "").split("：“")[0].split(":“")[0]
    return text if rule["basis"] == "法律" else f"{text}（{rule['basis']}）"


def validate(procedure: Procedure, context: Context) -> list[Finding]:
    """Findings (errors first) of ``procedure`` in ``context``, each naming the article it rests on."""
    if not isinstance(procedure, Procedure) or not isinstance(context, Context):
        raise DesignError("validate 需要一个议事程序(Procedure)和一个村社情况(Context)")
    check_structure(procedure)
    findings = []
    for s in procedure.stages:  # a quorum above the whole membership can never be met
        if s.quorum is not None and s.quorum > 1:
            findings.append(Finding("错误", f"“{s.body}”的出席比例 {s.quorum:.0%} 超过全体成员,会议永远无法召开",
                                    "quorum_exceeds_membership", "程序自身的一致性", "高"))
    for rule in rules():
        for values in _CHECKS[rule["check"]](rule, procedure, context):
            findings.append(Finding(rule["level"], rule["message"].format(**values), rule["id"], rule["article"],
                                    rule["confidence"]))
    return by_level(findings)


def _stages(rule, procedure):
    return [s for s in procedure.stages if s.body == rule.get("body")]


def _quorum(rule, procedure, context):
    for s in _stages(rule, procedure):
        needed = rule.get(s.quorum_basis)
        if s.quorum is None or needed is None or not as_strict_as(s.quorum, s.quorum_inclusive, needed):
            yield {}


def _majority(rule, procedure, context):
    for s in _stages(rule, procedure):  # of those present: a majority of all members asks more, and passes too
        if s.majority is None or not as_strict_as(s.majority, False, rule["share"]):
            yield {}


def _notice(rule, procedure, context):
    for s in _stages(rule, procedure):
        if s.notice_days is None or s.notice_days < rule["days"]:
            yield {}


def _quorum_majority(rule, procedure, context):
    for s in _stages(rule, procedure):
        if (s.quorum is None or not as_strict_as(s.quorum, s.quorum_inclusive, rule["quorum"])
                or s.majority is None or not as_strict_as(s.majority, False, rule["share"])):
            yield {}


def _party_meeting(rule, procedure, context):
    for s in _stages(rule, procedure):
        if (s.quorum is None or not as_strict_as(s.quorum, s.quorum_inclusive, rule["quorum"], True)
                or s.majority is None or s.majority_basis != "members" or not as_strict_as(s.majority, False, rule["share"])):
            yield {}


def _recall(rule, procedure, context):
    """A recall is decided by the registered voters themselves (quorum_basis adults), not by a meeting
    of representatives; a proposal stage by 村民 or 村民代表 must come first."""
    if procedure.kind != "村" or rule["matter"] not in procedure.matters:
        return
    stage = next((s for s in procedure.stages if s.role == "决议"), None)
    proposed = any(s.role == "提议" and s.body in ("村民", "村民代表会议") for s in procedure.stages)
    if (stage is None or not proposed or stage.body != "村民" or stage.quorum_basis != "adults"
            or stage.quorum is None or not as_strict_as(stage.quorum, stage.quorum_inclusive, rule["quorum"])
            or stage.majority is None or not as_strict_as(stage.majority, False, rule["share"])):
        yield {}


def _kind(rule, procedure, context):
    if procedure.kind != context.kind:
        yield {"procedure_kind": procedure.kind, "context_kind": context.kind}


def _representatives(rule, procedure, context):
    if procedure.kind != "村" or not any(s.body == "村民代表会议" for s in procedure.stages):
        return
    members, villagers = context.representatives, context.villager_representatives
    check = rule["check"]
    if check == "representatives_share" and members and not meets(villagers, members, rule["share"]):
        yield {}
    elif check == "women_share" and members and not meets(context.women_representatives, members, rule["share"]):
        yield {}
    elif check == "households_per_representative" and villagers:  # 村民代表 only: 村委会 members are not elected per household
        per = context.households / villagers
        if not rule["low"] <= per <= rule["high"]:
            yield {"per": f"{per:.1f}"}


def _matters(rule, procedure, context):
    if procedure.kind != "村":
        return
    body = procedure.deciding_body() or "(无决议环节)"
    allowed = {"村民会议", "集体经济组织成员大会"} | ({"村民代表会议"} if procedure.delegated_to_representatives else set())
    for matter in procedure.matters:
        if matter in rule["matters"] and body not in allowed:
            yield {"matter": matter, "body": body}


def _collective_matters(rule, procedure, context):
    if procedure.kind == "村" and procedure.deciding_body() != "集体经济组织成员大会":
        for matter in procedure.matters:
            if matter in rule["matters"]:
                yield {"matter": matter}


def _collective_reserved(rule, procedure, context):
    body = procedure.deciding_body()
    if procedure.kind == "村" and body in rule["bodies"]:
        for matter in procedure.matters:
            if matter in rule["matters"]:
                yield {"matter": matter, "body": body}


def _owners(rule, procedure, context):
    if procedure.deciding_body() in rule["bodies"]:
        return
    for matter in procedure.matters:
        if matter in rule["matters"]:
            approval = ("并经参与表决专有部分面积四分之三以上且参与表决人数四分之三以上的业主同意（按第一款第六至第八项计）"
                        if matter in rule["special"]
                        else "并经参与表决专有部分面积过半数且参与表决人数过半数的业主同意")
            yield {"matter": matter, "approval": approval}


def _publicity(rule, procedure, context):
    if procedure.kind != "村":
        return
    finance_limit = rule["finance_days"] if context.many_finance_transactions else rule["general_days"]
    if (procedure.publicity_days.get("一般事项", 10**6) > rule["general_days"]
            or procedure.publicity_days.get("财务收支", 10**6) > finance_limit):
        yield {}


def _supervision(rule, procedure, context):
    if procedure.kind == "村" and (procedure.supervision_members <= 0 or procedure.supervision_includes_committee_relatives):
        yield {}


def _supervision_size(rule, procedure, context):
    if procedure.kind == "村" and procedure.supervision_members > 0 and not rule["low"] <= procedure.supervision_members <= rule["high"]:
        yield {}


_CHECKS = {"quorum": _quorum, "majority": _majority, "notice": _notice, "quorum_majority": _quorum_majority,
           "party_meeting": _party_meeting, "recall": _recall, "kind": _kind, "representatives_share": _representatives,
           "women_share": _representatives, "households_per_representative": _representatives, "matters": _matters,
           "collective_matters": _collective_matters, "collective_matters_reserved": _collective_reserved,
           "owners_matters": _owners, "publicity": _publicity, "supervision": _supervision,
           "supervision_size": _supervision_size}


def check_table() -> str:
    """The 法条核对表 (``docs/法条核对表.md``): every rule, its basis, the words it quotes with their
    article, and how they were checked. Rebuilt by ``scripts/law_table.py``; a test keeps it current."""
    from .law_texts import sources

    texts = sources()
    lines = ["# 法条核对表", "",
             "议事协商设计的依法检验（`governance_kit.design.validate`）所用的每一条规则、它依据的条文原话和核对方式。"
             "本表由 `scripts/law_table.py` 从 `governance_kit/data/deliberation_rules.yaml` 生成，请勿手改。", "",
             "随附的官方文本（`governance_kit/data/law/`，逐字节保存，SHA-256 记在 `sources.yaml`，测试逐条核对）：", ""]
    lines += [f"- {entry['title']}（{entry['version']}）：`{entry['file']}`" for entry in texts.values()]
    lines += ["", "计算比例时：“以上”包括本数，“过半数”“超过”不包括本数（《民法典》第一千二百五十九条）；"
              "出席比例写 1/2 表示过半数，写 `quorum_inclusive=True` 表示半数以上。", ""]
    for n, rule in enumerate(rules(), start=1):
        message = rule["message"].replace("{", "〔").replace("}", "〕")
        lines += [f"## {n}. {rule['id']}（{rule['level']}，{rule['basis']}）", "", f"规则：{message}", ""]
        for quote in rule["quote"]:
            lines.append(f"- {citation(quote)}：“{quote['text']}”")
        if rule["quote"]:
            lines += ["", "核对：随附原文中该条、该款逐字出现（tests/design/test_law_texts.py）。"]
        else:
            lines += [f"- {rule['source_text']}", "", f"核对：{rule['checked']}。"]
        lines.append("")
    return "\n".join(lines)
