"""What every govkit command shares: argparse in Chinese, and no overwrite without --force."""
from __future__ import annotations

import pytest

from governance_kit.cli.console import (
    ChineseArgumentParser,
    refuse_overwrite,
    translate_error,
    translate_help,
)


def test_refuse_overwrite_says_why_and_force_allows(tmp_path, capsys):
    out = tmp_path / "out.csv"
    assert refuse_overwrite(out, force=False) is False
    out.write_text("成绩", encoding="utf-8")
    assert refuse_overwrite(out, force=False) is True
    err = capsys.readouterr().err
    assert "已存在" in err and "--force" in err
    assert refuse_overwrite(out, force=True) is False
    assert out.read_text(encoding="utf-8") == "成绩"


@pytest.mark.parametrize("english, chinese", [
    ("the following arguments are required: --out", "缺少必需的参数：--out"),
    ("unrecognized arguments: --fast", "无法识别的参数：--fast"),
    ("argument --engine: invalid choice: 'spark' (choose from 'local', 'dask')",
     "参数 --engine：无效的选择 'spark'（可选：'local', 'dask'）"),
    ("argument --workers: invalid int value: 'two'", "参数 --workers：不是整数：'two'"),
    ("argument --out: expected one argument", "参数 --out 后面需要一个值"),
])
def test_argparse_errors_in_chinese(english, chinese):
    assert translate_error(english) == chinese


def test_the_parser_speaks_chinese(capsys):
    parser = ChineseArgumentParser(prog="govkit")
    parser.add_argument("--workers", type=int)
    assert translate_help("usage: x\n\noptions:\n") == "用法：x\n\n选项：\n"
    assert "用法：" in parser.format_usage() and "显示本帮助并退出" in parser.format_help()
    with pytest.raises(SystemExit) as info:
        parser.parse_args(["--workers", "two"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "govkit: 错误：参数 --workers：不是整数：'two'" in err and err.startswith("用法：")
