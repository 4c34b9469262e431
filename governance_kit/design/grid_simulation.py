"""Simulating a grid plan (SimPy): events arise per household, are found by patrol or reported by
residents, and are handled along 网格 → 村(社区) → 镇(街道) → 县 with capacities and time limits.

Each event has a kind (矛盾纠纷, 安全隐患, 民生诉求, 环境卫生) and the tier that can close it, drawn
from ``data/standards.yaml`` (``simulation``: rates and shares are teaching assumptions; the time
limits follow the 凤县 rule of same day / 3 / 7 / 15 days). It is found on the first day a patrol
sees it (each day the grid's patrol covers ``staff × patrol_households_per_day`` of its households)
or when a resident reports it, whichever is first. Then each tier, a SimPy resource with
``handlers`` workers, either closes it (its own tier) or, after a short assessment, passes it up; a
tier with no handlers passes everything up at once. Random numbers come from streams keyed by the
seed and the event, so a run is reproducible and more patrol capacity can only find an event earlier.

>>> from governance_kit.design.grid import plan
>>> result = simulate(plan("示例社区", [("1号楼", 200), ("2号楼", 200)]), days=60, seed=1)
>>> sorted(result.summary)[:4]
['backlog_mean', 'closed', 'closed_share_by_tier', 'events']
"""
from __future__ import annotations

import math

from .findings import DesignError
from .grid import GridPlan, standards
from .simulation import SimulationResult

EVENT_COLUMNS = ["event", "kind", "grid", "arrival", "found", "found_by", "needs_tier", "closed_tier", "closed",
                 "time_to_close", "deadline", "on_time"]


def _rng(seed: int, *key: int):
    import numpy as np

    return np.random.default_rng([seed, *key])


def simulate(grid_plan: GridPlan, *, days: int = 365, seed: int = 0, handlers=None, patrol_households_per_day=None,
             event_kinds=None) -> SimulationResult:
    """Run the plan for ``days`` days: a :class:`~governance_kit.design.simulation.SimulationResult` with
    ``events`` (one row per event, :data:`EVENT_COLUMNS`), ``backlog`` (open events per day) and
    ``summary``. ``handlers`` overrides the workers per tier (a list of four numbers; 0 means the tier
    passes everything up), ``patrol_households_per_day`` the patrol reach of one grid worker,
    ``event_kinds`` restricts the kinds simulated (names from the data file). ``summary["inputs"]``
    records what the run assumed (days, seed, grids, households, handlers, rates and times)."""
    import pandas as pd
    import simpy

    if not isinstance(grid_plan, GridPlan) or not grid_plan.grids:
        raise DesignError("simulate 需要 plan(...) 生成且至少有一个网格的方案")
    if not isinstance(days, int) or isinstance(days, bool) or days <= 0:
        raise DesignError(f"days 应为正整数,收到的是 {days!r}")
    spec = standards()["simulation"]
    tiers = spec["tiers"]
    workers = list(spec["handlers"] if handlers is None else handlers)
    if len(workers) != len(tiers) or any(not isinstance(w, int) or isinstance(w, bool) or w < 0 for w in workers):
        raise DesignError(f"handlers 应为 {len(tiers)} 个不小于 0 的整数(依次为{'、'.join(tiers)}),收到的是 {handlers!r}")
    if workers[-1] == 0:
        raise DesignError(f"最高一层“{tiers[-1]}”必须有人处理(handlers 最后一项不能为 0)")
    reach = spec["patrol_households_per_day"] if patrol_households_per_day is None else patrol_households_per_day
    if isinstance(reach, bool) or not isinstance(reach, (int, float)) or reach < 0:
        raise DesignError(f"patrol_households_per_day 应为不小于 0 的数,收到的是 {reach!r}")
    kinds = spec["events"]
    if event_kinds is not None:
        unknown = [k for k in event_kinds if k not in kinds]
        if unknown:
            raise DesignError(f"未知的事件类型 {'、'.join(map(str, unknown))};可用:{'、'.join(kinds)}")
        kinds = {k: kinds[k] for k in event_kinds}

    env = simpy.Environment()
    # the grid tier is each grid's own staff (handlers[0], when given, per grid); the others are shared
    per_grid = [int(workers[0]) if handlers is not None else int(g.workers) for g in grid_plan.grids]
    grid_resources = [simpy.Resource(env, capacity=n) if n > 0 else None for n in per_grid]
    resources = [None] + [simpy.Resource(env, capacity=w) if w > 0 else None for w in workers[1:]]
    busy = [0.0] * len(tiers)
    rows: list[dict] = []

    # events: Poisson arrivals per grid and kind, all drawn up front from the seed
    arrivals = []
    for g_index, grid in enumerate(grid_plan.grids):
        if grid.kind == "微网格":
            continue  # its households belong to the comprehensive grid around it
        households = max(grid.households, 0)
        for k_index, (kind, rule) in enumerate(kinds.items()):
            rate = households * rule["per_household_year"] / 365.0
            if rate <= 0:
                continue
            rng = _rng(seed, 1, g_index, k_index)
            n = rng.poisson(rate * days)
            times = sorted(rng.uniform(0, days, n))
            shares = rule["tiers"]
            needs = rng.choice(len(tiers), size=n, p=[s / sum(shares) for s in shares])
            arrivals += [(t, g_index, kind, int(need)) for t, need in zip(times, needs)]
    arrivals.sort()
    drawn = [_draws(number, arrival, grid_plan.grids[g_index], spec, seed, reach, len(tiers))
             for number, (arrival, g_index, _kind, _needs) in enumerate(arrivals)]

    def event(number: int, arrival: float, g_index: int, kind: str, needs: int):
        grid = grid_plan.grids[g_index]
        found, found_by, service = drawn[number]
        yield env.timeout(found - arrival)
        tier = 0
        while True:
            entered = env.now
            resource = grid_resources[g_index] if tier == 0 else resources[tier]
            closes_here = tier >= needs and resource is not None or tier == len(tiers) - 1
            if resource is None:
                tier += 1
                continue
            with resource.request() as request:
                yield request
                duration = spec["service_days"][tier] * service[tier] if closes_here else spec["assess_days"]
                yield env.timeout(duration)
                busy[tier] += duration
            if closes_here:
                deadline = entered + spec["time_limit_days"][tier]
                rows.append({"event": number, "kind": kind, "grid": grid.name, "arrival": arrival, "found": found,
                             "found_by": found_by, "needs_tier": tiers[needs], "closed_tier": tiers[tier],
                             "closed": env.now, "time_to_close": env.now - arrival, "deadline": deadline,
                             "on_time": env.now <= deadline})
                return
            tier += 1

    def source():
        for number, (arrival, g_index, kind, needs) in enumerate(arrivals):
            yield env.timeout(arrival - env.now)
            env.process(event(number, arrival, g_index, kind, needs))

    env.process(source())
    env.run(until=days)

    events = pd.DataFrame(rows, columns=EVENT_COLUMNS).sort_values("event", ignore_index=True)
    # backlog: events found but not closed, sampled at each mid-day (events still open at the end count)
    import numpy as np

    found_at = np.array([found for found, _, _ in drawn])
    closed_at = np.full(len(drawn), np.inf)
    closed_at[events.event.to_numpy(dtype=int)] = events.closed.to_numpy()
    middays = np.arange(days) + 0.5
    open_counts = ((found_at[None, :] <= middays[:, None]) & (closed_at[None, :] > middays[:, None])).sum(axis=1)
    backlog = pd.DataFrame({"day": np.arange(days), "open": open_counts})
    capacity = [sum(per_grid)] + workers[1:]
    summary = _summary(events, backlog, tiers, capacity, busy, days, len(arrivals))
    summary["inputs"] = _inputs(grid_plan, spec, kinds, days=days, seed=seed, per_grid=per_grid, workers=workers,
                                reach=reach, given={"handlers": handlers is not None,
                                                    "patrol_households_per_day": patrol_households_per_day is not None,
                                                    "event_kinds": event_kinds is not None})
    return SimulationResult("grid", events, summary, backlog)


def _inputs(grid_plan, spec, kinds, *, days, seed, per_grid, workers, reach, given) -> dict:
    """What the run assumed, for the brief's table of assumptions: the plan's size, the run's
    settings, and the rates and times of ``data/standards.yaml`` (``given`` names the settings the
    caller chose instead of the file's teaching assumptions)."""
    grid_kinds: dict[str, int] = {}
    for g in grid_plan.grids:
        grid_kinds[g.kind] = grid_kinds.get(g.kind, 0) + 1
    return {
        "days": days, "seed": seed, "community": grid_plan.community, "households": grid_plan.households,
        "grids": len(grid_plan.grids), "grid_kinds": grid_kinds, "tiers": list(spec["tiers"]),
        "grid_handlers": list(per_grid), "handlers": [sum(per_grid), *workers[1:]],
        "patrol_households_per_day": reach, "resident_report_days": spec["resident_report_days"],
        "service_days": list(spec["service_days"]), "assess_days": spec["assess_days"],
        "time_limit_days": list(spec["time_limit_days"]),
        "event_rates": {k: {"per_household_year": rule["per_household_year"], "tiers": list(rule["tiers"])}
                        for k, rule in kinds.items()},
        "given": dict(given),
    }


def _draws(number: int, arrival: float, grid, spec, seed: int, reach: float, tiers: int):
    """``(found, found_by, service)`` of one event, from its own random stream (so the same draws
    whatever the capacities): found on the first day a patrol covers it or when a resident reports
    it, whichever comes first; ``service`` scales each tier's mean handling time."""
    rng = _rng(seed, 2, number)
    uniforms = rng.uniform(size=64)
    report_delay = rng.exponential(spec["resident_report_days"])
    service = rng.exponential(1.0, size=tiers)
    coverage = 1.0 if grid.households <= 0 else min(1.0, grid.workers * reach / grid.households)
    patrol_day = next((k for k, u in enumerate(uniforms) if u < coverage), None)
    first_patrol = math.floor(arrival) + 1 + patrol_day if patrol_day is not None else math.inf
    found = min(first_patrol, arrival + report_delay)
    return found, "巡查" if first_patrol <= arrival + report_delay else "居民上报", service


def _summary(events, backlog, tiers, capacity, busy, days, total) -> dict:
    closed = len(events)
    by_tier = {t: float((events.closed_tier == t).mean()) if closed else 0.0 for t in tiers}
    times = events.time_to_close.sort_values() if closed else None
    patrol = float((events.found_by == "巡查").mean()) if closed else 0.0
    return {
        "events": total,
        "closed": closed,
        "closed_share_by_tier": by_tier,
        "small_matters_in_grid": by_tier[tiers[0]],
        "major_matters_in_village": by_tier[tiers[0]] + by_tier[tiers[1]],
        "not_passed_up_to_county": 1.0 - by_tier[tiers[-1]],
        "on_time_rate": float(events.on_time.mean()) if closed else 0.0,
        "mean_days_to_close": float(times.mean()) if closed else math.nan,
        "p90_days_to_close": float(times.quantile(0.9)) if closed else math.nan,
        "found_by_patrol_share": patrol,
        "backlog_mean": float(backlog.open.mean()),
        "staff_load": {t: float(busy[i] / (capacity[i] * days)) if capacity[i] else 0.0 for i, t in enumerate(tiers)},
    }
