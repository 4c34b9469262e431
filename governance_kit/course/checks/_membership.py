"""Shared by the checks of notebooks 07 and 08: whom the meeting groups of a simulation must represent,
and a quorum typed as a rounded two thirds read as two thirds.

``deliberation.simulate`` takes the groups as the whole membership of the deciding body and counts the
quorum against their total; groups of 166 representatives “deciding” for 1,656 households therefore
meet a households quorum without a single household more. The quorum basis of the deciding stage
says which membership the groups must add up to.
"""
from __future__ import annotations

# 村民代表会议由村民代表和村民委员会成员组成;村委会 3–7 人(《村民委员会组织法》第六、二十五条)
COMMITTEE_MAX = 7


def membership(stage, context):
    """``(count, what, how)`` the quorum of ``stage`` is counted against in ``context``: the number, what
    it counts (in Chinese) and how the groups should be drawn; ``None`` when the context does not say."""
    basis = getattr(stage, "quorum_basis", "members")
    if basis == "households":
        return (context.households, "全体户数",
                "按户计算时每户算一个（由户代表出席），人群要写各类户的户数，合计等于本村（社区）的全部户数")
    if basis == "adults":
        return (context.adults, "十八周岁以上的人数",
                "按人计算时人群要写各类十八周岁以上村（居）民的人数，合计等于全部十八周岁以上的人数")
    if stage.body == "村民代表会议" and context.representatives:
        return (context.representatives, "村民代表人数",
                "村民代表会议的组成人员是村民代表（和村委会成员），人群要写各类代表的人数，合计等于代表总数")
    return None


def mismatch(stage, context, total, *, tolerance: float = 0.05):
    """``(count, what, how)`` when the groups' ``total`` does not match the membership of ``stage``
    (within ``tolerance`` of it, at least 2 people; a 村民代表会议 may add the committee's members);
    otherwise ``None``."""
    basis = membership(stage, context)
    if basis is None:
        return None
    count = basis[0]
    slack = max(2, round(tolerance * count)) if tolerance else 0
    high = count + slack + (COMMITTEE_MAX if basis[1] == "村民代表人数" else 0)
    return None if count - slack <= total <= high else basis


def lenient(procedure):
    """A copy where a quorum typed as a rounded two thirds (0.6666 … 2/3) counts as 2/3: the law says
    “三分之二以上”, which includes two thirds itself, and trainees round."""
    import copy

    trial = copy.deepcopy(procedure)
    for stage in trial.stages:
        if isinstance(stage.quorum, float) and 0.6666 <= stage.quorum < 2 / 3:
            stage.quorum = 2 / 3
    return trial
