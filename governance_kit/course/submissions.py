"""Finding trainees' submissions in whatever folder an instructor downloaded them to.

Files arrive renamed (``张三-第3讲作业.ipynb``, ``03_coding (1).ipynb``), zipped, one folder per
trainee, or one folder or zip per group or class. A notebook is matched to its exercise by its content
(the ids of its nbgrader cells), not by its name. The trainee is named by a roster when one is given
(:mod:`.roster`; guesses are listed for the instructor), else by the file or folder name as written
(:mod:`.identity`): a folder or zip holding several people's work of one lecture is split by its file
names, never merged. Of duplicates the latest by the notebook's own save time is used and all are
listed. Unreadable files and notebooks of no known exercise are reported, never fatal.
"""
from __future__ import annotations

import time
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .identity import candidates, saved_time, show_time
from .roster import Match, Person, Roster

ARCHIVES = {".zip"}


@dataclass
class Submission:
    student: str
    assignment: str
    notebook: object      # nbformat NotebookNode
    origin: str           # where it came from, as the instructor would recognise it
    saved: float = 0.0
    saved_basis: str = ""
    student_id: str = ""
    group: str = ""
    key: str = ""         # the id nbgrader knows this trainee by (safe for any name)


@dataclass
class Problem:
    origin: str
    reason: str
    student: str = ""
    assignment: str = ""
    kind: str = "问题"    # 问题 / 重复提交 / 按文件名分开 / 名单外


@dataclass
class Guess:
    """A submission matched to the roster by a guess, for the instructor to confirm."""
    origin: str
    written: str
    person: Person
    how: str


@dataclass
class Collected:
    submissions: list[Submission] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    guesses: list[Guess] = field(default_factory=list)
    missing: dict[str, list[Person]] = field(default_factory=dict)   # lecture → roster people without it
    roster: Roster | None = None


@dataclass
class _Found:
    relative: PurePosixPath
    notebook: object
    assignment: str
    names: list[str]
    numbers: list[str]
    saved: float
    basis: str


def grade_ids(notebook) -> set[str]:
    return {cell.metadata["nbgrader"]["grade_id"] for cell in notebook.cells
            if "nbgrader" in cell.get("metadata", {}) and "grade_id" in cell.metadata["nbgrader"]}


def _notebooks(submissions: Path, problems: list[Problem]):
    """Yield (relative path, bytes, file mtime, zip member time or None) for every .ipynb, inside zips
    too (a zip stands for a folder of its name: ``班级.zip/张三/03.ipynb``)."""
    for path in sorted(p for p in submissions.rglob("*") if p.is_file()):
        relative = PurePosixPath(path.relative_to(submissions).as_posix())
        if any(part.startswith(".") or part in ("__MACOSX", ".ipynb_checkpoints") for part in relative.parts):
            continue
        suffix = path.suffix.lower()
        if suffix == ".ipynb":
            try:
                yield relative, path.read_bytes(), path.stat().st_mtime, None
            except OSError as exc:
                problems.append(Problem(str(relative), f"无法读取文件：{exc.strerror or exc}"))
        elif suffix in ARCHIVES:
            try:
                with zipfile.ZipFile(path) as archive:
                    members = [m for m in archive.infolist() if m.filename.lower().endswith(".ipynb")
                               and "__MACOSX" not in m.filename and ".ipynb_checkpoints" not in m.filename]
                    if not members:
                        problems.append(Problem(str(relative), "压缩包里没有 .ipynb 文件"))
                    for member in members:
                        inner = PurePosixPath(member.filename.replace("\\", "/"))
                        parts = [p for p in inner.parts if p not in ("", "/", ".", "..")]
                        named = relative.joinpath(*parts)
                        try:
                            zip_time = time.mktime(member.date_time + (0, 0, -1))
                        except (OverflowError, ValueError):
                            zip_time = None
                        yield named, archive.read(member), path.stat().st_mtime, zip_time
            except (zipfile.BadZipFile, OSError, RuntimeError) as exc:
                problems.append(Problem(str(relative), f"压缩包损坏或加密，无法解开：{exc}"))
        elif suffix not in (".txt", ".md", ".csv", ".html", ".pdf", ".docx", ".png", ".jpg", ".xlsx"):
            problems.append(Problem(str(relative), "不是 notebook（.ipynb）或 zip 压缩包，已忽略"))


def _read(submissions: Path, expected: dict[str, set[str]], found: Collected) -> list[_Found]:
    import nbformat

    known_words = set(expected) | {a.split("_", 1)[-1] for a in expected}
    out = []
    for relative, data, mtime, zip_time in _notebooks(submissions, found.problems):
        try:
            notebook = nbformat.reads(data.decode("utf-8-sig"), as_version=4)
        except Exception as exc:  # nbformat raises many kinds for broken JSON or schema
            found.problems.append(Problem(str(relative), f"文件损坏，无法作为 notebook 读取（{type(exc).__name__}）"))
            continue
        ids = grade_ids(notebook)
        overlap = {assignment: len(ids & cells) for assignment, cells in expected.items()}
        assignment = max(overlap, key=overlap.get) if overlap else None
        names, numbers = candidates(relative, known_words)
        if not assignment or overlap[assignment] == 0:
            found.problems.append(Problem(str(relative), "找不到本课程练习的单元格（可能不是发放的练习 notebook）",
                                          next((n for n in names if n), "")))
            continue
        saved, basis = saved_time(notebook, zip_time, mtime)
        out.append(_Found(relative, notebook, assignment, names, numbers, saved, basis))
    return out


def _written_names(items: list[_Found], problems: list[Problem]) -> dict[int, str]:
    """Each notebook's trainee by its names as written: at the top level its file name; in a folder (or
    zip) the folder's name, unless the folder holds several people's work of one lecture — then each
    file's own name (and the split is reported)."""
    by_folder: dict[PurePosixPath, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        by_folder[item.relative.parent].append(i)
    homes: dict[str, set] = defaultdict(set)   # a file name found in several folders is no one's name
    for item in items:
        homes[item.names[0]].add(item.relative.parent)
    chosen = {}
    for folder, members in by_folder.items():
        per_lecture: dict[str, set[str]] = defaultdict(set)
        for i in members:
            if items[i].names[0]:
                per_lecture[items[i].assignment].add(items[i].names[0])
        split = folder != PurePosixPath(".") and any(len(names) > 1 for names in per_lecture.values())
        if split:
            people = sorted(set().union(*per_lecture.values()))
            problems.append(Problem(str(folder), f"此文件夹含多名学员的作业，已按文件名分开：{'、'.join(people)}",
                                    kind="按文件名分开"))
        for i in members:
            names = items[i].names
            order = names if split or folder == PurePosixPath(".") else names[1:] + names[:1]
            chosen[i] = next((n for n in order if n), "")
            if not split and names[0] and chosen[i] != names[0] and len(homes[names[0]]) == 1:
                problems.append(Problem(str(items[i].relative), f"文件夹名与文件名所写的人不同，按文件夹记为“{chosen[i]}”"
                                                                f"（文件名中是“{names[0]}”），请确认", chosen[i],
                                        items[i].assignment, kind="匹配待确认"))
    return chosen


def collect(submissions, expected: dict[str, set[str]], roster: Roster | None = None) -> Collected:
    """Read every notebook under ``submissions``; ``expected`` maps exercise id → its cells' grade ids."""
    submissions = Path(submissions)
    if not submissions.is_dir():
        raise NotADirectoryError(f"找不到作业文件夹 {submissions}")
    found = Collected(roster=roster)
    items = _read(submissions, expected, found)
    written = _written_names(items, found.problems)
    latest: dict[tuple[str, str, str], list[Submission]] = defaultdict(list)
    for i, item in enumerate(items):
        origin = str(item.relative)
        match: Match | None = roster.match([n for n in item.names if n], item.numbers) if roster else None
        if match:
            person = match.person
            if not match.certain:
                found.guesses.append(Guess(origin, match.written, person, match.how))
        elif written[i]:
            person = Person(written[i])
            if roster:
                found.problems.append(Problem(origin, f"名单中找不到此人，暂按文件名记为“{written[i]}”",
                                              written[i], item.assignment, kind="名单外"))
        else:
            found.problems.append(Problem(origin, "文件名和文件夹名中都没有学员姓名，无法判断是谁的作业"
                                                  "（请改名为“姓名_讲次.ipynb”后重新批改）", "", item.assignment))
            continue
        latest[(person.name, person.student_id, item.assignment)].append(
            Submission(person.name, item.assignment, item.notebook, origin, item.saved, item.basis,
                       person.student_id, person.group))
    for (name, _, assignment), subs in latest.items():
        subs.sort(key=lambda s: (s.saved, s.origin))
        used = subs[-1]
        for older in subs[:-1]:
            found.problems.append(Problem(
                older.origin, f"重复提交，未采用（{show_time(older.saved)}，{older.saved_basis}）；"
                              f"采用较新的 {used.origin}（{show_time(used.saved)}，{used.saved_basis}）",
                name, assignment, kind="重复提交"))
        found.submissions.append(used)
    found.submissions.sort(key=lambda s: (s.assignment, s.student, s.student_id))
    keys: dict[tuple[str, str], str] = {}
    for sub in found.submissions:
        sub.key = keys.setdefault((sub.student, sub.student_id), f"s{len(keys) + 1:04d}")
    if roster:
        for assignment in sorted({s.assignment for s in found.submissions}):
            handed = {(s.student, s.student_id) for s in found.submissions if s.assignment == assignment}
            found.missing[assignment] = [p for p in roster.people if (p.name, p.student_id) not in handed]
    return found
