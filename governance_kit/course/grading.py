"""Grading a folder of submissions locally with nbgrader (no Docker, no JupyterHub).

Steps, in a temporary course folder so nothing is written into the repository or the submissions:
find and identify the notebooks (:mod:`.submissions`), stage them under the names nbgrader's
``zip_collect`` expects, ``generate_assignment`` (the gradebook), ``zip_collect``, ``autograde`` and
``generate_feedback`` per trainee. Results: a per-question CSV (UTF-8 with BOM, so Excel on a Chinese
Windows opens it correctly) with the hint each failed check gave, and one HTML feedback page per
trainee and exercise. Kernels run in UTF-8 mode whatever the system locale.
"""
from __future__ import annotations

import csv
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..export.spreadsheet import neutralise
from .coursedir import SOURCE, course_folder, source_assignments
from .submissions import Collected, Problem, collect, grade_ids

COLUMNS = ["学员", "练习", "题目", "得分", "满分", "状态", "提示", "来源文件", "学号", "班级"]


@dataclass
class GradingResult:
    rows: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    feedback: list[Path] = field(default_factory=list)
    collected: Collected | None = None

    def totals(self) -> dict[tuple[str, str], tuple[float, float]]:
        """(trainee, exercise) → (score, max score)."""
        out: dict[tuple[str, str], tuple[float, float]] = {}
        for row in self.rows:
            if row["题目"]:
                score, most = out.get((row["学员"], row["练习"]), (0.0, 0.0))
                out[(row["学员"], row["练习"])] = (score + row["得分"], most + row["满分"])
        return out


@dataclass
class Source:
    """One exercise as the instructor wrote it: its notebook's file name, every nbgrader cell id, and
    the graded cells in notebook order (nbgrader's gradebook does not keep the order)."""
    notebook: str
    cells: set[str]
    checks: list[str]

    def position(self, grade_id: str) -> int:
        return self.checks.index(grade_id) if grade_id in self.checks else len(self.checks)


def read_sources(source: Path = SOURCE) -> dict[str, Source]:
    """Each exercise's source notebooks, read once."""
    import nbformat

    sources = {}
    for assignment in source_assignments(source):
        paths = sorted((Path(source) / assignment).glob("*.ipynb"))
        notebooks = [nbformat.read(p, as_version=4) for p in paths]
        checks = [c.metadata["nbgrader"]["grade_id"] for nb in notebooks for c in nb.cells
                  if c.get("metadata", {}).get("nbgrader", {}).get("grade")]
        sources[assignment] = Source(paths[0].name, set().union(*map(grade_ids, notebooks)), checks)
    return sources


def _check_hints(notebook) -> dict[str, str]:
    """grade id → the message of the error its check cell raised (the trainee's hint)."""
    hints = {}
    for cell in notebook.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("grade") and cell.cell_type == "code":
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    hints[meta["grade_id"]] = f"{output.get('ename')}: {output.get('evalue')}"
    return hints


def _stage(root: Path, collected: Collected, sources: dict[str, Source]) -> None:
    """Each submission as ``downloaded/<id>/archive/<trainee>__<notebook>.ipynb`` for zip_collect."""
    import nbformat

    for sub in collected.submissions:
        archive = root / "downloaded" / sub.assignment / "archive"
        archive.mkdir(parents=True, exist_ok=True)
        nbformat.write(sub.notebook, str(archive / f"{sub.key}__{sources[sub.assignment].notebook}"))


def _folder_name(sub) -> str:
    """A feedback folder named as the trainee is written (characters no file system allows replaced)."""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", sub.student).strip(" .") or sub.key
    return f"{name}_{sub.student_id}" if sub.student_id else name


def _zip_collect(root: Path, assignment: str) -> None:
    subprocess.run([sys.executable, "-X", "utf8", "-m", "nbgrader", "zip_collect", assignment, "--force"],
                   cwd=root, check=True, capture_output=True)


def grade(submissions, *, source: Path = SOURCE, feedback_dir=None, progress=None, roster=None) -> GradingResult:
    """Grade every submission under ``submissions``; ``feedback_dir`` receives ``<trainee>/<exercise>.html``;
    ``roster`` (:class:`.roster.Roster`) names the trainees when given."""
    import nbformat
    from nbgrader.api import Gradebook, MissingEntry

    sources = read_sources(source)
    collected = collect(submissions, {assignment: s.cells for assignment, s in sources.items()}, roster)
    result = GradingResult(problems=list(collected.problems), collected=collected)
    assignments = sorted({s.assignment for s in collected.submissions})
    if not assignments:
        return result
    with course_folder(assignments, source) as (root, api):
        _stage(root, collected, sources)
        for assignment in assignments:
            outcome = api.generate_assignment(assignment, force=True)
            if not outcome["success"]:
                raise RuntimeError(f"无法准备练习 {assignment}:\n{outcome.get('error')}")
            _zip_collect(root, assignment)
            for sub in (s for s in collected.submissions if s.assignment == assignment):
                if progress:
                    progress(sub)
                graded = api.autograde(assignment, sub.key, force=True)
                if not graded["success"]:
                    result.problems.append(Problem(sub.origin, "批改时出错(notebook 无法运行),未计分", sub.student, assignment))
            api.generate_feedback(assignment, force=True)  # every graded trainee at once
        with Gradebook(f"sqlite:///{root / 'gradebook.db'}", api.course_id or "governance_kit") as gradebook:
            for sub in collected.submissions:
                try:
                    submission = gradebook.find_submission(sub.assignment, sub.key)
                except MissingEntry:
                    continue
                for notebook in submission.notebooks:
                    autograded = root / "autograded" / sub.key / sub.assignment / f"{notebook.name}.ipynb"
                    hints = _check_hints(nbformat.read(autograded, as_version=4)) if autograded.exists() else {}
                    for grade_cell in sorted(notebook.grades, key=lambda g: sources[sub.assignment].position(g.name)):
                        if grade_cell.max_score == 0:
                            continue
                        score = float(grade_cell.score or 0.0)
                        result.rows.append({"学员": sub.student, "练习": sub.assignment, "题目": grade_cell.name,
                                            "得分": score, "满分": float(grade_cell.max_score),
                                            "状态": "正确" if score >= grade_cell.max_score else "未通过",
                                            "提示": hints.get(grade_cell.name, ""), "来源文件": sub.origin,
                                            "学号": sub.student_id, "班级": sub.group})
                    page = root / "feedback" / sub.key / sub.assignment / f"{notebook.name}.html"
                    if feedback_dir is not None and page.exists():
                        target = Path(feedback_dir) / _folder_name(sub) / f"{sub.assignment}.html"
                        target.parent.mkdir(parents=True, exist_ok=True)
                        shutil.copyfile(page, target)
                        result.feedback.append(target)
    return result


def write_csv(result: GradingResult, path) -> Path:
    """Per-question rows, then one row per problem (unreadable file, unknown notebook, duplicate);
    text cells starting with ``=``, ``+``, ``-``, ``@`` are neutralised (:mod:`governance_kit.export.spreadsheet`)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        rows = result.rows + [{"学员": p.student, "练习": p.assignment, "题目": "", "得分": "", "满分": "",
                               "状态": p.reason, "提示": "", "来源文件": p.origin} for p in result.problems]
        for row in rows:  # text a spreadsheet would run as a formula gets a leading apostrophe
            writer.writerow({k: neutralise(v) for k, v in row.items()})
    return path
