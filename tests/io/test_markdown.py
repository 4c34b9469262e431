"""Markdown → text (governance_kit.io.markdown): front matter as metadata, markup stripped, words kept.

The fixtures are invented in the layout of public repositories of reports and laws kept as Markdown:
YAML front matter, ``# 标题``, an ``<!-- INFO END -->`` comment after the header lines, chapters as
``##`` headings, links, images, emphasis, lists and tables.
"""
from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from governance_kit import io as gio
from governance_kit.io.markdown import front_matter, markdown_to_text, strip_markdown

REPORT = """---
title: 2024年某某县人民政府工作报告
date: 2024-01-18
source: 某某县人民政府网
author:
  - 县长 王某某
url: http://www.example.gov.cn/zfgzbg/2024.html
province: 浙江省
地区: [某某县, 某某镇]
tags: [政府工作报告, 基层治理]
---

# 政府工作报告

——2024年1月18日在某某县第十八届人民代表大会第四次会议上

<!-- INFO END -->

## 一、2023年工作回顾

过去一年，我们**坚持党建引领**，全县划分综合网格1993个，配备专职网格员*4744*名。

![网格分布图](images/grid.png)

- 深化“[枫桥经验](https://example.com/fengqiao)”实践；
- 推进“四议两公开”全覆盖。

| 指标 | 2023年 |
| --- | ---: |
| 综合网格 | 1993个 |
| 网格员 | 4744名 |

> 各位代表：现在，我代表县人民政府向大会报告工作。
"""

LAW = """# 某某市城乡社区网格化服务管理条例

2021年6月23日 某某市第十六届人民代表大会常务委员会第三十四次会议通过

2021年7月29日 某某省第十三届人民代表大会常务委员会第二十九次会议批准

<!-- INFO END -->

## 第一章 总则

第一条 为了规范网格化服务管理，根据《中华人民共和国城市居民委员会组织法》等法律法规，结合本市实际，制定本条例。

第二条 本条例所称网格，是指依照<某某市网格划分标准>划定的基本管理单元。
"""


def test_front_matter_fields_become_metadata():
    text, meta, warnings = markdown_to_text(REPORT, "报告.md")
    assert meta == {
        "title": "2024年某某县人民政府工作报告", "date": "2024-01-18", "source": "某某县人民政府网",
        "author": "县长 王某某", "url": "http://www.example.gov.cn/zfgzbg/2024.html", "province": "浙江省",
        "place": ["某某县", "某某镇"], "keywords": "政府工作报告、基层治理",
    }
    assert warnings == []


def test_markup_is_stripped_and_the_words_stay():
    text, _, _ = markdown_to_text(REPORT, None)
    lines = text.split("\n")
    assert lines[0] == "" and lines[1] == "政府工作报告"  # heading text on its own line
    assert "——2024年1月18日在某某县第十八届人民代表大会第四次会议上" in lines
    assert "一、2023年工作回顾" in lines
    assert "过去一年，我们坚持党建引领，全县划分综合网格1993个，配备专职网格员4744名。" in lines
    assert "深化“枫桥经验”实践；" in lines and "推进“四议两公开”全覆盖。" in lines
    assert "指标\t2023年" in lines and "综合网格\t1993个" in lines
    assert "各位代表：现在，我代表县人民政府向大会报告工作。" in lines
    for mark in ("**", "#", "<!--", "INFO END", "![", "](", "http", "images/", "| ---", "> "):
        assert mark not in text, mark


def test_a_law_header_title_comment_and_chapters():
    text, meta, _ = markdown_to_text(LAW, None)
    assert meta == {"title": "某某市城乡社区网格化服务管理条例"}  # from the first "# " heading
    assert text.split("\n")[:4] == ["某某市城乡社区网格化服务管理条例", "",
                                    "2021年6月23日 某某市第十六届人民代表大会常务委员会第三十四次会议通过", ""]
    assert "INFO END" not in text and "第一章 总则" in text.split("\n")
    # Chinese in angle brackets is text, not an HTML tag
    assert "依照<某某市网格划分标准>划定" in text


def test_the_kit_reads_md_files_through_it(tmp_path):
    path = tmp_path / "2024年报告.md"
    path.write_text(REPORT, encoding="utf-8")
    raw = gio.read_file(path)
    assert raw.format == "md" and raw.meta["title"] == "2024年某某县人民政府工作报告"
    assert raw.meta["date"] == "2024-01-18" and "**" not in raw.text
    gbk = tmp_path / "gbk.md"
    gbk.write_bytes(LAW.encode("gbk"))
    assert gio.read_file(gbk).meta["title"] == "某某市城乡社区网格化服务管理条例"


@pytest.mark.parametrize("source, expected", [
    # YAML dates and RFC 2822 dates of blog exports
    ("---\ndate: 2023-03-05 09:30:00\n---\n正文", {"date": "2023-03-05"}),
    ("\n---\ntitle: 'GDP目标如何实现'\ndate: Sun, 05 Mar 2023 07:52:05 GMT\n---\n正文", {"title": "GDP目标如何实现", "date": "2023-03-05"}),
    # Chinese keys, first name of a key wins over a later synonym
    ("---\n标题: 某某镇议事协商规则\n来源: 某某镇人民政府\n发布日期: 2022年5月6日\n出处: 别处\n---\n正文",
     {"title": "某某镇议事协商规则", "source": "某某镇人民政府", "date": "2022-05-06"}),
    # tabs and unquoted colons PyYAML refuses: read line by line
    ("---\ntitle: 网格工作: 一年回顾\nauthor:\n\tname: 李某\ndate: 2020-06-01\n---\n正文",
     {"title": "网格工作: 一年回顾", "date": "2020-06-01"}),
    # author given as a mapping
    ("---\nauthor: {name: 李某, url: http://x}\n---\n正文", {"author": "李某"}),
])
def test_front_matter_variants(source, expected):
    meta, body, _ = front_matter(source)
    assert meta == expected and body == "正文"


@pytest.mark.parametrize("source", [
    "---\n没有结束的分隔线\n正文第一段。\n",  # no closing line: no front matter, nothing lost
    "正文。\n---\ntitle: 不在开头\n---\n",  # not at the start
    "---\n---\n",  # empty block
])
def test_what_is_not_front_matter_is_kept(source):
    meta, body, _ = front_matter(source)
    assert meta == {}
    assert body == source or (source == "---\n---\n" and body == "")


def test_an_unreadable_front_matter_block_is_reported_in_chinese():
    meta, body, warnings = front_matter("---\nlayout: [post\nnote: {a\n---\n正文")
    assert meta == {} and body == "正文"
    assert warnings and "front matter" in warnings[0] and "无法解析" in warnings[0]
    # a block that is no list of fields at all is text, and stays
    assert front_matter("---\n[[[ : : ]\n---\n正文") == ({}, "---\n[[[ : : ]\n---\n正文", [])


def test_a_body_written_in_html_is_read_as_html():
    source = ("\n---\ntitle: '某某街道推行“民情日记”'\nauthor: 某某日报\n---\n\n<div>\n"
              "<p>　　近日，某某街道推行“民情日记”工作法。</p>\n<div class=\"img_wrapper\"><img src=\"a.png\"></div>\n"
              "<p>　　网格员每天记录走访情况，<font>一是</font>收集诉求。</p><!-- news_keyword -->\n</div>\n")
    text, meta, _ = markdown_to_text(source, None)
    assert meta["title"] == "某某街道推行“民情日记”" and meta["author"] == "某某日报"
    assert text == "近日，某某街道推行“民情日记”工作法。\n网格员每天记录走访情况，一是收集诉求。"


@pytest.mark.parametrize("line, expected", [
    ("**第一条** 内容", "第一条 内容"),
    ("重点*强调*内容", "重点强调内容"),
    ("5*3*2 不是强调", "5*3*2 不是强调"),
    ("snake_case_name 保留", "snake_case_name 保留"),
    ("~~删除线~~文字", "删除线文字"),
    ("`代码`", "代码"),
    ("[链接文字](http://a.b/c?d=(e)) 后文", "链接文字 后文"),
    ("见[附件][1]。", "见附件。"),
    ("[1]: http://example.com/a", None),
    ("<https://www.gov.cn>", "https://www.gov.cn"),
    ("[![图](a.png)](http://x)", ""),
    ("第一行<br>第二行", "第一行第二行"),
    ("1. 第一项", "1. 第一项"),  # the number is the document's own numbering
    ("* 要点", "要点"),
    ("- [x] 已完成", "已完成"),
    ("## 标题 ##", "标题"),
    ("\\*不是强调\\*", "*不是强调*"),
    ("**只有一边", "**只有一边"),  # unpaired: left as written
    ("***", None),
])
def test_inline_markup(line, expected):
    text, _ = strip_markdown(line)
    assert text == ("" if expected is None else expected)


def test_setext_headings_fenced_code_and_comments_across_lines():
    text, title = strip_markdown("总标题\n===\n\n```\n原样保留 **不动**\n```\n前文<!-- 注释\n跨行 -->后文\n<!-- 未闭合")
    assert text == "总标题\n\n原样保留 **不动**\n前文后文\n<!-- 未闭合"
    assert title is None  # only an ATX "# " heading names the title


_PLAIN = st.text(alphabet=st.sampled_from(list("网格员治理村社区议事会协商，。、；：“”（）《》0123456789年月日 \n")), max_size=300)


@given(_PLAIN)
def test_text_without_markup_is_unchanged(text):
    assert strip_markdown(text) == (text, None)
    out, meta, _ = markdown_to_text(text, None)
    assert out == text and meta == {}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("#*_[]()!<>-|`~:：\\ \n网格a1")), max_size=400))
def test_any_markdown_is_read_without_error(text):
    out, _, _ = markdown_to_text(text, None)
    assert isinstance(out, str)
    han = re.findall(r"[\u4e00-\u9fff]", text)
    assert len(re.findall(r"[\u4e00-\u9fff]", out)) <= len(han)


@pytest.mark.parametrize("unit", ["**" * 5 + "a", "[" * 10 + "](", "*a" * 10, "_a" * 10, "<a " * 10, "|" * 10, "![" * 10])
def test_pathological_lines_take_linear_time(unit):
    line = unit * 20000  # about 100,000–400,000 characters on one line
    start = time.perf_counter()
    strip_markdown(line + "\n" + line)
    assert time.perf_counter() - start < 5


@pytest.mark.parametrize("source", [
    "---\n各位代表：现在，我代表县人民政府向大会报告工作，请予审议。\n---\n正文",  # a passage between rules
    "---\n会议纪要：本次会议研究了网格员配备问题\n---\n正文",  # one Chinese "key" no field name knows
    "---\n一、总体要求\n坚持党建引领：推动资源下沉\n---\n正文",
])
def test_a_passage_between_two_rules_is_not_taken_for_front_matter(source):
    meta, body, warnings = front_matter(source)
    assert (meta, body, warnings) == ({}, source, [])
    text, _, _ = markdown_to_text(source, None)
    assert "我代表" in text or "本次会议" in text or "坚持党建引领" in text
