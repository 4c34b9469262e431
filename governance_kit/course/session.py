"""What happened in this notebook session: which cells failed, which names they were meant to give,
and where a missing name is defined.

:func:`watch` (called by ``coach.enable()`` in the first cell of every lecture, and again by every
check) registers an IPython ``post_run_cell`` callback. A cell that fails with an ordinary error marks
the names it assigns as *failed*; a later cell that assigns a name without error clears the mark. A
check cell that fails with an exercise hint changes nothing, so running a check twice, or markdown
cells in between, does not forget that the answer cell failed. Outside IPython nothing is recorded.

:func:`where_defined` finds the cell that assigns a name: first among the failed cells of this
session, then in the notebook file on disk (found from the kernel's session name, or as the notebook
in the working folder that holds the running cell), counting code cells from the top.
"""
from __future__ import annotations

import ast
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

_STATE = "_governance_kit_session"
_ASSIGN_LINE = re.compile(r"^[ \t]*([A-Za-z_]\w*)(?:[ \t]*,[ \t]*[A-Za-z_]\w*)*[ \t]*(?:[-+*/%|&]?=)(?!=)", re.M)
MAX_NOTEBOOKS = 30  # notebooks of the working folder looked at for the running cell
MAX_NOTEBOOK_BYTES = 20_000_000


@dataclass
class Failure:
    """A cell that failed: its execution number, the error in one line and the cell's source."""
    count: int | None
    error: str
    source: str
    exception: BaseException | None = None


def shell():
    """The running IPython shell, or None."""
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    return get_ipython()


def is_hint(error) -> bool:
    """True for the failure of an exercise check (not a mistake in the trainee's code)."""
    return bool(getattr(type(error), "exercise_hint", False))


def error_of(result):
    """The error of an IPython ``ExecutionResult`` (before or during execution), or None."""
    if result is None:
        return None
    return getattr(result, "error_before_exec", None) or getattr(result, "error_in_exec", None)


def one_line(error) -> str:
    """``类型：说明`` in one short line, e.g. ``KeyError：'网格长'``."""
    text = " ".join(str(getattr(error, "msg", None) or error).split())
    text = text if len(text) <= 60 else text[:59] + "…"
    return f"{type(error).__name__}：{text}" if text else type(error).__name__


def assigned(source: str) -> set[str]:
    """The names a cell gives a value to (assignments, for/with targets, def, class, import)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        names = set()
        for m in _ASSIGN_LINE.finditer(source):
            names.update(re.findall(r"[A-Za-z_]\w*", m.group(0).split("=")[0]))
        return names
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
    return names


def mentions(source: str, name: str) -> bool:
    return re.search(rf"(?<![\w.]){re.escape(name)}(?!\w)", source or "") is not None


def _state(sh) -> dict:
    state = getattr(sh, _STATE, None)
    if state is None:
        state = {"failed": {}}
        setattr(sh, _STATE, state)
    return state


def watch(sh=None) -> bool:
    """Record failed cells in this IPython session (idempotent); False outside IPython."""
    sh = sh if sh is not None else shell()
    if sh is None or not hasattr(sh, "events"):
        return False
    state = _state(sh)
    if state.get("watching"):
        return True

    def after(result=None):
        error = error_of(result)
        if error is not None and is_hint(error):
            return
        source = getattr(getattr(result, "info", None), "raw_cell", None) or ""
        names = assigned(source)
        if error is None:
            for name in names:
                state["failed"].pop(name, None)
            return
        failure = Failure(getattr(result, "execution_count", None), one_line(error), source, error)
        for name in names:
            state["failed"][name] = failure

    sh.events.register("post_run_cell", after)
    state["watching"] = True
    return True


def failure(name: str, sh=None) -> Failure | None:
    """The failed cell that was meant to give ``name`` (and no later cell gave it), or None."""
    sh = sh if sh is not None else shell()
    return _state(sh)["failed"].get(name) if sh is not None else None


def current_source(sh=None) -> str:
    """The source of the running cell (the last input of the history), or ''."""
    sh = sh if sh is not None else shell()
    inputs = getattr(sh, "user_ns", {}).get("In") if sh is not None else None
    return inputs[-1] if inputs else ""


def _notebook_paths(sh) -> list[Path]:
    ns = getattr(sh, "user_ns", {}) or {}
    named = [ns.get("__session__"), ns.get("__vsc_ipynb_file__"), os.environ.get("JPY_SESSION_NAME")]
    paths = []
    for p in named:
        if isinstance(p, str) and p.endswith(".ipynb"):  # the server may give a path relative to its root
            paths += [Path(p), Path.cwd() / Path(p).name]
    try:
        paths += sorted(Path.cwd().glob("*.ipynb"))[:MAX_NOTEBOOKS]
    except OSError:
        pass
    return [p for p in dict.fromkeys(paths) if p.is_file()]


def _code_cells(path: Path) -> list[str]:
    try:
        if path.stat().st_size > MAX_NOTEBOOK_BYTES:
            return []
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError, AttributeError):
        return []
    out = []
    for cell in cells if isinstance(cells, list) else []:
        if isinstance(cell, dict) and cell.get("cell_type") == "code":
            source = cell.get("source", "")
            out.append("".join(source) if isinstance(source, list) else str(source))
    return out


def _in_notebook(sh, name: str) -> tuple[int, int | None, str] | None:
    """(1-based code-cell number of the defining cell, number of the running cell or None, its line)."""
    running = current_source(sh).strip()
    paths = _notebook_paths(sh)
    for path in paths:
        cells = _code_cells(path)
        here = next((i for i, c in enumerate(cells) if running and c.strip() == running), None)
        if here is None and len(paths) > 1 and not _named(sh, path):
            continue  # among several notebooks, only the one holding the running cell (or named) counts
        defining = [i for i, c in enumerate(cells) if name in assigned(c)]
        if not defining:
            continue
        before = [i for i in defining if here is None or i < here]
        index = before[-1] if before else defining[0]
        line = next((ln.strip() for ln in cells[index].splitlines()
                     if not ln.lstrip().startswith("#") and name in assigned(ln.strip())), f"{name} = …")
        return index + 1, (here + 1 if here is not None else None), line
    return None


def _named(sh, path: Path) -> bool:
    ns = getattr(sh, "user_ns", {}) or {}
    names = {ns.get("__session__"), ns.get("__vsc_ipynb_file__"), os.environ.get("JPY_SESSION_NAME")}
    return any(isinstance(n, str) and n.endswith(".ipynb") and (str(path) == n or path.name == Path(n).name)
               for n in names)


def _short(line: str) -> str:
    if "=" in line and not line.startswith(("def ", "class ", "for ", "import ", "from ")):
        return line.split("=", 1)[0].rstrip() + " = …"
    return line if len(line) <= 30 else line[:29] + "…"


def where_defined(name: str, sh=None) -> str | None:
    """A Chinese sentence saying which cell gives ``name`` and what to do, or None when not found."""
    sh = sh if sh is not None else shell()
    if sh is None:
        return None
    failed = failure(name, sh)
    if failed is not None:
        mark = f"标着 [{failed.count}] 的" if failed.count else "给出它的"
        return (f"“{name}”在{mark}单元格中定义，那一格运行时出错了（{failed.error}）："
                "请先改正那里的错误并重新运行它。")
    try:
        found = _in_notebook(sh, name)
    except Exception:  # a notebook we cannot read is no reason to fail
        found = None
    if found is None:
        return None
    number, here, line = found
    side = "下面" if here is not None and number > here else "上面"
    return (f"变量“{name}”在{side}第 {number} 个代码单元格（含有“{_short(line)}”的那一格）中定义，请先运行它"
            "（如果重启过内核，要从第一个单元格起依次运行）。")
