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
    default, cues = genres._genre_cues()
    assert default in GENRES and set(cues) == set(GENRES)


@pytest.mark.parametrize("text, line, words", [
    (SMALL.replace("  news:", "  story:"), 6, "体裁 只能是"),
    (SMALL.replace("{pattern: '记者', weight: 1}", "{pattern: '记者'}"), 8, "缺少 weight"),
    (SMALL.replace("weight: 2}", "weight: 很多}"), 5, "weight 应为数字"),
    (SMALL.replace("'第[一二三]章'", "'第[一二三章'"), 5, "正则表达式无效"),
    (SMALL.replace("{pattern: '记者', weight: 1}", "{weight: 1}"), 8, "pattern(正则)、hint 或 field"),
    (SMALL.replace("default: news", "default: poem"), 1, "default 只能是"),
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
