"""The course's nbgrader settings, in one place: read by ``exercises/nbgrader_config.py`` (for
instructors who run nbgrader or its JupyterLab formgrader themselves) and by the kit's own release
and grading commands, which run nbgrader in a temporary course folder."""
from __future__ import annotations

COURSE_ID = "governance_kit"
CODE_STUB = "# 请在这里写你的代码"
TEXT_STUB = "请在这里作答"
# files staged for zip_collect are named <student>__<notebook>.ipynb (either path separator: Windows)
STAGED_NAME = r".*[\\/](?P<student_id>[^\\/]+)__(?P<file_id>[^\\/]+\.ipynb)$"
CELL_TIMEOUT_S = 300


def configure(c, root) -> None:
    """Fill a traitlets config ``c`` for the course folder ``root``."""
    c.CourseDirectory.root = str(root)
    c.CourseDirectory.course_id = COURSE_ID
    c.ClearSolutions.code_stub = {"python": CODE_STUB}
    c.ClearSolutions.text_stub = TEXT_STUB
    c.Execute.timeout = CELL_TIMEOUT_S
    c.Exchange.root = str(root) + "/exchange"  # unused (no JupyterHub); keeps nbgrader off /srv
    c.FileNameCollectorPlugin.named_regexp = STAGED_NAME
