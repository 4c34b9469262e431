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
