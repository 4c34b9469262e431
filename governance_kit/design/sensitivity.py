"""How much a deliberation design depends on the attendance guesses (exercise 8.3): the deciding meeting
is simulated again (:func:`governance_kit.design.deliberation.simulate`, the same seed every time) with
every group's attendance estimate shifted by −10, −5, 0, +5 and +10 percentage points, clipped to
0–100 %. A design that passes only at the guessed attendance is fragile; the table shows it instead of
a single pass rate that invites tuning the guesses.

The runs share one seed, so they are coupled: a higher attendance can only bring more people (see
``simulate``), and the differences between rows come from the shift, not from chance.

>>> from governance_kit.design.deliberation import TEMPLATES, Group
>>> table = attendance_sensitivity(TEMPLATES["四议两公开"](), [Group("代表", 60, 0.8, 0.7)], runs=200)
>>> list(table.columns)
['出席率变化（百分点）', '各人群出席率', '预计到会人数', '达不到法定人数的概率（%）', '通过的概率（%）']
>>> table["出席率变化（百分点）"].tolist(), table["各人群出席率"].iloc[0]
([-10, -5, 0, 5, 10], '代表 70%')
>>> bool(table["通过的概率（%）"].is_monotonic_increasing)
True
"""
from __future__ import annotations

import dataclasses

from .deliberation import simulate
from .findings import DesignError
from .procedure import Group, Procedure

SHIFTS = (-10, -5, 0, 5, 10)     # percentage points added to every attendance estimate
COLUMNS = ("出席率变化（百分点）", "各人群出席率", "预计到会人数", "达不到法定人数的概率（%）", "通过的概率（%）")


def shifted(groups: list[Group], points: float) -> list[Group]:
    """The groups with every attendance moved by ``points`` percentage points, clipped to 0–100 %."""
    return [dataclasses.replace(g, attend=round(min(1.0, max(0.0, g.attend + points / 100)), 6)) for g in groups]


def attendance_sensitivity(procedure: Procedure, groups: list[Group], *, shifts=SHIFTS, runs: int = 500,
                           seed: int = 1):
    """A DataFrame, one row per shift (Chinese columns :data:`COLUMNS`): the attendance of each group, the
    mean number present, the chance of missing the quorum and the chance of passing, in percent.
    ``table.attrs`` records what it was computed from (procedure, groups, runs, seed, shifts), so a
    check can compute it again (:func:`differs`)."""
    import pandas as pd

    if isinstance(groups, Group):
        groups = [groups]
    if not isinstance(procedure, Procedure):
        raise DesignError(f"attendance_sensitivity 需要一个议事程序（Procedure），收到的是 {type(procedure).__name__}")
    if not isinstance(groups, (list, tuple)) or not groups or not all(isinstance(g, Group) for g in groups):
        raise DesignError("attendance_sensitivity 需要由 Group(name, size, attend=…, support=…) 组成的列表")
    for g in groups:
        if isinstance(g.attend, bool) or not isinstance(g.attend, (int, float)) or not 0 <= g.attend <= 1:
            raise DesignError(f"人群“{g.name}”的出席率应为 0 到 1 之间的数（85% 写 0.85），收到的是 {g.attend!r}")
    shifts = tuple(shifts)
    if not shifts or any(isinstance(s, bool) or not isinstance(s, (int, float)) for s in shifts):
        raise DesignError(f"shifts 应是若干个百分点（数），例如 {SHIFTS}，收到的是 {shifts!r}")
    rows = []
    for points in shifts:
        people = shifted(groups, points)
        frame, summary = simulate(procedure, people, runs=runs, seed=seed)
        rows.append({COLUMNS[0]: points, COLUMNS[1]: "，".join(f"{g.name} {g.attend:.0%}" for g in people),
                     COLUMNS[2]: round(float(frame["present"].mean()), 1),
                     COLUMNS[3]: round(100 * summary["quorum_failure_rate"], 1),
                     COLUMNS[4]: round(100 * summary["pass_rate"], 1)})
    table = pd.DataFrame(rows, columns=list(COLUMNS))
    table.attrs.update({"procedure": procedure.name, "deciding": procedure.deciding_body(), "runs": runs,
                        "seed": seed, "shifts": shifts, "groups": [dataclasses.astuple(g) for g in groups]})
    return table


def differs(table, procedure: Procedure, groups: list[Group]) -> str | None:
    """``None`` when ``table`` is what :func:`attendance_sensitivity` gives for ``procedure`` and ``groups``
    (with the table's own runs, seed and shifts); otherwise, in Chinese, what differs."""
    attrs = getattr(table, "attrs", None) or {}
    if not {"runs", "seed", "shifts", "groups"} <= set(attrs):
        return "这张表不是 attendance_sensitivity(...) 算出的（或者被改动过）"
    if isinstance(groups, Group):
        groups = [groups]
    if [tuple(g) for g in attrs["groups"]] != [dataclasses.astuple(g) for g in groups]:
        return "这张表是用另一组人群算的，不是现在的 MY_GROUPS"
    if attrs.get("procedure") != procedure.name:
        return f"这张表是用议事程序“{attrs.get('procedure')}”算的，不是现在的 my_procedure（“{procedure.name}”）"
    try:
        again = attendance_sensitivity(procedure, groups, shifts=attrs["shifts"], runs=attrs["runs"], seed=attrs["seed"])
    except DesignError as error:
        return f"用现在的 my_procedure 和 MY_GROUPS 无法重新计算：{error}"
    if list(table.columns) != list(again.columns) or not table.reset_index(drop=True).equals(again):
        return "这张表的数字和用现在的 my_procedure、MY_GROUPS 重新计算的结果不一样（程序或人群在算表之后改过）"
    return None


def named_measures(text: str) -> list[str]:
    """The measures against low attendance that ``text`` names (words of ``data/community_form.yaml``)."""
    from .community_form import measures

    return [m for m in measures() if m in str(text)]
