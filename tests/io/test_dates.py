"""Dates found in file metadata → ISO form (governance_kit.io.dates)."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from governance_kit.io.dates import normalise_date


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
