"""The result of a design simulation, the same type for both simulators:
:func:`governance_kit.design.grid_simulation.simulate` (events handled along the grid ladder) and
:func:`governance_kit.design.deliberation.simulate` (Monte Carlo of the deciding meeting).

A result holds ``table`` (one row per simulated event or meeting), ``summary`` (a dict of figures in
the simulator's own keys) and, for the grid, ``backlog`` (open events per day). It reads the way each
simulator's results always read: ``result.events`` and ``result.summary`` for the grid, and
``frame, summary = simulate(...)`` or ``simulate(...)[1]`` for the deliberation.

>>> import pandas as pd
>>> result = SimulationResult("deliberation", pd.DataFrame({"passed": [True, False]}), {"pass_rate": 0.5})
>>> frame, summary = result
>>> summary["pass_rate"], result[1] is summary, len(frame)
(0.5, True, 2)
"""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import check_choice

# which simulator produced a result, and its name in a Chinese message
KINDS = {"grid": "网格模拟", "deliberation": "议事模拟"}


@dataclass
class SimulationResult:
    kind: str                 # grid | deliberation
    table: object             # DataFrame: one row per event (grid) or per simulated meeting (deliberation)
    summary: dict
    backlog: object = None    # grid only, DataFrame: day, open events (found, not yet closed)

    def __post_init__(self):
        check_choice("kind", self.kind, tuple(KINDS))

    @property
    def events(self):
        """The grid simulation's name for :attr:`table`: one row per event."""
        return self.table

    # (table, summary) as a pair: ``frame, summary = simulate(...)`` and ``simulate(...)[1]``
    def __iter__(self):
        return iter((self.table, self.summary))

    def __getitem__(self, index):
        return (self.table, self.summary)[index]

    def __len__(self) -> int:
        return 2
