"""The default HTML extractor: the chrome rules, then trafilatura's main text (governance_kit.io.maintext).

Pages in html_pages/ are invented portal pages of many layouts (a 政务公开 document with its 索引号 table,
county news, an e-paper page, a journal mirror, a Discuz thread, a WeChat copy, an aggregator, a
村务公开 table, an old table layout, a public notice ending in a name list, a table-laid document);
pages.yaml gives their body lines and the chrome the default extractor removes."""
from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import touch
from governance_kit.errors import EmptyFileError
from governance_kit.io import html as H
from governance_kit.io import maintext, read_bytes
from governance_kit.io.html import html_to_text
from governance_kit.io.maintext import Line, Pick, keep_lines

PAGES = Path(__file__).parent / "html_pages"
LABELS = yaml.safe_load((PAGES / "pages.yaml").read_text(encoding="utf-8"))
_WS = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _WS.sub("", text)


def _page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


def _text(name: str, extractor: str = "auto") -> str:
    return html_to_text(_page(name), name, extractor=extractor)[0]


def _lines(name: str, extractor: str = "auto") -> list[str]:
    return _text(name, extractor).split("\n")


def _chrome_left(text: str, labels: dict) -> list[str]:
    """The labelled chrome phrases still in ``text`` once its body and other lines are taken out."""
    rest = _norm(text)
    for line in sorted(map(_norm, labels["body"] + labels["other"]), key=len, reverse=True):
        rest = rest.replace(line, "\x00")
    return [c for c in labels["chrome"] if _norm(c) in rest]


# --------------------------------------------------------------------------------------------
# The development pages: body kept, chrome dropped


@pytest.mark.parametrize("name", sorted(LABELS))
def test_every_body_line_is_kept(name):
    for extractor in ("auto", "rules"):
        text = _norm(_text(name, extractor))
        missing = [b for b in LABELS[name]["body"] if _norm(b) not in text]
        assert not missing, (extractor, missing)


@pytest.mark.parametrize("name", sorted(LABELS))
def test_the_chrome_is_dropped(name):
    text, _, warnings = html_to_text(_page(name), name)
    assert _chrome_left(text, LABELS[name]) == [] and warnings == []


def test_trafilatura_drops_chrome_the_rules_leave():
    # the control: across the pages, the rules alone keep most of the chrome the default drops
    left = [len(_chrome_left(_text(n, "rules"), LABELS[n])) for n in LABELS]
    total = sum(len(LABELS[n]["chrome"]) for n in LABELS)
    assert sum(left) > 0.5 * total
    # on a table-laid page with no class names the rules find almost nothing
    assert len(_chrome_left(_text("old_br.html", "rules"), LABELS["old_br.html"])) >= 20


@pytest.mark.parametrize("name", sorted(LABELS))
def test_the_default_keeps_a_subsequence_of_the_rules_lines(name):
    auto, rules = _lines(name), _lines(name, "rules")
    it = iter(rules)
    assert all(line in it for line in auto)  # trafilatura only removes lines; their text and order stay


def test_tables_stay_rows_of_tab_separated_cells():
    lines = _lines("village_table.html")
    rows = [ln for ln in lines if "\t" in ln]
    assert rows[0] == "项目\t金额（元）\t备注" and len(rows) == 6
    assert all(len(r.split("\t")) in (2, 3) for r in rows)


def test_a_name_list_after_the_last_paragraph_is_kept():
    # trafilatura leaves such a list out; it sits in the element holding the article, so it stays
    body = LABELS["notice_list.html"]["body"]
    lines = _lines("notice_list.html")
    assert [b for b in body if "网格员）" in b] and all(b in lines for b in body if "网格员）" in b)


def test_document_fields_stay_for_the_cleaner_to_read():
    # the 政务公开 table and the byline: trafilatura leaves them out, field_labels keeps them
    gov = _lines("gov_xxgk.html")
    assert [ln.split("：")[0] for ln in gov[:7]] == ["索引号", "主题分类", "发布机构", "成文日期", "文号", "发布日期", "有效性"]
    assert any(ln.startswith("来源：") and "发布时间：" in ln for ln in _lines("county_news.html"))


def test_field_labels_come_from_the_chrome_file(bundled_copy):
    path = bundled_copy("html_chrome.yaml", H)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump({**data, "field_labels": ["来 源"]}, allow_unicode=True), encoding="utf-8")
    touch(path)
    assert any(ln.startswith("来源：") for ln in _lines("county_news.html"))  # white space in a label is ignored
    path.write_text(yaml.safe_dump({**data, "field_labels": []}, allow_unicode=True), encoding="utf-8")
    touch(path)
    assert not any(ln.startswith("来源：") for ln in _lines("county_news.html"))
    assert not any(ln.startswith("索引号：") for ln in _lines("gov_xxgk.html"))


def test_a_field_line_that_is_mostly_links_is_not_kept():
    fields = re.compile("(?:来源|附件)[:：]")
    lines = [Line("网格员每天走访入户，收集群众反映的问题。", 0.0, (0,)), Line("首页", 1.0, (1,)), Line("附件：清单.docx", 0.8, (2,)),
             Line("来源：县融媒体中心", 0.0, (3,))]
    keep = keep_lines(lines, Pick(text=lines[0].text), fields=fields)
    assert keep == [True, False, False, True]


# --------------------------------------------------------------------------------------------
# Metadata: meta tags first, trafilatura fills the gaps


def test_trafilatura_fills_the_keys_the_meta_tags_left_empty():
    page = ("<html><head><title>乡村治理积分制经验_某县</title></head><body><div class='nav'>首页 新闻</div>"
            "<article><h1>积分制让乡村治理有了抓手</h1><p class='byline'>作者：李明 发布时间：2024-03-05</p>"
            + "".join(f"<p>第{i}段正文：村民参与环境整治和志愿服务可以获得积分，积分在爱心超市兑换生活用品。</p>"
                      for i in range(6)) + "</article></body></html>")
    _, meta, _ = html_to_text(page, None)
    assert meta["title"] == "乡村治理积分制经验_某县"  # the meta tags' title wins
    assert meta["date"] == "2024-03-05"  # trafilatura found the date the meta tags lacked
    _, ruled, _ = html_to_text(page, None, extractor="rules")
    assert "date" not in ruled


def test_the_meta_tags_win_over_trafilatura():
    head = "<meta name='author' content='张三'><meta name='PubDate' content='2023-01-02'>"
    page = (f"<html><head>{head}</head><body><article><p class='author'>作者：李四</p>"
            + "<p>网格员每天走访入户，及时收集群众反映的问题，能办的当场办，不能办的逐级上报。</p>" * 4
            + "<p>发布时间：2024-06-07</p></article></body></html>")
    _, meta, _ = html_to_text(page, None)
    assert meta["author"] == "张三" and meta["date"] == "2023-01-02"


def test_no_date_is_guessed_from_a_copyright_year():
    _, meta, _ = html_to_text(_page("journal.html"), None)
    assert "date" not in meta  # the page states none; its footer says ©2024


# --------------------------------------------------------------------------------------------
# Fallback: trafilatura missing, failing or finding nothing never aborts


@pytest.fixture
def rules_only():
    return {n: html_to_text(_page(n), n, extractor="rules") for n in ("gov_xxgk.html", "old_br.html")}


def test_when_trafilatura_raises_the_rules_decide_with_a_warning(monkeypatch, rules_only):
    import trafilatura

    def broken(*args, **kwargs):
        raise RuntimeError("模拟故障")

    monkeypatch.setattr(trafilatura, "bare_extraction", broken)
    for name, (expected, _, _) in rules_only.items():
        text, _, warnings = html_to_text(_page(name), name)
        assert text == expected
        assert len(warnings) == 1 and "trafilatura 识别正文时出错（RuntimeError：模拟故障）" in warnings[0]


@pytest.mark.parametrize("returned", [None, "empty"])
def test_when_trafilatura_finds_nothing_the_rules_decide_quietly(monkeypatch, rules_only, returned):
    import trafilatura

    class Empty:
        text, comments, title, date, author, sitename = "", "", None, None, None, None

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: None if returned is None else Empty())
    for name, expected in rules_only.items():
        assert html_to_text(_page(name), name) == expected


def test_without_trafilatura_installed_the_rules_decide_with_a_warning(monkeypatch, rules_only):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import trafilatura now raises ImportError
    for name, (expected, _, _) in rules_only.items():
        text, _, warnings = html_to_text(_page(name), name)
        assert text == expected and len(warnings) == 1 and warnings[0].startswith("未安装 trafilatura")


def test_when_trafilatura_keeps_no_prose_every_line_stays():
    lines = [Line("首页 新闻", 1.0), Line("网格员每天走访入户，收集问题。", 0.0), Line("版权所有", 0.0)]
    assert keep_lines(lines, Pick(text="版权所有")) == [True, True, True]


def test_an_unknown_extractor_is_refused_in_chinese():
    with pytest.raises(ValueError, match="extractor 只能是 'auto'、'rules' 之一"):
        html_to_text(_page("epaper.html"), None, extractor="trafilatura")


def test_import_governance_kit_does_not_import_trafilatura():
    code = ("import sys, governance_kit, governance_kit.io.html, governance_kit.io.maintext; "
            "assert 'trafilatura' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])


# --------------------------------------------------------------------------------------------
# Hostile pages: bounded time, the rules alone beyond the limits


def _timed(source: str):
    start = time.perf_counter()
    result = html_to_text(source, "x.html")
    return result, time.perf_counter() - start


def test_a_deeply_nested_page_skips_trafilatura():
    body = "网格员走访入户，收集群众意见。" * 20
    (text, _, warnings), seconds = _timed("<html><body>" + "<div>" * 1500 + body + "</div>" * 1500 + "</body></html>")
    assert text == body and seconds < 30
    assert warnings == [f"网页标签嵌套超过 {maintext.MAX_DEPTH} 层，未用 trafilatura 识别正文，只按 data/html_chrome.yaml 的规则去除网页框架"]


def test_text_beyond_the_parsers_depth_limit_is_read_with_a_warning():
    deep = "<div>" * 5000 + "最深处的文字" + "</div>" * 5000
    after = "<p>其后的段落。</p><script>var x = 1;</script><table><tr><td>甲</td><td>乙</td></tr></table>"
    (text, _, warnings), seconds = _timed(
        f"<html><body><p>{'网格员走访入户，收集群众意见。' * 5}</p>{deep}{after}</body></html>")
    assert text.split("\n") == ["网格员走访入户，收集群众意见。" * 5, "最深处的文字", "其后的段落。", "甲\t乙"]
    assert seconds < 30
    assert any("2048 层" in w and "全部文字" in w for w in warnings)


def test_a_page_with_too_many_elements_skips_trafilatura():
    links = "<div><a href='#'>链接</a><span>文字</span></div>" * 20_000
    (text, _, warnings), seconds = _timed(f"<html><body>{links}<p>{'正文内容。' * 40}</p></body></html>")
    assert text.endswith("正文内容。" * 40) and seconds < 60
    assert warnings[0].startswith(f"网页元素超过 {maintext.MAX_ELEMENTS} 个")


def test_a_long_page_under_the_limits_is_read_in_bounded_time():
    para = "<p>" + "村务监督委员会每季度审核一次村级财务收支。" * 8 + "</p>"
    (text, _, warnings), seconds = _timed("<html><body><div class='nav'>首页</div><div>" + para * 3000 + "</div></body></html>")
    assert len(text.split("\n")) == 3000 and warnings == [] and seconds < 30


def test_limits_are_checked_without_walking_the_whole_page(monkeypatch):
    monkeypatch.setattr(maintext, "MAX_CHARS", 100)
    text, _, warnings = html_to_text(_page("gov_xxgk.html"), None)
    assert text == _text("gov_xxgk.html", "rules")
    assert warnings[0].startswith("网页文字超过 100 个字符")


@pytest.mark.parametrize("data", [
    _page("gov_xxgk.html").encode("utf-8")[:-700] + b"\xff\xfe\x80",  # cut mid-page, then stray bytes
    _page("gov_xxgk.html").encode("gbk", "replace"),  # GBK bytes in a page that says UTF-8
    b"<html><body><p>" + "网格".encode("utf-8") + b"\xe7\xbd" + b"</p>" * 3 + b"\x00\x00<td>\xa1</td>",
])
def test_broken_bytes_are_read_or_refused_in_chinese(data):
    try:
        raw = read_bytes(data, name="page.html")
    except EmptyFileError as exc:
        assert exc.reason
        return
    assert raw.text.strip() and isinstance(raw.meta, dict)


# --------------------------------------------------------------------------------------------
# keep_lines: prose is never dropped on trafilatura's word alone

_TEXTS = st.sampled_from([
    "网格员每天走访入户，收集群众反映的问题。", "村务监督委员会审核财务收支；结果张贴公示！", "首页", "政务公开", "版权所有 ICP备",
    "一、总体要求", "2024年3月5日", "上一篇：县召开推进会", "项目\t金额\t备注", "分享到：微信 微博", "特此通知。",
    "群众满意吗？", "（此件公开发布）", "浏览次数：123",
])
_LINES = st.lists(st.tuples(_TEXTS, st.sampled_from([0.0, 0.2, 0.6, 1.0]),
                            st.lists(st.integers(0, 3), max_size=3).map(tuple)), max_size=25)


def _prose(line: Line) -> bool:
    return line.links < maintext.LINK_SHARE and len(_norm(line.text)) >= maintext.MIN_PROSE and bool(
        re.search("[。！？；]", line.text))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_LINES, st.data())
def test_prose_lines_survive_whatever_trafilatura_picked(raw, data):
    lines = [Line(t, share, where) for t, share, where in raw]
    picked = data.draw(st.lists(st.sampled_from([ln.text for ln in lines] or ["空"]), max_size=6))
    comments = data.draw(st.lists(st.sampled_from([ln.text for ln in lines] or ["空"]), max_size=2))
    found = Pick(text="\n".join(picked), comments="\n".join(comments), meta={})
    keep = keep_lines(lines, found)
    assert len(keep) == len(lines)
    for line, kept in zip(lines, keep):
        in_comments = any(_norm(line.text) in _norm(c) for c in comments) and _norm(line.text) not in _norm(found.text)
        if _prose(line) and not in_comments:
            assert kept, line


def test_keep_lines_on_a_small_page():
    lines = [Line("首页 政务公开 新闻中心", 1.0, (0,)), Line("当前位置：首页 > 正文", 0.4, (1,)),
             Line("网格化管理提升治理效能", 0.0, (2, 0)), Line("【字号：大 中 小】", 0.3, (2, 1)),
             Line("县里把全县划分为312个综合网格，每格配备专职网格员。", 0.0, (2, 2, 0)),
             Line("一、主要做法", 0.0, (2, 2, 1)),
             Line("网格员每天走访入户，收集群众反映的问题。", 0.0, (2, 2, 2)),
             Line("县委政法委", 0.0, (2, 2, 3)),
             Line("上一篇：县召开推进会", 0.7, (3,)), Line("版权所有：某县人民政府 网站标识码：123", 0.0, (4,))]
    found = Pick(text="县里把全县划分为312个综合网格，每格配备专职网格员。\n网格员每天走访入户，收集群众反映的问题。",
                 meta={"title": "网格化管理提升治理效能"})
    kept = [ln.text for ln, k in zip(lines, keep_lines(lines, found)) if k]
    # the headline, the core, the section head inside it and the signature in the article's element;
    # not the tool bar between headline and text
    assert kept == ["网格化管理提升治理效能", lines[4].text, "一、主要做法", lines[6].text, "县委政法委"]


def test_a_data_table_next_to_the_text_is_kept_though_trafilatura_left_it_out():
    intro = "现将本村本季度财务收支情况公布如下，接受全体村民监督。"
    lines = [Line(intro, 0.0, (1, 0)), Line("项目\t金额（元）", 0.0, (1, 1, 0)), Line("道路维修\t3000.00", 0.0, (1, 1, 1)),
             Line("公开时间：2024年7月1日", 0.0, (1, 2)), Line("网站地图 | 联系我们", 0.9, (2,)),
             Line("主办单位：某镇人民政府", 0.0, (3,))]
    found = Pick(text=f"{intro}\n公开时间：2024年7月1日\n主办单位：某镇人民政府")
    kept = [ln.text for ln, k in zip(lines, keep_lines(lines, found)) if k]
    assert kept == [ln.text for ln in lines[:4]]  # the footer trafilatura kept stays out: links stand between
