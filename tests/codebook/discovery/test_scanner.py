"""The candidate finders of discovery, one per kind (formulas, quoted, suffix_names, unquoted, enumerations),
each on its own and combined in the Scanner that discover and the metrics stage use."""
from __future__ import annotations

import pytest

from governance_kit.codebook.discovery import Scanner, default_discovery_rules
from governance_kit.codebook.discovery.enumerations import Enumerations
from governance_kit.codebook.discovery.formulas import Formulas
from governance_kit.codebook.discovery.quoted import QuotedNames
from governance_kit.codebook.discovery.suffix_names import SuffixNames
from governance_kit.codebook.discovery.unquoted import UnquotedNames

CASES = [
    (Formulas, "numeric", "推行一委三会,党的二十大,四个方面。", [("一委三会", "numeric_formula")]),
    (Formulas, "plus", "探索大数据+网格化+铁脚板模式,1+1>2。", [("大数据+网格化+铁脚板", "plus_formula")]),
    (QuotedNames, "quoted", "打造“共创高桥”品牌,采取“民事民提、民事民议、民事民决、民事民评”的方式,实现“小事不出网格,大事不出村居”。",
     [("共创高桥", "quoted"), ("民事民提、民事民议、民事民决、民事民评", "slogan")]),
    (SuffixNames, "suffixes", "成立乡贤理事会,依据《人民调解委员会组织条例》,高桥镇委员会。", [("乡贤理事会", "suffix_name")]),
    (UnquotedNames, "coined", "村里人叫收支上桥:谁都能看。", [("收支上桥", "coined")]),
    (UnquotedNames, "learned", "各村推选一名山头长,负责火险巡查。", [("山头长", "learned")]),
    (Enumerations, "enumerations", "一是坚持党建引领,形成合力。二是实行网格化管理,增强动力。",
     [("坚持党建引领", "enumeration"), ("实行网格化管理", "enumeration")]),
]


def _found(scan, method: str):
    candidates = getattr(scan, method)(True) if method == "quoted" else getattr(scan, method)()
    return [(c.start, c.end, c.kind, c.score, tuple(c.cues)) for c in candidates]


@pytest.mark.parametrize("finder, method, text, expected", CASES, ids=[c[1] for c in CASES])
def test_each_finder_finds_its_kind(finder, method, text, expected):
    rules = default_discovery_rules()
    found = _found(finder(text, rules), method)
    assert [(text[s:e], kind) for s, e, kind, _, _ in found] == expected
    assert all(score > 0 and cues for _, _, _, score, cues in found)
    assert _found(Scanner(text, rules), method) == found  # combined, each finder behaves as alone


def test_slogans_can_be_left_out():
    text = "采取“民事民提、民事民议、民事民决、民事民评”的方式"
    assert [c.kind for c in QuotedNames(text, default_discovery_rules()).quoted(False)] == []


def test_the_scanner_holds_the_shared_lookups():
    text = "依据《人民调解法》成立调解室。村里设网格员。今天天气很好。"
    scan = Scanner(text, default_discovery_rules())
    assert scan.in_book(3, 7) and not scan.in_book(11, 14)  # 人民调解 inside a book title; 调解室 not
    assert scan.sentence(11, 14) == (0, 15) and scan.sentence(15, 17) == (15, 22)
    # a cue word in the name decides; failing that, cue words elsewhere in its sentence; else nothing
    assert scan.category(11, 14, (0, 15)) == ("dispute_resolution", "name")
    assert scan.category(15, 17, (15, 22)) == ("grid_management", "sentence")
    assert scan.category(23, 25, (22, 29)) == (None, "")
