"""genres.yaml: read through datafiles (re-read after an edit), mistakes named by file and line in Chinese."""
from __future__ import annotations

import os

import pytest

from governance_kit.corpus import genres
from governance_kit.corpus.genres import GENRES, compile_cues, guess_genre
from governance_kit.errors import RuleFileError

SMALL = """default: news
genres:
  fiction:
    cues:
      - {pattern: '第[一二三]章', weight: 2}
  news:
    cues:
      - {pattern: '记者', weight: 1}
"""


def _compile(text: str):
    import yaml

    return compile_cues(yaml.safe_load(text), text, "genres.yaml")


def test_the_bundled_file_names_every_genre():
    default, cues, _ = genres._genre_cues()
    assert default in GENRES and set(cues) == set(GENRES)


@pytest.mark.parametrize("text, line, words", [
    (SMALL.replace("  news:", "  story:"), 6, "体裁 只能是"),
    (SMALL.replace("{pattern: '记者', weight: 1}", "{pattern: '记者'}"), 8, "缺少 weight"),
    (SMALL.replace("weight: 2}", "weight: 很多}"), 5, "weight 应为数字"),
    (SMALL.replace("'第[一二三]章'", "'第[一二三章'"), 5, "正则表达式无效"),
    (SMALL.replace("{pattern: '记者', weight: 1}", "{weight: 1}"), 8, "pattern(正则)、hint、field 或 feature"),
    (SMALL.replace("default: news", "default: poem"), 1, "default 只能是"),
    (SMALL.replace("{pattern: '记者', weight: 1}", "{feature: rhyme, min: 1, weight: 1}"), 8, "feature 只能是"),
    (SMALL.replace("{pattern: '记者', weight: 1}", "{pattern: '记者', in: footer, weight: 1}"), 8, "in 只能是"),
    (SMALL.replace("  fiction:\n", "  fiction:\n    min_score: 许多\n"), 3, "min_score 应为数字"),
])
def test_mistakes_name_the_line(text, line, words):
    with pytest.raises(RuleFileError) as info:
        _compile(text)
    message = str(info.value)
    assert message.startswith(f"genres.yaml 第 {line} 行:") and words in message


def test_a_file_without_genres_is_refused():
    with pytest.raises(RuleFileError, match="缺少 genres"):
        _compile("default: news\n")


@pytest.fixture()
def own_file(tmp_path, monkeypatch):
    path = tmp_path / "genres.yaml"
    monkeypatch.setattr(genres, "_genres_path", lambda: path)
    yield path
    genres._genre_cues.cache_clear()


def test_an_edited_file_is_read_again(own_file):
    own_file.write_text(SMALL, encoding="utf-8")
    assert guess_genre("第一章 开端") == "fiction" and guess_genre("无线索") == "news"
    own_file.write_text(SMALL.replace("default: news", "default: fiction "), encoding="utf-8")
    stat = own_file.stat()
    os.utime(own_file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert guess_genre("无线索") == "fiction"


def test_a_yaml_syntax_error_names_file_and_line(own_file):
    own_file.write_text(SMALL.replace("weight: 1}", "weight: 1"), encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"genres.yaml 第 \d+ 行:YAML 格式错误"):
        guess_genre("记者")


def test_a_genre_below_its_min_score_is_not_chosen(own_file):
    own_file.write_text(SMALL.replace("  fiction:\n", "  fiction:\n    min_score: 5\n"), encoding="utf-8")
    assert guess_genre("第一章 开端") == "news"
    assert guess_genre("第一章 开端 第二章 第三章") == "news"  # capped at one match: 2 points < 5


def test_title_and_head_cues_and_evidence():
    from governance_kit.corpus.genres import Evidence, explain_genre

    ev = Evidence("正文", head="——2019年1月26日在某市人民代表大会会议上", title="某市政府工作报告", fields=frozenset({"congress"}))
    genre, why, scores = explain_genre("正文", evidence=ev)
    assert genre == "work_report" and scores["work_report"] >= 14
    assert "标题是政府工作报告(+8)" in why
