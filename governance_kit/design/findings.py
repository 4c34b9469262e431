"""What the design validators report: :class:`Finding` (a level, a Chinese message, the rule and its
cited source), :func:`by_level` to list them errors first, and :class:`DesignError` for a design that
cannot be planned, validated or simulated. Shared by :mod:`.grid` and :mod:`.deliberation`.

>>> hint = Finding("提示", "可以更好", "r1", "某条例", "中")
>>> error = Finding("错误", "不合法", "r2", "某法第二条", "高")
>>> [f.level for f in by_level([hint, error])]
['错误', '提示']
"""
from __future__ import annotations

from dataclasses import dataclass

# the levels of a finding, most serious first
LEVELS = ("错误", "警告", "提示")


class DesignError(ValueError):
    """A design that cannot be planned or validated, with a Chinese message."""


@dataclass(frozen=True)
class Finding:
    level: str       # 错误 | 警告 | 提示
    message: str
    rule: str        # the rule's id in its data file
    source: str      # the standard or article the rule rests on
    confidence: str


def by_level(findings: list[Finding]) -> list[Finding]:
    """Findings with errors first, then warnings, then hints (stable within a level)."""
    return sorted(findings, key=lambda f: LEVELS.index(f.level))
