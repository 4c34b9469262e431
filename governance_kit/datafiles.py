"""The kit's bundled data files: their paths, YAML reading with a Chinese error, and caches that
re-read a file after it is edited (instructors change cue lists and rules while a kernel runs)."""
from __future__ import annotations

from functools import lru_cache, wraps
from importlib import resources
from pathlib import Path

from .errors import RuleFileError


def bundled(name: str) -> Path:
    """The path of ``governance_kit/data/<name>``."""
    return Path(str(resources.files("governance_kit") / "data" / name))


def read_yaml(source: Path, label: str):
    """``(data, text)`` of a YAML file; a syntax error becomes ``RuleFileError`` naming ``label``."""
    import yaml

    text = Path(source).read_text(encoding="utf-8")
    try:
        return yaml.safe_load(text), text
    except yaml.YAMLError as exc:
        raise RuleFileError(f"{label}:YAML 格式错误:{exc}") from exc


def reloaded(name):
    """Decorate a no-argument loader of ``data/<name>`` (or of the path a callable ``name`` returns):
    its result is kept until the file's size or modification time changes."""
    def wrap(loader):
        @lru_cache(maxsize=2)
        def cached(mtime_ns: int, size: int):
            return loader()

        @wraps(loader)
        def current():
            stat = (name() if callable(name) else bundled(name)).stat()
            return cached(stat.st_mtime_ns, stat.st_size)

        current.cache_clear = cached.cache_clear
        return current
    return wrap
