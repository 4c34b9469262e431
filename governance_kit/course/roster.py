"""A class roster (姓名, 学号, 班级/组) read from CSV (UTF-8, UTF-8 with BOM, GBK) or .xlsx, and the
matching of the names found in submission file names against it.

Matching order: 学号 in the file name, then the name exactly as written, then guesses — the same
name once spaces and underscores are ignored, the same pinyin (``pypinyin``, part of the course extra; skipped if it is missing),
or the closest roster name by ``difflib``. Every guess is returned as such (``certain=False``) so the
instructor confirms it; nothing guessed is presented as certain.
"""
from __future__ import annotations

import csv
import difflib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ReadError
from .identity import composed

MAX_ROSTER_BYTES = 5_000_000
MAX_ROWS = 20_000
# header variants an instructor's spreadsheet may use (compared without spaces, case-insensitive)
NAME_HEADERS = {"姓名", "名字", "学员", "学员姓名", "学生姓名", "学生", "name", "studentname", "姓名name"}
ID_HEADERS = {"学号", "编号", "学员编号", "学员号", "工号", "学籍号", "证件号", "id", "studentid", "no", "学号id"}
GROUP_HEADERS = {"班级", "组", "小组", "分组", "组别", "班组", "班", "班级/组", "班级/小组", "所在班级",
                 "class", "group", "team"}
FUZZY_CUTOFF = 0.5


@dataclass(frozen=True)
class Person:
    name: str
    student_id: str = ""
    group: str = ""


@dataclass
class Match:
    person: Person
    certain: bool
    how: str          # 学号一致 / 姓名一致 / 去掉空格后一致 / 拼音一致 / 姓名相近
    written: str      # the name as found in the file or folder name


@dataclass
class Roster:
    people: list[Person] = field(default_factory=list)
    path: str = ""

    def match(self, names: list[str], numbers: list[str]) -> Match | None:
        """The roster person named by a submission: ``names`` are its name candidates (file name first,
        then folders), ``numbers`` the digit runs of its path (a 学号 maybe)."""
        by_id = {p.student_id: p for p in self.people if p.student_id}
        for number in numbers:
            if number in by_id:
                return Match(by_id[number], True, "学号一致", number)
        for name in names:
            exact = [p for p in self.people if p.name == name]
            if len(exact) == 1:
                return Match(exact[0], True, "姓名一致", name)
        for name in names:
            guess = self._guess(name)
            if guess:
                return guess
        return None

    def _guess(self, name: str) -> Match | None:
        squeezed = _squeeze(name)
        if not squeezed:
            return None
        same = [p for p in self.people if _squeeze(p.name) == squeezed]
        if len(same) == 1:
            return Match(same[0], False, "去掉空格、下划线后一致", name)
        spoken = _pinyin(squeezed)
        if spoken:
            same = [p for p in self.people if _pinyin(_squeeze(p.name)) == spoken]
            if len(same) == 1:
                return Match(same[0], False, "拼音一致", name)
        scored = sorted(((difflib.SequenceMatcher(None, squeezed, _squeeze(p.name)).ratio(), i)
                         for i, p in enumerate(self.people)), reverse=True)
        if scored and scored[0][0] >= FUZZY_CUTOFF and (len(scored) == 1 or scored[1][0] < scored[0][0]):
            return Match(self.people[scored[0][1]], False, f"姓名相近(相似度 {scored[0][0]:.2f})", name)
        return None


def pinyin_available() -> bool:
    try:
        import pypinyin  # noqa: F401
    except ImportError:
        return False
    return True


def _pinyin(text: str) -> str:
    try:
        from pypinyin import lazy_pinyin
    except ImportError:
        return ""
    return "".join(lazy_pinyin(text)).lower()


def _squeeze(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s_\-·.]+", "", text).lower()


def _header_key(text) -> str:
    return re.sub(r"[\s*:：()（）]", "", unicodedata.normalize("NFKC", str(text or ""))).lower()


def _columns(header: list) -> dict[str, int] | None:
    keys = [_header_key(h) for h in header]
    found = {}
    for role, names in (("name", NAME_HEADERS), ("id", ID_HEADERS), ("group", GROUP_HEADERS)):
        for i, key in enumerate(keys):
            if key in {_header_key(n) for n in names} and i not in found.values():
                found[role] = i
                break
    return found if "name" in found else None


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a 学号 Excel stored as a number
    return composed(str(value)).strip()


def _people(rows, path: Path) -> list[Person]:
    rows = iter(rows)
    for _ in range(10):  # the header may follow a title line or two
        header = next(rows, None)
        if header is None:
            break
        columns = _columns(list(header))
        if columns:
            break
    else:
        columns = None
    if not columns:
        raise ReadError("名单中找不到“姓名”一栏(表头应含 姓名、学号、班级/组)", str(path))
    people = []
    for count, row in enumerate(rows):
        if count >= MAX_ROWS:
            break
        row = list(row)
        value = {role: _cell(row[i]) if i < len(row) else "" for role, i in columns.items()}
        if value["name"]:
            people.append(Person(value["name"], value.get("id", ""), value.get("group", "")))
    if not people:
        raise ReadError("名单中没有任何姓名", str(path))
    return people


def _decode(data: bytes, path: Path) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReadError("无法识别名单的文字编码(请另存为“CSV UTF-8”)", str(path))


def read_roster(path) -> Roster:
    """Read a roster file; a clear Chinese :class:`ReadError` when it cannot be used."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReadError(f"无法读取名单文件({exc.strerror or exc})", str(path)) from exc
    if size > MAX_ROSTER_BYTES:
        raise ReadError(f"名单文件过大({size // 1_000_000} MB),请只保留 姓名、学号、班级 三栏", str(path))
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        import openpyxl

        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise ReadError(f"无法作为 Excel 文件打开({type(exc).__name__}),请另存为 .xlsx 或 CSV", str(path)) from exc
        try:
            people = _people(book.worksheets[0].iter_rows(values_only=True), path)
        finally:
            book.close()
    elif suffix in (".csv", ".txt"):
        text = _decode(path.read_bytes(), path)
        dialect = "excel-tab" if "\t" in text.split("\n", 1)[0] else "excel"
        people = _people(csv.reader(io.StringIO(text), dialect), path)
    else:
        raise ReadError("名单应为 .csv 或 .xlsx 文件(旧的 .xls 请在 Excel 中另存为 .xlsx)", str(path))
    return Roster(people, str(path))
