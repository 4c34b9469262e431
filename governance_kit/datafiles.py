"""The kit's bundled data files: their paths, YAML reading with a Chinese error, and caches that
re-read a file after it is edited (instructors change cue lists and rules while a kernel runs)."""
from __future__ import annotations

from functools import lru_cache, wraps
from importlib import resources
from pathlib import Path

from .errors import RuleFileError


def data_dir() -> Path:
    """The folder ``governance_kit/data`` itself."""
    return Path(str(resources.files("governance_kit") / "data"))


@lru_cache(maxsize=None)
def bundled(name: str) -> Path:
    """The path of ``governance_kit/data/<name>`` (looked up once: loaders ask on every call)."""
    return data_dir() / name


# PyYAML's commonest complaints, in the words an instructor editing a file can act on
_YAML_PROBLEMS = {
    "mapping values are not allowed here": "这里不能出现“键: 值”(常见原因:值里有半角冒号却没加引号,或缩进不对)",
    "could not find expected ':'": "缺少“:”(键和值之间要有半角冒号和空格)",
    "found character '\\t' that cannot start any token": "不能用 Tab 缩进,请改用空格",
    "found unexpected end of stream": "文件意外结束(引号或括号没有配对)",
    "expected ',' or ']'": "方括号列表没有闭合(缺少“]”或逗号)",
    "expected ',' or '}'": "花括号映射没有闭合(缺少“}”或逗号)",
    "did not find expected key": "缩进不对齐,或列表项和键混在同一层",
    "did not find expected '-' indicator": "列表项缩进不对齐(每项都要以“- ”开头并对齐)",
    "found undefined alias": "引用了未定义的锚点(*名称)",
    "expected <block end>, but found '-'": "列表项的缩进和上一层不一致",
    "found unknown escape character": "双引号里的反斜杠转义不合法(改用单引号或写成 \\\\)",
}


def yaml_error_message(exc, label: str) -> str:
    """``<label> 第 N 行:YAML 格式错误:…`` in Chinese for a PyYAML error (line from its mark)."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = (getattr(exc, "problem", None) or str(exc)).strip()
    where = f"{label} 第 {mark.line + 1} 行" if mark is not None else label
    said = next((zh for en, zh in _YAML_PROBLEMS.items() if problem.startswith(en)), None)
    return f"{where}:YAML 格式错误:{said or '无法解析'}(PyYAML:{problem})"


def read_yaml(source: Path, label: str):
    """``(data, text)`` of a YAML file; a syntax error becomes ``RuleFileError`` naming ``label`` and the line.
    """
    import yaml

    text = Path(source).read_text(encoding="utf-8")
    try:
        return yaml.safe_load(text), text
    except yaml.YAMLError as exc:
        raise RuleFileError(yaml_error_message(exc, label)) from exc


def reloaded(name):
    """Decorate a no-argument loader of ``data/<name>`` (or of the path a callable ``name`` returns):
    its result is kept until the file's size or modification time changes."""
    def wrap(loader):
        @lru_cache(maxsize=2)
        def cached(path: Path, mtime_ns: int, size: int):
            return loader()

        @wraps(loader)
        def current():
            path = name() if callable(name) else bundled(name)
            stat = path.stat()
            return cached(path, stat.st_mtime_ns, stat.st_size)

        current.cache_clear = cached.cache_clear
        return current
    return wrap
