"""Literal anchors of cue regexes: a literal every match of a cue must contain, and where it lies.

A codebook cue is a regular expression for a description of a mechanism that does not use its name
(网格员[^。]{0,12}(巡查|排查)). ``re`` has no multi-literal prefilter, so scanning a text with every
cue is slow; the :class:`~governance_kit.codebook.matcher.Matcher` instead finds each cue through a
literal it must contain (its anchor, found by the same automaton as the names) and confirms the cue
with ``match`` at the few start positions the anchor allows.
"""
from __future__ import annotations

import re

_UNBOUNDED = 10_000  # a regex part wider than this counts as unbounded


def cue_width(cue: str) -> int | None:
    """The most characters a match of the cue can span, ``None`` when unbounded."""
    parser, _ = _sre()
    try:
        hi = parser.parse(cue).getwidth()[1]
    except (re.error, OverflowError):
        return None
    return hi if hi < _UNBOUNDED else None


def _sre():
    try:
        from re import _constants, _parser  # Python 3.11+
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_constants as _constants
        import sre_parse as _parser
    return _parser, _constants


def _literals(sub, c, limit: int = 16) -> list[str] | None:
    """The strings a part can match when it is made only of literal text, alternations of literal
    texts and classes of literal characters (at most ``limit`` strings); ``None`` otherwise."""
    out = [""]
    for op, av in sub:
        if op is c.LITERAL:
            options = [chr(av)]
        elif op is c.SUBPATTERN and not av[1] and not av[2]:  # a group without inline flags
            options = _literals(av[-1], c, limit)
        elif op is c.BRANCH:
            options = []
            for alt in av[1]:
                found = _literals(alt, c, limit)
                if found is None:
                    return None
                options.extend(found)
        elif op is c.IN and av and all(o is c.LITERAL for o, _ in av):
            options = [chr(v) for _, v in av]
        else:
            return None
        if not options:
            return None
        out = [x + y for x in out for y in options]
        if len(out) > limit:
            return None
    return out if out != [""] else None


def cue_anchors(cue: str, rarity=None):
    """Literal anchors of a cue regex: ``[(literal, before_min, before_max), …]`` or ``None``.

    Every match of the cue contains one of the literals, starting ``before_min``…``before_max``
    characters after the match start. Chosen among the parts of the top-level sequence that must
    match (literal runs, groups of literal alternatives, classes of literal characters), preferring
    literals of two or more characters, then rare ones (``rarity(literal)``: an estimated count,
    lower is rarer), then long ones and a narrow ``before`` range; a top-level ``a|b`` gets the
    anchors of each side.

    >>> cue_anchors("网格员[^。]{0,12}(巡查|排查)")
    [('网格员', 0, 0)]
    >>> cue_anchors("(党组织|党支部)提议")
    [('党组织提议', 0, 0), ('党支部提议', 0, 0)]
    """
    parser, c = _sre()
    try:
        parsed = parser.parse(cue)
    except re.error:
        return None
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    return _anchors_of(parsed, parser, c, rarity or (lambda text: 0))


def _anchors_of(sub, parser, c, rarity):
    items = list(sub)
    if len(items) == 1 and items[0][0] is c.BRANCH:  # a|b: the anchors of every side
        out = []
        for alt in items[0][1][1]:
            found = _anchors_of(alt, parser, c, rarity)
            if not found:
                return None
            out.extend(found)
        return out
    parts = [parser.SubPattern(sub.state, [item]) for item in items]
    widths = [part.getwidth() for part in parts]
    options = [_literals(part, c) for part in parts]
    best, best_score = None, None
    lo = hi = 0
    for i in range(len(items)):
        if options[i] and hi < _UNBOUNDED:
            lits, j = options[i], i + 1
            while j < len(items) and options[j] and len(lits) * len(options[j]) <= 16:
                lits = [x + y for x in lits for y in options[j]]
                j += 1
            shortest = min(len(x) for x in lits)
            if shortest > 0:
                score = (shortest >= 2, -sum(rarity(x) for x in lits), min(shortest, 4), -(hi - lo), -len(lits))
                if best_score is None or score > best_score:
                    best, best_score = [(x, lo, hi) for x in lits], score
        lo += widths[i][0]
        hi = min(hi + widths[i][1], _UNBOUNDED)
    return best

