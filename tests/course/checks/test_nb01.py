"""Checks of notebook 01: right answers pass, blanks and typical mistakes fail with their own hint."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

import governance_kit as gk
from governance_kit.corpus import bundled_corpus_dir
from governance_kit.course.checks import nb01
from check_helpers import fails, passes

SOURCE = Path(__file__).resolve().parents[3] / "exercises" / "source" / "01_cleaning" / "01_cleaning.ipynb"
FOOTER_RULE = """rules:
  - id: site_maintainer
    label: 网站维护单位声明
    zone: {zone}
    pattern: '{pattern}'
"""


@pytest.fixture(scope="module")
def corpus():
    return gk.load_corpus()


@pytest.fixture(scope="module")
def doc():
    return gk.read_document(bundled_corpus_dir() / "jiangsu_urban_rule_of_law_2019.txt")


@pytest.fixture(scope="module")
def changes(doc):
    return doc.cleaning.to_frame()


@pytest.mark.parametrize("check", [nb01.ex1, nb01.ex2, nb01.ex3, nb01.ex4, nb01.ex1_hidden, nb01.ex3_hidden,
                                   nb01.ex4_hidden])
def test_unanswered(check):
    fails(check, ..., "还没有作答")


def test_notebook_shows_the_samples_the_checks_use():
    cells = ["".join(c["source"]) for c in json.loads(SOURCE.read_text(encoding="utf-8"))["cells"]]
    code = "\n".join(cells)
    assert json.dumps(nb01.FOOTER_SAMPLE, ensure_ascii=False) in code
    assert json.dumps(nb01.DEMO_GBK_TEXT, ensure_ascii=False) in code


# --------------------------------------------------------------------------- 1.1
def test_ex1_right_answer(changes, capsys):
    answer = (changes["kind"] == "pinyin").sum()
    passes(nb01.ex1, answer, capsys, "1.1")
    passes(nb01.ex1_hidden, answer, capsys, "1.1")


def test_ex1_mistakes(doc, changes, corpus):
    report = doc.cleaning
    assert len(report.pinyin_notes) != report.counts["pinyin"]  # some notes lost their bracket
    fails(nb01.ex1, 0, "0 处")
    fails(nb01.ex1, len(changes), "全部改动")
    fails(nb01.ex1, len(report.pinyin_notes), "左括号")
    fails(nb01.ex1, report.counts["removed"], "removed 类")
    fails(nb01.ex1, corpus["gaoqiao_2024"].cleaning.counts["pinyin"], "gaoqiao_2024")
    fails(nb01.ex1, changes["kind"] == "pinyin", ".sum()")
    fails(nb01.ex1, report.counts["pinyin"] + 1, "处数不对")
    fails(nb01.ex1_hidden, report.counts["pinyin"] + 1, "重新清洗")


# --------------------------------------------------------------------------- 1.2
def _pair(doc, fix):
    return (fix.original, doc.text[fix.clean_start:fix.clean_end])


def test_ex2_right_answers(doc, capsys):
    assert len(doc.cleaning.repaired) >= 2
    for fix in doc.cleaning.repaired[1:]:
        passes(nb01.ex2, _pair(doc, fix), capsys, "1.2")
    passes(nb01.ex2, list(_pair(doc, doc.cleaning.repaired[-1])), capsys, "1.2")


def test_ex2_mistakes(doc, corpus):
    report = doc.cleaning
    fix = report.repaired[-1]
    garbled, clean = _pair(doc, fix)
    fails(nb01.ex2, _pair(doc, report.repaired[0]), "第一处")
    fails(nb01.ex2, fix, "整条改动记录")
    fails(nb01.ex2, garbled, "元组")
    fails(nb01.ex2, (clean, garbled), "顺序反了")
    other = corpus["gaoqiao_2024"].cleaning.repaired[0]
    fails(nb01.ex2, (other.original, other.replacement), "gaoqiao_2024")
    handcopied = "".join(ch for ch in garbled if not 0xE000 <= ord(ch) <= 0xF8FF) + "？"
    fails(nb01.ex2, (handcopied, clean), "不要手抄")
    fails(nb01.ex2, (report.lost[0].original, "□"), "缺字")
    fails(nb01.ex2, (report.flagged[0].original, report.flagged[0].original), "flagged")
    note = report.pinyin[0]
    fails(nb01.ex2, (note.original, ""), "pinyin 类")
    fails(nb01.ex2, (garbled, garbled), "还是乱码")
    fails(nb01.ex2, (garbled, fix.replacement[:-1]), "不一致")


# --------------------------------------------------------------------------- 1.3
def _rules(tmp_path, yaml_text: str, name: str = "rules.yaml"):
    path = tmp_path / name
    path.write_text(yaml_text, encoding="utf-8")
    return gk.load_rules(path)


def test_ex3_right_answers(tmp_path, capsys):
    for zone, pattern in [("tail", "本网站由.{1,30}维护"), ("any", "本网站由.+维护")]:
        rules = _rules(tmp_path, FOOTER_RULE.format(zone=zone, pattern=pattern))
        passes(nb01.ex3, rules, capsys, "1.3")
        passes(nb01.ex3_hidden, rules, capsys, "1.3")
        passes(nb01.ex3, gk.default_rules() + rules, capsys, "1.3")  # with the defaults added: fine too
    contains = _rules(tmp_path, FOOTER_RULE.format(zone="any", pattern="本网站由") + "    match: contains\n")
    passes(nb01.ex3_hidden, contains, capsys, "1.3")


def test_ex3_mistakes(tmp_path):
    fails(nb01.ex3, FOOTER_RULE.format(zone="tail", pattern="本网站由.{1,30}维护"), "YAML 文字")
    fails(nb01.ex3, {"pattern": "本网站由"}, "gk.load_rules")
    fails(nb01.ex3, gk.default_rules(), "默认规则")
    fails(nb01.ex3, _rules(tmp_path, FOOTER_RULE.format(zone="head", pattern="本网站由.{1,30}维护")), "head")
    fails(nb01.ex3, _rules(tmp_path, FOOTER_RULE.format(zone="tail", pattern="本网站由")), "整行匹配")
    fails(nb01.ex3, _rules(tmp_path, FOOTER_RULE.format(zone="any", pattern=".+")), "误删")
    fails(nb01.ex3, _rules(tmp_path, FOOTER_RULE.format(zone="tail", pattern="网站维护")), "没有被删掉")


def test_ex3_hard_coded_unit_name_fails(tmp_path):
    # used to pass the visible check although the statement says not to write 清河县 into the pattern
    literal = _rules(tmp_path, FOOTER_RULE.format(zone="tail", pattern="本网站由清河县融媒体中心维护"))
    fails(nb01.ex3, literal, "写死了“清河县”")
    fails(nb01.ex3_hidden, literal, "写死了“清河县”")
    partly = _rules(tmp_path, FOOTER_RULE.format(zone="tail", pattern="本网站由清河县.{1,30}维护"))
    fails(nb01.ex3, partly, "写死了“清河县”")
    other = _rules(tmp_path, FOOTER_RULE.format(zone="tail", pattern="本网站由.{1,3}县融媒体中心维护"))
    fails(nb01.ex3, other, "换一个单位名")  # no 清河 in it, but the town's footer stays


def test_ex3_hidden_mistakes(tmp_path):
    broad = _rules(tmp_path, FOOTER_RULE.format(zone="any", pattern="本网站由.+维护|.*治理.*"))
    fails(nb01.ex3, broad, "改动了语料")  # checked live, not only at grading
    fails(nb01.ex3_hidden, broad, "改动了语料")


def test_ex3_a_rule_that_deletes_any_body_line_fails(tmp_path):
    greedy = _rules(tmp_path, FOOTER_RULE.format(zone="any", pattern=".*维护"))
    fails(nb01.ex3, greedy, "正文被误删了（“小区的路灯和健身器材由物业公司负责维护”这一行）")


# --------------------------------------------------------------------------- 1.4
def _gbk_doc(tmp_path, text: str, name: str = "mine.txt", encoding: str = "gbk"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return gk.read_document(path)


OWN_TEXT = "我们镇推行“街巷议事厅”,每月第一个周六由居民代表商量小区停车和加装电梯的事。"


def test_ex4_right_answer(tmp_path, capsys):
    my_doc = _gbk_doc(tmp_path, OWN_TEXT)
    passes(nb01.ex4, my_doc, capsys, "1.4")
    passes(nb01.ex4_hidden, my_doc, capsys, "1.4")


def test_ex4_mistakes(tmp_path):
    my_doc = _gbk_doc(tmp_path, OWN_TEXT)
    fails(nb01.ex4, my_doc.text, "不是文字本身")
    fails(nb01.ex4, 42, "gk.read_document")
    fails(nb01.ex4, gk.read_document(OWN_TEXT.encode("gbk"), name="mine.txt"), "找不到")
    fails(nb01.ex4, _gbk_doc(tmp_path, OWN_TEXT, "utf8.txt", "utf-8"), "UTF-8 编码")
    fails(nb01.ex4, _gbk_doc(tmp_path, "grid workers visit every household", "ascii.txt"), "没有汉字")
    fails(nb01.ex4, _gbk_doc(tmp_path, OWN_TEXT, "utf16.txt", "utf-16"), "不是 GBK")
    fails(nb01.ex4, _gbk_doc(tmp_path, nb01.DEMO_GBK_TEXT, "demo.txt"), "示例")
    misread = dataclasses.replace(my_doc, meta={**my_doc.meta, "encoding": "big5"})
    fails(nb01.ex4, misread, "识别成了 big5")
    Path(my_doc.path).write_bytes("我们社区有六个网格。".encode("gbk"))  # changed after reading
    fails(nb01.ex4, my_doc, "重新存盘")
    Path(my_doc.path).unlink()
    fails(nb01.ex4_hidden, my_doc, "找不到")
