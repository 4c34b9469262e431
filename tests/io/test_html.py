"""HTML pages → text (governance_kit.io.html): declared charset, page chrome from data/html_chrome.yaml,
layout, meta tags, malformed input, and the chrome file itself (re-read after an edit, errors in Chinese).

The rules are tested alone (``extractor="rules"``); trafilatura's main text on top of them is tested in
test_html_maintext.py."""
from __future__ import annotations

import os
import re
import shutil

import badinputs as B
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from governance_kit.datafiles import bundled
from governance_kit.errors import EmptyFileError, RuleFileError
from governance_kit.io import html as H
from governance_kit.io.html import (
    chrome_config,
    declared_charset,
    html_to_text,
    load_chrome,
)

BODY = B.PARA_GRID  # a paragraph long enough to be the page's main text
CHROME = "页面框架文字"
BUNDLED = yaml.safe_load(bundled("html_chrome.yaml").read_text(encoding="utf-8"))


def _page(*parts: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body>{''.join(parts)}</body></html>"


def _text(source: str) -> str:
    return html_to_text(source, "x.html", extractor="rules")[0]


@pytest.fixture
def chrome_copy(tmp_path, monkeypatch):
    """A copy of html_chrome.yaml that the loader reads instead of the bundled file."""
    path = tmp_path / "html_chrome.yaml"
    shutil.copy(bundled("html_chrome.yaml"), path)
    monkeypatch.setattr(H, "chrome_file", lambda: path)
    chrome_config.cache_clear()
    yield path
    chrome_config.cache_clear()


def _rewrite(path, data: dict) -> None:
    """Write ``data`` to ``path`` as YAML, with a later modification time than before."""
    before = path.stat().st_mtime_ns
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    os.utime(path, ns=(before + 10**9, before + 10**9))


# --------------------------------------------------------------------------------------------
# The charset a page declares


@pytest.mark.parametrize("head, expected", [
    (b'<meta charset="gbk">', "gbk"),
    (b"<META CHARSET=UTF-8>", "UTF-8"),
    (b'<meta charset= "  big5">', "big5"),
    (b"<meta http-equiv='Content-Type' content='text/html; charset=GB2312'>", "GB2312"),
    (b'<?xml version="1.0" encoding="big5"?><html>', "big5"),
    (b"<html><head><title>t</title></head>", None),
    (b"<html><body>charset=utf-8</body></html>", None),  # not inside a meta tag
    (b" " * 9000 + b'<meta charset="gbk">', None),  # only the head of the page is looked at
])
def test_declared_charset(head, expected):
    assert declared_charset(head) == expected


# --------------------------------------------------------------------------------------------
# Body text and page chrome


@pytest.mark.parametrize("extractor", ["auto", "rules"])
def test_the_sample_government_page_keeps_its_paragraphs_only(extractor):
    text, meta, warnings = html_to_text(B._page_html(), "page.html", extractor=extractor)
    lines = text.split("\n")
    assert all(p in lines for p in B.HTML_PARAGRAPHS) and lines[0] == B.HTML_HEADLINE
    assert not any(phrase in text for phrase in B.HTML_CHROME)
    assert meta["title"] == B.HTML_TITLE and meta["date"] == "2024-03-15" and warnings == []


def _holds_text(page: str, tag: str) -> bool:
    """Whether the parser puts the chrome text inside ``<tag>`` (not after a void element)."""
    import lxml.html

    found = lxml.html.document_fromstring(page).find(f".//{tag}")
    return found is not None and CHROME in found.text_content()


@pytest.mark.parametrize("tag", sorted(BUNDLED["drop_tags"]))
def test_drop_tags_never_reach_the_text(tag, chrome_copy):
    page = _page(f"<p>{BODY}</p><div><{tag}>{CHROME}</{tag}></div>")
    if not _holds_text(page, tag):
        pytest.skip(f"<{tag}> holds no text")
    assert _text(page) == BODY
    # the control: without the drop list the text is there
    _rewrite(chrome_copy, {**BUNDLED, "drop_tags": []})
    assert CHROME in _text(page)


def test_scripts_and_styles_are_removed_everywhere():
    page = _page(
        f"<p>{BODY}<script>document.write('{CHROME}')</script></p>",
        f"<div><style>.x{{content:'{CHROME}'}}</style>尾巴</div>",
        head=f"<script>var a='{CHROME}';</script><style>p{{}}</style>",
    )
    text = _text(page)
    assert CHROME not in text and "document.write" not in text and "content:" not in text
    assert text.split("\n") == [BODY, "尾巴"]


@pytest.mark.parametrize("tag", sorted(BUNDLED["chrome_tags"]))
def test_chrome_tags_are_removed(tag, chrome_copy):
    page = _page(f"<{tag}>{CHROME}</{tag}>", f"<p>{BODY}</p>")
    assert CHROME not in _text(page)
    # the same page with an empty chrome list keeps the text: the list, not the parser, removed it
    _rewrite(chrome_copy, {**BUNDLED, "chrome_tags": []})
    assert CHROME in _text(page)


@pytest.mark.parametrize("role", sorted(BUNDLED["chrome_roles"]))
def test_chrome_roles_are_removed(role):
    text = _text(_page(f"<div role='{role}'>{CHROME}</div>", f"<p>{BODY}</p>"))
    assert text == BODY


@pytest.mark.parametrize("token", [
    "nav", "topNav", "breadcrumb", "footer", "copyright", "share-box", "bdsharebuttonbox", "comment-list",
    "related-news", "ad-banner", "pagination", "prev-next", "sidebar", "dqwz", "print", "close-window",
    "views", "read-count", "llcs", "qr_container", "pls", "pi", "authi", "po", "pstatus",
])
def test_chrome_classes_and_ids_are_removed(token):
    for attr in ("class", "id"):
        assert _text(_page(f"<div {attr}='{token}'>{CHROME}</div>", f"<p>{BODY}</p>")) == BODY


@pytest.mark.parametrize("token", ["content", "article", "main", "zoom", "TRS_Editor", "canvas", "download",
                                   "article-view", "preview", "plc", "t_f", "postmessage_1", "pic", "poster"])
def test_content_classes_are_kept(token):
    assert _text(_page(f"<div class='{token}'>{CHROME}</div>", f"<p>{BODY}</p>")) == f"{CHROME}\n{BODY}"


def test_hidden_elements_are_removed():
    for attrs in ("hidden", "style='display: none'", "style='visibility:hidden'"):
        assert _text(_page(f"<div {attrs}>{CHROME}</div>", f"<p>{BODY}</p>")) == BODY


def test_a_header_inside_the_article_is_its_own_and_stays():
    page = _page(f"<header>{CHROME}</header>", f"<article><header>文章标题 2024-03-15</header><p>{BODY}</p></article>")
    assert _text(page).split("\n") == ["文章标题 2024-03-15", BODY]


def test_chrome_holding_most_of_the_text_is_kept_but_chrome_inside_it_goes():
    page = _page(f"<form id='form1'><div class='nav'>{CHROME}</div><p>{B.PARA_SIMPLIFIED}</p><p>{BODY}</p></form>")
    assert _text(page).split("\n") == [B.PARA_SIMPLIFIED, BODY]


def test_when_chrome_is_all_there_is_the_whole_page_is_kept_with_a_warning():
    text, _, warnings = html_to_text(_page(f"<div class='nav'>{BODY}</div><p>短</p>"), "x.html", extractor="rules")
    assert text.split("\n") == [BODY, "短"]
    assert len(warnings) == 1 and "几乎没有正文" in warnings[0]


# --------------------------------------------------------------------------------------------
# Layout


def test_blocks_become_lines_and_inline_elements_join():
    page = _page("<div>第一段<span>同一行</span><a href='#'>链接</a></div>", "<h2>小标题</h2><ul><li>一</li><li>二</li></ul>")
    assert _text(page).split("\n") == ["第一段同一行链接", "小标题", "一", "二"]


def test_line_breaks_in_the_source():
    # between Chinese characters a source line break disappears; between Latin words it is a space
    assert _text(_page("<p>网格\n  员</p><p>Grid\nreport</p>")).split("\n") == ["网格员", "Grid report"]


def test_br_nbsp_and_pre():
    page = _page("<p>甲&nbsp;&nbsp;乙<br>丙</p><pre>  代码 1\n\n  代码 2  </pre>")
    assert _text(page).split("\n") == ["甲 乙", "丙", "  代码 1", "  代码 2"]


def test_table_rows_have_tab_separated_cells():
    page = _page("<table><tr><th>乡镇</th><th>网格数</th></tr><tr><td>城关镇</td><td>312</td></tr></table>")
    assert _text(page).split("\n") == ["乡镇\t网格数", "城关镇\t312"]


def test_a_layout_cell_holding_paragraphs_is_a_block():
    page = _page(f"<table><tr><td><p>{BODY}</p></td><td>右栏</td></tr></table>")
    assert _text(page).split("\n") == [BODY, "右栏"]


def test_the_private_use_cell_mark_in_the_source_is_not_mistaken_for_a_cell():
    assert _text(_page("<p>含\ue000私用</p>")) == "含私用"


def test_an_xml_declaration_is_not_text():
    assert _text('<?xml version="1.0" encoding="utf-8"?>' + _page(f"<p>{BODY}</p>")) == BODY


# --------------------------------------------------------------------------------------------
# Meta tags: title, author, date, source, keywords, description


def test_meta_tags_become_front_matter():
    head = (
        "<title>  标题\n 一 </title>"
        "<meta name='dc.creator' content='李四'><meta name='Author' content='张三'>"
        "<meta name='PubDate' content='2024年3月5日 10:00'><meta property='og:site_name' content='某县人民政府'>"
        "<meta name='keywords' content='网格化,枫桥经验'><meta name='description' content='  摘要  '>"
        "<meta name='unrelated' content='不要'>"
    )
    _, meta, _ = html_to_text(_page(f"<p>{BODY}</p>", head=head), None, extractor="rules")
    assert meta == {"title": "标题 一", "author": "张三", "date": "2024-03-05", "source": "某县人民政府",
                    "keywords": "网格化,枫桥经验", "description": "摘要"}


def test_the_earlier_name_in_the_table_wins_whatever_the_order_on_the_page():
    for head in ("<meta name='author' content='张三'><meta name='dc.creator' content='李四'>",
                 "<meta name='dc.creator' content='李四'><meta name='author' content='张三'>"):
        assert html_to_text(_page(f"<p>{BODY}</p>", head=head), None, extractor="rules")[1] == {"author": "张三"}


def test_empty_meta_values_are_skipped():
    head = "<title> </title><meta name='author' content=' '><meta name='dc.creator' content='李四'>"
    assert html_to_text(_page(f"<p>{BODY}</p>", head=head), None, extractor="rules")[1] == {"author": "李四"}


# --------------------------------------------------------------------------------------------
# Empty and malformed pages


@pytest.mark.parametrize("extractor", ["auto", "rules"])
@pytest.mark.parametrize("source, needle", [
    ("", "解析后为空"),
    ("   ", "解析后为空"),
    ("<html></html>", "没有可读的正文"),
    ("<html><head><script>var a = 1;</script></head><body><div id='app'></div></body></html>", "脚本动态加载"),
])
def test_pages_without_text(source, needle, extractor):
    with pytest.raises(EmptyFileError) as info:
        html_to_text(source, "空.html", extractor=extractor)
    assert needle in info.value.reason and info.value.path == "空.html"


def test_unclosed_and_stray_tags_are_read():
    assert _text("<<<>>><p>未闭合<div>还有</span></td>") == "<<<>>>\n未闭合\n还有"


def test_a_control_character_next_to_a_removed_element():
    # lxml will not join "\x08abc" and the tail "def" when the script between them is removed
    assert _text(_page("<p>\x08abc<script>x</script>def</p>")) == "abcdef"
    assert _text(_page("<p>abc</p>\x08<script>x</script>\x07def", "<p>keep\x08me</p>")) == "abc\ndef\nkeep\x08me"
    assert _text(_page("<p>a\ufffeb<span class='share'>分享</span>c</p>")) == "abc"


_PIECES = st.sampled_from([
    "<p>", "</p>", "<div class='nav'>", "</div>", "<table>", "<tr>", "<td>", "<br>", "<script>", "</script>",
    "<!--", "-->", "<![CDATA[", "]]>", "<?xml version='1.0'?>", "<html>", "<body>", "<title>", "</title>",
    "<meta name='author' content='张三'>", "&nbsp;", "&#0;", "&#xD800;", "&bogus;", "<", ">", "\"", "'", "=",
    "网格员", "基层治理", "\n", " ", "\x00", "\x08", "\ue000", "\ud800", "<pre>", "<nav>", "<header>", "<article>",
])


@pytest.mark.parametrize("extractor", ["auto", "rules"])
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES | st.text(max_size=8), max_size=40).map("".join))
def test_malformed_html_gives_text_or_an_empty_file_error(extractor, source):
    try:
        text, meta, warnings = html_to_text(source, None, extractor=extractor)
    except EmptyFileError:
        return
    assert text.strip() and isinstance(meta, dict) and isinstance(warnings, list)


# --------------------------------------------------------------------------------------------
# The chrome file: loaded through datafiles, re-read after an edit, errors in Chinese


def test_the_bundled_file_loads():
    cfg = chrome_config()
    assert cfg.drop_tags == frozenset(BUNDLED["drop_tags"])
    assert cfg.chrome_tags == frozenset(BUNDLED["chrome_tags"]) and "navigation" in cfg.roles
    assert chrome_config() is cfg  # kept while the file is unchanged


def test_an_edit_is_read_again(chrome_copy):
    page = _page(f"<aside>{CHROME}</aside>", f"<p>{BODY}</p>")
    assert _text(page) == BODY
    _rewrite(chrome_copy, {**BUNDLED, "chrome_tags": [t for t in BUNDLED["chrome_tags"] if t != "aside"]})
    assert "aside" not in chrome_config().chrome_tags
    assert _text(page) == f"{CHROME}\n{BODY}"


def test_a_yaml_syntax_error_names_file_and_line_in_chinese(chrome_copy):
    lines = chrome_copy.read_text(encoding="utf-8").splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.startswith("chrome_tags:"))
    lines[at] = "chrome_tags: [nav, header"  # the bracket is never closed
    chrome_copy.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        chrome_config()
    message = str(info.value)
    assert re.match(r"governance_kit/data/html_chrome\.yaml 第 \d+ 行:YAML 格式错误:", message), message
    with pytest.raises(RuleFileError, match="html_chrome.yaml 第"):
        html_to_text(_page(f"<p>{BODY}</p>"), None)  # reading a page reports it too


def _broken(tmp_path, text: str):
    path = tmp_path / "chrome.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_chrome(path, "chrome.yaml")
    return str(info.value)


def test_a_file_without_its_source_line(tmp_path):
    assert _broken(tmp_path, "drop_tags: [script]\n") == "chrome.yaml:缺少 source 说明行或格式不是映射"
    assert _broken(tmp_path, "- a\n- b\n").startswith("chrome.yaml:缺少 source")


def test_a_key_that_is_not_a_list_of_tags_names_its_line(tmp_path):
    message = _broken(tmp_path, "source: 自编\ndrop_tags: [script]\nchrome_tags: nav\n")
    assert message.startswith("chrome.yaml 第 3 行:chrome_tags 应是标签名列表") and "'nav'" in message
    assert _broken(tmp_path, "source: 自编\nchrome_roles: [1, 2]\n").startswith("chrome.yaml 第 2 行:chrome_roles")


def test_a_bad_regex_names_its_line(tmp_path):
    text = "source: 自编\nchrome_patterns:\n  - 'nav'\n  - 'foot(er'\n"
    message = _broken(tmp_path, text)
    assert message.startswith("chrome.yaml 第 4 行:chrome_patterns 中的 'foot(er' 不是有效的正则表达式")
    assert _broken(tmp_path, "source: 自编\nchrome_patterns: nav\n").startswith("chrome.yaml 第 2 行:")


def test_field_labels_must_be_a_list_of_words(tmp_path):
    message = _broken(tmp_path, "source: 自编\nfield_labels: 来源\n")
    assert message.startswith("chrome.yaml 第 2 行:field_labels 应是字段名列表") and "'来源'" in message


def test_field_labels_match_at_the_start_with_either_colon(tmp_path):
    path = tmp_path / "chrome.yaml"
    path.write_text("source: 自编\nfield_labels: [来源, 发布 时间, 'a.b']\n", encoding="utf-8")
    match = load_chrome(path).field_line.match
    assert match("来源：县融媒体中心") and match("【发布时间:2024-03-05") and match("a.b：x")
    assert not match("本文来源：县融媒体中心") and not match("来源于群众") and not match("axb：x")


def test_a_minimal_file_is_enough(tmp_path):
    path = tmp_path / "chrome.yaml"
    path.write_text("source: 自编\n", encoding="utf-8")
    cfg = load_chrome(path)
    assert cfg.drop_tags == frozenset() and not cfg.pattern.search("nav") and cfg.field_line is None
