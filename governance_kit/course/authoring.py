"""Notebook cells in nbgrader's format, for writing course notebooks from a script.

Instructors usually mark cells with JupyterLab's nbgrader toolbar ("Create Assignment"); this module
makes the same metadata (schema 3) so a notebook can also be assembled in code::

    cells = [markdown("# 第 00 讲"), code("import governance_kit as gk"),
             answer("ex00_1", "n_docs = ...\\n### BEGIN SOLUTION\\nn_docs = len(corpus)\\n### END SOLUTION"),
             check("ex00_1_check", "nb00.ex1(n_docs)", hidden="nb00.ex1_hidden(n_docs)")]
    write_notebook(cells, "exercises/source/00_intro/00_intro.ipynb")

In the source, an answer cell holds its solution between ``### BEGIN SOLUTION`` and
``### END SOLUTION``; nbgrader replaces that region by the stub set in exercises/nbgrader_config.py.
A check cell is locked and graded; its hidden part (``### BEGIN HIDDEN TESTS`` …) is removed from
the trainee release and restored when grading.
"""
from __future__ import annotations

KERNELSPEC = {"name": "governance_kit", "display_name": "Python 3 (governance_kit)", "language": "python"}


def _nbformat():
    import nbformat

    return nbformat


def _nbgrader(grade_id: str, *, solution=False, grade=False, locked=False, points=None, task=False) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
            "solution": solution, "task": task}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def markdown(text: str):
    return _nbformat().v4.new_markdown_cell(text.strip("\n"))


def code(source: str):
    return _nbformat().v4.new_code_cell(source.strip("\n"))


def answer(grade_id: str, source: str):
    """An answer cell: the trainee writes here; the solution lies between the SOLUTION markers."""
    if "### BEGIN SOLUTION" not in source or "### END SOLUTION" not in source:
        raise ValueError(f"答案单元格 {grade_id} 缺少 ### BEGIN SOLUTION / ### END SOLUTION 标记")
    cell = code(source)
    cell.metadata.update(_nbgrader(grade_id, solution=True))
    return cell


def check(grade_id: str, visible: str, *, hidden: str | None = None, points: float = 1):
    """A locked, graded check cell: ``visible`` gives instant feedback, ``hidden`` runs only when grading."""
    source = visible.strip("\n")
    if hidden:
        source += "\n### BEGIN HIDDEN TESTS\n" + hidden.strip("\n") + "\n### END HIDDEN TESTS"
    cell = code(source)
    cell.metadata.update(_nbgrader(grade_id, grade=True, locked=True, points=points))
    return cell


def locked_markdown(grade_id: str, text: str):
    """A markdown cell the trainee cannot edit (e.g. an exercise statement)."""
    cell = markdown(text)
    cell.metadata.update(_nbgrader(grade_id, locked=True))
    return cell


def write_notebook(cells, path) -> None:
    nbformat = _nbformat()
    notebook = nbformat.v4.new_notebook(cells=list(cells))
    notebook.metadata["kernelspec"] = dict(KERNELSPEC)
    notebook.metadata["language_info"] = {"name": "python"}
    nbformat.validate(notebook)
    from pathlib import Path

    Path(path).parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, str(path))
