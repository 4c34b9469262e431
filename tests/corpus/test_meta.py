"""Metadata from the text alone (no catalog): titles, authors, dates, sources, genres of the seeds."""
from __future__ import annotations

import pytest

from governance_kit.corpus.meta import genre_scores, guess_genre, infer_meta, iso_date

EXPECTED = {
    "sheyang_2023": dict(title="“三治融合”推进基层治理现代化的射阳实践与启示", author=["赵惠林"], date="2023-05-22",
                         genre="case_report", affiliation="中共射阳县委党校"),
    "jiangsu_2019": dict(title="城市基层治理法治化的实现路径", author=["孙肖远"], date="2019-03-23",
                         genre="academic_article", source="《唯实》2019年第3期", keywords="法治化网格街道"),
    "interview_2024": dict(title="推进基层治理现代化", kicker="学习《习近平关于基层治理论述摘编》",
                           author=["韩亚栋", "管筱璞"], date="2024-01-16", genre="interview", source="中国纪检监察报"),
    "qingzhou_novel": dict(title=None, author=[], date=None, genre="fiction"),
    "gaoqiao_2024": dict(title="推进基层治理提质增效", author=["段谟法"], date=None, genre="case_report"),
}


@pytest.mark.parametrize("doc_id", EXPECTED)
def test_metadata_stated_in_the_text(doc_id, seed_clean):
    result = seed_clean[doc_id]
    meta = infer_meta(result.text, result.report)
    for key, value in EXPECTED[doc_id].items():
        assert meta[key] == value, key


def test_novel_is_fiction_because_of_its_site_advert(seed_clean):
    scores = genre_scores(seed_clean["qingzhou_novel"].text, seed_clean["qingzhou_novel"].report)
    assert scores["fiction"] > max(v for k, v in scores.items() if k != "fiction")
    # without the report (so without the removed advert) the same text is not recognised as fiction
    assert guess_genre(seed_clean["qingzhou_novel"].text) != "fiction"


def test_policy_document_cues():
    text = "各省、自治区、直辖市民政厅:\n现将《关于加强村务公开的意见》印发给你们,请认真贯彻执行。\n第一条 为了规范村务公开,制定本办法。\n第二条 本办法自2024年1月1日起施行。"
    assert guess_genre(text) == "policy_document"


@pytest.mark.parametrize(
    "value, iso",
    [("2023年05月22日", "2023-05-22"), ("2019-03-23 01:17", "2019-03-23"), ("2024/1/6", "2024-01-06"),
     ("(2024年1月16日第4版)", "2024-01-16"), ("2024-13-01", None), ("网格1993个", None), (None, None)],
)
def test_iso_date(value, iso):
    assert iso_date(value) == iso


# --- documents of the wider genres (invented, in the layout of real ones) ---------------------------------

WORK_REPORT = """下载
打印
全屏
【字号：加大 还原 减小】
政府工作报告
——2019年1月26日在湖州市第八届人民代表大会第三次会议上
湖州市市长 王某某
来源：某某日报 时间：2019-02-02
各位代表：
现在，我代表市人民政府，向大会报告政府工作，请予审议，并请市政协委员和其他列席人员提出意见。
一、2018年工作回顾
过去一年，全市上下坚持稳中求进，地区生产总值增长百分之八，城乡居民收入稳步提高，基层治理体系不断完善。
二、2019年主要任务
今年经济社会发展的主要预期目标是：地区生产总值增长百分之七左右，城镇新增就业三万人以上。"""

LAW = """# 浙江省村务监督条例
（2018年3月11日浙江省第十三届人民代表大会常务委员会第二次会议通过）
第一章 总 则
第一条 为了规范村务监督工作，保障村民的知情权、参与权和监督权，根据有关法律，结合本省实际，制定本条例。
第二条 本省行政区域内的村务监督工作，适用本条例。
第三条 村务监督委员会依法履行监督职责，接受村民会议和村民代表会议的监督。
第二章 村务监督委员会
第四条 村务监督委员会由三至五人组成，其成员由村民会议或者村民代表会议选举产生。
第三章 附 则
第五条 本条例自2018年6月1日起施行。"""

PLAN = """某某县乡村振兴规划（2021—2025年）
第一章 规划背景
“十三五”以来，全县农业农村发展取得显著成效，农村人居环境明显改善，乡村治理体系逐步健全。
第二章 总体要求
规划期为2021年至2025年。到2025年，乡村振兴取得重要进展，城乡融合发展体制机制基本建立。
专栏1 乡村治理重点工程
第三章 保障措施
各乡镇要把规划实施纳入年度考核，确保各项目标任务落到实处。"""

SPEECH = """在全县基层治理工作推进会上的讲话
县委书记 张某某
（2024年3月15日）
同志们：
今天召开全县基层治理工作推进会，主要任务是总结去年工作，部署今年任务。我讲三点意见。
一、提高站位，充分认识基层治理的重要意义
基层治理是国家治理的基石。各乡镇要把基层治理摆在突出位置，切实抓紧抓好。"""

INTERVIEW = """社区书记谈楼栋议事
主持人：今天请到某社区的王书记。王书记，楼栋议事是怎么来的？
王书记：老小区矛盾多，大家有事没地方商量，我们就把议事会开到了楼道里。
主持人：一开始居民愿意来吗？
王书记：开头几次人不多，后来解决了加装电梯的事，来的人就多了。
主持人：下一步还有什么打算？
王书记：我们想把楼栋议事和网格结合起来，让小事不出楼栋。"""

NOVEL = """第三章 夜雨
李明推开门，雨还在下。他看了一眼桌上的文件，叹了口气。
“你真的要去？”她问。
“不去不行。”他说，“明天就要开会了。”
她没有说话，只是把伞递给他。他接过伞，走进了雨里。
第四章 会场
会场里坐满了人。他找了个角落坐下，心里却一直想着她刚才的眼神。
“李主任来了！”有人喊道。他站起身，笑着说：“大家好。”"""


def _meta(text: str, **kw) -> dict:
    from governance_kit.clean import clean_text

    result = clean_text(text)
    return infer_meta(result.text, result.report, **kw)


def test_a_work_report():
    meta = _meta(WORK_REPORT)
    assert meta["title"] == "湖州市政府工作报告"  # the bare title takes the place its meeting line names
    assert (meta["date"], meta["province"], meta["genre"]) == ("2019-01-26", "浙江省", "work_report")
    assert meta["meeting"] == "湖州市第八届人民代表大会第三次会议" and meta["speaker"] == "王某某"
    assert meta["author"] == ["王某某"] and meta["dates"]["published"] == "2019-02-02"
    assert any("人民代表大会" in cue for cue in meta["genre_evidence"])


def test_a_law():
    meta = _meta(LAW)
    assert (meta["title"], meta["date"], meta["genre"], meta["province"]) == (
        "浙江省村务监督条例", "2018-03-11", "law_regulation", "浙江省")
    assert meta["dates"]["adopted"] == "2018-03-11"


def test_a_plan_a_speech_and_an_interview():
    assert _meta(PLAN)["genre"] == "plan"
    speech = _meta(SPEECH)
    assert (speech["genre"], speech["speaker"], speech["date"]) == ("speech", "张某某", "2024-03-15")
    assert _meta(INTERVIEW)["genre"] == "interview"


@pytest.mark.parametrize("text", [WORK_REPORT, LAW, PLAN, SPEECH, INTERVIEW])
def test_official_texts_are_never_fiction(text):
    assert _meta(text)["genre"] != "fiction"


def test_fiction_needs_evidence_of_fiction():
    meta = _meta(NOVEL)
    assert meta["genre"] == "fiction" and len(meta["genre_evidence"]) >= 2


def test_journal_front_matter_gives_keywords_and_affiliation_not_the_title():
    text = ("乡村议事协商的实践逻辑\n张某 李某某\n(某某大学 政治学院,江苏 苏州 215000)\n"
            "摘 要:本文以某县为例,讨论议事协商的运行机制。\n关键词:议事协商;乡村治理\n"
            "中图分类号:D63 文献标识码:A 文章编号:1000-0000(2022)01-0001-08\n一、问题的提出\n"
            "议事协商是基层民主的重要形式,近年来各地探索出多种做法,本文对此作一梳理。")
    meta = _meta(text)
    assert meta["title"] == "乡村议事协商的实践逻辑" and meta["author"] == ["张某", "李某某"]
    assert meta["keywords"] == "议事协商;乡村治理" and meta["affiliation"].startswith("某某大学")
    assert meta["genre"] == "academic_article"


def test_front_matter_title_and_date_win_over_guessed_ones():
    text = "某镇议事长廊让村民有事好商量\n发布时间:2024-03-15\n近日,某镇在各村建起议事长廊,村民有事当面商量。"
    assert _meta(text)["date"] == "2024-03-15"
    stated = _meta(text, stated={"title": "某镇议事长廊让村民有事好商量_某某新闻网", "date": "2024-05-01"})
    assert (stated["title"], stated["date"]) == ("某镇议事长廊让村民有事好商量", "2024-05-01")
    other = _meta(text, stated={"title": "议事长廊：一个镇的尝试", "genre": "case_report"})
    assert (other["title"], other["genre"]) == ("议事长廊：一个镇的尝试", "case_report")
    assert other["genre_evidence"] == ["文件自身注明的体裁"]


@pytest.mark.parametrize("stated", ["某某县人民政府门户网站", "Microsoft Word - 文档1.docx", "新建 DOCX 文档.docx"])
def test_a_container_title_that_is_no_title_gives_way(stated):
    text = "某镇议事长廊让村民有事好商量\n近日,某镇在各村建起议事长廊,村民有事当面商量。"
    assert _meta(text, stated={"title": stated})["title"] == "某镇议事长廊让村民有事好商量"
