"""Author names from bylines: split on spaces, 、 and roles, spaced-out names joined, never a date."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from governance_kit.corpus.names import names_only, parse_byline, split_glued, split_names


@pytest.mark.parametrize("value, names", [
    ("张三 李四", ["张三", "李四"]),
    ("张三、李四", ["张三", "李四"]),
    ("张三，李四；王五", ["张三", "李四", "王五"]),
    ("文/张三", ["张三"]),
    ("作者:张三", ["张三"]),
    ("朱 林 王 峥 许俊仁", ["朱林", "王峥", "许俊仁"]),
    ("秦 增 起", ["秦增起"]),
    ("2023-05-22", []),
    ("2008-01-01 00:00:00", []),
    ("佚名", []),
])
def test_split_names(value, names):
    assert split_names(value) == names


@pytest.mark.parametrize("line, authors, credited", [
    ("本报记者 张某某 通讯员 李某 王某某", ["张某某", "李某", "王某某"], []),
    ("文/陈某某 摄影/林某某", ["陈某某"], ["林某某"]),
    ("某县融媒体中心记者 谭某某", ["谭某某"], []),
    ("记者 赵某", ["赵某"], []),
])
def test_bylines(line, authors, credited):
    assert parse_byline(line) == (authors, credited)


@pytest.mark.parametrize("line", ["文殊村村规民约", "二、文献综述", "记者:为什么要这样做?", "本文以某县为例"])
def test_lines_that_are_not_bylines(line):
    found = parse_byline(line)
    assert found is None or not found[0]


def test_names_written_together():
    assert split_glued("刘某某陈某") == ["刘某某", "陈某"]
    assert names_only("张三丰 李四") == ["张三丰", "李四"]
    assert names_only("某县人民政府") == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="张李王三四丰 、,/0123456789-:年月日", max_size=40))
def test_a_name_never_holds_a_digit(value):
    assert all(not any(c.isdigit() for c in n) for n in split_names(value) + names_only(value))
