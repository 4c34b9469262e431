"""Benchmark: simulating a 10,000-household grid plan over 365 days (issue 6: under 10 s on 2 cores).

    python bench/grid.py
"""
from __future__ import annotations

from common import timed


def main() -> None:
    from governance_kit.design.grid import plan
    from governance_kit.design.grid_simulation import simulate

    community = plan("万户社区", [(f"{i}号楼", 100) for i in range(100)])
    seconds, result = timed(lambda: simulate(community, days=365, seed=0))
    s = result.summary
    print(f"plan: {community.households:,} households, {len(community.grids)} grids; 365 days")
    print(f"simulate: {seconds:.2f} s for {s['events']:,} events ({s['closed']:,} closed); "
          f"closed in grid {s['small_matters_in_grid']:.0%}, on time {s['on_time_rate']:.0%}, "
          f"mean {s['mean_days_to_close']:.1f} days; target < 10 s: {'met' if seconds < 10 else 'NOT met'}")


if __name__ == "__main__":
    main()
