"""The learned page-chrome scorer: furniture in layouts the rules do not know goes, running text stays."""
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import governance_kit as gk
from governance_kit.clean import chrome
from governance_kit.clean.boilerplate import label_fields, scan_page
from governance_kit.errors import RuleFileError

BODY = [
    "今年以来,临溪镇把全镇划分为86个综合网格,每个网格配备一名专职网格员,群众反映的问题当天登记、当天交办。",
    "一、主要做法",
    "镇党委牵头建立“周三议事日”制度,村民代表、乡贤和驻村干部围坐一桌,共商村里的大事小情,全年议定事项217件。",
    "二、取得成效",
    "群众满意度由去年的87.5%提高到95.2%,信访总量同比下降三成,矛盾纠纷就地化解率达到98%以上。",
]
# furniture in wordings none of the rules of data/boilerplate.yaml names (invented, in the style of portal pages)
PORTAL_HEAD = ["临溪镇人民政府门户网站", "无障碍 | 长者模式 | 手机版", "首页 | 政务公开 | 办事服务 | 互动交流 | 走进临溪",
               "您现在的位置:首页 >> 乡镇动态 >> 正文", "字体:大 中 小 | 打印 | 关闭"]
FORUM_TAIL = ["回复 举报", "返回列表", "您需要登录后才可以回帖 登录 | 立即注册", "2815", "帖子"]


def page(head, body, tail) -> str:
    return "\n".join([*head, "临溪镇:网格里办好群众身边事", *body, *tail])


def removed_by_model(report):
    return [c.original.strip() for c in report.removed if c.rule == "chrome_model"]


def test_portal_header_and_forum_footer_are_removed_and_the_body_kept():
    result = gk.clean_text(page(PORTAL_HEAD, BODY, FORUM_TAIL))
    gone = {c.original.strip() for c in result.report.removed}
    assert set(PORTAL_HEAD[1:]) <= gone
    assert {"回复 举报", "返回列表", "2815"} <= gone
    for line in BODY:
        assert line in result.text
    assert "临溪镇:网格里办好群众身边事" in result.text


def test_every_removed_line_carries_its_reason_and_score():
    report = gk.clean_text(page(PORTAL_HEAD, BODY, FORUM_TAIL)).report
    model = chrome.chrome_model()
    by_model = [c for c in report.removed if c.rule == "chrome_model"]
    assert by_model
    for change in by_model:
        assert change.label.startswith("按行特征判断为版面杂项")
        assert change.score >= model.remove
    frame = report.to_frame()
    assert "score" in frame.columns and frame.loc[frame.rule == "chrome_model", "score"].notna().all()


def test_rules_alone_when_the_model_is_switched_off():
    text = page(PORTAL_HEAD, BODY, FORUM_TAIL)
    assert removed_by_model(gk.clean_text(text, chrome=False).report) == []
    assert "返回列表" in gk.clean_text(text, chrome=False).text


def test_a_text_without_running_text_loses_nothing_to_the_model():
    for text in ("推广枫桥经验", "第一章 总则\n第二章 村民会议\n第三章 村民代表会议", "登录 | 注册"):
        assert removed_by_model(gk.clean_text(text).report) == []


def test_a_line_ending_like_a_sentence_is_flagged_not_removed():
    text = page(["首页 | 新闻 | 公告 | 登录"], BODY, ["点击这里查看更多内容。"])
    result = gk.clean_text(text)
    assert "点击这里查看更多内容。" in result.text
    assert "点击这里查看更多内容。" not in removed_by_model(result.report)


def test_doubtful_lines_are_kept_and_listed_as_suspects(monkeypatch):
    model = chrome.chrome_model()
    monkeypatch.setattr(chrome, "chrome_model", lambda: chrome.ChromeModel(model.intercept, model.weights, 1.01, 0.0, "test"))
    result = gk.clean_text(page(PORTAL_HEAD, BODY, FORUM_TAIL))
    assert all(line in result.text for line in FORUM_TAIL)
    suspects = {c.original.strip() for c in result.report.suspects}
    assert "返回列表" in suspects
    assert all(c.replacement == c.original for c in result.report.suspects)
    assert "疑似杂项" in result.report.summary()


def test_label_value_lines_removed_by_the_model_keep_their_fields():
    head = ["索引号: 114403XX0000/2024-00112 发文字号: 临政办〔2024〕15号", "成文日期: 2024-03-11 主题分类: 民政"]
    report = gk.clean_text(page(head, BODY, [])).report
    fields = report.fields()
    assert fields["发文字号"] == ["临政办〔2024〕15号"]
    assert fields["成文日期"] == ["2024-03-11"]


def test_label_fields_map_known_labels_to_the_rules_field_names():
    assert label_fields("发布时间: 2024-05-06 来源: 县融媒体中心 有效性:", {"发布时间": "date", "来源": "source"}) == {
        "date": "2024-05-06", "source": "县融媒体中心"}


def test_headings_between_paragraphs_are_kept():
    result = gk.clean_text(page(PORTAL_HEAD, BODY, []))
    assert "一、主要做法" in result.text.splitlines() and "二、取得成效" in result.text.splitlines()


SENTENCE = st.text(alphabet="治理网格村民议事会社区服务群众镇党委调解矛盾纠纷积分超市推进建立健全机制", min_size=12, max_size=60)


@settings(max_examples=60, deadline=None)
@given(st.lists(SENTENCE, min_size=1, max_size=6), st.lists(st.sampled_from(PORTAL_HEAD + FORUM_TAIL), max_size=4))
def test_running_text_is_never_removed(sentences, furniture):
    paragraphs = [s + "。" for s in sentences]
    result = gk.clean_text("\n".join(furniture + paragraphs))
    kept = result.text.splitlines()
    for paragraph in paragraphs:
        assert paragraph in kept


def test_scan_page_scores_rule_hits_too():
    scan = scan_page("\n".join(["分享到:", *BODY]))
    assert scan.removed[0].rule.id != "chrome_model" and scan.removed[0].score is not None


def test_a_broken_model_file_is_reported_in_chinese(bundled_copy):
    path = bundled_copy(chrome.MODEL_FILE, chrome)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["weights"]["no_such_feature"] = 1.0
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(RuleFileError, match="未知特征 no_such_feature"):
        chrome.chrome_model()
    path.write_text("{", encoding="utf-8")
    with pytest.raises(RuleFileError, match="模型文件格式不对"):
        chrome.chrome_model()


def test_the_bundled_model_knows_every_weight_it_uses():
    model = chrome.chrome_model()
    assert set(model.weights) <= set(chrome.FEATURES)
    assert 0 < model.flag < model.remove < 1
