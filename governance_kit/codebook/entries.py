"""What one codebook entry is: a :class:`Pattern` (a named mechanism), a :class:`Category`, and the
fixed keys and field names of both.

A codebook lists the named mechanisms, practices, bodies and slogans of grassroots governance
(三治融合, 网格化管理, 四议两公开 …). Each entry (:class:`Pattern`) has an ASCII ``id``, a Chinese
``name``, one of 14 fixed ``category`` keys, a ``description``, ``aliases`` (variant names,
abbreviations, Traditional forms), ``cues`` (regular expressions for descriptions of the mechanism that
do not use its name), an ``example`` sentence and the ``source`` of the definition.
"""
from __future__ import annotations

from dataclasses import dataclass

CATEGORY_LABELS: dict[str, str] = {
    "party_leadership": "党建引领",
    "grid_management": "网格化管理",
    "self_governance": "自治",
    "rule_of_law": "法治",
    "rule_of_virtue": "德治",
    "smart_governance": "智治",
    "deliberation": "议事协商",
    "transparency_supervision": "公开与监督",
    "dispute_resolution": "矛盾调解",
    "social_organizations": "社会组织协同",
    "volunteering": "志愿服务",
    "collective_economy": "集体经济与共富",
    "burden_reduction": "基层减负",
    "services": "为民服务",
}
CATEGORY_KEYS: tuple[str, ...] = tuple(CATEGORY_LABELS)

FIELDS: tuple[str, ...] = ("id", "name", "category", "description", "aliases", "cues", "example", "source", "note")
FIELD_LABELS: dict[str, str] = {
    "id": "编号", "name": "名称", "category": "类别", "description": "定义", "aliases": "别名",
    "cues": "线索", "example": "例句", "source": "来源", "note": "备注",
}
REQUIRED_FIELDS = ("id", "name", "category")
LIST_FIELDS = ("aliases", "cues")


@dataclass(frozen=True)
class Pattern:
    """One codebook entry: a named mechanism, practice, body or slogan of grassroots governance.

    ``aliases`` and ``cues`` may be given as lists; they are stored as tuples. Matching uses the
    Simplified form of the name and aliases (texts are cleaned to Simplified before coding).

    >>> p = Pattern("sanzhi", "三治融合", "self_governance", aliases=["三治結合"])
    >>> p.aliases
    ('三治結合',)
    >>> p.surfaces()
    [('三治融合', 'name'), ('三治结合', 'alias')]
    """

    id: str
    name: str
    category: str
    description: str = ""
    aliases: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    example: str = ""
    source: str = ""
    note: str = ""

    def __post_init__(self):
        for name in LIST_FIELDS:
            value = getattr(self, name)
            if isinstance(value, str):
                value = [value] if value.strip() else []
            object.__setattr__(self, name, tuple(str(v).strip() for v in (value or ()) if str(v).strip()))
        for name in ("id", "name", "category", "description", "example", "source", "note"):
            value = getattr(self, name)
            object.__setattr__(self, name, "" if value is None else str(value).strip())

    def surfaces(self) -> list[tuple[str, str]]:
        """``(simplified form, via)`` of the name and every alias, first occurrence kept (via ``name``/``alias``)."""
        from ..clean.convert import to_simplified

        seen: dict[str, str] = {}
        for text, via in [(self.name, "name")] + [(a, "alias") for a in self.aliases]:
            simple = to_simplified(text)
            if simple and simple not in seen:
                seen[simple] = via
        return list(seen.items())

    def to_dict(self) -> dict:
        """A plain dict (lists for aliases and cues), in field order; empty note left out."""
        out = {f: (list(getattr(self, f)) if f in LIST_FIELDS else getattr(self, f)) for f in FIELDS}
        if not out["note"]:
            del out["note"]
        return out


@dataclass(frozen=True)
class Category:
    """A category: its fixed key, Chinese label and one-sentence definition."""

    key: str
    label: str
    definition: str = ""


def row_strings(p: Pattern) -> dict[str, str]:
    """The pattern's fields as texts for a table or a sheet: aliases joined with "；", cues with a newline."""
    row = {f: getattr(p, f) for f in FIELDS}
    row["aliases"] = "；".join(p.aliases)
    row["cues"] = "\n".join(p.cues)
    return row
