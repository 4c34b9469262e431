"""The package's shape: stages in data-flow order, no import cycles, no import from a lower stage to
a higher one, small modules (every import counted, including those inside function bodies)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "governance_kit"
MAX_LINES = 500

# stages from the bottom up (../shared/DESIGN.md §2; docs/architecture.md): a module may import its own
# stage and lower ones. The three base modules serve all; tokens (the language layer: jieba's dictionary,
# the tokenizer, sentences) sits below clean because cleaning checks its repairs against dictionary words.
STAGES = ["errors", "datafiles", "storage", "io", "tokens", "clean", "corpus", "codebook", "places", "metrics",
          "analysis", "viz", "export", "report", "scale", "pipeline", "design", "course", "cli"]
# modules outside the data flow: the lazy front door and JupyterLab's locale set-up import nothing of it
OUTSIDE = {"governance_kit", "governance_kit.labsetup"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PACKAGE.rglob("*.py")}


MODULES = _modules()


def _resolve(importer: str, is_package: bool, node: ast.ImportFrom) -> list[str]:
    if node.level:
        base = importer.split(".") if is_package else importer.split(".")[:-1]
        base = base[: len(base) - node.level + 1]
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module or ""
    if not target.startswith("governance_kit"):
        return []
    out = []
    for alias in node.names:  # `from . import x` names a submodule
        sub = f"{target}.{alias.name}"
        out.append(sub if sub in MODULES else target)
    return out


def _imports(name: str) -> set[str]:
    path = MODULES[name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            found.update(_resolve(name, path.name == "__init__.py", node))
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("governance_kit"))
    return {t for t in found if t in MODULES and t != name}


GRAPH = {name: _imports(name) for name in MODULES}


def _stage(module: str) -> str:
    return module.split(".")[1] if "." in module else module


def _ancestors(module: str) -> set[str]:
    parts = module.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts))}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_graph_is_read():
    # guards the test itself: a resolver that missed imports would pass every check below
    assert "governance_kit.corpus" in GRAPH["governance_kit.pipeline.run"] | {
        t.rsplit(".", 1)[0] for t in GRAPH["governance_kit.pipeline.run"]}
    assert len(MODULES) > 40


def test_every_module_belongs_to_a_known_stage():
    unknown = sorted(m for m in MODULES if m not in OUTSIDE and _stage(m) not in STAGES)
    assert unknown == []


def test_no_import_cycles():
    # a package's __init__ re-exports its modules, so edges from a module to its own package's front
    # door are the only ones a cycle may not be built from; they are counted like any other import
    assert _cycles(GRAPH) == []


def test_no_import_from_a_lower_stage_to_a_higher_one():
    upward = []
    for module, targets in GRAPH.items():
        if module in OUTSIDE:
            continue
        rank = STAGES.index(_stage(module))
        for target in targets:
            if target in OUTSIDE and target != "governance_kit":
                upward.append((module, target))
            elif target not in OUTSIDE and STAGES.index(_stage(target)) > rank:
                upward.append((module, target))
    assert upward == []


def test_outside_modules_do_not_reach_into_the_stages():
    for module in OUTSIDE - {"governance_kit"}:
        assert GRAPH[module] == set()


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_over_the_limit(module):
    lines = MODULES[module].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{MODULES[module].relative_to(PACKAGE.parent)}: {lines} lines"


def test_a_module_never_imports_its_own_package_front_door():
    # `from . import x` inside a package goes to the module; importing the package's __init__ from one
    # of its modules is a cycle waiting to happen
    bad = [(m, t) for m, targets in GRAPH.items() for t in targets
           if t in _ancestors(m) and t != "governance_kit" and MODULES[t].name == "__init__.py"]
    assert bad == []
