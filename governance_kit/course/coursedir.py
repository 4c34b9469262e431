"""A temporary nbgrader course folder built from the exercise sources, so that release and grading
never write into the repository (no gradebook.db, no release/ or autograded/ left behind)."""
from __future__ import annotations

import os
import shutil
import sys
import sysconfig
import tempfile
from contextlib import contextmanager
from pathlib import Path

from .nbgrader_settings import configure

REPO = Path(__file__).resolve().parents[2]
SOURCE = REPO / "exercises" / "source"
GRADING_KERNEL = "governance_kit_grading"
CONFIG_FILE = """import os
from governance_kit.course.nbgrader_settings import configure
c = get_config()
configure(c, os.path.dirname(os.path.abspath(__file__)))
c.Execute.kernel_name = "{kernel}"
"""


def source_assignments(source: Path = SOURCE) -> list[str]:
    """The assignment ids under ``source`` (folders holding a notebook), in order."""
    source = Path(source)
    if not source.is_dir():
        raise FileNotFoundError(f"找不到练习源文件夹 {source}(应为仓库中的 exercises/source)")
    return sorted(p.name for p in source.iterdir() if p.is_dir() and any(p.glob("*.ipynb")))


def _grading_kernel(root: Path) -> None:
    """A kernel spec that runs this very interpreter in UTF-8 mode (Chinese Windows locales included)."""
    import json

    spec = root / "jupyter" / "kernels" / GRADING_KERNEL
    spec.mkdir(parents=True)
    argv = [sys.executable, "-X", "utf8", "-m", "ipykernel_launcher", "-f", "{connection_file}",
            "--IPKernelApp.log_level=ERROR"]  # no start-up warnings in the instructor's terminal
    (spec / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "governance_kit (grading)",
                                                  "language": "python", "env": {"PYTHONUTF8": "1"}}),
                                      encoding="utf-8")


@contextmanager
def course_folder(assignments, source: Path = SOURCE):
    """Yield ``(root, api)``: a temporary course folder with ``source/<id>`` copied in, and an
    ``NbGraderAPI`` on it whose kernels run this interpreter."""
    from traitlets.config import Config

    with tempfile.TemporaryDirectory(prefix="govkit_course_", ignore_cleanup_errors=True) as tmp:
        root = Path(tmp)
        for assignment in assignments:
            shutil.copytree(Path(source) / assignment, root / "source" / assignment,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "设计简报_*.docx"))
        _grading_kernel(root)
        (root / "nbgrader_config.py").write_text(CONFIG_FILE.format(kernel=GRADING_KERNEL), encoding="utf-8")
        saved = {key: os.environ.get(key) for key in ("JUPYTER_PATH", "PYTHONUTF8", "PATH")}
        os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(root / "jupyter"), saved["JUPYTER_PATH"]]))
        # nbgrader runs the `alembic` command: find it next to this interpreter even in an unactivated venv
        os.environ["PATH"] = os.pathsep.join(filter(None, [sysconfig.get_path("scripts"), saved["PATH"]]))
        os.environ["PYTHONUTF8"] = "1"
        try:
            c = Config()
            configure(c, root)
            c.Execute.kernel_name = GRADING_KERNEL
            from nbgrader.apps import NbGraderAPI

            yield root, NbGraderAPI(config=c)
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
