"""Reading an untrusted spreadsheet safely, for the 村情填报表 (:mod:`.community_form`): open a file
only after checking it is a bounded .xlsx zip (never modified: openpyxl in read-only mode), and read
each cell as what its column holds — a count, a percentage, 是/否, a name or free text — returning a
Chinese complaint instead of raising.

Formulas are never evaluated: the workbook is opened with ``data_only=False``, so a formula cell
reads as its text (``=SUM(B2:B9)``), and text never becomes a number unless it is a plain numeral.

>>> count(" 72 "), count(-3), count("=B2*2")[1][:8]
((72, None), (None, '是负数 -3，户数和人数不能小于 0'), '是文字“=B2*')
>>> percent(85), percent("85%"), percent(0.85, "0%")
((85.0, None), (85.0, None), (85.0, None))
"""
from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
import zipfile
from pathlib import Path

MAX_FILE_BYTES = 20 * 1024 * 1024          # a filled form is a few kB; 20 MB is far beyond any village
MAX_UNPACKED_BYTES = 100 * 1024 * 1024     # zip-bomb guard: the sheets' XML once unpacked
FORMULA_START = ("=", "+", "-", "@")       # what a spreadsheet would evaluate (CSV/formula injection)
_NUMERAL = re.compile(r"\d+(?:\.\d+)?")
_OLE = b"\xd0\xcf\x11\xe0"                 # .xls, or an .xlsx saved with a password (encrypted)


class FormFileError(Exception):
    """The file cannot be read as a form at all; the message says why, in Chinese."""


def open_workbook(path: Path):
    """The workbook at ``path`` opened read-only with formulas as text; :class:`FormFileError` when the
    file is missing, locked, too large, not an .xlsx or a broken one."""
    if path.name.startswith("~$"):
        raise FormFileError(f"“{path.name}”是 Excel/WPS 打开文件时生成的临时锁定文件，不是填报表：请读取不带“~$”的那个文件。")
    if path.suffix.lower() != ".xlsx":
        hint = "请在 Excel 或 WPS 里“另存为”Excel 工作簿（.xlsx）再读取。" if path.suffix.lower() in (".xls", ".et", ".csv", ".ods", ".xlsm") \
            else "村情填报表是 Excel 工作簿，文件名应以 .xlsx 结尾。"
        raise FormFileError(f"“{path.name}”不是 .xlsx 文件：{hint}")
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            magic = handle.read(4)
    except FileNotFoundError:
        raise FormFileError(f"找不到文件“{path}”：请检查文件名和文件夹（文件在 JupyterLab 左侧的文件列表里）。") from None
    except PermissionError:
        raise FormFileError(f"“{path.name}”被占用或没有读取权限：请先在 Excel/WPS 里关闭它，再读取。") from None
    except OSError as error:
        raise FormFileError(f"“{path.name}”无法读取（{error.strerror or error}）：请关闭打开它的程序后重试。") from None
    if size == 0:
        raise FormFileError(f"“{path.name}”是空文件（0 字节）：可能没有保存完，请在 Excel/WPS 里重新保存。")
    if size > MAX_FILE_BYTES:
        raise FormFileError(f"“{path.name}”有 {size / 1024 / 1024:.0f} MB，远大于一份填报表：请只保留填报表的三张工作表再保存。")
    if magic == _OLE:
        raise FormFileError(f"“{path.name}”是旧版 .xls 格式或设置了打开密码：请取消密码，并“另存为”Excel 工作簿（.xlsx）。")
    if magic[:2] != b"PK":
        raise FormFileError(f"“{path.name}”不是有效的 .xlsx 文件（文件内容不是 Excel 工作簿）：请用 Excel/WPS 重新保存为 .xlsx。")
    try:
        with zipfile.ZipFile(path) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise FormFileError(f"“{path.name}”解压后过大，不像一份填报表，没有读取。")
    except zipfile.BadZipFile:
        raise FormFileError(f"“{path.name}”已损坏（不是完整的 .xlsx 压缩包）：可能没有保存完或下载不完整，请重新保存或重新下载。") from None
    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except Exception:  # untrusted file: openpyxl raises KeyError, ValueError, TypeError, XML errors …
        raise FormFileError(f"“{path.name}”已损坏，无法作为 Excel 工作簿打开：请用 Excel/WPS 打开后重新保存为 .xlsx。") from None


def normal(text: str) -> str:
    """A header or label compared leniently: full- and half-width alike, no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _shown(value) -> str:
    text = str(value)
    return text if len(text) <= 20 else text[:19] + "…"


def _number(value, number_format: str = "General"):
    """``(float, None)``, ``(None, None)`` for an empty cell, or ``(None, complaint)``; a percent-formatted
    cell (0.85 shown as 85%) and text ending in % are returned as percent marked by a second float."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, bool):
        return None, f"是真/假值 {value}，不是数"
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return None, "是日期或时间，不是数（单元格格式可能被设成了日期，请改为“常规”后重填）"
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            return None, "不是有效的数"
        return float(value), None
    text = unicodedata.normalize("NFKC", str(value)).strip().replace(",", "")
    if _NUMERAL.fullmatch(text):
        return float(text), None
    formula = "（以 = + - @ 开头的内容按文字读取，不会当作公式计算）" if text.startswith(FORMULA_START) else ""
    return None, f"是文字“{_shown(value)}”，不是数{formula}：请只填数字"


def count(value, number_format: str = "General"):
    """A count of households or people: a whole number ≥ 0."""
    if isinstance(value, str) and unicodedata.normalize("NFKC", value).strip().startswith("-") and \
            _NUMERAL.fullmatch(unicodedata.normalize("NFKC", value).strip()[1:].replace(",", "")):
        return None, f"是文字“{_shown(value)}”，不是数；户数和人数也不能小于 0"
    number, complaint = _number(value, number_format)
    if number is None:
        return None, complaint
    if number < 0:
        return None, f"是负数 {value}，户数和人数不能小于 0"
    if not number.is_integer():
        return None, f"是 {value}，户数和人数应是整数"
    return int(number), None


def percent(value, number_format: str = "General"):
    """A percentage 0–100; 85% typed into a percent-formatted cell (stored 0.85) and “85%” both read 85."""
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        if text.endswith("%") and _NUMERAL.fullmatch(text[:-1].strip()):
            value = text[:-1].strip()
    number, complaint = _number(value, number_format)
    if number is None:
        return None, complaint
    if "%" in (number_format or "") and not isinstance(value, str):
        number *= 100
    elif 0 < number < 1:
        return None, f"是小数 {value}：这一列填百分数，85% 请填 85（不是 0.85）"
    if number < 0:
        return None, f"是 {value}，百分数不能小于 0"
    if number > 100:
        return None, f"是 {round(number, 4):g}，百分数不能超过 100"
    return round(number, 6), None


def yes_no(value, number_format: str = "General"):
    """是 → True, 否 or empty → False."""
    text = normal(str(value)) if value is not None else ""
    if text in ("", "否"):
        return False, None
    if text == "是":
        return True, None
    return None, f"是“{_shown(value)}”：只能填“是”或“否”（空着算“否”）"


def text(value, number_format: str = "General"):
    """Free text (a basis, a note); numbers and dates as they read."""
    if value is None:
        return "", None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip(), None


def name(value, number_format: str = "General"):
    """A name (unit, group): text, and not something a spreadsheet would evaluate when written again."""
    shown, _ = text(value)
    if shown.startswith(FORMULA_START):
        return None, f"是“{_shown(shown)}”，以 = + - @ 开头，像公式：名称请直接写文字"
    return shown, None
