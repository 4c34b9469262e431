"""Benchmark: 10,000 Monte Carlo runs of 四议两公开 for a 2,000-villager village (issue 7: under 5 s).

四议两公开 decides in the 村民代表会议: a village of 2,000 people has at least 50 representatives
(浙江省实施《村民委员会组织法》办法 第十八条). The same 10,000 runs are also timed for a 村民会议 of
all 2,000 villagers (民事民提民议民决民评), where migrant workers' absence decides the quorum.

    python bench/deliberation.py
"""
from __future__ import annotations

from common import timed


def main() -> None:
    from governance_kit.design.deliberation import TEMPLATES, Group, simulate

    representatives = [Group("在村代表", 40, 0.85, 0.6, women=0.4, elderly=0.5),
                       Group("外出务工代表", 10, 0.4, 0.5, women=0.3, elderly=0.0)]
    villagers = [Group("在村中老年", 1100, 0.7, 0.6, women=0.55, elderly=0.6),
                 Group("外出务工青壮年", 800, 0.15, 0.5, women=0.35, elderly=0.0),
                 Group("党员", 100, 0.9, 0.7, women=0.3, elderly=0.5)]
    for name, groups in (("四议两公开", representatives), ("民事民提民议民决民评", villagers)):
        seconds, (_, summary) = timed(lambda: simulate(TEMPLATES[name](), groups, runs=10_000, seed=0))
        people = sum(g.size for g in groups)
        print(f"{name}: 10,000 runs, {people:,} members voting: {seconds:.2f} s; quorum failure "
              f"{summary['quorum_failure_rate']:.1%}, pass {summary['pass_rate']:.1%}; target < 5 s: "
              f"{'met' if seconds < 5 else 'NOT met'}")


if __name__ == "__main__":
    main()
