"""Before the batches: which short lines recur across the files of each folder (page furniture, see
:mod:`governance_kit.corpus.furniture`), so that every batch cleans its files as ``load_corpus`` does.

Each file is read and prepared once more for this (no model, no metadata); a file that cannot be
read counts for nothing here and is reported by its batch.
"""
from __future__ import annotations

from ..clean.cleaner import prepare_text
from ..clean.furniture import text_keys
from ..corpus.furniture import furniture_digest, recurring_lines, worth_surveying
from .jobs import FileJob

PARALLEL_MIN_FILES = 32


def line_keys_of(path: str) -> frozenset[int] | None:
    """Keys of a file's candidate furniture lines; None when it cannot be read (never raised)."""
    from ..io.reader import read_file

    try:
        return text_keys(prepare_text(read_file(path).text))
    except Exception:  # the batch reads the file again and reports why it failed
        return None


def survey_furniture(files: list[FileJob], workers: int) -> int:
    """Give each file the furniture lines it holds (``FileJob.furniture``) and fold their digest
    into its cache key; returns the number of files with furniture."""
    labels = [f.label for f in files]
    if not worth_surveying(labels):
        return 0
    paths = [f.path for f in files]
    if workers <= 1 or len(paths) < PARALLEL_MIN_FILES:
        keys = [line_keys_of(p) for p in paths]
    else:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers) as pool:
            keys = list(pool.map(line_keys_of, paths, chunksize=max(1, len(paths) // (workers * 8))))
    n = 0
    for f, lines in zip(files, recurring_lines(labels, keys)):
        if lines:
            n += 1
            f.furniture = lines
            if f.key:
                f.key = f"{f.key}:{furniture_digest(lines)}"
    return n
