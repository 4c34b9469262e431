# nbgrader settings for instructors who use nbgrader directly (e.g. the formgrader in JupyterLab,
# started from this folder). The kit's `govkit exercises release|grade` use the same settings.
import os

from governance_kit.course.nbgrader_settings import configure

c = get_config()  # noqa: F821 (provided by nbgrader when it reads this file)
configure(c, os.path.dirname(os.path.abspath(__file__)))
