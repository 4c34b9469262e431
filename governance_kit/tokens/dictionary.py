"""jieba's main dictionary ``dict.txt``: the one place the kit reads it.

Three views of it, each built on first use and kept for the process (the file ships inside jieba
and is never edited, never mutated):

* :func:`main_dictionary` — jieba's prefix dictionary ``(FREQ, total)``, loaded by jieba itself from
  a cache file in the kit's cache folder; the kit's tokenizers copy it and add their words on top.
* :func:`common_words` — words of 2–4 characters with frequency ≥ 3 (garble repair scores with them).
* :func:`word_tags` — word → part-of-speech tag (place extraction tells names from ordinary words).

jieba itself is imported and initialised quietly (:func:`import_jieba`, :func:`silenced`).
"""
from __future__ import annotations

import contextlib
import importlib.util
import logging
import os
import threading
import warnings
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

# --- jieba, quietly -------------------------------------------------------------------------------

def import_jieba():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # jieba 0.42 imports the deprecated pkg_resources
        import jieba
    return jieba


@contextlib.contextmanager
def silenced(jieba):
    """Mute jieba's own logger (and only it) while its dictionary loads; restore its level after."""
    logger = getattr(jieba, "default_logger", None) or logging.getLogger("jieba")
    old = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(old)


def dict_file() -> Path:
    """The path of jieba's ``dict.txt``, found without importing jieba."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("需要安装 jieba(分词):pip install jieba")
    return Path(next(iter(spec.submodule_search_locations))) / "dict.txt"


# --- the prefix dictionary, through jieba's own loader --------------------------------------------

_BASE: tuple[dict, int] | None = None
_BASE_LOCK = threading.Lock()


def _jieba_cache_file(jieba) -> tuple[str | None, str]:
    """Folder and name of the cache of jieba's main dictionary (the kit's cache folder, never the package)."""
    from ..storage import cache_root

    try:
        name = f"jieba-{jieba.__version__}-{os.path.getsize(dict_file())}.cache"
    except OSError:
        name = f"jieba-{jieba.__version__}.cache"
    folder = cache_root() / "jieba"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None, name  # jieba then uses the system temp folder
    return str(folder), name


def main_dictionary() -> tuple[dict, int]:
    """jieba's main prefix dictionary ``(FREQ, total)``, loaded once per process and never mutated."""
    global _BASE
    with _BASE_LOCK:
        if _BASE is None:
            jieba = import_jieba()
            loader = jieba.Tokenizer()
            loader.tmp_dir, loader.cache_file = _jieba_cache_file(jieba)
            with silenced(jieba):
                loader.initialize()
            _BASE = (loader.FREQ, loader.total)
        return _BASE


# --- the entries, read directly -------------------------------------------------------------------

def parse_entries(text: str) -> Iterable[tuple[str, str, str | None]]:
    """``(word, freq, tag)`` of every line of a dictionary in jieba's format (``tag`` None when absent;
    lines with fewer than two fields are skipped).

    >>> list(parse_entries("网格 120 n\\n网格员 3\\n"))
    [('网格', '120', 'n'), ('网格员', '3', None)]
    """
    fields = text.split()
    freqs = fields[1::3]
    if len(fields) == 3 * (text.count("\n") + (not text.endswith("\n"))) and all(map(str.isdigit, freqs)):
        # every line "word freq tag" (jieba's own file): one split of the whole text, several times faster
        return zip(fields[0::3], freqs, fields[2::3])
    rows = (line.split() for line in text.splitlines())
    return ((row[0], row[1], row[2] if len(row) > 2 else None) for row in rows if len(row) >= 2)


def _read() -> str:
    return dict_file().read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Words of 2–4 characters with frequency ≥ 3 in jieba's dictionary (Simplified).

    >>> words = common_words()
    >>> "治理" in words, "网格化管理" in words
    (True, False)
    """
    return frozenset(word for word, freq, _ in parse_entries(_read()) if 2 <= len(word) <= 4 and int(freq) >= 3)


@lru_cache(maxsize=1)
def word_tags() -> Mapping[str, str]:
    """jieba's dictionary: word → part-of-speech tag (``ns`` place name, ``nr`` personal name …).

    >>> tags = word_tags()
    >>> tags["江苏"], tags["治理"]
    ('ns', 'v')
    """
    return MappingProxyType({word: tag for word, _, tag in parse_entries(_read()) if tag is not None})
