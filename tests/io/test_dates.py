"""Dates found in file metadata → ISO form (governance_kit.io.dates)."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from governance_kit.io.dates import normalise_date, stated_date


@pytest.mark.parametrize("value, expected", [
    ("2023年5月22日", "2023-05-22"),
    ("2024 年 3 月 5 日", "2024-03-05"),
    ("2023/05/22 10:30", "2023-05-22"),
    ("2024-03-15T09:30:00+08:00", "2024-03-15"),
    ("  2024.3.1  ", "2024-03-01"),
    ("发布时间：2024-03-15 09:30", "2024-03-15"),  # a label before the date (HTML meta content)
    ("D:20230522103000+08'00'", "2023-05-22"),  # PDF CreationDate
    ("20230522", "2023-05-22"),
    ("2023年5月", "2023-05"),  # no day: year and month only
    ("2023-5", "2023-05"),
    ("202305", "2023-05"),
    ("D:2023", "2023"),
])
def test_dates_become_iso(value, expected):
    assert normalise_date(value) == expected


@pytest.mark.parametrize("value", ["March 2024", "未注明", "12/05/2023", "", "近日"])
def test_what_is_not_a_date_comes_back_stripped(value):
    assert normalise_date(f"  {value} ") == value


_DAYS = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))
_FORMATS = (
    lambda d: f"{d.year}年{d.month}月{d.day}日",
    lambda d: f"{d.year}/{d.month:02}/{d.day:02} 08:05",
    lambda d: f"{d.year}-{d.month}-{d.day}",
    lambda d: f"{d.year}.{d.month}.{d.day}",
    lambda d: f"D:{d:%Y%m%d}093000+08'00'",
    lambda d: f"{d:%Y%m%d}",
    lambda d: dt.datetime(d.year, d.month, d.day, 9, 30).isoformat(),
    lambda d: f"发布日期：{d.year}年{d.month:02}月{d.day:02}日 来源：县政府",
    lambda d: f"{d:%a}, {d.day:02} {d:%b} {d.year} 07:52:05 GMT",  # RFC 2822, as blog front matter writes it
)


@given(_DAYS, st.sampled_from(_FORMATS))
def test_every_written_form_of_a_day_gives_its_iso_date(day, form):
    assert normalise_date(form(day)) == day.isoformat()


@given(_DAYS)
def test_a_month_without_a_day(day):
    assert normalise_date(f"{day.year}年{day.month}月") == f"{day.year}-{day.month:02}"


@given(st.text())
def test_normalising_twice_changes_nothing(value):
    once = normalise_date(value)
    assert normalise_date(once) == once


@given(st.text(alphabet=st.characters(blacklist_categories=("Nd",))))
def test_text_without_digits_is_only_stripped(value):
    assert normalise_date(value) == value.strip()


# --- the date a document states ----------------------------------------------------------------------
_HAN = "〇一二三四五六七八九"


def _han_date(d: dt.date) -> str:
    def small(n: int) -> str:
        tens, ones = divmod(n, 10)
        return (("" if tens == 1 else _HAN[tens]) + "十" if tens else "") + (_HAN[ones] if ones else "")
    return "".join(_HAN[int(c)] for c in str(d.year)) + f"年{small(d.month)}月{small(d.day)}日"


@pytest.mark.parametrize("line, expected", [
    ("2024年3月5日", "2024-03-05"),
    ("（2024年3月5日）", "2024-03-05"),
    ("2024-03-05", "2024-03-05"),
    ("发布日期：2024年3月5日", "2024-03-05"),
    ("——2019年1月26日在某某县第十七届人民代表大会第三次会议上", "2019-01-26"),
    ("（2019年1月26日某某县人民代表大会常务委员会第十次会议通过）", "2019-01-26"),
    ("2021年6月23日 某某市第十六届人民代表大会常务委员会第三十四次会议批准", "2021-06-23"),
    ("二〇二〇年十二月三十一日", "2020-12-31"),
    ("二〇二四年十月一日", "2024-10-01"),
    ("2024年3月5日，全县召开网格工作推进会。", None),  # a sentence, not a date line
    ("本办法自2024年3月5日起施行。", None),
    ("2024年13月5日", None),
])
def test_a_date_line(line, expected):
    found = stated_date([line])
    assert (found[0] if found else None) == expected


def test_head_before_tail_and_long_texts():
    lines = ["通知", "（2024年1月2日）", *["正文第{}段。".format(i) for i in range(30)], "二〇二四年一月三日"]
    assert stated_date(lines) == ("2024-01-02", "（2024年1月2日）")
    assert stated_date(lines[2:]) == ("2024-01-03", "二〇二四年一月三日")
    assert stated_date(["正文。"] * 40 + ["2024年1月2日"] + ["正文。"] * 40) is None  # in the middle: not looked for


@given(_DAYS)
def test_every_day_in_chinese_numerals(day):
    assert stated_date(["某某县人民政府", _han_date(day)])[0] == day.isoformat()
