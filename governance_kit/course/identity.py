"""Who handed a notebook in, read from its file and folder names, and when it was saved.

Names are kept as written (spaces, Latin letters, rare characters): only the exercise's own words
(``06_grid``, ``第3讲``, ``作业``), lecture numbers and copy suffixes (`` (1)``, ``-副本``, ``_copy``)
are removed, and Latin words are removed only as whole words (``Hwang`` keeps its ``Hw``).
"""
from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timezone
from pathlib import PurePosixPath

# words that say "exercise" or "a copy", not who handed it in; Latin ones only as whole words
_CHINESE_WORDS = r"第\s*[0-9一二三四五六七八九十]+\s*[讲课章次周]|作业|练习|提交|副本|最终版?|定稿|修改版?|新版|旧版"
_LATIN_WORDS = (r"submission|submit|homework|hw|assignment|exercise|lecture|notebook|copy|final|ver|v\d+|"
                r"untitled|ipynb")
_NOT_A_NAME = re.compile(rf"(?:{_CHINESE_WORDS})|(?<![A-Za-z])(?:{_LATIN_WORDS})(?![A-Za-z])", re.IGNORECASE)
_COPY_SUFFIX = re.compile(r"\s*[(（]\s*\d+\s*[)）]\s*$")
_SEPARATOR = r"[\s_\-—.·、()（）\[\]【】,，+]"
_CUT = "\x00"


def composed(text: str) -> str:
    """Accents composed as typed (macOS writes file names decomposed); text without combining marks is
    left alone, so CJK compatibility ideographs (rare characters in names) stay exactly as written."""
    if any(unicodedata.combining(ch) for ch in text):
        return unicodedata.normalize("NFC", text)
    return text


def name_in(text: str, known_words) -> tuple[str, list[str]]:
    """The trainee's name in one file or folder name (``""`` if none), and its digit runs (a 学号?)."""
    text = composed(text).replace(_CUT, "")
    while _COPY_SUFFIX.search(text):
        text = _COPY_SUFFIX.sub("", text)
    for word in sorted(known_words, key=len, reverse=True):
        if word:
            text = re.sub(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", _CUT, text, flags=re.IGNORECASE)
    text = _NOT_A_NAME.sub(_CUT, text)
    numbers = re.findall(r"\d{4,}", text)
    runs, current = [], []
    for token in re.split(rf"({_SEPARATOR}+|{_CUT})", text):
        if token == _CUT or token.isdigit():  # a removed word or a number ends the run
            runs.append(current)
            current = []
        elif token:
            current.append(token)
    runs.append(current)
    names = []
    for run in runs:
        name = "".join(run)
        name = re.sub(rf"^{_SEPARATOR}+|{_SEPARATOR}+$", "", name)
        if name and not name.isdigit():
            names.append(name)
    return "_".join(names), numbers


def candidates(relative: PurePosixPath, known_words) -> tuple[list[str], list[str]]:
    """Name candidates of a notebook's path, innermost (the file name) first, and all its digit runs."""
    names, numbers = [], []
    parts = list(relative.parts)
    stem = parts[-1].rsplit(".", 1)[0] if "." in parts[-1] else parts[-1]
    for part in [stem] + parts[-2::-1]:
        if part.lower().endswith(".zip"):
            part = part[:-4]
        name, digits = name_in(part, known_words)
        names.append(name)
        numbers.extend(digits)
    return names, numbers


def saved_time(notebook, zip_time: float | None, file_time: float) -> tuple[float, str]:
    """When the trainee last worked on the notebook, and what that time rests on: the notebook's own
    execution timestamps (JupyterLab records them), the zip member's time, else the file's time on this
    disk (which may be the download time)."""
    stamps = []
    for cell in notebook.get("cells", []):
        execution = cell.get("metadata", {}).get("execution", {})
        for key in ("iopub.status.idle", "shell.execute_reply"):
            stamp = _parse(execution.get(key))
            if stamp:
                stamps.append(stamp)
    for key in ("modified", "last_modified", "saved"):
        stamp = _parse(notebook.get("metadata", {}).get(key))
        if stamp:
            stamps.append(stamp)
    if stamps:
        return max(stamps), "notebook 内记录的运行时间"
    if zip_time is not None:
        return zip_time, "压缩包内的文件时间"
    return file_time, "文件修改时间(可能是下载时间,仅供参考)"


def _parse(value) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
        return float(value)
    if not isinstance(value, str) or len(value) > 64:
        return None
    try:
        stamp = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=timezone.utc)
    return stamp.timestamp()


def show_time(stamp: float) -> str:
    return datetime.fromtimestamp(stamp).strftime("%Y-%m-%d %H:%M:%S")
