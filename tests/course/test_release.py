"""The trainee release: nbgrader strips solutions and hidden tests; check cells are tagged so an
untouched notebook runs to the end; a trainee's differing notebook is never overwritten."""
import json

import pytest

from course_demo import HIDDEN_LINE, SOLUTION_LINES, build
from governance_kit.course.release import CHECK_TAG, ReleaseError, release


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    source = tmp_path_factory.mktemp("source")
    build(source)
    out = tmp_path_factory.mktemp("release")
    return source, out, release(out=out, source=source)


def test_release_removes_solutions_and_hidden_tests(released):
    source, out, results = released
    assert [r.status for r in results] == ["written"]
    text = (out / "demo.ipynb").read_text(encoding="utf-8")
    for line in SOLUTION_LINES + (HIDDEN_LINE, "BEGIN SOLUTION", "BEGIN HIDDEN TESTS"):
        assert line not in text
    assert "请在这里写你的代码" in text
    assert SOLUTION_LINES[0] in (source / "demo" / "demo.ipynb").read_text(encoding="utf-8")


def test_check_cells_tagged_and_outputs_clear(released):
    _, out, _ = released
    cells = json.loads((out / "demo.ipynb").read_text(encoding="utf-8"))["cells"]
    checks = [c for c in cells if c["metadata"].get("nbgrader", {}).get("grade")]
    assert len(checks) == 2 and all(CHECK_TAG in c["metadata"]["tags"] for c in checks)
    assert all(c.get("outputs", []) == [] for c in cells if c["cell_type"] == "code")


def test_trainee_notebook_is_never_overwritten(released):
    source, out, _ = released
    target = out / "demo.ipynb"
    answered = target.read_text(encoding="utf-8").replace("n = ...", "n = 5")
    target.write_text(answered, encoding="utf-8")
    assert [r.status for r in release(out=out, source=source)] == ["kept"]
    assert target.read_text(encoding="utf-8") == answered
    assert [r.status for r in release(out=out, source=source, force=True)] == ["written"]
    assert [r.status for r in release(out=out, source=source)] == ["unchanged"]


def test_unknown_assignment_is_a_chinese_error(released):
    source, out, _ = released
    with pytest.raises(ReleaseError, match="没有这些练习"):
        release(["99_none"], out=out, source=source)


def test_exercise_commands_rerun_themselves_in_utf8_mode(monkeypatch):
    """Under a GBK locale (utf8_mode off) `govkit exercises …` runs again with -X utf8, same arguments."""
    import subprocess
    import sys
    import types

    from governance_kit.cli import main

    calls = []
    flags = {name: getattr(sys.flags, name) for name in dir(sys.flags)
             if not name.startswith(("_", "n_")) and name not in ("count", "index")}
    monkeypatch.setattr(sys, "flags", types.SimpleNamespace(**(flags | {"utf8_mode": 0})))
    monkeypatch.setattr(subprocess, "call", lambda argv: calls.append(argv) or 0)
    argv = ["exercises", "grade", "作业", "--out", "成绩.csv"]
    assert main(argv) == 0
    assert calls == [[sys.executable, "-X", "utf8", "-m", "governance_kit.cli", *argv]]
    calls.clear()
    main(["clean", "no-such-file.txt"])  # other commands run in place
    assert calls == []
