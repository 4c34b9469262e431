"""What every ``govkit`` command shares: an argument parser that speaks Chinese, a console that
writes UTF-8, and the refusal to overwrite an existing output without ``--force``."""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

# argparse's own words, in Chinese (the CLI is used by instructors and trainees)
_ARGPARSE_ZH = (
    (r"the following arguments are required: (.*)", r"缺少必需的参数：\1"),
    (r"unrecognized arguments: (.*)", r"无法识别的参数：\1"),
    (r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)", r"参数 \1：无效的选择 \2（可选：\3）"),
    (r"argument (\S+): invalid int value: (.*)", r"参数 \1：不是整数：\2"),
    (r"argument (\S+): expected one argument", r"参数 \1 后面需要一个值"),
)
_HELP_ZH = (("usage: ", "用法："), ("positional arguments:", "位置参数："), ("options:", "选项："),
            ("show this help message and exit", "显示本帮助并退出"))


class ChineseArgumentParser(argparse.ArgumentParser):
    """``argparse.ArgumentParser`` with its usage, help and errors in Chinese."""

    def format_usage(self) -> str:
        return translate_help(super().format_usage())

    def format_help(self) -> str:
        return translate_help(super().format_help())

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: 错误：{translate_error(message)}\n")


def translate_error(message: str) -> str:
    """argparse's error message in Chinese.

    >>> translate_error("the following arguments are required: --out")
    '缺少必需的参数：--out'
    """
    for pattern, replacement in _ARGPARSE_ZH:
        message = re.sub(pattern, replacement, message)
    return message


def translate_help(text: str) -> str:
    """argparse's headings in a usage or help text, in Chinese.

    >>> translate_help("usage: govkit [-h]")
    '用法：govkit [-h]'
    """
    for en, zh in _HELP_ZH:
        text = text.replace(en, zh)
    return text


def utf8_console() -> None:
    """Chinese Windows consoles default to GBK: write UTF-8 and never crash on a character."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def refuse_overwrite(out: Path, force: bool) -> bool:
    """True (after saying so in Chinese) when ``out`` exists and ``--force`` was not given."""
    if out.exists() and not force:
        print(f"错误：{out} 已存在；如确需覆盖请加 --force", file=sys.stderr)
        return True
    return False
