"""Cleaning rules: the data file loads, bad rule files give Chinese errors naming file and rule."""
from __future__ import annotations

import pytest

from governance_kit import clean_text
from governance_kit.clean.boilerplate import default_rules, find_boilerplate, is_body_line, load_rules
from governance_kit.errors import RuleFileError


def test_bundled_rules_load_and_have_unique_ids():
    rules = default_rules()
    assert len(rules) >= 20
    assert len({r.id for r in rules}) == len(rules)
    assert all(r.label for r in rules)


@pytest.mark.parametrize(
    "yaml_text, fragment",
    [
        ("rules: [{id: a, label: x}]", "缺少字段 pattern"),
        ("rules: [{id: a, label: x, pattern: '('}]", "正则表达式无效"),
        ("rules: [{id: a, label: x, pattern: 'x', zone: top}]", "zone"),
        ("rules: [{id: a, label: x, pattern: 'x'}, {id: a, label: y, pattern: 'y'}]", "重复"),
        ("rules: [{id: a, label: x, kind: keywords}]", "terms"),
        ("nothing: here", "rules"),
        ("rules: [unclosed", "YAML"),
    ],
)
def test_bad_rule_files_name_the_problem(tmp_path, yaml_text, fragment):
    path = tmp_path / "rules.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_rules(path)
    assert fragment in str(info.value)
    assert "rules.yaml" in str(info.value)
    if "YAML" not in fragment and "rules" != fragment:
        assert "第 1 行" in str(info.value)


def test_a_custom_rule_removes_a_new_site_footer(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text(
        "rules:\n  - id: my_footer\n    label: 本地网站页脚\n    pattern: '本网站由.*维护'\n",
        encoding="utf-8",
    )
    text = "我县推进网格化管理,全县划分综合网格1993个。\n本网站由县融媒体中心维护"
    result = clean_text(text, rules=load_rules(path))
    assert result.text == "我县推进网格化管理,全县划分综合网格1993个。"
    assert result.report.removed[0].rule == "my_footer"


@pytest.mark.parametrize(
    "line, body",
    [
        ("我县大力推进党建统领镇村网格社会治理工作的现代化建设,全力构建新格局。", True),
        ("记者:如何发展基层协商民主,增强基层民主活力?", True),
        ("一、自治、法治、德治相结合的城乡基层治理的射阳实践", False),
        ("阅读量:718", False),
    ],
)
def test_body_lines(line, body):
    assert is_body_line(line) is body


def test_head_rules_do_not_touch_body_paragraphs():
    # a date line inside the body is content (e.g. a dated entry), not page furniture
    text = "标题\n2023年05月22日\n第一段正文很长很长,讲述了网格化管理的做法和成效,以及群众的评价。\n2023年05月22日\n第二段正文也很长,说明了议事协商的程序和公开的要求。"
    hits = find_boilerplate(text)
    assert [h.text for h in hits] == ["2023年05月22日"]


def test_bare_author_needs_a_surname():
    hits = find_boilerplate("网格治理\n赵惠林\n正文第一段讲述了基层治理的实践,内容很长很长很长。")
    assert [h.rule.id for h in hits] == ["bare_author"]
    hits = find_boilerplate("网格治理\n共同缔造\n正文第一段讲述了基层治理的实践,内容很长很长很长。")
    assert hits == []


# --- the bundled files, edited while a kernel runs ---------------------------------------------------

def test_a_yaml_syntax_error_is_explained_in_chinese_with_its_line(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text("rules:\n  - id: a\n    label: x\n    pattern: 'x'\n  - id: b\n\tlabel: y\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"rules\.yaml 第 6 行:YAML 格式错误:不能用 Tab 缩进"):
        load_rules(path)


@pytest.mark.parametrize("field, value", [("zone", "top"), ("kind", "page"), ("match", "word")])
def test_a_field_outside_its_choices_names_them(tmp_path, field, value):
    path = tmp_path / "rules.yaml"
    path.write_text(f"rules:\n  - id: a\n    label: x\n    pattern: 'x'\n    {field}: {value}\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=rf"rules\.yaml 第 2 行\(第 1 条规则\)\(a\):{field} 只能是 .* 之一,收到的是 '{value}'"):
        load_rules(path)


def test_surnames_are_reread_after_an_edit(bundled_copy):
    from governance_kit.clean import boilerplate

    copy = bundled_copy(boilerplate.SURNAMES_FILE, boilerplate)
    assert not boilerplate.is_person_names("氿小明")
    with copy.open("a", encoding="utf-8") as fh:
        fh.write("\n氿\n")
    assert boilerplate.is_person_names("氿小明")


def test_a_button_word_starting_with_a_surname_is_not_an_author():
    report = clean_text("全屏\n林峰\n今年以来,临溪镇把全镇划分为86个综合网格,每个网格配备一名专职网格员。", chrome=False).report
    assert report.fields().get("author") == ["林峰"]


@pytest.mark.parametrize("line, removed", [
    ("欢迎访问清溪县人民政府网站", True),
    ("欢迎您光临桐溪论坛！", True),
    ("您好，欢迎来到河阳发布客户端", True),
    ("欢迎来到新时代", False),  # a title, not a site
    ("欢迎来到桃花村，这里山清水秀", False),
])
def test_a_site_s_welcome_line_before_the_text_is_removed(line, removed):
    body = "今年以来，清溪县把全县划分为一百二十个网格，每个网格配备专职网格员，群众反映的问题当天受理。"
    result = clean_text(f"{line}\n{body}")
    assert (line not in result.text) is removed
    if not removed:  # a line that is no welcome stays wherever it stands
        assert clean_text(f"{body}\n{line}").text.endswith(line)


@pytest.mark.parametrize("line", ["张家界市", "王家村", "高桥街道", "林甸县"])
def test_a_place_starting_with_a_surname_is_not_an_author_line(line):
    # a one-line text such as a place name used to come out empty
    assert clean_text(line).text == line
    assert clean_text(f"{line}\n今年以来，全县把网格化管理延伸到每一个自然村，群众办事不出村。").text.startswith(line)


def test_a_bare_author_line_is_still_removed():
    result = clean_text("王建国\n今年以来，全县把网格化管理延伸到每一个自然村，群众办事不出村。")
    assert result.text.startswith("今年以来") and result.report.fields()["author"] == ["王建国"]
