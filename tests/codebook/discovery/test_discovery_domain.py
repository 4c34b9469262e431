"""Which discovered names code_patterns reports by default: the evidence of codebook.discovery.domain.

The fixtures are invented, in the style of a government work report (about the economy, where a
find needs evidence that it is a way of governing) and of a township's case report.
"""
from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from governance_kit.codebook import code_patterns
from governance_kit.codebook.discovery import discover
from governance_kit.codebook.discovery.domain import (
    default_domain,
    economy_document,
    evidence,
    keep,
    load_domain,
    widespread,
)
from governance_kit.codebook.discovery.finder import precise, precise_discover, precise_discover_corpus
from governance_kit.corpus import as_documents
from governance_kit.errors import RuleFileError

ECONOMY = ("过去一年，全市产业转型加快，制造业增加值增长百分之八，新能源汽车和人工智能产业集群壮大，外贸出口、招商引资稳中有进，"
           "文旅消费持续升温，交通、能源、算力等基础设施项目加快建设，科技创新平台和人才引育取得新成效。")
REPORT = (ECONOMY + "实施“飞鹰计划”企业培育工程，新增上市企业五家。" + ECONOMY
          + "全体干部坚决做到“两个坚定”。全市安全生产事故起数和死亡人数实现“双下降”。做好“三农”工作。" + ECONOMY
          + "推广城关镇“板凳议事”基层治理模式，推行柳河县“三色预警”工作机制。")
CASE = ("桃源镇以党建引领乡村治理，在各村推行“板凳议事”，村民围坐议事，小事不出村。"
        "镇里还探索“五彩课堂”，组织老党员、乡贤给村民讲政策、讲村规民约。")


def kept(text: str) -> list[str]:
    return [d.name for d in precise_discover(text)]


def test_a_work_report_is_a_document_about_the_economy_and_a_case_report_is_not():
    assert economy_document(REPORT)
    assert not economy_document(CASE)


def test_programme_doctrine_result_and_ordinary_word_are_dropped_from_a_work_report():
    found = {d.name for d in precise(discover(REPORT))}
    assert {"飞鹰计划", "两个坚定", "双下降"} <= found  # discovery itself finds them
    assert kept(REPORT) == ["板凳议事", "三色预警"]


def test_the_evidence_names_what_was_seen():
    found = {d.name: evidence(d, REPORT) for d in discover(REPORT)}
    assert "名为项目工程" in found["飞鹰计划"][1]
    assert "提法" in found["两个坚定"][1]
    assert "名含成效" in found["双下降"][1]
    pro, con = found["板凳议事"]
    assert {"治理词", "后接机制词", "地名在前"} <= set(pro) and not con
    pro, con = found["三色预警"]  # no governance word in the name: the place and 工作机制 keep it
    assert "治理词" not in pro and {"后接机制词", "地名在前"} <= set(pro)


def test_a_programme_name_without_quotes_is_dropped_too():
    text = ECONOMY * 3 + "深入开展服务业扩容提质行动，启动制造业焕新计划。"
    assert "服务业扩容提质行动" in [d.name for d in discover(text)]
    assert "服务业扩容提质行动" not in kept(text)


def test_a_name_cut_out_of_a_longer_word_is_no_name():
    text = "桃源镇推行积分制，把创新要素积分为路径写进方案。"
    found = {d.name: d for d in discover(text)}
    for d in found.values():
        if d.name == "要素积分":
            assert not keep(evidence(d, text))


def test_a_case_report_keeps_its_coinages_without_extra_evidence():
    assert {"板凳议事", "五彩课堂"} <= set(kept(CASE))


def test_a_name_found_in_many_documents_of_a_corpus_is_down_weighted():
    local = ["芦溪村推行“板凳议事”，村民议事有了固定场所。", "青石镇在各村组建“红袖调解队”，化解邻里纠纷。"]
    common = [f"第{i}村开展“五彩课堂”，组织群众学习。" for i in "一二三四五六"]
    texts = local + common
    per_document = [[d.name for d in precise_discover(t)] for t in texts]
    over_corpus = [[d.name for d in found] for found in precise_discover_corpus(texts)]
    assert all("五彩课堂" in names for names in per_document[2:])  # each document alone keeps it
    assert not any("五彩课堂" in names for names in over_corpus)   # the corpus shows it is everywhere
    assert over_corpus[:2] == per_document[:2] == [["板凳议事"], ["红袖调解队"]]


def test_a_governed_name_survives_being_everywhere():
    texts = [f"第{i}镇推行“板凳议事”，村民议事有了固定场所。" for i in "一二三四五六"]
    assert all(found and found[0].name == "板凳议事" for found in precise_discover_corpus(texts))


def test_a_small_corpus_is_coded_document_by_document():
    texts = [f"第{i}村开展“五彩课堂”，组织群众学习。" for i in "一二三"]
    assert [[d.name for d in f] for f in precise_discover_corpus(texts)] == [kept(t) for t in texts]
    assert widespread([["五彩课堂"]] * 3) == set()
    assert widespread([["五彩课堂"]] * 5 + [["板凳议事"]] * 1) == {"五彩课堂"}


def test_code_patterns_applies_the_corpus_pass_and_all_still_gives_everything():
    texts = [f"第{i}村开展“五彩课堂”，组织群众学习。" for i in "一二三四五六"]
    one = code_patterns(texts[0])
    assert "五彩课堂" in set(one[one.source == "discovered"].match)
    many = code_patterns([dataclasses.replace(as_documents(t)[0], doc_id=f"村{i}") for i, t in enumerate(texts)])
    assert "五彩课堂" not in set(many[many.source == "discovered"].match)
    everything = code_patterns(REPORT, discover="all")
    assert {"飞鹰计划", "两个坚定", "双下降"} <= set(everything[everything.source == "discovered"].match)
    default = code_patterns(REPORT)
    assert not {"飞鹰计划", "两个坚定", "双下降"} & set(default[default.source == "discovered"].match)


_LABELS_FOR = ["治理词", "后接机制词", "后接治理词", "地名在前", "加号"]
_LABELS_AGAINST = ["名含经济产业词", "后接经济产业词", "名为项目工程", "后接项目工程", "不成名称", "成效", "提法",
                   "常用词", "经济语境", "多篇通用"]


@given(st.lists(st.sampled_from(_LABELS_FOR), unique=True), st.lists(st.sampled_from(_LABELS_AGAINST), unique=True),
       st.sampled_from(_LABELS_FOR), st.sampled_from(_LABELS_AGAINST), st.booleans())
def test_more_evidence_for_never_drops_and_more_against_never_keeps(pro, con, extra_for, extra_against, needs):
    before = keep((pro, con), needs_evidence=needs)
    if before:
        assert keep((pro, con), needs_evidence=False)  # asking for evidence never keeps more
    if extra_against not in con and not before:
        assert not keep((pro, con + [extra_against]), needs_evidence=needs)
    if not con:
        assert keep((pro, con), needs_evidence=needs) == (bool(pro) or not needs)


def test_the_word_lists_load_and_a_broken_file_is_reported_in_chinese(tmp_path):
    dm = default_domain()
    assert "治理" in dm.governance_words and "产业" in dm.programme_words and dm.corpus_min_batch >= 2
    bad = tmp_path / "domain.yaml"
    bad.write_text("source: 测试\ngovernance_words: 治理\n", encoding="utf-8")
    try:
        load_domain(bad)
    except RuleFileError as exc:
        assert "governance_words" in str(exc) and "应为" in str(exc)
    else:
        raise AssertionError("a malformed word list was accepted")
