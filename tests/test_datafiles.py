"""Bundled data files: one path helper, YAML errors in Chinese naming file and line, re-read after an edit."""
from __future__ import annotations

import os

import pytest

from governance_kit.datafiles import bundled, read_yaml, reloaded, yaml_error_message
from governance_kit.errors import RuleFileError, check_choice


def test_bundled_names_a_file_of_the_package():
    path = bundled("codebook.yaml")
    assert path.is_file() and path.parent.name == "data"


@pytest.mark.parametrize("text, line, words", [
    ("a: 1\nb: [1, 2\n", 3, "没有闭合"),
    ("a: 1\nb: c: d\n", 2, "键: 值"),
    ("a:\n\t- 1\n", 2, "Tab"),
    ("- a\nb: 1\n", 2, "无法解析"),
])
def test_yaml_syntax_errors_name_file_and_line_in_chinese(tmp_path, text, line, words):
    path = tmp_path / "规则.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        read_yaml(path, "规则.yaml")
    message = str(info.value)
    assert message.startswith(f"规则.yaml 第 {line} 行:YAML 格式错误:")
    assert words in message


def test_an_error_without_a_mark_still_names_the_file():
    import yaml

    assert yaml_error_message(yaml.YAMLError("boom"), "x.yaml").startswith("x.yaml:YAML 格式错误:")


def test_valid_yaml_gives_data_and_text(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text("名称: 网格\n", encoding="utf-8")
    assert read_yaml(path, "ok.yaml") == ({"名称": "网格"}, "名称: 网格\n")


def test_reloaded_reads_again_after_an_edit(tmp_path):
    path = tmp_path / "rules.txt"
    path.write_text("one", encoding="utf-8")
    reads = []

    @reloaded(lambda: path)
    def load():
        reads.append(1)
        return path.read_text(encoding="utf-8")

    assert load() == "one" and load() == "one" and len(reads) == 1
    path.write_text("two words", encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert load() == "two words" and len(reads) == 2


def test_check_choice():
    assert check_choice("engine", "local", ("local", "dask")) == "local"
    with pytest.raises(ValueError, match="engine 只能是 'local'、'dask' 之一,收到的是 'spark'"):
        check_choice("engine", "spark", ("local", "dask"))
    with pytest.raises(KeyError):
        check_choice("x", 1, (2,), error=KeyError)


def test_reloaded_follows_a_loader_pointed_at_another_file(tmp_path):
    # two files with the same size and time must not share a cached result
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("一", encoding="utf-8")
    second.write_text("二", encoding="utf-8")
    stat = first.stat()
    os.utime(second, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    current = {"path": first}

    @reloaded(lambda: current["path"])
    def load():
        return current["path"].read_text(encoding="utf-8")

    assert load() == "一"
    current["path"] = second
    assert load() == "二"
