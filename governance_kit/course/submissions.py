"""Finding trainees' submissions in whatever folder an instructor downloaded them to.

Files arrive renamed (``张三-第3讲作业.ipynb``, ``03_coding (1).ipynb``), zipped, or one folder per
trainee. A notebook is matched to its exercise by its content (the ids of its nbgrader cells), not by
its name, and the trainee is named by the folder or the file name with the exercise's own words
removed. Unreadable files and notebooks of no known exercise are reported, never fatal.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

ARCHIVES = {".zip"}
# words of a file name that say "exercise", not who handed it in
_NOT_A_NAME = re.compile(r"(第\s*\d+\s*[讲课章次]|作业|练习|提交|submission|submit|homework|hw|assignment|exercise"
                         r"|lecture|notebook|副本|copy|final|最终版?|\(\d+\)|（\d+）)", re.IGNORECASE)
_SEPARATORS = "_-—.·、 ()（）[]【】"


@dataclass
class Submission:
    student: str
    assignment: str
    notebook: object      # nbformat NotebookNode
    origin: str           # where it came from, as the instructor would recognise it
    mtime: float = 0.0


@dataclass
class Problem:
    origin: str
    reason: str
    student: str = ""
    assignment: str = ""


@dataclass
class Collected:
    submissions: list[Submission] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def grade_ids(notebook) -> set[str]:
    return {cell.metadata["nbgrader"]["grade_id"] for cell in notebook.cells
            if "nbgrader" in cell.get("metadata", {}) and "grade_id" in cell.metadata["nbgrader"]}


def student_name(relative: PurePosixPath, known_words) -> str:
    """The trainee named by a submission's path: its first folder, else its file name without the
    exercise's id, notebook name or words such as 作业/练习/副本."""
    if len(relative.parts) > 1:
        return _clean_name(relative.parts[0], known_words) or relative.parts[0]
    stem = relative.name.rsplit(".", 1)[0]
    return _clean_name(stem, known_words) or stem


def _clean_name(text: str, known_words) -> str:
    for word in sorted(known_words, key=len, reverse=True):
        text = re.sub(re.escape(word), " ", text, flags=re.IGNORECASE)
    text = _NOT_A_NAME.sub(" ", text)
    parts = [p for p in re.split(r"[\s_\-—.·、()（）\[\]【】]+", text) if p and not p.isdigit()]
    name = "_".join(parts)
    return re.sub(r"[^\w]", "_", name).strip(_SEPARATORS)


def _notebooks(submissions: Path, problems: list[Problem]):
    """Yield (relative path, bytes, mtime) for every .ipynb, inside zips too."""
    for path in sorted(p for p in submissions.rglob("*") if p.is_file()):
        relative = PurePosixPath(path.relative_to(submissions).as_posix())
        if any(part.startswith(".") or part in ("__MACOSX", ".ipynb_checkpoints") for part in relative.parts):
            continue
        suffix = path.suffix.lower()
        if suffix == ".ipynb":
            try:
                yield relative, path.read_bytes(), path.stat().st_mtime
            except OSError as exc:
                problems.append(Problem(str(relative), f"无法读取文件:{exc.strerror or exc}"))
        elif suffix in ARCHIVES:
            try:
                with zipfile.ZipFile(path) as archive:
                    members = [m for m in archive.infolist() if m.filename.lower().endswith(".ipynb")
                               and "__MACOSX" not in m.filename and ".ipynb_checkpoints" not in m.filename]
                    if not members:
                        problems.append(Problem(str(relative), "压缩包里没有 .ipynb 文件"))
                    for member in members:
                        inner = PurePosixPath(member.filename)
                        # the archive's own name says who sent it; its inner folders do not
                        named = relative.with_suffix("") / inner.name if len(relative.parts) == 1 else relative.parent / inner.name
                        yield named, archive.read(member), path.stat().st_mtime
            except (zipfile.BadZipFile, OSError, RuntimeError) as exc:
                problems.append(Problem(str(relative), f"压缩包损坏或加密,无法解开:{exc}"))
        elif suffix not in (".txt", ".md", ".csv", ".html", ".pdf", ".docx", ".png", ".jpg"):
            problems.append(Problem(str(relative), "不是 notebook(.ipynb)或 zip 压缩包,已忽略"))


def collect(submissions, expected: dict[str, set[str]]) -> Collected:
    """Read every notebook under ``submissions``; ``expected`` maps exercise id → its cells' grade ids."""
    import nbformat

    submissions = Path(submissions)
    if not submissions.is_dir():
        raise NotADirectoryError(f"找不到作业文件夹 {submissions}")
    found = Collected()
    known_words = set(expected) | {a.split("_", 1)[-1] for a in expected}
    latest: dict[tuple[str, str], Submission] = {}
    for relative, data, mtime in _notebooks(submissions, found.problems):
        try:
            notebook = nbformat.reads(data.decode("utf-8-sig"), as_version=4)
        except Exception as exc:  # nbformat raises many kinds for broken JSON or schema
            found.problems.append(Problem(str(relative), f"文件损坏,无法作为 notebook 读取({type(exc).__name__})"))
            continue
        ids = grade_ids(notebook)
        overlap = {assignment: len(ids & cells) for assignment, cells in expected.items()}
        assignment = max(overlap, key=overlap.get) if overlap else None
        student = student_name(relative, known_words)
        if not assignment or overlap[assignment] == 0:
            found.problems.append(Problem(str(relative), "找不到本课程练习的单元格(可能不是发放的练习 notebook)", student))
            continue
        submission = Submission(student, assignment, notebook, str(relative), mtime)
        previous = latest.get((student, assignment))
        if previous is not None:
            older, submission = sorted((previous, submission), key=lambda s: s.mtime)
            found.problems.append(Problem(older.origin, f"同一学员重复提交,采用较新的 {submission.origin}", student, assignment))
        latest[(student, assignment)] = submission
    found.submissions = sorted(latest.values(), key=lambda s: (s.assignment, s.student))
    return found
