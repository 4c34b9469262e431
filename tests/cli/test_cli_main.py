"""The govkit command line: clean one file, ingest a folder; Chinese messages; inputs never modified."""
from __future__ import annotations

import hashlib
import subprocess
import sys

import pandas as pd
import pytest

from governance_kit.cli import main

from conftest import CORPUS, SEED_FILES


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "governance_kit.cli", *args], capture_output=True, text=True, encoding="utf-8")


def test_clean_prints_clean_text_and_a_chinese_report():
    path = CORPUS / SEED_FILES["jiangsu_2019"]
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result = run("clean", str(path), "--report")
    assert result.returncode == 0
    assert result.stdout.startswith("城市基层治理法治化的实现路径")
    assert "删除拼音注音 5" in result.stderr and "体裁：academic_article" in result.stderr
    assert "spam_keywords" in result.stderr
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_clean_refuses_to_overwrite(tmp_path, capsys):
    out = tmp_path / "out.txt"
    out.write_text("学员的答案", encoding="utf-8")
    assert main(["clean", str(CORPUS / SEED_FILES["sheyang_2023"]), "--out", str(out)]) == 2
    assert "已存在" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "学员的答案"
    source = tmp_path / "in.txt"
    source.write_text("正文。", encoding="utf-8")
    assert main(["clean", str(source), "--out", str(source), "--force"]) == 2
    assert source.read_text(encoding="utf-8") == "正文。"


def test_clean_missing_file_is_a_chinese_error(tmp_path, capsys):
    assert main(["clean", str(tmp_path / "没有.txt")]) == 2
    assert "错误" in capsys.readouterr().err


def test_ingest_writes_one_row_per_document(tmp_path, capsys):
    out = tmp_path / "corpus.parquet"
    assert main(["ingest", str(CORPUS), "--out", str(out), "--workers", "1"]) == 0
    frame = pd.read_parquet(out)
    assert sorted(frame["doc_id"]) == sorted(SEED_FILES)
    assert "已读取 5 篇文档" in capsys.readouterr().err
    assert main(["ingest", str(CORPUS), "--out", str(out)]) == 2  # exists: refuses without --force


def test_ingest_reports_bad_files_and_goes_on(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("我县推进网格化管理,全县划分综合网格1993个。", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    out = tmp_path / "o.parquet"
    assert main(["ingest", str(folder), "--out", str(out), "--no-cache"]) == 0
    err = capsys.readouterr().err
    assert "empty.txt" in err and "为空" in err
    assert len(pd.read_parquet(out)) == 1


def test_help_is_chinese():
    result = run("--help")
    assert result.returncode == 0 and "命令行" in result.stdout and "ingest" in result.stdout
    result = run("ingest", str(CORPUS))
    assert result.returncode == 2 and "缺少必需的参数：--out" in result.stderr and "用法：" in result.stderr
    assert "位置参数" in run("clean", "--help").stdout


@pytest.mark.parametrize("args", [["clean"], ["nonsense"]])
def test_usage_errors_exit_2(args):
    assert run(*args).returncode == 2
