"""Grid-system design for a community or village: plan the grids, then validate the plan against
sourced standards (``data/standards.yaml``; DESIGN.md §6).

A trainee describes the community — its buildings or natural villages with their households, and
special units (a market, a school, an industrial park) — and :func:`plan` divides it into 综合网格
of a target size, keeping every building or village whole (:func:`divide`), gives each special unit
its own 专属网格, and staffs the grids (numbers no source gives are teaching assumptions, marked as
such in the data file). :func:`validate` returns findings (错误/警告/提示) with the rule id and the
cited source.

>>> p = plan("桃源社区", [("1号楼", 110), ("2号楼", 110), ("3号楼", 120), ("4号楼", 170), ("5号楼", 170)],
...          special_units=["桃源农贸市场"], target=350)
>>> [(g.name, g.kind, g.households) for g in p.grids]
[('桃源社区第1网格', '综合网格', 340), ('桃源社区第2网格', '综合网格', 340), ('桃源农贸市场', '专属网格', 0)]
>>> [f.rule for f in validate(p)]
[]
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..datafiles import bundled, read_yaml, reloaded
from ..errors import check_choice
from .findings import LEVELS, DesignError, Finding, by_level  # noqa: F401  (LEVELS: re-exported, as before)

KINDS = ("综合网格", "专属网格", "微网格")
STANDARDS_FILE = "standards.yaml"


@dataclass
class Grid:
    name: str
    kind: str
    units: list[str]
    households: int
    staff: dict[str, int] = field(default_factory=dict)

    @property
    def workers(self) -> int:
        """The people who work the grid (网格长, 网格员 …); the 网格指导员 guides, he does not patrol."""
        return sum(n for role, n in self.staff.items() if role != "网格指导员")


@dataclass
class GridPlan:
    community: str
    community_kind: str
    grids: list[Grid]
    duties: list[str]
    cadences: dict[str, str]
    special_units: list[str] = field(default_factory=list)
    public_posting: bool = True

    @property
    def households(self) -> int:
        """Households of the community (micro-grids lie inside comprehensive grids: not counted twice)."""
        return sum(g.households for g in self.grids if g.kind != "微网格")

    def staff_totals(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for g in self.grids:
            for role, n in g.staff.items():
                totals[role] = totals.get(role, 0) + n
        return totals

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame([{"网格": g.name, "类型": g.kind, "户数": g.households, "包含": "、".join(g.units),
                              **g.staff} for g in self.grids])


def standards_path():
    """The path of ``data/standards.yaml`` (looked up at each read: tests point it elsewhere)."""
    return bundled(STANDARDS_FILE)


@reloaded(lambda: standards_path())
def standards() -> dict:
    """``data/standards.yaml``: rules with sources, staffing defaults (teaching assumptions), cadences;
    read again after the file is edited."""
    data, _ = read_yaml(standards_path(), STANDARDS_FILE)
    return data


def _units(units) -> list[tuple[str, int]]:
    out = []
    for item in units or ():
        if not isinstance(item, (tuple, list)) or len(item) != 2:
            raise DesignError(f"每个楼栋或自然村应写成(名称, 户数),收到的是 {item!r}")
        name, households = item
        if isinstance(households, bool) or not isinstance(households, int) or households < 0:
            raise DesignError(f"“{name}”的户数应为不小于 0 的整数,收到的是 {households!r}")
        out.append((str(name), households))
    if not out:
        raise DesignError("至少需要一个楼栋或自然村(名称, 户数)")
    return out


def divide(units, *, target: int = 400, high: int = 500) -> list[list[tuple[str, int]]]:
    """Group buildings or villages, in the order given (neighbours stay together), into grids of
    about ``target`` households: a group closes when the next unit would take it past ``high`` or
    when it has reached ``target``. A unit is never split; one larger than ``high`` forms a grid of
    its own (validation then warns)."""
    units = _units(units)
    if not (isinstance(target, int) and isinstance(high, int)) or target <= 0 or high < target:
        raise DesignError(f"目标户数应为正整数且不大于上限,收到 target={target!r}, high={high!r}")
    groups, current, size = [], [], 0
    for name, households in units:
        if current and (size + households > high or size >= target):
            groups.append(current)
            current, size = [], 0
        current.append((name, households))
        size += households
    if current:
        groups.append(current)
    return groups


def plan(community: str, units, *, special_units=(), kind: str = "社区", target: int = 400,
         micro_grids: bool = False, duties=None, public_posting: bool = True) -> GridPlan:
    """A grid plan: 综合网格 from ``units`` (``[(name, households), …]``, in their order, each kept
    whole), a 专属网格 per special unit, with ``micro_grids=True`` 微网格 of about 65 households inside
    each 综合网格, staff per ``data/standards.yaml`` (teaching assumptions), the published duty list
    and the cadences (daily patrol, weekly 会办, monthly activity)."""
    check_choice("kind", kind, ("社区", "村"), error=DesignError)
    data = standards()
    staffing = data["staffing"]
    grids = []
    for i, group in enumerate(divide(units, target=target), start=1):
        households = sum(h for _, h in group)
        staff = {"网格长": staffing["grid_heads_per_comprehensive_grid"],
                 "专职网格员": staffing["full_time_workers_per_comprehensive_grid"]}
        name = f"{community}第{i}网格"
        grids.append(Grid(name, "综合网格", [n for n, _ in group], households, staff))
        if micro_grids:  # 微网格 of 50–80 households inside, each building or village still whole
            for j, small in enumerate(divide(group, target=65, high=80), start=1):
                grids.append(Grid(f"{name}-微网格{j}", "微网格", [n for n, _ in small], sum(h for _, h in small),
                                  {"兼职网格员": staffing["part_time_workers_per_micro_grid"]}))
    for unit in special_units or ():
        grids.append(Grid(str(unit), "专属网格", [str(unit)], 0, {"网格员": 1}))
    if grids:
        grids[0].staff["网格指导员"] = staffing["instructors_per_community"]
    allowed = next(r["allowed"] for r in data["rules"] if r["check"] == "duties_listed")
    return GridPlan(community, kind, grids, list(duties) if duties is not None else list(allowed),
                    dict(data["cadences"]), [str(u) for u in special_units or ()], public_posting)


def validate(grid_plan: GridPlan) -> list[Finding]:
    """Findings of a plan against every rule of ``data/standards.yaml``, errors first."""
    if not isinstance(grid_plan, GridPlan):
        raise DesignError(f"validate 需要 plan(...) 生成的网格方案,收到的是 {type(grid_plan).__name__}")
    if not grid_plan.grids:
        raise DesignError("方案中没有任何网格")
    findings = []
    for rule in standards()["rules"]:
        def add(**values):
            findings.append(Finding(rule["level"], rule["message"].format(**values), rule["id"], rule["source"],
                                    rule["confidence"]))

        check = rule["check"]
        if check == "households_range":
            for g in grid_plan.grids:
                if g.kind == rule["grid_kind"] and not rule["low"] <= g.households <= rule["high"]:
                    add(grid=g.name, households=g.households, low=rule["low"], high=rule["high"])
        elif check == "community_households" and grid_plan.community_kind == rule["community_kind"]:
            total = grid_plan.households
            if not rule["low"] <= total <= rule["high"]:
                add(households=total, low=rule["low"], high=rule["high"])
        elif check == "grid_staff":
            for g in grid_plan.grids:
                if g.workers <= 0:
                    add(grid=g.name)
        elif check == "duties_listed":
            for duty in grid_plan.duties:
                if duty not in rule["allowed"]:
                    add(duty=duty)
        elif check == "public_posting" and not grid_plan.public_posting:
            add()
        elif check == "special_units":
            exclusive = {g.name for g in grid_plan.grids if g.kind == "专属网格"}
            for g in grid_plan.grids:
                for unit in g.units:
                    if g.kind != "专属网格" and any(w in unit for w in rule["words"]) \
                            and unit not in exclusive:
                        add(unit=unit)
    return by_level(findings)


def compare_with_cases(grid_plan: GridPlan, corpus=None):
    """The plan's ratios next to the same ratios the corpus reports (``metrics_table``'s derived
    indicators, computed from extracted figures — e.g. Sheyang's 4744名 / (1993个 + 442个)):
    ``indicator, label, source, place, value, unit, formula``."""
    import pandas as pd

    from ..corpus import load_corpus
    from ..metrics import metrics_table

    if not isinstance(grid_plan, GridPlan) or not grid_plan.grids:
        raise DesignError("compare_with_cases 需要 plan(...) 生成且至少有一个网格的方案")
    comprehensive = [g for g in grid_plan.grids if g.kind == "综合网格"]
    # as Sheyang counts them: comprehensive + special grids (micro-grids lie inside; their part-time
    # workers still count as staff)
    grids = sum(g.kind != "微网格" for g in grid_plan.grids)
    staff = sum(g.workers for g in grid_plan.grids)
    rows = [
        {"indicator": "staff_per_grid", "label": "每个网格的网格员数", "source": "方案", "place": grid_plan.community,
         "value": round(staff / grids, 4), "unit": "人/格", "formula": f"{staff}人 / {grids}格"},
        {"indicator": "households_per_grid", "label": "每个网格的户数", "source": "方案", "place": grid_plan.community,
         "value": round(grid_plan.households / max(len(comprehensive), 1), 4), "unit": "户/格",
         "formula": f"{grid_plan.households}户 / {len(comprehensive)}个综合网格"},
    ]
    table = metrics_table(load_corpus() if corpus is None else corpus)
    cases = table[table.derived & table.indicator.isin([r["indicator"] for r in rows])]
    rows += [{"indicator": r.indicator, "label": r.label, "source": r.doc_id, "place": r.place, "value": r.value,
              "unit": r.unit, "formula": r.formula} for r in cases.itertuples()]
    return pd.DataFrame(rows, columns=["indicator", "label", "source", "place", "value", "unit", "formula"])
