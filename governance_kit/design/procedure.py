"""What a deliberation design is made of: a :class:`Procedure` of ordered :class:`Stage` s, the
:class:`Context` of the village or community it is for, and the :class:`Group` s of people a
simulation draws from. Shares follow the law's wording (:mod:`.thresholds`): 1/2 is 过半数 unless
``quorum_inclusive``; any other share is 以上.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .findings import DesignError

ROLES = ("提议", "商议", "审议", "决议", "公开", "实施", "评议")
BODIES = ("村党组织", "社区党组织", "党组织", "村两委会议", "两委联席会议", "党员大会", "村民会议", "村民代表会议",
          "村民小组会议", "居民会议", "居民代表会议", "居民议事会", "村民议事会", "恳谈会", "听证会", "协调会", "评议会",
          "村务监督委员会", "村委会", "居委会", "村民", "居民", "镇政府",
          "集体经济组织成员大会", "集体经济组织成员代表大会", "业主大会", "业主委员会")
QUORUM_BASES = ("members", "adults", "households")
MAJORITY_BASES = ("present", "members")


@dataclass
class Stage:
    role: str
    body: str
    quorum: float | None = None          # share of the basis that must attend (1/2 = 过半数, else 以上)
    quorum_basis: str = "members"        # members | adults | households
    majority: float | None = None        # share needed to pass (1/2 = 过半数, else 以上)
    notice_days: int | None = None
    note: str = ""
    quorum_inclusive: bool = False       # True: a quorum of 1/2 means 半数以上 (half itself is enough)
    majority_basis: str = "present"      # present: of those present | members: of all who should attend (应到会)


@dataclass
class Procedure:
    name: str
    kind: str                                          # 村 | 社区
    stages: list[Stage]
    matters: list[str] = field(default_factory=list)   # matters this procedure decides
    delegated_to_representatives: bool = True         # 村民会议 has authorised 村民代表会议 (第二十四条第二款)
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
    representatives: int = 0              # members of the 村民代表会议 (村委会 members included)
    villager_representatives: int = 0     # of them, 村民代表 (elected by households or groups)
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


def _is_share(value, upper: float) -> bool:
    return not isinstance(value, bool) and isinstance(value, (int, float)) and 0 <= value <= upper


def check_structure(procedure: Procedure) -> None:
    """Errors that make a procedure unreadable: no stages, unknown roles or bodies, a stage without a
    body, shares that are not numbers between 0 and 1 (a quorum above 1 is allowed here: the
    validator reports it), unknown bases."""
    if not procedure.stages:
        raise DesignError(f"议事程序“{procedure.name}”没有任何环节")
    for i, s in enumerate(procedure.stages, start=1):
        if s.role not in ROLES:
            raise DesignError(f"第 {i} 个环节“{s.role}”不是已知环节;可用:{'、'.join(ROLES)}(未知的环节)")
        if not s.body:
            raise DesignError(f"第 {i} 个环节“{s.role}”没有写明由谁(主体)来做")
        if s.body not in BODIES:
            raise DesignError(f"第 {i} 个环节的主体“{s.body}”不是已知主体;可用:{'、'.join(BODIES)}")
        if s.quorum is not None and not _is_share(s.quorum, float("inf")):
            raise DesignError(f"“{s.body}”的出席比例应为 0 到 1 之间的数(如 2/3 或 0.5),收到的是 {s.quorum!r}")
        if s.majority is not None and not (_is_share(s.majority, 1) and s.majority < 1):
            raise DesignError(f"“{s.body}”的表决比例应为 0 到 1 之间的数(如 1/2),收到的是 {s.majority!r}")
        if s.notice_days is not None and (isinstance(s.notice_days, bool) or not isinstance(s.notice_days, int) or s.notice_days < 0):
            raise DesignError(f"“{s.body}”的通知天数应为不小于 0 的整数,收到的是 {s.notice_days!r}")
        if s.quorum_basis not in QUORUM_BASES:
            raise DesignError(f"“{s.body}”的 quorum_basis 应为 {'、'.join(QUORUM_BASES)} 之一,收到的是 {s.quorum_basis!r}")
        if s.majority_basis not in MAJORITY_BASES:
            raise DesignError(f"“{s.body}”的 majority_basis 应为 {'、'.join(MAJORITY_BASES)} 之一,收到的是 {s.majority_basis!r}")
