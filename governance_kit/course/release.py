"""The trainee release: nbgrader's ``generate_assignment`` over the exercise sources (solutions
replaced by the stub, hidden tests removed), then the release notebooks are made ready for the lab:
outputs cleared, the kernel set, and every check cell tagged ``raises-exception`` so that running an
untouched notebook top to bottom (and nbval in CI) goes past the unanswered checks.

An existing notebook at the destination is never overwritten when it differs from the new release
(it may hold a trainee's answers) unless ``force=True``.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .coursedir import SOURCE, course_folder, source_assignments

CHECK_TAG = "raises-exception"


@dataclass
class Released:
    assignment: str
    path: Path
    status: str  # "written", "unchanged", "kept" (exists and differs: not overwritten)


class ReleaseError(RuntimeError):
    pass


def _is_check(cell) -> bool:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade", False) and cell.cell_type == "code"


def prepare_for_lab(notebook):
    """Clear outputs and tag check cells so an unanswered notebook still runs to the end."""
    from .authoring import KERNELSPEC

    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        if _is_check(cell):
            tags = cell.metadata.setdefault("tags", [])
            if CHECK_TAG not in tags:
                tags.append(CHECK_TAG)
    notebook.metadata["kernelspec"] = dict(KERNELSPEC)
    return notebook


def release(assignments=None, *, out, source: Path = SOURCE, force: bool = False) -> list[Released]:
    """Build the trainee version of ``assignments`` (default: all) into ``out/<id>.ipynb``."""
    import nbformat

    ids = source_assignments(source) if not assignments else list(assignments)
    unknown = sorted(set(ids) - set(source_assignments(source)))
    if unknown:
        raise ReleaseError(f"没有这些练习:{'、'.join(unknown)}(可选:{'、'.join(source_assignments(source))})")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    results = []
    with course_folder(ids, source) as (root, api):
        for assignment in ids:
            outcome = api.generate_assignment(assignment, force=True)
            if not outcome["success"]:
                raise ReleaseError(f"生成学员版 {assignment} 失败:\n{outcome.get('error') or outcome.get('log')}")
            for built in sorted((root / "release" / assignment).glob("*.ipynb")):
                notebook = prepare_for_lab(nbformat.read(built, as_version=4))
                text = nbformat.writes(notebook) + "\n"
                target = out / built.name
                if target.exists() and target.read_text(encoding="utf-8") == text:
                    results.append(Released(assignment, target, "unchanged"))
                elif target.exists() and not force:
                    results.append(Released(assignment, target, "kept"))
                else:
                    target.write_text(text, encoding="utf-8", newline="\n")
                    results.append(Released(assignment, target, "written"))
    return results
