"""A place mention: the record every finder of :mod:`governance_kit.places` returns."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    name: str  # as written
    level: str  # one of rules.LEVELS
    parent: str | None  # the unit above it: from the codes, or the place written right before it
    start: int
    end: int
    known: bool  # in the national codes (province to township)
    adcode: str | None  # its code, when the text makes it one unit
