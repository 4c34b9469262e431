"""jieba, imported and initialised quietly, and its main dictionary, read once per process and never
mutated (the kit's tokenizers add their own words on top, in their own objects)."""
from __future__ import annotations

import contextlib
import logging
import os
import threading
import warnings

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


_BASE: tuple[dict, int] | None = None
_BASE_LOCK = threading.Lock()


def _jieba_cache_file(jieba) -> tuple[str | None, str]:
    """Folder and name of the cache of jieba's main dictionary (the kit's cache folder, never the package)."""
    from ..storage import cache_root

    dict_txt = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    try:
        name = f"jieba-{jieba.__version__}-{os.path.getsize(dict_txt)}.cache"
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
