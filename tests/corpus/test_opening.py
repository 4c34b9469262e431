"""The opening lines: the title is never page chrome, a label, a byline, a caption, an issue line,
an affiliation or a chapter heading; subtitles attach, kickers stay apart. Fixtures are invented."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from governance_kit.corpus.opening import classify, is_chrome_line, read_opening

TITLE = "某镇“议事长廊”让村民有事好商量"
BODY = "近日，某县某镇在各村建起议事长廊，村民有事可以当面商量，干部现场答复，今年以来共收集意见三百余条。"


@pytest.mark.parametrize("noise", [
    "当前所在:首页 > 资讯动态 > 正文",
    "您的位置：首页 > 基层动态",
    "立即注册",
    "下载 打印 全屏 收藏",
    "• 字体: [ ] [ ] [ ]",
    "【字号：大 中 小】",
    "内容检索:",
    "来源:",
    "(资料图)",
    "村民在长廊里议事(某县融媒体中心供图)",
    "某某杂志 2008年6期",
    "关键词:议事协商;村民自治;基层治理",
    "议事协商;村民自治;基层治理",
    "张三 李四",
    "王某某 刘某(某某大学公共管理学院,浙江 杭州 310000)",
    "(某某市委党校,浙江 某地 312400)",
    "第一章 总 则",
    "一、基本情况",
    "2023-05-22 09:30",
    "首页 新闻中心 政务公开 办事服务 互动交流",
    "【本文转载自网络，如有侵权请联系删除】",
    "本报记者 张某某 通讯员 李某",
])
def test_the_title_is_never_chrome_or_metadata(noise):
    assert read_opening(f"{TITLE}\n{noise}\n{BODY}").title == TITLE
    # before the title: skipped, except a section heading, which starts the body (the excerpt has no title)
    expected = None if noise.startswith(("第一章", "一、")) else TITLE
    assert read_opening(f"{noise}\n{TITLE}\n{BODY}").title == expected


@pytest.mark.parametrize("line, kind", [
    ("当前所在:首页 > 资讯动态 > 正文", "chrome"), ("立即注册", "chrome"), ("• 字体: [ ] [ ] [ ]", "chrome"),
    ("(资料图)", "caption"), ("来源:", "label"), ("某某杂志 2008年6期", "issue"), ("张三 李四", "names"),
    ("(某某市委党校,浙江 某地 312400)", "affiliation"), ("——以某县为例", "subtitle"), ("第一章 总 则", "section"),
    ("各位代表：", "salutation"), ("市长 王某某", "speaker"), ("中共某县委员会", "organisation"),
    ("（2018年3月11日第十三届全国人民代表大会第一次会议通过）", "law"),
    ("——2019年1月26日在某市第十六届人民代表大会第三次会议上", "meeting"), (TITLE, "candidate"),
])
def test_line_kinds(line, kind):
    assert classify(line).kind == kind


def test_subtitle_attaches_and_kicker_stays_apart():
    o = read_opening(f"学习贯彻某某精神\n{TITLE}\n——以某县为例\n{BODY}")
    assert (o.kicker, o.title, o.subtitle) == ("学习贯彻某某精神", TITLE, "以某县为例")


def test_the_longest_candidate_wins_over_a_site_name():
    o = read_opening(f"某某资讯网\n当前位置:首页 > 正文\n{TITLE}\n发布时间:2024-03-15 来源:某县融媒体中心\n{BODY}")
    assert o.title == TITLE and o.dates["head"] == "2024-03-15"


def test_a_title_label_wins():
    o = read_opening("索引号: 0001/2021-00021\n标题: 某镇关于印发《某某工作方案》的通知\n成文日期: 2021-03-11\n各村:")
    assert o.title == "某镇关于印发《某某工作方案》的通知" and o.dates["written"] == "2021-03-11"


def test_journal_front_matter_is_metadata():
    text = ("乡村议事协商的实践逻辑\n张某 李某某\n(某某大学 政治学院,江苏 苏州 215000)\n"
            "摘 要:本文以某县为例,讨论议事协商的运行机制。\n关键词:议事协商;乡村治理\n"
            "中图分类号:D63 文献标识码:A 文章编号:1000-0000(2022)01-0001-08\n一、问题的提出\n" + BODY)
    o = read_opening(text)
    assert o.title == "乡村议事协商的实践逻辑" and o.authors == ["张某", "李某某"]
    assert o.fields["keywords"] == "议事协商;乡村治理" and o.fields["classification"] == "D63"
    assert o.fields["affiliation"].startswith("某某大学")


def test_a_charter_title_is_not_its_first_chapter():
    o = read_opening("【村规民约】某某村村规民约\n第一章 总 则\n第一条 为了建设文明乡风,制定本村规民约。")
    assert o.title == "某某村村规民约"


def test_trailing_date_star_and_markdown_marks_are_removed():
    assert read_opening(f"{TITLE} 2023年07月21日\n{BODY}").title == TITLE
    assert read_opening(f"{TITLE}*\n{BODY}").title == TITLE
    assert read_opening(f"# {TITLE}\n{BODY}").title == TITLE


def test_a_note_before_the_title_is_skipped():
    o = read_opening(f"# 本文为测试而编写,地名和数据均为虚构。\n{TITLE}\n{BODY}")
    assert o.title == TITLE


def test_no_title_when_the_text_starts_with_its_body():
    assert read_opening(f"{BODY}\n{TITLE}").title is None


def test_a_plugged_in_chrome_predicate_decides():
    text = f"某某频道每日精选推荐基层治理好文章专题栏目汇总\n2024-03-15\n{TITLE}\n{BODY}"
    assert read_opening(text).title == "某某频道每日精选推荐基层治理好文章专题栏目汇总"  # the longest line
    assert read_opening(text, is_chrome=lambda line: "频道" in line).title == TITLE


@pytest.mark.parametrize("chrome", ["立即注册", "当前所在:首页 > 正文", "• 字体: [ ] [ ] [ ]", "来源:", "(资料图)"])
def test_default_chrome_checks(chrome):
    assert is_chrome_line(chrome) or classify(chrome).kind != "candidate"


_WORDS = st.sampled_from(["首页", "新闻", "资讯动态", "正文", "基层治理", "通知公告", "政务公开"])
_CHROME = st.one_of(
    st.lists(_WORDS, min_size=2, max_size=5).map(lambda ws: "当前位置:" + " > ".join(ws)),
    st.lists(st.sampled_from(["下载", "打印", "全屏", "收藏", "分享", "关闭", "返回顶部"]), min_size=1, max_size=5).map(" ".join),
    st.sampled_from(["(资料图)", "来源:", "内容检索:", "• 字体: [ ] [ ] [ ]", "某某报 2019年3期", "关键词:基层;治理"]),
)


@settings(max_examples=150, deadline=None)
@given(before=st.lists(_CHROME, max_size=4), after=st.lists(_CHROME, max_size=4))
def test_chrome_around_the_title_never_becomes_the_title(before, after):
    text = "\n".join([*before, TITLE, *after, BODY])
    assert read_opening(text).title == TITLE


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_is_read_without_error(text):
    o = read_opening(text)
    assert o.title is None or (o.title and "\n" not in o.title)
    assert all(not any(c.isdigit() for c in a) for a in o.authors)
