"""Meeting lines, speaker lines and a law's notes in the opening of speeches, work reports and laws."""
from __future__ import annotations

import pytest

from governance_kit.corpus.occasions import iso_date, law_notes, meeting_line, speaker_line


@pytest.mark.parametrize("line, date, meeting", [
    ("——2019年1月26日在某市第十六届人民代表大会第三次会议上", "2019-01-26", "某市第十六届人民代表大会第三次会议"),
    ("（2026年1月27日在某省第十四届人民代表大会第四次会议上）", "2026-01-27", "某省第十四届人民代表大会第四次会议"),
    ("――二〇二六年一月二十七日在某省十四届人民代表大会第四次会议上", "2026-01-27", "某省十四届人民代表大会第四次会议"),
    ("——1 9 9 8 年3 月5 日在第九届全国人民代表大会第一次会议上", "1998-03-05", "第九届全国人民代表大会第一次会议"),
    ("——1964年12月21日和22日在第三届全国人民代表大会第一次会议上", "1964-12-21", "第三届全国人民代表大会第一次会议"),
    ("——在全县基层治理工作推进会上", None, "全县基层治理工作推进会"),
])
def test_meeting_lines(line, date, meeting):
    assert meeting_line(line) == {"date": date, "meeting": meeting}


def test_a_meeting_line_with_its_speaker():
    found = meeting_line("2026年1月27日在某省第十四届人民代表大会第四次会议上 某省省长 王某")
    assert found["speaker"] == {"role": "某省省长", "name": "王某"}


@pytest.mark.parametrize("line", ["日前，在某镇召开的第十五届人民代表大会第九次会议上，代表们票决了十项实事。",
                                  "政府工作报告", "在基层治理中发挥作用"])
def test_not_meeting_lines(line):
    assert meeting_line(line) is None


@pytest.mark.parametrize("line, role, name", [
    ("某市人民政府市长 王某某", "某市人民政府市长", "王某某"), ("省长　王某", "省长", "王某"),
    ("上海市市长 龚 某", "上海市市长", "龚某"), ("国务院总理?李某", "国务院总理", "李某"),
    ("某乡党委副书记、乡长 谭某某", "某乡党委副书记、乡长", "谭某某"),
])
def test_speaker_lines(line, role, name):
    assert speaker_line(line) == {"role": role, "name": name}


@pytest.mark.parametrize("line", ["优秀党支部书记风采录", "各位代表：", "市长热线12345"])
def test_not_speaker_lines(line):
    assert speaker_line(line) is None


def test_law_notes():
    assert law_notes("（2018年3月11日第十三届全国人民代表大会第一次会议通过）") == {"adopted": "2018-03-11"}
    assert law_notes("2001年8月28日 某法院审判委员会第1188次会议通过") == {"adopted": "2001-08-28"}
    notes = law_notes("（1993年12月29日第八届全国人民代表大会常务委员会第五次会议通过　根据1999年12月25日第九届全国人民代表大会"
                      "常务委员会第十三次会议《关于修改〈某某法〉的决定》第一次修正　根据2018年10月26日第十三届全国人民代表大会"
                      "常务委员会第六次会议《关于修改〈某某法〉的决定》第二次修正）")
    assert notes == {"adopted": "1993-12-29", "amended": "2018-10-26"}
    assert law_notes("2022年5月1日 施行") == {"effective": "2022-05-01"}
    assert law_notes("2019年某村召开村民代表大会，会议表决通过了修订后的村规民约和议事规则等多项制度。") is None


@pytest.mark.parametrize("value, iso", [("二〇一九年一月二十六日", "2019-01-26"), ("2019年十二月三十一日", "2019-12-31"),
                                        ("2024-13-01", None), ("一九九八年三月五日", "1998-03-05")])
def test_dates_in_chinese_numerals(value, iso):
    assert iso_date(value) == iso
