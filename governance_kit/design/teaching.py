"""Teaching datasets for the design notebooks (06–08): an urban community and a rural village.

Both are INVENTED (``data/teaching_cases.yaml``): names and figures are made up for exercises, and
every case says so in ``invented`` and in its Chinese ``note``. A case plugs straight into
:func:`governance_kit.design.grid.plan` — ``plan(**case.plan_args(), target=350)`` — and carries
the figures a deliberation design needs (households, residents, adults, residents away).

>>> case = teaching_case("urban")
>>> case.name, case.kind, case.invented
('桂园社区', '社区', True)
>>> case.units[:2], case.special_units[0]
([('1号楼', 72), ('2号楼', 72)], '桂园农贸市场')
>>> from governance_kit.design.grid import plan
>>> len(plan(**case.plan_args()).grids) > len(case.special_units)
True
"""
from __future__ import annotations

from dataclasses import dataclass

from ..datafiles import bundled, read_yaml, reloaded
from ..errors import RuleFileError, check_choice
from .findings import DesignError

DATA_FILE = "teaching_cases.yaml"
_COUNTS = ("households", "residents", "adults", "away")


@dataclass(frozen=True)
class Unit:
    """A building (楼栋) or natural village (自然村): households, residents registered there
    (including those away), adults (18 and over) among them, and residents away half a year or more."""
    name: str
    households: int
    residents: int
    adults: int
    away: int
    note: str = ""


@dataclass(frozen=True)
class SpecialUnit:
    """A unit with its own premises and functions (market, school, industrial park): a 专属网格."""
    name: str
    type: str
    note: str = ""


@dataclass(frozen=True)
class TeachingCase:
    key: str                     # urban | rural
    name: str                    # 桂园社区, 青石村
    kind: str                    # 社区 | 村 (the ``kind`` of grid.plan)
    parent: str                  # the street or town above it
    invented: bool
    note: str                    # the Chinese label "虚构的教学数据……"
    unit_label: str              # 楼栋 | 自然村
    parts: tuple[Unit, ...]
    specials: tuple[SpecialUnit, ...]

    @property
    def units(self) -> list[tuple[str, int]]:
        """``[(name, households), …]`` in map order, as :func:`grid.plan` and :func:`grid.divide` take them."""
        return [(u.name, u.households) for u in self.parts]

    @property
    def special_units(self) -> list[str]:
        return [s.name for s in self.specials]

    households = property(lambda self: sum(u.households for u in self.parts))
    residents = property(lambda self: sum(u.residents for u in self.parts))
    adults = property(lambda self: sum(u.adults for u in self.parts))
    away = property(lambda self: sum(u.away for u in self.parts))

    @property
    def away_share(self) -> float:
        """Residents away as a share of residents (0–1)."""
        return self.away / self.residents if self.residents else 0.0

    def plan_args(self) -> dict:
        """Keyword arguments of :func:`grid.plan`: ``community, units, special_units, kind``."""
        return {"community": self.name, "units": self.units, "special_units": self.special_units, "kind": self.kind}

    def to_frame(self):
        """One row per building or natural village, with Chinese column names."""
        import pandas as pd

        return pd.DataFrame([{"名称": u.name, "户数": u.households, "人口": u.residents, "18岁以上": u.adults,
                              "外出": u.away, "外出占比": round(u.away / u.residents, 3) if u.residents else 0.0,
                              "说明": u.note} for u in self.parts])

    def __repr__(self) -> str:
        return (f"{self.name}({self.parent}下辖的{self.kind},虚构的教学数据):{len(self.parts)} 个{self.unit_label},"
                f"{self.households} 户,人口 {self.residents} 人(18 岁以上 {self.adults} 人),"
                f"其中外出 {self.away} 人({self.away_share:.0%});专属单位:{'、'.join(self.special_units) or '无'}")


def teaching_cases() -> list[str]:
    """The keys of the bundled teaching cases (``["urban", "rural"]``)."""
    return list(_load())


def teaching_case(key: str = "urban") -> TeachingCase:
    """The invented teaching case ``key``: ``"urban"`` (桂园社区, ~3,000 households in 29 buildings,
    a market, a school and a mall) or ``"rural"`` (青石村, ten natural villages, many residents away)."""
    cases = _load()
    if key not in cases:
        raise DesignError(f"没有名为 {key!r} 的教学案例;可用:{'、'.join(cases)}")
    return cases[key]


def cases_path():
    """The path of ``data/teaching_cases.yaml`` (looked up at each read: tests point it elsewhere)."""
    return bundled(DATA_FILE)


@reloaded(lambda: cases_path())
def _load() -> dict[str, TeachingCase]:
    data, _ = read_yaml(cases_path(), DATA_FILE)
    cases = (data or {}).get("cases")
    if not isinstance(cases, dict) or not cases:
        raise RuleFileError(f"{DATA_FILE}:缺少 cases")
    return {key: _case(key, entry) for key, entry in cases.items()}


def _case(key: str, entry) -> TeachingCase:
    where = f"{DATA_FILE}:cases.{key}"
    if not isinstance(entry, dict):
        raise RuleFileError(f"{where} 应是一个映射")
    if entry.get("invented") is not True:
        raise RuleFileError(f"{where}:教学案例必须标明 invented: true(虚构数据)")
    check_choice(f"{where}.kind", entry.get("kind"), ("社区", "村"), error=RuleFileError)
    missing = [f for f in ("name", "parent", "note", "unit_label", "units") if not entry.get(f)]
    if missing:
        raise RuleFileError(f"{where} 缺少:{'、'.join(missing)}")
    parts = tuple(_unit(f"{where}.units[{i}]", u) for i, u in enumerate(entry["units"]))
    specials = []
    for i, s in enumerate(entry.get("special_units") or ()):
        if not isinstance(s, dict) or not s.get("name") or not s.get("type"):
            raise RuleFileError(f"{where}.special_units[{i}] 需要 name 和 type,收到 {s!r}")
        specials.append(SpecialUnit(str(s["name"]), str(s["type"]), str(s.get("note") or "")))
    return TeachingCase(key, str(entry["name"]), entry["kind"], str(entry["parent"]), True, str(entry["note"]),
                        str(entry["unit_label"]), parts, tuple(specials))


def _unit(where: str, u) -> Unit:
    if not isinstance(u, dict) or not u.get("name"):
        raise RuleFileError(f"{where} 需要 name,收到 {u!r}")
    counts = {f: u.get(f) for f in _COUNTS}
    bad = [f for f, v in counts.items() if isinstance(v, bool) or not isinstance(v, int) or v < 0]
    if bad:
        raise RuleFileError(f"{where}({u['name']})的 {'、'.join(bad)} 应为不小于 0 的整数")
    if not counts["adults"] <= counts["residents"] or not counts["away"] <= counts["residents"]:
        raise RuleFileError(f"{where}({u['name']}):18 岁以上人数和外出人数都不能超过人口")
    return Unit(str(u["name"]), **counts, note=str(u.get("note") or ""))
