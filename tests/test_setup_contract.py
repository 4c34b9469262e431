"""The set-up contract: one set of dependencies, two ways to install it, a Chinese JupyterLab.

``make lab`` / ``make test`` (venv) and ``conda env create -f environment.yml`` (conda) must
install the same thing: pyproject.toml is the only place Python dependencies are declared, and
both routes install the repository itself, editable, with the same extras.
"""
from __future__ import annotations

import importlib.metadata
import json
import re
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[1]
HAN = re.compile(r"[\u4e00-\u9fff]")

# What the user asked for (names as on PyPI, compared canonically).
REQUIRED_STACK = [
    "jupyterlab",
    "pandas",
    "scikit-learn",
    "jieba",
    "wordcloud",
    "pytest",
    "nbval",
    # helpers chosen for the kit
    "opencc",  # the official OpenCC binding, not a re-implementation
    "charset-normalizer",
    "jupyterlab-language-pack-zh-CN",
]
FORBIDDEN = "opencc-python-reimplemented"

LAYOUT_DIRS = ["notebooks", "corpus", "governance_kit", "exercises", "tests", "bench", ".ci"]
LAYOUT_FILES = ["environment.yml", "README.md", "pyproject.toml", "Makefile", ".ci/run"]


# --------------------------------------------------------------------------- helpers
def _pyproject() -> dict:
    with open(REPO / "pyproject.toml", "rb") as f:
        return tomllib.load(f)


def _environment() -> dict:
    return yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))


def _makefile() -> str:
    return (REPO / "Makefile").read_text(encoding="utf-8")


def _split_extras(text: str) -> list[str]:
    return [e.strip() for e in text.split(",") if e.strip()]


def _makefile_extras() -> list[str]:
    m = re.search(r"^EXTRAS\s*:?=\s*(\S+)\s*$", _makefile(), re.MULTILINE)
    assert m, "Makefile has no `EXTRAS := …` line"
    return _split_extras(m.group(1))


def _conda_and_pip(env: dict) -> tuple[list[str], list[str]]:
    conda, pip = [], []
    for dep in env.get("dependencies") or []:
        if isinstance(dep, dict):
            assert set(dep) == {"pip"}, f"unexpected nested dependency block: {dep!r}"
            pip.extend(dep["pip"] or [])
        else:
            conda.append(str(dep).strip())
    return conda, pip


def _declared_requirements() -> dict[str, list[Requirement]]:
    """Requirements by group: 'dependencies' and each optional extra."""
    project = _pyproject()["project"]
    groups = {"dependencies": [Requirement(r) for r in project.get("dependencies", [])]}
    for extra, reqs in project.get("optional-dependencies", {}).items():
        groups[f"extra:{extra}"] = [Requirement(r) for r in reqs]
    return groups


def _declared_names() -> set[str]:
    return {canonicalize_name(r.name) for reqs in _declared_requirements().values() for r in reqs}


def _headings(text: str) -> list[tuple[int, str]]:
    out, in_code = [], False
    for i, line in enumerate(text.splitlines()):
        if line.lstrip().startswith("```"):
            in_code = not in_code
            continue
        if not in_code and re.match(r"#{1,6}\s", line):
            out.append((i, line.lstrip("#").strip()))
    return out


# --------------------------------------------------------------------------- environment.yml
def test_environment_yml_parses_and_is_conda_minimal():
    env = _environment()
    assert env["name"] == "governance_kit"
    conda, pip = _conda_and_pip(env)
    pythons = [d for d in conda if re.match(r"python\s*[=<>!~ ]", d)]
    assert len(pythons) == 1, conda
    assert re.fullmatch(r"python\s*=?=\s*3\.11(\.\*)?", pythons[0]), pythons[0]
    assert "pip" in conda
    # conda provides only the interpreter and pip; every Python dependency comes from pyproject.toml.
    assert sorted(conda) == sorted([pythons[0], "pip"]), f"conda should install only python and pip: {conda}"
    assert pip, "environment.yml has no pip section"


def test_environment_yml_sets_utf8_for_windows():
    env = _environment()
    assert str(env.get("variables", {}).get("PYTHONUTF8")) == "1"


def test_environment_yml_installs_the_repo_with_the_makefile_extras():
    _, pip = _conda_and_pip(_environment())
    assert len(pip) == 1, f"the pip section must install only the repository itself, found {pip}"
    m = re.fullmatch(r"""-e\s+["']?\.\[([^\]]*)\]["']?""", pip[0].strip())
    assert m, f"expected `-e .[extras]` (editable repo), found {pip[0]!r}"
    assert sorted(_split_extras(m.group(1))) == sorted(_makefile_extras()), (
        "environment.yml and Makefile install different extras"
    )


def test_makefile_installs_the_repo_editable_with_its_extras():
    make = _makefile()
    assert re.search(r"""pip install\b.*-e\s+["']?\.\[\$\(EXTRAS\)\]""", make), (
        "the Makefile's venv should `pip install -e \".[$(EXTRAS)]\"`"
    )


def test_every_named_extra_exists_in_pyproject():
    extras = set(_pyproject()["project"].get("optional-dependencies", {}))
    _, pip = _conda_and_pip(_environment())
    named = set(_makefile_extras())
    for spec in pip:
        m = re.search(r"\[([^\]]*)\]", spec)
        if m:
            named |= set(_split_extras(m.group(1)))
    assert named, "no extras named"
    missing = named - extras
    assert not missing, f"extras not in [project.optional-dependencies]: {sorted(missing)}"


def test_requires_python_admits_311():
    spec = SpecifierSet(_pyproject()["project"]["requires-python"])
    assert spec.contains("3.11"), spec


# --------------------------------------------------------------------------- the stack
@pytest.mark.parametrize("name", REQUIRED_STACK)
def test_required_stack_is_declared(name):
    assert canonicalize_name(name) in _declared_names(), (
        f"{name} is not declared in pyproject.toml (dependencies or an extra)"
    )


def test_course_and_test_tools_are_installed_by_both_routes():
    """jupyterlab + zh-CN pack + kernel come with the extras both routes install; so do pytest/nbval."""
    groups = _declared_requirements()
    installed = {canonicalize_name(r.name) for r in groups["dependencies"]}
    for extra in _makefile_extras():
        installed |= {canonicalize_name(r.name) for r in groups[f"extra:{extra}"]}
    for name in REQUIRED_STACK + ["ipykernel"]:
        assert canonicalize_name(name) in installed, f"{name} is not installed by `-e .[{','.join(_makefile_extras())}]`"


def test_opencc_is_the_official_binding_everywhere():
    assert canonicalize_name(FORBIDDEN) not in _declared_names()
    for rel in ["pyproject.toml", "environment.yml", "Makefile"]:
        assert FORBIDDEN not in (REPO / rel).read_text(encoding="utf-8").lower(), rel
    # and the environment running these tests has the official package, not the re-implementation
    importlib.metadata.distribution("opencc")
    with pytest.raises(importlib.metadata.PackageNotFoundError):
        importlib.metadata.distribution(FORBIDDEN)


# --------------------------------------------------------------------------- layout, Makefile, CI
@pytest.mark.parametrize("rel", LAYOUT_DIRS)
def test_layout_directory_exists(rel):
    assert (REPO / rel).is_dir(), f"missing top-level directory {rel}/"


@pytest.mark.parametrize("rel", LAYOUT_FILES)
def test_layout_file_exists(rel):
    assert (REPO / rel).is_file(), f"missing {rel}"


@pytest.mark.parametrize("target", ["lab", "test"])
def test_makefile_has_target(target):
    assert re.search(rf"^{target}\s*:(?!=)", _makefile(), re.MULTILINE), f"Makefile has no `{target}:` target"


def test_ci_runs_make_test():
    lines = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    code = [ln.split("#", 1)[0] for ln in lines if not ln.lstrip().startswith("#")]
    assert any(re.search(r"(^|[;&|\s])make\s+test(\s|;|&|\||$)", ln) for ln in code), ".ci/run does not call `make test`"


# --------------------------------------------------------------------------- README
def _readme() -> str:
    return (REPO / "README.md").read_text(encoding="utf-8")


def test_readme_opens_in_chinese():
    lines = [ln for ln in _readme().splitlines() if ln.strip()]
    heading = next(ln for ln in lines if ln.startswith("#"))
    assert HAN.search(heading), f"first heading is not Chinese: {heading!r}"
    paragraph = next(ln for ln in lines if not ln.startswith("#"))
    assert HAN.search(paragraph), f"first paragraph is not Chinese: {paragraph!r}"


def test_readme_shows_the_two_commands_first():
    top = "\n".join(_readme().splitlines()[:40])
    assert "make lab" in top
    assert "make test" in top


def test_readme_has_english_after_chinese():
    text = _readme()
    heads = _headings(text)
    english = [i for i, h in heads if "english" in h.lower()]
    assert english, "README has no heading containing 'English'"
    chinese = [i for i, h in heads if HAN.search(h)]
    assert chinese and min(chinese) < english[0], "the English section must come after the Chinese one"
    before = "\n".join(text.splitlines()[: english[0]])
    assert len(HAN.findall(before)) > 200, "the Chinese part is too thin"


def test_readme_documents_the_conda_route():
    text = _readme()
    env_name = _environment()["name"]
    assert "environment.yml" in text
    assert "conda env create -f environment.yml" in text
    assert f"conda activate {env_name}" in text
    assert "python -m governance_kit.labsetup" in text
    assert "PYTHONUTF8" in text


def test_readme_does_not_recommend_the_reimplementation():
    assert FORBIDDEN not in _readme().lower()


# --------------------------------------------------------------------------- labsetup
def test_set_lab_locale_writes_overrides(tmp_path):
    from governance_kit.labsetup import TRANSLATION_PLUGIN, set_lab_locale

    path = set_lab_locale(tmp_path)
    assert path == tmp_path / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data[TRANSLATION_PLUGIN] == {"locale": "zh_CN"}
    assert TRANSLATION_PLUGIN == "@jupyterlab/translation-extension:plugin"
    # offline first: JupyterLab must not offer to fetch news or check for updates
    assert data["@jupyterlab/apputils-extension:notification"] == {"fetchNews": "false", "checkForUpdates": False}


def test_set_lab_locale_merges_and_is_idempotent(tmp_path):
    from governance_kit.labsetup import TRANSLATION_PLUGIN, overrides_path, set_lab_locale

    path = overrides_path(tmp_path)
    path.parent.mkdir(parents=True)
    existing = {
        "@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"},
        TRANSLATION_PLUGIN: {"locale": "en", "displayStringsPrefix": False},
    }
    path.write_text(json.dumps(existing), encoding="utf-8")

    set_lab_locale(tmp_path)
    first = path.read_text(encoding="utf-8")
    data = json.loads(first)
    assert data["@jupyterlab/apputils-extension:themes"] == {"theme": "JupyterLab Dark"}
    assert data[TRANSLATION_PLUGIN] == {"locale": "zh_CN", "displayStringsPrefix": False}

    set_lab_locale(tmp_path)
    assert path.read_text(encoding="utf-8") == first


def test_labsetup_command_line(tmp_path, capsys):
    from governance_kit.labsetup import main, overrides_path

    assert main(["--prefix", str(tmp_path)]) == 0
    assert json.loads(overrides_path(tmp_path).read_text(encoding="utf-8"))[
        "@jupyterlab/translation-extension:plugin"
    ]["locale"] == "zh_CN"
    assert str(overrides_path(tmp_path)) in capsys.readouterr().out


def test_this_environment_starts_lab_in_chinese():
    """`make venv` / the conda steps ran labsetup for the environment running the tests."""
    from governance_kit.labsetup import overrides_path

    path = overrides_path(sys.prefix)
    if not path.exists():
        pytest.skip(f"labsetup has not been run for {sys.prefix}")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["@jupyterlab/translation-extension:plugin"]["locale"] == "zh_CN"
